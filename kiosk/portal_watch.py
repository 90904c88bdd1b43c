"""Whether the portal can be reached now: reachable, or unreachable since a moment.

Learned from the outcome of the kiosk's real calls (``answered()``, ``observe(error)``) and, while
it is unreachable, from a check of its own (``GET /v1/health``) every ``recheck_seconds``; a
visitor's tap on a service that needs the portal may ask for one sooner (``check_now()``). One
check is in flight at most, and nothing here ever raises into the caller: a fault of the check
itself counts as "still unreachable".

No Qt: the home screen listens through ``subscribe`` (kiosk.ui.offline_notice).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.portal.errors import PortalError, PortalUnavailable

log = logging.getLogger(__name__)

Check = Callable[[], Awaitable[object]]
Sleep = Callable[[float], Awaitable[object]]
Listener = Callable[["PortalState"], None]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class PortalState:
    reachable: bool
    #: when the portal stopped answering (UTC); None while it is reachable
    since: datetime | None = None


REACHABLE = PortalState(True)


class PortalWatch:
    """``check`` asks the portal something cheap (the client's ``health``); ``sleep`` and
    ``clock`` let a test drive the time."""

    def __init__(
        self,
        check: Check,
        *,
        recheck_seconds: float,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._check = check
        self.recheck_seconds = recheck_seconds
        self._sleep = sleep
        self._clock = clock
        self._state = REACHABLE
        self._listeners: list[Listener] = []
        self._task: asyncio.Task[None] | None = None
        self._wake: asyncio.Event | None = None
        #: how many checks of its own it started (tests and the log read it)
        self.checks = 0
        self.checking = False
        self._closed = False

    @property
    def state(self) -> PortalState:
        return self._state

    @property
    def reachable(self) -> bool:
        return self._state.reachable

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """``listener`` hears every change (not repeats); the returned callable unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    # --- what the kiosk's own calls said ----------------------------------------------------

    def answered(self) -> None:
        """A real call got an answer from the portal (any answer: it is there)."""
        self._set(REACHABLE)
        if self._wake is not None:  # the re-checks end now, not after their next pause
            self._wake.set()

    def observe(self, error: BaseException) -> None:
        """A real call ended with ``error``: only "could not reach it / it did not answer"
        (PortalUnavailable, a timeout included) makes the portal unreachable; a refusal is an
        answer. Anything else says nothing about the portal."""
        if isinstance(error, PortalUnavailable):
            self.lost()
        elif isinstance(error, PortalError):
            self.answered()

    def lost(self) -> None:
        """The portal could not be reached: unreachable since now (or since earlier), and the
        re-checks start."""
        if self._state.reachable:
            self._set(PortalState(False, self._clock()))
        self._ensure_rechecks()

    def check_now(self) -> None:
        """While unreachable, check without waiting for the next turn (unless one runs)."""
        if self._state.reachable or self._closed:
            return
        self._ensure_rechecks()
        if self._wake is not None and not self.checking:
            self._wake.set()

    async def aclose(self) -> None:
        """Stop checking; nothing of it runs after this. Again does nothing."""
        self._closed = True
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # --- the re-checks ------------------------------------------------------------------------

    def _set(self, state: PortalState) -> None:
        if state.reachable == self._state.reachable:
            return
        self._state = state
        log.info(
            "portal reachable" if state.reachable else "portal unreachable",
            extra={"event": "portal-watch"},
        )
        for listener in list(self._listeners):
            try:
                listener(state)
            except Exception:  # a listener's bug must not stop the others or the watch
                log.exception("portal watch listener failed")

    def _ensure_rechecks(self) -> None:
        if self._closed or (self._task is not None and not self._task.done()):
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop (a Qt-free tool): nothing to re-check with
            return
        self._wake = asyncio.Event()
        self._task = loop.create_task(self._recheck())

    async def _recheck(self) -> None:
        while not self._state.reachable and not self._closed:
            await self._pause()
            if self._state.reachable or self._closed:  # a real call answered meanwhile
                break
            if await self._ask():
                self._set(REACHABLE)

    async def _pause(self) -> None:
        """``recheck_seconds``, or less when ``check_now()`` wakes it."""
        assert self._wake is not None
        wake = self._wake
        waits = [
            asyncio.ensure_future(self._sleep(self.recheck_seconds)),
            asyncio.ensure_future(wake.wait()),
        ]
        try:
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for wait in waits:
                wait.cancel()
            await asyncio.gather(*waits, return_exceptions=True)
            wake.clear()

    async def _ask(self) -> bool:
        self.checks += 1
        self.checking = True
        try:
            await self._check()
        except PortalUnavailable:
            return False
        except PortalError:  # it answered, if only to refuse
            return True
        except Exception as error:  # a fault of the check itself: still unreachable
            log.warning("portal check failed", extra={"error": type(error).__name__})
            return False
        finally:
            self.checking = False
        return True
