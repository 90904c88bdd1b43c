"""Idempotency keys for actions: stable across retries, new when what is sent changes."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable


def idempotency_key(salt: bytes, step_id: str, inputs: Iterable[tuple[str, object]]) -> str:
    """A uuid4 string derived from a per-run random ``salt``, the action's step and its inputs.

    The same inputs give the same key (a retry is recognised by the portal); any change in an
    input gives another key; the salt keeps two visitors with the same answers apart and keeps
    the key from revealing the answers.
    """
    digest = hashlib.sha256(salt)
    digest.update(step_id.encode())
    for name, value in inputs:
        digest.update(f"\0{name}={type(value).__qualname__}:{value!r}".encode())
    return str(uuid.UUID(bytes=digest.digest()[:16], version=4))
