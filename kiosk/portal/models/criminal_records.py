"""Antecedentes Penales: the request, its result and the constancia."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, Dpi, Email, Money
from kiosk.portal.models.payments import Bank
from kiosk.portal.models.strict import DIGITS, ByValue, IsoDate, IsoDateTime

CRIMINAL_RECORD_FEE = Decimal("30.00")


def _kind_required(schema: dict[str, Any]) -> None:
    # The union is told apart by ``kind``: the wire must carry it, though Python may omit it.
    schema["required"] = ["kind", *schema.get("required", [])]


class BoletaPayment(ApiModel):
    model_config = ConfigDict(json_schema_extra=_kind_required)

    kind: Literal["boleta"] = "boleta"
    bank: ByValue[Bank]
    number: str = Field(pattern=rf"^{DIGITS}{{6,12}}$")
    paid_on: IsoDate
    amount: Money


class OrderPayment(ApiModel):
    model_config = ConfigDict(json_schema_extra=_kind_required)

    kind: Literal["order"] = "order"
    order_id: str


Payment = Annotated[BoletaPayment | OrderPayment, Field(discriminator="kind")]


class CriminalRecordRequestCreate(ApiModel):
    """A request for the constancia.

    Without a visitor session the identity fields are required and checked against RENAP's record;
    with one (Authorization: Bearer) they are taken from the account and may be left out.
    """

    dpi: Dpi | None = None
    birth_date: IsoDate | None = None
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
    status: ByValue[RequestStatus]
    created_at: IsoDateTime
    certificate_code: str | None = Field(default=None, description="verification code")
    download_code: str = Field(description="secret code to fetch or reprint the document")
    ready_by: IsoDateTime | None = Field(default=None, description="when a review should be done")
    email_sent: bool = False


class Certificate(ApiModel):
    code: str
    type: str
    full_name: str
    dpi: Dpi
    birth_date: IsoDate
    result: str = Field(description="NR no registra, R registra")
    issued_at: IsoDateTime
    valid_until: IsoDateTime
    seal: str = Field(description="OJ1: text for the QR code (SEAL.md)")


#: with a session the request is the account's (and its identity fields may be left out)
REQUEST_CRIMINAL_RECORD = Endpoint(
    "POST", "/criminal-records/requests", CriminalRecordRequest, session="optional"
)
#: a request made with an account is readable only with that account's session
CRIMINAL_RECORD_REQUEST = Endpoint(
    "GET", "/criminal-records/requests/{request_id}", CriminalRecordRequest, session="optional"
)
CERTIFICATE = Endpoint("GET", "/certificates/{download_code}", Certificate)
