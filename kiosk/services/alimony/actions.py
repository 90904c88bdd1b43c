"""Pensión Alimenticia at the portal: the PIN log-in, the change of a temporary PIN, the visitor's
cases, one case's account and its movements a page at a time.

The PIN log-in's token is this service's and this visit's only: it lives in the flow's results
(the flow's reset drops it) and never in ``Session.login``, which other services share. At the end
of the visit (``Session.reset``: "Terminar", the idle wipe) it is also revoked at the portal, in
the background. Nothing of the visitor's reaches a log: the client logs route templates, and the
messages here never carry the DPI or the PIN.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Mapping

from kiosk import formats
from kiosk.flows.lookup import CURSOR, SELECTED
from kiosk.flows.model import Answers
from kiosk.flows.records import ResultRow, ResultsPage
from kiosk.flows.text import _
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import (
    PortalError,
    PortalRateLimited,
    PortalRejected,
    PortalUnauthorized,
)
from kiosk.portal.models import BANK_NAMES
from kiosk.portal.models.alimony import (
    ALIMONY_CASE,
    ALIMONY_CASES,
    ALIMONY_MOVEMENTS,
    CHANGE_PIN,
    CLOSE_PIN_SESSION,
    MOVEMENTS_LIMIT_DEFAULT,
    OPEN_PIN_SESSION,
    AlimonyCase,
    AlimonySession,
    Movement,
    MovementKind,
    PinChange,
    PinLogIn,
)
from kiosk.services.alimony.words import MOVEMENTS, ROLES, locked_message
from kiosk.services.base import Action, ActionContext, AnswerRejected
from kiosk.session import Session
from kiosk.text import Text

log = logging.getLogger(__name__)

LOG_IN = "log_in"  # the step (and action) whose result is the PIN session
MOVEMENT = "movement"  # the answer a chosen movement gives
CASE = "fetch"  # the step whose result is the case's account


async def log_in(context: ActionContext, answers: Answers, key: str) -> object:
    body = PinLogIn(dpi=str(answers["dpi"]), pin=str(answers["pin"]))
    try:
        session = await context.client.call(OPEN_PIN_SESSION, body=body, idempotency_key=key)
    except PortalRateLimited as error:
        if error.code != "pin_locked":
            raise  # this kiosk's own limit: the shared words say how long to wait
        raise PortalRejected(error.problem, locked_message(error.retry_after)) from None
    except PortalUnauthorized as error:
        if error.code != "pin_invalid":
            raise
        raise AnswerRejected.of(error, "pin", wrong_pin(error)) from None
    except PortalRejected as error:
        if error.code != "dpi_invalid":
            raise
        raise AnswerRejected.of(error, "dpi") from None
    _revoke_at_the_end(context.session, context.client, session.token)
    return session


async def change_pin(context: ActionContext, answers: Answers, key: str) -> object:
    body = PinChange(new_pin=str(answers["new_pin"]))
    try:
        return await context.client.call(
            CHANGE_PIN, body=body, idempotency_key=key, token=_token(answers)
        )
    except PortalUnauthorized as error:
        raise _ended(error) from None
    except PortalRejected as error:
        if error.code != "pin_rejected":
            raise
        raise AnswerRejected.of(error, "new_pin") from None


async def cases(context: ActionContext, answers: Answers, key: str) -> object:
    try:
        found = await context.client.call(ALIMONY_CASES, token=_token(answers))
    except PortalUnauthorized as error:
        raise _ended(error) from None
    rows = tuple(
        ResultRow(
            item.id,
            Text("Expediente {number}", number=item.number),
            (
                item.court_name,
                Text(ROLES[item.role][0]),
                Text("Pensión mensual: {amount}", amount=formats.money(item.monthly_amount)),
            ),
        )
        for item in found.items
    )
    return ResultsPage(rows, found.total, None, Text("Sus casos de pensión alimenticia"))


async def case(context: ActionContext, answers: Answers, key: str) -> object:
    try:
        return await context.client.call(
            ALIMONY_CASE, path={"case_id": str(answers[SELECTED])}, token=_token(answers)
        )
    except PortalUnauthorized as error:
        raise _ended(error) from None


async def movements(context: ActionContext, answers: Answers, key: str) -> object:
    account = answers.get(CASE)
    if not isinstance(account, AlimonyCase):
        raise TypeError("the movements follow the case's account")
    cursor = answers.get(CURSOR)
    query: dict[str, str | int | None] = {
        "limit": MOVEMENTS_LIMIT_DEFAULT,
        "cursor": str(cursor) if cursor else None,
    }
    try:
        page = await context.client.call(
            ALIMONY_MOVEMENTS, path={"case_id": account.id}, query=query, token=_token(answers)
        )
    except PortalUnauthorized as error:
        raise _ended(error) from None
    searched = Text(
        "Expediente {number}: depósitos y retiros, el más reciente primero", number=account.number
    )
    rows = tuple(movement_row(item) for item in page.items)
    return ResultsPage(rows, page.total, page.next_cursor, searched)


def movement_row(item: Movement) -> ResultRow:
    """A movement as a row of the list (``action.select.m<number>``)."""
    return ResultRow(
        f"m{item.number}",
        Text(
            "{kind} de {amount}",
            kind=Text(MOVEMENTS[item.kind]),
            amount=formats.money(item.amount),
        ),
        (
            formats.day(item.on),
            Text("{bank}, {branch}", bank=BANK_NAMES[item.bank], branch=item.branch),
            reference_text(item),
        ),
    )


def reference_text(item: Movement) -> Text:
    if item.kind is MovementKind.DEPOSITO:
        return Text("Boleta de depósito {reference}", reference=item.reference)
    return Text("Orden de pago del juzgado {reference}", reference=item.reference)


def wrong_pin(error: PortalRejected) -> Text:
    """A wrong PIN (or a DPI without one: the same words), and the tries left before the lock."""
    left = (error.problem.model_extra or {}).get("tries_left")
    if left == 1:
        return Text(
            "El DPI o el PIN no son correctos. Le queda 1 intento: si falla, el PIN se bloquea "
            "por un tiempo. Revise su DPI y su PIN y escríbalos otra vez."
        )
    if isinstance(left, int) and left > 1:
        return Text(
            "El DPI o el PIN no son correctos. Le quedan {tries} intentos. Revise su DPI y su "
            "PIN y escríbalos otra vez.",
            tries=left,
        )
    return Text("El DPI o el PIN no son correctos. Revise su DPI y su PIN y escríbalos otra vez.")


ACTIONS: Mapping[str, Action] = {
    LOG_IN: log_in,
    "change_pin": change_pin,
    "cases": cases,
    "case": case,
    "movements": movements,
}


# --- the PIN session ------------------------------------------------------------------------------


def _token(answers: Answers) -> str:
    session = answers.get(LOG_IN)
    if not isinstance(session, AlimonySession):
        raise TypeError("the account is read after the PIN log-in")
    return session.token


def _ended(error: PortalUnauthorized) -> PortalRejected:
    """The PIN session expired (or was ended at the court): the visitor logs in again."""
    message = _(
        "Su sesión de Pensión Alimenticia terminó por seguridad. Toque «Inicio» y vuelva a "
        "ingresar con su DPI y su PIN."
    )
    return PortalRejected(error.problem, Text(message))


class _Revoker:
    """The PIN sessions opened during a visit, revoked at the portal when the visit ends (a
    ``Session.on_reset`` callback: it runs at every reset, registered once per visit object)."""

    def __init__(self) -> None:
        self.open: list[tuple[PortalClient, str]] = []
        self.tasks: set[asyncio.Task[None]] = set()

    def __call__(self) -> None:
        opened, self.open = self.open, []
        for client, token in opened:
            try:
                task = asyncio.ensure_future(_close(client, token))
            except RuntimeError:  # no event loop (a test without one): it expires by itself
                continue
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)


async def _close(client: PortalClient, token: str) -> None:
    try:
        await client.call(CLOSE_PIN_SESSION, token=token)
    except PortalError as error:  # it expires at the portal anyway; nothing for the visitor
        log.info("alimony log-out failed", extra={"error": type(error).__name__})
    except RuntimeError:  # the client was closed first (the kiosk shutting down)
        log.info("alimony log-out skipped", extra={"error": "client_closed"})


_revokers: dict[int, tuple[weakref.ref[Session], _Revoker]] = {}


def _revoke_at_the_end(session: Session, client: PortalClient, token: str) -> None:
    key = id(session)
    entry = _revokers.get(key)
    if entry is None or entry[0]() is not session:
        revoker = _Revoker()
        session.on_reset(revoker)
        ref = weakref.ref(session, lambda _gone: _revokers.pop(key, None))
        entry = _revokers[key] = (ref, revoker)
    entry[1].open.append((client, token))
