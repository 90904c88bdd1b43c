"""Sandbox only: the bank simulator and the operator's tools (revocation, backdating)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, Money
from kiosk.portal.models.criminal_records import CRIMINAL_RECORD_FEE, Certificate
from kiosk.portal.models.payments import Bank, PaymentOrder
from kiosk.portal.models.strict import ByValue, Integer, IsoDate, IsoDateTime


class SandboxBoletaCreate(ApiModel):
    bank: ByValue[Bank]
    amount: Money = CRIMINAL_RECORD_FEE
    paid_on: IsoDate | None = None


class SandboxBoleta(ApiModel):
    bank: ByValue[Bank]
    number: str
    paid_on: IsoDate
    amount: Money


# --- sandbox operator tools (revocation, backdating) ----------------------------------------------


class SandboxRevocation(ApiModel):
    kind: Literal["document", "issuer_key"]
    revoked: str = Field(description="the document's code, or the revoked key's kid")
    revoked_at: IsoDateTime
    active_kid: str | None = Field(default=None, description="the issuer key that signs from now")
    trust_list_version: Integer = Field(
        ge=0, description="the trust list's version after the change"
    )


class SandboxBackdate(ApiModel):
    days: Integer = Field(ge=1, le=3650, description="move the issue date this many days back")


# The operator's tools take no Idempotency-Key: paying, revoking or backdating again changes
# nothing more, and a test boleta is a new one each time by design.
SANDBOX_PAY_ORDER = Endpoint(
    "POST", "/sandbox/bank/payment-orders/{reference}/pay", PaymentOrder, idempotent=False
)
SANDBOX_CREATE_BOLETA = Endpoint("POST", "/sandbox/bank/boletas", SandboxBoleta, idempotent=False)
SANDBOX_REVOKE_DOCUMENT = Endpoint(
    "POST", "/sandbox/documents/{code}/revoke", SandboxRevocation, idempotent=False
)
SANDBOX_REVOKE_ISSUER_KEY = Endpoint(
    "POST", "/sandbox/keys/issuer/revoke", SandboxRevocation, idempotent=False
)
SANDBOX_BACKDATE = Endpoint(
    "POST", "/sandbox/documents/{code}/backdate", Certificate, idempotent=False
)
