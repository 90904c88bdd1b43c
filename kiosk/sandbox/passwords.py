"""Password hashing for sandbox accounts (scrypt, a per-password salt, constant-time compare).

Hashing costs ~40 ms of CPU: callers do it outside any database transaction, and a log-in for
an account that does not exist hashes too (``matches_no_account``), so the time of the answer
does not tell whether the account exists."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import cache

SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    _, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), **SCRYPT)
    return hmac.compare_digest(candidate.hex(), digest)


@cache
def _stand_in() -> str:
    return hash_password(secrets.token_urlsafe(24))


def matches_no_account(password: str) -> bool:
    """The work of ``password_matches`` against a stand-in hash; always False."""
    password_matches(password, _stand_in())
    return False
