"""One excepthook for the whole app: any unexpected exception becomes a friendly screen, a
redacted log line (the exception's type, never its message or locals: they may hold a DPI) and a
session reset. A visitor never sees a traceback."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from types import TracebackType

log = logging.getLogger(__name__)

_previous: object = None
_handling = False


def install(on_crash: Callable[[], None]) -> None:
    global _previous
    _previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        global _handling
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            return
        log.error("unexpected error", extra={"error": kind.__name__})
        if _handling:  # a crash while showing the crash screen: do not loop
            return
        _handling = True
        try:
            on_crash()
        except Exception as again:
            log.error("crash screen failed", extra={"error": type(again).__name__})
        finally:
            _handling = False

    sys.excepthook = hook
    loop = asyncio.get_event_loop()

    def loop_handler(_loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
        error = context.get("exception")
        if isinstance(error, BaseException):
            hook(type(error), error, error.__traceback__)
        else:
            log.error("event loop error", extra={"error": "no-exception"})

    loop.set_exception_handler(loop_handler)


def uninstall() -> None:
    if callable(_previous):
        sys.excepthook = _previous
    asyncio.get_event_loop().set_exception_handler(None)
