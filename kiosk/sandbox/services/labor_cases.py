"""Consulta de Expedientes Laborales: labour cases found by their SGT or legacy number.

Seeded at real volume ([F] about 9,000 labour cases a year, half of them in Guatemala department)
from 2019 to the anchor, on the first-instance labour courts of ``kiosk.courts``, with per-court
SGT sequences. About one case in ten also carries the court's own book number (``485-2011 Of. 2``):
those repeat across courts, so a search answers a page and the detail is asked by id. Parties are
stored with full names, as a court file holds them, and only ever served as initials.
"""

from __future__ import annotations

import random
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from operator import itemgetter
from typing import Annotated

from fastapi import APIRouter, Query

from kiosk.case_numbers import CaseNumber, CaseNumberError, parse_case_number
from kiosk.courts import court as find_court
from kiosk.geography import DEPARTMENTS
from kiosk.portal.models import labor_cases as api
from kiosk.portal.models.labor_cases import HearingKind, LaborCaseKind, LaborStage, PartyRole
from kiosk.sandbox import labor_data as data
from kiosk.sandbox import labor_scripts as scripts
from kiosk.sandbox.bulk import insert_rows
from kiosk.sandbox.guards import RateLimiter
from kiosk.sandbox.people import initials
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService, volume
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import now

# --- demo data: always seeded, documented for newcomers and the UI tests --------------------------


@dataclass(frozen=True)
class DemoCase:
    number: str  # SGT, canonical
    court: str  # DDCCC
    shows: str  # what it demonstrates
    kind: LaborCaseKind
    stage: LaborStage
    started_on: date
    parties: tuple[tuple[PartyRole, str], ...]  # full names, as stored
    acts: tuple[tuple[date, str], ...]  # (date, a key of labor_scripts.ACTS), oldest first
    legacy_number: str | None = None
    #: (days after the anchor, "HH:MM", kind, room): the next hearing
    hearing: tuple[int, str, HearingKind, str] | None = None


#: An open case in Quetzaltenango with a hearing in the coming weeks.
DEMO_HEARING_NUMBER, DEMO_HEARING_COURT = "09006-2025-00077", "09006"
#: One legacy book number kept by two courts: searching it gives two results.
DEMO_LEGACY_NUMBER = "485-2011 Of. 2"
DEMO_LEGACY_COURTS = ("01170", "05005")
#: A finished case: the convenio was paid and the file archived.
DEMO_ARCHIVED_NUMBER, DEMO_ARCHIVED_COURT = "01173-2019-00123", "01173"

_A, _D = PartyRole.ACTOR, PartyRole.DEMANDADO
DEMO_CASES: tuple[DemoCase, ...] = (
    DemoCase(
        DEMO_HEARING_NUMBER, DEMO_HEARING_COURT, "open, next hearing in the coming weeks",
        LaborCaseKind.ORDINARIO, LaborStage.PRUEBA, date(2025, 3, 10),
        ((_A, "Juan Carlos García Hernández"), (_D, "Textiles del Sur, Sociedad Anónima")),
        ((date(2025, 3, 10), "rec_ordinario"), (date(2025, 3, 24), "tramite"),
         (date(2025, 4, 8), "notificada"), (date(2025, 6, 17), "sin_acuerdo"),
         (date(2025, 6, 17), "contesta"), (date(2025, 8, 5), "excepciones"),
         (date(2025, 9, 2), "abre_prueba")),
        hearing=(15, "09:00", HearingKind.PRUEBA, "Sala de audiencias 2"),
    ),
    DemoCase(
        "01170-2011-00412", DEMO_LEGACY_COURTS[0], "legacy number shared with another court",
        LaborCaseKind.PRESTACIONES, LaborStage.EJECUCION, date(2011, 5, 16),
        ((_A, "María Fernanda López Pérez"), (_D, "Distribuidora El Sol, Sociedad Anónima")),
        ((date(2011, 5, 16), "rec_prestaciones"), (date(2011, 6, 1), "tramite"),
         (date(2011, 9, 12), "sin_acuerdo"), (date(2011, 9, 12), "rebeldia"),
         (date(2012, 2, 20), "con_lugar"), (date(2012, 4, 2), "firme"),
         (date(2012, 7, 9), "liquidacion"), (date(2013, 1, 21), "embargo")),
        legacy_number=DEMO_LEGACY_NUMBER,
    ),
    DemoCase(
        "05005-2011-00097", DEMO_LEGACY_COURTS[1], "legacy number shared with another court",
        LaborCaseKind.REINSTALACION, LaborStage.ARCHIVADO, date(2011, 8, 3),
        ((_A, "Pedro Pablo Morales Castillo"), (_D, "Agroindustrias San Miguel, Sociedad Anónima")),
        ((date(2011, 8, 3), "rec_reinst"), (date(2011, 8, 5), "ordena_reinst"),
         (date(2011, 8, 12), "comisiona"), (date(2011, 9, 6), "reinstalado"),
         (date(2012, 3, 14), "reinst_cumplida")),
        legacy_number=DEMO_LEGACY_NUMBER,
    ),
    DemoCase(
        DEMO_ARCHIVED_NUMBER, DEMO_ARCHIVED_COURT, "archived after a paid convenio",
        LaborCaseKind.ORDINARIO, LaborStage.ARCHIVADO, date(2019, 4, 22),
        ((_A, "Ana Lucía Méndez Juárez"), (_A, "Rosa Elena Cruz Reyes"),
         (_D, "Hotelera Las Palmas, Sociedad Anónima")),
        ((date(2019, 4, 22), "rec_ordinario"), (date(2019, 5, 6), "tramite"),
         (date(2019, 5, 20), "notificada"), (date(2019, 7, 15), "convenio"),
         (date(2020, 10, 26), "convenio_pagado")),
    ),
)  # fmt: skip

# --- schema and seed ------------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS labor_cases (
    pk            INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    number        TEXT NOT NULL UNIQUE,
    legacy_number TEXT,
    court_id      TEXT NOT NULL,
    kind          TEXT NOT NULL,
    started_on    TEXT NOT NULL,
    stage         TEXT NOT NULL,
    hearing_at    TEXT,
    hearing_kind  TEXT,
    hearing_room  TEXT,
    updated_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS labor_cases_legacy
    ON labor_cases(legacy_number, court_id) WHERE legacy_number IS NOT NULL;
CREATE TABLE IF NOT EXISTS labor_parties (
    case_pk  INTEGER NOT NULL REFERENCES labor_cases(pk),
    position INTEGER NOT NULL,
    role     TEXT NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (case_pk, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS labor_actuaciones (
    case_pk  INTEGER NOT NULL REFERENCES labor_cases(pk),
    position INTEGER NOT NULL,
    on_date  TEXT NOT NULL,
    act      INTEGER NOT NULL,  -- labor_scripts.ACTS by position (ACT_CODES)
    PRIMARY KEY (case_pk, position)
) WITHOUT ROWID
"""


FIRST_YEAR = 2019
CASES_PER_YEAR = 9000  # [F]
LEGACY_SHARE = 0.10  # [A] cases that also carry the court's own book number
MAX_ACTUACIONES = 12  # the latest ones are kept: what the kiosk shows
_SLOTS = ("08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "14:00", "14:30")
_VISTA_ROOM = "Sala de vistas, Sala de Apelaciones de Trabajo y Previsión Social"
_NO_HEARING = (None, None, None)
# when a case's record last changed, in its last actuación's day: office hours
_TIMES = tuple(f"T{h:02d}:{m:02d}:00-06:00" for h in range(8, 17) for m in range(60))


def seed_cases(
    conn: sqlite3.Connection, rng: random.Random, anchor: date, *, per_year: int = CASES_PER_YEAR
) -> None:
    """``per_year`` cases a year from 2019 to the anchor (its year pro rata), and the demo."""
    per_year = volume(per_year)
    seeder = _Seeder(rng, anchor)
    seeder.cases_from(FIRST_YEAR, per_year)
    for demo in DEMO_CASES:
        seeder.demo(demo)
    insert_rows(conn, "labor_cases", 12, seeder.cases)
    insert_rows(conn, "labor_parties", 4, seeder.parties)
    insert_rows(conn, "labor_actuaciones", 4, seeder.acts)


class _Seeder:
    """Builds the three tables' rows as flat lists (one value after another), in key order:
    cases by SGT number, each one's parties and actuaciones by position."""

    def __init__(self, rng: random.Random, anchor: date) -> None:
        self.rng = rng
        self.anchor = anchor.toordinal()
        self.last_weekday = self.anchor - max(anchor.weekday() - 4, 0)
        self.people = data.LabourPeople(rng)
        self.count = 0
        self.ids: list[int] = []
        self.cases: list[object] = []
        self.parties: list[object] = []
        self.acts: list[object] = []
        first = date(min(d.started_on for d in DEMO_CASES).year, 1, 1).toordinal()
        self.iso = {
            day: date.fromordinal(day).isoformat() for day in range(first, self.anchor + 70)
        }
        # clerk's desks (oficiales) whose book numbers a court writes; 0: it numbers without them
        self.offices = {
            court.id: 2 + int(rng.random() * 3) if rng.random() < 0.7 else 0
            for court in data.COURTS.items
        }

    def cases_from(self, first_year: int, per_year: int) -> None:
        rng = self.rng
        filings: list[tuple[str, int, str, data.LabourCourt]] = []
        courts = data.COURTS
        for year in range(first_year, date.fromordinal(self.anchor).year + 1):
            first = date(year, 1, 1).toordinal()
            length = date(year, 12, 31).toordinal() - first + 1
            last = min(first + length - 1, self.last_weekday)
            for _ in range(round(per_year * max(last - first + 1, 0) / length)):
                day = first + int(rng.random() * (last - first + 1))
                weekday = (day - 1) % 7
                if weekday > 4:  # to Monday, or back to Friday at the end of the range
                    day = day + 7 - weekday if day + 7 - weekday <= last else day - weekday + 4
                found = courts.pick(rng)
                filings.append((found.id, day, str(year), found))
        filings.sort(key=itemgetter(0, 1))  # by court and date: in SGT number order
        # random ids, not enumerable; sorted, their index grows at its end like the numbers'
        ids: set[int] = set()
        while len(ids) < len(filings) + len(DEMO_CASES):
            ids.add(rng.getrandbits(64))
        self.ids = sorted(ids)
        reserved = {demo.number for demo in DEMO_CASES}
        sequence: dict[tuple[str, str], int] = {}
        book: dict[tuple[str, str, int], int] = {}
        for court_id, day, filed, found in filings:
            gap = 3 if found.mixed else 1  # a mixed court numbers its other matters' cases too
            seq = sequence.get((court_id, filed), 0)
            while True:
                seq += 1 + int(rng.random() * gap)
                number = f"{court_id}-{filed}-{seq:05d}"
                if number not in reserved:
                    break
            sequence[court_id, filed] = seq
            offices = self.offices[court_id]
            office = 1 + int(rng.random() * offices) if offices else 0
            page = book[court_id, filed, office] = book.get((court_id, filed, office), 0) + 1
            legacy = None
            if rng.random() < LEGACY_SHARE:
                legacy = str(CaseNumber(int(filed), page, office=office or None))
            self.case(found, number, legacy, day)

    def case(self, found: data.LabourCourt, number: str, legacy: str | None, start: int) -> None:
        rng, iso = self.rng, self.iso
        kind = data.KINDS.pick(rng)
        events, stage, pending = scripts.walk(scripts.SCRIPTS[kind], rng, start, self.anchor)
        if len(events) < 2 and pending is not None:  # filed days ago: it has its first order
            events.append((self.last_weekday, scripts.ACT_CODES[pending.acts[0]]))
            stage, pending = pending.stage, None
        pk = self.count = self.count + 1
        kept = events[-MAX_ACTUACIONES:]
        acts = self.acts
        for position, (day, act) in enumerate(kept):
            acts += (pk, position, iso[day], act)
        hearing: tuple[str | None, ...] = _NO_HEARING
        if pending is not None and pending.hearing is not None:
            hearing = self.hearing(3 + int(rng.random() * 40), pending.hearing)
        self.add_parties(pk, kind, found)
        at = _TIMES[int(rng.random() * len(_TIMES))]
        # StrEnum members bind as their text
        self.cases += (
            pk, f"lc_{self.ids[pk - 1]:016x}", number, legacy, found.id, kind, iso[start],
            stage, *hearing, iso[kept[-1][0]] + at,
        )  # fmt: skip

    def hearing(self, days: int, kind: HearingKind, slot: str = "") -> tuple[str, str, str]:
        day = self.anchor + days
        weekday = (day - 1) % 7
        if weekday > 4:
            day += 7 - weekday
        slot = slot or _SLOTS[int(self.rng.random() * len(_SLOTS))]
        room = _VISTA_ROOM if kind is HearingKind.VISTA else "Sala de audiencias {}"
        room = room.format(1 + int(self.rng.random() * 3))
        return f"{self.iso[day]}T{slot}:00-06:00", kind, room

    def add_parties(self, pk: int, kind: LaborCaseKind, found: data.LabourCourt) -> None:
        people, draw = self.people, self.rng.random()
        if kind is LaborCaseKind.COLECTIVO:
            company = people.company()
            actors = [f"Sindicato de Trabajadores de {company.partition(',')[0]}"]
            defendant = company
        elif kind is LaborCaseKind.FALTAS:
            actors, defendant = [data.INSPECCION], people.employer(found)
        elif kind is LaborCaseKind.PREVISION_SOCIAL:
            actors, defendant = [people.person(found.maya)], data.IGSS
        else:
            count = 1 if draw < 0.82 else 2 if draw < 0.94 else 3  # co-workers sue together
            actors = [people.person(found.maya) for _ in range(count)]
            defendant = people.employer(found)
        for position, name in enumerate(actors):
            self.parties += (pk, position, "actor", name)
        self.parties += (pk, len(actors), "demandado", defendant)

    def demo(self, demo: DemoCase) -> None:
        pk = self.count = self.count + 1
        for position, (day, act) in enumerate(demo.acts):
            self.acts += (pk, position, day.isoformat(), scripts.ACT_CODES[act])
        for position, (role, name) in enumerate(demo.parties):
            self.parties += (pk, position, role, name)
        hearing: tuple[str | None, ...] = _NO_HEARING
        if demo.hearing is not None:
            days, slot, kind, room = demo.hearing
            hearing = (*self.hearing(days, kind, slot)[:2], room)
        self.cases += (
            pk, f"lc_{self.ids[pk - 1]:016x}", demo.number, demo.legacy_number, demo.court,
            demo.kind, demo.started_on.isoformat(), demo.stage, *hearing,
            f"{demo.acts[-1][0].isoformat()}T10:15:00-06:00",
        )  # fmt: skip


# --- routes ---------------------------------------------------------------------------------------

router = APIRouter(tags=["expedientes laborales"])
#: a visitor types a few numbers a minute; many more is someone walking the sequences
_searches = RateLimiter(60, 60.0)
_CASE_ID = re.compile(r"^lc_[0-9a-f]{16}$")
_DEPARTMENTS = {department.code: department.name for department in DEPARTMENTS}
_SUMMARY = "id, number, legacy_number, court_id, kind, started_on, stage"


@router.get("/labor-cases", response_model=api.LaborCasePage)
def search_cases(
    state: State,
    kiosk: KioskId,
    number: Annotated[str, Query(max_length=40, description="canonical SGT or legacy number")],
    court: Annotated[
        str | None, Query(pattern=r"^[0-9]{5}$", description="a court id (DDCCC) to narrow by")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=api.SEARCH_LIMIT_MAX)] = api.SEARCH_LIMIT_DEFAULT,
    cursor: Annotated[str | None, Query(max_length=40, description="opaque")] = None,
) -> api.LaborCasePage:
    """The cases with this number (canonical, as ``kiosk.case_numbers`` writes it): one for an
    SGT number, maybe several for a legacy one, which repeats across courts; a legacy number
    without its desk (Of.) also finds it at every desk. Nothing found is an empty page."""
    _searches.check(kiosk)
    try:
        parsed = parse_case_number(number, this_year=now().year)
    except CaseNumberError as exc:
        raise ApiProblem(422, "case_number_invalid", str(exc), field="number") from None
    canonical = str(parsed)
    if number != canonical:  # the kiosk parses what was typed: the contract takes its result
        detail = f"El número del expediente se escribe así: {canonical}."
        raise ApiProblem(422, "case_number_invalid", detail, field="number")
    if cursor is not None and not _CASE_ID.match(cursor):
        raise ApiProblem(422, "cursor_invalid", "La página pedida no es válida.", field="cursor")
    if parsed.is_sgt:
        where, params = "number = ?", [canonical]
    elif parsed.office is None:  # no desk given: the number at any desk (Of. 1..9) too
        where, params = "legacy_number BETWEEN ? AND ?", [canonical, f"{canonical} Of. 9"]
    else:
        where, params = "legacy_number = ?", [canonical]
    if court is not None:
        where += " AND court_id = ?"
        params.append(court)
    conn = state.db.connection()
    count = f"SELECT COUNT(*) FROM labor_cases WHERE {where}"  # noqa: S608 - fixed fragments
    page = f"SELECT {_SUMMARY} FROM labor_cases WHERE {where} AND id > ? ORDER BY id LIMIT ?"  # noqa: S608
    total = conn.execute(count, params).fetchone()[0]
    rows = conn.execute(page, [*params, cursor or "", limit + 1]).fetchall()
    items = [api.LaborCaseSummary(**_common(row)) for row in rows[:limit]]
    more = len(rows) > limit  # the cursor is the last id served: ids never change
    return api.LaborCasePage(items=items, total=total, next_cursor=items[-1].id if more else None)


@router.get("/labor-cases/{case_id}", response_model=api.LaborCase)
def get_case(case_id: str, state: State, _: KioskId) -> api.LaborCase:
    conn = state.db.connection()
    row = conn.execute("SELECT * FROM labor_cases WHERE id = ?", (case_id,)).fetchone()
    if row is None:
        raise ApiProblem(404, "case_not_found", "No existe ese expediente laboral.")
    # a full name is read only to be cut to initials here: it never leaves this function
    parties = [
        api.LaborParty(role=PartyRole(role), initials=initials(name))
        for role, name in conn.execute(
            "SELECT role, name FROM labor_parties WHERE case_pk = ? ORDER BY position",
            (row["pk"],),
        )
    ]
    acts = [
        api.Actuacion(on=date.fromisoformat(on), text=scripts.act_text(act))
        for on, act in conn.execute(
            "SELECT on_date, act FROM labor_actuaciones WHERE case_pk = ? ORDER BY position DESC",
            (row["pk"],),
        )
    ]
    hearing = None
    if row["hearing_at"] is not None:
        at = datetime.fromisoformat(row["hearing_at"])
        if at > now():  # a seeded hearing the clock has passed is no longer the next one
            kind = HearingKind(row["hearing_kind"])
            hearing = api.Hearing(at=at, kind=kind, room=row["hearing_room"])
    return api.LaborCase(
        **_common(row),
        department=_DEPARTMENTS[find_court(row["court_id"]).department],
        parties=parties,
        next_hearing=hearing,
        actuaciones=acts,
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


def _common(row: sqlite3.Row) -> dict[str, object]:
    """What a summary and a detail share."""
    return {
        "id": row["id"],
        "number": row["number"],
        "legacy_number": row["legacy_number"],
        "court_id": row["court_id"],
        "court_name": find_court(row["court_id"]).name,
        "kind": LaborCaseKind(row["kind"]),
        "started_on": date.fromisoformat(row["started_on"]),
        "stage": LaborStage(row["stage"]),
    }


def refresh_demo(conn: sqlite3.Connection, today: date) -> None:
    """The documented demo hearings stay in the coming weeks, however old the data folder is
    (the README promises a case with a next hearing)."""
    for demo in DEMO_CASES:
        if demo.hearing is None:
            continue
        days, slot, _kind, _room = demo.hearing
        day = today + timedelta(days=days)
        day += timedelta(days=max(0, 7 - day.weekday()) if day.weekday() > 4 else 0)
        at = f"{day.isoformat()}T{slot}:00-06:00"
        conn.execute("UPDATE labor_cases SET hearing_at = ? WHERE number = ?", (at, demo.number))


SERVICE = SandboxService(
    name="expedientes-laborales",
    router=router,
    schema=SCHEMA,
    tables=("labor_actuaciones", "labor_parties", "labor_cases"),
    seed=seed_cases,
    seed_version="1",
    refresh=refresh_demo,
)
