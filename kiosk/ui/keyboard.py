"""The kiosk's own on-screen keyboard (Qt Virtual Keyboard is GPLv3, needs Qt Quick and does not
run offscreen).

A dumb widget: it knows nothing of screens, sessions or the portal. It types into whatever widget
has the keyboard focus by sending that widget real `QKeyEvent`s (press + release, one per
character), so validators, the cursor, the selection and `textEdited` behave as with a physical
keyboard, which keeps working too: the keyboard installs no event filters and never takes the focus
(every part of it is `Qt.NoFocus`).

There is one `QPushButton` per key name over all layouts (`key.a`, `key.1`, `key.backspace` ...); a
page is a placement of some of them. Switching mode or page hides and moves buttons (well under a
millisecond) instead of rebuilding, and `findChild(QPushButton, "key.1")` always finds the one `1`.
Positions are computed here (not by a QLayout) so every row fills the same width and rows stay even.
"""

from __future__ import annotations

import time
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QEvent, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QPushButton, QSizePolicy, QWidget

from kiosk.ui.keyboard_layouts import (
    KEY_SPACING,
    MIN_KEY_SIZE,
    MODE_PAGES,
    PAGES,
    SHIFT_LOCKED_LABEL,
    Action,
    KeyboardMode,
    KeySpec,
    Page,
    all_keys,
)

__all__ = ["KEYBOARD_QSS", "KeyboardMode", "OnScreenKeyboard", "ShiftState"]

DOUBLE_TAP_MS = 600  # a second tap on shift within this time locks the capitals
HEIGHT_SHARE = 0.40  # preferred share of the screen height (keys never go below their minimum)
LABEL_PADDING = 16  # px of key around its label (border + padding)
PREFERRED_WIDTH = 1280  # the docking layout stretches the keyboard; pages cap their own width

# Dark keys on a light tray. White on #1f2d3d is 13.9:1, on #3e4c5e 8.9:1, on #0b5cad 6.6:1; the
# keys stand out from the tray (#dfe4ea) at 11:1. The shell's theme may pass its own sheet instead.
KEYBOARD_QSS = """
#keyboard { background: #dfe4ea; }
#keyboard QPushButton {
    background: #1f2d3d; color: #ffffff; border: 3px solid #1f2d3d; border-radius: 8px;
    font-size: 26px; padding: 0px 4px; min-width: 0px; min-height: 0px;
}
#keyboard QPushButton[kind="action"] {
    background: #3e4c5e; border-color: #3e4c5e; font-size: 22px;
}
#keyboard QPushButton[kind="ending"] { font-size: 22px; }
#keyboard QPushButton[large="true"] { font-size: 40px; }
#keyboard QPushButton[kind="action"][large="true"] { font-size: 30px; }
#keyboard QPushButton:checked { background: #0b5cad; border-color: #0b5cad; }
#keyboard QPushButton[shiftState="locked"] {
    background: #0b5cad; border: 5px solid #ffd24d; font-weight: bold;
}
#keyboard QPushButton:pressed { background: #0b5cad; border-color: #ffd24d; }
"""

_ACCESSIBLE_NAMES = {
    Action.SHIFT: "Mayúsculas",
    Action.BACKSPACE: "Borrar",
    Action.SPACE: "Espacio",
    Action.SYMBOLS: "Números y símbolos",
    Action.LETTERS: "Letras",
}


class ShiftState(StrEnum):
    OFF = "off"
    ONCE = "once"  # the next letter is a capital, then back to OFF
    LOCKED = "locked"  # caps lock, after a double tap


def _key_code(char: str) -> int:
    """The Qt key code a physical keyboard would send with `char`."""
    upper = char.upper()
    if len(upper) == 1 and 0x20 <= ord(upper) <= 0xFF:
        return ord(upper)  # Qt::Key_A.. Key_Ntilde, Key_Aacute, Key_At ... are Latin-1 code points
    return int(Qt.Key.Key_unknown.value)


def _set_text(button: QPushButton, label: str) -> None:
    text = label.replace("&", "&&")  # a lone & would be a mnemonic, not a label
    if button.text() != text:
        button.setText(text)


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class OnScreenKeyboard(QWidget):
    """A docked touch keyboard: TEXT (Spanish), EMAIL and NUMERIC modes.

    `key_pressed` fires on every tap (also shift, 123/ABC and each backspace repeat) so the shell
    can reset its idle timer.
    """

    key_pressed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        mode: KeyboardMode | str = KeyboardMode.TEXT,
        style_sheet: str | None = KEYBOARD_QSS,
        double_tap_ms: int = DOUBLE_TAP_MS,
    ) -> None:
        super().__init__(parent)
        self._min_hints: dict[KeyboardMode, QSize] = {}
        self.setObjectName("keyboard")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if style_sheet:
            self.setStyleSheet(style_sheet)
        self.double_tap_ms = double_tap_ms
        self._specs = all_keys()
        self._buttons: dict[str, QPushButton] = {
            name: self._make_button(spec) for name, spec in self._specs.items()
        }
        self._shift = ShiftState.OFF
        self._shift_tapped_at = 0.0
        self._mode = KeyboardMode(mode)
        self._page = PAGES[MODE_PAGES[self._mode][0]]
        self._show_page(self._page)

    # --- public API ------------------------------------------------------------------------------

    @property
    def mode(self) -> KeyboardMode:
        return self._mode

    @property
    def page(self) -> str:
        """Name of the page showing: text, text_symbols, email, email_symbols or numeric."""
        return self._page.name

    @property
    def shift_state(self) -> ShiftState:
        return self._shift

    def set_mode(self, mode: KeyboardMode | str) -> None:
        """Show the letters page of `mode` with shift off (emails start in lower case too)."""
        self._mode = KeyboardMode(mode)
        self._set_shift(ShiftState.OFF)
        self._show_page(PAGES[MODE_PAGES[self._mode][0]])
        self.updateGeometry()

    def button(self, name: str) -> QPushButton:
        """The key `key.<name>` (the same object `findChild(QPushButton, "key.<name>")` returns)."""
        return self._buttons[name]

    # --- sizes -----------------------------------------------------------------------------------

    def _mode_pages(self) -> list[Page]:
        return [PAGES[name] for name in MODE_PAGES[self._mode] if name is not None]

    def _height_for(self, key_height: int) -> int:
        rows = max(len(page.rows) for page in self._mode_pages())
        return rows * key_height + (rows - 1) * KEY_SPACING + 2 * KEY_SPACING

    def _row_min_width(self, row: tuple[KeySpec, ...]) -> int:
        units = sum(key.width for key in row)
        pitch = 0.0  # px per width unit (key + its share of spacing)
        for key in row:
            if key.is_gap:
                continue
            button = self._buttons[key.name]
            button.ensurePolished()
            labels = [key.label.upper() if key.cased else key.label]
            if key.action is Action.SHIFT:
                labels.append(SHIFT_LOCKED_LABEL)
            metrics = button.fontMetrics()
            label_width = max(metrics.horizontalAdvance(label) for label in labels)
            needed = max(MIN_KEY_SIZE, label_width + LABEL_PADDING)
            pitch = max(pitch, (needed + KEY_SPACING) / key.width)
        return int(units * pitch - KEY_SPACING + 0.999)

    def minimumSizeHint(self) -> QSize:
        # Cached: layouts ask often and measuring labels polishes buttons.
        cached = self._min_hints.get(self._mode)
        if cached is None:
            pages = self._mode_pages()
            width = max(self._row_min_width(row) for page in pages for row in page.rows)
            cached = QSize(width + 2 * KEY_SPACING, self._height_for(pages[0].min_key_height))
            self._min_hints[self._mode] = cached
        return QSize(cached)

    def sizeHint(self) -> QSize:
        pages = self._mode_pages()
        minimum = self.minimumSizeHint()
        rows = max(len(page.rows) for page in pages)
        smallest = pages[0].min_key_height
        screen = self.screen()
        available = screen.availableGeometry().height() if screen is not None else 800
        budget = available * HEIGHT_SHARE - 2 * KEY_SPACING - (rows - 1) * KEY_SPACING
        key_height = max(smallest, min(int(budget / rows), smallest + 16))
        widest = max(page.max_width for page in pages) + 2 * KEY_SPACING
        width = max(minimum.width(), min(widest, PREFERRED_WIDTH))
        return QSize(width, self._height_for(key_height))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._min_hints.clear()  # the theme may have changed the key fonts
        super().changeEvent(event)

    # --- building and placing --------------------------------------------------------------------

    def _make_button(self, spec: KeySpec) -> QPushButton:
        button = QPushButton(self)
        _set_text(button, spec.label)
        button.setObjectName(f"key.{spec.name}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)
        if spec.action is None:
            kind = "ending" if len(spec.text) > 1 else "char"
        else:
            kind = "char" if spec.action is Action.SPACE else "action"
        button.setProperty("kind", kind)
        button.setProperty("large", False)
        accessible = _ACCESSIBLE_NAMES[spec.action] if spec.action is not None else spec.label
        button.setAccessibleName(accessible)
        if spec.action is Action.BACKSPACE:
            button.setAutoRepeat(True)
            button.setAutoRepeatDelay(400)
            button.setAutoRepeatInterval(90)
        if spec.action is Action.SHIFT:
            button.setCheckable(True)
            button.setProperty("shiftState", ShiftState.OFF.value)
        button.clicked.connect(self._on_clicked)
        button.hide()
        return button

    def _show_page(self, page: Page) -> None:
        on_page = {key.name for key in page.key_specs()}
        for name, button in self._buttons.items():
            if name not in on_page and not button.isHidden():
                button.hide()
        self._page = page
        for name in on_page:
            button = self._buttons[name]
            if button.property("large") != page.large:
                button.setProperty("large", page.large)
                _repolish(button)
        self._place_keys()
        for name in on_page:
            if self._buttons[name].isHidden():
                self._buttons[name].show()

    def _place_keys(self) -> None:
        page = self._page
        width = min(self.width() - 2 * KEY_SPACING, page.max_width)
        left = (self.width() - width) / 2
        rows = len(page.rows)
        pitch_y = (self.height() - 2 * KEY_SPACING + KEY_SPACING) / rows
        for r, row in enumerate(page.rows):
            top = round(KEY_SPACING + r * pitch_y)
            bottom = round(KEY_SPACING + (r + 1) * pitch_y - KEY_SPACING)
            pitch_x = (width + KEY_SPACING) / sum(key.width for key in row)
            units = 0.0
            for key in row:
                x0 = round(left + units * pitch_x)
                units += key.width
                x1 = round(left + units * pitch_x - KEY_SPACING)
                if not key.is_gap:
                    button = self._buttons[key.name]
                    rect = QRect(x0, top, x1 - x0, bottom - top)
                    if button.geometry() != rect:
                        button.setGeometry(rect)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_keys()

    # --- keys ------------------------------------------------------------------------------------

    @Slot()
    def _on_clicked(self) -> None:
        sender = self.sender()
        if not isinstance(sender, QPushButton):
            return
        spec = self._specs[sender.objectName().removeprefix("key.")]
        self.key_pressed.emit()
        if spec.action is Action.SHIFT:
            self._tap_shift()
        elif spec.action is Action.BACKSPACE:
            self._send(int(Qt.Key.Key_Backspace.value), "")
        elif spec.action is Action.SYMBOLS:
            symbols = MODE_PAGES[self._mode][1]
            if symbols is not None:
                self._show_page(PAGES[symbols])
        elif spec.action is Action.LETTERS:
            self._show_page(PAGES[MODE_PAGES[self._mode][0]])
        elif spec.cased and self._shift is not ShiftState.OFF:
            self._type(spec.text.upper())
            if self._shift is ShiftState.ONCE:
                self._set_shift(ShiftState.OFF)
        else:
            self._type(spec.text)

    def _tap_shift(self) -> None:
        now = time.monotonic()
        if self._shift is ShiftState.OFF:
            self._shift_tapped_at = now
            self._set_shift(ShiftState.ONCE)
        elif self._shift is ShiftState.ONCE and (now - self._shift_tapped_at) * 1000 <= (
            self.double_tap_ms
        ):
            self._set_shift(ShiftState.LOCKED)
        else:
            self._set_shift(ShiftState.OFF)

    def _set_shift(self, state: ShiftState) -> None:
        self._shift = state
        shift = self._buttons[Action.SHIFT.value]
        if shift.isChecked() != (state is not ShiftState.OFF):
            shift.setChecked(state is not ShiftState.OFF)
        locked = state is ShiftState.LOCKED
        _set_text(shift, SHIFT_LOCKED_LABEL if locked else self._specs[Action.SHIFT.value].label)
        if shift.property("shiftState") != state.value:
            shift.setProperty("shiftState", state.value)
            _repolish(shift)
        upper = state is not ShiftState.OFF
        for name, spec in self._specs.items():
            if spec.cased:
                _set_text(self._buttons[name], spec.label.upper() if upper else spec.label)

    def _type(self, text: str) -> None:
        # One event per character, like a physical keyboard or a barcode scanner: validators see
        # every intermediate text and widgets that handle keys one by one keep working.
        for char in text:
            self._send(_key_code(char), char)

    def _send(self, key: int, text: str) -> None:
        target = QApplication.focusWidget()
        if target is None:
            # The window can lose activation (a compositor hiccup) while its field keeps the focus.
            target = self.window().focusWidget()
        if target is None or not target.isVisible() or not target.isEnabled():
            return
        if target is self or self.isAncestorOf(target):
            return
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
            QCoreApplication.sendEvent(target, event)
