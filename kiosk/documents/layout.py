"""A small top-down layout helper for one-page documents on a reportlab canvas.

``Page`` keeps a cursor (``y``, the top of the free space) and draws headings, labelled fields and
wrapped paragraphs below it. Each text line is one ``drawString`` so it extracts as one line.
``wrap`` breaks at spaces and, for words wider than the line (a URL, a long code), between
characters: nothing is ever drawn past the right margin. The boxes (a code in very large type, a
framed note) measure their wrapped text first, so the frame always holds all of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from reportlab.lib.colors import Color  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import LETTER  # type: ignore[import-untyped]
from reportlab.lib.utils import simpleSplit  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from kiosk.documents.fonts import FONT_BOLD, FONT_REGULAR
from kiosk.documents.qr import MM

__all__ = ["GREY", "INK", "MARGIN", "MM", "RULE", "Page", "fit_size", "letter_canvas", "wrap"]

MARGIN = 20 * MM
INK = Color(0, 0, 0)
GREY = Color(0.3, 0.3, 0.3)
RULE = Color(0.55, 0.55, 0.55)
AUTHOR = "Organismo Judicial de Guatemala"
CREATOR = "Quiosco del Organismo Judicial"
LANGUAGE = "es-GT"


def letter_canvas(out: BinaryIO, *, title: str, subject: str, pdf_date: str) -> Canvas:
    """A Letter canvas with the OJ's metadata, byte for byte the same for the same input
    (``invariant``, the document's own date). ``title`` and ``subject`` say what the paper is,
    never whom it is about."""
    canvas = Canvas(
        out,
        pagesize=LETTER,
        invariant=1,
        pageCompression=1,
        lang=LANGUAGE,
        initialFontName=FONT_REGULAR,
    )
    canvas.setTitle(title)
    canvas.setAuthor(AUTHOR)
    canvas.setSubject(subject)
    canvas.setCreator(CREATOR)
    canvas.setDateFormatter(lambda *_: pdf_date)
    return canvas


def _split_word(word: str, font: str, size: float, width: float) -> list[str]:
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and stringWidth(current + char, font, size) > width:
            pieces.append(current)
            current = ""
        current += char
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points."""
    lines: list[str] = []
    for line in simpleSplit(text, font, size, width):
        if stringWidth(line, font, size) <= width:
            lines.append(line)
        else:
            lines.extend(_split_word(line, font, size, width))
    return lines


def fit_size(text: str, font: str, sizes: Sequence[float], width: float) -> float:
    """The first (largest) of ``sizes`` at which ``text`` fits on one line, else the last."""
    return next((s for s in sizes if stringWidth(text, font, s) <= width), sizes[-1])


class Page:
    """A cursor over one page of ``canvas``, between the margins, starting at the top."""

    def __init__(
        self, canvas: Canvas, page_size: tuple[float, float], *, spacing: float = 1
    ) -> None:
        self.canvas = canvas
        self.spacing = spacing  # scales the space between sections and fields
        self.left = MARGIN
        self.right = page_size[0] - MARGIN
        self.width = self.right - self.left
        self.center = self.left + self.width / 2
        self.y = page_size[1] - MARGIN

    def space(self, points: float) -> None:
        self.y -= points

    def line(self, text: str, font: str, size: float, *, x: float | None = None) -> None:
        """One line of text whose top is at the cursor (no wrapping)."""
        self.y -= size
        self.canvas.setFont(font, size)
        self.canvas.drawString(self.left if x is None else x, self.y, text)

    def centered(self, text: str, font: str, size: float) -> None:
        self.y -= size
        self.canvas.setFont(font, size)
        self.canvas.drawCentredString(self.center, self.y, text)

    def paragraph(
        self,
        text: str,
        font: str,
        size: float,
        *,
        leading: float,
        x: float | None = None,
        width: float | None = None,
    ) -> None:
        """Wrapped text; the first line's top is at the cursor, lines ``leading`` apart."""
        x = self.left if x is None else x
        width = self.right - x if width is None else width
        self.canvas.setFont(font, size)
        for index, text_line in enumerate(wrap(text, font, size, width)):
            if index:
                self.y -= leading - size
            self.y -= size
            self.canvas.drawString(x, self.y, text_line)

    def rule(self, *, weight: float = 0.6, color: Color = RULE) -> None:
        self.canvas.setStrokeColor(color)
        self.canvas.setLineWidth(weight)
        self.canvas.line(self.left, self.y, self.right, self.y)

    def section(self, title: str) -> None:
        """A small grey capitalised title, with the space that separates sections above it."""
        self.y -= 18 * self.spacing
        self.canvas.setFillColor(GREY)
        self.line(title.upper(), FONT_BOLD, 9)
        self.canvas.setFillColor(INK)
        self.y -= 9

    def field(self, label: str, value: str, *, label_width: float, size: float = 14) -> None:
        """A grey label on the left and its bold value (wrapped when long) on the right, on the
        same baseline."""
        top = self.y
        self.canvas.setFillColor(GREY)
        self.canvas.setFont(FONT_REGULAR, 10)
        self.canvas.drawString(self.left, top - size, label)
        self.canvas.setFillColor(INK)
        self.paragraph(value, FONT_BOLD, size, leading=size * 1.3, x=self.left + label_width)
        self.y -= size * 0.75 * self.spacing

    def centered_paragraph(self, text: str, font: str, size: float, *, leading: float) -> None:
        """Wrapped text, each line centred; the first line's top is at the cursor."""
        self.canvas.setFont(font, size)
        for index, text_line in enumerate(wrap(text, font, size, self.width)):
            if index:
                self.y -= leading - size
            self.y -= size
            self.canvas.drawCentredString(self.center, self.y, text_line)

    def bullets(self, items: Sequence[str], *, size: float = 11, leading: float = 15) -> None:
        """A list: a bullet, then the item wrapped under its own first word."""
        indent = 5 * MM
        for index, item in enumerate(items):
            if index:
                self.y -= leading - size
            self.canvas.setFont(FONT_REGULAR, size)
            self.canvas.drawString(self.left + 1 * MM, self.y - size, "•")
            self.paragraph(item, FONT_REGULAR, size, leading=leading, x=self.left + indent)

    def code_box(
        self, caption: str, code: str, *, font: str, sizes: Sequence[float], note: str = ""
    ) -> float:
        """A framed box: a grey caption, ``code`` centred in the largest of ``sizes`` that fits
        (wrapped at the smallest when even that is too wide), and an optional note under it.
        Returns the size the code was drawn at."""
        pad = 12.0
        inner = self.width - 2 * pad
        size = fit_size(code, font, sizes, inner)
        lines = wrap(code, font, size, inner)
        notes = wrap(note, FONT_REGULAR, 10, inner) if note else []
        code_height = size + (len(lines) - 1) * size * 1.2
        note_height = 8 + len(notes) * 13 if notes else 0
        height = 2 * pad + 10 + 10 + code_height + size * 0.25 + note_height
        self._frame(height, weight=1.5)
        bottom = self.y - height
        self.y -= pad
        self.canvas.setFillColor(GREY)
        self.centered(caption, FONT_REGULAR, 10)
        self.canvas.setFillColor(INK)
        self.y -= 10
        self.canvas.setFont(font, size)
        for index, text_line in enumerate(lines):
            self.y -= size if index == 0 else size * 1.2
            self.canvas.drawCentredString(self.center, self.y, text_line)
        if notes:
            self.y -= size * 0.25 + 8
            self.canvas.setFont(FONT_REGULAR, 10)
            for index, text_line in enumerate(notes):
                self.y -= 10 if index == 0 else 13
                self.canvas.drawCentredString(self.center, self.y, text_line)
        self.y = bottom
        return size

    def note_box(
        self, text: str, *, font: str = FONT_BOLD, size: float = 12, weight: float = 1.0
    ) -> None:
        """``text`` wrapped inside a frame as wide as the page's text."""
        pad = 10.0
        leading = size * 1.3
        lines = wrap(text, font, size, self.width - 2 * pad)
        height = 2 * pad + size + (len(lines) - 1) * leading + size * 0.25
        self._frame(height, weight=weight)
        bottom = self.y - height
        self.y -= pad
        self.paragraph(
            text, font, size, leading=leading, x=self.left + pad, width=self.width - 2 * pad
        )
        self.y = bottom

    def _frame(self, height: float, *, weight: float) -> None:
        self.canvas.setStrokeColor(INK)
        self.canvas.setLineWidth(weight)
        self.canvas.roundRect(self.left, self.y - height, self.width, height, 5, stroke=1, fill=0)

    def footer(self, text: str, *, size: float = 8, leading: float = 11) -> float:
        """``text`` in small grey type at the bottom margin, under a rule; returns the rule's
        height (the lowest the content may go). The cursor does not move."""
        bottom = 12 * MM
        lines = wrap(text, FONT_REGULAR, size, self.width)
        floor = bottom + len(lines) * leading + 2
        self.canvas.setFillColor(GREY)
        self.canvas.setFont(FONT_REGULAR, size)
        for index, text_line in enumerate(lines):
            self.canvas.drawString(
                self.left, bottom + (len(lines) - 1 - index) * leading, text_line
            )
        self.canvas.setFillColor(INK)
        saved, self.y = self.y, floor
        self.rule()
        self.y = saved
        return floor
