"""Wrapped button words: every line fits, also in the bold type a chosen option is drawn in."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont, QFontMetrics

from kiosk.ui.wrap_button import WrapButton

WORDS = "Certificaciones y constancias de expedientes archivados en el Archivo General"


def _widest_line(button: WrapButton, font: QFont) -> int:
    metrics = QFontMetrics(font)
    return max(metrics.horizontalAdvance(line) for line in button.text().split("\n"))


def test_a_choice_wraps_for_the_bold_type_it_is_drawn_in_once_chosen(qtbot: Any) -> None:
    button = WrapButton(WORDS)
    qtbot.addWidget(button)
    button.setCheckable(True)
    font = QFont(button.font())
    font.setPointSize(20)
    button.setFont(font)
    bold = QFont(font)
    bold.setBold(True)
    regular_width = QFontMetrics(font).horizontalAdvance(WORDS)
    bold_width = QFontMetrics(bold).horizontalAdvance(WORDS)
    assert bold_width > regular_width  # the test means something only with a wider bold
    # wide enough for the words in regular type on one line, not in bold
    button.resize(regular_width + WrapButton.PADDING + 2, 120)
    button.set_words(WORDS)
    room = button.width() - WrapButton.PADDING
    assert _widest_line(button, bold) <= room
    assert "\n" in button.text()


def test_a_plain_button_wraps_for_its_own_type(qtbot: Any) -> None:
    button = WrapButton(WORDS)
    qtbot.addWidget(button)
    regular_width = QFontMetrics(button.font()).horizontalAdvance(WORDS)
    button.resize(regular_width + WrapButton.PADDING + 2, 120)
    button.set_words(WORDS)
    assert button.text() == WORDS  # one line: it fits
