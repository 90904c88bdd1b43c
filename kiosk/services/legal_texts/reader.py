"""What is read: a document's facts (kind, number, who issued it, dates, state, each explained),
what it is about, how to print it, and its text in large type, one section per article (or
considerando, point, numbered paragraph), each of which can be picked for «Imprimir lo elegido».

The text itself is data: the OJ's Spanish, shown as it is in either language.
"""

from __future__ import annotations

from kiosk import formats
from kiosk.flows.model import Answers
from kiosk.flows.records import Detail, DetailRow, DetailSection
from kiosk.flows.text import _
from kiosk.portal.models.legal_texts import LegalText, LegalTextPart, LegalUnit, UnitKind
from kiosk.services.legal_texts.portal import (
    PRINT_LIMIT,
    WholeDocument,
    estimated_pages,
    opened,
    span,
)
from kiosk.services.legal_texts.words import KINDS, STATES
from kiosk.text import Text


def unit_title(unit: LegalUnit) -> str:
    return f"{unit.label}. {unit.heading}" if unit.heading else unit.label


def facts(text: LegalText) -> list[DetailRow]:
    kind = KINDS[text.kind]
    rows = [
        DetailRow("kind", _("Tipo"), Text(kind.name), Text(kind.explain)),
        DetailRow("number", _("Número"), text.number),
        DetailRow("issuer", _("Emitido por"), text.issuer),
        DetailRow("issued_on", _("Fecha"), formats.day(text.issued_on)),
    ]
    if text.published_on is not None:
        published = formats.day(text.published_on)
        rows.append(
            DetailRow("published_on", _("Publicado en el Diario de Centro América"), published)
        )
    if text.in_force_on is not None:
        rows.append(DetailRow("in_force_on", _("Vigente desde"), formats.day(text.in_force_on)))
    if text.state is not None:
        name, explain = STATES[text.state]
        rows.append(
            DetailRow("state", _("Estado"), Text(name), Text(explain, by=text.state_by or ""))
        )
    if text.addressed_to:
        rows.append(DetailRow("addressed_to", _("Dirigida a"), text.addressed_to))
    return rows


def _printing(text: LegalText, part: LegalTextPart | WholeDocument) -> DetailSection:
    """How to print what is read, and when it is too long to print, what to do instead."""
    if isinstance(part, WholeDocument):
        count = estimated_pages(sum(p.characters for p in text.parts))
        if count > PRINT_LIMIT:
            note = Text(
                "El documento completo ocupa unas {pages} páginas, y este quiosco imprime hasta "
                "{limit}. Toque «Atrás», elija una parte y imprímala, o consulte el texto "
                "completo en la Biblioteca del Organismo Judicial o en el portal del OJ.",
                pages=str(count),
                limit=str(PRINT_LIMIT),
            )
        else:
            note = Text("«Imprimir» da el documento completo: {pages}.", pages=_pages(count))
        return DetailSection("printing", Text("Imprimir"), note=note)
    summary = next((p for p in text.parts if p.id == part.id), None)
    pages = _pages(estimated_pages(summary.characters if summary is not None else 0))
    what = (
        Text("«Imprimir todo» da esta parte ({pages}).", pages=pages)
        if part.parts > 1
        else Text("«Imprimir todo» da el documento completo ({pages}).", pages=pages)
    )
    articles = all(unit.kind is UnitKind.ARTICULO for unit in part.units)
    how = Text(
        "{what} Para imprimir solo algunos artículos, toque «Elegir para imprimir» en cada uno y "
        "luego «Imprimir lo elegido».",
        what=what,
    ) if articles else Text(
        "{what} Para imprimir solo algunas partes del texto, toque «Elegir para imprimir» en "
        "cada una y luego «Imprimir lo elegido».",
        what=what,
    )  # fmt: skip
    return DetailSection("printing", Text("Imprimir"), note=how)


def _pages(count: int) -> Text:
    return Text("una página") if count == 1 else Text("unas {n} páginas", n=str(count))


def _contents(text: LegalText) -> DetailSection:
    """A long document's parts, as its table of contents (read one: «Atrás»)."""
    rows = tuple(
        DetailRow(
            f"contents.{index}",
            part.heading,
            Text(
                "{title} ({span})", title=part.title, span=span(part.first_label, part.last_label)
            ),
        )
        for index, part in enumerate(text.parts)
    )
    return DetailSection("contents", Text("Sus partes"), rows=rows)


def record(answers: Answers, results: dict[str, object]) -> Detail:
    text, part = opened(results)
    rows = facts(text)
    heading = Text("{number}: {title}", number=text.number, title=text.title)
    if isinstance(part, WholeDocument):
        rows.append(
            DetailRow(
                "part",
                _("Parte que lee"),
                Text("Todo el documento"),
                Text("Tiene {n} partes; toque «Atrás» para leer una.", n=str(len(text.parts))),
            )
        )
        sections = (
            DetailSection("about", Text("El documento"), rows=tuple(rows), note=text.note),
            DetailSection("summary", Text("De qué trata"), text=(text.summary,)),
            _printing(text, part),
            _contents(text),
        )
        return Detail(heading, sections)
    if part.parts > 1:
        rows.append(
            DetailRow(
                "part",
                _("Parte que lee"),
                f"{part.heading}: {part.title}",
                Text(
                    "Es la parte {n} de {m}; toque «Atrás» para elegir otra.",
                    n=str(part.position),
                    m=str(part.parts),
                ),
            )
        )
    match = text.match
    if match is not None and match.part == part.id:
        rows.append(
            DetailRow(
                "match",
                _("Lo que buscó"),
                match.label,
                Text("Las palabras que buscó están en el {label}, más abajo.", label=match.label),
            )
        )
    return Detail(
        heading,
        (
            DetailSection("about", Text("El documento"), rows=tuple(rows), note=text.note),
            DetailSection("summary", Text("De qué trata"), text=(text.summary,)),
            _printing(text, part),
            *(
                DetailSection(unit.id, unit_title(unit), text=tuple(unit.paragraphs), pickable=True)
                for unit in part.units
            ),
        ),
    )
