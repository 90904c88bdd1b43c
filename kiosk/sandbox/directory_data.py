"""What the directory's seed draws from: where each department's seat is, how many people live
there, the capital's court buildings, the OJ's offices, the words a kind is searched by, and how
addresses, phones and emails are written.

Kept apart from ``services/directory.py`` (every module there is a service). [F] marks a fact
from public sources, approximate where said; everything else is [A], an assumption to replace
with the OJ's own catalogue of dependencias: nothing here is published as data.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.courts import Matter
from kiosk.portal.models.directory import EntryKind

DOMAIN = "oj.gob.gt"  # [F] the OJ's mail domain

#: [F, approximate] each departmental seat (municipality 1) as (latitude, longitude)
SEATS: dict[int, tuple[float, float]] = {
    1: (14.6276, -90.5145),  # Guatemala: the Centro Cívico, zona 1
    2: (14.8539, -90.0686),  # Guastatoya
    3: (14.5586, -90.7295),  # Antigua Guatemala
    4: (14.6611, -90.8197),  # Chimaltenango
    5: (14.3050, -90.7850),  # Escuintla
    6: (14.2786, -90.2986),  # Cuilapa
    7: (14.7731, -91.1831),  # Sololá
    8: (14.9108, -91.3611),  # Totonicapán
    9: (14.8347, -91.5181),  # Quetzaltenango
    10: (14.5342, -91.5031),  # Mazatenango
    11: (14.5369, -91.6778),  # Retalhuleu
    12: (14.9639, -91.7947),  # San Marcos
    13: (15.3197, -91.4708),  # Huehuetenango
    14: (15.0306, -91.1489),  # Santa Cruz del Quiché
    15: (15.1033, -90.3158),  # Salamá
    16: (15.4703, -90.3706),  # Cobán
    17: (16.9290, -89.8920),  # Flores
    18: (15.7278, -88.5944),  # Puerto Barrios
    19: (14.9722, -89.5306),  # Zacapa
    20: (14.8000, -89.5458),  # Chiquimula
    21: (14.6333, -89.9889),  # Jalapa
    22: (14.2917, -89.8958),  # Jutiapa
}

#: [F, approximate] seats of other municipalities with courts of their own: (dept, name) -> place
KNOWN_PLACES: dict[tuple[int, str], tuple[float, float]] = {
    # every municipality of Guatemala department, where most visitors are
    (1, "Santa Catarina Pinula"): (14.5697, -90.4953),
    (1, "San José Pinula"): (14.5458, -90.4114),
    (1, "San José del Golfo"): (14.7611, -90.3764),
    (1, "Palencia"): (14.6647, -90.3586),
    (1, "Chinautla"): (14.7028, -90.5000),
    (1, "San Pedro Ayampuc"): (14.7878, -90.4514),
    (1, "Mixco"): (14.6333, -90.6064),
    (1, "San Pedro Sacatepéquez"): (14.6850, -90.6425),
    (1, "San Raymundo"): (14.7647, -90.5950),
    (1, "Chuarrancho"): (14.8181, -90.5133),
    (1, "Fraijanes"): (14.4650, -90.4406),
    (1, "Villa Canales"): (14.4811, -90.5336),
    (1, "San Miguel Petapa"): (14.5000, -90.5611),
    (1, "Villa Nueva"): (14.5269, -90.5875),
    (1, "Amatitlán"): (14.4775, -90.6150),
    (1, "San Juan Sacatepéquez"): (14.7189, -90.6442),
    (3, "Ciudad Vieja"): (14.5236, -90.7608),
    (4, "Tecpán Guatemala"): (14.7622, -90.9942),
    (5, "Santa Lucía Cotzumalguapa"): (14.3333, -91.0167),
    (5, "Tiquisate"): (14.2833, -91.3667),
    (6, "Chiquimulilla"): (14.0858, -90.3803),
    (7, "Panajachel"): (14.7403, -91.1583),
    (7, "Santiago Atitlán"): (14.6383, -91.2297),
    (9, "Coatepeque"): (14.7033, -91.8633),
    (12, "Malacatán"): (14.9108, -92.0581),
    (13, "Santa Eulalia"): (15.7333, -91.4583),
    (13, "La Democracia"): (15.6333, -91.8833),
    (14, "Chichicastenango"): (14.9442, -91.1110),
    (14, "Nebaj"): (15.4058, -91.1464),
    (14, "Ixcán"): (15.9833, -90.7833),
    (16, "San Pedro Carchá"): (15.4772, -90.3119),
    (16, "Fray Bartolomé de las Casas"): (15.8167, -89.8667),
    (17, "San Benito"): (16.9167, -89.9000),
    (17, "Poptún"): (16.3311, -89.4169),
    (17, "Sayaxché"): (16.5239, -90.1900),
    (18, "Morales"): (15.4725, -88.8414),
    (20, "Esquipulas"): (14.5636, -89.3508),
    (22, "Asunción Mita"): (14.3308, -89.7094),
}

#: [A] how far a department's municipal seats lie from its seat, at most (km): about its size
RADIUS_KM: dict[int, float] = {
    1: 22, 2: 30, 3: 14, 4: 28, 5: 40, 6: 32, 7: 18, 8: 16, 9: 32, 10: 35, 11: 25, 12: 42,
    13: 60, 14: 55, 15: 35, 16: 65, 17: 120, 18: 60, 19: 35, 20: 35, 21: 28, 22: 35,
}  # fmt: skip

#: [F, approximate: 2018 census] people per department, in thousands: mediation centres follow it
POPULATION: dict[int, int] = {
    1: 3015, 2: 177, 3: 330, 4: 616, 5: 733, 6: 397, 7: 422, 8: 419, 9: 799, 10: 555, 11: 327,
    12: 1032, 13: 1171, 14: 949, 15: 299, 16: 1215, 17: 546, 18: 409, 19: 245, 20: 415,
    21: 343, 22: 488,
}  # fmt: skip

#: [A] the first three digits of landlines outside the capital area (which begin with 2)
PHONE_PREFIXES: dict[int, str] = {
    2: "794", 3: "783", 4: "783", 5: "788", 6: "788", 7: "776", 8: "766", 9: "776", 10: "787",
    11: "771", 12: "760", 13: "764", 14: "755", 15: "794", 16: "795", 17: "792", 18: "794",
    19: "794", 20: "794", 21: "792", 22: "784",
}  # fmt: skip

#: [A] the OJ's switchboard in the Palacio de Justicia and the Torre de Tribunales
SWITCHBOARD = "24267000"


# --- the capital's court buildings ([A] but the Palacio de Justicia's address, [F]) ---------------


@dataclass(frozen=True)
class Building:
    name: str
    address: str
    place: tuple[float, float]
    switchboard: bool  # reached through the OJ's switchboard, each office by its extension


PALACIO = Building(
    "Palacio de Justicia",
    "21 calle 7-70, zona 1, Centro Cívico",  # [F]
    (14.6276, -90.5145),
    switchboard=True,
)
TORRE = Building(
    "Torre de Tribunales",
    "21 calle y 9a. avenida, zona 1, Centro Cívico",
    (14.6283, -90.5131),
    switchboard=True,
)
CIVIL = Building(
    "Edificio de Juzgados Civiles", "8a. avenida 10-67, zona 1", (14.6392, -90.5121), False
)
FAMILY = Building(
    "Centro de Justicia de Familia", "15 calle 9-38, zona 1", (14.6331, -90.5108), False
)
LABOUR = Building(
    "Centro de Justicia Laboral", "7a. avenida 3-47, zona 4", (14.6224, -90.5152), False
)
CHILDREN = Building(
    "Juzgados de la Niñez y Adolescencia", "6a. avenida 14-28, zona 1", (14.6355, -90.5139), False
)
ADMINISTRATION = Building(
    "Centro Administrativo del Organismo Judicial",
    "8a. avenida 21-23, zona 1, Centro Cívico",
    (14.6271, -90.5126),
    switchboard=True,
)

#: [A] where the capital's Juzgados de Paz sit: one zone each, in declaration order
CAPITAL_PAZ_ZONES = (1, 5, 7, 12, 18, 21, 6, 11, 3, 1, 13)


# --- the offices ([A] the list follows the OJ's organisation chart; addresses are assumptions) ----


@dataclass(frozen=True)
class Office:
    name: str
    about: str  # what it does, in a visitor's words
    email: str  # the part before @
    building: Building | None = None  # the capital's; None: the seat's own address
    department: int = 1  # where it is (at the seat)
    municipality: int = 1
    level: str = ""  # the floor, in a shared building
    hours: tuple[str, str] = ("08:00", "16:00")


OFFICES: tuple[Office, ...] = (
    Office("Presidencia del Organismo Judicial y de la Corte Suprema de Justicia",
           "Dirige el Organismo Judicial y preside la Corte Suprema de Justicia.",
           "presidencia", PALACIO, level="12.º nivel"),
    Office("Secretaría General de la Presidencia del Organismo Judicial",
           "Recibe la correspondencia dirigida a la Presidencia y da trámite a sus acuerdos.",
           "secretaria.general", PALACIO, level="12.º nivel"),
    Office("Secretaría de la Corte Suprema de Justicia",
           "Recibe los memoriales dirigidos a la Corte Suprema de Justicia y notifica sus "
           "resoluciones.", "secretaria.csj", PALACIO, level="2.º nivel", hours=("08:00", "15:30")),
    Office("Gerencia General", "Administra los recursos del Organismo Judicial.",
           "gerencia.general", ADMINISTRATION, level="5.º nivel"),
    Office("Gerencia Financiera",
           "Presupuesto, pagos a proveedores y depósitos judiciales.", "gerencia.financiera",
           ADMINISTRATION, level="4.º nivel"),
    Office("Gerencia de Recursos Humanos",
           "Convocatorias, contratación y constancias del personal del Organismo Judicial.",
           "rrhh", ADMINISTRATION, level="3.er nivel"),
    Office("Gerencia Administrativa",
           "Compras, edificios, transporte y servicios generales.", "gerencia.administrativa",
           ADMINISTRATION, level="2.º nivel"),
    Office("Unidad de Información Pública",
           "Recibe y responde las solicitudes de información pública (Decreto 57-2008).",
           "informacion.publica", PALACIO, level="1.er nivel"),
    Office("Archivo General de Tribunales",
           "Guarda los expedientes terminados; allí se piden copias y certificaciones.",
           "archivo.tribunales", Building("Archivo General de Tribunales",
                                          "9a. avenida 13-58, zona 1", (14.6378, -90.5117),
                                          False), hours=("08:00", "15:30")),
    Office("Centro de Servicios Auxiliares de la Administración de Justicia",
           "Recibe demandas y memoriales, los reparte entre los juzgados y hace las "
           "notificaciones.", "csaaj", TORRE, level="Sótano", hours=("08:00", "15:30")),
    Office("Supervisión General de Tribunales",
           "Recibe quejas sobre el servicio de los juzgados y de su personal.", "supervision",
           PALACIO, level="9.º nivel"),
    Office("Escuela de Estudios Judiciales",
           "Forma y capacita a jueces, magistrados y personal auxiliar.", "escuela.judicial",
           Building("Escuela de Estudios Judiciales", "2a. avenida 4-20, zona 10",
                    (14.6078, -90.5153), False)),
    Office("Unidad de la Mujer y Análisis de Género",
           "Promueve la igualdad de género en el servicio de justicia.", "unidad.mujer",
           PALACIO, level="10.º nivel"),
    Office("Centro Administrativo de Gestión Penal",
           "Recibe los casos penales, los asigna a los juzgados y programa las audiencias.",
           "cagp", TORRE, level="1.er nivel", hours=("08:00", "15:30")),
    Office("Centro de Justicia de Familia",
           "Reúne juzgados de familia con trabajo social, psicología y atención a la víctima.",
           "cjf.guatemala", FAMILY, level="1.er nivel", hours=("08:00", "15:30")),
    Office("Unidad de Resolución Alterna de Conflictos",
           "Coordina los Centros de Mediación del Organismo Judicial.", "rac",
           ADMINISTRATION, level="6.º nivel"),
    Office("Coordinación de Facilitadores Judiciales",
           "Coordina a los facilitadores judiciales que nombran los jueces de paz.",
           "facilitadores", ADMINISTRATION, level="6.º nivel"),
    Office("Centro Nacional de Análisis y Documentación Judicial",
           "Publica la jurisprudencia, las leyes y los acuerdos de la Corte Suprema de Justicia.",
           "cenadoj", PALACIO, level="3.er nivel"),
    Office("Unidad de Asuntos Indígenas",
           "Promueve el acceso a la justicia en los idiomas mayas, garífuna y xinka.",
           "asuntos.indigenas", PALACIO, level="10.º nivel"),
    Office("Centro de Informática y Telecomunicaciones",
           "Sistemas del Organismo Judicial, incluido el Portal de Servicios Electrónicos.",
           "cit", ADMINISTRATION, level="7.º nivel"),
    Office("Unidad de Capacitación Institucional",
           "Capacita al personal administrativo del Organismo Judicial.", "capacitacion",
           ADMINISTRATION, level="8.º nivel"),
    Office("Almacén Judicial",
           "Guarda los objetos y las pruebas que los juzgados le entregan.", "almacen.judicial",
           Building("Almacén Judicial", "Calzada Atanasio Tzul 21-00, zona 12",
                    (14.5954, -90.5306), False), hours=("08:00", "15:30")),
    Office("Departamento de Comunicación Social",
           "Informa a la prensa y al público sobre el Organismo Judicial.", "comunicacion",
           PALACIO, level="11.º nivel"),
    Office("Centro de Justicia de Familia de Mixco",
           "Reúne juzgados de familia con trabajo social, psicología y atención a la víctima.",
           "cjf.mixco", municipality=8, hours=("08:00", "15:30")),
    Office("Centro de Justicia de Familia de Villa Nueva",
           "Reúne juzgados de familia con trabajo social, psicología y atención a la víctima.",
           "cjf.villanueva", municipality=15, hours=("08:00", "15:30")),
    Office("Centro de Justicia de Familia de Quetzaltenango",
           "Reúne juzgados de familia con trabajo social, psicología y atención a la víctima.",
           "cjf.quetzaltenango", department=9, hours=("08:00", "15:30")),
    Office("Archivo Regional de Tribunales de Quetzaltenango",
           "Guarda los expedientes terminados de la región; allí se piden copias.",
           "archivo.quetzaltenango", department=9, hours=("08:00", "15:30")),
    Office("Archivo Regional de Tribunales de Alta Verapaz",
           "Guarda los expedientes terminados de la región; allí se piden copias.",
           "archivo.coban", department=16, hours=("08:00", "15:30")),
    Office("Escuela de Estudios Judiciales, sede de Quetzaltenango",
           "Forma y capacita a jueces y personal auxiliar del occidente del país.",
           "escuela.quetzaltenango", department=9),
    Office("Delegación de Supervisión General de Tribunales de Quetzaltenango",
           "Recibe quejas sobre el servicio de los juzgados del occidente del país.",
           "supervision.quetzaltenango", department=9),
    Office("Delegación de Recursos Humanos de Quetzaltenango",
           "Convocatorias y trámites del personal del occidente del país.",
           "rrhh.quetzaltenango", department=9),
    Office("Delegación de Recursos Humanos de Alta Verapaz",
           "Convocatorias y trámites del personal del norte del país.", "rrhh.coban",
           department=16),
    Office("Delegación de Recursos Humanos de Petén",
           "Convocatorias y trámites del personal de Petén.", "rrhh.peten", department=17),
    Office("Delegación de Recursos Humanos de Zacapa",
           "Convocatorias y trámites del personal del oriente del país.", "rrhh.zacapa",
           department=19),
)  # fmt: skip

#: [A] a Centro Administrativo de Gestión Penal at every departmental seat but the capital's
REGIONAL_PENAL_CENTRE = (
    "Centro Administrativo de Gestión Penal de {department}",
    "Recibe los casos penales del departamento, los asigna a los juzgados y programa las "
    "audiencias.",
)


# --- how many: mediation centres and facilitadores ([F] totals) -----------------------------------

MEDIATION_CENTRES = 80  # [F] about 80 Centros de Mediación
#: [A] the capital city's centres, by the zone each sits in
CAPITAL_MEDIATION_ZONES = (1, 18, 7, 12, 6)
FACILITADORES_MUNICIPALITIES = 213  # [F] facilitadores judiciales in 213 municipalities (2019)


# --- words: what a kind and a matter are searched by (indexed, not shown) -------------------------

KIND_WORDS: dict[EntryKind, str] = {
    EntryKind.CSJ: "Corte Suprema de Justicia",
    EntryKind.SALA: "Sala de la Corte de Apelaciones",
    EntryKind.PRIMERA_INSTANCIA: "Juzgado de Primera Instancia",
    EntryKind.SENTENCIA: "Tribunal de Sentencia",
    EntryKind.PAZ: "Juzgado de Paz",
    EntryKind.OFICINA: "Oficina administrativa",
    EntryKind.MEDIACION: "Centro de Mediación, conciliación, resolución alterna de conflictos",
    EntryKind.FACILITADORES: "Facilitadores Judiciales",
}

MATTER_WORDS: dict[Matter, str] = {
    Matter.PENAL: "penal",
    Matter.CIVIL: "civil mercantil",
    Matter.FAMILIA: "familia",
    Matter.TRABAJO: "trabajo previsión social laboral",
    Matter.NINEZ: "niñez adolescencia",
    Matter.FEMICIDIO: "femicidio violencia contra la mujer",
    Matter.MAYOR_RIESGO: "mayor riesgo",
    Matter.MIXTO: "mixto",
    Matter.AMPARO: "amparo",
    Matter.ANTEJUICIO: "antejuicio",
}
#: [A] a Juzgado de Paz hears every small matter: indexing them all would answer «familia» with
#: all 372 of them, so it is found by what sets it apart
PAZ_WORDS = "faltas menor cuantía"


# --- addresses outside the capital ----------------------------------------------------------------

#: [A] how a Juzgado de Paz's address is written in a municipality ({street}: a street address)
TOWN_ADDRESSES = (
    "Barrio El Centro, frente al parque central",
    "Edificio municipal, segundo nivel, frente al parque central",
    "{street}, zona 1, Barrio El Centro",
    "Cantón Central, a un costado de la municipalidad",
    "{street}, Barrio San Sebastián",
    "{street}, zona 1",
)
#: [A] the building of a seat's courts
SEAT_BUILDINGS = ("Centro Regional de Justicia", "Edificio de Tribunales")
