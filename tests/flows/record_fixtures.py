"""Walking the criminal record flow without a screen: what a visitor types, fake portal actions,
and a driver that runs action steps the way the UI's flow controller does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from support.actions import Bound as Action

from kiosk.flows.engine import FlowRun
from kiosk.flows.model import ActionStep, Answers, QuestionStep
from kiosk.portal.errors import PortalError
from kiosk.portal.models import (
    Account,
    Bank,
    BoletaStatus,
    CriminalRecordRequest,
    PaymentConcept,
    PaymentOrder,
    PaymentOrderStatus,
    RequestStatus,
    VisitorSession,
)
from kiosk.sandbox.demo import (
    DEMO_ACCOUNT_EMAIL,
    DEMO_ACCOUNT_PASSWORD,
    DEMO_CLEAN,
    DEMO_NEW,
)
from kiosk.services.registry import SERVICES
from kiosk.services.visit_login import NO_LOGIN

TODAY = date(2025, 6, 1)
FLOW = SERVICES["antecedentes-penales"].flow
NOW = datetime(2025, 6, 1, 10, 30, tzinfo=UTC)
NEW_PASSWORD = "lluvia en el lago de atitlán"

# What a visitor types on each question step, by step id (the choices pick the usual branch).
TYPED: dict[str, dict[str, str]] = {
    "mode": {"mode": "sin_registro"},
    "guest_dpi": {"guest_dpi": "2468 13571 0101"},
    "guest_birth_date": {"guest_birth_date": "14/05/1990"},
    "guest_names": {"first_names": "  María  José ", "last_names": "Pérez López"},
    "send_email": {"send_email": "no"},
    "delivery_email": {"delivery_email": "Maria@Ejemplo.GT"},
    "pay_method": {"pay_method": "boleta"},
    "payment_reference": {"payment_reference": "1234 5678 9012"},
    "boleta_bank": {"boleta_bank": "banrural"},
    "boleta": {
        "boleta_number": "3000-0001-01",
        "boleta_paid_on": "30/05/2025",
        "boleta_amount": "Q30.00",
    },
    "login": {"login": DEMO_ACCOUNT_EMAIL, "login_password": DEMO_ACCOUNT_PASSWORD},
    "dpi": {"dpi": DEMO_NEW.dpi},
    "birth_date": {"birth_date": DEMO_NEW.birth_date.strftime("%d/%m/%Y")},
    "email": {"email": "ixchel.caal@ejemplo.gt"},
    "password": {"password": NEW_PASSWORD, "password_repeat": NEW_PASSWORD},
}
assert DEMO_CLEAN.dpi == "2468135710101"


def typed(**choices: str) -> dict[str, dict[str, str]]:
    """TYPED with some single-field steps answered otherwise: ``typed(mode="con_cuenta")``."""
    steps = dict(TYPED)
    for step_id, value in choices.items():
        steps[step_id] = {step_id: value}
    return steps


def visitor_session(email: str = DEMO_ACCOUNT_EMAIL, serial: int = 0) -> VisitorSession:
    account = Account(id="acc_1", email=email, display_name="Juan Carlos García", created_at=NOW)
    expires = NOW + timedelta(minutes=15)
    return VisitorSession(token=f"tok-{serial}", expires_at=expires, account=account)


def payment_order(
    status: PaymentOrderStatus = PaymentOrderStatus.PENDING, order_id: str = "po_1"
) -> PaymentOrder:
    return PaymentOrder(
        id=order_id,
        reference="123456789012",
        concept=PaymentConcept.CRIMINAL_RECORD,
        amount=Decimal("30.00"),
        status=status,
        created_at=NOW,
        expires_at=NOW + timedelta(hours=48),
        paid_at=NOW if status is PaymentOrderStatus.PAID else None,
        pay_url="https://portal.example/pagar/123456789012",
    )


def criminal_record_request(status: RequestStatus) -> CriminalRecordRequest:
    issued = status is not RequestStatus.IN_REVIEW
    return CriminalRecordRequest(
        id="cr_0001",
        status=status,
        created_at=NOW,
        certificate_code="CAP-2025-AB12-CD34" if issued else None,
        download_code="K7P2-Q9XM-4TRA",
        ready_by=None if issued else datetime(2025, 6, 4, 10, 30, tzinfo=UTC),
        email_sent=issued,
    )


Outcome = object  # a result, or an exception to raise


@dataclass
class FakePortal:
    """Portal actions that answer at once and remember what they were sent.

    ``queue[action]`` lists outcomes (a result, or an exception to raise) used before the
    defaults; ``calls`` records (action, answers, key) in order.
    """

    status: RequestStatus = RequestStatus.ISSUED
    queue: dict[str, list[Outcome]] = field(default_factory=dict)
    calls: list[tuple[str, Answers, str]] = field(default_factory=list)

    def actions(self) -> dict[str, Action]:
        defaults: dict[str, Callable[[Answers], object]] = {
            "create_account": lambda a: Account(
                id="acc_2", email=str(a["email"]), display_name="Ixchel Caal", created_at=NOW
            ),
            "log_in": lambda a: visitor_session(
                str(a.get("login", a.get("email"))), serial=len(self.calls)
            ),
            "verify_boleta": lambda a: BoletaStatus(
                bank=Bank(str(a["boleta_bank"])),
                number="3000000101",
                paid_on=date(2025, 5, 30),
                amount=Decimal("30.00"),
            ),
            "create_payment_order": lambda a: payment_order(),
            "find_payment_order": lambda a: payment_order(PaymentOrderStatus.PAID, "po_9"),
            "wait_for_payment": lambda a: payment_order(PaymentOrderStatus.PAID),
            "submit_request": lambda a: criminal_record_request(self.status),
            "visit_login": lambda a: NO_LOGIN,  # no log-in yet in this visit
        }

        def make(name: str) -> Action:
            async def action(answers: Answers, key: str) -> object:
                self.calls.append((name, answers, key))
                queued = self.queue.get(name)
                outcome = queued.pop(0) if queued else defaults[name](answers)
                if isinstance(outcome, Exception):
                    raise outcome
                return outcome

            return action

        return {name: make(name) for name in defaults}

    def sent(self, action: str) -> list[tuple[Answers, str]]:
        return [(answers, key) for name, answers, key in self.calls if name == action]


async def act(run: FlowRun, actions: dict[str, Action]) -> PortalError | None:
    """Run the current action step as the UI does: same key on retry, fail or complete."""
    step = run.current
    assert isinstance(step, ActionStep), step.id
    key = run.action_key(step.id)
    try:
        result = await actions[step.action](run.submitted_answers(), key)
    except PortalError as error:
        run.fail_action()
        return error
    run.complete_action(result)
    return None


async def walk(
    run: FlowRun,
    actions: dict[str, Action],
    until: str,
    steps: dict[str, dict[str, str]] | None = None,
) -> list[str]:
    """Go on (answering from ``steps``, TYPED by default) until step ``until``; the ids passed."""
    inputs = TYPED if steps is None else steps
    visited: list[str] = []
    while run.current.id != until:
        step = run.current
        visited.append(step.id)
        assert len(visited) < 40, visited
        number, total = run.progress()
        assert 1 <= number <= total
        if isinstance(step, ActionStep):
            error = await act(run, actions)
            assert error is None, (step.id, error)
        elif isinstance(step, QuestionStep):
            assert run.submit(inputs[step.id]) == [], step.id
        else:
            assert run.submit({}) == [], step.id
    return visited


def new_run() -> FlowRun:
    return FlowRun(FLOW, today=TODAY)
