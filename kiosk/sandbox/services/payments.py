"""Boleta checks, payment orders, and the sandbox's bank simulator. Their rules live in
``kiosk.sandbox.payments``: criminal-record requests and the CLI spend and pay through them too.
No catalogue tile (it serves every paid service), so a plain name."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from kiosk.portal.models import (
    BoletaCheck,
    BoletaStatus,
    PaymentOrder,
    PaymentOrderCreate,
    SandboxBoleta,
    SandboxBoletaCreate,
)
from kiosk.sandbox import payments
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import now

router = APIRouter()


@router.post("/payments/boletas/verify", response_model=BoletaStatus, tags=["payments"])
def verify_boleta(body: BoletaCheck, state: State, kiosk: KioskId) -> BoletaStatus:
    """Says whether a bank slip can pay the fee now; spends nothing."""
    state.boleta_limiter.check(kiosk)
    row = payments.check_boleta(state.db.connection(), body, today=now().date())
    return BoletaStatus(
        bank=body.bank,
        number=row["number"],
        paid_on=date.fromisoformat(row["paid_on"]),
        amount=payments.money(row["amount_cents"]),
    )


@router.post("/payment-orders", status_code=201, response_model=PaymentOrder, tags=["payments"])
def create_order(
    body: PaymentOrderCreate, request: Request, state: State, kiosk: KioskId
) -> Response:
    def produce(conn: sqlite3.Connection) -> tuple[int, PaymentOrder]:
        return 201, payments.create_order(conn, body.concept, state.options.public_url)

    return state.idempotency.run(request, kiosk, body, produce)


@router.get("/payment-orders", response_model=PaymentOrder, tags=["payments"])
def find_order(
    reference: Annotated[str, Query(min_length=1, max_length=64)], state: State, kiosk: KioskId
) -> PaymentOrder:
    """The order printed with this reference, for a visitor who comes back with the slip.
    Spaces, dashes and letter case do not matter; orders of the last 30 days only. Look-ups are
    limited per kiosk, so that references cannot be walked."""
    state.lookup_limiter.check(f"{kiosk} payment-orders")
    return payments.find_order_by_reference(
        state.db.connection(), reference, state.options.public_url
    )


@router.get("/payment-orders/{order_id}", response_model=PaymentOrder, tags=["payments"])
def get_order(order_id: str, state: State, _: KioskId) -> PaymentOrder:
    return payments.load_order(state.db.connection(), order_id, state.options.public_url)


@router.post(
    "/sandbox/bank/payment-orders/{reference}/pay", response_model=PaymentOrder, tags=["sandbox"]
)
def pay_order(reference: str, state: State, _: KioskId) -> PaymentOrder:
    """Sandbox only: the bank confirms that an order was paid in online banking."""
    with state.db.transaction() as conn:
        order_id = payments.pay_order(conn, reference)
    return payments.load_order(state.db.connection(), order_id, state.options.public_url)


@router.post(
    "/sandbox/bank/boletas", status_code=201, response_model=SandboxBoleta, tags=["sandbox"]
)
def create_boleta(body: SandboxBoletaCreate, state: State, _: KioskId) -> SandboxBoleta:
    """Sandbox only: a fresh unused boleta, as if paid at a bank window."""
    with state.db.transaction() as conn:
        number, day = payments.create_test_boleta(conn, body.bank, body.amount, body.paid_on)
    return SandboxBoleta(bank=body.bank, number=number, paid_on=day, amount=body.amount)


SERVICE = SandboxService(name="pagos", router=router)
