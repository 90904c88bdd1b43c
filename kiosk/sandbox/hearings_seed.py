"""What the agenda's seeder draws: how busy each court is, what hearings it holds, for which
matters (and so which are reserved), who the parties are, and how hearings move.

Kept apart from ``services/hearings.py`` (every module there is a service). Days are working-day
numbers (``hearings_calendar``): the seed covers ``WINDOW``, two weeks back and six ahead of day 0,
on every court of ``kiosk.courts``. Everything here is [A]: the OJ publishes no agenda data; the
shapes follow the Código Procesal Penal, the Código Procesal Civil y Mercantil and the Código de
Trabajo; how busy a court is follows its kind and whether it sits in the capital.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kiosk.courts import COURTS, Court, CourtKind, Matter
from kiosk.portal.models.hearings import HearingKind, HearingState, PartyRole
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, People, Weighted

#: working days seeded around day 0: the past two weeks and the coming six
WINDOW = (-10, 30)
#: [A] scales every court's hearings a day: about forty thousand hearings in the window
RATE_SCALE = 0.65
#: the matters the agenda never publishes (SERVICES.md, privacy tiers)
RESERVED_MATTERS = frozenset({"familia", "ninez", "sexual"})
#: [A] a videoconference address: the OJ's own service, a room code of three groups
LINK = "https://audiencias.oj.gob.gt/v/{code}"
_LINK_LETTERS = "abcdefghijkmnpqrstuvwxyz23456789"  # 32: five bits each, no l, o, 0 or 1

_K = HearingKind
_S = HearingState
_R = PartyRole


# --- demo cases: declared by the service module, placed by the seeder ----------------------------


@dataclass(frozen=True)
class DemoHearing:
    day: int  # working days from the base (0: the day the sandbox starts)
    clock: str  # "HH:MM"
    minutes: int
    kind: HearingKind
    room: str
    state: HearingState
    updated: tuple[int, str]  # (working day, "HH:MM")
    moved_from: tuple[int, str] | None = None
    link: str | None = None
    outcome: HearingState = _S.REALIZADA  # what it becomes once its time has passed


@dataclass(frozen=True)
class DemoCase:
    number: str  # SGT, canonical; the court is its first five digits
    shows: str  # what it demonstrates
    matter: str  # "penal", "civil", "trabajo", "familia", "ninez", "sexual"
    parties: tuple[tuple[PartyRole, str], ...]  # full names, as a court file holds them
    hearings: tuple[DemoHearing, ...]


# --- courts: how busy, which rooms, which matters ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Profile:
    court: Court
    id: str  # the court's (a property on Court, read here often)
    rate: float  # hearings on an average working day
    rooms: tuple[str, ...]
    matters: Weighted[str]
    kinds: dict[str, Weighted[HearingKind]]  # by matter
    maya: float  # the share of Maya people in the department: their names


_MATTER_KINDS: dict[str, Weighted[HearingKind]] = {
    "penal": Weighted(
        (_K.PRIMERA_DECLARACION, _K.ETAPA_INTERMEDIA, _K.REVISION_MEDIDA,
         _K.PROCEDIMIENTO_ABREVIADO, _K.INCIDENTE),
        (35, 30, 20, 10, 5),
    ),
    "civil": Weighted(
        (_K.JUICIO_ORAL, _K.CONCILIACION, _K.RECEPCION_PRUEBA, _K.INCIDENTE), (35, 25, 25, 15)
    ),
    "familia": Weighted((_K.CONCILIACION, _K.JUICIO_ORAL, _K.RECEPCION_PRUEBA), (40, 45, 15)),
    "trabajo": Weighted((_K.CONCILIACION, _K.JUICIO_ORAL, _K.RECEPCION_PRUEBA), (35, 35, 30)),
    "ninez": Weighted((_K.JUICIO_ORAL, _K.REVISION_MEDIDA, _K.CONCILIACION), (50, 30, 20)),
}  # fmt: skip
_MATTER_KINDS["sexual"] = _MATTER_KINDS["penal"]
_TRIAL = Weighted((_K.OFRECIMIENTO_PRUEBA, _K.DEBATE, _K.LECTURA_SENTENCIA), (25, 60, 15))
_EXECUTION = Weighted((_K.INCIDENTE, _K.REVISION_MEDIDA), (60, 40))
_PAZ_PENAL = Weighted((_K.PRIMERA_DECLARACION, _K.JUICIO_FALTAS), (45, 55))
_PAZ_CIVIL = Weighted((_K.CONCILIACION, _K.JUICIO_ORAL), (50, 50))
_VISTA = Weighted((_K.VISTA_PUBLICA,), (1,))

#: estimated lengths in minutes, one drawn
LENGTHS: dict[HearingKind, tuple[int, ...]] = {
    _K.PRIMERA_DECLARACION: (60, 90, 120),
    _K.ETAPA_INTERMEDIA: (60, 90),
    _K.REVISION_MEDIDA: (30, 45),
    _K.PROCEDIMIENTO_ABREVIADO: (45, 60),
    _K.OFRECIMIENTO_PRUEBA: (30, 45),
    _K.DEBATE: (180, 240),
    _K.LECTURA_SENTENCIA: (30,),
    _K.JUICIO_FALTAS: (30, 45, 60),
    _K.CONCILIACION: (30, 45, 60),
    _K.JUICIO_ORAL: (60, 90, 120),
    _K.RECEPCION_PRUEBA: (60, 90, 120),
    _K.INCIDENTE: (30, 45),
    _K.VISTA_PUBLICA: (30, 45, 60),
}
#: the chance a hearing of this kind can be followed by videoconference
VIRTUAL: dict[HearingKind, float] = {
    _K.PRIMERA_DECLARACION: 0.30,
    _K.REVISION_MEDIDA: 0.35,
    _K.ETAPA_INTERMEDIA: 0.15,
    _K.VISTA_PUBLICA: 0.20,
}
_OTHER_VIRTUAL = 0.04


def _weighted(pairs: dict[str, float]) -> Weighted[str]:
    return Weighted(tuple(pairs), tuple(pairs.values()))


def _matters(court: Court) -> Weighted[str]:
    m = set(court.matters) - {Matter.MIXTO, Matter.AMPARO, Matter.ANTEJUICIO}
    if court.kind is CourtKind.CSJ:
        return _weighted({"penal": 50, "civil": 45, "sexual": 5})
    if Matter.FEMICIDIO in m:
        return _weighted({"penal": 60, "sexual": 40})
    if Matter.MAYOR_RIESGO in m:
        return _weighted({"penal": 1})
    if court.kind is CourtKind.PAZ and Matter.PENAL not in m:  # the capital's civil Paz courts
        return _weighted({"civil": 45, "familia": 40, "trabajo": 15})
    if court.kind is CourtKind.PAZ and len(m) > 1:
        return _weighted({"penal": 40, "civil": 25, "familia": 25, "trabajo": 10})
    shares = {
        Matter.PENAL: {"penal": 90, "sexual": 10},
        Matter.CIVIL: {"civil": 60},
        Matter.FAMILIA: {"familia": 50},
        Matter.TRABAJO: {"trabajo": 40},
        Matter.NINEZ: {"ninez": 20},
    }
    weights: dict[str, float] = {}
    for matter in sorted(m):  # a set's order changes with the interpreter's string hashing
        for name, weight in shares.get(matter, {}).items():
            weights[name] = weights.get(name, 0) + weight
    return _weighted(weights or {"civil": 1})


def _rate(court: Court) -> float:
    """[A] hearings a day: trial and first-instance penal courts are the busiest; the capital's
    courts take more; a mobile Juzgado de Paz holds its hearings where it travels, off the
    agenda."""
    name, m = court.name, set(court.matters)
    capital = court.department == 1
    if "Móvil" in name:
        return 0.0
    match court.kind:
        case CourtKind.CSJ:
            return 4.0
        case CourtKind.SALA:
            return 3.0
        case CourtKind.SENTENCIA:
            return 3.5 if capital else 2.5
        case CourtKind.PAZ:
            if "Turno" in name:
                return 4.0
            if court.department == 1 and court.municipality == 1:
                return 3.0
            return 0.6 if "Comunitario" in name else 1.0
    if "Ejecución" in name:
        return 3.0
    if "Turno" in name:
        return 8.0
    if m & {Matter.PENAL, Matter.FEMICIDIO} and Matter.MIXTO not in m:
        return 9.0 if capital else 5.0
    if Matter.MIXTO in m:
        return 2.5
    return 4.0 if capital else 2.5


def _rooms(court: Court, rate: float) -> tuple[str, ...]:
    match court.kind:
        case CourtKind.CSJ:
            return ("Salón de vistas de la Corte Suprema de Justicia",)
        case CourtKind.SALA:
            return ("Sala de vistas",)
        case CourtKind.SENTENCIA:
            return ("Sala de debates 1", "Sala de debates 2")
        case CourtKind.PAZ:
            return ("Sala de audiencias",)
    count = 3 if rate > 6 else 2 if rate > 3 else 1
    return tuple(f"Sala de audiencias {n}" for n in range(1, count + 1))


def profiles() -> tuple[Profile, ...]:
    made: list[Profile] = []
    for court in COURTS:
        rate, matters = _rate(court) * RATE_SCALE, _matters(court)
        kinds = {matter: _kinds(court, matter) for matter in matters.items}
        maya = DEPARTMENT_WEIGHTS[court.department][1]
        made.append(Profile(court, court.id, rate, _rooms(court, rate), matters, kinds, maya))
    return tuple(made)


def _kinds(court: Court, matter: str) -> Weighted[HearingKind]:
    if court.kind in (CourtKind.CSJ, CourtKind.SALA):
        return _VISTA
    if court.kind is CourtKind.SENTENCIA:
        return _TRIAL
    if "Ejecución" in court.name:
        return _EXECUTION
    if court.kind is CourtKind.PAZ:
        return _PAZ_PENAL if matter in ("penal", "sexual") else _PAZ_CIVIL
    return _MATTER_KINDS[matter]


# --- the seeder -----------------------------------------------------------------------------------

_CLOCK_START = 8 * 60  # 08:00, when the courts open
_CLOCK_END = 16 * 60 + 30  # the last hearing starts before 16:30


@dataclass(slots=True)
class _Pending:
    """A hearing a case already has: a later one, set when an earlier one was held or suspended."""

    case: int
    kind: HearingKind
    moved_from: tuple[int, int] | None  # (day, minute) it was set for before, when it moved
    updated: tuple[int, int]


class Seeder:
    """Builds the two tables' rows as flat lists (one value after another): cases (number,
    court, matter, reserved, parties) and hearings, in court and time order."""

    def __init__(self, rng: random.Random, anchor: date, demo: Sequence[DemoCase]) -> None:
        self.rng = rng
        self.year = anchor.year
        self.people = People(rng)
        self.taken = {case.number for case in demo}
        self.numbers: dict[tuple[str, int], set[int]] = {}
        self.cases: list[object] = []
        self.reserved: list[int] = [0]  # by case pk (1-based)
        #: (court, day, minute) and the row; ids are added once all are known, in this order
        self.hearings: list[tuple[tuple[str, int, int], list[object]]] = []
        self.case_count = 0

    # --- cases ---------------------------------------------------------------------------------

    def new_case(self, profile: Profile) -> tuple[int, str]:
        """A case of this court: its number, matter, parties; returns (pk, matter)."""
        rng = self.rng
        draw = rng.random()  # most cases on an agenda are recent; penal ones last years
        back = 0 if draw < 0.35 else 1 if draw < 0.65 else 2 if draw < 0.82 else 3
        year = self.year - back - (int(rng.random() * 3) if back == 3 else 0)
        used = self.numbers.setdefault((profile.id, year), set())
        top = 400 + int(profile.rate * 220)
        while True:
            sequence = 1 + int(rng.random() * top)
            number = f"{profile.id}-{year:04d}-{sequence:05d}"
            if sequence not in used and number not in self.taken:
                used.add(sequence)
                break
        matter = profile.matters.pick(rng)
        return self.add_case(number, profile.id, matter, self.parties(matter, profile.maya)), matter

    def add_case(
        self, number: str, court_id: str, matter: str, parties: Sequence[tuple[PartyRole, str]]
    ) -> int:
        pk = self.case_count = self.case_count + 1
        stored = "\n".join(f"{role}\t{name}" for role, name in parties)
        reserved = int(matter in RESERVED_MATTERS)
        self.reserved.append(reserved)
        self.cases += (pk, number, court_id, matter, reserved, stored)
        return pk

    def parties(self, matter: str, maya: float) -> list[tuple[PartyRole, str]]:
        people, draw = self.people, self.rng.random
        if matter in ("penal", "sexual"):
            accused = [self.person(maya, female=draw() < 0.12)]
            if draw() < 0.15:
                accused.append(self.person(maya, female=draw() < 0.12))
            if matter == "sexual":
                victim = self.person(maya, female=True)
            else:
                victim = people.company() if draw() < 0.2 else self.person(maya, draw() < 0.5)
            return [*((_R.SINDICADO, a) for a in accused), (_R.AGRAVIADO, victim)]
        if matter == "familia":
            return [(_R.ACTOR, self.person(maya, True)), (_R.DEMANDADO, self.person(maya, False))]
        if matter == "trabajo":
            employer = people.company() if draw() < 0.7 else self.person(maya, draw() < 0.3)
            return [(_R.ACTOR, self.person(maya, draw() < 0.45)), (_R.DEMANDADO, employer)]
        actor = people.company() if draw() < 0.3 else self.person(maya, draw() < 0.5)
        defendant = people.company() if draw() < 0.25 else self.person(maya, draw() < 0.5)
        return [(_R.ACTOR, actor), (_R.DEMANDADO, defendant)]

    def person(self, maya: float, female: bool) -> str:
        people, draw = self.people, self.rng.random
        names = people.female if female else people.male
        first = names[int(draw() * People.POOL)]
        if draw() < 0.7:
            second = names[int(draw() * People.POOL)]
            if second != first:
                first = f"{first} {second}"
        return f"{first} {people.surname(maya)} {people.surname(maya)}"

    # --- hearings ------------------------------------------------------------------------------

    def court(self, profile: Profile, minimum: int = 0) -> None:
        """Every working day of the window at one court: the hearings its cases already have
        there, and new cases' hearings up to the day's count (and at least ``minimum`` public
        ones); then their times and rooms."""
        rng = self.rng
        pending: dict[int, list[_Pending]] = {}
        low, high = WINDOW
        for day in range(low, high + 1):
            todays = pending.pop(day, [])
            count = int(profile.rate * (0.4 + 1.2 * rng.random()) + rng.random())
            public = sum(1 for item in todays if not self.reserved[item.case])
            while len(todays) < count or public < minimum:
                case, matter = self.new_case(profile)
                kind = profile.kinds[matter].pick(rng)
                todays.append(_Pending(case, kind, None, self.scheduled(day)))
                public += not self.reserved[case]
            self.place(profile, day, todays, pending)

    def scheduled(self, day: int) -> tuple[int, int]:
        """When a hearing was set: weeks before its day, in office hours."""
        rng = self.rng
        return day - 10 - int(rng.random() * 30), 8 * 60 + int(rng.random() * 8 * 60)

    def place(
        self,
        profile: Profile,
        day: int,
        todays: list[_Pending],
        pending: dict[int, list[_Pending]],
    ) -> None:
        rng, rooms = self.rng, profile.rooms
        clocks = [_CLOCK_START + 30 * int(rng.random() * 2) for _ in rooms]
        rng.shuffle(todays)
        for index, item in enumerate(todays):
            room = index % len(rooms)
            minutes = _pick(LENGTHS[item.kind], rng)
            start = min(clocks[room], _CLOCK_END)
            clocks[room] = start + minutes + 15 * int(rng.random() * 3)
            state, outcome, updated, moved = self.fate(item, day, start, minutes)
            link = None
            if rng.random() < VIRTUAL.get(item.kind, _OTHER_VIRTUAL):
                link = LINK.format(code=self.link_code())
            key = (profile.id, day, start)
            self.hearings.append((key, [
                item.case, profile.id, self.reserved[item.case], day, start, minutes,
                item.kind, rooms[room], state, outcome, link, *updated, *(moved or (None, None)),
            ]))  # fmt: skip
            self.follow_up(item, day, start, state, pending)

    def fate(
        self, item: _Pending, day: int, start: int, minutes: int
    ) -> tuple[HearingState, HearingState, tuple[int, int], tuple[int, int] | None]:
        """(state, what it becomes once held, when the entry last changed, where it moved from).
        A past hearing has its outcome; a coming one is on the agenda, a few moved recently."""
        draw = self.rng.random
        end = start + minutes + 10 + int(draw() * 50)
        if day < 0:
            roll = draw()
            state = _S.REALIZADA if roll < 0.78 else _S.SUSPENDIDA if roll < 0.93 else _S.CANCELADA
            return state, state, (day, min(end, 17 * 60 + 30)), None
        outcome = _S.REALIZADA if draw() < 0.85 else _S.SUSPENDIDA
        if item.moved_from is not None:
            return _S.REPROGRAMADA, outcome, item.updated, item.moved_from
        roll = draw()
        recent = (-1 - int(draw() * 3), 8 * 60 + int(draw() * 8 * 60))
        if roll < 0.02:
            return _S.CANCELADA, _S.CANCELADA, recent, None
        if roll < 0.07:  # moved in the last days: it was set for another day (after the move)
            before_day = recent[0] + 1 + int(draw() * (day - recent[0]))  # or the same day
            before = _CLOCK_START + 30 * int(draw() * 14)
            if before_day == day and before == start:  # the same day: another hour
                before = start + 60
            return _S.REPROGRAMADA, outcome, recent, (before_day, before)
        return _S.PROGRAMADA, outcome, item.updated, None

    def follow_up(
        self,
        item: _Pending,
        day: int,
        start: int,
        state: HearingState,
        pending: dict[int, list[_Pending]],
    ) -> None:
        """A later hearing of the same case at this court, when this one leads to one: a
        suspended hearing is set again, a trial goes on the next days, a first declaration
        leads to the intermediate stage, a conciliation without agreement to the trial."""
        draw, kind = self.rng.random, item.kind
        after: tuple[int, HearingKind, bool] | None = None
        if state is _S.SUSPENDIDA:
            after = (5 + int(draw() * 15), kind, True)
        elif kind is _K.DEBATE and draw() < 0.4:
            after = (1 + int(draw() * 2), _K.DEBATE, False)
        elif kind is _K.PRIMERA_DECLARACION and draw() < 0.5:
            after = (25 + int(draw() * 20), _K.ETAPA_INTERMEDIA, False)
        elif kind is _K.OFRECIMIENTO_PRUEBA and draw() < 0.5:
            after = (15 + int(draw() * 15), _K.DEBATE, False)
        elif kind is _K.CONCILIACION and draw() < 0.35:
            after = (10 + int(draw() * 15), _K.RECEPCION_PRUEBA, False)
        if after is None or day + after[0] > WINDOW[1]:
            return
        gap, next_kind, moved = after
        later = day + gap
        set_on = (day, start + 60) if moved else self.scheduled(later)
        if not moved and set_on[0] < day:  # set at this hearing, not before it
            set_on = (day, min(start + 60, 17 * 60))
        pending.setdefault(later, []).append(
            _Pending(item.case, next_kind, (day, start) if moved else None, set_on)
        )

    def link_code(self) -> str:
        bits, letters = self.rng.getrandbits(60), _LINK_LETTERS
        code = "".join(letters[(bits >> (5 * i)) & 31] for i in range(12))
        return f"{code[:4]}-{code[4:8]}-{code[8:]}"

    def add_demo(self, demo: DemoCase) -> None:
        court_id = demo.number[:5]
        case = self.add_case(demo.number, court_id, demo.matter, demo.parties)
        for h in demo.hearings:
            moved = _day_clock(h.moved_from) if h.moved_from else (None, None)
            key = (court_id, h.day, _minutes(h.clock))
            self.hearings.append((key, [
                case, court_id, self.reserved[case], h.day, _minutes(h.clock), h.minutes,
                h.kind, h.room, h.state, h.outcome, h.link, *_day_clock(h.updated), *moved,
            ]))  # fmt: skip


def _pick(options: tuple[int, ...], rng: random.Random) -> int:
    return options[int(rng.random() * len(options))]


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _day_clock(moment: tuple[int, str]) -> tuple[int, int]:
    return moment[0], _minutes(moment[1])


def seed(
    conn: sqlite3.Connection,
    rng: random.Random,
    anchor: date,
    demo: Sequence[DemoCase],
    busy: dict[str, int],
) -> None:
    """Every court's agenda over ``WINDOW`` and the demo cases. ``busy``: courts that hold at
    least so many public hearings every working day (a documented demo: a day is two pages)."""
    seeder = Seeder(rng, anchor, demo)
    for profile in profiles():
        if profile.rate or profile.id in busy:
            seeder.court(profile, busy.get(profile.id, 0))
    for case in demo:
        seeder.add_demo(case)
    rows = seeder.hearings
    rows.sort(key=lambda keyed: keyed[0])  # court, day, minute: the order of the index
    ids: set[int] = set()  # random, not enumerable; sorted, their index grows at its end
    while len(ids) < len(rows):
        ids.add(rng.getrandbits(64))
    flat: list[object] = []
    for pk, ((_, row), number) in enumerate(zip(rows, sorted(ids), strict=True), start=1):
        flat += (pk, f"au_{number:016x}", *row)
    insert(conn, "hearing_cases", 6, seeder.cases)
    insert(conn, "hearings", 17, flat)


def insert(conn: sqlite3.Connection, table: str, width: int, flat: list[object]) -> None:
    """executemany over statements of 100 rows each (far fewer round trips than one a row)."""
    row = "(" + ",".join("?" * width) + ")"
    sql = f"INSERT INTO {table} VALUES "  # noqa: S608 - the module's own table names
    step = 100 * width
    full = len(flat) // step * step
    conn.executemany(
        sql + ",".join([row] * 100), (flat[i : i + step] for i in range(0, full, step))
    )
    conn.executemany(sql + row, (flat[i : i + width] for i in range(full, len(flat), width)))
