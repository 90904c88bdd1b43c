"""The FEI's tables and their seed: the catalogue of concepts, and forms at volume.

[A] About 24,000 forms a year (a hundred a working day across the country) from 2025 to the
anchor, numbered by year in the order they were made, in all 22 departments as the courts' work
is spread (``people.DEPARTMENT_WEIGHTS``); a form that needs a case names an SGT number of a real
court of its department (``kiosk.courts``). Payers are people (DPI or NIT) and companies (NIT),
stored in full as the portal holds them and only ever served as initials and last digits. Most
forms were paid within their days at one of the three banks; the rest expired.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime, time, timedelta

from kiosk.courts import CourtKind, courts_in
from kiosk.formats import GUATEMALA
from kiosk.geography import municipality_count
from kiosk.identity import dpi_check_digit
from kiosk.nit import make_nit
from kiosk.portal.models.income_forms import ConceptKind
from kiosk.portal.models.payments import Bank
from kiosk.sandbox import income_forms_data as data
from kiosk.sandbox.bulk import insert_rows
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, People, Weighted
from kiosk.sandbox.services import volume

SCHEMA = """
CREATE TABLE IF NOT EXISTS fei_concepts (
    code         TEXT PRIMARY KEY,
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL,
    needs_case   INTEGER NOT NULL,
    amount_cents INTEGER,
    min_cents    INTEGER,
    max_cents    INTEGER
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fei_concepts_kind ON fei_concepts(kind, position);
CREATE TABLE IF NOT EXISTS fei_forms (
    pk           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,
    concept      TEXT NOT NULL,
    case_number  TEXT,
    department   INTEGER NOT NULL,
    payer_kind   TEXT NOT NULL,
    payer_id     TEXT NOT NULL,
    payer_name   TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    valid_until  TEXT NOT NULL,
    paid_at      TEXT,
    paid_bank    TEXT,
    kiosk_id     TEXT
);
CREATE TABLE IF NOT EXISTS fei_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
)
"""
TABLES = ("fei_forms", "fei_concepts", "fei_counters")
FORM_COLUMNS = 14

FIRST_YEAR = 2025
FORMS_PER_YEAR = 24_000  # [A]
PAID_SHARE = 0.82  # [A] of the forms whose days have passed
PAYERS = 9_000  # [A] people and firms who paid with a FEI in the years seeded (many, often)
#: [A] what people pay with a FEI, by kind (fines and deposits most)
KIND_WEIGHTS: dict[ConceptKind, float] = {
    ConceptKind.MULTAS: 30, ConceptKind.DEPOSITOS: 25, ConceptKind.CERTIFICACIONES: 15,
    ConceptKind.COPIAS: 12, ConceptKind.TASAS: 10, ConceptKind.CAUCIONES: 8,
}  # fmt: skip
BANK_WEIGHTS = Weighted((Bank.BANRURAL, Bank.INDUSTRIAL, Bank.GYT), (55, 30, 15))
#: the courts whose cases people pay for: first instance, sentencing and peace courts
_CASE_COURTS = (CourtKind.PRIMERA_INSTANCIA, CourtKind.SENTENCIA, CourtKind.PAZ)
_MINUTES = tuple(range(8 * 60, 16 * 60 + 30))  # office hours


def number_of(year: int, sequence: int) -> str:
    return f"FEI-{year:04d}-{sequence:08d}"


def seed_forms(
    conn: sqlite3.Connection, rng: random.Random, anchor: date, *, per_year: int = FORMS_PER_YEAR
) -> None:
    """The catalogue, ``per_year`` forms a year from 2025 to the anchor (its year pro rata),
    the demo forms, and each year's last number."""
    insert_rows(conn, "fei_concepts", 9, _concept_rows())
    seeder = _Seeder(rng, anchor)
    seeder.forms(volume(per_year))
    for demo in data.DEMO_FORMS:
        seeder.demo(demo)
    insert_rows(conn, "fei_forms", FORM_COLUMNS, seeder.rows)
    conn.executemany(
        "INSERT INTO fei_counters(year, last) VALUES (?, ?)", sorted(seeder.last.items())
    )


def _concept_rows() -> list[object]:
    rows: list[object] = []
    for position, concept in enumerate(data.CONCEPTS):
        low, high = concept.bounds or (None, None)
        rows += (concept.code, position, concept.kind, concept.name, concept.description,
                 int(concept.needs_case), concept.amount, low, high)  # fmt: skip
    return rows


class _Seeder:
    """Builds the forms' rows as one flat list, in number order. Days are ordinals and times
    minutes of the day, written through tables made once (no datetime per row: 2 s budget)."""

    def __init__(self, rng: random.Random, anchor: date) -> None:
        self.rng = rng
        self.anchor = anchor.toordinal()
        self.people = People(rng)
        self.rows: list[object] = []
        self.last: dict[int, int] = {}
        self.pk = 0
        weights = [KIND_WEIGHTS[c.kind] / _count(c.kind) for c in data.CONCEPTS]
        self.concepts = Weighted(data.CONCEPTS, weights)
        codes = sorted(DEPARTMENT_WEIGHTS)
        shares = [DEPARTMENT_WEIGHTS[c][0] for c in codes]
        self.departments = Weighted(codes, shares)
        self.courts = {
            code: [c.id for c in courts_in(code) if c.kind in _CASE_COURTS] for code in codes
        }
        # the people and firms who pay: many pay more than once (a lawyer's fees, a firm's)
        total = sum(shares)
        self.payers = {
            code: [self.payer(code) for _ in range(40 + int(PAYERS * share / total))]
            for code, share in zip(codes, shares, strict=True)
        }
        first = date(FIRST_YEAR - 1, 12, 1).toordinal()
        self.days = {
            day: date.fromordinal(day).isoformat() for day in range(first, self.anchor + 30)
        }
        self.times = [f"T{m // 60:02d}:{m % 60:02d}:00-06:00" for m in range(24 * 60)]

    def forms(self, per_year: int) -> None:
        rng, anchor = self.rng, self.anchor
        made: list[tuple[int, int]] = []  # (day, minute)
        for year in range(FIRST_YEAR, date.fromordinal(anchor).year + 1):
            first = date(year, 1, 1).toordinal()
            length = date(year, 12, 31).toordinal() - first + 1
            last = min(first + length - 1, anchor)
            for _ in range(round(per_year * max(last - first + 1, 0) / length)):
                day = first + int(rng.random() * (last - first + 1))
                weekday = (day - 1) % 7  # ordinal 1 (1 Jan of year 1) was a Monday
                if weekday > 4:  # banks and courts: weekdays
                    day -= weekday - 4
                made.append((day, _MINUTES[int(rng.random() * len(_MINUTES))]))
        made.sort()  # numbered in the order they were made
        for day, minute in made:
            self.form(day, minute)

    def form(self, day: int, minute: int) -> None:
        rng, days = self.rng, self.days
        concept = self.concepts.pick(rng)
        department = self.departments.pick(rng)
        iso = days[day]
        year = int(iso[:4])
        case = self.case_number(department, year) if concept.needs_case else None
        payers = self.payers[department]
        kind, payer_id, name = payers[int(rng.random() * len(payers))]
        amount = concept.amount if concept.amount is not None else self.amount(concept)
        valid_until = day + data.VALID_DAYS
        paid_at, bank = self.payment(day, minute, valid_until)
        sequence = self.last[year] = self.last.get(year, 0) + 1
        self.pk += 1
        self.rows += (
            self.pk, number_of(year, sequence), concept.code, case, department, kind, payer_id,
            name, amount, iso + self.times[minute], days[valid_until], paid_at, bank, None,
        )  # fmt: skip

    def payer(self, department: int) -> tuple[str, str, str]:
        """(kind, NIT or DPI, full name): a person with a DPI or a NIT, or a firm's NIT."""
        draw = self.rng.random()
        maya = DEPARTMENT_WEIGHTS[department][1]
        if draw < 0.55:
            return "dpi", self.dpi(department), self.people.person(maya)
        if draw < 0.75:
            return "nit", self.nit(7, 8), self.people.person(maya)
        return "nit", self.nit(6, 9), self.people.company()

    def case_number(self, department: int, year: int) -> str:
        rng = self.rng
        courts = self.courts[department]
        court = courts[int(rng.random() * len(courts))]
        filed = year - int(rng.random() ** 2 * 5)  # most cases are recent
        sequence = 1 + int(rng.random() ** 2 * 1500)
        return f"{court}-{filed:04d}-{sequence:05d}"

    def dpi(self, department: int) -> str:
        rng = self.rng
        while True:
            serial = f"{int(rng.random() * 100_000_000):08d}"
            check = dpi_check_digit(serial)
            if check is not None:
                break
        municipality = 1 + int(rng.random() * municipality_count(department))
        return f"{serial}{check}{department:02d}{municipality:02d}"

    def nit(self, shortest: int, longest: int) -> str:
        """A valid NIT of ``shortest`` to ``longest`` digits before its check digit."""
        low, high = 10 ** (shortest - 1), 10**longest
        return make_nit(str(low + int(self.rng.random() * (high - low))))

    def amount(self, concept: data.Concept) -> int:
        """Typed amounts lean to the low end of the bounds, in whole quetzales (copies in
        fifty-cent pages)."""
        assert concept.bounds is not None
        low, high = concept.bounds
        cents = low * (high / low) ** (self.rng.random() ** 3)
        step = 50 if low < 100 else 100
        return int(min(high, max(low, round(cents / step) * step)))

    def payment(self, day: int, minute: int, valid_until: int) -> tuple[str | None, str | None]:
        """Most forms are paid within their days, at one of the banks; those still open on the
        anchor day, about half so far."""
        rng = self.rng
        if rng.random() >= (0.45 if valid_until >= self.anchor else PAID_SHARE):
            return None, None
        paid_day = day + int(rng.random() * (min(valid_until, self.anchor) - day + 1))
        paid_minute = _MINUTES[int(rng.random() * len(_MINUTES))]
        if paid_day == day and paid_minute < minute + 20:  # paid after it was made
            paid_minute = min(minute + 20, 24 * 60 - 1)
        return self.days[paid_day] + self.times[paid_minute], BANK_WEIGHTS.pick(rng)

    def demo(self, demo: data.DemoForm) -> None:
        self.pk += 1
        payer_kind, payer_id = demo.payer
        created, valid_until, paid = demo_dates(demo, date.fromordinal(self.anchor))
        self.rows += (
            self.pk, demo.number, demo.concept, demo.case_number,
            _department_of(demo.case_number), payer_kind, payer_id, data.DEMO_PAYER_NAME,
            demo.amount, created, valid_until, paid,
            demo.paid_bank.value if demo.paid_bank else None, None,
        )  # fmt: skip


def demo_dates(demo: data.DemoForm, today: date) -> tuple[str, str, str | None]:
    """(created_at, valid_until, paid_at) that keep a demo form's status true on ``today``."""
    created = datetime.combine(today - timedelta(days=demo.created_days_ago), time(10, 15))
    created = created.replace(tzinfo=GUATEMALA)
    valid_until = created.date() + timedelta(days=data.VALID_DAYS)
    paid = None
    if demo.paid_days_ago is not None:
        day = today - timedelta(days=demo.paid_days_ago)
        paid = datetime.combine(day, time(11, 40), GUATEMALA).isoformat()
    return created.isoformat(), valid_until.isoformat(), paid


def refresh_demo(conn: sqlite3.Connection, today: date) -> None:
    """The documented demo forms stay pending, paid and expired however old the data is."""
    for demo in data.DEMO_FORMS:
        created, valid_until, paid = demo_dates(demo, today)
        conn.execute(
            "UPDATE fei_forms SET created_at = ?, valid_until = ?, paid_at = ? WHERE number = ?",
            (created, valid_until, paid, demo.number),
        )


def _count(kind: ConceptKind) -> int:
    return sum(1 for concept in data.CONCEPTS if concept.kind is kind)


def _department_of(case_number: str | None) -> int:
    return int(case_number[:2]) if case_number else 1
