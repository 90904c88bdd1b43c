"""Solicitud de Información Pública: the checks on the answers, the branches, and what tells a
request for a court file's copies apart (those go to the court or the Archivo de Tribunales,
not to the Unidad de Información Pública)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from kiosk.case_numbers import CaseNumberError, parse_case_number
from kiosk.flows.fields import validation_today
from kiosk.flows.model import Answers, FieldError
from kiosk.flows.text import _
from kiosk.identity import normalize_digits
from kiosk.portal.models.public_information import DeliveryMethod
from kiosk.text import Text

# --- branches ------------------------------------------------------------------------------------

NEW_REQUEST = "new_request"
FIND_REQUEST = "find_request"
BY_EMAIL = "email"
BY_PHONE = "phone"
MIN_LETTERS = 5  # what the portal asks of a request's words
MIN_INFORMATION = 10


def after_mode(answers: Answers) -> str:
    return "about" if answers["mode"] == NEW_REQUEST else "folio"


def after_information(answers: Answers) -> str:
    """A request that reads like one for a court file's copies first hears where those go."""
    return "court_file" if asks_for_court_file(str(answers["information"])) else "delivery"


def after_name(answers: Answers) -> str:
    """An answer by email needs the email: no need to ask which contact."""
    return "email" if answers["delivery"] == DeliveryMethod.EMAIL.value else "contact"


def after_contact(answers: Answers) -> str:
    return "email" if answers["contact"] == BY_EMAIL else "phone"


# --- a court file's copies -----------------------------------------------------------------------

_COPIES = r"\b(?:foto)?copias?\b|\bcertificacion(?:es)?\b|\bcertificad[oa]s?\b"
_FILES = r"\b(?:expedientes?|procesos?|juicios?|causas?|demandas?)\b"
_COPY_OF_FILE = re.compile(rf"(?:{_COPIES}).{{0,60}}?{_FILES}")
_MY_FILE = re.compile(r"\bmis? (?:expedientes?|casos?|procesos?|juicios?|causas?|demandas?)\b")
_NUMBERED_FILE = re.compile(
    r"\b(?:expediente|exp|causa|proceso|juicio|caso)\b\.?\s*"
    r"(?:n[o°º]\.?|num\.?|numero|#)?\s*:?\s*(?:c\s*-\s*)?[0-9]"
)
_SGT_SHAPE = re.compile(r"(?<![0-9])(?:c\s*-\s*)?[0-9]{4,5}[-/. ][0-9]{4}[-/. ][0-9]{1,5}(?![0-9])")


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def asks_for_court_file(text: str) -> bool:
    """Whether ``text`` asks for a case file (copies, a certification, "mi expediente") or
    names one by its number: a request the court or the Archivo de Tribunales answers."""
    folded = _folded(text)
    if _COPY_OF_FILE.search(folded) or _MY_FILE.search(folded) or _NUMBERED_FILE.search(folded):
        return True
    for match in _SGT_SHAPE.finditer(folded):
        try:
            if parse_case_number(match.group(), this_year=_this_year()).is_sgt:
                return True
        except CaseNumberError:
            continue
    return False


def _this_year() -> int:
    try:
        return validation_today().year
    except RuntimeError:  # outside a field's check: the clock
        return date.today().year


# --- checks on the answers -----------------------------------------------------------------------


def information_words(value: object, answers: Answers) -> None:
    text = str(value)
    if len(text) < MIN_INFORMATION or sum(c.isalpha() for c in text) < MIN_LETTERS:
        raise FieldError(
            "information",
            "information_short",
            _(
                "Escriba con palabras qué información necesita: qué datos o documentos, de qué "
                "oficina y de qué fechas."
            ),
        )


PHONE_DIGITS = 8


def phone_number(text: str) -> str:
    """The eight digits of a Guatemalan phone as typed ("5512 3456", "+502 5512-3456")."""
    digits = normalize_digits(text).removeprefix("+")
    if len(digits) == PHONE_DIGITS + 3 and digits.startswith("502"):
        digits = digits[3:]
    return digits


def phone(value: object, answers: Answers) -> None:
    digits = phone_number(str(value))
    if not (digits.isascii() and digits.isdigit()):
        raise FieldError(
            "phone", "phone_digits", _("Escriba solo los números del teléfono, como 5512 3456.")
        )
    if len(digits) != PHONE_DIGITS:
        raise FieldError(
            "phone",
            "phone_length",
            Text(
                "Los teléfonos de Guatemala tienen 8 dígitos y usted escribió {typed}: "
                "revise el número.",
                typed=len(digits),
            ),
        )
    if digits[0] not in "234567":
        raise FieldError(
            "phone",
            "phone_start",
            _(
                "Los teléfonos de Guatemala empiezan con 2, 3, 4, 5, 6 o 7: revise el primer "
                "número."
            ),
        )


# --- the folio ----------------------------------------------------------------------------------

FIRST_YEAR = 2008  # [F] Decreto 57-2008
_FOLIO = re.compile(r"(?:uip)?[-\s./]*([0-9]{4})(?:[-\s./]+([0-9]{1,6})|([0-9]{6}))")


def folio_of(text: str) -> str:
    """The folio as the portal writes it (UIP-2026-004812) from what was typed ("2026-4812",
    "uip 2026 004812"); ValueError when it has no such shape."""
    match = _FOLIO.fullmatch(text.strip().casefold())
    if match is None:
        raise ValueError("no folio")
    year, number = int(match.group(1)), int(match.group(2) or match.group(3))
    return f"UIP-{year:04d}-{number:06d}"


def folio(value: object, answers: Answers) -> None:
    try:
        found = folio_of(str(value))
    except ValueError:
        raise FieldError(
            "folio",
            "folio_shape",
            _(
                "Escriba el folio como está en su comprobante: el año y el número, por ejemplo "
                "2026-004812 (con o sin «UIP»)."
            ),
        ) from None
    year, this_year = int(found[4:8]), _this_year()
    if not FIRST_YEAR <= year <= this_year:
        raise FieldError(
            "folio",
            "folio_year",
            Text(
                "El año del folio va de {first} a {last}; usted escribió {year}: revíselo.",
                first=FIRST_YEAR,
                last=this_year,
                year=year,
            ),
        )
