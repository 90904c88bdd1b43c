"""What the Juzgados de Paz seeder draws from: which court a case comes to, its matter, and who
the parties are (how a case then moves is ``peace_courts_scripts.py``).

[F] About 370 Juzgados de Paz, one or more in every municipality; the capital's are split by
matter (civil, familia y trabajo; penal; faltas de turno). Everything else here is [A]: the OJ
publishes no such data. Kept apart from ``services/peace_courts.py`` (every module there is a
service).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from kiosk.courts import COURTS, Court, CourtKind, Matter
from kiosk.portal.models.peace_courts import PeaceMatter, PeaceRole
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, People, Weighted


class StoredMatter(StrEnum):
    """Every matter a Juzgado de Paz keeps: the public ones (``PeaceMatter``, same values) and
    the reserved ones, which the portal never serves."""

    FALTAS = PeaceMatter.FALTAS.value
    DELITO_MENOS_GRAVE = PeaceMatter.DELITO_MENOS_GRAVE.value
    CIVIL_MENOR_CUANTIA = PeaceMatter.CIVIL_MENOR_CUANTIA.value
    LABORAL_MENOR_CUANTIA = PeaceMatter.LABORAL_MENOR_CUANTIA.value
    FAMILIA_TURNO = "familia_turno"  # urgent measures against domestic violence (Decreto 97-96)
    ALIMENTOS = "alimentos"  # a child-support claim and its provisional pension
    NINEZ = "ninez"  # urgent protection of a child at risk (Ley PINA)
    DELITO_SEXUAL = "delito_sexual"  # the first steps of a sexual-crime case, before it goes on


S = StoredMatter
#: SERVICES.md: family, children, alimony and sexual-crime matters are reserved
RESERVED = frozenset({S.FAMILIA_TURNO, S.ALIMENTOS, S.NINEZ, S.DELITO_SEXUAL})

#: [A] how many of a Juzgado de Paz's cases are of each matter, and the court matter it needs
_MATTERS: dict[StoredMatter, tuple[float, Matter]] = {
    S.FALTAS: (30, Matter.PENAL),
    S.DELITO_MENOS_GRAVE: (10, Matter.PENAL),
    S.DELITO_SEXUAL: (4, Matter.PENAL),
    S.CIVIL_MENOR_CUANTIA: (17, Matter.CIVIL),
    S.LABORAL_MENOR_CUANTIA: (5, Matter.TRABAJO),
    S.FAMILIA_TURNO: (15, Matter.FAMILIA),
    S.ALIMENTOS: (13, Matter.FAMILIA),
    S.NINEZ: (6, Matter.FAMILIA),
}

#: [A] the share of the Juzgados de Paz's cases by department (code): Guatemala the largest,
#: the rest roughly as their people
DEPARTMENT_SHARES: dict[int, float] = {
    1: 36, 2: 1.1, 3: 2.2, 4: 4, 5: 5, 6: 2.2, 7: 2.5, 8: 2.5, 9: 5, 10: 3, 11: 2, 12: 6, 13: 7,
    14: 5.5, 15: 1.6, 16: 7, 17: 3.5, 18: 2.3, 19: 1.5, 20: 2.2, 21: 2, 22: 2.8,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PeaceCourt:
    id: str
    court: Court
    maya: float  # the share of Maya people in its department: their names
    matters: Weighted[StoredMatter]  # what it hears, weighted


def _local_weight(court: Court) -> float:
    """[A] a departmental seat's courts take more than a village's; the capital's most."""
    if court.department == 1 and court.municipality == 1:
        return 0.8 if "Móvil" in court.name else 4.0
    return 2.5 if court.municipality == 1 else 1.0


def _peace_courts() -> Weighted[PeaceCourt]:
    courts: list[PeaceCourt] = []
    weights: list[float] = []
    for code, share in DEPARTMENT_SHARES.items():
        here = [c for c in COURTS if c.department == code and c.kind is CourtKind.PAZ]
        local = [_local_weight(c) for c in here]
        maya = DEPARTMENT_WEIGHTS[code][1]
        for court, weight in zip(here, local, strict=True):
            heard = [m for m, (_, needs) in _MATTERS.items() if needs in court.matters]
            matters = Weighted(heard, [_MATTERS[m][0] for m in heard])
            courts.append(PeaceCourt(court.id, court, maya, matters))
            weights.append(share * weight / sum(local))
    return Weighted(courts, weights)


#: every Juzgado de Paz, weighted by its share of the cases
COURTS_WEIGHTED = _peace_courts()


class Names:
    """Full names, as a court file holds them (the portal only ever serves their initials): a
    pool per department drawn once, then picked from uniformly, so that the seed stays fast; the
    same full name in two cases of a department is common in life too."""

    POOL = 1500

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people = People(rng)
        self._pools: dict[float, list[str]] = {}

    def person(self, maya: float) -> str:
        pool = self._pools.get(maya)
        if pool is None:
            pool = self._pools[maya] = [self.people.person(maya) for _ in range(self.POOL)]
        return pool[int(self.rng.random() * self.POOL)]

    def company(self) -> str:
        return self.people.company()


def parties(names: Names, matter: StoredMatter, maya: float) -> list[tuple[PeaceRole, str]]:
    """Who is in a case, in order (who asks or was harmed first), with their full names."""
    draw = names.rng.random
    R = PeaceRole
    person = names.person
    if matter is S.CIVIL_MENOR_CUANTIA:  # a shop, a lender or a neighbour claims a debt
        claimant = names.company() if draw() < 0.3 else person(maya)
        return [(R.DEMANDANTE, claimant), (R.DEMANDADO, person(maya))]
    if matter is S.LABORAL_MENOR_CUANTIA:
        employer = names.company() if draw() < 0.4 else person(maya)
        return [(R.DEMANDANTE, person(maya)), (R.DEMANDADO, employer)]
    if matter is S.ALIMENTOS:
        return [(R.DEMANDANTE, person(maya)), (R.DEMANDADO, person(maya))]
    if matter is S.NINEZ:
        return [(R.AGRAVIADO, person(maya))]
    accused = [(R.SINDICADO, person(maya))]
    if matter is S.FALTAS and draw() < 0.15:  # a fight between neighbours: two accused
        accused.append((R.SINDICADO, person(maya)))
    victim = names.company() if matter is S.DELITO_MENOS_GRAVE and draw() < 0.1 else person(maya)
    return [(R.AGRAVIADO, victim), *accused]
