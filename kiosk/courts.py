"""The courts of the Organismo Judicial (OJ) as data: kind, matters, seat and SGT court code.

[A] The list is an approximation of the real structure, built deterministically from
``kiosk.geography``: the CSJ, 30 Salas de Apelaciones, 218 Juzgados de Primera Instancia,
34 Tribunales de Sentencia and about 370 Juzgados de Paz (one in every municipality, more in the
busy ones, plus juzgados de turno), about 655 in all. [F] Published figures: 619 courts, 30 Salas,
218 Primera Instancia, about 34 Tribunales de Sentencia, 370 Juzgados de Paz (the parts add up to
more than the total: sources count turno and mobile courts differently).

[A] Codes: the ``CCC`` of SGT case numbers ``DDCCC-YYYY-NNNNN`` is numbered here in the order the
courts are declared within each department (Primera Instancia, Sentencia, Salas, then Paz; the
CSJ is 01001). Two codes follow real case numbers: [F] 01173 is the Juzgado Quinto de Primera
Instancia de Trabajo y Previsión Social del departamento de Guatemala (Gaceta de Trabajo 2019,
exp. 01173-2016-07137) and [F, weak source] 13004 is the labour court of Huehuetenango.
Replace the tables below (or the whole module, keeping ``Court``, ``COURTS``, ``court`` and
``courts_in``) with the OJ's own court catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.geography import DEPARTMENTS, department, municipality_name


class Matter(StrEnum):
    PENAL = "penal"
    CIVIL = "civil"
    FAMILIA = "familia"
    TRABAJO = "trabajo"
    NINEZ = "ninez"
    FEMICIDIO = "femicidio"
    MAYOR_RIESGO = "mayor_riesgo"
    MIXTO = "mixto"
    AMPARO = "amparo"
    ANTEJUICIO = "antejuicio"


class CourtKind(StrEnum):
    CSJ = "csj"
    SALA = "sala"
    PRIMERA_INSTANCIA = "primera_instancia"
    SENTENCIA = "tribunal_sentencia"
    PAZ = "paz"


@dataclass(frozen=True)
class Court:
    department: int  # 1..22, INE order (kiosk.geography)
    code: int  # 1..999, unique within its department: the CCC of DDCCC-YYYY-NNNNN
    municipality: int  # where it sits
    kind: CourtKind
    matters: tuple[Matter, ...]
    name: str  # Spanish, as the OJ writes it

    @property
    def id(self) -> str:
        return f"{self.department:02d}{self.code:03d}"


_M = Matter
_ORDINALS = (
    "Primero", "Segundo", "Tercero", "Cuarto", "Quinto", "Sexto", "Séptimo", "Octavo", "Noveno",
    "Décimo", "Undécimo", "Duodécimo",
)  # fmt: skip
_FEMININE_ORDINALS = ("Primera", "Segunda", "Tercera", "Cuarta")
_GROUPS = "ABCDE"

_PENAL = "Penal, Narcoactividad y Delitos contra el Ambiente"
_FEMICIDE = "Penal de Delitos de Femicidio y otras Formas de Violencia contra la Mujer"
_HIGH_RISK = f"{_PENAL} de Procesos de Mayor Riesgo"

# Primera Instancia branches: the words after "Primera Instancia" and the matters they hear.
# [F] Small departments join branches in one court ("mixed"); MIXTO marks those, and Juzgados de
# Paz, which hear every small matter (labour claims up to a cuantía: Código de Trabajo art. 291).
_BRANCHES: dict[str, tuple[str, tuple[Matter, ...]]] = {
    "penal": (_PENAL, (_M.PENAL,)),
    "femicidio": (_FEMICIDE, (_M.FEMICIDIO, _M.PENAL)),
    "civil": ("Civil y Económico-Coactivo", (_M.CIVIL,)),
    "familia": ("de Familia", (_M.FAMILIA,)),
    "trabajo": ("de Trabajo y Previsión Social", (_M.TRABAJO,)),
    "ninez": (
        "de la Niñez y Adolescencia y de Adolescentes en Conflicto con la Ley Penal",
        (_M.NINEZ,),
    ),
    "civil_trabajo": (
        "Civil, Económico-Coactivo y de Trabajo y Previsión Social",
        (_M.MIXTO, _M.CIVIL, _M.TRABAJO),
    ),
    "trabajo_familia": (
        "de Trabajo y Previsión Social y de Familia",
        (_M.MIXTO, _M.TRABAJO, _M.FAMILIA),
    ),
}
_PAZ_MATTERS = (_M.MIXTO, _M.PENAL, _M.CIVIL, _M.FAMILIA, _M.TRABAJO)
_APPEALS = (_M.AMPARO, _M.ANTEJUICIO)  # Salas also sit as amparo courts and hear antejuicios

# [A] Primera Instancia outside the capital: "branch*count" at the departmental seat
# (municipality 1, the cabecera), then {municipality: branches} for other seats.
_FIRST_INSTANCE: dict[int, tuple[str, dict[str, str]]] = {
    2: ("penal civil_trabajo familia ninez", {"Sanarate": "penal civil_trabajo"}),
    3: ("penal civil familia trabajo ninez femicidio", {}),
    4: (
        "penal*2 civil familia trabajo ninez femicidio",
        {"Tecpán Guatemala": "penal civil_trabajo"},
    ),
    5: (
        "penal*2 civil familia trabajo ninez femicidio",
        {
            "Santa Lucía Cotzumalguapa": "penal civil_trabajo",
            "Tiquisate": "penal civil_trabajo",
        },
    ),
    6: ("penal civil familia trabajo ninez", {"Chiquimulilla": "penal civil_trabajo"}),
    7: ("penal civil familia trabajo ninez femicidio", {"Santiago Atitlán": "penal civil_trabajo"}),
    8: ("penal civil trabajo_familia ninez", {}),
    9: (
        "penal*2 civil*2 familia trabajo ninez femicidio",
        {"Coatepeque": "penal civil familia trabajo"},
    ),
    10: ("penal civil familia trabajo ninez femicidio", {}),
    11: ("penal civil familia trabajo ninez", {}),
    12: ("penal civil familia trabajo ninez femicidio", {"Malacatán": "penal civil_trabajo"}),
    13: (
        "penal civil familia trabajo ninez femicidio",
        {"Santa Eulalia": "penal civil_trabajo", "La Democracia": "penal civil_trabajo"},
    ),
    14: (
        "penal civil trabajo_familia ninez femicidio",
        {"Nebaj": "penal civil_trabajo", "Ixcán": "penal civil_trabajo"},
    ),
    15: ("penal civil_trabajo familia ninez", {}),
    16: (
        "penal*2 civil familia trabajo ninez femicidio",
        {"Fray Bartolomé de las Casas": "penal civil_trabajo"},
    ),
    17: (
        "penal civil familia trabajo ninez femicidio",
        {"Poptún": "penal civil_trabajo", "Sayaxché": "penal civil_trabajo"},
    ),
    18: ("penal civil familia trabajo ninez femicidio", {"Morales": "penal civil_trabajo"}),
    19: ("penal civil_trabajo familia ninez", {}),
    20: ("penal civil familia trabajo ninez femicidio", {"Esquipulas": "penal civil_trabajo"}),
    21: ("penal civil_trabajo familia ninez", {}),
    22: ("penal civil familia trabajo ninez femicidio", {"Asunción Mita": "penal civil_trabajo"}),
}

# [A] Regional Salas (outside the capital), by department, in the order they are numbered.
_REGIONAL_SALAS = (3, 4, 5, 9, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 21, 22)

# [A] Municipalities with more than one Juzgado de Paz outside the capital: (ordinary courts,
# whether one more is "de Turno").
_BUSY_MUNICIPALITIES: dict[tuple[int, str], tuple[int, bool]] = {
    (3, "Antigua Guatemala"): (2, False),
    (4, "Chimaltenango"): (2, False),
    (5, "Escuintla"): (2, False),
    (8, "Totonicapán"): (2, False),
    (9, "Quetzaltenango"): (2, True),
    (9, "Coatepeque"): (2, False),
    (10, "Mazatenango"): (2, False),
    (11, "Retalhuleu"): (2, False),
    (12, "Malacatán"): (2, False),
    (13, "Huehuetenango"): (2, False),
    (14, "Santa Cruz del Quiché"): (2, False),
    (16, "Cobán"): (2, False),
    (16, "San Pedro Carchá"): (2, False),
    (17, "San Benito"): (2, False),
    (18, "Puerto Barrios"): (2, False),
    (20, "Chiquimula"): (2, False),
    (22, "Jutiapa"): (2, False),
}
# [F] The Juzgados de Paz Comunitarios (three community judges) that serve these municipalities.
_COMMUNITY_PAZ = frozenset(
    {
        (7, "San Andrés Semetabaj"),
        (8, "Santa María Chiquimula"),
        (12, "San Miguel Ixtahuacán"),
        (13, "San Rafael Petzal"),
        (17, "San Luis"),
    }
)


def _muni(dept: int, name: str) -> int:
    """A municipality's code from its name (the tables above read better by name)."""
    return department(dept).municipalities.index(name) + 1


def _department_place(dept: int) -> str:
    return f"del departamento de {department(dept).name}"


def _municipal_place(dept: int, muni: int) -> str:
    dept_name, muni_name = department(dept).name, municipality_name(dept, muni)
    if muni_name == dept_name:
        return f"del municipio y departamento de {dept_name}"
    return f"del municipio de {muni_name}, departamento de {dept_name}"


def _numbered(head: str, count: int, tail: str) -> list[str]:
    """One name, or numbered names ("Juzgado Primero de ...", "Juzgado Segundo de ...")."""
    if count == 1:
        return [f"{head} {tail}"]
    return [f"{head} {ordinal} {tail}" for ordinal in _ORDINALS[:count]]


class _Builder:
    """Collects courts, numbering them per department in the order they are added."""

    def __init__(self) -> None:
        self.courts: list[Court] = []
        self._next: dict[int, int] = {}

    def jump(self, dept: int, code: int) -> None:
        assert code >= self._next.get(dept, 1), "codes only go up"
        self._next[dept] = code

    def add(
        self, dept: int, muni: int, kind: CourtKind, matters: tuple[Matter, ...], *names: str
    ) -> None:
        for name in names:
            code = self._next.get(dept, 1)
            self.courts.append(Court(dept, code, muni, kind, matters, name))
            self._next[dept] = code + 1

    def first_instance(self, dept: int, muni: int, spec: str, place: str) -> None:
        for item in spec.split():
            branch, _, count = item.partition("*")
            words, matters = _BRANCHES[branch]
            names = _numbered("Juzgado", int(count or 1), f"de Primera Instancia {words} {place}")
            self.add(dept, muni, CourtKind.PRIMERA_INSTANCIA, matters, *names)

    def paz(self, dept: int, muni: int, ordinary: int = 1, *, turno: bool = False) -> None:
        place = _municipal_place(dept, muni)
        if (dept, municipality_name(dept, muni)) in _COMMUNITY_PAZ:
            names = [f"Juzgado de Paz Comunitario {place}"]
        else:
            names = _numbered("Juzgado", ordinary, f"de Paz {place}")
        self.add(dept, muni, CourtKind.PAZ, _PAZ_MATTERS, *names)
        if turno:
            self.add(
                dept, muni, CourtKind.PAZ, (_M.PENAL,), f"Juzgado de Paz Penal de Turno {place}"
            )


def _guatemala(b: _Builder) -> None:
    """Department 01: the CSJ and the capital's many specialised courts."""
    pi, ts, paz = CourtKind.PRIMERA_INSTANCIA, CourtKind.SENTENCIA, CourtKind.PAZ
    here = _department_place(1)
    csj_matters = (_M.AMPARO, _M.ANTEJUICIO, _M.PENAL, _M.CIVIL)
    b.add(1, 1, CourtKind.CSJ, csj_matters, "Corte Suprema de Justicia")
    b.first_instance(1, 1, "penal*10", here)
    b.add(1, 1, pi, (_M.PENAL,), f"Juzgado de Primera Instancia {_PENAL} de Turno {here}")
    b.add(1, 1, pi, (_M.PENAL,), *_numbered("Juzgado", 2, f"de Ejecución Penal {here}"))
    high_risk = [f"Juzgado de Primera Instancia {_HIGH_RISK} Grupo {g}" for g in _GROUPS]
    b.add(1, 1, pi, (_M.MAYOR_RIESGO, _M.PENAL), *high_risk)
    b.first_instance(1, 1, "femicidio*2", here)
    femicide_turno = f"Juzgado de Primera Instancia {_FEMICIDE} de Turno {here}"
    b.add(1, 1, pi, (_M.FEMICIDIO, _M.PENAL), femicide_turno)
    b.add(1, 1, pi, (_M.CIVIL,), *_numbered("Juzgado", 10, f"de Primera Instancia Civil {here}"))
    b.first_instance(1, 1, "familia*6", here)
    b.jump(1, 169)  # [F] so that the Juzgado Quinto de Trabajo is 01173
    b.first_instance(1, 1, "trabajo*7", here)
    for count, words in (
        (3, "de la Niñez y Adolescencia"),
        (2, "de Adolescentes en Conflicto con la Ley Penal"),
    ):
        b.add(
            1,
            1,
            pi,
            (_M.NINEZ,),
            *_numbered("Juzgado", count, f"de Primera Instancia {words} {here}"),
        )
    for name, spec in (
        ("Mixco", "penal civil familia trabajo ninez"),
        ("Villa Nueva", "penal civil familia trabajo ninez"),
        ("Amatitlán", "penal civil_trabajo"),
        ("San Juan Sacatepéquez", "penal"),
    ):
        muni = _muni(1, name)
        b.first_instance(1, muni, spec, _municipal_place(1, muni))

    b.add(1, 1, ts, (_M.PENAL,), *_numbered("Tribunal", 6, f"de Sentencia {_PENAL} {here}"))
    femicide = _numbered("Tribunal", 2, f"de Sentencia {_FEMICIDE} {here}")
    b.add(1, 1, ts, (_M.FEMICIDIO, _M.PENAL), *femicide)
    high_risk = [f"Tribunal de Sentencia {_HIGH_RISK} Grupo {g}" for g in _GROUPS[:3]]
    b.add(1, 1, ts, (_M.MAYOR_RIESGO, _M.PENAL), *high_risk)
    for name in ("Mixco", "Villa Nueva"):
        muni = _muni(1, name)
        b.add(
            1, muni, ts, (_M.PENAL,), f"Tribunal de Sentencia {_PENAL} {_municipal_place(1, muni)}"
        )

    for count, words, matters in (
        (3, "del Ramo Civil y Mercantil", (_M.CIVIL,)),
        (3, f"del Ramo {_PENAL}", (_M.PENAL,)),
        (4, "de Trabajo y Previsión Social", (_M.TRABAJO,)),
        (1, "de Familia", (_M.FAMILIA,)),
        (1, "de la Niñez y Adolescencia", (_M.NINEZ,)),
        (
            1,
            "del Ramo Penal de Procesos de Mayor Riesgo y de Extinción de Dominio",
            (_M.MAYOR_RIESGO, _M.PENAL),
        ),
    ):
        tail = f"de la Corte de Apelaciones {words}"
        names = [f"Sala {tail}"] if count == 1 else [f"Sala {o} {tail}" for o in _FEMININE_ORDINALS]
        b.add(1, 1, CourtKind.SALA, (*matters, *_APPEALS), *names[:count])

    capital = _municipal_place(1, 1)
    civil = _numbered("Juzgado", 5, f"de Paz Civil, Familia y Trabajo {capital}")
    b.add(1, 1, paz, (_M.CIVIL, _M.FAMILIA, _M.TRABAJO), *civil)
    b.add(1, 1, paz, (_M.PENAL,), *_numbered("Juzgado", 3, f"de Paz Penal {capital}"))
    b.add(1, 1, paz, (_M.PENAL,), f"Juzgado de Paz Penal de Faltas de Turno {capital}")
    b.add(1, 1, paz, _PAZ_MATTERS, f"Juzgado de Paz Móvil {here}")
    busy = {"Mixco": (2, True), "Villa Nueva": (2, True), "San Juan Sacatepéquez": (2, False)}
    for muni in range(2, len(department(1).municipalities) + 1):
        ordinary, turno = busy.get(municipality_name(1, muni), (1, False))
        b.paz(1, muni, ordinary, turno=turno)


def _department_courts(b: _Builder, dept: int) -> None:
    """Departments 02..22: Primera Instancia, one Tribunal de Sentencia, Salas, then Paz."""
    seat_spec, others = _FIRST_INSTANCE[dept]
    b.first_instance(dept, 1, seat_spec, _department_place(dept))
    for name, spec in others.items():
        muni = _muni(dept, name)
        b.first_instance(dept, muni, spec, _municipal_place(dept, muni))
    b.add(
        dept, 1, CourtKind.SENTENCIA, (_M.PENAL,),
        f"Tribunal de Sentencia {_PENAL} {_department_place(dept)}",
    )  # fmt: skip
    salas = _REGIONAL_SALAS.count(dept)
    tail = f"Regional Mixta de la Corte de Apelaciones de {department(dept).name}"
    names = [f"Sala {tail}"] if salas == 1 else [f"Sala {o} {tail}" for o in _FEMININE_ORDINALS]
    regional = (_M.MIXTO, _M.PENAL, _M.CIVIL, _M.FAMILIA, _M.TRABAJO, _M.NINEZ, *_APPEALS)
    b.add(dept, 1, CourtKind.SALA, regional, *names[:salas])
    for muni, name in enumerate(department(dept).municipalities, start=1):
        ordinary, turno = _BUSY_MUNICIPALITIES.get((dept, name), (1, False))
        b.paz(dept, muni, ordinary, turno=turno)


def _build() -> tuple[Court, ...]:
    builder = _Builder()
    _guatemala(builder)
    for dept in DEPARTMENTS[1:]:
        _department_courts(builder, dept.code)
    return tuple(builder.courts)


COURTS: tuple[Court, ...] = _build()
_BY_ID: dict[str, Court] = {c.id: c for c in COURTS}
_BY_DEPARTMENT: dict[int, tuple[Court, ...]] = {
    d.code: tuple(c for c in COURTS if c.department == d.code) for d in DEPARTMENTS
}


def court(court_id: str) -> Court:
    """The court with this id ("DDCCC", e.g. "01173"); KeyError if there is none."""
    return _BY_ID[court_id]


def courts_in(
    department: int, *, matter: Matter | None = None, kind: CourtKind | None = None
) -> tuple[Court, ...]:
    """The department's courts in code order, optionally only one matter and/or kind.

    ValueError for a department code that does not exist. Juzgados de Paz list TRABAJO too
    (small claims): ask ``kind=PRIMERA_INSTANCIA`` or ``SALA`` for the labour courts proper.
    """
    if department not in _BY_DEPARTMENT or isinstance(department, bool):
        raise ValueError(f"unknown department code: {department!r}")
    return tuple(
        c
        for c in _BY_DEPARTMENT[department]
        if (matter is None or matter in c.matters) and (kind is None or c.kind == kind)
    )
