"""Directorio de dependencias y órganos jurisdiccionales: every court and office, searched by words
or by place, and each one's card.

The rows are the real structure, not a sample: every court of ``kiosk.courts`` under its own id
(so the Agenda's and Amparos' pickers and this directory name the same court), the OJ's offices,
about 80 Centros de Mediación and the facilitadores judiciales of 213 municipalities: about 1,000
entries. The sandbox's volume share does not shrink it (a directory that lacks a court is wrong,
and the whole seed takes a few tens of milliseconds). Seed and assumptions: ``directory_seed.py``
and ``directory_data.py``.

Words are searched in an FTS5 index of each entry's stems (``word_search``: accents, case,
singular and plural are one; every word must be found, each as a prefix), ranked by bm25 with the
name weighing most, ties by name. A search by place reads an index on (department, kind,
municipality). Nothing here is personal: no person is named, and the emails and phones are the
institution's.
"""

from __future__ import annotations

import math
import random
import sqlite3
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query

from kiosk.geography import department as find_department
from kiosk.geography import municipality_count, municipality_name
from kiosk.portal.models import directory as api
from kiosk.portal.models.common import ExcerptPart
from kiosk.portal.models.directory import DirectoryMatter, EntryKind
from kiosk.sandbox.bulk import insert_rows
from kiosk.sandbox.directory_seed import DirectorySeeder
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.word_search import excerpt, match_expression, query_stems, stem, words

# --- demo entries: always there, documented for newcomers and the UI tests ------------------------

#: The Corte Suprema de Justicia, in the Palacio de Justicia (21 calle 7-70, zona 1).
DEMO_CSJ = "01001"
#: A juzgado de turno: open 24 hours, every day (its card says «Abierto ahora»).
DEMO_TURNO = "01228"
#: The labour court of Quetzaltenango, on the Agenda's and the Expedientes' demo cases.
DEMO_LABOUR_COURT = "09006"
#: The Centro de Mediación at Quetzaltenango's seat (every seat has one, numbered first).
DEMO_MEDIATION = "me-09001"
#: The facilitadores judiciales of Chichicastenango (Quiché), reached through its Juzgado de Paz.
DEMO_FACILITADORES = "fj-14006"
#: The Unidad de Información Pública, in the Palacio de Justicia.
DEMO_OFFICE = "of-01008"
#: San José del Golfo (Guatemala) has no Centro de Mediación: a search there lists the nearest.
DEMO_NO_MEDIATION = (1, 4)
#: Words that find one entry, several, and too many for a list.
DEMO_WORDS_ONE = "unidad de informacion publica"
DEMO_WORDS_SOME = "juzgado de paz mixco"
DEMO_WORDS_MANY = "juzgados de paz"

# --- schema and seed ------------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS directory_entries (
    pk              INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    sort_name       TEXT NOT NULL,  -- folded: ties of a words search go by it
    kind            TEXT NOT NULL,
    kind_rank       INTEGER NOT NULL,  -- a list by place: the highest court first
    matters         TEXT NOT NULL,  -- kiosk.courts.Matter values, comma separated
    description     TEXT,
    department      INTEGER NOT NULL,
    municipality    INTEGER NOT NULL,
    address         TEXT NOT NULL,
    phone           TEXT NOT NULL,
    extension       TEXT,
    email           TEXT NOT NULL,
    always_open     INTEGER NOT NULL,
    weekdays        TEXT NOT NULL,  -- ISO weekdays, "12345"
    opens           TEXT,
    closes          TEXT,
    latitude        REAL NOT NULL,
    longitude       REAL NOT NULL,
    reached_through TEXT
);
CREATE INDEX IF NOT EXISTS directory_by_kind
    ON directory_entries(department, kind, municipality, kind_rank);
CREATE INDEX IF NOT EXISTS directory_by_place
    ON directory_entries(department, municipality, kind_rank);
CREATE VIRTUAL TABLE IF NOT EXISTS directory_search USING fts5(
    name, kind, matters, municipality, department, address, tokenize = 'unicode61'
)
"""
_COLUMNS = 21
#: bm25 weights of the index's columns, in order: the name tells most
WEIGHTS = "10.0, 2.0, 1.5, 4.0, 2.0, 1.0"


def seed_directory(conn: sqlite3.Connection, rng: random.Random, anchor: date) -> None:
    """Every entry, always at full size (see the module's docstring); ``anchor`` plays no part:
    nothing here is dated."""
    seeder = DirectorySeeder(rng)
    seeder.courts()
    seeder.offices()
    seeder.mediation(without=frozenset({DEMO_NO_MEDIATION}))
    seeder.facilitadores(always=frozenset({(14, 6)}))
    rows, indexed = zip(*seeder.rows(), strict=True)
    insert_rows(conn, "directory_entries", _COLUMNS, [v for row in rows for v in row])
    conn.executemany(
        "INSERT INTO directory_search(rowid, name, kind, matters, municipality, department, "
        "address) VALUES (?, ?, ?, ?, ?, ?, ?)",
        indexed,
    )


# --- the queries (the tests read their plans) -----------------------------------------------------

_SUMMARY = (
    "e.pk, e.id, e.name, e.kind, e.department, e.municipality, e.address, e.phone, "
    "e.extension, e.latitude, e.longitude"
)
WORDS_PAGE = (
    f"SELECT {_SUMMARY}, bm25(directory_search, {WEIGHTS}) AS score "  # noqa: S608 - constants
    "FROM directory_search JOIN directory_entries e ON e.pk = directory_search.rowid "
    "WHERE directory_search MATCH ?{filters} ORDER BY score, e.sort_name LIMIT ? OFFSET ?"
)
WORDS_COUNT = (
    "SELECT COUNT(*) FROM directory_search JOIN directory_entries e "
    "ON e.pk = directory_search.rowid WHERE directory_search MATCH ?{filters}"
)
PLACE_PAGE = (
    f"SELECT {_SUMMARY} FROM directory_entries e WHERE e.department = ?{{filters}} "  # noqa: S608
    "ORDER BY e.municipality, e.kind_rank, e.pk LIMIT ? OFFSET ?"
)
PLACE_COUNT = "SELECT COUNT(*) FROM directory_entries e WHERE e.department = ?{filters}"
#: nearest first: a flat earth is exact enough within a department ({scale}: cos(latitude)^2)
NEAR_PAGE = (
    f"SELECT {_SUMMARY} FROM directory_entries e WHERE e.department = ?{{filters}} "  # noqa: S608
    "ORDER BY (e.latitude - ?) * (e.latitude - ?) + (e.longitude - ?) * (e.longitude - ?) * ?, "
    "e.kind_rank, e.pk LIMIT ? OFFSET ?"
)
ENTRY = "SELECT * FROM directory_entries WHERE id = ?"

# --- routes ---------------------------------------------------------------------------------------

router = APIRouter(tags=["directorio"])
#: a visitor searches a few times a minute; many more is a script walking the directory
_searches = RateLimiter(60, 60.0)
_reads = RateLimiter(120, 60.0)
WORDS_MAX = 8  # words in one search: more is a sentence, not a search
_KM_PER_DEGREE = 111.2


@router.get("/directory", response_model=api.DirectoryPage)
def search_directory(
    state: State,
    kiosk: KioskId,
    words_: Annotated[
        str | None,
        Query(
            alias="words",
            max_length=api.WORDS_MAX_LENGTH,
            description="words of the name, kind, matters, place or address; every one found",
        ),
    ] = None,
    department: Annotated[
        int | None, Query(ge=1, le=22, description="by place, or to narrow the words")
    ] = None,
    kind: Annotated[EntryKind | None, Query(description="only entries of this kind")] = None,
    municipality: Annotated[
        int | None, Query(ge=1, le=40, description="with department: only this municipality")
    ] = None,
    near: Annotated[
        int | None,
        Query(ge=1, le=40, description="with department: nearest this municipality's seat first"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=api.SEARCH_LIMIT_MAX)] = api.SEARCH_LIMIT_DEFAULT,
    cursor: Annotated[str | None, Query(pattern=api.CURSOR_PATTERN, description="opaque")] = None,
) -> api.DirectoryPage:
    """By words (``words``, optionally narrowed by ``department`` and ``kind``) or by place
    (``department``, optionally ``kind`` and ``municipality`` or ``near``). Nothing found is an
    empty page."""
    _searches.check(kiosk)
    expression = _words(words_) if words_ is not None else None
    if expression is None and department is None:
        detail = "Escriba una o más palabras, o elija un departamento."
        raise ApiProblem(422, "search_missing", detail, field="words")
    for name, value in (("municipality", municipality), ("near", near)):
        if value is None:
            continue
        if department is None or expression is not None:
            detail = "El municipio se elige después del departamento, en una búsqueda por lugar."
            raise ApiProblem(422, f"{name}_invalid", detail, field=name)
        if value > municipality_count(department):
            detail = (
                f"El departamento {department} tiene {municipality_count(department)} municipios."
            )
            raise ApiProblem(422, f"{name}_invalid", detail, field=name)
    if municipality is not None and near is not None:
        detail = "Elija un municipio o busque cerca de uno, no las dos cosas."
        raise ApiProblem(422, "near_invalid", detail, field="near")
    conn = state.db.connection()
    offset = int(cursor or 0)
    filters, params = _filters(department if expression is not None else None, kind, municipality)
    if expression is not None:
        assert words_ is not None
        total = conn.execute(WORDS_COUNT.format(filters=filters), [expression, *params]).fetchone()
        rows = conn.execute(
            WORDS_PAGE.format(filters=filters), [expression, *params, limit, offset]
        ).fetchall()
        items = [_summary(row, words_) for row in rows]
    else:
        assert department is not None
        filters, params = _filters(None, kind, municipality)
        count = PLACE_COUNT.format(filters=filters)
        total = conn.execute(count, [department, *params]).fetchone()
        if near is None:
            page = PLACE_PAGE.format(filters=filters)
            rows = conn.execute(page, [department, *params, limit, offset]).fetchall()
            items = [_summary(row) for row in rows]
        else:
            lat, lon = _seat(conn, department, near)
            scale = math.cos(math.radians(lat)) ** 2
            page = NEAR_PAGE.format(filters=filters)
            rows = conn.execute(
                page, [department, *params, lat, lat, lon, lon, scale, limit, offset]
            ).fetchall()
            items = [_summary(row, near=(lat, lon)) for row in rows]
    more = offset + len(items) < total[0]
    return api.DirectoryPage(
        items=items, total=total[0], next_cursor=str(offset + len(items)) if more else None
    )


@router.get("/directory/{entry_id}", response_model=api.DirectoryEntry)
def get_entry(
    state: State,
    kiosk: KioskId,
    entry_id: Annotated[str, Path(max_length=12, description="a court's DDCCC or an entry's id")],
) -> api.DirectoryEntry:
    _reads.check(kiosk)
    conn = state.db.connection()
    row = conn.execute(ENTRY, (entry_id,)).fetchone()
    if row is None:
        raise ApiProblem(404, "entry_not_found", "No existe esa dependencia en el directorio.")
    reached = None
    if row["reached_through"] is not None:
        (name,) = conn.execute(
            "SELECT name FROM directory_entries WHERE id = ?", (row["reached_through"],)
        ).fetchone()
        reached = api.EntryRef(id=row["reached_through"], name=name)
    always = bool(row["always_open"])
    return api.DirectoryEntry(
        id=row["id"],
        name=row["name"],
        kind=EntryKind(row["kind"]),
        matters=[DirectoryMatter(m) for m in row["matters"].split(",") if m],
        description=row["description"],
        department=row["department"],
        department_name=find_department(row["department"]).name,
        municipality=row["municipality"],
        municipality_name=municipality_name(row["department"], row["municipality"]),
        address=row["address"],
        phone=row["phone"],
        extension=row["extension"],
        email=row["email"],
        hours=api.OpeningHours(
            always_open=always,
            weekdays=[int(d) for d in row["weekdays"]],
            opens=row["opens"],
            closes=row["closes"],
        ),
        latitude=row["latitude"],
        longitude=row["longitude"],
        reached_through=reached,
    )


def _words(typed: str) -> str:
    """The MATCH expression of what was typed, or 422 naming ``words``."""
    expression = match_expression(typed)
    if expression is None:
        detail = (
            "Escriba al menos una palabra que busque algo, por ejemplo «juzgado», «mediación» o "
            "el nombre del municipio."
        )
        raise ApiProblem(422, "words_invalid", detail, field="words")
    if len(query_stems(typed)) > WORDS_MAX:
        detail = f"Escriba como máximo {WORDS_MAX} palabras, por ejemplo «juzgado de paz Mixco»."
        raise ApiProblem(422, "words_too_many", detail, field="words")
    return expression


def _filters(
    department: int | None, kind: EntryKind | None, municipality: int | None
) -> tuple[str, list[object]]:
    """The AND clauses (and their values) after the first condition of a query."""
    clauses = ""
    params: list[object] = []
    for column, value in (
        ("department", department),
        ("kind", kind),
        ("municipality", municipality),
    ):
        if value is not None:
            clauses += f" AND e.{column} = ?"
            params.append(value.value if isinstance(value, EntryKind) else value)
    return clauses, params


def _seat(conn: sqlite3.Connection, department: int, municipality: int) -> tuple[float, float]:
    """Where a municipality is: its Juzgado de Paz (every municipality has one)."""
    row = conn.execute(
        "SELECT latitude, longitude FROM directory_entries e WHERE e.department = ? "
        "AND e.kind = 'paz' AND e.municipality = ? ORDER BY e.kind_rank, e.pk LIMIT 1",
        (department, municipality),
    ).fetchone()
    return float(row[0]), float(row[1])


def _summary(
    row: sqlite3.Row, typed: str | None = None, near: tuple[float, float] | None = None
) -> api.DirectorySummary:
    dept, muni = row["department"], row["municipality"]
    place = (municipality_name(dept, muni), find_department(dept).name)
    distance = None
    if near is not None:
        dlat = (row["latitude"] - near[0]) * _KM_PER_DEGREE
        dlon = (row["longitude"] - near[1]) * _KM_PER_DEGREE * math.cos(math.radians(near[0]))
        distance = round(math.hypot(dlat, dlon))
    return api.DirectorySummary(
        id=row["id"],
        name=row["name"],
        kind=EntryKind(row["kind"]),
        department=dept,
        department_name=place[1],
        municipality=muni,
        municipality_name=place[0],
        address=row["address"],
        phone=row["phone"],
        extension=row["extension"],
        excerpt=_excerpt(row["name"], f"{row['address']} · {place[0]}, {place[1]}", typed),
        distance_km=distance,
    )


def _excerpt(name: str, where: str, typed: str | None) -> list[ExcerptPart]:
    """Where the words matched, when the name alone does not show it (a word found in the
    address, the municipality or the department): that line with the words marked."""
    if typed is None:
        return []
    named = {stem(word) for word in words(name)}
    if all(any(n.startswith(q) for n in named) for q in query_stems(typed)):
        return []
    parts = excerpt(where, typed, width=200)
    if not any(marked for _text, marked in parts):
        return []
    return [ExcerptPart(text=text, marked=marked) for text, marked in parts]


SERVICE = SandboxService(
    name="directorio",
    router=router,
    schema=SCHEMA,
    tables=("directory_search", "directory_entries"),
    seed=seed_directory,
    seed_version="1",
)
