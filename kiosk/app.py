"""Composition root: ``compose()`` builds everything once from the Settings (the app, the UI
tests, the screenshots and the benchmarks all call it); ``run()`` starts (and always stops) the
embedded sandbox when no portal is configured and runs Qt and asyncio on one loop (qasync)."""

from __future__ import annotations

import asyncio
import ctypes
import gc
import logging
import signal
import sys
import time
from collections.abc import Awaitable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtGui import QNativeInterface
from PySide6.QtWidgets import QApplication

from kiosk import i18n, logs, systemd_notify
from kiosk.camera_presence import camera_present
from kiosk.config import Mode, Settings
from kiosk.embedded_portal import EmbeddedPortal, EmbeddedPortalError, PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.portal.models import ServiceStatus
from kiosk.portal.transport import TransportOnFirstCall
from kiosk.services.base import ActionContext
from kiosk.services.printer import DocumentPrinter, Printer
from kiosk.session import Session, sweep_leftovers
from kiosk.ui import errors
from kiosk.ui.help_call import HelpCall, attach_help_call
from kiosk.ui.kiosk_ui import KioskUi
from kiosk.ui.paint_tap import PaintTap
from kiosk.ui.verification.assembly import VerificationAssembly
from kiosk.ui.watchdog import WatchdogPinger
from kiosk.usage import UsageCounters

if TYPE_CHECKING:
    from kiosk.heartbeat import Heartbeat
    from kiosk.ui.desk.station import DeskStation

log = logging.getLogger(__name__)

EXIT_DISPLAY_LOST = 3
"""``run()``'s exit status when the display goes away under the running kiosk."""
DISPLAY_LOST_GRACE_SECONDS = 5.0
"""How long a kiosk without a display may still take to wipe the visit and close its connections."""


@dataclass
class Kiosk:
    """Everything ``compose()`` built for one terminal."""

    ui: KioskUi
    client: PortalClient
    session: Session
    printer: DocumentPrinter
    verification: VerificationAssembly
    desk: DeskStation | None = None
    help_call: HelpCall | None = None  # a public kiosk's «Llamar a un empleado»
    #: visits, documents, failures (counts only): what the heartbeat reports of this terminal
    usage: UsageCounters = field(default_factory=UsageCounters)
    closed: bool = False

    def heartbeat(self, settings: Settings) -> Heartbeat:
        """The fleet page's news of this terminal (``_main`` runs it once the home is painted:
        its imports, the portal's fleet models among them, need not delay the first paint)."""
        from kiosk.heartbeat import Heartbeat

        queue = self.printer.printer
        return Heartbeat(
            self.client, settings, self.usage, queue=queue.queue, server=queue.server,
            trust=lambda: self.verification.verifier().cache, camera=_camera_present,
        )  # fmt: skip

    async def aclose(self) -> None:
        """Stop the background work, wipe the visit, close the portal's connections (a desk
        first signs its clerk out and sends what it can of its audit log). Once: again does
        nothing."""
        if self.closed:
            return
        self.closed = True
        await self.ui.shutdown()
        if self.help_call is not None:  # a call still on its way ends before the client
            await self.help_call.aclose()
        if self.desk is not None:
            await self.desk.shutdown()
            self.desk.audit.close()
        self.session.reset()
        await self.client.aclose()


def compose(
    app: QApplication,
    settings: Settings,
    endpoint: PortalEndpoint,
    *,
    client: PortalClient | None = None,
    printer: Printer | None = None,
    load_catalog: bool = True,
    idle_ms: tuple[int, int] | None = None,
    catalog_after_paint: bool = False,
) -> Kiosk:
    """The kiosk, wired: the portal client, the visit, the print path, the services' controllers
    and the UI. ``client``, ``printer`` and ``idle_ms`` let tests and tools aim it elsewhere."""
    client = client or PortalClient(
        endpoint.url,
        kiosk_id=settings.kiosk.id,
        kiosk_token=endpoint.device_token,
        connect_timeout=settings.portal.connect_timeout,
        read_timeout=settings.portal.read_timeout,
        retries=settings.portal.retries,
        transport=TransportOnFirstCall(),  # the home screen paints without waiting for it
    )
    usage = UsageCounters()  # visits, documents, failures: counts only, for the heartbeat
    session = Session(usage=usage)
    printer = printer or Printer(
        settings.printer.queue, None, float(settings.printer.job_timeout_seconds)
    )
    documents = DocumentPrinter(
        client,
        printer,
        session.temp_dir,
        kiosk_id=settings.kiosk.id,
        usage=usage,
        keep=session.keep_document,  # «Imprimir otra vez» with no portal, until the visit ends
    )
    verification = VerificationAssembly(settings, client, endpoint, documents)
    portal = client

    async def catalog() -> list[ServiceStatus]:
        return (await portal.services()).services

    ui = KioskUi(
        app,
        settings,
        session,
        ActionContext(client, session),
        printer=documents,
        controllers={"verification": verification.controller},
        load_catalog=catalog if load_catalog else None,
        idle_ms=idle_ms or _desk_idle(settings),
        catalog_after_paint=catalog_after_paint,
    )
    if settings.kiosk.mode is Mode.DESK:
        desk = _desk(ui, settings, client, session, documents, verification)
        return Kiosk(ui, client, session, documents, verification, desk=desk, usage=usage)
    # «Llamar a un empleado» is the public kiosk's; a desk does not call itself
    help_call = attach_help_call(ui, client, settings)
    return Kiosk(ui, client, session, documents, verification, help_call=help_call, usage=usage)


async def _camera_present() -> bool | None:
    """For the heartbeat: a camera connected? QtMultimedia's answer once it is loaded (by the
    verification screen or the device panel; its own device list, on the GUI thread as Qt
    wants), the kernel's until then: loading QtMultimedia here would stall the GUI thread, and
    the kernel probe opens device nodes (which can wake a USB camera), so it runs in a worker."""
    if "PySide6.QtMultimedia" in sys.modules:
        from kiosk.ui.desk.device_panel import list_cameras

        cameras = list_cameras()
        if cameras is not None:
            return bool(cameras)
    return await asyncio.to_thread(camera_present)


def _desk_idle(settings: Settings) -> tuple[int, int] | None:
    """A desk's idle timer: the clerk's minutes, then a short countdown, then sign-out."""
    if settings.kiosk.mode is not Mode.DESK:
        return None
    return settings.desk.idle_minutes * 60_000, 30_000


def _desk(
    ui: KioskUi,
    settings: Settings,
    client: PortalClient,
    session: Session,
    documents: DocumentPrinter,
    verification: VerificationAssembly,
) -> DeskStation:
    """The clerk's station on the UI: sign-in, audit log and trail, the desk's tools."""
    from kiosk.audit.log import AuditLog, default_log_path
    from kiosk.ui.desk.front import DeskFront
    from kiosk.ui.desk.help_notices import attach_help_notices
    from kiosk.ui.desk.station import DeskStation
    from kiosk.ui.desk.tools import DESK_TOOLS

    audit = AuditLog(settings.audit.path or default_log_path())
    station = DeskStation(
        settings,
        client,
        audit,
        printer=documents,
        verification=verification,
        session=session,
    )
    station.register(DESK_TOOLS)
    verification.trail = station.trail
    DeskFront(ui, station)
    attach_help_notices(ui, station)  # the public kiosks' calls, in the desk bar
    station.start()
    ui.go_home()  # the front door now: the sign-in screen
    return station


def run(
    settings: Settings,
    *,
    windowed: bool = False,
    quit_after_start: bool = False,
    idle_ms: tuple[int, int] | None = None,
) -> int:
    """Runs the kiosk until it is asked to quit; its exit status: 0 after a requested quit, 1
    when the embedded sandbox cannot start, ``EXIT_DISPLAY_LOST`` (3) when the display goes away
    under the running kiosk (the X server dies): one ``display-lost`` line in the log, the visit
    wiped and the sandbox stopped as on any quit, no traceback. (When a Wayland compositor dies,
    Qt ends the process itself at once, status 255; the sandbox child then stops on its own.)

    ``idle_ms``: a demo's or a test's idle timer (``kiosk --demo-idle``), else the config's."""
    logs.configure(settings.log.level, settings.log.file)
    swept = sweep_leftovers()
    if swept:
        log.warning("left session folders deleted", extra={"event": "sweep", "count": swept})
    embedded: EmbeddedPortal | None = None
    if not settings.portal.url:
        embedded = EmbeddedPortal(
            settings.portal.sandbox_data_dir,
            settings.portal.sandbox_seed,
            settings.portal.sandbox_start_timeout,
            kiosk_id=settings.kiosk.id,
        )
        embedded.start()  # it boots while Qt starts
    try:
        existing = QApplication.instance()
        app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
        try:
            endpoint = (
                embedded.wait_ready()
                if embedded is not None
                else PortalEndpoint(
                    settings.portal.url,
                    settings.kiosk.token,
                    settings.trust.root_key or Path(),
                )
            )
        except EmbeddedPortalError as exc:
            print(f"No se pudo iniciar el portal de pruebas: {exc}.", file=sys.stderr)
            return 1
        if idle_ms is not None:
            log.warning("demo idle timer", extra={"ms": idle_ms[0], "event": "demo-idle"})
        main = _main(app, settings, endpoint, windowed, quit_after_start, idle_ms)
        status = _run_on_qt(app, main)
        if _display_lost(app):
            log.error("display lost", extra={"event": "display-lost"})
            return EXIT_DISPLAY_LOST
        return status
    finally:
        if embedded is not None:
            embedded.stop()


async def _main(
    app: QApplication,
    settings: Settings,
    endpoint: PortalEndpoint,
    windowed: bool,
    quit_after_start: bool,
    idle_ms: tuple[int, int] | None,
) -> int:
    # Quitting is asked through this event, never by stopping Qt's loop directly: the loop must
    # keep running while the client closes its connections and the window goes away.
    closed = asyncio.Event()
    app.setQuitOnLastWindowClosed(False)
    app.aboutToQuit.connect(closed.set)
    _quit_on_signals(app, closed)
    i18n.set_language(settings.kiosk.language)
    kiosk = compose(app, settings, endpoint, idle_ms=idle_ms, catalog_after_paint=True)
    ui, verification = kiosk.ui, kiosk.verification
    ui.quit_requested.connect(closed.set)
    errors.install(ui.show_crash)
    shell = ui.shell

    background: list[asyncio.Task[None]] = []
    pinger = WatchdogPinger(shell)  # systemd's watchdog, fed by this (the GUI) thread's loop

    def started() -> None:
        _collect_again()
        systemd_notify.ready(_ready_status(settings))
        pinger.start()
        if quit_after_start:
            QTimer.singleShot(0, closed.set)
        else:
            ui.painted()  # the portal's catalog: what is available today
            # the services, which home did not need to paint, before the first tap needs them
            QTimer.singleShot(0, ui.warm_up)
            background.append(asyncio.ensure_future(verification.keep_trust_list_fresh()))
            # a job of an earlier run that never printed must not print for this visitor
            background.append(asyncio.ensure_future(kiosk.printer.cancel_leftovers()))
            # the fleet page's news of this terminal: made now, its imports after the first paint
            background.append(asyncio.ensure_future(kiosk.heartbeat(settings).run()))

    shell.installEventFilter(PaintTap(shell, started))
    if windowed or settings.kiosk.mode is Mode.DESK:
        shell.resize(1280, 800)
        shell.show()
    else:
        shell.showFullScreen()
    try:
        await closed.wait()
    finally:
        systemd_notify.stopping("Cerrando el quiosco")  # a stop asked for, not a failure
        pinger.stop()
        _collect_again()  # also when the window never painted
        errors.uninstall()
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await kiosk.aclose()
        shell.hide()
        shell.deleteLater()
    return 0


def _ready_status(settings: Settings) -> str:
    """The line ``systemctl status`` shows once the kiosk is up (a technician reads it)."""
    if settings.kiosk.mode is Mode.DESK:
        return f"Ventanilla {settings.kiosk.id}: pantalla de inicio lista"
    return f"Quiosco {settings.kiosk.id}: pantalla de inicio lista"


def _run_on_qt(app: QApplication, main: Coroutine[Any, Any, int]) -> int:
    """``qasync.run(main)``: asyncio on Qt's loop until ``main`` returns, then ``asyncio.run``'s
    closing; unlike it, it outlives a lost display. Qt's xcb plugin then ends the app's loop
    (``QCoreApplication::exit``) whenever it looks at the broken connection again; each wait is
    resumed until it is done, within ``DISPLAY_LOST_GRACE_SECONDS`` of the loss, so that ``main``
    still wipes the visit and closes its connections. ``EXIT_DISPLAY_LOST`` if it runs out."""
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    lost_at: float | None = None

    def complete(awaitable: Awaitable[object]) -> bool:
        """Runs the loop until ``awaitable`` is done; False when a lost display's grace is over."""
        nonlocal lost_at
        future = asyncio.ensure_future(awaitable, loop=loop)
        while True:
            limit = None
            if lost_at is not None:
                left = lost_at + DISPLAY_LOST_GRACE_SECONDS - time.monotonic()
                if left <= 0:
                    return False
                limit = loop.call_later(left, loop.stop)
            try:
                loop.run_until_complete(future)
            except RuntimeError:  # also "Event loop stopped before Future completed."
                if future.done() or not _display_lost(app):
                    raise
            else:
                return True
            finally:
                if limit is not None:
                    limit.cancel()
            lost_at = lost_at or time.monotonic()
            time.sleep(0.05)  # should Qt end every turn at once: no busy loop

    try:
        task = loop.create_task(main)
        try:
            return task.result() if complete(task) else EXIT_DISPLAY_LOST
        finally:
            leftovers = asyncio.all_tasks(loop)
            for leftover in leftovers:
                leftover.cancel()
            if leftovers:
                complete(asyncio.gather(*leftovers, return_exceptions=True))
            complete(loop.shutdown_asyncgens())
            complete(loop.shutdown_default_executor())
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def _display_lost(app: QApplication) -> bool:
    """Whether the connection to the X server broke (a Wayland compositor's end needs no check:
    Qt ends the process itself then)."""
    if app.platformName() != "xcb":
        return False
    x11 = app.nativeInterface()
    if not isinstance(x11, QNativeInterface.QX11Application) or not x11.connection():
        return False
    libxcb = ctypes.CDLL("libxcb.so.1")  # already loaded: Qt's xcb plugin links it
    libxcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    return bool(libxcb.xcb_connection_has_error(x11.connection()))


def _collect_again() -> None:
    """Ends the start-up pause of the garbage collector (kiosk.commands.cli turns it off while
    importing). Freezing first moves the start-up objects out of every later collection's way."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _quit_on_signals(app: QApplication, closed: asyncio.Event) -> None:
    """SIGTERM/SIGINT/SIGHUP end the app cleanly (and so stop the sandbox child)."""
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, lambda *_: closed.set())
    # Python runs signal handlers only between bytecodes; a light timer gives it the chance
    # while Qt's C++ loop is waiting.
    ticker = QTimer(app)
    ticker.timeout.connect(lambda: None)
    ticker.start(200)
