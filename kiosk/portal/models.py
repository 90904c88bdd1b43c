"""The Portal API v1 models, shared by the kiosk's client and the sandbox portal.

One definition of every request and response, so the OpenAPI document the sandbox exports is the
contract a gateway in front of the real OJ systems implements. Money travels as a decimal string
("30.00") and dates as ISO 8601; times carry their offset.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

# The trust list travels as the seal package defines it (one definition of the signed envelope).
from kiosk.seals.envelope import TrustListEnvelope as TrustListEnvelope

API_VERSION = "v1"
CRIMINAL_RECORD_FEE = Decimal("30.00")

# Decimal money serialised as a string with two decimals, never a float.
Money = Annotated[
    Decimal,
    Field(ge=0, le=Decimal("100000"), max_digits=9, decimal_places=2),
    PlainSerializer(lambda d: f"{d:.2f}", return_type=str, when_used="json"),
]
Dpi = Annotated[str, Field(pattern=r"^\d{13}$", examples=["2456789050101"])]
Email = Annotated[str, Field(min_length=3, max_length=254)]


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- errors ---------------------------------------------------------------------------------------


class Problem(ApiModel):
    """RFC 9457 problem details; ``code`` is stable and the kiosk maps it to its own message."""

    model_config = ConfigDict(extra="allow", frozen=True)

    type: str = "about:blank"
    title: str
    status: int
    code: str
    detail: str | None = None
    field: str | None = None
    retry_after: int | None = None


# --- health and catalog ---------------------------------------------------------------------------


class Health(ApiModel):
    status: Literal["ok"] = "ok"
    version: str
    api: str = API_VERSION
    time: datetime
    sandbox: bool = False


class ServiceStatus(ApiModel):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    available: bool
    reason: str | None = Field(default=None, description="why it is unavailable, in Spanish")
    requires_login: bool = False


class ServiceCatalog(ApiModel):
    services: list[ServiceStatus]


# --- accounts and sessions ------------------------------------------------------------------------


class AccountCreate(ApiModel):
    dpi: Dpi
    birth_date: date
    email: Email
    password: str = Field(min_length=1, max_length=128)


class Account(ApiModel):
    id: str
    email: str
    display_name: str = Field(description="first names and first surname, as RENAP has them")
    created_at: datetime


class SessionCreate(ApiModel):
    login: str = Field(min_length=3, max_length=254, description="DPI or email")
    password: str = Field(min_length=1, max_length=128)


class VisitorSession(ApiModel):
    token: str
    expires_at: datetime
    account: Account


# --- payments -------------------------------------------------------------------------------------


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
    bank: Bank
    number: str = Field(pattern=r"^\d{6,12}$")
    paid_on: date
    amount: Money


class BoletaStatus(ApiModel):
    bank: Bank
    number: str
    paid_on: date
    amount: Money
    usable: Literal[True] = True


class PaymentConcept(StrEnum):
    CRIMINAL_RECORD = "antecedentes-penales"


class PaymentOrderCreate(ApiModel):
    concept: PaymentConcept


class PaymentOrderStatus(StrEnum):
    PENDING = "pending"
    PAID = "paid"
    EXPIRED = "expired"
    USED = "used"


class PaymentOrder(ApiModel):
    id: str
    reference: str = Field(description="what the visitor types in online banking")
    concept: PaymentConcept
    amount: Money
    status: PaymentOrderStatus
    created_at: datetime
    expires_at: datetime
    paid_at: datetime | None = None
    pay_url: str = Field(description="online-banking address, printed as a QR on the slip")


# --- antecedentes penales -------------------------------------------------------------------------


class BoletaPayment(ApiModel):
    kind: Literal["boleta"] = "boleta"
    bank: Bank
    number: str = Field(pattern=r"^\d{6,12}$")
    paid_on: date
    amount: Money


class OrderPayment(ApiModel):
    kind: Literal["order"] = "order"
    order_id: str


Payment = Annotated[BoletaPayment | OrderPayment, Field(discriminator="kind")]


class CriminalRecordRequestCreate(ApiModel):
    """A request for the constancia.

    Without a visitor session the identity fields are required and checked against RENAP's record;
    with one (Authorization: Bearer) they are taken from the account and may be left out.
    """

    dpi: Dpi | None = None
    birth_date: date | None = None
    first_names: str | None = Field(default=None, min_length=1, max_length=60)
    last_names: str | None = Field(default=None, min_length=1, max_length=60)
    email: Email | None = None
    payment: Payment


class RequestStatus(StrEnum):
    ISSUED = "issued"  # no registra antecedentes: the constancia exists now
    REGISTERED = "registered"  # registra antecedentes: the portal issues the informe for that case
    IN_REVIEW = "in_review"  # deferred to a person (homonyms, incomplete records)


class CriminalRecordRequest(ApiModel):
    id: str
    status: RequestStatus
    created_at: datetime
    certificate_code: str | None = Field(default=None, description="verification code")
    download_code: str = Field(description="secret code to fetch or reprint the document")
    ready_by: datetime | None = Field(default=None, description="when a review should be done")
    email_sent: bool = False


class Certificate(ApiModel):
    code: str
    type: str
    full_name: str
    dpi: Dpi
    birth_date: date
    result: str = Field(description="NR no registra, R registra")
    issued_at: datetime
    valid_until: datetime
    seal: str = Field(description="OJ1: text for the QR code (SEAL.md)")


# --- verification ---------------------------------------------------------------------------------


class DocumentState(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    EXPIRED = "expired"


class DocumentCheck(ApiModel):
    code: str
    type: str
    state: DocumentState
    issued_at: datetime
    expires_at: datetime
    full_name: str
    dpi_last4: str = Field(pattern=r"^\d{4}$")
    revoked_at: datetime | None = None


# --- sandbox bank simulator -----------------------------------------------------------------------


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
