"""WedgeDetector: scanners (fast, even, Enter at the end) against people typing."""

from __future__ import annotations

import random
from collections.abc import Iterable

import pytest
from degraded import issuer_key, seal_text

from kiosk.scanning.wedge import MAX_LENGTH, WedgeDetector

SEAL = seal_text(random.Random(11), issuer_key())
CODE = "CAP-2025-ABCD-EFGH"


def keys(text: str, gaps: Iterable[float], start: float = 100.0) -> list[tuple[str, float]]:
    """``text`` then Enter; ``gaps[i]``: seconds between key ``i`` and key ``i + 1``."""
    at, events = start, []
    for key, gap in zip(text + "\n", [0.0, *gaps], strict=False):
        at += gap
        events.append((key, at))
    return events


def scanner(text: str, ms: float = 8.0, jitter: float = 2.0, seed: int = 1) -> list[float]:
    rng = random.Random(seed)
    return [max(0.0, (ms + rng.uniform(-jitter, jitter)) / 1000) for _ in range(len(text) + 1)]


def person(text: str, mean_ms: float, seed: int = 1) -> list[float]:
    """Typing rhythm: log-normal gaps around ``mean_ms`` with fast letter pairs now and then."""
    rng = random.Random(seed)
    return [rng.lognormvariate(0, 0.45) * mean_ms / 1000 for _ in range(len(text) + 1)]


def feed(events: list[tuple[str, float]], detector: WedgeDetector | None = None) -> list[str]:
    detector = detector or WedgeDetector()
    return [text for key, at in events if (text := detector.feed(key, at)) is not None]


def test_scanner_seal_is_recognised() -> None:
    assert feed(keys(SEAL, scanner(SEAL))) == [SEAL]


@pytest.mark.parametrize("ms", [1.0, 4.0, 16.0, 22.0])
def test_scanner_speeds(ms: float) -> None:
    assert feed(keys(CODE, scanner(CODE, ms=ms, jitter=min(2.0, ms / 2)))) == [CODE]


def test_all_keys_in_the_same_millisecond() -> None:
    """Events timestamped by a 1 ms clock, or delivered in one batch: gaps of zero."""
    assert feed(keys(CODE, [0.0] * 30)) == [CODE]


def test_scanner_with_pauses_is_still_a_scan() -> None:
    gaps = scanner(SEAL)
    for at in range(64, len(gaps), 64):  # the scanner flushes its buffer every 64 characters
        gaps[at] = 0.150
    assert feed(keys(SEAL, gaps)) == [SEAL]


def test_too_many_pauses_is_not_regular() -> None:
    gaps = scanner(CODE)
    for at in (3, 6, 9):
        gaps[at] = 0.120  # 3 of 19 gaps slow: no scanner stutters this much
    assert feed(keys(CODE, gaps)) == []


def test_a_pause_longer_than_a_hiccup_splits_the_burst() -> None:
    gaps = scanner(SEAL)
    gaps[99] = 0.5  # between key 99 and key 100
    assert feed(keys(SEAL, gaps)) == [SEAL[100:]]


@pytest.mark.parametrize("mean_ms", [60.0, 90.0, 150.0])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_people_typing_are_not_scanners(mean_ms: float, seed: int) -> None:
    assert feed(keys(CODE, person(CODE, mean_ms, seed))) == []


def test_fast_person_with_a_burst_of_quick_pairs() -> None:
    # A very fast typist: the fastest pairs at 25-35 ms, the rest 50-110 ms.
    rng = random.Random(4)
    gaps = [rng.choice([rng.uniform(0.025, 0.035), rng.uniform(0.05, 0.11)]) for _ in CODE + "\n"]
    assert feed(keys(CODE, gaps)) == []


def test_held_key_auto_repeat_is_not_a_scan() -> None:
    # First repeat after 500 ms, then 50 per second: fast and even, but one key.
    assert feed(keys("a" * 30, [0.5] + [0.02] * 30)) == []


def test_burst_without_enter_then_a_late_enter() -> None:
    detector = WedgeDetector()
    events = keys(CODE, scanner(CODE))[:-1]  # no Enter from this scanner
    assert feed(events, detector) == []
    assert detector.pending == len(CODE)
    assert detector.feed("\n", events[-1][1] + 2.0) is None  # a person pressed Enter later
    assert detector.pending == 0


def test_burst_without_enter_does_not_stick_to_the_next_scan() -> None:
    detector = WedgeDetector()
    assert feed(keys(CODE, scanner(CODE))[:-1], detector) == []
    assert feed(keys(SEAL, scanner(SEAL), start=200.0), detector) == [SEAL]


def test_person_typing_then_a_scan() -> None:
    detector = WedgeDetector()
    typed = keys("hola", person("hola", 120))[:-1]
    scan = keys(CODE, scanner(CODE), start=typed[-1][1] + 1.0)
    assert feed(typed + scan, detector) == [CODE]


@pytest.mark.parametrize("text", ["", "A", "AB12", "ABCDE"])
def test_too_short_is_not_a_scan(text: str) -> None:
    assert feed(keys(text, scanner(text))) == []


def test_carriage_return_ends_a_scan_too() -> None:
    events = keys(CODE, scanner(CODE))
    events[-1] = ("\r", events[-1][1])
    assert feed(events) == [CODE]


def test_keys_a_scanner_never_sends_end_the_burst() -> None:
    events = keys(CODE, scanner(CODE))
    for odd in ("", "pasted text", "\t", "\x1b"):  # a key with no text, a paste, Tab, Esc
        detector = WedgeDetector()
        assert feed(events[:10], detector) == []
        assert detector.feed(odd, events[10][1]) is None
        assert detector.pending == 0
        assert feed(events[10:], detector) == [CODE[10:]]  # a new burst from there on


def test_clock_going_backwards_is_harmless() -> None:
    events = [(key, 100.0 - i * 0.001) for i, key in enumerate(CODE + "\n")]
    assert feed(events) == [CODE]


def test_endless_burst_is_dropped() -> None:
    detector = WedgeDetector()
    for i in range(MAX_LENGTH + 10):
        detector.feed("AB"[i % 2], i * 0.005)
    assert detector.pending == MAX_LENGTH  # no more is kept
    assert detector.feed("\n", (MAX_LENGTH + 10) * 0.005) is None
    assert feed(keys(CODE, scanner(CODE), start=100.0), detector) == [CODE]
