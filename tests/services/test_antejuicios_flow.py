"""Consulta de Antejuicios walked without a screen, against the sandbox over HTTP: the number in
the shapes people type it or as year and number apart, a number two bodies share, by name (no
accents, no second surname) and by post, pages and "too many", the department, a reserved one,
every input's rule and message, every term explained, and the printout's text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from documents.pdf_reading import text_of
from support.actions import Bound, advance, bound_actions

from kiosk.flows.engine import FlowRun
from kiosk.flows.lookup import CURSOR
from kiosk.flows.model import DetailStep, FieldError, ResultsStep
from kiosk.flows.records import ResultsPage
from kiosk.portal.client import PortalClient
from kiosk.portal.models.antejuicios import (
    Antejuicio,
    AntejuicioStage,
    Body,
    PromoventeKind,
)
from kiosk.sandbox.services.antejuicios import (
    DEMO_MANY_QUERY,
    DEMO_MANY_TOTAL,
    DEMO_MIXCO_ALCALDE,
    DEMO_NAME_TOTAL,
    DEMO_NUMBER,
    DEMO_OPEN_NUMBER,
    DEMO_RESERVED_NUMBER,
    DEMO_RESERVED_OFFICIAL,
    DEMO_RESERVED_OFFICIAL_PUBLIC,
    DEMO_SHARED_NUMBER,
)
from kiosk.services.antejuicios import FLOW, MOST, SERVICE
from kiosk.services.antejuicios.record import printout
from kiosk.services.antejuicios.words import BODIES, PROMOVENTES, STAGES
from kiosk.services.base import AnswerRejected, RenderContext

TODAY = date(2026, 12, 6)
OPEN_PROMOVENTE = "Ana Beatriz Solórzano Méndez"  # stored by the sandbox; shown as A. B. S. M.


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


def by_number(typed: str) -> FlowRun:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"mode": "numero"}) == [] and run.current.id == "number"
    assert run.submit({"number": typed}) == []
    return run


def by_official(typed: str, department: str = "0") -> FlowRun:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"mode": "funcionario"}) == [] and run.current.id == "official"
    assert run.submit({"official": typed}) == [] and run.current.id == "department"
    assert run.submit({"department": department}) == []
    return run


def shown(run: FlowRun) -> str:
    detail = run.detail()
    rows = " ".join(
        f"{row.label} {row.value} {row.explain}" for s in detail.sections for row in s.rows
    )
    notes = " ".join(str(s.note) for s in detail.sections)
    timeline = " ".join(str(what) for s in detail.sections for _, what in s.timeline)
    return f"{detail.heading} {rows} {notes} {timeline}"


@pytest.mark.parametrize(
    "typed", ["413-2016", "413/2016", "Antejuicio No. 413-2016", "413 2016", "0413-16"]
)
async def test_the_number_in_every_shape_people_type_it(
    actions: dict[str, Bound], typed: str
) -> None:
    run = by_number(typed)
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)  # one match: no list of one to tap through
    found = run.results["fetch"]
    assert isinstance(found, Antejuicio) and found.number == DEMO_NUMBER
    text = shown(run)
    assert "Édgar Rolando Mazariegos Ordóñez" in text  # public officials are public
    assert str(STAGES[AntejuicioStage.HA_LUGAR][1]) in text  # the stage, explained
    assert str(BODIES[Body.CSJ]) in text and "no es un juicio" in text
    assert run.back() and run.current.id == "number"  # "Atrás" skips the list of one
    assert run.raw["number"] == typed


async def test_the_number_written_as_year_and_number_apart(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"mode": "numero"})
    run.raw["number"] = "413-"  # half typed, then the visitor asks for help
    run.take_alternative()
    assert run.current.id == "year_sequence"
    [error] = run.submit({"year": str(TODAY.year + 1), "sequence": "413"})
    assert error.field_id == "year" and "todavía no ha llegado" in error.message
    [error] = run.submit({"year": "1999", "sequence": "413"})
    assert error.code == "too_small" and "2002" in error.message
    assert run.submit({"year": "2016", "sequence": "413"}) == []
    await advance(run, actions)
    found = run.results["fetch"]
    assert isinstance(found, Antejuicio) and found.number == DEMO_NUMBER
    assert run.raw["number"] == "413-"  # what was typed is still there if they go back


@pytest.mark.parametrize(
    ("typed", "code", "says"),
    [
        ("01173-2019-00123", "antejuicio_sgt", "expediente de juzgado"),
        ("485-2011 Of. 2", "antejuicio_office", "no lleva oficial"),
        ("abc", "empty", "Escriba el número"),
        ("2016", "missing_year", "Falta el año"),
        (f"4-{TODAY.year + 1}", "year_future", "todavía no ha llegado"),
        ("413-2016-5-7-9", "too_many_parts", "Sobran números"),
    ],
)
def test_a_malformed_number_says_how_to_fix_it_and_keeps_it(
    typed: str, code: str, says: str
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"mode": "numero"})
    [error] = run.submit({"number": typed})
    assert (error.field_id, error.code) == ("number", code) and says in error.message
    assert run.raw["number"] == typed and run.current.id == "number"


async def test_a_number_two_bodies_share_lists_both(actions: dict[str, Bound]) -> None:
    run = by_number("12-2023")
    await advance(run, actions)
    step = run.current
    assert isinstance(step, ResultsStep)
    page = run.page()
    assert page.total == 2 and str(page.searched) == f"Número buscado: {DEMO_SHARED_NUMBER}"
    facts = [" ".join(str(f) for f in row.facts) for row in page.rows]
    assert any("Corte Suprema de Justicia" in f for f in facts)
    assert any("Sala" in f and "Sin materia" in f for f in facts)
    sala = next(row for row, f in zip(page.rows, facts, strict=True) if "Sin materia" in f)
    run.submit({step.field: sala.id})
    await advance(run, actions)
    assert str(STAGES[AntejuicioStage.SIN_MATERIA][1]) in shown(run)
    assert str(BODIES[Body.SALA]) in shown(run)
    assert run.back() and run.current.id == step.id  # back to the two, to open the other


async def test_by_name_without_accents_or_second_surname(actions: dict[str, Bound]) -> None:
    run = by_official("mynor quinonez")
    await advance(run, actions)
    page = run.page()
    assert page.total == DEMO_NAME_TOTAL == len(page.rows) and page.next_cursor is None
    assert str(page.searched) == "Funcionario buscado: «mynor quinonez», en todo el país"
    assert all(DEMO_MIXCO_ALCALDE in str(row.facts[0]) for row in page.rows)
    opened = next(row for row in page.rows if DEMO_OPEN_NUMBER in str(row.title))
    run.submit({"selected": opened.id})
    await advance(run, actions)
    found = run.results["fetch"]
    assert isinstance(found, Antejuicio) and found.promovente is not None
    assert found.promovente.kind is PromoventeKind.PARTICULAR
    text = shown(run)
    assert "A. B. S. M." in text and OPEN_PROMOVENTE not in text and "Solórzano" not in text
    assert str(PROMOVENTES[PromoventeKind.PARTICULAR]) in text


async def test_more_than_a_page_continues_with_ver_mas(actions: dict[str, Bound]) -> None:
    run = by_official(DEMO_MANY_QUERY)
    await advance(run, actions)
    first = run.page()
    assert first.total == DEMO_MANY_TOTAL and len(first.rows) == 10 and first.next_cursor
    more = await actions["search"]({**run.submitted_answers(), CURSOR: first.next_cursor}, "k")
    assert isinstance(more, ResultsPage)
    run.add_page(more)
    rows = run.page().rows
    assert len(rows) == DEMO_MANY_TOTAL == len({row.id for row in rows})
    assert run.page().next_cursor is None


async def test_too_many_asks_to_narrow_and_the_department_does(actions: dict[str, Bound]) -> None:
    run = by_official("diputado")
    await advance(run, actions)
    step = run.current
    everywhere = run.page().total
    assert isinstance(step, ResultsStep) and everywhere > MOST == step.most
    assert "departamento" in str(step.too_many) and "cargo" in str(step.too_many)
    assert run.back() and run.current.id == "department"  # the narrowing is one tap back
    assert run.submit({"department": "15"}) == []
    await advance(run, actions)
    page = run.page()
    assert 0 < page.total <= MOST and "en Baja Verapaz" in str(page.searched)
    assert len(page.rows) == min(page.total, 10)
    assert all("Baja Verapaz" in str(row.facts[0]) for row in page.rows)


async def test_a_reserved_one_says_reservado_and_is_never_found_by_name(
    actions: dict[str, Bound],
) -> None:
    run = by_number(DEMO_RESERVED_NUMBER)
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)
    text = shown(run)
    assert "Reservado" in text and "Solo las partes" in text
    for hidden in ("Baltazar", "Coyoy", "Momostenango", "Violencia", "pesquisidor"):
        assert hidden not in text, hidden
    run = by_official("Baltazar Coyoy")
    await advance(run, actions)
    found = run.results["search"]
    assert isinstance(found, ResultsPage) and found.total == 1  # the public one only
    assert [str(row.title) for row in found.rows] == [f"Antejuicio {DEMO_RESERVED_OFFICIAL_PUBLIC}"]
    assert DEMO_RESERVED_OFFICIAL in str(found.rows[0].facts[0])


async def test_nothing_found_is_an_empty_list(actions: dict[str, Bound]) -> None:
    for run in (by_number("9999-2016"), by_official("Xbalanqué Zzyzx")):
        await advance(run, actions)
        assert isinstance(run.current, ResultsStep)
        assert run.page().total == 0 and run.page().rows == ()
        assert "No encontramos ningún antejuicio" in str(run.current.empty)


@pytest.mark.parametrize(
    ("typed", "code", "says"),
    [
        ("", "required", "alcalde de Mixco"),
        ("413-2016", "query_digits", "elija buscar con el número"),
        ("Pérez; DROP TABLE", "query_character", "Quite «;»"),
        ("<script>", "query_character", "Quite «<»"),
        ("de la", "query_too_short", "al menos un apellido"),
        ("j", "query_too_short", "al menos un apellido"),
        ("uno dos tres cuatro cinco seis siete ocho nueve", "query_too_many_words", "8 palabras"),
        ("x" * 81, "too_long", "como máximo 80"),
    ],
)
def test_the_name_or_post_says_how_to_fix_it_and_keeps_it(typed: str, code: str, says: str) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"mode": "funcionario"})
    [error] = run.submit({"official": typed})
    assert isinstance(error, FieldError) and (error.field_id, error.code) == ("official", code)
    assert says in error.message
    assert run.raw["official"] == typed and run.current.id == "official"


async def test_a_query_the_portal_refuses_goes_back_to_its_question(
    actions: dict[str, Bound],
) -> None:
    run = by_official("señor")  # the kiosk lets it pass; the portal finds no word to search
    with pytest.raises(AnswerRejected) as err:
        await advance(run, actions)
    assert err.value.field == "official" and err.value.text is not None
    assert "nombre y un apellido" in str(err.value.text)


def test_every_stage_body_and_promovente_is_explained() -> None:
    assert set(STAGES) == set(AntejuicioStage)
    for name, explained in STAGES.values():
        assert name and explained.endswith(".") and len(explained) > 40
        assert explained.count(". ") == 0  # one sentence
    assert set(BODIES) == set(Body) and set(PROMOVENTES) == set(PromoventeKind)


async def test_the_printout_says_what_was_searched_and_no_private_name(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = by_official("Mynor Quiñónez")
    await advance(run, actions)
    opened = next(row for row in run.page().rows if DEMO_OPEN_NUMBER in str(row.title))
    run.submit({"selected": opened.id})
    await advance(run, actions)
    sources = {**run.submitted_answers(), **run.results}
    [job] = await printout(RenderContext(client, "GT-TEST-0001"), sources)
    text = text_of(job.make(), tmp_path)
    assert f"Antejuicio {DEMO_OPEN_NUMBER}" in text and "Consulta de Antejuicios" in text
    assert "Funcionario buscado: «Mynor Quiñónez», en todo el país" in text
    assert DEMO_MIXCO_ALCALDE in text and "A. B. S. M." in text
    assert OPEN_PROMOVENTE not in text and "Solórzano" not in text
    assert "Juez pesquisidor nombrado" in text and "GT-TEST-0001" in text


async def test_the_printout_of_a_reserved_one_holds_nothing_else(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = by_number(DEMO_RESERVED_NUMBER)
    await advance(run, actions)
    [job] = await printout(RenderContext(client, ""), {**run.submitted_answers(), **run.results})
    text = text_of(job.make(), tmp_path)
    assert f"Antejuicio {DEMO_RESERVED_NUMBER}" in text and "Reservado" in text
    assert f"Número buscado: {DEMO_RESERVED_NUMBER}" in text
    for hidden in ("Baltazar", "Coyoy", "Momostenango", "Violencia"):
        assert hidden not in text
