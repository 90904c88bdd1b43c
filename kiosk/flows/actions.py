"""The portal calls behind flow action steps: answers in, the portal's result out.

A flow names its action; this table gives the coroutine. Each takes the answers on the visitor's
path and the step's Idempotency-Key (stable across retries of the same answers), so a retry after
a timeout or a double tap never creates twice.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

from kiosk.flows.model import Answers
from kiosk.portal.client import PortalClient
from kiosk.portal.models import AccountCreate

Action = Callable[[Answers, str], Awaitable[object]]


def portal_actions(client: PortalClient) -> dict[str, Action]:
    async def create_account(answers: Answers, key: str) -> object:
        birth_date = answers["birth_date"]
        assert isinstance(birth_date, date)
        body = AccountCreate(
            dpi=str(answers["dpi"]),
            birth_date=birth_date,
            email=str(answers["email"]),
            password=str(answers["password"]),
        )
        return await client.create_account(body, idempotency_key=key)

    return {"create_account": create_account}
