"""The screens of a lookup: what was found (a large row per match, "Ver más", nothing found, too
many) and one record read in large type (sections of facts, each state explained, a timeline of
what happened, "Imprimir"). The shell's content area scrolls with a finger (kinetic)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout

from kiosk.flows.model import ResultsStep
from kiosk.flows.records import Detail, ResultRow, ResultsPage
from kiosk.i18n import show, tr
from kiosk.ui.excerpt_row import ExcerptRow
from kiosk.ui.screens.base import Intent, Screen, button, label, set_kind
from kiosk.ui.screens.detail_parts import plain as _plain
from kiosk.ui.screens.detail_parts import section_card
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

    def _row(self, row: ResultRow) -> QPushButton:
        words = "\n".join([show(row.title), *(show(fact) for fact in row.facts)])
        widget: QPushButton
        if row.excerpt:
            widget = ExcerptRow(words, row.excerpt, f"label.excerpt.{row.id}")
            spoken = f"{words}\n{widget.excerpt.property('plain')}"
        else:
            widget, spoken = WrapButton(words), words
        widget.setObjectName(f"action.select.{row.id}")
        widget.setProperty("role", "choice")
        widget.setMinimumHeight(ROW_HEIGHT)
        widget.setAccessibleName(spoken.replace("\n", ". "))
        widget.clicked.connect(lambda: self.ask(Intent.SELECT, row.id))
        return widget


class DetailScreen(Screen):
    """One record. Intents: PRINT (a printout of what is shown; its argument the ids of the
    sections picked, comma-separated, or "" for all), LEAD (another service: a lead's id)."""

    def __init__(self, name: str, title: str, detail: Detail, *, printable: bool) -> None:
        super().__init__(name)
        pickable = printable and any(section.pickable for section in detail.sections)
        self.picked: list[str] = []
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(label(title, "heading", "label.heading"))
        top = QHBoxLayout()  # "Imprimir" beside the number: seen without scrolling
        top.addWidget(_plain(show(detail.heading), "code", "value.heading"), 1)
        self.print_button = button("Imprimir", "secondary", "action.print")
        if pickable:  # beside «Imprimir lo elegido»: says it prints all of what is read
            self.print_button.setText(tr("Imprimir todo"))
        self.print_button.clicked.connect(lambda: self.ask(Intent.PRINT))
        self.print_button.setVisible(printable)
        top.addWidget(self.print_button, alignment=Qt.AlignmentFlag.AlignTop)
        self.print_picked = button("", "primary", "action.print_picked")
        self.print_picked.clicked.connect(lambda: self.ask(Intent.PRINT, ",".join(self.picked)))
        self.print_picked.hide()
        top.addWidget(self.print_picked, alignment=Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        if pickable:
            how = tr("Para imprimir solo una parte, toque «Elegir para imprimir» en cada una.")
            layout.addWidget(_plain(how, "hint", "hint.pick"))
        self.print_status = label("", "body", "label.print_status")
        self.print_status.hide()
        layout.addWidget(self.print_status)
        for section in detail.sections:
            shown = section if printable else replace(section, pickable=False)
            card = section_card(shown, on_pick=self._pick,
                                on_lead=lambda lead: self.ask(Intent.LEAD, lead))  # fmt: skip
            layout.addWidget(card)
        layout.addStretch(1)

    def _pick(self, section_id: str, on: bool) -> None:
        if on and section_id not in self.picked:
            self.picked.append(section_id)
        elif not on and section_id in self.picked:
            self.picked.remove(section_id)
        count = len(self.picked)
        self.print_picked.setText(tr("Imprimir lo elegido ({n})", n=count))
        self.print_picked.setVisible(count > 0)

    def show_printing(self) -> None:
        self.print_status.setText(tr("Imprimiendo su documento…"))
        self.print_status.show()
        self.print_button.setEnabled(False)
        self.print_picked.setEnabled(False)
        self._reveal_status()

    def show_printed(self, message: str, *, ok: bool) -> None:
        set_kind(self.print_status, "success" if ok else "error", message)
        self.print_button.setEnabled(True)
        self.print_picked.setEnabled(True)
        if not self.picked:
            self.print_button.setText(tr("Imprimir otra vez"))
        self._reveal_status()

    def _reveal_status(self) -> None:
        """What printing says is seen where the visitor is: a long heading in large text pushes
        it below the fold, and the visitor may have scrolled down to pick articles."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if isinstance(area, QScrollArea):
            scroll = area
            QTimer.singleShot(0, lambda: scroll.ensureWidgetVisible(self.print_status, 0, 24))
