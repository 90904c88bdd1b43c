"""Registro Central de Detenidos walked without a screen, against the sandbox over HTTP: by DPI and
by full name in the shapes people write it, partial names refused in plain Spanish with what was
typed kept, homonyms, pages and too many, nobody found as an answer of its own, a reserved matter,
a minor, the portal's refusal, the logs, and the printout's text."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest
from documents.pdf_reading import text_of
from support.actions import Bound, advance, bound_actions

from kiosk.flows.engine import FlowRun
from kiosk.flows.lookup import CURSOR
from kiosk.flows.model import DetailStep, QuestionStep, ResultsStep
from kiosk.flows.records import Detail, ResultsPage
from kiosk.portal.client import PortalClient
from kiosk.portal.models.detainees import NAME_MATCHES_MAX, Detainee, DetentionStatus
from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.sandbox.services.detainees import (
    DEMO_CROWD,
    DEMO_DETAINED,
    DEMO_HOMONYMS,
    DEMO_MANY,
    DEMO_MINOR,
    DEMO_RELEASED,
    DEMO_RESERVED,
)
from kiosk.services.base import AnswerRejected, RenderContext
from kiosk.services.detainees import (
    FLOW,
    NOT_REGISTERED,
    SERVICE,
    NotRegistered,
    detainee_record,
)

TODAY = date(2026, 12, 6)


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


def by_name(given: str, first: str, second: str = "") -> FlowRun:
    run = FlowRun(FLOW, today=TODAY)
    run.take_alternative()  # "No tengo el DPI: buscar por el nombre completo"
    assert run.current.id == "name"
    errors = run.submit({"given_names": given, "first_surname": first, "second_surname": second})
    assert errors == [], [e.message for e in errors]
    return run


def shown(detail: Detail) -> str:
    """Every word of the record, as the screen would show it (in Spanish)."""
    words = [str(detail.heading)]
    for section in detail.sections:
        words += [str(section.title), str(section.note)]
        words += [f"{row.label} {row.value} {row.explain}" for row in section.rows]
    return " ".join(words)


async def test_by_dpi_the_record_gives_the_public_minimum(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"dpi": "8041 27352 0101"}) == []  # spaces, as on the card
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)  # one person: no list of one to tap through
    found = run.results["fetch"]
    assert isinstance(found, Detainee) and found.status is DetentionStatus.DETENIDO
    detail = run.detail()
    text = shown(detail)
    assert str(detail.heading) == "Registra detención"
    for expected in (
        DEMO_DETAINED.centre, "Centro de detención preventiva:", "Juzgado Tercero de Primera",
        "14/08/2025", "M. E. S. L.", "1988", "•••• ••••• 0101", "DPI buscado: •••• ••••• 0101",
    ):  # fmt: skip
        assert expected in text, expected
    for secret in ("Mynor", "Sarceño", "Lemus", DEMO_DETAINED.dpi, "8041"):
        assert secret not in text, secret
    assert run.back() and run.current.id == "dpi"  # "Atrás" skips the list of one


@pytest.mark.parametrize(
    ("given", "first", "second"),
    [
        ("Mynor Estuardo", "Sarceño", "Lemus"),
        ("mynor", "SARCENO", ""),  # no accents, no second surname
        ("Estuardo", "sarceño", ""),
        ("Mynor", "Sarceño Lemus", ""),  # both surnames in the first box
    ],
)
async def test_by_name_however_it_is_written(
    actions: dict[str, Bound], given: str, first: str, second: str
) -> None:
    run = by_name(given, first, second)
    await advance(run, actions)
    found = run.results["fetch"]
    assert isinstance(found, Detainee) and found.initials == "M. E. S. L."
    assert f"Nombre buscado: {given}" in shown(run.detail())


@pytest.mark.parametrize(
    ("field", "typed", "says"),
    [
        ("given_names", "J.", "Escriba «J.» completo, sin abreviar"),
        ("given_names", "Ma. José", "Escriba «Ma.» completo, sin abreviar"),
        ("given_names", "J", "en lugar de la inicial «J»"),
        ("given_names", "", "Escriba al menos un nombre de la persona, completo."),
        ("given_names", "Jo*", "quite «*»"),
        ("given_names", "José 2", "quite «2»"),
        ("first_surname", "", "Escriba el primer apellido de la persona"),
        ("first_surname", "Sar%", "quite «%»"),
        ("first_surname", "de la", "«de la» no es un nombre completo"),
        ("first_surname", "Chiroy Tzul Batz", "Escriba un solo apellido en cada casilla."),
        ("second_surname", "Tzul Batz", "Escriba un solo apellido en cada casilla."),
    ],
)
def test_a_partial_name_says_how_to_fix_it_and_keeps_what_was_typed(
    field: str, typed: str, says: str
) -> None:
    values = {"given_names": "José Luis", "first_surname": "Chiroy", "second_surname": ""}
    values[field] = typed
    run = FlowRun(FLOW, today=TODAY)
    run.take_alternative()
    [error] = run.submit(values)
    assert error.field_id == field and says in error.message
    assert run.current.id == "name" and run.raw[field] == typed


def test_both_surnames_in_the_first_box_and_a_second_one_too() -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.take_alternative()
    values = {"given_names": "José", "first_surname": "Chiroy Tzul", "second_surname": "Batz"}
    [error] = run.submit(values)
    assert error.field_id == "first_surname" and "solo el primer apellido" in error.message


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("2468 13571 0118", "Los dos últimos dígitos del DPI (18)"),  # no such municipality
        ("2468 13572 0101", "no es válido"),  # the check digit
        ("2468 1357", "faltan 5"),
        ("", "Escriba el DPI de la persona"),
    ],
)
def test_a_malformed_dpi_says_how_to_fix_it(typed: str, says: str) -> None:
    run = FlowRun(FLOW, today=TODAY)
    [error] = run.submit({"dpi": typed})
    assert error.field_id == "dpi" and says in error.message, error.message
    assert run.raw["dpi"] == typed and run.current.id == "dpi"


async def test_homonyms_are_listed_by_birth_year_and_department(
    actions: dict[str, Bound],
) -> None:
    run = by_name("José Luis", "Chiroy")
    await advance(run, actions)
    step = run.current
    assert isinstance(step, ResultsStep)
    page = run.page()
    assert page.total == len(page.rows) == len(DEMO_HOMONYMS)
    assert str(page.searched) == "Nombre buscado: José Luis Chiroy"
    facts = {tuple(str(fact) for fact in row.facts) for row in page.rows}
    assert ("Nació en 1979", "Departamento de nacimiento: Totonicapán") in facts
    assert {str(row.title) for row in page.rows} == {"J. L. C. T.", "J. L. C. B.", "J. L. C."}
    chosen = page.rows[1]
    run.submit({step.field: chosen.id})
    await advance(run, actions)
    found = run.results["fetch"]
    assert isinstance(found, Detainee) and found.id == chosen.id
    assert run.back() and run.current.id == step.id  # back to the list to choose another


async def test_more_pages_continue_the_same_search(actions: dict[str, Bound]) -> None:
    run = by_name(DEMO_MANY.given_name, DEMO_MANY.first_surname)
    await advance(run, actions)
    page = run.page()
    assert (len(page.rows), page.total) == (10, DEMO_MANY.count) and page.next_cursor
    while (cursor := run.page().next_cursor) is not None:  # "Ver más"
        more = await actions["search"]({**run.submitted_answers(), CURSOR: cursor}, "k")
        assert isinstance(more, ResultsPage)
        run.add_page(more)
    ids = [row.id for row in run.page().rows]
    assert len(ids) == len(set(ids)) == DEMO_MANY.count


async def test_too_many_asks_to_narrow_the_search(actions: dict[str, Bound]) -> None:
    run = by_name(DEMO_CROWD.given_name, DEMO_CROWD.first_surname)
    await advance(run, actions)
    step, page = run.current, run.page()
    assert isinstance(step, ResultsStep) and step.most == NAME_MATCHES_MAX
    assert page.total == DEMO_CROWD.count > step.most and page.rows == ()
    assert "segundo apellido" in str(step.too_many)
    assert run.back() and run.current.id == "name"


@pytest.mark.parametrize(
    "dpi", [DEMO_CLEAN.dpi, DEMO_RELEASED.dpi, DEMO_MINOR.dpi], ids=["never", "released", "minor"]
)
async def test_nobody_found_is_an_answer_that_says_what_it_means(
    actions: dict[str, Bound], dpi: str
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"dpi": dpi}) == []
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)
    assert isinstance(run.results["fetch"], NotRegistered)  # nothing read from the portal
    detail = run.detail()
    assert str(detail.heading) == "No registra detención"
    assert NOT_REGISTERED in shown(detail) and "antecedentes penales" in NOT_REGISTERED
    assert run.back() and run.current.id == "dpi"


async def test_a_minor_by_name_and_a_reserved_matter_by_name_find_nobody(
    actions: dict[str, Bound],
) -> None:
    for person in (DEMO_MINOR, DEMO_RESERVED):
        run = by_name(person.given_names, person.first_surname)
        await advance(run, actions)
        assert isinstance(run.results["fetch"], NotRegistered)
        assert "busque con el DPI" in shown(run.detail())


async def test_a_reserved_matter_by_dpi_says_reservado_and_nothing_else(
    actions: dict[str, Bound],
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"dpi": DEMO_RESERVED.dpi}) == []
    await advance(run, actions)
    detail = run.detail()
    assert str(detail.heading) == "Registro reservado"
    assert [section.id for section in detail.sections] == ["result"]
    text = shown(detail)
    assert "La ley protege los datos de este caso" in text
    for secret in ("H. T. Q.", "1984", "Zona 18", "Femicidio", "11/03/2025", "Tzic"):
        assert secret not in text


async def test_what_the_portal_refuses_goes_back_to_its_field(actions: dict[str, Bound]) -> None:
    """The kiosk checks first; if the portal still refuses (a newer rule), the visitor is sent
    back to the answer it names, in the portal's words."""
    with pytest.raises(AnswerRejected) as refused:
        await actions["search"]({"dpi": "8041273530101"}, "k")  # its check digit does not fit
    assert refused.value.field == "dpi" and "no es válido" in (refused.value.detail or "")
    with pytest.raises(AnswerRejected) as refused:
        await actions["search"]({"given_names": "Jo*", "first_surname": "Chiroy"}, "k")
    assert refused.value.field == "given_names" and "quite «*»" in (refused.value.detail or "")


async def test_no_search_leaves_a_dpi_or_a_name_in_the_logs(
    actions: dict[str, Bound], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"dpi": DEMO_DETAINED.dpi})
    await advance(run, actions)
    named = by_name("Mynor", "Sarceño", "Lemus")
    await advance(named, actions)
    assert caplog.records  # the client said what it called: its route templates
    plain = logging.makeLogRecord({}).__dict__  # what every record has: times, file, line...
    for record in caplog.records:
        extra = {k: v for k, v in record.__dict__.items() if k not in plain}
        said = f"{record.getMessage()} {record.args} {extra}"
        for secret in (DEMO_DETAINED.dpi, "8041 27352", "Mynor", "Sarceño", "Sarceno", "Lemus"):
            assert secret not in said, (secret, record.getMessage())


async def test_the_printout_says_what_the_screen_says_with_initials_only(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = by_name("Mynor", "Sarceño", "Lemus")
    await advance(run, actions)
    sources = {**run.submitted_answers(), **run.results}
    [job] = await detainee_record(RenderContext(client, "GT-TEST-0001"), sources)
    assert job.name == "detainee_record"
    text = text_of(job.make(), tmp_path)
    for expected in (
        "Registro Central de Detenidos", "Registra detención", "M. E. S. L.",
        "Nombre buscado (iniciales): M. S. L.", DEMO_DETAINED.centre, "14/08/2025",
        "•••• ••••• 0101", "GT-TEST-0001",
    ):  # fmt: skip
        assert expected in text, expected
    for secret in ("Mynor", "Sarceño", "Lemus", DEMO_DETAINED.dpi):
        assert secret not in text, secret


async def test_nobody_found_prints_too(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"dpi": DEMO_CLEAN.dpi})
    await advance(run, actions)
    sources = {**run.submitted_answers(), **run.results}
    [job] = await detainee_record(RenderContext(client, "GT-TEST-0001"), sources)
    text = text_of(job.make(), tmp_path)
    assert "No registra detención" in text and "no es una constancia de antecedentes" in text
    assert f"DPI buscado: •••• ••••• {DEMO_CLEAN.dpi[-4:]}" in text
    assert DEMO_CLEAN.dpi not in text and "María" not in text


def test_the_flow_asks_a_dpi_or_the_name_and_every_step_leads_on() -> None:
    FLOW.validate_graph()
    assert FLOW.start == "dpi"
    name = FLOW.step("name")
    assert isinstance(name, QuestionStep) and name.next == "search"
    assert [f.id for f in name.fields] == ["given_names", "first_surname", "second_surname"]
    assert [f.required for f in name.fields] == [True, True, False]
