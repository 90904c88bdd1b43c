"""What every sandbox endpoint needs, built once by the app factory and reached through Depends."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request

from kiosk.sandbox import staff_users
from kiosk.sandbox.devices import DEMO_DEVICE_TOKEN, DEMO_KIOSK_ID
from kiosk.sandbox.guards import Housekeeping, Idempotency, authenticate_device
from kiosk.sandbox.keyring import Keyring
from kiosk.sandbox.limits import IdentityLimits, LoginLimits, RateLimiter
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.store import Database, now


@dataclass(frozen=True)
class SandboxOptions:
    # the device `kiosk sandbox serve` enrolls at start (the embedded launcher: the kiosk's own)
    device_id: str = DEMO_KIOSK_ID
    device_token: str = DEMO_DEVICE_TOKEN
    login_limit: int = 10  # log-in attempts per kiosk per minute
    login_failure_limit: int = 10  # failed log-ins per DPI or email per 15 min, from any kiosk
    boleta_limit: int = 20  # boleta checks (and spends) per kiosk per minute
    identity_limit: int = 20  # identity checks against RENAP per kiosk per minute
    identity_failure_limit: int = 5  # failed identity checks per DPI per 15 min, from any kiosk
    lookup_limit: int = 60  # look-ups by download code, document code or reference per minute
    session_minutes: int = 15
    public_url: str = "http://127.0.0.1:8000"
    purge_seconds: float = 60.0  # expired sessions and day-old idempotency records


@dataclass
class SandboxState:
    db: Database
    keyring: Keyring
    options: SandboxOptions
    idempotency: Idempotency = field(init=False)
    housekeeping: Housekeeping = field(init=False)
    login_limits: LoginLimits = field(init=False)
    boleta_limiter: RateLimiter = field(init=False)
    identity_limits: IdentityLimits = field(init=False)
    lookup_limiter: RateLimiter = field(init=False)
    unavailable: dict[str, str] = field(default_factory=dict)  # service id -> reason

    def __post_init__(self) -> None:
        options = self.options
        self.idempotency = Idempotency(self.db)
        self.housekeeping = Housekeeping(self.db, options.purge_seconds)
        self.login_limits = LoginLimits(options.login_limit, options.login_failure_limit)
        self.boleta_limiter = RateLimiter(options.boleta_limit, 60.0)
        self.identity_limits = IdentityLimits(
            options.identity_limit, options.identity_failure_limit
        )
        self.lookup_limiter = RateLimiter(options.lookup_limit, 60.0)


def get_state(request: Request) -> SandboxState:
    state: SandboxState = request.app.state.sandbox
    return state


def get_kiosk(request: Request) -> str:
    """The enrolled kiosk; and, when a desk sends ``X-Staff-Token``, its clerk's session
    (checked, recorded, kept as ``request.state.staff`` for the routes that need a role)."""
    state = get_state(request)
    kiosk = authenticate_device(request, state.db)
    request.state.staff = staff_users.signed_in(request, state.db, kiosk)
    state.housekeeping.tick()
    return kiosk


State = Annotated[SandboxState, Depends(get_state)]
KioskId = Annotated[str, Depends(get_kiosk)]


def get_staff(request: Request, kiosk: KioskId) -> staff_users.SignedIn:
    """The desk clerk behind the call; 401 ``staff_session_required`` without one."""
    signed_in: staff_users.SignedIn | None = request.state.staff
    if signed_in is None:
        raise ApiProblem(
            401, "staff_session_required", "Esta función es para el personal de ventanilla."
        )
    return signed_in


Staff = Annotated[staff_users.SignedIn, Depends(get_staff)]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def visitor_account(request: Request, db: Database, kiosk: str) -> sqlite3.Row | None:
    """The account behind ``Authorization: Bearer``; None without one; 401 when it is bad,
    expired, or was given to another kiosk (a token is good only where the visitor logged in)."""
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiProblem(401, "session_invalid", "La sesión no es válida; ingrese de nuevo.")
    row = db.one(
        "SELECT a.*, s.expires_at, s.kiosk_id AS session_kiosk FROM sessions s "
        "JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ?",
        (token_hash(token),),
    )
    # another kiosk's token answers as an unknown one: it tells nothing of the session
    if (
        row is None
        or row["session_kiosk"] != kiosk
        or datetime.fromisoformat(row["expires_at"]) <= now()
    ):
        raise ApiProblem(401, "session_expired", "Su sesión terminó; ingrese de nuevo.")
    return row
