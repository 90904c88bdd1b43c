"""Solicitud de Información Pública (Decreto 57-2008, Ley de Acceso a la Información Pública).

[F] Anyone may ask, and no reason may be required (art. 41 asks only who is asked, who asks and
what); only the cost of copies may be charged (art. 18); the answer is due within ten working
days, counted from the day after the request, extendable once by ten more (arts. 42 and 43);
personal data go only to their owner; whoever was refused may file a recurso de revisión before
the highest authority of the institution within fifteen days of being notified (arts. 52-54).
[A] At the kiosk: a name and one contact (an email or a phone) are required, the DPI is optional.

The portal computes every date (the kiosk shows what it says) on the working-day calendar of the
place the request was received: the municipality of the kiosk that sent it, which the portal's
device registry knows (``calendar_place`` names it; a kiosk with no place counts as the Unidad
de Información Pública's own, Guatemala City). ``kiosk.working_days`` is that calendar.

A request is found again by its folio alone (the receipt says so): the answer then carries the
requester by initials and the contact masked, never the name, the contact or the DPI.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, Dpi, Email
from kiosk.portal.models.strict import DIGITS, ByValue, Integer, IsoDate, IsoDateTime

#: [F] arts. 42, 43 and 54: working days to answer, to extend once, and to appeal
ANSWER_DAYS = 10
EXTENSION_DAYS = 10
APPEAL_DAYS = 15

INFORMATION_MIN, INFORMATION_MAX = 10, 1000
NAME_MAX = 60  # kiosk.identity.MAX_NAME_LENGTH: a name as the DPI writes it
#: "UIP-2026-004812": the year it was received and its number within that year
FOLIO_PATTERN = rf"^UIP-{DIGITS}{{4}}-{DIGITS}{{6}}$"
Folio = Annotated[str, Field(pattern=FOLIO_PATTERN, examples=["UIP-2026-004812"])]
#: a Guatemalan phone number: eight digits (the kiosk drops spaces, dashes and +502)
Phone = Annotated[str, Field(pattern=rf"^{DIGITS}{{8}}$", examples=["55123456"])]


class DeliveryMethod(StrEnum):
    """How the requester wants the answer (art. 41; only copies cost, art. 18)."""

    EMAIL = "email"  # the answer and its documents by email: free
    INSPECTION = "inspection"  # to read the documents at the Unidad de Información Pública: free
    PRINTED_COPY = "printed_copy"  # paper copies collected at the Unidad: the copies cost
    ELECTRONIC_COPY = "electronic_copy"  # files on a CD or USB collected at the Unidad


class PublicInformationStatus(StrEnum):
    RECEIVED = "received"  # received; the Unidad has not started yet
    IN_PROGRESS = "in_progress"  # the Unidad asked the office that holds the information
    EXTENDED = "extended"  # the ten extra working days were taken (art. 43)
    ANSWERED = "answered"  # the information was given
    DENIED = "denied"  # refused: reserved or confidential information (arts. 21-24)
    NONEXISTENT = "nonexistent"  # the OJ does not have that information
    REFERRED = "referred"  # another institution holds it: the requester was told which
    UNDER_REVIEW = "under_review"  # a recurso de revisión against the answer is being decided


class PublicInformationRequestCreate(ApiModel):
    information: str = Field(
        min_length=INFORMATION_MIN,
        max_length=INFORMATION_MAX,
        description="what information is asked for, in the requester's words",
    )
    delivery: ByValue[DeliveryMethod]
    name: str = Field(
        min_length=2, max_length=NAME_MAX, description="who asks, as they want to be called"
    )
    email: Email | None = Field(default=None, description="required when delivery is email")
    phone: Phone | None = None
    dpi: Dpi | None = Field(default=None, description="optional (the law does not require it)")


class PublicInformationRequest(ApiModel):
    """A request as the portal keeps it, and what the receipt says."""

    # Every field is strict already (strings, enums by value, IsoDate): see LaborCaseSummary.
    model_config = ConfigDict(strict=False)

    folio: Folio
    status: ByValue[PublicInformationStatus]
    received_at: IsoDateTime = Field(description="when the portal received it, with offset")
    due_on: IsoDate = Field(description="the last day to answer: ANSWER_DAYS working days")
    extended_due_on: IsoDate = Field(
        description="the last day if the extension is taken: EXTENSION_DAYS more working days"
    )
    calendar_place: str = Field(
        description="the municipality whose working days were counted (its patron day too)",
        examples=["Guatemala, Guatemala"],
    )
    answer_days: Integer = Field(default=ANSWER_DAYS, ge=1)
    extension_days: Integer = Field(default=EXTENSION_DAYS, ge=1)
    appeal_days: Integer = Field(default=APPEAL_DAYS, ge=1)
    information: str = Field(max_length=INFORMATION_MAX)
    delivery: ByValue[DeliveryMethod]
    requester_initials: str = Field(max_length=60, examples=["M. J. P. L."])
    contact: str = Field(
        max_length=80,
        description="the contact, masked: an email's first letter and domain, a phone's last "
        "four digits",
        examples=["m•••@gmail.com", "••••-3456"],
    )
    answered_on: IsoDate | None = Field(default=None, description="when it was answered")


#: a new request; the same Idempotency-Key gives the same folio
SUBMIT_PUBLIC_INFORMATION = Endpoint(
    "POST", "/public-information-requests", PublicInformationRequest
)
#: a request found again by its folio (any kiosk: the folio is on the receipt)
PUBLIC_INFORMATION_REQUEST = Endpoint(
    "GET", "/public-information-requests/{folio}", PublicInformationRequest
)
