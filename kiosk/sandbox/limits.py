"""Rate limits of the sandbox: sliding windows per key, in memory, that forget idle keys.

A limiter counts events per key (a kiosk, a DPI, a login) and answers 429 with Retry-After and a
Spanish detail that says how long to wait. Keys with no event in the last window are swept on the
way (at most once a window), so a stream of new keys never grows the dict without bound.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from kiosk.sandbox.problems import ApiProblem

Clock = Callable[[], float]


def wait_text(seconds: int) -> str:
    """«30 segundos», «1 minuto», «15 minutos»: how long, as the 429's detail says it."""
    if seconds < 60:
        return "1 segundo" if seconds == 1 else f"{seconds} segundos"
    minutes = math.ceil(seconds / 60)
    return "1 minuto" if minutes == 1 else f"{minutes} minutos"


KIOSK_DETAIL = "Demasiados intentos desde este quiosco. Espere {wait} e intente de nuevo."


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key.

    ``check`` counts an event and refuses the one past the limit; ``ensure`` only refuses (for
    limits that count failures, which ``record`` adds once they happen)."""

    def __init__(
        self,
        limit: int,
        window: float,
        *,
        detail: str = KIOSK_DETAIL,
        code: str = "rate_limited",
        clock: Clock = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.detail = detail  # with {wait}
        self.code = code
        self._clock = clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._swept = clock()

    def check(self, key: str) -> None:
        with self._lock:
            events = self._current(key)
            self._refuse_if_full(events)
            events.append(self._clock())

    def ensure(self, key: str) -> None:
        with self._lock:
            events = self._current(key)
            self._refuse_if_full(events)
            if not events:
                self._events.pop(key, None)

    def record(self, key: str) -> None:
        with self._lock:
            self._current(key).append(self._clock())

    def __len__(self) -> int:
        """How many keys are remembered (for tests and housekeeping)."""
        return len(self._events)

    def _current(self, key: str) -> deque[float]:
        moment = self._clock()
        if moment - self._swept >= self.window:
            self._sweep(moment)
        events = self._events.setdefault(key, deque())
        while events and events[0] <= moment - self.window:
            events.popleft()
        return events

    def _sweep(self, moment: float) -> None:
        cutoff = moment - self.window
        idle = [key for key, events in self._events.items() if not events or events[-1] <= cutoff]
        for key in idle:
            del self._events[key]
        self._swept = moment

    def _refuse_if_full(self, events: deque[float]) -> None:
        if len(events) < self.limit:
            return
        wait = max(1, math.ceil(events[0] + self.window - self._clock()))
        raise ApiProblem(429, self.code, self.detail.format(wait=wait_text(wait)), retry_after=wait)


#: failed identity checks or log-ins are counted over this window, from every kiosk together
FAILURE_WINDOW = 15 * 60.0


class IdentityLimits:
    """Checks of a DPI against RENAP (account creation, a request without an account): every
    check counts for the kiosk, and failed ones for the DPI from any kiosk, so that neither a
    stolen kiosk token nor a fleet of them can walk a person's birth date."""

    def __init__(self, per_kiosk: int, failures_per_dpi: int) -> None:
        self.kiosks = RateLimiter(per_kiosk, 60.0)
        self.dpis = RateLimiter(
            failures_per_dpi,
            FAILURE_WINDOW,
            detail="Demasiados intentos fallidos con este DPI. Por seguridad, espere {wait} "
            "e intente de nuevo.",
        )

    def admit(self, kiosk: str, dpi: str) -> None:
        self.kiosks.check(kiosk)
        self.dpis.ensure(dpi)

    def failed(self, dpi: str) -> None:
        self.dpis.record(dpi)


class LoginLimits:
    """Log-ins: every attempt counts for the kiosk, and failed ones for the login tried (a DPI or
    an email, normalised) from any kiosk, whether or not an account has it."""

    def __init__(self, per_kiosk: int, failures_per_login: int) -> None:
        self.kiosks = RateLimiter(per_kiosk, 60.0)
        self.logins = RateLimiter(
            failures_per_login,
            FAILURE_WINDOW,
            detail="Demasiados intentos fallidos con esa cuenta. Por seguridad, espere {wait} "
            "e intente de nuevo.",
        )

    def admit(self, kiosk: str, login: str) -> None:
        self.kiosks.check(kiosk)
        self.logins.ensure(login)

    def failed(self, login: str) -> None:
        self.logins.record(login)
