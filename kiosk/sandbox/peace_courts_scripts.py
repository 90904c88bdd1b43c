"""How a case moves through a Juzgado de Paz, one actuación at a time: each matter's script of
steps (some optional, some ending the case early), the court's words for every actuación
(``ACTS``) and the walk that runs a script up to the anchor.

The public matters' words are plain on purpose: the service is for rural visitors who may read
slowly, so each actuación is one or two short sentences. Actuaciones are stored as codes of
``ACTS`` and turned into words when served. Everything here is [A]: the OJ publishes no such
data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import islice

from kiosk.portal.models.peace_courts import PeaceHearingKind, PeaceState
from kiosk.sandbox.peace_courts_data import StoredMatter

ACTS: dict[str, str] = {
    # shared by several matters
    "acuerdo": "En la audiencia, las partes se pusieron de acuerdo.",
    "sin_acuerdo": "En la audiencia, las partes no se pusieron de acuerdo.",
    "no_llego": "Una de las partes no llegó a la audiencia. El juzgado dio otra fecha.",
    "cita_conciliacion": "El juzgado dio fecha para una audiencia de conciliación.",
    "cita_juicio": "El juzgado dio fecha para el juicio.",
    "juicio_pruebas": "Se hizo el juicio. Cada parte mostró sus pruebas.",
    "apela": "Una parte no estuvo de acuerdo con la decisión. El caso pasó al Juzgado de "
    "Primera Instancia.",
    "archivo": "El caso terminó. El expediente se guardó en el archivo.",
    # faltas
    "f_rec": "El juzgado recibió la denuncia.",
    "f_cita": "El juzgado citó a las partes a una audiencia.",
    "f_juicio": "Se hizo el juicio. El juez escuchó a las dos partes.",
    "f_multa": "El juez decidió: la persona denunciada debe pagar una multa.",
    "f_absuelve": "El juez decidió: la persona denunciada no es culpable.",
    # delitos menos graves
    "d_rec": "El juzgado recibió la acusación del Ministerio Público.",
    "d_declara": "La persona acusada habló ante el juez por primera vez.",
    "d_remite": "El delito es grave para este juzgado. El caso pasó al Juzgado de Primera "
    "Instancia.",
    "d_acuerdo": "Las partes acordaron cómo reparar el daño. El juez lo aprobó.",
    "d_condena": "El juez decidió: la persona acusada es culpable.",
    "d_absuelve": "El juez decidió: la persona acusada no es culpable.",
    # civil de menor cuantía
    "c_rec": "El juzgado recibió la demanda.",
    "c_corrige": "El juzgado pidió corregir la demanda.",
    "c_admite": "El juzgado aceptó la demanda.",
    "c_notifica": "El juzgado avisó a la parte demandada.",
    "c_con_lugar": "El juez decidió: la parte demandada debe pagar.",
    "c_sin_lugar": "El juez decidió: la parte demandada no debe pagar.",
    # laboral de menor cuantía
    "l_rec": "El juzgado recibió el reclamo del trabajador.",
    "l_cita": "El juzgado citó al trabajador y al patrono.",
    "l_acuerdo": "El patrono y el trabajador se pusieron de acuerdo en el pago.",
    "l_pagado": "El patrono pagó lo acordado.",
    "l_con_lugar": "El juez decidió: el patrono debe pagar al trabajador.",
    "l_sin_lugar": "El juez decidió: el patrono no debe pagar.",
    # reserved matters: stored as a court keeps them, never served
    "r_vif_rec": "Se recibió denuncia por violencia intrafamiliar.",
    "r_vif_medidas": "Se dictaron medidas de seguridad a favor de la víctima.",
    "r_vif_remite": "Se remitió lo actuado al Juzgado de Familia.",
    "r_ali_rec": "Se recibió demanda oral de alimentos.",
    "r_ali_provisional": "Se fijó pensión alimenticia provisional.",
    "r_ali_cita": "Se señaló audiencia de conciliación sobre la pensión alimenticia.",
    "r_ali_convenio": "Las partes convinieron el monto de la pensión alimenticia.",
    "r_ali_juicio": "Se celebró el juicio oral de alimentos.",
    "r_ali_sentencia": "Se fijó la pensión alimenticia definitiva.",
    "r_nin_rec": "Se recibió aviso de amenaza a los derechos de una niña o niño.",
    "r_nin_medida": "Se dictó medida cautelar de protección para la niña o niño.",
    "r_nin_remite": "Se remitió el expediente al Juzgado de la Niñez y la Adolescencia.",
    "r_sex_rec": "Se recibió denuncia por delito contra la libertad e indemnidad sexual.",
    "r_sex_declara": "Se recibió la primera declaración del sindicado.",
    "r_sex_remite": "Se remitió lo actuado al Juzgado de Primera Instancia Penal.",
}
#: what the database stores: a text's position in ACTS, from 1. Add texts at the end; to reorder
#: or remove one, bump the service's seed_version.
ACT_CODES: dict[str, int] = {key: code for code, key in enumerate(ACTS, start=1)}
_TEXTS = ("", *ACTS.values())
#: the texts only reserved cases hold (a test looks for them in what the portal serves)
RESERVED_TEXTS = tuple(text for key, text in ACTS.items() if key.startswith("r_"))


def act_text(code: int) -> str:
    return _TEXTS[code]


@dataclass(frozen=True, slots=True)
class Step:
    acts: tuple[str, ...]  # keys of ACTS; one is drawn, each as likely
    state: PeaceState  # where the case is once this happened
    days: tuple[int, int] = (0, 0)  # calendar days after the previous step
    p: float = 1.0  # chance it happens at all
    hearing: PeaceHearingKind | None = None  # it happens in a hearing: pending, the next one


class Branch:
    """Steps taken together with chance ``p``; ``ends``: a case that takes them ends with them."""

    __slots__ = ("ends", "p", "steps")

    def __init__(self, p: float, *steps: Step | Branch, ends: bool = False) -> None:
        self.p, self.steps, self.ends = p, steps, ends


Node = Step | Branch
St = PeaceState
_TRIAL, _CONCILIATION = PeaceHearingKind.JUICIO_ORAL, PeaceHearingKind.CONCILIACION

_APPEAL = Branch(0.12, Step(("apela",), St.REMITIDO, (5, 20)), ends=True)
_ARCHIVE = Step(("archivo",), St.ARCHIVADO, (20, 120), p=0.8)

_SCRIPTS: dict[StoredMatter, tuple[Node, ...]] = {
    StoredMatter.FALTAS: (
        Step(("f_rec",), St.INGRESADO),
        Step(("f_cita",), St.AUDIENCIA_SENALADA, (2, 15)),
        Step(("no_llego",), St.AUDIENCIA_SENALADA, (10, 30), p=0.2, hearing=_TRIAL),
        Branch(0.35,
            Step(("acuerdo",), St.CONCILIADO, (10, 30), hearing=_TRIAL),
            _ARCHIVE,
            ends=True,
        ),
        Step(("f_juicio",), St.EN_TRAMITE, (10, 30), hearing=_TRIAL),
        Step(("f_multa", "f_absuelve"), St.RESUELTO, (0, 10)),
        _APPEAL,
        _ARCHIVE,
    ),
    StoredMatter.DELITO_MENOS_GRAVE: (
        Step(("d_rec",), St.INGRESADO),
        Step(("d_declara",), St.EN_TRAMITE, (0, 3)),
        Branch(0.3, Step(("d_remite",), St.REMITIDO, (5, 40)), ends=True),
        Branch(0.25, Step(("d_acuerdo",), St.CONCILIADO, (15, 90)), _ARCHIVE, ends=True),
        Step(("cita_juicio",), St.AUDIENCIA_SENALADA, (20, 90)),
        Step(("juicio_pruebas",), St.EN_TRAMITE, (20, 60), hearing=_TRIAL),
        Step(("d_condena", "d_absuelve"), St.RESUELTO, (0, 15)),
        _APPEAL,
        _ARCHIVE,
    ),
    StoredMatter.CIVIL_MENOR_CUANTIA: (
        Step(("c_rec",), St.INGRESADO),
        Step(("c_corrige",), St.EN_TRAMITE, (5, 20), p=0.25),
        Step(("c_admite",), St.EN_TRAMITE, (5, 30)),
        Step(("c_notifica",), St.EN_TRAMITE, (5, 30)),
        Step(("cita_conciliacion",), St.AUDIENCIA_SENALADA, (5, 20)),
        Branch(0.35,
            Step(("acuerdo",), St.CONCILIADO, (20, 60), hearing=_CONCILIATION),
            _ARCHIVE,
            ends=True,
        ),
        Step(("sin_acuerdo",), St.EN_TRAMITE, (20, 60), hearing=_CONCILIATION),
        Step(("cita_juicio",), St.AUDIENCIA_SENALADA, (3, 15)),
        Step(("juicio_pruebas",), St.EN_TRAMITE, (30, 90), hearing=_TRIAL),
        Step(("c_con_lugar", "c_sin_lugar"), St.RESUELTO, (15, 60)),
        _APPEAL,
        _ARCHIVE,
    ),
    StoredMatter.LABORAL_MENOR_CUANTIA: (
        Step(("l_rec",), St.INGRESADO),
        Step(("l_cita",), St.AUDIENCIA_SENALADA, (3, 20)),
        Branch(0.45,
            Step(("l_acuerdo",), St.CONCILIADO, (15, 45), hearing=_CONCILIATION),
            Step(("l_pagado",), St.CONCILIADO, (15, 90), p=0.8),
            _ARCHIVE,
            ends=True,
        ),
        Step(("sin_acuerdo",), St.EN_TRAMITE, (15, 45), hearing=_CONCILIATION),
        Step(("cita_juicio",), St.AUDIENCIA_SENALADA, (3, 15)),
        Step(("juicio_pruebas",), St.EN_TRAMITE, (20, 60), hearing=_TRIAL),
        Step(("l_con_lugar", "l_sin_lugar"), St.RESUELTO, (10, 45)),
        _APPEAL,
        _ARCHIVE,
    ),
    StoredMatter.FAMILIA_TURNO: (
        Step(("r_vif_rec",), St.INGRESADO),
        Step(("r_vif_medidas",), St.RESUELTO, (0, 1)),
        Step(("r_vif_remite",), St.REMITIDO, (1, 10), p=0.9),
    ),
    StoredMatter.ALIMENTOS: (
        Step(("r_ali_rec",), St.INGRESADO),
        Step(("r_ali_provisional",), St.EN_TRAMITE, (1, 10)),
        Step(("r_ali_cita",), St.AUDIENCIA_SENALADA, (3, 20)),
        Branch(0.5,
            Step(("r_ali_convenio",), St.CONCILIADO, (20, 60), hearing=_CONCILIATION),
            ends=True,
        ),
        Step(("r_ali_juicio",), St.EN_TRAMITE, (20, 60), hearing=_TRIAL),
        Step(("r_ali_sentencia",), St.RESUELTO, (10, 30)),
    ),
    StoredMatter.NINEZ: (
        Step(("r_nin_rec",), St.INGRESADO),
        Step(("r_nin_medida",), St.RESUELTO, (0, 2)),
        Step(("r_nin_remite",), St.REMITIDO, (1, 10)),
    ),
    StoredMatter.DELITO_SEXUAL: (
        Step(("r_sex_rec",), St.INGRESADO),
        Step(("r_sex_declara",), St.EN_TRAMITE, (0, 2)),
        Step(("r_sex_remite",), St.REMITIDO, (1, 10)),
    ),
}  # fmt: skip


#: a compiled entry: a step (p, first day, days span, act codes, step); a branch (p, entries
#: inside it to skip when not taken, 0, (), None); or where a case that took an ending branch
#: stops (0, -1, 0, (), None). One flat loop over them walks a case fast.
Entry = tuple[float, int, int, tuple[int, ...], Step | None]
_STOP: Entry = (0.0, -1, 0, (), None)


def compile_script(nodes: tuple[Node, ...]) -> tuple[Entry, ...]:
    entries: list[Entry] = []
    for node in nodes:
        if isinstance(node, Branch):
            inner = compile_script(node.steps) + ((_STOP,) if node.ends else ())
            entries.append((node.p, len(inner), 0, (), None))
            entries.extend(inner)
        else:
            low, high = node.days
            codes = tuple(ACT_CODES[act] for act in node.acts)
            entries.append((node.p, low, high - low + 1 if high else 0, codes, node))
    return tuple(entries)


SCRIPTS: dict[StoredMatter, tuple[Entry, ...]] = {
    matter: compile_script(nodes) for matter, nodes in _SCRIPTS.items()
}


def walk(
    script: tuple[Entry, ...], rng: random.Random, start: int, anchor: int
) -> tuple[list[tuple[int, int]], PeaceState, PeaceHearingKind | None]:
    """Run ``script`` from ``start`` (a date ordinal) up to ``anchor``: the events (day, act
    code) oldest first, the state they leave the case in, and the kind of hearing it waits for
    (None: it waits for no hearing, or its script is done). Weekends move to Monday; what would
    come after the anchor has not happened yet."""
    draw = rng.random
    events: list[tuple[int, int]] = []
    state = PeaceState.INGRESADO
    day = start
    entries = iter(script)
    for p, low, span, acts, step in entries:
        if step is None:
            if low < 0:  # the end of a branch that ends the case
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
            return events, state, step.hearing
        events.append((day, acts[int(draw() * len(acts))] if len(acts) > 1 else acts[0]))
        state = step.state
    return events, state, None
