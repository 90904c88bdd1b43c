"""A desk's compact presentation (kiosk.flows.groups): which questions share a screen, and a
group walked through the engine's own rules (validation, cross-field checks, back, change)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from flow_fixtures import TODAY, VALID_DPI

from kiosk.flows.engine import FlowRun
from kiosk.flows.groups import MAX_FIELDS, MAX_STEPS, back_group, chunks, group, submit_group
from kiosk.flows.model import QuestionStep
from kiosk.flows.paths import resolve
from kiosk.services.registry import SERVICES

ACCOUNT = SERVICES["cuenta"].flow
GOOD = {
    "dpi": VALID_DPI,
    "birth_date": "14/05/1990",
    "email": "ana@example.com",
    "password": "lluvia en el lago",
    "password_repeat": "lluvia en el lago",
}


def test_the_account_questions_share_one_screen() -> None:
    assert ACCOUNT is not None
    run = FlowRun(ACCOUNT, today=TODAY)
    assert [s.id for s in group(run)] == ["dpi", "birth_date", "email", "password"]
    assert submit_group(run, GOOD) == []
    assert run.current.id == "review"
    assert run.answers["email"] == "ana@example.com"


def test_an_error_in_a_later_question_returns_to_the_group_with_everything_kept() -> None:
    assert ACCOUNT is not None
    run = FlowRun(ACCOUNT, today=TODAY)
    typed = {**GOOD, "birth_date": "02/06/2007", "email": "no es correo"}  # a minor
    [error] = submit_group(run, typed)
    assert (error.field_id, error.message) == (
        "birth_date",
        "Para crear una cuenta debe ser mayor de edad.",
    )
    assert run.current.id == "dpi"  # the screen shows the whole group again
    assert run.raw["email"] == "no es correo" and run.raw["password"] == GOOD["password"]
    [error] = submit_group(run, {**typed, "birth_date": "01/06/2007"})
    assert error.field_id == "email"  # each step checked in turn, with the answers before it
    assert submit_group(run, {**typed, "birth_date": "01/06/2007", "email": "a@b.gt"}) == []


def test_a_cross_field_rule_sees_the_answers_of_the_same_screen() -> None:
    assert ACCOUNT is not None
    run = FlowRun(ACCOUNT, today=TODAY)
    errors = submit_group(run, {**GOOD, "password": "x24567890y", "password_repeat": "x24567890y"})
    assert [e.code for e in errors] == ["password_contains_dpi"]


def test_back_from_the_review_returns_to_the_group_s_first_question() -> None:
    assert ACCOUNT is not None
    run = FlowRun(ACCOUNT, today=TODAY)
    submit_group(run, GOOD)
    assert back_group(run)
    assert run.current.id == "dpi" and len(group(run)) == 4
    assert not back_group(run)  # the first screen


def test_a_change_from_the_review_asks_that_question_alone() -> None:
    assert ACCOUNT is not None
    run = FlowRun(ACCOUNT, today=TODAY)
    submit_group(run, GOOD)
    run.change("email")
    assert [s.id for s in group(run)] == ["email"]
    assert submit_group(run, {"email": "otra@example.com"}) == []
    assert run.current.id == "review" and run.answers["email"] == "otra@example.com"


@pytest.mark.parametrize("service_id", sorted(s for s, v in SERVICES.items() if v.flow))
def test_a_group_never_hides_a_branch_or_a_dependent_choice(service_id: str) -> None:
    flow = SERVICES[service_id].flow
    assert flow is not None
    for ids in set(chunks(flow).values()):
        steps = [flow.step(i) for i in ids]
        assert all(isinstance(s, QuestionStep) for s in steps)
        assert len(steps) <= MAX_STEPS
        assert len(steps) == 1 or sum(len(s.fields) for s in steps) <= MAX_FIELDS
        for before, after in pairwise(steps):
            assert isinstance(before, QuestionStep) and isinstance(after, QuestionStep)
            assert not callable(before.next), (service_id, before.id)  # no branch inside
            assert before.alternative is None and after.alternative is None
            assert not any(f.choices_from for f in after.fields)
            assert resolve(flow, before, {}, {}) == after.id
