"""Consulta de Expedientes Laborales walked without a screen, against the sandbox over HTTP: a
number in the shapes people type, a legacy number shared by two courts, the number built step by
step, not found, malformed, and the printout's text."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from support.actions import Bound, advance, bound_actions

from kiosk.flows.engine import FlowRun
from kiosk.flows.lookup import CURSOR
from kiosk.flows.model import DetailStep, ResultsStep
from kiosk.flows.records import ResultsPage
from kiosk.portal.client import PortalClient
from kiosk.portal.models.labor_cases import LaborCase, LaborStage
from kiosk.sandbox.services.labor_cases import (
    DEMO_HEARING_COURT,
    DEMO_HEARING_NUMBER,
    DEMO_LEGACY_COURTS,
    DEMO_LEGACY_NUMBER,
)
from kiosk.services.base import RenderContext
from kiosk.services.labor_cases import FLOW, SERVICE, case_record

TODAY = date(2026, 12, 6)
HEARING_PARTY = "Juan Carlos García Hernández"  # stored by the sandbox; shown by initials only


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


@pytest.mark.parametrize(
    "typed",
    [
        "09006-2025-00077",
        "C-9006-2025-77",
        "9006 2025 77",
        "exp. 09006.2025.00077",
        "09006/2025/77",
    ],
)
async def test_one_case_in_every_shape_people_type_it(
    actions: dict[str, Bound], typed: str
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"number": typed}) == []
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)  # one match: no list of one to tap through
    case = run.results["fetch"]
    assert isinstance(case, LaborCase) and case.number == DEMO_HEARING_NUMBER
    assert case.court_id == DEMO_HEARING_COURT and case.stage is LaborStage.PRUEBA
    detail = run.detail()
    shown = " ".join(
        f"{row.label} {row.value} {row.explain}" for s in detail.sections for row in s.rows
    )
    assert "Las partes presentan documentos" in shown  # the stage, explained
    assert HEARING_PARTY not in shown and "J. C. G. H." in shown
    days = [day for s in detail.sections for day, _ in s.timeline]
    assert days == sorted(days, key=lambda d: d[6:] + d[3:5] + d[:2], reverse=True)
    assert run.back() and run.current.id == "number"  # "Atrás" skips the list of one


async def test_a_legacy_number_of_two_courts_lists_both(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"number": "485/2011 of. 2º"}) == []
    await advance(run, actions)
    step = run.current
    assert isinstance(step, ResultsStep)
    page = run.page()
    assert page.total == 2 and {row.facts[0] for row in page.rows} == {
        str(_court_name(c)) for c in DEMO_LEGACY_COURTS
    }
    assert str(page.searched) == f"Número buscado: {DEMO_LEGACY_NUMBER}"
    chosen = page.rows[1]
    run.submit({step.field: chosen.id})
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)
    case = run.results["fetch"]
    assert isinstance(case, LaborCase) and case.id == chosen.id
    assert case.legacy_number == DEMO_LEGACY_NUMBER
    assert run.back() and run.current.id == step.id  # back to the two to choose the other


async def test_the_number_built_step_by_step(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.raw["number"] = "09006-20"  # half typed, then the visitor asks for help
    run.take_alternative()
    assert run.current.id == "department"
    assert run.submit({"department": "9"}) == []
    courts = run.current
    assert courts.id == "court"
    [court_field] = courts.fields  # type: ignore[union-attr]
    options = {choice.value for choice in court_field.options(run.answers)}
    assert DEMO_HEARING_COURT in options and all(o.startswith("09") for o in options)
    assert run.submit({"court": DEMO_HEARING_COURT}) == []
    [error] = run.submit({"year": str(TODAY.year + 1), "sequence": "77"})
    assert error.code == "year_future" or error.code == "too_large"
    [error] = run.submit({"year": "2000", "sequence": "77"})  # before the SGT: the year says so
    assert error.field_id == "year"
    assert run.submit({"year": "2025", "sequence": "77"}) == []
    await advance(run, actions)
    case = run.results["fetch"]
    assert isinstance(case, LaborCase) and case.number == DEMO_HEARING_NUMBER
    assert run.raw["number"] == "09006-20"  # what was typed is still there if they go back


async def test_malformed_says_what_is_wrong_and_keeps_it() -> None:
    run = FlowRun(FLOW, today=TODAY)
    [error] = run.submit({"number": "23001-2019-00001"})
    assert error.field_id == "number" and "de 01 a 22; 23 no existe" in error.message
    assert error.text.params == {"department": "23"} or "23" in str(error.text.params)
    assert run.raw["number"] == "23001-2019-00001" and run.current.id == "number"


async def test_not_found_is_an_empty_list_that_says_what_to_do(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"number": "22001-2007-99999"}) == []
    await advance(run, actions)
    assert isinstance(run.current, ResultsStep)
    assert run.page().total == 0 and run.page().rows == ()


async def test_more_pages_continue_the_same_search(actions: dict[str, Bound]) -> None:
    answers = {"number": _parsed("485-2011 Of. 2"), CURSOR: None}
    first = await actions["search"](answers, "k")
    assert isinstance(first, ResultsPage) and first.next_cursor is None  # two fit on a page


async def test_the_printout_holds_the_number_and_no_full_name(
    actions: dict[str, Bound], client: PortalClient
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"number": "9006-2025-77"})
    await advance(run, actions)
    sources = {**run.submitted_answers(), **run.results}
    [job] = await case_record(RenderContext(client, "GT-TEST-0001"), sources)
    text = " ".join(page.extract_text() for page in PdfReader(_bytes_io(job.make())).pages)
    flat = " ".join(text.split())
    assert DEMO_HEARING_NUMBER in flat and "Número buscado: 09006-2025-00077" in flat
    assert HEARING_PARTY not in flat and "García" not in flat


def _court_name(court_id: str) -> str:
    from kiosk.courts import court

    return court(court_id).name


def _parsed(text: str) -> object:
    from kiosk.case_numbers import parse_case_number

    return parse_case_number(text, this_year=TODAY.year)


def _bytes_io(data: bytes) -> object:
    import io

    return io.BytesIO(data)
