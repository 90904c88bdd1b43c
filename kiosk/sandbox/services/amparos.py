"""Consulta de Amparos: amparos found by their number-year, at one tribunal or at every one.

Seeded at real volume ([A] about 7,500 amparos a year, 60,000 from 2019 to this year) on the
courts of ``kiosk.courts`` that hear amparos: the CSJ takes the biggest share, then the Salas de
Apelaciones, then the Juzgados de Primera Instancia of all 22 departments. Each tribunal numbers
its amparos one sequence a year from 1, so a number-year repeats across tribunals. Postulantes
are stored with full names, as a court file holds them, and only ever served as initials; a
reserved amparo (family, children, sexual crimes) is served as its number, tribunal and
``reserved`` and nothing else.
"""

from __future__ import annotations

import random
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, TypedDict

from fastapi import APIRouter, Path, Query

from kiosk.case_numbers import CaseNumberError, parse_case_number
from kiosk.courts import CourtKind
from kiosk.geography import DEPARTMENTS
from kiosk.portal.models import amparos as api
from kiosk.portal.models.amparos import CSJ_ID, AmparoMatter, AmparoState, amparo_tribunal
from kiosk.sandbox import amparos_data as data
from kiosk.sandbox import amparos_scripts as scripts
from kiosk.sandbox.bulk import insert_rows
from kiosk.sandbox.guards import RateLimiter
from kiosk.sandbox.people import People, initials
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService, volume
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import now

# --- demo data: always seeded, documented for newcomers and the UI tests --------------------------

S = AmparoState


@dataclass(frozen=True)
class DemoAmparo:
    number: str  # sequence-year, canonical
    tribunal: str  # DDCCC
    shows: str  # what it demonstrates
    matter: AmparoMatter
    state: AmparoState
    authority: str
    act: str  # one of amparos_data.ACTO_TEXTS
    postulantes: tuple[str, ...]  # full names, as stored
    acts: tuple[tuple[date, str], ...]  # (date, a key of amparos_scripts.ACTS), oldest first
    ruled_on: date | None = None
    to_cc: bool = False
    sexual: bool = False
    #: (days after today, "HH:MM"): the vista still to be held
    vista: tuple[int, str] | None = None

    @property
    def reserved(self) -> bool:
        return self.matter in data.RESERVED_MATTERS or self.sexual


#: At the CSJ, on appeal before the Corte de Constitucionalidad (the kiosk says where to ask).
DEMO_CC_NUMBER, DEMO_CC_TRIBUNAL = "1146-2022", CSJ_ID
#: At the CSJ: granted, confirmed by the CC and archived.
DEMO_GRANTED_NUMBER, DEMO_GRANTED_TRIBUNAL = "413-2016", CSJ_ID
#: At a Sala in Quetzaltenango: the amparo provisional granted, the vista in the coming weeks.
DEMO_VISTA_NUMBER, DEMO_VISTA_TRIBUNAL = "87-2025", "09014"
#: At a Juzgado de Primera Instancia in Quetzaltenango acting as amparo court: granted.
DEMO_JUZGADO_NUMBER, DEMO_JUZGADO_TRIBUNAL = "14-2024", "09003"
#: At the Sala de Familia: reserved, so only its number and "reservado" are served.
DEMO_RESERVED_NUMBER, DEMO_RESERVED_TRIBUNAL = "52-2024", "01217"
#: Searched at every tribunal: more than 10 (pages with "Ver más"), fewer than 50.
DEMO_PAGES_NUMBER = "100-2022"
#: Searched at every tribunal: more than 50 (the kiosk asks to choose the tribunal).
DEMO_TOO_MANY_NUMBER = "5-2023"

_QUETZALTENANGO_LABOUR = (
    "Juzgado de Primera Instancia de Trabajo y Previsión Social del departamento de Quetzaltenango"
)
_d = date
DEMO_AMPAROS: tuple[DemoAmparo, ...] = (
    DemoAmparo(
        DEMO_CC_NUMBER, DEMO_CC_TRIBUNAL, "appealed before the Corte de Constitucionalidad",
        AmparoMatter.ADMINISTRATIVO, S.APELADO_CC, "Ministro de Ambiente y Recursos Naturales",
        "La denegatoria de la licencia ambiental.",
        ("Agroindustrias Los Altos, Sociedad Anónima",),
        ((_d(2022, 6, 13), "recibido"), (_d(2022, 6, 20), "admite"),
         (_d(2022, 6, 21), "provisional_deniega"), (_d(2022, 7, 12), "antecedentes"),
         (_d(2022, 8, 1), "primera_audiencia"), (_d(2022, 8, 29), "segunda_audiencia"),
         (_d(2022, 10, 3), "senala_vista"), (_d(2022, 11, 8), "vista"),
         (_d(2023, 2, 14), "deniega"), (_d(2023, 2, 21), "apela")),
        ruled_on=_d(2023, 2, 14), to_cc=True,
    ),
    DemoAmparo(
        DEMO_GRANTED_NUMBER, DEMO_GRANTED_TRIBUNAL, "granted, confirmed by the CC, archived",
        AmparoMatter.CIVIL, S.ARCHIVADO,
        "Sala Segunda de la Corte de Apelaciones del Ramo Civil y Mercantil",
        "La sentencia de segunda instancia dictada en el juicio ordinario.",
        ("Rosa Elena Cruz Reyes",),
        ((_d(2016, 3, 1), "recibido"), (_d(2016, 3, 8), "admite"),
         (_d(2016, 3, 9), "provisional_deniega"), (_d(2016, 4, 4), "antecedentes"),
         (_d(2016, 5, 2), "primera_audiencia"), (_d(2016, 6, 13), "segunda_audiencia"),
         (_d(2016, 8, 8), "senala_vista"), (_d(2016, 9, 20), "vista"),
         (_d(2016, 11, 22), "otorga"), (_d(2016, 11, 29), "apela"),
         (_d(2017, 8, 14), "cc_confirma"), (_d(2017, 9, 25), "archivo")),
        ruled_on=_d(2016, 11, 22), to_cc=True,
    ),
    DemoAmparo(
        DEMO_VISTA_NUMBER, DEMO_VISTA_TRIBUNAL, "provisional granted, vista in the coming weeks",
        AmparoMatter.LABORAL, S.VISTA, _QUETZALTENANGO_LABOUR,
        "La resolución que ordenó reinstalar al trabajador.",
        ("Textiles del Sur, Sociedad Anónima",),
        ((_d(2025, 4, 7), "recibido"), (_d(2025, 4, 10), "admite"),
         (_d(2025, 4, 10), "provisional_otorga"), (_d(2025, 5, 5), "antecedentes"),
         (_d(2025, 5, 26), "primera_audiencia"), (_d(2025, 6, 16), "prueba"),
         (_d(2025, 7, 21), "segunda_audiencia"), (_d(2025, 9, 15), "senala_vista")),
        vista=(12, "10:00"),
    ),
    DemoAmparo(
        DEMO_JUZGADO_NUMBER, DEMO_JUZGADO_TRIBUNAL, "a juzgado acting as amparo court: granted",
        AmparoMatter.ADMINISTRATIVO, S.SENTENCIA_OTORGA, "Alcalde Municipal de Salcajá",
        "El corte del servicio de agua potable.",
        ("Juana Isabel Tzul Coyoy", "Marcos Antonio Sac Pirir"),
        ((_d(2024, 2, 5), "recibido"), (_d(2024, 2, 6), "admite"),
         (_d(2024, 2, 6), "provisional_otorga"), (_d(2024, 2, 26), "antecedentes"),
         (_d(2024, 3, 11), "primera_audiencia"), (_d(2024, 4, 8), "segunda_audiencia"),
         (_d(2024, 5, 6), "senala_vista"), (_d(2024, 5, 27), "vista"),
         (_d(2024, 6, 17), "otorga")),
        ruled_on=_d(2024, 6, 17),
    ),
    DemoAmparo(
        DEMO_RESERVED_NUMBER, DEMO_RESERVED_TRIBUNAL, "reserved: family matter",
        AmparoMatter.FAMILIA, S.SENTENCIA_DENIEGA,
        "Juzgado Segundo de Primera Instancia de Familia del departamento de Guatemala",
        "La resolución que fijó la pensión alimenticia provisional.",
        ("Wendy Maribel Chacón Quiñónez",),
        ((_d(2024, 1, 15), "recibido"), (_d(2024, 1, 22), "admite"),
         (_d(2024, 1, 22), "provisional_deniega"), (_d(2024, 2, 19), "antecedentes"),
         (_d(2024, 3, 18), "primera_audiencia"), (_d(2024, 4, 22), "segunda_audiencia"),
         (_d(2024, 6, 3), "senala_vista"), (_d(2024, 7, 8), "vista"),
         (_d(2024, 9, 9), "deniega")),
        ruled_on=_d(2024, 9, 9),
    ),
)  # fmt: skip

# --- schema and seed ------------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS amparos (
    pk          INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    year        INTEGER NOT NULL,
    sequence    INTEGER NOT NULL,
    tribunal_id TEXT NOT NULL,
    filed_on    TEXT NOT NULL,
    matter      TEXT NOT NULL,
    reserved    INTEGER NOT NULL,
    authority   INTEGER NOT NULL,  -- amparos_data.AUTHORITIES by position
    act         INTEGER NOT NULL,  -- amparos_data.ACTO_TEXTS by position
    state       TEXT NOT NULL,
    ruled_on    TEXT,
    to_cc       INTEGER NOT NULL,
    vista_at    TEXT,
    updated_at  TEXT NOT NULL,
    UNIQUE (year, sequence, tribunal_id)
);
CREATE TABLE IF NOT EXISTS amparo_postulantes (
    amparo_pk INTEGER NOT NULL REFERENCES amparos(pk),
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    PRIMARY KEY (amparo_pk, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS amparo_actuaciones (
    amparo_pk INTEGER NOT NULL REFERENCES amparos(pk),
    position  INTEGER NOT NULL,
    on_date   TEXT NOT NULL,
    act       INTEGER NOT NULL,  -- amparos_scripts.ACTS by position (ACT_CODES)
    PRIMARY KEY (amparo_pk, position)
) WITHOUT ROWID
"""
#: the demo's authorities get their codes at import, as every other one: a sandbox serving a data
#: folder another process seeded must read the same names
_DEMO_AUTHORITIES = [data.authority_code(demo.authority) for demo in DEMO_AMPAROS]

FIRST_YEAR = 2019
AMPAROS_PER_YEAR = 7500  # [A] about 60,000 from 2019 to 2026
_SLOTS = ("08:30", "09:00", "10:00", "10:30", "11:00", "14:00", "14:30", "15:00")
# when an amparo's record last changed, in its last actuación's day: office hours
_TIMES = tuple(f"T{h:02d}:{m:02d}:00-06:00" for h in range(8, 17) for m in range(60))
_PERSON, _COMPANY = 0, 1
#: [A] who files an amparo, by matter: (share of persons, of companies); the rest are groups
_FILERS: dict[AmparoMatter, tuple[float, float]] = {
    AmparoMatter.PENAL: (0.97, 0.03), AmparoMatter.CIVIL: (0.6, 0.38),
    AmparoMatter.LABORAL: (0.7, 0.25), AmparoMatter.ADMINISTRATIVO: (0.5, 0.4),
    AmparoMatter.TRIBUTARIO: (0.15, 0.85), AmparoMatter.FAMILIA: (1.0, 0.0),
    AmparoMatter.NINEZ: (1.0, 0.0),
}  # fmt: skip


def seed_amparos(
    conn: sqlite3.Connection,
    rng: random.Random,
    anchor: date,
    *,
    per_year: int = AMPAROS_PER_YEAR,
) -> None:
    """``per_year`` amparos a year from 2019 to the anchor (its year pro rata), and the demo."""
    per_year = volume(per_year)
    seeder = _Seeder(rng, anchor)
    seeder.amparos_from(FIRST_YEAR, per_year)
    for demo in DEMO_AMPAROS:
        seeder.demo(demo)
    insert_rows(conn, "amparos", 15, seeder.amparos)
    insert_rows(conn, "amparo_postulantes", 3, seeder.postulantes)
    insert_rows(conn, "amparo_actuaciones", 4, seeder.acts)


class _Seeder:
    """Builds the three tables' rows as flat lists (one value after another)."""

    def __init__(self, rng: random.Random, anchor: date) -> None:
        self.rng = rng
        self.anchor = anchor.toordinal()
        self.last_weekday = self.anchor - max(anchor.weekday() - 4, 0)
        self.people = People(rng)
        self.count = 0
        self.amparos: list[object] = []
        self.postulantes: list[object] = []
        self.acts: list[object] = []
        first = date(FIRST_YEAR, 1, 1).toordinal()
        self.iso = {
            day: date.fromordinal(day).isoformat() for day in range(first, self.anchor + 90)
        }
        self.ids: list[int] = []

    def amparos_from(self, first_year: int, per_year: int) -> None:
        rng, tribunals = self.rng, data.TRIBUNALS
        filings: list[tuple[int, int, int, data.Tribunal]] = []
        index = {tribunal.id: i for i, tribunal in enumerate(tribunals.items)}
        for year in range(first_year, date.fromordinal(self.anchor).year + 1):
            first = date(year, 1, 1).toordinal()
            length = date(year, 12, 31).toordinal() - first + 1
            last = min(first + length - 1, self.last_weekday)
            for _ in range(round(per_year * max(last - first + 1, 0) / length)):
                day = first + int(rng.random() * (last - first + 1))
                weekday = (day - 1) % 7
                if weekday > 4:  # to Monday, or back to Friday at the end of the range
                    day = day + 7 - weekday if day + 7 - weekday <= last else day - weekday + 4
                tribunal = tribunals.pick(rng)
                filings.append((index[tribunal.id], day, year, tribunal))
        filings.sort(key=lambda filing: filing[:2])  # by tribunal and day: in sequence order
        # random ids, not enumerable
        ids: set[int] = set()
        while len(ids) < len(filings) + len(DEMO_AMPAROS):
            ids.add(rng.getrandbits(64))
        self.ids = sorted(ids)
        rng.shuffle(self.ids)
        taken = {(d.tribunal, d.number) for d in DEMO_AMPAROS}
        sequence: dict[tuple[str, int], int] = {}
        for _, day, year, tribunal in filings:
            seq = sequence.get((tribunal.id, year), 0) + 1
            if (tribunal.id, f"{seq}-{year}") in taken:  # the demo's number is the demo's
                seq += 1
            sequence[tribunal.id, year] = seq
            self.amparo(tribunal, year, seq, day)

    def amparo(self, tribunal: data.Tribunal, year: int, seq: int, start: int) -> None:
        rng, iso = self.rng, self.iso
        draw = rng.random
        matter = tribunal.matters.pick(rng)
        sexual = matter is AmparoMatter.PENAL and draw() < tribunal.sexual_share
        judicial = draw() < data.JUDICIAL_SHARE[tribunal.court.kind][matter]
        pool = tribunal.judicial[matter] if judicial else tribunal.offices[matter]
        if not pool:  # nobody of that kind below this tribunal: the other kind
            judicial = not judicial
            pool = tribunal.judicial[matter] if judicial else tribunal.offices[matter]
        authority = pool[int(draw() * len(pool))]
        actos = data.ACTO_CODES[matter, judicial]
        act = actos[int(draw() * len(actos))]
        walked = scripts.walk(rng, start, self.anchor)
        pk = self.count = self.count + 1
        acts = self.acts
        for position, (day, code) in enumerate(walked.events):
            acts += (pk, position, iso[day], code)
        self.add_postulantes(pk, matter, tribunal.maya)
        vista = None
        if walked.pending is not None and walked.pending.vista:
            vista = self.vista_at(3 + int(draw() * 40))
        at = _TIMES[int(draw() * len(_TIMES))]
        reserved = matter in data.RESERVED_MATTERS or sexual
        ruled = None if walked.ruled_on is None else iso[walked.ruled_on]
        # StrEnum members bind as their text
        self.amparos += (
            pk, f"am_{self.ids[pk - 1]:016x}", year, seq, tribunal.id, iso[start], matter,
            reserved, authority, act, walked.state, ruled, walked.to_cc, vista,
            iso[walked.events[-1][0]] + at,
        )  # fmt: skip

    def vista_at(self, days: int, slot: str = "") -> str:
        day = self.anchor + days
        weekday = (day - 1) % 7
        if weekday > 4:
            day += 7 - weekday
        slot = slot or _SLOTS[int(self.rng.random() * len(_SLOTS))]
        return f"{self.iso[day]}T{slot}:00-06:00"

    def add_postulantes(self, pk: int, matter: AmparoMatter, maya: float) -> None:
        people, draw = self.people, self.rng.random
        persons, companies = _FILERS[matter]
        first = draw()
        if first < persons:
            count = 1 if draw() < 0.88 else 2 if draw() < 0.75 else 3  # neighbours file together
            names = [people.person(maya) for _ in range(count)]
        elif first < persons + companies:
            names = [people.company()]
        else:
            names = [f"Asociación de Vecinos de la Colonia {people.surname(maya)}"]
        for position, name in enumerate(names):
            self.postulantes += (pk, position, name)

    def demo(self, demo: DemoAmparo) -> None:
        pk = self.count = self.count + 1
        for position, (day, act) in enumerate(demo.acts):
            self.acts += (pk, position, day.isoformat(), scripts.ACT_CODES[act])
        for position, name in enumerate(demo.postulantes):
            self.postulantes += (pk, position, name)
        sequence, year = (int(part) for part in demo.number.split("-"))
        vista = None
        if demo.vista is not None:
            vista = _vista_on(date.fromordinal(self.anchor), *demo.vista)
        self.amparos += (
            pk, f"am_{self.ids[pk - 1]:016x}", year, sequence, demo.tribunal,
            demo.acts[0][0].isoformat(), demo.matter, demo.reserved,
            data.authority_code(demo.authority), data.ACTO_TEXTS.index(demo.act), demo.state,
            demo.ruled_on.isoformat() if demo.ruled_on else None, demo.to_cc, vista,
            f"{demo.acts[-1][0].isoformat()}T11:20:00-06:00",
        )  # fmt: skip


def _vista_on(today: date, days: int, slot: str) -> str:
    day = today + timedelta(days=days)
    day += timedelta(days=7 - day.weekday() if day.weekday() > 4 else 0)
    return f"{day.isoformat()}T{slot}:00-06:00"


def refresh_demo(conn: sqlite3.Connection, today: date) -> None:
    """The documented demo vista stays in the coming weeks, however old the data folder is."""
    for demo in DEMO_AMPAROS:
        if demo.vista is None:
            continue
        sequence, year = (int(part) for part in demo.number.split("-"))
        conn.execute(
            "UPDATE amparos SET vista_at = ? WHERE year = ? AND sequence = ? AND tribunal_id = ?",
            (_vista_on(today, *demo.vista), year, sequence, demo.tribunal),
        )


# --- routes ---------------------------------------------------------------------------------------

router = APIRouter(tags=["amparos"])
#: a visitor types a few numbers a minute; many more is someone walking the sequences
_searches = RateLimiter(60, 60.0)
_AMPARO_ID = re.compile(r"^am_[0-9a-f]{16}$")
COURT_ID = "^[0-9]{5}$"  # ASCII digits only: a backslash-d takes any script's digits
_COURT_ID = re.compile(COURT_ID)
_DEPARTMENTS = {department.code: department.name for department in DEPARTMENTS}
_SUMMARY = "id, year, sequence, tribunal_id, reserved, filed_on, matter, state"
#: the search's two statements, with or without a tribunal (the tests explain their plans)
COUNT_SQL = "SELECT COUNT(*) FROM amparos WHERE year = ? AND sequence = ?"
PAGE_SQL = (
    f"SELECT {_SUMMARY} FROM amparos WHERE year = ? AND sequence = ? AND tribunal_id > ? "  # noqa: S608
    "ORDER BY tribunal_id LIMIT ?"
)
AT_TRIBUNAL = " AND tribunal_id = ?"
DETAIL_SQL = "SELECT * FROM amparos WHERE id = ?"
POSTULANTES_SQL = "SELECT name FROM amparo_postulantes WHERE amparo_pk = ? ORDER BY position"
ACTUACIONES_SQL = (
    "SELECT on_date, act FROM amparo_actuaciones WHERE amparo_pk = ? ORDER BY position DESC"
)
_NUMBER_EXAMPLE = "por ejemplo 1146-2022"


@router.get("/amparos", response_model=api.AmparoPage)
def search_amparos(
    state: State,
    kiosk: KioskId,
    number: Annotated[str, Query(max_length=40, description="canonical sequence-year (1146-2022)")],
    tribunal: Annotated[
        str | None,
        Query(pattern=COURT_ID, description="the tribunal (DDCCC); none: every tribunal"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=api.SEARCH_LIMIT_MAX)] = api.SEARCH_LIMIT_DEFAULT,
    cursor: Annotated[str | None, Query(max_length=40, description="opaque")] = None,
) -> api.AmparoPage:
    """The amparos with this number-year: at one tribunal (one at most), or at every tribunal
    that has one, CSJ first and then by department. Nothing found is an empty page."""
    _searches.check(kiosk)
    year, sequence = _number(number)
    if tribunal is not None and amparo_tribunal(tribunal) is None:
        raise ApiProblem(
            422,
            "tribunal_invalid",
            "Ese tribunal no conoce amparos: elija la Corte Suprema de Justicia, una Sala de "
            "Apelaciones o un Juzgado de Primera Instancia.",
            field="tribunal",
        )
    if cursor is not None and not _COURT_ID.match(cursor):
        raise ApiProblem(422, "cursor_invalid", "La página pedida no es válida.", field="cursor")
    params: list[object] = [year, sequence]
    count, page = COUNT_SQL, PAGE_SQL
    if tribunal is not None:
        count += AT_TRIBUNAL
        page = page.replace(" ORDER BY", AT_TRIBUNAL + " ORDER BY")
        params.append(tribunal)
    conn = state.db.connection()
    total = conn.execute(count, params).fetchone()[0]
    rows = conn.execute(page, [*params[:2], cursor or "", *params[2:], limit + 1]).fetchall()
    items = [_summary(row) for row in rows[:limit]]
    more = len(rows) > limit  # the cursor is the last tribunal served: one amparo each
    return api.AmparoPage(
        items=items, total=total, next_cursor=items[-1].tribunal_id if more else None
    )


def _number(number: str) -> tuple[int, int]:
    """(year, sequence) of a canonical amparo number; 422 with the reason otherwise."""
    try:
        parsed = parse_case_number(number, this_year=now().year)
    except CaseNumberError as exc:
        raise ApiProblem(422, "amparo_number_invalid", str(exc), field="number") from None
    if parsed.is_sgt or parsed.office is not None:
        detail = f"El número de un amparo es el número y el año, {_NUMBER_EXAMPLE}."
        raise ApiProblem(422, "amparo_number_invalid", detail, field="number")
    canonical = f"{parsed.sequence}-{parsed.year}"
    if number != canonical:  # the kiosk parses what was typed: the contract takes its result
        detail = f"El número del amparo se escribe así: {canonical}."
        raise ApiProblem(422, "amparo_number_invalid", detail, field="number")
    return parsed.year, parsed.sequence


@router.get("/amparos/{amparo_id}", response_model=api.Amparo)
def get_amparo(
    amparo_id: Annotated[str, Path(max_length=40)], state: State, _: KioskId
) -> api.Amparo:
    conn = state.db.connection()
    row = None
    if _AMPARO_ID.match(amparo_id):
        row = conn.execute(DETAIL_SQL, (amparo_id,)).fetchone()
    if row is None:
        raise ApiProblem(404, "amparo_not_found", "No existe ese amparo.")
    public = _public(row)
    if row["reserved"]:  # its number and tribunal, and nothing read from its record
        return api.Amparo(**public, department=_department(row["tribunal_id"]), reserved=True)
    # a full name is read only to be cut to initials here: it never leaves this function
    postulantes = [initials(name) for (name,) in conn.execute(POSTULANTES_SQL, (row["pk"],))]
    acts = [
        api.AmparoActuacion(on=date.fromisoformat(on), text=scripts.act_text(act))
        for on, act in conn.execute(ACTUACIONES_SQL, (row["pk"],))
    ]
    vista = None
    if row["vista_at"] is not None:
        at = datetime.fromisoformat(row["vista_at"])
        vista = at if at > now() else None  # a seeded vista the clock has passed is not pending
    return api.Amparo(
        **public,
        department=_department(row["tribunal_id"]),
        reserved=False,
        filed_on=date.fromisoformat(row["filed_on"]),
        matter=AmparoMatter(row["matter"]),
        authority=data.AUTHORITIES[row["authority"]],
        act=data.ACTO_TEXTS[row["act"]],
        state=AmparoState(row["state"]),
        ruled_on=date.fromisoformat(row["ruled_on"]) if row["ruled_on"] else None,
        postulantes=postulantes,
        appealed_to_cc=bool(row["to_cc"]),
        vista_at=vista,
        actuaciones=acts,
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


def tribunal_name(tribunal_id: str) -> str:
    """The tribunal as the OJ names it when it hears amparos."""
    found = amparo_tribunal(tribunal_id)
    assert found is not None, tribunal_id  # only amparo tribunals are stored
    if found.kind is CourtKind.CSJ:
        return f"{found.name}, Cámara de Amparo y Antejuicio"
    return found.name


def _department(tribunal_id: str) -> str:
    return _DEPARTMENTS[int(tribunal_id[:2])]


class _Public(TypedDict):
    id: str
    number: str
    tribunal_id: str
    tribunal_name: str


def _public(row: sqlite3.Row) -> _Public:
    """What is served of every amparo, reserved or not: what the visitor searched by."""
    return {
        "id": row["id"],
        "number": f"{row['sequence']}-{row['year']}",
        "tribunal_id": row["tribunal_id"],
        "tribunal_name": tribunal_name(row["tribunal_id"]),
    }


def _summary(row: sqlite3.Row) -> api.AmparoSummary:
    if row["reserved"]:
        return api.AmparoSummary(**_public(row), reserved=True)
    return api.AmparoSummary(
        **_public(row),
        reserved=False,
        filed_on=date.fromisoformat(row["filed_on"]),
        matter=AmparoMatter(row["matter"]),
        state=AmparoState(row["state"]),
    )


SERVICE = SandboxService(
    name="amparos",
    router=router,
    schema=SCHEMA,
    tables=("amparo_actuaciones", "amparo_postulantes", "amparos"),
    seed=seed_amparos,
    seed_version="1",
    refresh=refresh_demo,
)
