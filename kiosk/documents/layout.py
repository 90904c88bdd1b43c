"""A small top-down layout helper for one-page documents on a reportlab canvas.

``Page`` keeps a cursor (``y``, the top of the free space) and draws headings, labelled fields and
wrapped paragraphs below it. Each text line is one ``drawString`` so it extracts as one line.
``wrap`` breaks at spaces and, for words wider than the line (a URL, a long code), between
characters: nothing is ever drawn past the right margin.
"""

from __future__ import annotations

from reportlab.lib.colors import Color  # type: ignore[import-untyped]
from reportlab.lib.utils import simpleSplit  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from kiosk.documents.fonts import FONT_BOLD, FONT_REGULAR
from kiosk.documents.qr import MM

__all__ = ["GREY", "INK", "MARGIN", "MM", "RULE", "Page", "wrap"]

MARGIN = 20 * MM
INK = Color(0, 0, 0)
GREY = Color(0.3, 0.3, 0.3)
RULE = Color(0.55, 0.55, 0.55)


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
