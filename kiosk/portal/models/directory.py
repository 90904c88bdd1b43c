"""Directorio de dependencias y órganos jurisdiccionales: every court and office of the Organismo
Judicial, with where it is, how to reach it and when it is open.

Public information: no person is named (no judge, no clerk); phones and emails are the
institution's. A court's entry has the court's own id (``DDCCC``, as in ``kiosk.courts`` and in
SGT case numbers), so a court picked in the Agenda or in Amparos is the same entry here; offices,
mediation centres and the facilitadores judiciales of a municipality have ids of their own.

Two ways to search, one endpoint: by ``words`` (accents, case, singular and plural do not
matter; a word may be cut short; every word must be found; ranked best first) or by place
(``department``, optionally ``kind`` and ``municipality``, in the order of the municipalities
and then of the courts). ``near`` lists the department's entries nearest to a municipality's
seat first: what the kiosk shows when a municipality has none of the kind asked.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, ExcerptPart
from kiosk.portal.models.strict import DIGITS, ByValue, Integer

SEARCH_LIMIT_DEFAULT = 10
SEARCH_LIMIT_MAX = 50
WORDS_MAX_LENGTH = 100
#: a cursor is where the next page starts; this many entries is more than the directory holds
CURSOR_PATTERN = r"^[0-9]{1,4}$"

#: a court's own id (DDCCC), or an office's (of-), a mediation centre's (me-) or the
#: facilitadores judiciales of a municipality (fj-DDMMM)
EntryId = Annotated[
    str,
    Field(
        pattern=rf"^(?:{DIGITS}{{5}}|(?:of|me|fj)-{DIGITS}{{5}})$",
        examples=["01173", "me-09001", "fj-14006"],
    ),
]
Phone = Annotated[
    str, Field(pattern=rf"^[27]{DIGITS}{{7}}$", description="8 digits", examples=["24267000"])
]
Clock = Annotated[
    str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", description="HH:MM, Guatemala time")
]


class EntryKind(StrEnum):
    """What an entry is; courts by their place in the structure."""

    CSJ = "csj"  # the Corte Suprema de Justicia
    SALA = "sala"  # Salas de la Corte de Apelaciones
    PRIMERA_INSTANCIA = "primera_instancia"  # Juzgados de Primera Instancia
    SENTENCIA = "sentencia"  # Tribunales de Sentencia
    PAZ = "paz"  # Juzgados de Paz (at least one in every municipality)
    OFICINA = "oficina"  # administrative offices and services
    MEDIACION = "mediacion"  # Centros de Mediación
    FACILITADORES = "facilitadores"  # the facilitadores judiciales of a municipality


class DirectoryMatter(StrEnum):
    """What a court hears: the values of ``kiosk.courts.Matter`` (a name of its own here, so
    the contract's schema does not take the name of another service's ``Matter``)."""

    PENAL = "penal"
    CIVIL = "civil"
    FAMILIA = "familia"
    TRABAJO = "trabajo"
    NINEZ = "ninez"
    FEMICIDIO = "femicidio"
    MAYOR_RIESGO = "mayor_riesgo"
    MIXTO = "mixto"
    AMPARO = "amparo"
    ANTEJUICIO = "antejuicio"


class OpeningHours(ApiModel):
    """When the public is attended: ``always_open`` (a juzgado de turno), or on ``weekdays``
    (ISO: 1 Monday .. 7 Sunday) from ``opens`` to ``closes``. Holidays and a municipality's
    feria close an office that is not always open; the kiosk knows the calendar."""

    always_open: bool = False
    weekdays: list[Annotated[Integer, Field(ge=1, le=7)]] = Field(default_factory=list)
    opens: Clock | None = None
    closes: Clock | None = None


class EntryRef(ApiModel):
    """Another entry, named: where the facilitadores of a municipality are reached."""

    id: EntryId
    name: str = Field(max_length=200)


class DirectorySummary(ApiModel):
    """One row of a search: enough to tell two entries apart and to go there."""

    id: EntryId
    name: str = Field(max_length=200, description="as the OJ writes it")
    kind: ByValue[EntryKind]
    department: Integer = Field(ge=1, le=22)
    department_name: str
    municipality: Integer = Field(ge=1, le=40)
    municipality_name: str
    address: str = Field(max_length=200)
    phone: Phone
    extension: str | None = Field(default=None, pattern=rf"^{DIGITS}{{1,5}}$")
    excerpt: list[ExcerptPart] = Field(
        default_factory=list,
        description="a words search: where the words matched outside the name, marked",
    )
    distance_km: Integer | None = Field(
        default=None, ge=0, description="a search ``near`` a municipality: how far, rounded"
    )


class DirectoryPage(ApiModel):
    items: list[DirectorySummary]
    total: Integer = Field(ge=0, description="how many entries match, over every page")
    next_cursor: str | None = Field(
        default=None, description="opaque; pass it back as ``cursor`` for the next page"
    )


class DirectoryEntry(ApiModel):
    """An entry's card."""

    id: EntryId
    name: str = Field(max_length=200)
    kind: ByValue[EntryKind]
    matters: list[ByValue[DirectoryMatter]] = Field(
        description="what a court hears; empty for the rest"
    )
    description: str | None = Field(
        default=None, max_length=400, description="what an office does, in Spanish"
    )
    department: Integer = Field(ge=1, le=22)
    department_name: str
    municipality: Integer = Field(ge=1, le=40)
    municipality_name: str
    address: str = Field(max_length=200)
    phone: Phone
    extension: str | None = Field(default=None, pattern=rf"^{DIGITS}{{1,5}}$")
    email: str = Field(max_length=120, description="the institution's address, never a person's")
    hours: OpeningHours
    latitude: float = Field(ge=13.5, le=18.0)
    longitude: float = Field(ge=-92.5, le=-88.0)
    reached_through: EntryRef | None = Field(
        default=None, description="facilitadores: the Juzgado de Paz that puts people in touch"
    )


#: ?words= | ?department= [&kind=] [&municipality= | &near=] ; &limit= &cursor=
SEARCH_DIRECTORY = Endpoint("GET", "/directory", DirectoryPage)
DIRECTORY_ENTRY = Endpoint("GET", "/directory/{entry_id}", DirectoryEntry)
