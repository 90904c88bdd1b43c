"""The agenda's printout: one Letter page with what was searched and when, the hearing as the
screen shows it (each state and kind with its explanation) and, for a virtual hearing, its link
as text and, beside it, as a QR code a phone opens (the kiosk itself opens no link).

The generic record paper (``kiosk.documents.record``) has no place for a QR, so this page is
drawn here with the shared pieces: the OJ heading, the informative note and footer of every
record, the layout helper and the QR drawer. Pure and synchronous; reportlab is loaded only
when something is printed (the service imports this module then)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import segno

from kiosk.documents.fonts import FONT_BOLD, FONT_REGULAR
from kiosk.documents.layout import GREY, INK, MM, Page
from kiosk.documents.printout import DocumentError, draw_heading, local_time, render_page
from kiosk.documents.qr import draw_qr, qr_placement
from kiosk.documents.record import FOOTER, INFORMATIVE, RECORD_SUBJECT, RECORD_TITLE
from kiosk.formats import day_and_clock

QR_WIDTH_MM = 30.0  # a phone reads it from a hand's length
MAX_TIMELINE = 6  # the case's other hearings on paper; the rest are counted
_LABEL_WIDTH = 45 * MM
_DAY_WIDTH = 24 * MM
_GAP = 3 * MM


@dataclass(frozen=True)
class PaperRow:
    label: str
    value: str
    explain: str = ""
    plain: bool = False  # a long token (a link): regular type, so it fits beside a QR


@dataclass(frozen=True)
class PaperSection:
    title: str
    rows: tuple[PaperRow, ...] = ()
    timeline: tuple[tuple[str, str], ...] = ()  # (day as shown, what)
    note: str = ""
    qr: str | None = None  # drawn at the section's right, its rows beside it (a link)


@dataclass(frozen=True)
class Paper:
    """``printed_at`` must carry its time zone."""

    title: str
    heading: str
    searched: str
    printed_at: datetime
    sections: tuple[PaperSection, ...]
    kiosk_id: str = ""


def _pair(page: Page, row: PaperRow, right: float) -> None:
    """The label in grey in its column; the value in bold beside it, up to ``right``, and its
    explanation under it."""
    top, x, width = page.y, page.left + _LABEL_WIDTH, right - page.left - _LABEL_WIDTH
    page.canvas.setFillColor(GREY)
    page.paragraph(row.label, FONT_REGULAR, 9.5, leading=12, x=page.left, width=_LABEL_WIDTH - _GAP)
    bottom = page.y
    page.y = top
    page.canvas.setFillColor(INK)
    font, size = (FONT_REGULAR, 9.5) if row.plain else (FONT_BOLD, 10.5)
    page.paragraph(row.value or "—", font, size, leading=size * 1.3, x=x, width=width)
    if row.explain:
        page.space(1.5)
        page.canvas.setFillColor(GREY)
        page.paragraph(row.explain, FONT_REGULAR, 9, leading=11.5, x=x, width=width)
        page.canvas.setFillColor(INK)
    page.y = min(page.y, bottom)
    page.space(4 * page.spacing)


def _qr(page: Page, link: str) -> tuple[float, float]:
    """The link's QR at the right margin, its top at the cursor; returns (the left edge of its
    quiet zone, its bottom)."""
    try:
        symbol = segno.make_qr(link, error="M", boost_error=False)
    except (ValueError, segno.DataOverflowError) as exc:
        raise DocumentError("bad_value", "the link does not fit a QR code") from exc
    matrix = symbol.matrix
    place = qr_placement(len(matrix), QR_WIDTH_MM)
    left = page.right - place.size  # the page's margin is its quiet zone on the right
    top = page.y - place.quiet_zone
    draw_qr(page.canvas, matrix, x=left, top=top, module=place.module)
    return left - place.quiet_zone, top - place.size - place.quiet_zone


def _section(page: Page, section: PaperSection) -> None:
    page.section(section.title)
    right, qr_bottom = (page.right, page.y) if section.qr is None else _qr(page, section.qr)
    for row in section.rows:
        _pair(page, row, right)
    for day, what in section.timeline[:MAX_TIMELINE]:
        top = page.y
        page.paragraph(day, FONT_REGULAR, 9.5, leading=12, x=page.left, width=_DAY_WIDTH - _GAP)
        bottom, page.y = page.y, top
        page.paragraph(what, FONT_REGULAR, 9.5, leading=12, x=page.left + _DAY_WIDTH)
        page.y = min(page.y, bottom)
        page.space(3 * page.spacing)
    left_out = len(section.timeline) - MAX_TIMELINE
    if left_out > 0:
        page.paragraph(f"… y {left_out} más: consúltelas en el juzgado.", FONT_BOLD, 9.5,
                       leading=12)  # fmt: skip
    if section.note:
        page.space(2 * page.spacing)
        width = right - page.left
        page.paragraph(section.note, FONT_REGULAR, 9.5, leading=12.5, width=width)
    page.y = min(page.y, qr_bottom)


def _draw(page: Page, paper: Paper) -> None:
    draw_heading(page, paper.title)
    page.space(12)
    page.paragraph(paper.heading, FONT_BOLD, 16, leading=20)
    page.space(6)
    page.paragraph(paper.searched, FONT_REGULAR, 11, leading=14.5)
    page.space(4)
    where = f"en el quiosco {paper.kiosk_id}" if paper.kiosk_id else "en un quiosco del OJ"
    page.canvas.setFillColor(GREY)
    page.paragraph(
        f"Impreso el {day_and_clock(paper.printed_at)} (hora de Guatemala) {where}.",
        FONT_REGULAR, 9.5, leading=12.5,
    )  # fmt: skip
    page.canvas.setFillColor(INK)
    page.space(8 * page.spacing)
    page.note_box(INFORMATIVE, font=FONT_BOLD, size=9.5, weight=1.0)
    for section in paper.sections:
        _section(page, section)


def render_paper(paper: Paper) -> bytes:
    """The page as PDF bytes; the same paper gives the same bytes. Raises ``DocumentError``
    (``bad_value``: an empty heading or searched line, a link no QR holds; ``naive_datetime``;
    ``layout_overflow``)."""
    for name in ("title", "heading", "searched"):
        if not str(getattr(paper, name)).strip():
            raise DocumentError("bad_value", f"the {name} is empty")
    local_time(paper.printed_at, "printed_at")
    return render_page(
        lambda page: _draw(page, paper),
        title=RECORD_TITLE,
        subject=RECORD_SUBJECT,
        created=paper.printed_at,
        footer=FOOTER,
    )
