"""What the Casillero Electrónico seeder draws from: the courts that notify electronically, the
kinds of proceedings, and the court's words for each resolution (with the copies it may carry).

Kept apart from ``services/mailbox.py`` (every module there is a service). Texts are stored as
codes of ``TEMPLATES`` (a byte instead of a sentence on tens of thousands of rows) and written
out when served, with the parties' initials and a hearing's day. [F] where marked, [A] the rest:
the OJ publishes no such data; the texts imitate the wording of court resolutions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from kiosk.courts import Court, CourtKind, Matter, courts_in
from kiosk.portal.models.mailbox import ResolutionKind
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, Weighted

#: [F] electronic notification covers every branch but the criminal courts
MATTERS = (Matter.CIVIL, Matter.FAMILIA, Matter.TRABAJO)


@dataclass(frozen=True, slots=True)
class NotifyingCourt:
    court: Court
    matters: tuple[Matter, ...]  # the non-criminal matters it hears
    appeal: bool  # a Sala: it notifies appeals


def _notifying(court: Court) -> NotifyingCourt | None:
    matters = tuple(m for m in court.matters if m in MATTERS)
    if not matters or court.kind in (CourtKind.SENTENCIA, CourtKind.CSJ):
        return None
    return NotifyingCourt(court, matters, court.kind is CourtKind.SALA)


def _weight(found: NotifyingCourt) -> float:
    # [A] lawyers' boxes hear most from first instance, less from the Salas and the Paz courts
    kind = found.court.kind
    if kind is CourtKind.PRIMERA_INSTANCIA:
        return 6.0
    return 2.0 if kind is CourtKind.SALA else 0.5


def _courts_by_department() -> dict[int, Weighted[NotifyingCourt]]:
    pools: dict[int, Weighted[NotifyingCourt]] = {}
    for code in DEPARTMENT_WEIGHTS:
        found = [n for c in courts_in(code) if (n := _notifying(c)) is not None]
        pools[code] = Weighted(found, [_weight(n) for n in found])
    return pools


#: the courts of each department that notify electronically, weighted by how much they notify
COURTS = _courts_by_department()

# --- proceedings --------------------------------------------------------------------------------

#: what the notification names, by its position (stored as a code)
PROCEEDINGS: tuple[str, ...] = (
    "Juicio ordinario civil",
    "Juicio sumario",
    "Juicio ejecutivo",
    "Ejecución en la vía de apremio",
    "Juicio oral de fijación de pensión alimenticia",
    "Juicio ordinario de divorcio",
    "Juicio oral de aumento de pensión alimenticia",
    "Juicio ordinario laboral",
    "Diligencias de reinstalación",
    "Juicio ordinario de prestaciones laborales",
    "Juicio oral de ínfima cuantía",
    "Juicio oral de alimentos",
    "Juicio ordinario laboral de menor cuantía",
    "Recurso de apelación",
)
_P = {name: code for code, name in enumerate(PROCEEDINGS)}
#: (matter, a Juzgado de Paz) -> the proceedings' codes
BY_MATTER: dict[tuple[Matter, bool], tuple[int, ...]] = {
    (Matter.CIVIL, False): tuple(_P[p] for p in PROCEEDINGS[0:4]),
    (Matter.FAMILIA, False): tuple(_P[p] for p in PROCEEDINGS[4:7]),
    (Matter.TRABAJO, False): tuple(_P[p] for p in PROCEEDINGS[7:10]),
    (Matter.CIVIL, True): (_P["Juicio oral de ínfima cuantía"],),
    (Matter.FAMILIA, True): (_P["Juicio oral de alimentos"],),
    (Matter.TRABAJO, True): (_P["Juicio ordinario laboral de menor cuantía"],),
}
APPEAL = _P["Recurso de apelación"]

# --- what the court says -------------------------------------------------------------------------


class Copies(IntEnum):
    """What a notification may carry, stored by number (0: nothing)."""

    NONE = 0
    DEMAND = 1  # art. 10: at the court
    MEMORIAL = 2  # art. 10: at the court
    RULING = 3  # an electronic copy, at the portal
    ORDER = 4  # an electronic copy of an official letter, at the portal


#: (what it is, collected at the court)
ATTACHMENTS: dict[Copies, tuple[str, bool]] = {
    Copies.DEMAND: ("Copia de la demanda y de los documentos acompañados", True),
    Copies.MEMORIAL: ("Copia del memorial presentado y de sus documentos", True),
    Copies.RULING: ("Copia electrónica de la resolución, disponible en el portal", False),
    Copies.ORDER: ("Copia electrónica del oficio librado, disponible en el portal", False),
}
#: (fewest, most) pages of each
PAGES: dict[Copies, tuple[int, int]] = {
    Copies.DEMAND: (6, 48),
    Copies.MEMORIAL: (2, 18),
    Copies.RULING: (3, 24),
    Copies.ORDER: (1, 3),
}


@dataclass(frozen=True, slots=True)
class Template:
    key: str
    kind: ResolutionKind
    text: str  # {actor}, {defendant}: initials; {day}: a hearing's day and hour
    copies: Copies = Copies.NONE
    hearing: bool = False  # it sets a hearing: {day} is filled


_D, _A, _S = ResolutionKind.DECRETO, ResolutionKind.AUTO, ResolutionKind.SENTENCIA
TEMPLATES: tuple[Template, ...] = (
    Template("tramite", _D,
             "Se admite para su trámite la demanda promovida por {actor} contra {defendant}, y se "
             "emplaza a la parte demandada para que se pronuncie dentro del plazo de ley, bajo "
             "apercibimiento de continuar el juicio en su rebeldía.", Copies.DEMAND),
    Template("memorial", _D,
             "Se tiene por recibido el memorial presentado por {actor}; agréguese a sus "
             "antecedentes y téngase presente para resolver en su oportunidad."),
    Template("traslado", _D,
             "Del memorial presentado por {defendant} se da audiencia a la otra parte por el "
             "plazo de dos días.", Copies.MEMORIAL),
    Template("audiencia", _D,
             "Se señala audiencia para el {day}. Se cita a las partes para que comparezcan con "
             "sus medios de prueba, bajo apercibimiento de continuar el trámite en su rebeldía.",
             hearing=True),
    Template("prueba", _D,
             "Se abre a prueba el proceso por el plazo de ley. Las partes deben ofrecer e "
             "individualizar sus medios de prueba dentro de ese plazo."),
    Template("previo", _D,
             "Previo a resolver, la parte actora debe cumplir con los requisitos omitidos en su "
             "escrito dentro del plazo de tres días."),
    Template("excepciones", _A,
             "Se resuelven las excepciones previas interpuestas por {defendant}: se declaran sin "
             "lugar y se ordena continuar el trámite del proceso."),
    Template("medida", _A,
             "Se decreta la medida precautoria solicitada por {actor}; líbrense los oficios que "
             "correspondan.", Copies.ORDER),
    Template("embargo", _A,
             "Se decreta embargo sobre bienes de {defendant} hasta cubrir el monto reclamado y "
             "se nombra depositario.", Copies.ORDER),
    Template("convenio", _A,
             "Se aprueba el convenio celebrado entre {actor} y {defendant} y se ordena su "
             "cumplimiento en los términos pactados."),
    Template("con_lugar", _S,
             "Se dicta sentencia que declara con lugar la demanda promovida por {actor} contra "
             "{defendant}; contra esta resolución procede el recurso de apelación dentro del "
             "plazo de ley.", Copies.RULING),
    Template("sin_lugar", _S,
             "Se dicta sentencia que declara sin lugar la demanda promovida por {actor} contra "
             "{defendant}; contra esta resolución procede el recurso de apelación dentro del "
             "plazo de ley.", Copies.RULING),
    Template("admite_apelacion", _D,
             "Se admite el recurso de apelación interpuesto por {defendant} y se señala día para "
             "la vista."),
    Template("vista", _D,
             "Se señala la vista del recurso para el {day}; las partes pueden presentar sus "
             "alegatos por escrito o de palabra.", hearing=True),
    Template("sentencia_sala", _S,
             "La Sala dicta sentencia y confirma la resolución apelada; se ordena devolver los "
             "antecedentes al juzgado de origen.", Copies.RULING),
)  # fmt: skip
#: what the database stores: a template's position, from 1. Add templates at the end; to reorder
#: or remove one, bump the service's seed_version (a sandbox seeded before would show others).
CODES: dict[str, int] = {t.key: code for code, t in enumerate(TEMPLATES, start=1)}


def template(code: int) -> Template:
    return TEMPLATES[code - 1]


def codes(*keys: str) -> tuple[int, ...]:
    return tuple(CODES[key] for key in keys)


#: first instance: how a case opens, what comes in between, and how it may end
OPENING = codes("tramite")
MIDDLE = codes(
    "memorial", "memorial", "traslado", "audiencia", "audiencia", "prueba", "previo",
    "excepciones", "medida", "embargo", "convenio",
)  # fmt: skip
ENDING = codes("con_lugar", "sin_lugar")
#: a Sala: the appeal admitted, its vista, its ruling
APPEAL_STEPS = codes("admite_apelacion", "vista", "sentencia_sala")
