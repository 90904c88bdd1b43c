"""Estadísticas de Mediación y Facilitadores Judiciales in the sandbox: a year's figures by
department and a place's trend over the years, over HTTP; the seed at real rates (deterministic,
every department, the documented figures pinned), a year published when it ends, every query an
index, every bad input a 4xx naming its field, and the reads limited per kiosk."""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from support.devices import enroll
from support.schema_db import schema_db

from kiosk.embedded_portal import PortalEndpoint
from kiosk.formats import now
from kiosk.geography import DEPARTMENTS, municipality_count
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalNotFound, PortalRateLimited
from kiosk.portal.models.mediation_stats import (
    FACILITATOR_TREND,
    FACILITATOR_YEAR,
    FIRST_YEAR,
    MEDIATION_TREND,
    MEDIATION_YEAR,
    READS_PER_MINUTE,
    Matter,
)
from kiosk.sandbox import mediation_stats_data as data
from kiosk.sandbox.services.mediation_stats import (
    DEMO_AGREEMENTS,
    DEMO_BIGGEST_DEPARTMENT,
    DEMO_CENTRES,
    DEMO_EMPTY_DEPARTMENT,
    DEMO_EMPTY_YEAR,
    DEMO_FACILITATOR_MUNICIPALITIES,
    DEMO_FACILITATOR_YEAR,
    DEMO_FACILITATORS,
    DEMO_MEDIATIONS,
    DEMO_YEAR,
    QUERIES,
    SCHEMA,
    SERVICE,
    refresh_years,
    seed_statistics,
)

ANCHOR = date(2026, 3, 1)
SEED = 7
BIG_TABLES = ("mediation_figures", "facilitator_figures")


def seeded(
    path: Path | str = ":memory:", *, seed: int = SEED, anchor: date = ANCHOR
) -> sqlite3.Connection:
    conn = schema_db(SCHEMA, path)
    with conn:
        seed_statistics(conn, SERVICE.rng(seed), anchor)
    return conn


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    """Seeded as the sandbox does it (one transaction, on disk, WAL), timed."""
    conn = schema_db(SCHEMA, tmp_path_factory.mktemp("mediation") / "portal.sqlite3")
    conn.execute("PRAGMA journal_mode = WAL")
    started = time.perf_counter()
    with conn:
        seed_statistics(conn, SERVICE.rng(SEED), ANCHOR)
    elapsed = time.perf_counter() - started
    print(f"\nmediation statistics seeded in {elapsed:.3f} s")
    assert elapsed < 2.0  # the seed's budget: it runs at the sandbox's first start
    yield conn
    conn.close()


def last_full_year() -> int:
    return now().year - 1


# --- over HTTP, against the session sandbox -------------------------------------------------------


async def test_a_year_of_mediation_adds_up_to_the_documented_country(client: PortalClient) -> None:
    year = await client.call(MEDIATION_YEAR, path={"year": str(DEMO_YEAR)})
    assert year.year == DEMO_YEAR
    assert (year.country.started, year.country.agreements) == (DEMO_MEDIATIONS, DEMO_AGREEMENTS)
    assert year.country.centres == DEMO_CENTRES
    assert [d.department for d in year.departments] == list(range(1, 23))
    assert [d.name for d in year.departments] == [d.name for d in DEPARTMENTS]
    for field in ("started", "agreements", "centres"):
        assert sum(getattr(d, field) for d in year.departments) == getattr(year.country, field)
    for place in (year.country, *year.departments):
        assert [m.matter for m in place.matters] == list(Matter)
        assert sum(m.started for m in place.matters) == place.started
        assert sum(m.agreements for m in place.matters) == place.agreements
        assert all(0 <= m.agreements <= m.started for m in place.matters)
        assert place.centres >= 1 and place.started > 0
    biggest = max(year.departments, key=lambda d: d.started)
    assert biggest.department == DEMO_BIGGEST_DEPARTMENT


async def test_a_trend_is_every_published_year_and_agrees_with_each_year(
    client: PortalClient,
) -> None:
    country = await client.call(MEDIATION_TREND)
    assert country.department is None and country.name is None
    years = [p.year for p in country.years]
    assert years == list(range(FIRST_YEAR, last_full_year() + 1))
    quetzaltenango = await client.call(MEDIATION_TREND, query={"department": 9})
    assert (quetzaltenango.department, quetzaltenango.name) == (9, "Quetzaltenango")
    assert [p.year for p in quetzaltenango.years] == years
    for point, local in zip(country.years, quetzaltenango.years, strict=True):
        assert point.started == data.mediations_in(point.year)
        if point.year in (FIRST_YEAR, DEMO_YEAR):  # the same figures as the year's answer
            year = await client.call(MEDIATION_YEAR, path={"year": str(point.year)})
            assert (point.started, point.agreements, point.centres) == (
                year.country.started, year.country.agreements, year.country.centres)  # fmt: skip
            department = year.departments[8]
            assert (local.started, local.agreements, local.centres) == (
                department.started, department.agreements, department.centres)  # fmt: skip


async def test_facilitators_in_2019_are_the_documented_2080(client: PortalClient) -> None:
    year = await client.call(FACILITATOR_YEAR, path={"year": str(DEMO_FACILITATOR_YEAR)})
    country = year.country
    assert (country.facilitators, country.municipalities) == (
        DEMO_FACILITATORS, DEMO_FACILITATOR_MUNICIPALITIES)  # fmt: skip
    assert country.municipalities_total == 340
    for field in ("facilitators", "municipalities", "people_attended", "cases_referred"):
        assert sum(getattr(d, field) for d in year.departments) == getattr(country, field)
    for department in year.departments:
        assert department.municipalities_total == municipality_count(department.department)
        assert department.municipalities <= department.municipalities_total
        assert department.facilitators >= department.municipalities  # one each, at least
        assert department.cases_referred <= department.people_attended
    trend = await client.call(FACILITATOR_TREND)
    serving = [p.facilitators for p in trend.years]
    grown = serving[: DEMO_FACILITATOR_YEAR - FIRST_YEAR + 1]  # growing from fewer to 2019
    assert grown == sorted(grown) and grown[-1] == DEMO_FACILITATORS
    assert [p.municipalities for p in trend.years][len(grown) - 1 :] == [213] * (
        len(serving) - len(grown) + 1
    )  # the same municipalities since


async def test_a_department_without_facilitators_yet_counts_zero(client: PortalClient) -> None:
    year = await client.call(FACILITATOR_YEAR, path={"year": str(DEMO_EMPTY_YEAR)})
    empty = year.departments[DEMO_EMPTY_DEPARTMENT - 1]
    assert (empty.facilitators, empty.municipalities, empty.people_attended) == (0, 0, 0)
    trend = await client.call(FACILITATOR_TREND, query={"department": DEMO_EMPTY_DEPARTMENT})
    assert trend.municipalities_total == municipality_count(DEMO_EMPTY_DEPARTMENT)
    for point in trend.years:  # every year is there, the early ones as zeros
        assert (point.facilitators > 0) == (point.year > DEMO_EMPTY_YEAR), point.year


async def test_a_year_not_published_says_which_is_the_latest(client: PortalClient) -> None:
    for endpoint in (MEDIATION_YEAR, FACILITATOR_YEAR):
        with pytest.raises(PortalNotFound) as err:
            await client.call(endpoint, path={"year": str(now().year)})
        assert (err.value.code, err.value.field) == ("year_not_published", "year")
        assert err.value.detail and str(last_full_year()) in err.value.detail
        with pytest.raises(PortalNotFound) as err:
            await client.call(endpoint, path={"year": "2014"})
        assert err.value.code == "year_not_published" and "2015" in (err.value.detail or "")


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/mediation-stats/mediation/years/1999", "year"),
        ("/mediation-stats/mediation/years/2101", "year"),
        ("/mediation-stats/mediation/years/dos-mil", "year"),
        ("/mediation-stats/facilitators/years/2024.5", "year"),
        ("/mediation-stats/facilitators/years/%D9%A2%D9%A0%D9%A2%D9%A4", "year"),  # ٢٠٢٤
        ("/mediation-stats/mediation/trend?department=0", "department"),
        ("/mediation-stats/mediation/trend?department=23", "department"),
        ("/mediation-stats/facilitators/trend?department=nueve", "department"),
        ("/mediation-stats/facilitators/trend?department=%D9%A9", "department"),  # ٩
        ("/mediation-stats/mediation/trend?department=", "department"),
    ],
)
def test_a_bad_input_is_a_problem_naming_its_field(
    sandbox: PortalEndpoint, kiosk_id: str, path: str, field: str
) -> None:
    headers = {"X-Kiosk-Id": kiosk_id, "X-Kiosk-Token": sandbox.device_token}
    response = httpx.get(f"{sandbox.url}/v1{path}", headers=headers, timeout=10)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert (problem["code"], problem["field"]) == ("invalid_input", field)
    assert problem["detail"]  # in Spanish: «Revise el dato …»


def test_without_the_device_headers_nothing_is_read(sandbox: PortalEndpoint) -> None:
    response = httpx.get(f"{sandbox.url}/v1/mediation-stats/mediation/trend", timeout=10)
    assert response.status_code == 401
    assert response.json()["code"] == "device_unauthorized"


async def test_reads_are_limited_per_kiosk(client: PortalClient, sandbox: PortalEndpoint) -> None:
    for index in range(READS_PER_MINUTE):  # far more records than a visitor reads in a minute
        if index % 2:
            await client.call(MEDIATION_TREND, query={"department": 1 + index % 22})
        else:
            await client.call(FACILITATOR_YEAR, path={"year": str(DEMO_YEAR)})
    with pytest.raises(PortalRateLimited) as err:
        await client.call(MEDIATION_YEAR, path={"year": str(DEMO_YEAR)})
    assert err.value.code == "rate_limited" and err.value.retry_after > 0
    async with PortalClient(
        sandbox.url, kiosk_id=enroll(sandbox, "MEDIATION-OTHER"), kiosk_token=sandbox.device_token
    ) as other:  # another kiosk is not held back
        assert (await other.call(MEDIATION_TREND)).years


async def test_reads_answer_in_milliseconds(sandbox: PortalEndpoint) -> None:
    """What a record asks, for every department and the country, over HTTP."""
    times: list[float] = []
    places: list[int | None] = [None, *range(1, 23)]
    calls = [
        (endpoint, year, place)
        for year in (FIRST_YEAR, DEMO_FACILITATOR_YEAR, DEMO_YEAR, last_full_year())
        for place in places
        for endpoint in ("mediation", "facilitators")
    ]
    for start in range(0, len(calls), 25):  # a record is two reads: a fresh kiosk every 25
        async with PortalClient(
            sandbox.url,
            kiosk_id=enroll(sandbox, f"STATS-{start:04d}"),
            kiosk_token=sandbox.device_token,
        ) as portal:
            for topic, year, place in calls[start : start + 25]:
                yearly, trend = (
                    (MEDIATION_YEAR, MEDIATION_TREND)
                    if topic == "mediation"
                    else (FACILITATOR_YEAR, FACILITATOR_TREND)
                )
                for endpoint, kwargs in (
                    (yearly, {"path": {"year": str(year)}}),
                    (trend, {"query": {"department": place}}),
                ):
                    began = time.perf_counter()
                    await portal.call(endpoint, **kwargs)  # type: ignore[attr-defined]
                    times.append(time.perf_counter() - began)
    p95 = statistics.quantiles(times, n=20)[-1] * 1000
    print(f"\n{len(times)} statistics reads over HTTP: median "
          f"{statistics.median(times) * 1000:.1f} ms, p95 {p95:.1f} ms")  # fmt: skip
    assert len(times) >= 300 and p95 < 250  # generous: a loaded CI machine; ms when idle


# --- the seed ----------------------------------------------------------------------------------


def test_every_year_is_at_real_rates_in_every_department(full: sqlite3.Connection) -> None:
    rows = full.execute(
        "SELECT year, SUM(started), SUM(agreements), COUNT(DISTINCT centre), "
        "COUNT(DISTINCT department) FROM mediation_figures GROUP BY year"
    ).fetchall()
    assert [row[0] for row in rows] == list(range(FIRST_YEAR, ANCHOR.year))
    for year, started, agreements, centres, departments in rows:
        assert 12_000 <= started <= 15_000, year  # [F] 12-15 k a year
        assert 0.37 <= agreements / started <= 0.43, year  # [F] about 40 %
        assert departments == 22 and 40 <= centres <= 80, year  # [F] about 80 centres
    by_department = full.execute(
        "SELECT year, department, SUM(started) FROM mediation_figures GROUP BY year, department"
    ).fetchall()
    for year in range(FIRST_YEAR, ANCHOR.year):
        ranked = sorted((-s, d) for y, d, s in by_department if y == year)
        assert ranked[0][1] == DEMO_BIGGEST_DEPARTMENT, year  # Guatemala department first
    centres = full.execute(
        "SELECT department, municipality, COUNT(*) FROM mediation_centres GROUP BY department"
    ).fetchall()
    assert len(centres) == 22 and sum(c for _, _, c in centres) == DEMO_CENTRES
    for department, municipality, _ in full.execute(
        "SELECT department, municipality, id FROM mediation_centres"
    ):
        assert 1 <= municipality <= municipality_count(department)


def test_facilitators_grow_over_real_municipalities(full: sqlite3.Connection) -> None:
    rows = full.execute(
        "SELECT year, SUM(facilitators), COUNT(*) FROM facilitator_figures GROUP BY year"
    ).fetchall()
    assert rows[DEMO_FACILITATOR_YEAR - FIRST_YEAR][1:] == (2_080, 213)  # [F] 2019
    for (year, count, places), (_, before, places_before) in zip(rows[1:], rows, strict=False):
        assert places >= places_before and abs(count - before) < 300, year
        if year <= DEMO_FACILITATOR_YEAR:  # growing from fewer
            assert count > before and places > places_before, year
    seen: dict[int, set[tuple[int, int]]] = {}
    for year, department, municipality, facilitators, attended, referred in full.execute(
        "SELECT * FROM facilitator_figures"
    ):
        assert 1 <= municipality <= municipality_count(department)
        assert facilitators >= 1 and 0 <= referred <= attended
        seen.setdefault(year, set()).add((department, municipality))
    for year in range(FIRST_YEAR + 1, ANCHOR.year):  # a municipality, once in, stays in
        assert seen[year - 1] <= seen[year], year
    assert {d for d, _ in seen[ANCHOR.year - 1]} == set(range(1, 23))


def test_same_seed_gives_the_same_rows_and_the_totals_are_pinned() -> None:
    first = list(seeded().iterdump())
    random.seed(12345)  # the global generator plays no part
    assert list(seeded().iterdump()) == first
    other = seeded(seed=SEED + 1)
    assert list(other.iterdump()) != first
    totals = "SELECT year, SUM(started), SUM(agreements) FROM mediation_figures GROUP BY year"
    assert other.execute(totals).fetchall() == seeded().execute(totals).fetchall()


def test_a_year_that_ends_is_published_at_the_next_start() -> None:
    conn = seeded()
    years = "SELECT year FROM mediation_stats_years ORDER BY year"
    assert conn.execute(years).fetchall()[-1] == (ANCHOR.year - 1,)
    before = conn.execute("SELECT * FROM mediation_figures WHERE year = 2025").fetchall()
    with conn:
        refresh_years(conn, date(2028, 1, 10))  # restarted two years later
    assert [y for (y,) in conn.execute(years)] == list(range(FIRST_YEAR, 2028))
    assert conn.execute("SELECT * FROM mediation_figures WHERE year = 2025").fetchall() == before
    with conn:
        refresh_years(conn, date(2028, 6, 1))  # again: nothing twice
    assert conn.execute(
        "SELECT COUNT(*) FROM mediation_stats_years WHERE year = 2027"
    ).fetchone() == (1,)
    # a year published late has the rows it would have had if seeded on time
    later = seeded(anchor=date(2028, 2, 1))
    for table in ("mediation_figures", "facilitator_figures"):
        query = f"SELECT * FROM {table} WHERE year >= 2026 ORDER BY 1, 2, 3"  # noqa: S608
        assert conn.execute(query).fetchall() == later.execute(query).fetchall()


def test_every_query_of_the_routes_reads_an_index(full: sqlite3.Connection) -> None:
    for sql in QUERIES:
        plan = [row[3] for row in full.execute(f"EXPLAIN QUERY PLAN {sql}", [1] * sql.count("?"))]
        for table in BIG_TABLES:
            assert not any(step.startswith(f"SCAN {table}") for step in plan), (sql, plan)
        assert any(step.startswith("SEARCH") for step in plan), (sql, plan)
        if "department = ?" in sql:  # a department's years: its own index, read alone
            assert any("COVERING INDEX" in step and "_place" in step for step in plan), plan
