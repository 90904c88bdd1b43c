"""The one screen contract (ARCHITECTURE.md rule 3).

A screen emits what the visitor wants as ``navigate(Intent, argument)`` and never navigates
itself; the controller of its service decides. ``focus_first()`` puts the focus where the
visitor starts (the shell calls it on show) and ``clear()`` forgets everything typed (the
session's reset). Only the shell decides navigation, spinners and overlays.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.i18n import tr
from kiosk.text import Shown


class Intent(Enum):
    """What a visitor asks of a screen; the argument says which (a field, a service, a row)."""

    OPEN = "open"  # home: a service (argument: its id)
    LOG_OUT = "log_out"  # home: end the portal log-in a visitor left open (and the visit)
    HOME = "home"
    CONTINUE = "continue"  # Enter on the last field: as "Continuar"
    ALTERNATIVE = "alternative"  # the question's other way (build the number step by step)
    CHANGE = "change"  # review: ask that answer again (argument: the field id)
    RETRY = "retry"  # a failed operation, again
    REPRINT = "reprint"  # the document of this step, again
    MORE = "more"  # results: the next page
    SELECT = "select"  # results: one row (argument: its id)
    CHECK_CODE = "check_code"  # verification: the typed code
    OPEN_FILE = "open_file"  # verification at a desk: an image or a PDF
    PRINT = "print"  # a receipt, a record (argument: the sections picked, or "" for all)
    LEAD = "lead"  # a record: go on in another service (argument: the lead's id)
    AGAIN = "again"  # verification: another document


class Screen(QWidget):
    #: the visitor's intent and its argument ("" when it needs none)
    navigate = Signal(object, str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"screen.{name}")
        # screens without inputs take the focus themselves, so it never lingers on a header button
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def ask(self, intent: Intent, argument: str = "") -> None:
        self.navigate.emit(intent, argument)

    def focus_first(self) -> None:
        """Focus the first thing to fill in; screens without inputs keep focus off text fields."""
        self.setFocus()

    def clear(self) -> None:
        """Forget everything typed (the session's reset calls it)."""


def label(text: Shown, kind: str, name: str | None = None, *, wrap: bool = True) -> QLabel:
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
