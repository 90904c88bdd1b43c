"""`kiosk print-test`: the technician's check when installing a kiosk. Prints a sample constancia
(clearly marked as a sample, signed with a throwaway key that no trust list knows) on the
configured queue and reports what happened to the job, so a wrong queue, a missing driver or an
empty tray shows up before the first citizen does.

While the sample waits, the printer's state is read too (``printer_state``): a stopped queue
(cupsdisable, or a backend that stopped it, e.g. out of paper) prints nothing until someone acts,
so it is reported at once, with the most telling problem ("sin papel" before "detenida"); so is a
problem that appears after the sample was sent (a printer waiting for paper). An alert CUPS already
showed before is given ``STALE_GRACE`` seconds: it may be an old one, which the backend clears when
it runs the sample (see kiosk.printing.jobs). The sample is then cancelled, and the command fails
as for any failed print (exit status 1)."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from kiosk.documents import render_constancia
from kiosk.identity import make_dpi
from kiosk.portal.models import Certificate
from kiosk.printing import (
    ErrorKind,
    JobId,
    JobOutcome,
    OnProblem,
    Outcome,
    PrinterProblem,
    PrinterState,
    PrintingError,
    cancel,
    printer_state,
    submit,
    track,
)
from kiosk.seals.codec import encode_seal
from kiosk.seals.keys import generate_private_key
from kiosk.seals.model import DocumentType, RecordResult, SealedDocument, add_months

SAMPLE_NAME = "MUESTRA DE IMPRESIÓN — SIN VALIDEZ"
SAMPLE_CODE = "CAP-0000-PRUEBA"
TITLE = "Prueba de impresion OJ"
STATE_POLL = 0.5  # seconds between two looks at the printer while the sample waits
STALE_GRACE = 10.0  # seconds an alert shown before the sample may take to be cleared
# Not a reason to give up on a sample already queued: queued jobs print on a rejecting queue.
_NOT_BLOCKING_QUEUED = frozenset({PrinterProblem.NOT_ACCEPTING})


def sample_certificate(now: datetime | None = None) -> Certificate:
    issued = (now or datetime.now(UTC)).replace(microsecond=0)
    document = SealedDocument(
        type=DocumentType.CAP,
        code=SAMPLE_CODE,
        full_name=SAMPLE_NAME,
        dpi=make_dpi("00000001", 1, 1),
        birth_date=date(2000, 1, 1),
        result=RecordResult.NR,
        issued_at=issued,
        expires_at=add_months(issued, 6),
    )
    return Certificate(
        code=document.code,
        type=document.type.value,
        full_name=document.full_name,
        dpi=document.dpi,
        birth_date=document.birth_date,
        result=document.result.value,
        issued_at=document.issued_at,
        valid_until=document.expires_at,
        seal=encode_seal(document, generate_private_key()),
    )


async def run_print_test(queue: str, *, server: str | None, timeout: float) -> tuple[bool, str]:
    """(printed?, a report for the technician)."""
    lines: list[str] = []
    try:
        state = await printer_state(queue or None, server=server)
        lines.append(f"Impresora «{queue or 'predeterminada'}»: {state.message}")
        if state.reasons:
            lines.append(f"  Estado CUPS: {', '.join(state.reasons)}")
        if PrinterProblem.NO_DEFAULT in state.problems:
            raise PrintingError(ErrorKind.NO_DEFAULT, "no queue given and no default destination")
        if PrinterProblem.UNKNOWN_QUEUE in state.problems:
            raise PrintingError(ErrorKind.UNKNOWN_QUEUE, f"no queue named {state.queue}")
        with tempfile.TemporaryDirectory(prefix="kiosk-print-test-") as folder:
            pdf = Path(folder) / "muestra.pdf"
            pdf.write_bytes(render_constancia(sample_certificate()))
            # A test print goes out even when CUPS still shows an old alert: it is how a
            # technician clears one after refilling the tray.
            job = await submit(pdf, queue=state.queue, server=server, title=TITLE)
            outcome, now = await follow_sample(job, before=state, server=server, timeout=timeout)
    except PrintingError as error:
        lines.append(f"Error: {error.message} ({error.kind.value})")
        return False, "\n".join(lines)
    job_text = f" (trabajo {outcome.job})" if outcome.job else ""
    lines.append(f"Resultado{job_text}: {outcome.outcome.value} en {outcome.elapsed:.1f} s")
    lines.append(outcome.message)
    if now is not None:
        if now.reasons and now.reasons != state.reasons:
            lines.append(f"  Estado CUPS: {', '.join(now.reasons)}")
        if now.paused:
            lines.append(
                f"  La cola está detenida: una vez resuelto, reactívela (cupsenable {job.queue})."
            )
    return outcome.outcome is Outcome.COMPLETED, "\n".join(lines)


async def follow_sample(
    job: JobId, *, before: PrinterState, server: str | None, timeout: float
) -> tuple[JobOutcome, PrinterState | None]:
    """Follow the sample like ``track`` (printer alerts ignored), and meanwhile the printer: the
    outcome, and the printer's state when a problem of the printer ended the wait (else None)."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    tracking = asyncio.ensure_future(
        track(job, server=server, timeout=timeout, on_problem=OnProblem.IGNORE)
    )
    try:
        while not tracking.done():
            await asyncio.wait({tracking}, timeout=STATE_POLL)
            if tracking.done():
                break
            state = await printer_state(job.queue, server=server)
            if tracking.done() or not _stops_the_sample(state, before, loop.time() - started):
                continue
            tracking.cancel()
            await asyncio.gather(tracking, return_exceptions=True)
            finished = await cancel(job, server=server)
            elapsed = round(loop.time() - started, 3)
            if finished is not None and finished is not Outcome.CANCELED:
                return JobOutcome(finished, job, elapsed=elapsed), None  # it ended just now
            problem = state.problem or PrinterProblem.PRINTER_ERROR
            return JobOutcome(Outcome.PRINTER_PROBLEM, job, problem, elapsed, state.status), state
        return tracking.result(), None
    finally:
        if not tracking.done():
            tracking.cancel()
            await asyncio.gather(tracking, return_exceptions=True)


def _stops_the_sample(state: PrinterState, before: PrinterState, waited: float) -> bool:
    """Whether the printer's state means the sample will not print now."""
    blocking = [p for p in state.problems if p not in _NOT_BLOCKING_QUEUED]
    if not blocking:
        return False
    if state.paused:
        return True  # a stopped queue prints nothing until someone enables it
    fresh = [p for p in blocking if p not in before.problems]
    return bool(fresh) or waited >= STALE_GRACE


def main(queue: str, server: str | None, timeout: float) -> int:
    ok, report = asyncio.run(run_print_test(queue, server=server, timeout=timeout))
    print(report)
    return 0 if ok else 1
