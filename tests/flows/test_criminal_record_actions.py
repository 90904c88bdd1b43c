"""The portal actions behind the criminal record flow, on a stub client (no server): what they
send, how they map the portal's refusals to the flow's fields, and how the payment wait polls."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, cast

import pytest
from record_fixtures import payment_order, visitor_session
from support.actions import bound_actions

from kiosk.portal.client import PortalClient
from kiosk.portal.errors import (
    PortalError,
    PortalRateLimited,
    PortalRejected,
    PortalUnauthorized,
    PortalUnavailable,
)
from kiosk.portal.models import (
    Bank,
    BoletaPayment,
    CriminalRecordRequestCreate,
    OrderPayment,
    PaymentOrderStatus,
    Problem,
    SessionCreate,
)
from kiosk.services.base import AnswerRejected, PortalPending
from kiosk.session import Session

GUEST: dict[str, object] = {
    "mode": "sin_registro",
    "guest_dpi": "2468135710101",
    "guest_birth_date": date(1990, 5, 14),
    "first_names": "María José",
    "last_names": "Pérez López",
    "send_email": False,
    "pay_method": "boleta",
    "boleta_bank": "industrial",
    "boleta_number": "3000 01-01",
    "boleta_paid_on": date(2025, 5, 30),
    "boleta_amount": Decimal("30.00"),
}
PENDING = PaymentOrderStatus.PENDING


def problem(code: str, status: int = 422, field: str | None = None) -> Problem:
    return Problem(title=code, status=status, code=code, field=field, detail=f"Portal: {code}.")


@dataclass
class StubPortal:
    """Answers like the portal would; ``replies[method]`` lists outcomes used in order."""

    replies: dict[str, list[object]] = field(default_factory=dict)
    calls: list[tuple[str, Any, dict[str, Any]]] = field(default_factory=list)

    def __getattr__(self, method: str) -> Any:
        async def call(arg: Any = None, **kwargs: Any) -> object:
            self.calls.append((method, arg, kwargs))
            outcome = self.replies[method].pop(0)
            if isinstance(outcome, Exception):
                raise outcome
            return outcome

        return call

    def sent(self, method: str) -> Iterator[tuple[Any, dict[str, Any]]]:
        return ((arg, kw) for name, arg, kw in self.calls if name == method)


def actions(stub: StubPortal, **options: float) -> dict[str, Any]:
    return bound_actions(cast(PortalClient, stub), poll_interval=0.01, **options)


# --- log-in ---------------------------------------------------------------------------------------


async def test_log_in_with_a_dpi_or_an_email_and_a_wrong_password() -> None:
    session = visitor_session()
    stub = StubPortal(
        {
            "log_in": [
                session,
                session,
                PortalUnauthorized(problem("invalid_credentials", 401, "password")),
            ]
        }
    )
    log_in = actions(stub)["log_in"]
    assert await log_in({"login": "3157 28647 0108", "login_password": "x"}, "k") == session
    assert await log_in({"email": "Ana@Ejemplo.gt", "password": "frase larga"}, "k") == session
    with pytest.raises(AnswerRejected) as rejected:
        await log_in({"login": " Juan.Garcia@Ejemplo.GT ", "login_password": "mala"}, "k")
    assert rejected.value.field == "login_password" and rejected.value.code == "invalid_credentials"
    assert "no son correctos" in str(rejected.value.detail)
    assert not isinstance(rejected.value, PortalUnauthorized)  # not "your session ended"
    logins = [arg for arg, _kw in stub.sent("log_in")]
    assert logins == [
        SessionCreate(login="3157286470108", password="x"),
        SessionCreate(login="ana@ejemplo.gt", password="frase larga"),
        SessionCreate(login="juan.garcia@ejemplo.gt", password="mala"),
    ]


async def test_other_log_in_failures_pass_through() -> None:
    limited = PortalRateLimited(problem("rate_limited", 429))
    device = PortalUnauthorized(problem("device_unauthorized", 401))
    stub = StubPortal({"log_in": [limited, device]})
    log_in = actions(stub)["log_in"]
    for error in (limited, device):
        with pytest.raises(PortalError) as raised:
            await log_in({"login": "a@b.gt", "login_password": "x"}, "k")
        assert raised.value is error


# --- the boleta ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("portal_field", "flow_field"),
    [("number", "boleta_number"), ("paid_on", "boleta_paid_on"), ("amount", "boleta_amount")],
)
async def test_a_refused_boleta_names_the_flow_field(portal_field: str, flow_field: str) -> None:
    stub = StubPortal({"verify_boleta": [PortalRejected(problem("boleta_x", field=portal_field))]})
    with pytest.raises(AnswerRejected) as rejected:
        await actions(stub)["verify_boleta"](GUEST, "k")
    assert rejected.value.field == flow_field and rejected.value.detail == "Portal: boleta_x."
    [(check, _kw)] = stub.sent("verify_boleta")
    assert (check.bank, check.number, check.amount) == (Bank.INDUSTRIAL, "30000101", Decimal(30))


async def test_a_rate_limit_on_the_boleta_check_is_kept_as_it_is() -> None:
    limited = PortalRateLimited(problem("rate_limited", 429))
    stub = StubPortal({"verify_boleta": [limited]})
    with pytest.raises(PortalRateLimited):
        await actions(stub)["verify_boleta"](GUEST, "k")


# --- the payment order ---------------------------------------------------------------------------


async def test_the_order_is_created_once_and_found_again_on_a_second_pass() -> None:
    first, again = payment_order(), payment_order(PaymentOrderStatus.PAID)
    stub = StubPortal({"create_payment_order": [first], "payment_order": [again]})
    create = actions(stub)["create_payment_order"]
    assert await create(GUEST, "key-1") == first
    assert await create({**GUEST, "create_payment_order": first}, "key-2") == again
    assert [kw for _a, kw in stub.sent("create_payment_order")] == [{"idempotency_key": "key-1"}]
    assert [a for a, _kw in stub.sent("payment_order")] == ["po_1"]


async def test_the_wait_ends_when_the_order_is_paid_on_the_second_look() -> None:
    paid = payment_order(PaymentOrderStatus.PAID)
    stub = StubPortal({"payment_order": [payment_order(PENDING), paid]})
    answers = {**GUEST, "create_payment_order": payment_order()}
    assert await actions(stub, payment_wait=5)["wait_for_payment"](answers, "k") == paid
    assert [a for a, _kw in stub.sent("payment_order")] == ["po_1", "po_1"]


async def test_a_long_wait_fails_softly_and_a_retry_polls_the_same_order() -> None:
    pending = [payment_order(PENDING)] * 3
    unavailable = PortalUnavailable("503")
    stub = StubPortal(
        {"payment_order": [unavailable, *pending, payment_order(PaymentOrderStatus.USED)]}
    )
    wait = actions(stub, payment_wait=0.025)["wait_for_payment"]
    answers = {**GUEST, "create_payment_order": payment_order()}
    with pytest.raises(PortalPending) as pending_error:
        await wait(answers, "k")
    assert pending_error.value.transient
    message = str(pending_error.value.detail)
    assert "123456789012" in message and "Q30.00" in message and "volver más tarde" in message
    stub.replies["payment_order"] = stub.replies["payment_order"][-1:]
    assert (await wait(answers, "k")).status is PaymentOrderStatus.USED  # type: ignore[attr-defined]
    assert {a for a, _kw in stub.sent("payment_order")} == {"po_1"}


async def test_an_expired_order_says_so() -> None:
    stub = StubPortal({"payment_order": [payment_order(PaymentOrderStatus.EXPIRED)]})
    answers = {**GUEST, "create_payment_order": payment_order()}
    with pytest.raises(PortalRejected) as expired:
        await actions(stub)["wait_for_payment"](answers, "k")
    assert expired.value.code == "order_expired" and not expired.value.transient
    assert "venció" in str(expired.value.detail)


# --- the request ---------------------------------------------------------------------------------


async def test_a_guest_request_sends_the_identity_the_email_and_the_boleta() -> None:
    stub = StubPortal({"request_criminal_record": ["ok", "ok"]})
    submit = actions(stub)["submit_request"]
    await submit(GUEST, "key-1")
    with_email = {**GUEST, "send_email": True, "delivery_email": "maria@ejemplo.gt"}
    await submit(with_email, "key-2")
    (plain, plain_kw), (emailed, _kw) = stub.sent("request_criminal_record")
    assert plain_kw == {"idempotency_key": "key-1", "token": None}
    assert plain == CriminalRecordRequestCreate(
        dpi="2468135710101",
        birth_date=date(1990, 5, 14),
        first_names="María José",
        last_names="Pérez López",
        payment=BoletaPayment(
            bank=Bank.INDUSTRIAL,
            number="30000101",
            paid_on=date(2025, 5, 30),
            amount=Decimal("30.00"),
        ),
    )
    assert plain.email is None and emailed.email == "maria@ejemplo.gt"


async def test_an_account_request_sends_the_session_and_the_paid_order() -> None:
    stub = StubPortal({"request_criminal_record": ["ok"]})
    answers = {
        "mode": "con_cuenta",
        "login": "juan.garcia@ejemplo.gt",
        "login_password": "secreto",
        "log_in": visitor_session(serial=7),
        "pay_method": "en_linea",
        "create_payment_order": payment_order(),
        "wait_for_payment": payment_order(PaymentOrderStatus.PAID),
    }
    await actions(stub)["submit_request"](answers, "key-1")
    [(data, kw)] = stub.sent("request_criminal_record")
    assert data == CriminalRecordRequestCreate(payment=OrderPayment(order_id="po_1"))
    assert kw == {"idempotency_key": "key-1", "token": "tok-7"}


async def test_an_ended_session_is_opened_again_and_the_request_sent_with_the_same_key() -> None:
    ended = PortalUnauthorized(problem("session_expired", 401))
    stub = StubPortal(
        {"request_criminal_record": [ended, "ok"], "log_in": [visitor_session(serial=8)]}
    )
    answers = {**GUEST, "mode": "con_cuenta", "login": "a@b.gt", "login_password": "x"}
    answers["log_in"] = visitor_session(serial=1)
    assert await actions(stub)["submit_request"](answers, "key-1") == "ok"
    sent = [kw for _data, kw in stub.sent("request_criminal_record")]
    assert sent == [{"idempotency_key": "key-1", "token": t} for t in ("tok-1", "tok-8")]


async def test_a_borrowed_log_in_that_ended_says_to_start_again_and_is_dropped() -> None:
    """Logged in at Casillero, the password is not in this flow: no second log-in is possible,
    so the visitor is told what to do, and the visit's log-in is let go."""
    ended = PortalUnauthorized(problem("session_expired", 401))
    stub = StubPortal({"request_criminal_record": [ended]})
    visit = Session(login=visitor_session(serial=3))
    submit = bound_actions(cast(PortalClient, stub), session=visit)["submit_request"]
    answers = {**GUEST, "mode": "con_cuenta", "visit_login": visitor_session(serial=3)}
    with pytest.raises(PortalRejected) as refused:
        await submit(answers, "key-1")
    assert "Toque «Inicio»" in str(refused.value.detail) and visit.login is None
    assert list(stub.sent("log_in")) == []


async def test_a_refused_identity_names_the_guest_field() -> None:
    mismatch = PortalRejected(problem("renap_mismatch", field="first_names"))
    unknown = PortalRejected(problem("renap_not_found", field="dpi"))
    stub = StubPortal({"request_criminal_record": [mismatch, unknown]})
    submit = actions(stub)["submit_request"]
    for expected in ("first_names", "guest_dpi"):
        with pytest.raises(AnswerRejected) as rejected:
            await submit(GUEST, "k")
        assert rejected.value.field == expected
