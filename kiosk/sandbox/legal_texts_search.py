"""Finding legal texts: FTS5 over the stems ``kiosk.sandbox.word_search`` indexes, ranked by
bm25 with the title weighing most, filtered by kind and year; or, without words, the newest
first. Every query here uses an index (a test reads their plans): the FTS5 index for words, the
(kind, issued_on) or issued_on index for a listing, the rowid for a document's units.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from kiosk.sandbox import word_search

#: bm25 weights of the whole-document index's columns: title, summary, body
WEIGHTS = (10.0, 4.0, 1.0)
EXCERPT_WIDTH = 180
_COLUMNS = (
    "d.pk, d.id, d.kind, d.number, d.title, d.issued_on, d.state, d.summary, d.first_unit, "
    "d.last_unit"
)


@dataclass(frozen=True)
class Criteria:
    """What a search asks: words (already an FTS5 expression, or None), a kind, a year range
    (``None`` at either end: open)."""

    expression: str | None
    kind: str | None
    year_from: int | None
    year_to: int | None


@dataclass(frozen=True)
class BestUnit:
    pk: int
    part: int  # the part's position in its document
    slug: str
    label: str
    text: str  # heading and paragraphs, one line


def _filters(criteria: Criteria) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    if criteria.kind is not None:
        where.append("d.kind = ?")
        params.append(criteria.kind)
    if criteria.year_from is not None:
        where.append("d.issued_on >= ?")
        params.append(f"{criteria.year_from:04d}-01-01")
    if criteria.year_to is not None:
        where.append("d.issued_on <= ?")
        params.append(f"{criteria.year_to:04d}-12-31")
    return where, params


def search_sql(criteria: Criteria) -> tuple[str, str, list[object]]:
    """(count query, page query, their parameters): the page query takes LIMIT and OFFSET
    after them."""
    where, params = _filters(criteria)
    if criteria.expression is not None:
        # the FTS5 match first, once, then each match's row (CROSS JOIN keeps that order): the
        # planner's other choice probed the index once per document of a kind and years, each
        # probe running the whole MATCH again (3.5 ms for «información pública» in acuerdos)
        joined = "legal_search s CROSS JOIN legal_texts d ON d.pk = s.rowid"
        where.insert(0, "legal_search MATCH ?")
        params.insert(0, criteria.expression)
        weights = ", ".join(str(w) for w in WEIGHTS)
        order = f"bm25(legal_search, {weights}), d.issued_on DESC, d.pk DESC"
    else:
        joined = "legal_texts d"
        order = "d.issued_on DESC, d.pk DESC"
    condition = " AND ".join(where) or "1"
    count = f"SELECT COUNT(*) FROM {joined} WHERE {condition}"  # noqa: S608 - fixed fragments
    page = f"SELECT {_COLUMNS} FROM {joined} WHERE {condition} ORDER BY {order} LIMIT ? OFFSET ?"  # noqa: S608
    return count, page, params


def search(
    conn: sqlite3.Connection, criteria: Criteria, limit: int, offset: int
) -> tuple[int, list[sqlite3.Row]]:
    count, page, params = search_sql(criteria)
    total = conn.execute(count, params).fetchone()[0]
    rows = conn.execute(page, [*params, limit, offset]).fetchall() if offset < total else []
    return total, rows


#: a document's best unit for an expression: its units are a rowid range of the unit index
UNIT_SQL = (
    "SELECT u.pk, u.part, u.id, u.label, u.heading, u.body "
    "FROM legal_unit_search s JOIN legal_units u ON u.pk = s.rowid "
    "WHERE legal_unit_search MATCH ? AND s.rowid BETWEEN ? AND ? ORDER BY s.rank LIMIT 1"
)


def expression(query: str, joiner: str = "AND") -> str | None:
    """``word_search.match_expression``, but a number is a whole number: «2-89» is the tokens
    2 and 89, not every token that starts with 2 (2019, 2020, 20…), which found nothing more
    and made FTS5 merge hundreds of doclists at every call. Words stay prefixes («notific»).
    ``joiner`` OR: any of the words. None: nothing to search."""
    stems = word_search.query_stems(query)
    if not stems:
        return None
    terms = (f'"{stem}"' if stem.isdigit() else f'"{stem}"*' for stem in stems)
    return f" {joiner} ".join(terms)


def best_unit(conn: sqlite3.Connection, query: str, first: int, last: int) -> BestUnit | None:
    """The unit of a document (units ``first`` to ``last``) that holds the searched words best:
    all of them if one does, else any; None when only the title or summary has them."""
    every, some = expression(query), expression(query, "OR")
    if every is None or some is None:
        return None
    for expression_ in dict.fromkeys((every, some)):
        row = conn.execute(UNIT_SQL, (expression_, first, last)).fetchone()
        if row is not None:
            text = " ".join(filter(None, (row["heading"], row["body"].replace("\n", " "))))
            return BestUnit(row["pk"], row["part"], row["id"], row["label"], text)
    return None


def excerpt(text: str, query: str) -> list[tuple[str, bool]]:
    """``word_search.excerpt`` of ``text`` at this service's width."""
    return list(word_search.excerpt(text, query, EXCERPT_WIDTH))
