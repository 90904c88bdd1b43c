"""Diligencias Judiciales: commissions from one court to another, found by their own number or by
the number of the case they belong to.

Seeded at real volume ([A] about 7,200 a year from 2020 to the anchor, some 50,000 in all) on the
courts of ``kiosk.courts`` in all 22 departments: first-instance courts, tribunals and salas send
despachos to Juzgados de Paz and exhortos to their peers elsewhere, Juzgados de Paz send exhortos
and suplicatorios, and a few rogatory commissions come from abroad. A case has one diligence or
many (a mass trial summons dozens of witnesses). Family, children's and sexual-crime matters are
reserved: a search that meets one answers ``reserved`` and nothing else, and their records are
never served. Parties are stored with full names and only ever served as initials.
"""

from __future__ import annotations

import random
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from operator import itemgetter
from typing import Annotated, NamedTuple

from fastapi import APIRouter, Query

from kiosk.case_numbers import CaseNumberError, parse_case_number
from kiosk.courts import Court
from kiosk.courts import court as find_court
from kiosk.geography import department as find_department
from kiosk.geography import municipality_name
from kiosk.portal.models import diligences as api
from kiosk.portal.models.diligences import (
    DiligenceKind,
    DiligenceNumberError,
    DiligenceState,
    DiligenceTask,
    parse_diligence_number,
)
from kiosk.sandbox import diligences_data as data
from kiosk.sandbox import diligences_timeline as timeline
from kiosk.sandbox.bulk import insert_rows
from kiosk.sandbox.diligences_timeline import Milestones
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.people import People, Weighted, initials
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService, volume
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import now

_K, _T, _S = DiligenceKind, DiligenceTask, DiligenceState

# --- demo data: always seeded, the same whatever the seed, documented for newcomers and tests -----


@dataclass(frozen=True)
class DemoDiligence:
    number: str
    shows: str  # what it demonstrates
    case_number: str | None  # None: from abroad
    matter: str
    kind: DiligenceKind
    task: DiligenceTask
    requesting: str | int  # DDCCC, or a position in diligences_data.FOREIGN_COURTS
    commissioned: str
    sent_on: date
    parties: tuple[str, str]  # full names, as stored
    #: (received, admitted, done, returned); None: not yet
    days: tuple[date | None, date | None, date | None, date | None]
    outcome: int = 0  # diligences_timeline.NOT_DONE code, 0 done
    #: a day set and then moved: (the first day, "HH:MM"); the new day is ``SCHEDULED_IN`` days
    #: after the anchor (and after today, at every start)
    moved: tuple[date, str] | None = None
    reserved: bool = False


#: [A] a mass trial and an ejecutivo with several diligences are generated from a fixed spec and
#: a generator of their own (the same rows whatever the sandbox's seed), walked up to this day
DEMO_ANCHOR = date(2026, 2, 27)
SCHEDULED_IN = 12  # days: the demo lanzamiento's new day, from the anchor or today

#: En trámite, with a day set in the coming weeks: a lanzamiento moved once.
DEMO_SCHEDULED_NUMBER = "DJ-01236-2025-0415"
#: Devuelta: a notification done and sent back to the requesting court.
DEMO_RETURNED_NUMBER = "DJ-09006-2025-0187"
#: No diligenciada: the person was not found at the address.
DEMO_NOT_DONE_NUMBER = "DJ-16013-2026-0090"
#: A rogatory commission from a court in Mexico, en trámite.
DEMO_ROGATORY_NUMBER = "DJ-12002-2025-0031"
#: A reserved (alimony) diligence: the portal answers "reservado" and nothing else.
DEMO_RESERVED_NUMBER = "DJ-04012-2025-0266"
#: The case of the reserved diligence: a search by it is reserved too.
DEMO_RESERVED_CASE = "01034-2025-00733"
#: A civil ejecutivo with 14 diligences: two pages of results.
DEMO_PAGED_CASE, DEMO_PAGED_COUNT = "01023-2024-01187", 14
#: A trial that summoned 48 witnesses: too many to list, the kiosk asks to narrow the search.
DEMO_CROWDED_CASE, DEMO_CROWDED_COUNT = "01195-2023-00052", 48

DEMO_DILIGENCES: tuple[DemoDiligence, ...] = (
    DemoDiligence(
        DEMO_SCHEDULED_NUMBER, "en trámite, day set in the coming weeks (moved once)",
        "01025-2025-00318", data.CIVIL, _K.DESPACHO, _T.LANZAMIENTO, "01025", "01236",
        date(2025, 11, 12),
        ("Inmobiliaria Los Pinos, Sociedad Anónima", "Marvin Estuardo López Castillo"),
        (date(2025, 11, 18), date(2025, 11, 20), None, None),
        moved=(date(2026, 1, 22), "09:00"),
    ),
    DemoDiligence(
        DEMO_RETURNED_NUMBER, "devuelta: done and sent back",
        "01173-2025-00412", data.TRABAJO, _K.EXHORTO, _T.NOTIFICACION, "01173", "09006",
        date(2025, 6, 9), ("Ana Lucía Méndez Juárez", "Hotelera Las Palmas, Sociedad Anónima"),
        (date(2025, 6, 16), date(2025, 6, 18), date(2025, 7, 3), date(2025, 7, 21)),
    ),
    DemoDiligence(
        DEMO_NOT_DONE_NUMBER, "no diligenciada: the person was not found",
        "16005-2025-00144", data.TRABAJO, _K.DESPACHO, _T.CITACION, "16005", "16013",
        date(2026, 1, 12), ("Sebastián Caal Choc", "Cafetalera Monte Verde, Sociedad Anónima"),
        (date(2026, 1, 15), date(2026, 1, 16), date(2026, 2, 5), None),
        outcome=1,
    ),
    DemoDiligence(
        DEMO_ROGATORY_NUMBER, "a rogatory commission from Mexico, en trámite",
        None, data.CIVIL, _K.COMISION_ROGATORIA, _T.NOTIFICACION, 0, "12002",
        date(2025, 10, 6), ("Guadalupe Hernández Ruiz", "Otto René Bámaca Fuentes"),
        (date(2025, 11, 24), date(2025, 11, 27), None, None),
    ),
    DemoDiligence(
        DEMO_RESERVED_NUMBER, "reserved (alimony): only 'reservado'",
        DEMO_RESERVED_CASE, data.FAMILIA, _K.DESPACHO, _T.EMBARGO, "01034", "04012",
        date(2025, 8, 4), ("Claudia Marisol Xicará Pérez", "Edgar Rolando Tum Sicajau"),
        (date(2025, 8, 11), date(2025, 8, 13), date(2025, 9, 10), date(2025, 9, 29)),
        reserved=True,
    ),
    DemoDiligence(
        "DJ-01246-2025-0378", "the reserved case's other diligence",
        DEMO_RESERVED_CASE, data.FAMILIA, _K.DESPACHO, _T.NOTIFICACION, "01034", "01246",
        date(2025, 7, 21), ("Claudia Marisol Xicará Pérez", "Edgar Rolando Tum Sicajau"),
        (date(2025, 7, 24), date(2025, 7, 25), date(2025, 8, 1), date(2025, 8, 18)),
        reserved=True,
    ),
)  # fmt: skip


@dataclass(frozen=True)
class DemoCase:
    """A case whose many diligences are generated: from ``first`` over ``days`` days."""

    number: str
    court: str
    matter: str
    count: int
    first: date
    days: int
    parties: tuple[str, str]


DEMO_CASES: tuple[DemoCase, ...] = (
    DemoCase(
        DEMO_PAGED_CASE, "01023", data.CIVIL, DEMO_PAGED_COUNT, date(2024, 3, 4), 700,
        ("Banco de Desarrollo Rural, Sociedad Anónima",
         "Comercializadora El Roble, Sociedad Anónima"),
    ),
    DemoCase(
        DEMO_CROWDED_CASE, "01195", data.PENAL, DEMO_CROWDED_COUNT, date(2023, 9, 4), 520,
        (data.MINISTERIO_PUBLICO, "Byron Estuardo Cifuentes Morales"),
    ),
)  # fmt: skip

# --- schema and seed ------------------------------------------------------------------------------

# The key is the diligence's id: a random 63-bit number, written dl_ and 16 hex digits (not
# enumerable, and no second index to keep). Days are date ordinals (``date.toordinal()``); the
# milestones' columns are in the order of ``diligences_timeline.Milestones``.
SCHEMA = """
CREATE TABLE IF NOT EXISTS diligences (
    pk            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    case_number   TEXT,
    reserved      INTEGER NOT NULL,
    matter        TEXT NOT NULL,
    kind          TEXT NOT NULL,
    task          TEXT NOT NULL,
    requesting    TEXT,
    foreign_court INTEGER,
    commissioned  TEXT NOT NULL,
    sent          INTEGER NOT NULL,
    received      INTEGER,
    admitted      INTEGER,
    asked         INTEGER,
    clarified     INTEGER,
    suspended     INTEGER,
    scheduled     INTEGER,
    slot          TEXT NOT NULL,
    done          INTEGER,
    outcome       INTEGER NOT NULL,
    returned      INTEGER,
    state         TEXT NOT NULL,
    party1        TEXT NOT NULL,
    party2        TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS diligences_case ON diligences(case_number, sent)
"""
_WIDTH = 25  # columns
_MILESTONES = slice(11, 22)  # received .. state, in a row read with SELECT *

FIRST_YEAR = 2020
PER_YEAR = 7200  # [A]
LEGACY_SHARE = 0.03  # [A] old cases with the court's own number, still sending embargos
# (size, weight): most cases send one diligence; a few mass cases send dozens
_SIZES = Weighted(
    (1, 2, 3, 4, 5, 6, 8, 12, 20, 35, 60),
    (60.0, 18.0, 9.0, 4.0, 2.5, 1.5, 2.0, 1.5, 0.6, 0.25, 0.05),
)
# how many cases a court of each kind opens a year (the top of its SGT sequence)
_CASE_SEQUENCE = {"primera_instancia": 3000, "tribunal_sentencia": 600, "sala": 900, "paz": 1500}
# when a record last changed, in its last milestone's day: office hours
_TIMES = tuple(f"T{h:02d}:{m:02d}:00-06:00" for h in range(8, 17) for m in range(0, 60, 3))

#: a diligence before it is numbered: commissioned court, day sent, case number, reserved,
#: matter, kind, task, requesting court, foreign court, milestones, the two parties
Draft = tuple[
    str, int, str | None, int, str, str, str, str | None, int | None, Milestones, str, str
]


def seed_diligences(
    conn: sqlite3.Connection, rng: random.Random, anchor: date, *, per_year: int = PER_YEAR
) -> None:
    """``per_year`` diligences a year from 2020 to the anchor (its year pro rata), and the demo."""
    per_year = volume(per_year)
    seeder = _Seeder(rng, anchor)
    seeder.random_cases(FIRST_YEAR, per_year)
    # the documented cases come from a generator of their own: the same whatever the seed
    demo = _Seeder(random.Random("diligencias-judiciales:demo"), anchor)
    for case in DEMO_CASES:
        demo.demo_case(case)
    seeder.drafts += demo.drafts
    rows = seeder.numbered()
    rows += [seeder.demo_row(item) for item in DEMO_DILIGENCES]
    rows.sort(key=itemgetter(0))  # by number, and the ids in order: both b-trees grow at the end
    ids: set[int] = set()
    while len(ids) < len(rows):
        ids.add(rng.getrandbits(63))
    flat: list[object] = []
    for identifier, row in zip(sorted(ids), rows, strict=True):
        flat += (identifier, *row)
    insert_rows(conn, "diligences", _WIDTH, flat)


class _Seeder:
    def __init__(self, rng: random.Random, anchor: date) -> None:
        self.rng = rng
        self.anchor = anchor.toordinal()
        self.last = self.anchor - 1  # the anchor's own day is still open
        self.people = People(rng)
        self.drafts: list[Draft] = []
        self.case_numbers: set[str] = {c.number for c in DEMO_CASES} | {
            d.case_number for d in DEMO_DILIGENCES if d.case_number
        }
        first = date(FIRST_YEAR - 1, 1, 1).toordinal()
        self.iso = {day: date.fromordinal(day).isoformat() for day in range(first, self.anchor + 1)}

    # --- generated cases -------------------------------------------------------------------

    def random_cases(self, first_year: int, per_year: int) -> None:
        rng = self.rng
        for year in range(first_year, date.fromordinal(self.anchor).year + 1):
            start = date(year, 1, 1).toordinal()
            end = min(date(year, 12, 31).toordinal(), self.last)
            length = date(year, 12, 31).toordinal() - start + 1
            target = round(per_year * max(end - start + 1, 0) / length)
            weekdays = [day for day in range(start, end + 1) if (day - 1) % 7 < 5]
            made = 0
            while made < target and weekdays:  # a case sends its first one that day: made grows
                day = weekdays[int(rng.random() * len(weekdays))]
                if rng.random() < data.ROGATORY_SHARE:
                    made += self.rogatory(day)
                else:
                    made += self.case(day, min(_SIZES.pick(rng), target - made))

    def case(self, first: int, count: int) -> int:
        """A case of a random court that sends ``count`` diligences from ``first`` on."""
        rng = self.rng
        requester = data.REQUESTERS.pick(rng)
        court = requester.court
        matter = requester.matters.pick(rng)
        sexual = data.SEXUAL_SHARE_FEMICIDE if requester.femicide else data.SEXUAL_SHARE
        reserved = matter in data.RESERVED_MATTERS or (
            matter == data.PENAL and rng.random() < sexual
        )
        year = date.fromordinal(first).year
        number = self.case_number(requester.id, court.kind, year, reserved)
        names = data.parties(rng, self.people, matter, requester.maya)
        return self.diligences(
            court, requester.id, number, matter, int(reserved), names, first, count, 400
        )

    def diligences(
        self,
        court: Court,
        court_id: str,
        number: str,
        matter: str,
        reserved: int,
        names: tuple[str, str],
        first: int,
        count: int,
        spread: int,
        anchor: int | None = None,
    ) -> int:
        """``count`` diligences of one case, the first on ``first``, the others within
        ``spread`` days (those that would come after the anchor are not sent yet)."""
        rng, made = self.rng, 0
        anchor = self.anchor if anchor is None else anchor
        tasks = data.TASKS[matter]
        for index in range(count):
            sent = first if index == 0 else _weekday_back(first + int(rng.random() * spread), first)
            if sent > self.last or sent > anchor:
                continue
            kind, commissioned = data.commission(rng, court, matter)
            task = tasks.pick(rng)
            days = timeline.walk(rng, task, sent, anchor)
            self.drafts.append((
                commissioned, sent, number, reserved, matter, kind, task, court_id, None, days,
                names[0], names[1],
            ))  # fmt: skip
            made += 1
        return made

    def case_number(self, court_id: str, kind: str, sent_year: int, reserved: bool) -> str:
        """A case number of ``court_id`` not used yet: SGT, started up to four years before its
        first diligence, or (rarely, never a reserved one) the court's own old number."""
        rng = self.rng
        if not reserved and kind == "primera_instancia" and rng.random() < LEGACY_SHARE:
            year = 1996 + int(rng.random() * 10)
            office = f" Of. {1 + int(rng.random() * 4)}" if rng.random() < 0.5 else ""
            return f"{1 + int(rng.random() * 900)}-{year}{office}"  # these repeat across courts
        top = _CASE_SEQUENCE[kind]
        while True:
            draw = rng.random()
            back = 0 if draw < 0.55 else 1 if draw < 0.85 else 2 + int(rng.random() * 3)
            number = f"{court_id}-{max(sent_year - back, 2006)}-{1 + int(rng.random() * top):05d}"
            if number not in self.case_numbers:
                self.case_numbers.add(number)
                return number

    def rogatory(self, sent: int) -> int:
        """A rogatory commission from a court abroad (it reaches the court a month later)."""
        rng = self.rng
        foreign = int(rng.random() * len(data.FOREIGN_COURTS))
        matter = data.ROGATORY_MATTERS.pick(rng)
        commissioned = data.rogatory_destination(rng, foreign, matter)
        task = data.ROGATORY_TASKS.pick(rng)
        days = timeline.walk(rng, task, sent + 30, self.anchor)
        people = self.people
        self.drafts.append((
            commissioned, sent, None, int(matter in data.RESERVED_MATTERS), matter,
            _K.COMISION_ROGATORIA, task, None, foreign, days, people.person(0.1),
            people.person(0.2),
        ))  # fmt: skip
        return 1

    def demo_case(self, case: DemoCase) -> None:
        """The documented cases with many diligences, walked up to ``DEMO_ANCHOR``."""
        self.diligences(
            find_court(case.court), case.court, case.number, case.matter, 0, case.parties,
            case.first.toordinal(), case.count, case.days,
            min(DEMO_ANCHOR.toordinal(), self.anchor),
        )  # fmt: skip

    # --- numbers and rows --------------------------------------------------------------------

    def numbered(self) -> list[tuple[object, ...]]:
        """Every draft as a row, numbered in its commissioned court's book: a sequence a year,
        by the day it was sent, with the gaps of diligences other systems registered."""
        rng, iso, times = self.rng, self.iso, _TIMES
        demo_numbers = {d.number for d in DEMO_DILIGENCES}
        self.drafts.sort(key=itemgetter(0, 1))
        sequence: dict[tuple[str, int], int] = {}
        rows: list[tuple[object, ...]] = []
        years = {day: int(text[:4]) for day, text in iso.items()}
        for draft in self.drafts:
            commissioned, sent, case, reserved, matter, kind, task, asking, foreign, days = draft[
                :10
            ]
            who = draft[10:]
            year = years[sent]
            seq = sequence.get((commissioned, year), 0)
            while True:
                seq += 1 + int(rng.random() * 2)
                number = f"{api.PREFIX}-{commissioned}-{year}-{seq:04d}"
                if number not in demo_numbers:
                    break
            sequence[commissioned, year] = seq
            updated = iso[min(days.last or sent, self.last)] + times[int(rng.random() * len(times))]
            rows.append((
                number, case, reserved, matter, kind, task, asking, foreign, commissioned, sent,
                *days, *who, updated,
            ))  # fmt: skip
        return rows

    def demo_row(self, demo: DemoDiligence) -> tuple[object, ...]:
        received, admitted, done, returned = (d.toordinal() if d else None for d in demo.days)
        scheduled = suspended = None
        slot = ""
        if demo.moved is not None:
            first, slot = demo.moved
            suspended = first.toordinal()
            scheduled = _weekday_forward(self.anchor + SCHEDULED_IN)
        if returned is not None:
            state = _S.DEVUELTA
        elif done is not None:
            state = _S.NO_DILIGENCIADA if demo.outcome else _S.DILIGENCIADA
        else:
            state = _S.EN_TRAMITE if admitted is not None else _S.RECIBIDA
        days = Milestones(
            received, admitted, None, None, suspended, scheduled, slot, done, demo.outcome,
            returned, state,
        )  # fmt: skip
        last = date.fromordinal(days.last or demo.sent_on.toordinal())
        return (
            demo.number, demo.case_number, int(demo.reserved), demo.matter, demo.kind, demo.task,
            demo.requesting if isinstance(demo.requesting, str) else None,
            demo.requesting if isinstance(demo.requesting, int) else None,
            demo.commissioned, demo.sent_on.toordinal(), *days, *demo.parties,
            f"{last.isoformat()}T10:20:00-06:00",
        )  # fmt: skip


def _weekday_back(day: int, floor: int) -> int:
    """A weekday: a weekend moves to Monday, or back to Friday if Monday is past the range."""
    weekday = (day - 1) % 7  # date.fromordinal(1) is a Monday
    if weekday <= 4:
        return day
    return day - weekday + 4 if day - weekday + 4 >= floor else day + 7 - weekday


def _weekday_forward(day: int) -> int:
    weekday = (day - 1) % 7
    return day + 7 - weekday if weekday > 4 else day


# --- routes ---------------------------------------------------------------------------------------

router = APIRouter(tags=["diligencias judiciales"])
#: a visitor types a few numbers a minute; many more is someone walking the books
_searches = RateLimiter(60, 60.0)
_ID = re.compile(r"^dl_[0-7][0-9a-f]{15}$")
_SUMMARY = (
    "pk, number, case_number, kind, task, requesting, foreign_court, commissioned, sent, state"
)
#: what a search looks for: a diligence number, an SGT or legacy case number with its desk, or
#: a legacy case number at any desk
BY_NUMBER = "number = ?"
BY_CASE = "case_number = ?"
BY_CASE_ANY_DESK = "case_number BETWEEN ? AND ?"
#: a diligence's record: a reserved one is never read
RECORD_SQL = "SELECT * FROM diligences WHERE pk = ? AND reserved = 0"
_AFTER_ALL = (date.max.toordinal() + 1, 0)  # sorts after every (sent, pk)


class SearchSql(NamedTuple):
    """The statements a search runs, for one ``where`` (its test explains each one)."""

    reserved: str  # params
    total: str  # params
    cursor: str  # cursor's key, params
    page: str  # params, sent and key of the cursor, limit


def search_sql(where: str) -> SearchSql:
    # S608: ``where`` is one of the fixed fragments above, never the visitor's text
    return SearchSql(
        f"SELECT 1 FROM diligences WHERE {where} AND reserved = 1 LIMIT 1",  # noqa: S608
        f"SELECT COUNT(*) FROM diligences WHERE {where}",  # noqa: S608
        f"SELECT sent, pk FROM diligences WHERE pk = ? AND {where}",  # noqa: S608
        f"SELECT {_SUMMARY} FROM diligences WHERE {where} AND (sent, pk) < (?, ?) "  # noqa: S608
        "ORDER BY sent DESC, pk DESC LIMIT ?",
    )


@router.get("/diligences", response_model=api.DiligencePage)
def search_diligences(
    state: State,
    kiosk: KioskId,
    number: Annotated[
        str | None, Query(max_length=40, description="a diligence number, canonical")
    ] = None,
    case: Annotated[
        str | None, Query(max_length=40, description="a case number, canonical (SGT or legacy)")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=api.SEARCH_LIMIT_MAX)] = api.SEARCH_LIMIT_DEFAULT,
    cursor: Annotated[str | None, Query(max_length=40, description="opaque")] = None,
) -> api.DiligencePage:
    """The diligence with this number, or the diligences of this case, newest first. A number
    of a reserved matter answers ``reserved`` and nothing else; nothing found, an empty page."""
    _searches.check(kiosk)
    this_year = now().year
    if (number is None) == (case is None):
        detail = "Busque con el número de la diligencia o con el del expediente: uno de los dos."
        raise ApiProblem(422, "search_invalid", detail, field="number")
    if cursor is not None and not _ID.match(cursor):
        raise ApiProblem(422, "cursor_invalid", "La página pedida no es válida.", field="cursor")
    if number is not None:
        where, params = _number_filter(number, this_year)
    else:
        assert case is not None
        where, params = _case_filter(case, this_year)
    sql = search_sql(where)
    conn = state.db.connection()
    if conn.execute(sql.reserved, params).fetchone():
        return api.DiligencePage(items=[], total=0, reserved=True)
    total = conn.execute(sql.total, params).fetchone()[0]
    after: tuple[object, ...] = _AFTER_ALL
    if cursor is not None:
        after = conn.execute(sql.cursor, [_key(cursor), *params]).fetchone()
        if after is None:  # not a diligence of this search
            raise ApiProblem(
                422, "cursor_invalid", "La página pedida no es válida.", field="cursor"
            )
    rows = conn.execute(sql.page, [*params, *after, limit + 1]).fetchall()
    items = [_summary(row) for row in rows[:limit]]
    more = len(rows) > limit  # the cursor is the last one served: it never changes place
    return api.DiligencePage(items=items, total=total, next_cursor=items[-1].id if more else None)


def _key(identifier: str) -> int:
    """The table's key of an id the route already matched against ``_ID``."""
    return int(identifier[3:], 16)


def _identifier(key: int) -> str:
    return f"dl_{key:016x}"


def _number_filter(number: str, this_year: int) -> tuple[str, list[str]]:
    try:
        canonical = str(parse_diligence_number(number, this_year=this_year))
    except DiligenceNumberError as exc:
        raise ApiProblem(422, "diligence_number_invalid", str(exc), field="number") from None
    if number != canonical:  # the kiosk parses what was typed: the contract takes its result
        detail = f"El número de la diligencia se escribe así: {canonical}."
        raise ApiProblem(422, "diligence_number_invalid", detail, field="number")
    return BY_NUMBER, [canonical]


def _case_filter(case: str, this_year: int) -> tuple[str, list[str]]:
    try:
        parsed = parse_case_number(case, this_year=this_year)
    except CaseNumberError as exc:
        raise ApiProblem(422, "case_number_invalid", str(exc), field="case") from None
    canonical = str(parsed)
    if case != canonical:
        detail = f"El número del expediente se escribe así: {canonical}."
        raise ApiProblem(422, "case_number_invalid", detail, field="case")
    if parsed.is_sgt or parsed.office is not None:
        return BY_CASE, [canonical]
    # a legacy number without its desk (Of.): the number at any desk too
    return BY_CASE_ANY_DESK, [canonical, f"{canonical} Of. 9"]


@router.get("/diligences/{diligence_id}", response_model=api.Diligence)
def get_diligence(diligence_id: str, state: State, _: KioskId) -> api.Diligence:
    """A diligence's public record. A reserved one is never served: it is not found."""
    if not _ID.match(diligence_id):
        raise ApiProblem(404, "diligence_not_found", "No existe esa diligencia.")
    conn = state.db.connection()
    row = conn.execute(RECORD_SQL, (_key(diligence_id),)).fetchone()
    if row is None:
        raise ApiProblem(404, "diligence_not_found", "No existe esa diligencia.")
    days = _milestones(row)
    kind, task = DiligenceKind(row["kind"]), DiligenceTask(row["task"])
    roles = data.ROLES[row["matter"]]
    # a full name is read only to be cut to initials here: it never leaves this function
    parties = [
        api.Party(role=role, initials=initials(row[column]))
        for role, column in zip(roles, ("party1", "party2"), strict=True)
    ]
    acts = timeline.actuaciones(kind, task, days)[:12]
    scheduled = timeline.scheduled_at(days)
    if days.state is not _S.EN_TRAMITE or scheduled is None or scheduled <= now():
        scheduled = None  # a day already past (or a diligence done) is no coming day
    return api.Diligence(
        id=_identifier(row["pk"]),
        number=row["number"],
        case_number=row["case_number"],
        matter=api.Matter(row["matter"]),
        kind=kind,
        task=task,
        requesting=_requesting(row),
        commissioned=_court_ref(row["commissioned"]),
        sent_on=date.fromordinal(row["sent"]),
        received_on=_date(days.received),
        scheduled_at=scheduled,
        state=days.state,
        returned_on=_date(days.returned),
        parties=parties,
        actuaciones=[api.Actuacion(on=on, text=text) for on, text in acts],
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


def _milestones(row: sqlite3.Row) -> Milestones:
    values = list(tuple(row)[_MILESTONES])
    values[-1] = DiligenceState(values[-1])
    return Milestones._make(values)


def _date(day: int | None) -> date | None:
    return None if day is None else date.fromordinal(day)


def _court_ref(court_id: str) -> api.CourtRef:
    found = find_court(court_id)
    return api.CourtRef(
        id=court_id,
        name=found.name,
        municipality=municipality_name(found.department, found.municipality),
        department=find_department(found.department).name,
    )


def _requesting(row: sqlite3.Row) -> api.CourtRef:
    if row["requesting"] is not None:
        return _court_ref(row["requesting"])
    name, country, _ = data.FOREIGN_COURTS[row["foreign_court"]]
    return api.CourtRef(name=name, country=country)


def _summary(row: sqlite3.Row) -> api.DiligenceSummary:
    if row["requesting"] is not None:
        requesting = find_court(row["requesting"]).name
    else:
        requesting = data.FOREIGN_COURTS[row["foreign_court"]][0]
    return api.DiligenceSummary(
        id=_identifier(row["pk"]),
        number=row["number"],
        case_number=row["case_number"],
        kind=DiligenceKind(row["kind"]),
        task=DiligenceTask(row["task"]),
        requesting_court=requesting,
        commissioned_court=find_court(row["commissioned"]).name,
        sent_on=date.fromordinal(row["sent"]),
        state=DiligenceState(row["state"]),
    )


def refresh_demo(conn: sqlite3.Connection, today: date) -> None:
    """The documented demo lanzamiento's new day stays in the coming weeks, however old the
    data folder is (the README promises a diligence with a day set)."""
    day = today + timedelta(days=SCHEDULED_IN)
    day += timedelta(days=7 - day.weekday() if day.weekday() > 4 else 0)
    conn.execute(
        "UPDATE diligences SET scheduled = ? WHERE number = ?",
        (day.toordinal(), DEMO_SCHEDULED_NUMBER),
    )


SERVICE = SandboxService(
    name="diligencias-judiciales",
    router=router,
    schema=SCHEMA,
    tables=("diligences",),
    seed=seed_diligences,
    seed_version="1",
    refresh=refresh_demo,
)
