"""The portal calls behind flow action steps: answers in, the portal's result out.

A flow names its action; this table gives the coroutine. Each takes what the engine hands an
action (the answers on the visitor's path, plus the result of each earlier action on it under its
step id: a session, a payment order) and the step's Idempotency-Key (stable across retries of the
same answers), so a retry after a timeout or a double tap never creates twice.

An action fails only with a ``PortalError``. When the portal refuses an answer the visitor can fix
(a wrong password, a slip the bank does not know), it raises ``AnswerRejected`` naming the flow's
field: the message is the portal's, and "Atrás" leads to the question that asks it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import TypeVar

from kiosk.flows.collect_certificate import grouped_code
from kiosk.flows.criminal_record_steps import compact_reference, paid_order, session_of
from kiosk.flows.fields import format_money
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
    AccountCreate,
    Bank,
    BoletaCheck,
    BoletaPayment,
    CriminalRecordRequestCreate,
    OrderPayment,
    PaymentConcept,
    PaymentOrder,
    PaymentOrderStatus,
    Problem,
    SessionCreate,
    VisitorSession,
)

Action = Callable[[Answers, str], Awaitable[object]]
T = TypeVar("T")

POLL_INTERVAL = 3.0  # seconds between two looks at a payment order
PAYMENT_WAIT = 600.0  # how long wait_for_payment waits before the visitor is told to come back
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


class AnswerRejected(PortalRejected):
    """The portal refused an answer: ``field`` is the flow's field id, ``detail`` says why."""

    @classmethod
    def of(cls, error: PortalRejected, field_id: str, detail: str | None = None) -> AnswerRejected:
        update = {"field": field_id, "detail": detail or error.detail}
        return cls(error.problem.model_copy(update=update))


class PaymentPending(PortalRejected):
    """The order is not paid yet. Transient: trying again later polls the same order."""

    transient = True


def portal_actions(
    client: PortalClient,
    *,
    poll_interval: float = POLL_INTERVAL,
    payment_wait: float = PAYMENT_WAIT,
) -> dict[str, Action]:
    async def create_account(answers: Answers, key: str) -> object:
        body = AccountCreate(
            dpi=str(answers["dpi"]),
            birth_date=_get(answers, "birth_date", date),
            email=str(answers["email"]),
            password=str(answers["password"]),
        )
        return await client.create_account(body, idempotency_key=key)

    async def log_in(answers: Answers, key: str) -> object:
        return await _log_in(client, answers)

    async def verify_boleta(answers: Answers, key: str) -> object:
        try:
            return await client.verify_boleta(_boleta(answers))
        except PortalRejected as error:
            raise _on_flow_field(error) from None

    async def create_payment_order(answers: Answers, key: str) -> object:
        made = answers.get("create_payment_order")
        if isinstance(made, PaymentOrder):  # passing again: the same order, never a second one
            return await client.payment_order(made.id)
        return await client.create_payment_order(
            PaymentConcept.CRIMINAL_RECORD, idempotency_key=key
        )

    async def find_payment_order(answers: Answers, key: str) -> object:
        reference = compact_reference(str(answers["payment_reference"]))
        try:
            order = await client.payment_order_by_reference(reference)
        except PortalNotFound as error:
            detail = _(
                "No encontramos una orden de pago con la referencia {reference}. Revise que "
                "esté igual que en la hoja y escríbala otra vez."
            ).format(reference=reference)
            raise AnswerRejected(
                error.problem.model_copy(
                    update={"field": "payment_reference", "detail": detail, "status": 422}
                )
            ) from None
        if order.status is PaymentOrderStatus.USED:
            message = _(
                "La orden de pago con la referencia {reference} ya se usó para una solicitud. "
                "Si no recibió su constancia, use su código de descarga o pida ayuda en la "
                "ventanilla: no pague otra vez."
            )
            raise AnswerRejected(_problem("order_used", message, order, field="payment_reference"))
        if order.status is PaymentOrderStatus.EXPIRED:
            message = _(
                "La orden de pago con la referencia {reference} venció sin pago. Vuelva a "
                "«Forma de pago» y elija «Pagar en línea ahora» para recibir una orden nueva."
            )
            raise AnswerRejected(
                _problem("order_expired", message, order, field="payment_reference")
            )
        return order

    async def fetch_certificate(answers: Answers, key: str) -> object:
        try:
            return await client.certificate(grouped_code(str(answers["download_code"])))
        except PortalNotFound as error:
            detail = _(
                "No hay ninguna constancia con ese código de descarga. Revise que esté igual "
                "que en su hoja o en el correo y escríbalo otra vez."
            )
            raise AnswerRejected.of(error, "download_code", detail) from None

    async def wait_for_payment(answers: Answers, key: str) -> object:
        order = paid_order(answers)
        return await _wait_until_paid(client, order, poll_interval, payment_wait)

    async def submit_request(answers: Answers, key: str) -> object:
        session = session_of(answers)
        data = _request(answers, with_identity=session is None)
        try:
            try:
                token = session.token if session is not None else None
                return await client.request_criminal_record(data, idempotency_key=key, token=token)
            except PortalUnauthorized as error:
                if session is None or error.code not in SESSION_ENDED:
                    raise
                # The session ended while the visitor paid or read: open another, send again.
                session = await _log_in(client, answers)
                return await client.request_criminal_record(
                    data, idempotency_key=key, token=session.token
                )
        except PortalRejected as error:
            raise _on_flow_field(error) from None

    return {
        "create_account": create_account,
        "log_in": log_in,
        "verify_boleta": verify_boleta,
        "create_payment_order": create_payment_order,
        "find_payment_order": find_payment_order,
        "wait_for_payment": wait_for_payment,
        "submit_request": submit_request,
        "fetch_certificate": fetch_certificate,
    }


async def _log_in(client: PortalClient, answers: Answers) -> VisitorSession:
    """With the account's DPI or email (``login``), or with the account just created."""
    if "login" in answers:
        login, password, field_id = (
            str(answers["login"]),
            answers["login_password"],
            "login_password",
        )
    else:
        login, password, field_id = str(answers["email"]), answers["password"], "password"
    login = login.strip().lower() if "@" in login else normalize_digits(login)
    try:
        return await client.log_in(SessionCreate(login=login, password=str(password)))
    except PortalUnauthorized as error:
        if error.code != "invalid_credentials":
            raise
        detail = _(
            "El DPI o correo, o la contraseña, no son correctos. Revíselos y escríbalos otra "
            "vez. Si no recuerda su contraseña, puede hacer el trámite sin registrarse."
        )
        raise AnswerRejected.of(error, field_id, detail) from None


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
            raise PortalRejected(_problem("order_expired", message, order))
        if loop.time() + interval > deadline:
            message = _(
                "Todavía no recibimos la confirmación de su pago de {amount} con la referencia "
                "{reference}. Si ya pagó, puede tardar unos minutos: intente de nuevo en un "
                "momento. Si prefiere irse, guarde la hoja con la referencia: con ella puede "
                "volver más tarde, y en la ventanilla le ayudan a terminar sin pagar otra vez."
            )
            raise PaymentPending(_problem("payment_pending", message, order))
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


def _problem(code: str, message: str, order: PaymentOrder, *, field: str | None = None) -> Problem:
    detail = message.format(amount=format_money(order.amount), reference=order.reference)
    return Problem(title=detail, status=409, code=code, detail=detail, field=field)


def _get(answers: Answers, key: str, kind: type[T]) -> T:
    value = answers.get(key)
    if not isinstance(value, kind):
        raise TypeError(f"{key!r} is not a {kind.__name__} in what the action received")
    return value
