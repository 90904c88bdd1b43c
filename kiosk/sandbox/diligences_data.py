"""What the diligence seeder draws from: which courts ask, which courts are asked, for what, in
which matters, and who the parties are (how a diligence then moves is ``diligences_timeline.py``).

Kept apart from ``services/diligences.py`` (every module there is a service). Courts are the 655
of ``kiosk.courts`` in all 22 departments; names and the weighted choice are ``labor_data``'s
(reused, not copied). Everything here is [A]: the OJ publishes no such data.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from kiosk.courts import COURTS, Court, CourtKind
from kiosk.courts import Matter as CourtMatter
from kiosk.geography import DEPARTMENTS
from kiosk.portal.models.diligences import DiligenceKind, DiligenceTask, PartyRole
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, People, Weighted

_K, _T = DiligenceKind, DiligenceTask
_CM = CourtMatter

#: the matters a diligence's case may be in; familia and ninez are always reserved
PENAL, CIVIL, TRABAJO, FAMILIA, NINEZ = "penal", "civil", "trabajo", "familia", "ninez"
RESERVED_MATTERS = frozenset({FAMILIA, NINEZ})
#: [A] the share of penal cases that are sexual crimes (reserved): more at femicide courts
SEXUAL_SHARE, SEXUAL_SHARE_FEMICIDE = 0.06, 0.30

# a court's matters as a diligence's case matter; amparo, antejuicio and "mixto" are not one
_AS_MATTER = {
    _CM.PENAL: PENAL, _CM.FEMICIDIO: PENAL, _CM.MAYOR_RIESGO: PENAL, _CM.CIVIL: CIVIL,
    _CM.TRABAJO: TRABAJO, _CM.FAMILIA: FAMILIA, _CM.NINEZ: NINEZ,
}  # fmt: skip
# [F] of the cases a year: civil 30 %, penal 23 %, familia 18 %, niñez 7 %, trabajo 5 %
_MATTER_WEIGHT = {CIVIL: 30.0, PENAL: 23.0, FAMILIA: 18.0, NINEZ: 7.0, TRABAJO: 5.0}
# how often a court of each kind sends a diligence: first instance most, a Juzgado de Paz less
_KIND_WEIGHT = {
    CourtKind.PRIMERA_INSTANCIA: 3.0, CourtKind.SENTENCIA: 2.0, CourtKind.SALA: 1.5,
    CourtKind.PAZ: 0.6,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Requester:
    court: Court
    id: str  # the court's, said once (``Court.id`` formats it at every call)
    matters: Weighted[str]
    femicide: bool  # a femicide court: more of its penal cases are sexual crimes

    @property
    def maya(self) -> float:
        return DEPARTMENT_WEIGHTS[self.court.department][1]


def _requesters() -> Weighted[Requester]:
    found: list[Requester] = []
    weights: list[float] = []
    for court in COURTS:
        if court.kind not in _KIND_WEIGHT:
            continue  # the CSJ hears amparos and antejuicios; it commissions too rarely
        matters = sorted({_AS_MATTER[m] for m in court.matters if m in _AS_MATTER})
        if not matters:
            continue
        pick = Weighted(matters, [_MATTER_WEIGHT[m] for m in matters])
        found.append(Requester(court, court.id, pick, CourtMatter.FEMICIDIO in court.matters))
        weights.append(_KIND_WEIGHT[court.kind])
    return Weighted(found, weights)


#: every court that may ask for a diligence, weighted by how often its kind does
REQUESTERS = _requesters()


def _hears(court: Court, matter: str) -> bool:
    return any(_AS_MATTER.get(m) == matter for m in court.matters)


class Destinations:
    """The courts a commission can go to, by department, kind and matter (built once)."""

    def __init__(self) -> None:
        self.by_place: dict[tuple[int, CourtKind], list[Court]] = defaultdict(list)
        for court in COURTS:
            self.by_place[court.department, court.kind].append(court)
        self._cache: dict[tuple[int, CourtKind, str], tuple[str, ...]] = {}
        codes = [d.code for d in DEPARTMENTS]
        # [A] people and business, so diligences, follow the courts: Guatemala has 38 % of them
        count = {code: sum(len(self.by_place[code, k]) for k in CourtKind) for code in codes}
        self.departments = Weighted(codes, [count[code] for code in codes])

    def courts(self, department: int, kind: CourtKind, matter: str) -> tuple[str, ...]:
        """The ids of the department's courts of ``kind`` that hear ``matter`` (all of that
        kind if none; a children's matter goes to a Juzgado de Paz that hears everything)."""
        key = (department, kind, matter)
        if key not in self._cache:
            every = self.by_place[department, kind]
            wanted = FAMILIA if matter == NINEZ and kind is CourtKind.PAZ else matter
            fit = [c for c in every if _hears(c, wanted)]
            self._cache[key] = tuple(c.id for c in fit or every)
        return self._cache[key]

    def other_department(self, rng: random.Random, department: int) -> int:
        while True:
            chosen = self.departments.pick(rng)
            if chosen != department:
                return chosen


DESTINATIONS = Destinations()

# --- what is asked -------------------------------------------------------------------------------

#: what each matter's diligences ask for
TASKS: dict[str, Weighted[DiligenceTask]] = {
    CIVIL: Weighted(
        (_T.NOTIFICACION, _T.EMBARGO, _T.REQUERIMIENTO_PAGO, _T.CITACION, _T.DECLARACION,
         _T.LANZAMIENTO, _T.RECONOCIMIENTO),
        (45, 15, 12, 10, 8, 6, 4),
    ),
    PENAL: Weighted(
        (_T.CITACION, _T.NOTIFICACION, _T.DECLARACION, _T.RECONOCIMIENTO), (40, 35, 20, 5)
    ),
    FAMILIA: Weighted(
        (_T.NOTIFICACION, _T.EMBARGO, _T.CITACION, _T.DECLARACION), (50, 25, 15, 10)
    ),
    NINEZ: Weighted((_T.NOTIFICACION, _T.CITACION, _T.DECLARACION), (50, 40, 10)),
    TRABAJO: Weighted(
        (_T.NOTIFICACION, _T.CITACION, _T.EMBARGO, _T.REQUERIMIENTO_PAGO, _T.REINSTALACION),
        (50, 15, 15, 10, 10),
    ),
}  # fmt: skip
#: what a court abroad asks for
ROGATORY_TASKS = Weighted((_T.NOTIFICACION, _T.DECLARACION, _T.CITACION), (60, 30, 10))
#: tasks done on a day and hour the court sets (a notification is done when the notifier goes)
SCHEDULED_TASKS = frozenset(
    {_T.EMBARGO, _T.REQUERIMIENTO_PAGO, _T.LANZAMIENTO, _T.DECLARACION, _T.RECONOCIMIENTO,
     _T.REINSTALACION}
)  # fmt: skip

#: [A] how a court of each kind commissions: (kind of commission, the kind of court asked)
_ROUTES: dict[CourtKind, Weighted[tuple[DiligenceKind, CourtKind]]] = {
    CourtKind.PRIMERA_INSTANCIA: Weighted(
        ((_K.DESPACHO, CourtKind.PAZ), (_K.EXHORTO, CourtKind.PRIMERA_INSTANCIA)), (60, 40)
    ),
    CourtKind.SENTENCIA: Weighted(
        ((_K.DESPACHO, CourtKind.PAZ), (_K.EXHORTO, CourtKind.SENTENCIA)), (75, 25)
    ),
    CourtKind.SALA: Weighted(
        ((_K.DESPACHO, CourtKind.PRIMERA_INSTANCIA), (_K.DESPACHO, CourtKind.PAZ)), (60, 40)
    ),
    CourtKind.PAZ: Weighted(
        ((_K.EXHORTO, CourtKind.PAZ), (_K.SUPLICATORIO, CourtKind.PRIMERA_INSTANCIA)), (85, 15)
    ),
}


def commission(rng: random.Random, requester: Court, matter: str) -> tuple[DiligenceKind, str]:
    """How ``requester`` commissions a diligence in ``matter``, and the id of the court it goes
    to: an exhorto to a court of its rank in another department, a despacho to a lower court
    (most in its own department), a suplicatorio to the first-instance court above it."""
    kind, target = _ROUTES[requester.kind].pick(rng)
    department = requester.department
    own = f"{department:02d}{requester.code:03d}"
    peer_elsewhere = kind is _K.EXHORTO and target is not CourtKind.PAZ
    # a suplicatorio goes to the court above, in its department; most despachos stay there too
    if peer_elsewhere or (kind is not _K.SUPLICATORIO and rng.random() >= 0.65):
        department = DESTINATIONS.other_department(rng, department)
    options = DESTINATIONS.courts(department, target, matter)
    chosen = options[int(rng.random() * len(options))]
    if chosen == own:  # never to itself: the next one in the list
        chosen = options[(options.index(chosen) + 1) % len(options)]
    if chosen == own:
        return commission(rng, requester, matter)
    return kind, chosen


# --- rogatory commissions: a court abroad asks ------------------------------------------------

#: [A] courts abroad that send rogatory commissions, with where most of them go (departments)
FOREIGN_COURTS: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    ("Juzgado Primero de Primera Instancia en Materia Civil de Tapachula, Chiapas", "México",
     (12, 13, 9)),
    ("Juzgado Segundo de Distrito en Materia Penal de Tuxtla Gutiérrez, Chiapas", "México",
     (12, 13, 17)),
    ("Juzgado de Letras de lo Civil de San Pedro Sula", "Honduras", (18, 20, 19)),
    ("Juzgado Primero de lo Civil y Mercantil de San Salvador", "El Salvador", (22, 6, 1)),
    ("Corte Superior del Condado de Los Ángeles, California", "Estados Unidos de América",
     (1, 13, 9)),
    ("Juzgado de Primera Instancia número 4 de Madrid", "España", (1, 3)),
    ("Juzgado Civil del Primer Circuito Judicial de San José", "Costa Rica", (1, 5)),
)  # fmt: skip
#: [A] rogatory commissions among all diligences
ROGATORY_SHARE = 0.015
#: [F] what a rogatory commission is in: notification of a suit, alimony, a witness
ROGATORY_MATTERS = Weighted((CIVIL, FAMILIA, PENAL), (50, 35, 15))


def rogatory_destination(rng: random.Random, foreign: int, matter: str) -> str:
    departments = FOREIGN_COURTS[foreign][2]
    department = departments[int(rng.random() * len(departments))]
    options = DESTINATIONS.courts(department, CourtKind.PRIMERA_INSTANCIA, matter)
    return options[int(rng.random() * len(options))]


# --- who ----------------------------------------------------------------------------------------

ROLES: dict[str, tuple[PartyRole, PartyRole]] = {
    PENAL: (PartyRole.AGRAVIADO, PartyRole.SINDICADO),
    CIVIL: (PartyRole.ACTOR, PartyRole.DEMANDADO),
    TRABAJO: (PartyRole.ACTOR, PartyRole.DEMANDADO),
    FAMILIA: (PartyRole.ACTOR, PartyRole.DEMANDADO),
    NINEZ: (PartyRole.AGRAVIADO, PartyRole.DEMANDADO),
}
_BANKS = (
    "Banco de Desarrollo Rural, Sociedad Anónima", "Banco Industrial, Sociedad Anónima",
    "Banco G&T Continental, Sociedad Anónima", "Cooperativa Integral de Ahorro y Crédito",
    "Financiera de Occidente, Sociedad Anónima",
)  # fmt: skip
MINISTERIO_PUBLICO = "Ministerio Público"


def parties(rng: random.Random, people: People, matter: str, maya: float) -> tuple[str, str]:
    """The two parties' full names, as the file holds them (served as initials only)."""
    if matter == CIVIL:
        draw = rng.random()
        if draw < 0.35:  # a bank or a cooperative collects a debt
            first = _BANKS[int(rng.random() * len(_BANKS))]
        elif draw < 0.55:
            first = people.company()
        else:
            first = people.person(maya)
        return first, people.person(maya)
    if matter == TRABAJO:
        return people.person(maya), people.company() if rng.random() < 0.7 else people.person(maya)
    if matter == PENAL and rng.random() < 0.15:  # a crime with no one person wronged
        return MINISTERIO_PUBLICO, people.person(maya)
    return people.person(maya), people.person(maya)
