"""The screens of a lookup: what was found (a large row per match, "Ver más", nothing found, too
many) and one record read in large type (sections of facts, each state explained, a timeline of
what happened, "Imprimir"). The shell's content area scrolls with a finger (kinetic)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout

from kiosk.flows.model import ResultsStep
from kiosk.flows.records import Detail, DetailSection, ResultRow, ResultsPage
from kiosk.i18n import show, tr
from kiosk.ui.screens.base import Intent, Screen, button, label, set_kind
from kiosk.ui.wrap_button import WrapButton

ROW_HEIGHT = 88  # a row is a target for a finger, with room for two lines


class ResultsScreen(Screen):
    """Intents: SELECT (a row's id), MORE (the next page)."""

    def __init__(self, name: str, title: str, step: ResultsStep, page: ResultsPage) -> None:
        super().__init__(name)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(label(title, "heading", "label.heading"))
        if page.searched:
            layout.addWidget(_plain(show(page.searched), "hint", "label.searched"))
        if page.total == 0:
            layout.addWidget(_plain(show(step.empty), "body", "label.empty"))
        elif page.total > step.most and step.too_many:
            count = tr("Encontramos {n} resultados: son demasiados para verlos aquí.", n=page.total)
            layout.addWidget(_plain(count, "body", "label.count"))
            layout.addWidget(_plain(show(step.too_many), "body", "label.too_many"))
        else:
            count = (
                tr("Encontramos 1 resultado.")
                if page.total == 1
                else tr("Encontramos {n} resultados. Toque el que busca.", n=page.total)
            )
            layout.addWidget(_plain(count, "body", "label.count"))
            for row in page.rows:
                layout.addWidget(self._row(row))
            if page.next_cursor is not None:
                more = button("Ver más resultados", "secondary", "action.more")
                more.clicked.connect(lambda: self.ask(Intent.MORE))
                layout.addWidget(more, alignment=Qt.AlignmentFlag.AlignLeft)
        self.problem = label("", "error", "label.problem")
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def show_problem(self, message: str) -> None:
        """ "Ver más" did not work: the rows already shown stay."""
        self.problem.setText(message)
        self.problem.show()

    def _row(self, row: ResultRow) -> WrapButton:
        words = "\n".join([show(row.title), *(show(fact) for fact in row.facts)])
        widget = WrapButton(words)
        widget.setObjectName(f"action.select.{row.id}")
        widget.setProperty("role", "choice")
        widget.setMinimumHeight(ROW_HEIGHT)
        widget.setAccessibleName(words.replace("\n", ". "))
        widget.clicked.connect(lambda: self.ask(Intent.SELECT, row.id))
        return widget


class DetailScreen(Screen):
    """One record. Intent: PRINT (a printout of what is shown)."""

    def __init__(self, name: str, title: str, detail: Detail, *, printable: bool) -> None:
        super().__init__(name)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(label(title, "heading", "label.heading"))
        top = QHBoxLayout()  # "Imprimir" beside the number: seen without scrolling
        top.addWidget(_plain(show(detail.heading), "code", "value.heading"), 1)
        self.print_button = button("Imprimir", "secondary", "action.print")
        self.print_button.clicked.connect(lambda: self.ask(Intent.PRINT))
        self.print_button.setVisible(printable)
        top.addWidget(self.print_button, alignment=Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.print_status = label("", "body", "label.print_status")
        self.print_status.hide()
        layout.addWidget(self.print_status)
        for section in detail.sections:
            layout.addWidget(self._section(section))
        layout.addStretch(1)

    @staticmethod
    def _section(section: DetailSection) -> QFrame:
        card = QFrame()
        card.setObjectName(f"section.{section.id}")
        card.setProperty("kind", "card")
        column = QVBoxLayout(card)
        column.setSpacing(10)
        column.addWidget(_plain(show(section.title), "subheading"))
        if section.rows:
            grid = QGridLayout()
            grid.setHorizontalSpacing(24)
            grid.setVerticalSpacing(10)
            line = 0
            for row in section.rows:
                grid.addWidget(label(row.label, "label"), line, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(_plain(show(row.value), "value", f"value.{row.id}"), line, 1)
                line += 1
                if row.explain:
                    grid.addWidget(_plain(show(row.explain), "hint", f"hint.{row.id}"), line, 1)
                    line += 1
            grid.setColumnStretch(1, 1)
            column.addLayout(grid)
        for index, (day, what) in enumerate(section.timeline):
            entry = _plain(f"{day}   {show(what)}", "body", f"value.{section.id}.{index}")
            column.addWidget(entry)
        if section.note:
            column.addWidget(_plain(show(section.note), "hint", f"note.{section.id}"))
        return card

    def show_printing(self) -> None:
        self.print_status.setText(tr("Imprimiendo su documento…"))
        self.print_status.show()
        self.print_button.setEnabled(False)

    def show_printed(self, message: str, *, ok: bool) -> None:
        set_kind(self.print_status, "success" if ok else "error", message)
        self.print_button.setEnabled(True)
        self.print_button.setText(tr("Imprimir otra vez"))


def _plain(text: str, kind: str, name: str | None = None) -> QLabel:
    """A label whose words are already in the visitor's language (data or a translated Text)."""
    widget = label("", kind, name)
    widget.setText(text)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget
