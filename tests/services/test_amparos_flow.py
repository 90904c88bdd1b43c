"""Consulta de Amparos walked without a screen, against the sandbox over HTTP: the number in the
shapes people type it, the tribunal chosen by touch (the CSJ, a Sala or a juzgado by department
and branch, or every tribunal), an SGT number that names its tribunal, the number built from its
parts, not found, many and too many, a reserved amparo, malformed input, every state explained,
what the logs keep, and the printout's text."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from documents.pdf_reading import text_of
from support.actions import Bound, advance, bound_actions

from kiosk.courts import CourtKind, court
from kiosk.flows.engine import FlowRun
from kiosk.flows.lookup import CURSOR
from kiosk.flows.model import DetailStep, QuestionStep, ResultsStep
from kiosk.flows.records import Detail, ResultsPage
from kiosk.logs import configure
from kiosk.portal.client import PortalClient
from kiosk.portal.models.amparos import CSJ_ID, Amparo, AmparoMatter, AmparoState
from kiosk.sandbox.services.amparos import (
    DEMO_CC_NUMBER,
    DEMO_JUZGADO_NUMBER,
    DEMO_JUZGADO_TRIBUNAL,
    DEMO_PAGES_NUMBER,
    DEMO_RESERVED_NUMBER,
    DEMO_RESERVED_TRIBUNAL,
    DEMO_TOO_MANY_NUMBER,
    DEMO_VISTA_NUMBER,
    DEMO_VISTA_TRIBUNAL,
)
from kiosk.services.amparos import FLOW, MATTERS, SERVICE, STATES, amparo_record, record
from kiosk.services.base import RenderContext

TODAY = date(2026, 12, 6)
CC_POSTULANTE = "Agroindustrias Los Altos, Sociedad Anónima"  # stored; shown as A. A., S. A.
JUZGADO_POSTULANTE = "Juana Isabel Tzul Coyoy"


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


async def walk(actions: dict[str, Bound], *answers: dict[str, str]) -> FlowRun:
    run = FlowRun(FLOW, today=TODAY)
    for values in answers:
        assert run.submit(values) == [], values
        await advance(run, actions)
    return run


def shown(detail: Detail) -> str:
    parts = [str(detail.heading)]
    for section in detail.sections:
        parts += [str(section.title), str(section.note)]
        parts += [f"{row.label} {row.value} {row.explain}" for row in section.rows]
        parts += [f"{day} {what}" for day, what in section.timeline]
    return "\n".join(parts)


def options(run: FlowRun) -> list[str]:
    step = run.current
    assert isinstance(step, QuestionStep)
    [field] = step.fields
    return [choice.value for choice in field.options(run.answers)]


@pytest.mark.parametrize(
    "typed", ["1146-2022", "1146-22", "Amparo No. 1146-2022", "1146/2022", " 1146 2022 "]
)
async def test_the_number_as_people_type_it_at_the_csj(
    actions: dict[str, Bound], typed: str
) -> None:
    run = await walk(actions, {"number": typed}, {"tribunal": "csj"})
    assert isinstance(run.current, DetailStep)  # one match: straight to the record
    amparo = run.results["fetch"]
    assert isinstance(amparo, Amparo) and amparo.number == DEMO_CC_NUMBER
    text = shown(run.detail())
    assert "Apelado ante la Corte de Constitucionalidad" in text
    assert "no es parte del Organismo Judicial" in text and "www.cc.gob.gt" in text
    assert "Ministro de Ambiente y Recursos Naturales" in text  # the authority is public
    assert "A. A., S. A." in text and CC_POSTULANTE not in text and "Agroindustrias" not in text
    days = [day for s in run.detail().sections for day, _ in s.timeline]
    assert days == sorted(days, key=lambda d: d[6:] + d[3:5] + d[:2], reverse=True)
    assert run.back() and run.current.id == "tribunal"  # "Atrás" skips the list of one


async def test_an_sgt_number_names_its_tribunal_and_asks_no_more(
    actions: dict[str, Bound],
) -> None:
    run = await walk(actions, {"number": "C-9014-2025-87"})
    assert isinstance(run.current, DetailStep)
    amparo = run.results["fetch"]
    assert isinstance(amparo, Amparo)
    assert (amparo.number, amparo.tribunal_id) == (DEMO_VISTA_NUMBER, DEMO_VISTA_TRIBUNAL)
    text = shown(run.detail())
    assert "Vista" in text and "Fecha y hora" in text  # the vista still to be held
    assert "queda en pausa" not in text  # the state now is the vista, explained as such
    assert "Es el último paso antes de la sentencia" in text


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("01220-2025-00001", "de un juzgado de paz, y allí no se conocen amparos"),
        ("01999-2025-00001", "Ningún tribunal tiene el código 01999"),
        ("23001-2019-1", "de 01 a 22; 23 no existe"),
        ("1146", "Falta el año"),
        ("amparo", "Escriba el número del expediente"),
        (f"1146-{TODAY.year + 1}", "todavía no ha llegado"),
    ],
)
async def test_a_malformed_number_says_how_to_fix_it_and_keeps_it(typed: str, says: str) -> None:
    run = FlowRun(FLOW, today=TODAY)
    [error] = run.submit({"number": typed})
    assert error.field_id == "number" and says in error.message
    assert run.raw["number"] == typed and run.current.id == "number"


async def test_a_juzgado_chosen_by_department(actions: dict[str, Bound]) -> None:
    run = await walk(actions, {"number": DEMO_JUZGADO_NUMBER}, {"tribunal": "juzgado"})
    assert run.current.id == "department" and len(options(run)) == 22
    assert run.submit({"department": "9"}) == []
    assert run.current.id == "court"  # a short list: no branch asked
    courts = options(run)
    assert DEMO_JUZGADO_TRIBUNAL in courts
    assert {court(c).kind for c in courts} == {CourtKind.PRIMERA_INSTANCIA}
    assert all(c.startswith("09") for c in courts)
    assert run.submit({"court": DEMO_JUZGADO_TRIBUNAL}) == []
    await advance(run, actions)
    amparo = run.results["fetch"]
    assert isinstance(amparo, Amparo) and amparo.state is AmparoState.SENTENCIA_OTORGA
    text = shown(run.detail())
    assert "J. I. T. C." in text and JUZGADO_POSTULANTE not in text and "Tzul" not in text
    assert "Alcalde Municipal de Salcajá" in text and "Corte de Constitucionalidad" not in text


async def test_many_juzgados_are_narrowed_by_branch_and_only_there() -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"number": "3-2024"})
    run.submit({"tribunal": "juzgado"})
    run.submit({"department": "1"})
    assert run.current.id == "branch"  # sixty juzgados in Guatemala: the branch first
    run.submit({"branch": "familia"})
    family = options(run)
    assert 3 <= len(family) <= 10 and DEMO_RESERVED_TRIBUNAL not in family  # a Sala is no juzgado
    assert all("Familia" in court(c).name for c in family)
    run.back()
    run.back()
    run.submit({"department": "9"})  # the branch chosen for Guatemala does not filter here
    assert run.current.id == "court" and len(options(run)) == 12


async def test_a_sala_is_offered_only_where_there_is_one() -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"number": DEMO_RESERVED_NUMBER})
    run.submit({"tribunal": "sala"})
    departments = {int(value) for value in options(run)}
    assert departments == set(range(1, 23)) - {2, 6, 7, 8, 15}
    run.submit({"department": "1"})
    salas = options(run)
    assert len(salas) == 13 and {court(c).kind for c in salas} == {CourtKind.SALA}


async def test_a_reserved_amparo_says_reservado_and_nothing_more(
    actions: dict[str, Bound],
) -> None:
    run = await walk(
        actions,
        {"number": DEMO_RESERVED_NUMBER},
        {"tribunal": "sala"},
        {"department": "1"},
        {"court": DEMO_RESERVED_TRIBUNAL},
    )
    amparo = run.results["fetch"]
    assert isinstance(amparo, Amparo) and amparo.reserved
    detail = run.detail()
    rows = {row.id: row for section in detail.sections for row in section.rows}
    assert set(rows) == {"tribunal", "department", "state"}
    assert str(rows["state"].value) == "Reservado"
    assert "familia, de niños o de un delito sexual" in str(rows["state"].explain)
    assert [s.timeline for s in detail.sections] == [()]


async def test_the_number_built_from_its_parts(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.raw["number"] = "87-"  # half typed, then the visitor asks for help
    run.take_alternative()
    assert run.current.id == "tribunal"
    assert run.submit({"tribunal": "sala"}) == []
    assert run.submit({"department": "9"}) == []
    assert run.submit({"court": DEMO_VISTA_TRIBUNAL}) == []
    assert run.current.id == "year_sequence"
    [error] = run.submit({"sequence": "87", "year": str(TODAY.year + 1)})
    assert error.field_id == "year" and "todavía no ha llegado" in error.message
    [error] = run.submit({"sequence": "0", "year": "2025"})
    assert error.field_id == "sequence"
    assert run.submit({"sequence": "87", "year": "2025"}) == []
    await advance(run, actions)
    amparo = run.results["fetch"]
    assert isinstance(amparo, Amparo) and amparo.number == DEMO_VISTA_NUMBER
    assert run.raw["number"] == "87-"  # what was typed is still there if they go back


async def test_the_csj_on_the_builder_path_goes_straight_to_the_parts(
    actions: dict[str, Bound],
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.take_alternative()
    run.submit({"tribunal": "csj"})
    assert run.current.id == "year_sequence"
    run.submit({"sequence": "1146", "year": "2022"})
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)


async def test_at_every_tribunal_many_are_paged_and_too_many_ask_to_narrow(
    actions: dict[str, Bound],
) -> None:
    run = await walk(actions, {"number": DEMO_PAGES_NUMBER}, {"tribunal": "todos"})
    step = run.current
    assert isinstance(step, ResultsStep)
    page = run.page()
    assert 10 < page.total <= step.most and len(page.rows) == 10 and page.next_cursor
    assert str(page.searched) == f"Número buscado: {DEMO_PAGES_NUMBER}, en todos los tribunales"
    more = await actions["search"]({**run.submitted_answers(), CURSOR: page.next_cursor}, "k")
    assert isinstance(more, ResultsPage) and more.next_cursor is None
    run.add_page(more)
    assert len(run.page().rows) == page.total == len({row.id for row in run.page().rows})
    assert run.page().rows[0].title == court(CSJ_ID).name + ", Cámara de Amparo y Antejuicio"
    crowd = await walk(actions, {"number": DEMO_TOO_MANY_NUMBER}, {"tribunal": "todos"})
    assert isinstance(crowd.current, ResultsStep) and crowd.page().total > crowd.current.most


async def test_nothing_found_is_an_empty_list_that_says_what_to_do(
    actions: dict[str, Bound],
) -> None:
    run = await walk(actions, {"number": "99999-2019"}, {"tribunal": "csj"})
    step = run.current
    assert isinstance(step, ResultsStep)
    assert run.page().total == 0 and run.page().rows == ()
    assert "www.cc.gob.gt" in str(step.empty)  # filed before the CC: where to ask


def test_every_state_and_matter_has_a_plain_explanation() -> None:
    for state in AmparoState:
        name, explained = STATES[state]
        assert name and explained.endswith(".") and len(explained) < 160, state
        amparo = _amparo(state)
        rows = {row.id: row for s in record({}, {"fetch": amparo}).sections for row in s.rows}
        assert rows["state"].explain and str(rows["state"].explain) == explained
    for matter in AmparoMatter:
        assert all(MATTERS[matter]), matter


def test_the_cc_is_named_outside_the_oj_only_when_the_amparo_went_there() -> None:
    went = shown(record({}, {"fetch": _amparo(AmparoState.RESUELTO_CC, to_cc=True)}))
    assert "no es parte del Organismo Judicial" in went and "ya decidió" in went
    stayed = shown(record({}, {"fetch": _amparo(AmparoState.SENTENCIA_DENIEGA)}))
    assert "Corte de Constitucionalidad" not in stayed


@pytest.fixture
def kiosk_log(tmp_path: Path) -> Iterator[Path]:
    """The kiosk's own log configuration (``kiosk.logs``) at DEBUG, into a file; restored after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    quiet = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    path = tmp_path / "kiosk.log"
    configure("DEBUG", path)
    yield path
    for handler in root.handlers:
        handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, saved in quiet.items():
        logging.getLogger(name).setLevel(saved)


async def test_the_log_keeps_no_number_no_tribunal_no_party(
    actions: dict[str, Bound], kiosk_log: Path
) -> None:
    await walk(actions, {"number": DEMO_JUZGADO_NUMBER}, {"tribunal": "juzgado"},
               {"department": "9"}, {"court": DEMO_JUZGADO_TRIBUNAL})  # fmt: skip
    logged = kiosk_log.read_text(encoding="utf-8")
    assert "/amparos/{amparo_id}" in logged  # the calls are logged, by their templates
    for secret in (DEMO_JUZGADO_NUMBER, DEMO_JUZGADO_TRIBUNAL, "Salcaj", "J. I. T. C.", "am_"):
        assert secret not in logged, secret


async def test_the_printout_holds_what_was_searched_and_no_full_name(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = await walk(actions, {"number": "1146-22"}, {"tribunal": "csj"})
    sources = {**run.submitted_answers(), **run.results}
    [job] = await amparo_record(RenderContext(client, "GT-TEST-0001"), sources)
    text = text_of(job.make(), tmp_path)
    assert "Consulta de Amparos" in text and f"Amparo {DEMO_CC_NUMBER}" in text
    assert f"Número buscado: {DEMO_CC_NUMBER}, en Corte Suprema de Justicia" in text
    assert "no es parte del Organismo Judicial" in text and "www.cc.gob.gt" in text
    assert "A. A., S. A." in text and "Agroindustrias" not in text
    assert "ambiental. Lo que hizo la autoridad" in text and ".." not in text


async def test_a_reserved_printout_says_reservado_only(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = await walk(actions, {"number": DEMO_RESERVED_NUMBER}, {"tribunal": "sala"},
                     {"department": "1"}, {"court": DEMO_RESERVED_TRIBUNAL})  # fmt: skip
    [job] = await amparo_record(
        RenderContext(client, ""), {**run.submitted_answers(), **run.results}
    )
    text = text_of(job.make(), tmp_path)
    assert "Reservado" in text and "pensión" not in text.lower() and "Wendy" not in text


def _amparo(state: AmparoState, *, to_cc: bool = False) -> Amparo:
    return Amparo(
        id="am_0123456789abcdef",
        number="7-2024",
        tribunal_id=CSJ_ID,
        tribunal_name="Corte Suprema de Justicia",
        department="Guatemala",
        reserved=False,
        filed_on=date(2024, 1, 8),
        matter=AmparoMatter.CIVIL,
        authority="Ministro de Economía",
        act="La resolución que rechazó la prueba ofrecida.",
        state=state,
        postulantes=["R. E. C. R."],
        appealed_to_cc=to_cc,
    )
