"""The last step of «Construir el número» (department, court, year, number): the number the
answers build must be a real one, and when it is not the parser's words say why, on the year
(a year not yet come, one before the SGT existed). One check for every lookup that builds one."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.case_numbers import MESSAGES as CASE_MESSAGES
from kiosk.case_numbers import CaseNumberError
from kiosk.flows.model import Answers, FieldError, Validator
from kiosk.flows.text import Text


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
