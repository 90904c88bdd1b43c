"""Agenda de Audiencias: the hearings of a case (by its SGT number), or of a court on a day or a
few days (by court and date).

[F] The SGT records each hearing's date and time, estimated length, kind and state, and the
court's room; a hearing may be held by videoconference. Hearings move (suspended, set again,
cancelled): every entry says when it was last updated.

Public by number (SERVICES.md, privacy tiers), with the reserved matters left out: family,
children and adolescents, alimony and sexual crimes. A search by number of such a case answers
``reserved_case`` (its number) and nothing else; a court's agenda leaves their hearings out and
only counts them (``reserved_count``); a reserved hearing's id is never given, so it cannot be
read. Parties appear in a hearing's detail by their initials only.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel
from kiosk.portal.models.strict import DIGITS, ByValue, Integer, IsoDateTime

SEARCH_LIMIT_DEFAULT = 10
SEARCH_LIMIT_MAX = 50
#: the longest stretch of days one search by court covers (two working weeks)
MAX_SPAN_DAYS = 14

#: opaque and not enumerable: a hearing is found through its case or its court's agenda
HearingId = Annotated[str, Field(pattern=r"^au_[0-9a-f]{16}$", examples=["au_3f9a0c21d4e5b677"])]
SgtNumber = Annotated[
    str,
    Field(
        pattern=rf"^{DIGITS}{{5}}-{DIGITS}{{4}}-{DIGITS}{{5}}$",
        description="SGT number DDCCC-YYYY-NNNNN",
        examples=["01002-2025-01234"],
    ),
]
CourtId = Annotated[str, Field(pattern=rf"^{DIGITS}{{5}}$", description="DDCCC, kiosk.courts")]


class HearingKind(StrEnum):
    """What the hearing is for ([F] the Código Procesal Penal, Código Procesal Civil y Mercantil
    and Código de Trabajo name them so)."""

    PRIMERA_DECLARACION = "primera_declaracion"  # the accused first heard by the judge
    ETAPA_INTERMEDIA = "etapa_intermedia"  # whether the accusation goes to trial
    REVISION_MEDIDA = "revision_medida"  # review of a measure (detention, house arrest)
    PROCEDIMIENTO_ABREVIADO = "procedimiento_abreviado"  # a short procedure agreed with the MP
    OFRECIMIENTO_PRUEBA = "ofrecimiento_prueba"  # the trial court admits the evidence
    DEBATE = "debate"  # the penal trial (debate oral y público)
    LECTURA_SENTENCIA = "lectura_sentencia"  # the judgment read in full
    JUICIO_FALTAS = "juicio_faltas"  # a minor offence tried at a Juzgado de Paz
    CONCILIACION = "conciliacion"  # the judge helps the parties agree
    JUICIO_ORAL = "juicio_oral"  # an oral trial (civil, labour, family)
    RECEPCION_PRUEBA = "recepcion_prueba"  # witnesses, documents and experts heard
    INCIDENTE = "incidente"  # a side question decided apart (incidente)
    VISTA_PUBLICA = "vista_publica"  # an appeal or cassation heard at a Sala or the CSJ


class HearingState(StrEnum):
    PROGRAMADA = "programada"  # on the agenda
    REALIZADA = "realizada"  # it was held
    SUSPENDIDA = "suspendida"  # it was not held that day
    REPROGRAMADA = "reprogramada"  # moved: the date shown is the new one (``moved_from``)
    CANCELADA = "cancelada"  # it will not be held


class PartyRole(StrEnum):
    SINDICADO = "sindicado"  # penal: the accused
    AGRAVIADO = "agraviado"  # penal: the victim
    ACTOR = "actor"  # civil and labour: who sues
    DEMANDADO = "demandado"  # civil and labour: who is sued


class HearingParty(ApiModel):
    role: ByValue[PartyRole]
    initials: str = Field(
        max_length=40,
        description="initials only, never the full name (P. A. X. C.; a company: T. S., S. A.)",
        examples=["P. A. X. C."],
    )


class HearingSummary(ApiModel):
    """One hearing on an agenda: enough to tell it from the others at a glance."""

    id: HearingId
    case_number: SgtNumber
    court_id: CourtId
    court_name: str
    at: IsoDateTime = Field(description="when it starts, with offset (-06:00)")
    minutes: Integer = Field(ge=5, le=600, description="estimated length, in minutes")
    kind: ByValue[HearingKind]
    room: str = Field(max_length=120, description="where, as the court names it (Spanish)")
    state: ByValue[HearingState] = Field(
        description="now: a hearing whose time has passed says how it went"
    )
    virtual: bool = Field(description="it can be followed by videoconference (link in detail)")
    updated_at: IsoDateTime = Field(description="when the entry last changed")


class HearingPage(ApiModel):
    """A page of an agenda. By case: its hearings, the coming ones first (soonest first), then
    the past ones (latest first). By court: the days' hearings by time."""

    items: list[HearingSummary]
    total: Integer = Field(ge=0, description="how many hearings are listed, over every page")
    next_cursor: str | None = Field(
        default=None, description="opaque; pass it back as ``cursor`` for the next page"
    )
    reserved_case: SgtNumber | None = Field(
        default=None,
        description="the case searched is of a reserved matter: its number, and nothing else",
    )
    reserved_count: Integer = Field(
        default=0, ge=0, description="by court: hearings of reserved matters, not listed"
    )


class CaseHearing(ApiModel):
    """Another hearing of the same case, in short."""

    id: HearingId
    at: IsoDateTime
    kind: ByValue[HearingKind]
    state: ByValue[HearingState]


class HearingDetail(HearingSummary):
    """A hearing with everything the agenda publishes of it."""

    department: str = Field(description="the court's department, by name")
    municipality: str = Field(description="the municipality where the court sits")
    link: str | None = Field(
        default=None, max_length=200, description="the videoconference address, when there is one"
    )
    moved_from: IsoDateTime | None = Field(
        default=None, description="reprogramada: when it was set before"
    )
    parties: list[HearingParty] = Field(description="initials only")
    case_hearings: list[CaseHearing] = Field(
        description="the case's other hearings on the agenda, coming first, then past"
    )


#: ?case= (canonical SGT) | ?court= (DDCCC) &date= (YYYY-MM-DD) &until= (YYYY-MM-DD, at most
#: MAX_SPAN_DAYS after date); &limit= &cursor=
SEARCH_HEARINGS = Endpoint("GET", "/hearings", HearingPage)
HEARING = Endpoint("GET", "/hearings/{hearing_id}", HearingDetail)
