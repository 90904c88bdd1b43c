"""The visitor's log-in to the portal: one per visit, shared by every service that needs an
account (Antecedentes Penales "con cuenta", Casillero Electrónico).

A service opens it with ``log_in`` (it becomes ``Session.login``, the visit's); another service
of the same visit finds it with ``visit_login`` instead of asking again, as the first step of its
flow (``reuse_login`` is that step's action, ``after_visit_login`` its branch). Logging out
(home's «Cerrar sesión») and the end of the visit drop it, at the portal too (``KioskUi``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from kiosk import formats
from kiosk.flows.model import ActionNext, Answers
from kiosk.identity import normalize_digits
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalUnauthorized
from kiosk.portal.models import SessionCreate, VisitorSession
from kiosk.services.base import ActionContext, AnswerRejected

#: the step (and action) that looks for the visit's log-in before asking for one
VISIT_LOGIN = "visit_login"
#: a session about to end is not worth reusing: the visitor would be asked again halfway
MARGIN = timedelta(minutes=2)


@dataclass(frozen=True)
class NoLogin:
    """What ``reuse_login`` answers when the visit has no usable log-in."""


NO_LOGIN = NoLogin()


def visit_login(context: ActionContext) -> VisitorSession | None:
    """The visit's log-in, if it has one that does not end in the next minutes."""
    login = context.session.login
    if login is None or login.expires_at <= formats.now() + MARGIN:
        return None
    return login


async def reuse_login(context: ActionContext, answers: Answers, key: str) -> object:
    """An action step's: the visit's log-in, or ``NO_LOGIN`` (then the flow asks for one)."""
    return visit_login(context) or NO_LOGIN


def after_visit_login(logged_in: str, ask: str) -> ActionNext:
    """The branch after ``reuse_login``: ``logged_in`` with a log-in, ``ask`` without one."""

    def branch(answers: Answers, result: object) -> str:
        return logged_in if isinstance(result, VisitorSession) else ask

    return branch


async def open_session(
    client: PortalClient, login: str, password: str, *, field_id: str, wrong: str
) -> VisitorSession:
    """A portal session for the account whose DPI or email is ``login``. Wrong credentials are
    an ``AnswerRejected`` on ``field_id`` with ``wrong`` (the service's words for what to do)."""
    login = login.strip().lower() if "@" in login else normalize_digits(login)
    try:
        return await client.log_in(SessionCreate(login=login, password=password))
    except PortalUnauthorized as error:
        if error.code != "invalid_credentials":
            raise
        raise AnswerRejected.of(error, field_id, wrong) from None


async def log_in(
    context: ActionContext, login: str, password: str, *, field_id: str, wrong: str
) -> VisitorSession:
    """``open_session``, kept as the visit's log-in: the visit's other services reuse it."""
    session = await open_session(context.client, login, password, field_id=field_id, wrong=wrong)
    context.session.login = session
    return session
