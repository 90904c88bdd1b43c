"""The accounts of alimony cases: the queries (each an index lookup) and what a case's account
says as of a day, from its row and its movements. Used by ``services/alimony.py``."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

from kiosk.courts import court as find_court
from kiosk.geography import DEPARTMENTS
from kiosk.portal.models import alimony as api
from kiosk.portal.models.alimony import AlimonyRole, MovementKind, PensionKind
from kiosk.sandbox import alimony_data as data
from kiosk.sandbox.alimony_seed import month_index
from kiosk.sandbox.people import initials
from kiosk.sandbox.problems import ApiProblem

_CENT = Decimal("0.01")
_MONEY_MAX = Decimal("100000.00")  # what the contract's money carries (an account never near)
_DEPARTMENTS = {department.code: department.name for department in DEPARTMENTS}

_CASE = (
    "SELECT c.*, o.name AS obligor, r.name AS representative FROM alimony_cases c "
    "JOIN alimony_people o ON o.pk = c.obligor_pk "
    "JOIN alimony_people r ON r.pk = c.representative_pk "
)
#: the visitor's cases: as obligor, then as representative (one index each)
CASES_OF = (
    "SELECT id, number, court_id, monthly_cents, started_on, 'obligado' AS role "
    "FROM alimony_cases WHERE obligor_pk = :person UNION ALL "
    "SELECT id, number, court_id, monthly_cents, started_on, 'representante' "
    "FROM alimony_cases WHERE representative_pk = :person ORDER BY started_on DESC, id"
)
CASE_OF = _CASE + "WHERE c.id = :id AND :person IN (c.obligor_pk, c.representative_pk)"
TOTALS = (
    "SELECT COUNT(*) AS movements, "
    "COALESCE(SUM(CASE WHEN kind = 0 THEN amount_cents END), 0) AS deposited, "
    "COALESCE(SUM(CASE WHEN kind = 1 THEN amount_cents END), 0) AS withdrawn "
    "FROM alimony_movements WHERE case_pk = ?"
)
LAST_DEPOSIT = (
    "SELECT on_date, amount_cents FROM alimony_movements WHERE case_pk = ? AND kind = 0 "
    "ORDER BY number DESC LIMIT 1"
)
MOVEMENTS = (
    "SELECT number, on_date, kind, amount_cents, branch, reference FROM alimony_movements "
    "WHERE case_pk = ? AND number < ? ORDER BY number DESC LIMIT ?"
)


def own_case(conn: sqlite3.Connection, case_id: str, person_pk: int) -> sqlite3.Row:
    row: sqlite3.Row | None = conn.execute(CASE_OF, {"id": case_id, "person": person_pk}).fetchone()
    if row is None:
        raise ApiProblem(404, "case_not_found", "No encontramos ese caso entre los suyos.")
    return row


def account(
    conn: sqlite3.Connection, row: sqlite3.Row, person_pk: int, today: date
) -> api.AlimonyCase:
    """The case's account as of ``today``: the pensions due since the record began (one a
    month, paid in advance), less the deposits; what is left to withdraw; the last deposit."""
    totals = conn.execute(TOTALS, (row["pk"],)).fetchone()
    last = conn.execute(LAST_DEPOSIT, (row["pk"],)).fetchone()
    last_on, last_cents = (
        (last[0], last[1]) if last else (row["last_before"], row["last_before_cents"])
    )
    ledger_from = date.fromisoformat(row["ledger_from"])
    due = max(0, month_index(today) - month_index(ledger_from) + 1)
    owed = row["owed_before_cents"] + row["monthly_cents"] * due - totals["deposited"]
    since = date.fromisoformat(last_on) if last_on else date.fromisoformat(row["fixed_on"])
    children = conn.execute(
        "SELECT name FROM alimony_children WHERE case_pk = ? ORDER BY position", (row["pk"],)
    ).fetchall()
    role = AlimonyRole.OBLIGADO if row["obligor_pk"] == person_pk else AlimonyRole.REPRESENTANTE
    other = row["representative"] if role is AlimonyRole.OBLIGADO else row["obligor"]
    found = find_court(row["court_id"])
    return api.AlimonyCase(
        id=row["id"],
        number=row["number"],
        court_id=row["court_id"],
        court_name=found.name,
        department=_DEPARTMENTS[found.department],
        role=role,
        other_party=initials(other),
        beneficiaries=[initials(child["name"]) for child in children],
        kind=PensionKind(row["kind"]),
        fixed_on=date.fromisoformat(row["fixed_on"]),
        monthly_amount=money(row["monthly_cents"]),
        balance_owed=money(max(0, owed)),
        available=money(max(0, totals["deposited"] - totals["withdrawn"])),
        last_deposit=(
            api.Deposit(on=date.fromisoformat(last_on), amount=money(last_cents))
            if last_on
            else None
        ),
        months_without_deposit=whole_months(since, today),
        movements=totals["movements"],
        as_of=today,
    )


def whole_months(since: date, today: date) -> int:
    """Whole months from ``since`` to ``today`` (14 March to 13 June: 2)."""
    months = month_index(today) - month_index(since) - (1 if today.day < since.day else 0)
    return max(0, months)


def movement(row: sqlite3.Row) -> api.Movement:
    on = date.fromisoformat(row["on_date"])
    branch = data.BRANCHES[row["branch"]]
    return api.Movement(
        number=row["number"],
        on=on,
        kind=MovementKind.DEPOSITO if row["kind"] == 0 else MovementKind.RETIRO,
        amount=money(row["amount_cents"]),
        bank=branch.bank,
        branch=branch.name,
        reference=data.reference_text(row["branch"], row["kind"], row["reference"], on.year),
    )


def money(cents: int) -> Decimal:
    return min(Decimal(cents) / 100, _MONEY_MAX).quantize(_CENT)
