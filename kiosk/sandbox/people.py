"""Generated people for the sandbox's records: full names as a court file holds them (the API
shows only initials), weighted by how common each name is and by how Maya a department is, and
the share of cases each department files. Shared by every service's seeder; [F] where marked,
[A] the rest."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

from kiosk.sandbox import names

T = TypeVar("T")

# --- where: share of the cases by department (code) and how Maya its people are ---------------

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


# --- who ---------------------------------------------------------------------------------------

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
