"""How a labour case moves through the Código de Trabajo's proceedings, one actuación at a time:
each kind's script of steps (some optional, some ending the case early), the court's words for
every actuación (``ACTS``), and the walk that runs a script up to the anchor.

Kept apart from ``labor_data.py`` (where cases are filed and who the parties are) and from
``services/labor_cases.py`` (every module there is a service). Actuaciones are stored as codes of
``ACTS`` (a byte instead of a sentence on half a million rows) and turned into the court's words
when served. Everything here is [A]: the OJ publishes no such data; the texts imitate the wording
of court resolutions.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import islice

from kiosk.portal.models.labor_cases import HearingKind, LaborCaseKind, LaborStage


@dataclass(frozen=True, slots=True)
class Step:
    acts: tuple[str, ...]  # keys of ACTS; one is drawn (the first twice as often as each other)
    stage: LaborStage  # where the case is once this happened
    days: tuple[int, int] = (0, 0)  # calendar days after the previous step
    p: float = 1.0  # chance it happens at all
    hearing: HearingKind | None = None  # it happens in a hearing: pending, it is the next one


class Branch:
    """Steps taken together with chance ``p``; ``ends``: a case that takes them ends with them
    (a settlement, a withdrawal)."""

    __slots__ = ("ends", "p", "steps")

    def __init__(self, p: float, *steps: Step | Branch, ends: bool = False) -> None:
        self.p, self.steps, self.ends = p, steps, ends


Node = Step | Branch
S = LaborStage
_PROOF = HearingKind.PRUEBA

ACTS: dict[str, str] = {
    "rec_ordinario": "Se recibió la demanda ordinaria laboral por despido injustificado.",
    "rec_prestaciones": "Se recibió la demanda ordinaria por pago de prestaciones laborales.",
    "rec_prevision": "Se recibió la demanda ordinaria de previsión social.",
    "previo": "Se previno a la parte actora que subsane los requisitos omitidos en la demanda.",
    "tramite": "Se dio trámite a la demanda y se citó a las partes a juicio oral.",
    "notificada": "Se notificó la demanda y la resolución de trámite a la parte demandada.",
    "suspendida": "Se suspendió la audiencia porque no compareció la parte demandada.",
    "sin_acuerdo": "Se procuró la conciliación entre las partes sin que llegaran a un acuerdo.",
    "convenio": "Las partes suscribieron convenio conciliatorio de pago en cuotas; se aprobó.",
    "convenio_pagado": "Se tuvo por cumplido el convenio y se ordenó el archivo del expediente.",
    "desiste": "La parte actora desistió de la demanda; se aprobó el desistimiento.",
    "contesta": "La parte demandada contestó en sentido negativo e interpuso excepciones.",
    "rebeldia": "Se declaró la rebeldía de la parte demandada por no comparecer a la audiencia.",
    "previas": "La parte demandada interpuso excepciones previas antes de contestar.",
    "excepciones": "Se resolvieron las excepciones interpuestas por la parte demandada.",
    "abre_prueba": "Se señaló audiencia para la recepción de los medios de prueba ofrecidos.",
    "testigos": "Se recibió la declaración de los testigos propuestos por las partes.",
    "confesion": "Se recibió la confesión judicial de la parte demandada.",
    "documentos": "Se incorporaron los medios de prueba documentales.",
    "peritaje": "Se recibió el dictamen del experto en cálculo de prestaciones.",
    "mejor_fallar": "Se dictó auto para mejor fallar.",
    "con_lugar": "Se dictó sentencia declarando con lugar la demanda.",
    "parcial": "Se dictó sentencia declarando parcialmente con lugar la demanda.",
    "sin_lugar": "Se dictó sentencia declarando sin lugar la demanda.",
    "apela": "Se interpuso apelación; se elevaron los autos a la Sala de Trabajo.",
    "vista": "Se celebró la vista ante la Sala de Apelaciones de Trabajo y Previsión Social.",
    "confirma": "La Sala confirmó la sentencia y devolvió los autos al juzgado.",
    "modifica": "La Sala modificó parcialmente la sentencia y devolvió los autos al juzgado.",
    "firme": "Se declaró firme la sentencia y se ordenó practicar la liquidación.",
    "firme_archivo": "Se declaró firme la sentencia y se ordenó el archivo del expediente.",
    "liquidacion": "Se aprobó la liquidación y se requirió el pago a la parte demandada.",
    "embargo": "Se decretó embargo sobre cuentas bancarias de la parte demandada.",
    "pagado": "Se tuvo por cumplido el pago y se ordenó el archivo del expediente.",
    "rec_reinst": "Se recibió la solicitud de reinstalación del trabajador.",
    "ordena_reinst": "Se ordenó reinstalar de inmediato al trabajador, bajo pena de multa.",
    "comisiona": "Se comisionó al notificador ejecutor para hacer efectiva la reinstalación.",
    "reinstalado": "El ejecutor hizo constar que se reinstaló al trabajador en su puesto.",
    "no_reinstala": "El ejecutor hizo constar que la parte empleadora se negó a reinstalar.",
    "revocatoria": "Se declaró sin lugar la revocatoria de la orden de reinstalación.",
    "certifica_mp": "Se certificó lo conducente al Ministerio Público por desobediencia.",
    "reinst_cumplida": "Se tuvo por cumplida la reinstalación y se ordenó el archivo.",
    "rec_colectivo": "Se recibió el pliego de peticiones: conflicto colectivo económico-social.",
    "prevenciones": "Se previno que ningún contrato puede terminarse sin autorización del juzgado.",
    "tribunal": "Se integró el Tribunal de Conciliación.",
    "aud_tribunal": "Audiencia ante el Tribunal de Conciliación sin acuerdo entre las partes.",
    "pacto": "Las partes suscribieron convenio ante el Tribunal de Conciliación.",
    "huelga_prueba": "Se recibieron las pruebas para calificar la legalidad de la huelga.",
    "huelga_legal": "Se declaró la legalidad de la huelga.",
    "huelga_ilegal": "Se declaró la ilegalidad de la huelga.",
    "colectivo_fin": "Se dio por terminado el conflicto y se ordenó el archivo del expediente.",
    "rec_faltas": "Se recibió la denuncia de la Inspección General de Trabajo por falta laboral.",
    "cita_faltas": "Se citó a la parte denunciada a audiencia para oírla y recibir sus pruebas.",
    "acepta": "En audiencia, la parte denunciada aceptó la falta.",
    "niega": "En audiencia, la parte denunciada negó la falta y presentó sus pruebas.",
    "multa": "Se dictó sentencia imponiendo multa a la parte denunciada.",
    "absuelve": "Se dictó sentencia absolviendo a la parte denunciada.",
    "requiere_multa": "Se requirió el pago de la multa impuesta.",
    "multa_pagada": "Se tuvo por pagada la multa y se ordenó el archivo del expediente.",
    "rec_ejecutivo": "Se recibió la demanda ejecutiva por incumplimiento de convenio.",
    "mandamiento": "Se despachó mandamiento de ejecución y se ordenó requerir el pago.",
    "requerido": "Se requirió el pago a la parte ejecutada.",
    "embargo_bienes": "Se decretó embargo sobre bienes de la parte ejecutada.",
    "excepciones_ej": "La parte ejecutada interpuso excepciones; se declararon sin lugar.",
    "rec_post_mortem": "Se recibió la solicitud de prestación post mortem.",
    "tramite_pm": "Se dio trámite a la solicitud y se señaló audiencia para probar el parentesco.",
    "parentesco": "Se recibieron las certificaciones del RENAP que prueban el parentesco.",
    "pm_con_lugar": "Se declaró con lugar la solicitud y se ordenó el pago de la prestación.",
    "pm_pagado": "Se hizo efectivo el pago a los beneficiarios y se ordenó el archivo.",
}
#: what the database stores: a text's position in ACTS, from 1. Add texts at the end; to reorder
#: or remove one, bump the service's seed_version (a sandbox seeded before would show others).
ACT_CODES: dict[str, int] = {key: code for code, key in enumerate(ACTS, start=1)}
_TEXTS = ("", *ACTS.values())


def act_text(code: int) -> str:
    return _TEXTS[code]


# [A] Delays in calendar days, long as in a court with a backlog: an ordinary case takes two to
# four years to a firm ruling, a reinstatement months.
_APPEAL = Branch(0.4,
    Step(("apela",), S.APELACION, (5, 15)),
    Step(("vista",), S.APELACION, (120, 360), hearing=HearingKind.VISTA),
    Step(("confirma", "modifica"), S.SENTENCIA, (30, 180)),
)  # fmt: skip
_CONVENIO = Branch(0.22,
    Step(("convenio",), S.CONVENIO, (60, 240), hearing=HearingKind.CONCILIACION),
    Step(("convenio_pagado",), S.ARCHIVADO, (180, 720), p=0.9),
    ends=True,
)  # fmt: skip
_WITHDRAWN = Branch(0.05, Step(("desiste",), S.ARCHIVADO, (10, 180)), ends=True)
_DISMISSED = Branch(0.18,
    Step(("sin_lugar",), S.SENTENCIA, (60, 240)),
    _APPEAL,
    Step(("firme_archivo",), S.ARCHIVADO, (30, 90)),
    ends=True,
)  # fmt: skip


def _ordinary(received: str) -> tuple[Node, ...]:
    return (
        Step((received,), S.DEMANDA),
        Step(("previo",), S.DEMANDA, (3, 15), p=0.2),
        Step(("tramite",), S.CONCILIACION, (5, 30)),
        Step(("notificada",), S.CONCILIACION, (10, 40)),
        Step(("suspendida",), S.CONCILIACION, (60, 180), p=0.3, hearing=HearingKind.JUICIO_ORAL),
        _CONVENIO,
        _WITHDRAWN,
        Step(("sin_acuerdo",), S.CONTESTACION, (60, 240), hearing=HearingKind.CONCILIACION),
        Step(("contesta", "rebeldia", "previas"), S.CONTESTACION),
        Step(("excepciones",), S.CONTESTACION, (20, 90), p=0.4),
        Step(("abre_prueba",), S.PRUEBA, (10, 60)),
        Step(("testigos", "confesion", "documentos"), S.PRUEBA, (60, 240), hearing=_PROOF),
        Step(("testigos", "confesion", "peritaje"), S.PRUEBA, (60, 180), p=0.45, hearing=_PROOF),
        Step(("mejor_fallar",), S.PRUEBA, (20, 60), p=0.2),
        _DISMISSED,
        Step(("con_lugar", "parcial"), S.SENTENCIA, (60, 240)),
        _APPEAL,
        Step(("firme",), S.EJECUCION, (30, 90)),
        Step(("liquidacion",), S.EJECUCION, (30, 120)),
        Step(("embargo",), S.EJECUCION, (60, 240), p=0.35),
        Step(("pagado",), S.ARCHIVADO, (60, 540), p=0.75),
    )


_SCRIPTS: dict[LaborCaseKind, tuple[Node, ...]] = {
    LaborCaseKind.ORDINARIO: _ordinary("rec_ordinario"),
    LaborCaseKind.PRESTACIONES: _ordinary("rec_prestaciones"),
    LaborCaseKind.PREVISION_SOCIAL: _ordinary("rec_prevision"),
    LaborCaseKind.REINSTALACION: (
        Step(("rec_reinst",), S.DEMANDA),
        Step(("ordena_reinst",), S.EJECUCION, (0, 5)),
        Step(("comisiona",), S.EJECUCION, (5, 30)),
        Step(("reinstalado", "no_reinstala"), S.EJECUCION, (15, 60)),
        Step(("revocatoria",), S.EJECUCION, (20, 90), p=0.3),
        Branch(0.25,
            Step(("apela",), S.APELACION, (5, 15)),
            Step(("confirma",), S.EJECUCION, (90, 300)),
        ),
        Step(("certifica_mp",), S.EJECUCION, (30, 120), p=0.2),
        Step(("reinst_cumplida",), S.ARCHIVADO, (60, 365), p=0.8),
    ),
    LaborCaseKind.COLECTIVO: (
        Step(("rec_colectivo",), S.DEMANDA),
        Step(("prevenciones",), S.CONCILIACION, (0, 3)),
        Step(("tribunal",), S.CONCILIACION, (15, 60)),
        Branch(0.45,
            Step(("pacto",), S.CONVENIO, (30, 120), hearing=HearingKind.CONCILIACION),
            Step(("colectivo_fin",), S.ARCHIVADO, (90, 365)),
            ends=True,
        ),
        Step(("aud_tribunal",), S.PRUEBA, (30, 120), hearing=HearingKind.CONCILIACION),
        Step(("huelga_prueba",), S.PRUEBA, (30, 90), hearing=_PROOF),
        Step(("huelga_legal", "huelga_ilegal"), S.SENTENCIA, (15, 60)),
        _APPEAL,
        Step(("colectivo_fin",), S.ARCHIVADO, (90, 365), p=0.6),
    ),
    LaborCaseKind.FALTAS: (
        Step(("rec_faltas",), S.DEMANDA),
        Step(("cita_faltas",), S.PRUEBA, (15, 60)),
        Step(("acepta", "niega"), S.SENTENCIA, (30, 120), hearing=HearingKind.JUICIO_ORAL),
        Step(("multa", "absuelve"), S.SENTENCIA, (10, 45)),
        Step(("requiere_multa",), S.EJECUCION, (15, 60)),
        Step(("multa_pagada",), S.ARCHIVADO, (30, 180), p=0.85),
    ),
    LaborCaseKind.EJECUTIVO: (
        Step(("rec_ejecutivo",), S.DEMANDA),
        Step(("mandamiento",), S.EJECUCION, (5, 30)),
        Step(("requerido",), S.EJECUCION, (15, 60)),
        Step(("embargo_bienes",), S.EJECUCION, (20, 90), p=0.6),
        Step(("excepciones_ej",), S.EJECUCION, (30, 120), p=0.3),
        Step(("liquidacion",), S.EJECUCION, (60, 180)),
        Step(("pagado",), S.ARCHIVADO, (60, 365), p=0.8),
    ),
    LaborCaseKind.POST_MORTEM: (
        Step(("rec_post_mortem",), S.DEMANDA),
        Step(("tramite_pm",), S.PRUEBA, (10, 30)),
        Step(("parentesco",), S.SENTENCIA, (30, 120), hearing=_PROOF),
        Step(("pm_con_lugar",), S.SENTENCIA, (15, 60)),
        Step(("pm_pagado",), S.ARCHIVADO, (30, 180)),
    ),
}  # fmt: skip


#: a compiled script entry: a step (p, first day, days span, act codes, draws, step); a branch
#: (p, entries inside it to skip when not taken, 0, (), 0, None); or where a case that took an
#: ending branch stops (0, -1, 0, (), 0, None). One flat loop over them walks a case fast.
Entry = tuple[float, int, int, tuple[int, ...], int, Step | None]
_STOP: Entry = (0.0, -1, 0, (), 0, None)


def compile_script(nodes: tuple[Node, ...]) -> tuple[Entry, ...]:
    entries: list[Entry] = []
    for node in nodes:
        if isinstance(node, Branch):
            inner = compile_script(node.steps) + ((_STOP,) if node.ends else ())
            entries.append((node.p, len(inner), 0, (), 0, None))
            entries.extend(inner)
        else:
            low, high = node.days
            codes = tuple(ACT_CODES[act] for act in node.acts)
            draws = len(codes) + 1 if len(codes) > 1 else 0  # the first twice as often as others
            entries.append((node.p, low, high - low + 1 if high else 0, codes, draws, node))
    return tuple(entries)


SCRIPTS: dict[LaborCaseKind, tuple[Entry, ...]] = {
    kind: compile_script(nodes) for kind, nodes in _SCRIPTS.items()
}


def walk(
    script: tuple[Entry, ...], rng: random.Random, start: int, anchor: int
) -> tuple[list[tuple[int, int]], LaborStage, Step | None]:
    """Run ``script`` from ``start`` (a date ordinal) up to ``anchor``: the events (day, act
    code) oldest first, the stage they leave the case in, and the step it waits for (None when
    its script is done). Weekends move to Monday; what would come after the anchor has not
    happened yet."""
    draw = rng.random
    events: list[tuple[int, int]] = []
    stage = LaborStage.DEMANDA
    day = start
    entries = iter(script)
    for p, low, span, acts, draws, step in entries:
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
            return events, stage, step
        events.append((day, acts[max(int(draw() * draws) - 1, 0)] if draws else acts[0]))
        stage = step.stage
    return events, stage, None
