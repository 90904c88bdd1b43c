"""Actions (retry, idempotency keys, results), reset and the graph checks of a flow."""

from __future__ import annotations

import uuid

import pytest
from flow_fixtures import DEMO, TODAY, VALID_DPI, walk_to_review

from kiosk.flows.engine import FlowRun, FlowStateError
from kiosk.flows.model import (
    ActionStep,
    Choice,
    ConfirmationStep,
    Field,
    FieldKind,
    Flow,
    QuestionStep,
    ReviewStep,
)
from kiosk.services.registry import SERVICES

# --- actions -------------------------------------------------------------------------------------


def test_a_failed_action_stays_with_the_same_key_and_success_advances(run: FlowRun) -> None:
    walk_to_review(run, lawyer=False, service="copy")
    run.submit({})
    key = run.action_key("send")
    assert uuid.UUID(key).version == 4
    run.fail_action()
    run.fail_action()
    assert run.current.id == "send" and run.pending_action == "send_request"
    assert run.action_failures == 2
    assert run.action_key("send") == key
    run.complete_action({"status": "accepted", "reference": "R1"})
    assert run.current.id == "accepted" and run.pending_action is None
    assert run.results["send"] == {"status": "accepted", "reference": "R1"}


def test_action_key_changes_when_the_answers_change(run: FlowRun) -> None:
    walk_to_review(run, lawyer=False, service="copy")
    first = run.action_key("send")
    run.change("copy_count")
    run.submit({"copy_count": "4", "budget": "Q30"})
    assert run.current.id == "review"
    second = run.action_key("send")
    assert second != first
    run.change("copy_count")
    run.submit({"copy_count": "3", "budget": "30,00"})
    assert run.action_key("send") == first  # the same request again: the same key
    other = FlowRun(DEMO, today=TODAY)
    walk_to_review(other, lawyer=False, service="copy")
    assert other.action_key("send") != first  # a random salt per run
    with pytest.raises(ValueError, match="not an action"):
        run.action_key("review")


def test_after_an_action_there_is_no_way_back(run: FlowRun) -> None:
    walk_to_review(run, lawyer=False, service="copy")
    run.submit({})
    assert run.can_go_back  # from a failed action the visitor may go back to the review
    run.complete_action({"status": "queued"})
    assert not run.can_go_back and run.back() is False
    with pytest.raises(FlowStateError):
        run.submit({})


# --- reset and privacy ---------------------------------------------------------------------------


def test_reset_wipes_everything(run: FlowRun) -> None:
    walk_to_review(run, lawyer=True, service="copy")
    run.submit({})
    key = run.action_key("send")
    run.fail_action()
    run.reset()
    assert run.answers == {} and run.raw == {} and run.results == {}
    assert run.current.id == "has_lawyer" and not run.can_go_back and not run.changing
    assert run.action_failures == 0
    walk_to_review(run, lawyer=True, service="copy")
    assert run.action_key("send") != key


def test_repr_shows_no_answers() -> None:
    run = FlowRun(SERVICES["cuenta"].flow, today=TODAY)
    run.submit({"dpi": VALID_DPI})
    assert VALID_DPI not in repr(run)
    assert repr(run) == "<FlowRun cuenta at birth_date>"


# --- graph checks --------------------------------------------------------------------------------


def test_every_registered_flow_and_the_demo_have_a_sound_graph() -> None:
    flows = [service.flow for service in SERVICES.values() if service.flow is not None]
    assert {"cuenta", "antecedentes-penales"} <= {flow.id for flow in flows}
    for flow in [*flows, DEMO]:
        flow.validate_graph()


def _field(field_id: str) -> Field:
    return Field(field_id, FieldKind.TEXT, field_id)


@pytest.mark.parametrize(
    ("steps", "start", "message"),
    [
        (
            (
                QuestionStep("a", "A", (_field("x"),), next="nowhere"),
                ConfirmationStep("z", "Z", ""),
            ),
            "a",
            "leads to 'nowhere'",
        ),
        (
            (
                QuestionStep("a", "A", (_field("x"),)),
                QuestionStep("a", "B", (_field("y"),)),
                ConfirmationStep("z", "Z", ""),
            ),
            "a",
            "step id 'a' is used twice",
        ),
        (
            (
                QuestionStep("a", "A", (_field("x"),)),
                QuestionStep("b", "B", (_field("x"),)),
                ConfirmationStep("z", "Z", ""),
            ),
            "a",
            "field id 'x' is used twice",
        ),
        ((ConfirmationStep("z", "Z", ""),), "missing", "start step 'missing' does not exist"),
        ((QuestionStep("a", "A", (_field("x"),)),), "a", "last one listed and has no next"),
        (
            (QuestionStep("a", "A", (_field("x"),), next="a"),),
            "a",
            "no confirmation or detail step",
        ),
        ((ReviewStep("r", "R", next="gone"), ConfirmationStep("z", "Z", "")), "r", "'gone'"),
    ],
)
def test_validate_graph_names_the_problem(
    steps: tuple[object, ...], start: str, message: str
) -> None:
    flow = Flow("broken", "Roto", steps, start)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=message):
        flow.validate_graph()


# --- a question after an action ------------------------------------------------------------------

TWO_ACTIONS = Flow(
    id="two_actions",
    title="Pagar una boleta",
    start="boleta",
    steps=(
        QuestionStep(
            "boleta", "¿Número de boleta?", (Field("boleta", FieldKind.NUMBER, "Boleta"),)
        ),
        ActionStep("check", "Buscando", "check_boleta", next="amount"),
        QuestionStep("amount", "¿Cuánto paga?", (Field("amount", FieldKind.MONEY, "Monto"),)),
        ReviewStep("review", "Revise", next="pay"),
        ActionStep("pay", "Pagando", "pay", next="paid"),
        ConfirmationStep("paid", "Pagado", "Listo."),
    ),
)


def test_after_a_completed_action_earlier_answers_are_locked() -> None:
    TWO_ACTIONS.validate_graph()
    run = FlowRun(TWO_ACTIONS, today=TODAY)
    run.submit({"boleta": "123"})
    assert [s.id for s in run.path()] == [s.id for s in TWO_ACTIONS.steps]  # a plain next is known
    assert run.progress() == (1, 3)
    run.complete_action("order-1")
    assert run.current.id == "amount" and not run.can_go_back and run.back() is False
    run.submit({"amount": "Q30"})
    assert {(i.field_id, i.changeable) for i in run.review_items()} == {
        ("boleta", False),
        ("amount", True),
    }
    with pytest.raises(ValueError, match="cannot be changed"):
        run.change("boleta")
    run.submit({})
    key = run.action_key("pay")
    run.results["check"] = "order-2"  # another result of the earlier action: another request
    assert run.action_key("pay") != key


def test_a_refused_secret_is_forgotten_and_a_refused_plain_answer_kept() -> None:
    flow = Flow(
        id="pin",
        title="PIN",
        start="ask",
        steps=(
            QuestionStep(
                "ask",
                "Ingrese",
                (
                    Field("name", FieldKind.TEXT, "Nombre"),
                    Field(
                        "pin",
                        FieldKind.PASSWORD,
                        "PIN",
                        check_policy=False,
                        keypad_override="numeric",
                    ),
                ),
            ),
            ActionStep("log_in", "Ingresando", "log_in", next="done"),
            ConfirmationStep("done", "Listo", "Bienvenido"),
        ),
    )
    run = FlowRun(flow, today=TODAY)
    run.submit({"name": "Ana", "pin": "2580"})
    run.fail_action(refused="name")
    assert run.raw["name"] == "Ana" and run.raw["pin"] == "2580"
    run.fail_action(refused="pin")
    assert "pin" not in run.raw and "pin" not in run.answers
    assert run.raw["name"] == "Ana" and run.answers["name"] == "Ana"
    run.fail_action(refused="no_such_field")  # a portal's name the flow does not have
    assert run.raw["name"] == "Ana"


def test_the_review_names_a_choice_whose_options_depend_on_earlier_answers() -> None:
    courts = {
        "9": (Choice("09006", "Juzgado de Trabajo de Quetzaltenango"),),
        "1": (Choice("01173", "Juzgado Primero de Trabajo de Guatemala"),),
    }
    flow = Flow(
        id="courts",
        title="Juzgados",
        start="department",
        steps=(
            QuestionStep(
                "department",
                "¿Departamento?",
                (
                    Field(
                        "department",
                        FieldKind.CHOICE,
                        "Departamento",
                        choices=(Choice("1", "Guatemala"), Choice("9", "Quetzaltenango")),
                    ),
                ),
            ),
            QuestionStep(
                "court",
                "¿Juzgado?",
                (
                    Field(
                        "court",
                        FieldKind.CHOICE,
                        "Juzgado",
                        choices_from=lambda answers: courts[str(answers["department"])],
                    ),
                ),
            ),
            ReviewStep("review", "Revise", next="done"),
            ConfirmationStep("done", "Listo", "Gracias"),
        ),
    )
    run = FlowRun(flow, today=TODAY)
    run.submit({"department": "9"})
    run.submit({"court": "09006"})
    shown = {item.field_id: str(item.display) for item in run.review_items()}
    assert shown == {
        "department": "Quetzaltenango",
        "court": "Juzgado de Trabajo de Quetzaltenango",
    }
