"""Wires the shell to everything a visitor's session touches: home and services, flows, idle
wipe, lockdown and staff exit, accessibility, language, and the one place errors end up.

It owns navigation decisions; screens and widgets stay dumb (ARCHITECTURE.md rules 3, 4, 7).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from kiosk import i18n
from kiosk.audit.trail import NO_TRAIL, Trail
from kiosk.config import Mode, Settings
from kiosk.i18n import tr
from kiosk.portal.errors import PortalError
from kiosk.portal.models import ServiceStatus
from kiosk.portal_watch import PortalState
from kiosk.services.base import ActionContext
from kiosk.services.home_tiles import HOME_TILES
from kiosk.services.printer import DocumentPrinter
from kiosk.session import Session
from kiosk.ui.controller import ServiceController
from kiosk.ui.idle import IdleMonitor
from kiosk.ui.lockdown import CloseGuard, Lockdown, StaffExit
from kiosk.ui.offline_notice import OfflineMode, print_again, unavailable_body
from kiosk.ui.ops import Ops
from kiosk.ui.overlays import IdleOverlay, MessageOverlay, PinOverlay
from kiosk.ui.screens.base import Intent
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.steps import ServiceInfoScreen
from kiosk.ui.shell import ShellWindow, clear_clipboard
from kiosk.ui.theme import apply_theme

if TYPE_CHECKING:
    from kiosk.ui.flow_controller import FlowController

log = logging.getLogger(__name__)


class KioskUi(QObject):
    quit_requested = Signal()  # staff exit granted

    def __init__(
        self,
        app: QApplication,
        settings: Settings,
        session: Session,
        context: ActionContext,
        *,
        printer: DocumentPrinter | None = None,
        controllers: Mapping[str, Callable[[Ops], ServiceController]] | None = None,
        load_catalog: Callable[[], Awaitable[list[ServiceStatus]]] | None = None,
        idle_ms: tuple[int, int] | None = None,
        catalog_after_paint: bool = False,
    ) -> None:
        super().__init__()
        self.app = app
        self.settings = settings
        self.session = session
        self.context = context
        self.printer = printer
        #: the services that are not flows, by their ``Service.screen`` key
        self.controllers = dict(controllers or {})
        self.load_catalog = load_catalog
        #: the first catalog load waits for ``painted()`` (kiosk.app: home paints first)
        self._catalog_waits = catalog_after_paint
        self.catalog: list[ServiceStatus] | None = None
        self.ops = Ops()  # the one runner of background work
        #: whether the portal answers (kiosk.portal_watch), and what home says while it does not
        self.offline = OfflineMode(
            context.client,
            self.ops,
            settings.portal.recheck_seconds,
            public=settings.kiosk.mode is Mode.KIOSK,
        )
        self._idle_paused = False
        # the service on screen (a flow, or one with its own screens: one contract)
        self.flow: ServiceController | None = None
        #: the catalogue id of the service on screen (None on home or a desk's tool)
        self.flow_service_id: str | None = None
        self._home: HomeScreen | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        #: a desk's sign-in: shows its own screen instead of home or a service while it answers
        #: True (``kiosk.ui.desk.front``); a public kiosk has none
        self.front_door: Callable[[], bool] | None = None
        #: what a desk records of the clerk's work; a public kiosk records nothing
        self.trail: Trail = NO_TRAIL
        #: several questions per screen where a flow allows it (a desk's trained clerk)
        self.compact_questions = False

        self.shell = ShellWindow()
        self.kiosk_mode = settings.kiosk.mode is Mode.KIOSK
        idle, countdown = idle_ms or (
            settings.idle.timeout_seconds * 1000,
            settings.idle.countdown_seconds * 1000,
        )
        self.idle = IdleMonitor(idle, countdown)
        self.idle_overlay = IdleOverlay(self.shell, max(1, countdown // 1000))
        self.pin_overlay = PinOverlay(self.shell)
        self.message_overlay = MessageOverlay(self.shell)
        self.staff_exit = StaffExit(settings.staff.pin_hash)
        self.staff_exit.attach(self.shell.logo)
        self.close_guard = CloseGuard(self.shell)
        self.lockdown = Lockdown()
        if not self.kiosk_mode:
            self.close_guard.allow_close()
        self._wire()
        apply_theme(app, large_text=False, high_contrast=False)
        self.session.on_reset(self._wipe_widgets)
        self.go_home()
        if self.kiosk_mode:  # after home is built: its thousands of set-up events skip the filter
            self.lockdown.install(app)
        self.idle.start()

    def _wire(self) -> None:
        shell = self.shell
        shell.home_requested.connect(self.go_home)
        shell.finish_requested.connect(lambda: self.reset_session("finish"))
        shell.continue_requested.connect(self._continue)
        shell.back_requested.connect(self._back)
        shell.accessibility_changed.connect(self._accessibility)
        shell.language_changed.connect(self.set_language)
        shell.keyboard.key_pressed.connect(self.idle.activity)
        self.ops.busy_changed.connect(self._busy)
        self.offline.changed.connect(self._portal_changed)
        self.idle.warn.connect(self._idle_warn)
        self.idle.countdown.connect(self.idle_overlay.set_seconds)
        self.idle.expired.connect(lambda: self.reset_session("idle"))
        self.idle.resumed.connect(self.idle_overlay.hide)
        self.idle_overlay.keep_alive.connect(self.idle.keep_alive)
        self.idle_overlay.finish.connect(lambda: self.reset_session("finish"))
        self.staff_exit.requested.connect(self._ask_pin)
        self.staff_exit.granted.connect(self._staff_granted)
        self.staff_exit.denied.connect(self.pin_overlay.show_error)
        self.staff_exit.locked_out.connect(
            lambda seconds: self.pin_overlay.show_error(StaffExit.lockout_message(seconds))
        )
        self.pin_overlay.submitted.connect(self._pin_submitted)
        self.pin_overlay.cancelled.connect(self.pin_overlay.hide)
        self.message_overlay.primary_clicked.connect(self.message_overlay.hide)

    # --- navigation ----------------------------------------------------------------------

    def go_home(self) -> None:
        self._leave_service()
        if self.front_door is not None and self.front_door():
            return
        columns = 3 if self.shell.width() < 1600 else 4
        if self._home is None or self._home.columns != columns:
            # Built once and kept: rebuilding 21 tiles and their icons on every "Inicio" costs
            # ~30 ms (benchmarks/). Rebuilt only when words, colours or the grid change.
            self._drop_home()
            self._home = HomeScreen(HOME_TILES, columns=columns)
            self._home.setProperty("persistent", True)
            self._home.navigate.connect(self._home_intent)
        if self.catalog is not None:
            self._home.set_catalog(self.catalog)
        self._home.set_portal(self.offline.state, closes_services=self.offline.closes_services)
        self._home.set_visit_documents(self.session.kept)
        self._home.set_login(self.session.login is not None)
        self.shell.show_screen(self._home)
        self.shell.set_nav(back=False, primary=None)
        # else the watch asks, and the catalog reloads when it answers
        if self.offline.reachable and not self._catalog_waits:
            self.refresh_catalog()

    def _home_intent(self, intent: Intent, argument: str) -> None:
        if intent is Intent.OPEN:
            self.open(argument)
        elif intent is Intent.LOG_OUT:
            self.reset_session("log_out")
        elif intent is Intent.REPRINT and self.printer is not None:
            print_again(self, self.printer, int(argument))

    def _leave_service(self) -> None:
        """The visitor leaves a service (Inicio, another tile, a reset): what runs stops, its
        answers and its files go. The portal log-in stays for the visit's next service."""
        self.ops.cancel()
        if self.flow is not None:
            self.flow.cancel()
            self.flow = None
        self.session.flow = None
        self.session.drop_files()
        if self.printer is not None:  # a document of the service left behind never prints
            self._background(self.printer.end_visit())

    def _drop_home(self) -> None:
        if self._home is not None:
            self.shell.forget_screen(self._home)
            self._home = None

    @staticmethod
    def warm_up() -> tuple[ModuleType, type[FlowController]]:
        """The services' registry and the flow controller, imported when first needed: home is
        painted from kiosk.services.home_tiles without them (start-up). kiosk.app calls this
        right after the first paint, so the first tap does not wait for the imports."""
        from kiosk.services import registry
        from kiosk.ui.flow_controller import FlowController

        return registry, FlowController

    def open(self, service_id: str) -> None:
        """Opens a service (what tile ``tile.<service_id>`` offers): its flow, its own screens,
        or an honest screen when it is unavailable or not in this kiosk yet."""
        registry, FlowController = self.warm_up()
        service = registry.SERVICES.get(service_id)
        availability = service.availability_id if service else service_id
        status = next((s for s in self.catalog or [] if s.id == availability), None)
        name = tr(service.title) if service else tr(self._planned_label(service_id))
        if self.offline.blocks(service_id):
            self._show_info(service_id, name, unavailable_body())
            return
        if status is not None and not status.available:
            body = tr(
                "El portal indica que este servicio no está disponible ahora: {reason} "
                "Intente más tarde o pida ayuda en ventanilla.",
                reason=status.reason or "",
            )
            self._show_info(service_id, name, body)
            return
        self._leave_service()  # before the next one: the visit then holds its run
        if self.front_door is not None and self.front_door():
            return
        controller: ServiceController | None = None
        if service is not None and service.flow is not None:
            controller = FlowController(
                service,
                self.session,
                self.context,
                self.ops,
                today=date.today(),
                printer=self.printer,
                trail=self.trail,
                compact=self.compact_questions,
            )
        elif service is not None and service.screen in self.controllers:
            controller = self.controllers[service.screen](self.ops)
        if controller is None:
            body = tr(
                "Este servicio todavía no se puede hacer en este quiosco. Puede hacerlo en el "
                "Portal de Servicios Electrónicos del Organismo Judicial desde cualquier "
                "computadora, o pedir ayuda en la ventanilla de atención."
            )
            self._show_info(service_id, name, body)
            return
        self.trail.service(service_id)
        self.flow_service_id = service_id
        self._start(controller)

    def open_controller(self, controller: ServiceController) -> None:
        """A screen of a mode's own that works like a service (a desk's reprint, its device
        panel): what ran stops, and it takes the screen and the bottom bar."""
        self._leave_service()
        self.flow_service_id = None
        self._start(controller)

    def _start(self, controller: ServiceController) -> None:
        FlowController = self.warm_up()[1]
        controller.show.connect(self.shell.show_screen)
        controller.nav_changed.connect(self._sync_nav)
        controller.finished.connect(lambda: self.reset_session("done"))
        if isinstance(controller, FlowController):
            controller.lead.connect(self.open_with)
        self.flow = controller
        controller.start()

    def open_with(self, service_id: str, answers: dict[str, str]) -> None:
        """A record's lead: the service opens with the answers it is given already answered
        (what the visitor read stays behind: this is a new service of the same visit)."""
        self.open(service_id)
        FlowController = self.warm_up()[1]
        if isinstance(self.flow, FlowController) and self.flow.service.id == service_id:
            self.flow.run.prefill(answers)
            self.flow.render()

    @staticmethod
    def _planned_label(service_id: str) -> str:
        tile = next((t for t in HOME_TILES if t.service == service_id), None)
        return tile.tile.label if tile else service_id

    def _show_info(self, service_id: str, title: str, body: str) -> None:
        screen = ServiceInfoScreen(service_id, title, body)
        screen.navigate.connect(lambda _intent, _argument: self.go_home())
        self.shell.show_screen(screen)
        self.shell.set_nav(back=False, primary=None)

    def _sync_nav(self) -> None:
        if self.flow is not None:
            self.shell.set_nav(back=self.flow.can_go_back, primary=self.flow.primary_label)

    def _continue(self) -> None:
        if self.flow is not None:
            self.flow.continue_()

    def _back(self) -> None:
        if self.flow is not None:
            self.flow.back()

    def _busy(self, busy: bool) -> None:
        # A running operation pauses the idle timer: nobody is wiped while the portal answers.
        # A long wait for someone else (the bank confirming a payment) does not: a visitor who
        # walked away is asked, then wiped, and the wait is dropped with the visit.
        if busy and self.ops.holds_idle:
            self.idle.pause()
            self._idle_paused = True
        elif not busy and self._idle_paused:
            self.idle.resume()
            self._idle_paused = False
        self.shell.set_busy(busy)

    # --- session -------------------------------------------------------------------------

    def reset_session(self, reason: str) -> None:
        """Idle timeout, "Terminar", the end of a flow, a crash: wipe everything, go home."""
        log.info("session reset", extra={"event": reason})
        self.idle_overlay.hide()
        self.pin_overlay.hide()
        self._leave_service()  # and what has not printed yet never prints for the next one
        self._end_login()
        self.context.client.forget_cookies()  # nothing of this visit rides on the next one's calls
        self.session.reset()  # answers, log-in, temp files, then _wipe_widgets
        self.shell.reset_accessibility()
        if i18n.current_language() != self.settings.kiosk.language:
            self.set_language(self.settings.kiosk.language)
        self.go_home()
        self.idle.start()

    def _end_login(self) -> None:
        """The visitor's portal log-in ends with the visit, at the portal too (in the
        background: the next visitor does not wait for it)."""
        login = self.session.login
        if login is None:
            return
        self._background(self.context.client.log_out(login.token))

    def _background(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(self._quietly(work))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _quietly(work: Awaitable[None]) -> None:
        try:
            await work
        except PortalError as error:  # the portal expires it anyway; nothing for the visitor
            log.info("log-out failed", extra={"error": type(error).__name__})

    def _wipe_widgets(self) -> None:
        screen = self.shell.current_screen
        # At shutdown Qt may have destroyed the window first: nothing is left on it to wipe.
        if screen is not None and shiboken6.isValid(screen):
            screen.clear()
        clear_clipboard()

    # --- idle ----------------------------------------------------------------------------

    def _idle_warn(self, seconds: int) -> None:
        screen = self.shell.current_screen
        if isinstance(screen, HomeScreen) or (screen is not None and screen.property("front")):
            # nothing personal on the home screen: just freshen it without asking
            self.reset_session("idle-home")
            return
        self.idle_overlay.set_seconds(seconds)
        self.idle_overlay.show_over()

    # --- staff exit ----------------------------------------------------------------------

    def _ask_pin(self) -> None:
        self.pin_overlay.clear()
        self.pin_overlay.show_over()

    def _pin_submitted(self, pin: str) -> None:
        task = asyncio.ensure_future(self._check_pin(pin))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _check_pin(self, pin: str) -> None:
        if not await self.staff_exit.check_async(pin):  # denied / locked_out say why
            self.pin_overlay.clear()

    def _staff_granted(self) -> None:
        log.info("staff exit", extra={"event": "staff-exit"})
        self.pin_overlay.hide()
        self.session.reset()
        self.close_guard.allow_close()
        self.quit_requested.emit()

    # --- look and language ---------------------------------------------------------------

    def _accessibility(self, large_text: bool, high_contrast: bool) -> None:
        apply_theme(self.app, large_text=large_text, high_contrast=high_contrast)
        on_home = isinstance(self.shell.current_screen, HomeScreen)
        self._drop_home()  # icons are drawn in the text colour: the next home is drawn anew
        if on_home:
            self.go_home()

    def set_language(self, code: str) -> None:
        i18n.set_language(code)
        self._drop_home()
        self.shell.retranslate()
        if self.flow is not None:
            self.flow.capture()
            self.flow.render()  # the same step, the same typed values, new words
        else:
            self.go_home()

    # --- the portal's catalog -------------------------------------------------------------

    def painted(self) -> None:
        """Home is on the screen (kiosk.app, after the first paint): the catalog loads now, so
        its request (and the HTTP stack it needs) does not hold up the first paint."""
        self._catalog_waits = False
        self.refresh_catalog()

    def refresh_catalog(self) -> None:
        if self.load_catalog is not None:
            self._background(self._refresh_catalog(self.load_catalog))

    async def _refresh_catalog(self, load: Callable[[], Awaitable[list[ServiceStatus]]]) -> None:
        try:
            catalog = await load()
        except PortalError as error:
            self.catalog = None
            self.offline.watch.observe(error)
        else:
            self.catalog = list(catalog)
            self.offline.watch.answered()
        screen = self.shell.current_screen
        if isinstance(screen, HomeScreen):
            screen.set_catalog(self.catalog)

    def _portal_changed(self, state: PortalState) -> None:
        if isinstance(self.shell.current_screen, HomeScreen):
            self.shell.current_screen.set_portal(
                state, closes_services=self.offline.closes_services
            )
        if state.reachable:
            self.refresh_catalog()

    async def shutdown(self) -> None:
        """Stop what runs in the background before the client and the window go away: nothing
        of it may run after this (a cancelled print must not reach a deleted screen)."""
        self.idle.stop()
        self.lockdown.uninstall()  # the application may outlive this window (tests, tools)
        await self.offline.aclose()
        await self.ops.aclose()
        if self.flow is not None:
            self.flow.cancel()
            self.flow = None
        if self.printer is not None:
            await self.printer.end_visit()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # --- crashes --------------------------------------------------------------------------

    def show_crash(self) -> None:
        """The excepthook's friendly screen: no traceback, a reset, and the way forward."""
        self.reset_session("crash")
        self.message_overlay.show_message(
            tr("Algo salió mal"),
            tr(
                "Lo sentimos: ocurrió un error y, para proteger sus datos, se borraron. "
                "Puede empezar de nuevo. Si vuelve a pasar, pida ayuda en ventanilla."
            ),
            tr("Empezar de nuevo"),
        )
