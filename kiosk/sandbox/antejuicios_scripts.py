"""How an antejuicio moves under Decreto 85-2002, one actuación at a time, and the words of each
actuación (``ACTS``, stored by code and turned into words when served).

[F] The body examines the request and rejects it in limine when it is spurious, political or
illegitimate; otherwise the CSJ forwards a Congress case to Congress (which names an
investigating commission and votes), and the CSJ or a Sala names an investigating judge (juez
pesquisidor) and then declares whether there is cause (ha lugar) or not. [A] the chances and
the days between steps; an official who leaves the post while it is pending loses the immunity
and the antejuicio is left without matter (sin materia).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from kiosk.portal.models.antejuicios import AntejuicioStage, Body

S = AntejuicioStage
_CSJ = "La Corte Suprema de Justicia"
_SALA = "La Sala"
_DECIDERS = {Body.CSJ: _CSJ, Body.SALA: _SALA}

ACTS: dict[str, str] = {
    "recibido": "Se recibió la solicitud de antejuicio y se formó el expediente.",
    "informe": "Se pidió al funcionario un informe sobre los hechos que se le atribuyen.",
    "rechazo": "{decider} rechazó in limine la solicitud por no encontrar fundamento para "
    "seguir el trámite.",
    "rechazo_politico": "{decider} rechazó in limine la solicitud por considerar que tiene "
    "motivos políticos o espurios.",
    "reposicion": "Se declaró sin lugar el recurso de reposición que interpuso el promovente.",
    "pesquisidor": "{decider} dio trámite al antejuicio y nombró juez pesquisidor.",
    "pesq_informe": "El juez pesquisidor recibió el informe del funcionario.",
    "pesq_diligencias": "El juez pesquisidor practicó diligencias y escuchó a las partes.",
    "pesq_rinde": "El juez pesquisidor rindió su informe con sus conclusiones.",
    "ha_lugar": "{decider} declaró con lugar el antejuicio y remitió las actuaciones al juez "
    "penal competente.",
    "no_ha_lugar": "{decider} declaró sin lugar el antejuicio y ordenó archivar las actuaciones.",
    "traslado": "La Corte Suprema de Justicia trasladó el expediente al Congreso de la "
    "República, que es quien decide.",
    "comision": "El Congreso de la República integró por sorteo una comisión pesquisidora.",
    "comision_informe": "La comisión pesquisidora presentó su informe al Pleno del Congreso.",
    "ha_lugar_congreso": "El Pleno del Congreso declaró con lugar el antejuicio; se remitieron "
    "las actuaciones a la Corte Suprema de Justicia.",
    "no_ha_lugar_congreso": "El Pleno del Congreso no alcanzó los votos necesarios y declaró "
    "sin lugar el antejuicio.",
    "sin_materia": "Se declaró sin materia el antejuicio porque el funcionario ya no ocupa el "
    "cargo; se remitieron las actuaciones al Ministerio Público.",
}
#: the acts whose words name who decides: one code per (act, decider)
_BY_DECIDER = frozenset({"rechazo", "rechazo_politico", "pesquisidor", "ha_lugar", "no_ha_lugar"})
_TEXTS: list[str] = []
ACT_CODES: dict[tuple[str, Body], int] = {}
for _key, _words in ACTS.items():
    for _body in Body:
        if _key in _BY_DECIDER and _body is Body.CONGRESO:
            decider = _CSJ  # the CSJ screens a Congress case before it forwards it
        else:
            decider = _DECIDERS.get(_body, _CSJ)
        text = _words.format(decider=decider)
        if text not in _TEXTS:
            _TEXTS.append(text)
        ACT_CODES[_key, _body] = _TEXTS.index(text)
TEXTS: tuple[str, ...] = tuple(_TEXTS)


def act_text(code: int) -> str:
    return TEXTS[code]


#: stages still waiting for a decision: an official who leaves the post leaves them without matter
PENDING = frozenset(
    {S.EN_TRAMITE, S.JUEZ_PESQUISIDOR, S.TRASLADADO_CONGRESO, S.COMISION_PESQUISIDORA}
)


@dataclass
class Walk:
    """Runs one antejuicio's steps from its filing day up to the anchor (days are ordinals)."""

    rng: random.Random
    body: Body
    day: int
    anchor: int
    term_end: int
    events: list[tuple[int, str]] = field(default_factory=list)  # (day, a key of ACTS)
    stage: AntejuicioStage = S.EN_TRAMITE
    done: bool = False

    def act(
        self, key: str, stage: AntejuicioStage, days: tuple[int, int] = (0, 0), p: float = 1.0
    ) -> bool:
        """The step happens (chance ``p``) ``days`` after the last one, unless the anchor comes
        first (the walk is over) or the official left the post first (sin materia)."""
        if self.done or (p < 1.0 and self.rng.random() >= p):
            return False
        low, high = days
        day = _weekday(self.day + low + int(self.rng.random() * (high - low + 1)))
        if self.stage in PENDING and day > self.term_end and self.events:
            self.done = True
            left = _weekday(self.term_end + 15 + int(self.rng.random() * 60))
            if left <= self.anchor:
                self._add(left, "sin_materia", S.SIN_MATERIA)
            return False
        if day > self.anchor:
            self.done = True
            return False
        self._add(day, key, stage)
        return True

    def finish(self) -> Walk:
        """Nothing else happened: an official who left the post meanwhile leaves it without
        matter (the next step was never due, so ``act`` did not see it)."""
        if not self.done and self.stage in PENDING and self.term_end < self.anchor:
            self.done = True
            left = _weekday(max(self.term_end, self.day) + 15 + int(self.rng.random() * 60))
            if left <= self.anchor:
                self._add(left, "sin_materia", S.SIN_MATERIA)
        return self

    def _add(self, day: int, key: str, stage: AntejuicioStage) -> None:
        self.events.append((day, key))
        self.day, self.stage = day, stage


def _weekday(day: int) -> int:
    weekday = (day - 1) % 7  # ordinal 1 (0001-01-01) is a Monday
    return day + 7 - weekday if weekday > 4 else day


def walk(rng: random.Random, body: Body, filed: int, anchor: int, term_end: int) -> Walk:
    """The antejuicio's actuaciones and stage on the anchor."""
    run = Walk(rng, body, filed, anchor, term_end)
    _steps(run)
    return run.finish()


def _steps(run: Walk) -> None:
    rng, body = run.rng, run.body
    run.act("recibido", S.EN_TRAMITE)
    run.act("informe", S.EN_TRAMITE, (5, 20), p=0.6)
    rejected = 0.5 if body is Body.CONGRESO else 0.45
    if rng.random() < rejected:
        key = "rechazo_politico" if rng.random() < 0.4 else "rechazo"
        if run.act(key, S.RECHAZADO_IN_LIMINE, (20, 120)):
            run.act("reposicion", S.RECHAZADO_IN_LIMINE, (15, 45), p=0.3)
        return
    if body is Body.CONGRESO:
        if not run.act("traslado", S.TRASLADADO_CONGRESO, (30, 150)):
            return
        if not run.act("comision", S.COMISION_PESQUISIDORA, (30, 300), p=0.75):
            return
        run.act("comision_informe", S.COMISION_PESQUISIDORA, (60, 300), p=0.7)
        if rng.random() < 0.65:
            won = rng.random() < 0.3
            key = "ha_lugar_congreso" if won else "no_ha_lugar_congreso"
            run.act(key, S.HA_LUGAR if won else S.NO_HA_LUGAR, (15, 200))
        return
    if not run.act("pesquisidor", S.JUEZ_PESQUISIDOR, (20, 120)):
        return
    run.act("pesq_informe", S.JUEZ_PESQUISIDOR, (15, 60), p=0.8)
    run.act("pesq_diligencias", S.JUEZ_PESQUISIDOR, (15, 90), p=0.7)
    if run.act("pesq_rinde", S.JUEZ_PESQUISIDOR, (30, 200)):
        won = rng.random() < 0.4
        run.act(
            "ha_lugar" if won else "no_ha_lugar", S.HA_LUGAR if won else S.NO_HA_LUGAR, (10, 60)
        )
    return
