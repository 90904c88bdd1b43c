"""What the Archivo de Tribunales' seed is made of: which courts send files, what matters and
proceedings they were, where each archive building is, how a file's state follows its age, and
the tariff. [F] where marked (SERVICES.md); [A] the rest, kept here so that a real integration
replaces one module.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from kiosk.courts import COURTS, Court, CourtKind, Matter
from kiosk.portal.models.court_archive import (
    ArchiveBuilding,
    ArchiveMatter,
    ArchiveProcess,
    ArchiveRequestKind,
    ArchiveStatus,
    ArchiveTariff,
    ArchiveTariffBasis,
    ArchiveTariffItem,
)
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, Weighted
from kiosk.working_days import Place, WorkingDays

FIRST_YEAR = 1960
#: [A] archived cases seeded at full volume: the archive holds hundreds of thousands; this many
#: keeps the first start within its budget and every court, decade and state well represented
TOTAL_CASES = 75_000
#: [A] requests already made, a year, so that new request numbers look like the real sequence
REQUESTS_PER_YEAR = 4_000

# --- the buildings ------------------------------------------------------------------------------

HOURS = "Lunes a viernes, de 8:00 a 15:30"  # [A]
#: [A] the central archive in the capital, and regional archives for the departments far from it
CENTRAL = ArchiveBuilding(
    name="Archivo General de Tribunales",
    address="21 calle 7-70, zona 1, Centro Cívico, Ciudad de Guatemala",
    hours=HOURS,
)
BUILDINGS: dict[str, ArchiveBuilding] = {
    "central": CENTRAL,
    "occidente": ArchiveBuilding(
        name="Archivo Regional de Tribunales de Quetzaltenango",
        address="Centro Regional de Justicia, 14 avenida 5-20, zona 3, Quetzaltenango",
        hours=HOURS,
    ),
    "norte": ArchiveBuilding(
        name="Archivo Regional de Tribunales de Cobán",
        address="Centro Regional de Justicia, 1a. calle 4-25, zona 2, Cobán, Alta Verapaz",
        hours=HOURS,
    ),
    "oriente": ArchiveBuilding(
        name="Archivo Regional de Tribunales de Zacapa",
        address="Centro Regional de Justicia, 6a. avenida 11-40, zona 1, Zacapa",
        hours=HOURS,
    ),
}
_REGION = {
    **dict.fromkeys((1, 3, 4, 5, 6), "central"),
    **dict.fromkeys((7, 8, 9, 10, 11, 12, 13, 14), "occidente"),
    **dict.fromkeys((15, 16, 17), "norte"),
    **dict.fromkeys((2, 18, 19, 20, 21, 22), "oriente"),
}
#: where each archive sits (department, municipality): its working days are that place's
#: (``kiosk.working_days``: national days, Semana Santa and its own feria titular)
PLACES: dict[str, Place] = {"central": (1, 1), "occidente": (9, 1), "norte": (16, 1),
                            "oriente": (19, 1)}  # fmt: skip
_CALENDARS = {region: WorkingDays(place) for region, place in PLACES.items()}


def working_days(region: str) -> WorkingDays:
    """The calendar of the archive of ``region``."""
    return _CALENDARS[region]


#: [A] the historic archive that receives the oldest files
AGCA = "Archivo General de Centro América, 4a. avenida 7-41, zona 1, Ciudad de Guatemala"


def region_of(department: int) -> str:
    return _REGION[department]


# --- the tariff -----------------------------------------------------------------------------------

#: [A] prices and times; [F] paid at the bank with the FEI form (SERVICES.md)
TARIFF = ArchiveTariff(
    items=[
        ArchiveTariffItem(kind=ArchiveRequestKind.CERTIFICACION, basis=ArchiveTariffBasis.POR_FOLIO,
                   unit_price=Decimal("1.00"), working_days=8),
        ArchiveTariffItem(kind=ArchiveRequestKind.COPIAS, basis=ArchiveTariffBasis.POR_PAGINA,
                   unit_price=Decimal("0.25"), working_days=5),
        ArchiveTariffItem(kind=ArchiveRequestKind.CONSTANCIA, basis=ArchiveTariffBasis.FIJO,
                   unit_price=Decimal("10.00"), working_days=3),
    ],
    pages_per_folio=2,
    fei_concept="Certificaciones y copias del Archivo General de Tribunales",
    banks=["Banrural", "Banco Industrial", "G&T Continental"],
)  # fmt: skip
#: [A] extra working days when the file is not on its shelf: being scanned, or lent to a court
EXTRA_DAYS = {ArchiveStatus.DIGITALIZACION: 10, ArchiveStatus.PRESTADO: 15}

# --- the courts that send files, and what their cases were ----------------------------------------

#: [A] how many files each kind of court sends, relative to the others
_KIND_WEIGHT = {CourtKind.PRIMERA_INSTANCIA: 10.0, CourtKind.SENTENCIA: 3.0, CourtKind.PAZ: 1.5}
#: stored matters that are reserved: they never travel (see the contract)
RESERVED = frozenset({"familia", "ninez", "sexual", "femicidio"})
#: [F] the courts for violence against women came with Decreto 22-2008 (the first in 2010)
FEMICIDE_COURTS_SINCE = 2010
#: [A] the share of a penal court's cases that are sexual crimes (reserved)
SEXUAL_SHARE = 0.08


@dataclass(frozen=True)
class ArchiveCourt:
    id: str
    department: int
    kind: CourtKind
    matters: Weighted[str]  # stored matter: an ArchiveMatter value or a reserved one
    gap: int  # [A] filings between two archived files of one year: the sequence's spacing


def _matters(court: Court) -> Weighted[str]:
    weights: dict[str, float] = {}
    for matter in court.matters:
        if matter in (Matter.PENAL, Matter.MAYOR_RIESGO):
            weights["penal"] = 1 - SEXUAL_SHARE
            weights["sexual"] = SEXUAL_SHARE
        elif matter is Matter.FEMICIDIO:
            weights = {"femicidio": 1.0}  # its penal tag is the same court: all reserved
            break
        elif matter is Matter.CIVIL:
            weights["civil"] = 0.9
            weights[ArchiveMatter.ECONOMICO_COACTIVO.value] = 0.1
        elif matter in (Matter.FAMILIA, Matter.NINEZ, Matter.TRABAJO):
            weights[matter.value] = 1.0
    return Weighted(list(weights), list(weights.values()))


def _courts() -> dict[int, Weighted[ArchiveCourt]]:
    by_department: dict[int, list[ArchiveCourt]] = {}
    for court in COURTS:
        weight = _KIND_WEIGHT.get(court.kind)
        if weight is None:
            continue  # the CSJ and the Salas send their files back with the case
        matters = _matters(court)
        if not matters.items:
            continue
        gap = 40 if court.department == 1 else 12
        by_department.setdefault(court.department, []).append(
            ArchiveCourt(court.id, court.department, court.kind, matters, gap)
        )
    return {
        department: Weighted(courts, [_KIND_WEIGHT[c.kind] for c in courts])
        for department, courts in by_department.items()
    }


COURTS_BY_DEPARTMENT = _courts()


def _all_courts() -> Weighted[ArchiveCourt]:
    """Every court that sends files, in one draw: its department's share of the cases
    (DEPARTMENT_WEIGHTS) split among its courts by their kind."""
    courts: list[ArchiveCourt] = []
    weights: list[float] = []
    for department, pool in COURTS_BY_DEPARTMENT.items():
        share = DEPARTMENT_WEIGHTS[department][0] / pool.total
        courts += pool.items
        weights += [share * _KIND_WEIGHT[court.kind] for court in pool.items]
    return Weighted(courts, weights)


SENDING_COURTS = _all_courts()
MAYA = {code: maya for code, (_w, maya) in DEPARTMENT_WEIGHTS.items()}

_PROCESSES: dict[str, Weighted[ArchiveProcess]] = {
    "civil": Weighted(
        [
            ArchiveProcess.ORDINARIO,
            ArchiveProcess.SUMARIO,
            ArchiveProcess.EJECUTIVO,
            ArchiveProcess.VOLUNTARIA,
            ArchiveProcess.SUCESORIO,
        ],
        [30, 25, 25, 12, 8],
    ),
    "penal": Weighted([ArchiveProcess.PENAL_COMUN, ArchiveProcess.FALTAS], [80, 20]),
    "trabajo": Weighted([ArchiveProcess.ORDINARIO_LABORAL, ArchiveProcess.COLECTIVO], [93, 7]),
    "economico_coactivo": Weighted([ArchiveProcess.ECONOMICO_COACTIVO], [1]),
}


def process_of(matter: str, court_kind: CourtKind, rng: random.Random) -> str:
    """The proceedings' kind (a reserved matter keeps its own name: it never travels)."""
    if matter in RESERVED:
        return matter
    if matter == "penal" and court_kind is CourtKind.PAZ:
        return ArchiveProcess.FALTAS.value
    return _PROCESSES[matter].pick(rng).value


def year_weight(year: int, last: int) -> float:
    """[A] more files every decade (more courts, more cases); the latest years fewer, because
    most of their cases are still open."""
    growth = 1 + 0.06 * (year - FIRST_YEAR)
    return growth * min(1.0, max(0.15, (last - year) / 8))


def status_of(year_to: int, anchor_year: int, rng: random.Random) -> ArchiveStatus:
    """[A] where a file is, by how old it is: the oldest went to the AGCA or an expurgo."""
    draw = rng.random()
    if year_to < 1980 and draw < 0.12:
        return ArchiveStatus.TRASLADADO
    if year_to < 1990 and draw < 0.18:
        return ArchiveStatus.DESTRUIDO
    if anchor_year - year_to <= 8 and draw < 0.25:
        return ArchiveStatus.EN_JUZGADO
    draw = rng.random()
    if draw < 0.02:
        return ArchiveStatus.EXTRAVIADO
    if draw < 0.05:
        return ArchiveStatus.PRESTADO
    if draw < 0.09:
        return ArchiveStatus.DIGITALIZACION
    return ArchiveStatus.DISPONIBLE
