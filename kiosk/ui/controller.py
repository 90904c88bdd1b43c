"""The one contract every service's controller follows; ``KioskUi.open()`` opens any of them.

A controller owns one service's screens for one visit: it emits the screen to show (``show``),
says when the bottom bar changes (``nav_changed``: ``can_go_back``, ``primary_label``) and when the
visitor is done (``finished``: the shell resets the visit). Background work goes through the
shell's one runner (``kiosk.ui.ops.Ops``), which the shell cancels before ``cancel()``.
"""

from __future__ import annotations

from typing import Any, Protocol


class ServiceController(Protocol):
    show: Any  # Signal(object): the Screen to display now
    nav_changed: Any  # Signal(): back/primary availability or words changed
    finished: Any  # Signal(): the visitor is done; the shell resets the visit

    @property
    def can_go_back(self) -> bool: ...

    @property
    def primary_label(self) -> str | None: ...

    def start(self) -> None:
        """Show the first screen."""

    def continue_(self) -> object:
        """The bottom bar's primary button."""

    def back(self) -> None:
        """The bottom bar's "Atrás"."""

    def capture(self) -> None:
        """Keep what is typed on screen before the screen is rebuilt (a language switch)."""

    def render(self) -> None:
        """Show the current screen again, in new words."""

    def cancel(self) -> None:
        """Leaving (home, a reset, shutdown): forget everything of the visitor's."""
