"""Consulta de Gestión de Tribunales de Paz: a case of a Juzgado de Paz found by its number.

[F] About 370 Juzgados de Paz, at least one in every municipality, hear the small matters close to
home: faltas, delitos menos graves (Decreto 7-2011), civil and labour claims of small amounts, and,
on duty (de turno), urgent family and children's measures. Their cases carry SGT numbers
``DDCCC-YYYY-NNNNN`` with the court's own code (``kiosk.courts``); the papers a visitor holds
often show only the court's part, ``NNN-YYYY`` ("Expediente 45-2024"), which many courts share, so
a search answers a page and the record is asked by id.

Public by number (SERVICES.md, privacy tiers), parties by their initials only. Family, alimony,
children's and sexual-crime matters are *reserved*: the portal answers them with the number, the
court and ``reserved: true``, and nothing else: not the matter, the dates, the state, the parties
or what the court did. Their matters are not even in ``PeaceMatter``: the contract cannot carry
them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from kiosk.courts import Court, CourtKind
from kiosk.courts import court as find_court
from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel
from kiosk.portal.models.strict import DIGITS, ByValue, Integer, IsoDate, IsoDateTime

SEARCH_LIMIT_DEFAULT = 10
SEARCH_LIMIT_MAX = 50

#: opaque and not enumerable: a case is found by its number, never by walking ids
PeaceCaseId = Annotated[str, Field(pattern=r"^pc_[0-9a-f]{16}$", examples=["pc_3f9a0c21d4e5b677"])]
SgtNumber = Annotated[
    str,
    Field(
        pattern=rf"^{DIGITS}{{5}}-{DIGITS}{{4}}-{DIGITS}{{5}}$",
        description="SGT number DDCCC-YYYY-NNNNN",
        examples=["13028-2026-00018"],
    ),
]
CourtId = Annotated[
    str, Field(pattern=rf"^{DIGITS}{{5}}$", description="DDCCC, as in kiosk.courts")
]


def peace_court(court_id: str) -> Court | None:
    """The Juzgado de Paz with this id (DDCCC); None for another kind of court or no court."""
    try:
        found = find_court(court_id)
    except KeyError:
        return None
    return found if found.kind is CourtKind.PAZ else None


class PeaceMatter(StrEnum):
    """The public matters of a Juzgado de Paz (reserved ones never travel: see the module)."""

    FALTAS = "faltas"  # juicio por faltas (Código Procesal Penal art. 488)
    DELITO_MENOS_GRAVE = "delito_menos_grave"  # procedimiento para delitos menos graves
    CIVIL_MENOR_CUANTIA = "civil_menor_cuantia"  # juicio oral de menor cuantía (debts, damages)
    LABORAL_MENOR_CUANTIA = "laboral_menor_cuantia"  # a small labour claim (Código de Trabajo 291)


class PeaceState(StrEnum):
    """Where a case is, in words every court uses."""

    INGRESADO = "ingresado"  # received; nothing decided yet
    EN_TRAMITE = "en_tramite"  # the court is working on it (notices, papers)
    AUDIENCIA_SENALADA = "audiencia_senalada"  # a hearing is set: ``next_hearing``
    CONCILIADO = "conciliado"  # the parties agreed before the judge
    RESUELTO = "resuelto"  # the judge decided
    REMITIDO = "remitido"  # sent on to a Juzgado de Primera Instancia
    ARCHIVADO = "archivado"  # finished, the file in the archive


class PeaceRole(StrEnum):
    DEMANDANTE = "demandante"  # who asks the court (civil, labour)
    DEMANDADO = "demandado"  # who is asked or sued
    AGRAVIADO = "agraviado"  # who says they were harmed (faltas, delitos)
    SINDICADO = "sindicado"  # who is accused


class PeaceHearingKind(StrEnum):
    CONCILIACION = "conciliacion"  # the judge helps the parties agree
    JUICIO_ORAL = "juicio_oral"  # the judge hears everyone and decides


class PeaceParty(ApiModel):
    role: ByValue[PeaceRole]
    initials: str = Field(
        max_length=40,
        description="initials only, never the full name (J. C. G. H.; a company: D. A., S. A.)",
        examples=["J. C. G. H."],
    )


class PeaceHearing(ApiModel):
    at: IsoDateTime = Field(description="date and time, with offset (-06:00)")
    kind: ByValue[PeaceHearingKind]
    room: str = Field(max_length=80, description="where, as the court names it (Spanish)")


class PeaceActuacion(ApiModel):
    on: IsoDate
    text: str = Field(max_length=300, description="what the court did, in plain Spanish")


class PeaceCaseSummary(ApiModel):
    """One line of a search's results; a reserved case is its number and court only."""

    id: PeaceCaseId
    number: SgtNumber
    court_id: CourtId
    court_name: str
    municipality: str = Field(description="where the court sits, by name")
    department: str = Field(description="the court's department, by name")
    reserved: bool = Field(description="family, children or sexual crime: nothing else is given")
    matter: ByValue[PeaceMatter] | None = Field(default=None, description="empty when reserved")
    started_on: IsoDate | None = Field(default=None, description="empty when reserved")
    state: ByValue[PeaceState] | None = Field(default=None, description="empty when reserved")

    @model_validator(mode="after")
    def _reserved_is_empty(self) -> PeaceCaseSummary:
        _check_reserved(self.reserved, (self.matter, self.started_on, self.state))
        return self


class PeaceCasePage(ApiModel):
    items: list[PeaceCaseSummary]
    total: Integer = Field(ge=0, description="how many cases match, over every page")
    next_cursor: str | None = Field(
        default=None, description="opaque; pass it back as ``cursor`` for the next page"
    )


class PeaceCase(ApiModel):
    """A case's public record; ``started_on`` is the day it came in. Reserved: number, court and
    ``reserved`` only; every other field is empty."""

    id: PeaceCaseId
    number: SgtNumber
    court_id: CourtId
    court_name: str
    municipality: str
    department: str
    reserved: bool
    matter: ByValue[PeaceMatter] | None = None
    started_on: IsoDate | None = None
    state: ByValue[PeaceState] | None = None
    parties: list[PeaceParty] = Field(
        default_factory=list, description="who asks (or was harmed) first; initials only"
    )
    next_hearing: PeaceHearing | None = Field(
        default=None, description="the next hearing set, if any"
    )
    actuaciones: list[PeaceActuacion] = Field(
        default_factory=list, description="what the court did (at most 12), newest first"
    )
    updated_at: IsoDateTime | None = Field(default=None, description="when the record last changed")

    @model_validator(mode="after")
    def _reserved_is_empty(self) -> PeaceCase:
        data = (self.matter, self.started_on, self.state, self.updated_at)
        _check_reserved(self.reserved, data)
        if self.reserved and (self.parties or self.actuaciones or self.next_hearing):
            raise ValueError("a reserved case carries nothing but its number and court")
        return self


def _check_reserved(reserved: bool, data: tuple[object, ...]) -> None:
    if reserved and any(value is not None for value in data):
        raise ValueError("a reserved case carries nothing but its number and court")
    if not reserved and any(value is None for value in data):
        raise ValueError("a public case carries its matter, start, state and last change")


#: ?number= (canonical: an SGT number of a Juzgado de Paz, or the court's part NNN-YYYY)
#: &department= (1..22, narrows a short number) &limit= &cursor=
SEARCH_PEACE_CASES = Endpoint("GET", "/peace-cases", PeaceCasePage)
PEACE_CASE = Endpoint("GET", "/peace-cases/{case_id}", PeaceCase)
