"""The detention register's seed: about 24,000 people detained now ([F] the prison population)
and those released in the last six years, in every department, on the real court structure.

Deterministic: everything comes from the rng the sandbox gives the service (its own), except the
documented demo people (``DemoDetainee``, ``DemoCrowd``), which are the same for every seed. Rows
are built as flat lists and written with multi-row INSERTs: the seed is paid at every fresh
sandbox start, so it is kept to about a second.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from kiosk.identity import dpi_check_digit
from kiosk.portal.models.detainees import name_key, name_words
from kiosk.sandbox import names
from kiosk.sandbox.detainees_data import (
    CENTRES,
    DETENTION_DEPARTMENTS,
    MATTERS,
    MUNICIPALITIES,
    SITUATIONS,
    WOMEN_SHARE,
    CaseMatter,
    Name,
    People,
    Situation,
    centre_for,
    court_for,
)
from kiosk.sandbox.services import volume

CURRENT_ADULTS = 24_000  # [F] about 24,000 people in prison
RELEASED_PER_YEAR = 6_000  # [A] detentions that ended, a year
#: the register keeps the released of these last years: the same volume whatever the anchor
RELEASED_YEARS = 6
JUVENILE_SHARE = 0.03  # [A] detentions of adolescents (never served)
RECIDIVISM = 0.06  # [A] current detentions of someone released before
BORN_HERE = 0.75  # [A] people detained in the department where they were born
#: DPI serials of generated people and of the demo: apart from each other and from the sandbox's
#: RENAP-like persons (10,000,000 to 39,999,999), so no DPI names two people
GENERATED_SERIALS = (40_000_000, 80_000_000)
DEMO_SERIALS = 80_000_000
_CENTRE_INDEX = {centre.name: index for index, centre in enumerate(CENTRES)}
_TIMES = tuple(f"T{h:02d}:{m:02d}:00-06:00" for h in range(8, 17) for m in range(0, 60, 5))


@dataclass(frozen=True)
class DemoDetainee:
    """One documented person of the register, seeded as declared."""

    dpi: str
    given_names: str
    first_surname: str
    second_surname: str | None
    birth_date: date
    shows: str  # what it demonstrates (README)
    since: date
    centre: str  # a name in detainees_data.CENTRES
    court: str  # a kiosk.courts id
    released_on: date | None = None
    matter: CaseMatter = CaseMatter.COMUN

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.first_surname, self.second_surname) if p)

    @property
    def juvenile(self) -> bool:
        """Detained before 18: the adolescents' system, never served."""
        born, since = self.birth_date, self.since
        return (since.year - born.year - ((since.month, since.day) < (born.month, born.day))) < 18


@dataclass(frozen=True)
class DemoCrowd:
    """Many people detained now who share a given name and a first surname: homonyms to list,
    page through or narrow. Made by a fixed rng: the same people for every sandbox seed."""

    given_name: str
    first_surname: str
    count: int
    shows: str
    serials: int  # the first DPI serial they may use (a block of their own)

    def people(self) -> tuple[DemoDetainee, ...]:
        rng = random.Random(f"registro-detenidos:{self.given_name}:{self.first_surname}")
        seconds = [n for n in names.MALE_SPANISH_NAMES if n != self.given_name]
        serial = self.serials
        made: list[DemoDetainee] = []
        for _ in range(self.count):
            department = DETENTION_DEPARTMENTS.pick(rng)
            serial, dpi = _next_dpi(serial, department, 1 + int(rng.random() * 5))
            situation = Situation.PREVENTIVA
            since = date(2023, 1, 2).toordinal() + int(rng.random() * 1000)  # by 2025-09-28
            made.append(
                DemoDetainee(
                    dpi,
                    f"{self.given_name} {seconds[int(rng.random() * len(seconds))]}",
                    self.first_surname,
                    names.SPANISH_SURNAMES[int(rng.random() * 60)],
                    date(1962 + int(rng.random() * 40), 1 + int(rng.random() * 12), 14),
                    self.shows,
                    date.fromordinal(since),
                    CENTRES[
                        centre_for(rng, department, situation, women=False, juvenile=False)
                    ].name,
                    court_for(rng, department, situation, CaseMatter.COMUN, juvenile=False),
                )
            )
        return tuple(made)


def _check_digit(serial: int) -> int | None:
    """``kiosk.identity.dpi_check_digit`` of an 8-digit serial, without its checks on the text
    (a third of its time, paid some 65,000 times; the tests validate every DPI seeded)."""
    d = f"{serial:08d}".encode()
    total = d[0] * 2 + d[1] * 3 + d[2] * 4 + d[3] * 5 + d[4] * 6 + d[5] * 7 + d[6] * 8 + d[7] * 9
    check = (total - 48 * 44) % 11  # 48: b"0"; 44: the sum of the weights
    return None if check == 10 else check


def _next_dpi(serial: int, department: int, municipality: int) -> tuple[int, str]:
    """The first serial from ``serial`` with a check digit, its DPI, and where to go on."""
    while (check := dpi_check_digit(f"{serial:08d}")) is None:
        serial += 1
    return serial + 1, f"{serial:08d}{check}{department:02d}{municipality:02d}"


def seed_detainees(
    conn: sqlite3.Connection,
    rng: random.Random,
    anchor: date,
    *,
    current: int = CURRENT_ADULTS,
    released_per_year: int = RELEASED_PER_YEAR,
    demo: Sequence[DemoDetainee] = (),
) -> None:
    """The register on ``anchor``: those released in the ``RELEASED_YEARS`` before it, the
    ``current`` adults detained now (and adolescents beside them), and the demo people."""
    seeder = _Seeder(rng, anchor)
    seeder.released(volume(released_per_year))
    seeder.current(volume(current))
    for person in demo:
        seeder.demo(person)
    seeder.write(conn)


class _Seeder:
    POOL = 4096

    def __init__(self, rng: random.Random, anchor: date) -> None:
        self.rng = rng
        self.anchor = anchor.toordinal()
        self.people = People(rng)
        self.persons: list[object] = []  # flat rows: pk, dpi, given, first, second, born
        self.detentions: list[list[object]] = []  # without their id yet
        self.names: list[tuple[str, str, int]] = []
        self.serials: set[int] = set()
        first = date(1930, 1, 1).toordinal()  # the oldest birth possible, to the anchor
        self.iso = {day: date.fromordinal(day).isoformat() for day in range(first, self.anchor + 1)}
        self.given_keys: dict[str, tuple[str, ...]] = {}  # the same names come back often
        self.surname_keys: dict[str, str] = {}
        self.count = 0
        #: released adults a current detention may be of: (person, department, women, released)
        self.returning: list[tuple[int, int, bool, int]] = []
        # weighted draws made once: a uniform pick among them keeps the weights, without a bisect
        self.departments = [DETENTION_DEPARTMENTS.pick(rng) for _ in range(self.POOL)]
        self.situations = [SITUATIONS.pick(rng) for _ in range(self.POOL)]
        self.matters = [MATTERS.pick(rng) for _ in range(self.POOL)]

    # --- people ---------------------------------------------------------------------------------

    def dpi(self, department: int) -> str:
        draw, (low, high) = self.rng.random, GENERATED_SERIALS
        span = high - low
        while True:
            serial = low + int(draw() * span)
            check = _check_digit(serial)
            if check is not None and serial not in self.serials:
                self.serials.add(serial)
                municipality = 1 + int(draw() * MUNICIPALITIES[department])
                return f"{serial}{check}{department:02d}{municipality:02d}"

    def person(self, dpi: str, name: Name, born: str) -> int:
        pk = self.count = self.count + 1
        given_names, first_surname, second_surname = name
        self.persons += (pk, dpi, given_names, first_surname, second_surname, born)
        surname = self.surname_keys.get(first_surname)
        if surname is None:
            surname = self.surname_keys[first_surname] = name_key(first_surname)
        given = self.given_keys.get(given_names)
        if given is None:
            given = self.given_keys[given_names] = name_words(given_names)
        for word in given:
            self.names.append((surname, word, pk))
        return pk

    def new_person(self, department: int, since: int, women: bool, juvenile: bool) -> int:
        draw = self.rng.random
        born_in = department if draw() < BORN_HERE else self.departments[int(draw() * self.POOL)]
        age = 13 + int(draw() * 5) if juvenile else 18 + int(draw() ** 2 * 48)
        born = since - age * 365 - 1 - int(draw() * 360)
        name = self.people.name(born_in, women=women)
        return self.person(self.dpi(born_in), name, self.iso[born])

    # --- detentions -----------------------------------------------------------------------------

    def detention(
        self,
        person: int,
        department: int,
        since: int,
        released: int | None,
        situation: Situation,
        women: bool,
        juvenile: bool,
    ) -> None:
        rng, iso = self.rng, self.iso
        draw = rng.random
        matter = CaseMatter.COMUN if juvenile else self.matters[int(draw() * self.POOL)]
        centre = centre_for(rng, department, situation, women=women, juvenile=juvenile)
        court = court_for(rng, department, situation, matter, juvenile=juvenile)
        end = self.anchor if released is None else released
        at = iso[since + int(draw() * (end - since + 1))] + _TIMES[int(draw() * len(_TIMES))]
        released_on = None if released is None else iso[released]
        row = [person, iso[since], released_on, centre, court, matter, int(juvenile), at]
        self.detentions.append(row)

    def released(self, per_year: int) -> None:
        rng, pool = self.rng, self.POOL
        draw = rng.random
        days = RELEASED_YEARS * 365
        first = self.anchor - days
        for _ in range(per_year * RELEASED_YEARS):
            release = first + int(draw() * days)
            since = release - 3 - int(rng.expovariate(1 / 240))
            department = self.departments[int(draw() * pool)]
            women, juvenile = draw() < WOMEN_SHARE, draw() < JUVENILE_SHARE
            person = self.new_person(department, since, women, juvenile)
            situation = self.situations[int(draw() * pool)]
            self.detention(person, department, since, release, situation, women, juvenile)
            if not juvenile and release < self.anchor - 60:
                self.returning.append((person, department, women, release))

    def current(self, adults: int) -> None:
        rng, pool = self.rng, self.POOL
        draw = rng.random
        for _ in range(round(adults * (1 + JUVENILE_SHARE))):
            juvenile = draw() < JUVENILE_SHARE / (1 + JUVENILE_SHARE)
            situation = self.situations[int(draw() * pool)]
            if situation is Situation.PREVENTIVA:
                days = 1 + min(int(rng.expovariate(1 / 330)), 1800)
            elif situation is Situation.JUICIO:
                days = 180 + int(draw() * 1200)
            else:
                days = 365 + int(draw() ** 1.5 * 4500)
            if not juvenile and self.returning and draw() < RECIDIVISM:
                # someone released before, detained again (never twice at once)
                index = int(draw() * len(self.returning))
                person, department, women, release = self.returning[index]
                self.returning[index] = self.returning[-1]
                self.returning.pop()
                since = release + 30 + int(draw() * (self.anchor - release - 30))
            else:
                department = self.departments[int(draw() * pool)]
                women = draw() < WOMEN_SHARE
                since = self.anchor - days
                person = self.new_person(department, since, women, juvenile)
            self.detention(person, department, since, None, situation, women, juvenile)

    def demo(self, demo: DemoDetainee) -> None:
        name = (demo.given_names, demo.first_surname, demo.second_surname)
        person = self.person(demo.dpi, name, demo.birth_date.isoformat())
        released = demo.released_on.isoformat() if demo.released_on else None
        changed = (demo.released_on or demo.since).isoformat() + "T10:30:00-06:00"
        self.detentions.append([
            person, demo.since.isoformat(), released, _CENTRE_INDEX[demo.centre], demo.court,
            demo.matter, int(demo.juvenile), changed,
        ])  # fmt: skip

    # --- writing --------------------------------------------------------------------------------

    def write(self, conn: sqlite3.Connection) -> None:
        rng = self.rng
        ids: set[int] = set()
        while len(ids) < len(self.detentions):
            ids.add(rng.getrandbits(64))
        # random ids, not enumerable, in order (their unique index grows at its end) over the
        # rows shuffled: an id says nothing of when or how a row was made (released, demo, ...)
        rng.shuffle(self.detentions)
        rows: list[object] = []
        for pk, (identifier, row) in enumerate(zip(sorted(ids), self.detentions, strict=True), 1):
            rows += (pk, f"dt_{identifier:016x}", *row)
        _insert(conn, "detainee_persons", 6, self.persons)
        self.names.sort()  # in key order: the WITHOUT ROWID table is built left to right
        _insert(conn, "detainee_names", 3, [value for row in self.names for value in row])
        _insert(conn, "detainee_detentions", 10, rows)


def _insert(conn: sqlite3.Connection, table: str, width: int, flat: list[object]) -> None:
    """INSERT of 100 rows per statement: a third of the time of one row each."""
    row = "(" + ",".join("?" * width) + ")"
    sql = f"INSERT INTO {table} VALUES "  # noqa: S608 - this module's own table names
    step = 100 * width
    full = len(flat) // step * step
    conn.executemany(sql + ",".join([row] * 100), _chunks(flat, 0, full, step))
    conn.executemany(sql + row, _chunks(flat, full, len(flat), width))


def _chunks(flat: list[object], start: int, stop: int, size: int) -> Iterable[list[object]]:
    return (flat[i : i + size] for i in range(start, stop, size))
