"""Fault shapes the sandbox does not make on purpose, served by a real HTTP server on loopback:
each must come out of the client as the right typed error, never an httpx or JSON exception."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from kiosk.portal.client import PortalClient
from kiosk.portal.errors import (
    PortalError,
    PortalNotFound,
    PortalRejected,
    PortalTimeout,
    PortalUnavailable,
)
from kiosk.portal.models import PaymentConcept

HITS: Counter[str] = Counter()


class FaultHandler(BaseHTTPRequestHandler):
    """Each route is one fault; the counter lets tests see how often the client asked."""

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def _reply(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the timeout test): that is the point

    def do_GET(self) -> None:
        HITS[self.path] += 1
        if self.path == "/v1/health":  # always down for maintenance
            self._reply(503, b"<html>Service Unavailable</html>", "text/html")
        elif self.path == "/v1/services":  # slower than the client's read timeout
            time.sleep(1.5)
            self._reply(200, b'{"services": []}')
        elif self.path == "/v1/trust-list":  # a 200 that is not JSON
            self._reply(200, b'{"payload": "abc", "kid":')
        elif self.path == "/v1/payment-orders/wrong-shape":  # JSON, but not the contract
            self._reply(200, b'{"id": 5}')
        elif self.path == "/v1/payment-orders/flaky":  # 503 once, then fine
            if HITS[self.path] == 1:
                self._reply(503, b"")
            else:
                self._reply(404, json.dumps(_problem(404, "order_not_found")).encode())
        elif self.path == "/v1/certificates/plain-400":  # an error without problem+json
            self._reply(400, b"Bad Request", "text/plain")
        else:
            self._reply(404, json.dumps(_problem(404, "not_found")).encode())

    def do_POST(self) -> None:
        HITS[self.path] += 1
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self._reply(503, json.dumps(_problem(503, "maintenance")).encode())


def _problem(status: int, code: str) -> dict[str, object]:
    return {"type": "about:blank", "title": "x", "status": status, "code": code}


@pytest.fixture(scope="module")
def fault_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FaultHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
async def faulty(fault_server: str) -> PortalClient:
    HITS.clear()
    client = PortalClient(
        fault_server, kiosk_id="GT-TEST-0001", kiosk_token="t", read_timeout=0.5, retries=2
    )
    yield client  # type: ignore[misc]
    await client.aclose()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_server_down_is_unavailable() -> None:
    async with PortalClient(
        f"http://127.0.0.1:{_closed_port()}", kiosk_id="GT-TEST-0001", kiosk_token="t", retries=1
    ) as client:
        with pytest.raises(PortalUnavailable) as err:
            await client.health()
    assert not isinstance(err.value, PortalTimeout)
    assert isinstance(err.value.__cause__, httpx.ConnectError)


async def test_503_is_unavailable_after_retrying_the_get(faulty: PortalClient) -> None:
    with pytest.raises(PortalUnavailable):
        await faulty.health()
    assert HITS["/v1/health"] == 3  # one try and two retries


async def test_a_post_is_never_retried(faulty: PortalClient) -> None:
    with pytest.raises(PortalUnavailable):
        await faulty.create_payment_order(
            PaymentConcept.CRIMINAL_RECORD, idempotency_key="k-12345678"
        )
    assert HITS["/v1/payment-orders"] == 1


async def test_slower_than_read_timeout_is_a_timeout(faulty: PortalClient) -> None:
    started = time.monotonic()
    with pytest.raises(PortalTimeout):
        await faulty.services()
    # three tries of 0.5 s plus backoff; never the 1.5 s the server takes, three times over
    assert time.monotonic() - started < 3.0


async def test_malformed_json_is_unavailable(faulty: PortalClient) -> None:
    with pytest.raises(PortalUnavailable):
        await faulty.trust_list()
    with pytest.raises(PortalUnavailable):
        await faulty.payment_order("wrong-shape")


async def test_a_transient_fault_then_the_real_answer(faulty: PortalClient) -> None:
    with pytest.raises(PortalNotFound) as err:
        await faulty.payment_order("flaky")
    assert err.value.code == "order_not_found"
    assert HITS["/v1/payment-orders/flaky"] == 2


async def test_error_without_problem_json_is_still_typed(faulty: PortalClient) -> None:
    with pytest.raises(PortalRejected) as err:
        await faulty.certificate("plain-400")
    assert err.value.code == "http_400"


async def test_a_typed_code_cannot_change_the_path(faulty: PortalClient) -> None:
    with pytest.raises(PortalError):
        await faulty.certificate("../../health?x=1")
    assert HITS["/v1/health"] == 0
    assert any(path.startswith("/v1/certificates/..%2F") for path in HITS)
