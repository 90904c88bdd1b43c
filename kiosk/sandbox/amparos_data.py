"""What the amparo seeder draws from: which tribunals hear amparos and how many, the matters they
come from, the autoridades impugnadas, the actos reclamados and who files them (how an amparo
then moves is ``amparos_scripts.py``).

[F] Decreto 1-86 arts. 11-13 shape who hears an amparo against whom: the CSJ hears those against
the Salas de Apelaciones, ministers, the Tribunal Supremo Electoral, the Fiscal General...; a Sala
those against judges of first instance, vice-ministers, directors-general, the municipal councils
of departmental seats, autonomous bodies; a Juzgado de Primera Instancia those against juzgados
de paz, the other municipalities and the police. Everything else here is [A]: the OJ publishes no
such data. Kept apart from ``services/amparos.py`` (every module there is a service).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.courts import COURTS, Court, CourtKind, Matter, courts_in
from kiosk.geography import DEPARTMENTS, department
from kiosk.portal.models.amparos import AmparoMatter
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, Weighted

M = AmparoMatter
RESERVED_MATTERS = frozenset({M.FAMILIA, M.NINEZ})
SEXUAL_SHARE = 0.07  # [A] penal amparos about a sexual crime: reserved like family matters
SEXUAL_SHARE_FEMICIDE = 0.3  # at the courts for violence against women

# --- which tribunals, how many amparos each -------------------------------------------------------

#: [A] the CSJ takes the biggest share; Salas of the capital twice a regional Sala's
CSJ_SHARE, SALAS_SHARE, JUZGADOS_SHARE = 0.38, 0.40, 0.22
#: [A] the capital's Salas also hear the departments that have none of their own
CAPITAL_SALAS_COVER = (1, 2, 6, 7, 8, 15)

# how a first-instance court's own matters turn into amparo matters
_FROM_COURT: dict[Matter, dict[AmparoMatter, float]] = {
    Matter.PENAL: {M.PENAL: 1.0},
    Matter.FEMICIDIO: {M.PENAL: 1.0},
    Matter.MAYOR_RIESGO: {M.PENAL: 1.0},
    Matter.CIVIL: {M.CIVIL: 0.6, M.ADMINISTRATIVO: 0.4},
    Matter.FAMILIA: {M.FAMILIA: 1.0},
    Matter.TRABAJO: {M.LABORAL: 0.8, M.ADMINISTRATIVO: 0.2},
    Matter.NINEZ: {M.NINEZ: 1.0},
}
#: [A] in a court of several matters (a regional Sala, a mixed juzgado), how much each weighs
_MIXED: dict[Matter, float] = {
    Matter.PENAL: 2.0, Matter.CIVIL: 1.0, Matter.TRABAJO: 0.8, Matter.FAMILIA: 0.6,
    Matter.NINEZ: 0.3,
}  # fmt: skip
_SALA_CIVIL = {M.CIVIL: 0.55, M.ADMINISTRATIVO: 0.3, M.TRIBUTARIO: 0.15}
_CSJ_MATTERS = {
    M.PENAL: 26, M.CIVIL: 24, M.ADMINISTRATIVO: 20, M.LABORAL: 14, M.TRIBUTARIO: 8,
    M.FAMILIA: 6, M.NINEZ: 2,
}  # fmt: skip
# the court matter a lower court must hear to be the authority in an amparo of this matter
_LOWER: dict[AmparoMatter, Matter] = {
    M.PENAL: Matter.PENAL, M.CIVIL: Matter.CIVIL, M.LABORAL: Matter.TRABAJO,
    M.FAMILIA: Matter.FAMILIA, M.NINEZ: Matter.NINEZ,
}  # fmt: skip
#: [A] how often the authority is a court (not an office), by the tribunal's rank and matter
JUDICIAL_SHARE: dict[CourtKind, dict[AmparoMatter, float]] = {
    CourtKind.CSJ: {
        M.PENAL: 0.85, M.CIVIL: 0.9, M.LABORAL: 0.7, M.FAMILIA: 0.9, M.NINEZ: 0.7,
        M.ADMINISTRATIVO: 0.45, M.TRIBUTARIO: 0.9,
    },
    CourtKind.SALA: {
        M.PENAL: 0.75, M.CIVIL: 0.75, M.LABORAL: 0.55, M.FAMILIA: 0.85, M.NINEZ: 0.6,
        M.ADMINISTRATIVO: 0.0, M.TRIBUTARIO: 0.0,
    },
    CourtKind.PRIMERA_INSTANCIA: {
        M.PENAL: 0.6, M.CIVIL: 0.5, M.LABORAL: 0.3, M.FAMILIA: 0.7, M.NINEZ: 0.0,
        M.ADMINISTRATIVO: 0.0, M.TRIBUTARIO: 0.0,
    },
}  # fmt: skip

# --- the autoridades impugnadas ------------------------------------------------------------------

_CONTENCIOSO = tuple(
    f"Sala {ordinal} del Tribunal de lo Contencioso-Administrativo"
    for ordinal in ("Primera", "Segunda", "Tercera", "Cuarta", "Quinta", "Sexta")
)
_CSJ_OFFICES: dict[AmparoMatter, tuple[str, ...]] = {
    M.PENAL: ("Fiscal General de la República y Jefe del Ministerio Público",
              "Ministro de Gobernación"),
    M.CIVIL: ("Ministro de Economía", "Ministro de Agricultura, Ganadería y Alimentación"),
    M.LABORAL: ("Ministro de Trabajo y Previsión Social",
                "Junta Directiva del Instituto Guatemalteco de Seguridad Social"),
    M.ADMINISTRATIVO: (
        "Ministro de Comunicaciones, Infraestructura y Vivienda",
        "Ministro de Ambiente y Recursos Naturales",
        "Ministro de Salud Pública y Asistencia Social",
        "Ministro de Educación", "Ministro de Energía y Minas", "Tribunal Supremo Electoral",
        "Procurador General de la Nación", "Contralor General de Cuentas",
    ),
    M.TRIBUTARIO: ("Directorio de la Superintendencia de Administración Tributaria",),
    M.FAMILIA: ("Directorio del Registro Nacional de las Personas",),
    M.NINEZ: ("Ministro de Educación", "Secretaría de Bienestar Social de la Presidencia"),
}  # fmt: skip
_SALA_OFFICES: dict[AmparoMatter, tuple[str, ...]] = {
    M.PENAL: ("Director General de la Policía Nacional Civil",
              "Director General del Sistema Penitenciario"),
    M.CIVIL: ("Registrador General de la Propiedad", "Registro Mercantil General de la República"),
    M.LABORAL: ("Gerente del Instituto Guatemalteco de Seguridad Social",
                "Inspector General de Trabajo"),
    M.ADMINISTRATIVO: (
        "Viceministro de Salud Pública y Asistencia Social",
        "Viceministro de Comunicaciones, Infraestructura y Vivienda", "Director General de Caminos",
        "Consejo Superior Universitario de la Universidad de San Carlos de Guatemala",
        "Junta Directiva del Colegio de Abogados y Notarios de Guatemala",
        "Gerente General del Instituto Nacional de Electrificación",
    ),
    M.TRIBUTARIO: ("Superintendente de Administración Tributaria",
                   "Intendente de Aduanas de la Superintendencia de Administración Tributaria"),
    M.FAMILIA: ("Director Ejecutivo del Registro Nacional de las Personas",),
    M.NINEZ: (
        "Procuraduría de la Niñez y la Adolescencia de la Procuraduría General de la Nación",
    ),
}  # fmt: skip

#: every authority's name once; amparos store its position
AUTHORITIES: list[str] = []
_AUTHORITY_CODES: dict[str, int] = {}


def authority_code(name: str) -> int:
    code = _AUTHORITY_CODES.get(name)
    if code is None:
        code = _AUTHORITY_CODES[name] = len(AUTHORITIES)
        AUTHORITIES.append(name)
    return code


def _codes(names: Iterable[str]) -> tuple[int, ...]:
    return tuple(authority_code(name) for name in names)


# --- the actos reclamados: (matter, whether the authority is a court) -> short texts -------------

ACTOS: dict[tuple[AmparoMatter, bool], tuple[str, ...]] = {
    (M.PENAL, True): (
        "La resolución que denegó la medida sustitutiva de la prisión preventiva.",
        "El auto que declaró sin lugar la excepción de falta de acción.",
        "La negativa a señalar audiencia para revisar la medida de coerción.",
        "La resolución que ordenó el embargo de cuentas bancarias.",
        "La resolución que rechazó el recurso de apelación.",
        "El auto de procesamiento dictado en el proceso penal.",
    ),
    (M.PENAL, False): (
        "La negativa a devolver un vehículo retenido.",
        "La demora en resolver la solicitud de desestimación de la denuncia.",
        "El traslado a otro centro de detención sin orden de juez.",
    ),
    (M.CIVIL, True): (
        "El auto que declaró sin lugar la nulidad planteada en el juicio ejecutivo.",
        "La resolución que ordenó el lanzamiento del inmueble.",
        "La sentencia de segunda instancia dictada en el juicio ordinario.",
        "La resolución que rechazó la prueba ofrecida.",
        "El embargo de un inmueble decretado en el juicio ejecutivo.",
    ),
    (M.CIVIL, False): (
        "La inscripción de un inmueble a nombre de otra persona.",
        "La negativa a inscribir una escritura de compraventa.",
        "La cancelación de la inscripción de una sociedad mercantil.",
    ),
    (M.LABORAL, True): (
        "La resolución que ordenó reinstalar al trabajador.",
        "La sentencia que condenó al pago de indemnización y prestaciones.",
        "El embargo de cuentas decretado en la ejecución laboral.",
    ),
    (M.LABORAL, False): (
        "La destitución del puesto sin seguir el procedimiento disciplinario.",
        "La suspensión del pago de la pensión por invalidez.",
        "La negativa a pagar los salarios atrasados.",
    ),
    (M.ADMINISTRATIVO, True): (
        "La sentencia del Tribunal de lo Contencioso-Administrativo que confirmó una multa.",
        "La sentencia que declaró sin lugar el proceso contencioso-administrativo.",
    ),
    (M.ADMINISTRATIVO, False): (
        "La cancelación de la licencia de funcionamiento del negocio.",
        "La orden de demoler una construcción.",
        "La negativa a entregar información pública solicitada.",
        "El corte del servicio de agua potable.",
        "La denegatoria de la licencia ambiental.",
        "El cierre de la calle de acceso al vecindario.",
        "La retención de la licencia de conducir.",
        "La falta de respuesta a una petición en el plazo de la ley.",
    ),
    (M.TRIBUTARIO, True): (
        "La sentencia del Tribunal de lo Contencioso-Administrativo sobre un ajuste de impuestos.",
    ),
    (M.TRIBUTARIO, False): (
        "El ajuste al Impuesto Sobre la Renta formulado por la SAT.",
        "El cierre temporal del establecimiento por no emitir facturas.",
        "La retención de mercancías en la aduana.",
    ),
    (M.FAMILIA, True): (
        "La resolución que fijó la pensión alimenticia provisional.",
        "La resolución que reguló las visitas con los hijos.",
        "Las medidas de seguridad dictadas por violencia intrafamiliar.",
    ),
    (M.FAMILIA, False): ("La negativa a inscribir el reconocimiento de un hijo.",),
    (M.NINEZ, True): (
        "La medida de abrigo temporal de un niño en un hogar del Estado.",
        "La resolución que declaró la adoptabilidad de un niño.",
    ),
    (M.NINEZ, False): ("La negativa a inscribir a un niño en la escuela pública.",),
}
#: every acto's text once, in a fixed order; amparos store its position
ACTO_TEXTS: tuple[str, ...] = tuple(text for texts in ACTOS.values() for text in texts)
_ACTO_CODES = {text: code for code, text in enumerate(ACTO_TEXTS)}
ACTO_CODES: dict[tuple[AmparoMatter, bool], tuple[int, ...]] = {
    key: tuple(_ACTO_CODES[text] for text in texts) for key, texts in ACTOS.items()
}


@dataclass(frozen=True, slots=True)
class Tribunal:
    """A court that hears amparos, with what the seeder draws for its amparos."""

    id: str  # the court's, kept: read once per amparo
    court: Court
    matters: Weighted[AmparoMatter]
    maya: float  # the share of Maya people in its department: their names
    sexual_share: float
    judicial: dict[AmparoMatter, tuple[int, ...]]  # authority codes of courts below it
    offices: dict[AmparoMatter, tuple[int, ...]]  # authority codes of other authorities


def _municipal(departments: Iterable[int], *, seats: bool) -> list[str]:
    """Municipal authorities: of the departmental seats (a Sala's) or of the others."""
    names: list[str] = []
    for code in departments:
        places = department(code).municipalities
        chosen = places[:1] if seats else places[1:] or places[:1]
        for place in chosen:
            names += [f"Concejo Municipal de {place}", f"Alcalde Municipal de {place}"]
    return names


def _weights(court: Court) -> dict[AmparoMatter, float]:
    if court.kind is CourtKind.CSJ:
        return dict(_CSJ_MATTERS)
    weights: dict[AmparoMatter, float] = {}
    mixed = Matter.MIXTO in court.matters
    for matter in court.matters:
        own = _SALA_CIVIL if court.kind is CourtKind.SALA and matter is Matter.CIVIL else None
        share = _MIXED.get(matter, 1.0) if mixed else 1.0
        for amparo_matter, weight in (own or _FROM_COURT.get(matter, {})).items():
            weights[amparo_matter] = weights.get(amparo_matter, 0.0) + weight * share
    return weights


def _judicial(court: Court, matter: AmparoMatter) -> list[str]:
    """The courts an amparo of ``matter`` at ``court`` may be against: the rank below it."""
    if court.kind is CourtKind.CSJ:
        if matter in (M.ADMINISTRATIVO, M.TRIBUTARIO):
            return list(_CONTENCIOSO)
        lower = _LOWER[matter]
        return [c.name for c in COURTS if c.kind is CourtKind.SALA and lower in c.matters]
    if matter not in _LOWER:
        return []
    if court.kind is CourtKind.SALA:
        covered = CAPITAL_SALAS_COVER if court.department == 1 else (court.department,)
        kind = CourtKind.PRIMERA_INSTANCIA
    else:
        covered, kind = (court.department,), CourtKind.PAZ
    return [c.name for d in covered for c in courts_in(d, matter=_LOWER[matter], kind=kind)]


def _offices(court: Court, matter: AmparoMatter) -> list[str]:
    if court.kind is CourtKind.CSJ:
        return list(_CSJ_OFFICES[matter])
    if court.kind is CourtKind.SALA:
        covered = CAPITAL_SALAS_COVER if court.department == 1 else (court.department,)
        names = list(_SALA_OFFICES[matter])
        if matter in (M.ADMINISTRATIVO, M.LABORAL):
            names += _municipal(covered, seats=True)
        return names
    place = department(court.department).name
    return {
        M.PENAL: [f"Jefe de la Comisaría de la Policía Nacional Civil de {place}"],
        M.CIVIL: _municipal((court.department,), seats=False),
        M.LABORAL: _municipal((court.department,), seats=False),
        M.ADMINISTRATIVO: [
            *_municipal((court.department,), seats=False),
            f"Jefe de la Comisaría de la Policía Nacional Civil de {place}",
        ],
        M.TRIBUTARIO: [],
        M.FAMILIA: [
            f"Registro Civil de las Personas del Registro Nacional de las Personas, {place}"
        ],
        M.NINEZ: [f"Dirección Departamental de Educación de {place}"],
    }[matter]


def _tribunal(court: Court) -> Tribunal:
    weights = _weights(court)
    matters = tuple(weights)
    return Tribunal(
        id=court.id,
        court=court,
        matters=Weighted(matters, [weights[m] for m in matters]),
        maya=DEPARTMENT_WEIGHTS[court.department][1],
        sexual_share=SEXUAL_SHARE_FEMICIDE if Matter.FEMICIDIO in court.matters else SEXUAL_SHARE,
        judicial={m: _codes(_judicial(court, m)) for m in matters},
        offices={m: _codes(_offices(court, m)) for m in matters},
    )


def _tribunals() -> Weighted[Tribunal]:
    tribunals: list[Tribunal] = []
    weights: list[float] = []
    salas = [c for d in DEPARTMENTS for c in courts_in(d.code, kind=CourtKind.SALA)]
    juzgados = [c for d in DEPARTMENTS for c in courts_in(d.code, kind=CourtKind.PRIMERA_INSTANCIA)]
    csj = list(courts_in(1, kind=CourtKind.CSJ))
    # within each group, how much more a court of the capital takes
    for group, share, capital in ((csj, CSJ_SHARE, 1.0), (salas, SALAS_SHARE, 2.0),
                                  (juzgados, JUZGADOS_SHARE, 1.5)):  # fmt: skip
        local = [capital if c.department == 1 else 1.0 for c in group]
        for court, weight in zip(group, local, strict=True):
            tribunals.append(_tribunal(court))
            weights.append(share * weight / sum(local))
    return Weighted(tribunals, weights)


#: every court that hears amparos, weighted by its share of them
TRIBUNALS = _tribunals()
