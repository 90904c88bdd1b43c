"""Consulta de Amparos: an amparo found by its number-year and the tribunal that hears it.

[F] Ley de Amparo, Exhibición Personal y de Constitucionalidad (Decreto 1-86): the Corte Suprema
de Justicia (Cámara de Amparo y Antejuicio), the Salas de la Corte de Apelaciones and the
Juzgados de Primera Instancia hear amparos, each against its own rank of authority; their
sentences are appealed before the Corte de Constitucionalidad, which is not part of the
Organismo Judicial. The CSJ numbers its amparos ``sequence-year`` (``1146-2022``); [A] every
tribunal here numbers them the same way, one sequence a year, so a number repeats across
tribunals and a search without the tribunal answers a page.

Public by number (SERVICES.md, privacy tiers): the autoridad impugnada is public, the postulantes
are served by their initials only. Family, children's and sexual-crime matters are *reserved*:
the portal answers such an amparo with its number, its tribunal and ``reserved: true``, and every
other field empty: its data never travels.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from kiosk.courts import Court, CourtKind
from kiosk.courts import court as find_court
from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel
from kiosk.portal.models.strict import DIGITS, ByValue, Integer, IsoDate, IsoDateTime

SEARCH_LIMIT_DEFAULT = 10
SEARCH_LIMIT_MAX = 50
#: the CSJ (Cámara de Amparo y Antejuicio), as ``kiosk.courts`` numbers it
CSJ_ID = "01001"
#: [F] Decreto 1-86 arts. 11-13: who hears amparos in the Organismo Judicial
AMPARO_COURT_KINDS = frozenset({CourtKind.CSJ, CourtKind.SALA, CourtKind.PRIMERA_INSTANCIA})

#: opaque and not enumerable: an amparo is found by its number, never by walking ids
AmparoId = Annotated[str, Field(pattern=r"^am_[0-9a-f]{16}$", examples=["am_3f9a0c21d4e5b677"])]
AmparoNumber = Annotated[
    str,
    Field(
        pattern=r"^[1-9][0-9]{0,4}-[0-9]{4}$", description="sequence-year", examples=["1146-2022"]
    ),
]
TribunalId = Annotated[
    str, Field(pattern=rf"^{DIGITS}{{5}}$", description="DDCCC, as in kiosk.courts")
]


def amparo_tribunal(court_id: str) -> Court | None:
    """The court with this id if it hears amparos (the CSJ, a Sala, a Juzgado de Primera
    Instancia acting as amparo court); None otherwise."""
    try:
        found = find_court(court_id)
    except KeyError:
        return None
    return found if found.kind in AMPARO_COURT_KINDS else None


class AmparoMatter(StrEnum):
    """The matter of the proceedings the amparo comes from."""

    PENAL = "penal"
    CIVIL = "civil"  # civil and mercantile
    FAMILIA = "familia"  # reserved: alimony, custody, divorce, domestic violence
    NINEZ = "ninez"  # reserved: children and adolescents
    LABORAL = "laboral"
    ADMINISTRATIVO = "administrativo"  # ministries, municipalities, autonomous bodies
    TRIBUTARIO = "tributario"  # taxes and customs (SAT)


class AmparoState(StrEnum):
    """Where the amparo is, in the usual order of Decreto 1-86."""

    EN_TRAMITE = "en_tramite"  # admitted; the authority's report is awaited
    RECHAZADO = "rechazado"  # rejected in limine: not admitted
    PROVISIONAL_OTORGADO = "provisional_otorgado"  # the act is suspended meanwhile (art. 27)
    PROVISIONAL_DENEGADO = "provisional_denegado"  # the act stays in force meanwhile
    VISTA = "vista"  # the hearing before the sentence is set or held (art. 38)
    SENTENCIA_OTORGA = "sentencia_otorga"  # the sentence grants the amparo
    SENTENCIA_DENIEGA = "sentencia_deniega"  # the sentence denies it
    APELADO_CC = "apelado_cc"  # on appeal before the Corte de Constitucionalidad (art. 60)
    RESUELTO_CC = "resuelto_cc"  # the CC decided the appeal and sent the file back
    ARCHIVADO = "archivado"  # finished and archived


class AmparoSummary(ApiModel):
    """One line of a search's results; a reserved amparo is its number and tribunal only."""

    id: AmparoId
    number: AmparoNumber
    tribunal_id: TribunalId
    tribunal_name: str
    reserved: bool = Field(description="family, children or sexual crime: nothing else is given")
    filed_on: IsoDate | None = Field(default=None, description="empty when reserved")
    matter: ByValue[AmparoMatter] | None = Field(default=None, description="empty when reserved")
    state: ByValue[AmparoState] | None = Field(default=None, description="empty when reserved")


class AmparoPage(ApiModel):
    items: list[AmparoSummary]
    total: Integer = Field(ge=0, description="how many amparos match, over every page")
    next_cursor: str | None = Field(
        default=None, description="opaque; pass it back as ``cursor`` for the next page"
    )


class AmparoActuacion(ApiModel):
    on: IsoDate
    text: str = Field(max_length=300, description="what the tribunal did, in Spanish")


class Amparo(ApiModel):
    """An amparo's public record. Reserved: number, tribunal and ``reserved`` only; every other
    field is empty."""

    id: AmparoId
    number: AmparoNumber
    tribunal_id: TribunalId
    tribunal_name: str
    department: str = Field(description="the tribunal's department, by name")
    reserved: bool
    filed_on: IsoDate | None = None
    matter: ByValue[AmparoMatter] | None = None
    authority: str | None = Field(
        default=None, max_length=200, description="the autoridad impugnada (public)"
    )
    act: str | None = Field(
        default=None, max_length=200, description="the acto reclamado, in short (Spanish)"
    )
    state: ByValue[AmparoState] | None = None
    ruled_on: IsoDate | None = Field(
        default=None, description="the day of the sentence (or of the rejection in limine)"
    )
    postulantes: list[str] = Field(
        default_factory=list,
        description="who filed it: initials only, never a name (J. C. G. H.; D. S., S. A.)",
    )
    appealed_to_cc: bool | None = Field(
        default=None, description="it went on appeal to the Corte de Constitucionalidad"
    )
    vista_at: IsoDateTime | None = Field(
        default=None, description="the vista still to be held, with offset (-06:00)"
    )
    actuaciones: list[AmparoActuacion] = Field(
        default_factory=list, description="what the tribunal did (at most 15), newest first"
    )
    updated_at: IsoDateTime | None = Field(default=None, description="when the record last changed")


#: ?number= (canonical sequence-year) &tribunal= (DDCCC; none: every tribunal) &limit= &cursor=
SEARCH_AMPAROS = Endpoint("GET", "/amparos", AmparoPage)
AMPARO = Endpoint("GET", "/amparos/{amparo_id}", Amparo)
