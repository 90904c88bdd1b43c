"""Consulta de Gestión de Tribunales de Paz walked without a screen, against the sandbox over HTTP:
the whole number in the shapes people type it, the court's part of it narrowed by department
(pages, "too many"), the number built step by step, a reserved case, every input's rule and
message, every term explained in short sentences, nothing of a query in the logs, and the
printout's text."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

import pytest
from documents.pdf_reading import text_of
from support.actions import Bound, advance, bound_actions

from kiosk.flows.engine import FlowRun
from kiosk.flows.lookup import CURSOR
from kiosk.flows.model import DetailStep, ResultsStep
from kiosk.flows.records import Detail, ResultsPage
from kiosk.portal.client import PortalClient
from kiosk.portal.models.peace_courts import (
    PeaceCase,
    PeaceHearingKind,
    PeaceMatter,
    PeaceRole,
    PeaceState,
)
from kiosk.sandbox.services.peace_courts import (
    DEMO_HEARING_NUMBER,
    DEMO_REMITTED_NUMBER,
    DEMO_RESERVED_NUMBER,
    DEMO_SHORT_DEPARTMENT,
    DEMO_SHORT_NUMBER,
)
from kiosk.services.base import AnswerRejected, RenderContext
from kiosk.services.peace_courts import (
    EVERYWHERE,
    FLOW,
    HEARINGS,
    MATTERS,
    RESERVED_EXPLAINED,
    ROLES,
    SERVICE,
    STATES,
    case_record,
)

TODAY = date(2026, 12, 6)
HEARING_PARTIES = ("Marta Julia Ramírez Calmo", "Pedro Mendoza Pablo")  # stored; shown as initials
RESERVED_PARTIES = ("Lucía Fernanda Gómez Ajú", "Carlos Roberto Méndez Santos")


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


async def opened(typed: str, actions: dict[str, Bound]) -> FlowRun:
    """The record of a whole number, as typed."""
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"number": typed}) == []
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)  # one match: no list of one to tap through
    return run


def words(detail: Detail) -> str:
    return " ".join(
        f"{row.label} {row.value} {row.explain} {section.note}"
        for section in detail.sections
        for row in section.rows
    ) + " ".join(f"{day} {what}" for s in detail.sections for day, what in s.timeline)


@pytest.mark.parametrize(
    "typed",
    ["13028-2026-00018", "C-13028-2026-18", "13028 2026 18", "exp. 13028.2026.18", "13028/26/18"],
)
async def test_a_whole_number_in_every_shape_opens_the_case(
    actions: dict[str, Bound], typed: str
) -> None:
    run = await opened(typed, actions)
    case = run.results["fetch"]
    assert isinstance(case, PeaceCase) and case.number == DEMO_HEARING_NUMBER
    detail = run.detail()
    assert str(detail.heading) == f"Caso {DEMO_HEARING_NUMBER}"
    rows = {row.id: row for section in detail.sections for row in section.rows}
    assert str(rows["state"].value) == "Audiencia señalada"
    assert "Ya hay día y hora para ir al juzgado" in str(rows["state"].explain)
    assert str(rows["matter"].value) == "Civil de menor cuantía" and rows["matter"].explain
    assert rows["municipality"].value == "Todos Santos Cuchumatán"
    assert (rows["party.0"].value, rows["party.1"].value) == ("M. J. R. C.", "P. M. P.")
    assert str(rows["party.0"].label) == "Demandante" and rows["party.0"].explain
    assert str(rows["hearing.kind"].value) == "Juicio oral" and rows["hearing.kind"].explain
    shown = words(detail)
    assert not [name for name in HEARING_PARTIES if name in shown]
    days = [day for s in detail.sections for day, _ in s.timeline]
    assert days == sorted(days, key=lambda d: d[6:] + d[3:5] + d[:2], reverse=True)
    assert run.back() and run.current.id == "number"  # "Atrás" skips the list of one


async def test_the_courts_part_asks_where_and_pages(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"number": "3-25"}) == []
    assert run.current.id == "where"  # many courts have it: where first
    assert run.submit({"where": str(DEMO_SHORT_DEPARTMENT)}) == []
    await advance(run, actions)
    step = run.current
    assert isinstance(step, ResultsStep)
    page = run.page()
    assert 20 < page.total <= step.most and len(page.rows) == 10 and page.next_cursor
    assert str(page.searched) == f"Número buscado: {DEMO_SHORT_NUMBER}, en Huehuetenango"
    assert all(str(row.title).endswith("-2025-00003") for row in page.rows)
    assert all("Huehuetenango" in str(row.facts[0]) for row in page.rows)
    answers = {**run.submitted_answers(), CURSOR: page.next_cursor}
    more = await actions["search"](answers, run.action_key(step.source))
    assert isinstance(more, ResultsPage)
    run.add_page(more)
    ids = [row.id for row in run.page().rows]
    assert len(ids) == 20 and len(set(ids)) == 20  # the next ten, none again
    chosen = run.page().rows[13]
    run.submit({step.field: chosen.id})
    await advance(run, actions)
    case = run.results["fetch"]
    assert isinstance(case, PeaceCase) and case.id == chosen.id
    assert run.back() and run.current.id == step.id  # back to the list to choose another


async def test_the_courts_part_in_the_whole_country_is_too_many(
    actions: dict[str, Bound],
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"number": DEMO_SHORT_NUMBER})
    assert run.submit({"where": EVERYWHERE}) == []
    await advance(run, actions)
    step = run.current
    assert isinstance(step, ResultsStep) and run.page().total > step.most
    assert "elija el departamento" in str(step.too_many)
    assert str(run.page().searched).endswith("en todo el país")
    assert run.back() and run.current.id == "where"  # narrow it there
    assert run.raw["where"] == EVERYWHERE


async def test_a_reserved_case_says_reservado_and_nothing_more(actions: dict[str, Bound]) -> None:
    run = await opened(DEMO_RESERVED_NUMBER, actions)
    detail = run.detail()
    (section,) = detail.sections  # no parties, no hearing, no timeline
    assert [row.id for row in section.rows] == ["court", "municipality", "department", "state"]
    state = section.rows[-1]
    assert str(state.value) == "Reservado" and str(state.explain) == RESERVED_EXPLAINED
    assert "DPI" in str(section.note)  # the way on: at the court, with an identity document
    shown = words(detail)
    assert not [name for name in RESERVED_PARTIES if name in shown]
    assert "alimen" not in shown.lower() and not re.search(r"\d{2}/\d{2}/\d{4}", shown)


async def test_the_number_built_step_by_step(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.raw["number"] = "13028-20"  # half typed, then the visitor asks for help
    run.take_alternative()
    assert run.current.id == "department"
    assert run.submit({"department": "13"}) == []
    municipalities = run.current.fields[0].options(run.answers)  # type: ignore[union-attr]
    labels = [choice.label for choice in municipalities]
    assert len(labels) == 33 and labels[0] == "Huehuetenango"  # the seat, then by name
    assert (
        labels[1:4] == ["Aguacatán", "Chiantla", "Colotenango"] and labels[-1] == "Unión Cantinil"
    )
    assert {c.value for c in municipalities if c.label == "Todos Santos Cuchumatán"} == {"15"}
    assert run.submit({"municipality": "15"}) == []
    assert run.current.id == "year_sequence"  # one Juzgado de Paz there: no question which
    [error] = run.submit({"year": str(TODAY.year + 1), "sequence": "18"})
    assert error.code in ("year_future", "too_large")
    assert run.submit({"year": "2026", "sequence": "18"}) == []
    await advance(run, actions)
    case = run.results["fetch"]
    assert isinstance(case, PeaceCase) and case.number == DEMO_HEARING_NUMBER
    assert run.raw["number"] == "13028-20"  # what was typed is still there if they go back


async def test_a_municipality_with_several_courts_asks_which(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.take_alternative()
    run.submit({"department": "16"})
    assert run.submit({"municipality": "1"}) == []  # Cobán
    assert run.current.id == "court"
    options = run.current.fields[0].options(run.answers)  # type: ignore[union-attr]
    assert [(o.value, o.label) for o in options] == [
        ("16012", "Juzgado Primero de Paz"),
        ("16013", "Juzgado Segundo de Paz"),
    ]
    assert run.submit({"court": "16012"}) == []
    assert run.submit({"year": "2025", "sequence": "347"}) == []
    await advance(run, actions)
    case = run.results["fetch"]
    assert isinstance(case, PeaceCase) and case.number == DEMO_REMITTED_NUMBER
    assert case.state is PeaceState.REMITIDO


@pytest.mark.parametrize(
    ("typed", "code", "says"),
    [
        ("23001-2019-1", "department", "de 01 a 22; 23 no existe"),
        ("01173-2019-00123", "court_not_peace", "Trabajo y Previsión Social"),
        ("01999-2020-1", "court_unknown", "No hay ningún juzgado con el código 01999"),
        ("485-2011 Of. 2", "peace_office", "no llevan «Of.»"),
        ("45-1999", "peace_too_old", "desde 2006"),
        ("45", "missing_year", "Falta el año"),
        ("abc", "empty", "Escriba el número"),
        ("", "required", "Número del caso"),
    ],
)
def test_a_malformed_number_says_how_to_fix_it_and_keeps_it(
    typed: str, code: str, says: str
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    [error] = run.submit({"number": typed})
    assert (error.field_id, error.code) == ("number", code)
    assert says in error.message
    assert run.raw["number"] == typed and run.current.id == "number"


async def test_nothing_found_is_an_empty_list(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"number": "13028-2026-99999"}) == []
    await advance(run, actions)
    assert isinstance(run.current, ResultsStep)
    assert run.page().total == 0 and run.page().rows == ()
    assert "pregunte en el Juzgado de Paz" in str(run.current.empty)


async def test_a_number_the_portal_refuses_goes_back_to_the_field(
    actions: dict[str, Bound],
) -> None:
    """A portal with other courts than the kiosk's list: its refusal lands on the number."""
    answers = {"number": _parsed("01173-2019-00123"), CURSOR: None}
    with pytest.raises(AnswerRejected) as err:
        await actions["search"](answers, "key")
    assert err.value.field == "number" and "01173-2019-00123" in str(err.value.text)


def test_every_term_has_a_plain_explanation_in_short_sentences() -> None:
    tables: list[dict[object, tuple[str, str]]] = [MATTERS, STATES, ROLES, HEARINGS]  # type: ignore[list-item]
    assert set(MATTERS) == set(PeaceMatter) and set(STATES) == set(PeaceState)
    assert set(ROLES) == set(PeaceRole) and set(HEARINGS) == set(PeaceHearingKind)
    explanations = [explained for table in tables for _, explained in table.values()]
    for text in [*explanations, RESERVED_EXPLAINED]:
        sentences = [s for s in re.split(r"(?<=[.:])\s+", text) if s]
        assert sentences and all(len(s.split()) <= 12 for s in sentences), text
    for name, _ in STATES.values():
        assert len(name.split()) <= 4  # a state's name is a few words


async def test_nothing_of_the_query_reaches_the_logs(
    actions: dict[str, Bound], caplog: pytest.LogCaptureFixture
) -> None:
    """What the kiosk logs (its own loggers, every field of every record; kiosk.logs keeps
    httpx's full URLs out of the log) names the calls by their templates only."""
    caplog.set_level(logging.DEBUG, logger="kiosk")
    run = await opened("16012-2025-347", actions)
    case = run.results["fetch"]
    assert isinstance(case, PeaceCase)
    ours = [record for record in caplog.records if record.name.startswith("kiosk")]
    logged = " ".join(f"{r.getMessage()} {vars(r)}" for r in ours)
    routes = {getattr(record, "route", None) for record in ours}
    assert {"/peace-cases", "/peace-cases/{case_id}"} <= routes
    for secret in (DEMO_REMITTED_NUMBER, "16012-2025", "00347", case.id, "Rosa", "T. C."):
        assert secret not in logged


async def test_the_printout_holds_what_the_screen_shows(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = await opened("13028-2026-18", actions)
    sources = {**run.submitted_answers(), **run.results}
    [job] = await case_record(RenderContext(client, "GT-TEST-0001"), sources)
    flat = " ".join(text_of(job.make(), tmp_path).split())
    assert f"Caso {DEMO_HEARING_NUMBER}" in flat
    assert f"Número buscado: {DEMO_HEARING_NUMBER}" in flat
    assert "Audiencia señalada" in flat and "Ya hay día y hora" in flat
    assert "M. J. R. C." in flat and "Juicio oral" in flat
    assert not [name for name in HEARING_PARTIES if name in flat] and "Ramírez" not in flat


async def test_a_reserved_printout_says_reservado_only(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = await opened(DEMO_RESERVED_NUMBER, actions)
    sources = {**run.submitted_answers(), **run.results}
    [job] = await case_record(RenderContext(client, "GT-TEST-0001"), sources)
    flat = " ".join(text_of(job.make(), tmp_path).split())
    assert f"Caso {DEMO_RESERVED_NUMBER}" in flat and "Reservado" in flat
    assert "La ley protege este caso" in flat
    assert not [name for name in RESERVED_PARTIES if name in flat] and "Gómez" not in flat
    assert "Lo que ha hecho el juzgado" not in flat and "alimen" not in flat.lower()


async def test_a_short_number_printout_says_where_it_was_searched(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"number": DEMO_SHORT_NUMBER})
    run.submit({"where": "14"})
    await advance(run, actions)
    step = run.current
    assert isinstance(step, ResultsStep)
    run.submit({step.field: run.page().rows[0].id})
    await advance(run, actions)
    sources = {**run.submitted_answers(), **run.results}
    [job] = await case_record(RenderContext(client, "GT-TEST-0001"), sources)
    flat = " ".join(text_of(job.make(), tmp_path).split())
    assert f"Número buscado: {DEMO_SHORT_NUMBER}, en Quiché" in flat


def _parsed(text: str) -> object:
    from kiosk.case_numbers import parse_case_number

    return parse_case_number(text, this_year=TODAY.year)


async def test_a_case_without_its_update_time_says_no_empty_date(
    actions: dict[str, Bound],
) -> None:
    run = await opened(DEMO_HEARING_NUMBER, actions)
    case = run.results["fetch"]
    assert isinstance(case, PeaceCase)
    run.results["fetch"] = case.model_copy(update={"updated_at": None})
    [note] = [s.note for s in run.detail().sections if s.id == "actuaciones"]
    assert str(note) == "Lo más reciente está primero."  # not «actualizados el .»
