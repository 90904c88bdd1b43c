"""The agenda's calendar: hearing days are stored as working days (Monday to Friday) counted from
a base day, not as dates, so the agenda stays "the coming weeks" however old the data folder is.

The seed writes days relative to a base of 0 (the day it ran); every start of the sandbox moves
the base to the latest working day up to today (``refresh``: one row written, nothing else), and
the routes turn a requested date into a working-day number and back. Two hearings three working
days apart stay three working days apart, never on a weekend. [A] National holidays and the
local patron-saint days are not kept out: the data is weekdays only.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

WEEK = 5  # working days in a week
_BASE_KEY = "hearings:base"


def last_working_day(day: date) -> date:
    """``day`` itself on a weekday; the Friday before on a weekend."""
    return day - timedelta(days=max(day.weekday() - 4, 0))


@dataclass(frozen=True)
class Calendar:
    """Working-day numbers around ``base`` (a weekday): 0 is the base, 1 the next working day,
    -1 the one before."""

    base: date

    def __post_init__(self) -> None:
        if self.base.weekday() > 4:
            raise ValueError("the base of the agenda is a working day")

    @property
    def _monday(self) -> date:
        return self.base - timedelta(days=self.base.weekday())

    def day(self, number: int) -> date:
        """The date of working day ``number``."""
        week, weekday = divmod(self.base.weekday() + number, WEEK)
        return self._monday + timedelta(days=7 * week + weekday)

    def number(self, day: date) -> int | None:
        """The working-day number of ``day``; None on a Saturday or Sunday."""
        if day.weekday() > 4:
            return None
        week = (day - self._monday).days // 7
        return week * WEEK + day.weekday() - self.base.weekday()

    def span(self, first: date, last: date) -> tuple[int, int]:
        """The working-day numbers from ``first`` to ``last`` (both included); an empty span
        (low > high) when there is no working day between them."""
        start = first + timedelta(days=(7 - first.weekday()) % 7 if first.weekday() > 4 else 0)
        end = last_working_day(last)
        low, high = self.number(start), self.number(end)
        assert low is not None and high is not None
        return low, high


def save_base(conn: sqlite3.Connection, today: date) -> Calendar:
    """Move the agenda's base to the latest working day up to ``today`` (every start)."""
    calendar = Calendar(last_working_day(today))
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (_BASE_KEY, calendar.base.isoformat()),
    )
    return calendar


def load(conn: sqlite3.Connection, today: date) -> Calendar:
    """The calendar the data was last refreshed to (``today``'s, before any refresh)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (_BASE_KEY,)).fetchone()
    return Calendar(date.fromisoformat(row[0]) if row else last_working_day(today))
