"""Print jobs on CUPS: submit with ``lp``, track with ``lpstat``, cancel with ``cancel``.

How the end of a job is told apart: ``lpstat`` lists a job as not-completed while it is pending,
held, processing or stopped, and as completed once it is completed, canceled *or* aborted; it never
prints the job-state (and CUPS 2.4 reports "processing-to-stop-point" as the job-state-reasons of
all three). ``cancel`` on a finished job refuses and names its state ("Job #12 is already
completed|canceled|aborted - can't cancel."), and is harmless on a finished job, so that refusal is
what classifies a job that left the not-completed list.

A job that cannot print now (printer problem, or time out) is cancelled: a constancia must not come
out later, in front of the next visitor. The visitor reprints with the download code. For the same
reason a job must not outlive its visit: ``print_pdf(..., ledger=...)`` records it in a
``JobLedger`` (ledger.py), whose ``cancel_all`` at the end of the visit cancels it.

CUPS keeps the printer-state-reasons a backend reported (media-empty, ...) until a backend clears
them, and backends only run with a job: after paper ran out during a job that was then cancelled,
the queue stays idle with a stale "media-empty" and ``printer_state`` says not ready even once the
paper is back. The way out is a job that skips the check and ignores printer problems, as a
technician's test print does: ``print_pdf(..., check_first=False, on_problem=OnProblem.IGNORE)``.
The backend then clears the reasons (or reports them again).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Coroutine
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.printing.commands import run
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
from kiosk.printing.state import default_queue, printer_state, require_scheduler

if TYPE_CHECKING:  # ledger imports this module (cancel) at run time
    from kiosk.printing.ledger import JobLedger, Ticket

DEFAULT_TITLE = "Documento OJ"
DEFAULT_TIMEOUT = 60.0

_REQUEST_ID = re.compile(r"request id is (?P<job>\S+-\d+)")
_FINISHED = re.compile(r"is already (?P<state>completed|canceled|cancelled|aborted)")
_FINAL_STATES = {
    "completed": Outcome.COMPLETED,
    "canceled": Outcome.CANCELED,
    "cancelled": Outcome.CANCELED,
    "aborted": Outcome.ABORTED,
}
# A title that could be personal data: an e-mail, or a run of digits (DPI, CUI, phone, code).
_PERSONAL = re.compile(r"@|\d{4,}")
# While a job waits, these do not stop it from printing (queued jobs print on a rejecting queue).
_NOT_BLOCKING_QUEUED = frozenset({PrinterProblem.NOT_ACCEPTING})
# Outcomes that stand even when the visit ended meanwhile: the job did not wait to be cancelled.
_PRINTED_OR_FAILED = frozenset({Outcome.COMPLETED, Outcome.ABORTED})


@dataclass(frozen=True)
class ActiveJob:
    """A not-completed job as ``lpstat -W not-completed -l -o QUEUE`` shows it."""

    job: JobId
    reasons: tuple[str, ...]  # job-state-reasons, e.g. ("job-printing",), ("printer-stopped",)
    status: str  # job-printer-state-message


def parse_job_list(text: str) -> dict[JobId, ActiveJob]:
    """The jobs in an ``lpstat -l -o`` listing, with their Alerts and Status lines."""
    jobs: dict[JobId, ActiveJob] = {}
    current: JobId | None = None
    reasons: tuple[str, ...] = ()
    status = ""

    def close() -> None:
        if current is not None:
            jobs[current] = ActiveJob(current, reasons, status)

    for line in text.splitlines():
        if not line.strip():
            continue
        if not line.startswith("\t"):
            close()
            current, reasons, status = None, (), ""
            with_id = line.split(maxsplit=1)[0]
            try:
                current = JobId.parse(with_id)
            except ValueError:
                continue
            continue
        field = line.strip()
        if field.startswith("Alerts:"):
            reasons = tuple(w for w in field.removeprefix("Alerts:").split() if w != "none")
        elif field.startswith("Status:"):
            status = field.removeprefix("Status:").strip()
    close()
    return jobs


def parse_request_id(text: str) -> JobId | None:
    match = _REQUEST_ID.search(text)
    return JobId.parse(match["job"]) if match else None


def parse_cancel_refusal(text: str) -> Outcome | None:
    """The final state named by cancel's refusal, or None if it does not name one."""
    match = _FINISHED.search(text)
    return _FINAL_STATES[match["state"]] if match else None


def check_title(title: str) -> str:
    """The job title is shown by CUPS and logged: it must never carry personal data."""
    if not title.strip() or _PERSONAL.search(title) or len(title) > 60:
        raise ValueError("a print job title is a short generic label such as 'Constancia OJ'")
    return title


async def submit(
    pdf_path: str | PathLike[str],
    *,
    queue: str | None = None,
    server: str | None = None,
    title: str = DEFAULT_TITLE,
) -> JobId:
    """Send a PDF to ``queue`` (None or "" = the default destination) with ``lp``; its job id.

    ``title`` is visible in CUPS and its logs: pass a generic label ("Constancia OJ"), never a name,
    DPI or code (ValueError). Raises PrintingError: LP_MISSING, UNREACHABLE, UNKNOWN_QUEUE,
    NO_DEFAULT, NOT_ACCEPTING, BAD_DOCUMENT, FAILED.
    """
    check_title(title)
    path = Path(pdf_path).absolute()  # absolute: a name starting with "-" is not an option
    if not path.is_file():
        raise PrintingError(ErrorKind.BAD_DOCUMENT, "the document to print does not exist")
    name = queue or await default_queue(server)
    if name is None:
        raise PrintingError(ErrorKind.NO_DEFAULT, "no queue given and no default destination")
    result = await run(["lp", "-d", name, "-t", title, str(path)], server=server)
    job = parse_request_id(result.stdout) if result.ok else None
    if job is not None:
        return job
    detail = f"lp: {result.stderr.strip().replace(str(path), '<document>')}"
    if "unable to access" in result.stderr or "Unsupported document-format" in result.stderr:
        raise PrintingError(ErrorKind.BAD_DOCUMENT, detail)
    if "not accepting" in result.stderr:
        raise PrintingError(ErrorKind.NOT_ACCEPTING, detail)
    await require_scheduler(server)
    if "does not exist" in result.stderr:
        raise PrintingError(ErrorKind.UNKNOWN_QUEUE, detail)
    raise PrintingError(ErrorKind.FAILED, detail)


async def list_jobs(queue: str, *, server: str | None, completed: bool) -> dict[JobId, ActiveJob]:
    """Jobs on ``queue``: the not-completed ones, or (``completed``) the finished ones."""
    which = "completed" if completed else "not-completed"
    result = await run(["lpstat", "-W", which, "-l", "-o", queue], server=server)
    if result.ok:
        return parse_job_list(result.stdout)
    await require_scheduler(server)
    if "Invalid destination name" in result.stderr:
        return {}  # the queue is gone, and its jobs with it
    raise PrintingError(ErrorKind.FAILED, f"lpstat: {result.stderr.strip()}")


async def cancel(job: JobId, *, server: str | None = None) -> Outcome | None:
    """Cancel ``job``. None if it was still active (now cancelled), else the state it had ended in.

    A job CUPS no longer knows (purged) counts as CANCELED.
    """
    result = await run(["cancel", str(job)], server=server)
    if result.ok:
        return None
    finished = parse_cancel_refusal(result.stderr)
    if finished is not None:
        return finished
    await require_scheduler(server)
    if "does not exist" in result.stderr or "Invalid destination" in result.stderr:
        return Outcome.CANCELED
    raise PrintingError(ErrorKind.FAILED, f"cancel: {result.stderr.strip()}")


async def _final_outcome(job: JobId, server: str | None) -> Outcome:
    """How a job that left the not-completed list ended."""
    if job not in await list_jobs(job.queue, server=server, completed=True):
        return Outcome.CANCELED  # purged (cancel -x) or never known: it did not print for sure
    return await cancel(job, server=server) or Outcome.CANCELED


async def _blocking_problem(queue: str, server: str | None) -> tuple[PrinterProblem, str] | None:
    """The printer's most telling problem for a job already queued (and its message), or None."""
    state = await printer_state(queue, server=server)
    blocking = [p for p in state.problems if p not in _NOT_BLOCKING_QUEUED]
    return (blocking[0], state.status) if blocking else None


async def track(
    job: JobId,
    *,
    server: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    poll: float = 0.25,
    on_problem: OnProblem = OnProblem.CANCEL,
) -> JobOutcome:
    """Follow ``job`` until it ends, the printer reports a problem, or ``timeout`` seconds pass.

    COMPLETED / ABORTED / CANCELED as CUPS ended the job; PRINTER_PROBLEM (e.g. no paper) as soon as
    the printer reports a blocking problem while the job waits, and then the job is cancelled
    (``on_problem`` CANCEL), left queued (KEEP) or followed on (IGNORE); TIMEOUT after ``timeout``
    seconds, and the job is cancelled. Raises PrintingError (UNREACHABLE, LP_MISSING, FAILED) when
    CUPS itself cannot be asked.
    """
    loop = asyncio.get_running_loop()
    started = loop.time()
    deadline = started + timeout

    def ended(
        outcome: Outcome, problem: PrinterProblem | None = None, status: str = ""
    ) -> JobOutcome:
        return JobOutcome(outcome, job, problem, round(loop.time() - started, 3), status)

    while True:
        active = (await list_jobs(job.queue, server=server, completed=False)).get(job)
        if active is None:
            return ended(await _final_outcome(job, server))
        found = None
        if on_problem is not OnProblem.IGNORE:
            found = await _blocking_problem(job.queue, server)
        if found is not None:
            problem, status = found[0], found[1] or active.status
            if on_problem is OnProblem.KEEP:
                return ended(Outcome.PRINTER_PROBLEM, problem, status)
            finished = await cancel(job, server=server)
            if finished is None or finished is Outcome.CANCELED:
                return ended(Outcome.PRINTER_PROBLEM, problem, status)
            return ended(finished)  # it ended on its own just now
        if loop.time() >= deadline:
            finished = await cancel(job, server=server)
            return ended(Outcome.TIMEOUT if finished is None else finished, status=active.status)
        await asyncio.sleep(max(0.0, min(poll, deadline - loop.time())))


async def print_pdf(
    pdf_path: str | PathLike[str],
    *,
    queue: str | None = None,
    server: str | None = None,
    title: str = DEFAULT_TITLE,
    timeout: float = DEFAULT_TIMEOUT,
    poll: float = 0.25,
    check_first: bool = True,
    on_problem: OnProblem = OnProblem.CANCEL,
    ledger: JobLedger | None = None,
) -> JobOutcome:
    """Check the printer, submit the PDF, track the job: the outcome to show the visitor.

    A printer that is not ready gives PRINTER_PROBLEM with ``job=None`` and sends nothing, unless
    ``check_first`` is False (a technician's test print, with ``on_problem=OnProblem.IGNORE``:
    see the module's note on stale printer alerts). An unknown queue, no default destination, no
    cupsd or no lp raise PrintingError.

    With a ``ledger`` (see ``kiosk.printing.ledger``) the job is recorded until it has ended, and
    once ``ledger.cancel_all()`` has ended the visit this print ends as CANCELED at whatever stage
    it is (not yet sent: nothing is sent; tracking: it stops), without raising.
    """
    if ledger is not None:
        return await _print_for_visit(
            ledger.ticket(), pdf_path, queue, server, title, timeout, poll, check_first, on_problem
        )
    loop = asyncio.get_running_loop()
    started = loop.time()
    state = await printer_state(queue, server=server)
    _raise_for_configuration(state)
    if check_first and not state.ready:
        elapsed = round(loop.time() - started, 3)
        return JobOutcome(Outcome.PRINTER_PROBLEM, None, state.problem, elapsed, state.status)
    job = await submit(pdf_path, queue=state.queue, server=server, title=title)
    remaining = max(0.0, timeout - (loop.time() - started))
    return await track(job, server=server, timeout=remaining, poll=poll, on_problem=on_problem)


async def _print_for_visit(
    ticket: Ticket,
    pdf_path: str | PathLike[str],
    queue: str | None,
    server: str | None,
    title: str,
    timeout: float,
    poll: float,
    check_first: bool,
    on_problem: OnProblem,
) -> JobOutcome:
    """``print_pdf`` with a ledger: the same steps, each ending as CANCELED once the visit ended."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    job: JobId | None = None

    def cancelled() -> JobOutcome:
        return JobOutcome(Outcome.CANCELED, job, elapsed=round(loop.time() - started, 3))

    try:
        state = await printer_state(queue, server=server)
        if ticket.ended:
            return cancelled()
        _raise_for_configuration(state)
        if check_first and not state.ready:
            elapsed = round(loop.time() - started, 3)
            return JobOutcome(Outcome.PRINTER_PROBLEM, None, state.problem, elapsed, state.status)
        sending = submit(pdf_path, queue=state.queue, server=server, title=title)
        job = await ticket.submit(sending, server=server)
        if job is None or ticket.ended:
            return cancelled()  # cancel_all waited for this lp and cancels its job
        remaining = max(0.0, timeout - (loop.time() - started))
        tracking = track(job, server=server, timeout=remaining, poll=poll, on_problem=on_problem)
        outcome = await _until_ended(ticket, tracking)
    except PrintingError:
        if ticket.ended:
            return cancelled()  # the visit is over: nobody is left to read the error
        raise
    if outcome is None or (ticket.ended and outcome.outcome not in _PRINTED_OR_FAILED):
        return cancelled()
    if not (outcome.outcome is Outcome.PRINTER_PROBLEM and on_problem is OnProblem.KEEP):
        ticket.forget(job, server=server)  # ended, or track cancelled it: it cannot print later
    return outcome


async def _until_ended(
    ticket: Ticket, tracking: Coroutine[Any, Any, JobOutcome]
) -> JobOutcome | None:
    """``tracking``'s outcome, or None when the visit ended first (tracking is then stopped).

    Without this, a job stuck "processing" (a hung printer whose backend is slow to stop) or a
    hung cupsd would keep the print of an ended visit polling until its timeout.
    """
    tracker = asyncio.ensure_future(tracking)
    ending = asyncio.ensure_future(ticket.wait_ended())
    try:
        await asyncio.wait({tracker, ending}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (tracker, ending):
            task.cancel()  # no-op when done; a cancelled track kills and reaps its lpstat
        await asyncio.gather(tracker, ending, return_exceptions=True)
    if tracker.cancelled():
        return None
    return tracker.result()  # raises track's PrintingError


def _raise_for_configuration(state: PrinterState) -> None:
    if PrinterProblem.NO_DEFAULT in state.problems:
        raise PrintingError(ErrorKind.NO_DEFAULT, "no queue given and no default destination")
    if PrinterProblem.UNKNOWN_QUEUE in state.problems:
        raise PrintingError(ErrorKind.UNKNOWN_QUEUE, f"no queue named {state.queue}")
