"""Gerencia de Recursos Humanos through the kiosk's screens, by object names, against the sandbox
over HTTP: open convocatorias found by words typed with accents, capitals or plurals (the words
marked where they were found), the convocatoria read in large type (requirements as text, the
time left, a QR, a way to the criminal record), a closed one with its results and «Buscar mi
resultado» (which opens the result question with the convocatoria already given), a result by
number, inputs that say how to fix them, nothing found, too many, the portal down and slow,
printing that fails with its advice, and nothing of the visit left after the idle wipe."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import pytest
from faults import PortalProxy
from kiosk_driver import Driver
from leftovers import assert_nothing_left, widget_texts
from PySide6.QtWidgets import QWidget
from record_visit import failure, here, print_status, shown, text_here

from kiosk.courts import court
from kiosk.sandbox.job_openings_demo import (
    DEMO_APPOINTED,
    DEMO_FAILED,
    DEMO_FINISHED,
    DEMO_FINISHED_NUMBER,
    DEMO_NOTHING,
    DEMO_OPEN,
)

MakeDriver = Callable[..., Driver]
SERVICE = "recursos-humanos"
NO_PORTAL = "No hay conexión con el portal"


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def reach(kiosk: Driver, step: str, timeout: float = 15) -> None:
    try:
        kiosk.wait(lambda: kiosk.screen() == screen(step), timeout)
    except AssertionError:
        raise AssertionError(f"still on {kiosk.screen()}, not {step}: {shown(kiosk)}") from None


def browse(kiosk: Driver, mode: str, words: str = "", department: str = "0") -> None:
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("mode")
    kiosk.tap(f"field.mode.{mode}")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("words")
    kiosk.type("field.words", words)
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("department"), shown(kiosk)
    kiosk.tap(f"field.department.{department}")
    kiosk.tap("action.continue")


def my_result(kiosk: Driver, opening: str, application: str) -> None:
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.tap("field.mode.resultado")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("opening")
    kiosk.type("field.opening", opening)
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("application"), shown(kiosk)
    kiosk.type("field.application", application)
    kiosk.tap("action.continue")


def rows(kiosk: Driver) -> dict[str, str]:
    """The result rows on screen: object name -> the words it shows, on one line."""
    current = kiosk.shell.current_screen
    assert current is not None
    found = {}
    for widget in current.findChildren(QWidget):
        name = widget.objectName()
        if name.startswith("action.select."):
            words = getattr(widget, "words", None)
            text = words.text() if words is not None else widget.text()  # type: ignore[attr-defined]
            found[name] = " ".join(text.split())  # a row wraps its words on its own
    return found


def open_one(kiosk: Driver, *parts: str) -> None:
    """From a search to the record of the row with ``parts``: one match opens by itself."""
    kiosk.wait(lambda: kiosk.screen() in (screen("results"), screen("record")))
    if kiosk.screen() == screen("results"):
        row = row_with(kiosk, *parts)
        assert here(kiosk, row).height() >= 64  # a target for a finger
        kiosk.tap(row)
    reach(kiosk, "record")


def row_with(kiosk: Driver, *parts: str) -> str:
    matches = [name for name, words in rows(kiosk).items() if all(p in words for p in parts)]
    assert matches, (parts, rows(kiosk))
    return matches[0]


def test_open_ones_found_by_words_however_typed_and_read_in_large_type(
    make_driver: MakeDriver,
) -> None:
    kiosk = make_driver()
    browse(kiosk, "abiertas", "Oficiales QUETZALTENÁNGO")
    labour = court(DEMO_OPEN.workplace).name
    open_one(kiosk, "Oficial I", labour, "3 plazas", "Recibe papelería hasta el")
    assert text_here(kiosk, "value.heading").endswith(": Oficial I")
    assert text_here(kiosk, "value.workplace") == labour
    assert text_here(kiosk, "value.deadline").startswith("Quedan ")
    assert "Tramita expedientes" in text_here(kiosk, "hint.post")  # the post, explained
    assert "Ciencias Jurídicas" in " ".join(
        text_here(kiosk, f"text.requirements.{n}") for n in range(3)
    )
    assert text_here(kiosk, "text.documents.0").startswith("Formulario de solicitud")
    assert here(kiosk, "qr.delivery").isVisible()
    assert "mapa" in text_here(kiosk, "hint.qr.delivery")
    assert here(kiosk, "action.lead.criminal_record").isVisible()
    assert here(kiosk, "action.print").isVisible()
    kiosk.tap("action.back")
    assert kiosk.screen() in (screen("results"), screen("department"))


def test_the_words_found_in_the_requirements_are_marked(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    browse(kiosk, "cerradas", "licencias de conducir", department="1")
    reach(kiosk, "results")
    assert "«licencias de conducir», en Guatemala" in text_here(kiosk, "label.searched")
    excerpts = [
        widget
        for widget in kiosk.shell.current_screen.findChildren(QWidget)  # type: ignore[union-attr]
        if widget.objectName().startswith("label.excerpt.")
    ]
    assert len(excerpts) == len(rows(kiosk)) > 1
    for excerpt in excerpts:
        marked = excerpt.text()  # type: ignore[attr-defined]
        assert "<b><u>Licencia</u></b>" in marked and "<b><u>conducir</u></b>" in marked


def test_the_lead_to_the_criminal_record_opens_that_service(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    browse(kiosk, "abiertas", "oficial", department="9")
    open_one(kiosk, "Oficial I", court(DEMO_OPEN.workplace).name)
    kiosk.tap("action.lead.criminal_record")
    assert kiosk.screen().startswith("screen.antecedentes-penales.")


def test_a_closed_one_shows_its_results_and_leads_to_mine(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    browse(kiosk, "cerradas")
    reach(kiosk, "results")
    assert "demasiados" in text_here(kiosk, "label.count")  # five years of them
    assert "departamento" in text_here(kiosk, "label.too_many")
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("department")
    kiosk.tap("action.back")
    kiosk.type("field.words", "notificadores")
    kiosk.tap("action.continue")
    kiosk.tap("field.department.5")
    kiosk.tap("action.continue")
    open_one(kiosk, DEMO_FINISHED_NUMBER, "Notificador")
    assert text_here(kiosk, "value.results.applicants") == str(DEMO_FINISHED.applicants)
    assert text_here(kiosk, "value.results.appointed") == "2"
    assert "nunca con nombres" in text_here(kiosk, "note.results")
    assert not kiosk.exists("qr.delivery") and not kiosk.exists("action.lead.criminal_record")
    kiosk.tap("action.lead.my_result")
    assert kiosk.screen() == screen("application")  # the convocatoria is already given
    assert text_here(kiosk, "field.application") == ""
    kiosk.type("field.application", str(DEMO_APPOINTED))
    kiosk.tap("action.continue")
    reach(kiosk, "result")
    assert text_here(kiosk, "value.heading") == f"Solicitud {DEMO_APPOINTED}"
    assert text_here(kiosk, "value.outcome") == "Nombrado"
    assert "Recursos Humanos le llamará" in text_here(kiosk, "hint.outcome")
    assert text_here(kiosk, "value.score") == "94 de 100"
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("application")
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("opening")
    assert text_here(kiosk, "field.opening") == DEMO_FINISHED_NUMBER


def test_my_result_with_the_number_as_people_write_it(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    my_result(kiosk, "Convocatoria externa 42-2025", str(DEMO_FAILED))
    reach(kiosk, "result")
    assert text_here(kiosk, "value.outcome") == "No aprobado"
    assert text_here(kiosk, "value.job.number") == f"Convocatoria externa {DEMO_FINISHED_NUMBER}"
    assert "nota mínima" in text_here(kiosk, "hint.score")


def test_inputs_say_how_to_fix_them_and_keep_what_was_typed(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.tap("field.mode.resultado")
    kiosk.tap("action.continue")
    kiosk.type("field.opening", "2025")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("opening")
    assert "separados por un guion" in text_here(kiosk, "error.opening")
    assert text_here(kiosk, "field.opening") == "2025"
    kiosk.type("field.opening", "999-2025")  # well written, but there is no such convocatoria
    kiosk.tap("action.continue")
    kiosk.type("field.application", "0")
    kiosk.tap("action.continue")
    assert "El mínimo es 1" in text_here(kiosk, "error.application")
    kiosk.type("field.application", "12")
    kiosk.tap("action.continue")
    assert "No encontramos la convocatoria 999-2025" in failure(kiosk)
    kiosk.tap("action.back")
    assert text_here(kiosk, "field.application") == "12"


def test_nothing_found_says_what_to_do_and_keeps_the_words(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    browse(kiosk, "abiertas", DEMO_NOTHING)
    reach(kiosk, "results")
    assert "No encontramos convocatorias" in text_here(kiosk, "label.empty")
    kiosk.tap("action.back")
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("words")
    assert text_here(kiosk, "field.words") == DEMO_NOTHING


def test_portal_down_says_so_and_the_retry_finds_them(
    make_driver: MakeDriver, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    proxy.cut()
    browse(kiosk, "abiertas", "oficial")
    assert failure(kiosk).startswith(NO_PORTAL)
    assert here(kiosk, "action.retry").isVisible() and kiosk.find("action.back").isEnabled()
    proxy.restore()
    kiosk.tap("action.retry")
    reach(kiosk, "results")
    assert rows(kiosk)


def test_a_slow_portal_shows_the_wait(make_driver: MakeDriver, proxy: PortalProxy) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    proxy.slow(1.2)
    browse(kiosk, "abiertas", "oficial")
    assert kiosk.screen() == screen("search")
    assert "Estamos buscando las convocatorias" in text_here(kiosk, "label.heading")
    assert here(kiosk, "progress").isVisible()
    reach(kiosk, "results", timeout=20)


def test_printing_that_fails_gives_the_advice(make_driver: MakeDriver) -> None:
    kiosk = make_driver()  # a printer that does not answer
    browse(kiosk, "abiertas", "oficial", department="9")
    open_one(kiosk, "Oficial I", court(DEMO_OPEN.workplace).name)
    kiosk.tap("action.print")
    status = print_status(kiosk)
    assert status.startswith("No se imprimió") and "número de la convocatoria" in status
    assert kiosk.find("action.print").text() == "Imprimir otra vez"


def test_the_idle_timeout_leaves_nothing_of_the_search(
    make_driver: MakeDriver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # the kiosk's own loggers at their most talkative
    for library in ("httpx", "httpcore"):  # as logs.configure sets them: they log whole URLs
        caplog.set_level(logging.WARNING, logger=library)
    since = time.time()
    kiosk = make_driver(idle_ms=(400, 2000))
    words = "técnico Cobán"
    browse(kiosk, "abiertas", words)
    kiosk.wait(lambda: kiosk.screen() in (screen("results"), screen("record")))
    kiosk.wait(lambda: kiosk.find("overlay.idle").isVisible(), timeout=10)
    kiosk.wait(lambda: kiosk.screen() == "screen.home", timeout=10)
    assert_nothing_left(kiosk, [words, "Cobán"], caplog, since=since)
    my_result(kiosk, DEMO_FINISHED_NUMBER, str(DEMO_APPOINTED))
    reach(kiosk, "result")
    kiosk.tap("action.finish")  # «Terminar y borrar mis datos»
    assert kiosk.screen() == "screen.home"
    assert_nothing_left(kiosk, [DEMO_FINISHED_NUMBER], caplog, since=since)
    assert "Solicitud 17" not in widget_texts()
