"""Archivo de Tribunales: archived cases found by their court and number, and requests for a
certificación, copias simples or a constancia, with the tariff's price and a numbered answer.

Seeded at volume (``court_archive_seed``): archived cases from 1960 in every department, with the
numbers their courts wrote; the demo records of ``court_archive_demo``. Reserved matters (family,
children, sexual crimes, violence against women) are served as their number and court and
``reserved: true``: their other columns never leave this module (the search blanks them in SQL).
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from kiosk.case_numbers import CaseNumberError, parse_case_number
from kiosk.courts import court as find_court
from kiosk.geography import department as find_department
from kiosk.geography import municipality_name
from kiosk.portal.models import court_archive as api
from kiosk.portal.models.court_archive import (
    REQUESTABLE,
    ArchivePartyRole,
    ArchiveStatus,
)
from kiosk.sandbox import court_archive_data as data
from kiosk.sandbox.court_archive_demo import DEMO_CASES
from kiosk.sandbox.court_archive_requests import CASE_HEAD, register
from kiosk.sandbox.court_archive_seed import demo_since, seed_archive
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.people import initials
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import now

SCHEMA = """
CREATE TABLE IF NOT EXISTS archive_cases (
    pk           INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    court_id     TEXT NOT NULL,
    number       TEXT NOT NULL,  -- canonical, as kiosk.case_numbers writes it
    matter       TEXT NOT NULL,  -- an ArchiveMatter value, or a reserved matter
    process      TEXT NOT NULL,
    reserved     INTEGER NOT NULL,
    year_from    INTEGER NOT NULL,
    year_to      INTEGER NOT NULL,
    folios       INTEGER NOT NULL,
    status       TEXT NOT NULL,
    status_since TEXT NOT NULL,
    shelf        INTEGER NOT NULL,
    box          INTEGER NOT NULL,
    legajo       INTEGER NOT NULL,
    acta         INTEGER,  -- the acta of a file destroyed or lost (its year: status_since's)
    parties      TEXT NOT NULL,  -- "role<TAB>full name" lines, in order
    updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS archive_cases_number ON archive_cases(court_id, number);
CREATE TABLE IF NOT EXISTS archive_requests (
    pk          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE,
    case_pk     INTEGER NOT NULL REFERENCES archive_cases(pk),
    kind        TEXT NOT NULL,
    folio_from  INTEGER,
    folio_to    INTEGER,
    amount      TEXT NOT NULL,
    first_names TEXT NOT NULL,
    last_names  TEXT NOT NULL,
    dpi         TEXT NOT NULL,
    phone       TEXT,
    email       TEXT,
    ready_on    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    kiosk_id    TEXT NOT NULL
)
"""

# --- the queries (module constants: a test checks each one's plan uses an index) ----------------

#: what a summary reads; a reserved case's data is blanked here, in SQL: it never leaves SQLite
SUMMARY_COLUMNS = (
    "id, court_id, number, reserved, "
    "CASE WHEN reserved THEN NULL ELSE year_from END AS year_from, "
    "CASE WHEN reserved THEN NULL ELSE status END AS status"
)
#: the numbers between two (one court): the number itself for an SGT number or an old one with
#: its desk; without the desk, the same number at every desk of the court (Of. 1 to 9); after
#: the cursor (the last number served), in number order: the index's own order, no sort
SEARCH = (
    f"SELECT {SUMMARY_COLUMNS} FROM archive_cases "  # noqa: S608 - fixed fragments
    "WHERE court_id = ? AND number BETWEEN ? AND ? AND number > ? ORDER BY number LIMIT ?"
)
COUNT = "SELECT COUNT(*) FROM archive_cases WHERE court_id = ? AND number BETWEEN ? AND ?"
CASE_BODY = (
    "SELECT matter, process, year_from, year_to, folios, status, status_since, shelf, box, "
    "legajo, acta, parties, updated_at FROM archive_cases WHERE pk = ?"
)

# --- routes ---------------------------------------------------------------------------------------

router = APIRouter(tags=["archivo de tribunales"])
#: a visitor types a few numbers a minute; many more is someone walking the books
_searches = RateLimiter(60, 60.0)
#: requests carry a person's identity: a few a minute per kiosk, and a few a day per DPI from
#: all the kiosks together (nobody fills the archive's window with requests in another's name)
_requests = RateLimiter(10, 60.0)
_requests_per_dpi = RateLimiter(
    10,
    24 * 3600.0,
    detail="Ya se hicieron muchas solicitudes con este DPI hoy. Espere {wait} o pregunte en la "
    "ventanilla del Archivo.",
)


@router.get("/archive-cases", response_model=api.ArchiveCasePage)
def search_cases(
    state: State,
    kiosk: KioskId,
    number: Annotated[
        str, Query(max_length=40, description="canonical: an SGT number or the court's own")
    ],
    court: Annotated[
        str | None,
        Query(
            pattern=r"^[0-9]{5}$",
            description="the court of origin (DDCCC); required for a court's own old number",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=api.SEARCH_LIMIT_MAX)] = api.SEARCH_LIMIT_DEFAULT,
    cursor: Annotated[
        str | None, Query(max_length=40, description="opaque: the last page's next_cursor")
    ] = None,
) -> api.ArchiveCasePage:
    """The archived cases with this number at this court: one for an SGT number (which names its
    court) or an old number with its desk; maybe several for an old number without its desk,
    which the court's desks each wrote. Nothing found is an empty page."""
    _searches.check(kiosk)
    try:
        parsed = parse_case_number(number, this_year=now().year)
    except CaseNumberError as exc:
        raise ApiProblem(422, "case_number_invalid", str(exc), field="number") from None
    canonical = str(parsed)
    if number != canonical:  # the kiosk parses what was typed: the contract takes its result
        detail = f"El número del expediente se escribe así: {canonical}."
        raise ApiProblem(422, "case_number_invalid", detail, field="number")
    if court is not None:
        _known_court(court)
    if parsed.court_id is not None:
        if court is not None and court != parsed.court_id:
            return api.ArchiveCasePage(items=[], total=0)  # that number belongs to another court
        bounds = [parsed.court_id, canonical, canonical]
    elif court is None:
        detail = "Un número antiguo se repite en muchos juzgados: diga de qué juzgado es."
        raise ApiProblem(422, "court_required", detail, field="court")
    elif parsed.office is None:
        bounds = [court, canonical, f"{canonical} Of. 9"]
    else:
        bounds = [court, canonical, canonical]
    conn = state.db.connection()
    total = conn.execute(COUNT, bounds).fetchone()[0]
    rows = conn.execute(SEARCH, [*bounds, cursor or "", limit + 1]).fetchall()
    items = [
        api.ArchiveCaseSummary(
            id=row["id"],
            number=row["number"],
            court_id=row["court_id"],
            court_name=find_court(row["court_id"]).name,
            reserved=bool(row["reserved"]),
            year_from=row["year_from"],
            status=ArchiveStatus(row["status"]) if row["status"] else None,
        )
        for row in rows[:limit]
    ]
    more = len(rows) > limit  # the cursor is the last number served: numbers never change
    return api.ArchiveCasePage(
        items=items, total=total, next_cursor=items[-1].number if more else None
    )


@router.get("/archive-cases/{case_id}", response_model=api.ArchiveCase)
def get_case(case_id: str, state: State, _: KioskId) -> api.ArchiveCase:
    conn = state.db.connection()
    head = conn.execute(CASE_HEAD, (case_id,)).fetchone()
    if head is None:
        raise ApiProblem(404, "case_not_found", "No existe ese expediente en el archivo.")
    court = find_court(head["court_id"])
    common = {
        "id": head["id"],
        "number": head["number"],
        "court_id": court.id,
        "court_name": court.name,
        "department": find_department(court.department).name,
        "municipality": municipality_name(court.department, court.municipality),
    }
    if head["reserved"]:
        return api.ArchiveCase(**common, reserved=True)
    row = conn.execute(CASE_BODY, (head["pk"],)).fetchone()
    status = ArchiveStatus(row["status"])
    since = date.fromisoformat(row["status_since"])
    # a full name is read only to be cut to initials here: it never leaves this function
    parties = [
        api.ArchiveParty(role=ArchivePartyRole(role), initials=initials(name))
        for role, _, name in (line.partition("\t") for line in row["parties"].split("\n"))
    ]
    return api.ArchiveCase(
        **common,
        reserved=False,
        matter=api.ArchiveMatter(row["matter"]),
        process=api.ArchiveProcess(row["process"]),
        year_from=row["year_from"],
        year_to=row["year_to"],
        folios=row["folios"],
        status=status,
        status_since=since,
        archive=data.BUILDINGS[data.region_of(court.department)],
        location=_shelf(row) if status in REQUESTABLE else None,
        held_by=_held_by(status, court.name),
        record=_record(status, row["acta"], since),
        parties=parties,
        requestable=status in REQUESTABLE,
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


@router.get("/archive-tariff", response_model=api.ArchiveTariff)
def get_tariff(_: KioskId) -> api.ArchiveTariff:
    """What each request costs (per folio, per page or fixed) and how long it takes."""
    return data.TARIFF


@router.post("/archive-requests", status_code=201, response_model=api.ArchiveRequest)
def create_request(
    body: api.ArchiveRequestCreate, request: Request, state: State, kiosk: KioskId
) -> Response:
    _requests.check(kiosk)
    _requests_per_dpi.check(body.dpi)

    def produce(conn: sqlite3.Connection) -> tuple[int, api.ArchiveRequest]:
        return 201, register(conn, body, kiosk)

    return state.idempotency.run(request, kiosk, body, produce)


def _known_court(court_id: str) -> None:
    try:
        find_court(court_id)
    except KeyError:
        detail = "No hay un juzgado con ese código."
        raise ApiProblem(422, "court_unknown", detail, field="court") from None


def _shelf(row: sqlite3.Row) -> api.ArchiveShelf:
    return api.ArchiveShelf(
        shelf=f"E-{row['shelf']:02d}",
        box=f"C-{row['box']:04d}",
        legajo=f"L-{row['legajo']:02d}",
    )


def _held_by(status: ArchiveStatus, court_name: str) -> str | None:
    if status in (ArchiveStatus.PRESTADO, ArchiveStatus.EN_JUZGADO):
        return court_name
    if status is ArchiveStatus.TRASLADADO:
        return data.AGCA
    return None


def _record(status: ArchiveStatus, acta: int | None, since: date) -> str | None:
    if acta is None:
        return None
    words = "Acta de expurgo" if status is ArchiveStatus.DESTRUIDO else "Acta de extravío"
    return f"{words} {acta}-{since.year}"


def refresh_demo(conn: sqlite3.Connection, today: date) -> None:
    """The demo files lent or being scanned "since a few days ago", however old the data folder
    is (the README says how long a request for them takes)."""
    for demo in DEMO_CASES:
        if demo.since.startswith("today-"):
            conn.execute(
                "UPDATE archive_cases SET status_since = ? WHERE court_id = ? AND number = ?",
                (demo_since(demo, today), demo.court, demo.number),
            )


SERVICE = SandboxService(
    name="archivo-tribunales",
    router=router,
    schema=SCHEMA,
    tables=("archive_requests", "archive_cases"),
    seed=seed_archive,
    seed_version="1",
    refresh=refresh_demo,
)
