"""The staff PIN: stored only as a salted PBKDF2 hash in the config (`kiosk hash-pin` makes it)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

ITERATIONS = 200_000
PIN_MIN, PIN_MAX = 6, 12


def valid_pin(pin: str) -> bool:
    return pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX


def hash_pin(pin: str, *, iterations: int = ITERATIONS) -> str:
    if not valid_pin(pin):
        raise ValueError(f"el PIN debe tener de {PIN_MIN} a {PIN_MAX} dígitos")
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    encode = base64.urlsafe_b64encode
    return f"pbkdf2_sha256${iterations}${encode(salt).decode()}${encode(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        expected = base64.urlsafe_b64decode(digest)
        candidate = hashlib.pbkdf2_hmac(
            "sha256", pin.encode(), base64.urlsafe_b64decode(salt), int(iterations)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate, expected)
