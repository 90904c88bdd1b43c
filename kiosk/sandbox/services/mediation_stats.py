"""Estadísticas de Mediación y Facilitadores Judiciales: yearly figures by department.

The figures are kept as the statistics office would receive them: each mediation centre's year
by matter, and each municipality's facilitadores (``kiosk.sandbox.mediation_stats_data`` makes
them at real rates). The routes add them up for what the kiosk draws: a year's 22 departments
and the country (bars), or one department's or the country's years (a trend). Every query reads
an index; the tables hold a few thousand rows.

A year is published once it is over: the seed publishes up to the year before the anchor and
``refresh`` publishes each year that has ended since, from the same plan, so the latest full year
is always there however old the data folder is. Aggregates only: no person is stored.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query

from kiosk.geography import DEPARTMENTS
from kiosk.portal.models import mediation_stats as api
from kiosk.portal.models.mediation_stats import YEAR_MAX, YEAR_MIN, Matter
from kiosk.sandbox import mediation_stats_data as data
from kiosk.sandbox.bulk import insert_rows
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State

# --- demo figures: pinned whatever the seed, documented in the README ------------------------

#: A year with its country figures: 14,760 mediations, 6,199 (42 %) ending in an agreement.
DEMO_YEAR = 2024
DEMO_MEDIATIONS = data.MEDIATIONS[DEMO_YEAR]
DEMO_AGREEMENTS = round(DEMO_MEDIATIONS * data.AGREEMENT_RATES[DEMO_YEAR])
#: [F] 2,080 facilitadores judiciales in 213 municipalities in 2019.
DEMO_FACILITATOR_YEAR = 2019
DEMO_FACILITATORS, DEMO_FACILITATOR_MUNICIPALITIES = data.FACILITATORS[DEMO_FACILITATOR_YEAR]
#: Guatemala department has the most mediations every year.
DEMO_BIGGEST_DEPARTMENT = 1
#: El Progreso had no facilitador before 2018: its 2017 record says so ("empty").
DEMO_EMPTY_DEPARTMENT, DEMO_EMPTY_YEAR = data.LATE_DEPARTMENT, data.LATE_YEAR - 1
#: Every mediation centre works by the last year of the table: 80.
DEMO_CENTRES = sum(data.CENTRES_PER_DEPARTMENT.values())

# --- schema, seed and refresh -----------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS mediation_stats_plan (
    salt INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS mediation_centres (
    id           INTEGER PRIMARY KEY,
    department   INTEGER NOT NULL,
    municipality INTEGER NOT NULL,
    opened       INTEGER NOT NULL,
    weight       REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS facilitator_places (
    rank         INTEGER PRIMARY KEY,
    department   INTEGER NOT NULL,
    municipality INTEGER NOT NULL,
    weight       REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS mediation_stats_years (
    year INTEGER PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS mediation_figures (
    year       INTEGER NOT NULL,
    department INTEGER NOT NULL,
    centre     INTEGER NOT NULL,
    matter     TEXT NOT NULL,
    started    INTEGER NOT NULL,
    agreements INTEGER NOT NULL,
    PRIMARY KEY (year, department, centre, matter)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mediation_figures_place
    ON mediation_figures(department, year, started, agreements);
CREATE TABLE IF NOT EXISTS facilitator_figures (
    year          INTEGER NOT NULL,
    department    INTEGER NOT NULL,
    municipality  INTEGER NOT NULL,
    facilitators  INTEGER NOT NULL,
    attended      INTEGER NOT NULL,
    referred      INTEGER NOT NULL,
    PRIMARY KEY (year, department, municipality)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS facilitator_figures_place
    ON facilitator_figures(department, year, facilitators, attended, referred)
"""

TABLES = (
    "facilitator_figures",
    "mediation_figures",
    "mediation_stats_years",
    "facilitator_places",
    "mediation_centres",
    "mediation_stats_plan",
)


def seed_statistics(conn: sqlite3.Connection, rng: random.Random, anchor: date) -> None:
    """The plan (centres, the programme's municipalities) and every year up to the one before
    the anchor. Not scaled by ``volume``: a few thousand rows, and the README quotes them."""
    the_plan = data.plan(rng)
    conn.execute("INSERT INTO mediation_stats_plan VALUES (?)", (the_plan.salt,))
    centres: list[object] = []
    for c in the_plan.centres:
        centres += (c.id, c.department, c.municipality, c.opened, c.weight)
    insert_rows(conn, "mediation_centres", 5, centres)
    places: list[object] = []
    for p in the_plan.places:
        places += (p.rank, p.department, p.municipality, p.weight)
    insert_rows(conn, "facilitator_places", 4, places)
    publish(conn, the_plan, anchor.year - 1)


def publish(conn: sqlite3.Connection, the_plan: data.Plan, last_full_year: int) -> None:
    """Add every year up to ``last_full_year`` not published yet."""
    done = {year for (year,) in conn.execute("SELECT year FROM mediation_stats_years")}
    for year in data.published_years(last_full_year):
        if year in done:
            continue
        mediation, facilitators = data.year_rows(the_plan, year)
        insert_rows(conn, "mediation_figures", 6, mediation)
        insert_rows(conn, "facilitator_figures", 6, facilitators)
        conn.execute("INSERT INTO mediation_stats_years VALUES (?)", (year,))


def stored_plan(conn: sqlite3.Connection) -> data.Plan | None:
    row = conn.execute("SELECT salt FROM mediation_stats_plan").fetchone()
    if row is None:
        return None
    centres = tuple(
        data.Centre(*values)
        for values in conn.execute(
            "SELECT id, department, municipality, opened, weight FROM mediation_centres ORDER BY id"
        )
    )
    places = tuple(
        data.Place(department, municipality, rank, weight)
        for rank, department, municipality, weight in conn.execute(
            "SELECT rank, department, municipality, weight FROM facilitator_places ORDER BY rank"
        )
    )
    return data.Plan(centres, places, int(row[0]))


def refresh_years(conn: sqlite3.Connection, today: date) -> None:
    """A year that ended since the data folder was seeded is published now."""
    the_plan = stored_plan(conn)
    if the_plan is not None:
        publish(conn, the_plan, today.year - 1)


# --- routes -----------------------------------------------------------------------------------

router = APIRouter(tags=["estadísticas de mediación"])
#: one limiter for the four reads: a record asks two of them
_reads = RateLimiter(api.READS_PER_MINUTE, 60.0)
_NAMES = {department.code: department.name for department in DEPARTMENTS}
_MUNICIPALITIES = {department.code: len(department.municipalities) for department in DEPARTMENTS}
_YEAR = Path(ge=YEAR_MIN, le=YEAR_MAX, description="a year, e.g. 2024")
_DEPARTMENT = Query(ge=1, le=22, description="INE code 1-22; none: the whole country")


# Every query the routes make, by name: the tests read their plans (an index each, no scan).
YEAR_PUBLISHED = "SELECT 1 FROM mediation_stats_years WHERE year = ?"
YEARS_PUBLISHED = (  # each an end of the primary key, not a scan
    "SELECT (SELECT MIN(year) FROM mediation_stats_years), "
    "(SELECT MAX(year) FROM mediation_stats_years)"
)
#: every open centre reports every matter: the rows of a (department, matter) are its centres
MEDIATION_YEAR = (
    "SELECT department, matter, SUM(started), SUM(agreements), COUNT(*) FROM mediation_figures "
    "WHERE year = ? GROUP BY department, matter"
)
_MEDIATION_POINTS = (
    "SELECT year, SUM(started), SUM(agreements), COUNT(DISTINCT centre) FROM mediation_figures "
)
MEDIATION_COUNTRY_TREND = _MEDIATION_POINTS + "WHERE year BETWEEN ? AND ? GROUP BY year"
MEDIATION_DEPARTMENT_TREND = _MEDIATION_POINTS + "WHERE department = ? GROUP BY year"
FACILITATOR_YEAR = (
    "SELECT department, SUM(facilitators), COUNT(*), SUM(attended), SUM(referred) "
    "FROM facilitator_figures WHERE year = ? GROUP BY department"
)
_FACILITATOR_POINTS = (
    "SELECT year, SUM(facilitators), COUNT(*), SUM(attended), SUM(referred) "
    "FROM facilitator_figures "
)
FACILITATOR_COUNTRY_TREND = _FACILITATOR_POINTS + "WHERE year BETWEEN ? AND ? GROUP BY year"
FACILITATOR_DEPARTMENT_TREND = _FACILITATOR_POINTS + "WHERE department = ? GROUP BY year"
QUERIES = (
    YEAR_PUBLISHED, YEARS_PUBLISHED, MEDIATION_YEAR, MEDIATION_COUNTRY_TREND,
    MEDIATION_DEPARTMENT_TREND, FACILITATOR_YEAR, FACILITATOR_COUNTRY_TREND,
    FACILITATOR_DEPARTMENT_TREND,
)  # fmt: skip


def _published(conn: sqlite3.Connection, year: int) -> None:
    if conn.execute(YEAR_PUBLISHED, (year,)).fetchone():
        return
    first, last = conn.execute(YEARS_PUBLISHED).fetchone()
    if last is None:
        detail = "Todavía no hay cifras publicadas."
    elif year > last:
        detail = (
            f"Las cifras de {year} todavía no están publicadas; las más recientes son de {last}."
        )
    else:
        detail = f"No hay cifras de {year}: se publican desde {first}."
    raise ApiProblem(404, "year_not_published", detail, field="year")


def _years(conn: sqlite3.Connection) -> tuple[int, int]:
    first, last = conn.execute(YEARS_PUBLISHED).fetchone()
    if last is None:
        raise ApiProblem(404, "year_not_published", "Todavía no hay cifras publicadas.")
    return int(first), int(last)


@router.get("/mediation-stats/mediation/years/{year}", response_model=api.MediationYear)
def mediation_year(year: Annotated[int, _YEAR], state: State, kiosk: KioskId) -> api.MediationYear:
    """The year's mediations in each department (INE order) and in the whole country."""
    _reads.check(kiosk)
    conn = state.db.connection()
    _published(conn, year)
    found: dict[tuple[int, str], tuple[int, int]] = {}
    centres: dict[int, int] = {}
    for department, matter, count, agreements, reporting in conn.execute(MEDIATION_YEAR, (year,)):
        found[department, matter] = (count, agreements)
        centres[department] = reporting

    def one(code: int, name: str) -> api.DepartmentMediation:
        matters = [
            api.MatterFigures(matter=matter, started=started, agreements=agreements)
            for matter in Matter
            for started, agreements in [found.get((code, matter.value), (0, 0))]
        ]
        return api.DepartmentMediation(
            department=code,
            name=name,
            started=sum(m.started for m in matters),
            agreements=sum(m.agreements for m in matters),
            centres=centres.get(code, 0),
            matters=matters,
        )

    departments = [one(code, name) for code, name in _NAMES.items()]
    country = [
        api.MatterFigures(
            matter=matter,
            started=sum(d.matters[i].started for d in departments),
            agreements=sum(d.matters[i].agreements for d in departments),
        )
        for i, matter in enumerate(Matter)
    ]
    return api.MediationYear(
        year=year,
        country=api.MediationFigures(
            started=sum(d.started for d in departments),
            agreements=sum(d.agreements for d in departments),
            centres=sum(d.centres for d in departments),
            matters=country,
        ),
        departments=departments,
    )


@router.get("/mediation-stats/mediation/trend", response_model=api.MediationTrend)
def mediation_trend(
    state: State,
    kiosk: KioskId,
    department: Annotated[int | None, _DEPARTMENT] = None,
) -> api.MediationTrend:
    """Every published year of a department's (or the country's) mediations, oldest first."""
    _reads.check(kiosk)
    conn = state.db.connection()
    first, last = _years(conn)
    if department is None:
        rows = conn.execute(MEDIATION_COUNTRY_TREND, (first, last))
    else:
        rows = conn.execute(MEDIATION_DEPARTMENT_TREND, (department,))
    return api.MediationTrend(
        department=department,
        name=_NAMES[department] if department else None,
        years=[
            api.MediationPoint(year=year, started=count, agreements=agreed, centres=open_now)
            for year, count, agreed, open_now in rows
        ],
    )


@router.get("/mediation-stats/facilitators/years/{year}", response_model=api.FacilitatorYear)
def facilitator_year(
    year: Annotated[int, _YEAR], state: State, kiosk: KioskId
) -> api.FacilitatorYear:
    """The year's facilitadores judiciales in each department (INE order) and the country."""
    _reads.check(kiosk)
    conn = state.db.connection()
    _published(conn, year)
    found: dict[int, tuple[int, int, int, int]] = {
        department: (facilitators, municipalities, attended, referred)
        for department, facilitators, municipalities, attended, referred in conn.execute(
            FACILITATOR_YEAR, (year,)
        )
    }
    none = (0, 0, 0, 0)
    country = tuple(sum(values[i] for values in found.values()) for i in range(4))
    return api.FacilitatorYear(
        year=year,
        country=api.FacilitatorFigures(
            facilitators=country[0],
            municipalities=country[1],
            municipalities_total=data.MUNICIPALITIES,
            people_attended=country[2],
            cases_referred=country[3],
        ),
        departments=[
            api.DepartmentFacilitators(
                department=code,
                name=name,
                facilitators=found.get(code, none)[0],
                municipalities=found.get(code, none)[1],
                municipalities_total=_MUNICIPALITIES[code],
                people_attended=found.get(code, none)[2],
                cases_referred=found.get(code, none)[3],
            )
            for code, name in _NAMES.items()
        ],
    )


@router.get("/mediation-stats/facilitators/trend", response_model=api.FacilitatorTrend)
def facilitator_trend(
    state: State,
    kiosk: KioskId,
    department: Annotated[int | None, _DEPARTMENT] = None,
) -> api.FacilitatorTrend:
    """Every published year of a department's (or the country's) facilitadores, oldest first;
    a year before the first one was named counts zero."""
    _reads.check(kiosk)
    conn = state.db.connection()
    first, last = _years(conn)
    if department is None:
        rows = conn.execute(FACILITATOR_COUNTRY_TREND, (first, last))
    else:
        rows = conn.execute(FACILITATOR_DEPARTMENT_TREND, (department,))
    found = {year: (count, places, attended, referred)
             for year, count, places, attended, referred in rows}  # fmt: skip
    return api.FacilitatorTrend(
        department=department,
        name=_NAMES[department] if department else None,
        municipalities_total=_MUNICIPALITIES[department] if department else data.MUNICIPALITIES,
        years=[
            api.FacilitatorPoint(
                year=year,
                facilitators=found.get(year, (0, 0, 0, 0))[0],
                municipalities=found.get(year, (0, 0, 0, 0))[1],
                people_attended=found.get(year, (0, 0, 0, 0))[2],
                cases_referred=found.get(year, (0, 0, 0, 0))[3],
            )
            for year in range(first, last + 1)
        ],
    )


SERVICE = SandboxService(
    name="estadisticas-mediacion",
    router=router,
    schema=SCHEMA,
    tables=TABLES,
    seed=seed_statistics,
    seed_version="2",  # 2: the facilitadores stay in 213 municipalities after 2019
    refresh=refresh_years,
)
