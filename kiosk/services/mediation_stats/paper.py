"""The record on paper, in Spanish: what the screen shows (``record``), with each chart redrawn
as vector graphics by ``kiosk.documents.statistics_report`` and a lead said in words (the paper
cannot be tapped). reportlab is loaded only when something is printed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from kiosk.flows.charts import Chart
from kiosk.flows.model import Answers
from kiosk.flows.records import DetailSection
from kiosk.services.base import RenderContext, Rendered
from kiosk.services.mediation_stats.questions import COUNTRY, MEDIATION
from kiosk.services.mediation_stats.record import record
from kiosk.text import Text

if TYPE_CHECKING:
    from kiosk.documents.statistics_report import ReportChart, ReportSection

DOCUMENT = "mediation_stats"
JOB_TITLE = "Estadísticas de mediación OJ"  # the CUPS title: no visitor data in it
DIRECTORY_TILE = "Directorio de tribunales y oficinas"  # the directory's tile, as the home shows it


def searched(answers: Answers) -> str:
    """What the visitor asked, in words: «Cifras pedidas: mediación, 2024, Quetzaltenango»."""
    topic = "mediación" if answers["topic"] == MEDIATION else "facilitadores judiciales"
    place = str(answers["department"])
    where = "todo el país"
    if place != COUNTRY:
        from kiosk.geography import department

        where = department(int(place)).name
    return f"Cifras pedidas: {topic}, {answers['year']}, {where}."


async def statistics_paper(
    context: RenderContext, sources: Mapping[str, object]
) -> Sequence[Rendered]:
    from kiosk.documents.statistics_report import StatisticsReport, render_statistics_report
    from kiosk.services.mediation_stats import SERVICE_TITLE

    answers = dict(sources)
    detail = record(answers, answers)
    report = StatisticsReport(
        title=str(Text(SERVICE_TITLE)),
        heading=str(detail.heading),
        searched=searched(answers),
        printed_at=datetime.now(UTC),
        sections=tuple(_section(section) for section in detail.sections),
        kiosk_id=context.kiosk_id,
    )
    return [Rendered(DOCUMENT, JOB_TITLE, lambda: render_statistics_report(report))]


def _section(section: DetailSection) -> ReportSection:
    from kiosk.documents.statistics_report import ReportRow, ReportSection

    note = str(section.note)
    for lead in section.leads:  # on paper, where to tap instead
        note += f" En el quiosco: «{DIRECTORY_TILE}», «{lead.label}»."
    return ReportSection(
        title=str(section.title),
        rows=tuple(ReportRow(row.label, str(row.value), str(row.explain)) for row in section.rows),
        note=note.strip(),
        chart=_chart(section.chart) if section.chart is not None else None,
    )


def _chart(chart: Chart) -> ReportChart:
    from kiosk.documents.statistics_report import ReportChart, ReportSeries

    return ReportChart(
        kind=chart.kind.value,
        title=str(chart.title),
        categories=tuple(str(c) for c in chart.categories),
        series=tuple(
            ReportSeries(str(s.name), tuple(s.values), tuple(s.shown)) for s in chart.series
        ),
        summary=str(chart.summary),
        unit=str(chart.unit),
        highlight=chart.highlight,
    )
