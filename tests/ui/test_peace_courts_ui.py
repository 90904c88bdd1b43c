"""Consulta de Gestión de Tribunales de Paz through the kiosk's screens, by object names, against
the sandbox over HTTP: a whole number opens its case with every term explained; a malformed one
says how to fix it and keeps it; the court's part of a number asks the department and pages with
«Ver más», or is too many in the whole country; a reserved case shows «Reservado» and nothing
else; nothing found; the portal down and back; the number built step by step; a printout that
cannot print says what to do; and nothing of the visit is left after «Terminar»."""

from __future__ import annotations

import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

import pytest
from faults import PortalProxy
from kiosk_driver import Driver
from PySide6.QtWidgets import QWidget
from record_visit import failure, here, print_status, shown, text_here

from kiosk.embedded_portal import PortalEndpoint
from kiosk.sandbox.services.peace_courts import (
    DEMO_HEARING_NUMBER,
    DEMO_RESERVED_NUMBER,
    DEMO_SHORT_DEPARTMENT,
    DEMO_SHORT_NUMBER,
)

MakeDriver = Callable[..., Driver]
SERVICE = "tribunales-paz"
PARTY = "Marta Julia Ramírez Calmo"  # the sandbox stores it; the kiosk shows M. J. R. C.
RESERVED_PARTY = "Lucía Fernanda Gómez Ajú"
NO_PORTAL = "No hay conexión con el portal del Organismo Judicial en este momento."


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def search(kiosk: Driver, typed: str) -> None:
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("number")
    kiosk.type("field.number", typed)
    kiosk.tap("action.continue")


def reach(kiosk: Driver, step: str) -> None:
    kiosk.wait(lambda: kiosk.screen() == screen(step))


def names(kiosk: Driver, prefix: str) -> list[str]:
    current = kiosk.shell.current_screen
    found = current.findChildren(QWidget) if current else []
    return [w.objectName() for w in found if w.objectName().startswith(prefix)]


class SlowProxy(PortalProxy):
    """The portal, answering this service's searches ``delay`` seconds late (a slow line)."""

    delay = 1.5

    def _forward(self, request: BaseHTTPRequestHandler) -> None:
        if request.path.startswith("/v1/peace-cases?"):
            time.sleep(self.delay)
        super()._forward(request)


@pytest.mark.parametrize("typed", [DEMO_HEARING_NUMBER, "C-13028-2026-18", "13028 2026 18"])
def test_a_whole_number_opens_the_case_with_every_term_explained(
    make_driver: MakeDriver, typed: str
) -> None:
    kiosk = make_driver()
    search(kiosk, typed)
    reach(kiosk, "record")
    assert DEMO_HEARING_NUMBER in text_here(kiosk, "value.heading")
    assert text_here(kiosk, "value.municipality") == "Todos Santos Cuchumatán"
    assert text_here(kiosk, "value.state") == "Audiencia señalada"
    assert "Ya hay día y hora para ir al juzgado" in text_here(kiosk, "hint.state")
    assert text_here(kiosk, "value.matter") == "Civil de menor cuantía"
    assert text_here(kiosk, "hint.matter")
    assert text_here(kiosk, "value.party.0") == "M. J. R. C."
    assert text_here(kiosk, "hint.party.0") == "Quien pide algo al juzgado."
    assert text_here(kiosk, "value.hearing.kind") == "Juicio oral"
    assert "DPI" in text_here(kiosk, "note.hearing")
    assert text_here(kiosk, "value.actuaciones.0").endswith("El juzgado dio fecha para el juicio.")
    assert PARTY not in shown(kiosk) and "Ramírez" not in shown(kiosk)
    assert here(kiosk, "action.print").isVisible()
    assert kiosk.find("action.continue").text() == "Terminar"
    kiosk.tap("action.back")  # one match went straight to the record: back to the question
    assert kiosk.screen() == screen("number")
    assert text_here(kiosk, "field.number") == typed


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("23001-2019-1", "de 01 a 22; 23 no existe"),
        ("01173-2019-123", "No es un Juzgado de Paz."),
        ("485-2011 Of. 2", "no llevan «Of.»"),
    ],
)
def test_a_malformed_number_says_how_to_fix_it_and_keeps_it(
    make_driver: MakeDriver, typed: str, says: str
) -> None:
    kiosk = make_driver()
    search(kiosk, typed)
    assert kiosk.screen() == screen("number")
    assert says in text_here(kiosk, "error.number")
    assert text_here(kiosk, "field.number") == typed


def test_the_courts_part_asks_the_department_and_pages(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, DEMO_SHORT_NUMBER)
    assert kiosk.screen() == screen("where")  # many courts have it: which department
    kiosk.tap(f"field.where.{DEMO_SHORT_DEPARTMENT}")
    kiosk.tap("action.continue")
    reach(kiosk, "results")
    assert "Huehuetenango" in text_here(kiosk, "label.searched")
    assert "Toque el que busca" in text_here(kiosk, "label.count")
    rows = names(kiosk, "action.select.")
    assert len(rows) == 10 and all(here(kiosk, r).height() >= 64 for r in rows)
    kiosk.tap("action.more")
    kiosk.wait(lambda: len(names(kiosk, "action.select.")) == 20)
    more = names(kiosk, "action.select.")
    assert more[:10] == rows  # the first page stays, the next joins it
    assert "Estado:" in text_here(kiosk, more[15]) or "Reservado" in text_here(kiosk, more[15])
    kiosk.tap(more[15])
    reach(kiosk, "record")
    assert text_here(kiosk, "value.department") == "Huehuetenango"
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("results")


def test_the_courts_part_in_the_whole_country_asks_to_narrow(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, DEMO_SHORT_NUMBER)
    kiosk.tap("field.where.todos")
    kiosk.tap("action.continue")
    reach(kiosk, "results")
    assert "son demasiados para verlos aquí" in text_here(kiosk, "label.count")
    assert "elija el departamento" in text_here(kiosk, "label.too_many")
    assert names(kiosk, "action.select.") == []  # no dumping of pages
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("where")


def test_a_reserved_case_shows_reservado_and_nothing_else(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, DEMO_RESERVED_NUMBER)
    reach(kiosk, "record")
    assert text_here(kiosk, "value.state") == "Reservado"
    assert "La ley protege este caso" in text_here(kiosk, "hint.state")
    assert "DPI" in text_here(kiosk, "note.case")
    assert names(kiosk, "section.") == ["section.case"]
    assert not names(kiosk, "value.party") and not names(kiosk, "value.actuaciones")
    text = shown(kiosk)
    assert RESERVED_PARTY not in text and "Gómez" not in text and "limentos" not in text
    assert here(kiosk, "action.print").isVisible()  # the number and «Reservado», on paper too


def test_nothing_found_says_what_to_do(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, "13028-2026-99999")
    reach(kiosk, "results")
    assert "No encontramos ningún caso" in text_here(kiosk, "label.empty")
    kiosk.tap("action.back")
    assert text_here(kiosk, "field.number") == "13028-2026-99999"


def test_the_portal_down_says_so_and_the_retry_finds_the_case(
    make_driver: MakeDriver, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    proxy.cut()
    search(kiosk, DEMO_HEARING_NUMBER)
    assert failure(kiosk).startswith(NO_PORTAL)
    assert here(kiosk, "action.retry").isVisible()
    kiosk.tap("action.retry")
    assert failure(kiosk).startswith(NO_PORTAL)  # still down
    proxy.restore()
    kiosk.tap("action.retry")
    reach(kiosk, "record")
    assert DEMO_HEARING_NUMBER in text_here(kiosk, "value.heading")


def test_a_slow_portal_shows_what_is_happening_then_the_case(
    make_driver: MakeDriver, sandbox: PortalEndpoint
) -> None:
    with SlowProxy(sandbox.url) as slow:
        kiosk = make_driver(portal_url=slow.url)
        search(kiosk, DEMO_HEARING_NUMBER)
        assert kiosk.screen() == screen("search")
        assert text_here(kiosk, "label.heading") == "Estamos buscando su caso."
        assert here(kiosk, "progress").isVisible()
        assert kiosk.find("action.finish").isVisible()  # the visitor may still leave
        reach(kiosk, "record")
        assert DEMO_HEARING_NUMBER in text_here(kiosk, "value.heading")


def test_the_number_built_step_by_step(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.tap("action.alternative")
    assert kiosk.screen() == screen("department")
    kiosk.tap("field.department.13")  # Huehuetenango
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("municipality")
    kiosk.tap("field.municipality.15")  # Todos Santos Cuchumatán: one Juzgado de Paz
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("year_sequence")
    kiosk.type("field.year", "2026")
    kiosk.type("field.sequence", "18")
    kiosk.tap("action.continue")
    reach(kiosk, "record")
    assert DEMO_HEARING_NUMBER in text_here(kiosk, "value.heading")


def test_a_printout_that_cannot_print_says_what_to_do(make_driver: MakeDriver) -> None:
    kiosk = make_driver()  # its printer does not answer
    search(kiosk, DEMO_HEARING_NUMBER)
    reach(kiosk, "record")
    kiosk.tap("action.print")
    status = print_status(kiosk)
    assert status.startswith("No se imprimió.")
    assert "Puede anotar el número del caso" in status
    assert here(kiosk, "action.print").text() == "Imprimir otra vez"


def test_nothing_of_the_visit_is_left_after_terminar(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, DEMO_HEARING_NUMBER)
    reach(kiosk, "record")
    kiosk.tap("action.finish")  # "Terminar y borrar mis datos"
    assert kiosk.screen() == "screen.home"
    assert kiosk.ui.session.flow is None or not kiosk.ui.session.flow.answers
    kiosk.tap(f"tile.{SERVICE}")
    assert text_here(kiosk, "field.number") == ""
    assert "M. J. R. C." not in shown(kiosk)
