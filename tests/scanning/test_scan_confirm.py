"""ScanConfirmer: N equal reads in a row, resets, time gaps, announcing once, re-arming."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kiosk.scanning.confirm import ScanConfirmer

A, B = "OJ1:AAAA", "OJ1:BBBB"
FRAME = 1 / 15  # seconds between decoded frames


def run(
    confirmer: ScanConfirmer, frames: Iterable[Sequence[str]], start: float = 0.0
) -> list[str | None]:
    """Feed one frame every FRAME seconds; what each feed returned."""
    return [confirmer.feed(texts, start + i * FRAME) for i, texts in enumerate(frames)]


def test_two_equal_reads_confirm_once() -> None:
    assert run(ScanConfirmer(), [[A], [A], [A], [A]]) == [None, A, None, None]


def test_a_different_read_resets_the_count() -> None:
    assert run(ScanConfirmer(), [[A], [B], [A], [B], [B]]) == [None, None, None, None, B]


def test_frames_with_nothing_read_do_not_break_a_count() -> None:
    assert run(ScanConfirmer(), [[A], [], [], [A]]) == [None, None, None, A]


def test_too_long_a_gap_starts_again() -> None:
    confirmer = ScanConfirmer(max_gap=1.0)
    assert confirmer.feed([A], 0.0) is None
    assert confirmer.feed([A], 1.5) is None  # first read again
    assert confirmer.feed([A], 2.0) == A


def test_required_reads_are_configurable() -> None:
    assert run(ScanConfirmer(required=3), [[A], [A], [A]]) == [None, None, A]
    assert run(ScanConfirmer(required=1), [[A]]) == [A]
    assert run(ScanConfirmer(required=0), [[A]]) == [A]  # at least one read, always


def test_same_code_in_view_is_not_announced_again() -> None:
    confirmer = ScanConfirmer(rearm_after=3.0)
    results = run(confirmer, [[A]] * 300)  # 20 s held in front of the camera
    assert results.count(A) == 1


def test_flicker_while_in_view_stays_quiet() -> None:
    confirmer = ScanConfirmer(rearm_after=3.0)
    assert run(confirmer, [[A], [A]]) == [None, A]
    # Out of view for 2 s (less than rearm_after), then back: still the same presentation.
    assert confirmer.feed([], 1.0) is None
    assert confirmer.feed([A], 2.1) is None
    assert confirmer.feed([A], 2.2) is None


def test_announced_again_after_it_was_away_long_enough() -> None:
    confirmer = ScanConfirmer(rearm_after=3.0)
    assert run(confirmer, [[A], [A]]) == [None, A]
    last_seen = FRAME
    assert confirmer.feed([], last_seen + 3.5) is None
    assert confirmer.feed([A], last_seen + 3.6) is None  # a fresh count: one read
    assert confirmer.feed([A], last_seen + 3.7) == A


def test_reset_rearms_at_once() -> None:
    confirmer = ScanConfirmer()
    assert run(confirmer, [[A], [A]]) == [None, A]
    confirmer.reset()
    assert confirmer.feed([A], 0.2) is None
    assert confirmer.feed([A], 0.3) == A


def test_two_codes_in_view_are_announced_one_after_the_other() -> None:
    confirmer = ScanConfirmer()
    assert run(confirmer, [[A, B], [B, A], [A, B], [A, B]]) == [None, B, A, None]


def test_another_code_after_an_announced_one() -> None:
    confirmer = ScanConfirmer()
    assert run(confirmer, [[A], [A], [B], [B], [A], [A]]) == [None, A, None, B, None, None]


def test_duplicates_and_empty_texts_in_one_frame_count_once() -> None:
    assert run(ScanConfirmer(), [[A, A, ""], [""]]) == [None, None]
    assert run(ScanConfirmer(required=3), [[A, A], [A], [A]]) == [None, None, A]
