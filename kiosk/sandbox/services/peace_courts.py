"""Consulta de Gestión de Tribunales de Paz: the cases of the Juzgados de Paz, found by number.

Seeded at real volume ([A] about 100,000 cases over the seven years up to the anchor, the biggest
of the lookups) on every Juzgado de Paz of ``kiosk.courts``, Guatemala department the largest
share, with per-court SGT sequences. A number is either the whole SGT number (one case) or the
court's part ``NNN-YYYY`` that many courts share (a page, narrowed by department).

Reserved matters (family, alimony, children, sexual crimes) are served as their number and court
and ``reserved: true``: their other columns never leave the database (the search blanks them in
SQL; the record does not read them). Parties are stored with full names, as a court file holds
them, and only ever served as initials. A case's parties and actuaciones are kept in its own row
(a sandbox shortcut: one row per case keeps the seed within its time budget).
"""

from __future__ import annotations

import random
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from operator import itemgetter
from typing import Annotated, TypedDict

from fastapi import APIRouter, Query

from kiosk.case_numbers import CaseNumberError, parse_case_number
from kiosk.courts import court as find_court
from kiosk.geography import DEPARTMENTS, municipality_name
from kiosk.portal.models import peace_courts as api
from kiosk.portal.models.peace_courts import (
    PeaceHearingKind,
    PeaceMatter,
    PeaceRole,
    PeaceState,
    peace_court,
)
from kiosk.sandbox import peace_courts_data as data
from kiosk.sandbox import peace_courts_scripts as scripts
from kiosk.sandbox.bulk import insert_rows
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.peace_courts_data import StoredMatter
from kiosk.sandbox.people import initials
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService, volume
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import now

# --- demo data: always seeded, documented for newcomers and the UI tests --------------------------


@dataclass(frozen=True)
class DemoCase:
    number: str  # SGT, canonical
    shows: str  # what it demonstrates
    matter: StoredMatter
    state: PeaceState
    parties: tuple[tuple[PeaceRole, str], ...]  # full names, as stored
    acts: tuple[tuple[date, str], ...]  # (date, a key of peace_courts_scripts.ACTS), oldest first
    #: (days after today, "HH:MM", kind): the next hearing, kept in the coming weeks
    hearing: tuple[int, str, PeaceHearingKind] | None = None


#: Todos Santos Cuchumatán (Huehuetenango): a debt claim with its trial in the coming weeks.
DEMO_HEARING_NUMBER = "13028-2026-00018"
#: Cobán (Alta Verapaz): a delito menos grave sent on to a Juzgado de Primera Instancia.
DEMO_REMITTED_NUMBER = "16012-2025-00347"
#: San Juan Comalapa (Chimaltenango): a small labour claim the judge decided.
DEMO_RESOLVED_NUMBER = "04016-2025-00052"
#: Santa Cruz del Quiché: a falta settled in its hearing, then archived.
DEMO_ARCHIVED_NUMBER = "14012-2024-00125"
#: Mixco (Guatemala): a child-support claim: reserved, by number only "reservado".
DEMO_RESERVED_NUMBER = "01236-2025-00311"
#: The court's part of a number, which almost every Juzgado de Paz has: too many in the whole
#: country; in Huehuetenango (34 courts) a list of several pages.
DEMO_SHORT_NUMBER, DEMO_SHORT_DEPARTMENT = "3-2025", 13

_R, _S = PeaceRole, StoredMatter
DEMO_CASES: tuple[DemoCase, ...] = (
    DemoCase(
        DEMO_HEARING_NUMBER, "a hearing in the coming weeks",
        _S.CIVIL_MENOR_CUANTIA, PeaceState.AUDIENCIA_SENALADA,
        ((_R.DEMANDANTE, "Marta Julia Ramírez Calmo"), (_R.DEMANDADO, "Pedro Mendoza Pablo")),
        ((date(2026, 4, 13), "c_rec"), (date(2026, 4, 27), "c_admite"),
         (date(2026, 5, 11), "c_notifica"), (date(2026, 5, 25), "cita_conciliacion"),
         (date(2026, 6, 22), "sin_acuerdo"), (date(2026, 7, 1), "cita_juicio")),
        hearing=(12, "09:30", PeaceHearingKind.JUICIO_ORAL),
    ),
    DemoCase(
        DEMO_REMITTED_NUMBER, "sent on to a Juzgado de Primera Instancia",
        _S.DELITO_MENOS_GRAVE, PeaceState.REMITIDO,
        ((_R.AGRAVIADO, "Rosa Elvira Tut Caal"), (_R.SINDICADO, "Marco Antonio Xol Pop")),
        ((date(2025, 8, 18), "d_rec"), (date(2025, 8, 19), "d_declara"),
         (date(2025, 9, 15), "d_remite")),
    ),
    DemoCase(
        DEMO_RESOLVED_NUMBER, "decided by the judge",
        _S.LABORAL_MENOR_CUANTIA, PeaceState.RESUELTO,
        ((_R.DEMANDANTE, "Catarina Sotz Cumes"),
         (_R.DEMANDADO, "Agrícola El Roble, Sociedad Anónima")),
        ((date(2025, 2, 10), "l_rec"), (date(2025, 2, 17), "l_cita"),
         (date(2025, 3, 17), "sin_acuerdo"), (date(2025, 3, 24), "cita_juicio"),
         (date(2025, 5, 5), "juicio_pruebas"), (date(2025, 5, 26), "l_con_lugar")),
    ),
    DemoCase(
        DEMO_ARCHIVED_NUMBER, "settled in its hearing, then archived",
        _S.FALTAS, PeaceState.ARCHIVADO,
        ((_R.AGRAVIADO, "Tomás Ixcoy Tzoc"), (_R.SINDICADO, "Diego Chach Ventura")),
        ((date(2024, 2, 5), "f_rec"), (date(2024, 2, 12), "f_cita"),
         (date(2024, 3, 4), "acuerdo"), (date(2024, 4, 15), "archivo")),
    ),
    DemoCase(
        DEMO_RESERVED_NUMBER, "reserved: by number only «reservado»",
        _S.ALIMENTOS, PeaceState.AUDIENCIA_SENALADA,
        ((_R.DEMANDANTE, "Lucía Fernanda Gómez Ajú"),
         (_R.DEMANDADO, "Carlos Roberto Méndez Santos")),
        ((date(2025, 5, 6), "r_ali_rec"), (date(2025, 5, 9), "r_ali_provisional"),
         (date(2025, 5, 20), "r_ali_cita")),
        hearing=(20, "10:00", PeaceHearingKind.CONCILIACION),
    ),
)  # fmt: skip

# --- schema and seed ------------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS peace_cases (
    pk           INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    court_id     TEXT NOT NULL,
    year         INTEGER NOT NULL,
    sequence     INTEGER NOT NULL,
    matter       TEXT NOT NULL,
    reserved     INTEGER NOT NULL,
    started_on   TEXT NOT NULL,
    state        TEXT NOT NULL,
    hearing_at   TEXT,
    hearing_kind TEXT,
    parties      TEXT NOT NULL,  -- "role<TAB>full name" lines, in order
    acts         TEXT NOT NULL,  -- "YYYY-MM-DD:code" entries joined by semicolons, oldest first
    updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS peace_cases_number ON peace_cases(year, sequence, court_id)
"""

TOTAL_CASES = 100_000  # [A] the brief's volume: the biggest of the lookups
SPAN_DAYS = 7 * 365  # the years up to the anchor they are spread over
MAX_ACTUACIONES = 12  # the latest ones are kept: what the kiosk shows
ROOM = "Sala de audiencias del juzgado"
_SLOTS = ("08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "14:00", "14:30")
# when a case's record last changed, in its last actuación's day: office hours
_TIMES = tuple(f"T{h:02d}:{m:02d}:00-06:00" for h in range(8, 17) for m in range(60))
_COLUMNS = 14
_ROLE_PREFIX = {role: f"{role.value}\t" for role in PeaceRole}  # "role<TAB>name" lines


def seed_cases(
    conn: sqlite3.Connection, rng: random.Random, anchor: date, *, total: int = TOTAL_CASES
) -> None:
    """``total`` cases over the ``SPAN_DAYS`` up to the anchor, and the demo."""
    total = volume(total)
    seeder = _Seeder(rng, anchor)
    seeder.cases(total)
    for demo in DEMO_CASES:
        seeder.demo(demo)
    insert_rows(conn, "peace_cases", _COLUMNS, seeder.rows)


class _Seeder:
    """Builds the rows as one flat list (one value after another), cases in number order."""

    def __init__(self, rng: random.Random, anchor: date) -> None:
        self.rng = rng
        self.anchor = anchor.toordinal()
        self.last_weekday = self.anchor - max(anchor.weekday() - 4, 0)
        self.first = self.anchor - SPAN_DAYS + 1
        self.names = data.Names(rng)
        self.count = 0
        self.ids: list[int] = []
        self.rows: list[object] = []
        oldest = min(self.first, *(d.acts[0][0].toordinal() for d in DEMO_CASES))
        days = range(oldest, self.anchor + 70)
        self.iso = {day: date.fromordinal(day).isoformat() for day in days}
        # what every row repeats, made once: a day's "YYYY-MM-DD:" and an act code's text
        self.stamps = {day: f"{text}:" for day, text in self.iso.items()}
        self.codes = [str(code) for code in range(len(scripts.ACTS) + 1)]

    def cases(self, total: int) -> None:
        rng, first, last = self.rng, self.first, self.last_weekday
        courts = data.COURTS_WEIGHTED
        filings: list[tuple[str, int, data.PeaceCourt]] = []
        for _ in range(total):
            day = first + int(rng.random() * (last - first + 1))
            weekday = (day - 1) % 7
            if weekday > 4:  # to Monday, or back to Friday at the end of the range
                day = day + 7 - weekday if day + 7 - weekday <= last else day - weekday + 4
            found = courts.pick(rng)
            filings.append((found.id, day, found))
        filings.sort(key=itemgetter(0, 1))  # by court and date: in SGT number order
        # random ids, not enumerable; sorted, their index grows at its end like the numbers'
        ids: set[int] = set()
        while len(ids) < total + len(DEMO_CASES):
            ids.add(rng.getrandbits(64))
        self.ids = sorted(ids)
        taken = {(n[:5], int(n[6:10]), int(n[11:])) for n in (d.number for d in DEMO_CASES)}
        sequence: dict[tuple[str, int], int] = {}
        years = {day: int(text[:4]) for day, text in self.iso.items()}
        for court_id, day, found in filings:
            year = years[day]
            seq = sequence.get((court_id, year), 0) + 1
            while (court_id, year, seq) in taken:
                seq += 1
            sequence[court_id, year] = seq
            self.case(found, year, seq, day)

    def case(self, found: data.PeaceCourt, year: int, seq: int, start: int) -> None:
        rng, iso, stamps, codes = self.rng, self.iso, self.stamps, self.codes
        matter = found.matters.pick(rng)
        events, state, pending = scripts.walk(scripts.SCRIPTS[matter], rng, start, self.anchor)
        kept = events[-MAX_ACTUACIONES:]
        acts = ";".join([stamps[day] + codes[code] for day, code in kept])
        hearing: tuple[str | None, str | None] = (None, None)
        if pending is not None:
            hearing = (self.hearing_at(3 + int(rng.random() * 40)), pending)
        parties = data.parties(self.names, matter, found.maya)
        at = _TIMES[int(rng.random() * len(_TIMES))]
        self.add(
            found.id, year, seq, matter, iso[start], state, hearing,
            "\n".join([_ROLE_PREFIX[role] + name for role, name in parties]), acts,
            iso[kept[-1][0]] + at,
        )  # fmt: skip

    def hearing_at(self, days: int, slot: str = "") -> str:
        day = self.anchor + days
        weekday = (day - 1) % 7
        if weekday > 4:
            day += 7 - weekday
        slot = slot or _SLOTS[int(self.rng.random() * len(_SLOTS))]
        return f"{self.iso[day]}T{slot}:00-06:00"

    def demo(self, demo: DemoCase) -> None:
        court_id, year, seq = demo.number.split("-")
        hearing: tuple[str | None, str | None] = (None, None)
        if demo.hearing is not None:
            days, slot, kind = demo.hearing
            hearing = (self.hearing_at(days, slot), kind)
        acts = ";".join(f"{day.isoformat()}:{scripts.ACT_CODES[act]}" for day, act in demo.acts)
        self.add(
            court_id, int(year), int(seq), demo.matter, demo.acts[0][0].isoformat(), demo.state,
            hearing, "\n".join([_ROLE_PREFIX[role] + name for role, name in demo.parties]), acts,
            f"{demo.acts[-1][0].isoformat()}T10:15:00-06:00",
        )  # fmt: skip

    def add(
        self,
        court_id: str,
        year: int,
        seq: int,
        matter: StoredMatter,
        started_on: str,
        state: PeaceState,
        hearing: tuple[str | None, str | None],
        parties: str,
        acts: str,
        updated_at: str,
    ) -> None:
        pk = self.count = self.count + 1
        reserved = 1 if matter in data.RESERVED else 0
        # StrEnum members bind as their text
        self.rows += (
            pk, f"pc_{self.ids[pk - 1]:016x}", court_id, year, seq, matter, reserved, started_on,
            state, *hearing, parties, acts, updated_at,
        )  # fmt: skip


# --- the queries (module constants: a test checks each one's plan uses an index) -----------------

#: what a summary reads; a reserved case's data is blanked here, in SQL: it never leaves SQLite
SUMMARY_COLUMNS = (
    "id, court_id, year, sequence, reserved, "
    "CASE WHEN reserved THEN NULL ELSE matter END AS matter, "
    "CASE WHEN reserved THEN NULL ELSE started_on END AS started_on, "
    "CASE WHEN reserved THEN NULL ELSE state END AS state, "
    "CASE WHEN reserved THEN NULL ELSE hearing_at END AS hearing_at"
)
BY_NUMBER = (
    f"SELECT {SUMMARY_COLUMNS} FROM peace_cases "  # noqa: S608 - fixed fragments
    "WHERE court_id = ? AND year = ? AND sequence = ?"
)
#: the court's part of a number, in the courts between two ids (a department, or every one),
#: after the cursor (the last court served), in court order
BY_SHORT_NUMBER = (
    f"SELECT {SUMMARY_COLUMNS} FROM peace_cases "  # noqa: S608 - fixed fragments
    "WHERE year = ? AND sequence = ? AND court_id BETWEEN ? AND ? AND court_id > ? "
    "ORDER BY court_id LIMIT ?"
)
COUNT_SHORT_NUMBER = (
    "SELECT COUNT(*) FROM peace_cases WHERE year = ? AND sequence = ? AND court_id BETWEEN ? AND ?"
)
#: a record: first what any case shows; the rest only for a case that is not reserved
CASE_HEAD = "SELECT pk, id, court_id, year, sequence, reserved FROM peace_cases WHERE id = ?"
CASE_BODY = (
    "SELECT matter, started_on, state, hearing_at, hearing_kind, parties, acts, updated_at "
    "FROM peace_cases WHERE pk = ?"
)

# --- routes ---------------------------------------------------------------------------------------

router = APIRouter(tags=["tribunales de paz"])
#: a visitor types a few numbers a minute; many more is someone walking the sequences
_searches = RateLimiter(60, 60.0)
_CASE_ID = re.compile(r"^pc_[0-9a-f]{16}$")
_CURSOR = re.compile(r"^[0-9]{5}$")
_DEPARTMENTS = {department.code: department.name for department in DEPARTMENTS}
_NO_OFFICE = (
    "Los casos de los Juzgados de Paz no llevan «Of.»: escriba el número sin esa parte, por "
    "ejemplo 13028-2026-00018 o 18-2026."
)


@router.get("/peace-cases", response_model=api.PeaceCasePage)
def search_cases(
    state: State,
    kiosk: KioskId,
    number: Annotated[
        str,
        Query(
            max_length=40,
            description="canonical: an SGT number of a Juzgado de Paz (DDCCC-YYYY-NNNNN), or the "
            "court's part of it (NNN-YYYY), which many courts share",
        ),
    ],
    department: Annotated[
        int | None, Query(ge=1, le=len(DEPARTMENTS), description="1..22: narrows a short number")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=api.SEARCH_LIMIT_MAX)] = api.SEARCH_LIMIT_DEFAULT,
    cursor: Annotated[str | None, Query(max_length=40, description="opaque")] = None,
) -> api.PeaceCasePage:
    """The cases with this number: one for an SGT number; for the court's part of one, every
    Juzgado de Paz's case with it (in the department, when given), a page at a time in court
    order. Nothing found is an empty page."""
    _searches.check(kiosk)
    try:
        parsed = parse_case_number(number, this_year=now().year)
    except CaseNumberError as exc:
        raise ApiProblem(422, "case_number_invalid", str(exc), field="number") from None
    canonical = str(parsed)
    if parsed.office is not None:
        raise ApiProblem(422, "case_number_invalid", _NO_OFFICE, field="number")
    if number != canonical:  # the kiosk parses what was typed: the contract takes its result
        detail = f"El número del caso se escribe así: {canonical}."
        raise ApiProblem(422, "case_number_invalid", detail, field="number")
    if cursor is not None and not _CURSOR.match(cursor):
        raise ApiProblem(422, "cursor_invalid", "La página pedida no es válida.", field="cursor")
    conn = state.db.connection()
    if parsed.court_id is not None:
        if peace_court(parsed.court_id) is None:
            detail = f"El código {parsed.court_id} no es de un Juzgado de Paz."
            raise ApiProblem(422, "court_not_peace", detail, field="number")
        found = conn.execute(BY_NUMBER, (parsed.court_id, parsed.year, parsed.sequence))
        rows = [row for row in found if department in (None, int(row["court_id"][:2]))]
        items = [_summary(row) for row in rows if cursor is None]
        return api.PeaceCasePage(items=items, total=len(rows))
    low, high = (
        ("00000", "99999")
        if department is None
        else (f"{department:02d}000", f"{department:02d}999")
    )
    key = (parsed.year, parsed.sequence, low, high)
    total = conn.execute(COUNT_SHORT_NUMBER, key).fetchone()[0]
    rows = conn.execute(BY_SHORT_NUMBER, (*key, cursor or "", limit + 1)).fetchall()
    items = [_summary(row) for row in rows[:limit]]
    more = len(rows) > limit  # the cursor is the last court served: a court has one such case
    return api.PeaceCasePage(
        items=items, total=total, next_cursor=items[-1].court_id if more else None
    )


@router.get("/peace-cases/{case_id}", response_model=api.PeaceCase)
def get_case(case_id: str, state: State, _: KioskId) -> api.PeaceCase:
    conn = state.db.connection()
    head = conn.execute(CASE_HEAD, (case_id,)).fetchone() if _CASE_ID.match(case_id) else None
    if head is None:
        raise ApiProblem(404, "case_not_found", "No existe ese caso de un Juzgado de Paz.")
    where = _where(head["court_id"])
    number = f"{head['court_id']}-{head['year']:04d}-{head['sequence']:05d}"
    if head["reserved"]:  # its number and court: nothing else is even read
        return api.PeaceCase(id=head["id"], number=number, reserved=True, **where)
    row = conn.execute(CASE_BODY, (head["pk"],)).fetchone()
    # a full name is read only to be cut to initials here: it never leaves this function
    parties = [
        api.PeaceParty(role=PeaceRole(role), initials=initials(name))
        for role, _, name in (line.partition("\t") for line in row["parties"].split("\n"))
    ]
    acts = [
        api.PeaceActuacion(on=date.fromisoformat(on), text=scripts.act_text(int(code)))
        for on, _, code in (entry.partition(":") for entry in reversed(row["acts"].split(";")))
    ]
    hearing = _next_hearing(row["hearing_at"])
    return api.PeaceCase(
        id=head["id"],
        number=number,
        reserved=False,
        matter=PeaceMatter(row["matter"]),
        started_on=date.fromisoformat(row["started_on"]),
        state=_state_now(row["state"], hearing),
        parties=parties,
        next_hearing=(
            None
            if hearing is None
            else api.PeaceHearing(at=hearing, kind=PeaceHearingKind(row["hearing_kind"]), room=ROOM)
        ),
        actuaciones=acts[:MAX_ACTUACIONES],
        updated_at=datetime.fromisoformat(row["updated_at"]),
        **where,
    )


class _Where(TypedDict):
    """Where a case is: what a reserved case shows besides its number."""

    court_id: str
    court_name: str
    municipality: str
    department: str


def _where(court_id: str) -> _Where:
    court = find_court(court_id)
    return _Where(
        court_id=court_id,
        court_name=court.name,
        municipality=municipality_name(court.department, court.municipality),
        department=_DEPARTMENTS[court.department],
    )


def _next_hearing(at: str | None) -> datetime | None:
    """A seeded hearing the clock has passed is no longer the next one."""
    moment = None if at is None else datetime.fromisoformat(at)
    return moment if moment is not None and moment > now() else None


def _state_now(stored: str, hearing: datetime | None) -> PeaceState:
    """A hearing set and since passed leaves the case waiting for the court's record of it."""
    state = PeaceState(stored)
    if state is PeaceState.AUDIENCIA_SENALADA and hearing is None:
        return PeaceState.EN_TRAMITE
    return state


def _summary(row: sqlite3.Row) -> api.PeaceCaseSummary:
    number = f"{row['court_id']}-{row['year']:04d}-{row['sequence']:05d}"
    if row["reserved"]:
        return api.PeaceCaseSummary(
            id=row["id"], number=number, reserved=True, **_where(row["court_id"])
        )
    return api.PeaceCaseSummary(
        id=row["id"],
        number=number,
        reserved=False,
        matter=PeaceMatter(row["matter"]),
        started_on=date.fromisoformat(row["started_on"]),
        state=_state_now(row["state"], _next_hearing(row["hearing_at"])),
        **_where(row["court_id"]),
    )


def refresh_demo(conn: sqlite3.Connection, today: date) -> None:
    """The documented demo hearings stay in the coming weeks, however old the data folder is
    (the README promises a case with a next hearing)."""
    for demo in DEMO_CASES:
        if demo.hearing is None:
            continue
        days, slot, _kind = demo.hearing
        day = today + timedelta(days=days)
        day += timedelta(days=7 - day.weekday() if day.weekday() > 4 else 0)
        court_id, year, seq = demo.number.split("-")
        conn.execute(
            "UPDATE peace_cases SET hearing_at = ? "
            "WHERE court_id = ? AND year = ? AND sequence = ?",
            (f"{day.isoformat()}T{slot}:00-06:00", court_id, int(year), int(seq)),
        )


SERVICE = SandboxService(
    name="tribunales-paz",
    router=router,
    schema=SCHEMA,
    tables=("peace_cases",),
    seed=seed_cases,
    seed_version="1",
    refresh=refresh_demo,
)
