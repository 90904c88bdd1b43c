"""Registro Central de Detenidos: is a person registered as detained now, found by DPI or by a
full name (``kiosk.portal.models.detainees`` says what a full name is, for both sides).

The public minimum only: the person by initials, birth year and department of birth (the DPI's
last four digits in the record), where (centre, department), the court in charge, since when.
Released people answer like people never detained; detentions of adolescents never appear; a
reserved matter (sexual crimes, alimony, offences against children) never appears in a name search
and answers "reservado" and nothing else by DPI. Searches are rate-limited per kiosk, strictly, and
a name that matches more people than ``NAME_MATCHES_MAX`` answers only how many: the register
cannot be walked. The data (``detainees_seed.py``, ``detainees_data.py``) keeps full names and
offences' kinds as a register would; they are cut here, never in the kiosk.
"""

from __future__ import annotations

import random
import re
import sqlite3
from datetime import date, datetime

from fastapi import APIRouter

from kiosk.courts import court as find_court
from kiosk.geography import department
from kiosk.identity import IdentityError, validate_dpi
from kiosk.portal.models import detainees as api
from kiosk.portal.models.detainees import (
    DetaineeNameError,
    DetentionStatus,
    FullName,
    name_key,
    name_words,
    search_name,
)
from kiosk.sandbox.detainees_data import CENTRES, RESERVED, CaseMatter
from kiosk.sandbox.detainees_seed import DemoCrowd, DemoDetainee, seed_detainees
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.people import initials
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State

# --- demo data: always seeded, the same for every seed, documented for the README and the tests ---

#: Detained now, awaiting trial in the capital: found by DPI and by name, with or without accents
#: and the second surname ("mynor sarceno").
DEMO_DETAINED = DemoDetainee(
    "8041273520101", "Mynor Estuardo", "Sarceño", "Lemus", date(1988, 3, 12),
    "detenido: se encuentra por DPI y por nombre", date(2025, 8, 14),
    "Centro de Detención Preventiva para Hombres de la Zona 18", "01004",
)  # fmt: skip
#: Three people called José Luis Chiroy, detained now: a name search lists them, told apart by
#: birth year and department; the third has no second surname.
DEMO_HOMONYMS = (
    DemoDetainee(
        "8041273600803", "José Luis", "Chiroy", "Tzul", date(1979, 7, 2),
        "homónimo: cumple condena", date(2024, 2, 19),
        "Granja Modelo de Rehabilitación Cantel, Quetzaltenango", "01013",
    ),
    DemoDetainee(
        "8041273790901", "José Luis", "Chiroy", "Batz", date(1993, 11, 25),
        "homónimo: en prisión preventiva", date(2025, 10, 3),
        "Centro de Detención Preventiva para Hombres y Mujeres de Quetzaltenango", "09001",
    ),
    DemoDetainee(
        "8041273870705", "José Luis", "Chiroy", None, date(2001, 4, 8),
        "homónimo sin segundo apellido: en juicio", date(2025, 5, 21),
        "Centro de Detención Preventiva para Hombres y Mujeres de Sololá", "07009",
    ),
)  # fmt: skip
DEMO_HOMONYM_NAME = ("José Luis", "Chiroy")
#: Detained for a reserved matter: by DPI only "reservado"; by name, never found.
DEMO_RESERVED = DemoDetainee(
    "8052314040114", "Hermelindo", "Tzic", "Quemé", date(1984, 1, 30),
    "materia reservada: por DPI solo «reservado», por nombre nunca aparece", date(2025, 3, 11),
    "Centro de Detención Preventiva para Hombres de la Zona 18", "01020",
    matter=CaseMatter.SEXUAL,
)  # fmt: skip
#: Detained at 16 (the adolescents' system): never appears, by DPI or by name.
DEMO_MINOR = DemoDetainee(
    "8052314121301", "Brayan Alexander", "Cotzojay", "Xiquín", date(2009, 6, 1),
    "adolescente: nunca aparece", date(2025, 11, 20),
    "Centro Juvenil de Detención Provisional Gaviotas", "01179",
)  # fmt: skip
#: Released in 2024: answers like someone never detained ("no registra detención").
DEMO_RELEASED = DemoDetainee(
    "8063455271601", "Otto René", "Culajay", "Sotoj", date(1990, 9, 9),
    "puesto en libertad: «no registra detención»", date(2023, 1, 16),
    "Centro de Detención Preventiva para Hombres y Mujeres de Cobán", "16001",
    released_on=date(2024, 5, 30),
)  # fmt: skip
#: 24 people called Marvin Tzunux: three pages of results ("Ver más").
DEMO_MANY = DemoCrowd("Marvin", "Tzunux", 24, "muchos homónimos: varias páginas", 81_000_000)
#: 36 people called Juan Chiquival: more than NAME_MATCHES_MAX, the search must be narrowed.
DEMO_CROWD = DemoCrowd("Juan", "Chiquival", 36, "demasiados homónimos: afinar", 82_000_000)
DEMO_PEOPLE: tuple[DemoDetainee, ...] = (
    DEMO_DETAINED, *DEMO_HOMONYMS, DEMO_RESERVED, DEMO_MINOR, DEMO_RELEASED,
    *DEMO_MANY.people(), *DEMO_CROWD.people(),
)  # fmt: skip

# --- schema and seed ------------------------------------------------------------------------------

TABLES = """
CREATE TABLE IF NOT EXISTS detainee_persons (
    pk             INTEGER PRIMARY KEY,
    dpi            TEXT NOT NULL,  -- unique: INDEXES
    given_names    TEXT NOT NULL,
    first_surname  TEXT NOT NULL,
    second_surname TEXT,
    birth_date     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS detainee_names (
    surname   TEXT NOT NULL,  -- the first surname's key (models.detainees.name_key)
    given     TEXT NOT NULL,  -- one given name's key: a row for each of a person's given names
    person_pk INTEGER NOT NULL REFERENCES detainee_persons(pk),
    PRIMARY KEY (surname, given, person_pk)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS detainee_detentions (
    pk          INTEGER PRIMARY KEY,
    id          TEXT NOT NULL,     -- unique: INDEXES
    person_pk   INTEGER NOT NULL REFERENCES detainee_persons(pk),
    since       TEXT NOT NULL,
    released_on TEXT,
    centre      INTEGER NOT NULL,  -- detainees_data.CENTRES by position
    court_id    TEXT NOT NULL,
    matter      TEXT NOT NULL,     -- detainees_data.CaseMatter: decides privacy, never served
    juvenile    INTEGER NOT NULL,  -- detained as an adolescent: never served
    updated_at  TEXT NOT NULL
)
"""
#: name -> definition; the seed builds them once its rows are in (half the time of keeping
#: them up row by row, in random DPI order)
INDEXES: dict[str, str] = {
    "detainee_persons_dpi": "ON detainee_persons(dpi)",
    "detainee_detentions_id": "ON detainee_detentions(id)",
    "detainee_detentions_current": "ON detainee_detentions(person_pk) WHERE released_on IS NULL",
}
_UNIQUE = {"detainee_persons_dpi", "detainee_detentions_id"}


def _create_index(name: str) -> str:
    unique = "UNIQUE " if name in _UNIQUE else ""
    return f"CREATE {unique}INDEX IF NOT EXISTS {name} {INDEXES[name]}"


SCHEMA = TABLES + ";" + ";".join(_create_index(name) for name in INDEXES)


def seed(conn: sqlite3.Connection, rng: random.Random, anchor: date) -> None:
    """The register at real volume, with the demo people; the indexes built last."""
    for name in INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    seed_detainees(conn, rng, anchor, demo=DEMO_PEOPLE)
    for name in INDEXES:
        conn.execute(_create_index(name))


# --- the searches: every one an index lookup (tests/sandbox/test_detainees.py checks the plans) ---

_FIELDS = (
    "d.id, d.matter, d.centre, d.court_id, d.since, d.updated_at, "
    "p.dpi, p.given_names, p.first_surname, p.second_surname, p.birth_date"
)
#: a detention that may be served at all: current, of an adult
_SERVED = "d.released_on IS NULL AND d.juvenile = 0"
BY_DPI = (
    f"SELECT {_FIELDS} FROM detainee_persons p "  # noqa: S608 - fixed fragments
    f"JOIN detainee_detentions d ON d.person_pk = p.pk WHERE p.dpi = ? AND {_SERVED}"
)
#: a name search never sees a reserved matter
BY_NAME = (
    f"SELECT {_FIELDS} FROM detainee_names n "  # noqa: S608 - fixed fragments
    "JOIN detainee_persons p ON p.pk = n.person_pk "
    "JOIN detainee_detentions d ON d.person_pk = n.person_pk "
    f"WHERE n.surname = ? AND n.given = ? AND {_SERVED} AND d.matter = '{CaseMatter.COMUN}'"
)
BY_ID = (
    f"SELECT {_FIELDS} FROM detainee_detentions d "  # noqa: S608 - fixed fragments
    f"JOIN detainee_persons p ON p.pk = d.person_pk WHERE d.id = ? AND {_SERVED}"
)
_DETENTION_ID = re.compile(r"^dt_[0-9a-f]{16}$")

router = APIRouter(tags=["registro de detenidos"])
#: strict: a visitor asks about one or two people; more is someone walking the register
_searches = RateLimiter(api.SEARCHES_PER_MINUTE, 60.0)
_records = RateLimiter(60, 60.0)


@router.post("/detainees/search", response_model=api.DetaineePage)
def search_detainees(body: api.DetaineeSearch, state: State, kiosk: KioskId) -> api.DetaineePage:
    """The people registered as detained now with this DPI (one at most) or this full name
    (whole words, any accents and case, the second surname optional). Nobody found is an empty
    page; more than ``NAME_MATCHES_MAX`` people gives the count only. Rate-limited per kiosk."""
    _searches.check(kiosk)
    try:
        name = search_name(body)
    except DetaineeNameError as error:
        raise ApiProblem(422, error.code, error.message, field=error.field) from None
    if (body.dpi is None) == (name is None):
        raise ApiProblem(422, "search_mode", api.MESSAGES["search_mode"], field="dpi")
    conn = state.db.connection()
    if body.dpi is not None:
        try:
            validate_dpi(body.dpi)
        except IdentityError as error:
            raise ApiProblem(422, "dpi_invalid", str(error), field="dpi") from None
        rows = conn.execute(BY_DPI, (body.dpi,)).fetchall()
    else:
        assert name is not None
        rows = _named(conn, name)
    rows.sort(key=lambda row: row["id"])  # pages in id order: a cursor is the last id served
    total = len(rows)
    if total > api.NAME_MATCHES_MAX:
        return api.DetaineePage(items=[], total=total)
    if body.cursor is not None:
        rows = [row for row in rows if row["id"] > body.cursor]
    items = [_summary(row) for row in rows[: body.limit]]
    more = len(rows) > body.limit  # ids never change: a page never repeats or skips anyone
    return api.DetaineePage(items=items, total=total, next_cursor=items[-1].id if more else None)


def _named(conn: sqlite3.Connection, name: FullName) -> list[sqlite3.Row]:
    """Whole words only: every given name typed among the person's, the first surname equal,
    the second one equal when typed."""
    wanted, second = set(name.given_keys), name.second_key
    found = []
    for row in conn.execute(BY_NAME, (name.first_key, name.given_keys[0])):
        if not wanted.issubset(name_words(row["given_names"])):
            continue
        if second is not None and name_key(row["second_surname"] or "") != second:
            continue
        found.append(row)
    return found


@router.get("/detainees/{detention_id}", response_model=api.Detainee)
def get_detainee(detention_id: str, state: State, kiosk: KioskId) -> api.Detainee:
    """One current detention found by a search: its public minimum, or "reservado" alone."""
    _records.check(kiosk)
    row = None
    if _DETENTION_ID.match(detention_id):
        row = state.db.connection().execute(BY_ID, (detention_id,)).fetchone()
    if row is None:
        raise ApiProblem(
            404, "detainee_not_found", "No hay ninguna detención registrada con ese dato."
        )
    if row["matter"] in RESERVED:  # nothing of it is read into the answer
        return api.Detainee(id=row["id"], status=DetentionStatus.RESERVADO)
    centre = CENTRES[row["centre"]]
    return api.Detainee(
        **_person(row).model_dump(),
        dpi_last4=row["dpi"][-4:],
        detained_since=date.fromisoformat(row["since"]),
        place=api.DetentionPlace(
            name=centre.name, kind=centre.kind, department=department(centre.department).name
        ),
        court_id=row["court_id"],
        court_name=find_court(row["court_id"]).name,
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


def _summary(row: sqlite3.Row) -> api.DetaineeSummary:
    if row["matter"] in RESERVED:  # found by DPI: its id and "reservado", nothing else
        return api.DetaineeSummary(id=row["id"], status=DetentionStatus.RESERVADO)
    return _person(row)


def _person(row: sqlite3.Row) -> api.DetaineeSummary:
    """What tells one person from a homonym: initials (the full name is cut here and never
    leaves this function), birth year, the department of the DPI."""
    parts = (row["given_names"], row["first_surname"], row["second_surname"])
    return api.DetaineeSummary(
        id=row["id"],
        status=DetentionStatus.DETENIDO,
        initials=initials(" ".join(p for p in parts if p)),
        birth_year=int(row["birth_date"][:4]),
        birth_department=department(int(row["dpi"][9:11])).name,
    )


SERVICE = SandboxService(
    name="registro-detenidos",
    router=router,
    schema=SCHEMA,
    tables=("detainee_names", "detainee_detentions", "detainee_persons"),
    seed=seed,
    seed_version="1",
)
