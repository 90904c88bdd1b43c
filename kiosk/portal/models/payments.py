"""Payments: bank slips (boletas) and online payment orders."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, Money
from kiosk.portal.models.strict import DIGITS, AlwaysTrue, ByValue, IsoDate, IsoDateTime


class Bank(StrEnum):
    BANRURAL = "banrural"
    INDUSTRIAL = "industrial"
    GYT = "gyt"


BANK_NAMES: dict[Bank, str] = {
    Bank.BANRURAL: "Banrural",
    Bank.INDUSTRIAL: "Banco Industrial",
    Bank.GYT: "G&T Continental",
}


# How many digits each bank prints on its boletas: the kiosk checks it before asking the portal.
BOLETA_DIGITS: dict[Bank, int] = {Bank.BANRURAL: 10, Bank.INDUSTRIAL: 8, Bank.GYT: 9}


class BoletaCheck(ApiModel):
    bank: ByValue[Bank]
    number: str = Field(pattern=rf"^{DIGITS}{{6,12}}$")
    paid_on: IsoDate
    amount: Money


class BoletaStatus(ApiModel):
    bank: ByValue[Bank]
    number: str
    paid_on: IsoDate
    amount: Money
    usable: AlwaysTrue = True


class PaymentConcept(StrEnum):
    CRIMINAL_RECORD = "antecedentes-penales"


class PaymentOrderCreate(ApiModel):
    concept: ByValue[PaymentConcept]


class PaymentOrderStatus(StrEnum):
    PENDING = "pending"
    PAID = "paid"
    EXPIRED = "expired"
    USED = "used"


class PaymentOrder(ApiModel):
    id: str
    reference: str = Field(description="what the visitor types in online banking")
    concept: ByValue[PaymentConcept]
    amount: Money
    status: ByValue[PaymentOrderStatus]
    created_at: IsoDateTime
    expires_at: IsoDateTime
    paid_at: IsoDateTime | None = None
    pay_url: str = Field(description="online-banking address, printed as a QR on the slip")


#: a check spends nothing: a POST only so that the slip's data stays out of the URL
VERIFY_BOLETA = Endpoint("POST", "/payments/boletas/verify", BoletaStatus, idempotent=False)
CREATE_PAYMENT_ORDER = Endpoint("POST", "/payment-orders", PaymentOrder)
PAYMENT_ORDER = Endpoint("GET", "/payment-orders/{order_id}", PaymentOrder)
#: ?reference=: the order printed with that reference (a visitor back with the slip)
PAYMENT_ORDER_BY_REFERENCE = Endpoint("GET", "/payment-orders", PaymentOrder)
