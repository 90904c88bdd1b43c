"""A QR code drawn on screen for a visitor's phone to read (a map link on a directory card).

Dark modules on white with the standard quiet zone in every display mode: phones read dark on
light, and high contrast's light-on-dark would fail on many of them. Each module is a whole
number of pixels, so the symbol is crisp at any size it is given."""

from __future__ import annotations

import segno
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4  # modules of white around the symbol (ISO/IEC 18004)
MODULE_PX = 6  # a phone held a step away reads 6 px modules on a 1080p panel


class QrView(QWidget):
    def __init__(self, payload: str) -> None:
        super().__init__()
        self.payload = payload
        self._matrix = [bytes(row) for row in segno.make(payload, error="m").matrix]
        side = (len(self._matrix) + 2 * QUIET_ZONE) * MODULE_PX
        self.setFixedSize(QSize(side, side))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        module = self.width() // (len(self._matrix) + 2 * QUIET_ZONE)
        offset = (self.width() - module * len(self._matrix)) // 2
        dark = QColor(Qt.GlobalColor.black)
        for y, row in enumerate(self._matrix):
            for x, on in enumerate(row):
                if on:
                    painter.fillRect(QRect(offset + x * module, offset + y * module, module,
                                           module), dark)  # fmt: skip
        painter.end()
