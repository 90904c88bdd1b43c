"""Pensión Alimenticia: an alimony case's account, for the obligor and the representative only.

A PIN log-in (``alimony_access``: PINs, the lock, sessions) opens a bearer session for this
service; with it, the visitor's cases, one case's account (the pension, what is owed, what can
be withdrawn, the last deposit and the months since it) and its movements, newest first. Seeded
at real volume by ``alimony_seed`` (about 20,000 cases and 230,000 movements), with the demo of
``alimony_demo`` kept true at every start. Names are stored whole, as a court file holds them,
and only ever served as initials; nothing here is reachable from another service's search.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from kiosk.courts import court as find_court
from kiosk.identity import IdentityError, validate_dpi
from kiosk.portal.models import Problem
from kiosk.portal.models import alimony as api
from kiosk.portal.models.alimony import AlimonyRole
from kiosk.sandbox import alimony_access as access
from kiosk.sandbox.alimony_accounts import (
    CASE_OF,
    CASES_OF,
    LAST_DEPOSIT,
    MOVEMENTS,
    TOTALS,
    account,
    money,
    movement,
    own_case,
)
from kiosk.sandbox.alimony_demo import (
    DEMO_CASES,
    DEMO_FIRST_USE_NUMBER,
    DEMO_OVERDUE_NUMBER,
    DEMO_PEOPLE,
    DEMO_TWO_CASES_NUMBERS,
    FIRST_USE,
    REPRESENTATIVE,
    TWO_CASES,
)
from kiosk.sandbox.alimony_seed import demo_ledger, seed_alimony
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import now

__all__ = [  # the documented demo (README) and the queries, importable from here
    "CASES_OF", "CASE_OF", "DEMO_CASES", "DEMO_FIRST_USE_NUMBER", "DEMO_OVERDUE_NUMBER",
    "DEMO_PEOPLE", "DEMO_TWO_CASES_NUMBERS", "FIRST_USE", "LAST_DEPOSIT", "MOVEMENTS",
    "REPRESENTATIVE", "SERVICE", "TOTALS", "TWO_CASES", "account",
]  # fmt: skip

SCHEMA = """
CREATE TABLE IF NOT EXISTS alimony_people (
    pk         INTEGER PRIMARY KEY,
    dpi        TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,  -- whole, as the court file has it: served as initials only
    birth_date TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS alimony_cases (
    pk                INTEGER PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    number            TEXT NOT NULL,
    court_id          TEXT NOT NULL,
    obligor_pk        INTEGER NOT NULL REFERENCES alimony_people(pk),
    representative_pk INTEGER NOT NULL REFERENCES alimony_people(pk),
    kind              TEXT NOT NULL,
    started_on        TEXT NOT NULL,
    fixed_on          TEXT NOT NULL,
    monthly_cents     INTEGER NOT NULL,
    ledger_from       TEXT NOT NULL,  -- the first day of the first month on record
    owed_before_cents INTEGER NOT NULL,  -- owed when the record begins
    last_before       TEXT,  -- the last deposit before the record, if any
    last_before_cents INTEGER
);
CREATE INDEX IF NOT EXISTS alimony_cases_obligor ON alimony_cases(obligor_pk);
CREATE INDEX IF NOT EXISTS alimony_cases_representative ON alimony_cases(representative_pk);
CREATE TABLE IF NOT EXISTS alimony_children (
    case_pk  INTEGER NOT NULL,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (case_pk, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS alimony_movements (
    case_pk      INTEGER NOT NULL,
    number       INTEGER NOT NULL,  -- 1 the first on record
    on_date      TEXT NOT NULL,
    kind         INTEGER NOT NULL,  -- 0 deposit, 1 withdrawal
    amount_cents INTEGER NOT NULL,
    branch       INTEGER NOT NULL,  -- alimony_data.BRANCHES by position
    reference    INTEGER NOT NULL,  -- alimony_data.reference_text writes it
    PRIMARY KEY (case_pk, number)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS alimony_pins (
    person_pk INTEGER PRIMARY KEY,
    pin_hash  TEXT NOT NULL,
    temporary INTEGER NOT NULL,
    issued_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS alimony_pin_guard (
    dpi_key        TEXT PRIMARY KEY,  -- alimony_access.dpi_key: never the DPI
    failures       INTEGER NOT NULL,
    counting_until TEXT NOT NULL,
    locked_until   TEXT
);
CREATE INDEX IF NOT EXISTS alimony_pin_guard_until ON alimony_pin_guard(counting_until);
CREATE TABLE IF NOT EXISTS alimony_sessions (
    token_hash  TEXT PRIMARY KEY,
    person_pk   INTEGER NOT NULL,
    kiosk_id    TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    must_change INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS alimony_sessions_expiry ON alimony_sessions(expires_at)
"""

router = APIRouter(tags=["pensión alimenticia"])
#: PIN log-ins and changes a kiosk may try in a minute (any DPI)
_pin_tries = RateLimiter(api.PIN_TRIES_PER_KIOSK, 60.0)
#: reads of accounts a kiosk may make in a minute (a visitor pages through one or two)
_reads = RateLimiter(60, 60.0)

# --- log-in and the PIN ------------------------------------------------------------------------


@router.post("/alimony/sessions", status_code=201, response_model=api.AlimonySession)
def open_session(body: api.PinLogIn, request: Request, state: State, kiosk: KioskId) -> Response:
    """DPI and PIN → a session for this service. A wrong PIN and a DPI without a PIN answer the
    same 401 (``pin_invalid``, with the tries left); the last wrong try and every try while
    locked answer 429 ``pin_locked`` with Retry-After. A retry with the same Idempotency-Key is
    answered as the first time and not counted again."""
    _pin_tries.check(kiosk)
    try:
        dpi = validate_dpi(body.dpi)
    except IdentityError as error:
        raise ApiProblem(422, "dpi_invalid", str(error), field="dpi") from None
    key = access.dpi_key(dpi)
    access.refuse_if_locked(state.db.connection(), key)

    def produce(conn: sqlite3.Connection) -> tuple[int, api.AlimonySession | Problem]:
        moment = now()
        access.purge(conn, moment)
        seconds = access.locked_for(conn, key, moment)
        if seconds is not None:  # locked from another kiosk meanwhile
            raise access.locked_problem(seconds)
        row = conn.execute(access.PIN_OF_DPI, (dpi,)).fetchone()
        if not access.pin_matches(body.pin, row["pin_hash"] if row else None):
            # committed with the stored answer: the try counts once, however often it is retried
            left = access.record_failure(conn, key, moment)
            tries = "Le queda 1 intento" if left == 1 else f"Le quedan {left} intentos"
            detail = f"El DPI o el PIN no son correctos. {tries}."
            return 401, _problem(401, "pin_invalid", detail, field="pin", tries_left=left)
        access.forget_failures(conn, key)
        token, expires = access.open_session(
            conn, row["pk"], kiosk, minutes=state.options.session_minutes,
            must_change=bool(row["temporary"]),
        )  # fmt: skip
        return 201, api.AlimonySession(
            token=token, expires_at=expires, must_change_pin=bool(row["temporary"])
        )

    answer = state.idempotency.run(request, kiosk, body, produce)
    if answer.status_code == 401:
        access.refuse_if_locked(state.db.connection(), key)  # that was the last try
    return answer


@router.post("/alimony/pin", response_model=api.PinChanged)
def change_pin(body: api.PinChange, request: Request, state: State, kiosk: KioskId) -> Response:
    """The visitor's own PIN instead of the temporary one (or another one later): the rules of
    ``pin_problem`` (the birth year is the portal's to check) and not the PIN in use now. The
    session first: a request without one is not a try (401, not 429)."""
    session = access.visitor_account(request, state, kiosk, changing_pin=True)
    _pin_tries.check(kiosk)

    def produce(conn: sqlite3.Connection) -> tuple[int, api.PinChanged]:
        row = conn.execute(access.PIN_OF_PERSON, (session.person_pk,)).fetchone()
        if row is None:  # the PIN was replaced at the court meanwhile: this session is over
            raise ApiProblem(401, "session_expired", "Su sesión terminó; ingrese de nuevo.")
        broken = api.pin_problem(body.new_pin, birth_year=int(row["birth_date"][:4]))
        if broken is None and access.pin_matches(body.new_pin, row["pin_hash"]):
            broken = "pin_same"
        if broken is not None:
            raise ApiProblem(422, "pin_rejected", api.MESSAGES[broken], field="new_pin")
        moment = now()
        conn.execute(
            "UPDATE alimony_pins SET pin_hash = ?, temporary = 0, issued_at = ? "
            "WHERE person_pk = ?",
            (access.hash_pin(body.new_pin), moment.isoformat(), session.person_pk),
        )
        conn.execute(
            "UPDATE alimony_sessions SET must_change = 0 WHERE token_hash = ?",
            (session.token_hash,),
        )
        return 200, api.PinChanged(changed_at=moment)

    # the session is part of the request: another visitor's key never answers for this one
    return state.idempotency.run(request, kiosk, body, produce, extra=session.token_hash)


@router.delete("/alimony/sessions/current", status_code=204)
def close_session(request: Request, state: State, kiosk: KioskId) -> Response:
    session = access.visitor_account(request, state, kiosk, changing_pin=True)
    with state.db.transaction() as conn:
        conn.execute("DELETE FROM alimony_sessions WHERE token_hash = ?", (session.token_hash,))
    return Response(status_code=204)


# --- the cases and their accounts ----------------------------------------------------------------

CaseIdPath = Annotated[str, Path(pattern=r"^pa_[0-9a-f]{16}$")]


@router.get("/alimony/cases", response_model=api.AlimonyCaseList)
def list_cases(request: Request, state: State, kiosk: KioskId) -> api.AlimonyCaseList:
    """The visitor's cases, as obligor or as representative (a person has a few), newest
    first."""
    _reads.check(kiosk)
    session = access.visitor_account(request, state, kiosk)
    rows = state.db.connection().execute(CASES_OF, {"person": session.person_pk}).fetchall()
    items = [
        api.AlimonyCaseSummary(
            id=row["id"],
            number=row["number"],
            court_id=row["court_id"],
            court_name=find_court(row["court_id"]).name,
            role=AlimonyRole(row["role"]),
            monthly_amount=money(row["monthly_cents"]),
        )
        for row in rows[: api.CASES_LIMIT_MAX]
    ]
    return api.AlimonyCaseList(items=items, total=len(rows))


@router.get("/alimony/cases/{case_id}", response_model=api.AlimonyCase)
def get_case(
    case_id: CaseIdPath, request: Request, state: State, kiosk: KioskId
) -> api.AlimonyCase:
    """One of the visitor's cases, its account as of today; another's answers as one that does
    not exist."""
    _reads.check(kiosk)
    session = access.visitor_account(request, state, kiosk)
    conn = state.db.connection()
    row = own_case(conn, case_id, session.person_pk)
    return account(conn, row, session.person_pk, now().date())


@router.get("/alimony/cases/{case_id}/movements", response_model=api.MovementPage)
def list_movements(
    case_id: CaseIdPath,
    request: Request,
    state: State,
    kiosk: KioskId,
    limit: Annotated[int, Query(ge=1, le=api.MOVEMENTS_LIMIT_MAX)] = api.MOVEMENTS_LIMIT_DEFAULT,
    cursor: Annotated[
        str | None, Query(pattern=r"^[0-9]{1,6}$", description="next_cursor of the last page")
    ] = None,
) -> api.MovementPage:
    """The account's movements, newest first, a page at a time."""
    _reads.check(kiosk)
    session = access.visitor_account(request, state, kiosk)
    conn = state.db.connection()
    row = own_case(conn, case_id, session.person_pk)
    total = conn.execute(
        "SELECT COUNT(*) FROM alimony_movements WHERE case_pk = ?", (row["pk"],)
    ).fetchone()[0]
    before = int(cursor) if cursor is not None else total + 1
    found = conn.execute(MOVEMENTS, (row["pk"], before, limit + 1)).fetchall()
    items = [movement(move) for move in found[:limit]]
    more = len(found) > limit
    return api.MovementPage(
        items=items, total=total, next_cursor=str(items[-1].number) if more else None
    )


def _problem(status: int, code: str, detail: str, *, field: str, tries_left: int) -> Problem:
    """A refusal that is the answer to a try (stored with its Idempotency-Key)."""
    body = ApiProblem(status, code, detail, field=field).body()
    return Problem.model_validate({**body, "tries_left": tries_left})


# --- the demo, kept true -------------------------------------------------------------------------


def refresh_demo(conn: sqlite3.Connection, today: date) -> None:
    """The demo accounts as of today (3 months without a deposit stays 3 months), the demo PINs
    as documented, unlocked, and no session of theirs left from another start."""
    for demo in DEMO_CASES:
        found = conn.execute("SELECT pk FROM alimony_cases WHERE id = ?", (demo.id,)).fetchone()
        if found is None:
            continue
        first, rows = demo_ledger(demo, today)
        conn.execute("DELETE FROM alimony_movements WHERE case_pk = ?", (found[0],))
        conn.executemany(
            "INSERT INTO alimony_movements VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(found[0], *row) for row in rows],
        )
        conn.execute("UPDATE alimony_cases SET ledger_from = ? WHERE pk = ?", (first, found[0]))
    for person in DEMO_PEOPLE:
        if person.pin is not None:
            access.issue_pin(conn, person.dpi, person.pin, temporary=person.temporary)


SERVICE = SandboxService(
    name="pension-alimenticia",
    router=router,
    schema=SCHEMA,
    tables=(
        "alimony_sessions", "alimony_pin_guard", "alimony_pins", "alimony_movements",
        "alimony_children", "alimony_cases", "alimony_people",
    ),
    seed=seed_alimony,
    seed_version="1",
    refresh=refresh_demo,
)  # fmt: skip
