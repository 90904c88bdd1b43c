"""Kiosk mode: no key combination leaves or closes the window; staff leave through a hidden gesture.

`Lockdown` is an application event filter that swallows the window-closing and window-switching
combinations (and any shortcut bound to them). Ordinary typing always passes: letters, digits,
Enter and Tab, also from USB barcode scanners (keyboard wedges), and AltGr characters such as @.
Under the cage compositor most of these never reach Qt; the filter is the second belt.

`CloseGuard` makes one window refuse every close (``closeEvent``) until `allow_close()`; call that
before quitting on purpose (staff exit, SIGTERM).

`StaffExit` is the hidden staff gesture: press and hold the attached widget (the logo) for
``hold_ms`` -> ``requested``; the shell shows the PIN overlay and calls `check(pin)`. Three wrong
PINs lock the entry for 30 s, the next three for 60 s, then 120 s ... (``locked_out(seconds)``,
`lockout_message`). An empty configured hash disables it: the gesture does nothing.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QShortcutEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from kiosk.i18n import tr
from kiosk.staff import verify_pin

__all__ = ["CloseGuard", "Lockdown", "StaffExit", "is_blocked_key"]

Key = Qt.Key
Mod = Qt.KeyboardModifier


def _codes(*keys: Qt.Key) -> frozenset[int]:
    return frozenset(int(key.value) for key in keys)


_META_KEYS = _codes(
    Key.Key_Meta, Key.Key_Super_L, Key.Key_Super_R, Key.Key_Hyper_L, Key.Key_Hyper_R
)
_F_KEYS = _codes(*(getattr(Key, f"Key_F{n}") for n in range(1, 13)))
_CTRL_CLOSE = _codes(Key.Key_Q, Key.Key_W, Key.Key_Escape)
_ALT_BLOCKED = _F_KEYS | _codes(Key.Key_Tab, Key.Key_Backtab, Key.Key_Escape, Key.Key_Space)
_CTRL_ALT_BLOCKED = _F_KEYS | _codes(Key.Key_Backspace, Key.Key_Delete)
_F11, _ESCAPE = int(Key.Key_F11.value), int(Key.Key_Escape.value)
_TEXT_WIDGETS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


def _focus_is_text_field() -> bool:
    widget = QApplication.focusWidget()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, _TEXT_WIDGETS)


def is_blocked_key(key: int, modifiers: Qt.KeyboardModifier, text: str = "") -> bool:
    """True for a key combination that could close, hide or leave the kiosk window.

    ``text`` is what the key types: a printable character typed with Ctrl+Alt is AltGr on some
    layouts (Ctrl+Alt+Q is @ on Spanish keyboards under Windows) and always passes.
    """
    mods = Qt.KeyboardModifier(modifiers) & ~Mod.KeypadModifier & ~Mod.GroupSwitchModifier
    ctrl, alt = bool(mods & Mod.ControlModifier), bool(mods & Mod.AltModifier)
    if ctrl and alt and text and text.isprintable():
        return False
    k = int(key)
    if k in _META_KEYS or mods & Mod.MetaModifier:
        return True  # Super opens launchers and switches workspaces
    if k == _F11:
        return True  # full screen toggle
    if ctrl and alt and k in _CTRL_ALT_BLOCKED:
        return True  # kill X, reboot, switch VT
    if alt and k in _ALT_BLOCKED:
        return True  # Alt+F4 close, Alt+F2 run, Alt+Tab switch, Alt+Space window menu
    return ctrl and k in _CTRL_CLOSE  # Ctrl+Q quit, Ctrl+W close, Ctrl+Esc start menu


class Lockdown(QObject):
    """Swallows window-leaving keys application-wide (see `is_blocked_key`); Escape too, except
    in a text field."""

    blocked = Signal(str)  # the swallowed combination, e.g. "Alt+F4" (for a debug log)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._installed_on: QObject | None = None

    def install(self, app: QApplication | None = None) -> None:
        target = app or QApplication.instance()
        if target is None:
            raise RuntimeError("Lockdown needs a QApplication")
        if self._installed_on is not target:
            self.uninstall()
            target.installEventFilter(self)
            self._installed_on = target

    def uninstall(self) -> None:
        if self._installed_on is not None:
            self._installed_on.removeEventFilter(self)
            self._installed_on = None

    @property
    def installed(self) -> bool:
        return self._installed_on is not None

    def _blocks(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        if key == _ESCAPE and not (mods & ~(Mod.KeypadModifier | Mod.ShiftModifier)):
            return not _focus_is_text_field()  # Escape closes dialogs; in a field it is harmless
        return is_blocked_key(key, mods, event.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            if self._blocks(event):
                if kind == QEvent.Type.ShortcutOverride:
                    event.accept()  # "the widget takes this key": no shortcut fires
                elif kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
                    combo = event.keyCombination().toCombined()
                    self.blocked.emit(QKeySequence(combo).toString())
                return True
        elif kind == QEvent.Type.Shortcut:
            assert isinstance(event, QShortcutEvent)
            sequence = event.key()
            if sequence.count() == 1:
                combo = sequence[0]  # type: ignore[index]  # PySide6 stubs lack __getitem__
                key = int(combo.key().value)
                if is_blocked_key(key, combo.keyboardModifiers()) or (
                    key == _ESCAPE and not _focus_is_text_field()
                ):
                    return True
        return False


class CloseGuard(QObject):
    """``window`` ignores every close until `allow_close` (``window.close()`` returns False)."""

    refused = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._allowed = False
        window.installEventFilter(self)

    @property
    def close_allowed(self) -> bool:
        return self._allowed

    def allow_close(self) -> None:
        self._allowed = True

    def forbid_close(self) -> None:
        self._allowed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close and not self._allowed:
            event.ignore()
            self.refused.emit()
            return True
        return False


HOLD_MS = 5000
MAX_ATTEMPTS = 3
BASE_LOCKOUT_S = 30
MAX_LOCKOUT_S = 3600
_MOVE_SLOP_PX = 40  # a finger that slides further than this is not holding


class StaffExit(QObject):
    requested = Signal()  # the hold gesture completed: show the PIN overlay
    granted = Signal()  # the right PIN: the shell may leave kiosk mode
    denied = Signal(str)  # a wrong PIN, with the message to show
    locked_out = Signal(int)  # seconds until the next PIN may be tried

    def __init__(
        self,
        pin_hash: str,
        parent: QObject | None = None,
        *,
        hold_ms: int = HOLD_MS,
        max_attempts: int = MAX_ATTEMPTS,
        base_lockout_s: int = BASE_LOCKOUT_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._pin_hash = pin_hash.strip()
        self._max_attempts = max_attempts
        self._base_lockout_s = base_lockout_s
        self._clock = clock
        self._failures = 0  # wrong PINs since the last lockout (or success)
        self._lockouts = 0  # lockouts so far: the next one lasts base * 2**lockouts
        self._locked_until = 0.0
        self._widgets: list[QWidget] = []
        self._press_pos: QPoint | None = None
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(hold_ms)
        self._hold.timeout.connect(self._on_hold)

    @property
    def enabled(self) -> bool:
        return bool(self._pin_hash)

    @property
    def hold_ms(self) -> int:
        return self._hold.interval()

    # --- the gesture -----------------------------------------------------------------------------

    def attach(self, widget: QWidget) -> None:
        """Watch ``widget`` for the press-and-hold (its events still reach it)."""
        if widget not in self._widgets:
            self._widgets.append(widget)
            widget.installEventFilter(self)
            widget.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
            widget.destroyed.connect(self._forget)

    def _forget(self, obj: QObject | None = None) -> None:
        self._widgets = [w for w in self._widgets if w is not obj]
        self._hold.stop()

    def _on_hold(self) -> None:
        self._press_pos = None
        if self.enabled:
            self.requested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched not in self._widgets or not self.enabled:
            return False
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            if isinstance(event, QMouseEvent):
                self._press_pos = event.position().toPoint()
            self._hold.start()
        elif kind == QEvent.Type.MouseMove and self._hold.isActive():
            assert isinstance(event, QMouseEvent)
            start, now = self._press_pos, event.position().toPoint()
            if start is not None and (now - start).manhattanLength() > _MOVE_SLOP_PX:
                self._hold.stop()
        elif kind in (
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
            QEvent.Type.Hide,
            QEvent.Type.Leave,
        ):
            self._hold.stop()
        return False

    # --- the PIN ---------------------------------------------------------------------------------

    def lockout_remaining(self) -> int:
        """Whole seconds until a PIN may be tried again (0: now)."""
        left = self._locked_until - self._clock()
        return math.ceil(left) if left > 0 else 0

    @staticmethod
    def lockout_message(seconds: int) -> str:
        if seconds == 1:
            return tr("Demasiados intentos. Espere 1 segundo.")
        return tr("Demasiados intentos. Espere {seconds} segundos.", seconds=seconds)

    def check(self, pin: str) -> bool:
        """True (and ``granted``) for the right PIN; wrong ones count toward a lockout."""
        if not self._may_try():
            return False
        return self._conclude(verify_pin(pin, self._pin_hash))

    async def check_async(self, pin: str) -> bool:
        """As `check`, with the deliberately slow hash off the GUI thread (rule 5: no stall)."""
        if not self._may_try():
            return False
        loop = asyncio.get_running_loop()
        return self._conclude(await loop.run_in_executor(None, verify_pin, pin, self._pin_hash))

    def _may_try(self) -> bool:
        if not self.enabled:
            return False
        remaining = self.lockout_remaining()
        if remaining:
            self.locked_out.emit(remaining)
            return False
        return True

    def _conclude(self, right: bool) -> bool:
        if right:
            self._failures = 0
            self._lockouts = 0
            self.granted.emit()
            return True
        self._failures += 1
        if self._failures >= self._max_attempts:
            seconds = min(self._base_lockout_s * 2**self._lockouts, MAX_LOCKOUT_S)
            self._lockouts += 1
            self._failures = 0
            self._locked_until = self._clock() + seconds
            self.locked_out.emit(seconds)
        else:
            left = self._max_attempts - self._failures
            if left == 1:
                message = tr("PIN incorrecto. Queda 1 intento.")
            else:
                message = tr("PIN incorrecto. Quedan {attempts} intentos.", attempts=left)
            self.denied.emit(message)
        return False
