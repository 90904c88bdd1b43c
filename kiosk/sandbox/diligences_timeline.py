"""How a diligence moves at the commissioned court, and the court's words for each step.

A diligence is kept as its milestones (received, admitted, a clarification asked and answered, the
day set, a suspension, done or not, returned: a column each) and its actuaciones are written from
them when served, instead of a row of text for each. ``walk`` draws the milestones up to the
anchor; ``actuaciones`` turns a stored row back into dated sentences, newest first. Kept apart from
``diligences_data.py`` (who and where) and ``services/diligences.py`` (every module there is a
service). Everything here is [A]: the OJ publishes no such data; the texts imitate court records.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from typing import NamedTuple

from kiosk import formats
from kiosk.portal.models.diligences import DiligenceKind, DiligenceState, DiligenceTask
from kiosk.sandbox.diligences_data import SCHEDULED_TASKS

_T = DiligenceTask
_K = DiligenceKind
_S = DiligenceState

#: the kind with its article, as a sentence names it, and whether it is feminine
KIND_NOUNS: dict[DiligenceKind, tuple[str, bool]] = {
    _K.EXHORTO: ("el exhorto", False),
    _K.DESPACHO: ("el despacho", False),
    _K.SUPLICATORIO: ("el suplicatorio", False),
    _K.COMISION_ROGATORIA: ("la comisión rogatoria", True),
}
ADMITTED: dict[DiligenceTask, str] = {
    _T.NOTIFICACION: "Se ordenó practicar la notificación por medio del notificador del juzgado.",
    _T.CITACION: "Se ordenó citar a la persona indicada por medio del notificador del juzgado.",
    _T.EMBARGO: "Se dio trámite a la diligencia de embargo y se comisionó al ejecutor.",
    _T.REQUERIMIENTO_PAGO: "Se dio trámite y se comisionó al ejecutor para requerir el pago.",
    _T.LANZAMIENTO: (
        "Se dio trámite a la diligencia de lanzamiento y se pidió el apoyo de la Policía "
        "Nacional Civil."
    ),
    _T.DECLARACION: "Se dio trámite y se ordenó citar a la persona que debe declarar.",
    _T.RECONOCIMIENTO: "Se dio trámite a la diligencia de reconocimiento judicial.",
    _T.REINSTALACION: "Se dio trámite y se comisionó al ejecutor para hacer la reinstalación.",
}
DONE: dict[DiligenceTask, str] = {
    _T.NOTIFICACION: "El notificador practicó la notificación a la persona indicada.",
    _T.CITACION: "El notificador entregó la citación a la persona indicada.",
    _T.EMBARGO: "Se practicó el embargo y se nombró depositario de los bienes.",
    _T.REQUERIMIENTO_PAGO: "Se hizo el requerimiento de pago a la parte deudora.",
    _T.LANZAMIENTO: "Se practicó el lanzamiento y se dio posesión del inmueble a la parte actora.",
    _T.DECLARACION: "Se recibió la declaración de la persona citada.",
    _T.RECONOCIMIENTO: "Se practicó el reconocimiento judicial y se levantó el acta.",
    _T.REINSTALACION: "El ejecutor hizo constar que se reinstaló al trabajador en su puesto.",
}
#: why it could not be done, by code (0: it was done)
NOT_DONE: dict[int, str] = {
    1: "No se localizó a la persona en la dirección indicada; no se practicó la diligencia.",
    2: "La dirección indicada no existe; no se practicó la diligencia.",
    3: "No se encontraron bienes que embargar; se hizo constar en el acta.",
    4: "La persona citada no se presentó el día señalado; no se recibió su declaración.",
    5: "La parte empleadora se negó a reinstalar al trabajador; se hizo constar en el acta.",
    6: "Se suspendió la diligencia por orden del juzgado de origen.",
}
#: each task: the chance it cannot be done and the reasons then (the first twice as often)
_FAILURES: dict[DiligenceTask, tuple[float, tuple[int, ...]]] = {
    _T.NOTIFICACION: (0.18, (1, 2)),
    _T.CITACION: (0.18, (1, 2)),
    _T.EMBARGO: (0.15, (3, 1)),
    _T.REQUERIMIENTO_PAGO: (0.10, (1,)),
    _T.LANZAMIENTO: (0.12, (6,)),
    _T.DECLARACION: (0.15, (4,)),
    _T.RECONOCIMIENTO: (0.05, (6,)),
    _T.REINSTALACION: (0.30, (5,)),
}
RECEIVED = "Se recibió {kind} y se registró en el libro de diligencias del juzgado."
CLARIFY = "Se pidió al juzgado de origen que aclare la dirección indicada."
CLARIFIED = "El juzgado de origen aclaró la dirección; se continuó el trámite."
SCHEDULED = "Se señaló el {day} a las {time} para practicar la diligencia."
SUSPENDED = "Se suspendió la diligencia señalada para este día; nueva fecha: el {day}."
RETURNED_DONE = "Se devolvió {kind} {done} al juzgado de origen."
RETURNED_NOT_DONE = (
    "Se devolvió {kind} sin diligenciar al juzgado de origen, con el informe de lo ocurrido."
)
ROGATORY_RETURN = " por medio del Ministerio de Relaciones Exteriores"

SLOTS = ("08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "14:00", "14:30")


class Milestones(NamedTuple):
    """Date ordinals (None: not happened by the anchor); ``slot`` the hour set ("" none). A
    tuple: a seed makes fifty thousand of them."""

    received: int | None
    admitted: int | None
    asked: int | None  # the court asked the requesting court to clarify the address
    clarified: int | None
    suspended: int | None  # the first day set, when it was moved
    scheduled: int | None  # the day set (the second one after a suspension)
    slot: str
    done: int | None
    outcome: int  # 0 done; a NOT_DONE code
    returned: int | None
    state: DiligenceState

    @property
    def last(self) -> int | None:
        """The day of the latest thing that happened (the record's last change)."""
        for day in (self.returned, self.done, self.suspended, self.clarified, self.asked):
            if day is not None:
                return day
        return self.admitted or self.received


#: what moves a day (an ordinal) off a weekend to Monday, by ``day % 7`` (ordinal 1 is a Monday)
_TO_WEEKDAY = (1, 0, 0, 0, 0, 0, 2)


def walk(rng: random.Random, task: DiligenceTask, sent: int, anchor: int) -> Milestones:
    """Draw what happened to a diligence sent on ``sent`` up to ``anchor`` (date ordinals).
    Inline arithmetic, no helper calls: a seed walks fifty thousand."""
    draw, shift = rng.random, _TO_WEEKDAY
    received = sent + 2 + int(draw() * 19)
    received += shift[received % 7]
    admitted = received + 1 + int(draw() * 8)
    admitted += shift[admitted % 7]
    asked = clarified = suspended = scheduled = None
    slot = ""
    base = admitted
    if draw() < 0.12 and task is not _T.REINSTALACION:  # the address must be clarified
        asked = admitted + 3 + int(draw() * 13)
        asked += shift[asked % 7]
        clarified = asked + 15 + int(draw() * 46)
        base = clarified = clarified + shift[clarified % 7]
    if task in SCHEDULED_TASKS:
        slot = SLOTS[int(draw() * len(SLOTS))]
        scheduled = base + 10 + int(draw() * 41)
        scheduled += shift[scheduled % 7]
        if draw() < 0.10:  # the day set is moved once
            suspended = scheduled
            scheduled += 15 + int(draw() * 31)
            scheduled += shift[scheduled % 7]
        done = scheduled
    else:
        done = base + 3 + int(draw() * 28)
        done += shift[done % 7]
    chance, reasons = _FAILURES[task]
    outcome = 0
    if draw() < chance:
        pick = int(draw() * (len(reasons) + 1)) - 1  # the first reason twice as often
        outcome = reasons[max(pick, 0)]
    returned = done + 5 + int(draw() * 36)
    returned += shift[returned % 7]
    return _until(
        anchor, received, admitted, asked, clarified, suspended, scheduled, slot, done, outcome,
        returned,
    )  # fmt: skip


def _until(
    anchor: int,
    received: int,
    admitted: int,
    asked: int | None,
    clarified: int | None,
    suspended: int | None,
    scheduled: int | None,
    slot: str,
    done: int,
    outcome: int,
    returned: int,
) -> Milestones:
    """What has happened by ``anchor``, and the state that leaves (one object made: a seed
    builds fifty thousand)."""
    state = _S.DEVUELTA
    if received > anchor:
        return Milestones(None, None, None, None, None, None, "", None, 0, None, _S.ENVIADA)
    if admitted > anchor:
        return Milestones(received, None, None, None, None, None, "", None, 0, None, _S.RECIBIDA)
    if asked is not None and clarified is not None and clarified > anchor:
        # not asked yet, or the requesting court has not answered: nothing is set yet
        return Milestones(
            received, admitted, asked if asked <= anchor else None, None, None, None, "", None, 0,
            None, _S.EN_TRAMITE,
        )  # fmt: skip
    if suspended is not None and suspended > anchor:  # not moved yet: the first day stands
        scheduled, suspended = suspended, None
    if done > anchor:
        return Milestones(
            received, admitted, asked, clarified, suspended, scheduled, slot, None, 0, None,
            _S.EN_TRAMITE,
        )  # fmt: skip
    if returned > anchor:
        state = _S.NO_DILIGENCIADA if outcome else _S.DILIGENCIADA
        return Milestones(
            received, admitted, asked, clarified, suspended, scheduled, slot, done, outcome, None,
            state,
        )  # fmt: skip
    return Milestones(
        received, admitted, asked, clarified, suspended, scheduled, slot, done, outcome, returned,
        state,
    )  # fmt: skip


def actuaciones(
    kind: DiligenceKind,
    task: DiligenceTask,
    days: Milestones,
) -> list[tuple[date, str]]:
    """What the commissioned court did, in its words, newest first."""
    noun, feminine = KIND_NOUNS[kind]
    events: list[tuple[int, int, str]] = []  # (day, order within the day, text)

    def add(day: int | None, order: int, text: str) -> None:
        if day is not None:
            events.append((day, order, text))

    add(days.received, 0, RECEIVED.format(kind=noun))
    add(days.admitted, 1, ADMITTED[task])
    add(days.asked, 2, CLARIFY)
    add(days.clarified, 3, CLARIFIED)
    set_on = days.clarified or days.admitted
    first = days.suspended or days.scheduled
    if first is not None and days.slot:
        add(set_on, 4, SCHEDULED.format(day=_day(first), time=days.slot))
    if days.suspended is not None and days.scheduled is not None:
        add(days.suspended, 5, SUSPENDED.format(day=_day(days.scheduled)))
    if days.done is not None:
        add(days.done, 6, NOT_DONE[days.outcome] if days.outcome else DONE[task])
    if days.returned is not None:
        if days.outcome:
            text = RETURNED_NOT_DONE.format(kind=noun)
        else:
            text = RETURNED_DONE.format(
                kind=noun, done="diligenciada" if feminine else "diligenciado"
            )
        if kind is _K.COMISION_ROGATORIA:
            text = text.removesuffix(".") + ROGATORY_RETURN + "."
        add(days.returned, 7, text)
    events.sort(reverse=True)
    return [(date.fromordinal(day), text) for day, _order, text in events]


def scheduled_at(days: Milestones) -> datetime | None:
    """The day and hour set to carry it out, in Guatemala's time."""
    if days.scheduled is None or not days.slot:
        return None
    hour, minute = (int(part) for part in days.slot.split(":"))
    day = date.fromordinal(days.scheduled)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=formats.GUATEMALA)


def _day(ordinal: int) -> str:
    return formats.day(date.fromordinal(ordinal))
