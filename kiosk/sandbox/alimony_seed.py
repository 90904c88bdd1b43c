"""The alimony seed: about 20,000 cases with an account at the bank and the last year of their
movements (deposits by the obligor, withdrawals by the representative), over every department on
the real court structure.

Deterministic: everything comes from the rng the sandbox gives the service, except the documented
demo (``alimony_demo``), whose movements the service's refresh writes from today's date. Rows are
built as flat lists and written with multi-row INSERTs: the seed is paid at every fresh sandbox
start, so it is kept to about a second.

[F] over 87,000 alimony suits since 2013 (SERVICES.md); the rest is [A]: a regular payer deposits
early every month, an irregular one in about half the months and often less or more than the
pension, and one payer in five stopped some months ago. The account keeps the last
``HISTORY_MONTHS`` months; what was owed before them is a figure on the case.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date

from kiosk.portal.models.alimony import PensionKind
from kiosk.sandbox import alimony_data as data
from kiosk.sandbox.alimony_demo import DEMO_CASES, DemoCase
from kiosk.sandbox.bulk import insert_rows
from kiosk.sandbox.people import Weighted
from kiosk.sandbox.services import volume

CASES = 20_000  # [A] active cases with an account (of the 87,000 filed since 2013 [F])
FIRST_YEAR = 2013
HISTORY_MONTHS = 12  # the months of movements an account shows
SECOND_CASE_SHARE = 0.07  # [A] an obligor with a case for another family
CHILDREN = Weighted((1, 2, 3), (55, 32, 13))
REGULAR, IRREGULAR, STOPPED = 0, 1, 2
PROFILES = Weighted((REGULAR, IRREGULAR, STOPPED), (50, 30, 20))
_IRREGULAR_SHARES = (0.5, 1, 1, 1, 1.5, 2)
MAX_OWED_BEFORE = 6_000_000  # cents: Q60,000.00 at most before the months on record


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def seed_alimony(
    conn: sqlite3.Connection, rng: random.Random, anchor: date, *, cases: int = CASES
) -> None:
    """``cases`` cases filed from 2013 to the anchor (more of them recent: older ones end as the
    children grow up), and the demo's people and cases (their movements come with refresh)."""
    seeder = _Seeder(rng, anchor)
    seeder.cases(volume(cases))
    for demo in DEMO_CASES:
        seeder.demo(demo)
    insert_rows(conn, "alimony_people", 4, seeder.people)
    insert_rows(conn, "alimony_cases", 14, seeder.rows)
    insert_rows(conn, "alimony_children", 3, seeder.children)
    insert_rows(conn, "alimony_movements", 7, seeder.movements)


class _Seeder:
    def __init__(self, rng: random.Random, anchor: date) -> None:
        self.rng = rng
        self.anchor = anchor.toordinal()
        self.anchor_month = month_index(anchor)
        self.names = data.FamilyPeople(rng)
        self.people: list[object] = []
        self.rows: list[object] = []
        self.children: list[object] = []
        self.movements: list[object] = []
        self.person_count = 0
        self.case_count = 0
        #: (pk, first surname) of obligors so far: a few have a second case
        self.obligors: list[tuple[int, str]] = []
        self.demo_people: dict[str, int] = {}  # DPI -> pk
        self.ids: list[int] = []
        first = date(FIRST_YEAR - 60, 1, 1).toordinal()
        self.iso = {day: date.fromordinal(day).isoformat() for day in range(first, self.anchor + 1)}
        #: a month's first day (ordinal) and length, by month index
        self.months = {
            index: (month_start(index).toordinal(), _length(index))
            for index in range(month_index(date(FIRST_YEAR, 1, 1)), self.anchor_month + 1)
        }
        #: a day's month index, for the days a case may be filed on
        self.month_of = {
            start + day: index
            for index, (start, length) in self.months.items()
            for day in range(length)
        }

    # --- generated cases ----------------------------------------------------------------------

    def cases(self, count: int) -> None:
        rng = self.rng
        start = date(FIRST_YEAR, 1, 1).toordinal()
        span = self.anchor - 7 - start  # filed at least a week ago
        filings = []
        for _ in range(count):
            day = start + int(rng.random() ** 0.6 * span)  # recent cases are still active
            weekday = (day - 1) % 7
            if weekday > 4:
                day -= weekday - 4  # filed on Friday
            filings.append((data.COURTS.pick(rng), day))
        filings.sort(key=lambda f: (f[0].id, f[1]))  # SGT numbers grow with the date
        ids: set[int] = set()
        while len(ids) < count:
            ids.add(rng.getrandbits(64))
        self.ids = sorted(ids)
        reserved = {demo.number for demo in DEMO_CASES}
        sequence: dict[tuple[str, int], int] = {}
        for found, day in filings:
            year = self.month_of[day] // 12
            key = (found.id, year)
            seq = sequence.get(key, 0)
            while True:  # a family court numbers its other matters' cases too: gaps
                seq += 1 + int(rng.random() * 4)
                number = f"{key[0]}-{year}-{seq:05d}"
                if number not in reserved:
                    break
            sequence[key] = seq
            self.case(found, number, day)

    def person(self, female: bool, maya: float, department: int, born: int) -> tuple[int, str]:
        name, surname = self.names.adult(female, maya)
        pk = self.person_count = self.person_count + 1
        self.people += (pk, self.names.dpi(department), name, self.iso[born])
        return pk, surname

    def case(self, found: data.FamilyCourt, number: str, filed: int) -> None:
        rng, draw = self.rng, self.rng.random
        maya, department = found.maya, found.court.department
        pk = self.case_count = self.case_count + 1
        if self.obligors and draw() < SECOND_CASE_SHARE:
            obligor, father = self.obligors[int(draw() * len(self.obligors))]
        else:
            born = filed - 365 * 22 - int(draw() * 365 * 28)
            obligor, father = self.person(draw() < 0.06, maya, department, born)
            self.obligors.append((obligor, father))
        born = filed - 365 * 18 - int(draw() * 365 * 27)
        representative, mother = self.person(draw() < 0.93, maya, department, born)
        for position in range(CHILDREN.pick(rng)):
            self.children += (pk, position, self.names.child(father, mother, maya))
        # a provisional pension from filing; the definitive one some months later
        fixed = filed + 60 + int(draw() * 180)
        kind = PensionKind.DEFINITIVA
        if fixed > self.anchor or draw() < 0.06:
            fixed, kind = filed, PensionKind.PROVISIONAL
        if found.peace:
            monthly = (200 + int(draw() * 29) * 25) * 100  # Q200 to Q900
        else:
            monthly = (400 + int(draw() ** 1.8 * 53) * 50) * 100  # Q400 to Q3,050, mostly low
        opening = self.ledger(pk, department, filed, fixed, monthly)
        self.rows += (
            pk, f"pa_{self.ids[pk - 1]:016x}", number, found.id, obligor, representative, kind,
            self.iso[filed], self.iso[fixed], monthly, *opening,
        )  # fmt: skip

    def ledger(
        self, pk: int, department: int, filed: int, fixed: int, monthly: int
    ) -> tuple[object, ...]:
        """The months on record: deposits and withdrawals as the payer's profile has them.
        Returns the case's opening: (first day on record, owed before it in cents, the last
        deposit before it and its amount, or None)."""
        rng, draw = self.rng, self.rng.random
        filed_month = self.month_of[filed]
        first_month = max(filed_month, self.anchor_month - HISTORY_MONTHS + 1)
        months = self.anchor_month - first_month + 1
        profile = PROFILES.pick(rng)
        stop = int(draw() * months) if profile == STOPPED else months
        owed, last = 0, 0
        if filed_month < first_month:  # an older case: what happened before the record
            if profile == REGULAR:
                owed, back = (monthly if draw() < 0.15 else 0), 1
            elif profile == IRREGULAR:
                owed, back = monthly * (1 + int(draw() * 8)), 1 + int(draw() * 3)
            elif stop:
                owed, back = monthly * int(draw() * 4), 1
            else:  # stopped before the record began (or never paid)
                back = 1 + int(draw() * 24)
                owed = monthly * back
                back = back if draw() < 0.7 else 0
            if back and first_month - back >= filed_month:
                last = max(self.months[first_month - back][0] + 4, filed)
        opening = (
            self.iso[self.months[first_month][0]], min(owed, MAX_OWED_BEFORE),
            self.iso[last] if last else None, monthly if last else None,
        )  # fmt: skip
        branch = data.branch_for(rng, department)
        events: list[tuple[int, int, int, int, int]] = []
        available, anchor, calendar, limits = 0, self.anchor, self.months, data.SLIP_LIMITS
        regular = profile == REGULAR
        for offset in range(months):
            start, length = calendar[first_month + offset]
            if regular:
                pays, day = draw() < 0.96, start + int(draw() * 10)
            else:
                pays, day = draw() < 0.55, start + int(draw() * length)
                pays = offset < stop if profile == STOPPED else pays
            if not pays or day > anchor or day < filed:
                continue
            if regular:
                amount = monthly * 2 if draw() < 0.05 else monthly
            else:
                amount = int(monthly * _IRREGULAR_SHARES[int(draw() * 6)]) // 100 * 100
            where = branch if draw() < 0.9 else data.branch_for(rng, department)
            events.append((day, 0, amount, where, int(draw() * limits[where])))
            available += amount
            if draw() < 0.65:  # the representative takes out what is there
                out = day + 2 + int(draw() * 18)
                if out <= anchor:
                    events.append((out, 1, available, branch, int(draw() * 999_999) + 1))
                    available = 0
        events.sort(key=lambda event: event[0])
        iso, moves = self.iso, self.movements
        for number, (day, kind, amount, where, reference) in enumerate(events, start=1):
            moves += (pk, number, iso[day], kind, amount, where, reference)
        return opening

    # --- the demo -------------------------------------------------------------------------------

    def demo(self, demo: DemoCase) -> None:
        for person in (demo.obligor, demo.representative):
            if person.dpi not in self.demo_people:
                pk = self.person_count = self.person_count + 1
                self.people += (pk, person.dpi, person.name, person.birth_date.isoformat())
                self.demo_people[person.dpi] = pk
        pk = self.case_count = self.case_count + 1
        for position, child in enumerate(demo.children):
            self.children += (pk, position, child)
        self.rows += (
            pk, demo.id, demo.number, demo.court, self.demo_people[demo.obligor.dpi],
            self.demo_people[demo.representative.dpi], demo.kind, demo.started_on.isoformat(),
            demo.fixed_on.isoformat(), demo.monthly_cents,
            # the account is the refresh's: written from today's date at every start
            demo.fixed_on.isoformat(), 0, None, None,
        )  # fmt: skip


def _length(index: int) -> int:
    return (month_start(index + 1) - month_start(index)).days


def demo_ledger(
    demo: DemoCase, today: date
) -> tuple[str, list[tuple[int, str, int, int, int, int]]]:
    """The demo case's first day on record and its movement rows (without the case's pk), as of
    ``today``: what the refresh writes."""
    first, movements = demo.plan(today)
    rows = [
        (number, on.isoformat(), kind, cents, branch, reference)
        for number, (on, kind, cents, branch, reference) in enumerate(movements, start=1)
    ]
    return first.isoformat(), rows
