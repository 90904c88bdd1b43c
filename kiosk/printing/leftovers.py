"""At the kiosk's start: cancel the jobs it left in CUPS before (a crash, a power cut, a kill).

Such a job belongs to a visit that is long over: printed now, it would land in a stranger's hands.

Which jobs are this kiosk's: ``lpstat -W not-completed`` with no destination option lists only the
not-completed jobs of the user CUPS puts on this process's requests (the client.conf ``User``,
else ``CUPS_USER``, else the system user the process runs as), on every queue. That is the user
``lp`` submits as, so the listing is exactly what this kiosk printed; jobs of other users on a
shared CUPS are never listed, so never touched. Each is then cancelled by its id, which also gives
the count (``cancel -u USER`` cancels the same jobs but says nothing of how many).
"""

from __future__ import annotations

import asyncio
import logging

from kiosk.printing.commands import run
from kiosk.printing.jobs import cancel
from kiosk.printing.model import ErrorKind, JobId, PrintingError
from kiosk.printing.state import require_scheduler

log = logging.getLogger(__name__)


def parse_own_jobs(text: str) -> list[JobId]:
    """The job ids in a plain ``lpstat -W not-completed`` listing ("QUEUE-N USER SIZE DATE")."""
    jobs = []
    for line in text.splitlines():
        words = line.split()
        if not words or line.startswith(("\t", " ")):
            continue
        try:
            jobs.append(JobId.parse(words[0]))
        except ValueError:
            continue
    return jobs


async def own_pending_jobs(queue: str | None, *, server: str | None) -> list[JobId]:
    """This process's user's not-completed jobs on ``queue`` (None or "": on every queue)."""
    result = await run(["lpstat", "-W", "not-completed"], server=server)
    if not result.ok:
        await require_scheduler(server)
        raise PrintingError(ErrorKind.FAILED, f"lpstat: {result.stderr.strip()}")
    jobs = parse_own_jobs(result.stdout)
    if queue:  # CUPS queue names are case-insensitive
        jobs = [job for job in jobs if job.queue.casefold() == queue.casefold()]
    return jobs


async def cancel_leftover_jobs(queue: str | None, *, server: str | None) -> int:
    """Cancel this kiosk's not-completed jobs on ``queue`` (None or "": every queue); how many.

    Never raises: a CUPS that does not answer is logged (the error kind only) and counts 0.
    """
    try:
        jobs = await own_pending_jobs(queue, server=server)
    except PrintingError as exc:
        log.warning("leftover print jobs not listed", extra={"error": exc.code})
        return 0
    except Exception as exc:  # the kiosk must start all the same
        log.error("leftover print jobs not listed", extra={"error": type(exc).__name__})
        return 0
    results = await asyncio.gather(*(_cancel(job, server) for job in jobs))
    count = sum(results)
    if jobs:
        log.warning("leftover print jobs cancelled", extra={"count": count, "queue": queue or ""})
    return count


async def _cancel(job: JobId, server: str | None) -> int:
    try:
        finished = await cancel(job, server=server)
    except PrintingError as exc:
        log.warning("leftover print job not cancelled", extra={"job": str(job), "error": exc.code})
        return 0
    except Exception as exc:
        log.error(
            "leftover print job not cancelled", extra={"job": str(job), "error": type(exc).__name__}
        )
        return 0
    return 1 if finished is None else 0  # else it ended on its own meanwhile
