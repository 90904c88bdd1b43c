"""PortalWatch: reachable / unreachable since T, from real calls' outcomes and its own re-checks.

The time is the test's: ``sleep`` is a gate the test opens (no waiting for real seconds), and the
clock is fixed. The last tests ask the real sandbox over HTTP, and a loopback port nobody serves.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalRejected, PortalTimeout, PortalUnavailable
from kiosk.portal.models import Problem
from kiosk.portal_watch import PortalState, PortalWatch

T0 = datetime(2026, 9, 15, 16, 30, tzinfo=UTC)
REFUSED = PortalRejected(Problem(title="No", status=422, code="boleta_used"))


class Gate:
    """A ``sleep`` the test controls: every call is recorded and waits until ``release()``."""

    def __init__(self) -> None:
        self.asked: list[float] = []
        self._waiting: list[asyncio.Future[None]] = []

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)
        waiting: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(waiting)
        await waiting

    @property
    def pending(self) -> int:
        return sum(1 for waiting in self._waiting if not waiting.done())

    def release(self) -> None:
        for waiting in self._waiting:
            if not waiting.done():
                waiting.set_result(None)


class Portal:
    """The check: answers or fails as the test says; counts how many run at once."""

    def __init__(self) -> None:
        self.up = False
        self.calls = 0
        self.running = 0
        self.most_at_once = 0
        self.hold: asyncio.Event | None = None  # set: each check waits for it
        self.error: BaseException = PortalUnavailable("GET /health: ConnectError")

    async def health(self) -> None:
        self.calls += 1
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        try:
            if self.hold is not None:
                await self.hold.wait()
            if not self.up:
                raise self.error
        finally:
            self.running -= 1


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    for _ in range(int(timeout / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the watch did not get there in time")


def watch_of(portal: Portal, gate: Gate, seen: list[PortalState]) -> PortalWatch:
    watch = PortalWatch(portal.health, recheck_seconds=15, sleep=gate, clock=lambda: T0)
    watch.subscribe(seen.append)
    return watch


async def test_only_an_unreachable_portal_makes_it_unreachable_and_it_says_since_when() -> None:
    portal, gate, seen = Portal(), Gate(), []
    watch = watch_of(portal, gate, seen)
    assert watch.reachable and watch.state.since is None  # nothing known yet: it is assumed
    watch.observe(REFUSED)  # a refusal is an answer
    watch.observe(ValueError("a bug of ours says nothing about the portal"))
    assert watch.reachable and seen == []
    watch.observe(PortalTimeout("GET /services: sin respuesta a tiempo"))
    assert seen == [PortalState(False, T0)]
    watch.observe(PortalUnavailable("again"))  # no repeat, and the moment it went stays
    assert seen == [PortalState(False, T0)] and watch.state.since == T0
    watch.answered()
    assert seen[-1] == PortalState(True) and watch.reachable
    await until(lambda: watch._task is None or watch._task.done())  # the re-checks ended
    await watch.aclose()


async def test_it_rechecks_every_period_while_unreachable_and_stops_once_it_answers() -> None:
    portal, gate, seen = Portal(), Gate(), []
    watch = watch_of(portal, gate, seen)
    watch.lost()
    await until(lambda: gate.pending == 1)
    assert gate.asked == [15] and portal.calls == 0  # it waits a period before it asks
    gate.release()
    await until(lambda: gate.pending == 1 and portal.calls == 1)
    assert gate.asked == [15, 15] and not watch.reachable  # still down: the next period
    portal.up = True
    gate.release()
    await until(lambda: watch.reachable)
    assert portal.calls == 2 and seen == [PortalState(False, T0), PortalState(True)]
    assert watch._task is not None
    await until(watch._task.done)  # reachable: no more checks
    assert gate.asked == [15, 15]
    await watch.aclose()


async def test_a_tap_asks_at_once_and_one_check_is_in_flight_at_most() -> None:
    portal, gate, seen = Portal(), Gate(), []
    portal.hold = asyncio.Event()
    watch = watch_of(portal, gate, seen)
    watch.lost()
    await until(lambda: gate.pending == 1)
    watch.check_now()  # the period is not over: a visitor's tap asks now
    await until(lambda: portal.calls == 1)
    for _ in range(5):  # taps while that check waits for the portal
        watch.check_now()
        watch.lost()
        await asyncio.sleep(0.01)
    gate.release()  # and a period that ends meanwhile
    await asyncio.sleep(0.05)
    assert portal.calls == 1 and portal.most_at_once == 1 and watch.checking
    portal.up = True
    portal.hold.set()
    await until(lambda: watch.reachable)
    assert portal.most_at_once == 1
    await watch.aclose()


async def test_a_real_call_answering_during_the_pause_ends_the_rechecks_without_a_check() -> None:
    portal, gate, seen = Portal(), Gate(), []
    watch = watch_of(portal, gate, seen)
    watch.lost()
    await until(lambda: gate.pending == 1)
    watch.observe(REFUSED)  # the visitor's call got an answer: it is back
    assert watch.reachable
    assert watch._task is not None
    await until(watch._task.done)
    assert portal.calls == 0
    await watch.aclose()


@pytest.mark.parametrize(
    ("error", "reachable"),
    [(RuntimeError("the check itself broke"), False), (REFUSED, True)],
)
async def test_what_a_check_raises_never_escapes(error: BaseException, reachable: bool) -> None:
    portal, gate, seen = Portal(), Gate(), []
    portal.error = error
    watch = watch_of(portal, gate, seen)
    watch.lost()
    await until(lambda: gate.pending == 1)
    gate.release()
    await until(lambda: portal.calls == 1 and not watch.checking)
    assert watch.reachable is reachable
    await watch.aclose()


async def test_a_listener_that_breaks_stops_neither_the_others_nor_the_watch() -> None:
    portal, gate, seen = Portal(), Gate(), []
    watch = PortalWatch(portal.health, recheck_seconds=15, sleep=gate, clock=lambda: T0)

    def broken(_state: PortalState) -> None:
        raise RuntimeError("a listener's bug")

    watch.subscribe(broken)
    stop = watch.subscribe(seen.append)
    watch.lost()
    assert seen == [PortalState(False, T0)]
    stop()
    watch.answered()
    assert len(seen) == 1 and watch.reachable
    await watch.aclose()


async def test_after_close_nothing_runs() -> None:
    portal, gate, seen = Portal(), Gate(), []
    watch = watch_of(portal, gate, seen)
    watch.lost()
    await until(lambda: gate.pending == 1)
    task = watch._task
    await watch.aclose()
    assert task is not None and task.done()
    watch.check_now()
    watch.lost()
    await watch.aclose()  # again: nothing
    assert watch._task is None and portal.calls == 0


def test_without_an_event_loop_it_still_tells_and_never_raises() -> None:
    portal, seen = Portal(), []
    watch = PortalWatch(portal.health, recheck_seconds=15, clock=lambda: T0)
    watch.subscribe(seen.append)
    watch.observe(PortalUnavailable("down"))
    watch.check_now()
    assert seen == [PortalState(False, T0)] and portal.calls == 0


# --- a real portal over HTTP ----------------------------------------------------------------


async def test_the_real_sandbox_answering_the_recheck_makes_it_reachable(
    sandbox: PortalEndpoint, kiosk_id: str
) -> None:
    async with PortalClient(
        sandbox.url, kiosk_id=kiosk_id, kiosk_token=sandbox.device_token, retries=0
    ) as client:
        watch = PortalWatch(client.health, recheck_seconds=0.05)
        watch.observe(PortalUnavailable("as a visitor's call found it"))
        assert not watch.reachable
        await until(lambda: watch.reachable)
        assert watch.checks >= 1
        await watch.aclose()


async def test_a_port_nobody_serves_stays_unreachable_and_keeps_asking(kiosk_id: str) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, never listening: connections are refused
        async with PortalClient(
            f"http://127.0.0.1:{port}", kiosk_id=kiosk_id, kiosk_token="x", retries=0
        ) as client:
            watch = PortalWatch(client.health, recheck_seconds=0.05)
            watch.lost()
            await until(lambda: watch.checks >= 3)
            assert not watch.reachable and watch.state.since is not None
            await watch.aclose()
