"""The sandbox's bank simulator and operator tools, as tests call them over HTTP (the kiosk's
client has no methods for them: a real portal does not serve these routes)."""

from __future__ import annotations

from kiosk.portal.client import PortalClient
from kiosk.portal.models import Certificate, PaymentOrder, SandboxBoleta, SandboxBoletaCreate
from kiosk.portal.models.sandbox import (
    SANDBOX_BACKDATE,
    SANDBOX_CREATE_BOLETA,
    SANDBOX_PAY_ORDER,
    SANDBOX_REVOKE_DOCUMENT,
    SANDBOX_REVOKE_ISSUER_KEY,
    SandboxBackdate,
    SandboxRevocation,
)


async def sandbox_pay_order(client: PortalClient, reference: str) -> PaymentOrder:
    return await client.call(
        SANDBOX_PAY_ORDER, path={"reference": reference}, idempotency_key=_key()
    )


async def sandbox_create_boleta(client: PortalClient, data: SandboxBoletaCreate) -> SandboxBoleta:
    return await client.call(SANDBOX_CREATE_BOLETA, body=data, idempotency_key=_key())


async def sandbox_revoke_document(client: PortalClient, code: str) -> SandboxRevocation:
    return await client.call(SANDBOX_REVOKE_DOCUMENT, path={"code": code}, idempotency_key=_key())


async def sandbox_revoke_issuer_key(client: PortalClient) -> SandboxRevocation:
    return await client.call(SANDBOX_REVOKE_ISSUER_KEY, idempotency_key=_key())


async def sandbox_backdate_document(client: PortalClient, code: str, days: int) -> Certificate:
    return await client.call(
        SANDBOX_BACKDATE,
        path={"code": code},
        body=SandboxBackdate(days=days),
        idempotency_key=_key(),
    )


def _key() -> str:
    from kiosk.portal.client import new_idempotency_key

    return new_idempotency_key()
