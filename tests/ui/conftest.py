"""UI fixtures: the real kiosk UI (KioskUi) on a qasync loop, talking to the real sandbox."""

from __future__ import annotations

import asyncio
import gc
import io
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
from backoffice import Backoffice
from faults import PortalProxy
from kiosk_driver import Driver
from PySide6.QtWidgets import QApplication
from steady_loop import run_until

from kiosk import i18n, logs
from kiosk.app import Kiosk, compose
from kiosk.config import load_settings
from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.services.printer import Printer

#: a CUPS that does not answer: what a test prints on unless it gives a printer
UNREACHABLE_PRINTER = Printer("", "127.0.0.1:9", 5)


@pytest.fixture
def proxy(sandbox: PortalEndpoint) -> Iterator[PortalProxy]:
    """A loopback proxy in front of the session's sandbox that a test can cut (faults.py)."""
    with PortalProxy(sandbox.url) as between:
        yield between


@pytest.fixture
def desk(qloop: qasync.QEventLoop, sandbox: PortalEndpoint, sandbox_dir: Path) -> Backoffice:
    """The bank's and the registry's side of a visit, on the session's sandbox (backoffice.py)."""
    return Backoffice(qloop, sandbox.url, sandbox.device_token, sandbox_dir)


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    asyncio.set_event_loop(None)
    loop.close()
    # An old KioskUi or loop is a cycle of Qt objects: collected now, not in the middle of a
    # later test's Qt event dispatch (that crashed the process in QCoreApplication::notify).
    gc.collect()
    # Strict (napari's rule): work still running once the kiosk has shut down is a leak the
    # kiosk would carry into the next visit; it fails the test instead of being cancelled quietly.
    leaked = [_describe(task) for task in pending]
    if leaked:
        pytest.fail(f"tasks still running after the kiosk shut down: {leaked}")


def _describe(task: asyncio.Task[Any]) -> str:
    coro = task.get_coro()
    return getattr(coro, "__qualname__", repr(coro))


@pytest.fixture
def make_driver(
    qloop: qasync.QEventLoop,
    qtbot: Any,
    sandbox: PortalEndpoint,
    kiosk_id: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., Driver]]:
    """The kiosk as ``kiosk.app.compose`` builds it, against the session's sandbox (or another
    portal), with a printer that does not answer unless the test gives one."""
    made: list[Kiosk] = []

    def make(
        *,
        idle_ms: tuple[int, int] | None = None,
        settings: dict[str, Any] | None = None,
        portal_url: str | None = None,
        catalog: bool = True,
        printer: Printer | None = None,
    ) -> Driver:
        client = PortalClient(
            portal_url or sandbox.url,
            kiosk_id=kiosk_id,
            kiosk_token=sandbox.device_token,
            read_timeout=10,
            retries=0,
        )
        overrides: dict[str, Any] = {
            "kiosk": {"mode": "kiosk", "id": kiosk_id},
            "trust": {"cache_dir": str(tmp_path_factory.mktemp("trust-cache"))},
            "audit": {"path": str(tmp_path_factory.mktemp("audit") / "audit.sqlite3")},
        }
        for section, values in (settings or {}).items():  # a section given adds to ours
            overrides[section] = {**overrides.get(section, {}), **values}
        config = load_settings(overrides=overrides)
        endpoint = PortalEndpoint(portal_url or sandbox.url, sandbox.device_token, sandbox.root_key)
        kiosk = compose(
            QApplication.instance(),  # type: ignore[arg-type]
            config,
            endpoint,
            client=client,
            printer=printer or UNREACHABLE_PRINTER,
            load_catalog=catalog,
            idle_ms=idle_ms,
        )
        # a public kiosk's window refuses to close; pytest-qt closes it at teardown
        guard = kiosk.ui.close_guard
        qtbot.addWidget(kiosk.ui.shell, before_close_func=lambda _shell: guard.allow_close())
        kiosk.ui.shell.resize(1280, 800)
        kiosk.ui.shell.show()
        made.append(kiosk)
        driver = Driver(qloop, kiosk)
        driver.settle()
        return driver

    yield make
    shells = {id(kiosk.ui.shell) for kiosk in made}
    stray = [
        widget.objectName() or type(widget).__name__
        for widget in QApplication.topLevelWidgets()
        if widget.isVisible() and id(widget) not in shells
    ]
    for kiosk in made:
        run_until(qloop, _closed(kiosk))
    i18n.set_language("es")
    # Strict: under a kiosk compositor there is one window; anything else left open is a leak.
    if stray:
        pytest.fail(f"top-level windows left open besides the kiosk: {stray}")


CLOSE_LIMIT = 60.0  # seconds a kiosk may take to shut down (it takes well under one)


async def _closed(kiosk: Kiosk) -> None:
    """``kiosk.aclose()``; a kiosk that does not shut down fails its test, naming what it waits
    for, instead of hanging the whole run."""
    try:
        await asyncio.wait_for(kiosk.aclose(), CLOSE_LIMIT)
    except TimeoutError:
        for task in asyncio.all_tasks():
            task.print_stack(file=sys.stderr)
        pytest.fail(f"the kiosk did not shut down within {CLOSE_LIMIT:.0f} s (stacks above)")


@pytest.fixture
def kiosk_log() -> Iterator[io.StringIO]:
    """What the kiosk's log file would hold: its JSON handler and filter on the root logger, the
    kiosk's own loggers at DEBUG (the most they ever write), other libraries as configured."""
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.third_party_debug_filter)
    root = logging.getLogger()
    quiet = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in quiet:
        logging.getLogger(name).setLevel(logging.WARNING)  # as logs.configure sets them
    try:
        yield written
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        for name, was in quiet.items():
            logging.getLogger(name).setLevel(was)
