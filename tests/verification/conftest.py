"""A verifier wired to the shared sandbox portal, and a portal that never answers."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from verification.sealed import MakeVerifier, issue_constancia

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.portal.models import Certificate
from kiosk.seals.cache import TrustListCache, load_root_key
from kiosk.verification import Verifier


@pytest.fixture
def make_verifier(sandbox: PortalEndpoint, tmp_path: Path) -> MakeVerifier:
    """A Verifier like the kiosk's: the sandbox's pinned root, a cache in ``tmp_path``."""

    def make(client: PortalClient | None, **options: object) -> Verifier:
        folder = options.pop("cache_dir", tmp_path / "trust")
        cache = TrustListCache(load_root_key(sandbox.root_key), folder)  # type: ignore[arg-type]
        return Verifier(client, cache, sandbox.url, **options)  # type: ignore[arg-type]

    return make


@pytest.fixture
async def certificate(client: PortalClient) -> Certificate:
    return await issue_constancia(client)


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A loopback port that accepts connections and never says a word (a hung portal)."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield server.getsockname()[1]


@pytest.fixture
def closed_port() -> int:
    """A loopback port nobody listens on (a portal that is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def down_client(closed_port: int, sandbox: PortalEndpoint) -> AsyncIterator[PortalClient]:
    async with PortalClient(
        f"http://127.0.0.1:{closed_port}", kiosk_id="TEST-DOWN-1", kiosk_token="x"
    ) as portal:
        yield portal
