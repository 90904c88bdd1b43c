"""The last step of «Construir el número» (department, court, year, number): the number the
answers build must be a real one, and when it is not the parser's words say why, on the year
(a year not yet come, one before the SGT existed). One check, and one step, for every lookup
that builds one."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.case_numbers import MESSAGES as CASE_MESSAGES
from kiosk.case_numbers import SGT_SINCE, CaseNumberError
from kiosk.flows.model import Answers, Field, FieldError, FieldKind, QuestionStep, Validator
from kiosk.flows.text import Text, _

#: what the last step of «Construir el número» says the two parts are
OF_A_CASE = _("Son las dos últimas partes del número: el año y el número del expediente.")


def buildable(build: Callable[[Answers], object], *, field: str = "sequence") -> Validator:
    """A validator for ``field`` (the number, the step's last answer): ``build`` makes the case
    number from the answers with this value and raises CaseNumberError when it cannot be one."""

    def check(value: object, answers: Answers) -> None:
        if answers.get("year") is None:
            return  # the year's own check failed and says so; nothing to build yet
        built = {**answers, field: value}
        built.pop("number", None)  # a number typed before asking to build it is not this one
        try:
            build(built)
        except CaseNumberError as error:
            template = CASE_MESSAGES[error.message_key]
            raise FieldError("year", error.code, Text(template, **error.params)) from None

    return check


def year_sequence_step(
    build: Callable[[Answers], object], *, next: str, intro: str = OF_A_CASE
) -> QuestionStep:
    """The last step of «Construir el número»: the year (from the SGT's first) and the
    number, checked by ``build`` as one real case number (``buildable``)."""
    return QuestionStep(
        id="year_sequence",
        title=_("¿De qué año es y qué número tiene?"),
        intro=intro,
        fields=(
            Field("year", FieldKind.NUMBER, _("Año"), min_value=SGT_SINCE, max_value=2100),
            Field(
                "sequence",
                FieldKind.NUMBER,
                _("Número"),
                min_value=1,
                max_value=99999,
                validator=buildable(build),
            ),
        ),
        next=next,
    )
