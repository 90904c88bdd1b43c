"""Several questions of a flow on one screen (a desk's compact presentation, see
``kiosk.flows.groups``): each question is a ``QuestionScreen`` block under the one progress
line. Intro in a field moves to the next field; in the last one it continues. The screen is
named after its first question."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLineEdit, QVBoxLayout

from kiosk.flows.model import Choice, FieldError, QuestionStep
from kiosk.ui.screens.base import Intent, Screen, label
from kiosk.ui.screens.question import QuestionScreen


class GroupScreen(Screen):
    def __init__(
        self,
        flow_id: str,
        steps: tuple[QuestionStep, ...],
        raw: dict[str, str],
        progress: str,
        options: dict[str, tuple[Choice, ...]] | None = None,
    ) -> None:
        super().__init__(f"{flow_id}.{steps[0].id}")
        self.setProperty("grouped", True)
        layout = QVBoxLayout(self)
        layout.setSpacing(18)
        if progress:
            layout.addWidget(label(progress, "step", "label.step"))
        self.blocks: list[QuestionScreen] = []
        for index, step in enumerate(steps):
            if index:
                rule = QFrame()
                rule.setFrameShape(QFrame.Shape.HLine)
                layout.addWidget(rule)
            block = QuestionScreen(flow_id, step, raw, "", options, in_group=True)
            block.setObjectName(f"block.{step.id}")
            block.navigate.connect(self._from_block)
            self.blocks.append(block)
            layout.addWidget(block)
        layout.addStretch(1)

    def _inputs(self) -> list[QLineEdit]:
        return [edit for block in self.blocks for edit in block._inputs.values()]

    def _from_block(self, intent: Intent, argument: str) -> None:
        if intent is Intent.CONTINUE:
            fields = self._inputs()
            focused = next((f for f in fields if f.hasFocus()), None)
            if focused is not None and focused is not fields[-1]:
                fields[fields.index(focused) + 1].setFocus(Qt.FocusReason.TabFocusReason)
                return
        self.ask(intent, argument)

    def values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for block in self.blocks:
            values.update(block.values())
        return values

    def show_errors(self, errors: list[FieldError]) -> None:
        """Each block shows the errors of its own fields (the engine reports one step's, and
        that block takes the focus to its first wrong field)."""
        for block in self.blocks:
            own = {f.id for f in block.step.fields}
            block.show_errors([e for e in errors if e.field_id in own])

    def focus_first(self) -> None:
        if self.blocks:
            self.blocks[0].focus_first()

    def clear(self) -> None:
        for block in self.blocks:
            block.clear()
