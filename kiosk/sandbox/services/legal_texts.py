"""Normativas y Resoluciones Judiciales: laws, CSJ acuerdos, circulars and published rulings,
searched by words, kind and year, and read part by part.

The tables, the seed and the demo documents are ``kiosk.sandbox.legal_texts_seed``'s; the queries
``legal_texts_search``'s. Public information: no personal data is stored (a ruling's parties are
written by their initials), and the searched words are never logged (the app logs no queries).
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from kiosk.portal.models import legal_texts as api
from kiosk.portal.models.common import ExcerptPart
from kiosk.portal.models.legal_texts import LegalKind, LegalState, UnitKind
from kiosk.sandbox import legal_texts_search as finder
from kiosk.sandbox import word_search
from kiosk.sandbox.legal_texts_seed import (
    DEMO_ACUERDO,
    DEMO_CIRCULAR,
    DEMO_CODE,
    DEMO_CODE_PRINTABLE,
    DEMO_LAW,
    DEMO_LAW_NOTIFICATIONS,
    DEMO_REPEALED,
    DEMO_REPEALED_BY,
    DEMO_RULING,
    DEMO_SHORT_LAW,
    DEMO_WORDS_FEW,
    DEMO_WORDS_NONE,
    DEMO_WORDS_TOO_MANY,
    NOTE,
    SCHEMA,
    TABLES,
    seed_texts,
)
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State

__all__ = [  # the demo documents, for the README and the tests
    "DEMO_ACUERDO",
    "DEMO_CIRCULAR",
    "DEMO_CODE",
    "DEMO_CODE_PRINTABLE",
    "DEMO_LAW",
    "DEMO_LAW_NOTIFICATIONS",
    "DEMO_REPEALED",
    "DEMO_REPEALED_BY",
    "DEMO_RULING",
    "DEMO_SHORT_LAW",
    "DEMO_WORDS_FEW",
    "DEMO_WORDS_NONE",
    "DEMO_WORDS_TOO_MANY",
    "SERVICE",
]

router = APIRouter(tags=["normativas"])
#: a visitor searches a few times a minute; reading a long law part by part takes more calls
_searches = RateLimiter(60, 60.0)
_reads = RateLimiter(120, 60.0)
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_YEAR = Query(ge=api.FIRST_YEAR, le=2100, description="the year it was issued")


@router.get("/legal-texts", response_model=api.LegalTextPage)
def search_texts(
    state: State,
    kiosk: KioskId,
    words: Annotated[
        str | None,
        Query(max_length=api.WORDS_MAX, description="accents, case and plurals do not matter"),
    ] = None,
    kind: Annotated[LegalKind | None, Query()] = None,
    year_from: Annotated[int | None, _YEAR] = None,
    year_to: Annotated[int | None, _YEAR] = None,
    limit: Annotated[int, Query(ge=1, le=api.SEARCH_LIMIT_MAX)] = api.SEARCH_LIMIT_DEFAULT,
    cursor: Annotated[str | None, Query(pattern=r"^o[0-9]{1,5}$", description="opaque")] = None,
) -> api.LegalTextPage:
    """Documents with every word (each may be cut short), best first, the title weighing
    most; without words, those of the kind and years asked, newest first."""
    _searches.check(kiosk)
    expression = None
    if words is not None and words.strip():
        expression = finder.expression(words)
        if expression is None:
            detail = (
                "Escriba al menos una palabra que diga qué busca: «de», «la» o «por» solas, o "
                "solo signos, no sirven para buscar."
            )
            raise ApiProblem(422, "words_empty", detail, field="words")
    elif kind is None and year_from is None and year_to is None:
        detail = "Escriba palabras que buscar, o elija un tipo de documento o unos años."
        raise ApiProblem(422, "search_empty", detail, field="words")
    if year_from is not None and year_to is not None and year_from > year_to:
        detail = f"El año inicial ({year_from}) es posterior al final ({year_to})."
        raise ApiProblem(422, "years_invalid", detail, field="year_to")
    criteria = finder.Criteria(expression, kind.value if kind else None, year_from, year_to)
    offset = int(cursor[1:]) if cursor else 0
    conn = state.db.connection()
    total, rows = finder.search(conn, criteria, limit, offset)
    items = [_summary(conn, row, words if expression else None) for row in rows]
    more = offset + len(items) < total
    return api.LegalTextPage(
        items=items, total=total, next_cursor=f"o{offset + len(items)}" if more else None
    )


def _summary(conn: sqlite3.Connection, row: sqlite3.Row, words: str | None) -> api.LegalTextSummary:
    label = None
    if words is None:
        parts = finder.excerpt(row["summary"], "")
    else:
        unit = finder.best_unit(conn, words, row["first_unit"], row["last_unit"])
        source = unit.text if unit is not None else row["summary"]
        parts = finder.excerpt(source, words)
        label = unit.label if unit is not None else None
    return api.LegalTextSummary(
        id=row["id"],
        kind=LegalKind(row["kind"]),
        number=row["number"],
        title=row["title"],
        issued_on=date.fromisoformat(row["issued_on"]),
        state=LegalState(row["state"]) if row["state"] else None,
        excerpt=_parts(parts),
        excerpt_label=label,
    )


@router.get("/legal-texts/{text_id}", response_model=api.LegalText)
def get_text(
    text_id: str,
    state: State,
    kiosk: KioskId,
    words: Annotated[
        str | None,
        Query(max_length=api.WORDS_MAX, description="the searched words: where they are"),
    ] = None,
) -> api.LegalText:
    _reads.check(kiosk)
    conn = state.db.connection()
    row = _text_row(conn, text_id)
    parts = conn.execute(
        "SELECT * FROM legal_parts WHERE text_pk = ? ORDER BY position", (row["pk"],)
    ).fetchall()
    match = None
    if words is not None and word_search.query_stems(words):
        unit = finder.best_unit(conn, words, row["first_unit"], row["last_unit"])
        if unit is not None:
            match = api.LegalMatch(
                part=parts[unit.part - 1]["id"],
                unit=unit.slug,
                label=unit.label,
                excerpt=_parts(finder.excerpt(unit.text, words)),
            )
    return api.LegalText(
        id=row["id"],
        kind=LegalKind(row["kind"]),
        number=row["number"],
        title=row["title"],
        issuer=row["issuer"],
        issued_on=date.fromisoformat(row["issued_on"]),
        published_on=_day(row["published_on"]),
        in_force_on=_day(row["in_force_on"]),
        state=LegalState(row["state"]) if row["state"] else None,
        state_by=row["state_by"],
        addressed_to=row["addressed_to"],
        summary=row["summary"],
        note=NOTE,
        units=row["last_unit"] - row["first_unit"] + 1,
        parts=[
            api.LegalPartSummary(
                id=part["id"],
                heading=part["heading"],
                title=part["title"],
                first_label=part["first_label"],
                last_label=part["last_label"],
                units=part["last_unit"] - part["first_unit"] + 1,
                characters=part["characters"],
            )
            for part in parts
        ],
        match=match,
    )


@router.get("/legal-texts/{text_id}/parts/{part_id}", response_model=api.LegalTextPart)
def get_part(text_id: str, part_id: str, state: State, kiosk: KioskId) -> api.LegalTextPart:
    _reads.check(kiosk)
    conn = state.db.connection()
    row = _text_row(conn, text_id)
    parts = conn.execute(
        "SELECT id, heading, title, first_unit, last_unit FROM legal_parts WHERE text_pk = ? "
        "ORDER BY position",
        (row["pk"],),
    ).fetchall()
    found = [(i, p) for i, p in enumerate(parts, start=1) if p["id"] == part_id]
    if not found:
        raise ApiProblem(404, "part_not_found", "Ese documento no tiene esa parte.")
    ((position, part),) = found
    return api.LegalTextPart(
        text_id=row["id"],
        id=part["id"],
        heading=part["heading"],
        title=part["title"],
        position=position,
        parts=len(parts),
        units=_units(conn, part["first_unit"], part["last_unit"]),
    )


@router.get("/legal-texts/{text_id}/full", response_model=api.LegalTextFull)
def get_full(text_id: str, state: State, kiosk: KioskId) -> api.LegalTextFull:
    """Every unit of the document, to print it whole (one call, however many parts)."""
    _reads.check(kiosk)
    conn = state.db.connection()
    row = _text_row(conn, text_id)
    return api.LegalTextFull(
        text_id=row["id"], units=_units(conn, row["first_unit"], row["last_unit"])
    )


def _units(conn: sqlite3.Connection, first: int, last: int) -> list[api.LegalUnit]:
    """A run of a document's units (their keys are consecutive), in order."""
    return [
        api.LegalUnit(
            id=unit["id"],
            kind=UnitKind(unit["kind"]),
            label=unit["label"],
            heading=unit["heading"],
            paragraphs=unit["body"].split("\n"),
        )
        for unit in conn.execute(
            "SELECT id, kind, label, heading, body FROM legal_units WHERE pk BETWEEN ? AND ? "
            "ORDER BY pk",
            (first, last),
        )
    ]


def _text_row(conn: sqlite3.Connection, text_id: str) -> sqlite3.Row:
    row: sqlite3.Row | None = None
    if len(text_id) <= 60 and _SLUG.match(text_id):
        row = conn.execute("SELECT * FROM legal_texts WHERE id = ?", (text_id,)).fetchone()
    if row is None:
        raise ApiProblem(404, "text_not_found", "No encontramos ese documento.")
    return row


def _parts(parts: list[tuple[str, bool]]) -> list[ExcerptPart]:
    return [ExcerptPart(text=text, marked=marked) for text, marked in parts]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


SERVICE = SandboxService(
    name="normativas",
    router=router,
    schema=SCHEMA,
    tables=TABLES,
    seed=seed_texts,
    seed_version="2",
)
