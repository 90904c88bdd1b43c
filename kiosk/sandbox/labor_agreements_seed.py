"""The generated convenios of Consulta de Convenio Laboral: about 8,000 at full volume, approved
over the four years before the anchor in the first-instance labour courts of every department
(``labor_data.COURTS``, weighted as the labour cases are), with their instalments and payments.

Kept apart from ``services/labor_agreements.py`` (every module there is a service). Everything
here is [A]: the OJ publishes nothing about convenios. The shapes:

* a case settles with one worker, sometimes two or three who sued together: a convenio each,
  the same employer (and the same DPI for it: the employer, or its representative);
* 2 to 60 instalments, monthly (a tenth of the longer ones fortnightly), equal but the last,
  Q3,000 to Q90,000 in all; the first falls due one to four weeks after the approval;
* payments apply to the oldest instalment first; employers differ: most pay on time, some late,
  some stop, some pay part of one and stop, a few never pay. Nothing is paid after the anchor:
  instalments due later are still to come (and fall overdue as the sandbox ages);
* the case numbers are SGT numbers of the convenio's court, their sequences above 2000, over
  the labour-case sandbox's (at most about 600 a court a year): a convenio never names another
  labour case there.

Parties are stored with full names and DPIs, as a court file holds them; the API serves initials.
"""

from __future__ import annotations

import math
import random
from datetime import date

from kiosk.geography import municipality_count
from kiosk.sandbox import labor_data as data
from kiosk.sandbox.labor_agreements_demo import (
    DEMO_AGREEMENTS,
    DEMO_DPIS,
    approved_on,
    instalment_rows,
    updated_at,
)
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, Weighted

AGREEMENTS = 8000
DAYS_BACK = 4 * 365  # approvals over the four years before the anchor
SEQUENCE_FLOOR = 2000
COUNTS = Weighted(
    (2, 3, 4, 5, 6, 8, 10, 12, 18, 24, 36, 48, 60),
    (5, 8, 10, 8, 14, 10, 10, 15, 6, 8, 4, 1.5, 0.5),
)
FORTNIGHTLY_SHARE = 0.1  # of schedules of 6 instalments or more
LOWEST_TOTAL, HIGHEST_TOTAL = 3_000, 90_000  # quetzales
#: how employers pay: on time, late, stop at some point, pay part of one and stop, never
PUNCTUAL, LATE, STOPPED, PARTIAL = 0.55, 0.75, 0.90, 0.97
#: where a party lives: the court's department, else anywhere (weighted as the cases are)
HOME_SHARE = 0.85
_DEPARTMENTS = Weighted(tuple(DEPARTMENT_WEIGHTS), [w for w, _ in DEPARTMENT_WEIGHTS.values()])
_CHECK_WEIGHTS = tuple(range(2, 10))
_MUNICIPALITIES = {code: municipality_count(code) for code in DEPARTMENT_WEIGHTS}
_TIMES = tuple(f"T{h:02d}:{m:02d}:00-06:00" for h in range(8, 16) for m in range(0, 60, 5))

AgreementRows = list[object]


def _organisation(name: str) -> bool:
    """A company, the State, the IGSS, a port, a municipality: represented by someone."""
    return "," in name or name.startswith(("Instituto", "Empresa", "Municipalidad"))


class AgreementSeeder:
    """Builds the two tables' rows as flat lists (one value after another), by pk."""

    def __init__(self, rng: random.Random, anchor: date) -> None:
        self.rng = rng
        self.anchor = anchor.toordinal()
        self.anchor_iso = anchor.isoformat()
        self.people = data.LabourPeople(rng)
        self.dpis: set[str] = set(DEMO_DPIS)
        self.representatives: dict[str, str] = {}  # organisation -> its representative's DPI
        self.ids: set[int] = set()
        self.sequences: dict[tuple[str, int], int] = {}
        self.count = 0
        self.agreements: AgreementRows = []
        self.instalments: AgreementRows = []
        # every day and month a convenio may name, written once: rows name them 100,000 times
        first = date.fromordinal(self.anchor - DAYS_BACK - 400)
        last = date.fromordinal(self.anchor + 31 * max(COUNTS.items) + 60)
        self.iso = {
            day: date.fromordinal(day).isoformat()
            for day in range(first.toordinal(), last.toordinal() + 1)
        }
        self.month_start = {
            month: date(month // 12, month % 12 + 1, 1).toordinal()
            for month in range(first.year * 12, last.year * 12 + 12)
        }

    # --- who ---------------------------------------------------------------------------------

    def dpi(self, home: int) -> str:
        """A valid DPI nobody else in the table has, registered at home or elsewhere."""
        rng = self.rng
        department = home if rng.random() < HOME_SHARE else _DEPARTMENTS.pick(rng)
        while True:
            serial = str(10_000_000 + int(rng.random() * 90_000_000))
            # kiosk.identity.dpi_check_digit's rule, without its input checks (a hot loop)
            check = sum(w * (ord(c) - 48) for w, c in zip(_CHECK_WEIGHTS, serial, strict=True)) % 11
            if check == 10:
                continue  # a serial no DPI is issued with
            municipality = 1 + int(rng.random() * _MUNICIPALITIES[department])
            dpi = f"{serial}{check}{department:02d}{municipality:02d}"
            if dpi not in self.dpis:
                self.dpis.add(dpi)
                return dpi

    def employer_dpi(self, name: str, home: int) -> str:
        if not _organisation(name):
            return self.dpi(home)  # a person employs: their own DPI
        known = self.representatives.get(name)
        if known is None:
            known = self.representatives[name] = self.dpi(home)
        return known

    # --- the cases ---------------------------------------------------------------------------

    def generate(self, target: int) -> None:
        rng = self.rng
        while self.count < target:
            court = data.COURTS.pick(rng)
            home = int(court.id[:2])
            approved = self.anchor - 3 - int(rng.random() * DAYS_BACK)
            weekday = (approved - 1) % 7  # date.fromordinal(1) is a Monday
            if weekday > 4:  # a court approves on a working day
                approved -= weekday - 4
            filed = date.fromordinal(approved - 60 - int(rng.random() * 340))
            number = self.case_number(court.id, filed.year)
            employer = self.people.employer(court)
            employer_dpi = self.employer_dpi(employer, home)
            draw = rng.random()
            workers = 1 if draw < 0.8 else 2 if draw < 0.95 else 3
            for _ in range(min(workers, target - self.count)):
                worker = (self.people.person(court.maya), self.dpi(home))
                self.agreement(number, court.id, approved, worker, (employer, employer_dpi))

    def case_number(self, court_id: str, year: int) -> str:
        sequence = self.sequences.get((court_id, year), SEQUENCE_FLOOR)
        sequence += 1 + int(self.rng.random() * 4)  # other cases of the court in between
        self.sequences[court_id, year] = sequence
        return f"{court_id}-{year}-{sequence:05d}"

    def new_id(self) -> str:
        while True:
            value = self.rng.getrandbits(64)
            if value not in self.ids:
                self.ids.add(value)
                return f"la_{value:016x}"

    # --- one convenio ------------------------------------------------------------------------

    def agreement(
        self,
        number: str,
        court_id: str,
        approved: int,
        worker: tuple[str, str],
        employer: tuple[str, str],
    ) -> None:
        rng = self.rng
        pk = self.count = self.count + 1
        count = COUNTS.pick(rng)
        total = math.exp(
            math.log(LOWEST_TOTAL) + rng.random() * math.log(HIGHEST_TOTAL / LOWEST_TOTAL)
        )
        total_cents = max(int(total) // 50 * 5000, count * 10_000)
        each = total_cents // count // 1000 * 1000  # whole ten quetzales; the last one evens up
        amounts = [each] * (count - 1) + [total_cents - each * (count - 1)]
        dues = self.due_dates(approved + 7 + int(rng.random() * 24), count)
        paid = self.payments(approved, dues, amounts)
        last = approved
        rows, iso = self.instalments, self.iso
        for index, (due, amount, (cents, on)) in enumerate(zip(dues, amounts, paid, strict=True)):
            rows += (pk, index + 1, iso[due], amount, cents, iso[on] if on else None)
            last = max(last, on)
        at = _TIMES[int(rng.random() * len(_TIMES))]
        self.agreements += (
            pk, self.new_id(), number, court_id, iso[approved], *worker, *employer, iso[last] + at,
        )  # fmt: skip

    def due_dates(self, first: int, count: int) -> list[int]:
        if count >= 6 and self.rng.random() < FORTNIGHTLY_SHARE:
            return [first + 15 * k for k in range(count)]
        start = date.fromordinal(first)  # the same day each month (the 28th at most), as
        month, day = start.year * 12 + start.month - 1, min(start.day, 28) - 1  # add_months
        starts = self.month_start
        return [starts[month + k] + day for k in range(count)]

    def payments(self, approved: int, dues: list[int], amounts: list[int]) -> list[tuple[int, int]]:
        """(cents paid, day of the payment or 0) per instalment, oldest paid first."""
        rng, anchor = self.rng, self.anchor
        due_now = sum(1 for due in dues if due <= anchor)
        draw = rng.random()
        paid: list[tuple[int, int]] = []
        if draw < LATE:  # on time, or late but in order
            late = draw >= PUNCTUAL
            previous = approved
            for due, amount in zip(dues[:due_now], amounts, strict=False):
                day = due + (5 + int(rng.random() * 40) if late else int(rng.random() * 6) - 3)
                if day > anchor and late:
                    break  # not paid yet: neither are the ones after it
                day = min(max(day, previous, approved + 1), anchor)
                paid.append((amount, day))
                previous = day
        elif draw < PARTIAL:  # stops after some; perhaps pays part of the next one first
            upto = int(rng.random() * due_now)
            paid = [(amount, min(due + int(rng.random() * 4), anchor))
                    for due, amount in zip(dues[:upto], amounts, strict=False)]  # fmt: skip
            if draw >= STOPPED and upto < len(dues):
                share = amounts[upto] * (3 + int(rng.random() * 5)) // 10 // 100 * 100
                day = min(dues[upto] + int(rng.random() * 10), anchor)
                paid.append((share, max(day, paid[-1][1] if paid else approved + 1)))
        return paid + [(0, 0)] * (len(dues) - len(paid))

    def demo(self) -> None:
        """The documented convenios, dated from the anchor (``refresh`` re-dates them)."""
        today = date.fromordinal(self.anchor)
        for demo in DEMO_AGREEMENTS:
            pk = self.count = self.count + 1
            rows = instalment_rows(demo, pk, today)
            for row in rows:
                self.instalments += row
            approved = approved_on(demo, today)
            self.agreements += (
                pk, self.new_id(), demo.number, demo.court, approved.isoformat(),
                *demo.worker, *demo.employer, updated_at(rows, approved),
            )  # fmt: skip
