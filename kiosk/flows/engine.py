"""``FlowRun``: one visitor walking one flow (answers, back stack, review, actions).

The run keeps every answer ever given, even on a branch the visitor left; only the answers on the
current path (``path()``) are shown on the review screen and handed to an action, together with
the results of the actions before it on that path. The UI drives it: ``submit`` on "Continuar",
``back`` on "Atrás", ``change`` on "Cambiar", and on an ``ActionStep`` it runs ``pending_action``
then calls ``complete_action`` or ``fail_action``.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from kiosk.flows.fields import format_value, parse_field
from kiosk.flows.keys import idempotency_key
from kiosk.flows.model import (
    END_STEPS,
    ActionStep,
    Answers,
    Code,
    ConfirmationStep,
    DetailStep,
    FieldError,
    Flow,
    InfoStep,
    QuestionStep,
    ResultsStep,
    ReviewStep,
    Step,
)
from kiosk.flows.paths import FlowStateError, alternative_key, answered, resolve, walk
from kiosk.flows.records import Detail, ResultsPage
from kiosk.flows.text import Shown
from kiosk.text import Text

__all__ = ["FlowRun", "FlowStateError", "ReviewItem"]


@dataclass(frozen=True)
class ReviewItem:
    field_id: str
    label: str
    display: Shown  # already masked for a sensitive field; a Text is translated when shown
    step_id: str
    changeable: bool = True  # False once an action after it has completed


class FlowRun:
    def __init__(self, flow: Flow, *, today: date) -> None:
        self.flow = flow
        self.today = today
        self.answers: Answers = {}
        self.raw: dict[str, str] = {}
        self.results: dict[str, object] = {}
        self.reset()

    def reset(self) -> None:
        """Forget everything the visitor gave or received (the session's privacy reset)."""
        self.answers.clear()
        self.raw.clear()
        self.results.clear()
        self._current = self.flow.start
        self._history: list[str] = []
        self._visited: set[str] = {self.flow.start}
        self._review_return: str | None = None
        self._failures: dict[str, int] = {}
        self._result_keys: dict[str, str] = {}  # the action_key each result was obtained with
        self._salt = secrets.token_bytes(16)

    def __repr__(self) -> str:  # never the answers: they hold a DPI, an email, a password
        return f"<FlowRun {self.flow.id} at {self._current}>"

    # --- where we are ---------------------------------------------------------------------

    @property
    def current(self) -> Step:
        return self.flow.step(self._current)

    @property
    def finished(self) -> bool:
        return isinstance(self.current, ConfirmationStep)

    @property
    def at_end(self) -> bool:
        """On a step the visit may end on: a confirmation, or a record read (which still lets the
        visitor go back to the results)."""
        return isinstance(self.current, END_STEPS)

    @property
    def can_go_back(self) -> bool:
        return bool(self._history) and not self.finished

    @property
    def changing(self) -> bool:
        """True between "Cambiar" and the return to the review screen."""
        return self._review_return is not None

    @property
    def pending_action(self) -> str | None:
        step = self.current
        return step.action if isinstance(step, ActionStep) else None

    @property
    def action_failures(self) -> int:
        """How many times the current action failed (the UI may send the visitor to the desk)."""
        return self._failures.get(self._current, 0)

    def body(self) -> tuple[Text, ...]:
        """The paragraphs of the current InfoStep or ConfirmationStep, as messages the screen
        translates (a Spanish source text is its own message id)."""
        step = self.current
        if not isinstance(step, InfoStep | ConfirmationStep):
            raise FlowStateError(f"step {step.id!r} has no body")
        made = (
            step.body
            if isinstance(step.body, str)
            else step.body(self.submitted_answers(), dict(self.results))
        )
        parts = made if isinstance(made, tuple) else (made,)
        return tuple(part if isinstance(part, Text) else Text(part) for part in parts)

    def codes(self) -> tuple[Code, ...]:
        """The codes the current step shows in large type."""
        step = self.current
        if not isinstance(step, InfoStep | ConfirmationStep) or step.codes is None:
            return ()
        return step.codes(self.submitted_answers(), dict(self.results))

    def page(self) -> ResultsPage:
        """The rows the current results step lists (every page fetched so far)."""
        step = self.current
        if not isinstance(step, ResultsStep):
            raise FlowStateError(f"step {step.id!r} lists no results")
        found = self.results.get(step.source)
        if not isinstance(found, ResultsPage):
            raise TypeError(f"{step.source!r} did not return a ResultsPage")
        return found

    def add_page(self, page: ResultsPage) -> None:
        """ "Ver más": the next page's rows after those already listed (same search)."""
        step = self.current
        shown = self.page()
        assert isinstance(step, ResultsStep)
        self.results[step.source] = ResultsPage(
            shown.rows + page.rows, page.total, page.next_cursor, shown.searched
        )

    def detail(self) -> Detail:
        step = self.current
        if not isinstance(step, DetailStep):
            raise FlowStateError(f"step {step.id!r} is no record")
        return step.detail(self.submitted_answers(), dict(self.results))

    # --- moving ---------------------------------------------------------------------------

    def submit(self, values: dict[str, str]) -> list[FieldError]:
        """On "Continuar": validate every field of the step; advance only if there is no error.
        On a results step the value is the chosen row's id."""
        step = self.current
        if isinstance(step, ResultsStep):
            chosen = values.get(step.field, "")
            if chosen not in {row.id for row in self.page().rows}:
                raise ValueError(f"{chosen!r} is not a row of {step.id!r}")
            self.answers[step.field] = chosen
        elif isinstance(step, QuestionStep):
            errors = self._accept(step, values)
            if errors:
                return errors
            self.answers.pop(alternative_key(step), None)  # answered here, not the other way
        elif isinstance(step, ReviewStep | InfoStep):
            if values:
                raise ValueError(f"step {step.id!r} takes no values")
            missing = self._first_open() if isinstance(step, ReviewStep) else None
            if missing is not None:  # left by "Atrás" in the middle of a change: do it first
                self._history.append(step.id)
                self._review_return = step.id
                self._current = missing
                return []
        else:
            raise FlowStateError(f"step {step.id!r} cannot be submitted")
        self._history.append(step.id)
        self._arrive(self._onward(self._resolve(step)))
        return []

    def prefill(self, given: Mapping[str, str]) -> None:
        """Start with what another service already knows (a record's ``Lead``): each question
        whose fields are all given is answered as if typed, in order, and the first one that is
        not (or whose given answer is refused) is where the visitor starts. "Atrás" leads back
        through them: every prefilled answer can still be changed."""
        for _ in range(len(self.flow.steps)):
            step = self.current
            if not isinstance(step, QuestionStep) or any(f.id not in given for f in step.fields):
                return
            if self.submit({f.id: given[f.id] for f in step.fields}):
                return

    def take_alternative(self) -> None:
        """The other way to answer the current question (its ``alternative``): its answers
        give way (what was typed is kept on screen) and the path goes through the other steps."""
        step = self.current
        if not isinstance(step, QuestionStep) or step.alternative is None:
            raise FlowStateError(f"step {step.id!r} offers no other way")
        for f in step.fields:
            self.answers.pop(f.id, None)
        self.answers[alternative_key(step)] = True
        self._history.append(step.id)
        self._arrive(step.alternative.step)

    def back(self) -> bool:
        """On "Atrás": the previous screen, every answer (and what was typed) kept."""
        if not self.can_go_back:
            return False
        self._current = self._history.pop()
        if isinstance(self.current, ReviewStep):
            self._review_return = None
        return True

    def change(self, field_id: str) -> None:
        """On "Cambiar" (review screen): ask that question again, then come back."""
        review = self.current
        if not isinstance(review, ReviewStep):
            raise FlowStateError("answers are changed from the review step")
        step = self.flow.step_of(field_id)
        if step.id not in self._changeable_step_ids():
            raise ValueError(f"field {field_id!r} cannot be changed now")
        self._history.append(review.id)
        self._review_return = review.id
        self._current = step.id

    def complete_action(self, result: object) -> None:
        """The action succeeded: keep its result and go where it leads. After an action that
        locks there is no way back; after one that does not, "Atrás" and a change go on."""
        step = self._action_step()
        self._result_keys[step.id] = self.action_key(step.id)
        self.results[step.id] = result
        target = self._resolve(step)
        if step.locks:
            self._history.clear()
            self._review_return = None
        self._arrive(self._onward(target))

    def fail_action(self, refused: str | None = None) -> None:
        """The action failed: stay, so the UI offers "Intentar de nuevo" (same ``action_key``).

        ``refused`` names the field the portal objected to: when it is a secret (a PIN, a
        password), what was typed is forgotten, so "Atrás" finds it empty to type again rather
        than full of dots that cannot be read or corrected."""
        step = self._action_step()
        self._failures[step.id] = self._failures.get(step.id, 0) + 1
        if refused and self.flow.has_field(refused) and self.flow.field(refused).sensitive:
            self.raw.pop(refused, None)
            self.answers.pop(refused, None)

    def _action_step(self) -> ActionStep:
        step = self.current
        if not isinstance(step, ActionStep):
            raise FlowStateError(f"step {step.id!r} is not an action")
        return step

    def _accept(self, step: QuestionStep, values: dict[str, str]) -> list[FieldError]:
        own = {f.id for f in step.fields}
        unknown = set(values) - own
        if unknown:
            raise ValueError(f"step {step.id!r} has no field {sorted(unknown)}")
        context = {k: v for k, v in self.answers.items() if k not in own}
        parsed: Answers = {}
        errors: list[FieldError] = []
        for f in step.fields:
            raw = values.get(f.id, "")
            self.raw[f.id] = raw
            try:
                parsed[f.id] = parse_field(f, raw, {**context, **parsed}, today=self.today)
            except FieldError as error:
                errors.append(error)
        if not errors:
            self.answers.update(parsed)
        return errors

    def _arrive(self, step_id: str) -> None:
        step = self.flow.step(step_id)
        if isinstance(step, ReviewStep) and self._review_return is not None:
            path = [s.id for s in self.path()]
            before = path[: path.index(step_id)] if step_id in path else []
            locked = self._locked_step_ids()
            self._history = [
                i
                for i in before
                if i not in locked and not isinstance(self.flow.step(i), ActionStep)
            ]
        if isinstance(step, ReviewStep):
            self._review_return = None
        self._current = step_id
        self._visited.add(step_id)

    def _onward(self, target: str) -> str:
        """Where a move forward lands: past an action that does not lock and whose result still
        holds, and, after a change, past steps already answered (or read) until a new one."""
        for _ in range(len(self.flow.steps)):
            step = self.flow.step(target)
            done = isinstance(step, ActionStep) and not step.locks and self._result_holds(step)
            done = done or self._only_row(step) or self._chosen_row(step)
            if self._review_return is not None:
                done = done or (
                    (isinstance(step, QuestionStep) and self._answered(step))
                    or (isinstance(step, InfoStep) and step.id in self._visited)
                )
            if not done:
                break
            target = self._resolve(step)
        return target

    def _only_row(self, step: Step) -> bool:
        """A results step with exactly one match is passed: the row is chosen for the visitor
        (a list of one is a tap for nothing). "Atrás" then skips it too."""
        if not isinstance(step, ResultsStep):
            return False
        page = self.results.get(step.source)
        if not isinstance(page, ResultsPage) or page.total != 1 or len(page.rows) != 1:
            return False
        self.answers[step.field] = page.rows[0].id
        return True

    def _chosen_row(self, step: Step) -> bool:
        """A results step whose page says which row is wanted is passed with that row chosen,
        and kept in the history: «Atrás» from what it led to shows the whole list."""
        if not isinstance(step, ResultsStep):
            return False
        page = self.results.get(step.source)
        if not isinstance(page, ResultsPage) or page.chosen is None:
            return False
        if page.chosen not in {row.id for row in page.rows}:
            return False
        self.answers[step.field] = page.chosen
        self._history.append(step.id)
        return True

    def _first_open(self) -> str | None:
        """What must happen before the review lets the request go: a question on the path left
        unanswered, or an action that does not lock whose result no longer holds."""
        for step in self.path():
            if step.id == self._current:
                return None
            if isinstance(step, QuestionStep) and not self._answered(step):
                return step.id
            if isinstance(step, ActionStep) and not step.locks and not self._result_holds(step):
                return step.id
        return None

    def _result_holds(self, step: ActionStep) -> bool:
        """The action has a result, obtained with what it would send now."""
        try:
            return self._result_keys.get(step.id) == self.action_key(step.id)
        except ValueError:  # not on the current path
            return False

    # --- the path and what is on it -------------------------------------------------------

    def path(self) -> list[Step]:
        """The steps from the start the visitor goes through given the answers so far; it stops
        where a branch is not known yet (an unanswered question, an action not yet run)."""
        return walk(self.flow, self.answers, self.results)

    def _resolve(self, step: Step) -> str:
        return resolve(self.flow, step, self.answers, self.results)

    def _answered(self, step: QuestionStep) -> bool:
        return answered(step, self.answers)

    def progress(self) -> tuple[int, int]:
        """(N, M) for "Paso N de M": question and review steps on the path; 1 <= N <= M."""
        path = self.path()
        counted = [s.id for s in path if isinstance(s, QuestionStep | ReviewStep)]
        total = len(counted)
        if self._current in counted:
            return counted.index(self._current) + 1, total
        ids = [s.id for s in path]
        position = ids.index(self._current) if self._current in ids else len(ids)
        done = sum(1 for i in ids[:position] if i in counted)
        shown = done + 1 if isinstance(self.current, InfoStep) else done
        return min(max(shown, 1), total), total

    def review_items(self) -> list[ReviewItem]:
        """Every answer on the current path, formatted; abandoned branches are left out."""
        changeable = self._changeable_step_ids()
        return [
            ReviewItem(
                f.id,
                f.label,
                format_value(f, self.answers[f.id], self.answers),
                step.id,
                step.id in changeable,
            )
            for step in self.path()
            if isinstance(step, QuestionStep)
            for f in step.fields
            if f.in_review and f.id in self.answers
        ]

    def submitted_answers(self) -> Answers:
        """What an action receives: the answers on the current path and, under its step id, the
        result of each action on it that has completed (a session, a payment order; the running
        action sees its own earlier result, to reuse what it made)."""
        answers: Answers = {}
        for step in self.path():
            if isinstance(step, QuestionStep):
                answers.update(
                    (f.id, self.answers[f.id]) for f in step.fields if f.id in self.answers
                )
            elif isinstance(step, ResultsStep) and step.field in self.answers:
                answers[step.field] = self.answers[step.field]
            elif isinstance(step, ActionStep) and step.id in self.results:
                answers[step.id] = self.results[step.id]
        return answers

    def _locked_step_ids(self) -> set[str]:
        """Steps before (and including) the last completed action on the path that locks."""
        path = self.path()
        done = [
            i
            for i, step in enumerate(path)
            if isinstance(step, ActionStep) and step.locks and step.id in self.results
        ]
        return {step.id for step in path[: done[-1] + 1]} if done else set()

    def _changeable_step_ids(self) -> set[str]:
        locked = self._locked_step_ids()
        return {s.id for s in self.path() if isinstance(s, QuestionStep) and s.id not in locked}

    def action_key(self, step_id: str) -> str:
        """The Idempotency-Key for the action of ``step_id``: the same on every retry, a new one
        as soon as an answer it would receive changes (a uuid4 string)."""
        path = self.path()
        ids = [s.id for s in path]
        if step_id not in ids or not isinstance(self.flow.step(step_id), ActionStep):
            raise ValueError(f"{step_id!r} is not an action on the current path")
        inputs: list[tuple[str, object]] = []
        for step in path[: ids.index(step_id)]:
            if isinstance(step, QuestionStep):
                inputs += [(f.id, self.answers[f.id]) for f in step.fields if f.id in self.answers]
            elif isinstance(step, ResultsStep) and step.field in self.answers:
                inputs.append((step.field, self.answers[step.field]))
            elif step.id in self.results:
                inputs.append((f"{step.id}->", self.results[step.id]))
        return idempotency_key(self._salt, step_id, inputs)
