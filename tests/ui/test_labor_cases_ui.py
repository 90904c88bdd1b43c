"""Consulta de Expedientes Laborales through the kiosk's screens, by object names, against the
sandbox over HTTP: a number typed in several real-world shapes finds the same case; a malformed
one says what is wrong and keeps it; a legacy number lists its courts; the number built step by
step; nothing found; English throughout; and the printout on the cups-pdf printer."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
from backoffice import Cups, Tray, as_printed
from faults import PortalProxy
from kiosk_driver import Driver
from record_visit import here, shown, text_here

from kiosk import i18n
from kiosk.embedded_portal import PortalEndpoint
from kiosk.sandbox.services.labor_cases import (
    DEMO_HEARING_NUMBER,
    DEMO_LEGACY_NUMBER,
)
from kiosk.services.printer import Printer

MakeDriver = Callable[..., Driver]
SERVICE = "expedientes-laborales"
PARTY = "Juan Carlos García Hernández"  # the sandbox stores it; the kiosk shows J. C. G. H.


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def search(kiosk: Driver, typed: str) -> None:
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("number")
    kiosk.type("field.number", typed)
    kiosk.tap("action.continue")


def reach(kiosk: Driver, step: str) -> None:
    kiosk.wait(lambda: kiosk.screen() == screen(step))


@pytest.fixture
def tray(cups: Cups) -> Iterator[Tray]:
    paper = Tray(cups.output_dir)
    yield paper
    paper.empty()


@pytest.mark.parametrize("typed", ["09006-2025-00077", "C-9006-2025-77", "9006 2025 77"])
def test_every_shape_of_the_number_opens_the_same_case(make_driver: MakeDriver, typed: str) -> None:
    kiosk = make_driver()
    search(kiosk, typed)
    reach(kiosk, "record")
    assert DEMO_HEARING_NUMBER in text_here(kiosk, "value.heading")
    assert text_here(kiosk, "value.stage") == "Pruebas"
    assert "Las partes presentan" in text_here(kiosk, "hint.stage")  # every state explained
    assert text_here(kiosk, "value.party.0") == "J. C. G. H."
    assert PARTY not in shown(kiosk)
    assert here(kiosk, "action.print").isVisible()
    assert kiosk.find("action.continue").text() == "Terminar"
    kiosk.tap("action.back")  # one match went straight to the record: back to the question
    assert kiosk.screen() == screen("number")
    assert text_here(kiosk, "field.number") == typed


def test_a_malformed_number_says_what_is_wrong_and_keeps_it(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, "23001-2019-1")
    assert kiosk.screen() == screen("number")
    assert "de 01 a 22; 23 no existe" in text_here(kiosk, "error.number")
    assert text_here(kiosk, "field.number") == "23001-2019-1"


def test_a_legacy_number_lists_its_courts_and_each_opens(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, DEMO_LEGACY_NUMBER)
    reach(kiosk, "results")
    assert "Encontramos 2 resultados" in text_here(kiosk, "label.count")
    assert DEMO_LEGACY_NUMBER in text_here(kiosk, "label.searched")
    names = [n for n in _names(kiosk) if n.startswith("action.select.")]
    assert len(names) == 2
    for name in names:
        assert here(kiosk, name).height() >= 64  # a target for a finger
    kiosk.tap(names[1])
    reach(kiosk, "record")
    assert text_here(kiosk, "value.legacy_number") == DEMO_LEGACY_NUMBER
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("results")
    kiosk.tap(names[0])
    reach(kiosk, "record")


def test_the_number_built_step_by_step(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.tap("action.alternative")
    assert kiosk.screen() == screen("department")
    kiosk.tap("field.department.9")  # Quetzaltenango
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("court")
    kiosk.tap(f"field.court.{DEMO_HEARING_NUMBER[:5]}")
    kiosk.tap("action.continue")
    kiosk.type("field.year", "2025")
    kiosk.type("field.sequence", "77")
    kiosk.tap("action.continue")
    reach(kiosk, "record")
    assert DEMO_HEARING_NUMBER in text_here(kiosk, "value.heading")


def test_nothing_found_says_what_to_do(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, "22001-2007-99999")
    reach(kiosk, "results")
    assert "No encontramos ningún expediente" in text_here(kiosk, "label.empty")
    assert kiosk.find("action.back").isVisible()
    kiosk.tap("action.back")
    assert text_here(kiosk, "field.number") == "22001-2007-99999"


def test_in_english_every_screen_and_error_is_english(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.ui.set_language("en")
    kiosk.settle(0.1)  # the home of the other language goes
    kiosk.tap(f"tile.{SERVICE}")
    assert "case number" in text_here(kiosk, "label.heading").lower()
    kiosk.type("field.number", "23001-2019-1")
    kiosk.tap("action.continue")
    assert "from 01 to 22; 23 does not exist" in text_here(kiosk, "error.number")
    kiosk.type("field.number", DEMO_LEGACY_NUMBER)
    kiosk.tap("action.continue")
    reach(kiosk, "results")
    assert "We found 2 results" in text_here(kiosk, "label.count")
    rows = [n for n in _names(kiosk) if n.startswith("action.select.")]
    assert "Stage:" in text_here(kiosk, rows[0])
    kiosk.tap(rows[0])
    reach(kiosk, "record")
    text = shown(kiosk)
    for spanish in ("Etapa", "Tipo de proceso", "Próxima audiencia", "Lo que ha hecho el juzgado"):
        assert spanish not in text, spanish
    assert "Stage" in text and "Court" in text  # names of courts are names: they stay


def test_the_printout_holds_the_number_and_no_full_name(
    make_driver: MakeDriver, cups: Cups, tray: Tray
) -> None:
    kiosk = make_driver(printer=Printer(cups.pdf_queue, cups.server, 20))
    search(kiosk, "9006-2025-77")
    reach(kiosk, "record")
    kiosk.tap("action.print")
    kiosk.wait(lambda: text_here(kiosk, "label.print_status").startswith("Su documento"), 30)
    paper = tray.take("labor_case", DEMO_HEARING_NUMBER)
    assert as_printed("Número buscado: 09006-2025-00077") in as_printed(paper)
    assert as_printed(PARTY) not in as_printed(paper) and "Garc" not in paper
    assert "J.C.G.H." in as_printed(paper)
    kiosk.tap("action.continue")  # "Terminar": the visit and its PDF go
    assert kiosk.screen() == "screen.home"


def _names(kiosk: Driver) -> list[str]:
    from PySide6.QtWidgets import QWidget

    current = kiosk.shell.current_screen
    return [w.objectName() for w in current.findChildren(QWidget)] if current else []


@pytest.fixture(autouse=True)
def _spanish_again() -> Iterator[None]:
    yield
    i18n.set_language("es")


@pytest.fixture
def held_queue(cups: Cups) -> Iterator[str]:
    """A cups-pdf queue that holds every job: a job stays in CUPS until released or cancelled."""
    name = f"kiosk-held-{uuid.uuid4().hex[:6]}"
    cups.cupsd.add_cups_pdf_queue(name)
    cups.cupsd.run("lpadmin", "-p", name, "-o", "job-hold-until-default=indefinite")
    yield name
    cups.cupsd.delete_queue(name)


def pending(cups: Cups, queue: str) -> str:
    return str(cups.cupsd.run("lpstat", "-W", "not-completed", "-o", queue).stdout)


def test_a_job_still_in_cups_when_the_visit_ends_never_prints(
    make_driver: MakeDriver, cups: Cups, held_queue: str
) -> None:
    kiosk = make_driver(printer=Printer(held_queue, cups.server, 60))
    search(kiosk, "9006-2025-77")
    reach(kiosk, "record")
    kiosk.tap("action.print")
    kiosk.wait(lambda: held_queue in pending(cups, held_queue))  # queued, not printed
    kiosk.tap("action.finish")  # the visitor walks away: "Terminar y borrar mis datos"
    assert kiosk.screen() == "screen.home"
    kiosk.wait(lambda: pending(cups, held_queue).strip() == "", timeout=15)
    # released now, the queue has nothing left that could come out for the next visitor
    cups.cupsd.run("lpadmin", "-p", held_queue, "-o", "job-hold-until-default=no-hold")
    assert pending(cups, held_queue).strip() == ""


def test_stopping_the_kiosk_while_it_prints_is_quiet(
    make_driver: MakeDriver, cups: Cups, held_queue: str, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk = make_driver(printer=Printer(held_queue, cups.server, 60))
    search(kiosk, "9006-2025-77")
    reach(kiosk, "record")
    kiosk.tap("action.print")
    kiosk.wait(lambda: held_queue in pending(cups, held_queue))
    errors: list[dict[str, object]] = []
    kiosk.loop.set_exception_handler(lambda _loop, context: errors.append(context))
    kiosk.run(kiosk.kiosk.aclose())  # the kiosk stops while lpstat tracks the job
    kiosk.settle(0.2)
    assert errors == []  # no "Internal C++ object already deleted" from a cancelled print
    assert "Traceback" not in caplog.text
    assert pending(cups, held_queue).strip() == ""  # and its job went with it


def test_a_failure_shows_where_the_visitor_looks(
    make_driver: MakeDriver, sandbox: PortalEndpoint
) -> None:
    """Disabling the whole screen while it ran moved the focus, and the scroll area followed it
    down: the message and «Intentar de nuevo» ended up out of view on a blank-looking page."""
    with PortalProxy(sandbox.url) as proxy:
        kiosk = make_driver(portal_url=proxy.url)
        kiosk.shell.resize(1280, 800)
        kiosk.tap(f"tile.{SERVICE}")
        kiosk.type("field.number", "09006-2025-00077")
        proxy.cut()
        kiosk.tap("action.continue")
        kiosk.wait(lambda: kiosk.find("label.message").isVisible())
        assert kiosk.in_view("label.heading") and kiosk.in_view("label.message")
        assert kiosk.in_view("action.retry")
        # a short screen does not scroll into blank space (the kept home screen is taller)
        assert kiosk.shell.content.verticalScrollBar().maximum() == 0
