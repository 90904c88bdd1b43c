"""What every one-page kiosk printout shares: the canvas, its metadata, the OJ heading, the footer,
Guatemala time and money in plain words, and the one lock all renderers take.

``render_page(draw, ...)`` makes a Letter page with fixed metadata and a creation date taken from
the document itself (never the clock), so the same input always gives the same bytes. When the
content runs into the footer it retries once with tighter spacing, then gives up with
``DocumentError("layout_overflow")`` rather than print a clipped paper.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal

from reportlab.lib.pagesizes import LETTER  # type: ignore[import-untyped]

from kiosk.documents.constancia import GUATEMALA
from kiosk.documents.fonts import FONT_BOLD, RENDER_LOCK, register_fonts
from kiosk.documents.layout import INK, Page, fit_size, letter_canvas

__all__ = [
    "GUATEMALA",
    "HEADING",
    "PAGE_SIZE",
    "RENDER_LOCK",
    "DocumentError",
    "day_text",
    "day_time_text",
    "draw_heading",
    "grouped",
    "local_time",
    "money_text",
    "pdf_date",
    "refuse_full_dpi",
    "render_page",
]

PAGE_SIZE: tuple[float, float] = LETTER
HEADING = "Organismo Judicial — República de Guatemala"
SPACINGS = (1.0, 0.55)
_TITLE_SIZES = (22, 20, 18, 16)
_FULL_DPI = re.compile(r"(?<!\d)\d{13}(?!\d)|\d{4} \d{5} \d{4}")


class DocumentError(ValueError):
    """The input cannot be printed; ``reason`` is a stable code (``naive_datetime``,
    ``wrong_status``, ``personal_data``, ``bad_value``, ``layout_overflow``). The message names
    fields, never their values."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


def local_time(moment: datetime, field: str) -> datetime:
    """``moment`` in Guatemala time; a time without a zone is refused (it would print wrong)."""
    if moment.utcoffset() is None:
        raise DocumentError("naive_datetime", f"{field} has no time zone")
    return moment.astimezone(GUATEMALA)


def day_text(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def day_time_text(moment: datetime, field: str) -> str:
    """ "12/03/2025 a las 09:00" in Guatemala time (24-hour clock, as OJ papers print it)."""
    local = local_time(moment, field)
    return f"{day_text(local)} a las {local:%H:%M}"


def money_text(amount: Decimal) -> str:
    """Quetzales as printed on receipts: "Q30.00", "Q1,250.00"."""
    return f"Q{amount:,.2f}"


def grouped(text: str, size: int = 4) -> str:
    """A long number in groups of ``size`` digits, easier to read aloud and to type."""
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


def refuse_full_dpi(values: Iterable[tuple[str, str]]) -> None:
    """Receipts show at most the DPI's last four digits: a full one is a caller's mistake.
    ``values`` are (name, value) pairs; the error names the field, never the value."""
    for name, value in values:
        if _FULL_DPI.search(value):
            raise DocumentError("personal_data", f"{name} holds what looks like a full DPI")


def pdf_date(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"


def draw_heading(page: Page, title: str) -> None:
    """The OJ line, the document's title (smaller, then wrapped, when long) and a strong rule."""
    page.space(6)
    page.centered(HEADING, FONT_BOLD, 13)
    page.space(12)
    size = fit_size(title, FONT_BOLD, _TITLE_SIZES, page.width)
    page.centered_paragraph(title, FONT_BOLD, size, leading=size * 1.2)
    page.space(12)
    page.rule(weight=1.2, color=INK)


def render_page(
    draw: Callable[[Page], None],
    *,
    title: str,
    subject: str,
    created: datetime,
    footer: str,
) -> bytes:
    """One Letter page: ``draw`` fills it below the top margin, ``footer`` sits at the bottom.

    ``title`` and ``subject`` go into the metadata: they say what the paper is, never whom it is
    about. ``created`` (a time of the document, e.g. when the order was made) is the PDF's date."""
    created_local = local_time(created, "created")
    register_fonts()
    with RENDER_LOCK:
        for spacing in SPACINGS:
            out = io.BytesIO()
            canvas = letter_canvas(
                out, title=title, subject=subject, pdf_date=pdf_date(created_local)
            )
            page = Page(canvas, PAGE_SIZE, spacing=spacing)
            draw(page)
            if page.y >= page.footer(footer) + 6:
                canvas.showPage()
                canvas.save()
                return out.getvalue()
    raise DocumentError("layout_overflow", "the content does not fit on one page")
