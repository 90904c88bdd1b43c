"""Printing on CUPS through its own client commands (lp, lpstat, cancel), never blocking the loop.

    state = await printer_state(queue, server=server)    # before the visitor commits
    if not state.ready: show(tr(state.message))          # e.g. no paper: offer the download code
    outcome = await print_pdf(path, queue=queue, server=server, title="Constancia OJ")
    show(tr(outcome.message))                            # COMPLETED, PRINTER_PROBLEM, TIMEOUT, ...

A job must not outlive its visit (it would print into the next visitor's hands): print with a
``JobLedger`` and end the visit with ``await ledger.cancel_all()`` at reset and shutdown; at start,
``await cancel_leftover_jobs(queue, server=server)`` cancels what an earlier run left queued.
``await purge_finished_jobs(queue, server=server)`` then drops what CUPS keeps of finished jobs
(their PDFs stay a day in its spool otherwise).

``queue`` None or "" is the CUPS default destination; ``server`` None is the machine's own CUPS
client configuration, else "host:port" or a domain socket path (passed as CUPS_SERVER). Failures of
the print system itself are ``PrintingError`` with a ``kind`` and the visitor's ``message``.
"""

from __future__ import annotations

from kiosk.printing.jobs import (
    DEFAULT_TIMEOUT,
    DEFAULT_TITLE,
    cancel,
    print_pdf,
    submit,
    track,
)
from kiosk.printing.ledger import JobLedger
from kiosk.printing.leftovers import cancel_leftover_jobs
from kiosk.printing.messages import MESSAGES
from kiosk.printing.model import (
    ErrorKind,
    JobId,
    JobOutcome,
    OnProblem,
    Outcome,
    PrinterProblem,
    PrinterState,
    PrintingError,
)
from kiosk.printing.purge import purge_finished_jobs
from kiosk.printing.state import default_queue, printer_state

__all__ = [
    "DEFAULT_TIMEOUT",
    "DEFAULT_TITLE",
    "MESSAGES",
    "ErrorKind",
    "JobId",
    "JobLedger",
    "JobOutcome",
    "OnProblem",
    "Outcome",
    "PrinterProblem",
    "PrinterState",
    "PrintingError",
    "cancel",
    "cancel_leftover_jobs",
    "default_queue",
    "print_pdf",
    "printer_state",
    "purge_finished_jobs",
    "submit",
    "track",
]
