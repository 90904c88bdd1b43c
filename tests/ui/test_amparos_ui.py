"""Consulta de Amparos through the kiosk's screens, by object names, against the sandbox over HTTP:
found at the CSJ (and the CC named outside the OJ), an SGT number that names its tribunal, a
malformed number that says what is wrong and keeps it, nothing found, a number at every tribunal
that pages with «Ver más», too many that asks to narrow, a reserved amparo, the number built from
its parts, a juzgado chosen by department and branch, a slow portal, the portal down, a printout
that fails with its advice, and nothing left after the visit ends."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

import pytest
from faults import PortalProxy
from kiosk_driver import Driver
from PySide6.QtWidgets import QProgressBar, QWidget
from record_visit import failure, here, shown, text_here

from kiosk.embedded_portal import PortalEndpoint
from kiosk.sandbox.services.amparos import (
    DEMO_CC_NUMBER,
    DEMO_JUZGADO_NUMBER,
    DEMO_JUZGADO_TRIBUNAL,
    DEMO_PAGES_NUMBER,
    DEMO_RESERVED_NUMBER,
    DEMO_RESERVED_TRIBUNAL,
    DEMO_TOO_MANY_NUMBER,
    DEMO_VISTA_NUMBER,
)

MakeDriver = Callable[..., Driver]
SERVICE = "amparos"
NO_PORTAL = "No hay conexión con el portal del Organismo Judicial en este momento."
RESERVED_POSTULANTE = "Wendy Maribel Chacón Quiñónez"  # stored by the sandbox, never sent


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def reach(kiosk: Driver, step: str, timeout: float = 15) -> None:
    try:
        kiosk.wait(lambda: kiosk.screen() == screen(step), timeout)
    except AssertionError:
        raise AssertionError(f"still on {kiosk.screen()}, not {step}: {shown(kiosk)}") from None


def ask(kiosk: Driver, typed: str) -> None:
    """From the home tile: the number typed, Continuar."""
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("number")
    kiosk.type("field.number", typed)
    kiosk.tap("action.continue")


def at(kiosk: Driver, typed: str, tribunal: str) -> None:
    """The number, then the tribunal (csj, todos): the search runs."""
    ask(kiosk, typed)
    assert kiosk.screen() == screen("tribunal")
    kiosk.tap(f"field.tribunal.{tribunal}")
    kiosk.tap("action.continue")


def names(kiosk: Driver, prefix: str) -> list[str]:
    current = kiosk.shell.current_screen
    found = [w.objectName() for w in current.findChildren(QWidget)] if current else []
    return [name for name in found if name.startswith(prefix)]


@pytest.mark.parametrize("typed", ["1146-2022", "Amparo No. 1146-22"])
def test_found_at_the_csj_with_every_state_explained_and_the_cc_named(
    make_driver: MakeDriver, typed: str
) -> None:
    kiosk = make_driver()
    at(kiosk, typed, "csj")
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == f"Amparo {DEMO_CC_NUMBER}"
    assert text_here(kiosk, "value.state") == "Apelado ante la Corte de Constitucionalidad"
    assert "la revisa la CC" in text_here(kiosk, "hint.state")
    assert text_here(kiosk, "value.authority") == "Ministro de Ambiente y Recursos Naturales"
    assert text_here(kiosk, "hint.authority") and text_here(kiosk, "hint.act")
    assert text_here(kiosk, "value.party.0") == "A. A., S. A."
    assert "no es parte del Organismo Judicial" in text_here(kiosk, "note.cc")
    assert text_here(kiosk, "value.cc_site") == "www.cc.gob.gt"
    assert "Agroindustrias" not in shown(kiosk)
    assert text_here(kiosk, "value.actuaciones.0").endswith(
        "Se interpuso apelación; se elevaron los autos a la Corte de Constitucionalidad."
    )
    assert here(kiosk, "action.print").isVisible()
    assert kiosk.find("action.continue").text() == "Terminar"
    kiosk.tap("action.back")  # one match went straight to the record: back to the tribunal
    assert kiosk.screen() == screen("tribunal")
    kiosk.tap("action.back")
    assert text_here(kiosk, "field.number") == typed


def test_an_sgt_number_names_its_tribunal(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    ask(kiosk, "09014-2025-00087")
    reach(kiosk, "record")  # no tribunal asked: the number says it
    assert text_here(kiosk, "value.heading") == f"Amparo {DEMO_VISTA_NUMBER}"
    assert text_here(kiosk, "value.state") == "Vista"
    assert here(kiosk, "value.vista.at").text()
    assert "Quetzaltenango" in text_here(kiosk, "value.tribunal")


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("23001-2019-1", "de 01 a 22; 23 no existe"),
        ("01220-2025-1", "de un juzgado de paz, y allí no se conocen amparos"),
    ],
)
def test_a_malformed_number_says_what_is_wrong_and_keeps_it(
    make_driver: MakeDriver, typed: str, says: str
) -> None:
    kiosk = make_driver()
    ask(kiosk, typed)
    assert kiosk.screen() == screen("number")
    assert says in text_here(kiosk, "error.number")
    assert text_here(kiosk, "field.number") == typed


def test_nothing_found_says_what_to_do(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    at(kiosk, "99999-2019", "csj")
    reach(kiosk, "results")
    assert "No encontramos ningún amparo" in text_here(kiosk, "label.empty")
    assert "99999-2019" in text_here(kiosk, "label.searched")
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("tribunal")


def test_a_number_at_every_tribunal_pages_with_more(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    at(kiosk, DEMO_PAGES_NUMBER, "todos")
    reach(kiosk, "results")
    count = text_here(kiosk, "label.count")
    total = int(count.split()[1])
    assert 10 < total <= 50 and count.startswith(f"Encontramos {total} resultados")
    assert "en todos los tribunales" in text_here(kiosk, "label.searched")
    rows = names(kiosk, "action.select.")
    assert len(rows) == 10 and all(here(kiosk, row).height() >= 64 for row in rows)
    assert "Corte Suprema de Justicia" in text_here(kiosk, rows[0])  # the CSJ first
    kiosk.tap("action.more")
    kiosk.wait(lambda: len(names(kiosk, "action.select.")) == total)
    assert names(kiosk, "action.more") == []  # every page is there
    last = names(kiosk, "action.select.")[-1]
    kiosk.tap(last)
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == f"Amparo {DEMO_PAGES_NUMBER}"
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("results")


def test_too_many_asks_to_choose_the_tribunal(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    at(kiosk, DEMO_TOO_MANY_NUMBER, "todos")
    reach(kiosk, "results")
    assert "son demasiados para verlos aquí" in text_here(kiosk, "label.count")
    assert "elija el tribunal" in text_here(kiosk, "label.too_many")
    assert names(kiosk, "action.select.") == []  # no pages dumped on the visitor
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("tribunal")


def test_a_reserved_amparo_says_reservado_and_nothing_more(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    ask(kiosk, DEMO_RESERVED_NUMBER)
    kiosk.tap("field.tribunal.sala")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("department") and not kiosk.exists("field.department.2")
    kiosk.tap("field.department.1")
    kiosk.tap("action.continue")
    kiosk.tap(f"field.court.{DEMO_RESERVED_TRIBUNAL}")
    kiosk.tap("action.continue")
    reach(kiosk, "record")
    assert text_here(kiosk, "value.state") == "Reservado"
    assert "familia, de niños o de un delito sexual" in text_here(kiosk, "hint.state")
    assert names(kiosk, "value.") == [
        "value.heading",
        "value.tribunal",
        "value.department",
        "value.state",
    ]
    text = shown(kiosk)
    assert "Wendy" not in text and "pensión" not in text and "Postulante" not in text


def test_the_number_built_from_its_parts(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.tap("action.alternative")
    assert kiosk.screen() == screen("tribunal")
    kiosk.tap("field.tribunal.csj")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("year_sequence")
    kiosk.type("field.sequence", "1146")
    kiosk.type("field.year", "2099")
    kiosk.tap("action.continue")
    assert "todavía no ha llegado" in text_here(kiosk, "error.year")
    assert text_here(kiosk, "field.year") == "2099"
    kiosk.type("field.year", "2022")
    kiosk.tap("action.continue")
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == f"Amparo {DEMO_CC_NUMBER}"


def test_a_juzgado_chosen_by_department_and_branch(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    ask(kiosk, DEMO_JUZGADO_NUMBER)
    kiosk.tap("field.tribunal.juzgado")
    kiosk.tap("action.continue")
    kiosk.tap("field.department.1")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("branch")  # Guatemala has some sixty juzgados
    kiosk.tap("field.branch.familia")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("court")
    assert 3 <= len(names(kiosk, "field.court.")) <= 11  # the box and its few options
    kiosk.tap("action.back")
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("department")
    kiosk.tap("field.department.9")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("court")  # twelve juzgados: the list at once
    kiosk.tap(f"field.court.{DEMO_JUZGADO_TRIBUNAL}")
    kiosk.tap("action.continue")
    reach(kiosk, "record")
    assert text_here(kiosk, "value.state") == "Sentencia: se otorga el amparo"
    assert text_here(kiosk, "value.party.1") == "M. A. S. P."


class SlowProxy(PortalProxy):
    """The portal answers amparo searches only after ``delay`` seconds."""

    delay = 1.5

    def __init__(self, upstream: str) -> None:
        super().__init__(upstream)
        self.slowed = threading.Event()  # a search reached the proxy and waits

    def _forward(self, request: BaseHTTPRequestHandler) -> None:
        if request.path.startswith("/v1/amparos?"):
            self.slowed.set()
            time.sleep(self.delay)
        super()._forward(request)


def test_a_slow_portal_shows_that_it_is_searching(
    make_driver: MakeDriver, sandbox: PortalEndpoint
) -> None:
    with SlowProxy(sandbox.url) as slow:
        kiosk = make_driver(portal_url=slow.url)
        at(kiosk, DEMO_CC_NUMBER, "csj")
        assert kiosk.screen() == screen("search")
        kiosk.wait(slow.slowed.is_set)
        assert text_here(kiosk, "label.heading") == (
            "Estamos buscando el amparo en el portal del Organismo Judicial."
        )
        progress = here(kiosk, "progress")
        assert isinstance(progress, QProgressBar) and progress.isVisible()
        reach(kiosk, "record")


def test_the_portal_down_says_so_and_the_retry_finds_it(
    make_driver: MakeDriver, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    ask(kiosk, DEMO_CC_NUMBER)
    kiosk.tap("field.tribunal.csj")
    proxy.cut()  # the portal stops answering while the visitor chooses
    kiosk.tap("action.continue")
    said = failure(kiosk)
    assert said.startswith(NO_PORTAL) and "pida ayuda en ventanilla" in said
    assert here(kiosk, "action.retry").isVisible()
    proxy.restore()
    kiosk.tap("action.retry")
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == f"Amparo {DEMO_CC_NUMBER}"


def test_a_printout_that_fails_says_what_to_do(make_driver: MakeDriver) -> None:
    kiosk = make_driver()  # its printer is a CUPS that does not answer
    at(kiosk, DEMO_CC_NUMBER, "csj")
    reach(kiosk, "record")
    kiosk.tap("action.print")
    status = here(kiosk, "label.print_status")
    kiosk.wait(lambda: status.text().startswith("No se imprimió."), 30)
    assert "Puede anotar el número del amparo y el tribunal" in status.text()
    assert here(kiosk, "action.print").isEnabled()  # «Imprimir otra vez»


def test_nothing_is_left_once_the_visit_ends(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    at(kiosk, DEMO_CC_NUMBER, "csj")
    reach(kiosk, "record")
    run = kiosk.ui.session.flow
    assert run is not None and run.answers and run.results
    kiosk.tap("action.finish")  # «Terminar y borrar mis datos»
    assert kiosk.screen() == "screen.home"
    assert (run.answers, run.raw, run.results) == ({}, {}, {})
    assert DEMO_CC_NUMBER not in shown(kiosk)
    kiosk.tap(f"tile.{SERVICE}")
    assert text_here(kiosk, "field.number") == ""
