"""Generic screens for the other kinds of flow steps: check your answers, text (info and
confirmation), an operation in progress or failed, and a service that is not in the kiosk yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QProgressBar, QSizePolicy, QVBoxLayout

from kiosk.flows.engine import ReviewItem
from kiosk.flows.model import Code
from kiosk.i18n import tr
from kiosk.text import Text
from kiosk.ui.screens.base import Intent, Screen, button, label, set_kind


class ReviewScreen(Screen):
    """Every answer on the visitor's path, each with "Cambiar" (``Intent.CHANGE``, its field)."""

    def __init__(self, flow_id: str, step_id: str, title: str, items: list[ReviewItem]) -> None:
        super().__init__(f"{flow_id}.{step_id}")
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(label(title, "heading", "label.heading"))
        layout.addWidget(label("Revise que todo esté bien antes de continuar.", "body"))
        card = QFrame()
        card.setProperty("kind", "card")
        grid = QGridLayout(card)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(12)
        for row, item in enumerate(items):
            grid.addWidget(label(item.label, "label"), row, 0)
            value = label(item.display, "value", f"value.{item.field_id}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            # a long answer (a FEI concept, a court's name) takes the room left and wraps in it,
            # rather than claiming a wide minimum that squeezes «Cambiar» until its word is cut
            value.setMinimumWidth(1)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            grid.addWidget(value, row, 1)
            if item.changeable:
                change = button("Cambiar", "link", f"action.change.{item.field_id}")
                change.setAccessibleName(tr("Cambiar {label}", label=tr(item.label)))
                change.clicked.connect(
                    lambda _=False, field=item.field_id: self.ask(Intent.CHANGE, field)
                )
                grid.addWidget(change, row, 2)
        grid.setColumnStretch(1, 1)
        layout.addWidget(card)
        self.printer_notice = label("", "error", "label.printer_notice")
        self.printer_notice.hide()
        layout.addWidget(self.printer_notice)
        layout.addStretch(1)

    def show_printer_notice(self, message: str) -> None:
        """Said before the visitor commits: the document will not print here, and what instead."""
        self.printer_notice.setText(message)  # the flow's own words follow the printer's
        self.printer_notice.show()


class TextScreen(Screen):
    """Info and confirmation steps: a heading and plain words (and, at the end, a reference)."""

    def __init__(
        self, name: str, title: str, body: tuple[Text, ...], *, codes: tuple[Code, ...] = ()
    ) -> None:
        super().__init__(name)
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        layout.addWidget(label(title, "heading", "label.heading"))
        if codes:
            layout.addWidget(self._codes_card(codes))
        text = label("", "body", "label.body")
        text.setText("\n\n".join(tr(part) for part in body))  # said now, in today's language
        layout.addWidget(text)
        self.print_status = label("", "body", "label.print_status")
        self.print_status.hide()
        layout.addWidget(self.print_status)
        self.reprint = button("Imprimir otra vez", "secondary", "action.reprint")
        self.reprint.clicked.connect(lambda: self.ask(Intent.REPRINT))
        self.reprint.hide()
        layout.addWidget(self.reprint, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    @staticmethod
    def _codes_card(codes: tuple[Code, ...]) -> QFrame:
        """What the visitor must copy or keep, large enough to read from a step back."""
        card = QFrame()
        card.setProperty("kind", "card")
        grid = QGridLayout(card)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        for row, code in enumerate(codes):
            grid.addWidget(label(code.label, "label"), row, 0)
            shown = label("", "code", f"value.code.{code.id}")
            shown.setText(code.value)  # a code: never translated
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            grid.addWidget(shown, row, 1)
        grid.setColumnStretch(1, 1)
        return card

    def show_printing(self) -> None:
        self.print_status.setText(tr("Imprimiendo su documento…"))
        self.print_status.show()
        self.reprint.hide()

    def show_printed(self, message: str, *, ok: bool) -> None:
        """The job's end, in the visitor's words; a reprint is offered when it did not print."""
        set_kind(self.print_status, "success" if ok else "error", message)
        self.reprint.setVisible(not ok)


class OperationScreen(Screen):
    """An action step: visible progress while it runs; a clear message and a way forward if not."""

    def __init__(self, flow_id: str, step_id: str, busy_text: str) -> None:
        super().__init__(f"{flow_id}.{step_id}")
        layout = QVBoxLayout(self)
        layout.setSpacing(18)
        self.busy_text = busy_text
        self.heading = label(busy_text, "heading", "label.heading")
        layout.addWidget(self.heading)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setRange(0, 0)  # indeterminate: we cannot know how long the portal takes
        self.progress.setTextVisible(False)
        self.progress.setMinimumHeight(24)
        layout.addWidget(self.progress)
        self.message = label("", "body", "label.message")
        self.message.hide()
        layout.addWidget(self.message)
        self.retry = button("Intentar de nuevo", "primary", "action.retry")
        self.retry.clicked.connect(lambda: self.ask(Intent.RETRY))
        self.retry.hide()
        layout.addWidget(self.retry)
        layout.addStretch(1)

    def show_running(self) -> None:
        # Only the retry is switched off: disabling the whole screen moved the keyboard focus
        # on, and the scroll area followed it down, leaving the message out of view.
        self.heading.setText(tr(self.busy_text))  # a retry: no longer «No se pudo completar»
        self.progress.show()
        self.message.hide()
        self.retry.hide()
        self.retry.setEnabled(False)

    def show_failure(self, message: str, *, can_retry: bool) -> None:
        self.retry.setEnabled(True)
        self.progress.hide()
        self.heading.setText(tr("No se pudo completar"))
        advice = "" if can_retry else "\n\n" + tr("Toque «Atrás» para revisar y cambiar sus datos.")
        self.message.setText(message + advice)
        self.message.show()
        self.retry.setVisible(can_retry)


class ServiceInfoScreen(Screen):
    """A service the kiosk cannot serve now: not built yet, or unavailable at the portal. Honest,
    with where to go instead; never something that looks like a working flow."""

    def __init__(self, service: str, title: str, body: str) -> None:
        super().__init__(f"{service}.unavailable")
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        layout.addWidget(label(title, "heading", "label.heading"))
        text = label("", "body", "label.body")
        text.setText(body)
        layout.addWidget(text)
        home = button("Volver al inicio", "primary", "action.back_home")
        home.clicked.connect(lambda: self.ask(Intent.HOME))
        layout.addWidget(home, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
