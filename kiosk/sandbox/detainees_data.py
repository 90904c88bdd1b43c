"""What the detention seeder draws from: where people are detained (departments, the centres of
the Sistema Penitenciario and the courts in charge), for what kind of matter, and who they are.

Kept apart from ``services/detainees.py`` (every module there is a service). [F] marks what public
sources say (about 24,000 people in prison, about half of them without a sentence, about 7 % of
them women; the large centres named below); everything else is [A]: the OJ publishes no register.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from kiosk.courts import Court, CourtKind, Matter, courts_in
from kiosk.geography import DEPARTMENTS, municipality_count, municipality_name
from kiosk.portal.models.detainees import PlaceKind
from kiosk.sandbox import names
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS as LABOUR_DEPARTMENTS
from kiosk.sandbox.people import Weighted

# --- where ----------------------------------------------------------------------------------------

#: [A] share of detentions by department (code): population and reported crime, the capital first
DETENTION_WEIGHTS: dict[int, float] = {
    1: 35, 2: 1.5, 3: 2.5, 4: 3, 5: 7, 6: 2, 7: 1.5, 8: 1.5, 9: 5, 10: 3, 11: 2, 12: 4, 13: 5,
    14: 3.5, 15: 1, 16: 4.5, 17: 4, 18: 3, 19: 1.5, 20: 2, 21: 1.5, 22: 2.5,
}  # fmt: skip
#: [F] how Maya the people of each department are (census 2018): their names
MAYA_SHARE: dict[int, float] = {code: maya for code, (_, maya) in LABOUR_DEPARTMENTS.items()}


class Situation(StrEnum):
    """Where a current detention stands; it decides the centre and the court (never served)."""

    PREVENTIVA = "preventiva"  # awaiting trial in prisión preventiva: a first-instance judge
    JUICIO = "juicio"  # on trial: the Tribunal de Sentencia
    CONDENA = "condena"  # serving a sentence: a Juzgado de Ejecución Penal


#: [F] about half of the prison population has no sentence yet
SITUATIONS = Weighted((Situation.PREVENTIVA, Situation.JUICIO, Situation.CONDENA), (49, 8, 43))


class CaseMatter(StrEnum):
    """What a detention is about, as far as privacy goes (the offence itself is never kept)."""

    COMUN = "comun"  # any other offence: public minimum
    SEXUAL = "sexual"  # delitos contra la libertad e indemnidad sexual: reserved
    ALIMENTOS = "alimentos"  # negación de asistencia económica (alimony unpaid): reserved
    NINEZ = "ninez"  # offences against children (maltrato, trata): reserved


RESERVED = frozenset({CaseMatter.SEXUAL, CaseMatter.ALIMENTOS, CaseMatter.NINEZ})
#: [A] the share of adult detentions in each matter
MATTERS = Weighted(
    (CaseMatter.COMUN, CaseMatter.SEXUAL, CaseMatter.ALIMENTOS, CaseMatter.NINEZ), (88, 8, 2.5, 1.5)
)


@dataclass(frozen=True)
class Centre:
    name: str
    department: int
    kind: PlaceKind
    women: bool | None = None  # True: women only; False: men only; None: both
    juvenile: bool = False  # a centre of the Secretaría de Bienestar Social: never served


def _centres() -> tuple[Centre, ...]:
    pre, sentence = PlaceKind.PREVENTIVA, PlaceKind.CONDENA
    named = [
        Centre("Centro de Detención Preventiva para Hombres de la Zona 18", 1, pre, False),  # [F]
        Centre("Centro de Detención Preventiva para Hombres Mariscal Zavala", 1, pre, False),
        Centre("Centro de Detención Preventiva Reinserción I, Fraijanes", 1, pre, False),
        Centre("Centro de Detención Preventiva para Mujeres Santa Teresa", 1, pre, True),  # [F]
        Centre("Granja Modelo de Rehabilitación Pavón, Fraijanes", 1, sentence, False),  # [F]
        Centre("Centro de Cumplimiento de Condena Fraijanes II", 1, sentence, False),
        Centre("Centro de Orientación Femenino, Fraijanes", 1, sentence, True),  # [F]
        Centre("Granja Modelo de Rehabilitación Canadá, Escuintla", 5, sentence, False),  # [F]
        Centre("Centro de Alta Seguridad El Infiernito, Escuintla", 5, sentence, False),  # [F]
        Centre("Granja Modelo de Rehabilitación Cantel, Quetzaltenango", 9, sentence, False),  # [F]
        Centre("Centro Juvenil de Privación de Libertad para Varones Etapa II", 1, sentence,
               False, juvenile=True),
        Centre("Centro Juvenil de Privación de Libertad para Mujeres Gorriones", 1, sentence,
               True, juvenile=True),
        Centre("Centro Juvenil de Detención Provisional Gaviotas", 1, pre, None, juvenile=True),
    ]  # fmt: skip
    # [A] one preventive centre for men and women at every other departmental seat
    for department in DEPARTMENTS[1:]:
        seat = (
            "Santa Elena, Flores"
            if department.code == 17
            else municipality_name(department.code, 1)
        )
        name = f"Centro de Detención Preventiva para Hombres y Mujeres de {seat}"
        named.append(Centre(name, department.code, pre))
    return tuple(named)


#: every centre, in a fixed order: the seed stores a centre by its position here
CENTRES: tuple[Centre, ...] = _centres()
_SENTENCE_MEN = Weighted(
    [i for i, c in enumerate(CENTRES) if c.kind is PlaceKind.CONDENA and c.women is False
     and not c.juvenile],
    (30, 15, 30, 5, 20),  # [A] Pavón, Fraijanes II, Canadá, El Infiernito, Cantel
)  # fmt: skip
_SENTENCE_WOMEN = [
    i for i, c in enumerate(CENTRES) if c.kind is PlaceKind.CONDENA and c.women and not c.juvenile
]
_JUVENILE = {
    women: [i for i, c in enumerate(CENTRES) if c.juvenile and c.women in (women, None)]
    for women in (True, False)
}


def _preventive(department: int, women: bool) -> list[int]:
    return [
        i
        for i, c in enumerate(CENTRES)
        if c.department == department
        and c.kind is PlaceKind.PREVENTIVA
        and not c.juvenile
        and c.women in (women, None)
    ]


_PREVENTIVE = {
    (d.code, women): _preventive(d.code, women) for d in DEPARTMENTS for women in (True, False)
}


def centre_for(
    rng: random.Random, department: int, situation: Situation, *, women: bool, juvenile: bool
) -> int:
    """Where a person detained in ``department`` is held (a position in ``CENTRES``)."""
    if juvenile:
        options = _JUVENILE[women]
    elif situation is Situation.CONDENA:
        if not women:
            return _SENTENCE_MEN.pick(rng)
        options = _SENTENCE_WOMEN
    else:
        options = _PREVENTIVE[department, women]
    return options[int(rng.random() * len(options))]


# --- the court in charge --------------------------------------------------------------------------


def _ids(courts: list[Court] | tuple[Court, ...]) -> tuple[str, ...]:
    return tuple(c.id for c in courts)


def _courts(department: int) -> dict[str, tuple[str, ...]]:
    first = courts_in(department, matter=Matter.PENAL, kind=CourtKind.PRIMERA_INSTANCIA)
    ordinary = [c for c in first if Matter.FEMICIDIO not in c.matters and "Ejecución" not in c.name]
    femicide = [c for c in first if Matter.FEMICIDIO in c.matters]
    trial = courts_in(department, matter=Matter.PENAL, kind=CourtKind.SENTENCIA)
    trial_ordinary = [c for c in trial if Matter.FEMICIDIO not in c.matters]
    trial_femicide = [c for c in trial if Matter.FEMICIDIO in c.matters]
    youth = courts_in(department, matter=Matter.NINEZ, kind=CourtKind.PRIMERA_INSTANCIA)
    adolescents = [c for c in youth if "Adolescentes en Conflicto" in c.name]
    return {
        "preventiva": _ids(ordinary),
        "preventiva_sexual": _ids(femicide or ordinary),
        "juicio": _ids(trial_ordinary),
        "juicio_sexual": _ids(trial_femicide or trial_ordinary),
        "adolescentes": _ids(adolescents),
    }


_COURTS = {d.code: _courts(d.code) for d in DEPARTMENTS}
#: [A] the Juzgados de Ejecución Penal (in the capital) oversee every sentence
EXECUTION_COURTS = _ids(
    [c for c in courts_in(1, matter=Matter.PENAL) if "Ejecución Penal" in c.name]
)


def court_for(
    rng: random.Random, department: int, situation: Situation, matter: CaseMatter, *, juvenile: bool
) -> str:
    """The court in charge (a ``kiosk.courts`` id) of a detention in ``department``."""
    table = _COURTS[department]
    if juvenile:
        options = table["adolescentes"]
    elif situation is Situation.CONDENA:
        options = EXECUTION_COURTS
    else:
        key = situation.value + ("_sexual" if matter is CaseMatter.SEXUAL else "")
        options = table[key]
    return options[int(rng.random() * len(options))]


# --- who ------------------------------------------------------------------------------------------

_FEMALE, _MALE, _SURNAMES = (
    Weighted(items, [1 / (rank + 8) for rank in range(len(items))])
    for items in (names.FEMALE_SPANISH_NAMES, names.MALE_SPANISH_NAMES, names.SPANISH_SURNAMES)
)
WOMEN_SHARE = 0.07  # [F]
NO_SECOND_SURNAME = 0.03  # [A] registered with one surname only


#: given names, first surname, second surname (None: registered with one surname)
Name = tuple[str, str, str | None]


class People:
    """Names as the civil registry writes them, drawn with the rng the seeder gives."""

    POOL = 4096

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        # weighted draws made once: a uniform pick among them keeps the weights, without a bisect
        self.female = [_FEMALE.pick(rng) for _ in range(self.POOL)]
        self.male = [_MALE.pick(rng) for _ in range(self.POOL)]
        self.surnames = [_SURNAMES.pick(rng) for _ in range(self.POOL)]

    def name(self, department: int, *, women: bool) -> Name:
        draw, size, maya = self.rng.random, self.POOL, MAYA_SHARE[department]
        spanish = self.female if women else self.male
        first = spanish[int(draw() * size)]
        if draw() < maya * 0.15:
            mayan = names.FEMALE_MAYAN_NAMES if women else names.MALE_MAYAN_NAMES
            first = mayan[int(draw() * len(mayan))]
        given = first
        if draw() < 0.7:
            second = spanish[int(draw() * size)]
            if second != first:
                given = f"{first} {second}"
        surname = self.surname(maya)
        other = None if draw() < NO_SECOND_SURNAME else self.surname(maya)
        return given, surname, other

    def surname(self, maya: float) -> str:
        draw = self.rng.random
        if draw() < maya * 0.8:
            return names.MAYAN_SURNAMES[int(draw() * len(names.MAYAN_SURNAMES))]
        return self.surnames[int(draw() * self.POOL)]


#: where people are detained, and where those born elsewhere were born (their DPI's department)
DETENTION_DEPARTMENTS = Weighted(tuple(DETENTION_WEIGHTS), tuple(DETENTION_WEIGHTS.values()))
MUNICIPALITIES = {d.code: municipality_count(d.code) for d in DEPARTMENTS}
