"""Antecedentes Penales, walked without a screen and with fake portal actions: every branch."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from record_fixtures import (
    FLOW,
    TYPED,
    FakePortal,
    act,
    criminal_record_request,
    new_run,
    typed,
    visitor_session,
    walk,
)
from support.codes import body_of, shown_codes

from kiosk.flows.model import FieldKind, InfoStep
from kiosk.portal.errors import PortalTimeout
from kiosk.portal.models import (
    BANK_NAMES,
    Bank,
    PaymentOrder,
    PaymentOrderStatus,
    Problem,
    RequestStatus,
)
from kiosk.sandbox.demo import BOLETA_NUMBER_DIGITS, DEMO_NEW
from kiosk.services.account import ACCOUNT
from kiosk.services.base import AnswerRejected
from kiosk.services.criminal_record.rules import BOLETA_DIGITS, issued

GUEST_STEPS = ["about", "mode", "guest_dpi", "guest_birth_date", "guest_names", "send_email"]
BOLETA_STEPS = ["pay_method", "boleta_bank", "boleta", "verify_boleta"]
ONLINE_STEPS = ["pay_method", "create_payment_order", "payment_slip", "wait_for_payment"]


def test_the_flow_is_registered_and_its_data_agree_with_the_portal() -> None:
    FLOW.validate_graph()
    assert FLOW.title == "Antecedentes Penales en línea"
    banks = FLOW.field("boleta_bank").choices
    assert [(c.value, c.label) for c in banks] == [(b.value, BANK_NAMES[b]) for b in Bank]
    assert {bank.value: n for bank, n in BOLETA_DIGITS.items()} == BOLETA_NUMBER_DIGITS
    hint = FLOW.field("boleta_number").hint
    assert all(f"{BANK_NAMES[b]}: {n} dígitos" in hint for b, n in BOLETA_DIGITS.items())
    assert FLOW.field("boleta_number").keypad == "numeric"
    assert FLOW.field("login").keypad == "email"
    assert FLOW.step("password") is ACCOUNT.step("password")  # the account flow's own rules
    assert FLOW.field("first_names").kind is FieldKind.NAME
    about = FLOW.step("about")
    assert isinstance(about, InfoStep) and not isinstance(about.body, str)
    text = str(about.body({}, {}))
    assert all(w in text for w in ("Q30.00", "seis meses", "DPI", "Banrural", "G&T", "en línea"))


# --- identity ------------------------------------------------------------------------------------


async def test_guest_with_a_boleta_gets_the_constancia() -> None:
    run, portal = new_run(), FakePortal()
    visited = await walk(run, portal.actions(), "review")
    assert visited == [*GUEST_STEPS, *BOLETA_STEPS]
    items = {item.field_id: item.display for item in run.review_items()}
    assert items == {
        "mode": "Sin registrarme",
        "guest_dpi": "2468 13571 0101",
        "guest_birth_date": "14/05/1990",
        "first_names": "María José",
        "last_names": "Pérez López",
        "send_email": "No",
        "pay_method": "Ya pagué en el banco",
        "boleta_bank": "Banrural",
        "boleta_number": "3000-0001-01",
        "boleta_paid_on": "30/05/2025",
        "boleta_amount": "Q30.00",
    }
    assert all(item.changeable for item in run.review_items())  # the check locks nothing
    [(checked, _key)] = portal.sent("verify_boleta")
    assert checked["boleta_amount"] == Decimal("30.00")
    assert await walk(run, portal.actions(), "issued") == ["review", "submit_request"]
    [(sent, _key)] = portal.sent("submit_request")
    assert "verify_boleta" in sent and "login" not in sent and "log_in" not in sent
    assert sent["guest_birth_date"] == date(1990, 5, 14) and sent["send_email"] is False
    body = body_of(run)
    assert "no registra antecedentes" in body and "seis meses" in body
    assert dict(shown_codes(run)) == {
        "Código de descarga": "K7P2-Q9XM-4TRA",
        "Código de verificación": "CAP-2025-AB12-CD34",
    }
    assert run.current.document == "certificate"  # the kiosk prints it as the step shows
    assert "correo" not in body  # no email given: the printed download code is the way back
    assert run.finished and not run.can_go_back


async def test_account_holder_logs_in_and_is_not_asked_for_identity_or_email() -> None:
    run, portal = new_run(), FakePortal()
    steps = typed(mode="con_cuenta")
    visited = await walk(run, portal.actions(), "review", steps)
    assert visited == ["about", "mode", "visit_login", "login", "log_in", *BOLETA_STEPS]
    fields = {item.field_id for item in run.review_items()}
    assert fields >= {"login", "login_password"} and not fields & {"guest_dpi", "send_email"}
    assert {i.field_id: i.display for i in run.review_items()}["login_password"] == "••••••••"
    await walk(run, portal.actions(), "issued", steps)
    [(sent, _key)] = portal.sent("submit_request")
    assert sent["log_in"] == visitor_session(serial=2) and "guest_dpi" not in sent
    assert "También se la enviamos a juan.garcia@ejemplo.gt." in body_of(run)


async def test_a_wrong_password_leads_back_to_the_login_with_what_was_typed() -> None:
    run, portal = new_run(), FakePortal()
    problem = Problem(title="x", status=401, code="invalid_credentials", field="login_password")
    portal.queue["log_in"] = [AnswerRejected(problem.model_copy(update={"detail": "No."}))]
    steps = typed(mode="con_cuenta")
    await walk(run, portal.actions(), "log_in", steps)
    wrong = {"login": "juan.garcia@ejemplo.gt", "login_password": "Quetzal-Verde"}
    run.back()
    assert run.submit(wrong) == []
    error = await act(run, portal.actions())
    assert isinstance(error, AnswerRejected) and error.detail == "No."
    assert run.current.id == "log_in" and run.action_failures == 1 and run.can_go_back
    assert FLOW.step_of(str(error.field)).id == "login"  # where "Atrás" leads
    assert run.back() and run.current.id == "login"
    assert run.raw == {**run.raw, **wrong}  # typed values kept
    assert run.submit(TYPED["login"]) == []
    assert await act(run, portal.actions()) is None
    assert run.current.id == "pay_method"
    first, second = portal.sent("log_in")
    assert first[1] != second[1]  # another password: another request
    # "Atrás" past a log-in that holds does not log in again; another answer does
    assert run.back() and run.current.id == "login"
    assert run.submit(TYPED["login"]) == [] and run.current.id == "pay_method"
    assert len(portal.sent("log_in")) == 2
    assert run.back() and run.current.id == "login" and run.back() and run.current.id == "mode"


async def test_a_new_account_is_created_with_the_account_rules_then_used() -> None:
    run, portal = new_run(), FakePortal()
    steps = typed(mode="crear_cuenta")
    await walk(run, portal.actions(), "birth_date", steps)
    [error] = run.submit({"birth_date": "02/06/2007"})
    assert error.message == "Para crear una cuenta debe ser mayor de edad."
    await walk(run, portal.actions(), "password", steps)
    close = f"x{DEMO_NEW.dpi[:8]}y"
    [error] = run.submit({"password": close, "password_repeat": close})
    assert error.code == "password_contains_dpi"  # the policy sees this flow's DPI
    visited = await walk(run, portal.actions(), "pay_method", steps)
    assert visited == ["password", "create_account", "account_log_in", "account_ready"]
    assert "ixchel.caal@ejemplo.gt" in str(portal.sent("create_account")[0][0]["email"])
    [(login, _key)] = portal.sent("log_in")
    assert login["create_account"].email == "ixchel.caal@ejemplo.gt"  # type: ignore[attr-defined]
    assert run.back() and run.current.id == "account_ready"
    assert not run.can_go_back  # the account exists: its questions are final
    assert "Su cuenta está lista" in body_of(run) and "ixchel.caal@ejemplo.gt" in body_of(run)
    assert run.submit({}) == [] and run.current.id == "pay_method"
    await walk(run, portal.actions(), "review", steps)
    changeable = {i.field_id: i.changeable for i in run.review_items()}
    assert not any(changeable[f] for f in ("mode", "dpi", "birth_date", "email", "password"))
    assert changeable["pay_method"] and changeable["boleta_number"]
    await walk(run, portal.actions(), "issued", steps)
    [(sent, _key)] = portal.sent("submit_request")
    assert sent["account_log_in"].account.email == "ixchel.caal@ejemplo.gt"  # type: ignore[attr-defined]


# --- email ---------------------------------------------------------------------------------------


async def test_a_guest_who_wants_email_is_asked_the_address_and_can_drop_it() -> None:
    run, portal = new_run(), FakePortal()
    steps = typed(send_email="sí")
    visited = await walk(run, portal.actions(), "review", steps)
    assert visited == [*GUEST_STEPS, "delivery_email", *BOLETA_STEPS]
    assert run.submitted_answers()["delivery_email"] == "Maria@ejemplo.gt"
    run.change("send_email")
    assert run.submit({"send_email": "no"}) == []
    assert await walk(run, portal.actions(), "review") == ["verify_boleta"]
    assert "delivery_email" not in run.submitted_answers()
    run.change("send_email")
    run.submit({"send_email": "sí"})  # the address is remembered: not asked again
    assert await walk(run, portal.actions(), "review") == ["verify_boleta"]
    await walk(run, portal.actions(), "issued")
    assert portal.sent("submit_request")[0][0]["delivery_email"] == "Maria@ejemplo.gt"
    assert "También se la enviamos a Maria@ejemplo.gt." in body_of(run)


# --- payment -------------------------------------------------------------------------------------


async def test_online_payment_shows_the_slip_waits_then_reviews() -> None:
    run, portal = new_run(), FakePortal()
    steps = typed(pay_method="en_linea")
    assert await walk(run, portal.actions(), "payment_slip", steps) == [
        *GUEST_STEPS,
        "pay_method",
        "create_payment_order",
    ]
    slip = body_of(run)
    assert "Q30.00" in slip and "banca electrónica" in slip
    assert dict(shown_codes(run)) == {"Referencia de pago": "123456789012", "Monto": "Q30.00"}
    assert run.current.document == "payment_slip"
    portal.queue["wait_for_payment"] = [PortalTimeout("sin respuesta")]
    assert await walk(run, portal.actions(), "wait_for_payment", steps) == ["payment_slip"]
    assert isinstance(await act(run, portal.actions()), PortalTimeout)
    assert await act(run, portal.actions()) is None  # "Intentar de nuevo": the same order
    first, second = portal.sent("wait_for_payment")
    assert first == second and isinstance(first[0]["create_payment_order"], PaymentOrder)
    assert run.current.id == "review"
    assert {i.field_id for i in run.review_items()} >= {"pay_method", "first_names"}
    assert not {i.field_id for i in run.review_items()} & {"boleta_bank", "boleta_number"}
    await walk(run, portal.actions(), "issued", steps)
    [(sent, _key)] = portal.sent("submit_request")
    paid = sent["wait_for_payment"]
    assert isinstance(paid, PaymentOrder) and paid.status is PaymentOrderStatus.PAID


@pytest.mark.parametrize(
    ("code", "flow_field"),
    [
        ("boleta_unknown", "boleta_number"),
        ("boleta_used", "boleta_number"),
        ("boleta_wrong_amount", "boleta_amount"),
        ("boleta_amount_mismatch", "boleta_amount"),
        ("boleta_date_mismatch", "boleta_paid_on"),
        ("boleta_expired", "boleta_paid_on"),
    ],
)
async def test_each_boleta_refusal_leads_back_to_the_slip_with_the_typed_values(
    code: str, flow_field: str
) -> None:
    run, portal = new_run(), FakePortal()
    problem = Problem(title="x", status=422, code=code, field=flow_field, detail=f"{code}.")
    portal.queue["verify_boleta"] = [AnswerRejected(problem)]
    await walk(run, portal.actions(), "verify_boleta")
    error = await act(run, portal.actions())
    assert isinstance(error, AnswerRejected) and error.code == code
    assert run.current.id == "verify_boleta" and run.back()
    assert run.current.id == "boleta" == FLOW.step_of(flow_field).id
    assert {k: run.raw[k] for k in TYPED["boleta"]} == TYPED["boleta"]
    same = {**TYPED["boleta"], "boleta_amount": "30"}  # the same answer, typed otherwise
    assert run.submit(same) == [] and run.current.id == "verify_boleta"  # it failed: again
    assert run.back() and run.current.id == "boleta"
    fixed = {**TYPED["boleta"], "boleta_number": "3000000102"}
    assert run.submit(fixed) == [] and run.current.id == "verify_boleta"
    assert await act(run, portal.actions()) is None and run.current.id == "review"
    keys = [key for _answers, key in portal.sent("verify_boleta")]
    assert len(set(keys)) == 2


def test_the_constancia_is_said_to_be_emailed_only_when_the_portal_sent_it() -> None:
    answers: dict[str, object] = {"send_email": True, "delivery_email": "ana@ejemplo.gt"}
    sent = criminal_record_request(RequestStatus.ISSUED)
    unsent = sent.model_copy(update={"email_sent": False})
    said = " ".join(map(str, issued(answers, {"submit_request": sent})))
    assert "ana@ejemplo.gt" in said
    assert "ana@ejemplo.gt" not in " ".join(map(str, issued(answers, {"submit_request": unsent})))
