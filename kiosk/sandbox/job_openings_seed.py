"""The convocatorias' tables and their seed: about 80 a year over the last five years, finished
with their results, plus the ones open now (about 45), over every department on the real court
structure (``kiosk.courts``) and the administrative offices.

A finished convocatoria's results are one row per application (``job_openings_results``): never
a name. What is not finished is kept in ``job_rolling`` as days from the anchor, and the
service's refresh dates it again from every start (``job_openings_dates``): open ones stay open
however old the data folder is. Words are indexed once, as
``kiosk.sandbox.word_search`` stems them, in an FTS5 table whose rowid is the convocatoria's pk.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from kiosk.courts import CourtKind, Matter, court, courts_in
from kiosk.geography import DEPARTMENTS, department, municipality_name
from kiosk.portal.models.job_openings import (
    JobDeliveryMode,
    JobPost,
    OpeningKind,
)
from kiosk.sandbox import job_openings_data as data
from kiosk.sandbox.bulk import insert_rows
from kiosk.sandbox.job_openings_dates import UPDATE_CLOCK, as_days, at, moments_from, weekday
from kiosk.sandbox.job_openings_demo import DEMO_JOBS, DemoJob, Moments
from kiosk.sandbox.job_openings_results import application_results, score_pool
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, Weighted
from kiosk.sandbox.services import volume
from kiosk.sandbox.word_search import stems

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    pk            INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    number        TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    post          TEXT NOT NULL,
    places        INTEGER NOT NULL,
    workplace     TEXT NOT NULL,
    court_id      TEXT,
    department    INTEGER NOT NULL,
    municipality  INTEGER NOT NULL,
    salary        TEXT NOT NULL,
    published_on  TEXT NOT NULL,
    papers_from   TEXT NOT NULL,
    papers_until  TEXT NOT NULL,
    exam_at       TEXT,
    desk          TEXT NOT NULL,
    requirements  TEXT NOT NULL,  -- one a line
    documents     TEXT NOT NULL,  -- one a line
    results_on    TEXT,
    applicants    INTEGER,
    admitted      INTEGER,
    passed        INTEGER,
    appointed     INTEGER,
    updated_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_until ON jobs(papers_until);
CREATE INDEX IF NOT EXISTS jobs_department_until ON jobs(department, papers_until);
CREATE TABLE IF NOT EXISTS job_results (
    job_pk      INTEGER NOT NULL REFERENCES jobs(pk),
    application INTEGER NOT NULL,
    outcome     INTEGER NOT NULL,  -- OUTCOMES by position
    score       INTEGER,
    rank        INTEGER,
    PRIMARY KEY (job_pk, application)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS job_rolling (
    job_pk        INTEGER PRIMARY KEY REFERENCES jobs(pk),
    published     INTEGER NOT NULL,  -- days from the day the dates are counted from
    papers_from   INTEGER NOT NULL,
    from_clock    TEXT NOT NULL,
    papers_until  INTEGER NOT NULL,
    until_clock   TEXT NOT NULL,
    exam          INTEGER
);
CREATE VIRTUAL TABLE IF NOT EXISTS job_words USING fts5(
    post, place, requirements, tokenize = 'unicode61'
)
"""
TABLES = ("job_words", "job_rolling", "job_results", "jobs")

YEARS = 5  # [A] the closed ones a visitor can look up
PER_YEAR = 80  # [A] convocatorias a year
OPEN_NOW = 45  # [A] open at any time (the issue: about 30 to 60)
RAISE = 1.03  # [A] salaries grow about 3 % a year from 2021


def seed_jobs(
    conn: sqlite3.Connection,
    rng: random.Random,
    anchor: date,
    *,
    per_year: int = PER_YEAR,
    open_now: int = OPEN_NOW,
) -> None:
    """``per_year`` a year over the five years before the anchor, ``open_now`` open at it, and
    the demo; numbered by year in the order they were published."""
    seeder = _Seeder(rng, anchor)
    seeder.history(volume(per_year))
    seeder.current(volume(open_now))
    seeder.write(conn)


@dataclass
class _Job:
    spec: data.PostSpec
    kind: OpeningKind
    places: int
    workplace: str
    court_id: str | None
    department: int
    municipality: int
    desk: str
    published: date
    moments: tuple[datetime, datetime, datetime | None]  # papers from, until, exam
    results_on: date | None = None
    rolling: Moments | None = None
    demo: DemoJob | None = None
    extra: str = ""


class _Seeder:
    def __init__(self, rng: random.Random, anchor: date) -> None:
        self.rng = rng
        self.anchor = anchor
        self.jobs: list[_Job] = []
        # flatter than the cases' shares: every department calls for staff
        self.departments = Weighted(
            tuple(DEPARTMENT_WEIGHTS), [6 + share for share, _ in DEPARTMENT_WEIGHTS.values()]
        )
        self.posts = Weighted(data.POSTS, [spec.weight for spec in data.POSTS])
        self.maya = Weighted(
            tuple(data.LANGUAGES), [6 + DEPARTMENT_WEIGHTS[d][0] for d in data.LANGUAGES]
        )
        self._courts: dict[tuple[int, data.Where], tuple[str, ...]] = {}
        self.scores = score_pool(rng)

    # --- what is drawn ----------------------------------------------------------------------

    def history(self, per_year: int) -> None:
        """Convocatorias published over the five years before the anchor (up to three weeks
        before it), at ``per_year`` a year."""
        first = date(self.anchor.year - YEARS, self.anchor.month, 1).toordinal()
        last = self.anchor.toordinal() - 21
        for _ in range(round(per_year * (last - first) / 365.25)):
            published = weekday(date.fromordinal(first + int(self.rng.random() * (last - first))))
            self.jobs.append(self.draw(published, None))

    def current(self, count: int) -> None:
        """Open at the anchor: published in the last three weeks, papers from days ago or from
        a coming day, until one to five weeks on."""
        for _ in range(count):
            rng = self.rng
            published = -int(rng.random() * 18)
            start = published + 1 + int(rng.random() * 10)
            until = max(start, 0) + 3 + int(rng.random() * 28)
            moments = Moments(published, start, until, until + 10 + int(rng.random() * 15))
            self.jobs.append(self.draw(self.anchor + timedelta(published), moments))

    def draw(self, published: date, rolling: Moments | None) -> _Job:
        rng = self.rng
        spec = self.posts.pick(rng)
        kind = OpeningKind.INTERNA if rng.random() < spec.internal else OpeningKind.EXTERNA
        workplace, court_id, dept, muni = self.workplace(spec)
        desk = self.desk(spec, dept)
        low, high = spec.places
        places = low + int(rng.random() * (high - low + 1))
        extra = ""
        languages = data.LANGUAGES.get(dept, ())
        if spec.post is JobPost.INTERPRETE:
            language = languages[int(rng.random() * len(languages))]
            extra = f"Hablar, leer y escribir el idioma {language}."
        elif spec.post is JobPost.JUEZ_PAZ and languages:
            extra = f"Hablar el idioma {languages[0]} (deseable)."
        online = data.DESKS[desk].mode is JobDeliveryMode.EN_LINEA
        clock = data.CLOSING_ONLINE if online else data.CLOSING_IN_PERSON
        if rolling is not None:
            rolling = replace(rolling, until_clock=clock)
            moments, results_on = moments_from(self.anchor, rolling), None
        else:
            start = published + timedelta(1 + int(rng.random() * 3))
            until = start + timedelta(7 + int(rng.random() * 10))
            exam = until + timedelta(10 + int(rng.random() * 16))
            moments = (at(weekday(start), "08:00"), at(weekday(until), clock),
                       at(weekday(exam), "09:00"))  # fmt: skip
            results_on = weekday(exam + timedelta(15 + int(rng.random() * 26)))
            if results_on > self.anchor:  # closed, results to come: dated from every start
                rolling, results_on = as_days(self.anchor, published, moments, clock), None
        return _Job(spec, kind, places, workplace, court_id, dept, muni, desk, published,
                    moments, results_on, rolling, extra=extra)  # fmt: skip

    def workplace(self, spec: data.PostSpec) -> tuple[str, str | None, int, int]:
        rng = self.rng
        if spec.where is data.Where.OFFICE:
            key = spec.offices[int(rng.random() * len(spec.offices))]
            if key == "regional":
                region = data.REGIONS[int(rng.random() * len(data.REGIONS))]
                dept, muni = region.seat
                return f"Administración Regional {region.name}", None, dept, muni
            office = data.OFFICES[key]
            return office.name, None, office.department, office.municipality
        if spec.where is data.Where.MAYA_COURT:
            dept = self.maya.pick(rng)
        else:
            dept = self.departments.pick(rng)
        found = self.courts(dept, spec.where)
        chosen = court(found[int(rng.random() * len(found))])
        return chosen.name, chosen.id, chosen.department, chosen.municipality

    def courts(self, dept: int, where: data.Where) -> tuple[str, ...]:
        key = (dept, where)
        if key not in self._courts:
            first = (CourtKind.PRIMERA_INSTANCIA, CourtKind.SENTENCIA)
            kinds = {
                data.Where.ANY_COURT: (*first, CourtKind.PAZ),
                data.Where.MAYA_COURT: (*first, CourtKind.PAZ),
                data.Where.FIRST_INSTANCE: first,
                data.Where.PEACE: (CourtKind.PAZ,),
                data.Where.FAMILY: (CourtKind.PRIMERA_INSTANCIA,),
            }[where]
            found = [c for c in courts_in(dept) if c.kind in kinds]
            if where is data.Where.FAMILY:
                family = [c for c in found if {Matter.FAMILIA, Matter.NINEZ} & set(c.matters)]
                found = family or found
            self._courts[key] = tuple(c.id for c in found)
        return self._courts[key]

    def desk(self, spec: data.PostSpec, dept: int) -> str:
        draw = self.rng.random()
        if spec.post is JobPost.JUEZ_PAZ:
            return "consejo" if draw < 0.5 else "en_linea"
        if draw < 0.25:
            return "en_linea"
        region = data.REGION_OF.get(dept)
        if region is None or draw < 0.35:
            return "gerencia"
        return f"region_{region.seat[0]}"

    def demo(self, demo: DemoJob) -> _Job:
        spec = data.POST_SPECS[demo.post]
        place: tuple[str, str | None, int, int]
        if demo.workplace in data.OFFICES:
            office = data.OFFICES[demo.workplace]
            place = (office.name, None, office.department, office.municipality)
        else:
            found = court(demo.workplace)
            place = (found.name, found.id, found.department, found.municipality)
        name, court_id, dept, muni = place
        if demo.fixed is not None:
            published, start, until, exam, results = demo.fixed
            return _Job(spec, demo.kind, demo.places, name, court_id, dept, muni, demo.desk,
                        published, (start, until, exam), results_on=results, demo=demo)  # fmt: skip
        assert demo.moments is not None
        return _Job(spec, demo.kind, demo.places, name, court_id, dept, muni, demo.desk,
                    self.anchor + timedelta(demo.moments.published),
                    moments_from(self.anchor, demo.moments), rolling=demo.moments, demo=demo,
                    extra=demo.extra_requirement)  # fmt: skip

    # --- the rows ---------------------------------------------------------------------------

    def write(self, conn: sqlite3.Connection) -> None:
        jobs = self.jobs + [self.demo(demo) for demo in DEMO_JOBS]
        jobs.sort(key=lambda job: (job.published, job.moments[0]))
        ids: set[int] = set()
        while len(ids) < len(jobs):
            ids.add(self.rng.getrandbits(64))
        keys = sorted(ids)
        order = list(range(len(jobs)))
        self.rng.shuffle(order)  # ids are not in publication order: they say nothing
        reserved = {demo.number for demo in DEMO_JOBS if demo.number}
        sequences: dict[int, int] = {}
        rows: list[object] = []
        words: list[tuple[object, ...]] = []
        rolling: list[object] = []
        results: list[object] = []
        for pk, job in enumerate(jobs, start=1):
            number = job.demo.number if job.demo is not None and job.demo.number else ""
            while not number or (number in reserved and job.demo is None):
                sequences[job.published.year] = sequences.get(job.published.year, 0) + 1
                number = f"{sequences[job.published.year]:03d}-{job.published.year}"
            counts: tuple[int | None, ...] = (None, None, None, None)
            if job.results_on is not None:
                counts = self.results(pk, job, results)
            rows += self.row(pk, f"jo_{keys[order[pk - 1]]:016x}", number, job, counts)
            words.append((pk, *index_words(job.spec, job.workplace, job.department,
                                           job.municipality, requirements(job))))  # fmt: skip
            if job.rolling is not None:
                moments = job.rolling
                rolling += (pk, moments.published, moments.papers_from, moments.from_clock,
                            moments.papers_until, moments.until_clock, moments.exam)  # fmt: skip
        insert_rows(conn, "jobs", 24, rows)
        insert_rows(conn, "job_results", 5, results)
        insert_rows(conn, "job_rolling", 7, rolling)
        conn.executemany(
            "INSERT INTO job_words(rowid, post, place, requirements) VALUES (?, ?, ?, ?)", words
        )

    def row(
        self, pk: int, job_id: str, number: str, job: _Job, counts: tuple[int | None, ...]
    ) -> tuple[object, ...]:
        start, until, exam = job.moments
        years = max(0, job.published.year - 2021)
        salary = round(job.spec.salary * RAISE**years / 25) * 25
        changed = job.results_on or job.published
        return (
            pk, job_id, number, job.kind, job.spec.post, job.places, job.workplace,
            job.court_id, job.department, job.municipality, f"{salary}.00",
            job.published.isoformat(), start.isoformat(), until.isoformat(),
            exam.isoformat() if exam else None, job.desk, "\n".join(requirements(job)),
            "\n".join(documents(job)),
            job.results_on.isoformat() if job.results_on else None, *counts,
            changed.isoformat() + UPDATE_CLOCK,
        )  # fmt: skip

    def results(self, pk: int, job: _Job, rows: list[object]) -> tuple[int, ...]:
        """Every application's result (the flat rows added to ``rows``) and the counts:
        (applicants, admitted, passed, appointed)."""
        low, high = job.spec.applicants
        if job.kind is OpeningKind.INTERNA:
            low, high = 3, max(8, high // 10)
        demo = job.demo
        applicants = demo.applicants if demo else low + int(self.rng.random() * (high - low + 1))
        found, counts = application_results(self.rng, self.scores, applicants, job.places, demo)
        for row in found:
            rows += (pk, *row)
        return counts


def requirements(job: _Job) -> list[str]:
    found = list(job.spec.requirements)
    if job.kind is OpeningKind.INTERNA:
        found.insert(1, data.INTERNAL_REQUIREMENT)
    if job.extra:
        found.append(job.extra)
    return found


def documents(job: _Job) -> list[str]:
    found = [*data.COMMON_DOCUMENTS, *job.spec.documents]
    if job.kind is OpeningKind.INTERNA:
        found.append(data.INTERNAL_DOCUMENT)
    return found


def index_words(
    spec: data.PostSpec, workplace: str, dept: int, muni: int, wanted: list[str]
) -> tuple[str, str, str]:
    """What the index holds for a convocatoria: its post (with the words people use for it),
    its place and its requirements, stemmed. Apostrophes go first, so «K'iche'» is one word
    (``kiche``), as a visitor types it."""
    place = f"{workplace} {municipality_name(dept, muni)} {department(dept).name}"
    return (
        _stemmed(f"{spec.name} {spec.synonyms}"),
        _stemmed(place),
        _stemmed(" ".join(wanted)),
    )


@lru_cache(maxsize=4096)
def _stemmed(text: str) -> str:
    """Stems of a text, once: posts, places and requirement lists repeat across hundreds of
    convocatorias (the seed's budget is about 2 s)."""
    return stems(unquoted(text))


def unquoted(text: str) -> str:
    return text.replace("'", "").replace("’", "")


assert len(DEPARTMENTS) == len(DEPARTMENT_WEIGHTS)  # every department draws convocatorias
