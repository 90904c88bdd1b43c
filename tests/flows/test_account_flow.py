"""The account flow ("Crear una cuenta del portal"), walked without a screen."""

from __future__ import annotations

from datetime import date

from flow_fixtures import TODAY, VALID_DPI
from support.codes import body_of

from kiosk.flows.engine import FlowRun
from kiosk.services.registry import SERVICES

# --- the account flow ----------------------------------------------------------------------------


def _account_to_review(run: FlowRun) -> None:
    assert run.submit({"dpi": "2456 78905 0101"}) == []
    assert run.submit({"birth_date": "14/05/1990"}) == []
    assert run.submit({"email": "Ana@Gmail.COM"}) == []
    password = "lluvia en el lago de atitlán"
    assert run.submit({"password": password, "password_repeat": password}) == []


def test_account_flow_happy_path() -> None:
    run = FlowRun(SERVICES["cuenta"].flow, today=TODAY)
    _account_to_review(run)
    assert run.current.id == "review"
    items = {item.field_id: item.display for item in run.review_items()}
    assert items == {
        "dpi": "2456 78905 0101",
        "birth_date": "14/05/1990",
        "email": "Ana@gmail.com",
        "password": "••••••••",
    }
    assert run.submitted_answers()["birth_date"] == date(1990, 5, 14)
    run.submit({})
    assert run.pending_action == "create_account"
    run.complete_action(None)
    assert run.finished
    assert "Su cuenta está lista" in body_of(run) and "Ana@gmail.com" in body_of(run)


def test_account_flow_rejects_a_minor_and_mismatched_passwords() -> None:
    run = FlowRun(SERVICES["cuenta"].flow, today=TODAY)
    run.submit({"dpi": VALID_DPI})
    [error] = run.submit({"birth_date": "02/06/2007"})  # 18 tomorrow
    assert error.message == "Para crear una cuenta debe ser mayor de edad."
    assert run.submit({"birth_date": "01/06/2007"}) == []  # 18 today
    run.submit({"email": "ana@example.com"})
    [error] = run.submit({"password": "lluvia en el lago", "password_repeat": "lluvia en el lag"})
    assert (error.field_id, error.message) == (
        "password_repeat",
        "Las dos contraseñas no son iguales.",
    )
    errors = run.submit({"password": "corta", "password_repeat": ""})
    assert [(e.field_id, e.code) for e in errors] == [
        ("password", "password_too_short"),
        ("password_repeat", "required"),
    ]
    [error] = run.submit({"password": "x24567890y", "password_repeat": "x24567890y"})
    assert error.code == "password_contains_dpi"  # the policy sees the DPI answered earlier


def test_account_birth_date_in_the_future_keeps_the_identity_message() -> None:
    run = FlowRun(SERVICES["cuenta"].flow, today=TODAY)
    run.submit({"dpi": VALID_DPI})
    [error] = run.submit({"birth_date": "01/01/2030"})
    assert (error.field_id, error.code) == ("birth_date", "birth_date_future")


def test_account_flow_progress_is_linear() -> None:
    run = FlowRun(SERVICES["cuenta"].flow, today=TODAY)
    assert run.progress() == (1, 5)
    run.submit({"dpi": VALID_DPI})
    assert run.progress() == (2, 5)
    run.back()
    assert run.progress() == (1, 5)
