"""Antecedentes Penales: the portal calls behind its action steps, answers in, result out.

Each takes the action context (the portal client, the visit), what the engine hands an action
(the answers on the visitor's path, plus the result of each earlier action on it under its step
id: a session, a payment order) and the step's Idempotency-Key (stable across retries of the
same answers), so a retry after a timeout or a double tap never creates twice.

An action fails only with a ``PortalError``. When the portal refuses an answer the visitor can fix
(a wrong password, a slip the bank does not know), it raises ``AnswerRejected`` naming the flow's
field: the message is the portal's, and "Atrás" leads to the question that asks it. A log-in is
the visit's (``Session.login``): another service in the same visit reuses it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TypeVar

from kiosk import formats
from kiosk.flows.model import Answers
from kiosk.flows.text import _
from kiosk.identity import normalize_digits
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import (
    PortalNotFound,
    PortalRejected,
    PortalUnauthorized,
    PortalUnavailable,
)
from kiosk.portal.models import (
    Bank,
    BoletaCheck,
    BoletaPayment,
    CriminalRecordRequestCreate,
    OrderPayment,
    PaymentConcept,
    PaymentOrder,
    PaymentOrderStatus,
    Problem,
    VisitorSession,
)
from kiosk.services import visit_login
from kiosk.services.account import create_account
from kiosk.services.base import Action, ActionContext, AnswerRejected, PortalPending
from kiosk.services.criminal_record.rules import compact_reference, paid_order, session_of
from kiosk.services.visit_login import VISIT_LOGIN
from kiosk.text import Text

T = TypeVar("T")

SESSION_ENDED = frozenset({"session_expired", "session_invalid"})

# The portal's name of a field -> the criminal record flow's (the slip and the guest's identity).
FLOW_FIELDS = {
    "number": "boleta_number",
    "paid_on": "boleta_paid_on",
    "amount": "boleta_amount",
    "dpi": "guest_dpi",
    "birth_date": "guest_birth_date",
    "first_names": "first_names",
    "last_names": "last_names",
    "email": "delivery_email",
}


async def log_in(context: ActionContext, answers: Answers, key: str) -> object:
    login, password, field_id = _credentials(answers)
    # kept as the visit's log-in: Casillero and others reuse it
    return await visit_login.log_in(
        context, login, password, field_id=field_id, wrong=WRONG_CREDENTIALS
    )


async def verify_boleta(context: ActionContext, answers: Answers, key: str) -> object:
    try:
        return await context.client.verify_boleta(_boleta(answers))
    except PortalRejected as error:
        raise _on_flow_field(error) from None


async def create_payment_order(context: ActionContext, answers: Answers, key: str) -> object:
    made = answers.get("create_payment_order")
    if isinstance(made, PaymentOrder):  # passing again: the same order, never a second one
        return await context.client.payment_order(made.id)
    return await context.client.create_payment_order(
        PaymentConcept.CRIMINAL_RECORD, idempotency_key=key
    )


async def find_payment_order(context: ActionContext, answers: Answers, key: str) -> object:
    reference = compact_reference(str(answers["payment_reference"]))
    try:
        order = await context.client.payment_order_by_reference(reference)
    except PortalNotFound as error:
        detail = Text(
            "No encontramos una orden de pago con la referencia {reference}. Revise que "
            "esté igual que en la hoja y escríbala otra vez.",
            reference=reference,
        )
        raise AnswerRejected.of(error, "payment_reference", detail) from None
    if order.status is PaymentOrderStatus.USED:
        message = _(
            "La orden de pago con la referencia {reference} ya se usó para una solicitud. "
            "Si no recibió su constancia, use su código de descarga o pida ayuda en la "
            "ventanilla: no pague otra vez."
        )
        raise AnswerRejected(*_problem("order_used", message, order, field="payment_reference"))
    if order.status is PaymentOrderStatus.EXPIRED:
        message = _(
            "La orden de pago con la referencia {reference} venció sin pago. Vuelva a "
            "«Forma de pago» y elija «Pagar en línea ahora» para recibir una orden nueva."
        )
        raise AnswerRejected(*_problem("order_expired", message, order, field="payment_reference"))
    return order


async def wait_for_payment(context: ActionContext, answers: Answers, key: str) -> object:
    order = paid_order(answers)
    return await _wait_until_paid(context.client, order, context.poll_interval, context.wait_limit)


async def submit_request(context: ActionContext, answers: Answers, key: str) -> object:
    client = context.client
    session = session_of(answers)
    data = _request(answers, with_identity=session is None)
    try:
        try:
            token = session.token if session is not None else None
            return await client.request_criminal_record(data, idempotency_key=key, token=token)
        except PortalUnauthorized as error:
            if session is None or error.code not in SESSION_ENDED:
                raise
            if "login" not in answers and "email" not in answers:
                raise _borrowed_session_ended(context) from None
            # The session ended while the visitor paid or read: open another, send again.
            session = await _log_in(client, answers)
            context.session.login = session
            return await client.request_criminal_record(
                data, idempotency_key=key, token=session.token
            )
    except PortalRejected as error:
        raise _on_flow_field(error) from None


ACTIONS: Mapping[str, Action] = {
    "create_account": create_account,
    "log_in": log_in,
    "verify_boleta": verify_boleta,
    "create_payment_order": create_payment_order,
    "find_payment_order": find_payment_order,
    "wait_for_payment": wait_for_payment,
    "submit_request": submit_request,
    VISIT_LOGIN: visit_login.reuse_login,
}


WRONG_CREDENTIALS = _(
    "El DPI o correo, o la contraseña, no son correctos. Revíselos y escríbalos otra "
    "vez. Si no recuerda su contraseña, puede hacer el trámite sin registrarse."
)


def _borrowed_session_ended(context: ActionContext) -> PortalRejected:
    """The visit's log-in came from another service (Casillero): its password is not here to
    open another session, so the visitor is told to start again (nothing was charged: the
    request was refused before it was made)."""
    context.session.login = None
    text = Text(
        "Su sesión del portal terminó. Toque «Inicio» y vuelva a empezar el trámite con su "
        "cuenta: su pago no se ha usado y le sirve."
    )
    problem = Problem(title=str(text), status=401, code="session_expired", detail=str(text))
    return PortalRejected(problem, text)


def _credentials(answers: Answers) -> tuple[str, str, str]:
    """(DPI or email, password, the password's field): the account's (``login``), or the
    account's just created."""
    if "login" in answers:
        return str(answers["login"]), str(answers["login_password"]), "login_password"
    return str(answers["email"]), str(answers["password"]), "password"


async def _log_in(client: PortalClient, answers: Answers) -> VisitorSession:
    """With the account's DPI or email (``login``), or with the account just created."""
    login, password, field_id = _credentials(answers)
    return await visit_login.open_session(
        client, login, password, field_id=field_id, wrong=WRONG_CREDENTIALS
    )


async def _wait_until_paid(
    client: PortalClient, order: PaymentOrder, interval: float, limit: float
) -> PaymentOrder:
    """Look at the order every ``interval`` seconds until it is paid, for ``limit`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while True:
        try:
            seen: PaymentOrder | None = await client.payment_order(order.id)
        except PortalUnavailable:
            seen = None  # a moment without the portal: keep waiting until the deadline
        if seen is not None and seen.status in (PaymentOrderStatus.PAID, PaymentOrderStatus.USED):
            return seen
        if seen is not None and seen.status is PaymentOrderStatus.EXPIRED:
            message = _(
                "La orden de pago con la referencia {reference} venció sin pago. Toque «Inicio» "
                "para empezar de nuevo con una orden nueva."
            )
            raise PortalRejected(*_problem("order_expired", message, order))
        if loop.time() + interval > deadline:
            message = _(
                "Todavía no recibimos la confirmación de su pago de {amount} con la referencia "
                "{reference}. Si ya pagó, puede tardar unos minutos: intente de nuevo en un "
                "momento. Si prefiere irse, guarde la hoja con la referencia: con ella puede "
                "volver más tarde, y en la ventanilla le ayudan a terminar sin pagar otra vez."
            )
            raise PortalPending(*_problem("payment_pending", message, order))
        await asyncio.sleep(interval)


def _request(answers: Answers, *, with_identity: bool) -> CriminalRecordRequestCreate:
    payment: BoletaPayment | OrderPayment
    if answers["pay_method"] == "boleta":
        check = _boleta(answers)
        payment = BoletaPayment(
            bank=check.bank, number=check.number, paid_on=check.paid_on, amount=check.amount
        )
    else:
        payment = OrderPayment(order_id=paid_order(answers).id)
    if not with_identity:  # the session says who it is; the account's email gets the constancia
        return CriminalRecordRequestCreate(payment=payment)
    return CriminalRecordRequestCreate(
        dpi=str(answers["guest_dpi"]),
        birth_date=_get(answers, "guest_birth_date", date),
        first_names=str(answers["first_names"]),
        last_names=str(answers["last_names"]),
        email=str(answers["delivery_email"]) if answers.get("send_email") is True else None,
        payment=payment,
    )


def _boleta(answers: Answers) -> BoletaCheck:
    return BoletaCheck(
        bank=Bank(str(answers["boleta_bank"])),
        number=normalize_digits(str(answers["boleta_number"])),
        paid_on=_get(answers, "boleta_paid_on", date),
        amount=_get(answers, "boleta_amount", Decimal),
    )


def _on_flow_field(error: PortalRejected) -> PortalRejected:
    """The same refusal, naming the flow's field when the portal named one of its own."""
    if isinstance(error, PortalUnauthorized) or error.field not in FLOW_FIELDS:
        return error
    return AnswerRejected.of(error, FLOW_FIELDS[error.field])


def _problem(
    code: str, message: str, order: PaymentOrder, *, field: str | None = None
) -> tuple[Problem, Text]:
    """The kiosk's own refusal about an order: the problem, and its words kept for display."""
    text = Text(message, amount=formats.money(order.amount), reference=order.reference)
    detail = str(text)
    return Problem(title=detail, status=409, code=code, detail=detail, field=field), text


def _get(answers: Answers, key: str, kind: type[T]) -> T:
    value = answers.get(key)
    if not isinstance(value, kind):
        raise TypeError(f"{key!r} is not a {kind.__name__} in what the action received")
    return value
