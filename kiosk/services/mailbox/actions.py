"""Casillero Electrónico: the portal calls behind its action steps.

Every call takes the visit's log-in (``Session.login``): the one this flow opened, or one another
service opened earlier in the visit. A session that ended is opened again when the visitor logged
in here (the answers hold the password); a borrowed one cannot be, and the visitor is told how to
log in again. Opening a notification marks it read at the portal: an idempotent PUT, so a retry
after a lost answer finds it read with the same first reading time.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

from kiosk.flows.lookup import CURSOR, SELECTED
from kiosk.flows.model import Answers
from kiosk.flows.records import ResultsPage
from kiosk.flows.text import _
from kiosk.portal.errors import PortalNotFound, PortalRejected, PortalUnauthorized
from kiosk.portal.models import Problem, VisitorSession
from kiosk.portal.models.mailbox import MARK_READ, NOTIFICATIONS
from kiosk.services import visit_login
from kiosk.services.base import Action, ActionContext
from kiosk.services.mailbox.record import box_summary, row
from kiosk.text import Text

T = TypeVar("T")

PAGE_SIZE = 10
SESSION_ENDED = frozenset({"session_expired", "session_invalid", "session_required"})
WRONG_CREDENTIALS = _(
    "El DPI o correo, o la contraseña, no son correctos. Revíselos y escríbalos otra vez. Si no "
    "recuerda su contraseña, puede cambiarla en el portal del Organismo Judicial desde una "
    "computadora, o pedir ayuda en la ventanilla."
)


async def log_in(context: ActionContext, answers: Answers, key: str) -> object:
    login, password = _credentials(answers)
    return await visit_login.log_in(
        context, login, password, field_id="login_password", wrong=WRONG_CREDENTIALS
    )


async def search(context: ActionContext, answers: Answers, key: str) -> object:
    """A page of the box, newest first ("Ver más" adds ``cursor``)."""
    cursor = answers.get(CURSOR)
    query: dict[str, str | int | None] = {
        "limit": PAGE_SIZE,
        "cursor": str(cursor) if cursor else None,
    }
    page = await _signed_in(
        context, answers, lambda token: context.client.call(NOTIFICATIONS, query=query, token=token)
    )
    rows = tuple(row(item) for item in page.items)
    return ResultsPage(rows, page.total, page.next_cursor, box_summary(page))


async def fetch(context: ActionContext, answers: Answers, key: str) -> object:
    """The chosen notification, read: the portal keeps when it was first read."""
    path = {"notification_id": str(answers[SELECTED])}
    try:
        return await _signed_in(
            context,
            answers,
            lambda token: context.client.call(MARK_READ, path=path, token=token),
        )
    except PortalNotFound as error:
        detail = Text(
            "Esa notificación ya no está en su casillero. Toque «Atrás» para ver la lista."
        )
        raise PortalRejected(error.problem, detail) from None


ACTIONS: Mapping[str, Action] = {
    visit_login.VISIT_LOGIN: visit_login.reuse_login,
    "log_in": log_in,
    "search": search,
    "fetch": fetch,
}


def _credentials(answers: Answers) -> tuple[str, str]:
    return str(answers["login"]), str(answers["login_password"])


async def _signed_in(
    context: ActionContext, answers: Answers, call: Callable[[str], Awaitable[T]]
) -> T:
    """``call`` with the visit's session token; once more with a new session when it ended and
    the visitor gave the password here."""
    session = visit_login.visit_login(context) or await _again(context, answers)
    try:
        return await call(session.token)
    except PortalUnauthorized as error:
        if error.code not in SESSION_ENDED:
            raise
        return await call((await _again(context, answers)).token)


async def _again(context: ActionContext, answers: Answers) -> VisitorSession:
    if "login" not in answers or "login_password" not in answers:
        # borrowed from another service of the visit: the password is not here to open another
        context.session.login = None
        text = Text(
            "Su sesión del portal terminó. Toque «Inicio» y abra otra vez el Casillero "
            "Electrónico para ingresar de nuevo."
        )
        problem = Problem(title=str(text), status=401, code="session_expired", detail=str(text))
        raise PortalRejected(problem, text)
    login, password = _credentials(answers)
    return await visit_login.log_in(
        context, login, password, field_id="login_password", wrong=WRONG_CREDENTIALS
    )
