"""What the convocatorias' seeder draws from: the posts the OJ calls for (their names, pay,
requirements and papers), the offices that are not courts, and where papers are handed in.

Kept apart from ``services/job_openings.py`` (every module there is a service). [F] where marked:
the laws (Decreto 48-99, Decreto 32-2016), the Palacio de Justicia's address, the Maya languages
of each department; the rest is [A]: the OJ publishes no such catalogue. Spanish, as the portal
writes it; the kiosk names posts in its own words (``kiosk.services.job_openings``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.geography import department, municipality_name
from kiosk.portal.models.job_openings import HiringLaw, JobDeliveryMode, JobPost


class Where(StrEnum):
    """Where a post works: which courts (kiosk.courts) or the offices below."""

    ANY_COURT = "any_court"  # a Juzgado de Primera Instancia, de Paz or a Tribunal de Sentencia
    FIRST_INSTANCE = "first_instance"  # a Juzgado de Primera Instancia or Tribunal de Sentencia
    PEACE = "peace"  # a Juzgado de Paz
    FAMILY = "family"  # a court of familia or niñez
    MAYA_COURT = "maya_court"  # a court of a department where a Maya language is spoken
    OFFICE = "office"  # an administrative office


@dataclass(frozen=True)
class PostSpec:
    post: JobPost
    name: str  # as the portal writes it (the index holds it)
    synonyms: str  # other words people use for it (indexed too)
    weight: float  # how often it is called for
    salary: int  # [A] monthly starting salary in 2021, quetzales; 3 % more a year
    places: tuple[int, int]
    applicants: tuple[int, int]  # an external call's; an internal one draws far fewer
    internal: float  # the share of its calls that are internal (promotions)
    where: Where
    requirements: tuple[str, ...]
    documents: tuple[str, ...] = ()  # beyond the common ones
    law: HiringLaw = HiringLaw.SERVICIO_CIVIL
    offices: tuple[str, ...] = ()  # Where.OFFICE: keys of OFFICES


_ADULT = "Ser guatemalteco, mayor de edad y estar en el pleno goce de sus derechos civiles."
_SCHOOL = "Título de nivel medio: bachiller, perito contador o secretariado."
_COMPUTER = "Conocimientos de computación: procesador de textos y hojas de cálculo."
_LAWYER = "Ser Abogado y Notario, colegiado activo."
_CLEAN = "No tener antecedentes penales ni policiales."

POSTS: tuple[PostSpec, ...] = (
    PostSpec(
        JobPost.OFICIAL_I, "Oficial I", "oficial de juzgado tramitador", 18, 5900, (1, 6),
        (150, 900), 0.15, Where.ANY_COURT,
        (_ADULT, _SCHOOL,
         "Estar inscrito en la carrera de Ciencias Jurídicas y Sociales (derecho), con el "
         "segundo semestre aprobado.",
         _COMPUTER, "Redacción y ortografía correctas.", _CLEAN),
        ("Certificación de cursos aprobados de la universidad.",),
    ),
    PostSpec(
        JobPost.OFICIAL_II, "Oficial II", "oficial de juzgado tramitador", 8, 6500, (1, 4),
        (80, 400), 0.6, Where.ANY_COURT,
        (_ADULT, "Cuarto semestre aprobado de Ciencias Jurídicas y Sociales (derecho).",
         "Un año de experiencia como Oficial I o en un bufete profesional.", _COMPUTER, _CLEAN),
        ("Certificación de cursos aprobados de la universidad.",),
    ),
    PostSpec(
        JobPost.OFICIAL_III, "Oficial III", "oficial de juzgado tramitador", 6, 7200, (1, 3),
        (60, 300), 0.7, Where.FIRST_INSTANCE,
        (_ADULT, "Sexto semestre aprobado de Ciencias Jurídicas y Sociales (derecho).",
         "Dos años de experiencia en la tramitación de expedientes judiciales.", _COMPUTER,
         _CLEAN),
        ("Certificación de cursos aprobados de la universidad.",),
    ),
    PostSpec(
        JobPost.NOTIFICADOR, "Notificador", "notificaciones notificar citaciones", 12, 5400, (1, 4),
        (100, 500), 0.2, Where.ANY_COURT,
        (_ADULT, _SCHOOL, "Licencia de conducir de motocicleta (tipo M) vigente.",
         "Disponibilidad para trabajar fuera de la oficina y movilizarse en el municipio.",
         _CLEAN),
        ("Fotocopia de la licencia de conducir.",),
    ),
    PostSpec(
        JobPost.COMISARIO, "Comisario", "archivo atención al público", 7, 5700, (1, 3),
        (80, 300), 0.3, Where.ANY_COURT,
        (_ADULT, _SCHOOL,
         "Seis meses de experiencia en archivo de documentos o en atención al público.",
         _COMPUTER, _CLEAN),
    ),
    PostSpec(
        JobPost.SECRETARIO, "Secretario de Juzgado", "secretaria secretario de tribunal", 5, 9800,
        (1, 1), (30, 150), 0.5, Where.FIRST_INSTANCE,
        (_ADULT, _LAWYER,
         "Dos años de ejercicio profesional o de experiencia en tribunales.",
         "Conocer la gestión de despacho judicial y el Sistema de Gestión de Tribunales.",
         _CLEAN),
        ("Constancia de colegiado activo del Colegio de Abogados y Notarios de Guatemala.",),
    ),
    PostSpec(
        JobPost.JUEZ_PAZ, "Juez de Paz", "jueza juez de paz judicatura", 5, 18500, (1, 1),
        (100, 600), 0.0, Where.PEACE,
        ("Ser guatemalteco de origen y estar en el pleno goce de sus derechos civiles.",
         _LAWYER, "Aprobar el curso de formación inicial de la Escuela de Estudios Judiciales.",
         "Aprobar las evaluaciones y la entrevista del Consejo de la Carrera Judicial.",
         "No tener procesos disciplinarios ni antecedentes penales."),
        ("Constancia de colegiado activo del Colegio de Abogados y Notarios de Guatemala.",
         "Ensayo sobre la justicia de paz, de dos páginas como máximo."),
        law=HiringLaw.CARRERA_JUDICIAL,
    ),
    PostSpec(
        JobPost.INTERPRETE, "Intérprete de idioma maya", "traductor interprete idiomas mayas", 4,
        6200, (1, 2), (5, 40), 0.1, Where.MAYA_COURT,
        (_ADULT, _SCHOOL,
         "Certificación de la Academia de Lenguas Mayas de Guatemala (ALMG) en el idioma.",
         _CLEAN),
        ("Certificación de la Academia de Lenguas Mayas de Guatemala.",),
    ),
    PostSpec(
        JobPost.PSICOLOGO, "Psicólogo", "psicologia psicologa equipo multidisciplinario", 3, 9200,
        (1, 1), (20, 120), 0.1, Where.FAMILY,
        (_ADULT, "Licenciatura en Psicología, colegiado activo.",
         "Un año de experiencia en atención a niños, adolescentes o familias.", _CLEAN),
        ("Constancia de colegiado activo del Colegio de Psicólogos de Guatemala.",),
    ),
    PostSpec(
        JobPost.TRABAJADOR_SOCIAL, "Trabajador social",
        "trabajadora social estudios socioeconomicos", 3, 8300, (1, 1), (20, 100), 0.1,
        Where.FAMILY,
        (_ADULT, "Licenciatura en Trabajo Social, colegiado activo.",
         "Un año de experiencia en estudios socioeconómicos o en visitas domiciliarias.",
         _CLEAN),
        ("Constancia de colegiado activo del Colegio Profesional de Trabajadores Sociales.",),
    ),
    PostSpec(
        JobPost.AUXILIAR_ADMINISTRATIVO, "Auxiliar administrativo", "oficina asistente secretaria",
        9, 5200, (1, 3), (200, 900), 0.25, Where.OFFICE,
        (_ADULT, _SCHOOL, _COMPUTER, "Un año de experiencia en trabajo de oficina.", _CLEAN),
        offices=("gerencia_rrhh", "gerencia_financiera", "archivo_general", "csaaj",
                 "escuela_judicial", "regional"),
    ),
    PostSpec(
        JobPost.TECNICO_INFORMATICA, "Técnico en informática",
        "computacion sistemas soporte tecnico redes computadoras", 5, 7700, (1, 2), (50, 250),
        0.2, Where.OFFICE,
        (_ADULT, "Título de Perito en Computación o estudios de Ingeniería en Sistemas.",
         "Un año de experiencia en soporte técnico, redes o mantenimiento de computadoras.",
         _CLEAN),
        offices=("cit", "regional"),
    ),
    PostSpec(
        JobPost.PILOTO, "Piloto", "chofer conductor motorista vehiculos", 5, 4900, (1, 2),
        (40, 200), 0.1, Where.OFFICE,
        (_ADULT, "Tercero básico aprobado.", "Licencia de conducir tipo A o B vigente.",
         "Tres años de experiencia como piloto de vehículos livianos o pesados.", _CLEAN),
        ("Fotocopia de la licencia de conducir.",),
        offices=("transportes", "regional"),
    ),
    PostSpec(
        JobPost.AGENTE_SEGURIDAD, "Agente de seguridad", "guardia vigilante seguridad", 5, 4700,
        (1, 4), (50, 300), 0.1, Where.OFFICE,
        (_ADULT, "Tercero básico aprobado.",
         "Licencia de portación de arma de la DIGECAM vigente.",
         "Haber prestado servicio en seguridad o en el ejército (deseable).", _CLEAN),
        ("Fotocopia de la licencia de portación de arma.",),
        offices=("seguridad", "regional"),
    ),
    PostSpec(
        JobPost.CONSERJE, "Conserje", "limpieza mantenimiento intendencia", 5, 4300, (1, 4),
        (80, 400), 0.1, Where.OFFICE,
        (_ADULT, "Sexto grado de primaria aprobado.",
         "Buena salud para el trabajo de limpieza y mantenimiento.", _CLEAN),
        offices=("torre_tribunales", "regional"),
    ),
)  # fmt: skip
POST_SPECS: dict[JobPost, PostSpec] = {spec.post: spec for spec in POSTS}

#: [A] every call asks for these papers, in this order, before the post's own
COMMON_DOCUMENTS = (
    "Formulario de solicitud de empleo del Organismo Judicial, lleno y firmado.",
    "Currículum vítae con fotografía reciente.",
    "Fotocopia del DPI, de los dos lados.",
    "Fotocopia de los títulos o diplomas que pide la convocatoria.",
    "Constancias de experiencia laboral, si la convocatoria la pide.",
    "Constancia de antecedentes penales y constancia de antecedentes policiales, vigentes.",
)
INTERNAL_DOCUMENT = (
    "Constancia de la dependencia donde trabaja y su última evaluación del desempeño."
)
INTERNAL_REQUIREMENT = "Trabajar en el Organismo Judicial, con un año de servicio como mínimo."

#: [F] the Maya languages spoken in each department (the first is asked of its interpreters)
LANGUAGES: dict[int, tuple[str, ...]] = {
    3: ("Kaqchikel",), 4: ("Kaqchikel",), 7: ("K'iche'", "Kaqchikel", "Tz'utujil"),
    8: ("K'iche'",), 9: ("K'iche'", "Mam"), 10: ("K'iche'",), 12: ("Mam",),
    13: ("Mam", "Q'anjob'al", "Chuj", "Popti'"), 14: ("K'iche'", "Ixil"), 15: ("Achi",),
    16: ("Q'eqchi'", "Poqomchi'"), 17: ("Q'eqchi'",), 18: ("Q'eqchi'", "Garífuna"),
    20: ("Ch'orti'",),
}  # fmt: skip


# --- offices that are not courts ------------------------------------------------------------------


@dataclass(frozen=True)
class Office:
    name: str
    department: int
    municipality: int


#: [A] the OJ's administrative offices in the capital (kiosk.geography codes)
OFFICES: dict[str, Office] = {
    "gerencia_rrhh": Office("Gerencia de Recursos Humanos", 1, 1),
    "gerencia_financiera": Office("Gerencia Financiera", 1, 1),
    "archivo_general": Office("Archivo General de Tribunales", 1, 1),
    "csaaj": Office("Centro de Servicios Auxiliares de la Administración de Justicia Penal", 1, 1),
    "escuela_judicial": Office("Escuela de Estudios Judiciales", 1, 1),
    "cit": Office("Centro de Informática y Telecomunicaciones", 1, 1),
    "transportes": Office("Sección de Transportes", 1, 1),
    "seguridad": Office("Unidad de Seguridad del Organismo Judicial", 1, 1),
    "torre_tribunales": Office("Administración de la Torre de Tribunales", 1, 1),
}


@dataclass(frozen=True)
class Region:
    name: str  # as it follows «Administración Regional»: "de Occidente", "del Sur"
    seat: tuple[int, int]  # its department and municipality
    departments: tuple[int, ...]
    where: tuple[float, float]  # [A] latitude, longitude of its office, for a map link


#: [A] the regional administrations; the capital's departments hand in at the Gerencia itself
REGIONS: tuple[Region, ...] = (
    Region("de Occidente", (9, 1), (7, 8, 9, 10, 11, 12), (14.8347, -91.5181)),
    Region("de Noroccidente", (13, 1), (13, 14), (15.3197, -91.4709)),
    Region("del Norte", (16, 1), (15, 16), (15.4708, -90.3711)),
    Region("de Petén", (17, 1), (17,), (16.9272, -89.8923)),
    Region("de Nororiente", (19, 1), (18, 19, 20), (14.9722, -89.5306)),
    Region("de Suroriente", (22, 1), (6, 21, 22), (14.2917, -89.8958)),
    Region("del Sur", (5, 1), (5,), (14.3050, -90.7850)),
)
REGION_OF: dict[int, Region] = {code: r for r in REGIONS for code in r.departments}


# --- where papers are handed in -------------------------------------------------------------------


@dataclass(frozen=True)
class Desk:
    """An office that receives papers in person, or the online page."""

    mode: JobDeliveryMode
    office: str
    address: str = ""
    hours: str = ""
    where: tuple[float, float] | None = None


OFFICE_HOURS = "De lunes a viernes, de 8:00 a 15:30."
#: [A] in person, papers are received until the office closes; online, until midnight
CLOSING_IN_PERSON = "15:30"
CLOSING_ONLINE = "23:59"
#: [A] the OJ's employment page (one address a convocatoria: its number)
ONLINE_URL = "https://empleos.oj.gob.gt/convocatorias/{number}"
CAPITAL = (14.6349, -90.5135)  # [A] the Palacio de Justicia, zona 1

DESKS: dict[str, Desk] = {
    "gerencia": Desk(
        JobDeliveryMode.PRESENCIAL,
        "Gerencia de Recursos Humanos, Sección de Reclutamiento y Selección de Personal",
        # [F] the Palacio de Justicia's address
        "21 calle 7-70, zona 1, Centro Cívico, Palacio de Justicia, 3.er nivel, ciudad de "
        "Guatemala.",
        OFFICE_HOURS,
        CAPITAL,
    ),
    "consejo": Desk(
        JobDeliveryMode.PRESENCIAL,
        "Consejo de la Carrera Judicial, Unidad de Evaluación del Desempeño y Convocatorias",
        "21 calle 7-70, zona 1, Centro Cívico, Palacio de Justicia, 5.º nivel, ciudad de "
        "Guatemala.",
        OFFICE_HOURS,
        CAPITAL,
    ),
    "en_linea": Desk(JobDeliveryMode.EN_LINEA, "Página de empleos del Organismo Judicial"),
}
for _region in REGIONS:
    DESKS[f"region_{_region.seat[0]}"] = Desk(
        JobDeliveryMode.PRESENCIAL,
        f"Recursos Humanos de la Administración Regional {_region.name}",
        f"Edificio de Tribunales, 2.º nivel, {municipality_name(*_region.seat)}, "
        f"{department(_region.seat[0]).name}.",
        OFFICE_HOURS,
        _region.where,
    )


def map_url(where: tuple[float, float]) -> str:
    latitude, longitude = where
    return (
        f"https://www.openstreetmap.org/?mlat={latitude:.4f}&mlon={longitude:.4f}"
        f"#map=18/{latitude:.4f}/{longitude:.4f}"
    )
