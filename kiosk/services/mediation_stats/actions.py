"""The one portal step: the chosen year's figures for every department (the bars) and the chosen
place's figures over every year (the trend). Two reads, one after the other: a record needs both,
and each takes milliseconds."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.flows.model import Answers
from kiosk.portal.errors import PortalNotFound
from kiosk.portal.models.mediation_stats import (
    FACILITATOR_TREND,
    FACILITATOR_YEAR,
    MEDIATION_TREND,
    MEDIATION_YEAR,
    FacilitatorTrend,
    FacilitatorYear,
    MediationTrend,
    MediationYear,
)
from kiosk.services.base import ActionContext, AnswerRejected
from kiosk.services.mediation_stats.questions import MEDIATION, chosen_department
from kiosk.text import Text


@dataclass(frozen=True)
class MediationFigures:
    year: MediationYear
    trend: MediationTrend


@dataclass(frozen=True)
class FacilitatorFigures:
    year: FacilitatorYear
    trend: FacilitatorTrend


async def fetch(context: ActionContext, answers: Answers, key: str) -> object:
    year = str(answers["year"])
    department = chosen_department(answers)
    query: dict[str, str | int | None] = {"department": department}
    try:
        if answers["topic"] == MEDIATION:
            return MediationFigures(
                await context.client.call(MEDIATION_YEAR, path={"year": year}),
                await context.client.call(MEDIATION_TREND, query=query),
            )
        return FacilitatorFigures(
            await context.client.call(FACILITATOR_YEAR, path={"year": year}),
            await context.client.call(FACILITATOR_TREND, query=query),
        )
    except PortalNotFound as error:
        if error.code != "year_not_published":
            raise
        detail = Text(
            "Las cifras de {year} todavía no están publicadas. Toque «Atrás» y elija otro año.",
            year=year,
        )
        raise AnswerRejected.of(error, "year", detail) from None


ACTIONS = {"fetch": fetch}
