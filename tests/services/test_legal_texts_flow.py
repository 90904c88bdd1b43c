"""Normativas y Resoluciones walked without a screen, against the sandbox over HTTP: words with
and without accents, a long law read by part (the part with the searched words first), a short
document opened at once, the rules of the questions (the typed value kept), the portal's
refusals on the question that fixes them, nothing found, too many, «Ver más», and the paper:
what is read, only the articles picked, and past the page cap a refusal in the visitor's words.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from support.actions import Bound, advance, bound_actions

from kiosk.flows.engine import FlowRun
from kiosk.flows.lookup import CURSOR, SELECTED
from kiosk.flows.model import DetailStep, ResultsStep
from kiosk.flows.records import PICKED, ResultsPage
from kiosk.i18n import tr
from kiosk.portal.client import PortalClient
from kiosk.portal.models.legal_texts import LegalTextPart
from kiosk.sandbox.services.legal_texts import (
    DEMO_CODE,
    DEMO_CODE_PRINTABLE,
    DEMO_LAW,
    DEMO_LAW_NOTIFICATIONS,
    DEMO_REPEALED,
    DEMO_REPEALED_BY,
    DEMO_SHORT_LAW,
    DEMO_WORDS_NONE,
    DEMO_WORDS_TOO_MANY,
)
from kiosk.services.base import AnswerRejected, RenderContext
from kiosk.services.legal_texts import FLOW, MOST, SERVICE
from kiosk.services.legal_texts.paper import TooLongToPrint, legal_text_paper
from kiosk.services.legal_texts.portal import WHOLE

TODAY = date(2026, 12, 6)


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


async def searched(
    actions: dict[str, Bound], words: str, kind: str = "", years: tuple[str, str] = ("", "")
) -> FlowRun:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"words": words}) == []
    assert run.submit({"kind": kind, "year_from": years[0], "year_to": years[1]}) == []
    await advance(run, actions)
    return run


def plain(excerpt: tuple[tuple[str, bool], ...]) -> str:
    return "".join(words for words, _marked in excerpt)


async def test_a_long_law_opens_at_the_part_with_the_words(actions: dict[str, Bound]) -> None:
    run = await searched(actions, "Notificacion", kind="ley")
    assert isinstance(run.current, ResultsStep)
    page = run.page()
    assert page.total > 1
    assert str(page.searched) == "Buscó «Notificacion» · Leyes · de todos los años"
    row = next(row for row in page.rows if row.id == DEMO_LAW)
    assert str(row.facts[0]) == "Ley · Decreto 2-89"
    assert plain(row.excerpt).startswith("Artículo ")  # the article named, then its words
    assert any(marked and "otificaci" in words for words, marked in row.excerpt)
    run.submit({SELECTED: DEMO_LAW})
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)  # straight to the part that holds the words
    assert run.answers["part"] == DEMO_LAW_NOTIFICATIONS
    assert run.back()  # «Atrás»: every part of the law, what was looked for first
    parts = run.current
    assert isinstance(parts, ResultsStep) and parts.id == "parts"
    rows = run.page().rows
    assert rows[0].id == DEMO_LAW_NOTIFICATIONS
    assert str(rows[0].facts[-1]).startswith("Aquí está lo que buscó: Artículo ")
    assert rows[0].excerpt and len(rows) > 5 and not rows[1].excerpt
    run.submit({"part": rows[0].id})
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)
    detail = run.detail()
    sections = {section.id: section for section in detail.sections}
    about = {row.id: row for row in sections["about"].rows}
    assert str(about["kind"].value) == "Ley" and "Congreso" in str(about["kind"].explain)
    assert str(about["state"].value) == "Vigente, con reformas"
    assert "cambió algunos de sus artículos" in str(about["state"].explain)
    assert str(about["part"].value) == "Título III · Capítulo II: Notificación electrónica"
    matched = str(about["match"].value)
    articles = [s for s in detail.sections if s.pickable]
    assert articles and all(s.id.startswith("articulo-") and s.text for s in articles)
    assert matched in [str(s.title).split(".")[0] for s in articles]  # the article is here
    assert "muestra" in str(sections["about"].note)  # the portal's note about its copy
    assert run.back() and run.current.id == "parts"  # «Atrás»: another part


async def test_a_short_document_opens_at_once(actions: dict[str, Bound]) -> None:
    run = await searched(actions, "femicidio", kind="ley")
    run.submit({SELECTED: DEMO_SHORT_LAW})
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)  # one part: no list of one to tap through
    detail = run.detail()
    assert "part" not in {row.id for section in detail.sections for row in section.rows}
    part = run.results["read"]
    assert isinstance(part, LegalTextPart) and part.id == "todo"
    assert len([s for s in detail.sections if s.pickable]) == len(part.units)
    assert run.back() and run.current.id == "results"


async def test_the_repealed_law_says_so_in_plain_words(actions: dict[str, Bound]) -> None:
    run = await searched(actions, "carrera judicial", kind="ley")
    run.submit({SELECTED: DEMO_REPEALED})
    await advance(run, actions)
    if isinstance(run.current, ResultsStep):  # by parts: the first
        run.submit({"part": run.page().rows[0].id})
        await advance(run, actions)
    state = next(r for s in run.detail().sections for r in s.rows if r.id == "state")
    assert str(state.value) == "Derogada" and DEMO_REPEALED_BY in str(state.explain)


def test_the_questions_say_how_to_fix_and_keep_what_was_typed() -> None:
    run = FlowRun(FLOW, today=TODAY)
    [error] = run.submit({"words": "¿?¡!"})
    assert (error.field_id, error.code) == ("words", "words_signs")
    assert "letras o números" in error.message and run.raw["words"] == "¿?¡!"
    assert run.submit({"words": ""}) == []  # words may be left out
    errors = run.submit({"kind": "ley", "year_from": "1850", "year_to": "3000"})
    assert [(e.field_id, e.code) for e in errors] == [
        ("year_from", "year_range"),
        ("year_to", "year_range"),
    ]
    assert "de 1900 a 2026" in errors[0].message
    [error] = run.submit({"kind": "ley", "year_from": "2020", "year_to": "2015"})
    assert (error.field_id, error.code) == ("year_to", "years_order")
    assert "2020" in error.message and run.raw["year_to"] == "2015"
    assert run.submit({"kind": "", "year_from": "2019", "year_to": "2019"}) == []


async def test_nothing_given_or_only_small_words_go_back_to_the_words(
    actions: dict[str, Bound],
) -> None:
    for words in ("", "de la por"):
        run = FlowRun(FLOW, today=TODAY)
        run.submit({"words": words})
        run.submit({"kind": "todos", "year_from": "", "year_to": ""})
        with pytest.raises(AnswerRejected) as err:
            await advance(run, actions)
        assert err.value.field == "words" and err.value.text is not None
        assert "palabra" in tr(err.value.text)
        assert run.back() and run.current.id == "filters"


async def test_nothing_found_and_too_many(actions: dict[str, Bound]) -> None:
    run = await searched(actions, DEMO_WORDS_NONE)
    assert isinstance(run.current, ResultsStep) and run.page().total == 0
    run = await searched(actions, DEMO_WORDS_TOO_MANY)
    step = run.current
    assert isinstance(step, ResultsStep) and run.page().total > MOST == step.most
    assert step.too_many


async def test_more_continues_the_same_search(actions: dict[str, Bound]) -> None:
    answers = {"words": "notificación", "kind": None, "year_from": None, "year_to": None}
    first = await actions["search"]({**answers, CURSOR: None}, "k")
    assert isinstance(first, ResultsPage) and first.next_cursor is not None
    second = await actions["search"]({**answers, CURSOR: first.next_cursor}, "k")
    assert isinstance(second, ResultsPage) and second.total == first.total
    assert not {row.id for row in first.rows} & {row.id for row in second.rows}


async def test_a_listing_without_words_is_newest_first(actions: dict[str, Bound]) -> None:
    run = await searched(actions, "", kind="circular", years=("2020", "2022"))
    page = run.page()
    assert page.total > 5 and str(page.searched).startswith("Sin palabras · Circulares · de 2020")
    days = [str(row.facts[1]).split(" ")[0] for row in page.rows]
    assert days == sorted(days, key=lambda d: d[6:10] + d[3:5] + d[:2], reverse=True)


# --- the paper -----------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


async def opened(actions: dict[str, Bound], text_id: str, part: str, words: str) -> FlowRun:
    run = await searched(actions, words, kind="ley")
    run.submit({SELECTED: text_id})
    await advance(run, actions)
    if isinstance(run.current, DetailStep) and run.answers.get("part") != part:
        assert run.back()  # opened at the part with the words: «Atrás» lists the others
    if isinstance(run.current, ResultsStep):
        run.submit({"part": part})
        await advance(run, actions)
    assert isinstance(run.current, DetailStep)
    return run


async def test_the_paper_is_what_is_read(actions: dict[str, Bound], client: PortalClient) -> None:
    run = await opened(actions, DEMO_LAW, DEMO_LAW_NOTIFICATIONS, "notificación")
    sources = {**run.submitted_answers(), **run.results}
    [job] = await legal_text_paper(RenderContext(client, "GT-TEST-0001"), sources)
    assert job.title == "Normativa OJ" and job.name == "legal_text"
    text = pdf_text(job.make())
    part = run.results["read"]
    assert isinstance(part, LegalTextPart)
    for expected in (
        "Ley del Organismo Judicial", "Ley · Decreto 2-89", "Título III · Capítulo II:",
        "Buscó «notificación» · Leyes", "quiosco GT-TEST-0001", part.units[0].label,
        part.units[-1].label, "Página 1 de",
    ):  # fmt: skip
        assert expected in text, expected


async def test_only_the_articles_picked_are_printed(
    actions: dict[str, Bound], client: PortalClient
) -> None:
    run = await opened(actions, DEMO_LAW, DEMO_LAW_NOTIFICATIONS, "notificación")
    part = run.results["read"]
    assert isinstance(part, LegalTextPart)
    chosen = (part.units[3].id, part.units[1].id)  # picked in any order: printed in the text's
    sources = {**run.submitted_answers(), **run.results, PICKED: chosen}
    [job] = await legal_text_paper(RenderContext(client, "GT-TEST-0001"), sources)
    text = pdf_text(job.make())
    first, second = part.units[1].label, part.units[3].label
    assert f"Lo elegido: {first} y {second}" in text
    assert text.index(f"{first}.") < text.index(f"{second}.")
    for unit in (part.units[0], part.units[2], part.units[-1]):
        assert f"{unit.label}." not in text.replace(f"{first}.", "").replace(f"{second}.", "")
    assert "Página 1 de 1" in text


async def test_the_whole_document_prints_up_to_the_cap(
    actions: dict[str, Bound], client: PortalClient
) -> None:
    run = await opened(actions, DEMO_CODE, WHOLE, "código de trabajo")
    detail = run.detail()
    sections = {section.id: section for section in detail.sections}
    assert not any(section.pickable for section in detail.sections)  # a table of contents
    assert len(sections["contents"].rows) > 20
    assert "imprime hasta 30" in str(sections["printing"].note)  # said before the visitor taps
    sources = {**run.submitted_answers(), **run.results}
    with pytest.raises(TooLongToPrint) as err:
        await legal_text_paper(RenderContext(client, "GT-TEST-0001"), sources)
    assert err.value.pages > 30 and err.value.text is not None
    assert f"ocupa {err.value.pages} páginas" in tr(err.value.text)
    run = await opened(actions, DEMO_CODE_PRINTABLE, WHOLE, "procesal civil")
    sources = {**run.submitted_answers(), **run.results}
    [job] = await legal_text_paper(RenderContext(client, "GT-TEST-0001"), sources)
    text = pdf_text(job.make())
    pages = len(PdfReader(io.BytesIO(job.make())).pages)
    assert 20 < pages <= 30 and f"Página {pages} de {pages}" in text
    assert "Todo el documento" in text and "Artículo 1." in text and "Artículo 180." in text
