"""Every term of Normativas y Resoluciones a visitor reads: the kinds of document and their states,
each with a sentence in plain words, and how a search is said back to the visitor."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.flows.model import Answers
from kiosk.flows.text import _
from kiosk.portal.models.legal_texts import LegalKind, LegalState
from kiosk.text import Text

SERVICE_ID = "normativas"
SERVICE_TITLE = _("Normativas y Resoluciones Judiciales")
#: the choice that searches every kind
ALL_KINDS = "todos"


@dataclass(frozen=True)
class KindWords:
    name: str  # one document of the kind
    plural: str  # the choice's words
    explain: str


KINDS: dict[LegalKind, KindWords] = {
    LegalKind.LEY: KindWords(
        _("Ley"),
        _("Leyes"),
        _("La aprueba el Congreso de la República y todos deben cumplirla."),
    ),
    LegalKind.ACUERDO: KindWords(
        _("Acuerdo de la Corte Suprema de Justicia"),
        _("Acuerdos de la Corte"),
        _("Lo dicta la Corte Suprema de Justicia para organizar los tribunales y sus servicios."),
    ),
    LegalKind.CIRCULAR: KindWords(
        _("Circular"),
        _("Circulares"),
        _("Instrucción de la Presidencia o de la Gerencia General del Organismo Judicial."),
    ),
    LegalKind.RESOLUCION: KindWords(
        _("Resolución judicial"),
        _("Resoluciones judiciales"),
        _("Lo que decidió un tribunal en un caso, publicado para que se conozca su criterio."),
    ),
}

#: a state's name and what it means; ``{by}`` is what reformed or repealed it
STATES: dict[LegalState, tuple[str, str]] = {
    LegalState.VIGENTE: (_("Vigente"), _("Está en vigor: se aplica hoy.")),
    LegalState.REFORMADA: (
        _("Vigente, con reformas"),
        _("Está en vigor, pero el {by} cambió algunos de sus artículos."),
    ),
    LegalState.DEROGADA: (
        _("Derogada"),
        _("Ya no está en vigor: la dejó sin efecto el {by}."),
    ),
}


def kind_words(value: object) -> KindWords | None:
    """The kind chosen (None: every kind)."""
    try:
        return KINDS[LegalKind(str(value))]
    except ValueError:
        return None


def years_said(answers: Answers) -> Text:
    start, end = answers.get("year_from"), answers.get("year_to")
    if start is None and end is None:
        return Text("de todos los años")
    if start == end:
        return Text("de {year}", year=str(start))
    if end is None:
        return Text("desde {year}", year=str(start))
    if start is None:
        return Text("hasta {year}", year=str(end))
    return Text("de {first} a {last}", first=str(start), last=str(end))


def searched(answers: Answers) -> Text:
    """What was searched, said back above the results and printed on the paper."""
    kind = kind_words(answers.get("kind"))
    kinds = Text(kind.plural) if kind else Text("Todos los tipos")
    words = answers.get("words")
    if words:
        return Text(
            "Buscó «{words}» · {kinds} · {years}",
            words=str(words),
            kinds=kinds,
            years=years_said(answers),
        )
    return Text("Sin palabras · {kinds} · {years}", kinds=kinds, years=years_said(answers))
