"""Antecedentes Penales journeys where the paper matters, printed through the private cupsd: the
online payment slip, the «registra» constancia, the review receipt and a later visit with the
download code, a printer without paper before and during printing, and the idle wipe after a
result. What comes out of cups-pdf is read back with pdftotext."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from backoffice import Backoffice, Cups, Tray, as_printed
from kiosk_driver import Driver
from qasync import QEventLoop
from record_visit import (
    COLLECT_TILE,
    as_guest,
    codes,
    failure,
    finish,
    heading,
    here,
    larger_than_body,
    pay_with,
    print_status,
    reach,
    screen,
    shown,
    text_here,
)
from steady_loop import run_until

from kiosk.commands.print_test import sample_certificate
from kiosk.documents import render_constancia
from kiosk.portal.models import PaymentOrderStatus
from kiosk.printing import Outcome, print_pdf
from kiosk.sandbox.demo import DEMO_CLEAN, DEMO_RECORD, DEMO_REVIEW
from kiosk.services.printer import Printer

MakeDriver = Callable[..., Driver]
_held = itertools.count(1)
PRINTED = "Su documento se imprimió."
NO_PAPER = "La impresora no tiene papel."
NOT_PRINTED = f"No se imprimió. {NO_PAPER} Con el código de descarga de arriba"
DOWNLOAD_CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


@dataclass
class KioskPrinter:
    """The kiosk's printer on the private cupsd: what make_driver gets as ``printer``; after
    ``watch(driver)`` it records what each readiness check said."""

    cups: Cups
    queue: str
    checks: list[tuple[bool, str]] = field(default_factory=list)

    def on(self, queue: str) -> Printer:
        return Printer(queue, self.cups.server, 20)

    def kiosk(self) -> Mapping[str, Any]:
        return {"printer": self.on(self.queue)}

    def watch(self, driver: Driver) -> Driver:
        documents = driver.kiosk.printer
        ready = documents.ready

        async def check() -> tuple[bool, str]:
            said = await ready()
            self.checks.append(said)
            return said

        documents.ready = check  # type: ignore[method-assign]
        return driver


@pytest.fixture
def pdf_printer(cups: Cups) -> KioskPrinter:
    return KioskPrinter(cups, cups.pdf_queue)


@pytest.fixture
def tray(cups: Cups) -> Iterator[Tray]:
    paper = Tray(cups.output_dir)
    yield paper
    paper.empty()


# --- 4. online payment --------------------------------------------------------------------------


def test_the_visitor_may_go_on_while_the_slip_still_prints(
    make_driver: MakeDriver, desk: Backoffice, cups: Cups
) -> None:
    queue = f"kiosk-held-{next(_held)}"  # ready, but every job waits in the queue
    cups.cupsd.add_cups_pdf_queue(queue)
    cups.cupsd.run("lpadmin", "-p", queue, "-o", "job-hold-until-default=indefinite")
    try:
        kiosk = make_driver(printer=Printer(queue, cups.server, 120))
        as_guest(kiosk, DEMO_CLEAN)
        kiosk.tap("field.pay_method.en_linea")
        kiosk.tap("action.continue")
        reach(kiosk, "payment_slip")
        kiosk.wait(lambda: queue in cups.cupsd.run("lpstat", "-o", queue).stdout)
        assert text_here(kiosk, "label.print_status") == "Imprimiendo su documento…"
        continue_button = kiosk.find("action.continue")
        assert continue_button.isVisible() and continue_button.isEnabled()
        kiosk.tap("action.continue")  # the flow says the visitor may go on: the slip follows
        reach(kiosk, "wait_for_payment")
    finally:
        cups.cupsd.delete_queue(queue)


def test_online_payment_prints_the_slip_waits_for_the_bank_then_completes(
    make_driver: MakeDriver,
    desk: Backoffice,
    pdf_printer: KioskPrinter,
    tray: Tray,
) -> None:
    kiosk = make_driver(**pdf_printer.kiosk())
    as_guest(kiosk, DEMO_CLEAN)
    kiosk.tap("field.pay_method.en_linea")
    kiosk.tap("action.continue")
    reach(kiosk, "payment_slip")
    reference, amount = codes(kiosk)
    assert re.fullmatch(r"\d{12}", reference)
    assert amount == "Q30.00"
    assert larger_than_body(kiosk, "value.code.payment_reference") and larger_than_body(
        kiosk, "value.code.amount"
    )
    assert print_status(kiosk).startswith(PRINTED)
    slip = tray.take("payment_slip", reference)
    assert "Q30.00" in slip

    kiosk.tap("action.continue")  # "I have paid": the kiosk waits for the bank, visibly
    reach(kiosk, "wait_for_payment")
    assert here(kiosk, "progress").isVisible()
    assert "Esperamos la confirmación de su pago" in heading(kiosk)
    assert not kiosk.find("action.continue").isVisible()
    kiosk.settle(0.3)
    assert kiosk.screen() == screen("wait_for_payment")  # not paid yet: still waiting
    desk.pay(reference)
    reach(kiosk, "review", timeout=10)
    kiosk.tap("action.continue")
    reach(kiosk, "issued")
    download, verification = codes(kiosk)
    assert DOWNLOAD_CODE.fullmatch(download) and verification.startswith("CAP-")
    order = desk.call(lambda portal: portal.payment_order_by_reference(reference))
    assert order.status is PaymentOrderStatus.USED  # the order paid for this request
    assert print_status(kiosk).startswith(PRINTED)
    constancia = tray.take("certificate", verification)
    assert as_printed(DEMO_CLEAN.full_name) in as_printed(constancia)
    finish(kiosk)


# --- 6. «registra» --------------------------------------------------------------------------------


def test_registra_is_explained_with_respect_and_the_constancia_prints(
    make_driver: MakeDriver,
    desk: Backoffice,
    pdf_printer: KioskPrinter,
    tray: Tray,
) -> None:
    kiosk = make_driver(**pdf_printer.kiosk())
    as_guest(kiosk, DEMO_RECORD)
    pay_with(kiosk, desk.boleta())
    kiosk.tap("action.continue")
    reach(kiosk, "registered")
    assert heading(kiosk) == "Resultado: registra antecedentes penales"
    body = text_here(kiosk, "label.body")
    assert "Unidad de Antecedentes Penales (UNAP)" in body
    assert "Si cree que hay un error" in body  # and where to go about it
    download, verification = codes(kiosk)
    assert DOWNLOAD_CODE.fullmatch(download) and verification.startswith("CAP-")
    assert print_status(kiosk).startswith(PRINTED)
    constancia = tray.take("certificate", verification)
    assert as_printed(DEMO_RECORD.full_name) in as_printed(constancia)
    assert "REGISTRA antecedentes penales" in constancia
    assert "NO REGISTRA" not in constancia
    # no email went out: the download code comes on paper too
    tray.take("code_receipt", download)
    finish(kiosk)


# --- 7. «en revisión», then the visits with a download code ---------------------------------------


def test_in_review_prints_a_receipt_then_the_code_says_so_and_an_issued_one_prints(
    make_driver: MakeDriver,
    desk: Backoffice,
    pdf_printer: KioskPrinter,
    tray: Tray,
) -> None:
    issued = desk.request_with(DEMO_CLEAN, desk.boleta())  # someone's constancia of another day
    assert issued.certificate_code is not None
    kiosk = make_driver(**pdf_printer.kiosk())
    as_guest(kiosk, DEMO_REVIEW)
    pay_with(kiosk, desk.boleta())
    kiosk.tap("action.continue")
    reach(kiosk, "in_review")
    reference, download = codes(kiosk)
    assert reference.startswith("cr_") and DOWNLOAD_CODE.fullmatch(download)
    assert "«Imprimir mi constancia con un código»" in text_here(kiosk, "label.body")
    assert print_status(kiosk).startswith(PRINTED)
    receipt = tray.take("review_receipt", download)
    assert reference in receipt
    kiosk.tap("action.continue")  # "Terminar"
    assert kiosk.screen() == "screen.home"

    # days later, at a kiosk: the same code, still in review
    kiosk.tap(COLLECT_TILE)
    assert kiosk.screen() == "screen.constancia-con-codigo.download_code"
    kiosk.type("field.download_code", download)
    kiosk.tap("action.continue")
    assert "Su solicitud sigue en revisión" in failure(kiosk)
    kiosk.tap("action.back")
    assert text_here(kiosk, "field.download_code") == download
    # and with the code of an issued constancia, typed without dashes, it prints
    kiosk.type("field.download_code", issued.download_code.replace("-", "").lower())
    kiosk.tap("action.continue")
    reach(kiosk, "screen.constancia-con-codigo.collected")
    assert codes(kiosk) == [issued.certificate_code]
    assert DEMO_CLEAN.full_name in text_here(
        kiosk, "label.body"
    )  # "compruebe que el nombre es el suyo"
    assert print_status(kiosk).startswith(PRINTED)
    constancia = tray.take("certificate", issued.certificate_code)
    assert as_printed(DEMO_CLEAN.full_name) in as_printed(constancia)
    finish(kiosk)


# --- 8, 9. no paper: before the visitor commits, and while printing ------------------------------


def out_of_paper(loop: QEventLoop, cups: Cups, queue: str, folder: Path) -> None:
    """A test page runs into the empty tray: the queue stops and says media-empty from now on."""
    page = folder / "muestra.pdf"
    page.write_bytes(render_constancia(sample_certificate()))
    ended = run_until(loop, print_pdf(page, queue=queue, server=cups.server))
    assert ended.outcome is Outcome.PRINTER_PROBLEM, ended


def test_no_paper_before_committing_is_said_on_the_review_and_the_codes_still_come(
    make_driver: MakeDriver,
    desk: Backoffice,
    cups: Cups,
    make_queue: Callable[..., str],
    qloop: QEventLoop,
    tmp_path: Path,
) -> None:
    paper = KioskPrinter(cups, make_queue("media-empty"))
    out_of_paper(qloop, cups, paper.queue, tmp_path)
    kiosk = make_driver(**paper.kiosk())
    as_guest(kiosk, DEMO_CLEAN)
    pay_with(kiosk, desk.boleta())
    kiosk.wait(lambda: here(kiosk, "label.printer_notice").isVisible())
    notice = text_here(kiosk, "label.printer_notice")
    assert NO_PAPER in notice
    assert notice.count("Puede continuar: recibirá el código de descarga en pantalla.") == 1
    kiosk.tap("action.continue")  # the visitor goes on
    reach(kiosk, "issued")
    download, verification = codes(kiosk)
    assert DOWNLOAD_CODE.fullmatch(download) and verification.startswith("CAP-")
    assert print_status(kiosk).startswith(NOT_PRINTED)  # what happened, why, what instead
    assert here(kiosk, "action.reprint").isVisible()
    finish(kiosk)


def test_paper_runs_out_while_printing_the_codes_stay_and_a_reprint_works(
    make_driver: MakeDriver,
    desk: Backoffice,
    cups: Cups,
    make_queue: Callable[..., str],
    tray: Tray,
) -> None:
    paper = KioskPrinter(cups, make_queue("media-empty"))  # fails when the job runs
    kiosk = paper.watch(make_driver(**paper.kiosk()))
    as_guest(kiosk, DEMO_CLEAN)
    pay_with(kiosk, desk.boleta())
    kiosk.wait(lambda: bool(paper.checks))
    assert paper.checks[0][0]  # ready, as far as anyone can tell before printing
    assert not here(kiosk, "label.printer_notice").isVisible()
    kiosk.tap("action.continue")
    reach(kiosk, "issued")
    shown_codes = codes(kiosk)
    status = print_status(kiosk)
    assert status.startswith(NOT_PRINTED), status
    assert here(kiosk, "label.print_status").property("kind") == "error"
    assert here(kiosk, "action.reprint").isVisible()
    assert codes(kiosk) == shown_codes  # the codes stay, in large type
    assert larger_than_body(kiosk, "value.code.download")
    visible = shown(kiosk)
    assert "Tome la constancia impresa" not in visible
    assert PRINTED not in visible

    # the technician moves the kiosk to a printer with paper; the visitor taps "Imprimir otra vez"
    kiosk.kiosk.printer.printer = paper.on(cups.pdf_queue)
    kiosk.tap("action.reprint")
    assert print_status(kiosk).startswith(PRINTED)
    assert not here(kiosk, "action.reprint").isVisible()
    constancia = tray.take("certificate", shown_codes[1])
    assert as_printed(DEMO_CLEAN.full_name) in as_printed(constancia)
    finish(kiosk)


# --- 12. the idle wipe after a result -------------------------------------------------------------


def kept_in_cups(cups: Cups) -> str:
    """The finished jobs CUPS still keeps on the kiosk's queue (with their PDFs, for a day)."""
    listing = subprocess.run(
        ["lpstat", "-W", "completed", "-o", cups.pdf_queue],
        env={**os.environ, "CUPS_SERVER": cups.server},
        capture_output=True,
        text=True,
        check=True,
    )
    return listing.stdout


def test_idle_wipe_on_the_result_leaves_no_pdf_in_the_session_folder_or_in_cups(
    make_driver: MakeDriver,
    desk: Backoffice,
    cups: Cups,
    pdf_printer: KioskPrinter,
    tray: Tray,
) -> None:
    kiosk = make_driver(idle_ms=(2000, 1000), **pdf_printer.kiosk())
    as_guest(kiosk, DEMO_CLEAN)
    pay_with(kiosk, desk.boleta())
    kiosk.tap("action.continue")
    reach(kiosk, "issued")
    verification = codes(kiosk)[1]
    assert print_status(kiosk).startswith(PRINTED)
    tray.take("certificate", verification)
    folder = kiosk.ui.session.temp_dir()
    assert "certificate.pdf" in {p.name for p in folder.glob("*.pdf")}
    kiosk.wait(lambda: kiosk.find("overlay.idle").isVisible(), timeout=5)
    kiosk.wait(lambda: kiosk.screen() == "screen.home", timeout=5)
    assert not folder.exists() or not list(folder.glob("*.pdf"))
    assert verification not in shown(kiosk)
    kiosk.wait(lambda: not kept_in_cups(cups), timeout=5)  # the spool is purged at the reset


def test_inicio_leaves_no_pdf_and_no_cookie_for_the_next_visitor(
    make_driver: MakeDriver, desk: Backoffice, pdf_printer: KioskPrinter, tray: Tray
) -> None:
    kiosk = make_driver(**pdf_printer.kiosk())
    as_guest(kiosk, DEMO_CLEAN)
    kiosk.tap("field.pay_method.en_linea")
    kiosk.tap("action.continue")
    reach(kiosk, "payment_slip")
    reference = codes(kiosk)[0]
    assert print_status(kiosk).startswith(PRINTED)
    tray.take("payment_slip", reference)
    folder = kiosk.ui.session.temp_dir()
    assert "payment_slip.pdf" in {p.name for p in folder.glob("*.pdf")}
    kiosk.kiosk.client._http.cookies.set("visita", "de-otra-persona")  # as a portal might set
    kiosk.tap("action.home")  # «Inicio»: not «Terminar», and the person walks away
    assert kiosk.screen() == "screen.home"
    assert not folder.exists()  # the slip with the reference does not wait for the next one
    kiosk.tap("action.finish")
    assert not kiosk.kiosk.client._http.cookies  # a visit's cookies end with it


def test_a_visitor_who_leaves_during_the_payment_wait_is_wiped(
    make_driver: MakeDriver, desk: Backoffice
) -> None:
    kiosk = make_driver(idle_ms=(600, 1000))
    as_guest(kiosk, DEMO_CLEAN)
    kiosk.tap("field.pay_method.en_linea")
    kiosk.tap("action.continue")
    reach(kiosk, "payment_slip")
    kiosk.tap("action.continue")  # "I have paid" — and nobody is there any more
    reach(kiosk, "wait_for_payment")
    assert kiosk.ui.ops.busy  # waiting for the bank (up to 10 minutes)
    kiosk.wait(lambda: kiosk.find("overlay.idle").isVisible(), timeout=5)  # it asks first
    kiosk.wait(lambda: kiosk.screen() == "screen.home", timeout=5)
    assert not kiosk.ui.ops.busy and kiosk.ui.session.flow is None  # the wait went with them
