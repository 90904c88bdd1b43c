"""«Cierre del día» (F8) at a desk: the signed-in clerk's shift, from the desk's own audit log, on
screen in tables, saved as a PDF into ``desk.reports_dir`` and printed on the desk's printer; only
the clerk's entries since their sign-in count."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import Any

from backoffice import Cups
from clipping import clipped
from desk_support import CLERK, SUPERVISOR, desk_settings, make_desk, sign_in, station
from kiosk_driver import Driver
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.formats import now
from kiosk.portal.models.audit import AuditKind
from kiosk.services.printer import Printer

MakeDriver = Any
SHOTS = Path(os.environ.get("KIOSK_SHOTS", "/tmp/shots14"))


def pdf_text(path: Path) -> str:
    """The PDF's text as laid out on the page, each row on a line, spaces collapsed."""
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    return "\n".join(" ".join(line.split()) for line in out.splitlines())


def open_end_of_day(kiosk: Driver, *, key: bool = True) -> None:
    """F8, as a trained clerk does, or the desk bar's button."""
    if key:
        QTest.keyClick(kiosk.shell, Qt.Key.Key_F8)
    else:
        kiosk.tap("action.end_of_day")
    kiosk.wait(lambda: kiosk.exists("value.total.services"))
    assert kiosk.screen() == "screen.desk.end_of_day"


def shoot(kiosk: Driver, name: str) -> None:
    """The window as the clerk sees it, and the whole screen (what scrolling shows)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    kiosk.shell.grab().save(str(SHOTS / f"{name}.png"))
    screen = kiosk.shell.current_screen
    assert screen is not None
    screen.grab().save(str(SHOTS / f"{name}_whole.png"))


def test_the_shift_is_counted_on_screen_and_saved_as_a_pdf(
    make_driver: MakeDriver, tmp_path: Path, kiosk_id: str
) -> None:
    reports = tmp_path / "informes"  # created when the first report is saved
    kiosk = make_desk(make_driver, settings=desk_settings(desk={"reports_dir": str(reports)}))
    assert kiosk.find("action.end_of_day").isVisible()
    kiosk.tap("tile.amparos")  # a service used for a visitor: one "service" entry
    QTest.keyClick(kiosk.shell, Qt.Key.Key_F2)
    kiosk.settle()
    kiosk.tap("tile.amparos")
    open_end_of_day(kiosk)
    assert kiosk.text("value.services.amparos") == "2"
    assert kiosk.text("value.total.services") == "2"
    assert kiosk.text("value.total.printed") == "0"
    assert not kiosk.exists("label.report_empty")
    assert "Ana López" in kiosk.text("label.report_staff")
    assert kiosk_id in kiosk.text("label.report_staff")
    assert kiosk.find("table.services").isVisible()
    shoot(kiosk, "end_of_day")
    assert clipped(kiosk.shell.current_screen) == []

    kiosk.tap("action.save_report")
    kiosk.wait(lambda: kiosk.text("label.report_status").startswith("Informe guardado en"))
    name = f"informe-ventanilla-{kiosk_id}-{now().date().isoformat()}-{CLERK}.pdf"
    saved = reports / name
    assert kiosk.text("label.report_status") == f"Informe guardado en {saved}"
    text = pdf_text(saved)
    assert "Informe de cierre de ventanilla" in text
    assert "Ana López (ana.lopez)" in text and kiosk_id in text
    assert "Consulta de Amparos amparos 2" in text
    assert "Servicios usados 2" in text and "Documentos impresos 0" in text
    assert "Página 1 de 1" in text
    assert "Sin actividad registrada" not in text

    kiosk.tap("action.save_report")  # again: a second file, the first one is kept
    kiosk.wait(lambda: kiosk.text("label.report_status").endswith("-2.pdf"))
    assert {p.name for p in reports.iterdir()} == {name, name.replace(".pdf", "-2.pdf")}

    kiosk.tap("action.large_text")
    kiosk.settle()
    open_end_of_day(kiosk)
    shoot(kiosk, "end_of_day_large")
    assert clipped(kiosk.shell.current_screen) == []


def test_only_the_signed_in_clerks_shift_counts(make_driver: MakeDriver) -> None:
    kiosk = make_desk(make_driver)
    kiosk.tap("tile.amparos")
    station(kiosk).sign_out()
    kiosk.wait(lambda: kiosk.screen() == "screen.desk.sign_in")
    sign_in(kiosk, SUPERVISOR)
    # offscreen, the window is no longer the active one after the sign-in screen went: the
    # window's shortcuts wait for it, the bar's button does not
    open_end_of_day(kiosk, key=False)
    assert kiosk.text("value.total.services") == "0"
    assert not kiosk.exists("value.services.amparos")  # the clerk before, not this one
    assert kiosk.find("label.report_empty").isVisible()
    assert kiosk.text("label.report_empty") == "Sin actividad registrada."
    shoot(kiosk, "end_of_day_empty")


def test_every_kind_of_work_has_its_table(make_driver: MakeDriver) -> None:
    kiosk = make_desk(make_driver)
    trail = station(kiosk).trail  # what the flows, the verification and the reprint call
    trail.printed("antecedentes-penales", "certificate")
    trail.printed("antecedentes-penales", "certificate")
    trail.verdict("EXPIRED", "CAP-2026-ABCD-EFGH", "CAP")
    trail.verdict("VALID", "CAP-2026-ABCD-EFGJ", "CAP")
    trail.verdict("VALID", "CAP-2026-ABCD-EFGK", "CAP")
    trail.failure("amparos", "portal_unavailable")
    trail.record(
        AuditKind.REPRINTED, document_code="CAP-2026-ABCD-EFGH", document_kind="CAP",
        reason="paper_jam",
    )  # fmt: skip
    open_end_of_day(kiosk)
    assert kiosk.text("value.printed.certificate") == "2"
    assert kiosk.text("value.verdicts.VALID") == "2"
    assert kiosk.text("value.verdicts.EXPIRED") == "1"
    assert kiosk.text("value.failures.portal_unavailable") == "1"
    assert kiosk.text("value.reprinted.CAP.paper_jam") == "1"
    assert kiosk.text("value.total.verdicts") == "3"
    assert not kiosk.exists("table.services")  # nothing opened: no empty table
    shoot(kiosk, "end_of_day_tables")
    assert clipped(kiosk.shell.current_screen) == []


def test_the_report_prints_on_the_desks_printer(make_driver: MakeDriver, cups: Cups) -> None:
    printer = Printer(cups.pdf_queue, cups.server, 30)
    kiosk = make_desk(make_driver, printer=printer)
    kiosk.tap("tile.amparos")
    started = time.time()
    open_end_of_day(kiosk)
    kiosk.tap("action.print_report")
    kiosk.wait(lambda: kiosk.text("label.report_status") == "Informe impreso.", 60)
    papers: list[Path] = []
    try:
        deadline = time.monotonic() + 15
        while not papers and time.monotonic() < deadline:
            papers = [
                path
                for path in cups.output_dir.glob("Informe_de_ventanilla_OJ*.pdf")
                if path.stat().st_mtime >= started - 1
            ]
            time.sleep(0.1)
        assert papers, "the report did not come out of the cups-pdf printer"
        text = pdf_text(papers[0])
        assert "Informe de cierre de ventanilla" in text
        assert "Consulta de Amparos amparos 1" in text
    finally:
        for path in papers:
            path.unlink(missing_ok=True)
