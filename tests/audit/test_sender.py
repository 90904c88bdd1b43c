"""AuditSender against the session's sandbox over HTTP, through a proxy the test cuts: entries go
in order, a cut portal keeps them queued, and a restart loses or repeats nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from ui.faults import PortalProxy

from kiosk.audit import AuditLog
from kiosk.audit.sender import AuditSender, SendResult
from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.portal.models.audit import POST_AUDIT
from kiosk.sandbox.app import DATABASE_FILE

CLERK = "jlopez"


@pytest.fixture
def proxy(sandbox: PortalEndpoint) -> Iterator[PortalProxy]:
    with PortalProxy(sandbox.url) as running:
        yield running


def client_via(proxy: PortalProxy, sandbox: PortalEndpoint, kiosk_id: str) -> PortalClient:
    return PortalClient(
        proxy.url, kiosk_id=kiosk_id, kiosk_token=sandbox.device_token, read_timeout=5
    )


def held_by_portal(sandbox_dir: Path, kiosk_id: str) -> list[tuple[int, str]]:
    """(seq, hash) of every entry the sandbox holds for this kiosk, in the order it stored them."""
    with closing(sqlite3.connect(sandbox_dir / DATABASE_FILE, timeout=10)) as conn:
        return conn.execute(
            "SELECT seq, hash FROM audit_entries WHERE kiosk_id = ? ORDER BY received_at, seq",
            (kiosk_id,),
        ).fetchall()


def append(log: AuditLog, count: int) -> None:
    for _ in range(count):
        log.append("service", staff_user=CLERK, service="antecedentes-penales")


async def test_nothing_lost_or_duplicated_across_a_restart_and_an_outage(
    tmp_path: Path, sandbox: PortalEndpoint, sandbox_dir: Path, kiosk_id: str, proxy: PortalProxy
) -> None:
    path = tmp_path / "audit.sqlite3"
    log = AuditLog(path)
    append(log, 5)
    async with client_via(proxy, sandbox, kiosk_id) as client:
        # send 2, as a round would before the power went
        for entry in log.pending(2):
            await client.call(POST_AUDIT, body=entry.upload(), idempotency_key=entry.hash)
            log.acknowledge(entry.seq)
    log.close()  # «restart»
    log = AuditLog(path)
    assert [e.seq for e in log.pending()] == [3, 4, 5]
    async with client_via(proxy, sandbox, kiosk_id) as client:
        sender = AuditSender(log, client)
        proxy.cut()
        down = await sender.send_pending()
        assert down == SendResult(sent=0, pending=3, stopped_by="unavailable")
        assert proxy.refused == 1  # it stopped at the first failure
        proxy.restore()
        up = await sender.send_pending()
        assert up == SendResult(sent=3, pending=0)
        assert await sender.send_pending() == SendResult(sent=0, pending=0)
    entries = log.entries()
    log.close()
    assert held_by_portal(sandbox_dir, kiosk_id) == [(e.seq, e.hash) for e in entries]
    posts = proxy.to("POST", "/v1/audit")
    assert [exchange.status for exchange in posts] == [201] * 5


async def test_a_lost_answer_is_replayed_not_duplicated(
    tmp_path: Path, sandbox: PortalEndpoint, sandbox_dir: Path, kiosk_id: str, proxy: PortalProxy
) -> None:
    with AuditLog(tmp_path / "audit.sqlite3") as log:
        append(log, 3)
        async with client_via(proxy, sandbox, kiosk_id) as client:
            sender = AuditSender(log, client)
            proxy.lose_next_answer("POST", "/v1/audit")  # entry 1 arrives; its 201 does not
            lost = await sender.send_pending()
            assert lost == SendResult(sent=0, pending=3, stopped_by="unavailable")
            done = await sender.send_pending()
            assert done == SendResult(sent=3, pending=0)
        assert [e.status for e in proxy.to("POST", "/v1/audit")] == [201, 200, 201, 201]
        assert [seq for seq, _ in held_by_portal(sandbox_dir, kiosk_id)] == [1, 2, 3]


async def test_an_out_of_order_answer_stops_and_keeps_the_entries(
    tmp_path: Path, sandbox: PortalEndpoint, kiosk_id: str, proxy: PortalProxy
) -> None:
    with AuditLog(tmp_path / "audit.sqlite3") as log:
        append(log, 3)
        log.acknowledge(1)  # a log that believes the portal has entry 1, which it never got
        async with client_via(proxy, sandbox, kiosk_id) as client:
            result = await AuditSender(log, client).send_pending()
        assert result == SendResult(sent=0, pending=2, stopped_by="audit_out_of_order")
        assert [e.seq for e in log.pending()] == [2, 3]
