"""The shell: the one window every service lives in. It only frames and navigates: a header (the
OJ, language, accessibility), the current screen, the Atrás/Continuar bar, the docked on-screen
keyboard, a footer that always offers "Inicio" and "Terminar y borrar mis datos", and in-window
overlays. What a screen does is the screen's business; where the visitor goes is the shell's."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import i18n
from kiosk.i18n import tr
from kiosk.ui.footer import Footer
from kiosk.ui.keyboard import KeyboardMode, OnScreenKeyboard
from kiosk.ui.screens.base import Screen, label
from kiosk.ui.wrap_button import WrapButton

log = logging.getLogger(__name__)


class ShellWindow(QWidget):
    home_requested = Signal()
    finish_requested = Signal()  # "Terminar y borrar mis datos"
    continue_requested = Signal()
    back_requested = Signal()
    help_requested = Signal()  # «Llamar a un empleado» (shown where someone answers it)
    accessibility_changed = Signal(bool, bool)  # large text, high contrast
    language_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("shell")
        self.setWindowTitle("Organismo Judicial: Servicios Electrónicos")
        self.large_text = False
        self.high_contrast = False
        self.current_screen: Screen | None = None
        #: the on-screen keyboard shows itself under a focused field (off at a desk, which has
        #: a real keyboard and shows it only when asked)
        self.auto_keyboard = True
        #: a desk's keys, shown on the bar's buttons: {"home": "F2", "back": "Esc", ...}
        self.key_hints: dict[str, str] = {}

        self.header = self._build_header()
        self.stack = QStackedWidget()
        self.stack.setObjectName("stack")
        self.content = QScrollArea()
        self.content.setObjectName("content")
        self.content.setWidgetResizable(True)
        self.content.setFrameShape(QFrame.Shape.NoFrame)
        self.content.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Large text on 1280x800 with the keyboard docked and the bar on two rows leaves ~160 px:
        # enough for the focused field, which the shell scrolls into view. The window must never
        # grow past the screen for the sake of the scroll area's own default minimum.
        self.content.setMinimumHeight(120)
        page = QWidget()
        page.setObjectName("page")
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(40, 24, 40, 24)
        page_layout.addWidget(self.stack)
        self.content.setWidget(page)
        # A finger drags the page like on a phone. Touch only: a mouse-gesture scroller delays
        # presses and swallows quick clicks on a scrolled page (and the desk's mouse has a wheel).
        QScroller.grabGesture(self.content.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.keyboard = OnScreenKeyboard()
        self.keyboard.setObjectName("keyboard")
        self.keyboard.hide()
        self.footer = self._build_footer()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        self._below_header = 1  # where add_below_header puts the next bar
        layout.addWidget(self.content, 1)
        layout.addWidget(self.keyboard)  # docked: the content above shrinks, never covered
        layout.addWidget(self.footer)

        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    # --- frame ----------------------------------------------------------------------------

    def _build_header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        header.setProperty("kind", "header")
        row = QHBoxLayout(header)
        row.setContentsMargins(24, 8, 24, 8)
        row.setSpacing(12)
        brand = QVBoxLayout()
        brand.setSpacing(0)
        # The name wraps rather than squeezing the buttons beside it (longer translations).
        self.logo = label("Organismo Judicial", "brand", "label.brand")
        self.title = label("Servicios Electrónicos", "brand-sub", "label.title")
        for part in (self.logo, self.title):
            part.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            brand.addWidget(part)
        row.addLayout(brand, 1)
        self.call_staff_button = _header_button("Llamar a un empleado", "action.call_staff")
        self.call_staff_button.clicked.connect(self.help_requested.emit)
        self.call_staff_button.hide()  # a public kiosk's (kiosk.ui.help_call) shows it
        row.addWidget(self.call_staff_button)
        # One button switches to the other language, named in that language (as on GOV.UK).
        self.language_button = _header_button("English", "action.language")
        self.language_button.clicked.connect(self._toggle_language)
        self.large_button = _header_button("Letra grande", "action.large_text")
        self.large_button.setCheckable(True)
        self.large_button.clicked.connect(self._toggle_large)
        self.contrast_button = _header_button("Alto contraste", "action.high_contrast")
        self.contrast_button.setCheckable(True)
        self.contrast_button.clicked.connect(self._toggle_contrast)
        for widget in (self.language_button, self.large_button, self.contrast_button):
            row.addWidget(widget)
        self._sync_language_button()
        return header

    def _toggle_language(self) -> None:
        other = "en" if i18n.current_language() == "es" else "es"
        self.language_changed.emit(other)

    def _sync_language_button(self) -> None:
        other = "en" if i18n.current_language() == "es" else "es"
        self.language_button.set_words(i18n.LANGUAGES[other])

    def _build_footer(self) -> Footer:
        """One bar at the bottom (kiosk.ui.footer), not two, so that the docked keyboard leaves
        room for the field being typed in."""
        footer = Footer()
        self.home_button = footer.home_button
        self.finish_button = footer.finish_button
        self.back_button = footer.back_button
        self.continue_button = footer.continue_button
        self.home_button.clicked.connect(self.home_requested.emit)
        self.finish_button.clicked.connect(self.finish_requested.emit)
        self.back_button.clicked.connect(self.back_requested.emit)
        self.continue_button.clicked.connect(self.continue_requested.emit)
        return footer

    def add_below_header(self, bar: QWidget) -> None:
        """A bar of a mode's own (the desk's) between the header and the content."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(self._below_header, bar)
        self._below_header += 1

    def _words(self, text: str, key: str) -> str:
        """Translated words, with the key that does the same when the mode shows keys."""
        hint = self.key_hints.get(key)
        return f"{tr(text)} ({tr(hint)})" if hint else tr(text)

    # --- navigation (the shell's alone) ----------------------------------------------------

    def show_screen(self, screen: Screen) -> None:
        old = self.current_screen
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        self.current_screen = screen
        if old is not None and old is not screen:
            # Out of the stack's layout even when kept (home): a stack is as tall as its
            # tallest page, and the kept home screen made every short screen scroll into blank
            # space. A removed page stays the stack's child, hidden, ready to be shown again.
            self.stack.removeWidget(old)
            if not old.property("persistent"):
                old.deleteLater()
        self.content.verticalScrollBar().setValue(0)
        screen.focus_first()
        self._on_focus_changed(None, QApplication.focusWidget())

    def forget_screen(self, screen: Screen) -> None:
        """Drop a kept (persistent) screen, e.g. home after a language or theme change."""
        if screen is not self.current_screen:
            self.stack.removeWidget(screen)
        screen.setProperty("persistent", False)
        screen.deleteLater()

    def set_nav(self, *, back: bool, primary: str | None) -> None:
        """The Atrás/Continuar bar: same place on every screen; hidden where it means nothing."""
        self.back_button.setVisible(back)
        self.continue_button.setVisible(primary is not None)
        if primary is not None:
            hint = self.key_hints.get("continue")
            self.continue_button.setText(f"{primary} ({tr(hint)})" if hint else primary)

    def set_busy(self, busy: bool) -> None:
        self.back_button.setEnabled(not busy)
        self.continue_button.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    # --- keyboard docking ------------------------------------------------------------------

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QLineEdit) and self.isAncestorOf(new) and self.auto_keyboard:
            mode = {"numeric": KeyboardMode.NUMERIC, "email": KeyboardMode.EMAIL}.get(
                str(new.property("keypad") or "text"), KeyboardMode.TEXT
            )
            self.keyboard.set_mode(mode)
            self.keyboard.show()
            self.title.hide()  # the docked keyboard leaves the header little room
            # once the layout has made room for the keyboard, bring the field into view
            QTimer.singleShot(0, lambda: self._reveal(new))
        elif not isinstance(new, QLineEdit) and (
            new is None or not self.keyboard.isAncestorOf(new)
        ):
            self.keyboard.hide()
            self.title.show()

    def _reveal(self, field: QWidget) -> None:
        if field.isVisible() and self.isAncestorOf(field):
            self.content.ensureWidgetVisible(field, 0, 24)

    # --- accessibility and language --------------------------------------------------------

    def _toggle_large(self) -> None:
        self.large_text = self.large_button.isChecked()
        self.accessibility_changed.emit(self.large_text, self.high_contrast)

    def _toggle_contrast(self) -> None:
        self.high_contrast = self.contrast_button.isChecked()
        self.accessibility_changed.emit(self.large_text, self.high_contrast)

    def retranslate(self) -> None:
        self._sync_language_button()
        self.logo.setText(tr("Organismo Judicial"))
        self.title.setText(tr("Servicios Electrónicos"))
        self.large_button.set_words(tr("Letra grande"))
        self.contrast_button.set_words(tr("Alto contraste"))
        self.call_staff_button.set_words(tr("Llamar a un empleado"))
        self.back_button.setText(self._words("Atrás", "back"))
        self.home_button.setText(self._words("Inicio", "home"))
        self.finish_button.setText(tr("Terminar y borrar mis datos"))

    def reset_accessibility(self) -> None:
        """A new visitor starts with the standard look (the last one's choices are theirs)."""
        self.large_button.setChecked(False)
        self.contrast_button.setChecked(False)
        if self.large_text or self.high_contrast:
            self.large_text = self.high_contrast = False
            self.accessibility_changed.emit(False, False)


def _header_button(text: str, name: str) -> WrapButton:
    """A header button: its words wrap onto two lines before the row runs out of room (large
    text with a longer translation), never cut."""
    widget = WrapButton(tr(text))
    widget.setProperty("role", "secondary")
    widget.setObjectName(name)
    widget.setMinimumHeight(64)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return widget


def clear_clipboard() -> None:
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.clear()
