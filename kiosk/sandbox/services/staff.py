"""Desk staff sessions: ``POST /v1/staff/sessions`` (sign in), ``GET`` and ``DELETE``
``/v1/staff/sessions/current`` (``X-Staff-Token``). The users, the token check and the record of
who did what are ``kiosk.sandbox.staff_users``."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from fastapi import APIRouter, Response

from kiosk.portal.models.staff import StaffSession, StaffSessionState, StaffSignIn
from kiosk.sandbox import staff_users
from kiosk.sandbox.passwords import matches_no_account, password_matches
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, Staff, State
from kiosk.sandbox.store import now

router = APIRouter(tags=["personal de ventanilla"])

_WRONG = "Usuario o contraseña incorrectos."


@router.post("/staff/sessions", status_code=201, response_model=StaffSession)
def sign_in(body: StaffSignIn, state: State, kiosk: KioskId) -> StaffSession:
    """Open a clerk's session at this desk, until the end of the shift."""
    user = body.user.strip().lower()
    row = state.db.one("SELECT * FROM staff_users WHERE user = ?", (user,))
    moment = now()
    if row is not None and staff_users.locked(state.db.connection(), user, moment):
        raise ApiProblem(
            429,
            "staff_locked",
            "Demasiados intentos con contraseña incorrecta. Espere 15 minutos o pida a su "
            "supervisor que lo desbloquee.",
            retry_after=int(staff_users.LOCK_WINDOW.total_seconds()),
        )
    # the ~40 ms hash outside any transaction; an unknown user costs the same and answers alike
    good = (
        password_matches(body.password, row["password_hash"])
        if row is not None
        else matches_no_account(body.password)
    )
    if row is None or not good:
        if row is not None:
            with state.db.transaction() as conn:
                conn.execute(
                    "INSERT INTO staff_failures(user, at) VALUES (?, ?)", (user, moment.isoformat())
                )
        raise ApiProblem(401, "staff_credentials_invalid", _WRONG, field="password")
    if row["courthouse"] != body.courthouse:
        raise ApiProblem(
            403,
            "staff_other_courthouse",
            "Este usuario trabaja en otra sede; esta ventanilla es de otra.",
            field="user",
        )
    with state.db.transaction() as conn:
        token, ends = staff_users.open_session(conn, user, kiosk)
    return StaffSession(token=token, expires_at=ends, staff=staff_users.member(row))


@router.get("/staff/sessions/current", response_model=StaffSessionState)
def current(staff: Staff) -> StaffSessionState:
    """The clerk's session, still valid."""
    return StaffSessionState(expires_at=staff.expires_at, staff=staff.member)


@router.delete("/staff/sessions/current", status_code=204)
def sign_out(staff: Staff, state: State) -> Response:
    """End the clerk's session now (signing out, the desk's idle timer)."""
    with state.db.transaction() as conn:
        conn.execute(
            "UPDATE staff_sessions SET ended_at = coalesce(ended_at, ?) WHERE token_sha256 = ?",
            (now().isoformat(), staff.token_sha256),
        )
    return Response(status_code=204)


def _seed(conn: sqlite3.Connection, *_: object) -> None:
    staff_users.seed(conn)


def _refresh(conn: sqlite3.Connection, *_: object) -> None:
    # sessions are the day's: a restart keeps today's (a desk's clerk stays signed in)
    old = (now() - timedelta(days=2)).isoformat()
    conn.execute("DELETE FROM staff_sessions WHERE expires_at < ?", (old,))
    conn.execute("DELETE FROM staff_failures WHERE at < ?", (old,))


SERVICE = SandboxService(
    name="personal",
    router=router,
    schema=staff_users.SCHEMA,
    tables=staff_users.TABLES,
    seed=_seed,
    refresh=_refresh,
)
