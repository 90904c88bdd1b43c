"""Diligencias Judiciales through the kiosk's screens, by object names, against the sandbox over
HTTP: a diligence number typed in real-world shapes opens its record; a malformed one says what
is wrong and keeps it; a case lists its diligences a page at a time ("Ver más"), or asks to
narrow when it has too many; a reserved matter shows "Reservado" only; nothing found; the case
number built step by step; a slow portal, a portal that does not answer and one that answers
too late; a printout that fails says what to do; and nothing is left after "Terminar"."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler

import pytest
from clipping import clipped
from faults import PortalProxy
from kiosk_driver import Driver
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from record_visit import failure, here, shown, text_here

from kiosk import i18n
from kiosk.embedded_portal import PortalEndpoint
from kiosk.sandbox.services.diligences import (
    DEMO_CROWDED_CASE,
    DEMO_CROWDED_COUNT,
    DEMO_PAGED_CASE,
    DEMO_PAGED_COUNT,
    DEMO_RESERVED_CASE,
    DEMO_RESERVED_NUMBER,
    DEMO_SCHEDULED_NUMBER,
)
from kiosk.ui.theme import apply_theme

MakeDriver = Callable[..., Driver]
SERVICE = "diligencias-judiciales"
#: the demo lanzamiento's parties as the sandbox stores them; the kiosk shows initials
PARTIES = ("Inmobiliaria Los Pinos, Sociedad Anónima", "Marvin Estuardo López Castillo")
NO_PORTAL = "No hay conexión con el portal del Organismo Judicial en este momento."


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def reach(kiosk: Driver, step: str, timeout: float = 15) -> None:
    try:
        kiosk.wait(lambda: kiosk.screen() == screen(step), timeout)
    except AssertionError:
        raise AssertionError(f"still on {kiosk.screen()}, not {step}: {shown(kiosk)}") from None


def search(kiosk: Driver, how: str, typed: str) -> None:
    """From the home tile: say which number, type it, Continuar."""
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("search_by")
    kiosk.tap(f"field.search_by.{how}")
    kiosk.tap("action.continue")
    field = "diligence" if how == "diligence" else "number"
    assert kiosk.screen() == screen(field)
    kiosk.type(f"field.{field}", typed)
    kiosk.tap("action.continue")


def names(kiosk: Driver, prefix: str) -> list[str]:
    current = kiosk.shell.current_screen
    found = [w.objectName() for w in current.findChildren(QWidget)] if current else []
    return [name for name in found if name.startswith(prefix)]


@pytest.mark.parametrize("typed", ["DJ-01236-2025-0415", "1236 2025 415"])
def test_a_diligence_number_opens_its_record(make_driver: MakeDriver, typed: str) -> None:
    kiosk = make_driver()
    search(kiosk, "diligence", typed)
    reach(kiosk, "record")
    assert DEMO_SCHEDULED_NUMBER in text_here(kiosk, "value.heading")
    assert text_here(kiosk, "value.state") == "En trámite"
    assert "preparando lo que se pidió" in text_here(kiosk, "hint.state")  # explained
    assert text_here(kiosk, "value.kind") == "Despacho" and text_here(kiosk, "hint.kind")
    assert text_here(kiosk, "value.task") == "Lanzamiento" and text_here(kiosk, "hint.task")
    assert text_here(kiosk, "value.commissioned.municipality") == "Mixco"
    assert text_here(kiosk, "value.requesting.department") == "Guatemala"
    assert text_here(kiosk, "value.scheduled_at")  # a day set in the coming weeks
    assert text_here(kiosk, "value.party.0") == "I. P., S. A."
    assert text_here(kiosk, "value.party.1") == "M. E. L. C."
    for name in PARTIES:
        assert name not in shown(kiosk)
    assert "nueva fecha" in text_here(kiosk, "value.actuaciones.0")  # the newest first
    assert here(kiosk, "action.print").isVisible()
    assert kiosk.text("action.continue") == "Terminar"
    kiosk.tap("action.back")  # one match went straight to the record: back to the question
    assert kiosk.screen() == screen("diligence")
    assert text_here(kiosk, "field.diligence") == typed


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("DJ-23001-2025-1", "el departamento es de 01 a 22 y 23 no existe"),
        ("09006-2025-00077", "Ese parece un número de expediente"),  # a case number, here
        ("187-2025", "Falta el código del juzgado"),
    ],
)
def test_a_malformed_number_says_what_is_wrong_and_keeps_it(
    make_driver: MakeDriver, typed: str, says: str
) -> None:
    kiosk = make_driver()
    search(kiosk, "diligence", typed)
    assert kiosk.screen() == screen("diligence")
    assert says in text_here(kiosk, "error.diligence")
    assert text_here(kiosk, "field.diligence") == typed


def test_a_case_lists_its_diligences_and_more_brings_the_rest(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, "case", DEMO_PAGED_CASE)
    reach(kiosk, "results")
    assert f"Encontramos {DEMO_PAGED_COUNT} resultados" in text_here(kiosk, "label.count")
    assert DEMO_PAGED_CASE in text_here(kiosk, "label.searched")
    rows = names(kiosk, "action.select.")
    assert len(rows) == 10
    for name in rows:
        assert here(kiosk, name).height() >= 64  # a target for a finger
    assert "Enviada el" in text_here(kiosk, rows[0]) and "Estado:" in text_here(kiosk, rows[0])
    kiosk.tap("action.more")
    kiosk.wait(lambda: len(names(kiosk, "action.select.")) == DEMO_PAGED_COUNT)
    assert not here(kiosk, "label.count").isHidden()
    assert not names(kiosk, "action.more")  # nothing left to bring
    last = names(kiosk, "action.select.")[-1]
    kiosk.tap(last)
    reach(kiosk, "record")
    assert text_here(kiosk, "value.case_number") == DEMO_PAGED_CASE
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("results")


def test_too_many_asks_for_the_diligence_number(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, "case", DEMO_CROWDED_CASE)
    reach(kiosk, "results")
    assert f"Encontramos {DEMO_CROWDED_COUNT} resultados" in text_here(kiosk, "label.count")
    assert "número de la diligencia" in text_here(kiosk, "label.too_many")
    assert names(kiosk, "action.select.") == []  # no dumping of pages
    kiosk.tap("action.back")
    assert text_here(kiosk, "field.number") == DEMO_CROWDED_CASE


@pytest.mark.parametrize(
    ("how", "typed"), [("diligence", DEMO_RESERVED_NUMBER), ("case", DEMO_RESERVED_CASE)]
)
def test_a_reserved_matter_shows_reservado_and_nothing_else(
    make_driver: MakeDriver, how: str, typed: str
) -> None:
    kiosk = make_driver()
    search(kiosk, how, typed)
    reach(kiosk, "reserved")
    assert typed in text_here(kiosk, "value.heading")
    assert text_here(kiosk, "value.reserved") == "Reservado"
    assert "familia" in text_here(kiosk, "hint.reserved")
    assert sorted(names(kiosk, "value.")) == ["value.heading", "value.reserved"]
    assert here(kiosk, "action.print").isVisible()
    kiosk.tap("action.back")
    field = "diligence" if how == "diligence" else "number"
    assert text_here(kiosk, f"field.{field}") == typed


def test_nothing_found_says_what_to_do(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, "diligence", "DJ-22008-2021-9999")
    reach(kiosk, "results")
    assert "No encontramos ninguna diligencia" in text_here(kiosk, "label.empty")
    kiosk.tap("action.back")
    assert text_here(kiosk, "field.diligence") == "DJ-22008-2021-9999"


def test_the_case_number_built_step_by_step(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.tap("field.search_by.case")
    kiosk.tap("action.continue")
    kiosk.tap("action.alternative")
    assert kiosk.screen() == screen("department")
    kiosk.tap("field.department.1")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("court_kind")
    assert "Paso 4 de 6" in text_here(kiosk, "label.step")
    kiosk.tap("field.court_kind.primera_instancia")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("court")
    kiosk.tap(f"field.court.{DEMO_PAGED_CASE[:5]}")
    kiosk.tap("action.continue")
    kiosk.type("field.year", "2024")
    kiosk.type("field.sequence", "1187")
    kiosk.tap("action.continue")
    reach(kiosk, "results")
    assert DEMO_PAGED_CASE in text_here(kiosk, "label.searched")


class SlowProxy(PortalProxy):
    """The portal behind a line that takes ``delay`` seconds to bring each answer."""

    delay = 0.0

    def _forward(self, request: BaseHTTPRequestHandler) -> None:
        time.sleep(self.delay)
        super()._forward(request)


@pytest.fixture
def slow(sandbox: PortalEndpoint) -> Iterator[SlowProxy]:
    between = SlowProxy(sandbox.url)
    with between:
        yield between


def test_a_slow_portal_shows_progress_then_the_record(
    make_driver: MakeDriver, slow: SlowProxy
) -> None:
    kiosk = make_driver(portal_url=slow.url)
    kiosk.wait(lambda: kiosk.ui.catalog is not None)
    slow.delay = 1.5
    search(kiosk, "diligence", DEMO_SCHEDULED_NUMBER)
    assert kiosk.screen() == screen("search")  # the wait is shown, not a frozen screen
    assert "Estamos buscando" in text_here(kiosk, "label.heading")
    assert here(kiosk, "progress").isVisible()
    reach(kiosk, "record", timeout=20)


def test_a_portal_that_answers_too_late_says_so_and_retry_works(
    make_driver: MakeDriver, slow: SlowProxy
) -> None:
    kiosk = make_driver(portal_url=slow.url)
    kiosk.wait(lambda: kiosk.ui.catalog is not None)
    slow.delay = 11  # past the kiosk's read timeout (10 s)
    search(kiosk, "diligence", DEMO_SCHEDULED_NUMBER)
    kiosk.wait(lambda: here(kiosk, "label.message").isVisible(), timeout=25)
    said = text_here(kiosk, "label.message")
    assert said.startswith("El portal está tardando demasiado en responder")
    assert here(kiosk, "action.retry").isVisible()
    slow.delay = 0
    kiosk.tap("action.retry")
    reach(kiosk, "record")


def test_portal_down_says_so_keeps_the_number_and_retry_finds_it(
    make_driver: MakeDriver, sandbox: PortalEndpoint
) -> None:
    with PortalProxy(sandbox.url) as proxy:
        kiosk = make_driver(portal_url=proxy.url)
        kiosk.wait(lambda: kiosk.ui.catalog is not None)
        proxy.cut()  # the portal stops answering after the home screen came
        search(kiosk, "case", DEMO_PAGED_CASE)
        said = failure(kiosk)
        assert said.startswith(NO_PORTAL) and "pida ayuda en ventanilla" in said
        assert here(kiosk, "action.retry").isVisible()
        kiosk.tap("action.back")  # nothing lost
        assert text_here(kiosk, "field.number") == DEMO_PAGED_CASE
        proxy.restore()
        kiosk.tap("action.continue")
        reach(kiosk, "results")


def test_a_printout_that_fails_says_what_to_do_instead(make_driver: MakeDriver) -> None:
    kiosk = make_driver()  # its printer does not answer
    search(kiosk, "diligence", DEMO_SCHEDULED_NUMBER)
    reach(kiosk, "record")
    kiosk.tap("action.print")
    kiosk.wait(lambda: "No se imprimió" in text_here(kiosk, "label.print_status"), 30)
    said = text_here(kiosk, "label.print_status")
    assert "Puede anotar el número de la diligencia y consultarlo otra vez." in said
    assert "No se pudo preparar el documento" not in said  # the paper itself was made
    assert kiosk.text("action.print") == "Imprimir otra vez"


def test_nothing_is_kept_after_terminar_and_nothing_typed_is_logged(
    make_driver: MakeDriver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    kiosk = make_driver()
    search(kiosk, "case", DEMO_PAGED_CASE)
    reach(kiosk, "results")
    kiosk.tap(names(kiosk, "action.select.")[0])
    reach(kiosk, "record")
    kiosk.tap("action.finish")  # "Terminar y borrar mis datos"
    assert kiosk.screen() == "screen.home"
    assert kiosk.ui.session.flow is None
    kiosk.tap(f"tile.{SERVICE}")
    choice = kiosk.find("field.search_by.case")
    assert isinstance(choice, QPushButton) and not choice.isChecked()
    kiosk.tap("field.search_by.case")
    kiosk.tap("action.continue")
    assert text_here(kiosk, "field.number") == ""
    # the kiosk's own log (httpx, which writes whole URLs, is kept at WARNING by kiosk.logs)
    ours = [record for record in caplog.records if record.name.startswith("kiosk")]
    logged = " ".join(f"{record.getMessage()} {record.__dict__}" for record in ours)
    assert "/diligences/{diligence_id}" in logged  # the calls are there, by their template
    assert DEMO_PAGED_CASE not in logged and "1187" not in logged and "dl_" not in logged


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
@pytest.mark.parametrize("large", [False, True])
def test_no_clipped_text_on_its_screens_in_the_pseudo_locale(
    make_driver: MakeDriver, size: tuple[int, int], large: bool
) -> None:
    """About 40 % longer words (the pseudo-locale) still fit every screen of the service."""
    kiosk = make_driver()
    kiosk.shell.resize(*size)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, large_text=large, high_contrast=False)
    try:
        i18n.set_language("xx")
        kiosk.ui.go_home()
        kiosk.settle(0.1)
        seen: dict[str, list[str]] = {}
        kiosk.tap(f"tile.{SERVICE}")
        seen["search_by"] = clipped(kiosk.shell)
        kiosk.tap("field.search_by.diligence")
        kiosk.tap("action.continue")
        kiosk.type("field.diligence", "09006-2025-00077")
        kiosk.tap("action.continue")
        assert text_here(kiosk, "error.diligence").startswith("⟦")  # said in the pseudo-locale
        seen["diligence-error"] = clipped(kiosk.shell)
        kiosk.type("field.diligence", DEMO_SCHEDULED_NUMBER)
        kiosk.tap("action.continue")
        reach(kiosk, "record")
        seen["record"] = clipped(kiosk.shell)
        kiosk.ui.go_home()
        search(kiosk, "case", DEMO_PAGED_CASE)
        reach(kiosk, "results")
        seen["results"] = clipped(kiosk.shell)
        kiosk.tap("action.back")
        kiosk.type("field.number", DEMO_CROWDED_CASE)
        kiosk.tap("action.continue")
        reach(kiosk, "results")
        seen["too-many"] = clipped(kiosk.shell)
        kiosk.tap("action.back")
        kiosk.type("field.number", DEMO_RESERVED_CASE)
        kiosk.tap("action.continue")
        reach(kiosk, "reserved")
        seen["reserved"] = clipped(kiosk.shell)
        kiosk.tap("action.back")
        kiosk.tap("action.alternative")
        kiosk.tap("field.department.1")
        kiosk.tap("action.continue")
        seen["court-kind"] = clipped(kiosk.shell)
        # (not the courts' list: a court's name is a name, and the pseudo-locale's padding, one
        # unbreakable run of "~" as long as a third of the name, cannot wrap)
        assert not {screen: found for screen, found in seen.items() if found}
    finally:
        apply_theme(app, large_text=False, high_contrast=False)
