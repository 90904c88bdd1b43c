"""What every sandbox endpoint needs, built once by the app factory and reached through Depends."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request

from kiosk.sandbox.guards import Idempotency, RateLimiter, authenticate_device
from kiosk.sandbox.keyring import Keyring
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.store import Database, now


@dataclass(frozen=True)
class SandboxOptions:
    device_token: str = "sandbox"  # noqa: S105 - the documented demo device token
    login_limit: int = 10  # log-in attempts per kiosk per minute
    boleta_limit: int = 20  # boleta checks (and spends) per kiosk per minute
    session_minutes: int = 15
    public_url: str = "http://127.0.0.1:8000"


@dataclass
class SandboxState:
    db: Database
    keyring: Keyring
    options: SandboxOptions
    idempotency: Idempotency = field(init=False)
    login_limiter: RateLimiter = field(init=False)
    boleta_limiter: RateLimiter = field(init=False)
    unavailable: dict[str, str] = field(default_factory=dict)  # service id -> reason

    def __post_init__(self) -> None:
        self.idempotency = Idempotency(self.db)
        self.login_limiter = RateLimiter(self.options.login_limit, 60.0)
        self.boleta_limiter = RateLimiter(self.options.boleta_limit, 60.0)


def get_state(request: Request) -> SandboxState:
    state: SandboxState = request.app.state.sandbox
    return state


def get_kiosk(request: Request) -> str:
    return authenticate_device(request, get_state(request).options.device_token)


State = Annotated[SandboxState, Depends(get_state)]
KioskId = Annotated[str, Depends(get_kiosk)]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def visitor_account(request: Request, db: Database) -> sqlite3.Row | None:
    """The account behind ``Authorization: Bearer``; None without one; 401 when it is bad."""
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiProblem(401, "session_invalid", "La sesión no es válida; ingrese de nuevo.")
    row = db.one(
        "SELECT a.*, s.expires_at FROM sessions s JOIN accounts a ON a.id = s.account_id "
        "WHERE s.token_hash = ?",
        (token_hash(token),),
    )
    if row is None or datetime.fromisoformat(row["expires_at"]) <= now():
        raise ApiProblem(401, "session_expired", "Su sesión terminó; ingrese de nuevo.")
    return row
