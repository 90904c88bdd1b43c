"""The sandbox's seed data: deterministic, valid, realistic, and the documented demo data in it."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.geography import DEPARTMENTS
from kiosk.identity import age_on, make_dpi, validate_dpi, validate_name
from kiosk.sandbox import names
from kiosk.sandbox.app import DATABASE_FILE, open_database
from kiosk.sandbox.demo import (
    BANKS,
    BOLETA_MAX_AGE_DAYS,
    BOLETA_NUMBER_DIGITS,
    DEMO_ACCOUNT,
    DEMO_ACCOUNT_EMAIL,
    DEMO_BOLETA_USED_BY,
    DEMO_BOLETAS,
    DEMO_CLEAN,
    DEMO_HOMONYM,
    DEMO_NEW,
    DEMO_PERSONS,
    DEMO_RECORD,
    DEMO_REVIEW,
    FEE_CENTS,
    apply_demo_data,
)
from kiosk.sandbox.seed import (
    BOLETA_DAYS,
    BOLETAS_PER_BANK,
    SeedSummary,
    seed_database,
    years_after,
    years_before,
)
from kiosk.sandbox.services import VOLUME_VARIABLE
from kiosk.sandbox.services.labor_cases import CASES_PER_YEAR, DEMO_HEARING_NUMBER
from kiosk.sandbox.store import schema_sql

ANCHOR = date(2026, 3, 1)
SEED = 7


def fresh(path: str | Path = ":memory:") -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.executescript(schema_sql())
    return conn


def seeded(seed: int = SEED, anchor: date = ANCHOR, persons: int = 5000) -> sqlite3.Connection:
    conn = fresh()
    seed_database(conn, seed=seed, anchor=anchor, persons=persons)
    return conn


def dump(conn: sqlite3.Connection) -> list[str]:
    return list(conn.iterdump())


@pytest.fixture(scope="module")
def db() -> Iterator[sqlite3.Connection]:
    conn = seeded()
    yield conn
    conn.close()


def persons_by_dpi(conn: sqlite3.Connection) -> dict[str, tuple[object, ...]]:
    return {row[0]: row for row in conn.execute("SELECT * FROM persons")}


# --- determinism -----------------------------------------------------------------------------


def test_same_seed_and_anchor_give_identical_tables(tmp_path: Path) -> None:
    in_memory = seeded(persons=1500)
    on_disk = fresh(tmp_path / "portal.sqlite3")
    seed_database(on_disk, seed=SEED, anchor=ANCHOR, persons=1500)
    assert dump(in_memory) == dump(on_disk)


def test_another_seed_or_anchor_gives_other_data() -> None:
    base = dump(seeded(persons=1500))
    assert dump(seeded(seed=SEED + 1, persons=1500)) != base
    assert dump(seeded(anchor=ANCHOR + timedelta(days=1), persons=1500)) != base


def test_summary_and_meta_match_the_tables(db: sqlite3.Connection) -> None:
    counts = [
        db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
        for table in ("persons", "criminal_records", "boletas")
    ]
    again = seed_database(fresh(), seed=SEED, anchor=ANCHOR)
    assert again == SeedSummary(*counts)
    assert again.persons == 5000 and again.boletas == len(BANKS) * BOLETAS_PER_BANK
    meta = dict(db.execute("SELECT key, value FROM meta"))
    assert (meta["seed"], meta["anchor"], meta["persons"]) == (str(SEED), "2026-03-01", "5000")


def test_seeding_twice_or_too_few_persons_is_refused(db: sqlite3.Connection) -> None:
    with pytest.raises(ValueError, match="already"):
        seed_database(db, seed=SEED + 1, anchor=ANCHOR)
    assert db.execute("SELECT count(*) FROM persons").fetchone()[0] == 5000  # rolled back
    with pytest.raises(ValueError, match="at least"):
        seed_database(fresh(), seed=SEED, anchor=ANCHOR, persons=len(DEMO_PERSONS) - 1)


# --- persons ---------------------------------------------------------------------------------


def test_every_dpi_is_valid_unique_and_matches_its_place(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT dpi, department, municipality FROM persons").fetchall()
    assert len(rows) == 5000
    for dpi, department, municipality in rows:
        assert validate_dpi(dpi) == dpi
        assert (int(dpi[9:11]), int(dpi[11:])) == (department, municipality)
    assert len({dpi for dpi, _, _ in rows}) == len(rows)
    assert len({dpi[:8] for dpi, _, _ in rows}) == len(rows)  # a serial is never reused


def test_all_departments_appear_weighted_by_population(db: sqlite3.Connection) -> None:
    counts = Counter(dict(db.execute("SELECT department, count(*) FROM persons GROUP BY 1")))
    assert set(counts) == {d.code for d in DEPARTMENTS}
    ranking = [code for code, _ in counts.most_common()]
    assert ranking[0] == 1  # Guatemala
    big = {13, 16, 12, 14, 9}  # Huehuetenango, Alta Verapaz, San Marcos, Quiché, Quetzaltenango
    assert big <= set(ranking[1:7])
    municipalities = db.execute(
        "SELECT count(DISTINCT department * 100 + municipality) FROM persons"
    )
    assert municipalities.fetchone()[0] > 250  # of 340: small ones may be missing


def test_ages_between_18_and_90(db: sqlite3.Connection) -> None:
    ages = [
        age_on(date.fromisoformat(b), ANCHOR)
        for (b,) in db.execute("SELECT birth_date FROM persons")
    ]
    assert min(ages) == 18 and max(ages) <= 90
    assert max(ages) >= 80
    assert sum(age < 40 for age in ages) > sum(age >= 60 for age in ages)  # a young country


def test_a_large_population_seeded_on_a_leap_day() -> None:
    anchor = date(2028, 2, 29)
    conn = seeded(seed=3, anchor=anchor, persons=30_000)
    births = {
        dpi: date.fromisoformat(born)
        for dpi, born in conn.execute("SELECT dpi, birth_date FROM persons")
    }
    assert len({dpi[:8] for dpi in births}) == len(births) == 30_000
    ages = Counter(age_on(born, anchor) for born in births.values())
    assert min(ages) == 18 and max(ages) == 90
    for dpi, day in conn.execute("SELECT dpi, sentenced_on FROM criminal_records"):
        assert age_on(births[dpi], date.fromisoformat(day)) >= 18
        assert date.fromisoformat(day) < anchor


@pytest.mark.parametrize(
    ("born", "day"),
    [(date(2000, 2, 29), date(2018, 3, 1)), (date(2000, 2, 28), date(2018, 2, 28))],
)
def test_the_eighteenth_birthday_of_a_leap_day_baby(born: date, day: date) -> None:
    assert years_after(born, 18) == day
    assert age_on(born, day) == 18 and age_on(born, day - timedelta(days=1)) == 17
    assert years_before(date(2028, 2, 29), 1) == date(2027, 2, 28)


def test_names_sex_and_review(db: sqlite3.Connection) -> None:
    rows = [
        row[1:]
        for row in db.execute("SELECT dpi, first_names, last_names, sex, review FROM persons")
        if row[0] not in {person.dpi for person in DEMO_PERSONS}  # "María José" is hers only
    ]
    female = set(names.FEMALE_NAMES)
    male = set(names.MALE_NAMES)
    surnames = set(names.SURNAMES)
    compound = re.compile("|".join(s for s in names.SURNAMES if " " in s))
    for first, last, sex, _ in rows:
        assert set(compound.sub("X", last).split(" ")) - {"X"} <= surnames
        assert len(compound.sub("X", last).split(" ")) == 2, last
        given = first.split(" ")
        assert 1 <= len(given) <= 2 and len(set(given)) == len(given)
        assert set(given) <= (female if sex == "F" else male), (first, sex)
    sexes = Counter(sex for _, _, sex, _ in rows)
    assert 0.45 < sexes["F"] / len(rows) < 0.57
    assert any(compound.search(last) for _, last, _, _ in rows)  # "De León" and the like
    assert any(set(last.split(" ")) & set(names.MAYAN_SURNAMES) for _, last, _, _ in rows)
    reviews = sum(review for *_, review in rows)
    assert 0.003 * len(rows) <= reviews <= 0.02 * len(rows)


# --- criminal records ------------------------------------------------------------------------


def test_about_three_percent_have_records_dated_in_adulthood(db: sqlite3.Connection) -> None:
    births = {
        dpi: date.fromisoformat(b) for dpi, b in db.execute("SELECT dpi, birth_date FROM persons")
    }
    records = db.execute(
        "SELECT dpi, court, offense, sentenced_on FROM criminal_records"
    ).fetchall()
    per_person = Counter(dpi for dpi, *_ in records)
    assert 0.01 * len(births) <= len(per_person) <= 0.06 * len(births)
    assert set(per_person.values()) <= {1, 2, 3} and max(per_person.values()) > 1
    courts = {court.name for court in names.COURTS}
    offenses = {offense.name for offense in names.OFFENSES}
    for dpi, court, offense, sentenced_on in records:
        day = date.fromisoformat(sentenced_on)
        assert age_on(births[dpi], day) >= 18 and day < ANCHOR
        assert court in courts and offense in offenses


# --- boletas ---------------------------------------------------------------------------------


def test_boletas_per_bank_with_formats_amounts_dates_and_use(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT * FROM boletas").fetchall()
    assert Counter(bank for bank, *_ in rows) == dict.fromkeys(BANKS, BOLETAS_PER_BANK)
    demo = {(b.bank, b.number) for b in DEMO_BOLETAS}
    seeded_rows = [row for row in rows if (row[0], row[1]) not in demo]
    for bank, number, paid_on, _, used_by, used_at in seeded_rows:
        assert re.fullmatch(rf"[1-8][0-9]{{{BOLETA_NUMBER_DIGITS[bank] - 1}}}", number)
        paid = date.fromisoformat(paid_on)
        assert 0 <= (ANCHOR - paid).days <= BOLETA_DAYS
        if used_by is not None:
            assert re.fullmatch(r"seed-[0-9]+", used_by)
            assert paid <= datetime.fromisoformat(used_at).date() < ANCHOR
        else:
            assert used_at is None
    fee = sum(row[3] == FEE_CENTS for row in seeded_rows) / len(seeded_rows)
    used = sum(row[4] is not None for row in seeded_rows) / len(seeded_rows)
    assert 0.78 < fee < 0.92 and 0.22 < used < 0.38
    assert len({row[4] for row in seeded_rows if row[4]}) == sum(1 for row in seeded_rows if row[4])


# --- demo data -------------------------------------------------------------------------------


def test_demo_dpis_are_valid_and_built_from_their_place() -> None:
    dpis = [person.dpi for person in DEMO_PERSONS]
    assert len(set(dpis)) == len(dpis)
    for person in DEMO_PERSONS:
        assert validate_dpi(person.dpi) == person.dpi
        assert make_dpi(person.dpi[:8], person.department, person.municipality) == person.dpi
        assert validate_name(person.first_names) == person.first_names
        assert validate_name(person.last_names) == person.last_names


def test_demo_persons_are_seeded_with_their_exact_data(db: sqlite3.Connection) -> None:
    persons = persons_by_dpi(db)
    for person in DEMO_PERSONS:
        assert persons[person.dpi] == (
            person.dpi, person.first_names, person.last_names, person.birth_date.isoformat(),
            person.sex, person.department, person.municipality, int(person.review),
        )  # fmt: skip
        records = db.execute(
            "SELECT id, court, offense, sentenced_on FROM criminal_records WHERE dpi = ?",
            (person.dpi,),
        ).fetchall()
        assert records == [
            (r.id, r.court, r.offense, r.sentenced_on.isoformat()) for r in person.records
        ]
    assert (DEMO_CLEAN.first_names, DEMO_CLEAN.last_names) == ("María José", "Pérez López")
    assert DEMO_CLEAN.birth_date == date(1990, 5, 14)
    assert len(DEMO_RECORD.records) == 1 and DEMO_REVIEW.review
    assert not any(p.records or p.review for p in (DEMO_CLEAN, DEMO_ACCOUNT, DEMO_NEW))
    assert DEMO_HOMONYM.full_name == DEMO_REVIEW.full_name and DEMO_HOMONYM.records
    assert DEMO_ACCOUNT_EMAIL == "juan.garcia@ejemplo.gt"


def test_demo_boletas_cover_each_case_per_bank() -> None:
    for bank in BANKS:
        boletas = [b for b in DEMO_BOLETAS if b.bank == bank]
        for boleta in boletas:
            assert len(boleta.number) == BOLETA_NUMBER_DIGITS[bank] and boleta.number.isdigit()
            assert not boleta.number.startswith("9")  # the bank simulator's prefix
        ready = [
            b for b in boletas if not b.used and b.amount_cents == FEE_CENTS and b.days_ago == 2
        ]
        assert len(ready) >= 3
        # the README and the client tests find these by one word of their purpose
        for word in ("usada", "monto", "antigua"):
            assert sum(word in b.purpose.lower() for b in boletas) == 1, (bank, word)
        (used,) = [b for b in boletas if "usada" in b.purpose.lower()]
        (wrong,) = [b for b in boletas if "monto" in b.purpose.lower()]
        (old,) = [b for b in boletas if "antigua" in b.purpose.lower()]
        assert used.used and used.amount_cents == FEE_CENTS and used.days_ago <= 2
        assert (wrong.amount_cents, wrong.used) == (2500, False)
        assert old.days_ago == 120 > BOLETA_MAX_AGE_DAYS and not old.used
        assert old.amount_cents == FEE_CENTS
    assert len({(b.bank, b.number) for b in DEMO_BOLETAS}) == len(DEMO_BOLETAS)


def demo_boleta_rows(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[object, ...]]:
    rows = conn.execute("SELECT bank, number, paid_on, amount_cents, used_by, used_at FROM boletas")
    demo = {(b.bank, b.number) for b in DEMO_BOLETAS}
    return {(row[0], row[1]): row[2:] for row in rows if (row[0], row[1]) in demo}


def test_demo_boletas_are_dated_relative_to_today(db: sqlite3.Connection) -> None:
    rows = demo_boleta_rows(db)
    assert len(rows) == len(DEMO_BOLETAS)
    for boleta in DEMO_BOLETAS:
        paid_on, amount, used_by, used_at = rows[(boleta.bank, boleta.number)]
        assert paid_on == (ANCHOR - timedelta(days=boleta.days_ago)).isoformat()
        assert amount == boleta.amount_cents
        if boleta.used:
            assert used_by == DEMO_BOLETA_USED_BY
            assert date.fromisoformat(str(paid_on)) <= datetime.fromisoformat(str(used_at)).date()
        else:
            assert (used_by, used_at) == (None, None)


def test_apply_demo_data_is_idempotent_and_restores_the_demo() -> None:
    conn = seeded(persons=800)
    conn.execute("PRAGMA foreign_keys = ON")
    # the sandbox's demo account references a demo person: upserting must keep it
    conn.execute(
        "INSERT INTO accounts(id, dpi, email, password_hash, created_at) VALUES (?,?,?,?,?)",
        ("acc_demo", DEMO_ACCOUNT.dpi, DEMO_ACCOUNT_EMAIL, "x", "2026-03-01T08:00:00-06:00"),
    )
    conn.commit()
    before = dump(conn)
    apply_demo_data(conn, ANCHOR)
    assert dump(conn) == before
    # a day of use: a demo boleta spent, a record added to the clean person, a name edited
    ready = next(b for b in DEMO_BOLETAS if not b.used)
    conn.execute(
        "UPDATE boletas SET used_by = 'cr_1', used_at = '2026-03-01T09:00:00-06:00' "
        "WHERE bank = ? AND number = ?",
        (ready.bank, ready.number),
    )
    conn.execute(
        "INSERT INTO criminal_records(dpi, court, offense, sentenced_on) VALUES (?, 'x', 'y', ?)",
        (DEMO_CLEAN.dpi, "2020-01-01"),
    )
    conn.execute("UPDATE persons SET first_names = 'Otra' WHERE dpi = ?", (DEMO_NEW.dpi,))
    conn.commit()
    apply_demo_data(conn, ANCHOR)
    assert dump(conn) == before
    # another day: the boletas move with it, the rest stays
    later = ANCHOR + timedelta(days=45)
    apply_demo_data(conn, later)
    rows = demo_boleta_rows(conn)
    for boleta in DEMO_BOLETAS:
        paid_on, _, used_by, used_at = rows[(boleta.bank, boleta.number)]
        assert paid_on == (later - timedelta(days=boleta.days_ago)).isoformat()
        assert (used_by is not None, used_at is not None) == (boleta.used, boleta.used)
    changed = set(dump(conn)) ^ set(before)
    assert changed and all(line.startswith('INSERT INTO "boletas"') for line in changed)
    assert conn.execute("SELECT dpi FROM accounts").fetchall() == [(DEMO_ACCOUNT.dpi,)]


def test_apply_demo_data_on_an_empty_database() -> None:
    conn = fresh()
    apply_demo_data(conn, ANCHOR)
    assert set(persons_by_dpi(conn)) == {person.dpi for person in DEMO_PERSONS}
    assert len(demo_boleta_rows(conn)) == len(DEMO_BOLETAS)
    assert not conn.in_transaction  # committed by itself


def test_name_lists_are_valid_and_varied() -> None:
    for group in (names.FEMALE_NAMES, names.MALE_NAMES, names.SURNAMES):
        assert len(set(group)) == len(group)
        for name in group:
            assert validate_name(name) == name
    assert len(names.FEMALE_NAMES) >= 140 and len(names.MALE_NAMES) >= 140
    assert len(names.SURNAMES) >= 190
    assert not set(names.FEMALE_NAMES) & set(names.MALE_NAMES)
    assert len(names.COURTS) >= 40 and len(names.OFFENSES) >= 25
    assert {court.department for court in names.COURTS} == {d.code for d in DEPARTMENTS}


# --- a smaller volume for sandboxes a test only needs running -----------------------------------


def _labour_cases(data: Path) -> int:
    with closing(sqlite3.connect(data / DATABASE_FILE)) as conn:
        return int(conn.execute("SELECT count(*) FROM labor_cases").fetchone()[0])


def test_a_sandbox_seeded_small_keeps_the_demo_and_is_seeded_again_at_another_volume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(VOLUME_VARIABLE, "0.01")
    open_database(tmp_path, SEED, persons=200)
    small = _labour_cases(tmp_path)
    assert 0 < small < CASES_PER_YEAR  # a hundredth of several years
    with closing(sqlite3.connect(tmp_path / DATABASE_FILE)) as conn:
        demo = conn.execute(
            "SELECT 1 FROM labor_cases WHERE number = ?", (DEMO_HEARING_NUMBER,)
        ).fetchone()
    assert demo is not None  # the documented records always come
    open_database(tmp_path, SEED, persons=200)
    assert _labour_cases(tmp_path) == small  # the same volume: not seeded again
    monkeypatch.setenv(VOLUME_VARIABLE, "0.02")
    open_database(tmp_path, SEED, persons=200)
    assert _labour_cases(tmp_path) > small  # another volume: seeded again
