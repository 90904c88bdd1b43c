"""Archivo de Tribunales: an archived case found by its court of origin and its number, and a
request for a certified copy (certificación), plain copies (copias simples) or a constancia.

[F] The Archivo General de Tribunales keeps the cases the courts have finished and gives
certifications, plain copies and constancias of them. [A] Everything else here is this project's
assumption, kept in one place (this contract and the sandbox's seed): the regional archive
buildings, the shelf/box/legajo codes, the tariff and the working days a request takes.

A search is by the number *as the court wrote it*: an SGT number (``DDCCC-YYYY-NNNNN``, which names
its court) or an old per-court number (``123-1998``, ``456-1987 Of. 2``), which repeats across
courts and so needs the court. The kiosk parses what the visitor typed and sends the canonical
form (``kiosk.case_numbers``). Parties travel as initials only. Family, children's and sexual-crime
matters are *reserved*: the portal answers them with the number and the court and
``reserved: true``, nothing else.

A request is a POST with an Idempotency-Key: the same key gives the same request number, never a
second request. The amount is the portal's, computed from its tariff (``cost`` below, which the
kiosk also uses to say the price before the visitor commits).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field, WithJsonSchema, model_validator

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel
from kiosk.portal.models.strict import DIGITS, ByValue, Integer, IsoDate, IsoDateTime, Money

SEARCH_LIMIT_DEFAULT = 10
SEARCH_LIMIT_MAX = 50
MAX_FOLIOS = 99_999
NAME_MAX = 60
PHONE_DIGITS = 8  # [F] Guatemalan numbers: 8 digits, no area code

#: opaque and not enumerable: a case is found by its number and court, never by walking ids
ArchiveCaseId = Annotated[
    str, Field(pattern=r"^ac_[0-9a-f]{16}$", examples=["ac_3f9a0c21d4e5b677"])
]
CourtId = Annotated[
    str, Field(pattern=rf"^{DIGITS}{{5}}$", description="DDCCC, as in kiosk.courts")
]
#: a folio's number (or a count of folios); its bounds spelled out for the document, which
#: pydantic leaves unsaid for a lax-checked integer inside "or null"
Folio = Annotated[
    Integer,
    Field(ge=1, le=MAX_FOLIOS),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": MAX_FOLIOS}),
]
RequestNumber = Annotated[
    str,
    Field(
        pattern=rf"^AGT-{DIGITS}{{4}}-{DIGITS}{{6}}$",
        description="the request's number: AGT, the year, a sequence",
        examples=["AGT-2026-004187"],
    ),
]


class ArchiveMatter(StrEnum):
    """The public matters of an archived case (reserved ones never travel: see the module)."""

    CIVIL = "civil"
    PENAL = "penal"
    TRABAJO = "trabajo"
    ECONOMICO_COACTIVO = "economico_coactivo"  # the State collects a debt (taxes, fines)


class ArchiveProcess(StrEnum):
    """What kind of proceedings the case was (public matters only)."""

    ORDINARIO = "ordinario"  # juicio ordinario civil
    SUMARIO = "sumario"  # juicio sumario (arrendamiento, interdictos)
    EJECUTIVO = "ejecutivo"  # a debt with a title (a cheque, a pagaré)
    VOLUNTARIA = "voluntaria"  # jurisdicción voluntaria (rectificación de partida, ...)
    SUCESORIO = "sucesorio"  # an inheritance (intestado or testamentario)
    PENAL_COMUN = "penal_comun"  # proceso penal común
    FALTAS = "faltas"  # juicio de faltas
    ORDINARIO_LABORAL = "ordinario_laboral"
    COLECTIVO = "colectivo"  # conflicto colectivo de trabajo
    ECONOMICO_COACTIVO = "economico_coactivo"


class ArchiveStatus(StrEnum):
    """Where the file is and whether it can be asked for."""

    DISPONIBLE = "disponible"  # on its shelf at an archive: it can be asked for
    PRESTADO = "prestado"  # lent to a court (an appeal, a reopening): it comes back
    DIGITALIZACION = "digitalizacion"  # being scanned: requests take longer
    EN_JUZGADO = "en_juzgado"  # never sent to the archive: the court still keeps it
    TRASLADADO = "trasladado"  # sent to the Archivo General de Centro América (history)
    DESTRUIDO = "destruido"  # destroyed by an expurgo, on record (an acta)
    EXTRAVIADO = "extraviado"  # lost, on record (an acta)


#: the states in which the archive can make a copy: the others say where to go instead
REQUESTABLE = frozenset(
    {ArchiveStatus.DISPONIBLE, ArchiveStatus.PRESTADO, ArchiveStatus.DIGITALIZACION}
)


class ArchivePartyRole(StrEnum):
    ACTOR = "actor"  # who sued, asked or accused
    DEMANDADO = "demandado"  # who was sued or accused


class ArchiveRequestKind(StrEnum):
    CERTIFICACION = "certificacion"  # a certified copy, signed and sealed: valid before courts
    COPIAS = "copias"  # plain photocopies
    CONSTANCIA = "constancia"  # a sheet that says the file exists, where and in what state


class ArchiveTariffBasis(StrEnum):
    POR_FOLIO = "por_folio"  # each folio (sheet) of the file
    POR_PAGINA = "por_pagina"  # each page copied (a folio has two: front and back)
    FIJO = "fijo"  # one price


class ArchiveBuilding(ApiModel):
    name: str = Field(max_length=120, description="the archive, by name (Spanish)")
    address: str = Field(max_length=160)
    hours: str = Field(max_length=120, description="when its window serves the public")


class ArchiveShelf(ApiModel):
    """Where the file sits in its archive: the code the archive's staff fetch it with."""

    shelf: str = Field(pattern=r"^E-[0-9]{2}$", examples=["E-14"], description="estante")
    box: str = Field(pattern=r"^C-[0-9]{4}$", examples=["C-0387"], description="caja")
    legajo: str = Field(pattern=r"^L-[0-9]{2}$", examples=["L-07"], description="legajo")


class ArchiveParty(ApiModel):
    role: ByValue[ArchivePartyRole]
    initials: str = Field(max_length=40, description="initials only, never the full name")


class ArchiveCaseSummary(ApiModel):
    """One line of a search's results; a reserved case is its number and court only."""

    id: ArchiveCaseId
    number: str = Field(max_length=40, description="canonical, as kiosk.case_numbers writes it")
    court_id: CourtId
    court_name: str
    reserved: bool
    year_from: Integer | None = Field(default=None, description="empty when reserved")
    status: ByValue[ArchiveStatus] | None = Field(default=None, description="empty when reserved")

    @model_validator(mode="after")
    def _reserved_is_empty(self) -> ArchiveCaseSummary:
        _check_reserved(self.reserved, (self.year_from, self.status))
        return self


class ArchiveCasePage(ApiModel):
    items: list[ArchiveCaseSummary]
    total: Integer = Field(ge=0, description="how many cases match, over every page")
    next_cursor: str | None = Field(
        default=None, description="opaque; pass it back as ``cursor`` for the next page"
    )


class ArchiveCase(ApiModel):
    """An archived case's public record. Reserved: number, court and ``reserved`` only.

    ``archive`` is the archive in charge of the court's files (where to ask); ``location`` its
    shelf while the archive holds the file (or will again: a loan); ``held_by`` names who has it
    when that is not the archive's shelf; ``record`` is the acta of a file destroyed or lost.
    ``requestable``: the archive can make copies of it now (or when it is back).
    """

    id: ArchiveCaseId
    number: str = Field(max_length=40)
    court_id: CourtId
    court_name: str
    department: str
    municipality: str
    reserved: bool
    matter: ByValue[ArchiveMatter] | None = None
    process: ByValue[ArchiveProcess] | None = None
    year_from: Integer | None = Field(default=None, description="the year the case began")
    year_to: Integer | None = Field(default=None, description="the year it was archived")
    folios: Folio | None = None
    status: ByValue[ArchiveStatus] | None = None
    status_since: IsoDate | None = None
    archive: ArchiveBuilding | None = None
    location: ArchiveShelf | None = None
    held_by: str | None = Field(
        default=None, max_length=300, description="who has it: its court, or the AGCA"
    )
    record: str | None = Field(default=None, max_length=160, description="the acta, if any")
    parties: list[ArchiveParty] = Field(default_factory=list, description="initials only")
    requestable: bool = False
    updated_at: IsoDateTime | None = None

    @model_validator(mode="after")
    def _reserved_is_empty(self) -> ArchiveCase:
        data = (self.matter, self.process, self.year_from, self.year_to, self.folios,
                self.status, self.status_since, self.updated_at)  # fmt: skip
        _check_reserved(self.reserved, data)
        hidden = (self.archive, self.location, self.held_by, self.record)
        if self.reserved and (
            any(v is not None for v in hidden) or self.parties or self.requestable
        ):
            raise ValueError("a reserved case carries nothing but its number and court")
        return self


def _check_reserved(reserved: bool, data: tuple[object, ...]) -> None:
    if reserved and any(value is not None for value in data):
        raise ValueError("a reserved case carries nothing but its number and court")
    if not reserved and any(value is None for value in data):
        raise ValueError("a public case carries its years, state and the rest of its record")


# --- the tariff ---------------------------------------------------------------------------------


class ArchiveTariffItem(ApiModel):
    kind: ByValue[ArchiveRequestKind]
    basis: ByValue[ArchiveTariffBasis]
    unit_price: Money
    working_days: Integer = Field(ge=1, le=60, description="how long it takes to be ready")


class ArchiveTariff(ApiModel):
    items: list[ArchiveTariffItem]
    pages_per_folio: Integer = Field(ge=1, le=2, description="pages copied for each folio")
    fei_concept: str = Field(description="the concept to write on the FEI form (Spanish)")
    banks: list[str] = Field(description="where the FEI form is paid")

    def item(self, kind: ArchiveRequestKind) -> ArchiveTariffItem:
        for item in self.items:
            if item.kind is kind:
                return item
        raise LookupError(f"the tariff has no {kind.value}")


def units(basis: ArchiveTariffBasis, folios: int, pages_per_folio: int) -> int:
    """What is counted to charge ``folios`` folios: folios, pages, or one."""
    if basis is ArchiveTariffBasis.POR_FOLIO:
        return folios
    if basis is ArchiveTariffBasis.POR_PAGINA:
        return folios * pages_per_folio
    return 1


def cost(item: ArchiveTariffItem, folios: int, pages_per_folio: int) -> Decimal:
    """The price of ``folios`` folios of ``item``: what the portal charges and the kiosk says."""
    return (item.unit_price * units(item.basis, folios, pages_per_folio)).quantize(Decimal("0.01"))


# --- a request ------------------------------------------------------------------------------------


class ArchiveRequestCreate(ApiModel):
    """``folio_from``/``folio_to`` for part of a file (both or neither; never for a constancia).
    A contact is required: a phone or an email. The DPI is checked (its check digit)."""

    case_id: ArchiveCaseId
    kind: ByValue[ArchiveRequestKind]
    folio_from: Folio | None = None
    folio_to: Folio | None = None
    first_names: str = Field(min_length=1, max_length=NAME_MAX)
    last_names: str = Field(min_length=1, max_length=NAME_MAX)
    dpi: str = Field(pattern=rf"^{DIGITS}{{13}}$")
    phone: str | None = Field(default=None, pattern=rf"^{DIGITS}{{{PHONE_DIGITS}}}$")
    email: str | None = Field(default=None, min_length=3, max_length=254)


class ArchiveRequest(ApiModel):
    """A request registered: what to pay, where, and when and where to collect it."""

    number: RequestNumber
    created_at: IsoDateTime
    case_id: ArchiveCaseId
    case_number: str
    court_name: str
    kind: ByValue[ArchiveRequestKind]
    folio_from: Folio | None = None
    folio_to: Folio | None = None
    basis: ByValue[ArchiveTariffBasis]
    unit_price: Money
    units: Integer = Field(ge=1)
    amount: Money
    fei_concept: str
    banks: list[str]
    working_days: Integer = Field(ge=1)
    ready_on: IsoDate = Field(description="the first working day it can be collected")
    collect_at: ArchiveBuilding


#: ?number= (canonical) &court= (DDCCC: required for an old per-court number) &limit= &cursor=
SEARCH_ARCHIVE_CASES = Endpoint("GET", "/archive-cases", ArchiveCasePage)
ARCHIVE_CASE = Endpoint("GET", "/archive-cases/{case_id}", ArchiveCase)
ARCHIVE_TARIFF = Endpoint("GET", "/archive-tariff", ArchiveTariff)
CREATE_ARCHIVE_REQUEST = Endpoint("POST", "/archive-requests", ArchiveRequest)
