"""Consulta de Antejuicios: antejuicios found by their number (``413-2016``) or by the official's
name or post, accent- and case-insensitive (``kiosk.sandbox.antejuicios_search``).

Seeded at about 6,000 from 2016 to the anchor, against officials of every kind and all 22
departments on the real structure (``antejuicios_data``), each walked through Decreto 85-2002
(``antejuicios_scripts``), plus the documented demo (``antejuicios_demo``). A name search is an
intersection of per-word index lookups (``antejuicio_tokens``) and never sees a reserved
antejuicio; by number a reserved one answers its number and ``reserved`` only. A private
promovente is stored with the full name, as a file holds it, and only ever served as initials.
"""

from __future__ import annotations

import random
import re
import sqlite3
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from kiosk.case_numbers import CaseNumberError, parse_case_number
from kiosk.courts import court as find_court
from kiosk.geography import department as find_department
from kiosk.portal.models import antejuicios as api
from kiosk.portal.models.antejuicios import (
    AntejuicioStage,
    Body,
    PostKind,
    PromoventeKind,
)
from kiosk.sandbox import antejuicios_data as data
from kiosk.sandbox.antejuicios_demo import (
    ALL_DEMOS,
    DEMO_CONGRESS_NUMBER,
    DEMO_MANY_QUERY,
    DEMO_MANY_TOTAL,
    DEMO_MIXCO_ALCALDE,
    DEMO_NAME_QUERY,
    DEMO_NAME_TOTAL,
    DEMO_NUMBER,
    DEMO_OPEN_NUMBER,
    DEMO_REJECTED_NUMBER,
    DEMO_RESERVED_NUMBER,
    DEMO_RESERVED_OFFICIAL,
    DEMO_RESERVED_OFFICIAL_PUBLIC,
    DEMO_SHARED_NUMBER,
    DEMO_SHARED_SALA,
    DemoAntejuicio,
)
from kiosk.sandbox.antejuicios_scripts import ACT_CODES, act_text, walk
from kiosk.sandbox.antejuicios_search import QUERY_SHAPE, words
from kiosk.sandbox.guards import RateLimiter
from kiosk.sandbox.people import People, initials
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import now

__all__ = [  # the demo, documented in the README, for the tests and newcomers
    "DEMO_CONGRESS_NUMBER", "DEMO_MANY_QUERY", "DEMO_MANY_TOTAL", "DEMO_MIXCO_ALCALDE",
    "DEMO_NAME_QUERY", "DEMO_NAME_TOTAL", "DEMO_NUMBER", "DEMO_OPEN_NUMBER",
    "DEMO_REJECTED_NUMBER", "DEMO_RESERVED_NUMBER", "DEMO_RESERVED_OFFICIAL",
    "DEMO_RESERVED_OFFICIAL_PUBLIC", "DEMO_SHARED_NUMBER", "DEMO_SHARED_SALA", "SCHEMA",
    "SERVICE", "seed_antejuicios",
]  # fmt: skip

SCHEMA = """
CREATE TABLE IF NOT EXISTS antejuicio_officials (
    pk           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    post_kind    TEXT NOT NULL,
    post         TEXT NOT NULL,
    department   INTEGER NOT NULL,
    municipality INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS antejuicio_tokens (
    token       TEXT NOT NULL,  -- antejuicios_search.words of the name, the post and the place
    official_pk INTEGER NOT NULL REFERENCES antejuicio_officials(pk),
    PRIMARY KEY (token, official_pk)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS antejuicios (
    pk              INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    number          TEXT NOT NULL,  -- sequence-year
    court_id        TEXT NOT NULL,  -- who keeps the file: the CSJ (01001) or a Sala
    body            TEXT NOT NULL,
    official_pk     INTEGER NOT NULL REFERENCES antejuicio_officials(pk),
    filed_on        TEXT NOT NULL,
    alleged         TEXT NOT NULL,
    reserved        INTEGER NOT NULL,
    promovente_kind TEXT NOT NULL,
    promovente      TEXT NOT NULL,  -- the MP's office, or a private person's full name
    stage           TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS antejuicios_number ON antejuicios(number, court_id);
CREATE INDEX IF NOT EXISTS antejuicios_official ON antejuicios(official_pk, filed_on);
CREATE TABLE IF NOT EXISTS antejuicio_actuaciones (
    antejuicio_pk INTEGER NOT NULL REFERENCES antejuicios(pk),
    position      INTEGER NOT NULL,
    on_date       TEXT NOT NULL,
    act           INTEGER NOT NULL,  -- antejuicios_scripts.TEXTS by position
    PRIMARY KEY (antejuicio_pk, position)
) WITHOUT ROWID
"""

FIRST_YEAR = 2016
PER_YEAR = 550  # [A] about 6,000 from 2016 to the end of 2026
MAX_ACTUACIONES = 12
_TIMES = tuple(f"T{h:02d}:{m:02d}:00-06:00" for h in range(8, 17) for m in range(0, 60, 5))

# --- seed ---------------------------------------------------------------------------------------


def seed_antejuicios(
    conn: sqlite3.Connection, rng: random.Random, anchor: date, *, per_year: int = PER_YEAR
) -> None:
    """``per_year`` antejuicios a year from 2016 to the anchor (its year pro rata), and the demo."""
    seeder = _Seeder(rng, anchor)
    for demo in ALL_DEMOS:
        seeder.demo(demo)
    seeder.filings_from(FIRST_YEAR, per_year)
    officials = seeder.officials
    conn.executemany("INSERT INTO antejuicio_officials VALUES (?,?,?,?,?,?)", officials.rows)
    conn.executemany("INSERT INTO antejuicio_tokens VALUES (?,?)", officials.tokens)
    conn.executemany(
        "INSERT INTO antejuicios VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", seeder.antejuicios
    )
    conn.executemany("INSERT INTO antejuicio_actuaciones VALUES (?,?,?,?)", seeder.acts)


# (court_id, day, official, body, alleged, reserved, promovente kind and name, events, stage)
_Filing = tuple[str, int, data.Official, Body, str, bool, str, str, list[tuple[int, str]], str]


class _Seeder:
    def __init__(self, rng: random.Random, anchor: date) -> None:
        self.rng = rng
        self.anchor = anchor.toordinal()
        self.people = People(rng)
        self.officials = data.Officials(self.people)
        self.demo_officials: dict[str, data.Official] = {}
        self.filings: list[_Filing] = []
        self.taken = {(demo.number, demo.court_id) for demo in ALL_DEMOS}
        self.demo_seats = {(d.official.seat.kind, d.official.seat.key) for d in ALL_DEMOS}
        self.antejuicios: list[tuple[object, ...]] = []
        self.acts: list[tuple[object, ...]] = []
        self.iso: dict[int, str] = {}

    def demo(self, demo: DemoAntejuicio) -> None:
        official = self.demo_officials.get(demo.official.name)
        if official is None:
            seat, end = demo.official.seat, demo.official.term_end
            official = self.officials.add(demo.official.name, seat, end)
            self.demo_officials[demo.official.name] = official
        body = data.BODY_OF[demo.official.seat.kind]
        events = [(day.toordinal(), key) for day, key in demo.acts]
        kind, name = demo.promovente
        filing = (demo.court_id, events[0][0], official, body, demo.alleged, demo.reserved,
                  kind, name, events, demo.stage)  # fmt: skip
        self.add(demo.number, filing)

    def filings_from(self, first_year: int, per_year: int) -> None:
        rng, anchor = self.rng, self.anchor
        last_weekday = anchor - max(date.fromordinal(anchor).weekday() - 4, 0)
        filings: list[_Filing] = []
        for year in range(first_year, date.fromordinal(anchor).year + 1):
            first = date(year, 1, 1).toordinal()
            length = date(year, 12, 31).toordinal() - first + 1
            last = min(first + length - 1, last_weekday)
            for _ in range(round(per_year * max(last - first + 1, 0) / length)):
                day = first + int(rng.random() * (last - first + 1))
                weekday = (day - 1) % 7
                if weekday > 4:  # to Monday, or back to Friday at the end of the range
                    day = day + 7 - weekday if day + 7 - weekday <= last else day - weekday + 4
                filings.append(self.filing(day))
        filings.sort(key=lambda filing: (filing[0], filing[1]))  # numbered in filing order
        sequence: dict[tuple[str, int], int] = {}
        for filing in filings:
            court_id, year = filing[0], date.fromordinal(filing[1]).year
            seq = sequence.get((court_id, year), 0)
            while True:
                seq += 1
                number = f"{seq}-{year}"
                if (number, court_id) not in self.taken:
                    break
            sequence[court_id, year] = seq
            self.add(number, filing)

    def filing(self, day: int) -> _Filing:
        rng = self.rng
        kind = data.KINDS.pick(rng)
        seat = data.SEATS[kind].pick(rng)
        while (kind, seat.key) in self.demo_seats:  # the demo's seats hold the demo only
            seat = data.SEATS[kind].pick(rng)
        official = self.officials.holder(seat, date.fromordinal(day))
        body = data.BODY_OF[kind]
        court_id = data.sala_for(seat.court).id if body is Body.SALA and seat.court else data.CSJ_ID
        alleged, reserved = data.alleged(rng, kind)
        kind_of, name = data.promovente(rng, seat, self.people)
        run = walk(rng, body, day, self.anchor, official.term_end.toordinal())
        return (court_id, day, official, body, alleged, reserved, kind_of, name, run.events,
                run.stage)  # fmt: skip

    def add(self, number: str, filing: _Filing) -> None:
        court_id, day, official, body, alleged, reserved, kind, name, events, stage = filing
        pk = len(self.antejuicios) + 1
        kept = events[-MAX_ACTUACIONES:]
        for position, (on, key) in enumerate(kept):
            self.acts.append((pk, position, self.day(on), ACT_CODES[key, body]))
        at = _TIMES[int(self.rng.random() * len(_TIMES))]
        # random ids, not enumerable
        self.antejuicios.append(
            (pk, f"aj_{self.rng.getrandbits(64):016x}", number, court_id, body, official.pk,
             self.day(day), alleged, int(reserved), kind, name, stage, self.day(kept[-1][0]) + at)
        )  # fmt: skip

    def day(self, ordinal: int) -> str:
        found = self.iso.get(ordinal)
        if found is None:
            found = self.iso[ordinal] = date.fromordinal(ordinal).isoformat()
        return found


# --- routes ------------------------------------------------------------------------------------

router = APIRouter(tags=["antejuicios"])
#: a visitor searches a few times a minute; many more is someone walking the lists
_searches = RateLimiter(60, 60.0)
_ID = re.compile(r"^aj_[0-9a-f]{16}$")
_CONGRESO = "Congreso de la República"
_COLUMNS = (
    "a.id, a.number, a.reserved, a.body, a.court_id, a.filed_on, a.stage, a.alleged, a.pk, "
    "a.promovente_kind, a.promovente, a.updated_at, o.name, o.post, o.post_kind, o.department"
)
_FROM = "FROM antejuicios a JOIN antejuicio_officials o ON o.pk = a.official_pk"
DETAIL_SQL = f"SELECT {_COLUMNS} {_FROM} WHERE a.id = ?"
CURSOR_SQL = "SELECT filed_on, id FROM antejuicios WHERE id = ?"
ACTUACIONES_SQL = (
    "SELECT on_date, act FROM antejuicio_actuaciones WHERE antejuicio_pk = ? ORDER BY position DESC"
)


@router.get("/antejuicios", response_model=api.AntejuicioPage)
def search_antejuicios(
    state: State,
    kiosk: KioskId,
    number: Annotated[
        str | None, Query(max_length=20, description="canonical sequence-year: 413-2016")
    ] = None,
    body: Annotated[Body | None, Query(description="narrows a number to one body")] = None,
    q: Annotated[
        str | None,
        Query(max_length=api.QUERY_MAX_LENGTH, description="words of the official's name or post"),
    ] = None,
    department: Annotated[
        int | None, Query(ge=1, le=22, description="narrows q to officials of a department")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=api.SEARCH_LIMIT_MAX)] = api.SEARCH_LIMIT_DEFAULT,
    cursor: Annotated[str | None, Query(max_length=40, description="opaque")] = None,
) -> api.AntejuicioPage:
    """By number (one or a few: the CSJ and each Sala number their own) or by the official's
    name or post (every word must match; a reserved antejuicio never does). Newest first;
    nothing found is an empty page."""
    _searches.check(kiosk)
    if (number is None) == (q is None):
        detail = "Busque por el número del antejuicio o por el funcionario: uno de los dos."
        raise ApiProblem(422, "search_invalid", detail, field="q" if q else "number")
    if body is not None and number is None:
        raise ApiProblem(422, "search_invalid", "El órgano se elige con un número.", field="body")
    if department is not None and q is None:
        detail = "El departamento se elige con un nombre o un cargo."
        raise ApiProblem(422, "search_invalid", detail, field="department")
    conn = state.db.connection()
    after = _cursor(conn, cursor)
    params: list[object]
    if number is not None:
        where, params = "a.number = ?", [_canonical(number)]
        if body is not None:
            where += " AND a.body = ?"
            params.append(body)
    else:
        where, params = name_where(q or "")
        if department is not None:
            where += " AND o.department = ?"
            params.append(department)
    count, page = search_sql(where, after=after is not None)
    total = conn.execute(count, params).fetchone()[0]
    rows = conn.execute(page, [*params, *(after or ()), limit + 1]).fetchall()
    items = [_summary(row) for row in rows[:limit]]
    more = len(rows) > limit
    return api.AntejuicioPage(items=items, total=total, next_cursor=items[-1].id if more else None)


@router.get("/antejuicios/{antejuicio_id}", response_model=api.Antejuicio)
def get_antejuicio(antejuicio_id: str, state: State, _: KioskId) -> api.Antejuicio:
    conn = state.db.connection()
    row = None
    if _ID.match(antejuicio_id):
        row = conn.execute(DETAIL_SQL, (antejuicio_id,)).fetchone()
    if row is None:
        raise ApiProblem(404, "antejuicio_not_found", "No existe ese antejuicio.")
    if row["reserved"]:  # its number, and that it is reserved: nothing else leaves the portal
        return api.Antejuicio(id=row["id"], number=row["number"], reserved=True)
    acts = [
        api.AntejuicioActuacion(on=date.fromisoformat(on), text=act_text(act))
        for on, act in conn.execute(ACTUACIONES_SQL, (row["pk"],))
    ]
    kind = PromoventeKind(row["promovente_kind"])
    # a private person's name is read only to be cut to initials here: it never leaves this function
    who = (
        row["promovente"]
        if kind is PromoventeKind.MINISTERIO_PUBLICO
        else initials(row["promovente"])
    )
    return api.Antejuicio(
        **_summary(row).model_dump(),
        court_id=row["court_id"],
        post_kind=PostKind(row["post_kind"]),
        department=find_department(row["department"]).name,
        alleged=row["alleged"],
        promovente=api.Promovente(kind=kind, name=who),
        actuaciones=acts,
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


def search_sql(where: str, *, after: bool) -> tuple[str, str]:
    """(count, page) for a WHERE of this module's fragments; ``after``: the page starts after a
    cursor's (filed_on, id), two more parameters before the LIMIT."""
    count = f"SELECT COUNT(*) {_FROM} WHERE {where}"
    if after:
        where += " AND (a.filed_on, a.id) < (?, ?)"
    page = f"SELECT {_COLUMNS} {_FROM} WHERE {where} ORDER BY a.filed_on DESC, a.id DESC LIMIT ?"
    return count, page


def _canonical(number: str) -> str:
    """The number as ``kiosk.case_numbers`` writes a sequence-year one; 422 for anything else."""
    try:
        parsed = parse_case_number(number, this_year=now().year)
    except CaseNumberError as exc:
        raise ApiProblem(422, "antejuicio_number_invalid", str(exc), field="number") from None
    if parsed.is_sgt or parsed.office is not None:
        detail = "Un antejuicio se numera con el número y el año, por ejemplo 413-2016."
        raise ApiProblem(422, "antejuicio_number_invalid", detail, field="number")
    canonical = str(parsed)
    if number != canonical:  # the kiosk parses what was typed: the contract takes its result
        detail = f"El número del antejuicio se escribe así: {canonical}."
        raise ApiProblem(422, "antejuicio_number_invalid", detail, field="number")
    return canonical


def name_where(query: str) -> tuple[str, list[object]]:
    """Every word must be one of the official's: an intersection of index lookups."""
    text = " ".join(query.split())
    if not QUERY_SHAPE.match(text):
        detail = "Escriba solo letras: un nombre y un apellido, o el cargo y el lugar."
        raise ApiProblem(422, "query_invalid", detail, field="q")
    found = words(text)
    if not found:
        detail = "Escriba al menos un nombre, un apellido o una palabra del cargo."
        raise ApiProblem(422, "query_invalid", detail, field="q")
    if len(found) > api.QUERY_MAX_WORDS:
        detail = f"Escriba como máximo {api.QUERY_MAX_WORDS} palabras."
        raise ApiProblem(422, "query_invalid", detail, field="q")
    lookups = " INTERSECT ".join(
        ["SELECT official_pk FROM antejuicio_tokens WHERE token = ?"] * len(found)
    )
    return f"a.official_pk IN ({lookups}) AND a.reserved = 0", list(found)


def _cursor(conn: sqlite3.Connection, cursor: str | None) -> list[object] | None:
    """(filed_on, id) of the last row served: where the next page starts."""
    if cursor is None:
        return None
    row = None
    if _ID.match(cursor):
        row = conn.execute(CURSOR_SQL, (cursor,)).fetchone()
    if row is None:
        raise ApiProblem(422, "cursor_invalid", "La página pedida no es válida.", field="cursor")
    return [row[0], row[1]]


def _summary(row: sqlite3.Row) -> api.AntejuicioSummary:
    """A search's line; also what a public antejuicio's record starts from."""
    if row["reserved"]:
        return api.AntejuicioSummary(id=row["id"], number=row["number"], reserved=True)
    body = Body(row["body"])
    return api.AntejuicioSummary(
        id=row["id"],
        number=row["number"],
        body=body,
        body_name=_CONGRESO if body is Body.CONGRESO else find_court(row["court_id"]).name,
        official=row["name"],
        post=row["post"],
        filed_on=date.fromisoformat(row["filed_on"]),
        stage=AntejuicioStage(row["stage"]),
    )


SERVICE = SandboxService(
    name="antejuicios",
    router=router,
    schema=SCHEMA,
    tables=("antejuicio_actuaciones", "antejuicios", "antejuicio_tokens", "antejuicio_officials"),
    seed=seed_antejuicios,
    seed_version="1",
)
