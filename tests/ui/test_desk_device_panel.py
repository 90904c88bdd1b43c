"""«Equipo» (F7), the desk's device panel: a signed-in clerk opens it with the key and reads the
kiosk's id, the camera («No hay cámara» on a machine without one), the portal's latency and the
printer; the test page prints on the real cups-pdf queue and says so, and on a queue out of paper
it says it did not print and why. «Actualizar» reads the printer again."""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from desk_support import make_desk
from kiosk_driver import Driver
from printing.private_cupsd import TestCups
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.services.printer import Printer

MakeDriver = Any
PANEL = "screen.desk.device_panel"
_queues = itertools.count(1)


def open_panel(kiosk: Driver) -> None:
    QTest.keyClick(kiosk.shell, Qt.Key.Key_F7)
    kiosk.settle()
    assert kiosk.screen() == PANEL
    checked(kiosk)


def checked(kiosk: Driver) -> None:
    """Wait until the panel's round of checks has answered."""
    kiosk.wait(lambda: kiosk.text("label.device_checked_at").startswith("Revisado a las"))


def test_f7_opens_the_panel_with_the_kiosks_facts(make_driver: MakeDriver, kiosk_id: str) -> None:
    kiosk = make_desk(make_driver)  # the default printer of UI tests: a CUPS that never answers
    assert kiosk.find("action.device_panel").isVisible()
    assert kiosk.text("action.device_panel").split() == ["Equipo", "(F7)"]
    open_panel(kiosk)
    assert kiosk.text("value.device.kiosk_id") == kiosk_id
    assert kiosk.text("value.device.courthouse") == "Torre de Tribunales, Ciudad de Guatemala"
    assert kiosk.text("value.device.version") == __import__("kiosk").__version__
    assert kiosk.text("value.device.camera") == "No hay cámara"
    assert kiosk.text("state.device.camera") == "⚠ Atención"
    assert kiosk.text("value.device.portal").startswith("Responde en ")
    assert kiosk.text("value.device.portal").endswith(" ms")
    assert kiosk.text("state.device.portal") in ("✓ Bien", "⚠ Atención")
    assert kiosk.text("value.device.printer") == (
        "El servicio de impresión de este quiosco no responde."
    )
    assert kiosk.text("state.device.printer") == "✗ Falla"
    assert kiosk.text("label.device_summary").startswith("✗ ")
    assert kiosk.text("value.device.disk").count(" libres de ") == 1
    assert kiosk.text("value.device.audit_queue")  # «Todo enviado» or «N por enviar»
    assert not kiosk.find("state.device.kiosk_id").isVisible()  # a plain fact: no state word


def test_only_a_signed_in_clerk_opens_the_panel(make_driver: MakeDriver) -> None:
    kiosk = make_desk(make_driver, user=None)
    QTest.keyClick(kiosk.shell, Qt.Key.Key_F7)
    kiosk.settle()
    assert kiosk.screen() == "screen.desk.sign_in"


def test_the_test_page_prints_on_the_pdf_queue_and_says_so(
    make_driver: MakeDriver, cups: TestCups, cups_pdf_outputs: list[Path]
) -> None:
    kiosk = make_desk(make_driver, printer=Printer(cups.pdf_queue, cups.server, 30))
    open_panel(kiosk)
    assert kiosk.text("value.device.printer") == (
        f"Cola «{cups.pdf_queue}»: La impresora está lista."
    )
    assert kiosk.text("state.device.printer") == "✓ Bien"
    started = datetime.now().timestamp()
    kiosk.tap("action.print_test")
    assert kiosk.text("label.print_test_status") == "Imprimiendo la página de prueba…"
    assert not kiosk.find("action.print_test").isEnabled()  # one page at a time
    kiosk.wait(lambda: kiosk.text("label.print_test_status").startswith("✓"), timeout=40)
    cups_pdf_outputs.extend(
        p for p in cups.output_dir.glob("*.pdf") if p.stat().st_mtime >= started - 1
    )
    assert kiosk.text("label.print_test_status") == (
        "✓ Se imprimió la página de prueba. Revise que salió bien en la bandeja."
    )
    kiosk.wait(lambda: kiosk.find("action.print_test").isEnabled())


def test_out_of_paper_the_panel_says_it_did_not_print_and_why(
    make_driver: MakeDriver, cups: TestCups, make_queue: Callable[..., str]
) -> None:
    queue = make_queue("media-empty")
    kiosk = make_desk(make_driver, printer=Printer(queue, cups.server, 30))
    open_panel(kiosk)
    assert kiosk.text("state.device.printer") == "✓ Bien"  # nothing has tried to print yet
    kiosk.tap("action.print_test")
    kiosk.wait(lambda: kiosk.text("label.print_test_status").startswith("✗"), timeout=40)
    assert kiosk.text("label.print_test_status") == (
        "✗ No se imprimió la página de prueba. La impresora no tiene papel."
    )
    assert f"cupsenable {queue}" in kiosk.text("label.print_test_detail")
    # the panel reads the printer again after the page: stopped, without paper
    kiosk.wait(lambda: kiosk.text("state.device.printer") == "✗ Falla")
    assert kiosk.text("value.device.printer") == f"Cola «{queue}»: La impresora no tiene papel."
    assert "Out of paper" in kiosk.text("detail.device.printer")  # CUPS's own last message


def test_refresh_reads_the_printer_again(make_driver: MakeDriver, cups: TestCups) -> None:
    queue = f"kiosk-panel-{next(_queues)}"
    cups.cupsd.add_cups_pdf_queue(queue)
    try:
        kiosk = make_desk(make_driver, printer=Printer(queue, cups.server, 30))
        open_panel(kiosk)
        assert kiosk.text("state.device.printer") == "✓ Bien"
        cups.cupsd.run("cupsdisable", queue)
        kiosk.tap("action.refresh")
        kiosk.wait(lambda: kiosk.text("state.device.printer") == "✗ Falla")
        assert kiosk.text("value.device.printer") == (
            f"Cola «{queue}»: La impresora está detenida por el momento."
        )
    finally:
        cups.cupsd.delete_queue(queue)


def test_qtmultimedia_is_loaded_only_when_the_panel_asks_for_cameras() -> None:
    code = (
        "import sys\n"
        "import kiosk.app, kiosk.ui.desk.tools, kiosk.ui.desk.device_panel\n"
        "print('PySide6.QtMultimedia' in sys.modules)\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert found.stdout.strip() == "False"
