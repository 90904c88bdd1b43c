"""A record's lead opens another service with answers it already knows (FlowRun.prefill)."""

from __future__ import annotations

from flow_fixtures import DEMO, TODAY

from kiosk.flows.engine import FlowRun


def test_prefill_answers_the_given_questions_and_stops_at_the_first_open_one() -> None:
    run = FlowRun(DEMO, today=TODAY)
    run.prefill({"has_lawyer": "no", "service": "copy"})
    assert run.current.id == "copies"
    assert run.answers["has_lawyer"] is False
    assert run.answers["service"] == "copy"
    assert run.back() and run.current.id == "service"  # every prefilled answer stays changeable


def test_prefill_stops_where_a_step_is_only_partly_given() -> None:
    run = FlowRun(DEMO, today=TODAY)
    run.prefill({"has_lawyer": "sí", "lawyer_name": "Ana López"})  # the number is not given
    assert run.current.id == "lawyer"
    assert "lawyer_name" not in run.answers


def test_a_refused_given_answer_is_asked_not_skipped() -> None:
    run = FlowRun(DEMO, today=TODAY)
    run.prefill({"has_lawyer": "no", "service": "no-such-service"})
    assert run.current.id == "service"
    assert "service" not in run.answers


def test_nothing_given_leaves_the_run_at_its_start() -> None:
    run = FlowRun(DEMO, today=TODAY)
    run.prefill({})
    assert run.current.id == DEMO.start
