"""Deterministic seed data for the sandbox: persons (RENAP), criminal records and bank boletas.

``seed_database`` draws everything from one ``random.Random(seed)`` and dates everything relative to
``anchor`` (never the clock), so the same seed and anchor give byte-identical tables. Persons are
spread over the 22 departments by population (2018 census) and get Mayan names about as often as
the department's people are Mayan; their DPIs are valid and unique. The documented demo data
(``kiosk.sandbox.demo``) is part of the result and counts towards ``persons`` and the boletas.
"""

from __future__ import annotations

import random
import sqlite3
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Generic, TypeVar

from kiosk.geography import DEPARTMENTS
from kiosk.identity import dpi_check_digit, make_dpi
from kiosk.sandbox import names
from kiosk.sandbox.demo import (
    BANKS,
    BOLETA_NUMBER_DIGITS,
    DEMO_BOLETAS,
    DEMO_PERSONS,
    FEE_CENTS,
    BankCode,
    apply_demo_data,
    atomic,
)
from kiosk.sandbox.store import GUATEMALA

T = TypeVar("T")
# dpi, first_names, last_names, birth_date, sex, department, municipality, review
PersonRow = tuple[str, str, str, str, str, int, int, int]

MIN_AGE, MAX_AGE = 18, 90
RECORD_SHARE = 0.03  # persons with criminal records
REVIEW_SHARE = 0.01  # persons whose requests go to review (homonyms)
BOLETAS_PER_BANK = 300  # demo boletas included
BOLETA_DAYS = 90  # seeded boletas were paid 0..90 days before the anchor
FEE_SHARE = 0.85  # seeded boletas for the exact fee
USED_SHARE = 0.30  # seeded boletas already spent
OTHER_AMOUNTS_CENTS = (1500, 2000, 2500, 3500, 4500, 5000, 6000, 10000)

# Inhabitants in thousands (INE, 2018 census) and the approximate share of Maya people.
_POPULATION: dict[str, tuple[int, float]] = {
    "Guatemala": (3016, 0.13), "El Progreso": (176, 0.01), "Sacatepéquez": (331, 0.40),
    "Chimaltenango": (615, 0.78), "Escuintla": (733, 0.06), "Santa Rosa": (397, 0.02),
    "Sololá": (421, 0.96), "Totonicapán": (418, 0.97), "Quetzaltenango": (800, 0.51),
    "Suchitepéquez": (555, 0.50), "Retalhuleu": (326, 0.23), "San Marcos": (1033, 0.29),
    "Huehuetenango": (1171, 0.65), "Quiché": (950, 0.89), "Baja Verapaz": (300, 0.59),
    "Alta Verapaz": (1216, 0.93), "Petén": (546, 0.31), "Izabal": (409, 0.23),
    "Zacapa": (245, 0.01), "Chiquimula": (415, 0.24), "Jalapa": (343, 0.19),
    "Jutiapa": (489, 0.02),
}  # fmt: skip
# Municipalities weigh 1, department seats 3; the big ones of the capital's department more.
_MUNICIPALITY_WEIGHT: dict[tuple[int, int], float] = {
    (1, 1): 9, (1, 8): 5, (1, 15): 4, (1, 10): 2, (1, 16): 2, (1, 17): 2,
}  # fmt: skip
_SEAT_WEIGHT = 3.0


@dataclass(frozen=True)
class SeedSummary:
    persons: int
    criminal_records: int
    boletas: int


class _Weighted(Generic[T]):
    """A weighted choice drawn with one ``rng.random()`` (bisect over cumulative weights)."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        self.items = tuple(items)
        self.cumulative: list[float] = []
        total = 0.0
        for weight in weights:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


@dataclass(frozen=True)
class _Place:
    department: int
    municipality: int
    maya: float


def _places() -> _Weighted[_Place]:
    places: list[_Place] = []
    weights: list[float] = []
    for dept in DEPARTMENTS:
        population, maya = _POPULATION[dept.name]
        munis = range(1, len(dept.municipalities) + 1)
        local = [
            _MUNICIPALITY_WEIGHT.get((dept.code, m), _SEAT_WEIGHT if m == 1 else 1.0) for m in munis
        ]
        for muni, weight in zip(munis, local, strict=True):
            places.append(_Place(dept.code, muni, maya))
            weights.append(population * weight / sum(local))
    return _Weighted(places, weights)


def _by_rank(items: Sequence[str]) -> _Weighted[str]:
    """Earlier (more common) names weigh more, with a long tail."""
    return _Weighted(items, [1 / (rank + 8) for rank in range(len(items))])


_PLACES = _places()
_AGES = _Weighted(range(MIN_AGE, MAX_AGE + 1), [100 - age for age in range(MIN_AGE, MAX_AGE + 1)])
_FEMALE = _by_rank(names.FEMALE_SPANISH_NAMES)
_MALE = _by_rank(names.MALE_SPANISH_NAMES)
_SURNAMES = _by_rank(names.SPANISH_SURNAMES)
_OFFENSES = _Weighted([o.name for o in names.OFFENSES], [o.weight for o in names.OFFENSES])
_RECORD_COUNTS = _Weighted((1, 2, 3), (75, 19, 6))


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def years_after(day: date, years: int) -> date:
    """The day someone born on ``day`` turns ``years`` old (29 February turns on 1 March)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


class _Generator:
    def __init__(self, rng: random.Random, anchor: date) -> None:
        self.rng = rng
        self.anchor = anchor
        self.serials = {person.dpi[:8] for person in DEMO_PERSONS}
        self.courts_by_department: dict[int, list[str]] = {}
        for court in names.COURTS:
            self.courts_by_department.setdefault(court.department, []).append(court.name)

    def dpi(self, department: int, municipality: int) -> str:
        while True:
            serial = f"{self.rng.randrange(10_000_000, 40_000_000):08d}"
            if serial not in self.serials and dpi_check_digit(serial) is not None:
                self.serials.add(serial)
                return make_dpi(serial, department, municipality)

    def first_names(self, sex: str, maya: float) -> str:
        rng = self.rng
        spanish, mayan = (
            (_FEMALE, names.FEMALE_MAYAN_NAMES) if sex == "F" else (_MALE, names.MALE_MAYAN_NAMES)
        )
        count = 2 if rng.random() < 0.75 else 1
        chosen: list[str] = []
        while len(chosen) < count:
            name = rng.choice(mayan) if rng.random() < maya * 0.15 else spanish.pick(rng)
            if name not in chosen:
                chosen.append(name)
        return " ".join(chosen)

    def surname(self, maya: float) -> str:
        if self.rng.random() < maya * 0.8:
            return self.rng.choice(names.MAYAN_SURNAMES)
        return _SURNAMES.pick(self.rng)

    def birth_date(self) -> date:
        age = _AGES.pick(self.rng)
        latest = years_before(self.anchor, age)  # turns ``age`` today
        earliest = years_before(self.anchor, age + 1) + timedelta(days=1)
        return earliest + timedelta(days=self.rng.randrange((latest - earliest).days + 1))

    def persons(self, count: int) -> list[PersonRow]:
        rng = self.rng
        rows: list[PersonRow] = []
        for _ in range(count):
            place = _PLACES.pick(rng)
            sex = "F" if rng.random() < 0.51 else "M"
            first = self.first_names(sex, place.maya)
            last = f"{self.surname(place.maya)} {self.surname(place.maya)}"
            born = self.birth_date()
            review = rng.random() < REVIEW_SHARE
            if review and rows and rng.random() < 0.5:
                # a homonym of someone already registered: the usual reason for a review
                _, first, last, _, sex, *_ = rows[rng.randrange(len(rows))]
            dpi = self.dpi(place.department, place.municipality)
            rows.append(
                (dpi, first, last, born.isoformat(), sex, place.department, place.municipality,
                 int(review))
            )  # fmt: skip
        return rows

    def court(self, department: int) -> str:
        local = self.courts_by_department.get(department)
        if local and self.rng.random() < 0.6:
            return self.rng.choice(local)
        return self.rng.choice(names.COURTS).name

    def records(self, persons: Sequence[PersonRow]) -> list[tuple[int, str, str, str, str]]:
        rng = self.rng
        rows: list[tuple[int, str, str, str, str]] = []
        for dpi, _, _, born, _, department, _, _ in persons:
            adult = years_after(date.fromisoformat(born), MIN_AGE)
            span = (self.anchor - adult).days  # sentenced on adult .. anchor - 1 day
            if span < 365 or rng.random() >= RECORD_SHARE:
                continue
            days = sorted(rng.randrange(span) for _ in range(_RECORD_COUNTS.pick(rng)))
            for day in days:
                sentenced = (adult + timedelta(days=day)).isoformat()
                offense = _OFFENSES.pick(rng)
                rows.append((len(rows) + 1, dpi, self.court(department), offense, sentenced))
        return rows

    def boletas(self, per_bank: int) -> list[tuple[str, str, str, int, str | None, str | None]]:
        rng = self.rng
        rows: list[tuple[str, str, str, int, str | None, str | None]] = []
        spent = 0
        for bank in BANKS:
            taken = {b.number for b in DEMO_BOLETAS if b.bank == bank}
            for _ in range(per_bank - len(taken)):
                number = self.boleta_number(bank, taken)
                days_ago = rng.randint(0, BOLETA_DAYS)
                paid_on = self.anchor - timedelta(days=days_ago)
                amount = FEE_CENTS if rng.random() < FEE_SHARE else rng.choice(OTHER_AMOUNTS_CENTS)
                used_by: str | None = None
                used_at: str | None = None
                if days_ago > 0 and rng.random() < USED_SHARE:
                    spent += 1
                    used_by = f"seed-{spent}"
                    used_on = paid_on + timedelta(days=rng.randrange(days_ago))
                    at = time(8 + rng.randrange(9), rng.randrange(60))
                    used_at = datetime.combine(used_on, at, GUATEMALA).isoformat()
                rows.append((bank, number, paid_on.isoformat(), amount, used_by, used_at))
        return rows

    def boleta_number(self, bank: BankCode, taken: set[str]) -> str:
        digits = BOLETA_NUMBER_DIGITS[bank]
        while True:
            # never a leading 9: the bank simulator's boletas start with 9
            rest = self.rng.randrange(10 ** (digits - 1))
            number = f"{self.rng.randint(1, 8)}{rest:0{digits - 1}d}"
            if number not in taken:
                taken.add(number)
                return number


def seed_database(
    conn: sqlite3.Connection, *, seed: int, anchor: date, persons: int = 5000
) -> SeedSummary:
    """Fill an empty sandbox database (schema.sql applied) in one transaction.

    ``persons`` counts the demo persons too; the returned counts are the tables' row counts.
    """
    if persons < len(DEMO_PERSONS):
        raise ValueError(f"persons must be at least {len(DEMO_PERSONS)} (the demo persons)")
    rng = random.Random(seed)
    generator = _Generator(rng, anchor)
    with atomic(conn):
        if conn.execute("SELECT 1 FROM persons LIMIT 1").fetchone() is not None:
            raise ValueError("the database already has persons: seed an empty database")
        person_rows = generator.persons(persons - len(DEMO_PERSONS))
        record_rows = generator.records(person_rows)
        boleta_rows = generator.boletas(BOLETAS_PER_BANK)
        conn.executemany("INSERT INTO persons VALUES (?, ?, ?, ?, ?, ?, ?, ?)", person_rows)
        conn.executemany(
            "INSERT INTO criminal_records(id, dpi, court, offense, sentenced_on) "
            "VALUES (?, ?, ?, ?, ?)",
            record_rows,
        )
        conn.executemany(
            "INSERT INTO boletas(bank, number, paid_on, amount_cents, used_by, used_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            boleta_rows,
        )
        apply_demo_data(conn, anchor)
        summary = SeedSummary(
            persons=_count(conn, "persons"),
            criminal_records=_count(conn, "criminal_records"),
            boletas=_count(conn, "boletas"),
        )
        conn.executemany(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [("seed", str(seed)), ("anchor", anchor.isoformat()), ("persons", str(persons))],
        )
    return summary


def _count(conn: sqlite3.Connection, table: str) -> int:
    row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 - fixed names
    return int(row[0])
