"""The print jobs of the current visit that may still come out of the printer, and cancelling them.

A job outlives its visit when the visitor leaves, the idle timer resets the kiosk or the kiosk stops
while the job waits in CUPS (no paper, a hung printer, a held queue): it would print later, into
the next visitor's hands. So every job ``print_pdf(..., ledger=ledger)`` submits is recorded here
until it has ended, and the end of a visit runs ``await ledger.cancel_all()``::

    ledger = JobLedger()                                         # one for the kiosk's life
    outcome = await print_pdf(path, queue=q, server=s, title="Constancia OJ", ledger=ledger)
    ...
    await ledger.cancel_all()                                    # at reset and at shutdown

``cancel_all`` ends the visit: prints of that visit still under way end as CANCELED (a print
still submitting first gets its job id, which is then cancelled too), and prints started after
it belong to the next visit. It never raises; a job CUPS could not be asked to cancel stays here
and the next ``cancel_all`` tries again (and ``cancel_leftover_jobs`` at the next start).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from kiosk.printing.jobs import cancel
from kiosk.printing.model import JobId, PrintingError

log = logging.getLogger(__name__)

_Key = tuple[str | None, JobId]  # (server, job): job numbers are only unique on one cupsd


class JobLedger:
    """Jobs that may still print, by visit; ``cancel_all`` ends the current visit."""

    def __init__(self) -> None:
        self._visit = 0  # the current visit; cancel_all moves on to the next one
        self._ended = asyncio.Event()  # set once cancel_all of the current visit is done
        self._jobs: dict[_Key, int] = {}  # job -> the visit it was printed for
        self._submitting: dict[asyncio.Task[JobId], int] = {}  # lp under way -> its visit

    @property
    def jobs(self) -> tuple[JobId, ...]:
        """The jobs recorded and not known to have ended, oldest first."""
        return tuple(job for _server, job in self._jobs)

    def record(self, job: JobId, *, server: str | None = None) -> None:
        """Record a job submitted outside ``print_pdf`` (``submit``), for the current visit."""
        self._jobs[(server, job)] = self._visit

    def forget(self, job: JobId, *, server: str | None = None) -> None:
        """The job has ended (or was cancelled): nothing of it can print any more."""
        self._jobs.pop((server, job), None)

    def ticket(self) -> Ticket:
        """For one print: tells whether its visit has ended, and records its job."""
        return Ticket(self, self._visit, self._ended)

    async def cancel_all(self) -> int:
        """End the visit: cancel its jobs still in CUPS; how many were still pending. Never raises.

        Waits for the visit's ``lp`` still running (bounded by the command timeout) so that the
        job it creates is cancelled too; in-flight prints of the visit then end as CANCELED.
        """
        visit, ended = self._visit, self._ended
        self._visit, self._ended = visit + 1, asyncio.Event()
        try:
            submitting = [task for task, of in self._submitting.items() if of <= visit]
            if submitting:
                await asyncio.wait(submitting)  # each records its job before it finishes
            keys = [key for key, of in self._jobs.items() if of <= visit]
            cancelled = await asyncio.gather(*(self._cancel(key) for key in keys))
            if keys:
                log.info("print jobs of the visit cancelled", extra={"count": sum(cancelled)})
            return sum(cancelled)
        finally:
            ended.set()

    async def _cancel(self, key: _Key) -> int:
        server, job = key
        try:
            finished = await cancel(job, server=server)
        except PrintingError as exc:  # kept: the next cancel_all tries again
            log.warning("print job not cancelled", extra={"job": str(job), "error": exc.code})
            return 0
        except Exception as exc:  # never raise at a reset; the type says enough, no data
            log.error(
                "print job not cancelled", extra={"job": str(job), "error": type(exc).__name__}
            )
            return 0
        self._jobs.pop(key, None)
        return 1 if finished is None else 0

    def _submit(
        self, visit: int, submitting: Coroutine[Any, Any, JobId], server: str | None
    ) -> asyncio.Task[JobId]:
        async def submit_and_record() -> JobId:
            job = await submitting
            self._jobs[(server, job)] = visit  # before the task ends: cancel_all waits for it
            return job

        task = asyncio.ensure_future(submit_and_record())
        self._submitting[task] = visit
        task.add_done_callback(self._submitted)
        return task

    def _submitted(self, task: asyncio.Task[JobId]) -> None:
        del self._submitting[task]
        if not task.cancelled():
            task.exception()  # retrieved: its print reports it, or nobody awaits it any more

    def _has_ended(self, visit: int) -> bool:
        return self._visit > visit


class Ticket:
    """One print's view of its visit (see ``JobLedger.ticket``)."""

    def __init__(self, ledger: JobLedger, visit: int, ended: asyncio.Event) -> None:
        self._ledger = ledger
        self._visit = visit
        self._ended_event = ended

    @property
    def ended(self) -> bool:
        """``cancel_all`` has started for this print's visit."""
        return self._ledger._has_ended(self._visit)

    async def wait_ended(self) -> None:
        """Until ``cancel_all`` of this print's visit has cancelled the visit's jobs."""
        await self._ended_event.wait()

    async def submit(
        self, submitting: Coroutine[Any, Any, JobId], *, server: str | None
    ) -> JobId | None:
        """Run ``submit(...)`` and record its job; None, and nothing sent, if the visit has ended.

        The caller being cancelled does not stop it: ``lp`` killed half-way could leave a job in
        CUPS that nobody knows the id of; recorded, the visit's ``cancel_all`` cancels it.
        """
        if self.ended:  # checked with no await before the task is known to cancel_all
            submitting.close()
            return None
        return await asyncio.shield(self._ledger._submit(self._visit, submitting, server))

    def forget(self, job: JobId, *, server: str | None) -> None:
        self._ledger.forget(job, server=server)
