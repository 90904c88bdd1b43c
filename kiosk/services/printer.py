"""The one print path: a step names a document kind, the service that declares it renders the
PDF (off the GUI thread) from the flow's answers and results, the file goes to the session's own
temporary folder (wiped at reset) and then to the kiosk's printer through CUPS.

Every job is recorded in the visit's ledger, so a reset or a shutdown cancels what has not
printed yet: a document never comes out later in front of the next visitor."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.portal.client import PortalClient
from kiosk.printing import (
    JobLedger,
    JobOutcome,
    PrintingError,
    cancel_leftover_jobs,
    print_pdf,
    printer_state,
    purge_finished_jobs,
)
from kiosk.services.base import RenderContext, Rendered
from kiosk.session import KeptDocument
from kiosk.usage import UsageCounters


@dataclass(frozen=True)
class Printer:
    queue: str  # empty: the system's default destination
    server: str | None
    timeout: float


class DocumentPrinter:
    """Prints the documents services declare. ``folder`` gives the session's temporary folder."""

    def __init__(
        self,
        client: PortalClient,
        printer: Printer,
        folder: Callable[[], Path],
        *,
        kiosk_id: str = "",
        usage: UsageCounters | None = None,
        keep: Callable[[Path, str], None] | None = None,
    ) -> None:
        self.printer = printer
        #: a printed document's copy goes to the visit (Session.keep_document): «Imprimir otra
        #: vez» then needs no portal
        self.keep = keep
        self.usage = usage or UsageCounters()  # documents printed and failures, for the heartbeat
        self.folder = folder
        self.context = RenderContext(client, kiosk_id)
        #: the visit's jobs still in CUPS: ``end_visit()`` cancels them
        self.ledger = JobLedger()
        #: something was sent to CUPS since the last purge: ``end_visit()`` purges the spool
        self._sent = False

    async def print(self, kind: str, sources: Mapping[str, object]) -> JobOutcome:
        """Raises PortalError (a document fetched from the portal) or PrintingError (the print
        system itself); a job that did not print comes back as its JobOutcome. Some documents
        are two jobs (a constancia and its download-code receipt): the first that fails is the
        answer."""
        from kiosk.services.registry import printout  # the services: after the first paint

        jobs = await printout(kind).render(self.context, sources)
        if not jobs:
            raise LookupError(f"{kind!r} rendered no document")
        outcome: JobOutcome | None = None
        for job in jobs:
            outcome = await self._print_one(job)
            if not outcome.ok:
                break
        assert outcome is not None
        return outcome

    async def _print_one(self, job: Rendered) -> JobOutcome:
        loop = asyncio.get_running_loop()
        pdf = await loop.run_in_executor(None, job.make)
        path = self.folder() / f"{job.name}.pdf"
        path.write_bytes(pdf)
        self._sent = True
        outcome = await print_pdf(
            path,
            queue=self.printer.queue or None,
            server=self.printer.server,
            title=job.title,
            timeout=self.printer.timeout,
            ledger=self.ledger,
        )
        self.usage.print_ended(outcome.ok, outcome.code)
        if outcome.ok and self.keep is not None:
            self.keep(path, job.title)
        return outcome

    async def print_again(self, document: KeptDocument) -> JobOutcome:
        """A document of this visit, printed again from the visit's copy (no portal): once."""
        if document.reprinted:
            raise ValueError("a kept document prints again once")
        outcome = await self.print_file(document.path, document.title)
        self.usage.print_ended(outcome.ok, outcome.code)
        document.reprinted = outcome.ok
        return outcome

    async def print_file(self, path: Path, title: str) -> JobOutcome:
        """A PDF the caller made (a desk's end-of-day report): the same queue, ledger and spool
        purge as a service's document."""
        self._sent = True
        return await print_pdf(
            path,
            queue=self.printer.queue or None,
            server=self.printer.server,
            title=title,
            timeout=self.printer.timeout,
            ledger=self.ledger,
        )

    async def end_visit(self) -> None:
        """Cancel every job of the visit that has not printed yet (a reset, a shutdown): a
        document never comes out later in front of the next visitor, and nothing of the visit's
        documents stays in CUPS's spool. Never raises."""
        await self.ledger.cancel_all()
        if self._sent:  # a visit that printed nothing costs CUPS nothing
            self._sent = not await purge_finished_jobs(
                self.printer.queue or None, server=self.printer.server
            )

    async def cancel_leftovers(self) -> None:
        """At start: cancel the jobs this kiosk left in CUPS before it stopped, and purge what
        CUPS kept of them (a crash or a power cut ends no visit). Never raises."""
        await cancel_leftover_jobs(self.printer.queue or None, server=self.printer.server)
        await purge_finished_jobs(self.printer.queue or None, server=self.printer.server)

    async def ready(self) -> tuple[bool, str]:
        """Can a document print now? (ready, what to tell the visitor when not)."""
        try:
            state = await printer_state(self.printer.queue or None, server=self.printer.server)
        except PrintingError as error:
            return False, error.message
        return state.ready, state.message
