"""Formulario Electrónico de Ingresos (FEI): the form to pay something into the OJ's accounts at a
bank (fines, bails, certifications, copies, fees, court deposits).

The kiosk reads the portal's catalogue of concepts (each says whether it needs a case number and
whether its amount is fixed or typed within bounds), sends the payer's NIT or DPI, name and the
amount once (Idempotency-Key), and prints the form the portal numbers: its number, a barcode and a
QR the banks read, and the last day it can be paid. The kiosk never takes money. The portal
answers with the payer's initials and the last digits of the NIT or DPI only; a bank looks a form
up by its number (``FEI_STATUS``), which says nothing about the payer.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, Money
from kiosk.portal.models.payments import Bank
from kiosk.portal.models.strict import DIGITS, ByValue, Integer, IsoDate, IsoDateTime

#: a concept's code: three letters of its kind and a number (``MUL-001``)
ConceptCode = Annotated[str, Field(pattern=r"^[A-Z]{3}-[0-9]{3}$", examples=["MUL-001"])]
#: a form's number: the year it was made and its sequence in that year
FEI_NUMBER_PATTERN = rf"^FEI-{DIGITS}{{4}}-{DIGITS}{{8}}$"
FeiNumber = Annotated[str, Field(pattern=FEI_NUMBER_PATTERN, examples=["FEI-2026-00012345"])]
#: a NIT without its dash (digits, then the check digit, which may be K) or a DPI's 13 digits
PAYER_ID_PATTERN = rf"^{DIGITS}{{1,12}}[0-9K]$"
#: what a payer's name may hold besides letters, digits and spaces (a company: "Hnos. & Cía.")
PAYER_NAME_PUNCTUATION = ".,-'&()/"


class ConceptKind(StrEnum):
    """How the catalogue groups what can be paid (the kiosk asks this first)."""

    TASAS = "tasas"  # fees for a service: registering a power of attorney, an authentication
    CERTIFICACIONES = "certificaciones"  # certified copies of a resolution, a file, a deed
    COPIAS = "copias"  # plain copies of a file, the recording of a hearing
    MULTAS = "multas"  # fines a court imposed (and the conmuta of a prison sentence)
    CAUCIONES = "cauciones"  # bail and other guarantees a judge fixed
    DEPOSITOS = "depositos"  # court deposits: alimony, consignations, labour settlements


class PayerIdKind(StrEnum):
    NIT = "nit"
    DPI = "dpi"


class FeiStatus(StrEnum):
    PENDING = "pending"  # made, not paid yet, still payable
    PAID = "paid"  # a bank took the payment
    EXPIRED = "expired"  # its last day passed without a payment: a new form is needed


class FeiConcept(ApiModel):
    """One thing that can be paid. A fixed ``amount``, or ``min_amount`` to ``max_amount`` that
    the visitor types (the amount the court or office told them)."""

    code: ConceptCode
    name: str = Field(max_length=120, description="in Spanish, as the OJ names it")
    kind: ByValue[ConceptKind]
    description: str = Field(max_length=300, description="what it is for, one sentence")
    needs_case: bool = Field(description="the form must name the case (expediente) it is for")
    amount: Money | None = Field(default=None, description="the amount, when it is fixed")
    min_amount: Money | None = Field(default=None, description="when typed: the least")
    max_amount: Money | None = Field(default=None, description="when typed: the most")


class ConceptList(ApiModel):
    items: list[FeiConcept] = Field(description="by kind, then in the catalogue's order")
    valid_days: Integer = Field(ge=1, le=60, description="days a new form stays payable")
    banks: list[ByValue[Bank]] = Field(description="where a form is paid")


class FeiCreate(ApiModel):
    concept: ConceptCode
    case_number: str | None = Field(
        default=None,
        max_length=40,
        description="canonical (SGT DDCCC-YYYY-NNNNN or a court's own number), when the "
        "concept needs one; absent otherwise",
    )
    payer_id_kind: ByValue[PayerIdKind]
    payer_id: str = Field(
        pattern=PAYER_ID_PATTERN,
        description="a NIT without its dash (its check digit may be K) or a DPI's 13 digits",
    )
    payer_name: str = Field(min_length=2, max_length=100, description="a person or a company")
    amount: Money = Field(description="the concept's fixed amount, or one within its bounds")


class IncomeForm(ApiModel):
    """A form made: what to pay, by when, and what the bank reads."""

    number: FeiNumber
    concept: ConceptCode
    concept_name: str
    kind: ByValue[ConceptKind]
    case_number: str | None = None
    payer_id_kind: ByValue[PayerIdKind]
    payer_id_masked: str = Field(description="the last digits only, never the whole NIT or DPI")
    payer_initials: str = Field(max_length=60, description="initials only, never the name")
    amount: Money
    created_at: IsoDateTime
    valid_days: Integer = Field(ge=1, le=60)
    valid_until: IsoDate = Field(description="the last day it can be paid")
    status: ByValue[FeiStatus]
    barcode: str = Field(
        pattern=rf"^{DIGITS}{{22}}$",
        description="Code 128 payload the banks scan: year, sequence, amount in cents (10)",
    )
    pay_url: str = Field(description="online banking address, printed as a QR")
    banks: list[ByValue[Bank]]


class FeiCheck(ApiModel):
    """A form as a bank sees it by its number: nothing about the payer."""

    number: FeiNumber
    concept: ConceptCode
    amount: Money
    created_at: IsoDateTime
    valid_until: IsoDate
    status: ByValue[FeiStatus]
    paid_at: IsoDateTime | None = None
    paid_bank: ByValue[Bank] | None = None


#: ?kind= (one ConceptKind; all of them without it)
FEI_CONCEPTS = Endpoint("GET", "/fei-concepts", ConceptList)
CREATE_FEI = Endpoint("POST", "/fei", IncomeForm)
FEI_STATUS = Endpoint("GET", "/fei/{number}", FeiCheck)
#: sandbox only, the bank: pay a form (?bank=; paying it again changes nothing)
SANDBOX_PAY_FEI = Endpoint("POST", "/sandbox/bank/fei/{number}/pay", FeiCheck)
