"""The one screen contract (ARCHITECTURE.md rule 3).

A screen exposes ``valid``, ``busy`` and ``error``, emits ``changed`` when any of them may have
changed, writes what the visitor entered back with ``apply()``, puts the focus where the visitor
starts with ``focus_first()``, and forgets everything typed with ``clear()`` (session reset).
Only the shell decides navigation, spinners and overlays; screens only emit intents.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.i18n import tr


class Screen(QWidget):
    changed = Signal()
    #: the screen asks the shell to go somewhere ("home", a service id, ...)
    navigate = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"screen.{name}")
        # screens without inputs take the focus themselves, so it never lingers on a header button
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._busy = False
        self._error: str | None = None

    @property
    def valid(self) -> bool:
        return True

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def error(self) -> str | None:
        return self._error

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.setEnabled(not busy)
        self.changed.emit()

    def set_error(self, message: str | None) -> None:
        self._error = message
        self.changed.emit()

    def apply(self) -> None:
        """Write the visitor's input back to whoever owns the answers (nothing by default)."""

    def focus_first(self) -> None:
        """Focus the first thing to fill in; screens without inputs keep focus off text fields."""
        self.setFocus()

    def clear(self) -> None:
        """Forget everything typed (the session's reset calls it)."""

    def retranslate(self) -> None:
        """Re-read every visible text after a language switch."""


def label(text: str, kind: str, name: str | None = None, *, wrap: bool = True) -> QLabel:
    """A QLabel styled by the theme through its ``kind`` (heading, body, hint, error, code...)."""
    widget = QLabel(tr(text) if text else "")
    widget.setProperty("kind", kind)
    widget.setWordWrap(wrap)
    if name:
        widget.setObjectName(name)
    return widget


def button(text: str, role: str, name: str) -> QPushButton:
    """A touch button styled by the theme through its ``role`` (primary, secondary, tile, ...)."""
    widget = QPushButton(tr(text))
    widget.setProperty("role", role)
    widget.setObjectName(name)
    widget.setMinimumHeight(64)
    return widget


def set_kind(widget: QLabel, kind: str, text: str) -> None:
    """New words and a new look (error, success, ...) for a status line, shown at once."""
    widget.setText(text)
    widget.setProperty("kind", kind)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.show()
