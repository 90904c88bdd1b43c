"""One table from each kind of flow step to the screen that shows it (not an isinstance ladder):
a new step kind is a new row here and a screen class, nothing else in the controller."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.flows.engine import FlowRun
from kiosk.flows.model import (
    ActionStep,
    ConfirmationStep,
    DetailStep,
    InfoStep,
    QuestionStep,
    ResultsStep,
    ReviewStep,
    Step,
)
from kiosk.i18n import tr
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.lookup import DetailScreen, ResultsScreen
from kiosk.ui.screens.question import QuestionScreen
from kiosk.ui.screens.steps import OperationScreen, ReviewScreen, TextScreen


@dataclass(frozen=True)
class StepView:
    """What a screen of a flow step is made from."""

    service_id: str
    run: FlowRun
    progress: str  # "Paso N de M", or "" when it says nothing

    @property
    def name(self) -> str:
        return f"{self.service_id}.{self.run.current.id}"


def _question(view: StepView) -> Screen:
    step = view.run.current
    assert isinstance(step, QuestionStep)
    options = {f.id: f.options(view.run.answers) for f in step.fields if f.choices_from}
    return QuestionScreen(view.service_id, step, dict(view.run.raw), view.progress, options)


def _review(view: StepView) -> Screen:
    step = view.run.current
    return ReviewScreen(view.service_id, step.id, step.title, view.run.review_items())


def _operation(view: StepView) -> Screen:
    step = view.run.current
    assert isinstance(step, ActionStep)
    return OperationScreen(view.service_id, step.id, tr(step.busy_text))


def _text(view: StepView) -> Screen:
    step = view.run.current
    return TextScreen(view.name, step.title, view.run.body(), codes=view.run.codes())


def _results(view: StepView) -> Screen:
    step = view.run.current
    assert isinstance(step, ResultsStep)
    return ResultsScreen(view.name, step.title, step, view.run.page())


def _detail(view: StepView) -> Screen:
    step = view.run.current
    assert isinstance(step, DetailStep)
    return DetailScreen(view.name, step.title, view.run.detail(), printable=bool(step.document))


SCREENS: dict[type[Step], Callable[[StepView], Screen]] = {
    QuestionStep: _question,
    ReviewStep: _review,
    ActionStep: _operation,
    InfoStep: _text,
    ConfirmationStep: _text,
    ResultsStep: _results,
    DetailStep: _detail,
}


def screen_for(view: StepView) -> Screen:
    return SCREENS[type(view.run.current)](view)
