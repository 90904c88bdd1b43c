"""Gerencia de Recursos Humanos: the OJ's convocatorias, open and closed, and their results.

Search by words (FTS5 over the stems ``kiosk.sandbox.word_search`` makes: post, place and
requirements; accent- and case-insensitive, singular or plural, ranked by bm25 with the post
weighing most), open or closed (by the portal's clock: the papers' closing moment), department,
or the number; pages of ``limit`` by an opaque cursor. The detail by id; one application's
result by its number (the list holds numbers, never names). Seed and tables:
``kiosk/sandbox/job_openings_seed.py``; demo: ``job_openings_demo.py``.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Path, Query

from kiosk.portal.models import job_openings as api
from kiosk.portal.models.common import ExcerptPart
from kiosk.portal.models.job_openings import JobDeliveryMode, JobPost, JobStatus, OpeningKind
from kiosk.sandbox import job_openings_data as data
from kiosk.sandbox.guards import RateLimiter
from kiosk.sandbox.job_openings_dates import refresh_jobs
from kiosk.sandbox.job_openings_results import OUTCOMES, PASS_MARK
from kiosk.sandbox.job_openings_search import NothingToSearch, search_sql
from kiosk.sandbox.job_openings_seed import SCHEMA, TABLES, seed_jobs
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import now
from kiosk.sandbox.word_search import excerpt

router = APIRouter(tags=["recursos humanos"])
#: a visitor searches a few times a minute; many more is a script walking the data
_searches = RateLimiter(60, 60.0)
#: results are public by number, but walking every application number is not what a kiosk does
_results = RateLimiter(30, 60.0)
_JOB_ID = re.compile(r"^jo_[0-9a-f]{16}$")
_CURSOR = r"^p[0-9]{1,5}$"
_EXCERPT_WIDTH = 160


@router.get("/jobs", response_model=api.JobPage)
def search_jobs(
    state: State,
    kiosk: KioskId,
    status: Annotated[
        JobStatus | None, Query(description="open (papers not yet closed) or closed")
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=api.QUERY_MAX_LENGTH, description="words of the post, place or needs"),
    ] = None,
    department: Annotated[int | None, Query(ge=1, le=22, description="kiosk.geography")] = None,
    number: Annotated[
        str | None, Query(pattern=api.NUMBER_PATTERN, description="a convocatoria: 015-2026")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=api.SEARCH_LIMIT_MAX)] = api.SEARCH_LIMIT_DEFAULT,
    cursor: Annotated[str | None, Query(pattern=_CURSOR, description="opaque")] = None,
) -> api.JobPage:
    """Every filter given narrows. With words: the best matches first; without: an open one
    closing soonest first, a closed one latest first. Closed ones go five years back."""
    _searches.check(kiosk)
    moment = now()
    try:
        sql = search_sql(moment, status=status, q=q, department=department, number=number)
    except NothingToSearch:
        detail = (
            "Escriba una palabra del puesto, del lugar o de los requisitos, por ejemplo "
            "«notificador» o «Quetzaltenango»."
        )
        raise ApiProblem(422, "query_invalid", detail, field="q") from None
    offset = int(cursor[1:]) if cursor else 0
    conn = state.db.connection()
    total = conn.execute(sql.count, sql.params).fetchone()[0]
    rows = conn.execute(sql.page, [*sql.params, limit + 1, offset]).fetchall()
    items = [_summary(row, moment, q) for row in rows[:limit]]
    more = len(rows) > limit
    return api.JobPage(items=items, total=total, next_cursor=f"p{offset + limit}" if more else None)


@router.get("/jobs/{job_id}", response_model=api.Job)
def get_job(job_id: str, state: State, _: KioskId) -> api.Job:
    row = _job_row(state, job_id)
    desk = data.DESKS[row["desk"]]
    online = desk.mode is JobDeliveryMode.EN_LINEA
    delivery = api.JobDelivery(
        mode=desk.mode,
        office=desk.office,
        address=desk.address,
        hours=desk.hours,
        url=data.ONLINE_URL.format(number=row["number"]) if online else None,
        map_url=data.map_url(desk.where) if desk.where else None,
    )
    results = None
    if row["results_on"] is not None:
        results = api.JobResults(
            published_on=date.fromisoformat(row["results_on"]),
            applicants=row["applicants"],
            admitted=row["admitted"],
            passed=row["passed"],
            appointed=row["appointed"],
            pass_mark=PASS_MARK,
        )
    post = JobPost(row["post"])
    return api.Job(
        **_common(row, now()),
        law=data.POST_SPECS[post].law,
        published_on=date.fromisoformat(row["published_on"]),
        exam_at=datetime.fromisoformat(row["exam_at"]) if row["exam_at"] else None,
        requirements=row["requirements"].split("\n"),
        documents=row["documents"].split("\n"),
        delivery=delivery,
        results=results,
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


@router.get("/jobs/{job_id}/results/{application}", response_model=api.JobResult)
def get_result(
    job_id: str,
    application: Annotated[
        int, Path(ge=1, le=api.APPLICATION_MAX, description="the number on the receipt")
    ],
    state: State,
    kiosk: KioskId,
) -> api.JobResult:
    """One application's result; 409 ``results_pending`` before they are published."""
    _results.check(kiosk)
    row = _job_row(state, job_id)
    if row["results_on"] is None:
        detail = "Los resultados de esta convocatoria todavía no se han publicado."
        raise ApiProblem(409, "results_pending", detail)
    found = (
        state.db.connection()
        .execute(
            "SELECT outcome, score, rank FROM job_results WHERE job_pk = ? AND application = ?",
            (row["pk"], application),
        )
        .fetchone()
    )
    if found is None:
        detail = (
            f"La convocatoria {row['number']} no tiene una solicitud con el número {application}."
        )
        raise ApiProblem(404, "application_not_found", detail, field="application")
    return api.JobResult(
        job_id=row["id"],
        number=row["number"],
        application=application,
        outcome=OUTCOMES[found["outcome"]],
        score=found["score"],
        rank=found["rank"],
        pass_mark=PASS_MARK,
        published_on=date.fromisoformat(row["results_on"]),
    )


def _job_row(state: State, job_id: str) -> sqlite3.Row:
    row: sqlite3.Row | None = None
    if _JOB_ID.match(job_id):
        conn = state.db.connection()
        row = conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
    if row is None:
        raise ApiProblem(404, "job_not_found", "No existe esa convocatoria.")
    return row


def _common(row: sqlite3.Row, moment: datetime) -> dict[str, object]:
    """What a summary and the detail share; the status by the portal's clock."""
    until = datetime.fromisoformat(row["papers_until"])
    return {
        "id": row["id"],
        "number": row["number"],
        "kind": OpeningKind(row["kind"]),
        "post": JobPost(row["post"]),
        "places": row["places"],
        "workplace": row["workplace"],
        "court_id": row["court_id"],
        "department": row["department"],
        "municipality": row["municipality"],
        "salary": Decimal(row["salary"]),
        "status": JobStatus.ABIERTA if until >= moment else JobStatus.CERRADA,
        "papers_from": datetime.fromisoformat(row["papers_from"]),
        "papers_until": until,
    }


def _summary(row: sqlite3.Row, moment: datetime, query: str | None) -> api.JobSummary:
    parts: list[ExcerptPart] = []
    if query:  # where the words are in the requirements, if they are there
        found = excerpt(row["requirements"].replace("\n", " "), query, _EXCERPT_WIDTH)
        if any(marked for _, marked in found):
            parts = [ExcerptPart(text=text, marked=marked) for text, marked in found]
    results_on = date.fromisoformat(row["results_on"]) if row["results_on"] else None
    return api.JobSummary(**_common(row, moment), results_on=results_on, excerpt=parts)


SERVICE = SandboxService(
    name="recursos-humanos",
    router=router,
    schema=SCHEMA,
    tables=TABLES,
    seed=seed_jobs,
    seed_version="1",
    refresh=refresh_jobs,
)
