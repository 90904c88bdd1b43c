"""The working-day calendar (kiosk.working_days) and its arithmetic: Easter against an independent
formula and known dates; Semana Santa from Wednesday; year ends; 30 June moved to a Monday;
patron-saint days only where they are kept; half days that still count; the data file checked
as it is read; and the properties every deadline relies on, over many dates and places."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kiosk.geography import municipality_name
from kiosk.working_days import (
    SEAT,
    CalendarDataError,
    DayOffKind,
    Place,
    WorkingDays,
    default_calendar,
    easter,
    load_calendar,
    parse_place,
    place_label,
)

GUATEMALA_CITY: Place = (1, 1)
MIXCO: Place = (1, 8)
QUETZALTENANGO: Place = (9, 1)
PLACES: list[Place | None] = [None, SEAT, MIXCO, QUETZALTENANGO, (16, 1), (20, 7), (22, 17)]


def lichtenberg_easter(year: int) -> date:
    """Easter by Gauss's rule in Lichtenberg's form: another algorithm than the module's."""
    k = year // 100
    m = 15 + (3 * k + 3) // 4 - (8 * k + 13) // 25
    s = 2 - (3 * k + 3) // 4
    a = year % 19
    d = (19 * a + m) % 30
    r = (d + a // 11) // 29
    og = 21 + d - r
    sz = 7 - (year + year // 4 + s) % 7
    oe = 7 - (og - sz) % 7
    return date(year, 3, 1) + timedelta(days=og + oe - 1)


# --- Easter and Semana Santa ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "sunday"),
    [
        (1818, date(1818, 3, 22)),  # the earliest possible
        (1943, date(1943, 4, 25)),  # the latest possible
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),
    ],
)
def test_easter_on_known_years(year: int, sunday: date) -> None:
    assert easter(year) == sunday


@given(st.integers(min_value=1583, max_value=9999))
def test_easter_agrees_with_gauss_and_is_a_sunday_in_its_window(year: int) -> None:
    sunday = easter(year)
    assert sunday == lichtenberg_easter(year)
    assert sunday.weekday() == 6
    assert date(year, 3, 22) <= sunday <= date(year, 4, 25)


@pytest.mark.parametrize(
    ("year", "wednesday"), [(2025, date(2025, 4, 16)), (2026, date(2026, 4, 1)),
                            (2027, date(2027, 3, 24))],
)  # fmt: skip
def test_semana_santa_rests_from_wednesday_to_friday(year: int, wednesday: date) -> None:
    days = WorkingDays()
    tuesday, monday_after = wednesday - timedelta(days=1), wednesday + timedelta(days=5)
    assert days.is_working_day(tuesday) and days.is_working_day(monday_after)
    rest = [wednesday + timedelta(days=i) for i in range(3)]
    assert [days.is_working_day(day) for day in rest] == [False, False, False]
    reasons = [days.day_off(day) for day in rest]
    assert [r.kind for r in reasons if r] == [
        DayOffKind.JUDICIAL,  # the OJ's own: the law gives only Wednesday afternoon
        DayOffKind.HOLY_WEEK,
        DayOffKind.HOLY_WEEK,
    ]
    assert [r.name for r in reasons if r] == ["Miércoles Santo", "Jueves Santo", "Viernes Santo"]


def test_ten_working_days_across_semana_santa() -> None:
    days = WorkingDays()
    # 2026: filed Monday 30 March; Tuesday counts, 1-3 April do not
    assert days.add(date(2026, 3, 30), 10) == date(2026, 4, 16)
    assert days.add(date(2026, 3, 31), 1) == date(2026, 4, 6)
    # 2027: filed Monday 22 March; 24-26 March do not count
    assert days.add(date(2027, 3, 22), 5) == date(2027, 4, 1)
    assert days.add(date(2027, 3, 22), 10) == date(2027, 4, 8)
    assert days.count(date(2027, 3, 19), date(2027, 3, 31)) == 5


# --- the year's end and the national days ---------------------------------------------------------


def test_the_year_end_half_days_count_and_the_holidays_do_not() -> None:
    days = WorkingDays()
    # 24 and 31 December: the office closes at noon, so they are working days (LOJ art. 45)
    for half in (date(2026, 12, 24), date(2026, 12, 31)):
        assert days.is_working_day(half)
        assert days.half_day(half) is not None
    assert days.half_day(date(2026, 12, 23)) is None
    assert not days.is_working_day(date(2026, 12, 25))
    assert not days.is_working_day(date(2027, 1, 1))
    # filed Wednesday 23 December 2026: 24, 28, 29, 30, 31 Dec, then 4 to 8 January
    assert days.add(date(2026, 12, 23), 10) == date(2027, 1, 8)
    assert days.add(date(2025, 12, 30), 3) == date(2026, 1, 5)  # 31 Dec, 1 Jan off, 2 Jan


@pytest.mark.parametrize(
    ("year", "enjoyed"),
    [
        (2025, date(2025, 6, 30)),  # a Monday: it stays
        (2026, date(2026, 6, 29)),  # a Tuesday: the Monday before
        (2027, date(2027, 6, 28)),  # a Wednesday: the Monday before
        (2028, date(2028, 7, 3)),  # a Friday: the Monday after
        (2029, date(2029, 7, 2)),  # a Saturday: the Monday after
    ],
)
def test_army_day_is_enjoyed_on_a_monday(year: int, enjoyed: date) -> None:
    days = WorkingDays()
    assert not days.is_working_day(enjoyed)
    if enjoyed != date(year, 6, 30) and date(year, 6, 30).weekday() < 5:
        assert days.is_working_day(date(year, 6, 30))


def test_the_fixed_national_days_of_2026() -> None:
    off = set(WorkingDays(None).holidays(2026))
    assert {
        date(2026, 1, 1), date(2026, 4, 1), date(2026, 4, 2), date(2026, 4, 3),
        date(2026, 5, 1), date(2026, 6, 29), date(2026, 9, 15), date(2026, 10, 20),
        date(2026, 11, 1), date(2026, 12, 25),
    } == off  # fmt: skip


# --- the feria titular: only where it is kept -----------------------------------------------------


def test_patron_days_count_only_in_their_municipality() -> None:
    capital, mixco, xela = (
        WorkingDays(GUATEMALA_CITY),
        WorkingDays(MIXCO),
        WorkingDays(QUETZALTENANGO),
    )
    asuncion = date(2025, 8, 15)  # a Friday: Guatemala City's feria
    assert not capital.is_working_day(asuncion)
    assert capital.day_off(asuncion).kind is DayOffKind.PATRON  # type: ignore[union-attr]
    assert mixco.is_working_day(asuncion) and WorkingDays(None).is_working_day(asuncion)
    santo_domingo = date(2025, 8, 4)  # a Monday: Mixco's
    assert not mixco.is_working_day(santo_domingo) and capital.is_working_day(santo_domingo)
    rosario = date(2026, 10, 7)  # a Wednesday: Quetzaltenango's
    assert not xela.is_working_day(rosario) and capital.is_working_day(rosario)
    # a deadline across it: filed Friday 2 October 2026
    assert capital.add(date(2026, 10, 2), 10) == date(2026, 10, 16)
    assert xela.add(date(2026, 10, 2), 10) == date(2026, 10, 19)  # 7 October does not count
    assert xela.add(date(2026, 10, 2), 12) == date(2026, 10, 22)  # nor does 20 October
    # Guatemala City's 15 August on a Saturday moves nothing
    assert capital.add(date(2026, 8, 14), 1) == date(2026, 8, 17)


def test_the_shipped_calendar_names_real_municipalities() -> None:
    calendar = default_calendar()
    assert calendar.patron[GUATEMALA_CITY].month == 8 and calendar.patron[GUATEMALA_CITY].day == 15
    departments = {place[0] for place in calendar.patron}
    assert len(calendar.patron) >= 30 and len(departments) >= 12
    for place in calendar.patron:
        assert municipality_name(*place)
    assert place_label(QUETZALTENANGO) == "Quetzaltenango, Quetzaltenango"
    assert parse_place("16-01") == (16, 1)


# --- the data file is checked as it is read -------------------------------------------------------

GOOD_PATRON = '[[patron]]\nplace = "01-08"\ntown = "Mixco"\nmonth = 8\nday = 4\nname = "X"\n'


@pytest.mark.parametrize(
    "text",
    [
        GOOD_PATRON.replace('"Mixco"', '"Villa Nueva"'),  # the code is another town
        GOOD_PATRON.replace('"01-08"', '"23-01"'),  # no such department
        GOOD_PATRON.replace('"01-08"', '"01-99"'),  # no such municipality
        GOOD_PATRON.replace("day = 4", "day = 31").replace("month = 8", "month = 9"),
        GOOD_PATRON + GOOD_PATRON,  # two feria days for one town
        '[[national]]\nmonth = 2\nday = 29\nname = "X"\n',  # not every year
        '[[national]]\nmonth = 1\nday = 1\nname = ""\n',  # no name
        "[[national]\n",  # not TOML
    ],
)
def test_a_wrong_calendar_file_is_refused(text: str) -> None:
    with pytest.raises(CalendarDataError):
        load_calendar(text)


def test_a_declared_day_counts_where_it_is_declared() -> None:
    text = (
        GOOD_PATRON
        + '[[declared]]\ndate = 2026-12-24\nname = "Asueto"\nplaces = ["01-08"]\n'
        + '[[declared]]\ndate = 2026-11-02\nname = "Asueto nacional"\n'
    )
    calendar = load_calendar(text)
    mixco, elsewhere = WorkingDays(MIXCO, calendar), WorkingDays(GUATEMALA_CITY, calendar)
    assert not mixco.is_working_day(date(2026, 12, 24)) and elsewhere.is_working_day(
        date(2026, 12, 24)
    )
    assert not mixco.is_working_day(date(2026, 11, 2))
    assert not elsewhere.is_working_day(date(2026, 11, 2))
    assert elsewhere.day_off(date(2026, 11, 2)).kind is DayOffKind.DECLARED  # type: ignore[union-attr]


# --- the arithmetic's properties ------------------------------------------------------------------

days_in = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
counts = st.integers(min_value=0, max_value=60)
places = st.sampled_from(PLACES)
CALENDARS = {place: WorkingDays(place) for place in PLACES}


@settings(max_examples=300)
@given(days_in, st.integers(min_value=1, max_value=60), places)
def test_adding_working_days_always_lands_on_a_working_day(
    start: date, n: int, place: Place | None
) -> None:
    days = CALENDARS[place]
    end = days.add(start, n)
    assert days.is_working_day(end) and days.day_off(end) is None
    assert end > start


@settings(max_examples=300)
@given(days_in, counts, places)
def test_more_days_land_later(start: date, n: int, place: Place | None) -> None:
    days = CALENDARS[place]
    assert days.add(start, n + 1) > days.add(start, n)
    assert days.add(start, 0) == start


@settings(max_examples=300)
@given(days_in, st.integers(min_value=0, max_value=30), counts, places)
def test_a_later_start_never_ends_earlier(
    start: date, shift: int, n: int, place: Place | None
) -> None:
    days = CALENDARS[place]
    assert days.add(start, n) <= days.add(start + timedelta(days=shift), n)


@settings(max_examples=300)
@given(days_in, counts, counts, places)
def test_adding_in_two_steps_is_adding_once(
    start: date, n: int, m: int, place: Place | None
) -> None:
    days = CALENDARS[place]
    assert days.add(days.add(start, n), m) == days.add(start, n + m)


@settings(max_examples=300)
@given(days_in, counts, places)
def test_counting_back_gives_the_days_added(start: date, n: int, place: Place | None) -> None:
    days = CALENDARS[place]
    end = days.add(start, n)
    assert days.count(start, end) == n
    if days.is_working_day(start):
        assert days.subtract(end, n) == start


@settings(max_examples=300)
@given(days_in, counts, places)
def test_subtracting_is_undone_by_adding(end: date, n: int, place: Place | None) -> None:
    days = CALENDARS[place]
    assume(days.is_working_day(end))
    assert days.add(days.subtract(end, n), n) == end


@settings(max_examples=200)
@given(days_in, st.integers(min_value=0, max_value=40), places)
def test_count_agrees_with_a_day_by_day_walk(start: date, length: int, place: Place | None) -> None:
    """Counted independently: weekdays that are none of the year's listed days off."""
    days = CALENDARS[place]
    end = start + timedelta(days=length)
    walked = 0
    for offset in range(1, length + 1):
        day = start + timedelta(days=offset)
        walked += day.weekday() < 5 and day not in days.holidays(day.year)
    assert days.count(start, end) == walked


def test_negative_counts_and_backward_ranges_are_refused() -> None:
    days = WorkingDays()
    with pytest.raises(ValueError, match="subtract"):
        days.add(date(2026, 1, 5), -1)
    with pytest.raises(ValueError, match="add"):
        days.subtract(date(2026, 1, 5), -1)
    with pytest.raises(ValueError, match="before"):
        days.count(date(2026, 1, 5), date(2026, 1, 2))
