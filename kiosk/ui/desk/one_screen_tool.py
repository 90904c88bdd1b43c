"""What every one-screen desk tool (the device panel, the end of day) says the same way under the
controller contract (``kiosk.ui.controller``): no way back inside it, no bottom-bar primary, nothing
typed to keep, and it never finishes a visit: the clerk leaves it with «Inicio» (F2)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.ui.desk.context import DeskContext
from kiosk.ui.ops import Ops


class OneScreenTool(QObject):
    show = Signal(object)
    nav_changed = Signal()
    finished = Signal()  # never emitted

    def __init__(self, context: DeskContext, ops: Ops) -> None:
        super().__init__()
        self.context = context
        self.ops = ops

    @property
    def can_go_back(self) -> bool:
        return False

    @property
    def primary_label(self) -> str | None:
        return None

    def back(self) -> None:
        """No way back inside the tool."""

    def capture(self) -> None:
        """Nothing is typed here."""
