"""Agenda de Audiencias: the hearings of a case by its SGT number, or a court's agenda on a day
(or up to two weeks of days).

Seeded on every court of ``kiosk.courts`` for the past two weeks and the coming six, working days
only (``hearings_seed.py``), about forty thousand hearings; days are stored as working-day
numbers from a base the sandbox moves to today at every start (``hearings_calendar.py``), so the
agenda is always "the coming weeks" and the refresh writes one row. A hearing whose time has
passed is served with how it went (its stored ``outcome``) and when that was written down.

Privacy (SERVICES.md): family, children's and sexual-crime cases are stored like the others, as a
court file holds them, and never served: by number the answer is the number and "reserved"; a
court's agenda leaves them out and counts them; their hearings' ids are never given and read as
not found. Parties are stored with full names and served as initials, in a hearing's detail only.
"""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from kiosk.case_numbers import CaseNumberError, parse_case_number
from kiosk.courts import court as find_court
from kiosk.geography import department, municipality_name
from kiosk.portal.models import hearings as api
from kiosk.portal.models.hearings import HearingKind, HearingState, PartyRole
from kiosk.sandbox import hearings_calendar as calendar
from kiosk.sandbox import hearings_seed as seed
from kiosk.sandbox.hearings_seed import DemoCase, DemoHearing
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.people import initials
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import GUATEMALA, now

# --- demo data: always seeded, documented for newcomers and the UI tests --------------------------

#: A penal case with three hearings: one suspended six working days ago, one moved yesterday to
#: two working days from now (reprogramada, by videoconference), one in three weeks.
DEMO_CASE_NUMBER = "01002-2025-01234"
DEMO_CASE_LINK = "https://audiencias.oj.gob.gt/v/k7qm-4tzp-9xwa"
DEMO_CASE_PARTIES = ("Pedro Antonio Xitumul Choc", "Ana Beatriz Gómez Ramírez")
#: A family case (alimony): by number only "reservado", nothing else of it leaves the portal.
DEMO_RESERVED_NUMBER = "01033-2024-00321"
DEMO_RESERVED_PARTIES = ("Lucía Fernanda Tzoc Pérez", "Marco Antonio Pérez Ruiz")
#: Juzgado Primero de Primera Instancia Penal de Guatemala: every working day holds at least
#: BUSY_MINIMUM hearings (more than a page), a week far more (too many: choose one day).
DEMO_BUSY_COURT = "01002"
BUSY_MINIMUM = 12
#: Juzgado de Paz Móvil de Guatemala: it travels and holds its hearings off the agenda: empty.
DEMO_EMPTY_COURT = "01229"

_S, _K, _R = HearingState, HearingKind, PartyRole
DEMO_CASES: tuple[DemoCase, ...] = (
    DemoCase(
        DEMO_CASE_NUMBER, "suspended, then moved (virtual), then a review", "penal",
        ((_R.SINDICADO, DEMO_CASE_PARTIES[0]), (_R.AGRAVIADO, DEMO_CASE_PARTIES[1])),
        (
            DemoHearing(-6, "09:00", 90, _K.ETAPA_INTERMEDIA, "Sala de audiencias 1",
                        _S.SUSPENDIDA, updated=(-6, "09:40"), outcome=_S.SUSPENDIDA),
            DemoHearing(2, "10:30", 90, _K.ETAPA_INTERMEDIA, "Sala de audiencias 2",
                        _S.REPROGRAMADA, updated=(-1, "16:10"), moved_from=(1, "08:30"),
                        link=DEMO_CASE_LINK),
            DemoHearing(14, "14:00", 45, _K.REVISION_MEDIDA, "Sala de audiencias 1",
                        _S.PROGRAMADA, updated=(-6, "11:15")),
        ),
    ),
    DemoCase(
        DEMO_RESERVED_NUMBER, "reserved (family): only its number and 'reservado'", "familia",
        ((_R.ACTOR, DEMO_RESERVED_PARTIES[0]), (_R.DEMANDADO, DEMO_RESERVED_PARTIES[1])),
        (
            DemoHearing(3, "11:00", 60, _K.JUICIO_ORAL, "Sala de audiencias 2", _S.PROGRAMADA,
                        updated=(-4, "12:30")),
        ),
    ),
)  # fmt: skip

# --- schema and seed ------------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS hearing_cases (
    pk       INTEGER PRIMARY KEY,
    number   TEXT NOT NULL UNIQUE,
    court_id TEXT NOT NULL,
    matter   TEXT NOT NULL,
    reserved INTEGER NOT NULL,
    parties  TEXT NOT NULL  -- "role<TAB>full name" per line: served as initials only
);
CREATE TABLE IF NOT EXISTS hearings (
    pk             INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    case_pk        INTEGER NOT NULL REFERENCES hearing_cases(pk),
    court_id       TEXT NOT NULL,
    reserved       INTEGER NOT NULL,
    day            INTEGER NOT NULL,  -- working days from the agenda's base (hearings_calendar)
    minute         INTEGER NOT NULL,  -- start, minutes after midnight, Guatemala time
    minutes        INTEGER NOT NULL,  -- estimated length
    kind           TEXT NOT NULL,
    room           TEXT NOT NULL,
    state          TEXT NOT NULL,
    outcome        TEXT NOT NULL,  -- what a programada or reprogramada is once its time passed
    link           TEXT,
    updated_day    INTEGER NOT NULL,
    updated_minute INTEGER NOT NULL,
    moved_day      INTEGER,
    moved_minute   INTEGER
);
CREATE INDEX IF NOT EXISTS hearings_by_court ON hearings(court_id, reserved, day, minute);
CREATE INDEX IF NOT EXISTS hearings_by_case ON hearings(case_pk, day, minute)
"""


def seed_hearings(conn: sqlite3.Connection, rng: random.Random, anchor: date) -> None:
    seed.seed(conn, rng, anchor, DEMO_CASES, {DEMO_BUSY_COURT: BUSY_MINIMUM})


def refresh_agenda(conn: sqlite3.Connection, today: date) -> None:
    """The agenda's working days count from the latest working day up to today: however old the
    data folder, its hearings are the past two weeks and the coming six (one row written)."""
    calendar.save_base(conn, today)


# --- routes ---------------------------------------------------------------------------------------

router = APIRouter(tags=["agenda de audiencias"])
#: a visitor asks a few agendas a minute; many more is someone walking the courts or the numbers
_searches = RateLimiter(60, 60.0)
_HEARING_ID = re.compile(r"^au_[0-9a-f]{16}$")
_ISO_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_FARTHEST_DAYS = 2 * 366  # a date further from today is nobody's hearing (nor a valid date)
_COLUMNS = (
    "h.id, h.court_id, h.day, h.minute, h.minutes, h.kind, h.room, h.state, h.outcome, h.link, "
    "h.updated_day, h.updated_minute, h.moved_day, h.moved_minute, c.number"
)
_FROM = "FROM hearings h JOIN hearing_cases c ON c.pk = h.case_pk"
_COURT_DAYS = "h.court_id = ? AND h.reserved = ? AND h.day BETWEEN ? AND ?"
# every query the routes run, each on an index (the tests EXPLAIN them)
SQL_CASE = "SELECT pk, reserved FROM hearing_cases WHERE number = ?"
SQL_CASE_HEARINGS = f"SELECT {_COLUMNS} {_FROM} WHERE h.case_pk = ? ORDER BY h.day, h.minute"
SQL_COUNT = f"SELECT COUNT(*) FROM hearings h WHERE {_COURT_DAYS}"  # noqa: S608 - fixed
SQL_AGENDA = (
    f"SELECT {_COLUMNS} {_FROM} WHERE {_COURT_DAYS} ORDER BY h.day, h.minute, h.pk LIMIT ? OFFSET ?"
)
SQL_HEARING = (
    f"SELECT {_COLUMNS}, h.case_pk, c.parties, c.reserved AS case_reserved {_FROM} WHERE h.id = ?"
)
SQL_OTHERS = f"SELECT {_COLUMNS} {_FROM} WHERE h.case_pk = ? AND h.id != ? ORDER BY h.day, h.minute"


@router.get("/hearings", response_model=api.HearingPage)
def search_hearings(
    state: State,
    kiosk: KioskId,
    case: Annotated[
        str | None, Query(max_length=40, description="a case's canonical SGT number")
    ] = None,
    court: Annotated[
        str | None, Query(pattern=r"^[0-9]{5}$", description="a court id (DDCCC)")
    ] = None,
    first: Annotated[
        str | None, Query(alias="date", pattern=_ISO_DAY, description="with court: the day")
    ] = None,
    until: Annotated[
        str | None,
        Query(pattern=_ISO_DAY, description="with court: the last day (default: date)"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=api.SEARCH_LIMIT_MAX)] = api.SEARCH_LIMIT_DEFAULT,
    cursor: Annotated[str | None, Query(pattern=r"^[0-9]{1,6}$", description="opaque")] = None,
) -> api.HearingPage:
    """A case's hearings (``case``), the coming ones first; or a court's agenda (``court`` and
    ``date``, up to ``until``), by time, reserved matters left out and counted. Nothing found is
    an empty page."""
    _searches.check(kiosk)
    if (case is None) == (court is None):
        raise ApiProblem(
            422,
            "search_invalid",
            "Busque con el número del expediente, o con el juzgado y la fecha (uno de los dos).",
            field="case",
        )
    offset = int(cursor or 0)
    conn = state.db.connection()
    clock = now()
    agenda = calendar.load(conn, clock.date())
    if case is not None:
        if first is not None or until is not None:
            detail = "Con el número del expediente no se indica fecha: salen todas sus audiencias."
            raise ApiProblem(422, "search_invalid", detail, field="date")
        return _by_case(conn, agenda, _sgt(case, clock.year), clock, limit, offset)
    assert court is not None
    days = _days(court, first, until, clock.date())
    return _by_court(conn, agenda, court, days, clock, limit, offset)


def _sgt(number: str, this_year: int) -> str:
    try:
        parsed = parse_case_number(number, this_year=this_year)
    except CaseNumberError as exc:
        raise ApiProblem(422, "case_number_invalid", str(exc), field="case") from None
    if not parsed.is_sgt:
        detail = (
            "La agenda busca con el número completo del expediente, que empieza con el "
            "juzgado: por ejemplo 01173-2019-00123."
        )
        raise ApiProblem(422, "case_number_not_sgt", detail, field="case")
    canonical = str(parsed)
    if number != canonical:  # the kiosk parses what was typed: the contract takes its result
        detail = f"El número del expediente se escribe así: {canonical}."
        raise ApiProblem(422, "case_number_invalid", detail, field="case")
    return canonical


def _days(court: str, first: str | None, until: str | None, today: date) -> tuple[date, date]:
    try:
        find_court(court)
    except KeyError:
        detail = "No existe ese juzgado: elíjalo de la lista."
        raise ApiProblem(422, "court_unknown", detail, field="court") from None
    if first is None:
        raise ApiProblem(422, "date_required", "Indique el día de la agenda.", field="date")
    start = _day(first, "date", today)
    end = _day(until, "until", today) if until is not None else start
    if end < start:
        detail = "El último día va después del primero."
        raise ApiProblem(422, "date_range_invalid", detail, field="until")
    if (end - start).days >= api.MAX_SPAN_DAYS:
        detail = f"Busque como máximo {api.MAX_SPAN_DAYS} días seguidos."
        raise ApiProblem(422, "date_range_invalid", detail, field="until")
    return start, end


def _day(text: str, field: str, today: date) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ApiProblem(422, "date_invalid", "Esa fecha no existe.", field=field) from None
    if abs((day - today).days) > _FARTHEST_DAYS:
        detail = "La agenda tiene fechas de dos años atrás a dos años adelante."
        raise ApiProblem(422, "date_out_of_range", detail, field=field)
    return day


def _by_case(
    conn: sqlite3.Connection,
    agenda: calendar.Calendar,
    number: str,
    clock: datetime,
    limit: int,
    offset: int,
) -> api.HearingPage:
    found = conn.execute(SQL_CASE, (number,)).fetchone()
    if found is None:
        return api.HearingPage(items=[], total=0)
    if found["reserved"]:  # its number and "reserved": nothing else of it is read
        return api.HearingPage(items=[], total=0, reserved_case=number)
    rows = conn.execute(SQL_CASE_HEARINGS, (found["pk"],)).fetchall()
    items = _coming_first([_summary(row, agenda, clock) for row in rows], clock)
    return _page(items[offset : offset + limit], len(items), offset, limit)


def _coming_first(items: Sequence[api.HearingSummary], clock: datetime) -> list[api.HearingSummary]:
    """Those not over yet, soonest first; then the past ones, the latest first."""
    coming = [h for h in items if h.at + timedelta(minutes=h.minutes) > clock]
    past = [h for h in items if h.at + timedelta(minutes=h.minutes) <= clock]
    return [*coming, *reversed(past)]


def _by_court(
    conn: sqlite3.Connection,
    agenda: calendar.Calendar,
    court: str,
    days: tuple[date, date],
    clock: datetime,
    limit: int,
    offset: int,
) -> api.HearingPage:
    low, high = agenda.span(*days)
    if low > high:  # only a weekend: no hearings
        return api.HearingPage(items=[], total=0)
    total = conn.execute(SQL_COUNT, (court, 0, low, high)).fetchone()[0]
    reserved = conn.execute(SQL_COUNT, (court, 1, low, high)).fetchone()[0]
    rows = conn.execute(SQL_AGENDA, (court, 0, low, high, limit, offset)).fetchall()
    items = [_summary(row, agenda, clock) for row in rows]
    return _page(items, total, offset, limit, reserved_count=reserved)


def _page(
    items: list[api.HearingSummary], total: int, offset: int, limit: int, reserved_count: int = 0
) -> api.HearingPage:
    more = offset + limit < total  # the cursor is where the next page starts
    return api.HearingPage(
        items=items,
        total=total,
        next_cursor=str(offset + limit) if more else None,
        reserved_count=reserved_count,
    )


def _moment(agenda: calendar.Calendar, day: int, minute: int) -> datetime:
    return datetime.combine(agenda.day(day), time(minute // 60, minute % 60), GUATEMALA)


def _now_state(
    row: sqlite3.Row, agenda: calendar.Calendar, clock: datetime
) -> tuple[HearingState, datetime]:
    """The state and last update as of ``clock``: a hearing still on the agenda whose time has
    passed went as its stored outcome, written down a quarter of an hour after its end."""
    at = _moment(agenda, row["day"], row["minute"])
    updated = _moment(agenda, row["updated_day"], row["updated_minute"])
    stored = HearingState(row["state"])
    end = at + timedelta(minutes=row["minutes"])
    if stored in (HearingState.PROGRAMADA, HearingState.REPROGRAMADA) and end <= clock:
        return HearingState(row["outcome"]), min(max(updated, end + timedelta(minutes=15)), clock)
    return stored, min(updated, clock)


def _summary(row: sqlite3.Row, agenda: calendar.Calendar, clock: datetime) -> api.HearingSummary:
    served, updated = _now_state(row, agenda, clock)
    return api.HearingSummary(
        id=row["id"],
        case_number=row["number"],
        court_id=row["court_id"],
        court_name=find_court(row["court_id"]).name,
        at=_moment(agenda, row["day"], row["minute"]),
        minutes=row["minutes"],
        kind=HearingKind(row["kind"]),
        room=row["room"],
        state=served,
        virtual=row["link"] is not None,
        updated_at=updated,
    )


@router.get("/hearings/{hearing_id}", response_model=api.HearingDetail)
def get_hearing(hearing_id: str, state: State, _: KioskId) -> api.HearingDetail:
    """A hearing and its case's other hearings; a reserved one is not found, like no hearing."""
    missing = ApiProblem(404, "hearing_not_found", "No existe esa audiencia en la agenda.")
    if not _HEARING_ID.match(hearing_id):
        raise missing
    conn = state.db.connection()
    row = conn.execute(SQL_HEARING, (hearing_id,)).fetchone()
    if row is None or row["case_reserved"]:
        raise missing
    clock = now()
    agenda = calendar.load(conn, clock.date())
    summary = _summary(row, agenda, clock)
    others = [
        _summary(other, agenda, clock)
        for other in conn.execute(SQL_OTHERS, (row["case_pk"], hearing_id))
    ]
    moved = None
    if summary.state is HearingState.REPROGRAMADA and row["moved_day"] is not None:
        moved = _moment(agenda, row["moved_day"], row["moved_minute"])
    court = find_court(row["court_id"])
    # a full name is read only to be cut to initials here: it never leaves this function
    parties = [
        api.HearingParty(role=PartyRole(role), initials=initials(name))
        for role, _tab, name in (line.partition("\t") for line in row["parties"].split("\n"))
    ]
    return api.HearingDetail(
        **summary.model_dump(),
        department=department(court.department).name,
        municipality=municipality_name(court.department, court.municipality),
        link=row["link"],
        moved_from=moved,
        parties=parties,
        case_hearings=[
            api.CaseHearing(id=h.id, at=h.at, kind=h.kind, state=h.state)
            for h in _coming_first(others, clock)
        ],
    )


SERVICE = SandboxService(
    name="agenda-audiencias",
    router=router,
    schema=SCHEMA,
    tables=("hearings", "hearing_cases"),
    seed=seed_hearings,
    seed_version="2",  # 2: the same rows in every process (matters walked in order)
    refresh=refresh_agenda,
)
