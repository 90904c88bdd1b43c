"""Figures on paper: the record of a statistics service with its charts drawn as vector graphics.

Each chart is the screen's chart redrawn with ``reportlab.graphics`` shapes (rectangles, lines,
markers and real text: nothing is a picture), with its numbers beside it and the one sentence that
says what it shows. Bars run across the page, one row per category with its numbers at the end of
the row; a trend is a line over the years with its table to the right. The paper is black and
white: the first series is solid grey, the second hatched white (and a dashed line with square
markers), and the highlighted category (the visitor's department or year) is a tinted band, a
«▶» and bold type, never a colour alone.

The sections flow over as many Letter pages as they need (a block never splits: a chart and its
numbers stay together); every page has the OJ heading or a continuation line, the footer and
«Página N de M». Pure and synchronous; the kiosk runs it in an executor. Spanish, like every OJ
paper; the metadata names the kind of paper only.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.graphics import renderPDF  # type: ignore[import-untyped]
from reportlab.graphics.shapes import (  # type: ignore[import-untyped]
    Circle,
    Drawing,
    Line,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib.colors import Color, white  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from kiosk.documents.fonts import FONT_BOLD, FONT_REGULAR, RENDER_LOCK, register_fonts
from kiosk.documents.layout import GREY, INK, MM, Page, fit_size, letter_canvas
from kiosk.documents.printout import (
    PAGE_SIZE,
    DocumentError,
    draw_heading,
    local_time,
    pdf_date,
)
from kiosk.documents.record import FOOTER, INFORMATIVE
from kiosk.formats import day_and_clock

__all__ = [
    "MARK",
    "REPORT_SUBJECT",
    "REPORT_TITLE",
    "ReportChart",
    "ReportRow",
    "ReportSection",
    "ReportSeries",
    "StatisticsReport",
    "render_statistics_report",
]

REPORT_TITLE = "Estadísticas del Organismo Judicial"
REPORT_SUBJECT = "Cifras impresas en un quiosco del Organismo Judicial"
BARS, TREND = "bars", "trend"

SOLID = Color(0.38, 0.38, 0.38)  # the first series: mid grey, dark enough on any printer
BAND = Color(0.88, 0.88, 0.88)  # behind the highlighted row or year
GRID = Color(0.8, 0.8, 0.8)
MARK = "▶ "  # before the highlighted category: set apart without colour
_HEADING_SIZES = (18, 16, 14)
_LABEL_WIDTH = 62 * MM
_GAP = 3 * MM
_SLACK = 6.0  # the content stays this far above the footer's rule
_ROW = 10.5  # a bar row on paper
_SMALL = 8.5  # categories and numbers
_TREND_HEIGHT = 150.0


@dataclass(frozen=True)
class ReportSeries:
    name: str
    values: tuple[float, ...]
    shown: tuple[str, ...]  # each value as written ("1 042")


@dataclass(frozen=True)
class ReportChart:
    kind: str  # BARS or TREND
    title: str
    categories: tuple[str, ...]
    series: tuple[ReportSeries, ...]  # one or two
    summary: str  # the sentence that says what it shows
    unit: str = ""
    highlight: int | None = None


@dataclass(frozen=True)
class ReportRow:
    label: str
    value: str
    explain: str = ""  # what the value means, in plain words (regular type, under it)


@dataclass(frozen=True)
class ReportSection:
    title: str
    rows: tuple[ReportRow, ...] = ()
    note: str = ""
    chart: ReportChart | None = None


@dataclass(frozen=True)
class StatisticsReport:
    """``title`` the service, ``heading`` what is shown ("Mediación en Quetzaltenango, 2024"),
    ``searched`` what the visitor asked, in words; ``printed_at`` with its time zone."""

    title: str
    heading: str
    searched: str
    printed_at: datetime
    sections: tuple[ReportSection, ...]
    kiosk_id: str = ""


Block = Callable[[Page], None]


# --- the blocks --------------------------------------------------------------------------------


def _printed_line(report: StatisticsReport) -> str:
    where = f"en el quiosco {report.kiosk_id}" if report.kiosk_id else "en un quiosco del OJ"
    return f"Impreso el {day_and_clock(report.printed_at)} (hora de Guatemala) {where}."


def _opening(report: StatisticsReport) -> Block:
    def draw(page: Page) -> None:
        draw_heading(page, report.title)
        page.space(14)
        size = fit_size(report.heading, FONT_BOLD, _HEADING_SIZES, page.width)
        page.paragraph(report.heading, FONT_BOLD, size, leading=size * 1.25)
        page.space(8)
        page.paragraph(report.searched, FONT_REGULAR, 12, leading=16)
        page.space(5)
        page.canvas.setFillColor(GREY)
        page.paragraph(_printed_line(report), FONT_REGULAR, 10, leading=13)
        page.canvas.setFillColor(INK)
        page.space(10)
        page.note_box(INFORMATIVE, font=FONT_BOLD, size=10, weight=1.0)

    return draw


def _facts(section: ReportSection) -> Block:
    def draw(page: Page) -> None:
        page.section(section.title)
        for row in section.rows:
            top = page.y
            page.canvas.setFillColor(GREY)
            page.paragraph(row.label, FONT_REGULAR, 10, leading=13, width=_LABEL_WIDTH - _GAP)
            bottom = page.y
            page.y = top
            page.canvas.setFillColor(INK)
            page.paragraph(row.value, FONT_BOLD, 11, leading=14, x=page.left + _LABEL_WIDTH)
            if row.explain:
                page.space(2)
                page.paragraph(row.explain, FONT_REGULAR, 9.5, leading=12,
                               x=page.left + _LABEL_WIDTH)  # fmt: skip
            page.y = min(page.y, bottom)
            page.space(6)
        if section.note:
            page.space(2)
            page.paragraph(section.note, FONT_REGULAR, 10.5, leading=14)
            page.space(4)

    return draw


def _chart(chart: ReportChart) -> Block:
    """A chart: its title (the heading of its block: the section's title on screen says the
    same), the sentence, the legend, the drawing with its numbers."""

    def draw(page: Page) -> None:
        page.space(12)
        page.paragraph(chart.title, FONT_BOLD, 12, leading=15)
        page.space(4)
        page.paragraph(chart.summary, FONT_REGULAR, 10.5, leading=14)
        page.space(6)
        _legend(page, chart)
        page.space(6)
        drawing = _bars(chart, page.width) if chart.kind == BARS else _trend(chart, page.width)
        page.y -= drawing.height
        renderPDF.draw(drawing, page.canvas, page.left, page.y)
        page.space(4)

    return draw


def _legend(page: Page, chart: ReportChart) -> None:
    """A swatch and the name of each series, on one line (wrapped as text when long)."""
    x = page.left
    size = 9.0
    page.y -= size
    for index, series in enumerate(chart.series):
        swatch = Drawing(14, 8)
        if chart.kind == BARS:
            _bar(swatch, 0, 0, 14, 8, index)
        else:
            _line(swatch, [0, 4, 14, 4], index)
        renderPDF.draw(swatch, page.canvas, x, page.y)
        x += 18
        page.canvas.setFont(FONT_REGULAR, size)
        page.canvas.setFillColor(INK)
        page.canvas.drawString(x, page.y, series.name)
        x += stringWidth(series.name, FONT_REGULAR, size) + 16
    if chart.highlight is not None:
        words = f"{MARK}{chart.categories[chart.highlight]}: lo que usted eligió"
        page.canvas.drawString(x, page.y, words)


def _bar(drawing: Drawing, x: float, y: float, width: float, height: float, series: int) -> None:
    """A bar of ``series``: the first solid grey, the second white with black hatching."""
    if width <= 0 or height <= 0:
        return
    if series == 0:
        drawing.add(Rect(x, y, width, height, fillColor=SOLID, strokeColor=None))
        return
    drawing.add(Rect(x, y, width, height, fillColor=white, strokeColor=INK, strokeWidth=0.6))
    step = 3.0
    offset = -height
    while offset < width:  # 45° lines, each cut to the bar
        start, end = max(0.0, -offset), min(height, width - offset)
        if end > start:
            drawing.add(
                Line(x + offset + start, y + start, x + offset + end, y + end,
                     strokeColor=INK, strokeWidth=0.5)
            )  # fmt: skip
        offset += step


def _line(drawing: Drawing, points: list[float], series: int, *, ends_only: bool = True) -> None:
    """A trend's line through ``points`` (x, y, x, y...) with a marker on each point: the first
    series solid with round grey markers, the second dashed with white squares. In a legend
    (``ends_only``) one marker in the middle."""
    dashes = [3, 2] if series else None
    drawing.add(PolyLine(points, strokeColor=INK, strokeWidth=1.4 if series == 0 else 1.1,
                         strokeDashArray=dashes))  # fmt: skip
    pairs = list(zip(points[::2], points[1::2], strict=True))
    if ends_only:
        pairs = [((pairs[0][0] + pairs[-1][0]) / 2, (pairs[0][1] + pairs[-1][1]) / 2)]
    for px, py in pairs:
        if series == 0:
            drawing.add(Circle(px, py, 2.4, fillColor=SOLID, strokeColor=INK, strokeWidth=0.6))
        else:
            drawing.add(Rect(px - 2.2, py - 2.2, 4.4, 4.4, fillColor=white, strokeColor=INK,
                             strokeWidth=0.8))  # fmt: skip


def _nice_top(value: float) -> tuple[float, float]:
    """An axis end at or above ``value`` and its step: 1, 2 or 5 times a power of ten, in 3 to
    6 steps."""
    if value <= 0:
        return 1.0, 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for unit in (0.1, 0.2, 0.5, 1, 2, 5, 10):
        step = unit * magnitude
        if math.ceil(value / step) <= 6:
            return math.ceil(value / step) * step, step
    return value, value


def _axis_label(value: float) -> str:
    return f"{round(value):,}".replace(",", "\u00a0")


def _bars(chart: ReportChart, width: float) -> Drawing:
    """Horizontal bars, one row per category (the first at the top), the numbers at the end of
    each row under their series' names, and a value axis below."""
    labels = [
        (MARK if i == chart.highlight else "") + name for i, name in enumerate(chart.categories)
    ]
    label_width = max(stringWidth(t, FONT_BOLD, _SMALL) for t in labels) + 6
    columns = [_column(series) for series in chart.series]
    numbers = sum(columns)
    plot = width - label_width - numbers - 8
    header, axis = 20.0, 14.0
    rows = len(chart.categories)
    height = header + rows * _ROW + axis
    drawing = Drawing(width, height)
    top, end = _nice_top(max(max(s.values) for s in chart.series))
    scale = plot / top
    x0 = label_width
    # the column heads: each series' name over its numbers (two lines when long)
    x = x0 + plot + 8
    for series, column in zip(chart.series, columns, strict=True):
        for line, words in enumerate(_two_lines(series.name, column - 4)):
            drawing.add(String(x + column - 4, height - 8 - 8.5 * line, words,
                               fontName=FONT_BOLD, fontSize=7.5, textAnchor="end"))  # fmt: skip
        x += column
    # grid lines at each step, behind the bars
    value = 0.0
    while value <= top + 1e-9:
        gx = x0 + value * scale
        drawing.add(Line(gx, axis, gx, height - header, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(String(gx, axis - 9, _axis_label(value), fontName=FONT_REGULAR,
                           fontSize=7, textAnchor="middle"))  # fmt: skip
        value += end
    bar_height = (_ROW - 3) / len(chart.series)
    for row, label in enumerate(labels):
        y = height - header - (row + 1) * _ROW
        marked = row == chart.highlight
        font = FONT_BOLD if marked else FONT_REGULAR
        if marked:
            drawing.add(Rect(0, y, width, _ROW, fillColor=BAND, strokeColor=None))
        drawing.add(String(x0 - 6, y + 3, label, fontName=font, fontSize=_SMALL,
                           textAnchor="end"))  # fmt: skip
        for index, series in enumerate(chart.series):
            by = y + 1.5 + (len(chart.series) - 1 - index) * bar_height
            _bar(drawing, x0, by, series.values[row] * scale, bar_height, index)
        x = x0 + plot + 8
        for series, column in zip(chart.series, columns, strict=True):
            drawing.add(String(x + column - 4, y + 3, series.shown[row], fontName=font,
                               fontSize=_SMALL, textAnchor="end"))  # fmt: skip
            x += column
    drawing.add(Line(x0, axis, x0, height - header, strokeColor=INK, strokeWidth=0.8))
    return drawing


def _column(series: ReportSeries) -> float:
    """A numbers column: as wide as its widest number or the longest word of its head."""
    widest: float = max(stringWidth(s, FONT_BOLD, _SMALL) for s in series.shown)
    word: float = max(stringWidth(w, FONT_BOLD, 7.5) for w in series.name.split() or [""])
    return max(widest, word, 42.0) + 10


def _two_lines(text: str, width: float) -> list[str]:
    if stringWidth(text, FONT_BOLD, 7.5) <= width:
        return [text]
    words = text.split()
    for cut in range(len(words) - 1, 0, -1):
        first = " ".join(words[:cut])
        if stringWidth(first, FONT_BOLD, 7.5) <= width:
            return [first, " ".join(words[cut:])]
    return [text]


def _trend(chart: ReportChart, width: float) -> Drawing:
    """A line per series over the categories (years), a marker on each point (circles; squares
    and a dashed line for the second series), the highlighted year in a band, and the numbers in
    a table to the right."""
    rows = len(chart.categories)
    columns = [
        max(stringWidth(t, FONT_BOLD, _SMALL) for t in chart.categories) + 12,
        *(_column(series) for series in chart.series),
    ]
    table = sum(columns)
    header = 22.0
    height = max(_TREND_HEIGHT, header + rows * _ROW + 4)
    drawing = Drawing(width, height)
    left, bottom = 40.0, 18.0
    plot_width = width - table - left - 18
    plot_height = height - bottom - 10
    top, step = _nice_top(max(max(s.values) for s in chart.series))
    value = 0.0
    while value <= top + 1e-9:
        gy = bottom + value / top * plot_height
        drawing.add(Line(left, gy, left + plot_width, gy, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(String(left - 4, gy - 2.5, _axis_label(value), fontName=FONT_REGULAR,
                           fontSize=7, textAnchor="end"))  # fmt: skip
        value += step
    gap = plot_width / max(rows - 1, 1)
    xs = [left + i * gap for i in range(rows)] if rows > 1 else [left + plot_width / 2]
    if chart.highlight is not None:
        hx = xs[chart.highlight]
        drawing.add(Rect(hx - 6, bottom, 12, plot_height, fillColor=BAND, strokeColor=None))
    for i, (x, name) in enumerate(zip(xs, chart.categories, strict=True)):
        font = FONT_BOLD if i == chart.highlight else FONT_REGULAR
        drawing.add(String(x, bottom - 10, name, fontName=font, fontSize=7,
                           textAnchor="middle"))  # fmt: skip
    drawing.add(Line(left, bottom, left + plot_width, bottom, strokeColor=INK, strokeWidth=0.8))
    for index, series in enumerate(chart.series):
        points: list[float] = []
        for x, v in zip(xs, series.values, strict=True):
            points += [x, bottom + v / top * plot_height]
        _line(drawing, points, index, ends_only=False)
    # the table: the categories and each series' numbers
    x = width - table
    heads = ["", *(series.name for series in chart.series)]
    for head, column in zip(heads, columns, strict=True):
        for line, words in enumerate(_two_lines(head, column - 4)):
            drawing.add(String(x + column - 4, height - 8 - 8.5 * line, words,
                               fontName=FONT_BOLD, fontSize=7.5, textAnchor="end"))  # fmt: skip
        x += column
    for row, name in enumerate(chart.categories):
        y = height - header - (row + 1) * _ROW + 3
        marked = row == chart.highlight
        font = FONT_BOLD if marked else FONT_REGULAR
        if marked:
            drawing.add(Rect(width - table, y - 3, table, _ROW, fillColor=BAND, strokeColor=None))
        cells = [(MARK if marked else "") + name, *(s.shown[row] for s in chart.series)]
        x = width - table
        for cell, column in zip(cells, columns, strict=True):
            drawing.add(String(x + column - 4, y, cell, fontName=font, fontSize=_SMALL,
                               textAnchor="end"))  # fmt: skip
            x += column
    return drawing


# --- pages -------------------------------------------------------------------------------------


def _blocks(report: StatisticsReport) -> list[Block]:
    blocks = [_opening(report)]
    for section in report.sections:
        if section.rows or section.note or section.chart is None:
            blocks.append(_facts(section))
        if section.chart is not None:
            blocks.append(_chart(section.chart))
    return blocks


def _height(block: Block) -> float:
    page = Page(Canvas(io.BytesIO(), pagesize=PAGE_SIZE), PAGE_SIZE)
    top = page.y
    block(page)
    return top - page.y


def _continued(page: Page, report: StatisticsReport) -> None:
    page.canvas.setFillColor(GREY)
    page.line(f"{report.title} — {report.heading} (continuación)", FONT_REGULAR, 9)
    page.canvas.setFillColor(INK)
    page.space(6)
    page.rule()


def _pages(report: StatisticsReport, blocks: Sequence[Block], free: float) -> list[list[Block]]:
    """The blocks dealt onto pages in order; a block that does not fit starts a new page."""
    continued = _height(lambda page: _continued(page, report))
    pages: list[list[Block]] = [[]]
    room = free
    for block in blocks:
        need = _height(block)
        if need > room and pages[-1]:
            pages.append([])
            room = free - continued
        if need > room:
            raise DocumentError("layout_overflow", "a chart does not fit on a page")
        pages[-1].append(block)
        room -= need
    return pages


def _footer(number: int, pages: int) -> str:
    return f"{FOOTER} Página {number} de {pages}."


def _check(report: StatisticsReport) -> None:
    for name in ("title", "heading", "searched"):
        if not str(getattr(report, name)).strip():
            raise DocumentError("bad_value", f"the {name} is empty")
    for index, section in enumerate(report.sections):
        chart = section.chart
        if chart is None:
            continue
        if chart.kind not in (BARS, TREND) or not 1 <= len(chart.series) <= 2:
            raise DocumentError("bad_value", f"section {index}: not a chart this paper draws")
        for series in chart.series:
            if not len(series.values) == len(series.shown) == len(chart.categories):
                raise DocumentError("bad_value", f"section {index}: a value per category")
            if any(v < 0 or not math.isfinite(v) for v in series.values):
                raise DocumentError("bad_value", f"section {index}: a value is not a count")
    local_time(report.printed_at, "printed_at")


def render_statistics_report(report: StatisticsReport) -> bytes:
    """The report as PDF bytes (Letter, as many pages as it needs); the same report gives the
    same bytes. Raises ``DocumentError``: ``bad_value`` (an empty title, heading or searched
    line; a chart with no value per category, a negative value), ``naive_datetime``
    (``printed_at`` without a zone), ``layout_overflow`` (a block taller than a page)."""
    _check(report)
    register_fonts()
    created = local_time(report.printed_at, "printed_at")
    with RENDER_LOCK:
        blocks = _blocks(report)
        probe = Page(Canvas(io.BytesIO(), pagesize=PAGE_SIZE), PAGE_SIZE)
        free = probe.y - probe.footer(_footer(99, 99)) - _SLACK
        pages = _pages(report, blocks, free)
        out = io.BytesIO()
        canvas = letter_canvas(
            out, title=REPORT_TITLE, subject=REPORT_SUBJECT, pdf_date=pdf_date(created)
        )
        for number, content in enumerate(pages, start=1):
            page = Page(canvas, PAGE_SIZE)
            page.footer(_footer(number, len(pages)))
            if number > 1:
                _continued(page, report)
            for block in content:
                block(page)
            canvas.showPage()
        canvas.save()
        return out.getvalue()
