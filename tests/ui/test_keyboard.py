"""The on-screen keyboard types into the focused field like a physical keyboard, never takes the
focus, and keeps touch-sized keys at 1280x800 in every mode."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, replace

import pytest
from PySide6.QtCore import QEvent, QObject, QRect, QRegularExpression, Qt
from PySide6.QtGui import QColor, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.ui import keyboard_layouts
from kiosk.ui.keyboard import OnScreenKeyboard, ShiftState
from kiosk.ui.keyboard_layouts import KeyboardMode

SCREEN = (1280, 800)
# UX.md: touch targets >= 64 px (the numeric keypad 96 px tall), 8 px apart, labels >= 22 px.
MIN_KEY_SIZE = 64
NUMERIC_KEY_HEIGHT = 96
KEY_SPACING = 8
MIN_FONT_PX = 22


@dataclass
class Host:
    window: QWidget
    edit: QLineEdit
    keyboard: OnScreenKeyboard


def _show_host(qtbot: QtBot, field: QWidget, keyboard: OnScreenKeyboard) -> QWidget:
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(field)
    layout.addStretch(1)
    layout.addWidget(keyboard)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    return window


@pytest.fixture
def host(qtbot: QtBot) -> Host:
    edit = QLineEdit()
    keyboard = OnScreenKeyboard()
    window = _show_host(qtbot, edit, keyboard)
    assert window.size().toTuple() == SCREEN
    return Host(window, edit, keyboard)


def key(keyboard: OnScreenKeyboard, name: str) -> QPushButton:
    button = keyboard.findChild(QPushButton, f"key.{name}")
    assert button is not None, f"no key.{name}"
    return button


def tap(qtbot: QtBot, keyboard: OnScreenKeyboard, *names: str) -> None:
    for name in names:
        button = key(keyboard, name)
        assert button.isVisible(), f"key.{name} is not on the page showing"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def visible_keys(keyboard: OnScreenKeyboard) -> list[QPushButton]:
    return [b for b in keyboard.findChildren(QPushButton) if b.isVisible()]


# --- typing -------------------------------------------------------------------------------------


def test_letters_and_accents_type_into_the_focused_field(qtbot: QtBot, host: Host) -> None:
    edited: list[str] = []
    host.edit.textEdited.connect(edited.append)
    tap(qtbot, host.keyboard, "h", "o", "l", "á")
    assert host.edit.text() == "holá"
    assert edited == ["h", "ho", "hol", "holá"]  # real key events, as from a physical keyboard


def test_enye_space_and_symbols_of_the_text_layout(qtbot: QtBot, host: Host) -> None:
    tap(qtbot, host.keyboard, "p", "e", "ñ", "a", "space", "o", "'", "-", ".", "ü")
    assert host.edit.text() == "peña o'-.ü"


def test_shift_is_one_shot(qtbot: QtBot, host: Host) -> None:
    keyboard = host.keyboard
    tap(qtbot, keyboard, "shift")
    assert keyboard.shift_state is ShiftState.ONCE
    assert key(keyboard, "shift").isChecked()
    assert key(keyboard, "a").text() == "A"  # labels follow shift, names do not
    tap(qtbot, keyboard, "a", "n", "a")
    assert host.edit.text() == "Ana"
    assert keyboard.shift_state is ShiftState.OFF
    assert not key(keyboard, "shift").isChecked()
    assert key(keyboard, "a").text() == "a"


def test_shift_upper_cases_accented_vowels_and_enye(qtbot: QtBot, host: Host) -> None:
    tap(qtbot, host.keyboard, "shift", "á", "shift", "ñ", "shift", "ü")
    assert host.edit.text() == "ÁÑÜ"


def test_shift_does_not_change_digits_or_wait_past_them(qtbot: QtBot, host: Host) -> None:
    tap(qtbot, host.keyboard, "shift", "1", "a", "b")
    assert host.edit.text() == "1Ab"


def test_double_tap_on_shift_locks_capitals_visibly(qtbot: QtBot, host: Host) -> None:
    keyboard = host.keyboard
    tap(qtbot, keyboard, "shift")
    once_label = key(keyboard, "shift").text()
    tap(qtbot, keyboard, "shift")
    shift = key(keyboard, "shift")
    assert keyboard.shift_state is ShiftState.LOCKED
    assert shift.isChecked()
    assert shift.text() != once_label
    assert shift.property("shiftState") == "locked"
    tap(qtbot, keyboard, "a", "n", "a", "space", "é")
    assert host.edit.text() == "ANA É"
    tap(qtbot, keyboard, "shift", "x")
    assert keyboard.shift_state is ShiftState.OFF
    assert host.edit.text() == "ANA Éx"


def test_a_slow_second_tap_on_shift_cancels_it(qtbot: QtBot) -> None:
    edit = QLineEdit()
    keyboard = OnScreenKeyboard(double_tap_ms=0)
    window = _show_host(qtbot, edit, keyboard)  # keep the reference or the window goes away
    tap(qtbot, keyboard, "shift", "shift")
    assert keyboard.shift_state is ShiftState.OFF
    tap(qtbot, keyboard, "a")
    assert edit.text() == "a"
    assert window.isVisible()


def test_backspace_deletes_before_the_cursor(qtbot: QtBot, host: Host) -> None:
    tap(qtbot, host.keyboard, "c", "a", "s", "a", "backspace", "backspace")
    assert host.edit.text() == "ca"


def test_backspace_repeats_while_held(qtbot: QtBot, host: Host) -> None:
    host.edit.setText("abcdefghijklmnop")
    backspace = key(host.keyboard, "backspace")
    assert backspace.autoRepeat()
    qtbot.mousePress(backspace, Qt.MouseButton.LeftButton)
    qtbot.wait(900)
    qtbot.mouseRelease(backspace, Qt.MouseButton.LeftButton)
    assert len(host.edit.text()) <= 16 - 3


def test_typing_inserts_at_the_cursor_and_replaces_the_selection(qtbot: QtBot, host: Host) -> None:
    host.edit.setText("hla")
    host.edit.setCursorPosition(1)
    tap(qtbot, host.keyboard, "o")
    assert host.edit.text() == "hola"
    assert host.edit.cursorPosition() == 2
    host.edit.setText("hola mundo")
    host.edit.setSelection(0, 4)
    tap(qtbot, host.keyboard, "c", "h", "a", "o")
    assert host.edit.text() == "chao mundo"


def test_the_fields_validator_sees_every_key(qtbot: QtBot, host: Host) -> None:
    host.edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,13}")))
    host.keyboard.set_mode(KeyboardMode.NUMERIC)
    tap(qtbot, host.keyboard, "1", "-", "2")
    assert host.edit.text() == "12"


class _KeyRecorder(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[QEvent.Type, int, str]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            assert isinstance(event, QKeyEvent)
            self.events.append((event.type(), event.key(), event.text()))
        return False


def test_keys_send_the_key_events_of_a_physical_keyboard(qtbot: QtBot, host: Host) -> None:
    recorder = _KeyRecorder()
    host.edit.installEventFilter(recorder)
    tap(qtbot, host.keyboard, "ñ", "shift", "á", "-", "backspace")
    press, release = QEvent.Type.KeyPress, QEvent.Type.KeyRelease
    assert recorder.events == [
        (press, Qt.Key.Key_Ntilde, "ñ"),
        (release, Qt.Key.Key_Ntilde, "ñ"),
        (press, Qt.Key.Key_Aacute, "Á"),
        (release, Qt.Key.Key_Aacute, "Á"),
        (press, Qt.Key.Key_Minus, "-"),
        (release, Qt.Key.Key_Minus, "-"),
        (press, Qt.Key.Key_Backspace, ""),
        (release, Qt.Key.Key_Backspace, ""),
    ]
    host.edit.removeEventFilter(recorder)


def test_typing_works_in_multi_line_editors(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    keyboard = OnScreenKeyboard()
    window = _show_host(qtbot, editor, keyboard)
    tap(qtbot, keyboard, "s", "í", "space", "ñ", "backspace", "n")
    assert editor.toPlainText() == "sí n"
    assert window.isVisible()


def test_a_physical_keyboard_still_types(qtbot: QtBot, host: Host) -> None:
    qtbot.keyClicks(host.edit, "xyz")
    tap(qtbot, host.keyboard, "a")
    qtbot.keyClicks(host.edit, "123")
    assert host.edit.text() == "xyza123"


def test_nothing_is_typed_when_no_field_has_focus(qtbot: QtBot, host: Host) -> None:
    host.edit.clearFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is None)
    with qtbot.waitSignal(host.keyboard.key_pressed, timeout=1000):
        tap(qtbot, host.keyboard, "a")
    assert host.edit.text() == ""


# --- focus and signals --------------------------------------------------------------------------


def test_no_part_of_the_keyboard_takes_focus(host: Host) -> None:
    assert host.keyboard.focusPolicy() == Qt.FocusPolicy.NoFocus
    buttons = host.keyboard.findChildren(QPushButton)
    assert len(buttons) > 60
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in buttons)
    assert [b.objectName() for b in buttons if b.autoRepeat()] == ["key.backspace"]


@pytest.mark.parametrize("mode", list(KeyboardMode))
def test_the_field_keeps_focus_after_every_tap(qtbot: QtBot, host: Host, mode: str) -> None:
    host.keyboard.set_mode(mode)
    for name in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "backspace"):
        tap(qtbot, host.keyboard, name)
        assert host.edit.hasFocus()
        assert QApplication.focusWidget() is host.edit
    assert host.edit.text() == "123456789"


def test_key_pressed_fires_once_per_tap(qtbot: QtBot, host: Host) -> None:
    taps: list[None] = []
    host.keyboard.key_pressed.connect(lambda: taps.append(None))
    for count, name in enumerate(["a", "shift", "backspace", "symbols", "#", "letters"], 1):
        with qtbot.waitSignal(host.keyboard.key_pressed, timeout=1000):
            tap(qtbot, host.keyboard, name)
        assert len(taps) == count, name


# --- modes and pages ----------------------------------------------------------------------------


def test_numeric_mode_is_a_keypad_of_digits(qtbot: QtBot, host: Host) -> None:
    host.keyboard.set_mode(KeyboardMode.NUMERIC)
    assert host.keyboard.page == "numeric"
    names = sorted(b.objectName() for b in visible_keys(host.keyboard))
    assert names == sorted([f"key.{d}" for d in "0123456789"] + ["key.backspace", "key.-"])
    tap(qtbot, host.keyboard, "2", "0", "2", "4", "-", "1")
    assert host.edit.text() == "2024-1"


def test_email_mode_types_whole_endings(qtbot: QtBot, host: Host) -> None:
    host.keyboard.set_mode(KeyboardMode.EMAIL)
    tap(qtbot, host.keyboard, "j", "u", "a", "n", ".", "p", "_", "1")
    edited: list[str] = []
    host.edit.textEdited.connect(edited.append)
    tap(qtbot, host.keyboard, "@gmail.com")
    assert host.edit.text() == "juan.p_1@gmail.com"
    assert len(edited) == len("@gmail.com")  # one key per character, like a barcode scanner
    host.edit.clear()
    tap(qtbot, host.keyboard, "a", "-", "b", "@", "o", "j", ".com", ".gt")
    assert host.edit.text() == "a-b@oj.com.gt"


def test_email_mode_has_the_endings_and_no_space_or_accents(host: Host) -> None:
    host.keyboard.set_mode(KeyboardMode.EMAIL)
    names = {b.objectName() for b in visible_keys(host.keyboard)}
    endings = {"@gmail.com", "@hotmail.com", "@yahoo.com", "@outlook.com", ".com", ".gt"}
    assert {f"key.{e}" for e in endings} | {"key.@", "key..", "key.-", "key._"} <= names
    assert not names & {"key.space", "key.ñ", "key.á", "key.é"}


def test_email_endings_pass_an_email_validator(qtbot: QtBot, host: Host) -> None:
    pattern = QRegularExpression(r"[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}")
    host.edit.setValidator(QRegularExpressionValidator(pattern))
    host.keyboard.set_mode(KeyboardMode.EMAIL)
    tap(qtbot, host.keyboard, "a", "n", "a", "@hotmail.com")
    assert host.edit.text() == "ana@hotmail.com"
    assert host.edit.hasAcceptableInput()


def test_email_mode_starts_in_lower_case(qtbot: QtBot, host: Host) -> None:
    tap(qtbot, host.keyboard, "shift", "shift")
    assert host.keyboard.shift_state is ShiftState.LOCKED
    host.keyboard.set_mode(KeyboardMode.EMAIL)
    assert host.keyboard.shift_state is ShiftState.OFF
    assert key(host.keyboard, "a").text() == "a"
    tap(qtbot, host.keyboard, "a", "@yahoo.com")
    assert host.edit.text() == "a@yahoo.com"


@pytest.mark.parametrize(
    ("mode", "symbol_keys", "typed"),
    [(KeyboardMode.TEXT, ("#", "&", "(", ")", "/"), "#&()/"), (KeyboardMode.EMAIL, ("+",), "+")],
)
def test_the_symbols_page_and_back(
    qtbot: QtBot, host: Host, mode: str, symbol_keys: tuple[str, ...], typed: str
) -> None:
    keyboard = host.keyboard
    keyboard.set_mode(mode)
    tap(qtbot, keyboard, "symbols")
    assert keyboard.page == f"{mode}_symbols"
    assert not key(keyboard, "a").isVisible()
    tap(qtbot, keyboard, *symbol_keys)
    assert host.edit.text() == typed
    tap(qtbot, keyboard, "letters", "a")
    assert keyboard.page == mode
    assert host.edit.text() == typed + "a"


def _has_label_pixels(button: QPushButton) -> bool:
    image = button.grab().toImage()
    return any(
        _luminance(image.pixelColor(x, y)) > 0.8
        for x in range(image.width())
        for y in range(image.height() // 4, image.height() * 3 // 4)
    )


def test_the_ampersand_key_shows_an_ampersand(qtbot: QtBot, host: Host) -> None:
    tap(qtbot, host.keyboard, "symbols")
    assert _has_label_pixels(key(host.keyboard, "#"))
    assert _has_label_pixels(key(host.keyboard, "&"))  # not swallowed as a mnemonic marker


def test_switching_modes_keeps_the_typed_text(qtbot: QtBot, host: Host) -> None:
    tap(qtbot, host.keyboard, "a", "b")
    host.keyboard.set_mode(KeyboardMode.EMAIL)
    tap(qtbot, host.keyboard, "c")
    host.keyboard.set_mode(KeyboardMode.NUMERIC)
    tap(qtbot, host.keyboard, "1")
    host.keyboard.set_mode(KeyboardMode.TEXT)
    tap(qtbot, host.keyboard, "á")
    assert host.edit.text() == "abc1á"
    assert host.edit.hasFocus()


def test_switching_modes_is_cheap(host: Host) -> None:
    durations = []
    for mode in [KeyboardMode.NUMERIC, KeyboardMode.EMAIL, KeyboardMode.TEXT] * 10:
        start = time.perf_counter()
        host.keyboard.set_mode(mode)
        durations.append(time.perf_counter() - start)
    assert statistics.median(durations) < 0.004
    assert max(durations) < 0.016


def test_object_names_are_stable(host: Host) -> None:
    keyboard = host.keyboard
    assert keyboard.objectName() == "keyboard"
    for name in ("a", "ñ", "á", "ü", "@", "@gmail.com", "1", "shift", "backspace", "space"):
        assert keyboard.button(name) is key(keyboard, name)
    for name in ("symbols", "letters", ".com", "-", "_", "'"):
        key(keyboard, name)
    tap_names = {b.objectName() for b in keyboard.findChildren(QPushButton)}
    assert len(tap_names) == len(keyboard.findChildren(QPushButton))  # one button per name


# --- sizes and looks ----------------------------------------------------------------------------

PAGES = [
    (KeyboardMode.TEXT, False),
    (KeyboardMode.TEXT, True),
    (KeyboardMode.EMAIL, False),
    (KeyboardMode.EMAIL, True),
    (KeyboardMode.NUMERIC, False),
]


@pytest.mark.parametrize(("mode", "symbols"), PAGES)
def test_keys_are_touch_sized_and_labels_fit(
    qtbot: QtBot, host: Host, mode: KeyboardMode, symbols: bool
) -> None:
    keyboard = host.keyboard
    keyboard.set_mode(mode)
    if symbols:
        tap(qtbot, keyboard, "symbols")
    qtbot.waitUntil(lambda: keyboard.height() == keyboard.sizeHint().height())
    min_height = NUMERIC_KEY_HEIGHT if mode is KeyboardMode.NUMERIC else MIN_KEY_SIZE
    buttons = visible_keys(keyboard)
    assert len(buttons) >= 12
    for button in buttons:
        name = button.objectName()
        assert button.width() >= MIN_KEY_SIZE, name
        assert button.height() >= min_height, name
        assert keyboard.rect().contains(button.geometry()), name
        assert button.font().pixelSize() >= MIN_FONT_PX, name
        label_width = button.fontMetrics().horizontalAdvance(button.text().replace("&&", "&"))
        assert label_width <= button.width() - 10, f"{name} label clipped"
    rects = [b.geometry() for b in buttons]
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert _gap(a, b) >= KEY_SPACING, (a, b)


def _gap(a: QRect, b: QRect) -> int:
    dx = max(b.left() - a.right() - 1, a.left() - b.right() - 1)
    dy = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1)
    return max(dx, dy)


def test_caps_lock_labels_still_fit(qtbot: QtBot, host: Host) -> None:
    tap(qtbot, host.keyboard, "shift", "shift")
    shift = key(host.keyboard, "shift")
    qtbot.waitUntil(lambda: shift.property("shiftState") == "locked")
    assert shift.fontMetrics().horizontalAdvance(shift.text()) <= shift.width() - 10


def test_docked_heights_at_1280x800(host: Host) -> None:
    keyboard = host.keyboard
    heights = {}
    for mode in KeyboardMode:
        keyboard.set_mode(mode)
        QApplication.processEvents()
        heights[mode] = keyboard.height()
        assert keyboard.width() == SCREEN[0]
    # Five rows of 64 px keys 8 px apart: about 45 % of the height, the least that keeps 64 px.
    assert heights[KeyboardMode.TEXT] <= 0.46 * SCREEN[1]
    assert heights[KeyboardMode.EMAIL] == heights[KeyboardMode.TEXT]
    assert heights[KeyboardMode.NUMERIC] <= 0.55 * SCREEN[1]


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def _contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", ["a", "backspace", "@gmail.com"])
def test_rendered_labels_have_enough_contrast(qtbot: QtBot, host: Host, name: str) -> None:
    if name.startswith("@"):
        host.keyboard.set_mode(KeyboardMode.EMAIL)
    button = key(host.keyboard, name)
    image = button.grab().toImage()
    key_color = image.pixelColor(image.width() // 2, 6)
    colors = [
        image.pixelColor(x, y)
        for x in range(0, image.width(), 2)
        for y in range(image.height() // 4, image.height() * 3 // 4)
    ]
    label_color = max(colors, key=_luminance)
    assert _contrast(label_color, key_color) >= 4.5
    tray = host.keyboard.grab(QRect(0, 1, 4, 4)).toImage().pixelColor(1, 1)
    assert _contrast(key_color, tray) >= 3.0  # the key stands out from the tray


def test_a_pressed_key_looks_pressed(host: Host) -> None:
    button = key(host.keyboard, "a")
    released = button.grab().toImage().pixelColor(button.width() // 2, 6)
    button.setDown(True)
    pressed = button.grab().toImage().pixelColor(button.width() // 2, 6)
    button.setDown(False)
    assert pressed != released
    assert host.edit.text() == ""


# --- layouts as data ----------------------------------------------------------------------------


def test_text_layout_has_the_spanish_keys() -> None:
    text = {k.name for k in keyboard_layouts.TEXT_PAGE.key_specs()}
    assert set("1234567890qwertyuiopasdfghjklñzxcvbnmáéíóúü'-.") <= text
    assert {"shift", "backspace", "space", "symbols"} <= text
    symbols = {k.name for k in keyboard_layouts.TEXT_SYMBOLS_PAGE.key_specs()}
    assert set("1234567890-_.,'@/()#&") <= symbols


def test_layout_check_rejects_a_repeated_key(monkeypatch: pytest.MonkeyPatch) -> None:
    page = keyboard_layouts.NUMERIC_PAGE
    broken = replace(page, rows=(*page.rows, page.rows[0]))
    monkeypatch.setitem(keyboard_layouts.PAGES, "numeric", broken)
    with pytest.raises(ValueError, match="repeats keys"):
        keyboard_layouts.check_layouts()
