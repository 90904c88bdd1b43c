"""The flow engine, walked without a screen: branches, back, change, review, actions, reset."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from flow_fixtures import DEMO, DEMO_INPUT, TODAY, walk_to_review
from hypothesis import given
from hypothesis import strategies as st
from support.codes import body_of

from kiosk.flows.engine import FlowRun, FlowStateError
from kiosk.flows.model import (
    ConfirmationStep,
    InfoStep,
    QuestionStep,
    ReviewStep,
    Step,
)

BRANCH_STEPS = {
    "copy": ["copies"],
    "certificate": ["purpose"],
    "inspection": ["inspection_info", "inspection_date"],
}
BRANCH_FIELDS = {
    "copy": {"copy_count", "budget"},
    "certificate": {"purpose"},
    "inspection": {"visit_date"},
}


def ids(steps: list[Step]) -> list[str]:
    return [step.id for step in steps]


# --- every branch of the demo flow ---------------------------------------------------------------


@pytest.mark.parametrize("lawyer", [True, False])
@pytest.mark.parametrize("service", ["copy", "certificate", "inspection"])
@pytest.mark.parametrize(("status", "ending"), [("accepted", "accepted"), ("queued", "queued")])
def test_every_branch_of_the_demo_flow(
    run: FlowRun, lawyer: bool, service: str, status: str, ending: str
) -> None:
    visited = walk_to_review(run, lawyer=lawyer, service=service)
    lawyer_steps = ["lawyer"] if lawyer else []
    expected = ["has_lawyer", *lawyer_steps, "service", *BRANCH_STEPS[service], "review"]
    assert visited == expected
    assert ids(run.path()) == [*expected, "send"]  # the action's branch is not known yet

    fields = {"has_lawyer", "service"} | BRANCH_FIELDS[service]
    if lawyer:
        fields |= {"lawyer_name", "lawyer_number"}
    assert set(run.submitted_answers()) == fields
    assert {item.field_id for item in run.review_items()} == fields

    assert run.submit({}) == []
    assert run.pending_action == "send_request"
    run.complete_action({"status": status, "reference": "OJ-2025-000123"})
    assert run.current.id == ending
    assert run.finished and not run.can_go_back
    assert isinstance(run.current, ConfirmationStep)
    if ending == "accepted":
        assert body_of(run) == "Su solicitud quedó registrada con la referencia OJ-2025-000123."
    else:
        assert body_of(run) == "La atenderemos en la ventanilla."


def test_typed_answers_are_converted(run: FlowRun) -> None:
    walk_to_review(run, lawyer=True, service="copy")
    assert run.answers["has_lawyer"] is True
    assert run.answers["lawyer_name"] == "maría josé pérez"
    assert run.answers["lawyer_number"] == 1234
    assert run.answers["copy_count"] == 3
    assert run.answers["budget"] == Decimal("30.00")
    displays = {item.field_id: item.display for item in run.review_items()}
    assert displays["budget"] == "Q30.00"
    assert displays["has_lawyer"] == "Sí"
    assert displays["service"] == "Copias de un expediente"


def test_info_step_body_and_submit(run: FlowRun) -> None:
    run.submit({"has_lawyer": "no"})
    run.submit({"service": "inspection"})
    assert run.current.id == "inspection_info"
    assert body_of(run) == "No tiene costo."
    with pytest.raises(ValueError, match="takes no values"):
        run.submit({"x": "y"})
    assert run.submit({}) == []
    assert run.current.id == "inspection_date"


# --- errors --------------------------------------------------------------------------------------


def test_all_errors_of_a_step_are_collected_in_field_order_and_typing_is_kept(
    run: FlowRun,
) -> None:
    run.submit({"has_lawyer": "sí"})
    typed = {"lawyer_name": "Ana 3", "lawyer_number": "cero"}
    errors = run.submit(typed)
    assert [(e.field_id, e.code) for e in errors] == [
        ("lawyer_name", "name_characters"),
        ("lawyer_number", "number_format"),
    ]
    assert all(e.message for e in errors)
    assert run.current.id == "lawyer"
    assert run.raw["lawyer_name"] == "Ana 3" and run.raw["lawyer_number"] == "cero"
    assert "lawyer_name" not in run.answers and "lawyer_number" not in run.answers


def test_a_step_is_stored_all_or_nothing(run: FlowRun) -> None:
    run.submit({"has_lawyer": "sí"})
    assert run.submit({"lawyer_name": "Ana", "lawyer_number": "5"}) == []
    run.back()
    errors = run.submit({"lawyer_name": "Beatriz", "lawyer_number": "0"})
    assert [e.code for e in errors] == ["too_small"]
    assert run.answers["lawyer_name"] == "Ana"  # the valid half of a failed step is not stored
    assert run.raw["lawyer_name"] == "Beatriz"


def test_unknown_values_and_wrong_steps_are_programming_errors(run: FlowRun) -> None:
    with pytest.raises(ValueError, match="no field"):
        run.submit({"has_lawyer": "sí", "dpi": "1"})
    with pytest.raises(FlowStateError):
        run.complete_action(None)
    with pytest.raises(FlowStateError):
        run.fail_action()
    with pytest.raises(FlowStateError):
        run.change("has_lawyer")
    with pytest.raises(FlowStateError):
        body_of(run)


# --- back -----------------------------------------------------------------------------------------


def test_back_keeps_answers_and_typing(run: FlowRun) -> None:
    assert not run.can_go_back and run.back() is False
    walk_to_review(run, lawyer=True, service="certificate")
    answers = dict(run.answers)
    for expected in ["purpose", "service", "lawyer", "has_lawyer"]:
        assert run.back() is True
        assert run.current.id == expected
        assert run.answers == answers
    assert run.raw["lawyer_name"] == DEMO_INPUT["lawyer"]["lawyer_name"]
    assert not run.can_go_back
    # walking forward again re-asks with the same answers
    run.submit({"has_lawyer": run.raw["has_lawyer"]})
    assert run.current.id == "lawyer"


# --- change from the review ----------------------------------------------------------------------


def test_change_that_opens_a_question_asks_it_then_returns_to_review(run: FlowRun) -> None:
    walk_to_review(run, lawyer=False, service="copy")
    run.change("has_lawyer")
    assert run.current.id == "has_lawyer" and run.changing
    assert run.submit({"has_lawyer": "sí"}) == []
    assert run.current.id == "lawyer"  # new question, asked before coming back
    assert run.submit(DEMO_INPUT["lawyer"]) == []
    assert run.current.id == "review"  # "service" and "copies" were answered: not asked again
    assert not run.changing
    assert "lawyer_name" in {item.field_id for item in run.review_items()}
    # the back stack is the path again, not the detour
    backs = []
    while run.back():
        backs.append(run.current.id)
    assert backs == ["copies", "service", "lawyer", "has_lawyer"]


def test_change_that_closes_a_branch_drops_its_answers_from_review(run: FlowRun) -> None:
    walk_to_review(run, lawyer=True, service="copy")
    run.change("has_lawyer")
    run.submit({"has_lawyer": "no"})
    assert run.current.id == "review"
    shown = {item.field_id for item in run.review_items()}
    assert "lawyer_name" not in shown and "lawyer_number" not in shown
    assert "lawyer_name" not in run.submitted_answers()
    assert run.answers["lawyer_name"] == "maría josé pérez"  # kept, in case they come back
    # coming back to "yes" brings the old answers back without asking again
    run.change("has_lawyer")
    run.submit({"has_lawyer": "sí"})
    assert run.current.id == "review"
    assert run.submitted_answers()["lawyer_name"] == "maría josé pérez"


def test_change_to_another_choice_asks_the_new_branch(run: FlowRun) -> None:
    walk_to_review(run, lawyer=False, service="copy")
    run.change("service")
    run.submit({"service": "inspection"})
    assert run.current.id == "inspection_info"  # never read before: shown
    run.submit({})
    assert run.current.id == "inspection_date"
    run.submit(DEMO_INPUT["inspection_date"])
    assert run.current.id == "review"
    assert set(run.submitted_answers()) == {"has_lawyer", "service", "visit_date"}
    assert run.submitted_answers()["visit_date"] == date(2025, 6, 14)


def test_back_from_a_change_returns_to_review_unchanged(run: FlowRun) -> None:
    walk_to_review(run, lawyer=False, service="certificate")
    run.change("purpose")
    assert run.current.id == "purpose" and run.raw["purpose"] == "Trámite de pasaporte"
    assert run.back() and run.current.id == "review" and not run.changing


def test_change_rejects_a_field_off_the_path(run: FlowRun) -> None:
    walk_to_review(run, lawyer=False, service="copy")
    with pytest.raises(ValueError, match="cannot be changed"):
        run.change("purpose")


# --- progress ------------------------------------------------------------------------------------


@pytest.mark.parametrize("service", ["copy", "certificate", "inspection"])
def test_progress_moves_one_step_at_a_time_and_never_passes_the_total(
    run: FlowRun, service: str
) -> None:
    seen = [run.progress()]
    run.submit({"has_lawyer": "sí"})
    seen.append(run.progress())
    while not isinstance(run.current, ReviewStep):
        step = run.current
        values = {"service": service} if step.id == "service" else DEMO_INPUT.get(step.id, {})
        run.submit(values)
        seen.append(run.progress())
    assert all(1 <= n <= m for n, m in seen)
    assert [n for n, _ in seen] == sorted(n for n, _ in seen)
    assert seen[-1][0] == seen[-1][1]  # the review is the last counted step
    assert all(b[0] - a[0] <= 1 for a, b in itertools.pairwise(seen))


# --- any sequence of moves keeps the invariants --------------------------------------------------

MOVES = st.sampled_from(["continue", "invalid", "back", "change", "yes", "no", "other_service"])


@given(moves=st.lists(MOVES, max_size=40), change_index=st.integers(0, 10))
def test_any_sequence_of_moves_keeps_the_run_consistent(
    moves: list[str], change_index: int
) -> None:
    run = FlowRun(DEMO, today=TODAY)
    services = ["copy", "certificate", "inspection"]
    for move in moves:
        step = run.current
        if isinstance(step, ReviewStep) and move == "change":
            items = run.review_items()
            run.change(items[change_index % len(items)].field_id)
        elif move == "back":
            run.back()
        elif isinstance(step, QuestionStep):
            if move == "invalid":
                before = (run.current.id, dict(run.answers))
                assert run.submit({f.id: "" for f in step.fields if f.required}) != []
                assert (run.current.id, run.answers) == before
                continue
            if step.id == "has_lawyer":
                values = {"has_lawyer": "no" if move == "no" else "sí"}
            elif step.id == "service":
                choice = services[(len(moves) + (move == "other_service")) % 3]
                values = {"service": choice}
            else:
                values = DEMO_INPUT[step.id]
            assert run.submit(values) == []
        elif isinstance(step, ReviewStep | InfoStep):
            run.submit({})
        path = run.path()
        assert run.current.id in ids(path)
        if run.pending_action:  # an action never starts with a question left open
            assert all(
                all(f.id in run.answers for f in s.fields)
                for s in path
                if isinstance(s, QuestionStep)
            )
        n, m = run.progress()
        assert 1 <= n <= m
        on_path = {f.id for s in run.path() if isinstance(s, QuestionStep) for f in s.fields}
        assert set(run.submitted_answers()) <= on_path
        assert {i.field_id for i in run.review_items()} <= set(run.submitted_answers())
        assert run.can_go_back == (run.current.id != "has_lawyer" or run.changing)


def test_a_review_left_mid_change_asks_the_open_question_before_the_action(run: FlowRun) -> None:
    walk_to_review(run, lawyer=False, service="copy")
    run.change("has_lawyer")
    run.submit({"has_lawyer": "sí"})
    assert run.current.id == "lawyer"
    run.back()
    run.back()
    assert run.current.id == "review" and not run.changing
    assert run.submit({}) == []
    assert run.current.id == "lawyer" and run.changing  # not the action: a question is open
    run.submit(DEMO_INPUT["lawyer"])
    assert run.current.id == "review"
    run.submit({})
    assert run.pending_action == "send_request"
