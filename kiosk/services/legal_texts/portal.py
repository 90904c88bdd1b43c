"""The portal calls of Normativas y Resoluciones: the search (a page of documents, each with the
excerpt of its best matching article, the article named), the document's outline (its parts: a
list to choose from when it is long; the part with the searched words first), and a part's text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kiosk import formats
from kiosk.flows.lookup import CURSOR, SELECTED
from kiosk.flows.model import Answers
from kiosk.flows.records import Excerpt, ResultRow, ResultsPage
from kiosk.flows.text import _
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models.common import ExcerptPart
from kiosk.portal.models.legal_texts import (
    LEGAL_TEXT,
    LEGAL_TEXT_PART,
    SEARCH_LEGAL_TEXTS,
    LegalText,
    LegalTextPart,
    LegalTextSummary,
)
from kiosk.services.base import ActionContext, AnswerRejected
from kiosk.services.legal_texts.words import KINDS, STATES, kind_words, searched
from kiosk.text import Shown, Text

PAGE_SIZE = 10
#: the action step ids (and action names), and the answer a chosen part gives
SEARCH, OPEN, READ = "search", "open", "read"
PART = "part"
#: the row of a long document's parts that stands for all of them (to print it whole)
WHOLE = "completo"
#: the most a kiosk prints of one text (kiosk.documents.legal_text.MAX_PAGES, said without
#: loading reportlab to show a screen)
PRINT_LIMIT = 30
#: characters of text on a printed page, about (measured on the sandbox's laws): an estimate
#: shown before anything is printed; the paper counts its pages exactly
CHARACTERS_PER_PAGE = 2350

#: the portal's refusals of a search, on the question that fixes them, in the kiosk's words
_REFUSALS: dict[str, tuple[str, str]] = {
    "words_empty": (
        "words",
        _(
            "Escriba al menos una palabra que diga qué busca: «de», «la» o «por» solas no "
            "sirven para buscar."
        ),
    ),
    "search_empty": (
        "words",
        _("Escriba palabras que buscar, o toque «Atrás» y elija un tipo de documento o unos años."),
    ),
    "years_invalid": ("year_to", _("«Hasta el año» es anterior a «Desde el año»: revíselos.")),
}


def estimated_pages(characters: int) -> int:
    return max(1, -(-characters // CHARACTERS_PER_PAGE))


@dataclass(frozen=True)
class WholeDocument:
    """«Todo el documento» chosen: read as its table of contents; its text is fetched, part by
    part, only to print it (a long law's whole text would be a screen too long to draw)."""

    text_id: str


@dataclass(frozen=True)
class Outline(ResultsPage):
    """What opening a document brings: its parts as rows to choose from (one part: opened at
    once) and the document's facts."""

    text: LegalText | None = None


def search_query(answers: Answers) -> dict[str, str | int | None]:
    kind = kind_words(answers.get("kind"))
    return {
        "words": str(answers["words"]) if answers.get("words") else None,
        "kind": str(answers["kind"]) if kind else None,
        "year_from": _int(answers.get("year_from")),
        "year_to": _int(answers.get("year_to")),
    }


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def excerpt(parts: list[ExcerptPart], label: str | None = None) -> Excerpt:
    """The portal's excerpt, after the name of the article it is from («Artículo 57: …»)."""
    named = ((f"{label}: ", False),) if label else ()
    return (*named, *((part.text, part.marked) for part in parts))


def span(first: str, last: str) -> Shown:
    """«Artículos 68 a 79» (the OJ's own words: data), or «Considerando I a Punto II»."""
    if first == last:
        return first
    if first.startswith("Artículo ") and last.startswith("Artículo "):
        return f"Artículos {first.removeprefix('Artículo ')} a {last.removeprefix('Artículo ')}"
    return Text("{first} a {last}", first=first, last=last)


def _row(item: LegalTextSummary) -> ResultRow:
    kind = Text("{kind} · {number}", kind=Text(KINDS[item.kind].name), number=item.number)
    day = formats.day(item.issued_on)
    when: Text | str = day
    if item.state is not None:
        when = Text("{day} · {state}", day=day, state=Text(STATES[item.state][0]))
    return ResultRow(item.id, item.title, (kind, when), excerpt(item.excerpt, item.excerpt_label))


async def search(context: ActionContext, answers: Answers, key: str) -> object:
    cursor = answers.get(CURSOR)
    query = {**search_query(answers), "limit": PAGE_SIZE, "cursor": str(cursor) if cursor else None}
    try:
        page = await context.client.call(SEARCH_LEGAL_TEXTS, query=query)
    except PortalRejected as error:
        if error.code not in _REFUSALS:
            raise
        field, detail = _REFUSALS[error.code]
        raise AnswerRejected.of(error, field, Text(detail)) from None
    rows = tuple(_row(item) for item in page.items)
    return ResultsPage(rows, page.total, page.next_cursor, searched(answers))


async def open_text(context: ActionContext, answers: Answers, key: str) -> object:
    words = answers.get("words")
    text = await context.client.call(
        LEGAL_TEXT,
        path={"text_id": str(answers[SELECTED])},
        query={"words": str(words) if words else None},
    )
    match = text.match
    rows = []
    for part in text.parts:
        facts: tuple[Shown, ...] = (span(part.first_label, part.last_label),)
        found: Excerpt = ()
        if match is not None and match.part == part.id:
            facts += (Text("Aquí está lo que buscó: {label}", label=match.label),)
            found = excerpt(match.excerpt, match.label)
        rows.append(ResultRow(part.id, f"{part.heading}: {part.title}", facts, found))
    if match is not None:  # the part with the searched words first: it is what was looked for
        matched = match.part
        rows.sort(key=lambda row: row.id != matched)
    if len(text.parts) > 1:  # last: the whole is printed (or asked for elsewhere), not read here
        pages = estimated_pages(sum(part.characters for part in text.parts))
        whole = Text(
            "{parts} partes: {span}",
            parts=str(len(text.parts)),
            span=span(text.parts[0].first_label, text.parts[-1].last_label),
        )
        printed = (
            Text("Una página impresa")
            if pages == 1
            else Text("Unas {pages} páginas impresas", pages=str(pages))
        )
        rows.append(ResultRow(WHOLE, Text("Todo el documento"), (whole, printed)))
    said = Text(
        "{number}: {title} · {parts} partes",
        number=text.number,
        title=text.title,
        parts=str(len(text.parts)),
    )
    # opened from a search: straight to the part that holds the words («Atrás» lists them all)
    chosen = match.part if match is not None else None
    return Outline(tuple(rows), len(rows), None, said, chosen, text=text)


async def read_part(context: ActionContext, answers: Answers, key: str) -> object:
    if answers[PART] == WHOLE:
        return WholeDocument(str(answers[SELECTED]))
    return await context.client.call(
        LEGAL_TEXT_PART, path={"text_id": str(answers[SELECTED]), "part_id": str(answers[PART])}
    )


def opened(results: Mapping[str, object]) -> tuple[LegalText, LegalTextPart | WholeDocument]:
    """The document and the part being read, or all of it (what the reader and the paper are
    made of)."""
    outline, part = results.get(OPEN), results.get(READ)
    if not isinstance(outline, Outline) or outline.text is None:
        raise TypeError("open returns an Outline")
    if not isinstance(part, LegalTextPart | WholeDocument):
        raise TypeError("read returns a LegalTextPart or the WholeDocument")
    return outline.text, part
