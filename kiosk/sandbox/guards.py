"""Request guards of the sandbox: device authentication, per-kiosk rate limits, Idempotency-Key.

A real gateway in front of the OJ must do the same three things, so they live here in one place
rather than inside each endpoint.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import sqlite3
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.store import Database, now

KIOSK_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$")
IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_-]{8,100}$")


@dataclass
class RateLimiter:
    """Sliding window: at most ``limit`` calls per ``window`` seconds per (kiosk, bucket)."""

    limit: int
    window: float
    _calls: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, key: str) -> None:
        moment = time.monotonic()
        with self._lock:
            calls = self._calls[key]
            while calls and calls[0] <= moment - self.window:
                calls.popleft()
            if len(calls) >= self.limit:
                wait = int(calls[0] + self.window - moment) + 1
                raise ApiProblem(
                    429,
                    "rate_limited",
                    "Demasiados intentos desde este quiosco. Espere un momento e intente de nuevo.",
                    retry_after=wait,
                )
            calls.append(moment)


def authenticate_device(request: Request, device_token: str) -> str:
    """Return the kiosk id if its device token is right; 401 otherwise."""
    kiosk_id = request.headers.get("X-Kiosk-Id", "")
    token = request.headers.get("X-Kiosk-Token", "")
    if not KIOSK_ID.match(kiosk_id) or not hmac.compare_digest(
        token.encode(), device_token.encode()
    ):
        raise ApiProblem(
            401, "device_unauthorized", "Este quiosco no está autorizado para usar el portal."
        )
    return kiosk_id


class Idempotency:
    """Same kiosk + same key + same request → the stored response, and the work done once.

    A per-key lock makes a second request that arrives while the first is still running wait for
    it and then replay its answer: a double tap can never spend a boleta twice.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._guard = threading.Lock()

    def _lock_for(self, scope: tuple[str, str]) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(scope, threading.Lock())

    def run(
        self,
        request: Request,
        kiosk_id: str,
        body: BaseModel | None,
        produce: Callable[[sqlite3.Connection], tuple[int, BaseModel]],
        *,
        extra: str = "",
    ) -> JSONResponse:
        key = request.headers.get("Idempotency-Key", "")
        if not IDEMPOTENCY_KEY.match(key):
            raise ApiProblem(
                400,
                "idempotency_key_required",
                "Falta la cabecera Idempotency-Key (8 a 100 caracteres: letras, números, - o _).",
            )
        payload = body.model_dump_json() if body is not None else ""
        fingerprint = hashlib.sha256(
            f"{request.method} {request.url.path}\n{extra}\n{payload}".encode()
        ).hexdigest()
        scope = (kiosk_id, key)
        with self._lock_for(scope):
            stored = self.db.one(
                "SELECT fingerprint, status_code, body FROM idempotency "
                "WHERE kiosk_id = ? AND key = ?",
                scope,
            )
            if stored is not None:
                if stored["fingerprint"] != fingerprint:
                    raise ApiProblem(
                        422,
                        "idempotency_key_reused",
                        "Esa Idempotency-Key ya se usó con otra solicitud.",
                    )
                return _json(stored["status_code"], json.loads(stored["body"]), replayed=True)
            try:
                # The work and the record of its key commit together, or not at all.
                with self.db.transaction() as conn:
                    status, result = produce(conn)
                    content: Any = json.loads(result.model_dump_json())
                    _store(conn, scope, fingerprint, status, content)
            except ApiProblem as problem:
                # Rejections are part of the answer (a replay must not spend what was refused),
                # but a rate limit is not: the same key may be tried again later.
                if problem.status == 429:
                    raise
                status, content = problem.status, problem.body()
                with self.db.transaction() as conn:
                    _store(conn, scope, fingerprint, status, content)
            return _json(status, content, replayed=False)


def _store(
    conn: sqlite3.Connection, scope: tuple[str, str], fingerprint: str, status: int, content: Any
) -> None:
    conn.execute(
        "INSERT INTO idempotency(kiosk_id, key, fingerprint, status_code, body, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (*scope, fingerprint, status, json.dumps(content), now().isoformat()),
    )


def _json(status: int, content: Any, *, replayed: bool) -> JSONResponse:
    media = "application/problem+json" if status >= 400 else "application/json"
    headers = {"Idempotent-Replayed": "true" if replayed else "false"}
    return JSONResponse(content, status, headers=headers, media_type=media)
