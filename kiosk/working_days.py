"""Working days in Guatemala's courts: a calendar kept as data, and the arithmetic of deadlines.

Legal deadlines count working days (días hábiles): Monday to Friday, except the national
holidays, Semana Santa (the Organismo Judicial rests from Holy Wednesday; Easter Sunday is
computed), the days the OJ or the Government declares off, and the feria titular of the
municipality where the office is. The days themselves are data, in
``resources/calendar/holidays.toml`` (with what counts as a whole day off and why); this
module reads it and counts. Pure: no Qt, no I/O after the first read; the kiosk and the sandbox
both import it.

``add(start, n)`` is the day a deadline of ``n`` working days that starts counting the day after
``start`` ends on (Decreto 57-2008, art. 42: "diez días siguientes"); ``count(start, end)`` counts
the working days after ``start`` up to and including ``end``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import Any

from kiosk.geography import department, municipality_name

#: (department, municipality): codes of ``kiosk.geography``
Place = tuple[int, int]
#: where the OJ's Unidad de Información Pública sits: Guatemala City
SEAT: Place = (1, 1)
_DAY = timedelta(days=1)
_SATURDAY = 5


class DayOffKind(StrEnum):
    WEEKEND = "weekend"
    NATIONAL = "national"  # a national holiday (Código de Trabajo art. 127)
    HOLY_WEEK = "holy_week"  # Semana Santa
    JUDICIAL = "judicial"  # the Organismo Judicial's own day off
    PATRON = "patron"  # the municipality's feria titular
    DECLARED = "declared"  # declared off for one year by an acuerdo


@dataclass(frozen=True)
class DayOff:
    day: date
    name: str  # Spanish, as the data says it
    kind: DayOffKind


# --- the data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FixedDay:
    month: int
    day: int
    name: str
    half: bool = False  # off from noon only: still a working day for deadlines
    moves_to_monday: bool = False  # Decreto 19-2018: enjoyed on the nearest Monday


@dataclass(frozen=True)
class EasterDay:
    offset: int  # days from Easter Sunday
    name: str
    judicial: bool = False


@dataclass(frozen=True)
class PatronDay:
    place: Place
    month: int
    day: int
    name: str


@dataclass(frozen=True)
class DeclaredDay:
    day: date
    name: str
    places: frozenset[Place] | None = None  # None: the whole country


@dataclass(frozen=True)
class CalendarData:
    national: tuple[FixedDay, ...]
    holy_week: tuple[EasterDay, ...]
    patron: Mapping[Place, PatronDay]
    declared: tuple[DeclaredDay, ...] = ()


class CalendarDataError(ValueError):
    """The calendar's data file says something impossible (a wrong place, a 31 February)."""


def parse_place(text: str) -> Place:
    """ "09-01" -> (9, 1); CalendarDataError when it is no municipality of kiosk.geography."""
    dept, _, muni = text.partition("-")
    try:
        place = (int(dept), int(muni))
        municipality_name(*place)
    except ValueError:
        raise CalendarDataError(f"no municipality {text!r}") from None
    return place


def place_label(place: Place) -> str:
    """«Quetzaltenango, Quetzaltenango»: the municipality and its department."""
    return f"{municipality_name(*place)}, {department(place[0]).name}"


def load_calendar(text: str) -> CalendarData:
    """The calendar from the TOML text of ``holidays.toml``; CalendarDataError when it is wrong."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CalendarDataError(str(error)) from None
    national = tuple(
        FixedDay(
            _month_day(e)[0],
            _month_day(e)[1],
            _name(e),
            half=bool(e.get("half", False)),
            moves_to_monday=bool(e.get("moves_to_monday", False)),
        )
        for e in raw.get("national", [])
    )
    holy_week = tuple(
        EasterDay(int(e["offset"]), _name(e), judicial=bool(e.get("judicial", False)))
        for e in raw.get("holy_week", [])
    )
    patron: dict[Place, PatronDay] = {}
    for entry in raw.get("patron", []):
        place = parse_place(str(entry["place"]))
        if municipality_name(*place) != entry.get("town"):
            raise CalendarDataError(
                f"{entry['place']} is {municipality_name(*place)!r}, not {entry.get('town')!r}"
            )
        if place in patron:
            raise CalendarDataError(f"two patron days for {entry['place']}")
        patron[place] = PatronDay(place, *_month_day(entry), _name(entry))
    declared = tuple(
        DeclaredDay(
            _date(e["date"]),
            _name(e),
            frozenset(parse_place(p) for p in e["places"]) if "places" in e else None,
        )
        for e in raw.get("declared", [])
    )
    return CalendarData(national, holy_week, patron, declared)


@cache
def default_calendar() -> CalendarData:
    """The calendar shipped with the kiosk (read once)."""
    resource = files("kiosk.resources") / "calendar" / "holidays.toml"
    return load_calendar(resource.read_text(encoding="utf-8"))


def _name(entry: Mapping[str, Any]) -> str:
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise CalendarDataError(f"an entry has no name: {dict(entry)!r}")
    return name


def _month_day(entry: Mapping[str, Any]) -> tuple[int, int]:
    month, day = int(entry["month"]), int(entry["day"])
    try:
        date(2001, month, day)  # a common year: 29 February is no yearly day
    except ValueError:
        raise CalendarDataError(f"no day {day}/{month} every year ({_name(entry)})") from None
    return month, day


def _date(value: object) -> date:
    if not isinstance(value, date):
        raise CalendarDataError(f"not a date: {value!r}")
    return value


# --- Easter and the days of one year --------------------------------------------------------------


def easter(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian calendar): the anonymous Gregorian algorithm
    (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _to_monday(day: date) -> date:
    """Decreto 19-2018: Tuesday or Wednesday to the Monday before; Thursday to Sunday to the
    Monday after; a Monday stays."""
    weekday = day.weekday()
    if weekday in (1, 2):
        return day - timedelta(days=weekday)
    if weekday >= 3:
        return day + timedelta(days=7 - weekday)
    return day


class WorkingDays:
    """The working days of one place (its patron day counts; None: national days only)."""

    def __init__(self, place: Place | None = SEAT, data: CalendarData | None = None) -> None:
        self.place = place
        self.data = data if data is not None else default_calendar()
        self._years: dict[int, dict[date, DayOff]] = {}
        self._halves: dict[int, dict[date, str]] = {}

    def holidays(self, year: int) -> Mapping[date, DayOff]:
        """Every whole day off of ``year`` but weekends (a holiday on a weekend is listed too)."""
        found = self._years.get(year)
        if found is None:
            found = self._years[year] = self._build(year)
        return found

    def _build(self, year: int) -> dict[date, DayOff]:
        days: dict[date, DayOff] = {}
        halves: dict[date, str] = {}

        def add(day: date, name: str, kind: DayOffKind) -> None:
            days.setdefault(day, DayOff(day, name, kind))  # the first reason given stays

        for fixed in self.data.national:
            day = date(year, fixed.month, fixed.day)
            if fixed.half:
                halves[day] = fixed.name
                continue
            add(_to_monday(day) if fixed.moves_to_monday else day, fixed.name, DayOffKind.NATIONAL)
        sunday = easter(year)
        for holy in self.data.holy_week:
            kind = DayOffKind.JUDICIAL if holy.judicial else DayOffKind.HOLY_WEEK
            add(sunday + timedelta(days=holy.offset), holy.name, kind)
        for declared in self.data.declared:
            if declared.day.year == year and (
                declared.places is None or self.place in declared.places
            ):
                add(declared.day, declared.name, DayOffKind.DECLARED)
        patron = self.data.patron.get(self.place) if self.place is not None else None
        if patron is not None:
            add(date(year, patron.month, patron.day), patron.name, DayOffKind.PATRON)
        self._halves[year] = halves
        return days

    def day_off(self, day: date) -> DayOff | None:
        """Why ``day`` is no working day (a holiday before a weekend); None on a working day."""
        found = self.holidays(day.year).get(day)
        if found is not None:
            return found
        if day.weekday() >= _SATURDAY:
            return DayOff(day, "Fin de semana", DayOffKind.WEEKEND)
        return None

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < _SATURDAY and day not in self.holidays(day.year)

    def half_day(self, day: date) -> str | None:
        """The name of a half day off (the office closes at noon; the day still counts)."""
        self.holidays(day.year)
        return self._halves[day.year].get(day)

    def add(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself never counts); ``start``
        for 0."""
        if n < 0:
            raise ValueError("add counts forward: use subtract")
        day = start
        while n:
            day += _DAY
            if self.is_working_day(day):
                n -= 1
        return day

    def subtract(self, end: date, n: int) -> date:
        """The ``n``-th working day before ``end`` (``end`` never counts); ``end`` for 0."""
        if n < 0:
            raise ValueError("subtract counts back: use add")
        day = end
        while n:
            day -= _DAY
            if self.is_working_day(day):
                n -= 1
        return day

    def count(self, start: date, end: date) -> int:
        """How many working days come after ``start``, up to and including ``end``."""
        if end < start:
            raise ValueError("count runs forward: end is before start")
        total, day = 0, start
        while day < end:
            day += _DAY
            total += self.is_working_day(day)
        return total
