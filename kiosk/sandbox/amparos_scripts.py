"""How an amparo moves through Decreto 1-86, one actuación at a time: the script of steps (some
optional, some ending it early), the tribunal's words for every actuación (``ACTS``), and the walk
that runs the script up to the anchor.

Kept apart from ``amparos_data.py`` (where amparos are filed, against whom, by whom) and from
``services/amparos.py`` (every module there is a service). Actuaciones are stored as codes of
``ACTS`` and turned into words when served. [F] the order of the procedure (admission and the
authority's report, the provisional amparo, two hearings of 48 hours, an optional eight-day
evidence period, the vista, the sentence, the appeal before the Corte de Constitucionalidad);
[A] how long each step takes and how often each branch is taken.
"""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass
from itertools import islice

from kiosk.portal.models.amparos import AmparoState

S = AmparoState

ACTS: dict[str, str] = {
    "recibido": "Se recibió la solicitud de amparo.",
    "previo": (
        "Se ordenó al postulante cumplir en tres días los requisitos que faltan en la solicitud."
    ),
    "rechazo": "Se rechazó in límine la solicitud por ser notoriamente improcedente.",
    "admite": (
        "Se admitió para su trámite y se pidió a la autoridad impugnada el informe "
        "circunstanciado y los antecedentes."
    ),
    "provisional_otorga": (
        "Se otorgó el amparo provisional: se suspende el acto reclamado mientras se resuelve."
    ),
    "provisional_deniega": "Se denegó el amparo provisional.",
    "antecedentes": (
        "Se recibieron los antecedentes y el informe circunstanciado de la autoridad impugnada."
    ),
    "primera_audiencia": (
        "Se dio audiencia por 48 horas al postulante, a la autoridad impugnada, a los terceros "
        "interesados y al Ministerio Público."
    ),
    "prueba": "Se abrió a prueba el amparo por el plazo de ocho días.",
    "segunda_audiencia": "Se dio segunda audiencia por 48 horas a las partes para alegar.",
    "senala_vista": "Se señaló día y hora para la vista.",
    "vista": "Se celebró la vista.",
    "mejor_fallar": "Se dictó auto para mejor fallar.",
    "otorga": "Se dictó sentencia: se otorga el amparo.",
    "deniega": "Se dictó sentencia: se deniega el amparo.",
    "apela": "Se interpuso apelación; se elevaron los autos a la Corte de Constitucionalidad.",
    "cc_confirma": (
        "Se recibió la ejecutoria de la Corte de Constitucionalidad, que confirmó lo resuelto."
    ),
    "cc_revoca": (
        "Se recibió la ejecutoria de la Corte de Constitucionalidad, que revocó lo resuelto."
    ),
    "desiste": "El postulante desistió del amparo; se aprobó el desistimiento.",
    "archivo": "Se declaró firme lo resuelto y se ordenó el archivo del expediente.",
}
#: what the database stores: a text's position in ACTS, from 1. Add texts at the end; to reorder
#: or remove one, bump the service's seed_version.
ACT_CODES: dict[str, int] = {key: code for code, key in enumerate(ACTS, start=1)}
_TEXTS = ("", *ACTS.values())


def act_text(code: int) -> str:
    return _TEXTS[code]


@dataclass(frozen=True, slots=True)
class Step:
    """One thing the tribunal does. ``outcomes``: (act, the state after it or None: unchanged),
    one drawn by ``weights``; ``days``: calendar days after the previous step."""

    outcomes: tuple[tuple[str, AmparoState | None], ...]
    days: tuple[int, int] = (0, 0)
    p: float = 1.0  # chance it happens at all
    weights: tuple[float, ...] = ()
    ruling: bool = False  # its day is the day of the ruling
    to_cc: bool = False  # it sends the amparo to the Corte de Constitucionalidad
    vista: bool = False  # a hearing: pending, it is the vista still to be held


class Branch:
    """Steps taken together with chance ``p``; ``ends``: an amparo that takes them ends there."""

    __slots__ = ("ends", "p", "steps")

    def __init__(self, p: float, *steps: Step | Branch, ends: bool = False) -> None:
        self.p, self.steps, self.ends = p, steps, ends


def _one(act: str, state: AmparoState | None, days: tuple[int, int] = (0, 0), **kw: object) -> Step:
    return Step(((act, state),), days, **kw)  # type: ignore[arg-type]


_APPEAL = (
    _one("apela", S.APELADO_CC, (3, 10), to_cc=True),
    Step(
        (("cc_confirma", S.RESUELTO_CC), ("cc_revoca", S.RESUELTO_CC)),
        (150, 480),
        weights=(0.8, 0.2),
    ),
)

SCRIPT: tuple[Step | Branch, ...] = (
    _one("recibido", S.EN_TRAMITE),
    _one("previo", None, (1, 5), p=0.12),
    Branch(0.10,
        _one("rechazo", S.RECHAZADO, (2, 20), ruling=True),
        Branch(0.35, *_APPEAL),
        _one("archivo", S.ARCHIVADO, (20, 90), p=0.9),
        ends=True,
    ),
    _one("admite", S.EN_TRAMITE, (1, 10)),
    Step(
        (("provisional_otorga", S.PROVISIONAL_OTORGADO),
         ("provisional_deniega", S.PROVISIONAL_DENEGADO)),
        (0, 3),
        weights=(0.25, 0.75),
    ),
    _one("antecedentes", None, (5, 30)),
    Branch(0.04, _one("desiste", S.ARCHIVADO, (10, 120)), ends=True),
    _one("primera_audiencia", None, (5, 30)),
    _one("prueba", None, (8, 20), p=0.3),
    _one("segunda_audiencia", None, (10, 40)),
    _one("senala_vista", S.VISTA, (10, 60)),
    _one("vista", S.VISTA, (10, 45), vista=True),
    _one("mejor_fallar", None, (5, 30), p=0.1),
    Step(
        (("otorga", S.SENTENCIA_OTORGA), ("deniega", S.SENTENCIA_DENIEGA)),
        (10, 120),
        weights=(0.27, 0.73),
        ruling=True,
    ),
    Branch(0.45, *_APPEAL),
    _one("archivo", S.ARCHIVADO, (30, 180), p=0.9),
)  # fmt: skip

#: the most actuaciones an amparo can have (every optional step taken)
MOST_ACTS = 15

#: a compiled script entry: a step (p, first day, days span, act codes, states, cumulative
#: weights, step); a branch (p, entries inside it to skip when not taken, 0, (), (), (), None);
#: or where an amparo that took an ending branch stops (0, -1, ...). One flat loop walks it fast.
Entry = tuple[
    float, int, int, tuple[int, ...], tuple[AmparoState | None, ...], tuple[float, ...], Step | None
]
_STOP: Entry = (0.0, -1, 0, (), (), (), None)


def compile_script(nodes: tuple[Step | Branch, ...]) -> tuple[Entry, ...]:
    entries: list[Entry] = []
    for node in nodes:
        if isinstance(node, Branch):
            inner = compile_script(node.steps) + ((_STOP,) if node.ends else ())
            entries.append((node.p, len(inner), 0, (), (), (), None))
            entries.extend(inner)
            continue
        low, high = node.days
        codes = tuple(ACT_CODES[act] for act, _state in node.outcomes)
        states = tuple(state for _act, state in node.outcomes)
        total, cumulative = sum(node.weights), list[float]()
        for weight in node.weights[:-1]:
            cumulative.append((cumulative[-1] if cumulative else 0.0) + weight / total)
        span = high - low + 1 if high else 0
        entries.append((node.p, low, span, codes, states, tuple(cumulative), node))
    return tuple(entries)


COMPILED = compile_script(SCRIPT)


@dataclass(slots=True)
class Walked:
    """An amparo's history up to the anchor: events (day ordinal, act code) oldest first."""

    events: list[tuple[int, int]]
    state: AmparoState
    ruled_on: int | None  # day ordinal
    to_cc: bool
    pending: Step | None  # what it waits for; None when its script is done


def walk(rng: random.Random, start: int, anchor: int) -> Walked:
    """Run the script from ``start`` (a date ordinal) up to ``anchor``. Weekends move to
    Monday; what would come after the anchor has not happened yet."""
    draw = rng.random
    events: list[tuple[int, int]] = []
    walked = Walked(events, S.EN_TRAMITE, None, False, None)
    day = start
    entries = iter(COMPILED)
    for p, low, span, codes, states, cumulative, step in entries:
        if step is None:
            if low < 0:  # the end of a branch that ends the amparo
                break
            if draw() >= p:  # not taken: skip its entries
                next(islice(entries, low, low), None)
            continue
        if p < 1.0 and draw() >= p:
            continue
        if span:
            day += low + int(draw() * span)
            weekday = (day - 1) % 7  # date.fromordinal(1) is a Monday
            if weekday > 4:
                day += 7 - weekday
        if day > anchor:
            walked.pending = step
            break
        chosen = bisect(cumulative, draw()) if cumulative else 0
        events.append((day, codes[chosen]))
        if states[chosen] is not None:
            walked.state = states[chosen]  # type: ignore[assignment]
        if step.ruling:
            walked.ruled_on = day
        if step.to_cc:
            walked.to_cc = True
    return walked
