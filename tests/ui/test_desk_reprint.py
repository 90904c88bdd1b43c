"""«Reimprimir» at the desk (F6): a supervisor reprints a constancia by its verification code with
a reason (recorded at the portal and in the audit log, printed on the cups-pdf printer and read
back); a clerk is told plainly that a supervisor must do it; a printer failure leaves the reprint
recorded once; a lost answer retried records one reprint; the typed code stays on every refusal.
Real sandbox over HTTP, real widgets."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from backoffice import Backoffice, Cups, Tray, as_printed
from desk_support import CLERK, SUPERVISOR, audit_entries, make_desk
from faults import PortalProxy
from kiosk_driver import Driver
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from support import sandbox_tools

from kiosk.audit.log import AuditEntry
from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.services.printer import Printer

MakeDriver = Callable[..., Driver]
REPRINTS = "/v1/staff/reprints"
SUPERVISOR_NEEDED = (
    "Solo un supervisor puede reimprimir documentos. Pida a su supervisor que ingrese."
)
SHOTS = os.environ.get("DESK_REPRINT_SHOTS")  # a folder: each screen, normal and large text


@pytest.fixture
def tray(cups: Cups) -> Iterator[Tray]:
    paper = Tray(cups.output_dir)
    yield paper
    paper.empty()


def issued_code(desk: Backoffice) -> str:
    """A constancia issued the way a visitor gets one; its verification code."""
    request = desk.request_with(DEMO_CLEAN, desk.boleta())
    assert request.certificate_code is not None
    return request.certificate_code


def recorded(desk: Backoffice, code: str) -> list[tuple[str, str]]:
    rows = desk.rows("SELECT staff_user, reason FROM staff_reprints WHERE document_code = ?", code)
    return [(row["staff_user"], row["reason"]) for row in rows]


def kinds(entries: list[AuditEntry]) -> list[str]:
    return [entry.kind.value for entry in entries]


def open_reprint(kiosk: Driver) -> None:
    QTest.keyClick(kiosk.shell, Qt.Key.Key_F6)
    kiosk.wait(lambda: kiosk.screen() == "screen.desk.reprint")


def ask_reprint(kiosk: Driver, code: str, reason: str) -> None:
    kiosk.type("field.document_code", code)
    kiosk.tap(f"field.reprint_reason.{reason}")
    kiosk.tap("action.continue")


def problem(kiosk: Driver) -> str:
    kiosk.wait(
        lambda: (
            kiosk.screen() == "screen.desk.reprint"
            and kiosk.find("label.reprint_problem").isVisible()
        )
    )
    return kiosk.text("label.reprint_problem")


def print_status(kiosk: Driver, starts: str) -> str:
    kiosk.wait(lambda: kiosk.screen() == "screen.desk.reprint_done", timeout=20)
    kiosk.wait(lambda: kiosk.text("label.print_status").startswith(starts), timeout=40)
    return kiosk.text("label.print_status")


def shots(kiosk: Driver, name: str) -> None:
    """Screenshots at 1280x800, normal and with large text (``DESK_REPRINT_SHOTS=<folder>``);
    the form also scrolled to its foot (the reasons)."""
    if not SHOTS:
        return
    folder = Path(SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    for size in ("", "-large"):
        if size:
            kiosk.tap("action.large_text")
        kiosk.settle(0.3)
        kiosk.shell.grab().save(str(folder / f"{name}{size}.png"))
        if kiosk.screen() == "screen.desk.reprint":
            kiosk.scroll_to(kiosk.find("field.reprint_reason.data_unreadable"))
            kiosk.shell.grab().save(str(folder / f"{name}{size}-foot.png"))
    kiosk.tap("action.large_text")
    kiosk.settle(0.2)


def test_a_clerk_is_told_a_supervisor_must_reprint(
    make_driver: MakeDriver, desk: Backoffice
) -> None:
    code = issued_code(desk)
    kiosk = make_desk(make_driver, user=CLERK)
    assert kiosk.find("action.reprint").isVisible()
    assert " ".join(kiosk.text("action.reprint").split()) == "Reimprimir (F6)"
    open_reprint(kiosk)  # the key the button shows
    shots(kiosk, "reprint-form")
    ask_reprint(kiosk, code, "damaged")
    assert problem(kiosk) == SUPERVISOR_NEEDED
    assert kiosk.text("field.document_code") == code  # kept, to hand over to the supervisor
    assert kiosk.find("field.reprint_reason.damaged").isChecked()  # type: ignore[attr-defined]
    shots(kiosk, "reprint-clerk-refused")
    entries = audit_entries(kiosk)
    assert "reprinted" not in kinds(entries) and "printed" not in kinds(entries)
    failures = [dict(e.fields) for e in entries if e.kind.value == "failure"]
    assert failures and failures[-1]["code"] == "staff_role_required"
    assert recorded(desk, code) == []


def test_a_supervisor_reprints_and_the_constancia_comes_out_again(
    make_driver: MakeDriver, desk: Backoffice, cups: Cups, tray: Tray
) -> None:
    code = issued_code(desk)
    kiosk = make_desk(
        make_driver, user=SUPERVISOR, printer=Printer(cups.pdf_queue, cups.server, 30)
    )
    kiosk.tap("action.reprint")  # the desk bar's button
    assert kiosk.screen() == "screen.desk.reprint"
    kiosk.type("field.document_code", code.lower().replace("-", " "))  # typed as read
    QTest.keyClick(kiosk.find("field.document_code"), Qt.Key.Key_Return)
    kiosk.settle()
    assert kiosk.find("error.reprint_reason").isVisible()  # the reason first
    assert recorded(desk, code) == []
    kiosk.tap("field.reprint_reason.printer_failed")
    QTest.keyClick(kiosk.find("field.document_code"), Qt.Key.Key_Return)  # Enter continues
    said = print_status(kiosk, "El documento se imprimió")
    assert said == "El documento se imprimió. Entréguelo a la persona."
    assert kiosk.text("value.document_code") == code
    assert kiosk.text("value.reprint_reason") == "La impresora falló"
    shots(kiosk, "reprint-done")
    paper = tray.take("certificate", code)
    assert as_printed(code) in as_printed(paper)
    assert recorded(desk, code) == [(SUPERVISOR, "printer_failed")]
    entries = [e for e in audit_entries(kiosk) if e.kind.value in ("reprinted", "printed")]
    assert [(e.kind.value, dict(e.fields)) for e in entries] == [
        ("reprinted", {"staff_user": SUPERVISOR, "document_code": code,
                       "document_kind": "CAP", "reason": "printer_failed"}),
        ("printed", {"staff_user": SUPERVISOR, "service": "ventanilla",
                     "document_code": code, "document_kind": "CAP"}),
    ]  # fmt: skip
    kiosk.tap("action.continue")  # «Otra reimpresión»: an empty form
    assert kiosk.screen() == "screen.desk.reprint" and kiosk.text("field.document_code") == ""


def test_a_printer_failure_says_so_and_the_reprint_stays_recorded_once(
    make_driver: MakeDriver, desk: Backoffice
) -> None:
    code = issued_code(desk)
    kiosk = make_desk(make_driver, user=SUPERVISOR)  # the default printer never answers
    open_reprint(kiosk)
    ask_reprint(kiosk, code, "lost")
    said = print_status(kiosk, "No se imprimió.")
    assert "Imprimir otra vez" in said and "la reimpresión ya quedó registrada" in said
    shots(kiosk, "reprint-not-printed")
    assert recorded(desk, code) == [(SUPERVISOR, "lost")]
    kiosk.tap("action.language")  # the screen is built again: what the print said stays
    try:
        assert kiosk.screen() == "screen.desk.reprint_done"
        assert kiosk.text("label.print_status") == said
        assert kiosk.find("action.print_again").isVisible()
    finally:
        kiosk.tap("action.language")
    kiosk.tap("action.print_again")  # prints again: no second reprint
    kiosk.wait(lambda: kiosk.find("action.print_again").isVisible(), timeout=40)
    assert recorded(desk, code) == [(SUPERVISOR, "lost")]
    entries = audit_entries(kiosk)
    assert kinds(entries).count("reprinted") == 1 and "printed" not in kinds(entries)
    assert [dict(e.fields)["code"] for e in entries if e.kind.value == "failure"] == [
        "printing_failed",
        "printing_failed",
    ]


def test_refusals_keep_the_code_and_say_why(make_driver: MakeDriver, desk: Backoffice) -> None:
    annulled = issued_code(desk)
    desk.call(lambda c: sandbox_tools.sandbox_revoke_document(c, annulled))
    kiosk = make_desk(make_driver, user=SUPERVISOR)
    open_reprint(kiosk)
    ask_reprint(kiosk, "CAP-2026", "damaged")  # not a whole code: said before any call
    assert kiosk.find("error.document_code").isVisible()
    assert "faltan 8" in kiosk.text("error.document_code")
    ask_reprint(kiosk, "CAP-2026-ZZZZ-ZZZZ", "damaged")
    assert problem(kiosk).startswith("No hay ningún documento del Organismo Judicial")
    assert kiosk.text("field.document_code") == "CAP-2026-ZZZZ-ZZZZ"
    ask_reprint(kiosk, annulled, "data_unreadable")
    assert problem(kiosk).startswith("Ese documento fue anulado")
    assert kiosk.text("field.document_code") == annulled
    assert recorded(desk, annulled) == []
    assert "reprinted" not in kinds(audit_entries(kiosk))


def test_a_lost_answer_retried_records_one_reprint(
    make_driver: MakeDriver, desk: Backoffice, proxy: PortalProxy
) -> None:
    code = issued_code(desk)
    kiosk = make_desk(make_driver, user=SUPERVISOR, portal_url=proxy.url)
    open_reprint(kiosk)
    proxy.lose_next_answer("POST", REPRINTS)
    ask_reprint(kiosk, code, "damaged")
    kiosk.wait(lambda: kiosk.screen() == "screen.desk.reprint_running")
    kiosk.wait(lambda: kiosk.find("action.retry").isVisible())
    assert "no se registra dos veces" in kiosk.text("label.message")
    shots(kiosk, "reprint-retry")
    (lost,) = proxy.to("POST", REPRINTS)
    assert lost.status == 201 and not lost.delivered  # the portal did record it
    kiosk.tap("action.retry")
    kiosk.wait(lambda: kiosk.screen() == "screen.desk.reprint_done")
    retried = proxy.to("POST", REPRINTS)[1]
    assert retried.replayed and retried.delivered  # the same Idempotency-Key
    assert recorded(desk, code) == [(SUPERVISOR, "damaged")]
    assert kinds(audit_entries(kiosk)).count("reprinted") == 1
