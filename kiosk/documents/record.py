"""The printout of a lookup's result: what the visitor searched, when, and the record on screen.

One generic paper for every lookup (a case record, later amparos, antejuicios, the agenda, a
directory card): the service's name, what was found, what was searched, where and when it was
printed, the sentence that it is informative and not a certification, then the record's sections:
labelled rows, a note in plain words, and a timeline (newest first).

It is always one Letter page. When the record does not fit, every row and note stays and the
timelines are cut to their newest entries, with a line saying how many earlier ones were left out
("… y 7 actuaciones anteriores: consúltelas en el juzgado."). How many entries to keep (dealt out
to the timelines in turn) is measured once on a throwaway page, entry by entry, so the cost does not
grow with a long timeline; ``render_page`` still judges the result, as for every printout.

The metadata names the kind of paper only, never the heading or a value. Pure and synchronous
(fonts read once); the kiosk runs it in an executor. Spanish, like every OJ paper.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from kiosk.documents.fonts import FONT_BOLD, FONT_REGULAR, RENDER_LOCK, register_fonts
from kiosk.documents.layout import GREY, INK, MM, Page, fit_size
from kiosk.documents.printout import (
    PAGE_SIZE,
    SPACINGS,
    DocumentError,
    draw_heading,
    local_time,
    render_page,
)
from kiosk.formats import day_and_clock

__all__ = [
    "FOOTER",
    "INFORMATIVE",
    "RECORD_SUBJECT",
    "RECORD_TITLE",
    "PrintedRecord",
    "RecordSection",
    "earlier_entries_line",
    "render_record",
]

# The metadata: what kind of paper this is, the same for every record (no personal data).
RECORD_TITLE = "Consulta del Organismo Judicial"
RECORD_SUBJECT = "Resultado de una consulta impresa en un quiosco del Organismo Judicial"
INFORMATIVE = (
    "Este documento es informativo: no es una certificación ni una constancia oficial. Los datos "
    "pueden cambiar; consulte de nuevo antes de una diligencia."
)
FOOTER = (
    "Organismo Judicial de Guatemala. Para un trámite que pida un documento oficial, solicite una "
    "certificación en el juzgado o la oficina que corresponda."
)
_HEADING_SIZES = (18, 16, 14)
_LABEL_WIDTH = 50 * MM
_DAY_WIDTH = 27 * MM
_GAP = 3 * MM  # between a column and the text to its right
_SLACK = 6.0  # render_page wants the content this far above the footer's rule


@dataclass(frozen=True)
class RecordSection:
    """One block of the record: ``rows`` are (label, value) pairs; ``timeline`` is (day as shown,
    e.g. "15/09/2026", what happened), newest first; ``note`` explains the rows in plain words."""

    title: str
    rows: tuple[tuple[str, str], ...] = ()
    timeline: tuple[tuple[str, str], ...] = ()
    note: str = ""
    #: a timeline entry's name when some do not fit: (singular, plural, "la" or "lo")
    entry_words: tuple[str, str, str] = ("actuación", "actuaciones", "la")


@dataclass(frozen=True)
class PrintedRecord:
    """A lookup's result as printed. ``title`` is the service ("Consulta de Expedientes
    Laborales"), ``heading`` what was found ("Expediente 09011-2025-00077"), ``searched`` what
    the visitor searched, in words ("Número buscado: 9011-2025-77"); ``printed_at`` must carry
    its time zone (printed in Guatemala time)."""

    title: str
    heading: str
    searched: str
    printed_at: datetime
    sections: tuple[RecordSection, ...]
    kiosk_id: str = ""


def earlier_entries_line(
    left_out: int, shown: int, words: tuple[str, str, str] = ("actuación", "actuaciones", "la")
) -> str:
    """The line under a cut timeline: how many entries are not on the paper and where to see
    them; ``words`` names an entry (singular, plural, and "la" or "lo" for its gender)."""
    one, many, pronoun = words
    the_one, the_many = ("La", "Las") if pronoun == "la" else ("El", "Los")
    if shown == 0:
        if left_out > 1:
            where = f"consúlte{pronoun}s en el juzgado"
            return f"{the_many} {left_out} {many} no caben en esta hoja: {where}."
        return f"{the_one} {one} no cabe en esta hoja: consúlte{pronoun} en el juzgado."
    if left_out == 1:
        return f"… y 1 {one} anterior: consúlte{pronoun} en el juzgado."
    return f"… y {left_out} {many} anteriores: consúlte{pronoun}s en el juzgado."


def _printed_line(record: PrintedRecord) -> str:
    where = (
        f"en el quiosco {record.kiosk_id}"
        if record.kiosk_id
        else "en un quiosco del Organismo Judicial"
    )
    return f"Impreso el {day_and_clock(record.printed_at)} (hora de Guatemala) {where}."


def _pair(
    page: Page,
    left: str,
    right: str,
    *,
    column: float,
    left_style: tuple[str, float],
    right_style: tuple[str, float],
) -> None:
    """``left`` wrapped in a column of ``column`` points (grey) and ``right`` wrapped beside it,
    both starting on the same line; the cursor ends under the longer of the two. Wrapping the
    left column too keeps a long label from running into its value."""
    top = page.y
    left_font, left_size = left_style
    right_font, right_size = right_style
    page.canvas.setFillColor(GREY)
    page.space(max(0.0, right_size - left_size))  # same baseline as the larger value
    page.paragraph(
        left, left_font, left_size, leading=left_size * 1.3, x=page.left, width=column - _GAP
    )
    left_bottom = page.y
    page.y = top
    page.canvas.setFillColor(INK)
    page.paragraph(right or "—", right_font, right_size, leading=right_size * 1.3,
                   x=page.left + column)  # fmt: skip
    page.y = min(page.y, left_bottom)


def _entry(page: Page, day: str, event: str) -> None:
    _pair(page, day, event, column=_DAY_WIDTH, left_style=(FONT_REGULAR, 10),
          right_style=(FONT_REGULAR, 10))  # fmt: skip
    page.space(4 * page.spacing)


def _cut_line(page: Page, left_out: int, shown: int, words: tuple[str, str, str]) -> None:
    page.space(2 * page.spacing)
    page.paragraph(earlier_entries_line(left_out, shown, words), FONT_BOLD, 10, leading=13)


def _draw_section(page: Page, section: RecordSection, kept: int) -> None:
    page.section(section.title)
    for label, value in section.rows:
        _pair(page, label, value, column=_LABEL_WIDTH, left_style=(FONT_REGULAR, 10),
              right_style=(FONT_BOLD, 11))  # fmt: skip
        page.space(6 * page.spacing)
    if section.note:
        page.space(2 * page.spacing)
        page.paragraph(section.note, FONT_REGULAR, 10.5, leading=14)
        page.space(8 * page.spacing)
    for day, event in section.timeline[:kept]:
        _entry(page, day, event)
    if kept < len(section.timeline):
        _cut_line(page, len(section.timeline) - kept, kept, section.entry_words)


def _draw(page: Page, record: PrintedRecord, kept: Sequence[int]) -> None:
    draw_heading(page, record.title)
    page.space(14)
    size = fit_size(record.heading, FONT_BOLD, _HEADING_SIZES, page.width)
    page.paragraph(record.heading, FONT_BOLD, size, leading=size * 1.25)
    page.space(8)
    page.paragraph(record.searched, FONT_REGULAR, 12, leading=16)
    page.space(5)
    page.canvas.setFillColor(GREY)
    page.paragraph(_printed_line(record), FONT_REGULAR, 10, leading=13)
    page.canvas.setFillColor(INK)
    page.space(10 * page.spacing)
    page.note_box(INFORMATIVE, font=FONT_BOLD, size=10, weight=1.0)
    for section, count in zip(record.sections, kept, strict=True):
        _draw_section(page, section, count)


def _shares(lengths: Sequence[int], budget: int) -> list[int]:
    """``budget`` timeline entries dealt out to the timelines one at a time, in order, so a long
    timeline cannot crowd out a short one."""
    kept = [0] * len(lengths)
    while budget > 0:
        dealt = False
        for index, length in enumerate(lengths):
            if budget and kept[index] < length:
                kept[index] += 1
                budget -= 1
                dealt = True
        if not dealt:
            break
    return kept


@dataclass(frozen=True)
class _Timeline:
    """A timeline's heights on the tightest page: its first entries (only as many as could ever
    fit), the cut line when none is shown and when some are."""

    entries: tuple[float, ...]
    none_shown: float
    some_shown: float


def _height(page: Page, draw: Callable[[Page], None]) -> float:
    top = page.y
    draw(page)
    height = top - page.y
    page.y = top
    return height


def _best_budget(record: PrintedRecord, lengths: Sequence[int]) -> int:
    """How many timeline entries are expected to fit, measured on a throwaway page at the
    tightest spacing ``render_page`` tries: each entry and cut line is drawn once, so a record
    of hundreds of entries costs no more than a page of them. A guess: ``render_page`` judges."""
    page = Page(Canvas(io.BytesIO(), pagesize=PAGE_SIZE), PAGE_SIZE, spacing=SPACINGS[-1])
    free = page.y - page.footer(FOOTER) - _SLACK
    base = _height(page, lambda p: _draw(p, record, [0] * len(lengths)))
    timelines: list[_Timeline] = []
    for section in record.sections:
        entries: list[float] = []
        for day, event in section.timeline:
            if sum(entries) > free:
                break
            entries.append(_height(page, partial(_entry, day=day, event=event)))
        count = len(section.timeline)
        words = section.entry_words
        none = (
            _height(page, partial(_cut_line, left_out=count, shown=0, words=words))
            if count
            else 0.0
        )
        some = (
            _height(page, partial(_cut_line, left_out=count, shown=1, words=words))
            if count
            else 0.0
        )
        timelines.append(_Timeline(tuple(entries), none, some))
        base -= none  # drawn in ``base``, where no entry was kept
    for budget in range(min(sum(lengths), sum(len(t.entries) for t in timelines)), 0, -1):
        kept = _shares(lengths, budget)
        if any(k > len(t.entries) for k, t in zip(kept, timelines, strict=True)):
            continue
        need = base
        for k, length, timeline in zip(kept, lengths, timelines, strict=True):
            need += sum(timeline.entries[:k])
            if k < length:
                need += timeline.some_shown if k else timeline.none_shown
        if need <= free:
            return budget
    return 0


def _check(record: PrintedRecord) -> None:
    for name in ("title", "heading", "searched"):
        if not str(getattr(record, name)).strip():
            raise DocumentError("bad_value", f"the {name} is empty")
    for index, section in enumerate(record.sections):
        if not section.title.strip():
            raise DocumentError("bad_value", f"section {index} has no title")
    local_time(record.printed_at, "printed_at")


def render_record(record: PrintedRecord) -> bytes:
    """The record as PDF bytes (Letter, one page); the same record gives the same bytes.

    Timelines are cut to their newest entries when the page is full (rows and notes never are).
    Raises ``DocumentError``: ``bad_value`` (an empty title, heading, searched line or section
    title), ``naive_datetime`` (``printed_at`` without a zone), ``layout_overflow`` (the rows
    and notes alone do not fit on one page)."""
    _check(record)
    lengths = [len(section.timeline) for section in record.sections]

    def attempt(budget: int) -> bytes | None:
        kept = _shares(lengths, budget)
        try:
            return render_page(
                lambda page: _draw(page, record, kept),
                title=RECORD_TITLE,
                subject=RECORD_SUBJECT,
                created=record.printed_at,
                footer=FOOTER,
            )
        except DocumentError as error:
            if error.reason != "layout_overflow":
                raise
            return None

    register_fonts()
    with RENDER_LOCK:  # the throwaway page uses the fonts' shared state too
        budget = _best_budget(record, lengths)
    pdf = attempt(budget)
    if pdf is not None:
        return pdf
    # The guess was too generous (it should not be): the largest budget that really fits.
    best: bytes | None = None
    low, high = 0, budget - 1
    while low <= high:
        middle = (low + high) // 2
        pdf = attempt(middle)
        if pdf is None:
            high = middle - 1
        else:
            best, low = pdf, middle + 1
    if best is None:
        raise DocumentError("layout_overflow", "the rows and notes alone do not fit on one page")
    return best
