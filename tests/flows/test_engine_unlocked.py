"""Engine features: actions receive earlier results with the answers, and an action that does
not lock (``ActionStep(locks=False)``) leaves the answers before it changeable."""

from __future__ import annotations

import pytest
from flow_fixtures import TODAY

from kiosk.flows.engine import FlowRun
from kiosk.flows.model import (
    ActionStep,
    ConfirmationStep,
    Field,
    FieldKind,
    Flow,
    InfoStep,
    QuestionStep,
    ReviewStep,
)

# A slip is checked (no lock), a ticket is made (locks), the visitor confirms, the request goes.
CHECKED = Flow(
    id="checked",
    title="Con revisión",
    start="slip",
    steps=(
        QuestionStep("slip", "¿Número de boleta?", (Field("slip", FieldKind.NUMBER, "Boleta"),)),
        ActionStep("check", "Revisando", "check_slip", next="note", locks=False),
        QuestionStep("note", "¿Algún comentario?", (Field("note", FieldKind.TEXT, "Comentario"),)),
        InfoStep("info", "Antes de enviar", "Revise sus datos."),
        ReviewStep("review", "Revise", next="send"),
        ActionStep("send", "Enviando", "send", next="done"),
        ConfirmationStep("done", "Listo", "Listo."),
    ),
)


@pytest.fixture
def run() -> FlowRun:
    CHECKED.validate_graph()
    return FlowRun(CHECKED, today=TODAY)


def to_review(run: FlowRun, slip: str = "123") -> None:
    assert run.submit({"slip": slip}) == []
    run.complete_action(f"ok-{slip}")
    assert run.submit({"note": "nada"}) == [] and run.submit({}) == []
    assert run.current.id == "review"


def test_later_actions_receive_earlier_results_with_the_answers(run: FlowRun) -> None:
    run.submit({"slip": "123"})
    assert run.submitted_answers() == {"slip": 123}
    run.complete_action("ok-123")
    assert run.submitted_answers() == {"slip": 123, "check": "ok-123"}
    run.submit({"note": "nada"})
    run.submit({})
    run.submit({})
    assert run.submitted_answers() == {"slip": 123, "check": "ok-123", "note": "nada"}


def test_an_action_id_that_is_also_a_field_id_is_refused() -> None:
    flow = Flow(
        "clash",
        "Choque",
        (
            QuestionStep("a", "A", (Field("x", FieldKind.TEXT, "X"),)),
            ActionStep("x", "X", "do", next="z"),
            ConfirmationStep("z", "Z", ""),
        ),
        "a",
    )
    with pytest.raises(ValueError, match="action step id 'x' is also a field id"):
        flow.validate_graph()


def test_answers_before_an_unlocked_action_stay_changeable_and_the_way_back_open(
    run: FlowRun,
) -> None:
    run.submit({"slip": "123"})
    run.complete_action("ok-123")
    assert run.current.id == "note" and run.can_go_back
    assert run.back() and run.current.id == "slip"  # past the action, to the question
    assert run.submit({"slip": "123"}) == [] and run.current.id == "note"  # result holds: no call
    run.submit({"note": "nada"})
    run.submit({})
    assert all(item.changeable for item in run.review_items())
    assert run.submit({}) == [] and run.current.id == "send"  # the check holds: on to the request
    run.complete_action("sent")  # a locking action: no way back, answers final
    assert run.finished and not run.can_go_back


def test_a_change_runs_the_unlocked_action_again_then_returns(run: FlowRun) -> None:
    to_review(run)
    first = run.action_key("check")
    run.change("slip")
    assert run.submit({"slip": "456"}) == [] and run.current.id == "check" and run.changing
    assert run.action_key("check") != first
    run.fail_action()
    assert run.back() and run.current.id == "slip" and run.raw["slip"] == "456"
    run.submit({"slip": "456"})
    run.complete_action("ok-456")
    assert run.current.id == "review" and not run.changing  # "note" and "info" were done
    assert run.submitted_answers()["check"] == "ok-456"
    backs = []
    while run.back():
        backs.append(run.current.id)
    assert backs == ["info", "note", "slip"]  # the path again, past the action


def test_a_change_to_the_same_answer_does_not_run_it_again(run: FlowRun) -> None:
    to_review(run)
    run.change("slip")
    assert run.submit({"slip": "0123"}) == [] and run.current.id == "review"


def test_the_review_runs_an_unlocked_action_left_stale_before_sending(run: FlowRun) -> None:
    to_review(run)
    run.change("slip")
    run.submit({"slip": "456"})
    run.fail_action()
    run.back()
    run.back()
    assert run.current.id == "review" and not run.changing
    assert run.submit({}) == [] and run.current.id == "check" and run.changing
    run.complete_action("ok-456")
    assert run.current.id == "review"
    assert run.submit({}) == [] and run.current.id == "send"


def test_a_locking_action_keeps_its_old_behaviour() -> None:
    locking = Flow(
        "locking",
        "Con bloqueo",
        tuple(
            ActionStep(s.id, s.title, s.action, next=s.next) if isinstance(s, ActionStep) else s
            for s in CHECKED.steps
        ),
        "slip",
    )
    run = FlowRun(locking, today=TODAY)
    run.submit({"slip": "123"})
    run.complete_action("ok")
    assert run.current.id == "note" and not run.can_go_back
    run.submit({"note": "nada"})
    run.submit({})
    assert {i.field_id: i.changeable for i in run.review_items()} == {
        "slip": False,
        "note": True,
    }
