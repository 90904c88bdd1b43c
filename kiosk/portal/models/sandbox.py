"""Sandbox only: the bank simulator and the operator's tools (revocation, backdating)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, Money
from kiosk.portal.models.criminal_records import CRIMINAL_RECORD_FEE, Certificate
from kiosk.portal.models.payments import Bank, PaymentOrder


class SandboxBoletaCreate(ApiModel):
    bank: Bank
    amount: Money = CRIMINAL_RECORD_FEE
    paid_on: date | None = None


class SandboxBoleta(ApiModel):
    bank: Bank
    number: str
    paid_on: date
    amount: Money


# --- sandbox operator tools (revocation, backdating) ----------------------------------------------


class SandboxRevocation(ApiModel):
    kind: Literal["document", "issuer_key"]
    revoked: str = Field(description="the document's code, or the revoked key's kid")
    revoked_at: datetime
    active_kid: str | None = Field(default=None, description="the issuer key that signs from now")
    trust_list_version: int = Field(ge=0, description="the trust list's version after the change")


class SandboxBackdate(ApiModel):
    days: int = Field(ge=1, le=3650, description="move the issue date this many days back")


SANDBOX_PAY_ORDER = Endpoint("POST", "/sandbox/bank/payment-orders/{reference}/pay", PaymentOrder)
SANDBOX_CREATE_BOLETA = Endpoint("POST", "/sandbox/bank/boletas", SandboxBoleta)
SANDBOX_REVOKE_DOCUMENT = Endpoint("POST", "/sandbox/documents/{code}/revoke", SandboxRevocation)
SANDBOX_REVOKE_ISSUER_KEY = Endpoint("POST", "/sandbox/keys/issuer/revoke", SandboxRevocation)
SANDBOX_BACKDATE = Endpoint("POST", "/sandbox/documents/{code}/backdate", Certificate)
