"""Multi-frame confirmation: a camera read counts only when it repeats, and is announced once.

A misread QR is all but impossible (Reed-Solomon), but a code that flashes through the picture
for one frame, or two codes in view, should not open a verdict screen by accident. So a text is
accepted once it was read in ``required`` consecutive *decoded* frames (frames where something
was read): a decoded frame without it starts its count again, and so does a gap longer than
``max_gap`` seconds since it was last read. Frames where nothing was read do not break a count:
the same code, held still, often fails to decode in every other frame.

Once announced, a text is not announced again while it stays in view: only after it has not
been read for ``rearm_after`` seconds (the visitor took the paper away) or after ``reset()``.

Pure: the caller passes each frame's texts and a monotonic time in seconds. Not thread-safe; the
camera screen feeds it from the GUI thread as results come back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_REQUIRED = 2
DEFAULT_MAX_GAP = 1.0  # seconds; several decoded frames fit in it even on a busy machine
DEFAULT_REARM_AFTER = 3.0  # seconds out of view before the same code is announced again


@dataclass
class _Streak:
    count: int
    last_seen: float


class ScanConfirmer:
    def __init__(
        self,
        *,
        required: int = DEFAULT_REQUIRED,
        max_gap: float = DEFAULT_MAX_GAP,
        rearm_after: float = DEFAULT_REARM_AFTER,
    ) -> None:
        self.required = max(1, required)
        self.max_gap = max_gap
        self.rearm_after = rearm_after
        self._streaks: dict[str, _Streak] = {}
        self._announced: dict[str, float] = {}  # text -> when it was last read

    def feed(self, texts: Sequence[str], now: float) -> str | None:
        """The texts read in one frame (empty when nothing was read) at monotonic time ``now``.
        Returns a text confirmed and not yet announced (the first in frame order), else None."""
        self._forget_gone(now)
        seen = list(dict.fromkeys(text for text in texts if text))
        if not seen:
            return None
        streaks: dict[str, _Streak] = {}
        for text in seen:
            streak = self._streaks.get(text)
            if streak is None or now - streak.last_seen > self.max_gap:
                streaks[text] = _Streak(1, now)
            else:
                streaks[text] = _Streak(streak.count + 1, now)
        self._streaks = streaks  # texts missing from this decoded frame start again
        confirmed = None
        for text in seen:
            if text in self._announced:
                self._announced[text] = now  # still in view: keep it quiet
            elif confirmed is None and streaks[text].count >= self.required:
                self._announced[text] = now
                confirmed = text
        return confirmed

    def reset(self) -> None:
        """Forget everything: the next code in view is announced again after ``required`` reads."""
        self._streaks.clear()
        self._announced.clear()

    def _forget_gone(self, now: float) -> None:
        gone = [t for t, seen in self._announced.items() if now - seen >= self.rearm_after]
        for text in gone:
            del self._announced[text]
        self._streaks = {
            t: s for t, s in self._streaks.items() if now - s.last_seen <= self.max_gap
        }
