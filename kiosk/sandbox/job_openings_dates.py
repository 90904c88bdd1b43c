"""The convocatorias' dates: papers, exam and results fall on weekdays (offices are closed on
weekends), with Guatemala's offset; what is not finished is kept as days from a day (the anchor,
then every start) and dated again from each start by ``refresh_jobs``, the service's refresh."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

from kiosk.sandbox.job_openings_demo import Moments

OFFSET = "-06:00"
#: when a convocatoria's record last changed: that day, in office hours
UPDATE_CLOCK = "T10:00:00" + OFFSET


def weekday(day: date) -> date:
    """The day, or the Monday after it when it falls on a weekend (offices are closed)."""
    return day + timedelta(days=max(0, 7 - day.weekday()) if day.weekday() > 4 else 0)


def at(day: date, clock: str) -> datetime:
    return datetime.fromisoformat(f"{day.isoformat()}T{clock}:00{OFFSET}")


def moments_from(origin: date, moments: Moments) -> tuple[datetime, datetime, datetime | None]:
    """The papers' from and until and the exam, counted from ``origin`` (on weekdays)."""

    def day(days: int) -> date:
        return weekday(origin + timedelta(days))

    exam = None if moments.exam is None else at(day(moments.exam), "09:00")
    return (at(day(moments.papers_from), moments.from_clock),
            at(day(moments.papers_until), moments.until_clock), exam)  # fmt: skip


def as_days(
    origin: date, published: date, moments: tuple[datetime, datetime, datetime | None], clock: str
) -> Moments:
    start, until, exam = moments
    return Moments(
        (published - origin).days,
        (start.date() - origin).days,
        (until.date() - origin).days,
        None if exam is None else (exam.date() - origin).days,
        until_clock=clock,
    )


def refresh_jobs(conn: sqlite3.Connection, today: date) -> None:
    """What is not finished is dated again from ``today`` (its days from the anchor kept), so
    the open ones are open at every start; finished ones keep their dates."""
    moved = []
    for pk, published, start, from_clock, until, until_clock, exam in conn.execute(
        "SELECT job_pk, published, papers_from, from_clock, papers_until, until_clock, exam "
        "FROM job_rolling"
    ).fetchall():
        moments = Moments(published, start, until, exam, until_clock, from_clock)
        begins, ends, examined = moments_from(today, moments)
        moved.append((
            (today + timedelta(published)).isoformat(), begins.isoformat(), ends.isoformat(),
            examined.isoformat() if examined else None,
            (today + timedelta(min(published, 0))).isoformat() + UPDATE_CLOCK, pk,
        ))  # fmt: skip
    conn.executemany(
        "UPDATE jobs SET published_on = ?, papers_from = ?, papers_until = ?, exam_at = ?, "
        "updated_at = ? WHERE pk = ?",
        moved,
    )
