"""Printing a visitor's constancia: fetch it from the portal by its download code (the portal
keeps it: nothing paid for is ever lost), render it off the GUI thread, write it to the session's
own temporary folder (wiped at reset) and send it to the kiosk's printer."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from kiosk.portal.client import PortalClient
from kiosk.printing import JobOutcome, PrintingError, print_pdf, printer_state

TITLE = "Constancia OJ"  # what CUPS shows and logs: never the person's name


@dataclass(frozen=True)
class Printer:
    queue: str  # empty: the system's default destination
    server: str | None
    timeout: float


async def print_certificate(
    client: PortalClient, download_code: str, folder: Path, printer: Printer
) -> JobOutcome:
    """Raises PortalError (fetch) or PrintingError (the print system itself); a job that did not
    print comes back as its JobOutcome."""
    # reportlab takes a twentieth of a second to import: not at start-up, only for the first print.
    from kiosk.documents import render_constancia

    certificate = await client.certificate(download_code)
    loop = asyncio.get_running_loop()
    pdf = await loop.run_in_executor(None, render_constancia, certificate)
    path = folder / "constancia.pdf"
    path.write_bytes(pdf)
    return await print_pdf(
        path,
        queue=printer.queue or None,
        server=printer.server,
        title=TITLE,
        timeout=printer.timeout,
    )


async def printer_ready(printer: Printer) -> tuple[bool, str]:
    """Can a document print now? (ready, what to tell the visitor when not)."""
    try:
        state = await printer_state(printer.queue or None, server=printer.server)
    except PrintingError as error:
        return False, error.message
    return state.ready, state.message
