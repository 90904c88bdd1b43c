"""Puts a desk station on the kiosk's UI: the sign-in screen as the front door, the desk bar, the
keys a trained clerk uses instead of the screen, and what the station hears of the UI's work.

Keys (shown on the buttons): Intro continues (in a field, and on a screen without one), Esc goes
back, F2 goes home, F4 clears the visitor and keeps the clerk, F6-F8 open the desk's tools, F9
shows or hides the on-screen keyboard (hidden unless asked: the desk has a real one).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit

from kiosk.flows.text import _
from kiosk.i18n import tr
from kiosk.portal.errors import (
    PortalError,
    PortalRateLimited,
    PortalRejected,
    PortalUnavailable,
)
from kiosk.printing import PrintingError
from kiosk.ui.desk.bar import HOME_KEY, KEYBOARD_KEY, NEXT_VISITOR_KEY, TOOLS, DeskBar
from kiosk.ui.desk.sign_in import SignInScreen
from kiosk.ui.desk.station import ROLE_NAMES, SIGNED_OUT_BECAUSE, DeskStation

if TYPE_CHECKING:
    from kiosk.ui.kiosk_ui import KioskUi

log = logging.getLogger(__name__)

BACK_KEY = "Esc"
CONTINUE_KEY = _("Intro")  # the key's name as keyboards print it (Enter)

SIGN_IN_REFUSED = {
    "staff_credentials_invalid": "Usuario o contraseña incorrectos.",
    "staff_other_courthouse": (
        "Este usuario es de otra sede: solo puede ingresar en una ventanilla de su sede."
    ),
}


class DeskFront(QObject):
    def __init__(self, ui: KioskUi, station: DeskStation) -> None:
        super().__init__(ui)
        self.ui = ui
        self.station = station
        self.sign_in_screen: SignInScreen | None = None
        shell = ui.shell
        self.bar = DeskBar()
        self.bar.hide()
        shell.add_below_header(self.bar)
        shell.auto_keyboard = False
        # «Siguiente visitante» in the desk bar wipes the visit and keeps the clerk: the
        # visitor's «Terminar y borrar mis datos» would be the same button twice
        shell.finish_button.hide()
        shell.key_hints = {"home": HOME_KEY, "back": BACK_KEY, "continue": CONTINUE_KEY}
        shell.retranslate()
        ui.front_door = self._front_door
        ui.trail = station.trail
        ui.compact_questions = True
        for name, _words, _key in TOOLS:
            self.bar.tool_buttons[name].setVisible(name in station.tools)
        self.bar.tool_requested.connect(self.open_tool)
        self.bar.next_visitor.connect(self.next_visitor)
        self.bar.sign_out.connect(lambda: station.sign_out("sign_out"))
        self.bar.keyboard_toggled.connect(self._keyboard)
        # queued: the sign-in's own operation ends before home replaces its screen
        station.changed.connect(self._changed, Qt.ConnectionType.QueuedConnection)
        ui.idle.expired.connect(lambda: station.sign_out("idle"))
        ui.ops.failed.connect(self._failed)
        self._keys()
        shell.installEventFilter(self)

    # --- the front door ----------------------------------------------------------------------

    def _front_door(self) -> bool:
        """Signed out: the sign-in screen instead of home or any service (True)."""
        if self.station.signed_in:
            return False
        because = SIGNED_OUT_BECAUSE.get(self.station.ended_because, "")
        screen = SignInScreen(self.ui.settings.kiosk.id, self.ui.settings.kiosk.courthouse, because)
        screen.submitted.connect(self._sign_in)
        self.sign_in_screen = screen
        self.ui.shell.show_screen(screen)
        self.ui.shell.set_nav(back=False, primary=None)
        self.ui.shell.footer.setVisible(False)
        return True

    def _sign_in(self, user: str, password: str) -> None:
        screen = self.sign_in_screen
        if screen is None:
            return

        async def attempt() -> str:
            try:
                await self.station.sign_in(user, password)
            except PortalError as error:
                return refusal(error)
            return ""

        def answered(problem: str) -> None:
            if screen is not self.sign_in_screen:
                return
            screen.set_waiting(False)
            if problem:
                screen.show_problem(problem)

        if self.ui.ops.run("staff-sign-in", attempt, done=answered):
            screen.set_waiting(True)

    def _changed(self) -> None:
        if not shiboken6.isValid(self.bar):  # queued past the window's end
            return
        staff = self.station.staff
        if staff is not None:
            member = staff.staff
            self.bar.show_staff(
                member.display_name, tr(ROLE_NAMES[member.role]), member.courthouse_name
            )
            self.bar.show()
            self.ui.shell.footer.setVisible(True)
            self.sign_in_screen = None
            self.ui.go_home()
        else:
            self.bar.hide()
            self.bar.keyboard_button.setChecked(False)
            self.ui.reset_session("sign_out")  # the visit goes with the clerk

    # --- the clerk's work ----------------------------------------------------------------------

    def next_visitor(self) -> None:
        """One key between two visitors: the visit is wiped, the clerk stays signed in."""
        if self.station.signed_in:
            self.ui.reset_session("next_visitor")

    def open_tool(self, name: str) -> None:
        tool = self.station.tools.get(name)
        if tool is None or not self.station.signed_in:
            return
        self.ui.open_controller(tool(self.station.context, self.ui.ops))

    def _failed(self, error: object) -> None:
        if not isinstance(error, BaseException) or self.station.portal_refused(error):
            return
        service = self.ui.flow_service_id or "ventanilla"
        self.station.trail.failure(service, failure_code(error))

    def _keyboard(self, wanted: bool) -> None:
        shell = self.ui.shell
        shell.auto_keyboard = wanted
        focus = QApplication.focusWidget()
        if wanted and isinstance(focus, QLineEdit) and shell.isAncestorOf(focus):
            shell.keyboard.show()
        elif not wanted:
            shell.keyboard.hide()

    def _keys(self) -> None:
        shell = self.ui.shell
        table: list[tuple[str, Callable[[], object]]] = [
            (HOME_KEY, self._home),
            (NEXT_VISITOR_KEY, self.next_visitor),
            (KEYBOARD_KEY, self.bar.keyboard_button.toggle),
            ("Escape", self._back),
        ]
        for name, _words, key in TOOLS:
            table.append((key, partial(self.open_tool, name)))
        self.shortcuts = []
        for key, slot in table:
            shortcut = QShortcut(QKeySequence(key), shell)
            # the desk has one window: its keys work whatever the window manager says is active
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)

    def _home(self) -> None:
        if self.station.signed_in and self.ui.shell.home_button.isVisible():
            self.ui.go_home()

    def _back(self) -> None:
        button = self.ui.shell.back_button
        if button.isVisible() and button.isEnabled():
            button.click()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Intro where no field takes it: the focused button, or else «Continuar»."""
        if event.type() is not QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            return False
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit):
            return False  # the field's own Enter (the question's Continuar)
        if isinstance(focus, QAbstractButton) and focus.isVisible():
            focus.click()
            return True
        primary = self.ui.shell.continue_button
        if primary.isVisible() and primary.isEnabled():
            primary.click()
            return True
        return False


def refusal(error: PortalError) -> str:
    """Why a sign-in did not go through, in the clerk's words (translated)."""
    if isinstance(error, PortalRateLimited):
        minutes = max(1, -(-error.retry_after // 60))
        return tr(
            "Demasiados intentos con contraseña incorrecta. Espere {minutes} minutos o pida a "
            "su supervisor que lo desbloquee.",
            minutes=minutes,
        )
    if isinstance(error, PortalRejected) and error.code in SIGN_IN_REFUSED:
        return tr(SIGN_IN_REFUSED[error.code])
    if isinstance(error, PortalUnavailable):
        return tr(
            "No hay conexión con el portal. Revise la red del equipo e intente de nuevo; si "
            "sigue así, llame a soporte técnico."
        )
    return tr("El portal no aceptó el ingreso. Intente de nuevo o llame a soporte técnico.")


def failure_code(error: BaseException) -> str:
    """The audit log's code for a failure: the portal's own code, or the kind of fault."""
    if isinstance(error, PortalRejected):
        return error.code
    if isinstance(error, PortalUnavailable):
        return "portal_unavailable"
    if isinstance(error, PrintingError):
        return "printing_failed"
    return "document_failed"
