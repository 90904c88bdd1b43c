"""Consulta de Convenio Laboral: convenios found by their case number and a party's DPI, and
their schedules read a page at a time.

Seeded at about 8,000 convenios with their instalments (``labor_agreements_seed``), plus the
documented ones (``labor_agreements_demo``). A DPI that is not a party's gets the very answer a
number without a convenio gets, and both count as a failed try for the number and for the DPI,
from every kiosk together: past the limit, even the right DPI waits (429, the minutes said).
Every try counts for the kiosk. Replays of an Idempotency-Key are answered from the record and
count for nothing. Full names and DPIs are read here only to be compared or cut to initials.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from kiosk.case_numbers import CaseNumberError, parse_case_number
from kiosk.courts import court as find_court
from kiosk.geography import department
from kiosk.identity import IdentityError, validate_dpi
from kiosk.portal.models import labor_agreements as api
from kiosk.portal.models.labor_agreements import AgreementStatus, InstalmentState, PartyRole
from kiosk.sandbox import labor_agreements_demo as demo
from kiosk.sandbox.bulk import insert_rows
from kiosk.sandbox.labor_agreements_seed import AGREEMENTS, AgreementSeeder
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.people import initials
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService, volume
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import now

SCHEMA = """
CREATE TABLE IF NOT EXISTS labor_agreements (
    pk            INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    number        TEXT NOT NULL,
    court_id      TEXT NOT NULL,
    approved_on   TEXT NOT NULL,
    worker_name   TEXT NOT NULL,
    worker_dpi    TEXT NOT NULL,
    employer_name TEXT NOT NULL,
    employer_dpi  TEXT NOT NULL,  -- the employer's own, or its representative's
    updated_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS labor_agreements_number ON labor_agreements(number);
CREATE TABLE IF NOT EXISTS labor_instalments (
    agreement_pk INTEGER NOT NULL REFERENCES labor_agreements(pk),
    number       INTEGER NOT NULL,
    due_on       TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    paid_cents   INTEGER NOT NULL,
    paid_on      TEXT,
    PRIMARY KEY (agreement_pk, number)
) WITHOUT ROWID
"""


def seed_agreements(
    conn: sqlite3.Connection, rng: random.Random, anchor: date, *, count: int = AGREEMENTS
) -> None:
    """``count`` convenios (at the sandbox's volume) and the documented ones."""
    seeder = AgreementSeeder(rng, anchor)
    seeder.generate(volume(count))
    seeder.demo()
    insert_rows(conn, "labor_agreements", 10, seeder.agreements)
    insert_rows(conn, "labor_instalments", 6, seeder.instalments)


def refresh_demo(conn: sqlite3.Connection, today: date) -> None:
    """The demo convenios dated from the start day keep their overdue instalments and their
    next one in the days ahead, however old the data folder is (the README promises them)."""
    for agreement in demo.DEMO_AGREEMENTS:
        if agreement.first_due is not None:
            continue  # on its own calendar
        found = conn.execute(
            "SELECT pk FROM labor_agreements WHERE number = ? AND worker_dpi = ?",
            (agreement.number, agreement.worker[1]),
        ).fetchone()
        if found is None:
            continue
        pk = found[0]
        rows = demo.instalment_rows(agreement, pk, today)
        approved = demo.approved_on(agreement, today)
        conn.execute("DELETE FROM labor_instalments WHERE agreement_pk = ?", (pk,))
        conn.executemany("INSERT INTO labor_instalments VALUES (?, ?, ?, ?, ?, ?)", rows)
        conn.execute(
            "UPDATE labor_agreements SET approved_on = ?, updated_at = ? WHERE pk = ?",
            (approved.isoformat(), demo.updated_at(rows, approved), pk),
        )


# --- the schedule as the portal says it today ------------------------------------------------


class Schedule:
    """A convenio's instalments read on ``today``: each one's state, and the totals."""

    def __init__(self, rows: Iterable[sqlite3.Row], today: date) -> None:
        self.items = [_instalment(row, today) for row in rows]
        self.total = sum((i.amount for i in self.items), Decimal(0))
        self.paid = sum((i.paid_amount for i in self.items), Decimal(0))
        overdue = [i for i in self.items if i.state is InstalmentState.VENCIDA]
        self.overdue_count = len(overdue)
        self.overdue_amount = sum((i.amount - i.paid_amount for i in overdue), Decimal(0))
        unpaid = [i for i in self.items if i.state is not InstalmentState.PAGADA]
        self.first_unpaid = unpaid[0].number if unpaid else None
        coming = [i for i in unpaid if i.state is not InstalmentState.VENCIDA]
        self.next_due = coming[0] if coming else None
        self.status = (
            AgreementStatus.CUMPLIDO
            if not unpaid
            else AgreementStatus.ATRASADO
            if overdue
            else AgreementStatus.AL_DIA
        )


def _instalment(row: sqlite3.Row, today: date) -> api.Instalment:
    due = date.fromisoformat(row["due_on"])
    amount, paid = row["amount_cents"], row["paid_cents"]
    if paid >= amount:
        state = InstalmentState.PAGADA
    elif due < today:
        state = InstalmentState.VENCIDA
    else:
        state = InstalmentState.PARCIAL if paid else InstalmentState.PENDIENTE
    return api.Instalment(
        number=row["number"],
        due_on=due,
        amount=Decimal(amount) / 100,
        paid_amount=Decimal(paid) / 100,
        paid_on=date.fromisoformat(row["paid_on"]) if row["paid_on"] else None,
        state=state,
    )


def _schedule(conn: sqlite3.Connection, pk: int) -> Schedule:
    rows = conn.execute(
        "SELECT number, due_on, amount_cents, paid_cents, paid_on FROM labor_instalments "
        "WHERE agreement_pk = ? ORDER BY number",
        (pk,),
    )
    return Schedule(rows, now().date())


# --- routes -----------------------------------------------------------------------------------

router = APIRouter(tags=["convenio laboral"])
_searches = RateLimiter(api.SEARCHES_PER_MINUTE, 60.0)
_reads = RateLimiter(api.READS_PER_MINUTE, 60.0)
_FAILURE_WINDOW = api.FAILURE_MINUTES * 60.0
_number_failures = RateLimiter(
    api.FAILURES_PER_NUMBER,
    _FAILURE_WINDOW,
    detail="Demasiados intentos fallidos con este número de expediente. Por seguridad, espere "
    "{wait} e intente de nuevo.",
)
_dpi_failures = RateLimiter(
    api.FAILURES_PER_DPI,
    _FAILURE_WINDOW,
    detail="Demasiados intentos fallidos con este DPI. Por seguridad, espere {wait} e intente "
    "de nuevo.",
)
_NOT_FOUND = "No encontramos ese convenio."


def _case_number(text: str) -> str:
    """The canonical number, or 422 on ``number`` in the parser's words."""
    try:
        parsed = parse_case_number(text, this_year=now().year)
    except CaseNumberError as exc:
        raise ApiProblem(422, "case_number_invalid", str(exc), field="number") from None
    canonical = str(parsed)
    if text != canonical:  # the kiosk parses what was typed: the contract takes its result
        detail = f"El número del expediente se escribe así: {canonical}."
        raise ApiProblem(422, "case_number_invalid", detail, field="number")
    if not parsed.is_sgt:
        detail = "Un convenio se busca con el número completo del expediente, con el juzgado."
        raise ApiProblem(422, "case_number_not_sgt", detail, field="number")
    return canonical


def _dpi(text: str) -> str:
    try:
        return validate_dpi(text)
    except IdentityError:
        detail = "El DPI no es válido: revise los 13 dígitos."
        raise ApiProblem(422, "dpi_invalid", detail, field="dpi") from None


@router.post("/labor-agreements/search", response_model=api.AgreementPage)
def search_agreements(
    body: api.AgreementSearch, request: Request, state: State, kiosk: KioskId
) -> Response:
    """The convenios of this case whose worker or employer has this DPI; nothing found (no such
    number, no convenio, another person's DPI) is the same empty page."""
    number, dpi = _case_number(body.number), _dpi(body.dpi)

    def produce(conn: sqlite3.Connection) -> tuple[int, api.AgreementPage]:
        _searches.check(kiosk)
        _number_failures.ensure(number)
        _dpi_failures.ensure(dpi)
        page = _search(conn, number, dpi, body.limit, body.cursor)
        if page.total == 0:
            _number_failures.record(number)
            _dpi_failures.record(dpi)
        return 200, page

    return state.idempotency.run(request, kiosk, body, produce)


def _search(
    conn: sqlite3.Connection, number: str, dpi: str, limit: int, cursor: str | None
) -> api.AgreementPage:
    where = "number = ? AND (worker_dpi = ? OR employer_dpi = ?)"
    params = (number, dpi, dpi)
    (total,) = conn.execute(
        f"SELECT COUNT(*) FROM labor_agreements WHERE {where}",  # noqa: S608 - fixed text
        params,
    ).fetchone()
    rows = conn.execute(
        f"SELECT * FROM labor_agreements WHERE {where} AND id > ? ORDER BY id LIMIT ?",  # noqa: S608
        (*params, cursor or "", limit + 1),
    ).fetchall()
    items = [_summary(row, _schedule(conn, row["pk"])) for row in rows[:limit]]
    more = len(rows) > limit  # the cursor is the last id served: ids never change
    return api.AgreementPage(items=items, total=total, next_cursor=items[-1].id if more else None)


def _summary(row: sqlite3.Row, schedule: Schedule) -> api.AgreementSummary:
    return api.AgreementSummary(
        id=row["id"],
        number=row["number"],
        court_id=row["court_id"],
        court_name=find_court(row["court_id"]).name,
        approved_on=date.fromisoformat(row["approved_on"]),
        worker=initials(row["worker_name"]),
        employer=initials(row["employer_name"]),
        total=schedule.total,
        balance=schedule.total - schedule.paid,
        instalment_count=len(schedule.items),
        overdue_count=schedule.overdue_count,
        first_unpaid=schedule.first_unpaid,
        next_due=schedule.next_due,
        status=schedule.status,
    )


AgreementIdPath = Annotated[str, Path(pattern=r"^la_[0-9a-f]{16}$")]


@router.post("/labor-agreements/{agreement_id}/schedule", response_model=api.LaborAgreement)
def read_schedule(
    agreement_id: AgreementIdPath,
    body: api.ScheduleRequest,
    request: Request,
    state: State,
    kiosk: KioskId,
) -> Response:
    """The convenio and the instalments ``first`` .. ``first + limit - 1``, for one of its
    parties' DPI; another DPI gets the answer an unknown id gets."""
    dpi = _dpi(body.dpi)

    def produce(conn: sqlite3.Connection) -> tuple[int, api.LaborAgreement]:
        _reads.check(kiosk)
        _dpi_failures.ensure(dpi)
        row = conn.execute(
            "SELECT * FROM labor_agreements WHERE id = ?", (agreement_id,)
        ).fetchone()
        if row is None or dpi not in (row["worker_dpi"], row["employer_dpi"]):
            _dpi_failures.record(dpi)
            raise ApiProblem(404, "agreement_not_found", _NOT_FOUND)
        schedule = _schedule(conn, row["pk"])
        if body.first > len(schedule.items):
            detail = f"Este convenio tiene {len(schedule.items)} cuotas."
            raise ApiProblem(422, "first_out_of_range", detail, field="first")
        return 200, _agreement(row, schedule, body.first, body.limit)

    return state.idempotency.run(request, kiosk, body, produce)


def _agreement(row: sqlite3.Row, schedule: Schedule, first: int, limit: int) -> api.LaborAgreement:
    summary = _summary(row, schedule)
    # a full name is read only to be cut to initials here: it never leaves this function
    parties = [
        api.AgreementParty(role=PartyRole.TRABAJADOR, initials=initials(row["worker_name"])),
        api.AgreementParty(role=PartyRole.PATRONO, initials=initials(row["employer_name"])),
    ]
    return api.LaborAgreement(
        id=summary.id,
        number=summary.number,
        court_id=summary.court_id,
        court_name=summary.court_name,
        department=department(int(summary.court_id[:2])).name,
        approved_on=summary.approved_on,
        parties=parties,
        total=schedule.total,
        paid=schedule.paid,
        balance=schedule.total - schedule.paid,
        instalment_count=len(schedule.items),
        overdue_count=schedule.overdue_count,
        overdue_amount=schedule.overdue_amount,
        first_unpaid=schedule.first_unpaid,
        next_due=schedule.next_due,
        status=schedule.status,
        first=first,
        instalments=schedule.items[first - 1 : first - 1 + limit],
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


SERVICE = SandboxService(
    name="convenio-laboral",
    router=router,
    schema=SCHEMA,
    tables=("labor_instalments", "labor_agreements"),
    seed=seed_agreements,
    seed_version="1",
    refresh=refresh_demo,
)
