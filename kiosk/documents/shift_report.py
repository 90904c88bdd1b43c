"""The end-of-day report of a desk (issue 14): a clerk's shift, or a whole day, in numbers.

Top to bottom: the OJ heading and the title, who and where (kiosk, courthouse, staff, period,
when it was made), the totals, then one table per kind of work: the clerk's sessions (sign-in,
sign-out and why), the services used, the documents printed, the reprints (kind, reason and the
documents' codes), the verification verdicts and the failures by code. An empty period says
«Sin actividad registrada». Tables flow over as many Letter pages as they need (a row never
splits; a table going on repeats its header under a continuation line); every page has the
footer and «Página N de M».

The audit log holds codes and kinds only, and so does this paper: no visitor's name, DPI or
email. Pure and synchronous; the desk runs it in an executor. Spanish, like every OJ paper.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from kiosk.audit.shift_report import ROLE_WORDS, SIGN_OUT_WORDS, ShiftSummary, Tally
from kiosk.documents.fonts import FONT_BOLD, FONT_MONO, FONT_REGULAR, RENDER_LOCK, register_fonts
from kiosk.documents.layout import GREY, INK, MM, Page, letter_canvas, wrap
from kiosk.documents.printout import PAGE_SIZE, draw_heading, local_time, pdf_date
from kiosk.formats import clock, day, day_and_clock

__all__ = ["EMPTY", "REPORT_SUBJECT", "REPORT_TITLE", "render_shift_report"]

REPORT_TITLE = "Informe de cierre de ventanilla"
REPORT_SUBJECT = "Actividad de una ventanilla del Organismo Judicial, según su bitácora"
EMPTY = "Sin actividad registrada en este periodo."
FOOTER = (
    "Hecho con la bitácora de la ventanilla (códigos y tipos de documento: sin datos personales "
    "de los visitantes). Horas de Guatemala."
)
_LABEL_WIDTH = 40 * MM
_SIZE = 10.0  # a table's cells
_LEADING = 13.0
_PAD = 4.0  # above and below a row's text
_CODES_PER_ROW = 12  # a row never grows taller than a page
_SLACK = 6.0  # the content stays this far above the footer's rule

Draw = Callable[[Page], None]


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # a share of the page's width
    right: bool = False  # numbers
    mono: bool = False  # codes


@dataclass(frozen=True)
class _Item:
    draw: Draw
    header: Draw | None = None  # drawn again on top of a page this item starts


# --- the parts --------------------------------------------------------------------------------


def _period(summary: ShiftSummary) -> str:
    if summary.day is not None:
        return f"Día {day(summary.day)} completo"
    if not summary.sessions:
        return "Sin ingreso registrado"
    span = summary.sessions[-1]
    end = clock(span.signed_out) if span.signed_out else "ahora (sesión abierta)"
    return f"Turno del {day(span.signed_in)}, de {clock(span.signed_in)} a {end}"


def _staff(summary: ShiftSummary) -> str:
    users = summary.users
    if summary.display_name and len(users) <= 1:
        return f"{summary.display_name} ({users[0]})" if users else summary.display_name
    return ", ".join(users) if users else "Nadie ingresó"


def _opening(summary: ShiftSummary) -> Draw:
    def draw(page: Page) -> None:
        draw_heading(page, REPORT_TITLE)
        page.space(10)
        courthouse = summary.courthouse_name or summary.courthouse
        if summary.courthouse_name and summary.courthouse:
            courthouse = f"{summary.courthouse_name} ({summary.courthouse})"
        rows = [
            ("Quiosco", summary.kiosk_id),
            ("Sede", courthouse or "—"),
            ("Personal", _staff(summary)),
            ("Periodo", _period(summary)),
            ("Hecho el", f"{day_and_clock(summary.made_at)} (hora de Guatemala)"),
        ]
        for label, value in rows:
            page.field(label, value, label_width=_LABEL_WIDTH, size=11)

    return draw


TOTALS: tuple[tuple[str, str], ...] = (
    ("services", "Servicios usados"),
    ("printed", "Documentos impresos"),
    ("reprinted", "Reimpresiones"),
    ("verdicts", "Documentos verificados"),
    ("failures", "Fallas"),
)


def _totals(summary: ShiftSummary) -> Draw:
    def draw(page: Page) -> None:
        page.section("Resumen")
        totals = summary.totals()
        for key, words in TOTALS:
            page.field(words, str(totals[key]), label_width=_LABEL_WIDTH * 1.4, size=12)
        if summary.empty:
            page.space(8)
            page.note_box(EMPTY, size=13)

    return draw


def _cells(columns: Sequence[Column], values: Sequence[str], page: Page) -> list[list[str]]:
    cells = []
    for column, value in zip(columns, values, strict=True):
        font = FONT_MONO if column.mono else FONT_REGULAR
        cells.append(wrap(value, font, _SIZE, column.width * page.width - 6))
    return cells


def _row(columns: Sequence[Column], values: Sequence[str], *, head: bool = False) -> Draw:
    def draw(page: Page) -> None:
        cells = _cells(columns, values, page)
        lines = max(len(cell) for cell in cells) or 1
        top = page.y - _PAD
        x = page.left
        canvas = page.canvas
        canvas.setFillColor(GREY if head else INK)
        for column, cell in zip(columns, cells, strict=True):
            font = FONT_BOLD if head else (FONT_MONO if column.mono else FONT_REGULAR)
            size = 9.0 if head else _SIZE
            canvas.setFont(font, size)
            width = column.width * page.width
            for index, text in enumerate(cell):
                baseline = top - size - index * _LEADING
                if column.right:
                    canvas.drawRightString(x + width - 3, baseline, text)
                else:
                    canvas.drawString(x + 3, baseline, text)
            x += width
        canvas.setFillColor(INK)
        page.y = top - _SIZE - (lines - 1) * _LEADING - _PAD
        page.rule(weight=0.8 if head else 0.3)

    return draw


def _table(title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[_Item]:
    """A section's items: its title, header and first row kept together, then one per row."""
    header = _row(columns, [c.title for c in columns], head=True)
    if not rows:
        return []

    def first(page: Page) -> None:
        page.section(title)
        header(page)
        _row(columns, rows[0])(page)

    return [_Item(first), *(_Item(_row(columns, row), header) for row in rows[1:])]


def _sessions(summary: ShiftSummary) -> list[_Item]:
    columns = (
        Column("Usuario", 0.2, mono=True),
        Column("Rol", 0.22),
        Column("Ingreso", 0.2),
        Column("Salida", 0.2),
        Column("Motivo", 0.18),
    )
    rows = [
        (
            span.user,
            str(ROLE_WORDS.get(span.role, span.role)),
            day_and_clock(span.signed_in),
            day_and_clock(span.signed_out) if span.signed_out else "sesión abierta",
            str(SIGN_OUT_WORDS.get(span.reason, span.reason)),
        )
        for span in summary.sessions
    ]
    return _table("Sesiones de ventanilla", columns, rows)


def _count(tally: Tally) -> str:
    return str(tally.count)


def _counted(title: str, columns: Sequence[Column], tallies: Sequence[Tally]) -> list[_Item]:
    rows = [(tally.label or "—", tally.code, _count(tally)) for tally in tallies]
    return _table(title, columns, rows)


def _items(summary: ShiftSummary) -> list[_Item]:
    items = [_Item(_opening(summary)), _Item(_totals(summary)), *_sessions(summary)]
    items += _counted(
        "Servicios usados",
        (Column("Servicio", 0.56), Column("Código", 0.3, mono=True), Column("Veces", 0.14, True)),
        summary.services,
    )
    items += _counted(
        "Documentos impresos",
        (
            Column("Documento (servicio)", 0.56),
            Column("Tipo", 0.28, mono=True),
            Column("Impresiones", 0.16, True),
        ),
        summary.printed,
    )
    reprint_columns = (
        Column("Documento", 0.3),
        Column("Motivo", 0.2, mono=True),
        Column("Códigos", 0.36, mono=True),
        Column("Veces", 0.14, True),
    )
    reprint_rows: list[tuple[str, str, str, str]] = []
    for t in summary.reprinted:
        chunks = [t.codes[i : i + _CODES_PER_ROW] for i in range(0, len(t.codes), _CODES_PER_ROW)]
        words = f"{t.label} ({t.code})" if t.label else t.code
        for index, chunk in enumerate(chunks or [()]):
            first = index == 0  # a long list of codes goes on in the rows under it
            reprint_rows.append(
                (words if first else "", t.detail if first else "", ", ".join(chunk),
                 _count(t) if first else "")
            )  # fmt: skip
    items += _table("Reimpresiones", reprint_columns, reprint_rows)
    items += _counted(
        "Verificaciones por resultado",
        (Column("Resultado", 0.5), Column("Código", 0.34, mono=True), Column("Veces", 0.16, True)),
        summary.verdicts,
    )
    failure_columns = (
        Column("Falla (código)", 0.4, mono=True),
        Column("En el servicio", 0.44, mono=True),
        Column("Veces", 0.16, True),
    )
    failure_rows = [(t.code, t.detail, _count(t)) for t in summary.failures]
    items += _table("Fallas", failure_columns, failure_rows)
    return items


# --- pages -------------------------------------------------------------------------------------


def _probe() -> Page:
    return Page(Canvas(io.BytesIO(), pagesize=PAGE_SIZE), PAGE_SIZE)


def _height(draw: Draw) -> float:
    page = _probe()
    top = page.y
    draw(page)
    return top - page.y


def _continued(page: Page) -> None:
    page.canvas.setFillColor(GREY)
    page.line(f"{REPORT_TITLE} (continuación)", FONT_REGULAR, 9)
    page.canvas.setFillColor(INK)
    page.space(6)
    page.rule()


def _footer(number: int, pages: int) -> str:
    return f"{FOOTER} Página {number} de {pages}."


def _pages(items: Sequence[_Item], free: float) -> list[list[Draw]]:
    """The items dealt onto pages in order; one that does not fit starts a new page, under the
    continuation line and its table's header."""
    pages: list[list[Draw]] = [[]]
    room = free
    for item in items:
        need = _height(item.draw)
        if need > room and pages[-1]:
            top = [_continued, *([item.header] if item.header else [])]
            pages.append(top)
            room = free - sum(_height(draw) for draw in top)
        pages[-1].append(item.draw)
        room -= need
    return pages


def render_shift_report(summary: ShiftSummary) -> bytes:
    """The report as PDF bytes (Letter, as many pages as it needs); the same summary gives the
    same bytes. Raises ``DocumentError("naive_datetime")`` for a time without its zone."""
    created = local_time(summary.made_at, "made_at")
    for span in summary.sessions:
        local_time(span.signed_in, "signed_in")
    register_fonts()
    with RENDER_LOCK:
        items = _items(summary)
        probe = _probe()
        free = probe.y - probe.footer(_footer(99, 99)) - _SLACK
        pages = _pages(items, free)
        out = io.BytesIO()
        canvas = letter_canvas(
            out, title=REPORT_TITLE, subject=REPORT_SUBJECT, pdf_date=pdf_date(created)
        )
        for number, content in enumerate(pages, start=1):
            page = Page(canvas, PAGE_SIZE)
            page.footer(_footer(number, len(pages)))
            for draw in content:
                draw(page)
            canvas.showPage()
        canvas.save()
        return out.getvalue()
