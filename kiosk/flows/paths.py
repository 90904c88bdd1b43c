"""Where a flow goes given the answers so far: pure functions over a flow, answers and results."""

from __future__ import annotations

from kiosk.flows.model import (
    END_STEPS,
    ActionStep,
    Answers,
    Flow,
    QuestionStep,
    ResultsStep,
    ReviewStep,
    Step,
)


class FlowStateError(RuntimeError):
    """The UI asked for something the current step does not offer (a programming error)."""


def alternative_key(step: QuestionStep) -> str:
    """The answer that says the visitor took the step's other way (never a field id: a dot)."""
    return f"{step.id}.alternative"


def took_alternative(step: QuestionStep, answers: Answers) -> bool:
    return step.alternative is not None and answers.get(alternative_key(step)) is True


def answered(step: QuestionStep, answers: Answers) -> bool:
    """Every field of the step has an answer (None counts for an optional field left empty),
    or the visitor chose to answer it the other way."""
    return took_alternative(step, answers) or all(f.id in answers for f in step.fields)


def resolve(flow: Flow, step: Step, answers: Answers, results: dict[str, object]) -> str:
    """The id of the step after ``step``; KeyError if a branch needs what is not known yet."""
    if isinstance(step, END_STEPS):
        raise FlowStateError(f"step {step.id!r} ends the flow")
    if isinstance(step, ResultsStep):
        return step.next
    if isinstance(step, ActionStep):
        if isinstance(step.next, str):
            return step.next
        return step.next(answers, results[step.id])
    if isinstance(step, ReviewStep):
        return step.next
    if isinstance(step, QuestionStep) and step.alternative and took_alternative(step, answers):
        return step.alternative.step
    if isinstance(step.next, str):
        return step.next
    if step.next is None:
        following = flow.following(step.id)
        if following is None:
            raise FlowStateError(f"step {step.id!r} is last and has no next")
        return following
    return step.next(answers)


def walk(flow: Flow, answers: Answers, results: dict[str, object]) -> list[Step]:
    """The steps from the start given the answers; it stops where a branch is not known yet
    (a branching question not answered, an action whose branch needs its result), at the end,
    or where a step would repeat."""
    steps: list[Step] = []
    seen: set[str] = set()
    step_id: str | None = flow.start
    while step_id is not None and step_id not in seen:
        step = flow.step(step_id)
        steps.append(step)
        seen.add(step_id)
        step_id = _known_next(flow, step, answers, results)
    return steps


def _known_next(flow: Flow, step: Step, answers: Answers, results: dict[str, object]) -> str | None:
    if isinstance(step, END_STEPS):
        return None
    if isinstance(step, ResultsStep) and step.field not in answers:
        return None
    unknown_result = isinstance(step, ActionStep) and step.id not in results
    if unknown_result and not isinstance(step.next, str):
        return None
    if isinstance(step, QuestionStep) and callable(step.next) and not answered(step, answers):
        return None
    try:
        return resolve(flow, step, answers, results)
    except KeyError:  # a branch function read an answer not given yet
        return None
