"""A second sandbox for the abuse tests, apart from the session's shared one: locked DPIs, a
burst of 500 writes and purges at every request must not reach the other tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.sandbox_process import own_sandbox

from kiosk.embedded_portal import PortalEndpoint


@pytest.fixture(scope="session")
def abuse_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PortalEndpoint]:
    """``kiosk sandbox serve`` on a folder of its own, purging at every request."""
    data = tmp_path_factory.mktemp("abuse-sandbox") / "data"
    with own_sandbox(data, "--purge-seconds", "0", persons=800) as endpoint:
        yield endpoint
