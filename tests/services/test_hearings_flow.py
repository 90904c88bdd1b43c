"""Agenda de Audiencias walked without a screen, against the sandbox over HTTP: a case number in
the shapes people type, built step by step, malformed, a court's own old number, a reserved case;
a court's day (pages), a week (too many), a court with nothing; the date choices on each day of
the week; the portal slow or down; the printout's text and QR; and nothing of a query in the
logs."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from documents.pdf_reading import outside_margins, page_count, rasterize, read_qr, text_of, words_of
from support.actions import Bound, advance, bound_actions

from kiosk.courts import court
from kiosk.flows.engine import FlowRun
from kiosk.flows.lookup import CURSOR
from kiosk.flows.model import DetailStep, QuestionStep, ResultsStep
from kiosk.flows.records import ResultsPage
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalTimeout, PortalUnavailable
from kiosk.portal.models.hearings import HearingDetail, HearingState
from kiosk.sandbox.services.hearings import (
    BUSY_MINIMUM,
    DEMO_BUSY_COURT,
    DEMO_CASE_LINK,
    DEMO_CASE_NUMBER,
    DEMO_CASE_PARTIES,
    DEMO_EMPTY_COURT,
    DEMO_RESERVED_NUMBER,
    DEMO_RESERVED_PARTIES,
)
from kiosk.services import hearings
from kiosk.services.base import RenderContext
from kiosk.services.hearings import FLOW, MOST, SERVICE, hearing_paper, questions
from kiosk.services.hearings.actions import PAGE_SIZE, ReservedCase
from kiosk.ui.messages import for_error

TODAY = date.today()
COURT_NAME = court(DEMO_BUSY_COURT).name
NAMES = (*DEMO_CASE_PARTIES, *DEMO_RESERVED_PARTIES)


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


def by_number(typed: str) -> FlowRun:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"way": "number"}) == []
    assert run.current.id == "number"
    run.submit({"number": typed})
    return run


def to_court(run: FlowRun, court_id: str, kind: str | None = None) -> None:
    """Department → municipality → (kind) → court, from the court's own data."""
    found = court(court_id)
    assert run.submit({"department": str(found.department)}) == []
    assert run.submit({"municipality": str(found.municipality)}) == []
    if run.current.id == "court_kind":
        assert kind is not None
        assert run.submit({"court_kind": kind}) == []
    assert run.current.id == "court"
    assert run.submit({"court": court_id}) == []


def by_court(court_id: str, kind: str | None, when: str, day: str | None = None) -> FlowRun:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"way": "court"}) == []
    to_court(run, court_id, kind)
    assert run.current.id == "when"
    assert run.submit({"when": when}) == []
    if day is not None:
        assert run.current.id == "day"
        assert run.submit({"day": day}) == []
    return run


def shown_words(run: FlowRun) -> str:
    detail = run.detail()
    parts = [str(detail.heading)]
    for section in detail.sections:
        parts += [str(section.title), str(section.note)]
        parts += [f"{row.label} {row.value} {row.explain}" for row in section.rows]
        parts += [f"{day} {what}" for day, what in section.timeline]
    return "\n".join(parts)


# --- by case number -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["01002-2025-01234", "C-1002-2025-1234", "1002 2025 1234", "exp. 01002/2025/01234"]
)
async def test_a_case_in_every_shape_lists_its_hearings_coming_first(
    actions: dict[str, Bound], typed: str
) -> None:
    run = by_number(typed)
    await advance(run, actions)
    assert isinstance(run.current, ResultsStep)
    page = run.page()
    assert page.total == 3
    assert str(page.searched) == f"Número buscado: {DEMO_CASE_NUMBER} · {COURT_NAME}"
    titles = [str(row.title) for row in page.rows]
    assert "Etapa intermedia" in titles[0] and "Revisión de medida" in titles[1]
    facts = [[str(fact) for fact in row.facts] for row in page.rows]
    assert [f for f in facts[0] if f.startswith("Estado:")] == ["Estado: Reprogramada"]
    assert "También por videoconferencia" in facts[0]
    for row_facts in facts:  # hearings move: every entry says when it last changed
        assert any(f.startswith("Actualizado el ") for f in row_facts)
    assert "Estado: Suspendida" in facts[2]


async def test_the_moved_hearing_reads_in_full_with_every_state_explained(
    actions: dict[str, Bound],
) -> None:
    run = by_number(DEMO_CASE_NUMBER)
    await advance(run, actions)
    moved = run.page().rows[0]
    run.submit({"selected": moved.id})
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)
    hearing = run.results["fetch"]
    assert isinstance(hearing, HearingDetail) and hearing.state is HearingState.REPROGRAMADA
    rows = {row.id: row for s in run.detail().sections for row in s.rows}
    assert str(rows["hearing.state"].value) == "Reprogramada"
    assert "la que se muestra es la nueva" in str(rows["hearing.state"].explain)
    assert "Ministerio Público" in str(rows["hearing.kind"].explain)
    assert str(rows["hearing.minutes"].value) == "Alrededor de 1 hora y 30 minutos"
    assert ", a las 10:30" in str(rows["hearing.at"].value)
    assert "hearing.moved_from" in rows and "a las 08:30" in str(rows["hearing.moved_from"].value)
    assert rows["hearing.link"].value == DEMO_CASE_LINK
    assert "no abre enlaces" in str(rows["hearing.link"].explain)
    assert [rows["party.0"].value, rows["party.1"].value] == ["P. A. X. C.", "A. B. G. R."]
    assert str(rows["hearing.updated"].value)  # when the entry last changed, always
    words = shown_words(run)
    assert not [name for name in NAMES if name in words] and "Xitumul" not in words
    others = next(s for s in run.detail().sections if s.id == "others")
    assert len(others.timeline) == 2 and "Suspendida" in str(others.timeline[-1][1])
    assert run.back() and run.current.id == "results"  # back to the list to choose another


async def test_the_number_built_step_by_step(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"way": "number"})
    run.raw["number"] = "01002-20"  # half typed, then the visitor asks for help
    run.take_alternative()
    assert run.current.id == "department"
    to_court(run, DEMO_BUSY_COURT, kind="penal")
    assert run.current.id == "year_sequence"
    [error] = run.submit({"year": str(TODAY.year + 1), "sequence": "1234"})
    assert error.code in ("year_future", "too_large")
    assert run.submit({"year": "2025", "sequence": "1234"}) == []
    await advance(run, actions)
    assert run.page().total == 3 and DEMO_CASE_NUMBER in str(run.page().searched)
    assert run.raw["number"] == "01002-20"  # kept if they go back to type it


async def test_malformed_and_old_numbers_say_how_to_fix_them_and_keep_them() -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"way": "number"})
    [error] = run.submit({"number": "23001-2019-00001"})
    assert error.field_id == "number" and "de 01 a 22; 23 no existe" in error.message
    assert run.raw["number"] == "23001-2019-00001" and run.current.id == "number"
    [error] = run.submit({"number": "485-2011 Of. 2"})
    assert error.code == "case_number_not_sgt"
    assert "01173-2019-00123" in error.message and "juzgado y fecha" in error.message
    assert "485-2011 Of. 2" in error.message and run.raw["number"] == "485-2011 Of. 2"


async def test_a_case_not_on_the_agenda_says_what_to_do(actions: dict[str, Bound]) -> None:
    run = by_number("01002-2025-99999")
    await advance(run, actions)
    step = run.current
    assert isinstance(step, ResultsStep) and run.page().total == 0
    assert "Toque «Atrás»" in str(step.empty)


async def test_a_reserved_case_is_reservado_and_nothing_more(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = by_number(DEMO_RESERVED_NUMBER)
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)  # one row: straight to what can be said
    assert run.results["fetch"] == ReservedCase(DEMO_RESERVED_NUMBER)
    words = shown_words(run)
    assert "Reservado" in words and DEMO_RESERVED_NUMBER in words
    assert "familia, niñez o delitos sexuales" in words
    assert not [name for name in NAMES if name in words]
    [job] = await hearing_paper(RenderContext(client, "GT-TEST-0001"), _sources(run))
    text = text_of(job.make(), tmp_path)
    assert DEMO_RESERVED_NUMBER in text and "Reservado" in text
    assert "Tzoc" not in text and "T. F. T. P." not in text and "Juicio oral" not in text


# --- by court and date --------------------------------------------------------------------------


async def test_a_busy_courts_day_pages_and_ver_mas_goes_on(actions: dict[str, Bound]) -> None:
    first_day = questions._days({})[0].value  # today, or Monday on a weekend
    run = by_court(DEMO_BUSY_COURT, "penal", "pick", first_day)
    await advance(run, actions)
    page = run.page()
    assert page.total >= BUSY_MINIMUM and len(page.rows) == PAGE_SIZE
    assert page.next_cursor is not None
    assert "Agenda: Juzgado Primero de Primera Instancia Penal" in str(page.searched)
    more = await actions["search"]({**run.submitted_answers(), CURSOR: page.next_cursor}, "k")
    assert isinstance(more, ResultsPage)
    run.add_page(more)
    ids = [row.id for row in run.page().rows]
    assert len(ids) == len(set(ids)) == min(page.total, 2 * PAGE_SIZE)
    times = [str(row.title)[:5] for row in run.page().rows]  # "08:30 · ..."
    assert times == sorted(times)


async def test_a_week_at_a_busy_court_asks_to_narrow_it(actions: dict[str, Bound]) -> None:
    run = by_court(DEMO_BUSY_COURT, "penal", "next_week")
    await advance(run, actions)
    step = run.current
    assert isinstance(step, ResultsStep) and step.most == MOST
    assert run.page().total > MOST  # the screen asks for one day instead of pages
    assert "elija un solo día" in str(step.too_many)
    assert run.back() and run.current.id == "when"  # where the day is chosen again


async def test_a_court_with_nothing_on_the_agenda(actions: dict[str, Bound]) -> None:
    run = by_court(DEMO_EMPTY_COURT, "paz", "next_week")
    await advance(run, actions)
    assert isinstance(run.current, ResultsStep) and run.page().total == 0


async def test_a_family_courts_day_says_its_hearings_are_reserved(
    actions: dict[str, Bound],
) -> None:
    run = by_court(DEMO_RESERVED_NUMBER[:5], "familia", "next_week")
    await advance(run, actions)
    page = run.page()
    assert page.total == 0 and "asuntos reservados" in str(page.searched)


def test_a_small_town_has_no_kind_of_court_question() -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"way": "court"})
    run.submit({"department": "9"})  # Quetzaltenango
    run.submit({"municipality": "2"})  # Salcajá: one Juzgado de Paz
    assert run.current.id == "court"
    step = run.current
    assert isinstance(step, QuestionStep)
    [choice] = step.fields[0].options(run.answers)
    assert "Juzgado de Paz" in choice.label
    run.back()
    run.back()
    run.submit({"department": "1"})
    run.submit({"municipality": "1"})  # Guatemala: 84 courts, asked by kind first
    assert run.current.id == "court_kind"


# --- the date choices ---------------------------------------------------------------------------

MONDAY, FRIDAY, SATURDAY = date(2026, 12, 7), date(2026, 12, 11), date(2026, 12, 12)


Today = Callable[[date], None]


@pytest.fixture
def today_is(monkeypatch: pytest.MonkeyPatch) -> Today:
    """Sets the kiosk's today (the day the choices and their check are made for)."""

    def set_today(day: date) -> None:
        monkeypatch.setattr(questions, "kiosk_today", lambda: day)

    return set_today


def offered(today_is: Today, day: date) -> dict[str, str]:
    today_is(day)
    return {choice.value: str(choice.hint) for choice in questions._when({})}


def test_the_days_on_offer_follow_the_day_of_the_week(today_is: Today) -> None:
    monday = offered(today_is, MONDAY)
    assert list(monday) == ["today", "tomorrow", "this_week", "next_week", "pick"]
    assert (
        monday["today"] == "lunes 7 de diciembre" and monday["tomorrow"] == "martes 8 de diciembre"
    )
    assert monday["this_week"] == "del lunes 7 de diciembre al viernes 11 de diciembre"
    assert monday["next_week"] == "del lunes 14 de diciembre al viernes 18 de diciembre"
    assert list(offered(today_is, FRIDAY)) == ["today", "next_week", "pick"]
    saturday = offered(today_is, SATURDAY)
    assert list(saturday) == ["next_week", "pick"]  # no hearings today nor tomorrow
    assert saturday["next_week"].startswith("del lunes 14 de diciembre")


def test_a_day_is_picked_from_the_coming_working_days_written_out(today_is: Today) -> None:
    today_is(SATURDAY)
    days = questions._days({})
    assert days[0].value == "2026-12-14" and str(days[0].label) == "lunes 14 de diciembre"
    assert len(days) == 30 and all(date.fromisoformat(d.value).weekday() < 5 for d in days)
    assert str(days[-1].label) == "viernes 22 de enero"
    assert questions.days_of("this_week", today=MONDAY) == (MONDAY, FRIDAY)
    assert questions.days_of("tomorrow", today=MONDAY) == (MONDAY + timedelta(days=1),) * 2
    assert questions.days_of("pick", "2026-12-16") == (date(2026, 12, 16),) * 2


def test_a_day_not_on_offer_is_refused(today_is: Today) -> None:
    today_is(MONDAY)
    run = FlowRun(FLOW, today=MONDAY)
    run.submit({"way": "court"})
    to_court(run, DEMO_EMPTY_COURT, kind="paz")
    assert run.submit({"when": "pick"}) == []
    [error] = run.submit({"day": "2026-12-12"})  # a Saturday
    assert error.code == "choice_invalid" and run.current.id == "day"


# --- slow, down, the logs ----------------------------------------------------------------------


@pytest.fixture
def silent_portal() -> Iterator[str]:
    """A portal that takes the connection and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


async def test_a_slow_portal_says_so_and_offers_to_try_again(silent_portal: str) -> None:
    async with PortalClient(
        silent_portal, kiosk_id="GT-TEST-0001", kiosk_token="x", read_timeout=0.3, retries=0
    ) as slow:
        search = bound_actions(slow, service=SERVICE)["search"]
        with pytest.raises(PortalTimeout) as err:
            await search({"way": "number", "number": _parsed(DEMO_CASE_NUMBER)}, "k")
    message = for_error(err.value)
    assert message is not None and message.can_retry
    assert message.text.startswith("El portal está tardando demasiado en responder.")


async def test_a_portal_down_says_so_and_offers_to_try_again() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with PortalClient(
        f"http://127.0.0.1:{port}", kiosk_id="GT-TEST-0001", kiosk_token="x", retries=0
    ) as down:
        search = bound_actions(down, service=SERVICE)["search"]
        with pytest.raises(PortalUnavailable) as err:
            await search({"way": "number", "number": _parsed(DEMO_CASE_NUMBER)}, "k")
    message = for_error(err.value)
    assert message is not None and message.can_retry
    assert message.text.startswith("No hay conexión con el portal del Organismo Judicial")


async def test_nothing_of_a_query_reaches_the_logs(
    actions: dict[str, Bound], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    run = by_number(DEMO_CASE_NUMBER)
    await advance(run, actions)
    chosen = run.page().rows[0].id
    run.submit({"selected": chosen})
    await advance(run, actions)
    court_run = by_court(DEMO_BUSY_COURT, "penal", "next_week")
    await advance(court_run, actions)
    # the kiosk's own records, with every field they carry (kiosk.logs keeps httpx, which
    # writes whole URLs, at WARNING)
    ours = [r for r in caplog.records if r.name.startswith("kiosk")]
    logged = "\n".join(f"{r.getMessage()} {vars(r)}" for r in ours)
    for secret in (DEMO_CASE_NUMBER, "01002-2025", DEMO_BUSY_COURT, chosen):
        assert secret not in logged, secret
    routes = {getattr(r, "route", None) for r in ours}
    assert {"/hearings", "/hearings/{hearing_id}"} <= routes  # named by their templates


async def test_a_reset_forgets_the_search() -> None:
    run = by_number(DEMO_CASE_NUMBER)
    run.reset()
    assert (run.answers, run.raw, run.results) == ({}, {}, {}) and run.current.id == "way"


# --- the printout -------------------------------------------------------------------------------


def _sources(run: FlowRun) -> dict[str, object]:
    return {**run.submitted_answers(), **run.results}


async def test_the_printout_holds_the_hearing_its_link_as_a_qr_and_no_name(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = by_number("C-1002-2025-1234")
    await advance(run, actions)
    run.submit({"selected": run.page().rows[0].id})
    await advance(run, actions)
    [job] = await hearing_paper(RenderContext(client, "GT-TEST-0001"), _sources(run))
    assert job.name == hearings.DOCUMENT
    pdf = await asyncio.get_running_loop().run_in_executor(None, job.make)
    text = text_of(pdf, tmp_path)
    assert f"Expediente {DEMO_CASE_NUMBER}" in text
    assert f"Número buscado: {DEMO_CASE_NUMBER}" in text
    for words in ("Reprogramada", "Etapa intermedia", "P. A. X. C.", "Actualizada el",
                  "OTRAS AUDIENCIAS DE ESTE EXPEDIENTE", "quiosco GT-TEST-0001"):  # fmt: skip
        assert words in text, words
    assert DEMO_CASE_LINK in text.replace(" ", "")
    assert not [name for name in NAMES if name in text] and "Xitumul" not in text
    assert read_qr(rasterize(pdf, tmp_path)).text == DEMO_CASE_LINK
    assert page_count(pdf, tmp_path) == 1 and outside_margins(words_of(pdf, tmp_path)) == []


def _parsed(text: str) -> object:
    from kiosk.case_numbers import parse_case_number

    return parse_case_number(text, this_year=TODAY.year)
