"""Solicitudes de Información Pública at real volume: [A] about 5,000 requests received over the
two years before the anchor, in every department (most in Guatemala City), numbered by folio in
the order they arrived within each year, dated on the working days of the municipality where
each was received, in the state its age gives it. Deterministic: the service's own generator.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime, time, timedelta
from functools import cache

from kiosk.geography import department, municipality_name
from kiosk.identity import make_dpi
from kiosk.portal.models.public_information import (
    ANSWER_DAYS,
    EXTENSION_DAYS,
    DeliveryMethod,
    PublicInformationStatus,
)
from kiosk.sandbox import public_information_data as data
from kiosk.sandbox.bulk import insert_rows
from kiosk.sandbox.people import People
from kiosk.sandbox.services import volume
from kiosk.sandbox.store import GUATEMALA
from kiosk.working_days import Place, WorkingDays

S = PublicInformationStatus
REQUESTS = 5000  # [A] over the two years before the anchor
SPAN_DAYS = 730
COLUMNS = 18  # public_information_requests, pk to demo


# --- the calendar of a place ----------------------------------------------------------------------


@cache
def calendar(place: Place) -> WorkingDays:
    """One calendar per municipality (it keeps the days off of the years it has counted)."""
    return WorkingDays(place)


def due_dates(received_on: date, place: Place) -> tuple[date, date]:
    """(the last day to answer, the last day with the extension) for a request received then:
    ten working days counted from the day after, and ten more."""
    days = calendar(place)
    due = days.add(received_on, ANSWER_DAYS)
    return due, days.add(due, EXTENSION_DAYS)


# --- seed -----------------------------------------------------------------------------------------


def seed_requests(
    conn: sqlite3.Connection, rng: random.Random, anchor: date, *, count: int = REQUESTS
) -> None:
    """``count`` requests received over the two years before ``anchor`` (the demo ones are
    written by ``refresh_demo``, at every start)."""
    count = volume(count)
    people = People(rng)
    first = anchor.toordinal() - SPAN_DAYS
    received: list[tuple[datetime, Place]] = []
    for _ in range(count):
        day = date.fromordinal(first + int(rng.random() * SPAN_DAYS))
        if day.weekday() >= 5 and rng.random() < 0.8:  # kiosks stand in open courthouses
            day -= timedelta(days=day.weekday() - 4)
        minute = 8 * 60 + int(rng.random() * 8.5 * 60)
        at = datetime.combine(day, time(minute // 60, minute % 60), GUATEMALA)
        received.append((at, data.place(rng)))
    received.sort(key=lambda item: item[0])  # folios follow the order of arrival
    sequences: dict[int, int] = {}
    rows: list[object] = []
    for pk, (at, where) in enumerate(received, start=1):
        year = at.year
        sequence = sequences[year] = sequences.get(year, 0) + 1
        rows += _generated(rng, people, pk, year, sequence, at, where, anchor)
    insert_rows(conn, "public_information_requests", COLUMNS, rows)


def _generated(
    rng: random.Random,
    people: People,
    pk: int,
    year: int,
    sequence: int,
    at: datetime,
    where: Place,
    anchor: date,
) -> list[object]:
    dept, muni = where
    name = people.person(data.maya_share(dept))
    email = data.email_of(name, rng) if rng.random() < data.EMAIL_SHARE else None
    phone = None if email else data.phone_of(rng)
    delivery = data.DELIVERIES.pick(rng)
    if delivery is DeliveryMethod.EMAIL and email is None:
        delivery = DeliveryMethod.INSPECTION
    received_on = at.date()
    due, extended = due_dates(received_on, where)
    status, answered = _state(rng, received_on, where, due, extended, anchor)
    return [
        pk, year, sequence, at.isoformat(), dept, muni, _topic(rng, dept, muni, year),
        delivery.value, name, email, phone, _dpi(rng, where) if rng.random() < data.DPI_SHARE
        else None, status.value, due.isoformat(), extended.isoformat(),
        answered.isoformat() if answered else None, None, None,
    ]  # fmt: skip


def _state(
    rng: random.Random, received: date, where: Place, due: date, extended: date, anchor: date
) -> tuple[PublicInformationStatus, date | None]:
    """What its age makes of a request: open while its days run, ended (mostly answered)
    within them; one in eight took the extension."""
    days = calendar(where)
    draw = rng.random()
    if anchor <= days.add(received, 2):
        return (S.RECEIVED if draw < 0.6 else S.IN_PROGRESS), None
    if anchor <= due:
        if draw < 0.7:
            return (S.EXTENDED if draw < 0.08 else S.IN_PROGRESS), None
        return _ended(rng, days, received, 2, ANSWER_DAYS, anchor)
    if anchor <= extended and draw < 0.5:
        return S.EXTENDED, None
    if draw < data.EXTENDED_SHARE:  # answered in the extra days
        return _ended(rng, days, received, ANSWER_DAYS + 1, 2 * ANSWER_DAYS, anchor)
    return _ended(rng, days, received, 3, ANSWER_DAYS, anchor)


def _ended(
    rng: random.Random, days: WorkingDays, received: date, low: int, high: int, anchor: date
) -> tuple[PublicInformationStatus, date]:
    answered = min(days.add(received, low + int(rng.random() * (high - low + 1))), anchor)
    return data.ENDINGS.pick(rng), answered


def _topic(rng: random.Random, dept: int, muni: int, year: int) -> str:
    template = data.TOPICS[int(rng.random() * len(data.TOPICS))]
    courts = data.courts_of(dept)
    court = courts[int(rng.random() * len(courts))]
    return template.format(
        **data.court_words(court),
        department=department(dept).name,
        municipality=municipality_name(dept, muni),
        year=year - 1 if rng.random() < 0.7 else year,
    )


def _dpi(rng: random.Random, where: Place) -> str:
    while True:
        serial = f"{int(rng.random() * 100_000_000):08d}"
        try:
            return make_dpi(serial, *where)
        except ValueError:  # a serial with no check digit: draw another
            continue
