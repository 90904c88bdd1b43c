"""Consulta de Expedientes Laborales: a labour case found by its number (SGT or legacy).

Public by number (SERVICES.md, privacy tiers): the answer names the court, the kind and stage of
the proceedings, the next hearing and the latest actuaciones, and shows the parties by their
initials only, as OJ publications do. The kiosk parses what the visitor typed
(``kiosk.case_numbers``) and sends the canonical form; a legacy number is not unique across
courts, so a search answers a page of summaries and the detail is asked by id.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel
from kiosk.portal.models.strict import DIGITS, ByValue, Integer, IsoDate, IsoDateTime

SEARCH_LIMIT_DEFAULT = 10
SEARCH_LIMIT_MAX = 50

#: opaque and not enumerable: a case is found by its number, never by walking ids
CaseId = Annotated[str, Field(pattern=r"^lc_[0-9a-f]{16}$", examples=["lc_3f9a0c21d4e5b677"])]


class LaborCaseKind(StrEnum):
    """The kinds of labour proceedings of the Código de Trabajo (Decreto 1441)."""

    ORDINARIO = "ordinario"  # juicio ordinario laboral (despido injustificado, indemnización)
    PRESTACIONES = "prestaciones"  # ordinario por prestaciones (vacaciones, aguinaldo, bono 14)
    REINSTALACION = "reinstalacion"  # diligencias de reinstalación (arts. 209 y 380)
    COLECTIVO = "colectivo"  # conflicto colectivo de carácter económico-social (art. 377)
    FALTAS = "faltas"  # juicio de faltas de trabajo y previsión social (art. 415)
    EJECUTIVO = (
        "ejecutivo"  # juicio ejecutivo laboral: ejecución de un convenio o título (art. 425)
    )
    POST_MORTEM = "post_mortem"  # prestación post mortem a los familiares (art. 85)
    PREVISION_SOCIAL = "prevision_social"  # ordinario de previsión social (prestaciones del IGSS)


class LaborStage(StrEnum):
    """Where the proceedings are, in their usual order."""

    DEMANDA = "demanda"  # filed, before it is admitted and served
    CONCILIACION = "conciliacion"  # the conciliation hearing is set or under way
    CONTESTACION = "contestacion"  # the defendant answers and raises objections
    PRUEBA = "prueba"  # evidence is being received
    SENTENCIA = "sentencia"  # awaiting or given the first-instance ruling
    APELACION = "apelacion"  # before the Sala de Apelaciones de Trabajo y Previsión Social
    EJECUCION = "ejecucion"  # enforcing the ruling (liquidación, requerimiento, embargo)
    CONVENIO = "convenio"  # a conciliation agreement paid in instalments through the court
    ARCHIVADO = "archivado"  # finished and sent to the archive


class PartyRole(StrEnum):
    ACTOR = "actor"  # who sues: the worker(s), a union, the Inspección General de Trabajo
    DEMANDADO = "demandado"  # who is sued: the employer (a person, a company, the State)


class HearingKind(StrEnum):
    CONCILIACION = "conciliacion"
    JUICIO_ORAL = "juicio_oral"  # primera comparecencia: ratification, answer, objections
    PRUEBA = "prueba"  # recepción de pruebas (testimonies, confession, experts)
    VISTA = "vista"  # the appeal hearing at the Sala


class LaborParty(ApiModel):
    role: ByValue[PartyRole]
    initials: str = Field(
        max_length=40,
        description="initials only, never the full name (J. C. G. H.; a company: D. A., S. A.)",
        examples=["J. C. G. H."],
    )


class Hearing(ApiModel):
    at: IsoDateTime = Field(description="date and time, with offset (-06:00)")
    kind: ByValue[HearingKind]
    room: str = Field(max_length=80, description="where, as the court names it (Spanish)")


class Actuacion(ApiModel):
    on: IsoDate
    text: str = Field(max_length=300, description="what the court did, in Spanish")


class LaborCaseSummary(ApiModel):
    """One line of a search's results: enough to tell two cases with one legacy number apart."""

    # No field here can be read laxly (strings, enums by value, IsoDate, models): strict mode would
    # add only a typed constructor, which the sandbox's mapping of a row (**dict) does not meet.
    model_config = ConfigDict(strict=False)

    id: CaseId
    number: str = Field(description="SGT number DDCCC-YYYY-NNNNN", examples=["09006-2025-00077"])
    legacy_number: str | None = Field(
        default=None, description="the court's own old number, canonical (485-2011 Of. 2)"
    )
    court_id: str = Field(pattern=rf"^{DIGITS}{{5}}$", description="DDCCC, as in kiosk.courts")
    court_name: str
    kind: ByValue[LaborCaseKind]
    started_on: IsoDate
    stage: ByValue[LaborStage]


class LaborCasePage(ApiModel):
    items: list[LaborCaseSummary]
    total: Integer = Field(ge=0, description="how many cases match, over every page")
    next_cursor: str | None = Field(
        default=None, description="opaque; pass it back as ``cursor`` for the next page"
    )


class LaborCase(ApiModel):
    """A labour case's public record; ``started_on`` is the day the claim was filed."""

    model_config = ConfigDict(strict=False)  # as LaborCaseSummary: its types are strict

    id: CaseId
    number: str = Field(description="SGT number DDCCC-YYYY-NNNNN", examples=["09006-2025-00077"])
    legacy_number: str | None = Field(
        default=None, description="the court's own old number, when the case has one"
    )
    court_id: str = Field(pattern=rf"^{DIGITS}{{5}}$")
    court_name: str
    department: str = Field(description="the court's department, by name")
    kind: ByValue[LaborCaseKind]
    started_on: IsoDate
    stage: ByValue[LaborStage]
    parties: list[LaborParty] = Field(description="actors first; initials only")
    next_hearing: Hearing | None = Field(
        default=None, description="the next scheduled hearing, if any"
    )
    actuaciones: list[Actuacion] = Field(
        description="the latest things the court did (at most 12), newest first"
    )
    updated_at: IsoDateTime = Field(description="when the record last changed")


#: ?number= (canonical, SGT or legacy) &court= (DDCCC, narrows a legacy number) &limit= &cursor=
SEARCH_LABOR_CASES = Endpoint("GET", "/labor-cases", LaborCasePage)
LABOR_CASE = Endpoint("GET", "/labor-cases/{case_id}", LaborCase)
