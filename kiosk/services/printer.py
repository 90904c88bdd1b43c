"""What the kiosk prints for a flow, and how: a step names its document ("certificate",
"payment_slip", "review_receipt"); this module makes the PDF from the flow's answers and results,
off the GUI thread, writes it to the session's own temporary folder (wiped at reset) and sends it
to the kiosk's printer.

A constancia is always fetched from the portal by its download code (the portal keeps it: nothing
paid for is ever lost, and a reprint is the same document)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.flows.collect_certificate import grouped_code
from kiosk.flows.criminal_record_steps import paid_order
from kiosk.portal.client import PortalClient
from kiosk.portal.models import CriminalRecordRequest
from kiosk.printing import JobOutcome, PrintingError, print_pdf, printer_state

if TYPE_CHECKING:
    from kiosk.verification.service import Check

#: what CUPS shows and logs for each document (cups-pdf names its files after it, so plain
#: ASCII): never the person's name
TITLES = {
    "certificate": "Constancia OJ",
    "payment_slip": "Orden de pago OJ",
    "review_receipt": "Comprobante OJ",
    "verification_receipt": "Verificacion OJ",
    "code_receipt": "Codigo de descarga OJ",
}
TITLE = TITLES["certificate"]


@dataclass(frozen=True)
class Printer:
    queue: str  # empty: the system's default destination
    server: str | None
    timeout: float


class UnknownDocument(LookupError):
    """A flow named a document this kiosk cannot make (a programming error, not a visitor's)."""


class Printouts:
    """Prints the documents flows name. ``folder`` gives the session's temporary folder."""

    def __init__(
        self,
        client: PortalClient,
        printer: Printer,
        folder: Callable[[], Path],
        *,
        kiosk_id: str = "",
    ) -> None:
        self.client = client
        self.printer = printer
        self.folder = folder
        self.kiosk_id = kiosk_id

    async def print(self, kind: str, sources: Mapping[str, object]) -> JobOutcome:
        """Raises PortalError (a constancia's fetch) or PrintingError (the print system itself);
        a job that did not print comes back as its JobOutcome. Some documents are two jobs (a
        constancia and its download-code receipt): the first that fails is the answer."""
        outcome: JobOutcome | None = None
        for name, render in await self._renderers(kind, sources):
            outcome = await self._print_one(name, render)
            if not outcome.ok:
                break
        assert outcome is not None  # every kind renders at least one document
        return outcome

    async def _print_one(self, name: str, render: Callable[[], bytes]) -> JobOutcome:
        loop = asyncio.get_running_loop()
        pdf = await loop.run_in_executor(None, render)
        path = self.folder() / f"{name}.pdf"
        path.write_bytes(pdf)
        return await print_pdf(
            path,
            queue=self.printer.queue or None,
            server=self.printer.server,
            title=TITLES[name],
            timeout=self.printer.timeout,
        )

    async def _renderers(
        self, kind: str, sources: Mapping[str, object]
    ) -> list[tuple[str, Callable[[], bytes]]]:
        # reportlab takes a twentieth of a second to import: not at start-up, at the first print.
        from kiosk import documents

        if kind == "certificate":
            certificate = await self.client.certificate(download_code(sources))
            jobs = [("certificate", lambda: documents.render_constancia(certificate))]
            request = sources.get("submit_request")
            if isinstance(request, CriminalRecordRequest) and not request.email_sent:
                # No email went out: the download code on paper is the visitor's way back.
                sent = request
                jobs.append(
                    (
                        "code_receipt",
                        lambda: documents.render_code_receipt(
                            sent,
                            available_until=certificate.valid_until,
                            dpi=certificate.dpi,
                            kiosk_id=self.kiosk_id,
                        ),
                    )
                )
            return jobs
        if kind == "payment_slip":
            order = paid_order(dict(sources))
            return [(kind, lambda: documents.render_payment_slip(order, kiosk_id=self.kiosk_id))]
        if kind == "review_receipt":
            request = _request(sources)
            email = bool(sources.get("delivery_email")) and sources.get("send_email") is True
            return [
                (
                    kind,
                    lambda: documents.render_review_receipt(
                        request, email_on_file=email, kiosk_id=self.kiosk_id
                    ),
                )
            ]
        if kind == "verification_receipt":
            receipt = sources.get("receipt")
            if not isinstance(receipt, documents.VerificationReceipt):
                raise UnknownDocument("a verification receipt needs its data")
            return [(kind, lambda: documents.render_verification_receipt(receipt))]
        raise UnknownDocument(kind)

    async def print_check(self, check: Check) -> JobOutcome:
        """A receipt of one verification: the verdict, why, and the fields, the DPI cut to its
        last four digits (a receipt may be left behind at the kiosk)."""
        from kiosk.documents import VerificationReceipt
        from kiosk.verification.presentation import present, spanish

        shown = present(check, full_dpi=False, translate=spanish)  # a Spanish paper, always
        receipt = VerificationReceipt(
            verdict=shown.label,
            good=shown.good,
            reason=shown.message,
            checked_at=datetime.now(UTC),
            fields=shown.fields,
            kiosk_id=self.kiosk_id,
        )
        return await self.print("verification_receipt", {"receipt": receipt})


def download_code(sources: Mapping[str, object]) -> str:
    """The constancia's download code: from the request just sent, or as the visitor typed it."""
    request = sources.get("submit_request")
    if isinstance(request, CriminalRecordRequest):
        return request.download_code
    typed = sources.get("download_code")
    if isinstance(typed, str):
        return grouped_code(typed)
    raise UnknownDocument("no download code among the flow's results")


def _request(sources: Mapping[str, object]) -> CriminalRecordRequest:
    request = sources.get("submit_request")
    if not isinstance(request, CriminalRecordRequest):
        raise UnknownDocument("no criminal record request among the flow's results")
    return request


async def print_certificate(
    client: PortalClient, download_code: str, folder: Path, printer: Printer
) -> JobOutcome:
    """One constancia by its download code (the reprint path, and tests)."""
    printouts = Printouts(client, printer, lambda: folder)
    return await printouts.print("certificate", {"download_code": download_code})


async def printer_ready(printer: Printer) -> tuple[bool, str]:
    """Can a document print now? (ready, what to tell the visitor when not)."""
    try:
        state = await printer_state(printer.queue or None, server=printer.server)
    except PrintingError as error:
        return False, error.message
    return state.ready, state.message
