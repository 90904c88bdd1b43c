"""A legal text on paper: a law, an acuerdo, a circular or a ruling (the part being read, or the
articles the visitor picked), over as many Letter pages as it takes, up to ``MAX_PAGES``.

Every page carries the OJ line and a running head (kind, number, title), and at the foot «Página N
de M» and the sentence that the paper is informative. The first page says what the document is
(its facts), what was printed of it, what was searched and when and where it was printed. The
text is laid out line by line first (so the page count is known before anything is drawn, and a
selection longer than the cap is refused before a sheet is used): a line is never cut across two
pages, and an article's heading never ends a page without at least two of its lines after it.

Pure and synchronous; the kiosk runs it in an executor. Spanish, like every OJ paper. The
metadata says what kind of paper this is, never what was searched.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import datetime

from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from kiosk.documents.fonts import FONT_BOLD, FONT_REGULAR, RENDER_LOCK, register_fonts
from kiosk.documents.layout import GREY, INK, MARGIN, MM, RULE, letter_canvas, wrap
from kiosk.documents.printout import HEADING, PAGE_SIZE, DocumentError, local_time, pdf_date
from kiosk.formats import day_and_clock

__all__ = [
    "FOOTER",
    "INFORMATIVE",
    "MAX_PAGES",
    "SUBJECT",
    "TITLE",
    "Layout",
    "PrintedLegalText",
    "PrintedUnit",
    "lay_out",
    "render_layout",
    "render_legal_text",
]

#: the most a kiosk prints of one text: longer selections go to the Biblioteca or the portal
MAX_PAGES = 30
TITLE = "Normativa del Organismo Judicial"
SUBJECT = "Texto de una norma o resolución impreso en un quiosco del Organismo Judicial"
INFORMATIVE = (
    "Este texto es informativo: no es la publicación oficial. Para citarlo en un trámite, "
    "consulte el Diario de Centro América o la Biblioteca del Organismo Judicial."
)
FOOTER = "Organismo Judicial de Guatemala · Texto informativo, no es la publicación oficial."

_WIDTH, _HEIGHT = PAGE_SIZE
_LEFT = MARGIN
_TEXT_WIDTH = _WIDTH - 2 * MARGIN
_TOP = _HEIGHT - 15 * MM  # the running head starts 15 mm from the top
_BODY_TOP = _TOP - 40  # under the running head and its rule
_BOTTOM = 22 * MM  # the body stops above the footer
_LABEL_WIDTH = 130.0
_BODY = (FONT_REGULAR, 10.5, 14.0)  # font, size, leading
_HEAD = (FONT_BOLD, 11.0, 15.0)


@dataclass(frozen=True)
class PrintedUnit:
    """An article (or considerando, point, numbered paragraph): ``label`` «Artículo 57»,
    ``heading`` its epígrafe («Notificaciones.») or "", then its paragraphs."""

    label: str
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class PrintedLegalText:
    """``kind`` «Ley», ``number`` «Decreto 2-89», ``facts`` (label, value) pairs (who issued it,
    dates, state); ``printed`` says what of it is on the paper («Título III · Capítulo I: De las
    notificaciones»), ``searched`` what the visitor searched ("" for nothing), ``note`` what the
    portal says of its copy; ``printed_at`` must carry its time zone."""

    kind: str
    number: str
    title: str
    facts: tuple[tuple[str, str], ...]
    printed: str
    searched: str
    note: str
    printed_at: datetime
    units: tuple[PrintedUnit, ...]
    kiosk_id: str = ""


@dataclass(frozen=True)
class _Line:
    text: str
    font: str
    size: float
    leading: float
    x: float = _LEFT
    gap: float = 0.0  # space above it, dropped at the top of a page
    grey: bool = False
    keep: int = 0  # how many lines after it must share its page
    label: str = ""  # drawn at the left margin, grey, on the same baseline (a fact's label)


@dataclass(frozen=True)
class Layout:
    """The text laid out: its pages, each a list of lines (drawn later, page count known)."""

    text: PrintedLegalText
    pages: tuple[tuple[_Line, ...], ...]

    @property
    def page_count(self) -> int:
        return len(self.pages)


def _wrapped(
    text: str,
    style: tuple[str, float, float],
    *,
    x: float = _LEFT,
    gap: float = 0.0,
    grey: bool = False,
    keep_first: int = 0,
    label: str = "",
) -> list[_Line]:
    font, size, leading = style
    lines = wrap(text, font, size, _LEFT + _TEXT_WIDTH - x) or [""]
    return [
        _Line(
            line,
            font,
            size,
            leading,
            x,
            gap=gap if i == 0 else 0.0,
            grey=grey,
            keep=keep_first if i == 0 else 0,
            label=label if i == 0 else "",
        )
        for i, line in enumerate(lines)
    ]


def _opening(text: PrintedLegalText) -> list[_Line]:
    """What the first page says before the text."""
    lines = _wrapped(text.title, (FONT_BOLD, 16, 20))
    lines += _wrapped(f"{text.kind} · {text.number}", (FONT_REGULAR, 12, 16), gap=4)
    for index, (label, value) in enumerate(text.facts):
        lines += _wrapped(
            value, (FONT_BOLD, 10, 13), x=_LEFT + _LABEL_WIDTH, gap=10 if index == 0 else 3,
            label=label,
        )  # fmt: skip
    lines += _wrapped(text.printed, (FONT_BOLD, 11, 15), gap=10)
    if text.searched:
        lines += _wrapped(text.searched, (FONT_REGULAR, 10, 13), gap=3)
    where = f"en el quiosco {text.kiosk_id}" if text.kiosk_id else "en un quiosco del OJ"
    printed = f"Impreso el {day_and_clock(text.printed_at)} (hora de Guatemala) {where}."
    lines += _wrapped(printed, (FONT_REGULAR, 9, 12), gap=3, grey=True)
    lines += _wrapped(INFORMATIVE, (FONT_BOLD, 9.5, 12.5), gap=10)
    if text.note:
        lines += _wrapped(text.note, (FONT_REGULAR, 9.5, 12.5), gap=2)
    return lines


def _unit_lines(unit: PrintedUnit) -> list[_Line]:
    head = f"{unit.label}. {unit.heading}" if unit.heading else unit.label
    body_lines = [_wrapped(p, _BODY, gap=4 if i else 3) for i, p in enumerate(unit.paragraphs)]
    following = sum(len(lines) for lines in body_lines)
    lines = _wrapped(head, _HEAD, gap=10, keep_first=min(2, following))
    # a heading wrapped over lines keeps them all, and two of the body, together
    if len(lines) > 1:
        lines = [
            replace(line, keep=len(lines) - 1 - i + min(2, following))
            for i, line in enumerate(lines)
        ]
    for paragraph in body_lines:
        lines += paragraph
    return lines


def _paginate(lines: list[_Line]) -> list[tuple[_Line, ...]]:
    pages: list[list[_Line]] = [[]]
    y = _BODY_TOP
    for index, line in enumerate(lines):
        gap = line.gap if pages[-1] else 0.0
        need = gap + line.leading + sum(next_.leading for next_ in lines[index + 1 :][: line.keep])
        if y - need < _BOTTOM and pages[-1]:
            pages.append([])
            y, gap = _BODY_TOP, 0.0
        y -= gap + line.leading
        pages[-1].append(line if gap == line.gap else replace(line, gap=gap))
    return [tuple(page) for page in pages]


def _check(text: PrintedLegalText) -> None:
    for name in ("kind", "number", "title", "printed"):
        if not str(getattr(text, name)).strip():
            raise DocumentError("bad_value", f"the {name} is empty")
    if not text.units:
        raise DocumentError("bad_value", "nothing to print: no units")
    local_time(text.printed_at, "printed_at")


def lay_out(text: PrintedLegalText) -> Layout:
    """The text's pages; ``page_count`` is what a print would take (before the cap)."""
    _check(text)
    register_fonts()
    with RENDER_LOCK:  # the fonts' metrics are reportlab's shared state
        lines = _opening(text)
        for unit in text.units:
            lines += _unit_lines(unit)
        return Layout(text, tuple(_paginate(lines)))


def _running_head(text: PrintedLegalText) -> str:
    head = f"{text.kind} · {text.number} · {text.title}"
    if stringWidth(head, FONT_BOLD, 9) <= _TEXT_WIDTH:
        return head
    while head and stringWidth(head + "…", FONT_BOLD, 9) > _TEXT_WIDTH:
        head = head[:-1]
    return head.rstrip() + "…"


def render_layout(layout: Layout) -> bytes:
    """The PDF of a layout (the same layout gives the same bytes). Raises DocumentError
    ``too_long`` past ``MAX_PAGES``: the caller says so before it comes to this."""
    if layout.page_count > MAX_PAGES:
        raise DocumentError("too_long", f"{layout.page_count} pages, more than {MAX_PAGES}")
    text = layout.text
    created = local_time(text.printed_at, "printed_at")
    out = io.BytesIO()
    register_fonts()
    with RENDER_LOCK:
        canvas = letter_canvas(out, title=TITLE, subject=SUBJECT, pdf_date=pdf_date(created))
        head = _running_head(text)
        for number, page in enumerate(layout.pages, start=1):
            _frame(canvas, head, number, layout.page_count)
            y = _BODY_TOP
            for line in page:
                y -= line.gap + line.leading
                baseline = y + (line.leading - line.size)
                canvas.setFillColor(GREY if line.grey else INK)
                if line.label:
                    canvas.setFillColor(GREY)
                    canvas.setFont(FONT_REGULAR, 9)
                    canvas.drawString(_LEFT, baseline, line.label)
                    canvas.setFillColor(INK)
                canvas.setFont(line.font, line.size)
                canvas.drawString(line.x, baseline, line.text)
            canvas.showPage()
        canvas.save()
    return out.getvalue()


def _frame(canvas: Canvas, head: str, number: int, count: int) -> None:
    """The OJ line and the running head at the top, the footer and «Página N de M» below."""
    canvas.setFillColor(GREY)
    canvas.setFont(FONT_REGULAR, 8.5)
    canvas.drawString(_LEFT, _TOP - 8.5, HEADING)
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, 9)
    canvas.drawString(_LEFT, _TOP - 22, head)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(_LEFT, _TOP - 28, _LEFT + _TEXT_WIDTH, _TOP - 28)
    floor = 14 * MM
    canvas.line(_LEFT, floor + 12, _LEFT + _TEXT_WIDTH, floor + 12)
    canvas.setFillColor(GREY)
    canvas.setFont(FONT_REGULAR, 8)
    canvas.drawString(_LEFT, floor, FOOTER)
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, 9)
    canvas.drawRightString(_LEFT + _TEXT_WIDTH, floor, f"Página {number} de {count}")


def render_legal_text(text: PrintedLegalText) -> bytes:
    """Lay out and render in one go. Raises DocumentError: ``bad_value``, ``naive_datetime``,
    ``too_long`` (more than ``MAX_PAGES``)."""
    return render_layout(lay_out(text))
