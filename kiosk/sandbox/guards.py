"""Request guards of the sandbox: device authentication, Idempotency-Key, and the housekeeping
that keeps per-key state from growing. Rate limits live in ``kiosk.sandbox.limits``.

A real gateway in front of the OJ must do the same things, so they live here in one place rather
than inside each endpoint.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from kiosk.sandbox import devices
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.store import Database, now

__all__ = ["Housekeeping", "Idempotency", "RateLimiter", "authenticate_device"]

log = logging.getLogger(__name__)

IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_-]{8,100}$")
#: how long a stored answer replays an Idempotency-Key (the kiosk retries within minutes)
IDEMPOTENCY_KEEP = timedelta(days=1)


def authenticate_device(request: Request, db: Database) -> str:
    """The kiosk id, when it is enrolled and its token is right; the same 401 otherwise."""
    kiosk_id = request.headers.get("X-Kiosk-Id", "")
    token = request.headers.get("X-Kiosk-Token", "")
    if not devices.is_enrolled(db.connection(), kiosk_id, token):
        raise ApiProblem(
            401, "device_unauthorized", "Este quiosco no está autorizado para usar el portal."
        )
    return kiosk_id


class Idempotency:
    """Same kiosk + same key + same request → the stored response, and the work done once.

    A per-key lock makes a second request that arrives while the first is still running wait for
    it and then replay its answer: a double tap can never spend a boleta twice. A lock lives only
    while someone holds or waits for it.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._locks: dict[tuple[str, str], tuple[threading.Lock, int]] = {}
        self._guard = threading.Lock()

    @property
    def held_locks(self) -> int:
        """How many keys have a lock now (held or waited for)."""
        return len(self._locks)

    @contextmanager
    def _locked(self, scope: tuple[str, str]) -> Iterator[None]:
        with self._guard:
            lock, users = self._locks.get(scope, (threading.Lock(), 0))
            self._locks[scope] = (lock, users + 1)
        try:
            with lock:
                yield
        finally:
            with self._guard:
                lock, users = self._locks[scope]
                if users == 1:
                    del self._locks[scope]
                else:
                    self._locks[scope] = (lock, users - 1)

    def run(
        self,
        request: Request,
        kiosk_id: str,
        body: BaseModel | None,
        produce: Callable[[sqlite3.Connection], tuple[int, BaseModel]],
        *,
        extra: str = "",
    ) -> JSONResponse:
        """``produce`` runs inside the write transaction: keep it short (hash passwords, sign
        nothing slow, before calling this)."""
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
        with self._locked(scope):
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
                # but a rate limit or a busy portal is not: the same key may be tried again.
                if problem.status == 429:
                    raise
                status, content = problem.status, problem.body()
                with self.db.transaction() as conn:
                    _store(conn, scope, fingerprint, status, content)
            return _json(status, content, replayed=False)


class Housekeeping:
    """Deletes expired visitor sessions and idempotency records older than a day, at most once
    every ``interval`` seconds, from whichever request comes by (no thread of its own)."""

    def __init__(self, db: Database, interval: float) -> None:
        self.db = db
        self.interval = interval
        self._last = float("-inf")  # the first request after a start purges
        self._running = threading.Lock()

    def tick(self) -> None:
        if time.monotonic() - self._last < self.interval:
            return
        if not self._running.acquire(blocking=False):
            return  # another request is at it
        started = self._last
        try:
            self._last = time.monotonic()
            self.purge()
        except ApiProblem:
            # The database is busy with visitors' work: a purge never fails their request. The
            # next request tries again (not an interval later).
            self._last = started
            log.info("housekeeping postponed", extra={"event": "busy"})
        finally:
            self._running.release()

    def purge(self) -> tuple[int, int]:
        """(sessions, idempotency records) deleted."""
        moment = now()
        with self.db.transaction() as conn:
            sessions = conn.execute(
                "DELETE FROM sessions WHERE expires_at <= ?", (moment.isoformat(),)
            ).rowcount
            keys = conn.execute(
                "DELETE FROM idempotency WHERE created_at < ?",
                ((moment - IDEMPOTENCY_KEEP).isoformat(),),
            ).rowcount
        if sessions or keys:
            log.info("purged %s expired sessions and %s idempotency records", sessions, keys)
        return sessions, keys


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
