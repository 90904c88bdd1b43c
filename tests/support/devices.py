"""Kiosks enrolled in a sandbox's device registry, as `kiosk sandbox enroll` enrolls them:
straight into its database, which the running sandbox reads at every call."""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

from kiosk.embedded_portal import PortalEndpoint
from kiosk.sandbox import devices
from kiosk.sandbox.app import DATABASE_FILE


def data_dir_of(endpoint: PortalEndpoint) -> Path:
    """A sandbox's data folder: where it wrote the root key the endpoint pins."""
    return endpoint.root_key.parent


def enroll(where: PortalEndpoint | Path, kiosk_id: str, token: str | None = None) -> str:
    """Enroll ``kiosk_id`` in the sandbox of ``where`` (an endpoint, or its data folder) with
    ``token`` (an endpoint's device token by default); returns the id."""
    if isinstance(where, PortalEndpoint):
        folder, token = data_dir_of(where), token or where.device_token
    else:
        folder = where
    assert token is not None, "a data folder needs the token to enroll"
    with closing(sqlite3.connect(folder / DATABASE_FILE, timeout=10)) as conn, conn:
        devices.enroll(conn, kiosk_id, token)
    return kiosk_id


def enrolled_kiosk(
    where: PortalEndpoint | Path, prefix: str = "TEST", token: str | None = None
) -> str:
    """A new kiosk id, enrolled: rate limits are per kiosk, so a test's own id keeps it apart."""
    return enroll(where, f"{prefix}-{uuid.uuid4().hex[:10]}", token)
