"""What is read, on paper (``kiosk.documents.legal_text``): the part being read, or only the
articles picked («Imprimir lo elegido»: the sources hold their ids under ``PICKED``), with the
document's facts, what was searched and the note the portal gives of its copy.

Past the page cap the paper is refused before a sheet is used, in the visitor's words (how many
pages it would take, the cap); the printout's advice then says what to do instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from kiosk import formats
from kiosk.flows.records import PICKED
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models.common import Problem
from kiosk.portal.models.legal_texts import LEGAL_TEXT_FULL, LegalText, LegalTextPart, LegalUnit
from kiosk.services.base import RenderContext, Rendered
from kiosk.services.legal_texts.portal import WholeDocument, opened
from kiosk.services.legal_texts.words import KINDS, STATES, searched
from kiosk.text import Text

DOCUMENT = "legal_text"
JOB_TITLE = "Normativa OJ"  # its CUPS title: never what was searched


class TooLongToPrint(PortalRejected):
    """What was asked to print takes more pages than a kiosk prints. [Not the portal's refusal:
    the kiosk's own, said through the one typed refusal the screens put in the visitor's
    words.]"""

    def __init__(self, pages: int, limit: int) -> None:
        text = Text(
            "Lo que quiere imprimir ocupa {pages} páginas, y este quiosco imprime hasta {limit}.",
            pages=str(pages),
            limit=str(limit),
        )
        problem = Problem(title=str(text), status=413, code="print_too_long", detail=str(text))
        super().__init__(problem, text)
        self.pages = pages


def picked_units(units: Sequence[LegalUnit], sources: Mapping[str, object]) -> list[LegalUnit]:
    """The units to print: those picked, in the text's order; none picked: all of them."""
    chosen = sources.get(PICKED) or ()
    wanted = {str(unit_id) for unit_id in chosen} if isinstance(chosen, tuple | list) else set()
    return [unit for unit in units if unit.id in wanted] or list(units)


def _facts(text: LegalText) -> tuple[tuple[str, str], ...]:
    rows = [("Emitido por", text.issuer), ("Fecha", formats.day(text.issued_on))]
    if text.published_on is not None:
        rows.append(("Publicado en el Diario de Centro América", formats.day(text.published_on)))
    if text.in_force_on is not None:
        rows.append(("Vigente desde", formats.day(text.in_force_on)))
    if text.state is not None:
        name, explain = STATES[text.state]
        rows.append(("Estado", f"{name}. {Text(explain, by=text.state_by or '')!s}"))
    if text.addressed_to:
        rows.append(("Dirigida a", text.addressed_to))
    return tuple(rows)


def _printed(part: LegalTextPart | WholeDocument, units: list[LegalUnit], every: int) -> str:
    if isinstance(part, WholeDocument):
        return "Todo el documento"
    where = f"{part.heading}: {part.title}" if part.parts > 1 else "Texto completo"
    if len(units) == every:
        return where
    labels = [unit.label for unit in units]
    listed = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} y {labels[-1]}"
    return f"Lo elegido: {listed} ({where})"


async def legal_text_paper(
    context: RenderContext, sources: Mapping[str, object]
) -> Sequence[Rendered]:
    from kiosk.documents import legal_text as paper  # reportlab: only when something is printed

    text, part = opened(sources)
    every = await _units(context, text, part)
    units = picked_units(every, sources)
    printed = paper.PrintedLegalText(
        kind=KINDS[text.kind].name,
        number=text.number,
        title=text.title,
        facts=_facts(text),
        printed=_printed(part, units, len(every)),
        searched=str(searched(dict(sources))),
        note=text.note,
        printed_at=datetime.now(UTC),
        units=tuple(
            paper.PrintedUnit(unit.label, unit.heading or "", tuple(unit.paragraphs))
            for unit in units
        ),
        kiosk_id=context.kiosk_id,
    )
    layout = await asyncio.get_running_loop().run_in_executor(None, paper.lay_out, printed)
    if layout.page_count > paper.MAX_PAGES:
        raise TooLongToPrint(layout.page_count, paper.MAX_PAGES)
    return [Rendered(DOCUMENT, JOB_TITLE, lambda: paper.render_layout(layout))]


async def _units(
    context: RenderContext, text: LegalText, part: LegalTextPart | WholeDocument
) -> list[LegalUnit]:
    """What is read; for the whole document, its whole text, fetched now (never shown whole)."""
    if isinstance(part, LegalTextPart):
        return list(part.units)
    full = await context.client.call(LEGAL_TEXT_FULL, path={"text_id": text.id})
    return list(full.units)
