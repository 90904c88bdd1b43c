"""One section of a record, as a card: its rows, timeline and note, and what an information
service adds: text read in large type (an article), a QR for a phone (a map), a chart with its
numbers, a toggle to pick it for a printout of only some sections, and leads to another service.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.flows.records import DetailSection
from kiosk.i18n import show, tr
from kiosk.ui.screens.base import button, label
from kiosk.ui.wrap_button import WrapButton


def section_card(
    section: DetailSection,
    *,
    on_pick: Callable[[str, bool], None],
    on_lead: Callable[[str], None],
) -> QFrame:
    card = QFrame()
    card.setObjectName(f"section.{section.id}")
    card.setProperty("kind", "card")
    column = QVBoxLayout(card)
    column.setSpacing(10)
    column.addWidget(plain(show(section.title), "subheading"))
    if section.rows:
        column.addLayout(_rows(section))
    for index, paragraph in enumerate(section.text):
        column.addWidget(plain(show(paragraph), "reading", f"text.{section.id}.{index}"))
    for index, (day, what) in enumerate(section.timeline):
        column.addWidget(plain(f"{day}   {show(what)}", "body", f"value.{section.id}.{index}"))
    if section.chart is not None:
        from kiosk.ui.chart_view import chart_view  # QtCharts: only when a chart is shown

        chart = chart_view(section.chart)
        chart.setObjectName(f"chart.{section.id}")
        column.addWidget(chart)
    if section.qr:
        column.addLayout(_qr(section))
    if section.note:
        column.addWidget(plain(show(section.note), "hint", f"note.{section.id}"))
    for lead in section.leads:
        way = button(show(lead.label), "secondary", f"action.lead.{lead.id}")
        way.clicked.connect(lambda _checked=False, lead_id=lead.id: on_lead(lead_id))
        column.addWidget(way, alignment=Qt.AlignmentFlag.AlignLeft)
    if section.pickable:
        column.addWidget(_pick(section.id, on_pick), alignment=Qt.AlignmentFlag.AlignLeft)
    return card


def plain(text: str, kind: str, name: str | None = None) -> QLabel:
    """A label whose words are already in the visitor's language (data or a translated Text)."""
    widget = label("", kind, name)
    widget.setText(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)  # data: never read as markup
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


def _rows(section: DetailSection) -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(24)
    grid.setVerticalSpacing(10)
    line = 0
    for row in section.rows:
        grid.addWidget(label(row.label, "label"), line, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(plain(show(row.value), "value", f"value.{row.id}"), line, 1)
        line += 1
        if row.explain:
            grid.addWidget(plain(show(row.explain), "hint", f"hint.{row.id}"), line, 1)
            line += 1
    grid.setColumnStretch(1, 1)
    return grid


def _qr(section: DetailSection) -> QHBoxLayout:
    from kiosk.ui.qr_view import QrView

    line = QHBoxLayout()
    line.setSpacing(24)
    code = QrView(section.qr)
    code.setObjectName(f"qr.{section.id}")
    code.setAccessibleName(tr("Código QR"))
    line.addWidget(code, alignment=Qt.AlignmentFlag.AlignTop)
    if section.qr_caption:
        line.addWidget(plain(show(section.qr_caption), "body", f"hint.qr.{section.id}"), 1)
    else:
        line.addStretch(1)
    return line


class _PickToggle(QPushButton):
    """«Elegir para imprimir», then «Elegido para imprimir ✓» in bold: as wide as the wider of
    its words in bold, measured in the font the theme gives it (known only once polished)."""

    def __init__(self, words: tuple[str, str]) -> None:
        super().__init__(words[0])
        self.words = words
        self.setCheckable(True)
        self.setProperty("role", "choice")
        self.setMinimumHeight(64)
        self.toggled.connect(lambda on: self.setText(words[1] if on else words[0]))

    def sizeHint(self) -> QSize:
        bold = QFont(self.font())
        bold.setBold(True)
        widest = max(QFontMetrics(bold).horizontalAdvance(word) for word in self.words)
        return QSize(widest + WrapButton.PADDING, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


def _pick(section_id: str, on_pick: Callable[[str, bool], None]) -> QWidget:
    toggle = _PickToggle((tr("Elegir para imprimir"), tr("Elegido para imprimir ✓")))
    toggle.setObjectName(f"action.pick.{section_id}")
    toggle.toggled.connect(lambda on: on_pick(section_id, on))
    return toggle
