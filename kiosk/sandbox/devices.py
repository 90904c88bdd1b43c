"""The device registry: which kiosks may use the portal, each with a token of its own.

A kiosk is enrolled with ``kiosk sandbox enroll ID`` (or by the embedded launcher, for its own
id) and presents ``X-Kiosk-Id`` and ``X-Kiosk-Token`` on every call. Only the token's SHA-256 is
kept. Rate limits key on the kiosk this registry vouches for, so changing the id declared in a
header gains an attacker nothing: an id that is not enrolled gets the same 401 as a wrong token.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from kiosk.sandbox.store import now

KIOSK_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$")
#: the documented demo device: the kiosk's default ``kiosk.id`` and the token "sandbox"
DEMO_KIOSK_ID = "GT-SANDBOX-0001"
DEMO_DEVICE_TOKEN = "sandbox"  # noqa: S105 - documented, for a developer's own sandbox
# compared against when the id is unknown, so both answers take the same work
_NO_DEVICE = hashlib.sha256(b"no such device").hexdigest()


@dataclass(frozen=True)
class Device:
    kiosk_id: str
    enrolled_at: datetime
    revoked_at: datetime | None


class DeviceIdInvalid(ValueError):
    """Not a kiosk id: 3 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit."""


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def enroll(conn: sqlite3.Connection, kiosk_id: str, token: str | None = None) -> str:
    """Enroll ``kiosk_id`` (or give it a new token, and undo a revocation); returns the token."""
    if not KIOSK_ID.match(kiosk_id):
        raise DeviceIdInvalid(kiosk_id)
    token = new_token() if token is None else token
    conn.execute(
        "INSERT INTO devices(kiosk_id, token_sha256, enrolled_at) VALUES (?, ?, ?) "
        "ON CONFLICT(kiosk_id) DO UPDATE SET token_sha256 = excluded.token_sha256, "
        "enrolled_at = excluded.enrolled_at, revoked_at = NULL",
        (kiosk_id, token_digest(token), now().isoformat()),
    )
    return token


def revoke(conn: sqlite3.Connection, kiosk_id: str) -> bool:
    """Revoke an enrolled kiosk at once (its next call gets 401); False if it is not enrolled."""
    done = conn.execute(
        "UPDATE devices SET revoked_at = coalesce(revoked_at, ?) WHERE kiosk_id = ?",
        (now().isoformat(), kiosk_id),
    ).rowcount
    return done == 1


def list_devices(conn: sqlite3.Connection) -> list[Device]:
    return [
        Device(
            row["kiosk_id"],
            datetime.fromisoformat(row["enrolled_at"]),
            datetime.fromisoformat(row["revoked_at"]) if row["revoked_at"] else None,
        )
        for row in conn.execute(
            "SELECT kiosk_id, enrolled_at, revoked_at FROM devices ORDER BY kiosk_id"
        )
    ]


def is_enrolled(conn: sqlite3.Connection, kiosk_id: str, token: str) -> bool:
    """True when ``kiosk_id`` is enrolled, not revoked, and ``token`` is its token.

    The digest is compared in constant time, against a stand-in when the id is unknown or
    revoked: an unknown id and a wrong token cost the same and answer the same."""
    row = conn.execute(
        "SELECT token_sha256 FROM devices WHERE kiosk_id = ? AND revoked_at IS NULL",
        (kiosk_id,),
    ).fetchone()
    expected = row["token_sha256"] if row is not None else _NO_DEVICE
    matches = hmac.compare_digest(token_digest(token), expected)
    return matches and row is not None
