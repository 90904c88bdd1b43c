"""A finished convocatoria's results: one row per application, by its number on the receipt
(never a name), with the outcome, the score and the place among those who passed. The best
scores take the places; the others who passed stay eligible. [A] About a fifth of the papers are
not admitted and a tenth of those admitted do not come to the exam; scores around 61 of 100."""

from __future__ import annotations

import random

from kiosk.portal.models.job_openings import ApplicationOutcome
from kiosk.sandbox.job_openings_demo import DemoJob

PASS_MARK = 70  # [A] of 100
OUTCOMES = tuple(ApplicationOutcome)  # stored by position
OUTCOME_CODE = {outcome: code for code, outcome in enumerate(OUTCOMES)}
_O = ApplicationOutcome
#: (application, outcome code, score or None, rank or None)
Row = tuple[int, int, int | None, int | None]


def application_results(
    rng: random.Random,
    pool: list[int],
    applicants: int,
    places: int,
    demo: DemoJob | None = None,
) -> tuple[list[Row], tuple[int, int, int, int]]:
    """Every application's result and the counts: (applicants, admitted, passed, appointed);
    scores come from ``pool`` (``score_pool``). A demo's known results are kept true: none of
    the others scores as high as its best."""
    best = 100 if demo is None else max(s or 0 for _, _, s in demo.known) - 1
    outcomes: list[ApplicationOutcome] = []
    scores: list[int | None] = []
    draw, size = rng.random, len(pool)
    for _ in range(applicants):
        chance = draw()
        if chance < 0.2:
            outcomes.append(_O.NO_ADMITIDO)
            scores.append(None)
        elif chance < 0.3:
            outcomes.append(_O.NO_SE_PRESENTO)
            scores.append(None)
        else:
            score = min(best, pool[int(draw() * size)])
            outcomes.append(_O.APROBADO if score >= PASS_MARK else _O.NO_APROBADO)
            scores.append(score)
    if demo is not None:
        _keep_known(demo, places, outcomes, scores, best)
    passers = _ranked(outcomes, scores)
    ranks = {i: place for place, i in enumerate(passers, start=1)}
    for i in passers[:places]:
        outcomes[i] = _O.NOMBRADO
    for i in passers[places:]:
        outcomes[i] = _O.APROBADO
    rows = [
        (i + 1, OUTCOME_CODE[outcome], scores[i], ranks.get(i))
        for i, outcome in enumerate(outcomes)
    ]
    admitted = sum(1 for o in outcomes if o is not _O.NO_ADMITIDO)
    return rows, (applicants, admitted, len(passers), min(places, len(passers)))


def score_pool(rng: random.Random, size: int = 2048) -> list[int]:
    """Scores drawn once from their distribution (about 61 ± 13, from 12 to 100): a uniform
    pick among them keeps it, at a fraction of a Gaussian draw each (tens of thousands)."""
    return [min(100, max(12, round(rng.gauss(61, 13)))) for _ in range(size)]


def _ranked(outcomes: list[ApplicationOutcome], scores: list[int | None]) -> list[int]:
    """The applications (indexes) that passed, best score first (the earlier number on a tie)."""
    passed = (i for i, outcome in enumerate(outcomes) if outcome in (_O.APROBADO, _O.NOMBRADO))
    return sorted(passed, key=lambda i: (-(scores[i] or 0), i))


def _keep_known(
    demo: DemoJob,
    places: int,
    outcomes: list[ApplicationOutcome],
    scores: list[int | None],
    best: int,
) -> None:
    """The demo's known results, and enough others above its known eligible ones that those
    are not appointed (the README promises each outcome)."""
    known = {application - 1 for application, _, _ in demo.known}
    for application, outcome, score in demo.known:
        outcomes[application - 1], scores[application - 1] = outcome, score
    eligible = {application - 1 for application, o, _ in demo.known if o is _O.APROBADO}
    others = (i for i in range(len(outcomes)) if i not in known)
    while eligible & set(_ranked(outcomes, scores)[:places]):
        other = next(others)
        outcomes[other], scores[other] = _O.APROBADO, best
