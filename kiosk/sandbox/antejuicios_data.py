"""What the antejuicio seeder draws from: the posts that carry immunity (antejuicio), who decides
for each, the seats of every post on the real structure (340 municipalities, 22 departments, the
courts of ``kiosk.courts``), their terms, the officials who hold them and the promoventes.

Kept apart from ``services/antejuicios.py`` (every module there is a service). [F] Decreto 85-2002
gives Congress the highest officials, the CSJ the next ones and the Salas de la Corte de
Apelaciones the judges; the exact list per body, the shares and the terms below are [A].
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from kiosk.courts import COURTS, Court, CourtKind, Matter, courts_in
from kiosk.geography import DEPARTMENTS, department, municipality_name
from kiosk.portal.models.antejuicios import Body, PostKind
from kiosk.sandbox import names
from kiosk.sandbox.antejuicios_search import words
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, People, Weighted

_P = PostKind
CSJ_ID = "01001"

#: who decides, by post
BODY_OF: dict[PostKind, Body] = {
    **dict.fromkeys(
        (_P.PRESIDENTE, _P.VICEPRESIDENTE, _P.MINISTRO, _P.MAGISTRADO_CSJ, _P.MAGISTRADO_TSE,
         _P.MAGISTRADO_CC, _P.FISCAL_GENERAL, _P.PROCURADOR_DDHH, _P.CONTRALOR,
         _P.PROCURADOR_GENERAL),
        Body.CONGRESO,
    ),
    **dict.fromkeys(
        (_P.DIPUTADO, _P.DIPUTADO_PARLACEN, _P.VICEMINISTRO, _P.SECRETARIO, _P.GOBERNADOR,
         _P.ALCALDE, _P.MAGISTRADO_SALA),
        Body.CSJ,
    ),
    _P.JUEZ: Body.SALA,
    _P.JUEZ_PAZ: Body.SALA,
}  # fmt: skip

#: [A] the share of the antejuicios filed against each post (alcaldes and jueces the most)
KINDS = Weighted(
    (_P.ALCALDE, _P.DIPUTADO, _P.JUEZ, _P.JUEZ_PAZ, _P.MINISTRO, _P.MAGISTRADO_SALA,
     _P.GOBERNADOR, _P.VICEMINISTRO, _P.MAGISTRADO_CSJ, _P.SECRETARIO, _P.PRESIDENTE,
     _P.VICEPRESIDENTE, _P.MAGISTRADO_TSE, _P.MAGISTRADO_CC, _P.FISCAL_GENERAL,
     _P.PROCURADOR_DDHH, _P.CONTRALOR, _P.PROCURADOR_GENERAL, _P.DIPUTADO_PARLACEN),
    (40, 14, 12, 10, 5, 3, 3, 2.5, 2, 1.5, 1, 0.5, 1, 1.5, 1, 0.8, 0.7, 0.5, 1),
)  # fmt: skip

# --- terms: an official holds a seat for one term ------------------------------------------------

_ELECTED = (2012, 2016, 2020, 2024, 2028)  # 14 January: municipal, Congress, the Executive
_JUDICIAL = (2014, 2019, 2024)  # 13 October: CSJ, Salas, jueces (5 years)
_TERMS: dict[PostKind, tuple[tuple[int, ...], str]] = {
    _P.MAGISTRADO_TSE: ((2014, 2020, 2026), "03-20"),
    _P.MAGISTRADO_CC: ((2011, 2016, 2021, 2026), "04-14"),
    _P.FISCAL_GENERAL: ((2014, 2018, 2022, 2026), "05-17"),
    _P.PROCURADOR_DDHH: ((2012, 2017, 2022), "08-20"),
    **dict.fromkeys(
        (_P.MAGISTRADO_CSJ, _P.MAGISTRADO_SALA, _P.JUEZ, _P.JUEZ_PAZ), (_JUDICIAL, "10-13")
    ),
}  # fmt: skip


def _term_starts(kind: PostKind) -> tuple[tuple[int, date], ...]:
    years, start = _TERMS.get(kind, (_ELECTED, "01-14"))
    return tuple((year, date.fromisoformat(f"{year}-{start}")) for year in years)


_STARTS = {kind: _term_starts(kind) for kind in PostKind}


def term_of(kind: PostKind, day: date) -> tuple[int, date]:
    """(the term's first year, the day it ends) of the term in course on ``day``."""
    starts = _STARTS[kind]
    current = max(bisect_right([first for _, first in starts], day) - 1, 0)
    year = starts[current][0]
    end = starts[current + 1][1] if current + 1 < len(starts) else date(starts[-1][0] + 5, 1, 1)
    return year, end


# --- seats -------------------------------------------------------------------------------------

MINISTRIES = (
    "Agricultura, Ganadería y Alimentación", "Ambiente y Recursos Naturales",
    "Comunicaciones, Infraestructura y Vivienda", "Cultura y Deportes", "la Defensa Nacional",
    "Desarrollo Social", "Economía", "Educación", "Energía y Minas", "Finanzas Públicas",
    "Gobernación", "Relaciones Exteriores", "Salud Pública y Asistencia Social",
    "Trabajo y Previsión Social",
)  # fmt: skip
_SECRETARIATS = (
    "General de la Presidencia", "Privado de la Presidencia",
    "de Comunicación Social de la Presidencia", "de Coordinación Ejecutiva de la Presidencia",
    "de Bienestar Social de la Presidencia",
    "de Asuntos Administrativos y de Seguridad de la Presidencia",
)  # fmt: skip
#: [A] diputados per electoral district (Guatemala department: Distrito Central and the rest)
_DISTRICT_SEATS = (
    19, 2, 3, 5, 6, 3, 3, 4, 7, 5, 3, 10, 10, 8, 2, 9, 4, 3, 2, 3, 3, 4,
)  # fmt: skip
_CENTRAL, _NATIONAL = 11, 32
#: departments without a Sala of their own send their judges' antejuicios to a neighbour's
_SALA_OF_DEPARTMENT = {2: 19, 6: 22, 7: 4, 8: 9, 15: 16}
_MIXCO = (1, DEPARTMENTS[0].municipalities.index("Mixco") + 1)  # the demo's alcaldes only


@dataclass(frozen=True, slots=True)
class Seat:
    """One chair of a post: what the post is called and where it sits."""

    kind: PostKind
    key: str  # unique within the kind: a municipality, a district and chair, a court, ...
    department: int
    municipality: int = 0
    court: Court | None = None  # a judge's court, or a magistrate's Sala
    words: tuple[str, str, str] = ("", "", "")  # (male title, female title, the rest)

    def post(self, female: bool) -> str:
        male, feminine, rest = self.words
        return f"{feminine if female else male}{rest}"


def _seats() -> dict[PostKind, Weighted[Seat]]:
    seats: dict[PostKind, tuple[list[Seat], list[float]]] = {kind: ([], []) for kind in _P}

    def add(seat: Seat, weight: float = 1.0) -> None:
        seats[seat.kind][0].append(seat)
        seats[seat.kind][1].append(weight)

    for dept in DEPARTMENTS:
        code = dept.code
        for muni, name in enumerate(dept.municipalities, start=1):
            if (code, muni) == _MIXCO:
                continue
            words = ("Alcalde", "Alcaldesa", f" municipal de {name}, {dept.name}")
            add(Seat(_P.ALCALDE, f"{code}.{muni}", code, muni, words=words), 3 if muni == 1 else 1)
        district = f" al Congreso de la República por el distrito de {dept.name}"
        for chair in range(_DISTRICT_SEATS[code - 1]):
            add(
                Seat(_P.DIPUTADO, f"{code}.{chair}", code, words=("Diputado", "Diputada", district))
            )
        rest = f" departamental de {dept.name}"
        add(Seat(_P.GOBERNADOR, str(code), code, words=("Gobernador", "Gobernadora", rest)))
    for chair in range(_CENTRAL):
        rest = " al Congreso de la República por el Distrito Central"
        add(Seat(_P.DIPUTADO, f"central.{chair}", 1, words=("Diputado", "Diputada", rest)))
    for chair in range(_NATIONAL):
        rest = " al Congreso de la República por el Listado Nacional"
        add(Seat(_P.DIPUTADO, f"nacional.{chair}", 1, words=("Diputado", "Diputada", rest)))
    for ministry in MINISTRIES:
        rest = f" de {ministry}"
        for half in range(2):  # ministers change: two in a term
            add(Seat(_P.MINISTRO, f"{ministry}.{half}", 1, words=("Ministro", "Ministra", rest)))
        for slot in range(3):
            vice = ("Viceministro", "Viceministra", rest)
            add(Seat(_P.VICEMINISTRO, f"{ministry}.{slot}", 1, words=vice))
    for office in _SECRETARIATS:
        add(Seat(_P.SECRETARIO, office, 1, words=("Secretario", "Secretaria", f" {office}")))
    for kind, chairs, male, female, rest in (
        (_P.PRESIDENTE, 1, "Presidente", "Presidenta", " de la República"),
        (_P.VICEPRESIDENTE, 1, "Vicepresidente", "Vicepresidenta", " de la República"),
        (_P.MAGISTRADO_CSJ, 13, "Magistrado", "Magistrada", " de la Corte Suprema de Justicia"),
        (_P.MAGISTRADO_TSE, 5, "Magistrado", "Magistrada", " del Tribunal Supremo Electoral"),
        (_P.MAGISTRADO_CC, 5, "Magistrado", "Magistrada", " de la Corte de Constitucionalidad"),
        (_P.FISCAL_GENERAL, 1, "Fiscal General de la República y Jefe",
         "Fiscal General de la República y Jefa", " del Ministerio Público"),
        (_P.PROCURADOR_DDHH, 1, "Procurador", "Procuradora", " de los Derechos Humanos"),
        (_P.CONTRALOR, 1, "Contralor", "Contralora", " General de Cuentas"),
        (_P.PROCURADOR_GENERAL, 1, "Procurador", "Procuradora", " General de la Nación"),
        (_P.DIPUTADO_PARLACEN, 20, "Diputado", "Diputada", " al Parlamento Centroamericano"),
    ):  # fmt: skip
        for chair in range(chairs):
            add(Seat(kind, str(chair), 1, words=(male, female, rest)))
    for court in COURTS:
        if court.kind is CourtKind.SALA:
            rest = f" de la {court.name}"
            for chair in range(3):
                words = ("Magistrado", "Magistrada", rest)
                key = f"{court.id}.{chair}"
                add(
                    Seat(
                        _P.MAGISTRADO_SALA, key, court.department, court.municipality, court, words
                    )
                )
        elif court.kind in (CourtKind.PRIMERA_INSTANCIA, CourtKind.SENTENCIA, CourtKind.PAZ):
            kind = _P.JUEZ_PAZ if court.kind is CourtKind.PAZ else _P.JUEZ
            rest = f" del {court.name}"
            add(Seat(kind, court.id, court.department, court.municipality, court,
                     ("Juez", "Jueza", rest)))  # fmt: skip
    return {kind: Weighted(found, weights) for kind, (found, weights) in seats.items()}


#: every seat of every post, weighted (a departmental seat's alcaldía draws more antejuicios)
SEATS = _seats()
#: Mixco's alcaldía is the demo's alone (its antejuicios are documented): not among SEATS
MIXCO = Seat(
    _P.ALCALDE, "1.8", *_MIXCO, words=("Alcalde", "Alcaldesa", " municipal de Mixco, Guatemala")
)


def seat(kind: PostKind, key: str) -> Seat:
    """The seat of ``kind`` with ``key`` (KeyError if there is none)."""
    for found in SEATS[kind].items:
        if found.key == key:
            return found
    raise KeyError(f"no {kind} seat {key!r}")


def sala_for(court: Court) -> Court:
    """The Sala that decides a judge's antejuicio: the capital's of its branch, or its region's."""
    if court.department == 1:
        salas = courts_in(1, kind=CourtKind.SALA)
        own = [
            s
            for s in salas
            if court.matters[0] in s.matters and court.matters[0] is not Matter.MIXTO
        ]
        penal = [
            s for s in salas if Matter.PENAL in s.matters and Matter.MAYOR_RIESGO not in s.matters
        ]
        choices = own or penal
    else:
        dept = _SALA_OF_DEPARTMENT.get(court.department, court.department)
        choices = list(courts_in(dept, kind=CourtKind.SALA))
    return choices[court.code % len(choices)]


def maya_share(dept: int) -> float:
    return DEPARTMENT_WEIGHTS[dept][1]


# --- officials -----------------------------------------------------------------------------------

_FEMALE = frozenset(names.FEMALE_NAMES)
#: [A] women among the holders of each post (Guatemala has had few alcaldesas and no presidenta)
FEMALE_SHARE: dict[PostKind, float] = {
    _P.ALCALDE: 0.04, _P.PRESIDENTE: 0.0, _P.VICEPRESIDENTE: 0.1, _P.DIPUTADO: 0.2,
    _P.DIPUTADO_PARLACEN: 0.2, _P.GOBERNADOR: 0.15, _P.FISCAL_GENERAL: 0.5,
    _P.JUEZ: 0.45, _P.JUEZ_PAZ: 0.45,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Official:
    pk: int
    name: str
    seat: Seat
    post: str
    term_end: date


class Officials:
    """The holder of each seat in each term, made the first time an antejuicio needs one: full
    names as the law publishes them (public officials are public)."""

    def __init__(self, people: People, first_pk: int = 1) -> None:
        self.people = people
        self.held: dict[tuple[PostKind, str, int], Official] = {}
        self.rows: list[tuple[object, ...]] = []
        self.tokens: list[tuple[str, int]] = []
        self.next_pk = first_pk

    def holder(self, seat: Seat, day: date) -> Official:
        year, end = term_of(seat.kind, day)
        found = self.held.get((seat.kind, seat.key, year))
        if found is None:
            found = self.add(self.person(seat), seat, end)
            self.held[seat.kind, seat.key, year] = found
        return found

    def person(self, seat: Seat) -> str:
        """A name of the sex the post's holders mostly have ([A]: few alcaldesas, many juezas)."""
        female = self.people.rng.random() < FEMALE_SHARE.get(seat.kind, 0.3)
        while True:  # People draws the sex itself: draw until it is the one wanted
            name = self.people.person(maya_share(seat.department))
            if (name.split()[0] in _FEMALE) == female:
                return name

    def add(self, name: str, seat: Seat, term_end: date) -> Official:
        female = name.split()[0] in _FEMALE
        official = Official(self.next_pk, name, seat, seat.post(female), term_end)
        self.next_pk += 1
        place = department(seat.department).name
        if seat.municipality:
            place += " " + municipality_name(seat.department, seat.municipality)
        self.rows.append(
            (official.pk, name, seat.kind, official.post, seat.department, seat.municipality)
        )
        for word in words(f"{name} {official.post} {place}"):
            self.tokens.append((word, official.pk))
        return official


# --- who files it, and what it alleges ----------------------------------------------------------

_MP_OFFICES = (
    "Fiscalía contra la Corrupción", "Fiscalía Especial contra la Impunidad",
    "Fiscalía de Delitos Administrativos", "Fiscalía de Asuntos Constitucionales, Amparos y "
    "Exhibición Personal", "Fiscalía de Delitos Electorales",
)  # fmt: skip
MINISTERIO_PUBLICO = "Ministerio Público"


def mp_office(rng: random.Random, seat: Seat) -> str:
    if seat.department != 1 and rng.random() < 0.4:
        return f"{MINISTERIO_PUBLICO}, Fiscalía de Distrito de {department(seat.department).name}"
    return f"{MINISTERIO_PUBLICO}, {_MP_OFFICES[int(rng.random() * len(_MP_OFFICES))]}"


_JUDGES = (_P.JUEZ, _P.JUEZ_PAZ, _P.MAGISTRADO_SALA, _P.MAGISTRADO_CSJ, _P.MAGISTRADO_CC,
           _P.MAGISTRADO_TSE)  # fmt: skip
_ALLEGED_JUDGE = Weighted(
    ("Prevaricato", "Abuso de autoridad", "Retardo malicioso", "Denegación de justicia",
     "Resoluciones violatorias a la Constitución", "Incumplimiento de deberes",
     "Cohecho pasivo", "Detención ilegal"),
    (25, 20, 15, 10, 10, 10, 5, 5),
)  # fmt: skip
_ALLEGED_OFFICIAL = Weighted(
    ("Abuso de autoridad", "Incumplimiento de deberes", "Peculado por sustracción",
     "Fraude", "Nombramientos ilegales", "Tráfico de influencias", "Malversación",
     "Enriquecimiento ilícito", "Financiamiento electoral no registrado", "Amenazas",
     "Coacción", "Discriminación", "Lesiones leves", "Uso de documentos falsificados"),
    (25, 20, 8, 8, 6, 6, 5, 4, 4, 4, 3, 3, 2, 2),
)  # fmt: skip
#: [F] matters whose files are reserved: never in a name search, by number "reservado" only
RESERVED_MATTERS = (
    "Violencia sexual", "Violencia contra la mujer", "Maltrato contra personas menores de edad",
    "Negación de asistencia económica",
)  # fmt: skip
RESERVED_SHARE = 0.012  # [A]


def alleged(rng: random.Random, kind: PostKind) -> tuple[str, bool]:
    """(the crime the request alleges, whether the matter is reserved)."""
    if rng.random() < RESERVED_SHARE:
        return RESERVED_MATTERS[int(rng.random() * len(RESERVED_MATTERS))], True
    return public_alleged(rng, kind), False


def public_alleged(rng: random.Random, kind: PostKind) -> str:
    """A crime whose antejuicio is public, as alleged against this kind of post."""
    return (_ALLEGED_JUDGE if kind in _JUDGES else _ALLEGED_OFFICIAL).pick(rng)


def promovente(rng: random.Random, seat: Seat, people: People) -> tuple[str, str]:
    """(kind, name): the Ministerio Público and its office, or a private person's full name
    (stored as a file holds it; the API serves initials only)."""
    if rng.random() < 0.45:
        return "ministerio_publico", mp_office(rng, seat)
    return "particular", people.person(maya_share(seat.department))
