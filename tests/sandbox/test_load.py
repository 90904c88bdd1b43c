"""No 500 under load: a burst of 500 parallel writes answers 2xx, 4xx or 429 only; repeated
backdating stops with a 422; a huge request head is refused at once; per-key state (rate-limit
buckets, idempotency locks, expired sessions, day-old idempotency records) does not grow."""

from __future__ import annotations

import socket
import sqlite3
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from starlette.requests import Request
from support import sandbox_tools
from support.devices import enrolled_kiosk
from verification.sealed import issue_constancia

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models import PaymentOrder
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.sandbox.guards import Idempotency
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.store import Database, now

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def portal(abuse_portal: PortalEndpoint) -> PortalEndpoint:
    return abuse_portal


def database(portal: PortalEndpoint) -> Path:
    return portal.root_key.parent / DATABASE_FILE


def test_500_parallel_writes_answer_2xx_4xx_or_429_never_500(portal: PortalEndpoint) -> None:
    with closing(sqlite3.connect(database(portal))) as conn:
        persons = conn.execute(
            "SELECT p.dpi, p.birth_date FROM persons p LEFT JOIN accounts a ON a.dpi = p.dpi "
            "WHERE a.id IS NULL AND p.review = 0 LIMIT 250"
        ).fetchall()
    kiosks = [enrolled_kiosk(portal, "GT-LOAD") for _ in range(50)]
    with httpx.Client(base_url=f"{portal.url}/v1", timeout=60) as setup:
        headers = {"X-Kiosk-Id": kiosks[0], "X-Kiosk-Token": portal.device_token}
        boletas = [
            setup.post("/sandbox/bank/boletas", json={"bank": "gyt"}, headers=headers).json()
            for _ in range(100)
        ]
    work: list[tuple[str, dict[str, Any]]] = []
    for dpi, born in persons:  # 250 account creations: a hash each, then a short write
        email = f"carga.{uuid.uuid4().hex[:10]}@ejemplo.gt"
        work.append(("/accounts", {"dpi": dpi, "birth_date": born, "email": email,
                                   "password": "lluvia de junio"}))  # fmt: skip
    for boleta in boletas:  # 100 boletas spent on requests (a seal signed each)
        work.append(("/criminal-records/requests", {
            "dpi": DEMO_CLEAN.dpi, "birth_date": DEMO_CLEAN.birth_date.isoformat(),
            "first_names": DEMO_CLEAN.first_names, "last_names": DEMO_CLEAN.last_names,
            "payment": {"kind": "boleta", **boleta}}))  # fmt: skip
    work += [("/payment-orders", {"concept": "antecedentes-penales"})] * 150
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)

    with httpx.Client(base_url=f"{portal.url}/v1", timeout=60, limits=limits) as http:

        def send(index: int) -> int:
            path, body = work[index]
            headers = {
                "X-Kiosk-Id": kiosks[index % len(kiosks)],
                "X-Kiosk-Token": portal.device_token,
                "Idempotency-Key": uuid.uuid4().hex,
            }
            try:
                answer = http.post(path, json=body, headers=headers)
            except httpx.TransportError:
                return 0  # no answer at all: no better than a 500
            if answer.status_code == 429:
                assert int(answer.headers["Retry-After"]) > 0
            return answer.status_code

        began = time.monotonic()
        with ThreadPoolExecutor(max_workers=100) as pool:
            statuses = list(pool.map(send, range(len(work))))
    counts = Counter(statuses)
    print(f"\n{len(work)} parallel writes in {time.monotonic() - began:.1f} s: {dict(counts)}")
    assert len(statuses) == 500
    assert all(200 <= s < 300 or 400 <= s < 500 for s in statuses), counts
    assert counts[201] >= 250  # most went through: the limits are per kiosk, 50 kiosks here


async def test_backdating_again_and_again_stops_at_ten_years_with_a_422(
    client: PortalClient,
) -> None:
    certificate = await issue_constancia(client)
    far = await sandbox_tools.sandbox_backdate_document(client, certificate.code, days=3650)
    assert (certificate.issued_at - far.issued_at).days == 3650
    for _ in range(3):  # once, dates overflowed after enough of these and answered 500
        with pytest.raises(PortalRejected) as err:
            await sandbox_tools.sandbox_backdate_document(client, certificate.code, days=3650)
        assert (err.value.code, err.value.field) == ("backdate_too_far", "days")
        assert "10 años" in (err.value.detail or "")
    with pytest.raises(PortalRejected):
        await sandbox_tools.sandbox_backdate_document(client, certificate.code, days=1)


def test_a_64_kib_request_head_gets_a_4xx_at_once(sandbox: PortalEndpoint) -> None:
    address = urlsplit(sandbox.url)
    head = (
        f"GET /v1/health HTTP/1.1\r\nHost: {address.netloc}\r\nX-Padding: {'a' * 64 * 1024}\r\n\r\n"
    ).encode()
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(head)  # all at once: h11's own limit only sees heads that come in slowly
        answer = sock.recv(4096)
    status = int(answer.split(b" ", 2)[1])
    assert 400 <= status < 500
    assert httpx.get(f"{sandbox.url}/v1/health", timeout=10).status_code == 200  # still serving


# --- per-key state --------------------------------------------------------------------------------


def test_expired_sessions_and_day_old_idempotency_records_are_purged(
    portal: PortalEndpoint,
) -> None:
    moment = now()
    old, fresh = (moment - timedelta(days=2)).isoformat(), moment.isoformat()
    with closing(sqlite3.connect(database(portal), timeout=10)) as conn, conn:
        account = conn.execute("SELECT id FROM accounts LIMIT 1").fetchone()[0]
        for n in range(200):
            conn.execute(
                "INSERT INTO sessions(token_hash, account_id, kiosk_id, expires_at) "
                "VALUES (?, ?, 'GT-OLD-0001', ?)",
                (f"old-{n}", account, (moment - timedelta(minutes=1)).isoformat()),
            )
            conn.execute(
                "INSERT INTO idempotency(kiosk_id, key, fingerprint, status_code, body, "
                "created_at) VALUES ('GT-OLD-0001', ?, 'f', 201, '{}', ?)",
                (f"old-key-{n:04d}", old),
            )
        conn.execute(
            "INSERT INTO sessions(token_hash, account_id, kiosk_id, expires_at) "
            "VALUES ('live', ?, 'GT-OLD-0001', ?)",
            (account, (moment + timedelta(minutes=10)).isoformat()),
        )
        conn.execute(
            "INSERT INTO idempotency(kiosk_id, key, fingerprint, status_code, body, created_at) "
            "VALUES ('GT-OLD-0001', 'fresh-key-1', 'f', 201, '{}', ?)",
            (fresh,),
        )
    kiosk = enrolled_kiosk(portal)
    headers = {"X-Kiosk-Id": kiosk, "X-Kiosk-Token": portal.device_token}
    assert httpx.get(f"{portal.url}/v1/services", headers=headers, timeout=10).status_code == 200
    with closing(sqlite3.connect(database(portal))) as conn:
        sessions = [row[0] for row in conn.execute(
            "SELECT token_hash FROM sessions WHERE kiosk_id = 'GT-OLD-0001'")]  # fmt: skip
        keys = [row[0] for row in conn.execute(
            "SELECT key FROM idempotency WHERE kiosk_id = 'GT-OLD-0001'")]  # fmt: skip
    assert sessions == ["live"] and keys == ["fresh-key-1"]


def test_rate_limit_buckets_forget_keys_with_no_recent_calls() -> None:
    clock = [0.0]
    limiter = RateLimiter(10, 60.0, clock=lambda: clock[0])
    for n in range(10_000):  # a stream of new keys: made-up logins, DPIs, kiosks
        limiter.check(f"key-{n}")
        limiter.ensure(f"probe-{n}")  # asking leaves nothing behind
    assert len(limiter) == 10_000
    clock[0] = 61.0
    limiter.check("one more")
    assert len(limiter) == 1
    for _ in range(10):
        limiter.record("busy")
    clock[0] = 200.0  # the window passed: the busy key is let through again
    limiter.check("busy")


def test_idempotency_locks_live_only_while_they_are_held(tmp_path: Path) -> None:
    db = Database(tmp_path / DATABASE_FILE)
    keeper = Idempotency(db)

    def produce(_: sqlite3.Connection) -> tuple[int, PaymentOrder]:
        assert keeper.held_locks == 1  # its own, while it works
        return 201, order

    order = PaymentOrder.model_validate({
        "id": "po_1", "reference": "123456789012", "concept": "antecedentes-penales",
        "amount": "30.00", "status": "pending", "created_at": now().isoformat(),
        "expires_at": now().isoformat(), "pay_url": "http://127.0.0.1/pagar/1"})  # fmt: skip
    for n in range(500):
        key = f"key-{n:06d}".encode()
        scope = {"type": "http", "method": "POST", "path": "/v1/payment-orders",
                 "query_string": b"", "headers": [(b"idempotency-key", key)]}  # fmt: skip
        keeper.run(Request(scope), f"GT-K-{n}", None, produce)
    assert keeper.held_locks == 0


def test_a_purge_the_busy_database_refused_is_tried_again_at_the_next_request(
    tmp_path: Path,
) -> None:
    from kiosk.sandbox.guards import Housekeeping
    from kiosk.sandbox.problems import ApiProblem
    from kiosk.sandbox.store import Database

    class Busy(Housekeeping):
        calls = 0

        def purge(self) -> tuple[int, int]:
            self.calls += 1
            if self.calls == 1:  # SQLite busy: what store.transaction raises then
                raise ApiProblem(429, "portal_busy", "ocupado", retry_after=1)
            return super().purge()

    keeper = Busy(Database(tmp_path / "portal.sqlite3"), interval=3600)
    keeper.tick()  # refused: the visitor's request goes on
    keeper.tick()  # the next request purges, not an hour later
    assert keeper.calls == 2
    keeper.tick()
    assert keeper.calls == 2  # done: the interval holds again
