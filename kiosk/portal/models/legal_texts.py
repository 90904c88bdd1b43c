"""Normativas y Resoluciones Judiciales: laws, CSJ agreements (acuerdos), circulars and published
rulings, found by words (accent- and plural-insensitive full text), by kind and by year, and read
in their full text, part by part.

Public information (SERVICES.md, «Information»): nothing here is personal. The parties of a
published ruling appear by their initials only, as OJ publications write them.

A document is split into *units* (an article, a considerando, the «POR TANTO», a resolutive point,
a numbered paragraph of a circular) grouped in *parts*: a long law's Títulos or Capítulos, each
read (and printed) on its own; a short document is one part, read whole. A search answers a page
of summaries, each with the excerpt of its best matching unit (the unit named, the words marked);
the document is then asked by id (its outline: facts and parts, and, given the same words, the
part that holds the match), and each part by its id.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, ExcerptPart
from kiosk.portal.models.strict import ByValue, Integer, IsoDate

SEARCH_LIMIT_DEFAULT = 10
SEARCH_LIMIT_MAX = 50
#: the oldest year a search by year may ask for
FIRST_YEAR = 1900
WORDS_MAX = 80

_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: readable and stable, made from the number as the OJ writes it (public documents: nothing to
#: hide by making them opaque)
TextId = Annotated[
    str,
    Field(pattern=_SLUG, max_length=60, examples=["ley-2-89", "acuerdo-23-2019"]),
]
PartId = Annotated[
    str, Field(pattern=_SLUG, max_length=40, examples=["titulo-2-capitulo-1", "todo"])
]
UnitId = Annotated[
    str, Field(pattern=_SLUG, max_length=40, examples=["articulo-57", "considerando-2"])
]
#: where the next page starts: opaque
Cursor = Annotated[str, Field(pattern=r"^o[0-9]{1,5}$", max_length=6)]


class LegalKind(StrEnum):
    LEY = "ley"  # a decree of the Congreso (or a decreto-ley, or the Constituyente's)
    ACUERDO = "acuerdo"  # an agreement of the Corte Suprema de Justicia
    CIRCULAR = "circular"  # an instruction of the Presidencia or the Gerencia General
    RESOLUCION = "resolucion"  # a published ruling: casación, amparo, apelación


class LegalState(StrEnum):
    VIGENTE = "vigente"  # in force as issued
    REFORMADA = "reformada"  # in force, some articles changed by a later one (``state_by``)
    DEROGADA = "derogada"  # no longer in force: replaced or repealed (``state_by``)


class UnitKind(StrEnum):
    ARTICULO = "articulo"
    CONSIDERANDO = "considerando"  # the reasons an acuerdo or a ruling gives
    POR_TANTO = "por_tanto"  # the legal grounds before what is decided
    PUNTO = "punto"  # a resolutive point of a ruling
    ANTECEDENTE = "antecedente"  # what happened before a ruling
    NUMERAL = "numeral"  # a numbered paragraph of a circular


class LegalTextSummary(ApiModel):
    """One line of a search's results."""

    id: TextId
    kind: ByValue[LegalKind]
    number: str = Field(max_length=80, examples=["Decreto 2-89", "Acuerdo número 23-2019"])
    title: str = Field(max_length=300)
    issued_on: IsoDate
    state: ByValue[LegalState] | None = Field(default=None, description="None for a ruling")
    excerpt: list[ExcerptPart] = Field(
        max_length=40,
        description="the best matching unit's words around the first match, the searched words "
        "marked; the summary's beginning when no words were searched",
    )
    excerpt_label: str | None = Field(
        default=None,
        max_length=60,
        description="the unit the excerpt is from («Artículo 57»); None: from the summary",
    )


class LegalTextPage(ApiModel):
    items: list[LegalTextSummary] = Field(
        description="best match first (words), or newest first (no words)"
    )
    total: Integer = Field(ge=0, description="how many documents match, over every page")
    next_cursor: Cursor | None = Field(
        default=None, description="opaque; pass it back as ``cursor`` for the next page"
    )


class LegalPartSummary(ApiModel):
    """A part of a document as its table of contents lists it."""

    id: PartId
    heading: str = Field(max_length=120, examples=["Título II · Capítulo I", "Texto completo"])
    title: str = Field(max_length=200, examples=["De las notificaciones"])
    first_label: str = Field(max_length=60, examples=["Artículo 57"])
    last_label: str = Field(max_length=60, examples=["Artículo 74"])
    units: Integer = Field(ge=1)
    characters: Integer = Field(ge=0, description="the length of its text (a reading estimate)")


class LegalMatch(ApiModel):
    """Where a document holds the searched words best."""

    part: PartId
    unit: UnitId
    label: str = Field(max_length=60, examples=["Artículo 57"])
    excerpt: list[ExcerptPart] = Field(max_length=40)


class LegalText(ApiModel):
    """A document's facts and table of contents (its text is read part by part)."""

    id: TextId
    kind: ByValue[LegalKind]
    number: str = Field(max_length=80)
    title: str = Field(max_length=300)
    issuer: str = Field(max_length=200, examples=["Congreso de la República de Guatemala"])
    issued_on: IsoDate
    published_on: IsoDate | None = Field(
        default=None, description="published in the Diario de Centro América"
    )
    in_force_on: IsoDate | None = None
    state: ByValue[LegalState] | None = Field(default=None, description="None for a ruling")
    state_by: str | None = Field(
        default=None,
        max_length=120,
        description="what reformed or repealed it, as numbered («Decreto 32-2016»)",
    )
    addressed_to: str | None = Field(default=None, max_length=200, description="a circular's")
    summary: str = Field(max_length=1000)
    note: str = Field(max_length=300, description="about this copy of the text, in Spanish")
    units: Integer = Field(ge=1)
    parts: list[LegalPartSummary] = Field(min_length=1, description="in the document's order")
    match: LegalMatch | None = Field(
        default=None, description="with ``words``: where they are (None: only in the title)"
    )


class LegalUnit(ApiModel):
    id: UnitId
    kind: ByValue[UnitKind]
    label: str = Field(max_length=60, examples=["Artículo 57", "Considerando II", "Por tanto"])
    heading: str | None = Field(
        default=None, max_length=200, description="an article's epígrafe («Notificaciones.»)"
    )
    paragraphs: list[str] = Field(min_length=1)


class LegalTextPart(ApiModel):
    """One part's full text."""

    text_id: TextId
    id: PartId
    heading: str = Field(max_length=120)
    title: str = Field(max_length=200)
    position: Integer = Field(ge=1, description="its place among the document's parts")
    parts: Integer = Field(ge=1, description="how many parts the document has")
    units: list[LegalUnit] = Field(min_length=1)


class LegalTextFull(ApiModel):
    """A document's whole text, every part's units in order: what a kiosk prints of it whole
    (it never shows it at once: a long law is read by part)."""

    text_id: TextId
    units: list[LegalUnit] = Field(min_length=1)


#: ?words= (any words; accents, case and plurals do not matter; each may be cut short) &kind=
#: &year_from= &year_to= (the year it was issued) &limit= &cursor=; at least words, a kind or a year
SEARCH_LEGAL_TEXTS = Endpoint("GET", "/legal-texts", LegalTextPage)
#: ?words= (the searched words: the answer says which part holds them)
LEGAL_TEXT = Endpoint("GET", "/legal-texts/{text_id}", LegalText)
LEGAL_TEXT_PART = Endpoint("GET", "/legal-texts/{text_id}/parts/{part_id}", LegalTextPart)
LEGAL_TEXT_FULL = Endpoint("GET", "/legal-texts/{text_id}/full", LegalTextFull)
