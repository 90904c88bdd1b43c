"""Pensión Alimenticia: the account of an alimony case, for the people in it only.

Personal (SERVICES.md, privacy tiers): a visitor proves who they are with their DPI and a
personal PIN the court gives them (``POST /alimony/sessions``); the PIN log-in yields a bearer
token good for this service only, on the kiosk that got it, until it expires or the visit ends
(``DELETE /alimony/sessions/current``). The first use of a temporary PIN must change it
(``POST /alimony/pin``) before anything else is read. A wrong PIN and an unknown DPI answer the
same; a few wrong PINs for one DPI, from any kiosk, lock it for a while (429 ``pin_locked`` with
Retry-After). Children are named by initials only, and so is the other party; the DPI and the
PIN travel only in request bodies, never in a URL.

The PIN rules are part of the contract (``pin_problem``): the kiosk checks what it can before
sending, the portal checks everything (the birth year is only the portal's to know).
"""

from __future__ import annotations

from enum import StrEnum
from itertools import pairwise
from typing import Annotated

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, Dpi, NoContent
from kiosk.portal.models.payments import Bank
from kiosk.portal.models.strict import DIGITS, ByValue, Integer, IsoDate, IsoDateTime, Money

PIN_MIN, PIN_MAX = 4, 6
#: what a PIN looks like on the wire (a temporary one has PIN_MAX digits)
PIN_PATTERN = rf"^{DIGITS}{{{PIN_MIN},{PIN_MAX}}}$"
#: [A] wrong PINs for one DPI (from any kiosk) within PIN_WINDOW_MINUTES that lock it
PIN_TRIES = 3
PIN_WINDOW_MINUTES = 15
#: [A] how long a locked PIN stays locked
PIN_LOCK_MINUTES = 15
#: [A] PIN log-ins a kiosk may try in a minute (any DPI)
PIN_TRIES_PER_KIOSK = 10

CASES_LIMIT_MAX = 20
MOVEMENTS_LIMIT_DEFAULT = 10
MOVEMENTS_LIMIT_MAX = 50

Pin = Annotated[str, Field(pattern=PIN_PATTERN, examples=["4827"])]
#: opaque and not enumerable: a case is reached from the visitor's own list, never by walking ids
AlimonyCaseId = Annotated[
    str, Field(pattern=r"^pa_[0-9a-f]{16}$", examples=["pa_3f9a0c21d4e5b677"])
]
#: a page's end: the number of the last movement served (movements are numbered from 1)
MovementCursor = Annotated[str, Field(pattern=rf"^{DIGITS}{{1,6}}$", examples=["31"])]

# --- the PIN rules: said once, for the kiosk's check and the portal's ----------------------------

#: each rule's words: what is wrong and how to fix it
MESSAGES: dict[str, str] = {
    "pin_shape": "El PIN tiene de 4 a 6 dígitos, solo números.",
    "pin_repeated": "El PIN no puede tener todos los dígitos iguales, como 1111. Elija otro.",
    "pin_sequence": "El PIN no puede ser una serie seguida, como 1234 o 4321. Elija otro.",
    "pin_birth_year": "El PIN no puede llevar su año de nacimiento. Elija otro.",
    "pin_same": "El PIN nuevo tiene que ser distinto del PIN temporal.",
}


def pin_problem(pin: str, *, birth_year: int | None = None) -> str | None:
    """The first rule a new PIN breaks (a key of MESSAGES), or None: 4 to 6 ASCII digits, not
    all the same, not a run up or down (1234, 98765), without the birth year in it."""
    if not PIN_MIN <= len(pin) <= PIN_MAX or not all("0" <= c <= "9" for c in pin):
        return "pin_shape"
    if len(set(pin)) == 1:
        return "pin_repeated"
    steps = {int(b) - int(a) for a, b in pairwise(pin)}
    if steps in ({1}, {-1}):
        return "pin_sequence"
    if birth_year is not None and f"{birth_year:04d}" in pin:
        return "pin_birth_year"
    return None


# --- log-in --------------------------------------------------------------------------------------


class PinLogIn(ApiModel):
    dpi: Dpi
    pin: Pin


class AlimonySession(ApiModel):
    """The PIN log-in: a bearer token for this service's routes only."""

    token: str
    expires_at: IsoDateTime
    must_change_pin: bool = Field(
        description="the PIN was temporary: only POST /alimony/pin is allowed until it changes"
    )


class PinChange(ApiModel):
    new_pin: Pin


class PinChanged(ApiModel):
    changed_at: IsoDateTime


# --- the cases and their accounts --------------------------------------------------------------


class AlimonyRole(StrEnum):
    """Who the visitor is in the case."""

    OBLIGADO = "obligado"  # who must pay the pension (the alimentante)
    REPRESENTANTE = "representante"  # who receives it for the children (usually the mother)


class PensionKind(StrEnum):
    PROVISIONAL = "provisional"  # set when the claim is filed, while the oral trial runs
    DEFINITIVA = "definitiva"  # set by the judgment or an agreement the court approved


class MovementKind(StrEnum):
    DEPOSITO = "deposito"  # the obligor paid into the court's account at the bank
    RETIRO = "retiro"  # the representative withdrew it with a court order


class AlimonyCaseSummary(ApiModel):
    id: AlimonyCaseId
    number: str = Field(description="SGT number DDCCC-YYYY-NNNNN", examples=["09007-2021-00412"])
    court_id: str = Field(pattern=rf"^{DIGITS}{{5}}$", description="DDCCC, as in kiosk.courts")
    court_name: str
    role: ByValue[AlimonyRole]
    monthly_amount: Money


class AlimonyCaseList(ApiModel):
    """Every case of the visitor (a person has a few; at most CASES_LIMIT_MAX are listed)."""

    items: list[AlimonyCaseSummary]
    total: Integer = Field(ge=0)


class Deposit(ApiModel):
    on: IsoDate
    amount: Money


class AlimonyCase(ApiModel):
    """A case's account as of ``as_of``. ``balance_owed``: the pensions due up to this month
    less what was deposited; ``available``: deposited and not withdrawn yet."""

    id: AlimonyCaseId
    number: str = Field(examples=["09007-2021-00412"])
    court_id: str = Field(pattern=rf"^{DIGITS}{{5}}$")
    court_name: str
    department: str = Field(description="the court's department, by name")
    role: ByValue[AlimonyRole]
    other_party: str = Field(
        max_length=40, description="the other side (obligor or representative), initials only"
    )
    beneficiaries: list[str] = Field(description="the children, initials only", max_length=12)
    kind: ByValue[PensionKind]
    fixed_on: IsoDate = Field(description="when the pension now in force was set")
    monthly_amount: Money
    balance_owed: Money
    available: Money
    last_deposit: Deposit | None = Field(default=None, description="None: never deposited")
    months_without_deposit: Integer = Field(
        ge=0, description="whole months since the last deposit (or since the pension was set)"
    )
    movements: Integer = Field(ge=0, description="how many movements the account has")
    as_of: IsoDate


class Movement(ApiModel):
    number: Integer = Field(ge=1, description="its place in the account, 1 the first")
    on: IsoDate
    kind: ByValue[MovementKind]
    amount: Money
    bank: ByValue[Bank]
    branch: str = Field(max_length=80, description="the bank's agency")
    reference: str = Field(
        max_length=30, description="the deposit slip's number, or the court's payment order"
    )


class MovementPage(ApiModel):
    items: list[Movement] = Field(description="newest first")
    total: Integer = Field(ge=0)
    next_cursor: MovementCursor | None = None


#: DPI and PIN → a token for this service (each try counts; Idempotency-Key: a retry of the
#: same try is answered, not counted again)
OPEN_PIN_SESSION = Endpoint("POST", "/alimony/sessions", AlimonySession)
CLOSE_PIN_SESSION = Endpoint("DELETE", "/alimony/sessions/current", NoContent, session="required")
CHANGE_PIN = Endpoint("POST", "/alimony/pin", PinChanged, session="required")
#: the visitor's cases (as obligor or representative), newest first
ALIMONY_CASES = Endpoint("GET", "/alimony/cases", AlimonyCaseList, session="required")
ALIMONY_CASE = Endpoint("GET", "/alimony/cases/{case_id}", AlimonyCase, session="required")
#: ?limit= &cursor=: newest first
ALIMONY_MOVEMENTS = Endpoint(
    "GET", "/alimony/cases/{case_id}/movements", MovementPage, session="required"
)
