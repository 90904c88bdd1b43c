"""The figures of Estadísticas de Mediación y Facilitadores Judiciales, generated at real rates.

[F] About 80 mediation centres and 12,000 to 15,000 mediations a year, about 40 % ending in an
agreement; 2,080 facilitadores judiciales in 213 municipalities in 2019, fewer before. The national
totals of each year are pinned here (``MEDIATIONS``, ``FACILITATORS``: [A] within those facts), so
the README can quote them whatever the seed; the seed decides how they are shared out among the
centres, the municipalities and the matters.

Two draws. ``plan`` (once, from the service's generator) places the centres and ranks the
municipalities by when their first facilitador was named; ``year_rows`` makes one year's rows from
that plan and a generator of its own (the plan's ``salt`` and the year), so a year adds the same
rows whether it is seeded at the first start or published later by ``refresh``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from kiosk.geography import DEPARTMENTS
from kiosk.portal.models.mediation_stats import FIRST_YEAR, Matter
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS

# --- the national totals ---------------------------------------------------------------------

#: [A] mediations started in the whole country, within [F] 12-15 k a year; 2020: the centres
#: closed for months in the pandemic
MEDIATIONS: dict[int, int] = {
    2015: 12_310, 2016: 12_760, 2017: 13_240, 2018: 13_690, 2019: 14_420, 2020: 12_050,
    2021: 12_980, 2022: 13_870, 2023: 14_510, 2024: 14_760, 2025: 14_930,
}  # fmt: skip
#: [A] the share that ended in an agreement, about [F] 40 %
AGREEMENT_RATES: dict[int, float] = {
    2015: 0.39, 2016: 0.40, 2017: 0.41, 2018: 0.40, 2019: 0.42, 2020: 0.38,
    2021: 0.40, 2022: 0.41, 2023: 0.41, 2024: 0.42, 2025: 0.41,
}  # fmt: skip
#: (facilitadores, municipalities with one): [F] 2019; [A] growing from fewer before it, and
#: the same 213 municipalities since (the directory lists them), volunteers coming and going
FACILITATORS: dict[int, tuple[int, int]] = {
    2015: (1_120, 131), 2016: (1_390, 156), 2017: (1_650, 178), 2018: (1_880, 198),
    2019: (2_080, 213), 2020: (2_020, 213), 2021: (2_060, 213), 2022: (2_110, 213),
    2023: (2_140, 213), 2024: (2_160, 213), 2025: (2_175, 213),
}  # fmt: skip
_LAST = max(MEDIATIONS)
MUNICIPALITIES = sum(len(d.municipalities) for d in DEPARTMENTS)


def mediations_in(year: int) -> int:
    """The country's mediations in ``year``; after the table, [A] slow growth up to 15,000."""
    return MEDIATIONS.get(year) or min(15_000, MEDIATIONS[_LAST] + 40 * (year - _LAST))


def agreement_rate(year: int) -> float:
    return AGREEMENT_RATES.get(year, 0.41)


def facilitators_in(year: int) -> tuple[int, int]:
    """(facilitadores, municipalities) in ``year``; after the table, [A] 15 more a year in the
    same municipalities."""
    if year in FACILITATORS:
        return FACILITATORS[year]
    count, places = FACILITATORS[_LAST]
    return count + 15 * (year - _LAST), places


# --- the centres and the municipalities --------------------------------------------------------

#: [A] mediation centres by department (INE code) once all were open: 80 ([F] about 80)
CENTRES_PER_DEPARTMENT: dict[int, int] = {
    1: 11, 2: 2, 3: 3, 4: 4, 5: 4, 6: 3, 7: 4, 8: 3, 9: 5, 10: 3, 11: 3,
    12: 4, 13: 5, 14: 4, 15: 2, 16: 4, 17: 3, 18: 3, 19: 2, 20: 3, 21: 2, 22: 3,
}  # fmt: skip
#: [A] what mediations are about, and how often each matter ends in an agreement (relative)
MATTER_MIX: dict[Matter, tuple[float, float]] = {
    Matter.FAMILIA: (0.42, 1.12),
    Matter.CIVIL: (0.20, 0.88),
    Matter.PENAL: (0.15, 0.98),
    Matter.LABORAL: (0.09, 1.06),
    Matter.COMUNITARIA: (0.08, 1.02),
    Matter.MERCANTIL: (0.06, 0.74),
}
#: [A] people a facilitador attends in a year, and the share taken to the juez de paz
ATTENDED_PER_FACILITATOR = (14.0, 22.0)
REFERRED_SHARE = (0.15, 0.27)
#: [A] a department with no facilitador before 2018 (the README's "empty" example)
LATE_DEPARTMENT, LATE_YEAR = 2, 2018


@dataclass(frozen=True)
class Centre:
    id: int
    department: int
    municipality: int
    opened: int  # the first year it worked
    weight: float  # how busy it is, relative to the others


@dataclass(frozen=True)
class Place:
    """A municipality of the facilitadores programme: ``rank`` orders when it joined."""

    department: int
    municipality: int
    rank: int
    weight: float


@dataclass(frozen=True)
class Plan:
    centres: tuple[Centre, ...]
    places: tuple[Place, ...]
    salt: int


def plan(rng: random.Random) -> Plan:
    """Where the centres are and when they opened; the order municipalities joined the
    facilitadores programme ([A] the rural, Maya ones first)."""
    centres: list[Centre] = []
    for department in DEPARTMENTS:
        count = CENTRES_PER_DEPARTMENT[department.code]
        busy = DEPARTMENT_WEIGHTS[department.code][0] ** 0.6 / count
        others = rng.sample(range(2, len(department.municipalities) + 1), count - 1)
        for index, municipality in enumerate([1, *others]):
            # the first in the cabecera, open before the figures start; the others since
            opened = 2005 + int(rng.random() * 10) if index == 0 else 2008 + int(rng.random() * 17)
            weight = busy * (0.75 + 0.5 * rng.random())
            centres.append(Centre(len(centres) + 1, department.code, municipality, opened, weight))
    keyed = []
    for department in DEPARTMENTS:
        priority = 0.4 + DEPARTMENT_WEIGHTS[department.code][1]
        for municipality in range(1, len(department.municipalities) + 1):
            keyed.append((rng.random() / priority, department.code, municipality))
    keyed.sort()
    order = [(d, m) for _, d, m in keyed if d != LATE_DEPARTMENT]
    joined_before = facilitators_in(LATE_YEAR - 1)[1]
    late = [(d, m) for _, d, m in keyed if d == LATE_DEPARTMENT]
    order[joined_before:joined_before] = late  # all of them join in LATE_YEAR
    places = tuple(
        Place(department, municipality, rank, 0.6 + 0.8 * rng.random())
        for rank, (department, municipality) in enumerate(order)
    )
    return Plan(tuple(centres), places, rng.getrandbits(48))


# --- one year --------------------------------------------------------------------------------


def apportion(total: int, weights: list[float]) -> list[int]:
    """``total`` shared out in proportion to ``weights`` by largest remainder: the shares add
    up to ``total`` exactly (what a published table does)."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    exact = [total * w / whole for w in weights]
    shares = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _capped(total: int, weights: list[float], caps: list[int]) -> list[int]:
    """``apportion`` with each share at most its cap (agreements never exceed mediations)."""
    shares = [0] * len(weights)
    left = min(total, sum(caps))
    while left > 0:
        room = [w if s < c else 0.0 for w, s, c in zip(weights, shares, caps, strict=True)]
        if not any(room):
            room = [1.0 if s < c else 0.0 for s, c in zip(shares, caps, strict=True)]
        extra = apportion(left, room)
        for i, more in enumerate(extra):
            give = min(more, caps[i] - shares[i])
            shares[i] += give
            left -= give
    return shares


def year_rows(the_plan: Plan, year: int) -> tuple[list[object], list[object]]:
    """One year's rows, flat: mediation (year, department, centre, matter, started, agreements)
    and facilitadores (year, department, municipality, facilitators, attended, referred)."""
    rng = random.Random(f"{the_plan.salt}:{year}")
    return _mediation(the_plan, year, rng), _facilitators(the_plan, year, rng)


def _mediation(the_plan: Plan, year: int, rng: random.Random) -> list[object]:
    open_now = [c for c in the_plan.centres if c.opened <= year]
    weights = [
        c.weight * (0.5 if c.opened == year else 1.0) * (0.85 + 0.3 * rng.random())
        for c in open_now
    ]  # a centre opened this year worked part of it
    cells: list[tuple[Centre, Matter, int]] = []
    for centre, started in zip(open_now, apportion(mediations_in(year), weights), strict=True):
        mix = [share * (0.7 + 0.6 * rng.random()) for share, _ in MATTER_MIX.values()]
        for matter, count in zip(MATTER_MIX, apportion(started, mix), strict=True):
            cells.append((centre, matter, count))
    target = round(mediations_in(year) * agreement_rate(year))
    pulls = [count * MATTER_MIX[m][1] * (0.85 + 0.3 * rng.random()) for _, m, count in cells]
    agreements = _capped(target, pulls, [count for _, _, count in cells])
    rows: list[object] = []
    for (centre, matter, count), agreed in zip(cells, agreements, strict=True):
        rows += (year, centre.department, centre.id, matter.value, count, agreed)
    return rows


def _facilitators(the_plan: Plan, year: int, rng: random.Random) -> list[object]:
    count, places = facilitators_in(year)
    active = sorted(the_plan.places[:places], key=lambda p: (p.department, p.municipality))
    weights = [p.weight * (0.8 + 0.4 * rng.random()) for p in active]
    low, high = ATTENDED_PER_FACILITATOR
    rows: list[object] = []
    for place, more in zip(active, apportion(count - len(active), weights), strict=True):
        serving = 1 + more  # every municipality in the programme has at least one
        attended = round(serving * (low + (high - low) * rng.random()))
        referred = round(attended * (REFERRED_SHARE[0] + 0.12 * rng.random()))
        rows += (year, place.department, place.municipality, serving, attended, referred)
    return rows


def published_years(last_full_year: int) -> range:
    return range(FIRST_YEAR, last_full_year + 1)
