"""UI fixtures: the real kiosk UI (KioskUi) on a qasync loop, talking to the real sandbox."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import qasync
from kiosk_driver import Driver
from PySide6.QtWidgets import QApplication
from steady_loop import run_until

from kiosk import i18n
from kiosk.config import load_settings
from kiosk.embedded_portal import PortalEndpoint
from kiosk.flows.actions import portal_actions
from kiosk.portal.client import PortalClient
from kiosk.print_service import Printer, Printouts
from kiosk.session import Session
from kiosk.ui.kiosk_ui import KioskUi
from kiosk.ui.verification.assembly import VerificationAssembly


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


@pytest.fixture
def make_driver(
    qloop: qasync.QEventLoop,
    qtbot: Any,
    sandbox: PortalEndpoint,
    kiosk_id: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., Driver]]:
    made: list[tuple[KioskUi, PortalClient]] = []

    def make(
        *,
        idle_ms: tuple[int, int] | None = None,
        settings: dict[str, Any] | None = None,
        portal_url: str | None = None,
        catalog: bool = True,
        printer: Any = None,
        printer_check: Any = None,
        verification: bool = False,
    ) -> Driver:
        client = PortalClient(
            portal_url or sandbox.url,
            kiosk_id=kiosk_id,
            kiosk_token=sandbox.device_token,
            read_timeout=10,
            retries=0,
        )

        async def load_catalog() -> list[object]:
            return list((await client.services()).services)

        session = Session()
        overrides: dict[str, Any] = {
            "kiosk": {"mode": "desk"},
            "trust": {"cache_dir": str(tmp_path_factory.mktemp("trust-cache"))},
        }
        config = load_settings(overrides={**overrides, **(settings or {})})
        endpoint = PortalEndpoint(portal_url or sandbox.url, sandbox.device_token, sandbox.root_key)
        printouts = Printouts(client, Printer("", "127.0.0.1:9", 5), session.temp_dir)
        ui = KioskUi(
            QApplication.instance(),  # type: ignore[arg-type]
            config,
            session,
            portal_actions(client),
            load_catalog=load_catalog if catalog else None,
            idle_ms=idle_ms,
            printer=printer(client, session) if printer else None,
            printer_check=printer_check,
            verification=(
                VerificationAssembly(config, client, endpoint, printouts).controller
                if verification
                else None
            ),
        )
        qtbot.addWidget(ui.shell)
        ui.shell.resize(1280, 800)
        ui.shell.show()
        made.append((ui, client))
        driver = Driver(qloop, ui)
        driver.settle()
        return driver

    yield make
    for ui, client in made:
        run_until(qloop, ui.shutdown())
        run_until(qloop, client.aclose())
    i18n.set_language("es")
