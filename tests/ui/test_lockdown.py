"""Kiosk lockdown: no key combination closes or leaves the window, typing (and scanners) still
work, the window refuses to close until allowed; the staff exit gesture, PIN and lockout; the PIN
overlay."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.staff import hash_pin
from kiosk.ui.lockdown import CloseGuard, Lockdown, StaffExit, is_blocked_key
from kiosk.ui.overlays import PinOverlay

Key = Qt.Key
Mod = Qt.KeyboardModifier
NO = Mod.NoModifier
CTRL, ALT, SHIFT = Mod.ControlModifier, Mod.AltModifier, Mod.ShiftModifier

PIN = "246810"
PIN_HASH = hash_pin(PIN, iterations=1000)  # cheap for tests; the real one uses 200 000

LEAVING_KEYS = [
    pytest.param(Key.Key_F4, ALT, id="Alt+F4"),
    pytest.param(Key.Key_Q, CTRL, id="Ctrl+Q"),
    pytest.param(Key.Key_W, CTRL, id="Ctrl+W"),
    pytest.param(Key.Key_Escape, NO, id="Escape"),
    pytest.param(Key.Key_Tab, ALT, id="Alt+Tab"),
    pytest.param(Key.Key_Backtab, ALT | SHIFT, id="Alt+Shift+Tab"),
    pytest.param(Key.Key_Meta, NO, id="Super"),
    pytest.param(Key.Key_D, Mod.MetaModifier, id="Super+D"),
    pytest.param(Key.Key_Backspace, CTRL | ALT, id="Ctrl+Alt+Backspace"),
    pytest.param(Key.Key_Delete, CTRL | ALT, id="Ctrl+Alt+Delete"),
    pytest.param(Key.Key_F2, CTRL | ALT, id="Ctrl+Alt+F2"),
    pytest.param(Key.Key_F11, NO, id="F11"),
    pytest.param(Key.Key_F2, ALT, id="Alt+F2"),
    pytest.param(Key.Key_Escape, CTRL, id="Ctrl+Escape"),
]


_MODIFIER_KEYS = {int(k) for k in (Key.Key_Shift, Key.Key_Control, Key.Key_Alt, Key.Key_AltGr)}


def _type(widget: QWidget, text: str) -> None:
    """One press+release per character, with its text (QTest.keyClicks only knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, NO, char))


class KeyRecorder(QObject):
    """Records the key presses a widget itself receives (modifier keys alone are left out: QTest
    presses them before the key, and they pass like any typing)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.keys: list[tuple[int, Qt.KeyboardModifier]] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() not in _MODIFIER_KEYS:  # type: ignore[attr-defined]
            self.keys.append((event.key(), event.modifiers()))  # type: ignore[attr-defined]
        return False


class KioskWindow(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Quiosco")
        self.edit = QLineEdit()
        self.button = QPushButton("Continuar")
        self.logo = QLabel("OJ")
        self.logo.setMinimumSize(120, 80)
        layout = QVBoxLayout(self)
        layout.addWidget(self.logo)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        self.recorder = KeyRecorder(self)


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[KioskWindow]:
    widget = KioskWindow()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.setFocus()
    yield widget
    widget.close()


@pytest.fixture
def lockdown(qapp: QApplication, window: KioskWindow) -> Iterator[tuple[Lockdown, CloseGuard]]:
    lock = Lockdown()
    lock.install(qapp)
    guard = CloseGuard(window)
    yield lock, guard
    lock.uninstall()
    guard.allow_close()


# --- keys -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "mods"), LEAVING_KEYS)
def test_leaving_keys_are_swallowed_and_the_window_stays(
    qtbot: QtBot, window: KioskWindow, lockdown: tuple[Lockdown, CloseGuard], key: Key, mods: Mod
) -> None:
    blocked: list[str] = []
    lockdown[0].blocked.connect(blocked.append)
    QTest.keyClick(window, key, mods)
    assert window.recorder.keys == []
    assert blocked  # Super+D: both the Super press and the D are swallowed
    assert window.isVisible()


@pytest.mark.parametrize(("key", "mods"), LEAVING_KEYS)
def test_without_lockdown_those_keys_arrive(window: KioskWindow, key: Key, mods: Mod) -> None:
    """The control: the recorder does see these keys when nothing filters them."""
    QTest.keyClick(window, key, mods)
    assert int(key) in [k for k, _m in window.recorder.keys]


def test_shortcuts_bound_to_leaving_keys_never_fire(
    qtbot: QtBot, window: KioskWindow, lockdown: tuple[Lockdown, CloseGuard]
) -> None:
    fired: list[str] = []
    quit_action = QAction("Salir", window)
    quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    quit_action.triggered.connect(lambda: fired.append("Ctrl+Q"))
    window.addAction(quit_action)
    escape = QShortcut(QKeySequence(Key.Key_Escape), window)
    escape.activated.connect(lambda: fired.append("Escape"))
    QTest.keyClick(window, Key.Key_Q, CTRL)
    QTest.keyClick(window, Key.Key_Escape)
    assert fired == []
    lockdown[0].uninstall()
    QTest.keyClick(window, Key.Key_Q, CTRL)  # the control: the same shortcut does fire unfiltered
    assert fired == ["Ctrl+Q"]


def test_typing_and_scanner_input_reach_the_field(
    qtbot: QtBot, window: KioskWindow, lockdown: tuple[Lockdown, CloseGuard]
) -> None:
    window.edit.setFocus()
    qtbot.waitUntil(window.edit.hasFocus)
    submitted: list[str] = []
    window.edit.returnPressed.connect(lambda: submitted.append(window.edit.text()))
    qtbot.keyClicks(window.edit, "Perez 2345678900101")
    _type(window.edit, " Ñuñoa ó")
    QTest.keyClick(window.edit, Key.Key_Return)  # a barcode scanner ends with Enter
    QTest.keyClick(window.edit, "@", CTRL | ALT)  # AltGr on some layouts: Ctrl+Alt with text
    QTest.keyClick(window.edit, "Q", SHIFT)
    assert window.edit.text() == "Perez 2345678900101 Ñuñoa ó@Q"
    assert submitted == ["Perez 2345678900101 Ñuñoa ó"]
    QTest.keyClick(window.edit, Key.Key_Backspace)
    QTest.keyClick(window.edit, Key.Key_Tab)
    assert window.edit.text() == "Perez 2345678900101 Ñuñoa ó@"


def test_escape_still_reaches_a_text_field(
    window: KioskWindow, lockdown: tuple[Lockdown, CloseGuard]
) -> None:
    recorder = KeyRecorder(window.edit)
    window.edit.setFocus()
    QTest.keyClick(window.edit, Key.Key_Escape)
    assert [k for k, _m in recorder.keys] == [int(Key.Key_Escape)]
    QTest.keyClick(window.edit, Key.Key_F4, ALT)  # but nothing that closes the window
    assert len(recorder.keys) == 1


@pytest.mark.parametrize(
    ("key", "mods", "text", "blocked"),
    [
        (Key.Key_A, NO, "a", False),
        (Key.Key_5, NO, "5", False),
        (Key.Key_Return, NO, "\r", False),
        (Key.Key_Enter, Mod.KeypadModifier, "\r", False),
        (Key.Key_Tab, NO, "\t", False),
        (Key.Key_C, CTRL, "\x03", False),
        (Key.Key_Q, CTRL | ALT, "@", False),
        (Key.Key_F4, NO, "", False),
        (Key.Key_F4, ALT, "", True),
        (Key.Key_Q, CTRL | SHIFT, "", True),
        (Key.Key_W, CTRL, "\x17", True),
        (Key.Key_Super_L, NO, "", True),
        (Key.Key_Space, ALT, " ", True),
        (Key.Key_F11, NO, "", True),
    ],
)
def test_is_blocked_key(key: Key, mods: Mod, text: str, blocked: bool) -> None:
    assert is_blocked_key(int(key), mods, text) is blocked


# --- closing --------------------------------------------------------------------------------------


def test_close_is_refused_until_allowed(
    window: KioskWindow, lockdown: tuple[Lockdown, CloseGuard]
) -> None:
    guard = lockdown[1]
    refused: list[bool] = []
    guard.refused.connect(lambda: refused.append(True))
    assert window.close() is False
    assert window.isVisible()
    assert refused == [True]
    guard.allow_close()
    assert window.close() is True
    assert not window.isVisible()


def test_without_guard_close_works(window: KioskWindow) -> None:
    assert window.close() is True
    assert not window.isVisible()


# --- staff exit: the gesture ----------------------------------------------------------------------


def test_holding_the_logo_requests_the_pin(qtbot: QtBot, window: KioskWindow) -> None:
    staff = StaffExit(PIN_HASH, hold_ms=150)
    staff.attach(window.logo)
    with qtbot.waitSignal(staff.requested, timeout=1000):
        qtbot.mousePress(window.logo, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(window.logo, Qt.MouseButton.LeftButton)


def test_a_short_press_or_a_slide_requests_nothing(qtbot: QtBot, window: KioskWindow) -> None:
    staff = StaffExit(PIN_HASH, hold_ms=150)
    staff.attach(window.logo)
    with qtbot.assertNotEmitted(staff.requested, wait=300):
        qtbot.mousePress(window.logo, Qt.MouseButton.LeftButton)
        qtbot.wait(50)
        qtbot.mouseRelease(window.logo, Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(staff.requested, wait=300):
        qtbot.mousePress(window.logo, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        qtbot.mouseMove(window.logo, QPoint(100, 70))
    qtbot.mouseRelease(window.logo, Qt.MouseButton.LeftButton)


def test_no_configured_hash_disables_the_gesture(qtbot: QtBot, window: KioskWindow) -> None:
    staff = StaffExit("", hold_ms=100)
    staff.attach(window.logo)
    assert not staff.enabled
    with qtbot.assertNotEmitted(staff.requested, wait=300):
        qtbot.mousePress(window.logo, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(window.logo, Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(staff.granted):
        assert staff.check("") is False
        assert staff.check(PIN) is False


# --- staff exit: the PIN and the lockout ---------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def staff(clock: FakeClock) -> StaffExit:
    return StaffExit(PIN_HASH, clock=clock)


def test_the_right_pin_grants(qtbot: QtBot, staff: StaffExit) -> None:
    with qtbot.waitSignal(staff.granted, timeout=100):
        assert staff.check(PIN) is True


def test_wrong_pins_lock_out_with_a_growing_wait(
    qtbot: QtBot, staff: StaffExit, clock: FakeClock
) -> None:
    denied: list[str] = []
    locked: list[int] = []
    granted: list[bool] = []
    staff.denied.connect(denied.append)
    staff.locked_out.connect(locked.append)
    staff.granted.connect(lambda: granted.append(True))

    assert staff.check("111111") is False
    assert staff.check("222222") is False
    assert denied == ["PIN incorrecto. Quedan 2 intentos.", "PIN incorrecto. Queda 1 intento."]
    assert staff.check("333333") is False
    assert locked == [30]
    assert staff.lockout_remaining() == 30

    clock.now += 10
    assert staff.check(PIN) is False  # even the right PIN waits
    assert locked == [30, 20]
    assert granted == []

    clock.now += 20
    assert staff.lockout_remaining() == 0
    for wrong in ("444444", "555555", "666666"):
        staff.check(wrong)
    assert locked[-1] == 60
    clock.now += 60
    for wrong in ("777777", "888888", "999999"):
        staff.check(wrong)
    assert locked[-1] == 120
    assert StaffExit.lockout_message(120) == "Demasiados intentos. Espere 120 segundos."

    clock.now += 120
    assert staff.check(PIN) is True
    assert granted == [True]
    for wrong in ("111111", "222222", "333333"):  # success starts over at 30 s
        staff.check(wrong)
    assert locked[-1] == 30


# --- the PIN overlay ------------------------------------------------------------------------------


@pytest.fixture
def pin_overlay(window: KioskWindow) -> PinOverlay:
    overlay = PinOverlay(window)
    overlay.show_over()
    return overlay


def _tap(qtbot: QtBot, overlay: PinOverlay, digits: str) -> None:
    for digit in digits:
        key = overlay.findChild(QPushButton, f"key.{digit}")
        assert key is not None
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)


def test_pin_overlay_types_masks_and_submits(qtbot: QtBot, pin_overlay: PinOverlay) -> None:
    assert pin_overlay.objectName() == "overlay.pin"
    assert pin_overlay.geometry() == pin_overlay.parentWidget().rect()
    _tap(qtbot, pin_overlay, "2468100")
    qtbot.mouseClick(pin_overlay.keys["backspace"], Qt.MouseButton.LeftButton)
    assert pin_overlay.digits == 6
    assert not any(char.isdigit() for char in pin_overlay.display.text())
    with qtbot.waitSignal(pin_overlay.submitted, timeout=100) as blocker:
        qtbot.mouseClick(pin_overlay.submit_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [PIN]
    assert pin_overlay.digits == 0  # handed over and wiped


def test_pin_overlay_refuses_a_short_pin(qtbot: QtBot, pin_overlay: PinOverlay) -> None:
    _tap(qtbot, pin_overlay, "123")
    with qtbot.assertNotEmitted(pin_overlay.submitted):
        qtbot.mouseClick(pin_overlay.submit_button, Qt.MouseButton.LeftButton)
    assert pin_overlay.error.isVisible()
    assert "6" in pin_overlay.error.text()


def test_pin_overlay_takes_a_physical_keyboard(qtbot: QtBot, pin_overlay: PinOverlay) -> None:
    qtbot.keyClicks(pin_overlay, PIN)
    with qtbot.waitSignal(pin_overlay.submitted, timeout=100) as blocker:
        QTest.keyClick(pin_overlay, Key.Key_Return)
    assert blocker.args == [PIN]


def test_pin_overlay_cancel_and_clear(qtbot: QtBot, pin_overlay: PinOverlay) -> None:
    _tap(qtbot, pin_overlay, "12")
    pin_overlay.show_error("PIN incorrecto.")
    assert pin_overlay.error.text() == "PIN incorrecto."
    pin_overlay.clear()
    assert pin_overlay.digits == 0
    _tap(qtbot, pin_overlay, "34")
    with qtbot.waitSignal(pin_overlay.cancelled, timeout=100):
        qtbot.mouseClick(pin_overlay.cancel_button, Qt.MouseButton.LeftButton)
    assert pin_overlay.digits == 0
    assert not pin_overlay.error.isVisible()


def test_gesture_pin_and_grant_wired_like_the_shell(qtbot: QtBot, window: KioskWindow) -> None:
    clock = FakeClock()
    staff = StaffExit(PIN_HASH, hold_ms=100, clock=clock)
    staff.attach(window.logo)
    overlay = PinOverlay(window)
    staff.requested.connect(overlay.show_over)
    overlay.submitted.connect(staff.check)
    staff.denied.connect(overlay.show_error)
    staff.locked_out.connect(lambda s: overlay.show_error(StaffExit.lockout_message(s)))

    with qtbot.waitSignal(staff.requested, timeout=1000):
        qtbot.mousePress(window.logo, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(window.logo, Qt.MouseButton.LeftButton)
    assert overlay.isVisible()
    for _ in range(3):
        _tap(qtbot, overlay, "135791")
        qtbot.mouseClick(overlay.submit_button, Qt.MouseButton.LeftButton)
    assert overlay.error.text() == "Demasiados intentos. Espere 30 segundos."
    clock.now += 30
    _tap(qtbot, overlay, PIN)
    with qtbot.waitSignal(staff.granted, timeout=500):
        qtbot.mouseClick(overlay.submit_button, Qt.MouseButton.LeftButton)
