"""Consulta de Convenio Laboral: a payment agreement (convenio) reached in conciliation before a
labour court and paid in instalments through the court, read with the case number and the DPI of
one of its parties: the worker, or the employer (a person, or the representative of a company or
an institution).

Personal (SERVICES.md, privacy tiers): only a party's DPI opens a convenio. A wrong DPI answers
exactly as a number without a convenio (an empty page, byte for byte), so the portal is no oracle
of who is party to what; failed tries are limited per case number and per DPI from any kiosk, and
every try per kiosk. Parties travel as initials only. Both calls are POSTs: a DPI never travels
in a URL (gateways and proxies log URLs). Each takes an Idempotency-Key: a retry with the same key
and body is answered from the portal's record (a lost answer costs no second try).

The portal says each instalment's state, because it knows today's date in Guatemala. Payments
apply to the oldest instalment first: the instalments before ``first_unpaid`` are paid, the
overdue ones follow it, then the one due next and those still to come.

[A] Nothing public describes this service (SERVICES.md): every field is an assumption, kept here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, Dpi
from kiosk.portal.models.strict import DIGITS, ByValue, Integer, IsoDate, IsoDateTime, Money

SEARCH_LIMIT_DEFAULT = 10
SEARCH_LIMIT_MAX = 20
#: instalments a schedule page holds unless asked otherwise (a year of monthly ones)
SCHEDULE_PAGE = 12
SCHEDULE_LIMIT_MAX = 60
#: [A] the longest schedule a court approves: five years of monthly instalments, or two of
#: fortnightly ones
MAX_INSTALMENTS = 60
#: [A] searches and schedule reads a kiosk may make in a minute: a visitor makes a handful
SEARCHES_PER_MINUTE = 20
READS_PER_MINUTE = 60
#: [A] failed searches of one case number, or with one DPI, from every kiosk together, before
#: the portal refuses that number (or DPI) for ``FAILURE_MINUTES``
FAILURES_PER_NUMBER = 5
FAILURES_PER_DPI = 10
FAILURE_MINUTES = 15

#: opaque and not enumerable: a convenio is found by its case number and a party's DPI
AgreementId = Annotated[str, Field(pattern=r"^la_[0-9a-f]{16}$", examples=["la_5d0c3e9a1b2f4a77"])]
CaseNumberText = Annotated[
    str,
    Field(
        min_length=1,
        max_length=40,
        description="the case number, canonical as kiosk.case_numbers writes it",
        examples=["01174-2025-02031"],
    ),
]


class PartyRole(StrEnum):
    TRABAJADOR = "trabajador"  # the worker the convenio pays
    PATRONO = "patrono"  # who pays: a person, a company, the State or a municipality


class AgreementStatus(StrEnum):
    AL_DIA = "al_dia"  # nothing overdue; instalments still to come
    ATRASADO = "atrasado"  # at least one instalment overdue
    CUMPLIDO = "cumplido"  # every instalment paid


class InstalmentState(StrEnum):
    PAGADA = "pagada"  # paid in full
    PARCIAL = "parcial"  # paid in part, not due yet: the rest is still to pay
    PENDIENTE = "pendiente"  # not due yet, nothing paid
    VENCIDA = "vencida"  # its day passed and it is not paid in full (paid_amount may be > 0)


class AgreementSearch(ApiModel):
    """The body of a search: the case number and the DPI of a party, both required."""

    number: CaseNumberText
    dpi: Dpi
    limit: Integer = Field(default=SEARCH_LIMIT_DEFAULT, ge=1, le=SEARCH_LIMIT_MAX)
    cursor: AgreementId | None = Field(
        default=None, description="opaque: the ``next_cursor`` of the page before"
    )


class ScheduleRequest(ApiModel):
    """The body of a read: the party's DPI again (an id alone opens nothing) and which page of
    the schedule, by the number of its first instalment."""

    dpi: Dpi
    first: Integer = Field(default=1, ge=1, le=MAX_INSTALMENTS)
    limit: Integer = Field(default=SCHEDULE_PAGE, ge=1, le=SCHEDULE_LIMIT_MAX)


class AgreementParty(ApiModel):
    role: ByValue[PartyRole]
    initials: str = Field(
        max_length=40,
        description="initials only, never the full name (M. J. S. T.; a company: C. L. A., S. A.)",
        examples=["M. J. S. T."],
    )


class Instalment(ApiModel):
    number: Integer = Field(ge=1, le=MAX_INSTALMENTS)
    due_on: IsoDate
    amount: Money
    paid_amount: Money = Field(description="what was paid towards it; 0.00 when nothing")
    paid_on: IsoDate | None = Field(
        default=None, description="the day of the last payment towards it, if any"
    )
    state: ByValue[InstalmentState]


class AgreementSummary(ApiModel):
    """One convenio found: enough to tell the convenios of one case apart (an employer's DPI
    finds all of the case's; a worker's only their own) and to page its schedule."""

    id: AgreementId
    number: str = Field(description="the case number (SGT)", examples=["01174-2025-02031"])
    court_id: str = Field(pattern=rf"^{DIGITS}{{5}}$", description="DDCCC, as in kiosk.courts")
    court_name: str
    approved_on: IsoDate
    worker: str = Field(max_length=40, description="the worker's initials")
    employer: str = Field(max_length=40, description="the employer's initials")
    total: Money
    balance: Money
    instalment_count: Integer = Field(ge=1, le=MAX_INSTALMENTS)
    overdue_count: Integer = Field(ge=0, le=MAX_INSTALMENTS)
    first_unpaid: Integer | None = Field(
        default=None, ge=1, le=MAX_INSTALMENTS, description="None when everything is paid"
    )
    next_due: Instalment | None = Field(
        default=None, description="the first instalment not paid in full that is not overdue"
    )
    status: ByValue[AgreementStatus]


class AgreementPage(ApiModel):
    items: list[AgreementSummary]
    total: Integer = Field(ge=0, description="how many convenios match, over every page")
    next_cursor: str | None = Field(
        default=None, description="opaque; pass it back as ``cursor`` for the next page"
    )


class LaborAgreement(ApiModel):
    """A convenio and one page of its schedule (``first`` .. ``first + len(instalments) - 1``);
    the totals, the overdue instalments and the next one due are over the whole schedule."""

    id: AgreementId
    number: str = Field(description="the case number (SGT)")
    court_id: str = Field(pattern=rf"^{DIGITS}{{5}}$")
    court_name: str
    department: str = Field(description="the court's department, by name")
    approved_on: IsoDate = Field(description="the day the court approved the convenio")
    parties: list[AgreementParty] = Field(description="the worker first; initials only")
    total: Money = Field(description="what the employer agreed to pay, all instalments")
    paid: Money
    balance: Money = Field(description="total minus paid")
    instalment_count: Integer = Field(ge=1, le=MAX_INSTALMENTS)
    overdue_count: Integer = Field(ge=0, le=MAX_INSTALMENTS)
    overdue_amount: Money = Field(description="what is missing of the overdue instalments")
    first_unpaid: Integer | None = Field(default=None, ge=1, le=MAX_INSTALMENTS)
    next_due: Instalment | None = None
    status: ByValue[AgreementStatus]
    first: Integer = Field(ge=1, le=MAX_INSTALMENTS, description="the page's first instalment")
    instalments: list[Instalment] = Field(description="the page asked for, by number")
    updated_at: IsoDateTime = Field(description="when a payment was last recorded")


#: body: AgreementSearch. Answers an empty page for a number without a convenio of that DPI.
SEARCH_LABOR_AGREEMENTS = Endpoint("POST", "/labor-agreements/search", AgreementPage)
#: body: ScheduleRequest. 404 for an id unknown or not of that DPI (the same answer).
LABOR_AGREEMENT_SCHEDULE = Endpoint(
    "POST", "/labor-agreements/{agreement_id}/schedule", LaborAgreement
)
