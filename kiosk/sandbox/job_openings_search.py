"""The SQL of a convocatorias search, made in one place so the route runs it and a test can
EXPLAIN exactly what runs: every filter is an index's (``jobs_until``, ``jobs_department_until``,
the number's UNIQUE) or the FTS5 table's, never a scan of ``jobs`` or ``job_results``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.portal.models.job_openings import JobStatus
from kiosk.sandbox.job_openings_seed import YEARS, unquoted
from kiosk.sandbox.word_search import match_expression

#: bm25 weights of the columns: a word of the post counts most, one of the requirements least
RANK = "bm25(job_words, 4.0, 2.0, 1.0)"
COLUMNS = (
    "j.id, j.number, j.kind, j.post, j.places, j.workplace, j.court_id, j.department, "
    "j.municipality, j.salary, j.papers_from, j.papers_until, j.results_on, j.requirements"
)


class NothingToSearch(ValueError):
    """The words hold nothing to search (only short or common words, or signs)."""


@dataclass(frozen=True)
class SearchSql:
    count: str  # SELECT COUNT(*) ..., with ``params``
    page: str  # SELECT COLUMNS ..., with ``params`` then LIMIT and OFFSET
    params: tuple[object, ...]


def search_sql(
    moment: datetime,
    *,
    status: JobStatus | None = None,
    q: str | None = None,
    department: int | None = None,
    number: str | None = None,
) -> SearchSql:
    """Every filter given narrows. Open: papers not yet closed at ``moment`` (and published);
    closed: closed within five years; neither: both. With words the best matches come first;
    without, an open one closing soonest first, a closed one latest first."""
    since = (moment - timedelta(days=round(365.25 * YEARS))).isoformat()
    where: list[str] = []
    params: list[object] = []
    if q is not None:
        expression = match_expression(unquoted(q))
        if expression is None:
            raise NothingToSearch(q)
        where.append("job_words MATCH ?")
        params.append(expression)
    if department is not None:
        where.append("j.department = ?")
        params.append(department)
    if status is JobStatus.ABIERTA:
        where += ["j.papers_until >= ?", "j.published_on <= ?"]
        params += [moment.isoformat(), moment.date().isoformat()]
    elif status is JobStatus.CERRADA:
        where += ["j.papers_until >= ?", "j.papers_until < ?"]
        params += [since, moment.isoformat()]
    else:
        where.append("j.papers_until >= ?")
        params.append(since)
    if number is not None:
        where.append("j.number = ?")
        params.append(number)
    source = "jobs j" if q is None else "job_words JOIN jobs j ON j.pk = job_words.rowid"
    order = "j.papers_until" if status is JobStatus.ABIERTA else "j.papers_until DESC"
    if q is not None:
        order = f"{RANK}, {order}"
    clause = " AND ".join(where)
    return SearchSql(
        f"SELECT COUNT(*) FROM {source} WHERE {clause}",  # noqa: S608 - fixed fragments
        f"SELECT {COLUMNS} FROM {source} WHERE {clause} ORDER BY {order}, j.pk LIMIT ? OFFSET ?",  # noqa: S608
        tuple(params),
    )
