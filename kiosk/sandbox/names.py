"""Name data for the sandbox's civil registry and criminal records, as seen in Guatemala.

Spanish lists run from the most to the least common (the seed weights them by rank); Mayan given
names (K'iche', Kaqchikel, Q'eqchi', many of them nawales of the Mayan calendar) and surnames are
kept apart so the seed can use them more where most people are Mayan (Totonicapán, Sololá, Alta
Verapaz, Quiché, ...). Every name passes ``kiosk.identity.validate_name``. Courts are written as
the OJ names them; offenses as the Código Penal and the special laws name them.
"""

from __future__ import annotations

from dataclasses import dataclass

FEMALE_SPANISH_NAMES: tuple[str, ...] = (
    "María", "Ana", "Rosa", "Carmen", "Sandra", "Claudia", "Gloria", "Marta", "Lucía", "Karla",
    "Andrea", "Gabriela", "Sofía", "Alejandra", "Jennifer", "Dulce", "Mayra", "Evelyn", "Brenda",
    "Wendy", "Yesenia", "Ingrid", "Silvia", "Sonia", "Lorena", "Patricia", "Verónica", "Elena",
    "Julia", "Isabel", "Daniela", "Fernanda", "Valeria", "Mariana", "Paola", "Heidy", "Lilian",
    "Marleny", "Glenda", "Aura", "Blanca", "Irma", "Olga", "Dora", "Juana", "Francisca",
    "Josefa", "Catarina", "Magdalena", "Manuela", "Micaela", "Petrona", "Tomasa", "Candelaria",
    "Dominga", "Concepción", "Guadalupe", "Esperanza", "Teresa", "Margarita", "Victoria", "Estela",
    "Reyna", "Rebeca", "Sara", "Raquel", "Esther", "Ruth", "Noemí", "Débora", "Abigail",
    "Jessica", "Ashley", "Kimberly", "Katherine", "Nancy", "Karen", "Vivian", "Yolanda", "Amanda",
    "Flor", "Azucena", "Mirna", "Elvira", "Delfina", "Cristina", "Luisa", "Fabiola", "Rocío",
    "Alba", "Ángela", "Érica", "Susana", "Natalia", "Camila", "Valentina", "Isabella", "Ximena",
    "Regina", "Renata", "Marisol", "Yadira", "Lesbia", "Iris", "Nidia", "Aracely", "Celeste",
    "Maritza", "Jacqueline", "Cindy", "Melany", "Dayana", "Leticia", "Beatriz", "Adriana",
    "Mónica", "Diana", "Hilda", "Edna", "Elsa", "Zoila", "Marina", "Fidelina", "Eugenia",
    "Josefina", "Antonia", "Lidia", "Ofelia", "Rosaura", "Thelma", "Yanira", "Lourdes", "Mercedes",
    "Nayeli",
)  # fmt: skip

FEMALE_MAYAN_NAMES: tuple[str, ...] = (
    "Ixchel", "Ixmucané", "Ixquic", "Ixkik'", "Ixcanil", "Nicté", "Ixel", "Ixtzunún", "Ixim",
    "Ixq'anil", "Ixb'atz'", "Ixkawoq", "Ixnoj", "Ixkan", "Saqijix", "Ixmukane", "Sak'ik",
)  # fmt: skip

MALE_SPANISH_NAMES: tuple[str, ...] = (
    "José", "Juan", "Luis", "Carlos", "Jorge", "Mario", "Manuel", "Pedro", "Francisco", "Miguel",
    "Antonio", "Julio", "César", "Edgar", "Erick", "Oscar", "Víctor", "Hugo", "Byron", "Marvin",
    "Mynor", "Selvin", "Walter", "Wilson", "Kevin", "Brayan", "Cristian", "Diego", "Daniel",
    "David", "Alejandro", "Fernando", "Roberto", "Ricardo", "Rafael", "Sergio", "Alfredo",
    "Arturo", "Rolando", "Rigoberto", "Estuardo", "Gustavo", "Héctor", "Henry", "Elmer", "Edwin",
    "Ervin", "Fredy", "Gerson", "Herbert", "Jaime", "Javier", "Josué", "Lester", "Leonel",
    "Marco", "Martín", "Mauricio", "Nelson", "Otoniel", "Otto", "Pablo", "Ramiro", "Raúl", "René",
    "Rodolfo", "Romeo", "Rony", "Rubén", "Samuel", "Santiago", "Sebastián", "Tomás", "Alberto",
    "Andrés", "Ángel", "Armando", "Augusto", "Baltazar", "Benjamín", "Bernardo", "Calixto",
    "Cristóbal", "Domingo", "Eduardo", "Efraín", "Emilio", "Enrique", "Esteban", "Eugenio",
    "Felipe", "Félix", "Gabriel", "Gilberto", "Gonzalo", "Guillermo", "Ignacio", "Isaac", "Israel",
    "Jacinto", "Jesús", "Joaquín", "Jonathan", "Lorenzo", "Lucas", "Marcos", "Mateo", "Matías",
    "Maximiliano", "Moisés", "Nicolás", "Osberto", "Pascual", "Ramón", "Salvador", "Saúl",
    "Teodoro", "Timoteo", "Ubaldo", "Vicente", "Wilmer", "Yovani", "Anderson", "Jefferson",
    "Dylan", "Axel", "Emanuel", "Abner", "Abelardo", "Baudilio", "Cándido", "Celso", "Elías",
    "Gaspar", "Feliciano", "Isidro", "Jeremías", "Leonardo", "Nery", "Obdulio", "Porfirio",
    "Santos", "Ezequiel", "Alfonso",
)  # fmt: skip

MALE_MAYAN_NAMES: tuple[str, ...] = (
    "Tecún", "Kawoq", "Balam", "Ajpop", "Hunahpú", "Xbalanqué", "Tepeu", "Kan", "Noj", "Tojil",
    "Kame", "Imox", "Aq'ab'al", "Kej", "Q'anil", "Tz'ikin", "B'atz'", "Ajpu", "Iq'", "Ajmaq",
    "Tijax", "Kukulkán", "Gucumatz",
)  # fmt: skip

FEMALE_NAMES: tuple[str, ...] = FEMALE_SPANISH_NAMES + FEMALE_MAYAN_NAMES
MALE_NAMES: tuple[str, ...] = MALE_SPANISH_NAMES + MALE_MAYAN_NAMES

SPANISH_SURNAMES: tuple[str, ...] = (
    "García", "López", "Pérez", "Hernández", "González", "Rodríguez", "Morales", "Martínez",
    "Ramírez", "Castillo", "Juárez", "Méndez", "Sánchez", "Díaz", "Gómez", "Cruz", "Reyes",
    "Flores", "Ortiz", "Vásquez", "Alvarado", "Estrada", "Chávez", "Mejía", "Rivera", "Aguilar",
    "Barrios", "De León", "Orellana", "Monzón", "Cifuentes", "Recinos", "Arévalo", "Solís",
    "Girón", "Orozco", "Velásquez", "Fuentes", "Cabrera", "Escobar", "Figueroa", "Herrera",
    "Jiménez", "De la Cruz", "Lemus", "Marroquín", "Maldonado", "Nájera", "Ordóñez", "Paredes",
    "Quiñónez", "Rosales", "Salazar", "Santizo", "Sosa", "Soto", "Toledo", "Valdez", "Villatoro",
    "Zamora", "Zepeda", "Ávila", "Aldana", "Alonzo", "Archila", "Arriaga", "Barrera", "Barillas",
    "Bautista", "Bonilla", "Calderón", "Cano", "Carrillo", "Castañeda", "Castro", "Catalán",
    "Contreras", "Coronado", "Cordón", "Cuéllar", "Dávila", "De Paz", "De la Rosa", "Del Cid",
    "De Jesús", "Domínguez", "Donis", "Enríquez", "Escobedo", "España", "Fajardo", "Galindo",
    "Gálvez", "Godínez", "Guerra", "Guzmán", "Lima", "Linares", "Lucas", "Mazariegos", "Medina",
    "Melgar", "Mendoza", "Miranda", "Molina", "Montenegro", "Muñoz", "Noriega", "Ochoa", "Oliva",
    "Palacios", "Pineda", "Polanco", "Portillo", "Quevedo", "Ramos", "Roca", "Rojas", "Ruiz",
    "Samayoa", "Sandoval", "Santos", "Sierra", "Tejada", "Torres", "Urízar", "Valenzuela",
    "Vargas", "Vega", "Véliz", "Villagrán", "Yanes", "Zelada", "Zacarías", "Álvarez", "Cardona",
    "Chinchilla", "Lara", "Leiva", "Palma", "Rivas", "Tobar", "Guevara", "Castellanos",
    "De los Santos", "Del Valle", "Alvizures", "Marín", "Argueta", "Osorio",
)  # fmt: skip

MAYAN_SURNAMES: tuple[str, ...] = (
    "Xol", "Caal", "Tzul", "Ajú", "Coc", "Choc", "Pop", "Cuc", "Tiú", "Batz", "Xicará", "Chen",
    "Tiul", "Maquin", "Bac", "Chub", "Ical", "Tzi", "Cac", "Quej", "Xoy", "Chocooj", "Tut", "Chun",
    "Ixcoy", "Tzoc", "Tzunún", "Sicán", "Sipac", "Ajanel", "Ajquejay", "Ajcalón", "Ajtún", "Cojtí",
    "Chumil", "Coyoy", "Guarcas", "Ixcot", "Cumes", "Sotz", "Sinay", "Quisquiná", "Tum", "Yat",
    "Xiloj", "Tzoy", "Sac", "Chiquín", "Tecú", "Canel", "Pirir", "Socop", "Saquic", "Tuyuc", "Boc",
    "Cux", "Xitumul", "Cutzal", "Patzán",
)  # fmt: skip

SURNAMES: tuple[str, ...] = SPANISH_SURNAMES + MAYAN_SURNAMES


@dataclass(frozen=True)
class Court:
    name: str
    department: int  # where it sits (kiosk.geography code)


_PENAL = "Penal, Narcoactividad y Delitos contra el Ambiente"
_FEMICIDE = "Penal de Delitos de Femicidio y otras Formas de Violencia contra la Mujer"
_CAPITAL = "del departamento de Guatemala"


def _first_instance(place: str, ordinal: str = "") -> str:
    court = f"Juzgado {ordinal} de" if ordinal else "Juzgado de"
    return f"{court} Primera Instancia {_PENAL} {place}"


def _trial(place: str, ordinal: str = "") -> str:
    court = f"Tribunal {ordinal} de" if ordinal else "Tribunal de"
    return f"{court} Sentencia {_PENAL} {place}"


COURTS: tuple[Court, ...] = (
    Court(_first_instance(_CAPITAL, "Primero"), 1),
    Court(_first_instance(_CAPITAL, "Tercero"), 1),
    Court(_first_instance(_CAPITAL, "Séptimo"), 1),
    Court(_first_instance(_CAPITAL, "Undécimo"), 1),
    Court(_trial(_CAPITAL, "Primero"), 1),
    Court(_trial(_CAPITAL, "Segundo"), 1),
    Court(_trial(_CAPITAL, "Quinto"), 1),
    Court(_trial(_CAPITAL, "Décimo"), 1),
    Court(f"Juzgado de Primera Instancia {_FEMICIDE} {_CAPITAL}", 1),
    Court(f"Tribunal Primero de Sentencia {_FEMICIDE} y Violencia Sexual {_CAPITAL}", 1),
    Court(_first_instance("de Mixco"), 1),
    Court(_first_instance("de Villa Nueva"), 1),
    Court(_trial("de Mixco"), 1),
    Court("Juzgado de Paz Penal de Faltas de Turno de la ciudad de Guatemala", 1),
    Court(_first_instance("de Quetzaltenango", "Primero"), 9),
    Court(_first_instance("de Quetzaltenango", "Segundo"), 9),
    Court(_trial("de Quetzaltenango", "Primero"), 9),
    Court(_trial("de Quetzaltenango", "Segundo"), 9),
    Court(f"Juzgado de Primera Instancia {_FEMICIDE} de Quetzaltenango", 9),
    Court(_first_instance("de Huehuetenango"), 13),
    Court(_trial("de Huehuetenango"), 13),
    Court(_first_instance("de Cobán, Alta Verapaz"), 16),
    Court(_trial("de Cobán, Alta Verapaz"), 16),
    Court(f"Juzgado de Primera Instancia {_FEMICIDE} de Alta Verapaz", 16),
    Court(_first_instance("de San Marcos"), 12),
    Court(_trial("de San Marcos"), 12),
    Court(_first_instance("de Coatepeque, Quetzaltenango"), 9),
    Court(_first_instance("de Santa Cruz del Quiché"), 14),
    Court(_trial("de Santa Cruz del Quiché"), 14),
    Court(_first_instance("de Escuintla"), 5),
    Court(_trial("de Escuintla"), 5),
    Court(_first_instance("de Chimaltenango"), 4),
    Court(_trial("de Chimaltenango"), 4),
    Court(_trial("de Sacatepéquez"), 3),
    Court(_first_instance("de Mazatenango, Suchitepéquez"), 10),
    Court(_trial("de Retalhuleu"), 11),
    Court(_first_instance("de Totonicapán"), 8),
    Court(_trial("de Sololá"), 7),
    Court(_trial("de Petén"), 17),
    Court(_first_instance("de Izabal"), 18),
    Court(_trial("de Zacapa"), 19),
    Court(_trial("de Chiquimula"), 20),
    Court(_first_instance("de Jutiapa"), 22),
    Court(_trial("de Jalapa"), 21),
    Court(_first_instance("de Santa Rosa"), 6),
    Court(_trial("de Baja Verapaz"), 15),
    Court(_first_instance("de El Progreso"), 2),
)


@dataclass(frozen=True)
class Offense:
    name: str
    weight: int  # how often the seed picks it, relative to the others


OFFENSES: tuple[Offense, ...] = (
    Offense("Hurto", 14),
    Offense("Hurto agravado", 6),
    Offense("Robo", 8),
    Offense("Robo agravado", 7),
    Offense("Lesiones leves", 10),
    Offense("Lesiones graves", 3),
    Offense("Lesiones culposas", 4),
    Offense("Homicidio culposo", 3),
    Offense("Homicidio", 2),
    Offense("Asesinato", 1),
    Offense("Estafa propia", 6),
    Offense("Apropiación y retención indebidas", 3),
    Offense("Amenazas", 6),
    Offense("Allanamiento", 2),
    Offense("Daño", 3),
    Offense("Usurpación", 2),
    Offense("Falsedad material", 2),
    Offense("Uso de documentos falsificados", 2),
    Offense("Extorsión", 3),
    Offense("Portación ilegal de armas de fuego de uso civil y/o deportivas", 6),
    Offense("Tenencia ilegal de armas de fuego bélicas o de uso exclusivo del Ejército", 1),
    Offense("Posesión para el consumo", 7),
    Offense("Comercio, tráfico y almacenamiento ilícito", 2),
    Offense("Violencia contra la mujer", 6),
    Offense("Negación de asistencia económica", 4),
    Offense("Responsabilidad de conductores", 4),
    Offense("Cohecho activo", 1),
    Offense("Asociación ilícita", 1),
)
