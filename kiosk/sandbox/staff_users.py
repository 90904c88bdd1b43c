"""The sandbox's desk staff: a few clerks and supervisors per courthouse, their sessions, and the
``X-Staff-Token`` check every route makes through ``state.get_kiosk``.

Only a token's SHA-256 is kept. A session belongs to the kiosk it was opened at (another kiosk's
token answers as an unknown one), ends at the end of the clerk's shift (``SHIFT_HOURS`` after
sign-in, and never past midnight in Guatemala), and every call made under it is recorded in
``staff_actions`` by its route template (never its values): the portal's record of who did what.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import Request

from kiosk.formats import GUATEMALA
from kiosk.portal.endpoint import route_of
from kiosk.portal.models.staff import STAFF_TOKEN_HEADER, StaffMember, StaffRole
from kiosk.sandbox.passwords import hash_password
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.store import Database, now

#: the documented demo password of every sandbox staff user (README, «Ventanilla»)
DEMO_STAFF_PASSWORD = "Ventanilla-2026"  # noqa: S105 - documented, for the sandbox only
SHIFT_HOURS = 10
LOCK_AFTER = 5  # wrong passwords in LOCK_WINDOW lock the user until the window has passed
LOCK_WINDOW = timedelta(minutes=15)

COURTHOUSES: dict[str, str] = {
    "torre-tribunales": "Torre de Tribunales, Ciudad de Guatemala",
    "mixco": "Centro de Justicia de Mixco",
    "quetzaltenango": "Centro Regional de Justicia de Quetzaltenango",
    "coban": "Centro de Justicia de Cobán, Alta Verapaz",
}

#: (user, display name, role, courthouse): the README lists them
STAFF: tuple[tuple[str, str, StaffRole, str], ...] = (
    ("ana.lopez", "Ana López", StaffRole.CLERK, "torre-tribunales"),
    ("jorge.perez", "Jorge Pérez", StaffRole.CLERK, "torre-tribunales"),
    ("carmen.mendez", "Carmen Méndez", StaffRole.SUPERVISOR, "torre-tribunales"),
    ("rosa.garcia", "Rosa García", StaffRole.CLERK, "mixco"),
    ("luis.morales", "Luis Morales", StaffRole.SUPERVISOR, "mixco"),
    ("lucia.ixcot", "Lucía Ixcot", StaffRole.CLERK, "quetzaltenango"),
    ("pedro.tzul", "Pedro Tzul", StaffRole.SUPERVISOR, "quetzaltenango"),
    ("maria.caal", "María Caal", StaffRole.CLERK, "coban"),
    ("mario.choc", "Mario Choc", StaffRole.SUPERVISOR, "coban"),
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS staff_users (
    user          TEXT PRIMARY KEY,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL,
    courthouse    TEXT NOT NULL,
    password_hash TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS staff_sessions (
    token_sha256 TEXT PRIMARY KEY,
    user         TEXT NOT NULL REFERENCES staff_users(user),
    kiosk_id     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    ended_at     TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS staff_failures (
    user TEXT NOT NULL,
    at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_failures_by_user ON staff_failures(user, at);
CREATE TABLE IF NOT EXISTS staff_actions (
    id       INTEGER PRIMARY KEY,
    user     TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    method   TEXT NOT NULL,
    route    TEXT NOT NULL,
    at       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_actions_by_user ON staff_actions(user, at);
"""
TABLES = ("staff_actions", "staff_failures", "staff_sessions", "staff_users")


@dataclass(frozen=True)
class SignedIn:
    """The staff member behind a request's ``X-Staff-Token``."""

    member: StaffMember
    expires_at: datetime
    token_sha256: str

    @property
    def is_supervisor(self) -> bool:
        return self.member.role is StaffRole.SUPERVISOR


def seed(conn: sqlite3.Connection) -> None:
    """The demo staff (one hash for all: they share the documented password)."""
    password = hash_password(DEMO_STAFF_PASSWORD)
    conn.executemany(
        "INSERT OR IGNORE INTO staff_users(user, display_name, role, courthouse, password_hash) "
        "VALUES (?, ?, ?, ?, ?)",
        [(user, name, role.value, house, password) for user, name, role, house in STAFF],
    )


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def member(row: sqlite3.Row) -> StaffMember:
    return StaffMember(
        user=row["user"],
        display_name=row["display_name"],
        role=StaffRole(row["role"]),
        courthouse=row["courthouse"],
        courthouse_name=COURTHOUSES.get(row["courthouse"], row["courthouse"]),
    )


def shift_end(start: datetime) -> datetime:
    """``SHIFT_HOURS`` after ``start``, and never past the end of that day in Guatemala."""
    local = start.astimezone(GUATEMALA)
    midnight = datetime(local.year, local.month, local.day, tzinfo=GUATEMALA) + timedelta(days=1)
    return min(start + timedelta(hours=SHIFT_HOURS), midnight)


def locked(conn: sqlite3.Connection, user: str, moment: datetime) -> bool:
    since = (moment - LOCK_WINDOW).isoformat()
    (count,) = conn.execute(
        "SELECT count(*) FROM staff_failures WHERE user = ? AND at > ?", (user, since)
    ).fetchone()
    return bool(count >= LOCK_AFTER)


def open_session(conn: sqlite3.Connection, user: str, kiosk_id: str) -> tuple[str, datetime]:
    token = secrets.token_urlsafe(32)
    moment = now()
    ends = shift_end(moment)
    conn.execute(
        "INSERT INTO staff_sessions(token_sha256, user, kiosk_id, created_at, last_used_at, "
        "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
        (digest(token), user, kiosk_id, moment.isoformat(), moment.isoformat(), ends.isoformat()),
    )
    conn.execute("DELETE FROM staff_failures WHERE user = ?", (user,))
    return token, ends


def signed_in(request: Request, db: Database, kiosk_id: str) -> SignedIn | None:
    """The staff session of ``X-Staff-Token`` (None without the header); 401
    ``staff_session_invalid`` when it is unknown, ended, expired or another kiosk's. The call is
    recorded under the session's user, by its route template."""
    token = request.headers.get(STAFF_TOKEN_HEADER, "")
    if not token:
        return None
    moment = now()
    with db.transaction() as conn:
        row = conn.execute(
            "SELECT u.*, s.token_sha256, s.kiosk_id AS session_kiosk, s.expires_at, s.ended_at "
            "FROM staff_sessions s JOIN staff_users u ON u.user = s.user "
            "WHERE s.token_sha256 = ?",
            (digest(token),),
        ).fetchone()
        if (
            row is None
            or row["session_kiosk"] != kiosk_id
            or row["ended_at"] is not None
            or datetime.fromisoformat(row["expires_at"]) <= moment
        ):
            raise ApiProblem(
                401,
                "staff_session_invalid",
                "La sesión del empleado terminó o no es válida; ingrese de nuevo.",
            )
        conn.execute(
            "UPDATE staff_sessions SET last_used_at = ? WHERE token_sha256 = ?",
            (moment.isoformat(), row["token_sha256"]),
        )
        conn.execute(
            "INSERT INTO staff_actions(user, kiosk_id, method, route, at) VALUES (?, ?, ?, ?, ?)",
            (row["user"], kiosk_id, request.method, _route(request), moment.isoformat()),
        )
    return SignedIn(member(row), datetime.fromisoformat(row["expires_at"]), row["token_sha256"])


def _route(request: Request) -> str:
    """The call's route template under /v1 (its values are the visitor's: never kept)."""
    path = request.url.path
    return route_of(request.method, path.removeprefix("/v1")) if path.startswith("/v1") else "/"
