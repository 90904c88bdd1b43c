"""Estadísticas de Mediación y Facilitadores Judiciales walked without a screen, against the
sandbox over HTTP: the three questions, the record's charts (bars by department with the chosen
one set apart, the trend with the chosen year set apart, their numbers and the one sentence), a
department without facilitadores yet, a year not published, the lead to the directory, and the
printout read back (the numbers and sentences in its text, the charts vector shapes, no image)."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from support.actions import Bound, bound_actions

from kiosk.flows.charts import Chart, ChartKind
from kiosk.flows.engine import FlowRun
from kiosk.flows.model import ActionStep, DetailStep, QuestionStep
from kiosk.flows.records import Detail
from kiosk.formats import now
from kiosk.i18n import tr
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalError
from kiosk.portal.models.mediation_stats import FIRST_YEAR
from kiosk.sandbox.mediation_stats_data import FACILITATORS, MEDIATIONS
from kiosk.sandbox.services.mediation_stats import (
    DEMO_AGREEMENTS,
    DEMO_EMPTY_DEPARTMENT,
    DEMO_EMPTY_YEAR,
    DEMO_FACILITATOR_YEAR,
    DEMO_MEDIATIONS,
    DEMO_YEAR,
)
from kiosk.services.base import AnswerRejected, RenderContext
from kiosk.services.mediation_stats import FLOW, SERVICE
from kiosk.services.mediation_stats.paper import statistics_paper
from kiosk.services.mediation_stats.words import NBSP, count, percent

TODAY = now().date()
LAST = TODAY.year - 1


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


async def advance(run: FlowRun, actions: dict[str, Bound]) -> None:
    while isinstance(run.current, ActionStep):
        step = run.current
        try:
            result = await actions[step.action](run.submitted_answers(), run.action_key(step.id))
        except PortalError:
            run.fail_action()
            raise
        run.complete_action(result)


async def open_record(
    actions: dict[str, Bound], topic: str, year: int, department: str
) -> tuple[FlowRun, Detail]:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"topic": topic}) == []
    assert run.submit({"year": str(year)}) == []
    assert run.submit({"department": department}) == []
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)
    return run, run.detail()


def chart(detail: Detail, section_id: str) -> Chart:
    found = next(s.chart for s in detail.sections if s.id == section_id)
    assert found is not None
    return found


def rows(detail: Detail) -> dict[str, str]:
    return {row.id: tr(row.value) if not isinstance(row.value, str) else row.value
            for s in detail.sections for row in s.rows}  # fmt: skip


def spaced(text: str) -> str:
    return text.replace(NBSP, " ")


def test_the_questions_offer_what_was_published_latest_first() -> None:
    run = FlowRun(FLOW, today=TODAY)
    topic = run.current
    assert isinstance(topic, QuestionStep)
    assert [c.value for c in topic.fields[0].options({})] == ["mediacion", "facilitadores"]
    [error] = run.submit({"topic": ""})
    assert error.field_id == "topic" and "Mediación" in error.message  # says what to touch
    assert run.submit({"topic": "mediacion"}) == []
    years = [c.value for c in FLOW.field("year").options(run.answers)]
    assert years == [str(y) for y in range(LAST, FIRST_YEAR - 1, -1)]  # the latest first
    [error] = run.submit({"year": str(TODAY.year)})  # not over yet: not offered
    assert error.field_id == "year"
    assert run.submit({"year": str(DEMO_YEAR)}) == []
    places = [c.value for c in FLOW.field("department").options(run.answers)]
    assert places == ["all", *(str(code) for code in range(1, 23))]
    [error] = run.submit({"department": ""})
    assert "Todo el país" in error.message


async def test_a_department_is_set_apart_in_both_charts(actions: dict[str, Bound]) -> None:
    run, detail = await open_record(actions, "mediacion", DEMO_YEAR, "9")
    assert tr(detail.heading) == f"Mediación en Quetzaltenango, {DEMO_YEAR}"
    bars = chart(detail, "by_department")
    assert bars.kind is ChartKind.BARS and len(bars.categories) == 22
    assert [tr(s.name) for s in bars.series] == ["Mediaciones", "Terminaron en acuerdo"]
    started = bars.series[0].values
    assert list(started) == sorted(started, reverse=True)  # the most first, read at a glance
    assert bars.highlight is not None and bars.categories[bars.highlight] == "Quetzaltenango"
    own = int(started[bars.highlight])
    assert bars.series[0].shown[bars.highlight] == count(own)
    assert bars.categories[0] == "Guatemala"
    summary = spaced(tr(bars.summary))
    assert summary.startswith(f"En {DEMO_YEAR} hubo {spaced(count(DEMO_MEDIATIONS))} mediaciones")
    assert f"Quetzaltenango tuvo {spaced(count(own))}" in summary
    assert summary.count(".") == 1  # one sentence
    trend = chart(detail, "by_year")
    assert trend.kind is ChartKind.TREND
    assert trend.categories == tuple(str(y) for y in range(FIRST_YEAR, LAST + 1))
    assert trend.highlight is not None and trend.categories[trend.highlight] == str(DEMO_YEAR)
    assert trend.series[0].values[trend.highlight] == own  # the same figure in both charts
    assert spaced(tr(trend.summary)).startswith(f"De {FIRST_YEAR} a {LAST}, las mediaciones en "
                                                "Quetzaltenango pasaron de")  # fmt: skip
    figures = rows(detail)
    assert figures["started"] == count(own)
    matters = [v for k, v in figures.items() if k.startswith("matter.")]
    assert sum(int(v.split(" (")[0].replace(NBSP, "")) for v in matters) == own
    [lead] = [lead for s in detail.sections for lead in s.leads]
    assert (lead.id, lead.service) == ("directory", "directorio")
    assert lead.answers == (("way", "place"), ("department", "9"), ("kind", "mediacion"))
    assert run.back() and run.current.id == "department"  # «Atrás» changes the question
    assert run.submit({"department": "1"}) == []
    assert isinstance(run.current, ActionStep)  # another place: read again
    await advance(run, actions)
    assert tr(run.detail().heading) == f"Mediación en Guatemala, {DEMO_YEAR}"


async def test_the_whole_country_says_it_in_one_sentence(actions: dict[str, Bound]) -> None:
    _, detail = await open_record(actions, "mediacion", DEMO_YEAR, "all")
    assert tr(detail.heading) == f"Mediación en todo el país, {DEMO_YEAR}"
    bars = chart(detail, "by_department")
    assert bars.highlight is None
    assert spaced(tr(bars.summary)) == (
        f"En {DEMO_YEAR} hubo {spaced(count(DEMO_MEDIATIONS))} mediaciones en todo el país y el "
        f"{spaced(percent(DEMO_AGREEMENTS, DEMO_MEDIATIONS))} terminó en acuerdo; Guatemala tuvo "
        "la mayor cantidad."
    )
    trend = chart(detail, "by_year")
    by_year = dict(zip(trend.categories, trend.series[0].values, strict=True))
    assert all(by_year[str(year)] == total for year, total in MEDIATIONS.items() if year <= LAST)
    share = percent(DEMO_AGREEMENTS, DEMO_MEDIATIONS)
    assert rows(detail)["agreements"] == f"{count(DEMO_AGREEMENTS)} ({share})"
    [lead] = [lead for s in detail.sections for lead in s.leads]
    assert lead.answers == (("way", "place"), ("kind", "mediacion"))  # no department: any


async def test_facilitators_of_the_country(actions: dict[str, Bound]) -> None:
    _, detail = await open_record(actions, "facilitadores", DEMO_FACILITATOR_YEAR, "all")
    count_2019, places_2019 = FACILITATORS[DEMO_FACILITATOR_YEAR]
    assert rows(detail)["facilitators"] == count(count_2019)
    assert rows(detail)["municipalities"] == f"{count(places_2019)} de 340"
    bars = chart(detail, "by_department")
    assert len(bars.series) == 1 and bars.highlight is None
    assert spaced(tr(bars.summary)).startswith(
        f"En {DEMO_FACILITATOR_YEAR} había 2 080 facilitadores judiciales en 213 municipios"
    )
    trend = chart(detail, "by_year")
    assert trend.series[0].values[trend.highlight or 0] == count_2019
    [lead] = [lead for s in detail.sections for lead in s.leads]
    assert lead.answers == (("way", "place"), ("kind", "facilitadores"))


async def test_a_department_without_facilitators_yet_says_so_and_where_to_go(
    actions: dict[str, Bound],
) -> None:
    _, detail = await open_record(
        actions, "facilitadores", DEMO_EMPTY_YEAR, str(DEMO_EMPTY_DEPARTMENT)
    )
    assert rows(detail)["facilitators"] == "0"
    figures = next(s for s in detail.sections if s.id == "figures")
    assert "todavía no había facilitadores judiciales en El Progreso" in tr(figures.note)
    assert "juzgado de paz" in tr(figures.note)  # and where to go instead
    bars = chart(detail, "by_department")
    assert "El Progreso todavía no tenía ninguno" in tr(bars.summary)
    assert bars.highlight is not None and bars.series[0].values[bars.highlight] == 0
    trend = chart(detail, "by_year")
    assert trend.series[0].values[0] == 0 and trend.series[0].values[-1] > 0
    [lead] = [lead for s in detail.sections for lead in s.leads]
    assert ("department", str(DEMO_EMPTY_DEPARTMENT)) in lead.answers


async def test_a_year_the_portal_has_not_published_goes_back_to_the_year(
    actions: dict[str, Bound],
) -> None:
    answers = {"topic": "mediacion", "year": str(TODAY.year), "department": "all"}
    with pytest.raises(AnswerRejected) as err:
        await actions["fetch"](answers, "k")
    assert err.value.field == "year"
    assert err.value.text is not None and "elija otro año" in str(err.value.text)


async def test_the_printout_holds_the_numbers_and_sentences_as_vector_charts(
    actions: dict[str, Bound], client: PortalClient
) -> None:
    run, detail = await open_record(actions, "mediacion", DEMO_YEAR, "9")
    sources = {**run.submitted_answers(), **run.results}
    [job] = await statistics_paper(RenderContext(client, "GT-TEST-0001"), sources)
    assert job.title == "Estadísticas de mediación OJ" and "Quetzaltenango" not in job.title
    pdf = job.make()
    reader = PdfReader(io.BytesIO(pdf))
    text = spaced(" ".join(page.extract_text() for page in reader.pages))
    flat = " ".join(text.split())
    assert f"Mediación en Quetzaltenango, {DEMO_YEAR}" in flat
    assert f"Cifras pedidas: mediación, {DEMO_YEAR}, Quetzaltenango." in flat
    for section_id in ("by_department", "by_year"):
        drawn = chart(detail, section_id)
        assert " ".join(spaced(tr(drawn.summary)).split()) in flat
        for category, shown in zip(drawn.categories, drawn.series[0].shown, strict=True):
            assert category in flat and spaced(shown) in flat
    assert "▶ Quetzaltenango" in flat  # set apart without colour
    assert "Buscar un centro de mediación" in flat  # the lead, in words
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        assert all(x.get_object().get("/Subtype") != "/Image" for x in xobjects.values())
    drawing = b"".join(page.get_contents().get_data() for page in reader.pages)
    # the bars are rectangles and the lines paths: many "re" and "l" operators, no picture
    assert len(re.findall(rb" re\b", drawing)) > 60 and len(re.findall(rb" l\b", drawing)) > 100
    assert not re.search(rb"/Subtype\s*/Image", pdf) and not re.search(rb"/\w+ Do\b", drawing)
