"""The documented alimony demo: three people with a PIN and the four cases they see, always seeded
and kept true at every start (``kiosk sandbox`` refreshes their movements to today's date, their
PINs to the documented ones, and unlocks them). The README lists them.

Each demo case's account is a plan: a function of today that gives the first month on record and
its movements, so "3 meses sin depósito" stays three months however old the data folder is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from kiosk.portal.models.alimony import PensionKind
from kiosk.portal.models.payments import Bank
from kiosk.sandbox.alimony_data import BRANCHES_BY_DEPARTMENT

DEPOSIT, WITHDRAWAL = 0, 1


@dataclass(frozen=True)
class DemoPerson:
    dpi: str
    name: str  # as the court file holds it: the API shows initials
    birth_date: date
    pin: str | None = None  # the documented PIN (None: no PIN issued)
    temporary: bool = False  # the first use forces a new PIN


#: (day, DEPOSIT or WITHDRAWAL, amount in cents, branch index, reference number)
MovementRow = tuple[date, int, int, int, int]
#: today -> (the first day of the first month on record, the movements, oldest first)
Plan = Callable[[date], tuple[date, list[MovementRow]]]


@dataclass(frozen=True)
class DemoCase:
    number: str  # SGT, canonical
    court: str  # DDCCC
    shows: str  # what it demonstrates (README)
    obligor: DemoPerson
    representative: DemoPerson
    children: tuple[str, ...]
    monthly_cents: int
    kind: PensionKind
    started_on: date
    fixed_on: date
    plan: Plan

    @property
    def id(self) -> str:
        """Fixed, so a refresh finds it; as opaque as any other case's."""
        return "pa_" + hashlib.sha256(f"demo:{self.number}".encode()).hexdigest()[:16]


def months_before(day: date, months: int, on: int | None = None) -> date:
    """``day`` moved ``months`` months back, on day ``on`` (default: the same day, at most 28)."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, on or min(day.day, 28))


def _banrural(department: int) -> int:
    return BRANCHES_BY_DEPARTMENT[department][Bank.BANRURAL][0]


def _monthly(
    today: date,
    months: tuple[int, ...],
    day: Callable[[int], int],
    cents: int,
    department: int,
    slips: int,
    withdraw_after: int | None,
) -> list[MovementRow]:
    """A deposit ``months`` months back (each on ``day(months_back)``), each withdrawn
    ``withdraw_after`` days later when that is before today."""
    rows: list[MovementRow] = []
    branch = _banrural(department)
    for index, back in enumerate(sorted(months, reverse=True)):
        on = months_before(today, back, day(back))
        rows.append((on, DEPOSIT, cents, branch, slips + index))
        if withdraw_after is not None and on + timedelta(days=withdraw_after) < today:
            rows.append((on + timedelta(days=withdraw_after), WITHDRAWAL, cents, branch,
                         4000 + slips % 1000 + index))  # fmt: skip
    return sorted(rows, key=lambda row: row[0])


def _overdue(today: date) -> tuple[date, list[MovementRow]]:
    """Twelve monthly deposits of Q1,200.00, the last one three months ago; each withdrawn but
    the last: 3 months without a deposit, Q3,600.00 owed, Q1,200.00 to withdraw."""
    rows = _monthly(today, tuple(range(3, 15)), lambda _: min(today.day, 28), 120_000, 9,
                    3_004_120_100, withdraw_after=6)  # fmt: skip
    rows.remove(next(r for r in reversed(rows) if r[1] == WITHDRAWAL))  # the last stays there
    return months_before(today, 14, 1), rows


def _up_to_date(cents: int, department: int, slips: int) -> Plan:
    """Ten monthly deposits, the last one this month, each withdrawn five days later: nothing
    owed, a deposit in the last month."""

    def plan(today: date) -> tuple[date, list[MovementRow]]:
        day = min(3, today.day)
        rows = _monthly(today, tuple(range(10)), lambda _: day, cents, department, slips, 5)
        return months_before(today, 9, 1), rows

    return plan


def _irregular(today: date) -> tuple[date, list[MovementRow]]:
    """Eight deposits of Q1,500.00 in twelve months, the last one a month ago (on the 1st):
    Q6,000.00 owed, 1 month without a deposit."""
    months = (11, 10, 8, 7, 5, 3, 2, 1)
    rows = _monthly(today, months, lambda _: 1, 150_000, 1, 30_118_700, withdraw_after=8)
    return months_before(today, 11, 1), rows


REPRESENTATIVE = DemoPerson(
    "9901023190901", "María Elena Tzoc Ajanel", date(1991, 4, 17), pin="2580"
)
FIRST_USE = DemoPerson(
    "9902045881601", "Pedro Antonio Cux Xitumul", date(1988, 11, 23), pin="739150",
    temporary=True,
)  # fmt: skip
TWO_CASES = DemoPerson(
    "9903071230101", "Marvin Estuardo López Ramírez", date(1983, 2, 11), pin="4827"
)
_OBLIGOR_A = DemoPerson("9905231440501", "Julio César Chávez Pérez", date(1987, 9, 2))
_MOTHER_B = DemoPerson("9906273141601", "Rosa Amalia Caal Pop", date(1993, 6, 30))
_MOTHER_C1 = DemoPerson("9904128650108", "Claudia Patricia Morales Díaz", date(1985, 12, 5))
_MOTHER_C2 = DemoPerson("9907331810501", "Karla Yesenia Gómez Ortiz", date(1996, 1, 19))

#: A representative (PIN 2580): 3 months without a deposit, Q3,600.00 owed, 23 movements.
DEMO_OVERDUE_NUMBER = "09005-2023-00412"
#: An obligor whose PIN 739150 is temporary: the first log-in asks for a new one.
DEMO_FIRST_USE_NUMBER = "16004-2024-00158"
#: An obligor (PIN 4827) with two cases: the list to choose one.
DEMO_TWO_CASES_NUMBERS = ("01034-2019-01187", "05004-2022-00233")

DEMO_CASES: tuple[DemoCase, ...] = (
    DemoCase(
        DEMO_OVERDUE_NUMBER, "09005", "3 meses sin depósito, Q3,600.00 adeudados",
        _OBLIGOR_A, REPRESENTATIVE, ("Ana Sofía Chávez Tzoc", "Luis Fernando Chávez Tzoc"),
        120_000, PensionKind.DEFINITIVA, date(2023, 3, 6), date(2023, 8, 14), _overdue,
    ),
    DemoCase(
        DEMO_FIRST_USE_NUMBER, "16004", "al día; el PIN temporal pide uno nuevo",
        FIRST_USE, _MOTHER_B, ("Josué Daniel Cux Caal",),
        80_000, PensionKind.DEFINITIVA, date(2024, 2, 12), date(2024, 7, 1),
        _up_to_date(80_000, 16, 1_600_415_800),
    ),
    DemoCase(
        DEMO_TWO_CASES_NUMBERS[0], "01034", "pagos irregulares: Q6,000.00 adeudados",
        TWO_CASES, _MOTHER_C1, ("Diego Alejandro López Morales", "Valeria López Morales"),
        150_000, PensionKind.DEFINITIVA, date(2019, 5, 20), date(2019, 11, 4), _irregular,
    ),
    DemoCase(
        DEMO_TWO_CASES_NUMBERS[1], "05004", "al día, del mismo obligado",
        TWO_CASES, _MOTHER_C2, ("Mateo López Gómez",),
        90_000, PensionKind.PROVISIONAL, date(2022, 9, 8), date(2022, 9, 8),
        _up_to_date(90_000, 5, 5_002_233_100),
    ),
)  # fmt: skip

#: every demo person, once (the two-case obligor is in two cases)
DEMO_PEOPLE: tuple[DemoPerson, ...] = tuple(
    {p.dpi: p for c in DEMO_CASES for p in (c.obligor, c.representative)}.values()
)
