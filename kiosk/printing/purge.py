"""Purge what CUPS keeps of the kiosk's finished jobs: the printed PDF and the job's history.

CUPS keeps a finished job's document in its spool for a day by default (``PreserveJobFiles
86400``): a constancia with the visitor's name and DPI would sit on the kiosk's disk long after the
visit. ``cancel -x JOB`` does not help: CUPS refuses it on a completed job ("already completed -
can't cancel"). What works is Purge-Jobs on the queue (``cancel -a -x QUEUE``), which drops every
job of that queue, files and history. That is right on a kiosk's own queue and wrong on a queue
others print on, so the purge runs only when every job CUPS lists on the queue is this kiosk's
(the same user test as ``leftovers``: ``lpstat -W all`` with no destination lists only our own).

Purge-Jobs is an administrative operation under CUPS's default policy: the kiosk's system user
must be in the ``lpadmin`` group (README, «Impresora»). When CUPS refuses, the kiosk says so once
in its log and goes on; ``PreserveJobFiles No`` in cupsd.conf, also in the install notes, is the
other half of the defence.
"""

from __future__ import annotations

import logging

from kiosk.printing.commands import run
from kiosk.printing.leftovers import parse_own_jobs
from kiosk.printing.model import PrintingError
from kiosk.printing.state import default_queue, require_scheduler

log = logging.getLogger(__name__)

_REFUSED = ("forbidden", "not authorized", "unauthorized")


async def purge_finished_jobs(queue: str | None, *, server: str | None) -> bool:
    """Purge ``queue`` (None or "": the default destination) when only this kiosk printed on it.

    True when CUPS purged it. Never raises: at a reset or a start nothing may stop the kiosk.
    """
    try:
        return await _purge(queue, server)
    except PrintingError as exc:
        log.warning("print spool not purged", extra={"error": exc.code})
    except Exception as exc:  # the type says enough; no data
        log.error("print spool not purged", extra={"error": type(exc).__name__})
    return False


async def _purge(queue: str | None, server: str | None) -> bool:
    name = queue or await default_queue(server)
    if not name:
        return False
    everyone = await run(["lpstat", "-W", "all", "-o", name], server=server)
    own = await run(["lpstat", "-W", "all"], server=server)
    if not (everyone.ok and own.ok):
        await require_scheduler(server)  # no cupsd: PrintingError(UNREACHABLE)
        log.warning("print spool not purged", extra={"error": "lpstat"})
        return False
    on_queue = set(parse_own_jobs(everyone.stdout))
    if not on_queue:
        return True  # nothing kept
    if not on_queue <= set(parse_own_jobs(own.stdout)):
        log.info("print spool not purged: others print on this queue", extra={"queue": name})
        return False
    result = await run(["cancel", "-a", "-x", name], server=server)
    if result.ok:
        return True
    refused = any(word in result.stderr.casefold() for word in _REFUSED)
    log.warning(
        "print spool not purged",
        extra={"error": "forbidden" if refused else "cancel", "queue": name},
    )
    return False
