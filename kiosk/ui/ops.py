"""The one runner of background work for the screens (ARCHITECTURE.md rule 6).

``Ops.run`` keeps the task, sets busy at once (before the task starts, so a double tap finds the
kiosk busy and is ignored), awaits the work, maps every typed error to the visitor's words
through one table (``messages.for_error``), clears busy in ``finally`` and, on reset or shutdown,
cancels what runs. Nothing else in ``kiosk/ui`` emits busy: the shell pauses the idle timer and
disables the bottom bar while a blocking operation runs.

A non-blocking operation (a payment slip printing while the visitor may go on) is kept and
cancelled like the others but neither blocks navigation nor pauses the idle timer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from kiosk.ui.messages import VisitorMessage, for_error

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class _Op:
    name: str
    blocking: bool
    counted: bool  # still counted in busy (False once cancelled: its finally must not count)
    holds_idle: bool  # the idle timer waits for it (not for a long wait the visitor may leave)


class Ops(QObject):
    busy_changed = Signal(bool)
    #: a typed error ended an operation (the desk records its code; a refused clerk signs out)
    failed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._tasks: dict[asyncio.Task[None], _Op] = {}
        self._blocking = 0

    @property
    def busy(self) -> bool:
        """A blocking operation runs: the visitor waits for it."""
        return self._blocking > 0

    @property
    def holds_idle(self) -> bool:
        """A blocking operation runs that the idle timer must wait for (a portal call); a long
        wait for someone else (the bank) lets it count, so a visitor who left is still wiped."""
        return any(op.counted and op.holds_idle for op in self._tasks.values())

    def running(self, name: str) -> bool:
        return any(op.name == name for task, op in self._tasks.items() if not task.done())

    def run(
        self,
        name: str,
        work: Callable[[], Awaitable[T]],
        *,
        done: Callable[[T], None] | None = None,
        failed: Callable[[VisitorMessage], None] | None = None,
        blocking: bool = True,
        holds_idle: bool = True,
    ) -> bool:
        """Start ``work`` and return True; False (nothing started) while a blocking operation
        runs, or while one of the same ``name`` does (a double tap never sends twice).

        ``done`` gets the result; ``failed`` the visitor's message for a typed error. Anything
        untyped is a bug for the excepthook. Neither runs after a cancel."""
        if self.busy or self.running(name):
            return False
        op = _Op(name, blocking, counted=blocking, holds_idle=blocking and holds_idle)
        task = asyncio.ensure_future(self._run(op, work, done, failed))
        self._tasks[task] = op
        task.add_done_callback(self._forget)
        if blocking:
            self._count(+1)  # now: before the task's first step, a second tap finds it busy
        return True

    async def _run(
        self,
        op: _Op,
        work: Callable[[], Awaitable[Any]],
        done: Callable[[Any], None] | None,
        failed: Callable[[VisitorMessage], None] | None,
    ) -> None:
        try:
            try:
                result = await work()
            finally:
                if op.counted:
                    op.counted = False
                    self._count(-1)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            message = for_error(error)
            if message is None:
                raise  # a bug: the excepthook shows the friendly screen and resets
            log.info("operation failed", extra={"event": op.name, "error": type(error).__name__})
            self.failed.emit(error)
            if failed is not None:
                failed(message)
            return
        if done is not None:
            done(result)

    def _forget(self, task: asyncio.Task[None]) -> None:
        self._tasks.pop(task, None)
        if not task.cancelled() and task.exception() is not None:
            # re-raised by the loop's exception handler (kiosk.ui.errors): a bug, shown friendly
            loop = task.get_loop()
            loop.call_exception_handler(
                {"message": "operation failed", "exception": task.exception(), "task": task}
            )

    def _count(self, change: int) -> None:
        before = self.busy
        self._blocking = max(0, self._blocking + change)
        if self.busy != before:
            self.busy_changed.emit(self.busy)

    def cancel(self) -> list[asyncio.Task[None]]:
        """Stop everything (a reset, leaving a service). Busy clears now, not when each task
        gets to its ``finally`` (by then the screen may be gone). Returns the tasks, to await at
        shutdown."""
        tasks = [task for task in self._tasks if not task.done()]
        for task in tasks:
            self._tasks[task].counted = False
            task.cancel()
        if self._blocking:
            self._blocking = 0
            self.busy_changed.emit(False)
        return tasks

    async def aclose(self) -> None:
        """Cancel and wait: nothing of an operation runs after this (the shell may go next)."""
        tasks = self.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
