"""The clipping check sees cut text and only cut text, margins or not."""

from __future__ import annotations

from typing import Any

from clipping import clipped
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

WORDS = "Mediaciones que terminaron en acuerdo, por departamento y por año"


def _label(qtbot: Any, *, margin: int, height: int | None) -> QWidget:
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    label = QLabel(WORDS)
    label.setObjectName("label.words")
    label.setWordWrap(True)
    label.setContentsMargins(margin, margin, margin, margin)
    layout.addWidget(label)
    layout.addStretch(1)  # the label gets the height it asks for, no more
    root.resize(180, 400)
    root.show()
    if height is not None:
        label.setFixedHeight(height)
    qtbot.waitUntil(label.isVisible)
    return root


def test_a_wrapped_label_with_margins_that_fits_is_not_reported(qtbot: Any) -> None:
    assert clipped(_label(qtbot, margin=30, height=None)) == []


def test_a_wrapped_label_too_short_for_its_words_is_reported(qtbot: Any) -> None:
    assert [line.split(":")[0] for line in clipped(_label(qtbot, margin=30, height=30))] == [
        "label.words"
    ]
