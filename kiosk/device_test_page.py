"""The device panel's test page: ``kiosk print-test``'s sample page printed on the desk's queue and
followed to its end, with what went wrong in the technician's words (``kiosk.device_checks``
reads the facts; this prints)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path

from kiosk.device_checks import error_name
from kiosk.printing import PrinterProblem, PrintingError, printer_state
from kiosk.text import Shown, Text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintTestResult:
    printed: bool
    message: Text
    detail: tuple[Shown, ...] = ()
    code: str = ""  # the printing code (``completed``, ``no_paper``, ``unreachable``, ...)


PRINTED = Text("Se imprimió la página de prueba. Revise que salió bien en la bandeja.")


async def print_test_page(
    queue: str, *, server: str | None, timeout: float, folder: Path
) -> PrintTestResult:
    """Print ``kiosk print-test``'s sample page on ``queue`` and follow it to its end, as that
    command does (a printer problem while it waits ends the wait and cancels it). Never raises."""
    from kiosk.commands.print_test import TITLE, follow_sample, sample_certificate
    from kiosk.documents import render_constancia
    from kiosk.printing import submit

    pdf = folder / "pagina-de-prueba.pdf"
    try:
        state = await printer_state(queue or None, server=server)
        if state.queue is None or PrinterProblem.UNKNOWN_QUEUE in state.problems:
            return _not_printed(Text(state.message), state.code)
        loop = asyncio.get_running_loop()
        data = await loop.run_in_executor(None, lambda: render_constancia(sample_certificate()))
        await asyncio.to_thread(pdf.write_bytes, data)
        job = await submit(pdf, queue=state.queue, server=server, title=TITLE)
        outcome, after = await follow_sample(job, before=state, server=server, timeout=timeout)
    except PrintingError as error:
        return _not_printed(Text(error.message), error.code)
    except OSError as error:
        return _not_printed(
            Text("No se pudo preparar la página ({error}).", error=error_name(error)), "disk"
        )
    finally:
        pdf.unlink(missing_ok=True)
    log.info("test page", extra={"event": "print_test", "job": str(job), "outcome": outcome.code})
    if outcome.ok:
        return PrintTestResult(True, PRINTED, code=outcome.code)
    detail: list[Shown] = []
    if outcome.status:
        detail.append(Text("Último mensaje de la impresora: «{message}»", message=outcome.status))
    if after is not None and after.paused:
        detail.append(
            Text("La cola está detenida: una vez resuelto, reactívela (cupsenable {queue}).",
                 queue=job.queue)
        )  # fmt: skip
    return _not_printed(Text(outcome.message), outcome.code, tuple(detail))


def _not_printed(why: Text, code: str, detail: tuple[Shown, ...] = ()) -> PrintTestResult:
    message = Text("No se imprimió la página de prueba. {why}", why=why)
    return PrintTestResult(False, message, detail, code)
