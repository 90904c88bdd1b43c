"""A directory card on paper: the place's name in large type, what it is, its address, phone,
hours and email, and a QR a phone reads to see how to get there. Half a Letter page: it is
torn off and kept in a pocket. Spanish, like every OJ paper; the caller chooses every word.

Nothing personal is on it (an institution's address and phone), so there is no DPI check. Pure
and synchronous: the kiosk runs it in an executor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import segno

from kiosk.documents.fonts import FONT_BOLD, FONT_MONO, FONT_REGULAR
from kiosk.documents.layout import MM, Page
from kiosk.documents.printout import DocumentError, day_time_text, draw_heading, render_page
from kiosk.documents.qr import draw_qr, qr_placement

__all__ = ["PrintedCard", "render_directory_card"]

TITLE = "Directorio de tribunales y oficinas"
FOOTER = (
    "Datos del directorio del Organismo Judicial. Los horarios pueden cambiar en días de asueto: "
    "llame antes de ir."
)
_LABEL_WIDTH = 40 * MM
_QR_WIDTH_MM = 32.0
_NAME_SIZE = 17


@dataclass(frozen=True)
class PrintedCard:
    name: str
    rows: tuple[tuple[str, str], ...]  # (label, value)
    qr: str  # the map link
    qr_caption: str
    printed_at: datetime  # aware
    kiosk_id: str = ""


def _draw(page: Page, card: PrintedCard) -> None:
    draw_heading(page, TITLE)
    page.space(14)
    page.paragraph(card.name, FONT_BOLD, _NAME_SIZE, leading=_NAME_SIZE * 1.25)
    page.space(6)
    for label, value in card.rows:
        page.field(label, value, label_width=_LABEL_WIDTH, size=12)
    matrix = segno.make_qr(card.qr, error="m").matrix
    place = qr_placement(len(matrix), _QR_WIDTH_MM)
    page.space(10)
    top = page.y
    draw_qr(page.canvas, matrix, x=page.left + place.quiet_zone, top=top - place.quiet_zone,
            module=place.module)  # fmt: skip
    column = page.left + place.size + 2 * place.quiet_zone + 4 * MM
    page.y = top - place.quiet_zone
    page.paragraph(card.qr_caption, FONT_BOLD, 12, leading=15, x=column)
    page.space(4)
    page.paragraph(card.qr, FONT_MONO, 8, leading=10, x=column)
    printed = f"Impreso el {day_time_text(card.printed_at, 'printed_at')} (hora de Guatemala)"
    if card.kiosk_id:
        printed += f" en el quiosco {card.kiosk_id}"
    page.space(8)
    page.paragraph(printed + ".", FONT_REGULAR, 9, leading=11, x=column)
    page.y = min(page.y, top - place.size - 2 * place.quiet_zone)


def render_directory_card(card: PrintedCard) -> bytes:
    """The card as PDF bytes (Letter, one page, the card in its upper half); the same data gives
    the same bytes. Raises ``DocumentError`` (``bad_value``: no name or no map link,
    ``naive_datetime``, ``layout_overflow``)."""
    if not card.name.strip() or not card.qr.startswith("https://"):
        raise DocumentError("bad_value", "a card needs a name and an https map link")
    return render_page(
        lambda page: _draw(page, card),
        title=TITLE,
        subject=f"Directorio: {TITLE}",
        created=card.printed_at,
        footer=FOOTER,
    )
