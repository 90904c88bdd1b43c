"""A request body over 64 KiB gets 413 problem+json, and is never read whole: refused by its
Content-Length before a byte of it arrives (a 100 MB body was read into memory), and counted
when it comes chunked. Raw sockets over loopback, to send what a client library would not."""

from __future__ import annotations

import json
import socket
import time
from urllib.parse import urlsplit

import pytest

from kiosk.embedded_portal import PortalEndpoint
from kiosk.sandbox.app import MAX_BODY_BYTES

PATH = "/v1/payments/boletas/verify"


def exchange(sandbox: PortalEndpoint, kiosk_id: str, head: str, body: bytes = b"") -> bytes:
    """Send the request line and headers (plus ``body``), then read the answer until the
    server closes or stops talking."""
    url = urlsplit(sandbox.url)
    request = (
        f"POST {PATH} HTTP/1.1\r\nHost: {url.netloc}\r\nX-Kiosk-Id: {kiosk_id}\r\n"
        f"X-Kiosk-Token: {sandbox.device_token}\r\nContent-Type: application/json\r\n{head}\r\n"
    )
    with socket.create_connection((url.hostname, url.port), timeout=10) as conn:
        conn.sendall(request.encode() + body)
        received = b""
        while b"\r\n\r\n" not in received or not _complete(received):
            chunk = conn.recv(65536)
            if not chunk:
                break
            received += chunk
    return received


def _complete(raw: bytes) -> bool:
    head, _, body = raw.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value)
    return False


def status_and_problem(raw: bytes) -> tuple[int, dict[str, object], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, json.loads(body), head.lower()


def chunked(payload: bytes, size: int = 8192) -> bytes:
    parts = [payload[i : i + size] for i in range(0, len(payload), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in parts) + b"0\r\n\r\n"


def json_of_size(size: int) -> bytes:
    """A boleta check of exactly ``size`` bytes, padded with a field the model refuses."""
    boleta = {"bank": "gyt", "number": "123456789", "paid_on": "2026-11-01", "amount": "30.00"}
    skeleton = json.dumps({**boleta, "pad": ""}).encode()
    return skeleton[:-2] + b"x" * (size - len(skeleton)) + skeleton[-2:]


def test_a_declared_100_mb_body_is_refused_before_it_is_sent(
    sandbox: PortalEndpoint, kiosk_id: str
) -> None:
    started = time.monotonic()
    raw = exchange(sandbox, kiosk_id, f"Content-Length: {100 * 1024 * 1024}\r\n")
    status, problem, head = status_and_problem(raw)
    assert status == 413 and problem["code"] == "body_too_large" and problem["status"] == 413
    assert b"content-type: application/problem+json" in head
    assert time.monotonic() - started < 5  # not a byte of the body was waited for


def test_a_chunked_body_is_counted_and_refused_past_the_limit(
    sandbox: PortalEndpoint, kiosk_id: str
) -> None:
    raw = exchange(
        sandbox, kiosk_id, "Transfer-Encoding: chunked\r\n", chunked(json_of_size(70 * 1024))
    )
    status, problem, _ = status_and_problem(raw)
    assert status == 413 and problem["code"] == "body_too_large"


@pytest.mark.parametrize("transfer", ["length", "chunked"])
def test_a_body_at_the_limit_reaches_the_portal(
    sandbox: PortalEndpoint, kiosk_id: str, transfer: str
) -> None:
    payload = json_of_size(MAX_BODY_BYTES)
    if transfer == "length":
        raw = exchange(sandbox, kiosk_id, f"Content-Length: {len(payload)}\r\n", payload)
    else:
        raw = exchange(sandbox, kiosk_id, "Transfer-Encoding: chunked\r\n", chunked(payload))
    status, problem, _ = status_and_problem(raw)
    # read whole and validated: an unknown field, not a size
    assert (status, problem["code"], problem["field"]) == (422, "invalid_input", "pad")
