"""Agenda de Audiencias through the kiosk's screens, by object names, against the sandbox over
HTTP: a case found by its number (typed in real-world shapes), a hearing read in full with its
link as text, not found, malformed and old numbers, a court's day that pages, a week that asks to
narrow it, an empty court, a reserved case, the portal slow and down, "Imprimir" when the
printer does not answer, and nothing left after "Terminar"."""

from __future__ import annotations

import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

import pytest
from faults import PortalProxy
from kiosk_driver import Driver
from PySide6.QtWidgets import QLabel, QWidget
from record_visit import failure, here, shown, text_here

from kiosk.embedded_portal import PortalEndpoint
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

MakeDriver = Callable[..., Driver]
SERVICE = "agenda-audiencias"
NO_PORTAL = "No hay conexión con el portal del Organismo Judicial en este momento."


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def reach(kiosk: Driver, step: str, timeout: float = 15) -> None:
    try:
        kiosk.wait(lambda: kiosk.screen() == screen(step), timeout)
    except AssertionError:
        raise AssertionError(f"still on {kiosk.screen()}, not {step}: {shown(kiosk)}") from None


def names(kiosk: Driver, prefix: str) -> list[str]:
    current = kiosk.shell.current_screen
    found = current.findChildren(QWidget) if current else []
    return [w.objectName() for w in found if w.objectName().startswith(prefix)]


def by_number(kiosk: Driver, typed: str) -> None:
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("way")
    kiosk.tap("field.way.number")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("number")
    kiosk.type("field.number", typed)
    kiosk.tap("action.continue")


def to_court(kiosk: Driver, department: int, municipality: int, kind: str, court: str) -> None:
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.tap("field.way.court")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("department")
    kiosk.tap(f"field.department.{department}")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("municipality")
    kiosk.tap(f"field.municipality.{municipality}")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("court_kind")  # Guatemala City: its 84 courts, by kind
    kiosk.tap(f"field.court_kind.{kind}")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("court")
    kiosk.tap(f"field.court.{court}")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("when")


# --- by case number -----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["01002-2025-01234", "C-1002-2025-1234", "1002 2025 1234"])
def test_a_case_lists_its_hearings_and_one_reads_in_full(
    make_driver: MakeDriver, typed: str
) -> None:
    kiosk = make_driver()
    by_number(kiosk, typed)
    reach(kiosk, "results")
    assert "Encontramos 3 resultados" in text_here(kiosk, "label.count")
    assert DEMO_CASE_NUMBER in text_here(kiosk, "label.searched")
    rows = names(kiosk, "action.select.")
    assert len(rows) == 3
    for row in rows:
        assert "Actualizado el " in text_here(kiosk, row)  # hearings move: every entry says so
        assert here(kiosk, row).height() >= 64
    assert "Estado: Reprogramada" in text_here(kiosk, rows[0])  # the coming ones first
    assert "Estado: Suspendida" in text_here(kiosk, rows[2])
    kiosk.tap(rows[0])
    reach(kiosk, "record")
    assert DEMO_CASE_NUMBER in text_here(kiosk, "value.heading")
    assert text_here(kiosk, "value.hearing.state") == "Reprogramada"
    assert "la que se muestra es la nueva" in text_here(kiosk, "hint.hearing.state")
    assert text_here(kiosk, "value.hearing.kind") == "Etapa intermedia"
    assert text_here(kiosk, "hint.hearing.kind")  # every kind explained
    assert "a las 08:30" in text_here(kiosk, "value.hearing.moved_from")
    assert text_here(kiosk, "value.hearing.updated")
    link = here(kiosk, "value.hearing.link")
    assert isinstance(link, QLabel) and link.text() == DEMO_CASE_LINK
    assert not link.openExternalLinks() and "<a" not in link.text()  # shown, never opened
    assert text_here(kiosk, "value.party.0") == "P. A. X. C."
    text = shown(kiosk)
    assert not [name for name in DEMO_CASE_PARTIES if name in text] and "Xitumul" not in text
    assert here(kiosk, "action.print").isVisible()
    assert kiosk.find("action.continue").text() == "Terminar"
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("results")


def test_a_malformed_or_old_number_says_how_to_fix_it_and_keeps_it(
    make_driver: MakeDriver,
) -> None:
    kiosk = make_driver()
    by_number(kiosk, "23001-2019-1")
    assert kiosk.screen() == screen("number")
    assert "de 01 a 22; 23 no existe" in text_here(kiosk, "error.number")
    assert text_here(kiosk, "field.number") == "23001-2019-1"
    kiosk.type("field.number", "485-2011 Of. 2")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("number")
    assert "busque por juzgado y fecha" in text_here(kiosk, "error.number")
    assert text_here(kiosk, "field.number") == "485-2011 Of. 2"


def test_a_number_not_on_the_agenda_says_what_to_do(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_number(kiosk, "01002-2025-99999")
    reach(kiosk, "results")
    assert "No hay audiencias publicadas" in text_here(kiosk, "label.empty")
    kiosk.tap("action.back")
    assert text_here(kiosk, "field.number") == "01002-2025-99999"


def test_a_reserved_case_reads_reservado_and_nothing_else(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_number(kiosk, DEMO_RESERVED_NUMBER)
    reach(kiosk, "record")  # one answer: straight to what may be said
    assert DEMO_RESERVED_NUMBER in text_here(kiosk, "value.heading")
    assert text_here(kiosk, "value.reserved") == "Reservado"
    assert "pregunte en el juzgado" in text_here(kiosk, "hint.reserved")
    text = shown(kiosk)
    assert not [name for name in DEMO_RESERVED_PARTIES if name in text]
    assert "L. F. T. P." not in text and not names(kiosk, "value.hearing.")


# --- by court and date -------------------------------------------------------------------------


def test_a_busy_courts_day_pages_with_ver_mas(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    to_court(kiosk, 1, 1, "penal", DEMO_BUSY_COURT)
    kiosk.tap("field.when.pick")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("day")
    days = names(kiosk, "field.day.")
    assert len(days) == 30  # the working days of the coming six weeks
    assert here(kiosk, days[0]).height() >= 64
    kiosk.tap(days[0])
    kiosk.tap("action.continue")
    reach(kiosk, "results")
    assert "Agenda: Juzgado Primero" in text_here(kiosk, "label.searched")
    rows = names(kiosk, "action.select.")
    assert len(rows) == 10 and here(kiosk, "action.more").isVisible()
    kiosk.tap("action.more")
    kiosk.wait(lambda: len(names(kiosk, "action.select.")) > 10)
    more = names(kiosk, "action.select.")
    assert rows == more[:10] and len(more) == len(set(more)) >= BUSY_MINIMUM
    clocks = [text_here(kiosk, row)[:5] for row in more]
    assert clocks == sorted(clocks)  # by time


def test_a_week_asks_to_choose_one_day(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    to_court(kiosk, 1, 1, "penal", DEMO_BUSY_COURT)
    kiosk.tap("field.when.next_week")
    kiosk.tap("action.continue")
    reach(kiosk, "results")
    assert "son demasiados" in text_here(kiosk, "label.count")
    assert "elija un solo día" in text_here(kiosk, "label.too_many")
    assert not names(kiosk, "action.select.")
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("when")


def test_a_court_with_nothing_on_its_agenda(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    to_court(kiosk, 1, 1, "paz", DEMO_EMPTY_COURT)
    kiosk.tap("field.when.next_week")
    kiosk.tap("action.continue")
    reach(kiosk, "results")
    assert "pruebe otro día" in text_here(kiosk, "label.empty")


# --- the portal slow or down, printing, the end -------------------------------------------------


def test_portal_down_says_so_and_the_retry_finds_it(
    make_driver: MakeDriver, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    proxy.cut()
    by_number(kiosk, DEMO_CASE_NUMBER)
    said = failure(kiosk)
    assert said.startswith(NO_PORTAL) and here(kiosk, "action.retry").isVisible()
    proxy.restore()
    kiosk.tap("action.retry")
    reach(kiosk, "results")
    assert len(names(kiosk, "action.select.")) == 3


class SlowProxy(PortalProxy):
    """The portal answers, a second and a half late."""

    def _forward(self, request: BaseHTTPRequestHandler) -> None:
        time.sleep(1.5)
        super()._forward(request)


def test_a_slow_portal_shows_it_is_working_then_the_answer(
    make_driver: MakeDriver, sandbox: PortalEndpoint
) -> None:
    with SlowProxy(sandbox.url) as slow:
        kiosk = make_driver(portal_url=slow.url)
        by_number(kiosk, DEMO_CASE_NUMBER)
        assert kiosk.screen() == screen("search")
        assert "Estamos buscando" in text_here(kiosk, "label.heading")
        assert here(kiosk, "progress").isVisible()
        reach(kiosk, "results")


def test_printing_without_a_printer_says_what_to_do(make_driver: MakeDriver) -> None:
    kiosk = make_driver()  # a CUPS that does not answer
    by_number(kiosk, DEMO_CASE_NUMBER)
    reach(kiosk, "results")
    kiosk.tap(names(kiosk, "action.select.")[1])
    reach(kiosk, "record")
    kiosk.tap("action.print")
    status = "label.print_status"
    kiosk.wait(lambda: text_here(kiosk, status).startswith("No se imprimió"), 30)
    assert "Puede anotar la fecha, la hora y el número del expediente" in text_here(kiosk, status)
    assert kiosk.find("action.print").text() == "Imprimir otra vez"


def test_terminar_leaves_nothing_of_the_search(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_number(kiosk, DEMO_CASE_NUMBER)
    reach(kiosk, "results")
    kiosk.tap(names(kiosk, "action.select.")[0])
    reach(kiosk, "record")
    run = kiosk.ui.session.flow
    assert run is not None and run.answers
    kiosk.tap("action.finish")
    assert kiosk.screen() == "screen.home"
    assert (run.answers, run.raw, run.results) == ({}, {}, {})
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.tap("field.way.number")
    kiosk.tap("action.continue")
    assert text_here(kiosk, "field.number") == ""  # the next visitor starts clean


def test_the_days_on_offer_are_written_in_the_visitors_language(make_driver: MakeDriver) -> None:
    """A day written out («lunes 7 de diciembre») is a text with parameters, translated where it
    is shown: in English the choices read «Monday 7 December», on the button and in its hint."""
    kiosk = make_driver()
    to_court(kiosk, 1, 1, "penal", DEMO_BUSY_COURT)
    kiosk.tap("action.language")
    assert "Next week" in text_here(kiosk, "field.when.next_week")
    assert "from " in text_here(kiosk, "field.when.next_week")  # «del … al …» in English
    kiosk.tap("field.when.pick")
    kiosk.tap("action.continue")
    first = text_here(kiosk, names(kiosk, "field.day.")[0])
    weekdays = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    assert first.startswith(weekdays), first
    assert " de " not in first


def test_the_hearing_leads_to_its_courts_card_in_the_directory(make_driver: MakeDriver) -> None:
    """The court pickers and the directory share the court codes: «Cómo llegar a este juzgado»
    opens the directory on that very court's card (address, hours, map QR)."""
    kiosk = make_driver()
    by_number(kiosk, DEMO_CASE_NUMBER)
    reach(kiosk, "results")
    kiosk.tap(names(kiosk, "action.select.")[0])
    reach(kiosk, "record")
    court = text_here(kiosk, "value.place.court")
    kiosk.tap("action.lead.directory")
    kiosk.wait(lambda: kiosk.screen() == "screen.directorio.record", timeout=15)
    assert text_here(kiosk, "value.heading") == court
    assert text_here(kiosk, "value.address") and text_here(kiosk, "value.hours")
    assert here(kiosk, "qr.map").isVisible()
    kiosk.tap("action.back")  # the search by the court's code is the directory's own: changeable
    assert kiosk.screen() == "screen.directorio.words"
