"""Directorio de dependencias y órganos jurisdiccionales walked without a screen, against the
sandbox over HTTP: words however they are typed, too many, nothing found, refused words; the
place (department → kind → municipality), the nearest ones where a municipality has none and
their next page; the lead another service gives (``FlowRun.prefill``); the card with its hours
said by the kiosk's clock and its map QR; and the printout read back from the PDF."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from documents.pdf_reading import page_count, rasterize, read_qr, squeezed, text_of
from support.actions import Bound, advance, bound_actions

from kiosk.flows.engine import FlowRun
from kiosk.flows.lookup import CURSOR
from kiosk.flows.model import DetailStep, QuestionStep, ResultsStep
from kiosk.flows.records import ResultRow, ResultsPage
from kiosk.formats import GUATEMALA
from kiosk.portal.client import PortalClient
from kiosk.portal.models.directory import DirectoryEntry, OpeningHours
from kiosk.sandbox.services.directory import (
    DEMO_CSJ,
    DEMO_FACILITADORES,
    DEMO_MEDIATION,
    DEMO_NO_MEDIATION,
    DEMO_OFFICE,
    DEMO_TURNO,
    DEMO_WORDS_MANY,
    DEMO_WORDS_ONE,
    DEMO_WORDS_SOME,
)
from kiosk.services.base import AnswerRejected, RenderContext
from kiosk.services.directory import FLOW, MOST, SERVICE
from kiosk.services.directory.card import card_paper, map_link
from kiosk.services.directory.words import hours_text, open_now
from kiosk.working_days import WorkingDays

TODAY = date(2026, 12, 6)
WEEKDAYS = OpeningHours(weekdays=[1, 2, 3, 4, 5], opens="08:00", closes="15:30")
CAPITAL = WorkingDays((1, 1))


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


async def by_words(actions: dict[str, Bound], words: str) -> FlowRun:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"way": "words"}) == []
    assert run.submit({"words": words}) == []
    await advance(run, actions)
    return run


async def by_place(actions: dict[str, Bound], dept: int, kind: str, muni: str) -> FlowRun:
    run = FlowRun(FLOW, today=TODAY)
    for field, value in (("way", "place"), ("department", str(dept)), ("kind", kind)):
        assert run.submit({field: value}) == [], field
    assert run.submit({"municipality": muni}) == []
    await advance(run, actions)
    return run


def km(row: ResultRow) -> int:
    """How far a row says it is: «Centro de Mediación · Fraijanes, Guatemala · a unos 12 km»."""
    found = re.search(r"· a unos ([0-9]+) km$", str(row.facts[0]))
    assert found is not None, row.facts
    return int(found[1])


def shown(run: FlowRun) -> str:
    detail = run.detail()
    return " ".join(
        f"{row.label} {row.value} {row.explain}" for s in detail.sections for row in s.rows
    )


# --- words ----------------------------------------------------------------------------------------


async def test_one_match_opens_its_card(actions: dict[str, Bound]) -> None:
    run = await by_words(actions, DEMO_WORDS_ONE.upper())
    assert isinstance(run.current, DetailStep)  # one match: no list of one to tap through
    entry = run.results["fetch"]
    assert isinstance(entry, DirectoryEntry) and entry.id == DEMO_OFFICE
    detail = run.detail()
    assert detail.heading == "Unidad de Información Pública"  # the name, in large type
    text = shown(run)
    for fact in ("Palacio de Justicia", "2426-7000, ext.", "Lunes a viernes, de 8:00 a 16:00",
                 "informacion.publica@oj.gob.gt", "solicitudes de información"):  # fmt: skip
        assert fact in text, fact
    [hours] = [r for s in detail.sections for r in s.rows if r.id == "hours"]
    assert str(hours.explain).startswith(("Abierto ahora", "Cerrado ahora", "Cerrado hoy"))
    [where] = [s for s in detail.sections if s.qr]
    assert where.qr == map_link(entry) and where.qr.startswith("https://www.openstreetmap.org/")
    assert f"mlat={entry.latitude:.5f}" in where.qr and "cómo llegar" in str(where.qr_caption)
    assert run.back() and run.current.id == "words"


@pytest.mark.parametrize("typed", ["Quiché mediación", "quiche mediacion", "QUICHE MEDIACIONES"])
async def test_accents_capitals_and_plurals_find_the_same(
    actions: dict[str, Bound], typed: str
) -> None:
    run = await by_words(actions, typed)
    assert isinstance(run.current, ResultsStep)
    page = run.page()
    assert 2 <= page.total <= MOST and str(page.searched) == f"Buscó: «{typed}»"
    for row in page.rows:
        assert str(row.facts[0]).startswith("Centro de Mediación")
        if row.excerpt:  # the name does not say Quiché: the line where it was found, marked
            assert "Quiché" not in str(row.title)
            assert [words for words, marked in row.excerpt if marked] == ["Quiché"]
            assert len(row.facts) == 2  # the address and the place are in the excerpt
        else:
            assert "Quiché" in str(row.title) and "Quiché" in str(row.facts[0])
    assert any(row.excerpt for row in page.rows)


async def test_a_list_of_several_with_what_tells_them_apart(actions: dict[str, Bound]) -> None:
    run = await by_words(actions, DEMO_WORDS_SOME)
    page = run.page()
    assert page.total == 3 and page.next_cursor is None
    for row in page.rows:
        assert "Mixco" in str(row.title)
        kind_place, address, phone = (str(fact) for fact in row.facts)
        assert kind_place == "Juzgado de Paz · Mixco, Guatemala" and address
        assert len(phone.replace("-", "").split(",")[0]) == 8
    chosen = page.rows[1]
    assert run.submit({"selected": chosen.id}) == []
    await advance(run, actions)
    assert isinstance(run.current, DetailStep) and run.detail().heading == chosen.title
    assert run.back() and run.current.id == "results"


async def test_too_many_asks_to_narrow(actions: dict[str, Bound]) -> None:
    run = await by_words(actions, DEMO_WORDS_MANY)
    step = run.current
    assert isinstance(step, ResultsStep) and run.page().total > step.most
    assert "agregue una palabra" in str(step.too_many)


async def test_nothing_found_says_what_to_do(actions: dict[str, Bound]) -> None:
    run = await by_words(actions, "juzgado de paz de Tokio")
    step = run.current
    assert isinstance(step, ResultsStep) and run.page().total == 0
    assert "busque por lugar" in str(step.empty)
    assert (
        run.back() and run.current.id == "words" and run.raw["words"] == "juzgado de paz de Tokio"
    )


async def test_words_are_checked_and_kept() -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"way": "words"})
    [error] = run.submit({"words": "¿? ¡!"})
    assert error.code == "words_none" and "al menos una palabra" in error.message
    assert run.raw["words"] == "¿? ¡!" and run.current.id == "words"
    [error] = run.submit({"words": " ".join(["paz"] * 13)})
    assert error.code == "words_too_many" and "como máximo 8 palabras" in error.message


async def test_words_the_portal_cannot_search_go_back_to_the_question(
    actions: dict[str, Bound],
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"way": "words"})
    assert run.submit({"words": "de la"}) == []  # only little words: the portal says so
    with pytest.raises(AnswerRejected) as err:
        await advance(run, actions)
    assert err.value.field == "words" and "palabras" in str(err.value.text)
    assert run.back() and run.current.id == "words"


# --- the place ------------------------------------------------------------------------------------


async def test_a_department_and_kind_in_every_municipality(actions: dict[str, Bound]) -> None:
    run = await by_place(actions, 9, "mediacion", "all")
    page = run.page()
    assert page.rows[0].id == DEMO_MEDIATION and page.total == len(page.rows)
    assert str(page.searched) == "Centros de Mediación en el departamento de Quetzaltenango"
    assert all("Quetzaltenango" in str(row.facts[0]) for row in page.rows)


async def test_a_municipality_without_one_lists_the_nearest(actions: dict[str, Bound]) -> None:
    dept, muni = DEMO_NO_MEDIATION
    run = await by_place(actions, dept, "mediacion", str(muni))
    page = run.page()
    assert str(page.searched) == (
        "En San José del Golfo no hay Centros de Mediación. Estos son los más cercanos, en el "
        "departamento de Guatemala."
    )
    distances = [km(row) for row in page.rows]
    assert distances == sorted(distances) and len(page.rows) == 10
    assert page.next_cursor == "near:10"
    more = await actions["search"]({**run.submitted_answers(), CURSOR: page.next_cursor}, "k")
    assert isinstance(more, ResultsPage) and more.rows
    assert not {r.id for r in more.rows} & {r.id for r in page.rows}
    following = [km(row) for row in more.rows]
    assert following[0] >= distances[-1]
    assert page.total == more.total == len(page.rows) + len(more.rows)


async def test_the_choices_follow_the_department(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"way": "place"})
    run.submit({"department": "2"})  # El Progreso: no Sala de Apelaciones, no CSJ
    kind = run.current
    assert isinstance(kind, QuestionStep)
    offered = [c.value for c in kind.fields[0].options(run.answers)]
    assert offered[0] == "all" and {"paz", "mediacion", "facilitadores", "oficina"} <= set(offered)
    assert "csj" not in offered and "sala" not in offered
    [error] = run.submit({"kind": "csj"})
    assert error.field_id == "kind"
    run.submit({"kind": "sentencia"})
    municipality = run.current
    assert isinstance(municipality, QuestionStep)
    options = municipality.fields[0].options(run.answers)
    assert [c.value for c in options] == ["all", "1"]  # the seat's Tribunal de Sentencia only
    assert run.back() and run.back()
    run.submit({"department": "1"})
    offered = [c.value for c in run.current.fields[0].options(run.answers)]  # type: ignore[union-attr]
    assert "csj" in offered and "sala" in offered


async def test_the_statistics_lead_lands_on_the_municipality() -> None:
    """«Buscar el centro de mediación más cercano» gives way, department and kind."""
    run = FlowRun(FLOW, today=TODAY)
    run.prefill({"way": "place", "department": "16", "kind": "mediacion"})
    assert run.current.id == "municipality"
    assert run.answers == {"way": "place", "department": "16", "kind": "mediacion"}
    options = run.current.fields[0].options(run.answers)  # type: ignore[union-attr]
    assert options[0].value == "all" and len(options) == 1 + 17  # Alta Verapaz
    assert run.back() and run.current.id == "kind"  # every given answer can still change
    again = FlowRun(FLOW, today=TODAY)
    again.prefill({"way": "place", "department": "9", "kind": "csj"})  # not in Quetzaltenango
    assert again.current.id == "kind"


# --- the card -------------------------------------------------------------------------------------


async def test_a_facilitadores_card_says_where_to_find_them(actions: dict[str, Bound]) -> None:
    run = await by_words(actions, "facilitadores chichicastenango")
    assert isinstance(run.current, DetailStep)
    entry = run.results["fetch"]
    assert isinstance(entry, DirectoryEntry) and entry.id == DEMO_FACILITADORES
    reach = [s for s in run.detail().sections if s.id == "reach"]
    assert reach and "Juzgado de Paz" in str(reach[0].rows[0].value)
    assert "Vecinos nombrados por el juez de paz" in shown(run)


async def test_a_juzgado_de_turno_is_always_open(actions: dict[str, Bound]) -> None:
    entry = await actions["fetch"]({"selected": DEMO_TURNO}, "k")
    assert isinstance(entry, DirectoryEntry)
    assert str(hours_text(entry.hours)) == "Abierto las 24 horas, todos los días"
    assert str(open_now(entry.hours, datetime(2026, 12, 25, 3, 0, tzinfo=GUATEMALA), CAPITAL)) == (
        "Abierto ahora: atiende las 24 horas, todos los días."
    )


def at(day: int, month: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=GUATEMALA)


@pytest.mark.parametrize(
    ("moment", "said"),
    [
        (at(9, 12, 10), "Abierto ahora; cierra a las 15:30."),  # a Wednesday morning
        (at(9, 12, 7, 30), "Cerrado ahora; abre hoy a las 8:00."),
        (at(9, 12, 15, 30), "Cerrado ahora; abre mañana a las 8:00."),
        (at(11, 12, 16), "Cerrado ahora; abre el lunes a las 8:00."),  # Friday afternoon
        (at(12, 12, 11), "Cerrado ahora; abre el lunes a las 8:00."),  # Saturday
        (at(15, 9, 10), "Cerrado hoy (Día de la Independencia); abre mañana a las 8:00."),
        (
            at(15, 8, 10, year=2025),
            "Cerrado hoy (Virgen de la Asunción); abre el lunes a las 8:00.",
        ),
        (at(24, 12, 11), "Abierto ahora; cierra a las 12:00."),  # the half day
        (at(24, 12, 13), "Cerrado ahora; abre el lunes a las 8:00."),  # 25 is off, then a weekend
        (at(1, 4, 9), "Cerrado hoy (Miércoles Santo); abre el lunes a las 8:00."),  # Semana Santa
        (datetime(2026, 12, 9, 16, 0, tzinfo=UTC), "Abierto ahora; cierra a las 15:30."),  # 10:00
    ],
)
def test_open_now_by_the_kiosks_clock_and_the_place_calendar(moment: datetime, said: str) -> None:
    assert str(open_now(WEEKDAYS, moment, CAPITAL)) == said


def test_a_towns_own_feria_closes_its_offices() -> None:
    chichicastenango = WorkingDays((14, 6))  # Santo Tomás, 21 December
    assert str(open_now(WEEKDAYS, at(21, 12, 10), chichicastenango)) == (
        "Cerrado hoy (Santo Tomás Apóstol); abre mañana a las 8:00."
    )
    assert str(open_now(WEEKDAYS, at(21, 12, 10), CAPITAL)).startswith("Abierto ahora")


def test_hours_are_said_as_people_say_them() -> None:
    assert str(hours_text(WEEKDAYS)) == "Lunes a viernes, de 8:00 a 15:30"
    weekend = OpeningHours(weekdays=[6, 7], opens="09:00", closes="12:00")
    assert str(hours_text(weekend)) == "sábado y domingo, de 9:00 a 12:00"


# --- the printout ---------------------------------------------------------------------------------


async def test_the_printed_card_holds_what_the_screen_shows_and_its_qr(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    entry = await actions["fetch"]({"selected": DEMO_CSJ}, "k")
    assert isinstance(entry, DirectoryEntry)
    [job] = await card_paper(RenderContext(client, "GT-TEST-0001"), {"fetch": entry})
    assert job.name == "directory_card" and "Corte" not in job.title  # a title, not the data
    pdf = job.make()
    assert page_count(pdf, tmp_path) == 1
    text = text_of(pdf, tmp_path)
    for fact in ("Directorio de tribunales y oficinas", "Corte Suprema de Justicia",
                 "21 calle 7-70, zona 1", "2426-7000, ext.", "Lunes a viernes, de 8:00 a 15:30",
                 "corte.suprema@oj.gob.gt", "Lea este código con su teléfono",
                 "GT-TEST-0001"):  # fmt: skip
        assert squeezed(fact) in squeezed(text), fact
    assert read_qr(rasterize(pdf, tmp_path)).text == map_link(entry)
