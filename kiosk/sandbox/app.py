"""The sandbox portal's FastAPI application: Portal API v1 over a seeded SQLite database."""

from __future__ import annotations

import logging
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fastapi import FastAPI

from kiosk import __version__
from kiosk.portal.models import API_VERSION, Problem
from kiosk.sandbox import catalog, problems, services
from kiosk.sandbox.demo import (
    DEMO_ACCOUNT,
    DEMO_ACCOUNT_EMAIL,
    DEMO_ACCOUNT_PASSWORD,
    apply_demo_data,
)
from kiosk.sandbox.keyring import Keyring
from kiosk.sandbox.passwords import hash_password
from kiosk.sandbox.seed import seed_database
from kiosk.sandbox.state import SandboxOptions, SandboxState
from kiosk.sandbox.store import Database, now

log = logging.getLogger(__name__)

DATABASE_FILE = "portal.sqlite3"
DESCRIPTION = """\
The contract between the OJ courthouse kiosks and the Portal de Servicios Electrónicos.

Served by the embedded sandbox (realistic seeded data); a gateway in front of the real OJ systems
implements the same document. Errors are RFC 9457 problem+json with a stable `code`. Every POST
that creates something or spends a payment takes an `Idempotency-Key`. Every endpoint but
`/v1/health` needs the device headers `X-Kiosk-Id` and `X-Kiosk-Token`.
"""


@dataclass(frozen=True)
class SeedInfo:
    seed: int
    created: bool


def open_database(data_dir: Path, seed: int, *, persons: int = 5000) -> tuple[Database, SeedInfo]:
    """Open (and on first start, seed) the sandbox database; refresh the demo data every time."""
    db = Database(data_dir / DATABASE_FILE)
    existing = db.meta("seed")
    today = now().date()
    created = existing is None
    if created:
        with db.transaction() as conn:
            seed_database(conn, seed=seed, anchor=today, persons=persons)
            db.set_meta(conn, "anchor", today.isoformat())
    used_seed = int(db.meta("seed") or seed)
    anchor = date.fromisoformat(db.meta("anchor") or today.isoformat())
    with db.transaction() as conn:
        services.prepare(conn, used_seed, anchor, today)
        apply_demo_data(conn, today)
        _ensure_demo_account(conn)
    return db, SeedInfo(used_seed, created)


def _ensure_demo_account(conn: sqlite3.Connection) -> None:
    if conn.execute("SELECT 1 FROM accounts WHERE dpi = ?", (DEMO_ACCOUNT.dpi,)).fetchone():
        return
    conn.execute(
        "INSERT INTO accounts(id, dpi, email, password_hash, created_at) VALUES (?,?,?,?,?)",
        (
            "acc_" + secrets.token_hex(8),
            DEMO_ACCOUNT.dpi,
            DEMO_ACCOUNT_EMAIL,
            hash_password(DEMO_ACCOUNT_PASSWORD),
            now().isoformat(),
        ),
    )


def create_app(db: Database, data_dir: Path, options: SandboxOptions | None = None) -> FastAPI:
    app = FastAPI(docs_url="/docs", redoc_url=None)
    build_routes(app)
    keyring = Keyring(db, data_dir)
    app.state.sandbox = SandboxState(db=db, keyring=keyring, options=options or SandboxOptions())
    return app


def build_routes(app: FastAPI) -> None:
    """Routes, error handlers and the contract's metadata: all that the OpenAPI document shows."""
    app.title = "Portal de Servicios Electrónicos del OJ: API para quioscos"
    app.version = f"{API_VERSION} ({__version__})"
    app.description = DESCRIPTION
    problems.install(app)
    errors: dict[int | str, dict[str, object]] = {
        "4XX": {"model": Problem, "description": "problem+json with a stable code"},
    }
    # health and the catalog are the portal's own; every other route is a service's
    for router in [catalog.router, *(service.router for service in services.discover())]:
        app.include_router(router, prefix=f"/{API_VERSION}", responses=errors)
