"""Guatemala's departments and municipalities, in the official INE/RENAP code order.

A DPI (CUI) ends with the two-digit department code and the two-digit municipality code of the
place where the birth was registered; ``DEPARTMENTS`` lets the identity rules check them and the
screens show the place by name. A municipality's code is its position in ``municipalities`` + 1.

The table reflects the 340 municipalities existing today, including the most recent ones
(Sipacate 05-14, Las Cruces 17-13, El Chal 17-14, Petatán 13-33, San Jorge 19-11 and
La Blanca 12-30). Names are the usual official names, with accents.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Department:
    code: int
    name: str
    municipalities: tuple[str, ...]


def _department(code: int, name: str, *municipalities: str) -> Department:
    return Department(code, name, municipalities)


DEPARTMENTS: tuple[Department, ...] = (
    _department(
        1, "Guatemala",
        "Guatemala", "Santa Catarina Pinula", "San José Pinula", "San José del Golfo", "Palencia",
        "Chinautla", "San Pedro Ayampuc", "Mixco", "San Pedro Sacatepéquez",
        "San Juan Sacatepéquez", "San Raymundo", "Chuarrancho", "Fraijanes", "Amatitlán",
        "Villa Nueva", "Villa Canales", "San Miguel Petapa",
    ),
    _department(
        2, "El Progreso",
        "Guastatoya", "Morazán", "San Agustín Acasaguastlán", "San Cristóbal Acasaguastlán",
        "El Jícaro", "Sansare", "Sanarate", "San Antonio La Paz",
    ),
    _department(
        3, "Sacatepéquez",
        "Antigua Guatemala", "Jocotenango", "Pastores", "Sumpango", "Santo Domingo Xenacoj",
        "Santiago Sacatepéquez", "San Bartolomé Milpas Altas", "San Lucas Sacatepéquez",
        "Santa Lucía Milpas Altas", "Magdalena Milpas Altas", "Santa María de Jesús",
        "Ciudad Vieja", "San Miguel Dueñas", "San Juan Alotenango", "San Antonio Aguas Calientes",
        "Santa Catarina Barahona",
    ),
    _department(
        4, "Chimaltenango",
        "Chimaltenango", "San José Poaquil", "San Martín Jilotepeque", "San Juan Comalapa",
        "Santa Apolonia", "Tecpán Guatemala", "Patzún", "San Miguel Pochuta", "Patzicía",
        "Santa Cruz Balanyá", "Acatenango", "San Pedro Yepocapa", "San Andrés Itzapa", "Parramos",
        "Zaragoza", "El Tejar",
    ),
    _department(
        5, "Escuintla",
        "Escuintla", "Santa Lucía Cotzumalguapa", "La Democracia", "Siquinalá", "Masagua",
        "Tiquisate", "La Gomera", "Guanagazapa", "San José", "Iztapa", "Palín",
        "San Vicente Pacaya", "Nueva Concepción", "Sipacate",
    ),
    _department(
        6, "Santa Rosa",
        "Cuilapa", "Barberena", "Santa Rosa de Lima", "Casillas", "San Rafael Las Flores",
        "Oratorio", "San Juan Tecuaco", "Chiquimulilla", "Taxisco", "Santa María Ixhuatán",
        "Guazacapán", "Santa Cruz Naranjo", "Pueblo Nuevo Viñas", "Nueva Santa Rosa",
    ),
    _department(
        7, "Sololá",
        "Sololá", "San José Chacayá", "Santa María Visitación", "Santa Lucía Utatlán", "Nahualá",
        "Santa Catarina Ixtahuacán", "Santa Clara La Laguna", "Concepción",
        "San Andrés Semetabaj", "Panajachel", "Santa Catarina Palopó", "San Antonio Palopó",
        "San Lucas Tolimán", "Santa Cruz La Laguna", "San Pablo La Laguna", "San Marcos La Laguna",
        "San Juan La Laguna", "San Pedro La Laguna", "Santiago Atitlán",
    ),
    _department(
        8, "Totonicapán",
        "Totonicapán", "San Cristóbal Totonicapán", "San Francisco El Alto", "San Andrés Xecul",
        "Momostenango", "Santa María Chiquimula", "Santa Lucía La Reforma",
        "San Bartolo Aguas Calientes",
    ),
    _department(
        9, "Quetzaltenango",
        "Quetzaltenango", "Salcajá", "Olintepeque", "San Carlos Sija", "Sibilia", "Cabricán",
        "Cajolá", "San Miguel Sigüilá", "San Juan Ostuncalco", "San Mateo",
        "Concepción Chiquirichapa", "San Martín Sacatepéquez", "Almolonga", "Cantel", "Huitán",
        "Zunil", "Colomba Costa Cuca", "San Francisco La Unión", "El Palmar", "Coatepeque",
        "Génova", "Flores Costa Cuca", "La Esperanza", "Palestina de Los Altos",
    ),
    _department(
        10, "Suchitepéquez",
        "Mazatenango", "Cuyotenango", "San Francisco Zapotitlán", "San Bernardino",
        "San José El Ídolo", "Santo Domingo Suchitepéquez", "San Lorenzo", "Samayac",
        "San Pablo Jocopilas", "San Antonio Suchitepéquez", "San Miguel Panán", "San Gabriel",
        "Chicacao", "Patulul", "Santa Bárbara", "San Juan Bautista", "Santo Tomás La Unión",
        "Zunilito", "Pueblo Nuevo", "Río Bravo", "San José La Máquina",
    ),
    _department(
        11, "Retalhuleu",
        "Retalhuleu", "San Sebastián", "Santa Cruz Muluá", "San Martín Zapotitlán", "San Felipe",
        "San Andrés Villa Seca", "Champerico", "Nuevo San Carlos", "El Asintal",
    ),
    _department(
        12, "San Marcos",
        "San Marcos", "San Pedro Sacatepéquez", "San Antonio Sacatepéquez", "Comitancillo",
        "San Miguel Ixtahuacán", "Concepción Tutuapa", "Tacaná", "Sibinal", "Tajumulco",
        "Tejutla", "San Rafael Pie de la Cuesta", "Nuevo Progreso", "El Tumbador",
        "San José El Rodeo", "Malacatán", "Catarina", "Ayutla", "Ocós", "San Pablo",
        "El Quetzal", "La Reforma", "Pajapita", "Ixchiguán", "San José Ojetenam",
        "San Cristóbal Cucho", "Sipacapa", "Esquipulas Palo Gordo", "Río Blanco", "San Lorenzo",
        "La Blanca",
    ),
    _department(
        13, "Huehuetenango",
        "Huehuetenango", "Chiantla", "Malacatancito", "Cuilco", "Nentón", "San Pedro Necta",
        "Jacaltenango", "San Pedro Soloma", "San Ildefonso Ixtahuacán", "Santa Bárbara",
        "La Libertad", "La Democracia", "San Miguel Acatán", "San Rafael La Independencia",
        "Todos Santos Cuchumatán", "San Juan Atitán", "Santa Eulalia", "San Mateo Ixtatán",
        "Colotenango", "San Sebastián Huehuetenango", "Tectitán", "Concepción Huista",
        "San Juan Ixcoy", "San Antonio Huista", "San Sebastián Coatán", "Santa Cruz Barillas",
        "Aguacatán", "San Rafael Petzal", "San Gaspar Ixchil", "Santiago Chimaltenango",
        "Santa Ana Huista", "Unión Cantinil", "Petatán",
    ),
    _department(
        14, "Quiché",
        "Santa Cruz del Quiché", "Chiché", "Chinique", "Zacualpa", "Chajul", "Chichicastenango",
        "Patzité", "San Antonio Ilotenango", "San Pedro Jocopilas", "Cunén", "San Juan Cotzal",
        "Joyabaj", "Nebaj", "San Andrés Sajcabajá", "Uspantán", "Sacapulas",
        "San Bartolomé Jocotenango", "Canillá", "Chicamán", "Ixcán", "Pachalum",
    ),
    _department(
        15, "Baja Verapaz",
        "Salamá", "San Miguel Chicaj", "Rabinal", "Cubulco", "Granados", "Santa Cruz El Chol",
        "San Jerónimo", "Purulhá",
    ),
    _department(
        16, "Alta Verapaz",
        "Cobán", "Santa Cruz Verapaz", "San Cristóbal Verapaz", "Tactic", "Tamahú",
        "San Miguel Tucurú", "Panzós", "Senahú", "San Pedro Carchá", "San Juan Chamelco",
        "Lanquín", "Santa María Cahabón", "Chisec", "Chahal", "Fray Bartolomé de las Casas",
        "Santa Catalina La Tinta", "Raxruhá",
    ),
    _department(
        17, "Petén",
        "Flores", "San José", "San Benito", "San Andrés", "La Libertad", "San Francisco",
        "Santa Ana", "Dolores", "San Luis", "Sayaxché", "Melchor de Mencos", "Poptún",
        "Las Cruces", "El Chal",
    ),
    _department(
        18, "Izabal",
        "Puerto Barrios", "Livingston", "El Estor", "Morales", "Los Amates",
    ),
    _department(
        19, "Zacapa",
        "Zacapa", "Estanzuela", "Río Hondo", "Gualán", "Teculután", "Usumatlán", "Cabañas",
        "San Diego", "La Unión", "Huité", "San Jorge",
    ),
    _department(
        20, "Chiquimula",
        "Chiquimula", "San José La Arada", "San Juan Ermita", "Jocotán", "Camotán", "Olopa",
        "Esquipulas", "Concepción Las Minas", "Quezaltepeque", "San Jacinto", "Ipala",
    ),
    _department(
        21, "Jalapa",
        "Jalapa", "San Pedro Pinula", "San Luis Jilotepeque", "San Manuel Chaparrón",
        "San Carlos Alzatate", "Monjas", "Mataquescuintla",
    ),
    _department(
        22, "Jutiapa",
        "Jutiapa", "El Progreso", "Santa Catarina Mita", "Agua Blanca", "Asunción Mita",
        "Yupiltepeque", "Atescatempa", "Jerez", "El Adelanto", "Zapotitlán", "Comapa",
        "Jalpatagua", "Conguaco", "Moyuta", "Pasaco", "San José Acatempa", "Quesada",
    ),
)  # fmt: skip


def department(code: int) -> Department:
    """The department with this code (1..22); ValueError for any other code."""
    if isinstance(code, bool) or not 1 <= code <= len(DEPARTMENTS):
        raise ValueError(f"unknown department code: {code!r}")
    return DEPARTMENTS[code - 1]


def municipality_count(dept_code: int) -> int:
    """How many municipalities the department has (its highest municipality code)."""
    return len(department(dept_code).municipalities)


def municipality_name(dept_code: int, muni_code: int) -> str:
    """The municipality's name; ValueError if either code does not exist."""
    municipalities = department(dept_code).municipalities
    if isinstance(muni_code, bool) or not 1 <= muni_code <= len(municipalities):
        raise ValueError(f"unknown municipality code {muni_code!r} in department {dept_code}")
    return municipalities[muni_code - 1]
