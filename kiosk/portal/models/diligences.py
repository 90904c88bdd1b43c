"""Diligencias Judiciales: a court's commission to another court (an exhorto, a despacho, ...) and
the task it asks for (a notification, an embargo, a lanzamiento, ...), found by its own number or
by the number of the case it belongs to.

[A] The OJ publishes no numbering of diligences. Here the commissioned court registers every
commission it receives in one book a year: ``DJ-DDCCC-YYYY-NNNN``, the commissioned court's code
as in ``kiosk.courts`` (``DDCCC``, the same as SGT case numbers), the year it was registered and a
4-digit sequence (a court registers far fewer than 10,000 a year). People copy it from the cédula
or the oficio they were handed, so the parser here (``parse_diligence_number``) takes what they
type: without the letters, with spaces, dots or slashes, without leading zeros, a 2-digit year,
department and court apart (``09-006-2025-187``), and says in plain Spanish what is wrong (its
``MESSAGES`` are read by the i18n extractor; the kiosk and the sandbox share them). A case number
uses the shared ``kiosk.case_numbers``; one case may have many diligences.

Public by number (SERVICES.md, privacy tiers), parties by their initials. Diligences of family,
children's, alimony and sexual-crime matters are *reserved*: a search that meets one answers
``reserved: true`` and nothing else (no item, no court, no date), and the record of a reserved
diligence is never served. [A] A rogatory commission comes from a court abroad: its requesting
court has a country and no department; the kiosk's sandbox holds only incoming ones (an outgoing
one is followed through the Ministerio de Relaciones Exteriores).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from kiosk.courts import court as find_court
from kiosk.geography import DEPARTMENTS
from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel
from kiosk.portal.models.strict import DIGITS, ByValue, Integer, IsoDate, IsoDateTime

SEARCH_LIMIT_DEFAULT = 10
SEARCH_LIMIT_MAX = 50
#: [A] the book of diligences started with the SGT
FIRST_YEAR = 2006
PREFIX = "DJ"
MAX_SEQUENCE = 9999

#: opaque and not enumerable: a diligence is found by its number, never by walking ids
DiligenceId = Annotated[str, Field(pattern=r"^dl_[0-9a-f]{16}$", examples=["dl_3f9a0c21d4e5b677"])]
DILIGENCE_NUMBER_PATTERN = rf"^DJ-(0[1-9]|1[0-9]|2[0-2]){DIGITS}{{3}}-{DIGITS}{{4}}-{DIGITS}{{4}}$"
DiligenceNumberText = Annotated[
    str,
    Field(
        pattern=DILIGENCE_NUMBER_PATTERN,
        description="DJ-DDCCC-YYYY-NNNN: the commissioned court, the year, a sequence",
        examples=["DJ-09006-2025-0187"],
    ),
]
CourtId = Annotated[
    str, Field(pattern=rf"^{DIGITS}{{5}}$", description="DDCCC, as in kiosk.courts")
]


# --- the diligence's number --------------------------------------------------------------------

MESSAGES: dict[str, str] = {
    "empty": "Escriba el número de la diligencia, por ejemplo DJ-09006-2025-0187.",
    "character": (
        "El número de la diligencia lleva las letras DJ y números separados por guiones: "
        "quite «{character}»."
    ),
    "missing_separators": (
        "Separe las partes del número con guiones, por ejemplo DJ-09006-2025-0187."
    ),
    "missing_court": (
        "Falta el código del juzgado al inicio: el número de la diligencia tiene cuatro partes, "
        "por ejemplo DJ-09006-2025-0187."
    ),
    "too_many_parts": (
        "Sobran números: el número de la diligencia se escribe como DJ-09006-2025-0187."
    ),
    "department": (
        "Después de DJ van el departamento y el juzgado; el departamento es de 01 a 22 y "
        "{department} no existe."
    ),
    "court_digits": (
        "El departamento y el juzgado llevan 5 cifras en total, por ejemplo 09006: revise «{part}»."
    ),
    "court_unknown": (
        "No hay ningún juzgado con el código {court}: revise las 5 cifras que van después de DJ."
    ),
    "year_digits": "El año se escribe con 4 cifras, por ejemplo 2025; «{year}» no es un año.",
    "year_future": "El año {year} todavía no ha llegado: revise el año de la diligencia.",
    "year_too_old": (
        "Las diligencias se numeran así desde 2006 y este número dice {year}: revise el año. "
        "Si la diligencia es más antigua, pregunte en el juzgado que la realizó."
    ),
    "sequence_zero": "El último número de la diligencia no puede ser 0: revise los números.",
    "looks_like_case": (
        "Ese parece un número de expediente. Para buscar con él, toque «Atrás» y elija «El "
        "número del expediente»."
    ),
    "sequence_digits": (
        "El último número de la diligencia tiene como máximo 4 cifras; «{sequence}» tiene {length}."
    ),
}


class DiligenceNumberError(ValueError):
    """What is wrong with a typed diligence number; ``str(err)`` is the Spanish message, and
    ``message_key`` with ``params`` let a screen translate it."""

    def __init__(self, code: str, **params: int | str) -> None:
        self.code = code
        self.message_key = code
        self.params: dict[str, int | str] = dict(params)
        self.message = MESSAGES[code].format(**self.params)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class DiligenceNumber:
    court_id: str  # DDCCC: the commissioned court
    year: int
    sequence: int

    def __str__(self) -> str:
        return f"{PREFIX}-{self.court_id}-{self.year:04d}-{self.sequence:04d}"


_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58", "-"))
_SEPARATORS = frozenset(" -./_,:;\\#")
_DIGIT_GROUPS = re.compile(r"[0-9]+")
# what people write before the number: "DJ", "D.J.", "Diligencia No.", "Exp. Dilig. Núm."
_WORDS = re.compile(r"[^\W\d_]+")
_PREFIX_WORDS = frozenset(
    {"dj", "d", "j", "diligencia", "dilig", "dil", "no", "n", "num", "numero", "nro", "nº", "n°"}
)


def parse_diligence_number(text: str, *, this_year: int) -> DiligenceNumber:
    """The diligence number in ``text``; DiligenceNumberError says what is wrong."""
    clean = unicodedata.normalize("NFKC", text).translate(_DASHES).strip()
    digits = [i for i, char in enumerate(clean) if "0" <= char <= "9"]
    if not digits:
        raise DiligenceNumberError("empty")
    head, body, tail = (
        clean[: digits[0]],
        clean[digits[0] : digits[-1] + 1],
        clean[digits[-1] + 1 :],
    )
    words = _WORDS.findall(head)
    for word in words:
        if _fold(word) not in _PREFIX_WORDS:
            raise DiligenceNumberError("character", character=word)
    for char in head + tail:  # around the number: the prefix's dots and spaces, nothing else
        if not (char.isalpha() or char in _SEPARATORS or char.isspace() or char in "º°"):
            raise DiligenceNumberError("character", character=char)
    if rest := tail.strip(" .-"):
        word = _WORDS.match(rest)
        raise DiligenceNumberError("character", character=word[0] if word else rest[0])
    for char in body:
        if not ("0" <= char <= "9" or char in _SEPARATORS or char.isspace()):
            raise DiligenceNumberError("character", character=char)
    return _from_parts(_DIGIT_GROUPS.findall(body), this_year, prefixed=bool(words))


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _from_parts(parts: list[str], this_year: int, *, prefixed: bool) -> DiligenceNumber:
    if len(parts) == 1:
        (only,) = parts
        if len(only) == 13:  # DDCCCYYYYNNNN typed without separators
            return _build(only[:5], only[5:9], only[9:], this_year, prefixed)
        raise DiligenceNumberError("missing_separators" if len(only) > 6 else "missing_court")
    if len(parts) == 2:  # "187-2025": the court's code is missing
        raise DiligenceNumberError("missing_court")
    if len(parts) == 3:
        head, year, sequence = parts
        return _build(head, year, sequence, this_year, prefixed)
    if len(parts) == 4:  # "09-006-2025-187": department and court apart
        department, court_code, year, sequence = parts
        if len(department.lstrip("0")) > 2 or len(court_code.lstrip("0")) > 3:
            raise DiligenceNumberError("court_digits", part=f"{department}-{court_code}")
        head = f"{int(department):02d}{int(court_code):03d}"
        return _build(head, year, sequence, this_year, prefixed)
    raise DiligenceNumberError("too_many_parts")


def _build(
    head: str, year_text: str, sequence_text: str, this_year: int, prefixed: bool
) -> DiligenceNumber:
    """``prefixed``: the visitor wrote "DJ" (or "diligencia"): a zero-padded fifth digit is
    theirs, not the sign of a case number."""
    significant = head.lstrip("0")
    if len(head) > 5:
        raise DiligenceNumberError("court_digits", part=head)
    court_id = significant.zfill(5)
    if not 1 <= int(court_id[:2]) <= len(DEPARTMENTS):
        raise DiligenceNumberError("department", department=court_id[:2])
    try:
        find_court(court_id)
    except KeyError:
        raise DiligenceNumberError("court_unknown", court=court_id) from None
    if len(year_text) == 4:
        year = int(year_text)
    elif len(year_text) == 2 and int(year_text) <= this_year % 100:
        year = 2000 + int(year_text)
    else:
        raise DiligenceNumberError("year_digits", year=year_text)
    if year > this_year:
        raise DiligenceNumberError("year_future", year=year)
    if year < FIRST_YEAR:
        raise DiligenceNumberError("year_too_old", year=year)
    sequence = sequence_text.lstrip("0")
    if len(sequence_text) == 5 and not prefixed:
        # an SGT case number ends with five digits: 09006-2025-00077
        raise DiligenceNumberError("looks_like_case")
    if not sequence:
        raise DiligenceNumberError("sequence_zero")
    if len(sequence) > len(str(MAX_SEQUENCE)):
        raise DiligenceNumberError("sequence_digits", sequence=sequence, length=len(sequence))
    return DiligenceNumber(court_id, year, int(sequence))


# --- what a diligence is -------------------------------------------------------------------------


class DiligenceKind(StrEnum):
    """How courts ask each other for help, named by the rank of the court that asks and of the
    court that is asked, as Guatemalan procedure names them."""

    EXHORTO = "exhorto"  # to a court of the same rank elsewhere
    DESPACHO = "despacho"  # from a higher court to a lower one (often a Juzgado de Paz)
    SUPLICATORIO = "suplicatorio"  # from a lower court to a higher one
    COMISION_ROGATORIA = "comision_rogatoria"  # from a court abroad, through diplomatic channels


class DiligenceTask(StrEnum):
    """What the commissioned court is asked to do."""

    NOTIFICACION = "notificacion"  # deliver a resolution to a person
    CITACION = "citacion"  # summon a person to appear on a day
    EMBARGO = "embargo"  # freeze goods, accounts or part of a salary
    REQUERIMIENTO_PAGO = "requerimiento_pago"  # demand payment (before an embargo)
    LANZAMIENTO = "lanzamiento"  # evict the occupants of a property
    DECLARACION = "declaracion"  # hear a witness or a party who lives far away
    RECONOCIMIENTO = "reconocimiento"  # the judge inspects a place or a thing
    REINSTALACION = "reinstalacion"  # put a dismissed worker back in their post


class DiligenceState(StrEnum):
    """Where the diligence is, in its usual order; ``no_diligenciada`` and ``diligenciada`` are
    the two ends of the work, ``devuelta`` that it went back with its result."""

    ENVIADA = "enviada"  # sent, not yet received by the commissioned court
    RECIBIDA = "recibida"  # received and registered
    EN_TRAMITE = "en_tramite"  # admitted; the day to carry it out may be set
    DILIGENCIADA = "diligenciada"  # carried out
    NO_DILIGENCIADA = "no_diligenciada"  # could not be carried out (the person was not found...)
    DEVUELTA = "devuelta"  # returned, with what was done, to the court that asked


class Matter(StrEnum):
    """The matter of the case it belongs to: only public matters are ever served."""

    PENAL = "penal"
    CIVIL = "civil"
    TRABAJO = "trabajo"


class PartyRole(StrEnum):
    ACTOR = "actor"  # who sues (civil, labour)
    DEMANDADO = "demandado"  # who is sued
    AGRAVIADO = "agraviado"  # the victim (penal)
    SINDICADO = "sindicado"  # the accused (penal)


class Party(ApiModel):
    role: ByValue[PartyRole]
    initials: str = Field(
        max_length=40,
        description="initials only, never the full name (J. C. G. H.; a company: D. A., S. A.)",
        examples=["J. C. G. H."],
    )


class CourtRef(ApiModel):
    """A court as the record names it: a Guatemalan court with its seat, or a court abroad."""

    id: CourtId | None = Field(default=None, description="DDCCC; none for a court abroad")
    name: str = Field(max_length=200)
    municipality: str | None = Field(default=None, description="where it sits (Guatemala)")
    department: str | None = Field(default=None, description="its department (Guatemala)")
    country: str = Field(default="Guatemala", max_length=60)


class Actuacion(ApiModel):
    on: IsoDate
    text: str = Field(max_length=300, description="what the court did, in Spanish")


class DiligenceSummary(ApiModel):
    """One line of a search's results: enough to tell the diligences of one case apart."""

    id: DiligenceId
    number: DiligenceNumberText
    case_number: str | None = Field(
        default=None, description="the requesting court's case, canonical; none from abroad"
    )
    kind: ByValue[DiligenceKind]
    task: ByValue[DiligenceTask]
    requesting_court: str = Field(description="the name of the court that asked")
    commissioned_court: str = Field(description="the name of the court that carries it out")
    sent_on: IsoDate
    state: ByValue[DiligenceState]


class DiligencePage(ApiModel):
    """A search's answer. ``reserved``: the number belongs to a reserved matter (family,
    children, alimony, sexual crimes); then nothing else is served, not even an item."""

    items: list[DiligenceSummary]
    total: Integer = Field(ge=0, description="how many match, over every page")
    next_cursor: str | None = Field(
        default=None, description="opaque; pass it back as ``cursor`` for the next page"
    )
    reserved: bool = False


class Diligence(ApiModel):
    """A diligence's public record; dates are Guatemala's calendar days."""

    id: DiligenceId
    number: DiligenceNumberText
    case_number: str | None = Field(
        default=None, description="the requesting court's case, canonical; none from abroad"
    )
    matter: ByValue[Matter]
    kind: ByValue[DiligenceKind]
    task: ByValue[DiligenceTask]
    requesting: CourtRef
    commissioned: CourtRef
    sent_on: IsoDate = Field(description="the day the requesting court sent it")
    received_on: IsoDate | None = Field(default=None, description="the day it was registered")
    scheduled_at: IsoDateTime | None = Field(
        default=None, description="the coming day and time set to carry it out, if any"
    )
    state: ByValue[DiligenceState]
    returned_on: IsoDate | None = Field(default=None, description="the day it was sent back")
    parties: list[Party] = Field(description="the case's parties, initials only")
    actuaciones: list[Actuacion] = Field(
        description="what the commissioned court did (at most 12), newest first"
    )
    updated_at: IsoDateTime = Field(description="when the record last changed")


#: ?number= (a diligence number, canonical) or ?case= (a case number, canonical), one of the
#: two; &limit= &cursor=. Newest first (by the day it was sent).
SEARCH_DILIGENCES = Endpoint("GET", "/diligences", DiligencePage)
DILIGENCE = Endpoint("GET", "/diligences/{diligence_id}", Diligence)
