"""Drives the kiosk the way a visitor does: by object names, taps and typing."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import TypeVar

import qasync
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QScrollArea, QWidget
from steady_loop import run_until

from kiosk.app import Kiosk

T = TypeVar("T")


class Driver:
    def __init__(self, loop: qasync.QEventLoop, kiosk: Kiosk) -> None:
        self.loop = loop
        self.kiosk = kiosk
        self.ui = kiosk.ui
        self.shell = kiosk.ui.shell

    def find(self, name: str) -> QWidget:
        widget = self.shell.findChild(QWidget, name)
        assert widget is not None, f"no widget named {name}"
        return widget

    def exists(self, name: str) -> bool:
        return self.shell.findChild(QWidget, name) is not None

    def tap(self, name: str) -> None:
        """Tap a visible button; like a person, wait a moment while it is disabled (a document
        still printing), but never tap one that stays hidden or disabled."""
        widget = self.find(name)
        assert isinstance(widget, QPushButton), name
        if widget.isVisible() and not widget.isEnabled():
            with contextlib.suppress(AssertionError):
                self.wait(widget.isEnabled, timeout=10)
        assert widget.isVisible() and widget.isEnabled(), f"{name} cannot be tapped"
        self.scroll_to(widget)
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.settle()

    def scroll_to(self, widget: QWidget) -> None:
        """What a person does first: scroll until the thing is on screen."""
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(widget)
            parent = parent.parentWidget()
        self.settle(0.02)

    def in_view(self, name: str) -> bool:
        """Whether a person sees ``name`` now, without scrolling: visible and inside the shell's
        scrolling content area. Looked for on the screen shown now (kept screens share names)."""
        current = self.shell.current_screen
        found = current.findChild(QWidget, name) if current is not None else None
        widget = found if found is not None else self.find(name)
        if not widget.isVisible():
            return False
        viewport = self.shell.content.viewport()
        top_left = widget.mapTo(viewport, widget.rect().topLeft())
        shown = widget.rect().translated(top_left)
        return viewport.rect().intersects(shown)

    def type(self, name: str, text: str) -> None:
        edit = self.find(name)
        assert isinstance(edit, QLineEdit), name
        edit.setFocus()
        edit.clear()
        for char in text:
            if char.isascii():
                QTest.keyClick(edit, char)
            else:  # QTest aborts on non-ASCII keys: send the key event a keyboard would
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                    QApplication.sendEvent(edit, event)
        self.settle()

    def text(self, name: str) -> str:
        widget = self.find(name)
        return str(widget.text())  # type: ignore[attr-defined]

    def screen(self) -> str:
        current = self.shell.current_screen
        return current.objectName() if current is not None else ""

    def run(self, work: Awaitable[T]) -> T:
        """Turn the kiosk's loop until ``work`` is done (see steady_loop.py for why not
        ``loop.run_until_complete``)."""
        return run_until(self.loop, work)

    def settle(self, seconds: float = 0.05) -> None:
        self.run(asyncio.sleep(seconds))

    def wait(self, condition: Callable[[], bool], timeout: float = 15.0) -> None:
        async def until() -> None:
            for _ in range(int(timeout / 0.02)):
                if condition():
                    return
                await asyncio.sleep(0.02)
            raise AssertionError("the kiosk did not get there in time")

        self.run(until())
