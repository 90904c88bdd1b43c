"""The kiosk's heartbeat: every ``heartbeat.interval_seconds`` it tells the portal it is alive
and how it is (``POST /v1/kiosks/{id}/heartbeat``, contract in ``kiosk.portal.models.fleet``),
so the OJ's IT staff see the whole fleet on one page.

While the portal does not answer, the wait doubles each time up to ``max_backoff_seconds``;
the first answer brings it back to the interval. ``wake()`` tries at once (another part of the
kiosk saw the portal come back). One heartbeat is in flight at a time; nothing here raises or
blocks: the printer is asked through CUPS's commands off the loop (``kiosk.printing``, the same
reading the device panel shows, within its time limit), the rest is read from memory.

What is sent are the machine's facts and counts; never a visitor's data (``kiosk.usage``
keeps only counts and stable codes).

    heartbeat = Heartbeat(client, settings, usage, queue=..., trust=lambda: cache)
    task = asyncio.ensure_future(heartbeat.run())  # for the kiosk's whole life; cancel at exit
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import re
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.device_checks import PRINTER_TIMEOUT, error_name
from kiosk.portal.errors import PortalError, PortalRateLimited, PortalRejected
from kiosk.portal.models import fleet as api
from kiosk.printing import PrinterProblem, PrintingError, printer_state
from kiosk.printing.model import ErrorKind
from kiosk.usage import UsageCounters

if TYPE_CHECKING:
    from kiosk.config import Settings
    from kiosk.portal.client import PortalClient
    from kiosk.seals.cache import TrustListCache

log = logging.getLogger(__name__)

SEND_TIMEOUT = 20.0  # seconds for one POST, whatever the client's own timeouts
PORTAL_UNAVAILABLE = "portal_unavailable"
_REASON = re.compile(api.REASON_PATTERN)
_QUEUE = re.compile(r"^[A-Za-z0-9._-]{0,127}$")
_LOW_PAPER = ("media-low", "media-almost-empty")


class Sent(StrEnum):
    SENT = "sent"
    UNREACHABLE = "unreachable"  # no answer, a 5xx, a 429
    REFUSED = "refused"  # the portal answered no (401, 403, 422)


class Heartbeat:
    """Gathers the facts and sends them, for the kiosk's whole life (``run``)."""

    def __init__(
        self,
        client: PortalClient,
        settings: Settings,
        usage: UsageCounters,
        *,
        queue: str | None = None,
        server: str | None = None,
        trust: Callable[[], TrustListCache | None] = lambda: None,
        camera: Callable[[], bool | Awaitable[bool | None] | None] = lambda: None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.client = client
        self.kiosk_id = settings.kiosk.id
        self.settings = settings
        self.usage = usage
        self.queue = queue  # None: no printer configured; "" the CUPS default destination
        self.server = server
        self.trust = trust
        self.camera = camera
        self.clock = clock
        self.interval = float(settings.heartbeat.interval_seconds)
        self.max_backoff = float(max(settings.heartbeat.max_backoff_seconds, self.interval))
        self.started_at = clock().replace(microsecond=0)
        self._started = time.monotonic()
        self.failures = 0  # in a row
        self.last: Sent | None = None
        self.sent = 0
        self._lock = asyncio.Lock()
        self._wake = asyncio.Event()

    @property
    def next_wait(self) -> float:
        """Seconds until the next try: the interval, doubled per failure in a row, capped."""
        if self.failures == 0:
            return self.interval
        return min(self.interval * float(2 ** min(self.failures, 16)), self.max_backoff)

    def wake(self) -> None:
        """Try now instead of at the end of the wait."""
        self._wake.set()

    async def run(self) -> None:
        """Send, wait, send again, until cancelled. Never raises."""
        while True:
            await self.beat()
            self._wake.clear()
            try:
                async with asyncio.timeout(self.next_wait):
                    await self._wake.wait()
            except TimeoutError:
                pass

    async def beat(self) -> Sent:
        """One heartbeat now (after the one in flight, if any). Never raises."""
        async with self._lock:
            try:
                outcome = await self._send(await self.gather())
            except Exception as error:  # a fault of ours must not end the kiosk's heartbeat
                log.warning("heartbeat failed", extra={"event": "heartbeat",
                                                       "error": error_name(error)})  # fmt: skip
                outcome = Sent.UNREACHABLE
            self._record(outcome)
            return outcome

    async def gather(self) -> api.Heartbeat:
        """The facts, now. Never raises for a part that cannot be read: it says «unknown»."""
        usage = self.usage.snapshot()
        kiosk = self.settings.kiosk
        return api.Heartbeat(
            version=__version__,
            uptime_seconds=int(time.monotonic() - self._started),
            started_at=self.started_at,
            mode=api.Mode(kiosk.mode.value),
            courthouse=kiosk.courthouse,
            location=kiosk.location,
            printer=await self.printer(),
            camera_present=await self._camera(),
            trust_list=self._trust_list(),
            last_error_code=usage.last_error_code,
            counters=api.Counters(
                sessions=usage.sessions,
                documents_printed=usage.documents_printed,
                failures=usage.failures,
            ),
        )

    async def printer(self) -> api.PrinterReport:
        """The printer as CUPS reports it (``kiosk.printing.printer_state``, as the device panel
        reads it), within ``PRINTER_TIMEOUT``."""
        if self.queue is None:
            return api.PrinterReport(state=api.PrinterStatus.UNKNOWN, paper=api.Paper.UNKNOWN)
        queue = self.queue if _QUEUE.match(self.queue) else ""
        try:
            async with asyncio.timeout(PRINTER_TIMEOUT):
                state = await printer_state(self.queue or None, server=self.server)
        except (TimeoutError, PrintingError) as error:
            kind = error.kind if isinstance(error, PrintingError) else ErrorKind.UNREACHABLE
            status = (
                api.PrinterStatus.UNREACHABLE
                if kind in (ErrorKind.UNREACHABLE, ErrorKind.LP_MISSING)
                else api.PrinterStatus.UNKNOWN
            )
            return api.PrinterReport(
                queue=queue, state=status, paper=api.Paper.UNKNOWN, last_error=kind.value
            )
        reasons = [r for r in state.reasons if _REASON.match(r)][:20]
        if PrinterProblem.NO_PAPER in state.problems:
            paper = api.Paper.OUT
        elif any(r.startswith(_LOW_PAPER) for r in state.reasons):
            paper = api.Paper.LOW
        elif state.problems and PrinterProblem.UNKNOWN_QUEUE in state.problems:
            paper = api.Paper.UNKNOWN
        else:
            paper = api.Paper.OK
        if state.ready:
            status = api.PrinterStatus.PRINTING if state.printing else api.PrinterStatus.READY
        else:
            status = api.PrinterStatus.STOPPED
        name = state.queue or queue
        return api.PrinterReport(
            queue=name if _QUEUE.match(name) else "",
            state=status,
            paper=paper,
            reasons=reasons,
            last_error=None if state.ready else state.code,
        )

    async def _camera(self) -> bool | None:
        """The camera source's answer; it may be a coroutine (kiosk.app's asks the kernel in a
        worker thread)."""
        try:
            answer = self.camera()
            return await answer if inspect.isawaitable(answer) else answer
        except Exception:
            return None

    def _trust_list(self) -> api.TrustListReport:
        try:
            cache = self.trust()
            if cache is None or cache.current is None or cache.fetched_at is None:
                return api.TrustListReport()
            age = max(0, int((self.clock() - cache.fetched_at).total_seconds()))
            return api.TrustListReport(version=cache.current.version, age_seconds=age)
        except Exception:
            return api.TrustListReport()

    async def _send(self, beat: api.Heartbeat) -> Sent:
        try:
            async with asyncio.timeout(SEND_TIMEOUT):
                await self.client.call(api.HEARTBEAT, path={"kiosk_id": self.kiosk_id}, body=beat)
        except PortalRateLimited:
            return Sent.UNREACHABLE
        except PortalRejected as error:
            log.warning("heartbeat refused", extra={"event": "heartbeat", "reason": error.code})
            return Sent.REFUSED
        except (PortalError, TimeoutError):
            return Sent.UNREACHABLE
        return Sent.SENT

    def _record(self, outcome: Sent) -> None:
        if outcome is Sent.SENT:
            if self.failures:
                log.info("heartbeat back", extra={"event": "heartbeat", "count": self.failures})
            self.failures = 0
            self.sent += 1
        else:
            if self.failures == 0 and outcome is Sent.UNREACHABLE:
                self.usage.failed(PORTAL_UNAVAILABLE)  # the next heartbeat that goes says so
            self.failures += 1
            log.info(
                "heartbeat not sent",
                extra={"event": "heartbeat", "outcome": outcome.value,
                       "seconds": round(self.next_wait)},
            )  # fmt: skip
        self.last = outcome
