"""What the labour-case seeder draws from: where cases are filed and who the parties are (how a
case then moves through its proceedings is ``labor_scripts.py``).

Kept apart from ``services/labor_cases.py`` (every module there is a service). Everything here
but what is marked [F] is [A]: the OJ publishes no such data.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Generic, TypeVar

from kiosk.courts import Court, CourtKind, Matter, courts_in
from kiosk.geography import municipality_name
from kiosk.portal.models.labor_cases import LaborCaseKind
from kiosk.sandbox import names

T = TypeVar("T")

# --- where: share of the cases by department (code) and how Maya its people are -------------------

#: [F] about half of all cases are filed in Guatemala department; the rest follow formal
#: employment (ports, agro-industry, maquilas) more than population.
DEPARTMENT_WEIGHTS: dict[int, tuple[float, float]] = {
    1: (50, 0.13), 2: (1, 0.01), 3: (2.5, 0.40), 4: (2.5, 0.78), 5: (6.5, 0.06), 6: (1.5, 0.02),
    7: (1, 0.96), 8: (1, 0.97), 9: (6, 0.51), 10: (2.5, 0.50), 11: (2, 0.23), 12: (2.5, 0.29),
    13: (2.5, 0.65), 14: (1.5, 0.89), 15: (1, 0.59), 16: (2.5, 0.93), 17: (2, 0.31),
    18: (3.5, 0.23), 19: (1.5, 0.01), 20: (1.5, 0.24), 21: (1, 0.19), 22: (1.5, 0.02),
}  # fmt: skip


class Weighted(Generic[T]):
    """A weighted choice drawn with one ``rng.random()`` (bisect over cumulative weights)."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        self.items = tuple(items)
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


@dataclass(frozen=True, slots=True)
class LabourCourt:
    id: str
    court: Court
    maya: float  # the share of Maya people in its department: their names
    mixed: bool  # it hears other matters too: its SGT sequence has gaps


def _labour_courts() -> Weighted[LabourCourt]:
    courts: list[LabourCourt] = []
    weights: list[float] = []
    for code, (share, maya) in DEPARTMENT_WEIGHTS.items():
        here = courts_in(code, matter=Matter.TRABAJO, kind=CourtKind.PRIMERA_INSTANCIA)
        # the labour court of a departmental seat takes most cases; mixed courts far fewer
        local = [
            1.0 if c.matters != (Matter.TRABAJO,) else 3.0 if c.municipality == 1 else 2.0
            for c in here
        ]
        courts.extend(LabourCourt(c.id, c, maya, c.matters != (Matter.TRABAJO,)) for c in here)
        weights.extend(share * w / sum(local) for w in local)
    return Weighted(courts, weights)


#: the first-instance labour courts of every department, weighted by their share of the cases
COURTS = _labour_courts()
_K = LaborCaseKind
KINDS = Weighted(
    (_K.ORDINARIO, _K.PRESTACIONES, _K.REINSTALACION, _K.FALTAS, _K.EJECUTIVO, _K.POST_MORTEM,
     _K.PREVISION_SOCIAL, _K.COLECTIVO),
    (52, 14, 15, 8, 5, 3, 2, 1),
)  # fmt: skip


# --- who: workers, employers, unions --------------------------------------------------------------

# earlier (more common) names weigh more, with a long tail
_FEMALE, _MALE, _SURNAMES = (
    Weighted(items, [1 / (rank + 8) for rank in range(len(items))])
    for items in (names.FEMALE_SPANISH_NAMES, names.MALE_SPANISH_NAMES, names.SPANISH_SURNAMES)
)

_BUSINESS = (
    "Distribuidora", "Comercializadora", "Agroindustrias", "Inversiones", "Servicios",
    "Corporación", "Industrias", "Constructora", "Textiles", "Transportes", "Seguridad Privada",
    "Hotelera", "Alimentos", "Farmacias", "Panificadora", "Exportadora", "Plásticos", "Agrícola",
    "Operadora", "Embotelladora", "Avícola", "Importadora", "Maquiladora", "Bananera", "Cafetalera",
)  # fmt: skip
_BUSINESS_NAMES = (
    "El Sol", "Los Altos", "del Pacífico", "San Miguel", "La Esperanza", "Maya", "Centroamericana",
    "del Norte", "Santa Lucía", "El Roble", "Las Palmas", "Quetzal", "Guatemalteca", "del Sur",
    "San José", "La Ceiba", "Volcán", "Atlántico", "Monte Verde", "Santa Ana", "Los Pinos",
)  # fmt: skip
IGSS = "Instituto Guatemalteco de Seguridad Social"
_PUBLIC_EMPLOYERS = (
    "Estado de Guatemala, Ministerio de Salud Pública y Asistencia Social", IGSS,
    "Estado de Guatemala, Ministerio de Educación", "Empresa Portuaria Quetzal",
)  # fmt: skip
INSPECCION = "Inspección General de Trabajo"
_SUFFIX = ", Sociedad Anónima"
_MAYAN_SURNAMES = names.MAYAN_SURNAMES


class People:
    """Full names, as a court file holds them (the API only ever shows initials)."""

    POOL = 4096

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        # weighted draws made once: a uniform pick among them keeps the weights, without a bisect
        self.female = [_FEMALE.pick(rng) for _ in range(self.POOL)]
        self.male = [_MALE.pick(rng) for _ in range(self.POOL)]
        self.surnames = [_SURNAMES.pick(rng) for _ in range(self.POOL)]

    def person(self, maya: float) -> str:
        draw, size = self.rng.random, self.POOL
        female = draw() < 0.45
        spanish = self.female if female else self.male
        first = spanish[int(draw() * size)]
        if draw() < maya * 0.15:
            mayan = names.FEMALE_MAYAN_NAMES if female else names.MALE_MAYAN_NAMES
            first = mayan[int(draw() * len(mayan))]
        if draw() < 0.75:
            second = spanish[int(draw() * size)]
            if second != first:
                first = f"{first} {second}"
        return f"{first} {self.surname(maya)} {self.surname(maya)}"

    def surname(self, maya: float) -> str:
        draw = self.rng.random
        if draw() < maya * 0.8:
            return _MAYAN_SURNAMES[int(draw() * len(_MAYAN_SURNAMES))]
        return self.surnames[int(draw() * self.POOL)]

    def company(self) -> str:
        draw = self.rng.random
        first = _BUSINESS[int(draw() * len(_BUSINESS))]
        if draw() < 0.35:
            second = self.surname(0.0)
        else:
            second = _BUSINESS_NAMES[int(draw() * len(_BUSINESS_NAMES))]
        return f"{first} {second}{_SUFFIX}"

    def employer(self, found: LabourCourt) -> str:
        draw = self.rng.random()
        if draw < 0.68:
            return self.company()
        if draw < 0.90:
            return self.person(found.maya)  # a patrono individual: a farm, a shop, a household
        if draw < 0.95:
            return _PUBLIC_EMPLOYERS[int(self.rng.random() * len(_PUBLIC_EMPLOYERS))]
        court = found.court
        return f"Municipalidad de {municipality_name(court.department, court.municipality)}"


_PARTICLES = frozenset({"de", "del", "la", "las", "los", "el", "y"})


def initials(name: str) -> str:
    """Initials of each word but particles (de, la, ...): "Juan Carlos García Hernández" gives
    "J. C. G. H.", "Textiles del Sur, Sociedad Anónima" gives "T. S., S. A."."""
    main, _, form = name.partition(", ")
    parts = [_letters(main)]
    if form:
        parts.append(_letters(form))
    return ", ".join(part for part in parts if part)


def _letters(words: str) -> str:
    kept = [w for w in words.split() if w.lower() not in _PARTICLES] or words.split()
    return " ".join(f"{w[0].upper()}." for w in kept)
