"""Flows are data: steps, fields and the graph that links them (no Qt, no I/O).

A ``Flow`` is a tuple of steps plus the id of the first one. Each step names the step that follows
it (``next``): a step id, a function of the answers that picks a branch, or ``None`` for "the step
listed after this one". ``kiosk.flows.engine.FlowRun`` walks a flow for one visitor.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from enum import StrEnum
from typing import Literal, TypeAlias

from kiosk.flows.records import Detail
from kiosk.flows.text import Shown, Text, _
from kiosk.identity import MESSAGES as IDENTITY_MESSAGES
from kiosk.identity import IdentityError

Answers: TypeAlias = dict[str, object]
"""Typed answers by field id: str, int, Decimal, date, bool, a choice value or None."""

Keypad = Literal["text", "numeric", "email"]
Validator: TypeAlias = Callable[[object, Answers], None]
QuestionNext: TypeAlias = str | Callable[[Answers], str] | None
ActionNext: TypeAlias = str | Callable[[Answers, object], str]
#: the words of an info or confirmation step: fixed, or made from the answers and results (a
#: Text keeps its parameters until display; several are paragraphs)
Body: TypeAlias = str | Callable[[Answers, dict[str, object]], Shown | tuple[Shown, ...]]


@dataclass(frozen=True)
class Code:
    """A code the visitor must keep, shown in large type apart from the body (``value.code.<id>``
    on screen: named by meaning, never by position)."""

    id: str  # "download", "verification", "payment_reference", ...
    label: str
    value: str


Codes: TypeAlias = Callable[[Answers, dict[str, object]], tuple[Code, ...]]


class FieldKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    YES_NO = "yes_no"
    DPI = "dpi"
    EMAIL = "email"
    PASSWORD = "password"  # noqa: S105 (a kind of field, not a secret)
    MONEY = "money"
    NAME = "name"
    CASE_NUMBER = "case_number"  # an expediente: SGT or a court's own (kiosk.case_numbers)


_KEYPADS: dict[FieldKind, Keypad] = {
    FieldKind.NUMBER: "numeric",
    FieldKind.MONEY: "numeric",
    FieldKind.DPI: "numeric",
    FieldKind.DATE: "numeric",  # "14051990" is accepted as 14/05/1990
    FieldKind.CASE_NUMBER: "numeric",  # digits and dashes; "Of." is rare and typed with letters
    FieldKind.EMAIL: "email",
}


class FieldError(Exception):
    """One field's input breaks a rule. ``text`` says how to fix it, translated at display time
    (a message with placeholders is a ``Text`` with its parameters); ``message`` is the Spanish."""

    def __init__(
        self,
        field_id: str,
        code: str,
        message: str | Text,
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.text = message if isinstance(message, Text) else Text(message)
        self.message = str(self.text)
        super().__init__(self.message)
        self.field_id = field_id
        self.code = code
        self.params: dict[str, object] = dict(params or self.text.params)

    @classmethod
    def from_identity(cls, error: IdentityError, field_id: str) -> FieldError:
        """The same rule, code and message, reported on ``field_id``."""
        template = IDENTITY_MESSAGES[error.message_key]
        return cls(field_id, error.code, Text(template, **error.params), error.params)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"FieldError({self.field_id!r}, {self.code!r})"


@dataclass(frozen=True)
class Choice:
    value: str
    label: Shown  # a Text is translated where it is shown (a date written out)
    hint: Shown = ""


@dataclass(frozen=True)
class Field:
    """One input. ``label`` names the answer on the review screen; the step title asks it."""

    id: str
    kind: FieldKind
    label: str
    hint: str = ""
    required: bool = True
    choices: tuple[Choice, ...] = ()
    min_value: int | Decimal | None = None  # NUMBER and MONEY only
    max_value: int | Decimal | None = None
    max_length: int | None = None
    validator: Validator | None = None  # a cross-field check; raises FieldError or IdentityError
    sensitive: bool = False  # forced True for PASSWORD: masked on review, never logged
    required_message: str = ""  # overrides the default "Escriba …" when the field is left empty
    check_policy: bool = True  # PASSWORD: apply the password policy (off for "repeat it")
    in_review: bool = True  # listed on the review screen (off for a "repeat it" field)
    keypad_override: Keypad | None = None
    #: CHOICE only: options that depend on earlier answers (the courts of the department chosen)
    choices_from: Callable[[Answers], tuple[Choice, ...]] | None = None

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("a field needs an id")
        if self.kind is FieldKind.PASSWORD:
            object.__setattr__(self, "sensitive", True)
        if self.kind is FieldKind.CHOICE and not (self.choices or self.choices_from):
            raise ValueError(f"field {self.id!r}: a CHOICE field needs choices")
        if self.choices_from is not None and (self.kind is not FieldKind.CHOICE or self.choices):
            raise ValueError(f"field {self.id!r}: choices_from is for a CHOICE without choices")
        if self.kind is not FieldKind.CHOICE and self.choices:
            raise ValueError(f"field {self.id!r}: only CHOICE fields have choices")
        values = [choice.value for choice in self.choices]
        if len(set(values)) != len(values):
            raise ValueError(f"field {self.id!r}: choice values repeat")
        numeric = self.kind in (FieldKind.NUMBER, FieldKind.MONEY)
        if not numeric and (self.min_value is not None or self.max_value is not None):
            raise ValueError(f"field {self.id!r}: min_value/max_value are for NUMBER and MONEY")

    def options(self, answers: Answers) -> tuple[Choice, ...]:
        """The choices offered now (the fixed ones, or those the earlier answers give)."""
        return self.choices_from(answers) if self.choices_from is not None else self.choices

    @property
    def keypad(self) -> Keypad:
        """Which on-screen keyboard the UI shows (CHOICE and YES_NO show tiles, no keyboard)."""
        return self.keypad_override or _KEYPADS.get(self.kind, "text")


@dataclass(frozen=True)
class Alternative:
    """Another way to answer a question, offered under it (a secondary button): "No sé cómo se
    escribe: construir el número" leads to ``step`` without checking what was typed."""

    label: str
    step: str


@dataclass(frozen=True)
class QuestionStep:
    """One question (or a small group) per screen; ``title`` is the question."""

    id: str
    title: str
    fields: tuple[Field, ...]
    next: QuestionNext = None
    intro: str = ""
    alternative: Alternative | None = None


@dataclass(frozen=True)
class ReviewStep:
    """Check your answers: every answer on the current path, each with "Cambiar"."""

    id: str
    title: str
    next: str


@dataclass(frozen=True)
class ActionStep:
    """The UI runs the named async action (the service layer provides it), then branches.

    Its result is kept under the step's id: later actions receive it with the answers, and a
    confirmation body reads it. ``locks`` says what success means for the answers before it:

    * True (the default): they are final (an account was created, a request sent); the review
      shows them without "Cambiar" and "Atrás" stops after the action.
    * False: the action binds none of them (it checks a slip, opens a session, or prepares a
      payment order it reuses itself). They stay changeable, "Atrás" still leads past it, and
      the visitor passes it again without a call while what it would send is unchanged; once
      that changes, it runs again before the review lets the request go.
    """

    id: str
    title: str
    action: str
    next: ActionNext
    busy_text: str = _("Un momento, por favor…")
    locks: bool = True
    #: a long wait for someone else (the bank): the idle timer keeps counting, so a visitor who
    #: walked away is asked and then wiped instead of holding the kiosk for the whole wait
    idle_runs: bool = False


@dataclass(frozen=True)
class ConfirmationStep:
    """The end: what happened, the reference, what happens next.

    ``document`` names the printout the kiosk prints when the step is shown (the service that
    declares it knows how to make it from the flow's results); None prints nothing."""

    id: str
    title: str
    body: Body
    codes: Codes | None = None
    document: str | None = None


@dataclass(frozen=True)
class InfoStep:
    """Text only (for example what the service costs); "Continuar" goes on. ``codes`` and
    ``document`` as for ConfirmationStep (a payment slip is printed from an info step)."""

    id: str
    title: str
    body: Body
    next: QuestionNext = None
    codes: Codes | None = None
    document: str | None = None


# --- lookups: a list of what was found, then one record in detail -------------------------------


@dataclass(frozen=True)
class ResultsStep:
    """The rows of ``source`` (an action step whose result is a ResultsPage); choosing one
    answers ``field`` with its id and goes to ``next``. "Ver más" runs ``more`` (an action that
    receives the answers and, under ``"cursor"``, where to go on) and adds its rows. Nothing found
    says ``empty``; more than ``most`` rows in all asks to narrow the search (``too_many``)."""

    id: str
    title: str
    source: str
    field: str
    next: str
    empty: Shown
    more: str | None = None
    most: int = 50
    too_many: Shown = ""


@dataclass(frozen=True)
class DetailStep:
    """One record, read: ``detail`` makes it from the answers and results. The visit may end
    here ("Terminar"), go back to the results, or print ``document`` on request."""

    id: str
    title: str
    detail: Callable[[Answers, dict[str, object]], Detail]
    document: str | None = None


Step: TypeAlias = (
    QuestionStep | ReviewStep | ActionStep | ConfirmationStep | InfoStep | ResultsStep | DetailStep
)
#: the steps a visit may end on
END_STEPS = (ConfirmationStep, DetailStep)


@dataclass(frozen=True)
class Flow:
    id: str
    title: str
    steps: tuple[Step, ...]
    start: str
    #: the flow ends in a printed document: the review checks the printer before the visitor
    #: commits and, when it cannot print, says this (what the visitor gets instead); "" no check
    printer_notice: str = ""
    _by_id: dict[str, Step] = dataclass_field(init=False, repr=False, compare=False, hash=False)
    _fields: dict[str, tuple[Field, QuestionStep]] = dataclass_field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {step.id: step for step in self.steps})
        object.__setattr__(
            self,
            "_fields",
            {
                f.id: (f, step)
                for step in self.steps
                if isinstance(step, QuestionStep)
                for f in step.fields
            },
        )

    def step(self, step_id: str) -> Step:
        try:
            return self._by_id[step_id]
        except KeyError:
            raise KeyError(f"flow {self.id!r} has no step {step_id!r}") from None

    def field(self, field_id: str) -> Field:
        return self._field_entry(field_id)[0]

    def has_field(self, field_id: str) -> bool:
        return field_id in self._fields

    def step_of(self, field_id: str) -> QuestionStep:
        """The question step that asks ``field_id``."""
        return self._field_entry(field_id)[1]

    def _field_entry(self, field_id: str) -> tuple[Field, QuestionStep]:
        try:
            return self._fields[field_id]
        except KeyError:
            raise KeyError(f"flow {self.id!r} has no field {field_id!r}") from None

    def following(self, step_id: str) -> str | None:
        """The id of the step listed after ``step_id`` (what ``next=None`` means)."""
        index = [step.id for step in self.steps].index(step_id)
        return self.steps[index + 1].id if index + 1 < len(self.steps) else None

    def validate_graph(self) -> None:
        """Raise ValueError if an id repeats or a step leads nowhere; branch functions are
        checked by the flow's own test, which walks every branch."""
        problems: list[str] = []
        step_ids = [step.id for step in self.steps]
        problems += [f"step id {i!r} is used twice" for i in _repeated(step_ids)]
        field_ids = [f.id for s in self.steps if isinstance(s, QuestionStep) for f in s.fields]
        problems += [f"field id {i!r} is used twice" for i in _repeated(field_ids)]
        known = set(step_ids)
        problems += [  # results are handed to actions under the action's step id
            f"action step id {step.id!r} is also a field id"
            for step in self.steps
            if isinstance(step, ActionStep) and step.id in field_ids
        ]
        if self.start not in known:
            problems.append(f"start step {self.start!r} does not exist")
        for step in self.steps:
            if isinstance(step, QuestionStep) and not step.fields:
                problems.append(f"question step {step.id!r} has no fields")
            other = step.alternative if isinstance(step, QuestionStep) else None
            if other is not None and other.step not in known:
                problems.append(f"step {step.id!r} offers {other.step!r}: no such step")
            if isinstance(step, ResultsStep) and step.source not in known:
                problems.append(f"results step {step.id!r} lists {step.source!r}: no such step")
            if isinstance(step, END_STEPS):
                continue
            target = step.next
            if target is None:
                if self.following(step.id) is None:
                    problems.append(f"step {step.id!r} is the last one listed and has no next")
            elif isinstance(target, str) and target not in known:
                problems.append(f"step {step.id!r} leads to {target!r}, which does not exist")
        if not any(isinstance(step, END_STEPS) for step in self.steps):
            problems.append("no confirmation or detail step ends the flow")
        if problems:
            raise ValueError(f"flow {self.id!r}: " + "; ".join(problems))


def _repeated(ids: list[str]) -> list[str]:
    return [item for item, count in Counter(ids).items() if count > 1]
