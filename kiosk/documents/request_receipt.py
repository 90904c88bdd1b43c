"""The numbered receipt of a request or a form made at the kiosk (información pública, audiencia
virtual, archivo, FEI): the number in very large type in a frame, optionally a Code 128 barcode
under it, then sections of (label, value) lines and sentences (what happens next, the law),
optionally a QR with its caption, and a boxed notice at the foot.

The caller chooses every word (Spanish, like every OJ paper); a value that looks like a full DPI is
refused (print its last four digits). A long text (what the visitor asked for) is shortened with
"…" until the receipt fits one page: the folio, not the text, is what the receipt is for. Pure and
synchronous; the kiosk runs it in an executor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

import segno
from reportlab.graphics.barcode.code128 import Code128  # type: ignore[import-untyped]

from kiosk.documents.fonts import FONT_BOLD, FONT_MONO, FONT_REGULAR
from kiosk.documents.layout import INK, MM, Page
from kiosk.documents.printout import (
    DocumentError,
    day_time_text,
    draw_heading,
    refuse_full_dpi,
    render_page,
)
from kiosk.documents.qr import draw_qr, qr_placement

__all__ = ["PrintedReceipt", "ReceiptPart", "render_request_receipt"]

FOOTER = (
    "Comprobante emitido en un quiosco del Organismo Judicial. Guárdelo: el número de arriba "
    "identifica su trámite en cualquier ventanilla."
)
_NUMBER_SIZES = (40, 36, 32, 28, 24, 20, 16)
_LABEL_WIDTH = 48 * MM
_QR_WIDTH_MM = 30.0
_BAR_HEIGHT = 14 * MM
_BAR_WIDTH = 0.36 * MM  # the narrowest bar: 3 dots at 600 dpi, read by any bank's scanner
_SHORTEST = 80  # a paragraph is never cut below this many characters
QR_CAPTION = "Escanee este código con su teléfono para ver su trámite."


@dataclass(frozen=True)
class ReceiptPart:
    """One section: a grey title, (label, value) lines, then sentences."""

    title: str
    rows: tuple[tuple[str, str], ...] = ()
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrintedReceipt:
    title: str
    number_label: str
    number: str
    issued_at: datetime
    kiosk_id: str = ""
    parts: tuple[ReceiptPart, ...] = ()
    qr: str = ""
    qr_caption: str = ""
    barcode: str = ""
    notice: str = ""


def _draw_barcode(page: Page, payload: str) -> None:
    symbol = Code128(payload, barHeight=_BAR_HEIGHT, barWidth=_BAR_WIDTH, humanReadable=False)
    if symbol.width > page.width:
        raise DocumentError("bad_value", "the barcode is wider than the page")
    page.space(_BAR_HEIGHT + 4)
    symbol.drawOn(page.canvas, page.center - symbol.width / 2, page.y)
    page.canvas.setFillColor(INK)
    page.space(4)
    page.centered(payload, FONT_MONO, 10)


def _draw_parts(page: Page, parts: tuple[ReceiptPart, ...]) -> None:
    for part in parts:
        page.section(part.title)
        for label, value in part.rows:
            page.field(label, value, label_width=_LABEL_WIDTH, size=12)
        for text in part.paragraphs:
            page.space(3)
            page.paragraph(text, FONT_REGULAR, 11, leading=14.5)


def _draw_qr(page: Page, payload: str, caption: str) -> None:
    """The QR on the left, its caption on its right (a phone opens it from arm's length)."""
    matrix = segno.make_qr(payload, error="m").matrix
    place = qr_placement(len(matrix), _QR_WIDTH_MM)
    page.space(8 * page.spacing)
    top = page.y
    draw_qr(page.canvas, matrix, x=page.left + place.quiet_zone, top=top - place.quiet_zone,
            module=place.module)  # fmt: skip
    column = page.left + place.size + 2 * place.quiet_zone + 4 * MM
    page.y = top - place.quiet_zone
    page.paragraph(caption or QR_CAPTION, FONT_REGULAR, 11, leading=14.5, x=column)
    page.space(4)
    page.paragraph(payload, FONT_MONO, 9, leading=11.5, x=column)
    page.y = min(page.y, top - place.size - 2 * place.quiet_zone)


def _draw(page: Page, data: PrintedReceipt) -> None:
    draw_heading(page, data.title)
    page.space(12)
    page.code_box(data.number_label, data.number, font=FONT_MONO, sizes=_NUMBER_SIZES)
    if data.barcode:
        page.space(6)
        _draw_barcode(page, data.barcode)
    issued = day_time_text(data.issued_at, "issued_at")
    lines: tuple[tuple[str, str], ...] = (("Fecha", f"{issued} (hora de Guatemala)"),)
    if data.kiosk_id:
        lines += (("Quiosco", data.kiosk_id),)
    _draw_parts(page, (ReceiptPart("Emitido", lines), *data.parts))
    if data.qr:
        _draw_qr(page, data.qr, data.qr_caption)
    if data.notice:
        page.space(12 * page.spacing)
        page.note_box(data.notice, font=FONT_BOLD, size=12, weight=1.5)


def _shortened(data: PrintedReceipt) -> PrintedReceipt | None:
    """The receipt with its longest paragraph cut to about half, or None when none can be."""
    longest = max(
        ((len(text), p, t) for p, part in enumerate(data.parts)
         for t, text in enumerate(part.paragraphs)),
        default=None,
    )  # fmt: skip
    if longest is None or longest[0] <= _SHORTEST + 1:
        return None  # cutting it would not make it shorter ("…" takes a character)
    size, p, t = longest
    part = data.parts[p]
    cut = part.paragraphs[t][: max(_SHORTEST, size // 2)].rstrip(" .,;:") + "…"  # < size
    paragraphs = (*part.paragraphs[:t], cut, *part.paragraphs[t + 1 :])
    parts = (*data.parts[:p], replace(part, paragraphs=paragraphs), *data.parts[p + 1 :])
    return replace(data, parts=parts)


def _drawing(data: PrintedReceipt) -> Callable[[Page], None]:
    return lambda page: _draw(page, data)


def render_request_receipt(data: PrintedReceipt) -> bytes:
    """The receipt as PDF bytes (Letter, one page); the same data gives the same bytes.

    Raises ``DocumentError``: ``bad_value`` (no number, a barcode too wide), ``personal_data`` (a
    full DPI in a value), ``naive_datetime``, ``layout_overflow`` (too many lines even with every
    long text shortened)."""
    if not data.number.strip():
        raise DocumentError("bad_value", "the receipt has no number")
    values = [("number", data.number), ("notice", data.notice), ("qr", data.qr)]
    for part in data.parts:
        values += [(label, value) for label, value in part.rows]
        values += [(part.title, text) for text in part.paragraphs]
    refuse_full_dpi(values)
    current: PrintedReceipt | None = data
    while current is not None:
        try:
            return render_page(
                _drawing(current),
                title=data.title,
                subject=f"Comprobante: {data.title}",
                created=data.issued_at,
                footer=FOOTER,
            )
        except DocumentError as error:
            if error.reason != "layout_overflow":
                raise
            current = _shortened(current)
    raise DocumentError("layout_overflow", "the receipt does not fit on one page")
