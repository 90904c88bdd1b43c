"""A convocatoria (or a result) on one Letter page. The shared record paper (``record_paper``)
is laid out for a few rows and a timeline; a convocatoria holds a dozen facts, up to eight
requirements and ten papers to hand in, and did not fit on its page. This sheet is the same
paper made denser: the OJ heading, what was searched and when, the sentence that it is only
informative, then sections of (label, value) lines, numbered lines (requirements, papers) at
the page's full width and a note; a section's QR (the page, the map) sits at its right.

Plain data here; reportlab is imported only when a sheet is drawn (``render_sheet``), in the
kiosk's executor. Spanish whatever the screen's language, like every OJ paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kiosk import formats
from kiosk.services.base import Rendered

if TYPE_CHECKING:  # reportlab loads when a sheet is drawn, not when the kiosk starts
    from kiosk.documents.layout import Page

_HEADING_SIZES = (16, 14, 12)
_LABEL_WIDTH_MM = 46
_QR_WIDTH_MM = 22.0


@dataclass(frozen=True)
class SheetSection:
    title: str
    rows: tuple[tuple[str, str], ...] = ()  # (label, value)
    lines: tuple[str, ...] = ()  # numbered: 1., 2., ...
    note: str = ""
    qr: str = ""  # drawn at the section's right, its words beside it narrowed
    qr_caption: str = ""


@dataclass(frozen=True)
class Sheet:
    title: str  # the service
    heading: str  # what was found: «Convocatoria externa 015-2026: Oficial I»
    searched: str  # what the visitor searched, in words
    printed_at: datetime  # aware
    kiosk_id: str
    sections: tuple[SheetSection, ...]


def sheet_printout(name: str, job_title: str, sheet: Sheet) -> list[Rendered]:
    """One job: ``name`` is its file in the session's folder, ``job_title`` its CUPS title
    (never personal data)."""
    return [Rendered(name, job_title, lambda: render_sheet(sheet))]


def printed_line(sheet: Sheet) -> str:
    where = f"en el quiosco {sheet.kiosk_id}" if sheet.kiosk_id else "en un quiosco del OJ"
    return f"Impreso el {formats.day_and_clock(sheet.printed_at)} (hora de Guatemala) {where}."


def render_sheet(sheet: Sheet) -> bytes:
    """The sheet as PDF bytes, one Letter page; the same sheet gives the same bytes. Raises
    ``DocumentError`` (``layout_overflow``) when even the smaller type does not fit."""
    from kiosk.documents.printout import DocumentError, local_time, render_page
    from kiosk.documents.record import FOOTER, RECORD_SUBJECT, RECORD_TITLE

    local_time(sheet.printed_at, "printed_at")
    for size in (10.0, 9.0):  # the smaller type only when the larger does not fit

        def draw(page: Page, size: float = size) -> None:
            _draw(page, sheet, size)

        try:
            return render_page(
                draw,
                title=RECORD_TITLE,
                subject=RECORD_SUBJECT,
                created=sheet.printed_at,
                footer=FOOTER,
            )
        except DocumentError as error:
            if error.reason != "layout_overflow":
                raise
    raise DocumentError("layout_overflow", "the sheet does not fit on one page")


def _draw(page: Page, sheet: Sheet, size: float) -> None:
    from kiosk.documents.fonts import FONT_BOLD, FONT_REGULAR
    from kiosk.documents.layout import GREY, INK, fit_size
    from kiosk.documents.printout import draw_heading
    from kiosk.documents.record import INFORMATIVE

    draw_heading(page, sheet.title)
    page.space(10)
    heading = fit_size(sheet.heading, FONT_BOLD, _HEADING_SIZES, page.width)
    page.paragraph(sheet.heading, FONT_BOLD, heading, leading=heading * 1.25)
    page.space(6)
    page.paragraph(sheet.searched, FONT_REGULAR, size + 1, leading=(size + 1) * 1.3)
    page.space(3)
    page.canvas.setFillColor(GREY)
    page.paragraph(printed_line(sheet), FONT_REGULAR, size - 1, leading=(size - 1) * 1.3)
    page.canvas.setFillColor(INK)
    page.space(6 * page.spacing)
    page.note_box(INFORMATIVE, font=FONT_BOLD, size=size - 1, weight=1.0)
    for section in sheet.sections:
        _section(page, section, size)


def _section(page: Page, section: SheetSection, size: float) -> None:
    from kiosk.documents.fonts import FONT_BOLD, FONT_REGULAR
    from kiosk.documents.layout import GREY, INK, MM

    leading = size * 1.25
    page.section(section.title)
    top = page.y
    right = page.right - (_qr(page, section.qr, top) + 4 * MM if section.qr else 0.0)
    column = _LABEL_WIDTH_MM * MM
    for label, value in section.rows:
        start = page.y
        page.canvas.setFillColor(GREY)
        page.paragraph(label, FONT_REGULAR, size - 0.5, leading=leading, width=column - 3 * MM)
        bottom = page.y
        page.y = start
        page.canvas.setFillColor(INK)
        page.paragraph(value or "—", FONT_BOLD, size, leading=leading, x=page.left + column,
                       width=right - page.left - column)  # fmt: skip
        page.y = min(page.y, bottom) - 3 * page.spacing
    indent = 6 * MM
    for number, line in enumerate(section.lines, start=1):
        page.canvas.setFont(FONT_REGULAR, size)
        page.canvas.drawString(page.left, page.y - size, f"{number}.")
        page.paragraph(line, FONT_REGULAR, size, leading=leading, x=page.left + indent,
                       width=right - page.left - indent)  # fmt: skip
        page.y -= 2 * page.spacing
    for text in (section.note, section.qr_caption if section.qr else ""):
        if text:
            page.space(2 * page.spacing)
            page.paragraph(text, FONT_REGULAR, size - 0.5, leading=leading,
                           width=right - page.left)  # fmt: skip
    if section.qr:
        page.y = min(page.y, top - _qr_side(section.qr))


def _qr_side(payload: str) -> float:
    """The QR's side with its quiet zone, in points."""
    import segno

    from kiosk.documents.qr import qr_placement

    place = qr_placement(len(segno.make_qr(payload, error="m").matrix), _QR_WIDTH_MM)
    return place.size + 2 * place.quiet_zone


def _qr(page: Page, payload: str, top: float) -> float:
    """The QR at the right margin from ``top``; returns its width with its quiet zone."""
    import segno

    from kiosk.documents.qr import draw_qr, qr_placement

    matrix = segno.make_qr(payload, error="m").matrix
    place = qr_placement(len(matrix), _QR_WIDTH_MM)
    side = place.size + 2 * place.quiet_zone
    draw_qr(page.canvas, matrix, x=page.right - side + place.quiet_zone,
            top=top - place.quiet_zone, module=place.module)  # fmt: skip
    return side
