"""What the Audiencias Virtuales seeder writes: the demo case's hearings on the agenda, the demo
request, and thousands of requests made before (on the portal's website) for the agenda's
hearings.

The demo case is placed in the agenda's own tables (``hearing_cases``, ``hearings``: the kiosk
reads a case's hearings from the Agenda de Audiencias) with days counted in the agenda's working
days (``hearings_calendar``), so each of its hearings says the same at every start: one already
held, one too soon to ask for, one cancelled and two open. Everything here is [A]: the OJ
publishes no such data.
"""

from __future__ import annotations

import random
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time

from kiosk.courts import court as find_court
from kiosk.geography import municipality_count
from kiosk.identity import dpi_check_digit, make_dpi
from kiosk.portal.models.hearings import HearingKind, HearingState, PartyRole
from kiosk.portal.models.virtual_hearings import (
    LAWYER_ROLES,
    OTHER_ROLES,
    PENAL_ROLES,
    AttendeeRole,
    Reason,
    RequestStatus,
)
from kiosk.sandbox import hearings_calendar as calendar
from kiosk.sandbox.bulk import insert_rows
from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.sandbox.hearings_seed import VIRTUAL, DemoHearing
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, People, Weighted
from kiosk.sandbox.services import volume
from kiosk.sandbox.store import GUATEMALA

# --- demo data: always seeded, documented for newcomers and the UI tests --------------------------

#: A labour case in Quetzaltenango whose agenda shows every answer: DEMO_*_DAY are its hearings'
#: working days from today (0), as the agenda counts them. Its sequence is far above any the
#: agenda's seeder draws, so the number is never another case's.
DEMO_CASE_NUMBER = "09006-2025-03101"
DEMO_CASE_PARTIES = (
    (PartyRole.ACTOR, "Rosa Elvira Tzul Ixcot"),
    (PartyRole.DEMANDADO, "Cafetalera Los Altos, Sociedad Anónima"),
)
DEMO_PAST_DAY = -3  # held: past
DEMO_TOO_SOON_DAY = 1  # the next working day: less than two working days ahead
DEMO_CANCELLED_DAY = 6
DEMO_OPEN_DAY = 10  # open to requests; the demo request is for this one
DEMO_LATER_DAY = 15  # open too: a case with two hearings to choose from

_K, _S = HearingKind, HearingState
_ROOM = "Sala de audiencias 1"
DEMO_HEARINGS: tuple[DemoHearing, ...] = (
    DemoHearing(DEMO_PAST_DAY, "09:00", 45, _K.CONCILIACION, _ROOM, _S.REALIZADA,
                updated=(-3, "10:05"), outcome=_S.REALIZADA),
    DemoHearing(DEMO_TOO_SOON_DAY, "08:30", 60, _K.JUICIO_ORAL, _ROOM, _S.PROGRAMADA,
                updated=(-12, "11:20")),
    DemoHearing(DEMO_CANCELLED_DAY, "10:00", 90, _K.RECEPCION_PRUEBA, _ROOM, _S.CANCELADA,
                updated=(-1, "15:40"), outcome=_S.CANCELADA),
    DemoHearing(DEMO_OPEN_DAY, "09:00", 90, _K.RECEPCION_PRUEBA, "Sala de audiencias 2",
                _S.PROGRAMADA, updated=(-1, "15:45")),
    DemoHearing(DEMO_LATER_DAY, "14:00", 60, _K.JUICIO_ORAL, _ROOM, _S.PROGRAMADA,
                updated=(-1, "15:45")),
)  # fmt: skip


@dataclass(frozen=True)
class DemoRequest:
    number: str
    hearing_day: int  # which demo hearing (its DEMO_*_DAY)
    dpi: str
    first_names: str
    last_names: str
    email: str
    phone: str
    role: AttendeeRole
    reason: Reason
    created_at: datetime


#: María José Pérez López (the README's identity without antecedentes) already asked to attend
#: the open demo hearing as a witness: the same DPI asking again is answered with this request
#: (with this email; with another one, without its number).
DEMO_REQUEST = DemoRequest(
    number="AV-2025-000417",
    hearing_day=DEMO_OPEN_DAY,
    dpi=DEMO_CLEAN.dpi,
    first_names=DEMO_CLEAN.first_names,
    last_names=DEMO_CLEAN.last_names,
    email="maria.perez@ejemplo.gt",
    phone="55551234",
    role=AttendeeRole.TESTIGO,
    reason=Reason.DISTANCIA,
    created_at=datetime(2025, 11, 3, 10, 15, tzinfo=GUATEMALA),
)

# --- volume ---------------------------------------------------------------------------------------

#: [A] about 150 requests a working day over the agenda's eight weeks
REQUESTS = 6000
_COLUMNS = 14  # virtual_hearing_requests' columns, in order
_PENAL_MATTERS = frozenset({"penal", "sexual"})
_PENAL_WEIGHTS = Weighted(PENAL_ROLES, (15, 30, 12, 4, 8, 6, 15, 8, 2))
_OTHER_WEIGHTS = Weighted(OTHER_ROLES, (25, 20, 30, 15, 7, 3))
_REASONS = Weighted(tuple(Reason), (45, 10, 15, 10, 20))
_DOMAINS = Weighted(("gmail.com", "hotmail.com", "yahoo.com", "outlook.com"), (60, 20, 10, 10))
_DEPARTMENTS = Weighted(tuple(DEPARTMENT_WEIGHTS), [w for w, _ in DEPARTMENT_WEIGHTS.values()])
_OTHER_VIRTUAL = 0.04  # the agenda's chance for the kinds VIRTUAL does not name


def is_penal(matter: str) -> bool:
    return matter in _PENAL_MATTERS


def seed(conn: sqlite3.Connection, rng: random.Random, anchor: date) -> None:
    """The demo case on the agenda, the demo request, and REQUESTS requests (at this sandbox's
    volume) for public hearings of the agenda, as made before its seeding day."""
    demo_ids = place_demo_case(conn, rng)
    agenda = calendar.Calendar(calendar.last_working_day(anchor))
    rows = _Requests(rng, agenda).draw(conn, volume(REQUESTS))
    rows.append(_demo_request(demo_ids[DEMO_REQUEST.hearing_day]))
    rows.sort(key=lambda row: str(row[11]))  # by when they were made: numbers follow
    flat: list[object] = []
    sequence: dict[str, int] = {}
    for pk, row in enumerate(rows, start=1):
        if row[0] is None:  # numbered by the year it was made; the demo keeps its own
            year = str(row[11])[:4]
            sequence[year] = number = sequence.get(year, 0) + 1
            if f"AV-{year}-{number:06d}" == DEMO_REQUEST.number:
                sequence[year] = number = number + 1
            row[0] = f"AV-{year}-{number:06d}"
        flat += (pk, *row)
    insert_rows(conn, "virtual_hearing_requests", _COLUMNS, flat)


def place_demo_case(conn: sqlite3.Connection, rng: random.Random) -> dict[int, str]:
    """Write the demo case and its hearings into the agenda's tables (a former copy first goes)
    and return each hearing's id by its day."""
    conn.execute(
        "DELETE FROM hearings WHERE case_pk IN (SELECT pk FROM hearing_cases WHERE number = ?)",
        (DEMO_CASE_NUMBER,),
    )
    conn.execute("DELETE FROM hearing_cases WHERE number = ?", (DEMO_CASE_NUMBER,))
    court_id = DEMO_CASE_NUMBER[:5]
    parties = "\n".join(f"{role}\t{name}" for role, name in DEMO_CASE_PARTIES)
    case = conn.execute(
        "INSERT INTO hearing_cases(number, court_id, matter, reserved, parties) "
        "VALUES (?, ?, 'trabajo', 0, ?)",
        (DEMO_CASE_NUMBER, court_id, parties),
    ).lastrowid
    ids: dict[int, str] = {}
    for hearing in DEMO_HEARINGS:
        while True:
            hearing_id = f"au_{rng.getrandbits(64):016x}"
            taken = conn.execute("SELECT 1 FROM hearings WHERE id = ?", (hearing_id,)).fetchone()
            if taken is None:
                break
        ids[hearing.day] = hearing_id
        conn.execute(
            "INSERT INTO hearings(id, case_pk, court_id, reserved, day, minute, minutes, kind, "
            "room, state, outcome, link, updated_day, updated_minute, moved_day, moved_minute) "
            "VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL, NULL)",
            (
                hearing_id, case, court_id, hearing.day, _minutes(hearing.clock), hearing.minutes,
                hearing.kind, hearing.room, hearing.state, hearing.outcome, hearing.updated[0],
                _minutes(hearing.updated[1]),
            ),
        )  # fmt: skip
    return ids


def _demo_request(hearing_id: str) -> list[object]:
    demo = DEMO_REQUEST
    return [
        demo.number, hearing_id, demo.dpi, demo.role, None, demo.first_names, demo.last_names,
        demo.email, demo.phone, demo.reason, RequestStatus.RECIBIDA, demo.created_at.isoformat(),
        None,
    ]  # fmt: skip


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


class _Requests:
    """Requests as flat rows (without pk): number (None: given later), hearing, the person,
    role, reason, status, when, and the kiosk (None: made on the portal's website)."""

    def __init__(self, rng: random.Random, agenda: calendar.Calendar) -> None:
        self.rng = rng
        self.agenda = agenda
        self.people = People(rng)

    def draw(self, conn: sqlite3.Connection, count: int) -> list[list[object]]:
        hearings = conn.execute(
            "SELECT h.id, h.day, h.kind, h.court_id, c.matter FROM hearings h "
            "JOIN hearing_cases c ON c.pk = h.case_pk WHERE h.reserved = 0 ORDER BY h.pk"
        ).fetchall()
        # the kinds more often held by videoconference are more often asked for
        weights = [VIRTUAL.get(HearingKind(row[2]), _OTHER_VIRTUAL) for row in hearings]
        pick = Weighted(hearings, weights)
        made: list[list[object]] = []
        asked: set[tuple[str, str]] = set()
        while len(made) < count:
            hearing = pick.pick(self.rng)
            row = self.request(hearing)
            key = (str(hearing[0]), str(row[2]))
            if key not in asked:  # one request per person and hearing
                asked.add(key)
                made.append(row)
        return made

    def request(self, hearing: sqlite3.Row | tuple[object, ...]) -> list[object]:
        rng, draw = self.rng, self.rng.random
        hearing_id, day, _kind, court_id, matter = hearing
        assert isinstance(day, int) and isinstance(court_id, str) and isinstance(matter, str)
        department = find_court(court_id).department
        role = (_PENAL_WEIGHTS if is_penal(matter) else _OTHER_WEIGHTS).pick(rng)
        colegiado = 1000 + int(draw() * 34000) if role in LAWYER_ROLES else None
        first, last = self.names(DEPARTMENT_WEIGHTS[department][1])
        made_day = min(day - 2 - int(draw() * 12), -1)  # two working days ahead at least
        made = datetime.combine(
            self.agenda.day(made_day), time(7 + int(draw() * 13), int(draw() * 60)), GUATEMALA
        )
        return [
            None, hearing_id, self.dpi(department), role, colegiado, first, last,
            self.email(first, last), f"{3 + int(draw() * 3)}{int(draw() * 10_000_000):07d}",
            _REASONS.pick(rng), self.status(day, made_day), made.isoformat(), None,
        ]  # fmt: skip

    def names(self, maya: float) -> tuple[str, str]:
        people, draw = self.people, self.rng.random
        pool = people.female if draw() < 0.5 else people.male
        first = pool[int(draw() * People.POOL)]
        if draw() < 0.7:
            second = pool[int(draw() * People.POOL)]
            if second != first:
                first = f"{first} {second}"
        return first, f"{people.surname(maya)} {people.surname(maya)}"

    def dpi(self, court_department: int) -> str:
        draw = self.rng.random
        department = court_department if draw() < 0.8 else _DEPARTMENTS.pick(self.rng)
        municipality = 1 + int(draw() * municipality_count(department))
        while True:
            serial = f"{int(draw() * 100_000_000):08d}"
            if dpi_check_digit(serial) is not None:
                return make_dpi(serial, department, municipality)

    def email(self, first: str, last: str) -> str:
        given = _ascii(first.split()[0])
        surname = _ascii(last.split()[0])
        digits = f"{int(self.rng.random() * 100)}" if self.rng.random() < 0.5 else ""
        return f"{given}.{surname}{digits}@{_DOMAINS.pick(self.rng)}"

    def status(self, hearing_day: int, made_day: int) -> RequestStatus:
        draw = self.rng.random()
        if hearing_day < 0 or made_day < -2:  # the court has had time to decide
            return RequestStatus.APROBADA if draw < 0.85 else RequestStatus.DENEGADA
        return RequestStatus.RECIBIDA


def _ascii(word: str) -> str:
    folded = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in folded if c.isascii() and c.isalnum()) or "persona"
