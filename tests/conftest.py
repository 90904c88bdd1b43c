"""Shared fixtures: a real sandbox portal on loopback for the session, clients per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

# Qt without a screen unless a test starts Xvfb itself; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.embedded_portal import EmbeddedPortal, PortalEndpoint
from kiosk.portal.client import PortalClient

SANDBOX_SEED = 7


@pytest.fixture(scope="session")
def sandbox_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sandbox-data")


@pytest.fixture(scope="session")
def sandbox(sandbox_dir: Path) -> Iterator[PortalEndpoint]:
    """The sandbox portal as the kiosk runs it: a child process on a free loopback port."""
    portal = EmbeddedPortal(sandbox_dir, SANDBOX_SEED, start_timeout=60)
    portal.start()
    try:
        yield portal.wait_ready()
    finally:
        portal.stop()


@pytest.fixture
def kiosk_id() -> str:
    # Rate limits are per kiosk: a fresh id per test keeps tests independent.
    return f"TEST-{uuid.uuid4().hex[:10]}"


@pytest.fixture
async def client(sandbox: PortalEndpoint, kiosk_id: str) -> AsyncIterator[PortalClient]:
    async with PortalClient(
        sandbox.url, kiosk_id=kiosk_id, kiosk_token=sandbox.device_token, read_timeout=15
    ) as portal:
        yield portal
