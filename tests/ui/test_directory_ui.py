"""Directorio de dependencias y órganos jurisdiccionales through the kiosk's screens, by object
names, against the sandbox over HTTP: words typed with and without accents find the same places
and the rows show where a word matched; a card with its hours «by the clock» and its map QR; too
many, nothing found, words that cannot be searched; the place (department → kind → municipality)
with the nearest ones and «Ver más»; the portal down and slow; the printer's advice; and nothing
of the search kept after the visit or written to the log."""

from __future__ import annotations

import io
import time
from collections.abc import Callable

import pytest
from faults import PortalProxy
from kiosk_driver import Driver
from leftovers import assert_nothing_left
from PySide6.QtWidgets import QWidget
from record_visit import here, text_here

from kiosk.sandbox.services.directory import (
    DEMO_MEDIATION,
    DEMO_NO_MEDIATION,
    DEMO_WORDS_MANY,
    DEMO_WORDS_ONE,
    DEMO_WORDS_SOME,
)

MakeDriver = Callable[..., Driver]
SERVICE = "directorio"


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def reach(kiosk: Driver, step: str, timeout: float = 15) -> None:
    kiosk.wait(lambda: kiosk.screen() == screen(step), timeout)


def choose(kiosk: Driver, way: str) -> None:
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("way")
    kiosk.tap(f"field.way.{way}")
    kiosk.tap("action.continue")


def search(kiosk: Driver, words: str) -> None:
    choose(kiosk, "words")
    assert kiosk.screen() == screen("words")
    kiosk.type("field.words", words)
    kiosk.tap("action.continue")


def by_place(kiosk: Driver, department: int, kind: str, municipality: str) -> None:
    choose(kiosk, "place")
    for field, value in (("department", department), ("kind", kind)):
        assert kiosk.screen() == screen(field)
        kiosk.tap(f"field.{field}.{value}")
        kiosk.tap("action.continue")
    assert kiosk.screen() == screen("municipality")
    assert here(kiosk, "field.municipality.all").isVisible()  # «Todos los municipios»
    kiosk.tap(f"field.municipality.{municipality}")
    kiosk.tap("action.continue")


def rows(kiosk: Driver) -> list[str]:
    current = kiosk.shell.current_screen
    names = [w.objectName() for w in current.findChildren(QWidget)] if current else []
    return [name for name in names if name.startswith("action.select.")]


def said(kiosk: Driver, name: str) -> str:
    """A widget's words, however it wrapped them."""
    return " ".join(text_here(kiosk, name).split())


# --- words ----------------------------------------------------------------------------------------


def test_one_match_opens_the_card_with_its_hours_and_map(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, DEMO_WORDS_ONE)
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == "Unidad de Información Pública"
    assert "Palacio de Justicia" in text_here(kiosk, "value.address")
    assert text_here(kiosk, "value.phone").startswith("2426-7000, ext.")
    assert text_here(kiosk, "value.hours") == "Lunes a viernes, de 8:00 a 16:00"
    assert text_here(kiosk, "hint.hours").startswith(("Abierto ahora", "Cerrado"))
    assert text_here(kiosk, "value.email") == "informacion.publica@oj.gob.gt"
    assert here(kiosk, "qr.map").isVisible()
    assert "ver cómo llegar" in text_here(kiosk, "hint.qr.map")
    assert here(kiosk, "action.print").isVisible()
    kiosk.tap("action.back")  # one match went straight to the card: back to the words
    assert kiosk.screen() == screen("words")
    assert text_here(kiosk, "field.words") == DEMO_WORDS_ONE


def test_accents_do_not_matter_and_the_rows_show_where_a_word_matched(
    make_driver: MakeDriver,
) -> None:
    kiosk = make_driver()
    search(kiosk, "Quiché mediación")
    reach(kiosk, "results")
    accented = rows(kiosk)
    assert len(accented) >= 2
    assert "Quiché mediación" in said(kiosk, "label.searched")
    excerpts = [n.removeprefix("action.select.") for n in accented]
    marked = [i for i in excerpts if kiosk.exists(f"label.excerpt.{i}")]
    assert marked  # a centre whose name does not say «Quiché» shows where it was found
    for entry in marked:
        excerpt = here(kiosk, f"label.excerpt.{entry}")
        assert "<b><u>Quiché</u></b>" in excerpt.text() and excerpt.isVisible()
    for name in accented:
        assert here(kiosk, name).height() >= 64  # a target for a finger
    kiosk.tap("action.back")
    kiosk.type("field.words", "QUICHE MEDIACIONES")
    kiosk.tap("action.continue")
    reach(kiosk, "results")
    assert rows(kiosk) == accented


def test_several_matches_then_a_card_then_back_to_the_list(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, DEMO_WORDS_SOME)
    reach(kiosk, "results")
    assert "Encontramos 3 resultados" in text_here(kiosk, "label.count")
    found = rows(kiosk)
    assert all("Mixco" in said(kiosk, name) for name in found)
    kiosk.tap(found[0])
    reach(kiosk, "record")
    assert "Mixco" in text_here(kiosk, "value.heading")
    assert text_here(kiosk, "value.kind") == "Juzgado de Paz"
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("results")


def test_too_many_asks_to_narrow(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, DEMO_WORDS_MANY)
    reach(kiosk, "results")
    assert "demasiados" in text_here(kiosk, "label.count")
    assert "agregue una palabra" in said(kiosk, "label.too_many")
    assert rows(kiosk) == []


def test_nothing_found_says_what_to_do_and_keeps_the_words(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, "juzgado de paz de Tokio")
    reach(kiosk, "results")
    assert "busque por lugar" in said(kiosk, "label.empty")
    kiosk.tap("action.back")
    assert text_here(kiosk, "field.words") == "juzgado de paz de Tokio"


def test_words_that_cannot_be_searched_say_how_to_fix_them(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, "¿? ¡!")
    assert kiosk.screen() == screen("words")
    assert "al menos una palabra" in text_here(kiosk, "error.words")
    assert text_here(kiosk, "field.words") == "¿? ¡!"
    kiosk.type("field.words", "de la")  # only little words: the portal refuses them
    kiosk.tap("action.continue")
    kiosk.wait(lambda: here(kiosk, "label.message").isVisible())
    assert "palabras" in text_here(kiosk, "label.message")
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("words") and text_here(kiosk, "field.words") == "de la"


# --- the place ------------------------------------------------------------------------------------


def test_by_place_the_whole_department(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_place(kiosk, 9, "mediacion", "all")
    reach(kiosk, "results")
    assert said(kiosk, "label.searched") == (
        "Centros de Mediación en el departamento de Quetzaltenango"
    )
    assert rows(kiosk)[0] == f"action.select.{DEMO_MEDIATION}"


def test_a_municipality_without_one_lists_the_nearest_and_more(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    department, municipality = DEMO_NO_MEDIATION
    by_place(kiosk, department, "mediacion", str(municipality))
    reach(kiosk, "results")
    assert "En San José del Golfo no hay Centros de Mediación" in said(kiosk, "label.searched")
    first = rows(kiosk)
    assert len(first) == 10 and "a unos" in said(kiosk, first[0])
    kiosk.tap("action.more")
    kiosk.wait(lambda: len(rows(kiosk)) > 10)
    assert rows(kiosk)[:10] == first and len(set(rows(kiosk))) == len(rows(kiosk))


# --- faults ---------------------------------------------------------------------------------------


def test_portal_down_says_so_and_the_retry_finds_it(
    make_driver: MakeDriver, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    choose(kiosk, "words")
    kiosk.type("field.words", DEMO_WORDS_ONE)
    proxy.cut()  # the portal stops answering while the visitor types
    kiosk.tap("action.continue")
    kiosk.wait(lambda: here(kiosk, "label.message").isVisible())
    assert "No hay conexión con el portal" in text_here(kiosk, "label.message")
    assert here(kiosk, "action.retry").isVisible() and kiosk.find("action.back").isEnabled()
    proxy.restore()
    kiosk.tap("action.retry")
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == "Unidad de Información Pública"


def test_a_slow_portal_shows_progress_until_it_answers(
    make_driver: MakeDriver, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    choose(kiosk, "words")
    kiosk.type("field.words", DEMO_WORDS_SOME)
    proxy.slow(1.5)
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("search")
    assert "Estamos buscando en el directorio" in text_here(kiosk, "label.heading")
    assert here(kiosk, "progress").isVisible()
    reach(kiosk, "results", timeout=20)


def test_printing_that_fails_gives_the_advice(make_driver: MakeDriver) -> None:
    kiosk = make_driver()  # a printer that does not answer
    search(kiosk, DEMO_WORDS_ONE)
    reach(kiosk, "record")
    kiosk.tap("action.print")
    kiosk.wait(lambda: text_here(kiosk, "label.print_status").startswith("No se imprimió"), 30)
    assert "Lea el código QR de la pantalla" in said(kiosk, "label.print_status")
    assert here(kiosk, "qr.map").isVisible()  # the advice points at it: it is still there
    assert kiosk.find("action.print").text() == "Imprimir otra vez"


# --- nothing kept ---------------------------------------------------------------------------------


def test_the_words_are_never_logged(make_driver: MakeDriver, kiosk_log: io.StringIO) -> None:
    kiosk = make_driver()
    search(kiosk, "Facilitadores Chichicastenango")
    reach(kiosk, "record")
    kiosk.tap("action.finish")  # «Terminar y borrar mis datos»
    assert kiosk.screen() == "screen.home"
    logged = kiosk_log.getvalue()
    for word in ("facilitadores", "chichicastenango", "fj-14006"):
        assert word not in logged.casefold(), word
    assert '"route": "/directory"' in logged  # the calls were logged: by their templates
    assert '"route": "/directory/{entry_id}"' in logged


def test_the_idle_wipe_leaves_nothing_of_the_search(
    make_driver: MakeDriver, caplog: pytest.LogCaptureFixture
) -> None:
    since = time.time()
    words = "mediacion Joyabaj Quiche"
    kiosk = make_driver(idle_ms=(400, 2000))
    search(kiosk, words)
    kiosk.wait(lambda: kiosk.screen() in (screen("results"), screen("record")))
    kiosk.wait(lambda: kiosk.screen() == "screen.home", timeout=30)
    assert_nothing_left(kiosk, [words, "Joyabaj"], caplog, since=since)
    choose(kiosk, "words")
    assert text_here(kiosk, "field.words") == ""  # nothing typed survives the visit
