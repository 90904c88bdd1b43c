"""Reprints at the desk over HTTP on the session's sandbox: a supervisor reprints a constancia by
its verification code (recorded once per Idempotency-Key, with no personal data), a clerk is
refused before any look-up, and unknown, annulled and expired documents are refused with why."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import closing
from typing import Any

import httpx
import pytest
from support import sandbox_tools
from support.devices import data_dir_of
from verification.sealed import issue_constancia

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient, new_idempotency_key
from kiosk.portal.errors import PortalUnauthorized
from kiosk.portal.models import Certificate
from kiosk.portal.models.reprints import REPRINT, Reprint, ReprintCreate, ReprintReason
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.sandbox.staff_users import DEMO_STAFF_PASSWORD

pytestmark = pytest.mark.timeout(90)

CLERK, SUPERVISOR = "ana.lopez", "carmen.mendez"


@pytest.fixture
async def http(sandbox: PortalEndpoint, kiosk_id: str) -> AsyncIterator[httpx.AsyncClient]:
    """Raw HTTP as the kiosk (same kiosk id as ``client``): statuses and headers as sent."""
    headers = {"X-Kiosk-Id": kiosk_id, "X-Kiosk-Token": sandbox.device_token}
    async with httpx.AsyncClient(
        base_url=f"{sandbox.url}/v1", headers=headers, timeout=15
    ) as client:
        yield client


async def staff_token(http: httpx.AsyncClient, user: str) -> str:
    answer = await http.post(
        "/staff/sessions",
        json={"user": user, "password": DEMO_STAFF_PASSWORD, "courthouse": "torre-tribunales"},
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["token"])


async def post_reprint(
    http: httpx.AsyncClient,
    code: str,
    *,
    token: str | None,
    reason: str = "damaged",
    key: str | None = None,
) -> httpx.Response:
    headers = {"Idempotency-Key": key or new_idempotency_key()}
    if token is not None:
        headers["X-Staff-Token"] = token
    return await http.post(
        "/staff/reprints", json={"document_code": code, "reason": reason}, headers=headers
    )


def reprint_rows(sandbox: PortalEndpoint, code: str) -> list[dict[str, Any]]:
    path = data_dir_of(sandbox) / DATABASE_FILE
    with closing(sqlite3.connect(path, timeout=10)) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "SELECT * FROM staff_reprints WHERE document_code = ? ORDER BY at", (code,)
        ).fetchall()
    return [dict(row) for row in rows]


async def test_a_supervisor_reprints_and_the_portal_records_it_without_personal_data(
    http: httpx.AsyncClient, client: PortalClient, sandbox: PortalEndpoint, kiosk_id: str
) -> None:
    certificate = await issue_constancia(client)
    token = await staff_token(http, SUPERVISOR)
    answer = await post_reprint(http, certificate.code, token=token, reason="printer_failed")
    assert answer.status_code == 201, answer.text
    assert answer.headers["Idempotent-Replayed"] == "false"
    reprint = Reprint.model_validate_json(answer.content)
    assert (reprint.document_code, reprint.document_kind, reprint.reason) == (
        certificate.code,
        "CAP",
        ReprintReason.PRINTER_FAILED,
    )
    # what the kiosk prints with: the same document, through the certificate look-up
    again = await client.certificate(reprint.download_code)
    assert (again.code, again.seal) == (certificate.code, certificate.seal)

    rows = reprint_rows(sandbox, certificate.code)
    assert len(rows) == 1
    row = rows[0]
    assert set(row) == {"id", "document_code", "staff_user", "kiosk_id", "reason", "at"}
    assert (row["id"], row["staff_user"], row["kiosk_id"], row["reason"]) == (
        reprint.id,
        SUPERVISOR,
        kiosk_id,
        "printer_failed",
    )
    held = " ".join(str(value) for value in row.values())
    for personal in (certificate.dpi, certificate.full_name, *certificate.full_name.split()):
        assert personal not in held
    assert reprint.download_code not in held  # the secret is the document's, not the record's


async def test_the_same_key_again_records_one_reprint(
    http: httpx.AsyncClient, client: PortalClient, sandbox: PortalEndpoint
) -> None:
    certificate = await issue_constancia(client)
    token = await staff_token(http, SUPERVISOR)
    key = new_idempotency_key()
    first = await post_reprint(http, certificate.code, token=token, key=key)
    second = await post_reprint(http, certificate.code, token=token, key=key)
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.headers["Idempotent-Replayed"] == "true"
    assert first.json() == second.json()
    assert len(reprint_rows(sandbox, certificate.code)) == 1
    other = await post_reprint(http, certificate.code, token=token)  # a new attempt: a new key
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]
    assert len(reprint_rows(sandbox, certificate.code)) == 2


async def test_a_clerk_is_refused_before_any_look_up(
    http: httpx.AsyncClient, client: PortalClient, sandbox: PortalEndpoint
) -> None:
    certificate = await issue_constancia(client)
    token = await staff_token(http, CLERK)
    for code in (certificate.code, "CAP-2026-ZZZZ-ZZZZ"):  # existing or not: the same answer
        answer = await post_reprint(http, code, token=token)
        assert answer.status_code == 403, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
        problem = answer.json()
        assert problem["code"] == "staff_role_required"
        assert "supervisor" in problem["detail"]
    assert reprint_rows(sandbox, certificate.code) == []


async def test_without_a_desk_clerk_the_portal_asks_for_one(
    http: httpx.AsyncClient, client: PortalClient
) -> None:
    certificate = await issue_constancia(client)
    answer = await post_reprint(http, certificate.code, token=None)
    assert answer.status_code == 401
    assert answer.json()["code"] == "staff_session_required"


async def test_unknown_annulled_and_expired_documents_are_refused_with_why(
    http: httpx.AsyncClient, client: PortalClient, sandbox: PortalEndpoint
) -> None:
    token = await staff_token(http, SUPERVISOR)
    unknown = await post_reprint(http, "CAP-2026-ZZZZ-ZZZZ", token=token)
    assert unknown.status_code == 404
    assert (unknown.json()["code"], unknown.json()["field"]) == (
        "document_not_found",
        "document_code",
    )

    annulled = await issue_constancia(client)
    await sandbox_tools.sandbox_revoke_document(client, annulled.code)
    refused = await post_reprint(http, annulled.code, token=token)
    assert refused.status_code == 409
    assert refused.json()["code"] == "document_revoked"
    assert "anulado" in refused.json()["detail"]

    old = await issue_constancia(client)
    await sandbox_tools.sandbox_backdate_document(client, old.code, days=400)
    expired = await post_reprint(http, old.code, token=token)
    assert expired.status_code == 409
    assert expired.json()["code"] == "document_expired"
    assert "venció" in expired.json()["detail"]
    assert reprint_rows(sandbox, annulled.code) == reprint_rows(sandbox, old.code) == []

    malformed = await post_reprint(http, "cap 2026", token=token)  # the kiosk sends it grouped
    assert malformed.status_code == 422


async def test_the_kiosk_client_reprints_through_the_declared_endpoint(
    http: httpx.AsyncClient, client: PortalClient
) -> None:
    certificate: Certificate = await issue_constancia(client, DEMO_CLEAN)
    body = ReprintCreate(document_code=certificate.code, reason=ReprintReason.LOST)
    supervisor = await staff_token(http, SUPERVISOR)
    key = new_idempotency_key()
    done = await client.call(REPRINT, body=body, idempotency_key=key, staff_token=supervisor)
    assert isinstance(done, Reprint) and done.reason is ReprintReason.LOST
    clerk = await staff_token(http, CLERK)
    with pytest.raises(PortalUnauthorized) as refused:  # 403: the client's kind for it
        await client.call(REPRINT, body=body, idempotency_key=new_idempotency_key(),
                          staff_token=clerk)  # fmt: skip
    assert refused.value.code == "staff_role_required"
