"""Diligencias Judiciales walked without a screen, against the sandbox over HTTP: a diligence
number in the shapes people type, a case with several diligences (newest first, a page at a
time), one with too many, a reserved matter, the case number built step by step, not found,
malformed, and the printout's text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from documents.pdf_reading import text_of
from support.actions import Bound, advance, bound_actions

from kiosk.flows.engine import FlowRun
from kiosk.flows.lookup import CURSOR
from kiosk.flows.model import DetailStep, ResultsStep
from kiosk.flows.records import ResultsPage
from kiosk.portal.client import PortalClient
from kiosk.portal.models.diligences import Diligence, DiligenceState
from kiosk.sandbox.services.diligences import (
    DEMO_CROWDED_CASE,
    DEMO_CROWDED_COUNT,
    DEMO_PAGED_CASE,
    DEMO_PAGED_COUNT,
    DEMO_RESERVED_CASE,
    DEMO_RESERVED_NUMBER,
    DEMO_RETURNED_NUMBER,
    DEMO_ROGATORY_NUMBER,
    DEMO_SCHEDULED_NUMBER,
)
from kiosk.services.base import RenderContext
from kiosk.services.diligences import (
    FLOW,
    MOST,
    PAGE_SIZE,
    SERVICE,
    STATES,
    ReservedAnswer,
    diligence_record,
)
from kiosk.services.registry import printout

TODAY = date(2026, 12, 6)
#: stored by the sandbox for the demo lanzamiento; shown by initials only
PARTIES = ("Inmobiliaria Los Pinos, Sociedad Anónima", "Marvin Estuardo López Castillo")
RESERVED_PARTIES = ("Claudia Marisol Xicará Pérez", "Edgar Rolando Tum Sicajau")


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


def by(how: str) -> FlowRun:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"search_by": how}) == []
    assert run.current.id == ("diligence" if how == "diligence" else "number")
    return run


def shown(run: FlowRun) -> str:
    detail = run.detail()
    parts = [str(detail.heading)]
    for section in detail.sections:
        parts += [str(section.title), str(section.note)]
        parts += [f"{row.label} {row.value} {row.explain}" for row in section.rows]
        parts += [f"{day} {what}" for day, what in section.timeline]
    return "\n".join(parts)


@pytest.mark.parametrize(
    "typed",
    ["DJ-01236-2025-0415", "dj 1236 2025 415", "01236-2025-0415", "D.J. 01236/2025/415",
     "Diligencia No. 1236-25-415", "DJ0123620250415"],
)  # fmt: skip
async def test_one_diligence_in_every_shape_people_type_it(
    actions: dict[str, Bound], typed: str
) -> None:
    run = by("diligence")
    assert run.submit({"diligence": typed}) == []
    await advance(run, actions)
    assert isinstance(run.current, DetailStep) and run.current.id == "record"  # no list of one
    found = run.results["fetch"]
    assert isinstance(found, Diligence) and found.number == DEMO_SCHEDULED_NUMBER
    text = shown(run)
    assert STATES[DiligenceState.EN_TRAMITE][1] in text  # the state, explained
    assert "Sacar por orden del juez" in text  # the task, explained
    assert "Un juzgado o una sala encarga" in text  # the kind, explained
    assert "Mixco" in text and "Día fijado" in text
    assert "I. P., S. A." in text and "M. E. L. C." in text
    for name in PARTIES:
        assert name not in text
    days = [day for s in run.detail().sections for day, _ in s.timeline]
    assert days == sorted(days, key=lambda d: d[6:] + d[3:5] + d[:2], reverse=True)
    assert run.back() and run.current.id == "diligence"  # "Atrás" skips the list of one
    assert run.raw["diligence"] == typed


async def test_a_case_lists_its_diligences_newest_first_a_page_at_a_time(
    actions: dict[str, Bound],
) -> None:
    run = by("case")
    assert run.submit({"number": "C-1023-2024-1187"}) == []
    await advance(run, actions)
    step = run.current
    assert isinstance(step, ResultsStep)
    page = run.page()
    assert page.total == DEMO_PAGED_COUNT and len(page.rows) == PAGE_SIZE
    assert page.next_cursor is not None
    assert str(page.searched) == f"Expediente buscado: {DEMO_PAGED_CASE}"
    more = await actions["search"]({**run.submitted_answers(), CURSOR: page.next_cursor}, "k")
    assert isinstance(more, ResultsPage) and more.next_cursor is None
    run.add_page(more)  # "Ver más": the rest joins the list
    rows = run.page().rows
    assert len(rows) == DEMO_PAGED_COUNT == len({row.id for row in rows})
    sent = [_day(str(row.facts[2])) for row in rows]
    assert sent == sorted(sent, reverse=True)  # newest first across pages
    chosen = rows[-1]
    run.submit({step.field: chosen.id})
    await advance(run, actions)
    found = run.results["fetch"]
    assert isinstance(found, Diligence) and found.id == chosen.id
    assert found.case_number == DEMO_PAGED_CASE
    assert run.back() and run.current.id == step.id  # back to the list, to choose another


async def test_too_many_for_one_case_asks_for_the_diligence_number(
    actions: dict[str, Bound],
) -> None:
    run = by("case")
    assert run.submit({"number": DEMO_CROWDED_CASE}) == []
    await advance(run, actions)
    step = run.current
    assert isinstance(step, ResultsStep) and step.most == MOST
    assert run.page().total == DEMO_CROWDED_COUNT > MOST  # the screen asks to narrow
    assert "número de la diligencia" in str(step.too_many)


@pytest.mark.parametrize(
    ("how", "typed", "heading"),
    [
        ("diligence", DEMO_RESERVED_NUMBER, f"Diligencia {DEMO_RESERVED_NUMBER}"),
        ("case", DEMO_RESERVED_CASE, f"Expediente {DEMO_RESERVED_CASE}"),
    ],
)
async def test_a_reserved_matter_says_reservado_and_nothing_more(
    actions: dict[str, Bound], how: str, typed: str, heading: str
) -> None:
    run = by(how)
    assert run.submit({"diligence" if how == "diligence" else "number": typed}) == []
    await advance(run, actions)
    assert run.current.id == "reserved" and "fetch" not in run.results
    assert isinstance(run.results["search"], ReservedAnswer)
    detail = run.detail()
    assert str(detail.heading) == heading
    (section,) = detail.sections
    assert [(row.id, str(row.value)) for row in section.rows] == [("reserved", "Reservado")]
    assert "familia" in shown(run) and not section.timeline
    for name in RESERVED_PARTIES:
        assert name.split()[-1] not in shown(run)
    assert run.back() and run.current.id in ("diligence", "number")


async def test_the_reserved_printout_names_no_one(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = by("case")
    run.submit({"number": DEMO_RESERVED_CASE})
    await advance(run, actions)
    [job] = await diligence_record(
        RenderContext(client, "GT-TEST-0001"), {**run.submitted_answers(), **run.results}
    )
    text = text_of(job.make(), tmp_path)
    assert f"Expediente buscado: {DEMO_RESERVED_CASE}" in text and "Reservado" in text
    for name in RESERVED_PARTIES:
        for word in name.split():
            assert word not in text
    assert "DJ-" not in text  # not even the numbers of its diligences


async def test_the_case_number_built_step_by_step(actions: dict[str, Bound]) -> None:
    run = by("case")
    run.raw["number"] = "01023-20"  # half typed, then the visitor asks for help
    run.take_alternative()
    assert run.current.id == "department"
    assert run.submit({"department": "1"}) == []
    kinds = run.current
    assert kinds.id == "court_kind"
    [kind_field] = kinds.fields  # type: ignore[union-attr]
    offered = {choice.value for choice in kind_field.options(run.answers)}
    assert offered == {"primera_instancia", "paz", "tribunal_sentencia", "sala"}
    assert run.submit({"court_kind": "primera_instancia"}) == []
    [court_field] = run.current.fields  # type: ignore[union-attr]
    options = {choice.value for choice in court_field.options(run.answers)}
    assert "01023" in options and all(o.startswith("01") for o in options)
    assert "01236" not in options  # a Juzgado de Paz is another kind
    assert run.submit({"court": "01023"}) == []
    [error] = run.submit({"year": str(TODAY.year + 1), "sequence": "1187"})
    assert error.code in ("year_future", "too_large") and error.field_id == "year"
    assert run.submit({"year": "2024", "sequence": "1187"}) == []
    await advance(run, actions)
    assert isinstance(run.current, ResultsStep)
    assert run.page().total == DEMO_PAGED_COUNT
    assert run.raw["number"] == "01023-20"  # what was typed is still there if they go back


@pytest.mark.parametrize(
    ("typed", "code", "words"),
    [
        ("09006-2025-00077", "looks_like_case", "número de expediente"),
        ("DJ-23001-2025-1", "department", "de 01 a 22"),
        ("DJ-09999-2025-1", "court_unknown", "09999"),
        ("187-2025", "missing_court", "código del juzgado"),
        ("DJ-09006-2025-O187", "character", "quite «O»"),
        (f"DJ-09006-{TODAY.year + 1}-1", "year_future", "todavía no ha llegado"),
        ("", "required", "Escriba"),
    ],
)
async def test_a_malformed_number_says_how_to_fix_it_and_keeps_it(
    typed: str, code: str, words: str
) -> None:
    run = by("diligence")
    [error] = run.submit({"diligence": typed})
    assert (error.field_id, error.code) == ("diligence", code)
    assert words in error.message
    assert run.raw["diligence"] == typed and run.current.id == "diligence"


async def test_a_malformed_case_number_uses_the_shared_messages() -> None:
    run = by("case")
    [error] = run.submit({"number": "23001-2019-00001"})
    assert error.field_id == "number" and "de 01 a 22; 23 no existe" in error.message
    assert run.raw["number"] == "23001-2019-00001"


async def test_not_found_is_an_empty_list_that_says_what_to_do(actions: dict[str, Bound]) -> None:
    for how, field, typed in (
        ("diligence", "diligence", "DJ-22008-2021-9999"),
        ("case", "number", "22001-2007-99999"),
    ):
        run = by(how)
        assert run.submit({field: typed}) == []
        await advance(run, actions)
        assert isinstance(run.current, ResultsStep)
        assert run.page().total == 0 and run.page().rows == ()
        assert "toque «Atrás»" in str(run.current.empty)


async def test_a_rogatory_commission_names_its_country(actions: dict[str, Bound]) -> None:
    run = by("diligence")
    run.submit({"diligence": DEMO_ROGATORY_NUMBER})
    await advance(run, actions)
    rows = {row.id: str(row.value) for s in run.detail().sections for row in s.rows}
    assert rows["requesting.country"] == "México" and "requesting.department" not in rows
    assert rows["commissioned.department"] == "San Marcos"
    assert "case_number" not in rows
    assert "Ministerio de Relaciones Exteriores" in shown(run)


async def test_the_printout_holds_what_was_searched_and_no_full_name(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    papers: dict[str, str] = {}
    for typed in (DEMO_SCHEDULED_NUMBER, DEMO_RETURNED_NUMBER, DEMO_ROGATORY_NUMBER):
        run = by("diligence")
        run.submit({"diligence": typed.lower().replace("-", " ")})
        await advance(run, actions)
        sources = {**run.submitted_answers(), **run.results}
        [job] = await diligence_record(RenderContext(client, "GT-TEST-0001"), sources)
        text = papers[typed] = text_of(job.make(), tmp_path)  # one Letter page, or an error
        assert f"Diligencia {typed}" in text and f"Diligencia buscada: {typed}" in text
        assert "Juzgado que la realiza" in text and "Estado" in text
        found = run.results["fetch"]
        assert isinstance(found, Diligence)
        for party in found.parties:
            assert party.initials in text
    for name in PARTIES:
        assert name.split()[0] not in papers[DEMO_SCHEDULED_NUMBER]
    assert printout("diligence").advice  # what to do when it does not print


def _day(fact: str) -> date:
    """The day in "Enviada el 23/01/2026. Estado: ..."."""
    shown_day = fact.split()[2].rstrip(".")
    day, month, year = (int(part) for part in shown_day.split("/"))
    return date(year, month, day)
