"""Turning the kiosk's qasync loop from a test's sync code without losing a task step.

qasync's ``run_until_complete`` makes one last pass over Qt's events after its loop has stopped
(needed: zero-delay timers left behind would otherwise fire in a later test, after their loop
is gone), but it makes it with no running loop set. A task step that lands in that pass (an
httpx call of the kiosk's: the next action of a chain, a payment poll) dies with anyio's
NoEventLoopError, and its screen waits for ever: a journey fails now and then for no reason of
the kiosk's (about 1 run in 8 of the new-account journey). ``run_until`` makes the same pass
with the loop set as the running one; the Driver turns the loop with it (settle, wait, run).
The kiosk itself runs ``qasync.run`` once: it never meets this.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

T = TypeVar("T")


def run_until(loop: asyncio.AbstractEventLoop, work: Awaitable[T]) -> T:
    """``loop.run_until_complete(work)``, its last pass made inside the loop (see above)."""
    future = asyncio.ensure_future(work, loop=loop)
    future.add_done_callback(lambda _done: loop.stop())
    loop.run_forever()
    asyncio.events._set_running_loop(loop)
    try:
        QCoreApplication.processEvents()
    finally:
        asyncio.events._set_running_loop(None)
    return future.result()
