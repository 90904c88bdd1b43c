"""kiosk.services.printer.DocumentPrinter on the private cupsd: what a flow's result step prints,
read back from the PDFs cups-pdf writes. A constancia fetched from the sandbox by its download
code; when no email went out, its download-code receipt follows it."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from private_cupsd import TestCups
from support import sandbox_tools
from verification.sealed import portal_client

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient, new_idempotency_key
from kiosk.portal.models import (
    Bank,
    BoletaPayment,
    CriminalRecordRequest,
    CriminalRecordRequestCreate,
    SandboxBoletaCreate,
)
from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.services.printer import DocumentPrinter, Printer

pytestmark = pytest.mark.timeout(90)


async def request_constancia(client: PortalClient, *, email: str | None) -> CriminalRecordRequest:
    boleta = await sandbox_tools.sandbox_create_boleta(
        client, SandboxBoletaCreate(bank=Bank.BANRURAL)
    )
    body = CriminalRecordRequestCreate(
        dpi=DEMO_CLEAN.dpi,
        birth_date=DEMO_CLEAN.birth_date,
        first_names=DEMO_CLEAN.first_names,
        last_names=DEMO_CLEAN.last_names,
        email=email,
        payment=BoletaPayment(
            bank=boleta.bank, number=boleta.number, paid_on=boleta.paid_on, amount=boleta.amount
        ),
    )
    return await client.request_criminal_record(body, idempotency_key=new_idempotency_key())


def printed(output_dir: Path, prefix: str, since: float, made: list[Path]) -> list[str]:
    """The texts of the PDFs cups-pdf wrote for jobs titled ``prefix`` since ``since``."""
    found = [p for p in output_dir.glob(f"{prefix}*.pdf") if p.stat().st_mtime >= since]
    made.extend(found)
    return [
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-layout", str(p), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for p in found
    ]


def plain(text: str) -> str:
    """ASCII letters and digits only: cups-pdf's Ghostscript pass keeps the glyphs of accented
    letters on the page but drops them from the text layer it writes."""
    return "".join(char for char in text if char.isascii() and char.isalnum())


async def test_a_constancia_without_email_comes_with_its_download_code(
    cups: TestCups, sandbox: PortalEndpoint, tmp_path: Path, cups_pdf_outputs: list[Path]
) -> None:
    printer = Printer(cups.pdf_queue, cups.server, 30)
    async with portal_client(sandbox) as client:
        request = await request_constancia(client, email=None)
        assert not request.email_sent
        started = time.time()
        outcome = await DocumentPrinter(client, printer, lambda: tmp_path).print(
            "certificate", {"submit_request": request}
        )
    assert outcome.ok, outcome
    [constancia] = printed(cups.output_dir, "Constancia_OJ", started, cups_pdf_outputs)
    assert plain("María José Pérez López") in plain(constancia)
    assert str(request.certificate_code) in constancia
    [receipt] = printed(cups.output_dir, "Codigo_de_descarga_OJ", started, cups_pdf_outputs)
    assert request.download_code in receipt
    assert DEMO_CLEAN.dpi not in receipt.replace(" ", "")  # the last four digits at most
    assert sorted(p.name for p in tmp_path.iterdir()) == ["certificate.pdf", "code_receipt.pdf"]


async def test_a_constancia_sent_by_email_prints_alone(
    cups: TestCups, sandbox: PortalEndpoint, tmp_path: Path, cups_pdf_outputs: list[Path]
) -> None:
    printer = Printer(cups.pdf_queue, cups.server, 30)
    async with portal_client(sandbox) as client:
        request = await request_constancia(client, email="maria.perez@ejemplo.gt")
        assert request.email_sent
        started = time.time()
        outcome = await DocumentPrinter(client, printer, lambda: tmp_path).print(
            "certificate", {"submit_request": request}
        )
    assert outcome.ok, outcome
    [constancia] = printed(cups.output_dir, "Constancia_OJ", started, cups_pdf_outputs)
    assert str(request.certificate_code) in constancia
    assert not printed(cups.output_dir, "Codigo_de_descarga_OJ", started, cups_pdf_outputs)
