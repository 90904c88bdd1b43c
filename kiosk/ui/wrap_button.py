"""A button whose words wrap to its width (a plain QPushButton cuts them off): long options,
header buttons and longer translations stay whole at any width and text size."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy


class WrapButton(QPushButton):
    """A button whose words wrap to its width (a plain QPushButton cuts them off): long options
    and longer translations stay whole at any width and text size."""

    PADDING = 56  # the theme's left and right padding plus the border, with room to spare

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._full = text
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_words(self, text: str) -> None:
        """New words (a language switch), wrapped to the width the button has now."""
        self._full = text
        self.setText(text)
        self._wrap()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._wrap()

    def _wrap(self) -> None:
        wrapped = wrap_text(self._full, self._widest_metrics(), self.width() - self.PADDING)
        if wrapped != self.text():
            self.setText(wrapped)
            self.updateGeometry()

    def _widest_metrics(self) -> QFontMetrics:
        """A choice is drawn bold once chosen: wrap for the bold words, or a line that just fits
        in regular type is cut off the moment the visitor taps it."""
        if not self.isCheckable():
            return self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        return QFontMetrics(bold)


def wrap_text(text: str, metrics: QFontMetrics, width: int) -> str:
    if width <= 0:
        return text
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and metrics.horizontalAdvance(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)
