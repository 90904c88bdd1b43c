"""Registro Central de Detenidos: whether a person is registered as detained now, found by DPI or
by a full name (never a partial one).

Public, minimal answer (SERVICES.md, privacy tiers): registered or not, where (the centre and its
department), the court in charge and since when; the person only by initials, birth year,
department of birth and at most the DPI's last four digits. Never the offence, an address or the
full DPI. Reserved matters (sexual crimes, family, children, alimony) never appear in a name
search and answer only "reservado" by DPI; detentions of adolescents never appear at all.

A search is a POST: a DPI or a name never travels in a URL (gateways and proxies log URLs). What
counts as a full name is part of the contract, so the kiosk and the portal apply the same rules
(``full_name``) and say the same Spanish words (``MESSAGES``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, Dpi
from kiosk.portal.models.strict import DIGITS, ByValue, Integer, IsoDate, IsoDateTime

SEARCH_LIMIT_DEFAULT = 10
SEARCH_LIMIT_MAX = 20
#: [A] a name that matches more people than this answers only how many: the visitor narrows it
#: (second surname, another given name, the DPI); a list that long would be a way to trawl
NAME_MATCHES_MAX = 30
#: [A] searches a kiosk may make in a minute: a visitor asks for one or two people
SEARCHES_PER_MINUTE = 10
MAX_NAME_LENGTH = 60
MAX_GIVEN_NAMES = 4

#: opaque and not enumerable: a record is reached from a search, never by walking ids
DetentionId = Annotated[str, Field(pattern=r"^dt_[0-9a-f]{16}$", examples=["dt_5be0c7d2a9f14e38"])]


class DetentionStatus(StrEnum):
    DETENIDO = "detenido"  # registered as detained now
    RESERVADO = "reservado"  # a reserved matter: nothing else is said


class PlaceKind(StrEnum):
    PREVENTIVA = "preventiva"  # centro de detención preventiva: awaiting or in trial
    CONDENA = "condena"  # centro de cumplimiento de condena: serving a sentence


class DetaineeSearch(ApiModel):
    """Either ``dpi``, or a full name: at least one given name and the first surname, whole
    words (the second surname if known); never both. Accents and letter case do not matter."""

    dpi: Dpi | None = None
    given_names: str | None = Field(default=None, max_length=MAX_NAME_LENGTH)
    first_surname: str | None = Field(default=None, max_length=MAX_NAME_LENGTH)
    second_surname: str | None = Field(default=None, max_length=MAX_NAME_LENGTH)
    limit: Integer = Field(default=SEARCH_LIMIT_DEFAULT, ge=1, le=SEARCH_LIMIT_MAX)
    cursor: DetentionId | None = Field(
        default=None, description="opaque: the ``next_cursor`` of the page before"
    )


class DetaineeSummary(ApiModel):
    """One person found: only what tells homonyms apart. Every field but ``id`` and ``status``
    is null for a reserved record."""

    id: DetentionId
    status: ByValue[DetentionStatus]
    initials: str | None = Field(default=None, max_length=40, examples=["M. E. S. L."])
    birth_year: Integer | None = None
    birth_department: str | None = Field(
        default=None, description="where the birth was registered (the DPI's department)"
    )


class DetaineePage(ApiModel):
    items: list[DetaineeSummary] = Field(
        description=f"empty when more than {NAME_MATCHES_MAX} people match: narrow the search"
    )
    total: Integer = Field(ge=0, description="how many people match, over every page")
    next_cursor: str | None = Field(
        default=None, description="opaque; pass it back as ``cursor`` for the next page"
    )


class DetentionPlace(ApiModel):
    name: str = Field(description="the centre, as the Sistema Penitenciario names it")
    kind: ByValue[PlaceKind]
    department: str = Field(description="the centre's department, by name")


class Detainee(ApiModel):
    """The public minimum of a current detention; for a reserved one, ``id`` and ``status``
    only (the rest is null and never leaves the portal)."""

    id: DetentionId
    status: ByValue[DetentionStatus]
    initials: str | None = Field(default=None, max_length=40)
    birth_year: Integer | None = None
    birth_department: str | None = None
    dpi_last4: str | None = Field(default=None, pattern=rf"^{DIGITS}{{4}}$")
    detained_since: IsoDate | None = None
    place: DetentionPlace | None = None
    court_id: str | None = Field(
        default=None, pattern=rf"^{DIGITS}{{5}}$", description="as kiosk.courts"
    )
    court_name: str | None = None
    updated_at: IsoDateTime | None = Field(default=None, description="when it last changed")


#: body: DetaineeSearch. A POST that creates nothing (no Idempotency-Key needed)
SEARCH_DETAINEES = Endpoint("POST", "/detainees/search", DetaineePage, idempotent=False)
DETAINEE = Endpoint("GET", "/detainees/{detention_id}", Detainee)


# --- what a full name is (the kiosk checks it as typed; the portal checks it again) -------------

MESSAGES: dict[str, str] = {
    "name_required.given_names": "Escriba al menos un nombre de la persona, completo.",
    "name_required.first_surname": (
        "Escriba el primer apellido de la persona: sin él no se puede buscar."
    ),
    "name_wildcard": (
        "La búsqueda es por nombres completos: quite «{character}» y escriba la palabra entera."
    ),
    "name_characters": (
        "Un nombre lleva solo letras, espacios, guiones (-) y apóstrofos ('): quite «{character}»."
    ),
    "name_abbreviated": "Escriba «{word}» completo, sin abreviar: se busca por palabras enteras.",
    "name_initial": "Escriba el nombre completo en lugar de la inicial «{word}».",
    "name_no_letters": "Escriba palabras con letras: «{word}» no lleva ninguna.",
    "name_particles_only": "«{text}» no es un nombre completo: escriba también lo que sigue.",
    "name_too_long": "Escriba como máximo {maximum} letras; ahora hay {length}.",
    "name_too_many": "Escriba como máximo {maximum} nombres; ahora hay {count}.",
    "surname_two_in_one": (
        "Escriba aquí solo el primer apellido; el segundo va en la casilla de abajo."
    ),
    "surname_too_many": "Escriba un solo apellido en cada casilla.",
    "search_mode": "Busque por el DPI o por el nombre completo, uno de los dos.",
}

#: words that join a name and never identify it alone (María de los Ángeles, De León)
PARTICLES = frozenset({"de", "del", "la", "las", "los", "y"})
WILDCARDS = frozenset("*%_?")
_APOSTROPHES = frozenset("'’‘`´ʼ")
_NAME_FIELDS = ("given_names", "first_surname", "second_surname")


class DetaineeNameError(ValueError):
    """A name that is not a full one; ``str(err)`` is the Spanish message, ``field`` the part."""

    def __init__(self, field: str, code: str, variant: str = "", **params: int | str) -> None:
        self.field = field
        self.code = code
        self.params: dict[str, int | str] = dict(params)
        self.message_key = f"{code}.{variant}" if variant else code
        self.message = MESSAGES[self.message_key].format(**self.params)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class FullName:
    """A full name as searched: the parts as written (spaces tidied) and their search keys."""

    given_names: str
    first_surname: str
    second_surname: str | None = None

    @property
    def given_keys(self) -> tuple[str, ...]:
        return name_words(self.given_names)

    @property
    def first_key(self) -> str:
        return name_key(self.first_surname)

    @property
    def second_key(self) -> str | None:
        return name_key(self.second_surname) if self.second_surname else None

    def __str__(self) -> str:
        return " ".join(p for p in (self.given_names, self.first_surname, self.second_surname) if p)

    def __repr__(self) -> str:  # never the name: it is the visitor's data
        return "FullName(...)"


def fold(word: str) -> str:
    """A word as compared: no accents (á = a, ñ = n, ü = u), no apostrophes, lower case."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in _APOSTROPHES)


def name_words(text: str) -> tuple[str, ...]:
    """The folded words that identify ``text``, particles left out, each once, in order."""
    words = (fold(word) for word in text.split())
    return tuple(dict.fromkeys(w for w in words if w and w not in PARTICLES))


def name_key(text: str) -> str:
    """A surname as compared: "De León" and "de leon" give "leon"."""
    return " ".join(name_words(text))


def full_name(
    given_names: str | None, first_surname: str | None, second_surname: str | None = None
) -> FullName:
    """The full name to search, or DetaineeNameError on the first part that is not whole. Both
    surnames typed in the first one's box ("García López") are taken as first and second."""
    given = name_part("given_names", given_names, required=True)
    first = name_part("first_surname", first_surname, required=True)
    second = name_part("second_surname", second_surname, required=False) or None
    first, split = split_surnames("first_surname", first)
    if split is not None:
        if second is not None:
            raise DetaineeNameError("first_surname", "surname_two_in_one")
        second = split
    elif second is not None and split_surnames("second_surname", second)[1] is not None:
        raise DetaineeNameError("second_surname", "surname_too_many")
    return FullName(given, first, second)


def split_surnames(field: str, text: str) -> tuple[str, str | None]:
    """("García", "López") from "García López", with their particles ("De León", "de la Cruz");
    a single surname comes back alone. DetaineeNameError on ``field`` for three or more."""
    tokens = text.split()
    main = [i for i, token in enumerate(tokens) if fold(token) not in PARTICLES]
    if len(main) <= 1:
        return text, None
    if len(main) > 2:
        raise DetaineeNameError(field, "surname_too_many")
    start = main[1]
    while start > main[0] + 1 and fold(tokens[start - 1]) in PARTICLES:
        start -= 1
    return " ".join(tokens[:start]), " ".join(tokens[start:])


def name_part(field: str, raw: str | None, *, required: bool) -> str:
    """One part of the name (``field``: given_names, first_surname or second_surname), spaces
    tidied, "" when left out; DetaineeNameError for what cannot be a whole name."""
    text = " ".join(unicodedata.normalize("NFC", raw or "").split())
    if not text:
        if required:
            raise DetaineeNameError(field, "name_required", field)
        return ""
    if len(text) > MAX_NAME_LENGTH:
        raise DetaineeNameError(field, "name_too_long", maximum=MAX_NAME_LENGTH, length=len(text))
    for char in text:
        if char in WILDCARDS:
            raise DetaineeNameError(field, "name_wildcard", character=char)
        if char == "." or char == " " or char == "-" or char in _APOSTROPHES:
            continue
        if not (char.isalpha() and char <= "\u024f"):  # Latin letters and their accents
            raise DetaineeNameError(field, "name_characters", character=char)
    for word in text.split():
        if "." in word:
            raise DetaineeNameError(field, "name_abbreviated", word=word)
        letters = [c for c in word if c.isalpha()]
        if not letters:
            raise DetaineeNameError(field, "name_no_letters", word=word)
        if len(letters) == 1 and fold(word) not in PARTICLES:
            raise DetaineeNameError(field, "name_initial", word=word)
    words = name_words(text)
    if not words:
        raise DetaineeNameError(field, "name_particles_only", text=text)
    if field == "given_names" and len(words) > MAX_GIVEN_NAMES:
        raise DetaineeNameError(field, "name_too_many", maximum=MAX_GIVEN_NAMES, count=len(words))
    return text


def search_name(search: DetaineeSearch) -> FullName | None:
    """The full name a search asks for (None for a DPI search); DetaineeNameError as
    ``full_name``."""
    if not any(getattr(search, part) for part in _NAME_FIELDS):
        return None
    return full_name(search.given_names, search.first_surname, search.second_surname)
