"""Camera pictures for the verification tests and benchmarks/verify_latency.py: a 1280x720 frame
with a QR code in the middle, as a paper or a phone held up to the kiosk's camera looks (grey
around it, a white quiet zone)."""

from __future__ import annotations

import segno
from PySide6.QtGui import QColor, QImage, QPainter


def qr_frame(text: str, *, scale: int = 5) -> QImage:
    image = QImage(1280, 720, QImage.Format.Format_RGB32)
    image.fill(QColor("#7A7A7A"))
    matrix = list(segno.make(text, error="q", micro=False).matrix_iter(scale=scale, border=4))
    side = len(matrix)
    code = QImage(side, side, QImage.Format.Format_RGB32)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            code.setPixel(x, y, 0xFF000000 if dark else 0xFFFFFFFF)
    painter = QPainter(image)
    painter.drawImage((1280 - side) // 2, (720 - side) // 2, code)
    painter.end()
    return image
