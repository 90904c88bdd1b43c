"""Tell a USB barcode scanner in keyboard-wedge mode from a person typing on a keyboard.

A wedge scanner "types" the code it read as key presses, much faster and more evenly than a
person, and ends with Enter. ``WedgeDetector`` gets every typed character and every Enter with
its time (seconds, monotonic; best the key event's own timestamp, e.g. ``QKeyEvent.timestamp()
/ 1000``, so events the GUI thread handled late still carry their real spacing) and, at Enter,
returns the burst's text when it was a scan; None when a person typed it.

Thresholds and why:

* ``MAX_MEDIAN_GAP`` 25 ms: scanners send a character every 1-16 ms (USB HID reports every
  1-8 ms, press and release). People do not sustain this: fast typists average 80-120 ms between
  keys and their fastest letter pairs take 30-60 ms. 25 ms also stays under keyboard auto-repeat
  at common rates (25-30 per second, 33-40 ms), and a run of one repeated key is refused anyway.
* ``FAST_GAP`` 50 ms, for at least ``MIN_FAST_SHARE`` 90 % of the gaps: a scan is regular.
  The other gaps may be pauses (a scanner flushing its buffer, a busy USB hub or input stack)
  of up to ``MAX_PAUSE``; a gap longer than that ends the burst: what came before it was typed
  by someone else (or a scan that never got its Enter), and is not part of this one.
* ``MAX_PAUSE`` 300 ms: longer than any scanner hiccup seen in practice, shorter than the time a
  person needs to notice something and press Enter after it.
* ``MIN_LENGTH`` 6 characters: the shortest thing worth scanning here is a verification code,
  far longer; three fast keys are more likely a chord or a stuck key than a scan.
* ``MAX_LENGTH`` 4096 characters, as the seal decoder: a longer burst is not a code, and is
  dropped rather than kept in memory.

The scanner must be set to send Enter after the code (the factory default of most) and to type
for the kiosk's keyboard layout: a scanner typing for a US layout on a Latin-American one turns
``:`` and other base45 characters of a seal into different ones.

Pure and deterministic; not thread-safe (the GUI thread feeds it).
"""

from __future__ import annotations

import statistics
from itertools import pairwise
from typing import Final

ENTER: Final = "\n"  # ``feed`` also accepts "\r"
MAX_MEDIAN_GAP: Final = 0.025
FAST_GAP: Final = 0.050
MIN_FAST_SHARE: Final = 0.9
MAX_PAUSE: Final = 0.300
MIN_LENGTH: Final = 6
MAX_LENGTH: Final = 4096


class WedgeDetector:
    def __init__(self) -> None:
        self._chars: list[str] = []
        self._times: list[float] = []
        self._overflow = False

    @property
    def pending(self) -> int:
        """Characters of the burst so far (the UI may hold back showing them while > 0)."""
        return len(self._chars)

    def feed(self, key: str, at: float) -> str | None:
        """One key: a single character, or Enter ("\\n" or "\\r"). Returns the scanned text when
        this Enter ends a scan, else None. Other keys (empty text, several characters at once
        as from an input method or a paste) are not a scanner's: they end the burst."""
        if key in ("\n", "\r"):
            return self.enter(at)
        if len(key) != 1 or not key.isprintable():
            self.reset()
            return None
        if self._times and at - self._times[-1] > MAX_PAUSE:
            self.reset()
        if len(self._chars) < MAX_LENGTH:
            self._chars.append(key)
            self._times.append(at)
        else:  # not a code: refused at Enter; only the time is kept, to see the burst end
            self._overflow = True
            self._times[-1] = at
        return None

    def enter(self, at: float) -> str | None:
        chars, times, overflow = self._chars, [*self._times, at], self._overflow
        self.reset()
        if overflow or len(chars) < MIN_LENGTH or len(set(chars)) < 2:
            return None
        gaps = [max(0.0, later - earlier) for earlier, later in pairwise(times)]
        if max(gaps) > MAX_PAUSE:  # the Enter came late: a person pressed it
            return None
        fast = sum(1 for gap in gaps if gap <= FAST_GAP)
        if statistics.median(gaps) > MAX_MEDIAN_GAP or fast < MIN_FAST_SHARE * len(gaps):
            return None
        return "".join(chars)

    def reset(self) -> None:
        self._chars = []
        self._times = []
        self._overflow = False
