"""A service's actions bound to a portal client and a visit, called as the flow controller calls
them (answers and an Idempotency-Key): for tests that walk a flow without the UI."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from kiosk.flows.engine import FlowRun
from kiosk.flows.model import ActionStep, Answers
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalError
from kiosk.services.base import ActionContext, Service
from kiosk.services.criminal_record import SERVICE as CRIMINAL_RECORD
from kiosk.session import Session

Bound = Callable[[Answers, str], Awaitable[object]]


def bound_actions(
    client: PortalClient,
    *,
    service: Service = CRIMINAL_RECORD,
    session: Session | None = None,
    poll_interval: float = 3.0,
    payment_wait: float = 600.0,
) -> dict[str, Bound]:
    context = ActionContext(client, session or Session(), poll_interval, payment_wait)

    def bind(action_id: str) -> Bound:
        action = service.actions[action_id]

        async def call(answers: Answers, key: str) -> object:
            return await action(context, answers, key)

        return call

    return {action_id: bind(action_id) for action_id in service.actions}


async def advance(run: FlowRun, actions: dict[str, Bound]) -> None:
    """Run action steps as the controller does until a screen that waits for the visitor."""
    while isinstance(run.current, ActionStep):
        step = run.current
        try:
            result = await actions[step.action](run.submitted_answers(), run.action_key(step.id))
        except PortalError:
            run.fail_action()
            raise
        run.complete_action(result)
