"""Antecedentes Penales: the request, its result and the constancia."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, Dpi, Email, Money
from kiosk.portal.models.payments import Bank

CRIMINAL_RECORD_FEE = Decimal("30.00")


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


REQUEST_CRIMINAL_RECORD = Endpoint("POST", "/criminal-records/requests", CriminalRecordRequest)
CRIMINAL_RECORD_REQUEST = Endpoint(
    "GET", "/criminal-records/requests/{request_id}", CriminalRecordRequest
)
CERTIFICATE = Endpoint("GET", "/certificates/{download_code}", Certificate)
