"""QR symbols drawn as vector rectangles on a reportlab canvas (sharp at any printer resolution).

segno makes the matrix; ``draw_qr`` fills the dark modules as one path (horizontal runs merged:
no hairline seams between modules, small output). Module sizes are whole dots of a 600 dpi
printer, so every module prints with the same width. The caller keeps the quiet zone clear.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import black  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

__all__ = ["MM", "PRINTER_DOT", "QUIET_ZONE_MODULES", "QrPlacement", "draw_qr", "qr_placement"]

PRINTER_DOT = 72 / 600  # points
MM = 72 / 25.4  # points in a millimetre
QUIET_ZONE_MODULES = 4  # ISO/IEC 18004

Matrix = Sequence[bytes | bytearray]


@dataclass(frozen=True)
class QrPlacement:
    """A symbol of ``modules`` per side, each module ``module`` points wide."""

    modules: int
    module: float

    @property
    def size(self) -> float:
        """The symbol's side in points, quiet zone excluded."""
        return self.modules * self.module

    @property
    def size_mm(self) -> float:
        return self.size / MM

    @property
    def quiet_zone(self) -> float:
        """The clear margin the symbol needs on every side, in points."""
        return QUIET_ZONE_MODULES * self.module


def qr_placement(modules: int, min_width_mm: float) -> QrPlacement:
    """The smallest whole-dot module size that makes the symbol at least ``min_width_mm`` wide."""
    if modules <= 0 or min_width_mm <= 0:
        raise ValueError("modules and width must be positive")
    dots = math.ceil(min_width_mm * MM / modules / PRINTER_DOT)
    return QrPlacement(modules, dots * PRINTER_DOT)


def draw_qr(canvas: Canvas, matrix: Matrix, *, x: float, top: float, module: float) -> None:
    """Fill the dark modules of ``matrix`` (rows of 0/1, top row first) with the symbol's top left
    corner at (``x``, ``top``)."""
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        y = top - (row_index + 1) * module
        col, width = 0, len(row)
        while col < width:
            if not row[col]:
                col += 1
                continue
            start = col
            while col < width and row[col]:
                col += 1
            path.rect(x + start * module, y, (col - start) * module, module)
    canvas.saveState()
    canvas.setFillColor(black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
