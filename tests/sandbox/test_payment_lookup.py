"""A visitor comes back with the printed payment order: GET /v1/payment-orders?reference=REF."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from support import sandbox_tools
from support.devices import enroll

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient, new_idempotency_key
from kiosk.portal.errors import PortalNotFound, PortalRejected
from kiosk.portal.models import PaymentConcept, PaymentOrderStatus
from kiosk.sandbox.cli import openapi_document
from kiosk.sandbox.store import now as guatemala_now


def spaced(reference: str) -> str:
    return f" {reference[:4]} {reference[4:8]}-{reference[8:]} "


async def test_an_order_is_found_by_its_printed_reference(client: PortalClient) -> None:
    order = await client.create_payment_order(
        PaymentConcept.CRIMINAL_RECORD, idempotency_key=new_idempotency_key()
    )
    for typed in (order.reference, spaced(order.reference)):
        found = await client.payment_order_by_reference(typed)
        assert found == order
    await sandbox_tools.sandbox_pay_order(client, order.reference)
    paid = await client.payment_order_by_reference(order.reference)
    assert paid.id == order.id and paid.status is PaymentOrderStatus.PAID


async def test_unknown_or_old_references_are_not_found(
    client: PortalClient, sandbox_dir: Path
) -> None:
    with pytest.raises(PortalNotFound) as err:
        await client.payment_order_by_reference("000000000000")
    assert err.value.code == "payment_order_not_found" and err.value.field == "reference"

    order = await client.create_payment_order(
        PaymentConcept.CRIMINAL_RECORD, idempotency_key=new_idempotency_key()
    )
    long_ago = (guatemala_now() - timedelta(days=31)).isoformat()
    conn = sqlite3.connect(sandbox_dir / "portal.sqlite3")
    try:
        with conn:
            conn.execute(
                "UPDATE payment_orders SET created_at = ? WHERE id = ?", (long_ago, order.id)
            )
    finally:
        conn.close()
    with pytest.raises(PortalNotFound):
        await client.payment_order_by_reference(order.reference)
    assert (await client.payment_order(order.id)).id == order.id  # still there by its id


@pytest.mark.parametrize("typed", ["12-34", "1234567890123456789012345678901234567", "ref#1?x=2"])
async def test_a_reference_that_cannot_be_one_is_rejected(client: PortalClient, typed: str) -> None:
    with pytest.raises(PortalRejected) as err:
        await client.payment_order_by_reference(typed)
    assert err.value.problem.status == 422 and err.value.field == "reference"


def test_the_lookup_needs_the_device_and_a_reference(sandbox: PortalEndpoint) -> None:
    stranger = httpx.get(f"{sandbox.url}/v1/payment-orders?reference=123456789012", timeout=10)
    assert stranger.status_code == 401
    headers = {
        "X-Kiosk-Id": enroll(sandbox, "TEST-LOOKUP-1"),
        "X-Kiosk-Token": sandbox.device_token,
    }
    missing = httpx.get(f"{sandbox.url}/v1/payment-orders", headers=headers, timeout=10)
    assert missing.status_code == 422 and missing.json()["field"] == "reference"


def test_the_contract_documents_the_lookup() -> None:
    paths = openapi_document()["paths"]
    assert isinstance(paths, dict)
    lookup = paths["/v1/payment-orders"]["get"]
    assert [p["name"] for p in lookup["parameters"]] == ["reference"]
    for path in (
        "/v1/sandbox/documents/{code}/revoke",
        "/v1/sandbox/keys/issuer/revoke",
        "/v1/sandbox/documents/{code}/backdate",
    ):
        assert "post" in paths[path], path
