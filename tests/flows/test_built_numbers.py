"""«Construir el número»: every lookup's last building step says on the year why the parts make
no real number, and says nothing (never crashes) while the year's own check is failing."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.case_numbers import build_case_number
from kiosk.flows.built_numbers import buildable
from kiosk.flows.model import Answers, Field, FieldError, QuestionStep, Step
from kiosk.services import diligences, labor_cases, peace_courts
from kiosk.services.hearings import questions as hearings

THIS_YEAR = date.today().year


def _built(answers: Answers) -> object:
    court = str(answers["court"])
    return build_case_number(
        int(court[:2]), int(court[2:]), int(str(answers["year"])), int(str(answers["sequence"])),
        this_year=THIS_YEAR,
    )  # fmt: skip


def test_a_real_number_passes_and_a_future_year_is_said_on_the_year() -> None:
    check = buildable(_built)
    check(77, {"court": "09006", "year": 2025})
    with pytest.raises(FieldError) as error:
        check(77, {"court": "09006", "year": THIS_YEAR + 1})
    assert error.value.field_id == "year" and error.value.code == "year_future"
    assert str(THIS_YEAR + 1) in error.value.message


def test_a_number_typed_before_building_is_not_the_one_built() -> None:
    seen: list[Answers] = []
    buildable(lambda answers: seen.append(answers))(5, {"number": "x", "year": 2020})
    assert seen == [{"year": 2020, "sequence": 5}]


def _sequence_field(steps: tuple[Step, ...]) -> Field:
    for step in steps:
        if isinstance(step, QuestionStep) and step.id == "year_sequence":
            return next(f for f in step.fields if f.id == "sequence")
    raise LookupError("year_sequence")


@pytest.mark.parametrize(
    "steps",
    [labor_cases.BUILD, peace_courts.BUILD, diligences.BUILD, (hearings.YEAR_SEQUENCE,)],
    ids=["labour", "peace", "diligences", "hearings"],
)
def test_every_builder_stays_quiet_while_the_year_is_refused(steps: tuple[Step, ...]) -> None:
    field = _sequence_field(steps)
    assert field.validator is not None
    field.validator(77, {"court": "09006"})  # no year: its own error is already shown
