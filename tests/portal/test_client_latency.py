"""The embedded sandbox answers a kept-alive connection at once. Its listening socket once said
protocol 0, so asyncio never set TCP_NODELAY and every call after the first waited ~40 ms for a
delayed ACK: a verification (trust list + document) took ~90 ms instead of ~3 ms."""

from __future__ import annotations

import statistics
import time

from kiosk.portal.client import PortalClient


async def test_kept_alive_calls_do_not_wait_for_a_delayed_ack(client: PortalClient) -> None:
    await client.health()  # the connection is open from here on
    elapsed = []
    for _ in range(15):
        started = time.perf_counter()
        await client.health()
        elapsed.append(time.perf_counter() - started)
    median_ms = statistics.median(elapsed) * 1000
    assert median_ms < 20, f"median {median_ms:.1f} ms per call on loopback"
