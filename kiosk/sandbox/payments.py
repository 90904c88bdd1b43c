"""Payments in the sandbox: bank slips (boletas) paid at a window and payment orders paid online.

A boleta is checked against the bank's record (the typed date and amount must match it), must be
for the fee, not older than ``BOLETA_MAX_AGE_DAYS`` and not spent. Spending is a conditional UPDATE
inside the caller's transaction, so two requests can never spend one boleta.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
from datetime import date, datetime, timedelta
from decimal import Decimal

from kiosk.portal.models import (
    BANK_NAMES,
    CRIMINAL_RECORD_FEE,
    Bank,
    BoletaCheck,
    PaymentConcept,
    PaymentOrder,
    PaymentOrderStatus,
)
from kiosk.sandbox.demo import BOLETA_MAX_AGE_DAYS, BOLETA_NUMBER_DIGITS
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.store import now

ORDER_LIFETIME = timedelta(hours=48)
# A visitor who comes back with the printed slip finds orders of the last days only.
ORDER_LOOKUP_DAYS = 30
_REFERENCE = re.compile(r"[0-9A-Z]{6,32}")
_REFERENCE_SEPARATORS = re.compile(r"[\s\-]+")
FEES = {PaymentConcept.CRIMINAL_RECORD: CRIMINAL_RECORD_FEE}


def cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def money(amount_cents: int) -> Decimal:
    return (Decimal(amount_cents) / 100).quantize(Decimal("0.01"))


def check_boleta(conn: sqlite3.Connection, check: BoletaCheck, *, today: date) -> sqlite3.Row:
    """The bank's record of a usable boleta, or an ApiProblem saying exactly what is wrong."""
    bank_name = BANK_NAMES[check.bank]
    digits = BOLETA_NUMBER_DIGITS[check.bank.value]
    if len(check.number) != digits:
        raise ApiProblem(
            422,
            "boleta_number_format",
            f"Las boletas de {bank_name} tienen {digits} dígitos.",
            field="number",
        )
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM boletas WHERE bank = ? AND number = ?", (check.bank.value, check.number)
    ).fetchone()
    if row is None:
        raise ApiProblem(
            422,
            "boleta_unknown",
            f"{bank_name} no tiene una boleta con ese número. Revise el número impreso.",
            field="number",
        )
    if row["paid_on"] != check.paid_on.isoformat():
        raise ApiProblem(
            422,
            "boleta_date_mismatch",
            "La fecha no coincide con la de la boleta. Escriba la fecha del sello del banco.",
            field="paid_on",
        )
    if row["amount_cents"] != cents(check.amount):
        raise ApiProblem(
            422,
            "boleta_amount_mismatch",
            "El monto no coincide con el de la boleta. Escriba el monto impreso en la boleta.",
            field="amount",
        )
    if row["used_by"] is not None:
        raise ApiProblem(
            422,
            "boleta_used",
            "Esa boleta ya se usó para otra solicitud. Cada boleta sirve una sola vez.",
            field="number",
        )
    if row["amount_cents"] != cents(CRIMINAL_RECORD_FEE):
        raise ApiProblem(
            422,
            "boleta_wrong_amount",
            f"La boleta es por Q{money(row['amount_cents'])}; el trámite cuesta "
            f"Q{CRIMINAL_RECORD_FEE}. Pida ayuda en ventanilla.",
            field="amount",
        )
    if (today - check.paid_on).days > BOLETA_MAX_AGE_DAYS:
        raise ApiProblem(
            422,
            "boleta_expired",
            f"La boleta tiene más de {BOLETA_MAX_AGE_DAYS} días y ya no se puede usar.",
            field="paid_on",
        )
    return row


def spend_boleta(conn: sqlite3.Connection, check: BoletaCheck, request_id: str) -> None:
    check_boleta(conn, check, today=now().date())
    spent = conn.execute(
        "UPDATE boletas SET used_by = ?, used_at = ? "
        "WHERE bank = ? AND number = ? AND used_by IS NULL",
        (request_id, now().isoformat(), check.bank.value, check.number),
    ).rowcount
    if spent != 1:  # pragma: no cover - the write lock makes this unreachable; kept as a guard
        raise ApiProblem(422, "boleta_used", "Esa boleta ya se usó para otra solicitud.")


def create_order(
    conn: sqlite3.Connection, concept: PaymentConcept, public_url: str
) -> PaymentOrder:
    created = now()
    order_id = "po_" + secrets.token_hex(8)
    reference = "".join(secrets.choice("0123456789") for _ in range(12))
    conn.execute(
        "INSERT INTO payment_orders(id, reference, concept, amount_cents, status, created_at, "
        "expires_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
        (
            order_id,
            reference,
            concept.value,
            cents(FEES[concept]),
            created.isoformat(),
            (created + ORDER_LIFETIME).isoformat(),
        ),
    )
    return load_order(conn, order_id, public_url)


def load_order(conn: sqlite3.Connection, order_id: str, public_url: str) -> PaymentOrder:
    row = conn.execute("SELECT * FROM payment_orders WHERE id = ?", (order_id,)).fetchone()
    if row is None:
        raise ApiProblem(404, "order_not_found", "No existe esa orden de pago.")
    status = PaymentOrderStatus(row["status"])
    expires = datetime.fromisoformat(row["expires_at"])
    if status is PaymentOrderStatus.PENDING and expires <= now():
        status = PaymentOrderStatus.EXPIRED
    return PaymentOrder(
        id=row["id"],
        reference=row["reference"],
        concept=PaymentConcept(row["concept"]),
        amount=money(row["amount_cents"]),
        status=status,
        created_at=datetime.fromisoformat(row["created_at"]),
        expires_at=expires,
        paid_at=datetime.fromisoformat(row["paid_at"]) if row["paid_at"] else None,
        pay_url=f"{public_url}/pagar/{row['reference']}",
    )


def find_order_by_reference(
    conn: sqlite3.Connection, reference: str, public_url: str
) -> PaymentOrder:
    """The recent order printed with ``reference`` (spaces, dashes and case do not matter)."""
    wanted = _REFERENCE_SEPARATORS.sub("", reference).upper()
    if not _REFERENCE.fullmatch(wanted):
        raise ApiProblem(
            422,
            "reference_invalid",
            "La referencia son los números impresos en la orden de pago. Revise lo que escribió.",
            field="reference",
        )
    row = conn.execute(
        "SELECT id, created_at FROM payment_orders WHERE reference = ?", (wanted,)
    ).fetchone()
    cutoff = now() - timedelta(days=ORDER_LOOKUP_DAYS)
    if row is None or datetime.fromisoformat(row["created_at"]) < cutoff:
        raise ApiProblem(
            404,
            "payment_order_not_found",
            f"No hay una orden de pago de los últimos {ORDER_LOOKUP_DAYS} días con esa "
            "referencia. Revise el número impreso en la orden.",
            field="reference",
        )
    return load_order(conn, row["id"], public_url)


def pay_order(conn: sqlite3.Connection, reference: str) -> str:
    """The bank simulator: mark a pending order paid. Returns the order id."""
    row = conn.execute(
        "SELECT id, status, expires_at FROM payment_orders WHERE reference = ?", (reference,)
    ).fetchone()
    if row is None:
        raise ApiProblem(404, "order_not_found", "No existe una orden con esa referencia.")
    if row["status"] == "pending" and datetime.fromisoformat(row["expires_at"]) <= now():
        raise ApiProblem(409, "order_expired", "La orden de pago venció; genere una nueva.")
    if row["status"] == "pending":
        conn.execute(
            "UPDATE payment_orders SET status = 'paid', paid_at = ? WHERE id = ?",
            (now().isoformat(), row["id"]),
        )
    return str(row["id"])


def check_order(conn: sqlite3.Connection, order_id: str) -> None:
    """The order can pay a request now (paid and not used), or an ApiProblem that says why."""
    row = conn.execute("SELECT status FROM payment_orders WHERE id = ?", (order_id,)).fetchone()
    if row is None:
        raise ApiProblem(404, "order_not_found", "No existe esa orden de pago.", field="order_id")
    if row["status"] == "used":
        raise ApiProblem(422, "order_used", "Esa orden de pago ya se usó para otra solicitud.")
    if row["status"] != "paid":
        raise ApiProblem(
            422, "order_not_paid", "La orden de pago todavía no aparece pagada en el banco."
        )


def spend_order(conn: sqlite3.Connection, order_id: str, request_id: str) -> None:
    check_order(conn, order_id)
    conn.execute(
        "UPDATE payment_orders SET status = 'used', used_by = ? WHERE id = ? AND status = 'paid'",
        (request_id, order_id),
    )


def create_test_boleta(
    conn: sqlite3.Connection, bank: Bank, amount: Decimal, paid_on: date | None
) -> tuple[str, date]:
    """The bank simulator: a new unused boleta, for trying the flow with fresh data."""
    day = paid_on or now().date()
    while True:
        digits = BOLETA_NUMBER_DIGITS[bank.value]
        number = "".join(secrets.choice("0123456789") for _ in range(digits))
        number = "9" + number[1:]  # simulator boletas start with 9: easy to tell apart
        taken = conn.execute(
            "SELECT 1 FROM boletas WHERE bank = ? AND number = ?", (bank.value, number)
        ).fetchone()
        if taken is None:
            break
    conn.execute(
        "INSERT INTO boletas(bank, number, paid_on, amount_cents) VALUES (?, ?, ?, ?)",
        (bank.value, number, day.isoformat(), cents(amount)),
    )
    return number, day
