"""kiosk.portal.transport.TransportOnFirstCall: the portal client's transport, made at the first
request (so the home screen paints without importing httpcore), against the real sandbox over
loopback."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import httpx
import pytest

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalUnavailable
from kiosk.portal.transport import TransportOnFirstCall


async def test_the_client_works_through_it_and_concurrent_first_calls_share_one(
    sandbox: PortalEndpoint, kiosk_id: str
) -> None:
    transport = TransportOnFirstCall()
    async with PortalClient(
        sandbox.url, kiosk_id=kiosk_id, kiosk_token=sandbox.device_token, transport=transport
    ) as client:
        first, second = await asyncio.gather(client.services(), client.health())
        assert first.services and second
        made = transport._made
        assert made is not None and made.done()
        await client.services()
        assert transport._made is made  # the same transport, its connections reused
    assert transport._made is None  # closed with the client


async def test_quitting_before_the_first_call_does_not_wait_or_fail() -> None:
    transport = TransportOnFirstCall()
    await transport.aclose()
    async with httpx.AsyncClient(transport=transport):
        pass


async def test_a_transport_that_cannot_be_made_is_an_unreachable_portal(
    sandbox: PortalEndpoint, kiosk_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unreadable certificates (the one way making it fails): the visitor's screen gets the
    portal's usual "not available" answer, and the next call tries again."""

    def unreadable(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError("/etc/ssl/certs/ca-certificates.crt")

    monkeypatch.setattr(httpx, "AsyncHTTPTransport", unreadable)
    transport = TransportOnFirstCall()
    client = PortalClient(
        sandbox.url,
        kiosk_id=kiosk_id,
        kiosk_token=sandbox.device_token,
        transport=transport,
        retries=0,
    )
    try:
        with pytest.raises(PortalUnavailable):
            await client.services()
        monkeypatch.undo()
        assert (await client.services()).services  # tried again, and it works now
    finally:
        await client.aclose()


def test_making_the_client_imports_no_http_machinery() -> None:
    """What the home screen is spared: httpcore (and trio) load at the first call, not before."""
    code = (
        "import sys\n"
        "from kiosk.portal.transport import TransportOnFirstCall\n"
        "from kiosk.portal.client import PortalClient\n"
        "PortalClient('http://127.0.0.1:9', kiosk_id='x', kiosk_token='y',"
        " transport=TransportOnFirstCall())\n"
        "print('httpcore' in sys.modules, 'ssl' in sys.modules and 'certifi' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["False", "False"]
