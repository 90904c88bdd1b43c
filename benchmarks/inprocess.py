"""The in-process measures (run by benchmarks/run.py, which starts the portals and reads our JSON).

Builds the real KioskUi the way tests/ui/conftest.py does (qasync loop, real sandbox, desk mode,
1280x800, offscreen) and measures, in this order:

1. the floor of the tap latency: a bare QStackedWidget with two QLabels and a button that switches
   them (before the kiosk exists: the kiosk's theme is an application-wide style sheet);
2. RSS at the home screen once the catalog has loaded;
3. tap-to-next-screen-painted latency through object names;
4. the longest GUI-thread gap while the catalog call takes 2 s (and the same ticker, idle);
5. RSS growth over simulated sessions.

Every tap and every session reset runs *inside* the loop (``loop.call_soon``), as a real tap does;
synchronous code only drives the loop with ``run_until`` (never processEvents on its own, which
would re-enter qasync's loop).
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import gc
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

# The UI tests' way of turning the qasync loop (its last pass over Qt's events made inside the
# loop: outside it an httpx step broke its connection's lock): one copy, in tests/ui.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "ui"))
from steady_loop import run_until

from kiosk.app import compose
from kiosk.config import load_settings
from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.portal.models import ServiceStatus

DPI = "3041 88638 1601"  # the sandbox's demo identity without an account
NEVER_IDLE_MS = (3_600_000, 30_000)  # the idle wipe must not fire in the middle of a measure
#: a lookup's first question: a tile that opens a flow without calling the portal
LOOKUP = "expedientes-laborales"
TIMED_TIMEOUT = 10.0  # seconds a tap may take to paint before the benchmark gives up

# One cycle of taps: (object name to tap, screen expected after it, field to type into first).
CYCLE: tuple[tuple[str, str, str | None], ...] = (
    (f"tile.{LOOKUP}", f"screen.{LOOKUP}.number", None),
    ("action.home", "screen.home", None),
    ("tile.cuenta", "screen.cuenta.dpi", None),
    ("action.continue", "screen.cuenta.birth_date", "field.dpi"),
    ("action.back", "screen.cuenta.dpi", None),
    ("action.home", "screen.home", None),
)


def memory() -> dict[str, int]:
    """VmHWM (peak) and VmRSS (now) of this process, in kB."""
    with open("/proc/self/status", encoding="ascii") as status:
        fields = dict(line.split(":", 1) for line in status if line.startswith(("VmHWM", "VmRSS")))
    return {name: int(value.split()[0]) for name, value in fields.items()}


def trimmed_memory() -> dict[str, int]:
    """RSS once glibc has handed its free heap back (malloc_trim): what is really in use."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        return {}
    return memory()


class PaintWatch(QObject):
    """Watches one screen for its first Paint event after a tap.

    ``first_paint`` is when Qt starts painting the screen (a parent is painted before its
    children); ``painted`` is when that paint pass is over: a zero timer queued from the Paint
    event runs once Qt is back in its loop, after the whole window has been painted (and, to err on
    the slow side, after any callback that was already queued)."""

    def __init__(self, screen: QWidget, started: float, done: asyncio.Future[dict[str, float]]):
        super().__init__()
        self.started = started
        self.done = done
        self.sample: dict[str, float] = {}
        self.watched = [screen]
        screen.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and "first_paint" not in self.sample:
            self.sample["first_paint"] = time.perf_counter() - self.started
            QTimer.singleShot(0, self._finished)
        return False

    def _finished(self) -> None:
        self.sample["painted"] = time.perf_counter() - self.started
        for widget in self.watched:
            widget.removeEventFilter(self)
        if not self.done.done():
            self.done.set_result(self.sample)


class Bench:
    def __init__(self, loop: qasync.QEventLoop, current: Callable[[], QWidget | None]) -> None:
        self.loop = loop
        self.current = current

    def settle(self, seconds: float = 0.02) -> None:
        run_until(self.loop, asyncio.sleep(seconds))

    def drain(self, timeout: float = 10.0) -> None:
        """Let every pending task (catalog refreshes) finish."""

        async def wait() -> None:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                me = asyncio.current_task()
                pending = [t for t in asyncio.all_tasks() if t is not me and not t.done()]
                if not pending:
                    return
                await asyncio.wait(pending, timeout=0.2)

        run_until(self.loop, wait())

    def in_loop(self, action: Callable[[], None]) -> None:
        """Run a synchronous action from inside the running loop, as a real event would."""
        done: asyncio.Future[None] = self.loop.create_future()

        def run() -> None:
            try:
                action()
            except Exception as exc:
                done.set_exception(exc)
            else:
                done.set_result(None)

        self.loop.call_soon(run)
        run_until(self.loop, done)

    def timed(self, action: Callable[[], None], expect: str | None = None) -> dict[str, float]:
        """Run ``action`` inside the loop; time it until the new current screen has painted."""
        done: asyncio.Future[dict[str, float]] = self.loop.create_future()
        keep: list[PaintWatch] = []

        def run() -> None:
            try:
                before = self.current()
                started = time.perf_counter()
                action()
                handler = time.perf_counter() - started
                screen = self.current()
                if screen is None or screen is before:
                    raise RuntimeError(f"no new screen after the tap (expected {expect})")
                if expect is not None and screen.objectName() != expect:
                    raise RuntimeError(f"screen {screen.objectName()!r}, expected {expect!r}")
                watch = PaintWatch(screen, started, done)
                watch.sample["handler"] = handler
                keep.append(watch)
            except Exception as exc:
                done.set_exception(exc)

        self.loop.call_soon(run)
        return run_until(self.loop, asyncio.wait_for(done, TIMED_TIMEOUT))

    def tap(self, root: QWidget, name: str, expect: str | None = None) -> dict[str, float]:
        button = root.findChild(QPushButton, name)
        if button is None or not button.isVisible() or not button.isEnabled():
            raise RuntimeError(f"{name} cannot be tapped")
        scroll_to(button)
        self.settle(0.01)
        return self.timed(lambda: QTest.mouseClick(button, Qt.MouseButton.LeftButton), expect)

    def type(self, root: QWidget, name: str, text: str) -> None:
        edit = root.findChild(QLineEdit, name)
        if edit is None:
            raise RuntimeError(f"no field {name}")

        def typing() -> None:
            edit.setFocus()
            edit.clear()
            QTest.keyClicks(edit, text)

        self.in_loop(typing)
        self.settle(0.01)


def scroll_to(widget: QWidget) -> None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()


# --- 1. the floor of the tap latency ------------------------------------------------------------


def floor_latency(loop: qasync.QEventLoop, taps: int) -> list[dict[str, float]]:
    window = QWidget()
    stack = QStackedWidget()
    stack.addWidget(QLabel("Página uno"))
    stack.addWidget(QLabel("Página dos"))
    switch = QPushButton("Cambiar")
    switch.setObjectName("switch")
    switch.clicked.connect(lambda: stack.setCurrentIndex(1 - stack.currentIndex()))
    layout = QVBoxLayout(window)
    layout.addWidget(switch)
    layout.addWidget(stack, 1)
    window.resize(1280, 800)
    window.show()
    bench = Bench(loop, stack.currentWidget)
    bench.settle(0.2)
    samples = []
    for _ in range(taps):
        samples.append(bench.tap(window, "switch"))
        bench.settle(0.01)
    window.hide()
    window.deleteLater()
    bench.settle(0.05)
    return samples


# --- the kiosk ---------------------------------------------------------------------------------


class Catalog:
    """The UI's catalog loader, as in kiosk.app, with a client that can be swapped (fast or slow)
    and marks for when the call went out and when the answer arrived."""

    def __init__(self, client: PortalClient) -> None:
        self.client = client
        self.marks: dict[str, float] = {}

    async def __call__(self) -> list[ServiceStatus]:
        self.marks["call"] = time.perf_counter()
        services = (await self.client.services()).services
        self.marks["answer"] = time.perf_counter()
        return list(services)


#: what a visitor types and where it leads: one match opens the record, a shared legacy number
#: lists its courts (the sandbox's documented demo cases)
LOOKUPS = (
    ("C-9006-2025-77", "screen.expedientes-laborales.record"),
    ("485-2011 Of. 2", "screen.expedientes-laborales.results"),
)


LOOKUP_CYCLES = 20


def lookup_latency(bench: Bench, ui: Any, cycles: int) -> list[dict[str, Any]]:
    """From the tap on "Continuar" until the answer's screen has painted: the portal's search
    over loopback HTTP, the record's fetch when one case matches, and both screens built."""
    shell = ui.shell
    shown = shell.show_screen
    waiting: dict[str, Any] = {}

    def show_screen(screen: QWidget) -> None:  # the watch goes on before the screen first paints
        shown(screen)
        if screen.objectName() == waiting.get("expect"):
            waiting["watch"] = PaintWatch(screen, waiting["started"], waiting["done"])

    shell.show_screen = show_screen  # controllers connect to it when a service opens
    samples: list[dict[str, Any]] = []
    for cycle in range(cycles + 2):  # two untimed rounds: first-use costs (fonts, imports)
        for typed, expect in LOOKUPS:
            bench.in_loop(lambda: ui.open("expedientes-laborales"))
            bench.type(shell, "field.number", typed)
            button = shell.findChild(QPushButton, "action.continue")
            done: asyncio.Future[dict[str, float]] = bench.loop.create_future()
            waiting.clear()

            def tap(button: QPushButton = button, done: Any = done, expect: str = expect) -> None:
                waiting.update(expect=expect, done=done, started=time.perf_counter())
                QTest.mouseClick(button, Qt.MouseButton.LeftButton)

            bench.loop.call_soon(tap)
            try:
                sample = run_until(bench.loop, asyncio.wait_for(done, TIMED_TIMEOUT))
            except TimeoutError:
                screen = shell.current_screen
                name = screen.objectName() if screen is not None else None
                raise RuntimeError(f"{typed!r}: still on {name}, not {expect}") from None
            if cycle >= 2:
                samples.append({**sample, "lookup": typed})
            bench.in_loop(ui.go_home)
            bench.drain()
    shell.show_screen = shown
    return samples


class Ticker(QObject):
    """A 1 ms precise timer that notes every gap between its ticks."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.last: float | None = None
        self.gaps: list[tuple[float, float]] = []  # (gap, when it ended)

    def start(self) -> None:
        self.last = None
        self.gaps = []
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.last is not None:
            self.gaps.append((now - self.last, now))
        self.last = now

    def worst(self, origin: float, count: int = 5) -> list[dict[str, float]]:
        top = sorted(self.gaps, reverse=True)[:count]
        return [{"gap_ms": gap * 1000, "end_ms": (end - origin) * 1000} for gap, end in top]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--portal", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--slow", required=True, help="the slow portal (2 s for /v1/services)")
    parser.add_argument("--cycles", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--sessions", type=int, default=200)
    args = parser.parse_args()

    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app, already_running=False)
    asyncio.set_event_loop(loop)
    out: dict[str, Any] = {}

    out["floor_latency"] = floor_latency(loop, args.cycles * len(CYCLE))

    settings = load_settings(overrides={"kiosk": {"mode": "desk"}})

    def portal_client(url: str) -> PortalClient:  # as kiosk.app builds it
        return PortalClient(
            url,
            kiosk_id="GT-SANDBOX-0001",  # enrolled by EmbeddedPortal
            kiosk_token=args.token,
            connect_timeout=settings.portal.connect_timeout,
            read_timeout=settings.portal.read_timeout,
            retries=settings.portal.retries,
        )

    client, slow = portal_client(args.portal), portal_client(args.slow)
    catalog = Catalog(client)
    endpoint = PortalEndpoint(args.portal, args.token, Path())
    kiosk = compose(app, settings, endpoint, client=client, idle_ms=NEVER_IDLE_MS)
    ui = kiosk.ui
    ui.load_catalog = catalog  # the same loader, with marks and a client that can be swapped
    shell = ui.shell
    shell.resize(1280, 800)
    shell.show()
    bench = Bench(loop, lambda: shell.current_screen)
    bench.settle(0.2)
    bench.drain()
    if ui.catalog is None:
        raise RuntimeError("the kiosk could not load the catalog from the sandbox")
    bench.settle(0.2)
    gc.collect()
    out["home_memory"] = memory()

    # --- tap latency --------------------------------------------------------------------------
    # one untimed round: first-use costs
    bench.tap(shell, f"tile.{LOOKUP}", f"screen.{LOOKUP}.number")
    bench.tap(shell, "action.home", "screen.home")
    bench.drain()
    taps: list[dict[str, Any]] = []
    for _ in range(args.cycles):
        for name, expect, field in CYCLE:
            if field is not None:
                bench.type(shell, field, DPI)
            sample: dict[str, Any] = dict(bench.tap(shell, name, expect))
            sample["tap"] = name
            taps.append(sample)
            bench.drain()
            bench.settle(0.01)
    out["latency"] = taps

    # --- a lookup: "Continuar" with a case number until the results (or the record) painted -----
    # the sandbox allows 60 searches a minute per kiosk (a visitor types a few): stay under it
    out["lookup"] = lookup_latency(bench, ui, min(args.cycles, LOOKUP_CYCLES))

    # --- stall while a portal call takes 2 s ------------------------------------------------
    ticker = Ticker()
    bench.settle(0.2)
    ticker.start()
    origin = time.perf_counter()
    bench.settle(2.0)
    ticker.stop()
    out["stall_floor"] = {"ticks": len(ticker.gaps), "worst": ticker.worst(origin)}

    run_until(loop, slow.health())  # a warm connection, as the kiosk's client has
    catalog.client = slow
    catalog.marks = {}

    async def refresh() -> None:
        me = asyncio.current_task()
        before = asyncio.all_tasks()
        ui.refresh_catalog()
        started = asyncio.all_tasks() - before - {me}
        await asyncio.gather(*started)
        await asyncio.sleep(0.1)  # and the repaint that follows the answer

    bench.settle(0.2)
    ticker.start()
    origin = time.perf_counter()
    run_until(loop, refresh())
    ticker.stop()
    marks = {name: (value - origin) * 1000 for name, value in catalog.marks.items()}
    out["stall"] = {"ticks": len(ticker.gaps), "worst": ticker.worst(origin), "marks_ms": marks}
    catalog.client = client
    bench.drain()

    # --- RSS over sessions ----------------------------------------------------------------------
    def one_session() -> None:
        bench.tap(shell, "tile.cuenta", "screen.cuenta.dpi")
        bench.type(shell, "field.dpi", DPI)
        bench.tap(shell, "action.continue", "screen.cuenta.birth_date")
        bench.tap(shell, "action.back", "screen.cuenta.dpi")
        bench.timed(lambda: ui.reset_session("bench"), "screen.home")
        bench.drain()

    # qasync keeps a cancelled timeout's handle until the timeout would have fired (httpx's read
    # timeout, our own wait_for): let them all lapse before counting, or they look like a leak.
    quiet = max(settings.portal.read_timeout, TIMED_TIMEOUT) + 0.5

    def reading() -> dict[str, Any]:
        bench.settle(quiet)
        gc.collect()
        return {
            **memory(),
            "widgets": len(QApplication.allWidgets()),
            "objects": len(gc.get_objects()),
        }

    for _ in range(args.warmup):
        one_session()
    readings = [reading()]  # after the warm-up, half-way, at the end: a leak grows in both halves
    seconds = 0.0
    for half in (args.sessions // 2, args.sessions - args.sessions // 2):
        started = time.perf_counter()
        for _ in range(half):
            one_session()
        seconds += time.perf_counter() - started
        readings.append(reading())
    out["sessions"] = {
        "count": args.sessions,
        "warmup": args.warmup,
        "seconds": seconds,
        "readings": readings,
        "trimmed": trimmed_memory(),
    }

    run_until(loop, kiosk.aclose())
    run_until(loop, slow.aclose())
    shell.hide()
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
