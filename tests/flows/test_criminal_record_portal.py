"""The criminal record flow with the real portal actions against the sandbox, over HTTP."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
from record_fixtures import FLOW, TYPED, act, walk
from support import sandbox_tools
from support.actions import Bound as Action
from support.actions import bound_actions
from support.codes import body_of, shown_codes

from kiosk.flows.engine import FlowRun
from kiosk.portal.client import PortalClient
from kiosk.portal.models import (
    Bank,
    CriminalRecordRequest,
    PaymentOrder,
    PaymentOrderStatus,
    RequestStatus,
    SandboxBoleta,
    SandboxBoletaCreate,
)
from kiosk.sandbox.demo import (
    DEMO_ACCOUNT,
    DEMO_ACCOUNT_EMAIL,
    DEMO_ACCOUNT_PASSWORD,
    DEMO_BOLETAS,
    DEMO_CLEAN,
    DEMO_RECORD,
    DEMO_REVIEW,
    DemoPerson,
)
from kiosk.sandbox.store import now as guatemala_now
from kiosk.services.base import AnswerRejected


def new_run() -> FlowRun:
    return FlowRun(FLOW, today=guatemala_now().date())  # the portal's "today"


def real_actions(client: PortalClient) -> dict[str, Action]:
    return bound_actions(client, poll_interval=0.05, payment_wait=20)


def boleta_typed(number: str, paid_on: str, amount: str = "Q30.00") -> dict[str, str]:
    return {"boleta_number": number, "boleta_paid_on": paid_on, "boleta_amount": amount}


async def steps_for(
    client: PortalClient, person: DemoPerson, **choices: str
) -> dict[str, dict[str, str]]:
    """What ``person`` types, with a fresh boleta from the bank simulator."""
    boleta: SandboxBoleta = await sandbox_tools.sandbox_create_boleta(
        client, SandboxBoletaCreate(bank=Bank.GYT)
    )
    steps = {
        **TYPED,
        "guest_dpi": {"guest_dpi": person.dpi},
        "guest_birth_date": {"guest_birth_date": person.birth_date.strftime("%d/%m/%Y")},
        "guest_names": {"first_names": person.first_names, "last_names": person.last_names},
        "boleta_bank": {"boleta_bank": boleta.bank.value},
        "boleta": boleta_typed(boleta.number, boleta.paid_on.strftime("%d/%m/%Y")),
    }
    for step_id, value in choices.items():
        steps[step_id] = {step_id: value}
    return steps


def request_of(run: FlowRun) -> CriminalRecordRequest:
    result = run.results["submit_request"]
    assert isinstance(result, CriminalRecordRequest)
    return result


async def test_a_guest_with_a_fresh_boleta_gets_the_constancia(client: PortalClient) -> None:
    run, actions = new_run(), real_actions(client)
    steps = await steps_for(client, DEMO_CLEAN)
    await walk(run, actions, "issued", steps)
    request = request_of(run)
    assert request.status is RequestStatus.ISSUED and request.certificate_code
    assert dict(shown_codes(run)) == {
        "Código de descarga": request.download_code,
        "Código de verificación": request.certificate_code,
    }
    certificate = await client.certificate(request.download_code)
    assert certificate.dpi == DEMO_CLEAN.dpi and certificate.result == "NR"
    assert certificate.valid_until - certificate.issued_at >= timedelta(days=180)


@pytest.mark.parametrize(
    ("person", "status", "ending"),
    [
        (DEMO_RECORD, RequestStatus.REGISTERED, "registered"),
        (DEMO_REVIEW, RequestStatus.IN_REVIEW, "in_review"),
    ],
)
async def test_a_record_or_a_review_has_its_own_ending(
    client: PortalClient, person: DemoPerson, status: RequestStatus, ending: str
) -> None:
    run, actions = new_run(), real_actions(client)
    steps = await steps_for(client, person, send_email="sí")
    await walk(run, actions, ending, steps)
    request = request_of(run)
    assert request.status is status and request.download_code in dict(shown_codes(run)).values()
    if status is RequestStatus.REGISTERED:
        assert (await client.certificate(request.download_code)).result == "R"
        assert "UNAP" in body_of(run)
    else:
        assert request.ready_by is not None and request.certificate_code is None
        assert request.ready_by.strftime("%d/%m/%Y") in body_of(run)
        assert "Maria@ejemplo.gt" in body_of(run)


async def test_the_demo_account_logs_in_after_a_wrong_password(client: PortalClient) -> None:
    run, actions = new_run(), real_actions(client)
    steps = await steps_for(client, DEMO_ACCOUNT, mode="con_cuenta")
    steps["login"] = {"login": DEMO_ACCOUNT.dpi, "login_password": "no-es-la-clave"}
    await walk(run, actions, "log_in", steps)
    error = await act(run, actions)
    assert isinstance(error, AnswerRejected) and error.field == "login_password"
    assert run.back() and run.current.id == "login"
    assert run.raw["login_password"] == "no-es-la-clave"
    right = {"login": DEMO_ACCOUNT_EMAIL.upper(), "login_password": DEMO_ACCOUNT_PASSWORD}
    assert run.submit(right) == []
    await walk(run, actions, "issued", steps)
    sent = run.submitted_answers()
    assert not {"guest_dpi", "first_names", "delivery_email"} & set(sent)
    request = request_of(run)
    assert request.status is RequestStatus.ISSUED and request.email_sent
    assert (await client.certificate(request.download_code)).dpi == DEMO_ACCOUNT.dpi
    assert DEMO_ACCOUNT_EMAIL in body_of(run)


async def test_an_order_paid_online_while_the_kiosk_waits(
    client: PortalClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    looks: list[str] = []
    look = client.payment_order

    async def counted(order_id: str) -> PaymentOrder:
        looks.append(order_id)
        return await look(order_id)

    monkeypatch.setattr(client, "payment_order", counted)
    run, actions = new_run(), real_actions(client)
    steps = await steps_for(client, DEMO_CLEAN, pay_method="en_linea")
    await walk(run, actions, "payment_slip", steps)
    order = run.results["create_payment_order"]
    assert isinstance(order, PaymentOrder) and order.status is PaymentOrderStatus.PENDING
    assert (("Referencia de pago", order.reference) in shown_codes(run)) and "Q30.00" in body_of(
        run
    )
    await walk(run, actions, "wait_for_payment", steps)

    async def pay_a_moment_later(reference: str) -> PaymentOrder:
        await asyncio.sleep(0.3)  # the kiosk is polling by now
        return await sandbox_tools.sandbox_pay_order(client, reference)

    waited, paid = await asyncio.gather(act(run, actions), pay_a_moment_later(order.reference))
    assert waited is None and paid.status is PaymentOrderStatus.PAID
    assert run.current.id == "review"
    assert len(looks) >= 2 and set(looks) == {order.id}  # it polled the one order until paid
    await walk(run, actions, "issued", steps)
    assert request_of(run).status is RequestStatus.ISSUED
    assert (await client.payment_order(order.id)).status is PaymentOrderStatus.USED


async def test_a_retried_request_is_the_same_request_and_spends_the_boleta_once(
    client: PortalClient,
) -> None:
    run, actions = new_run(), real_actions(client)
    steps = await steps_for(client, DEMO_CLEAN)
    await walk(run, actions, "submit_request", steps)
    key = run.action_key("submit_request")
    lost = await actions["submit_request"](run.submitted_answers(), key)  # the answer never came
    run.fail_action()
    assert await act(run, actions) is None  # "Intentar de nuevo"
    assert isinstance(lost, CriminalRecordRequest) and request_of(run).id == lost.id
    assert request_of(run).download_code == lost.download_code
    # the same slip in another request (another key) is refused: it was spent once
    with pytest.raises(AnswerRejected) as used:
        await actions["submit_request"](run.submitted_answers(), str(uuid.uuid4()))
    assert used.value.code == "boleta_used" and used.value.field == "boleta_number"


@pytest.mark.parametrize(
    ("word", "code", "field"),
    [
        ("usada", "boleta_used", "boleta_number"),
        ("monto", "boleta_wrong_amount", "boleta_amount"),
        ("antigua", "boleta_expired", "boleta_paid_on"),
    ],
)
async def test_each_demo_boleta_problem_leads_back_to_the_slip(
    client: PortalClient, word: str, code: str, field: str
) -> None:
    demo = next(b for b in DEMO_BOLETAS if b.bank == "banrural" and word in b.purpose.lower())
    paid_on = demo.paid_on(guatemala_now().date()).strftime("%d/%m/%Y")
    amount = f"{demo.amount_cents / 100:.2f}"
    run, actions = new_run(), real_actions(client)
    steps = await steps_for(client, DEMO_CLEAN)
    steps["boleta_bank"] = {"boleta_bank": "banrural"}
    steps["boleta"] = boleta_typed(demo.number, paid_on, amount)
    await walk(run, actions, "verify_boleta", steps)
    error = await act(run, actions)
    assert isinstance(error, AnswerRejected) and (error.code, error.field) == (code, field)
    assert error.detail  # the portal's own words for the visitor
    assert run.back() and run.current.id == "boleta" and run.raw["boleta_number"] == demo.number
