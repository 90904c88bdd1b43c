"""The generic question screen: renders any QuestionStep of any flow (UX.md: one question per
screen, the heading is the question, errors summarised at the top, typed values kept)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.flows.model import Choice, Field, FieldError, FieldKind, QuestionStep
from kiosk.i18n import tr
from kiosk.ui.screens.base import Intent, Screen, label
from kiosk.ui.wrap_button import WrapButton

YES_NO = (("si", "Sí"), ("no", "No"))
LONG_OPTION = 40  # characters: an option longer than this takes the whole width


class QuestionScreen(Screen):
    def __init__(
        self,
        flow_id: str,
        step: QuestionStep,
        raw: dict[str, str],
        progress: str,
        options: dict[str, tuple[Choice, ...]] | None = None,
        *,
        in_group: bool = False,
    ) -> None:
        """``options``: a choice's options when they depend on earlier answers. ``in_group``:
        one of several questions on a desk's screen (``GroupScreen``): the question is a
        subheading named ``label.question.<step>``."""
        super().__init__(f"{flow_id}.{step.id}")
        self.step = step
        self._inputs: dict[str, QLineEdit] = {}
        self._choices: dict[str, QButtonGroup] = {}
        self._errors: dict[str, QLabel] = {}

        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        if progress:
            layout.addWidget(label(progress, "step", "label.step"))
        if in_group:
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(label(step.title, "subheading", f"label.question.{step.id}"))
        else:
            layout.addWidget(label(step.title, "heading", "label.heading"))
        if step.intro:
            intro = f"label.intro.{step.id}" if in_group else "label.intro"
            layout.addWidget(label(step.intro, "body", intro))
        self.summary = QFrame()
        self.summary.setObjectName("error-summary")
        self.summary.setProperty("kind", "error-summary")
        self.summary_layout = QVBoxLayout(self.summary)
        self.summary.hide()
        layout.addWidget(self.summary)
        self._options = dict(options or {})
        for field in step.fields:
            layout.addWidget(self._field_block(field, raw.get(field.id, "")))
        if step.alternative is not None:
            other = WrapButton(tr(step.alternative.label))  # a long offer wraps, never cut
            other.setProperty("role", "link")
            other.setObjectName("action.alternative")
            other.setMinimumHeight(64)
            other.clicked.connect(lambda: self.ask(Intent.ALTERNATIVE))
            layout.addWidget(other)
        if not in_group:
            layout.addStretch(1)

    # --- building ---------------------------------------------------------------------------

    def _field_block(self, field: Field, value: str) -> QWidget:
        block = QWidget()
        column = QVBoxLayout(block)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        title = label(field.label, "label", f"label.{field.id}")
        column.addWidget(title)
        if field.hint:
            column.addWidget(label(field.hint, "hint", f"hint.{field.id}"))
        error = label("", "error", f"error.{field.id}")
        error.hide()
        self._errors[field.id] = error
        column.addWidget(error)
        if field.kind in (FieldKind.CHOICE, FieldKind.YES_NO):
            column.addWidget(self._choice(field, value))
        else:
            edit = QLineEdit(value)
            edit.setObjectName(f"field.{field.id}")
            edit.setProperty("keypad", field.keypad)
            if field.sensitive:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            if field.max_length:
                edit.setMaxLength(field.max_length)
            title.setBuddy(edit)
            edit.returnPressed.connect(self._enter)
            self._inputs[field.id] = edit
            column.addWidget(edit)
        return block

    def _choice(self, field: Field, value: str) -> QWidget:
        box = QWidget()
        box.setObjectName(f"field.{field.id}")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        group = QButtonGroup(box)
        group.setExclusive(True)
        options = (
            YES_NO
            if field.kind is FieldKind.YES_NO
            else tuple(
                # the hint goes under the words: what the option means, in plain language
                (
                    choice.value,
                    f"{tr(choice.label)}\n{tr(choice.hint)}" if choice.hint else tr(choice.label),
                )
                for choice in self._options.get(field.id, field.choices)
            )
        )
        # options that carry a hint need the whole width for their two lines
        hinted = any(choice.hint for choice in self._options.get(field.id, field.choices))
        # long options (a court's full name) read best one per line, as a list
        long = any(len(text) > LONG_OPTION for _value, text in options)
        columns = 1 if hinted or long else (2 if len(options) <= 4 else 3)
        for column in range(columns):
            grid.setColumnStretch(column, 1)  # equal columns, whatever the words
        for index, (option, text) in enumerate(options):
            choice_button = WrapButton(text)  # translated above
            choice_button.setObjectName(f"field.{field.id}.{option}")
            choice_button.setProperty("role", "choice")
            choice_button.setProperty("value", option)
            choice_button.setCheckable(True)
            choice_button.setMinimumHeight(72)
            choice_button.setChecked(option == value)
            group.addButton(choice_button)
            grid.addWidget(choice_button, index // columns, index % columns)
        self._choices[field.id] = group
        return box

    # --- the contract -----------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        values = {field_id: edit.text() for field_id, edit in self._inputs.items()}
        for field_id, group in self._choices.items():
            checked = group.checkedButton()
            values[field_id] = str(checked.property("value")) if checked else ""
        return values

    def show_errors(self, errors: list[FieldError]) -> None:
        """The summary at the top lists every problem; each field shows its own; values stay."""
        while self.summary_layout.count():
            item = self.summary_layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        for field_id, error_label in self._errors.items():
            error_label.hide()
            self._mark(field_id, invalid=False)
        if not errors:
            self.summary.hide()
            return
        self.summary_layout.addWidget(label("Revise lo siguiente:", "error-title"))
        for error in errors:
            message = tr(error.text)
            line = label("", "error")
            line.setText(f"• {message}")  # already translated: not a catalog text
            self.summary_layout.addWidget(line)
            if error.field_id in self._errors:
                self._errors[error.field_id].setText(message)
                self._errors[error.field_id].show()
                self._mark(error.field_id, invalid=True)
        self.summary.show()
        first = errors[0].field_id
        if first in self._inputs:
            self._inputs[first].setFocus(Qt.FocusReason.OtherFocusReason)

    def _mark(self, field_id: str, *, invalid: bool) -> None:
        widget = self._inputs.get(field_id)
        if widget is not None:
            widget.setProperty("invalid", invalid)
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def focus_first(self) -> None:
        for edit in self._inputs.values():
            edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.setFocus()

    def clear(self) -> None:
        for edit in self._inputs.values():
            edit.clear()
        for group in self._choices.values():
            group.setExclusive(False)
            for option in group.buttons():
                option.setChecked(False)
            group.setExclusive(True)

    def _enter(self) -> None:
        """Enter in the last field acts as Continuar (physical keyboards, desk clerks)."""
        self.ask(Intent.CONTINUE)
