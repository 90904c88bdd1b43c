"""Calls for a clerk from the public kiosks (``/v1/help-requests``): a kiosk raises one, the
desks of its courthouse list the open ones, a clerk takes one («Voy»).

A row holds the kiosk, its courthouse and location, the screen's name, when, and who took it:
nothing of the visitor. One open call per kiosk (asking again answers it); a call is open until
a clerk takes it or ``OPEN_MINUTES`` pass.
"""

from __future__ import annotations

import secrets
import sqlite3
from datetime import datetime, timedelta

from fastapi import APIRouter, Response

from kiosk.portal.models import help_requests as api
from kiosk.sandbox import staff_users
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, Staff, State
from kiosk.sandbox.store import now

SCHEMA = """
CREATE TABLE IF NOT EXISTS help_requests (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    kiosk_id    TEXT NOT NULL,
    courthouse  TEXT NOT NULL,
    location    TEXT NOT NULL,
    screen      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    answered_by TEXT,
    answered_at TEXT
);
CREATE INDEX IF NOT EXISTS help_requests_open ON help_requests(courthouse, answered_at, created_at);
CREATE INDEX IF NOT EXISTS help_requests_by_kiosk ON help_requests(kiosk_id, created_at)
"""

router = APIRouter(tags=["llamados a ventanilla"])
#: a visitor may call again after a clerk answered; a kiosk calling all the time is broken
_calls = RateLimiter(6, 60.0)

_NOT_FOUND = "Ese llamado ya no está abierto."


def _open_since() -> str:
    return (now() - timedelta(minutes=api.OPEN_MINUTES)).isoformat()


@router.post(
    "/help-requests",
    status_code=201,
    response_model=api.HelpRequestReceipt,
    responses={200: {"model": api.HelpRequestReceipt, "description": "this kiosk's open call"}},
)
def call_staff(
    body: api.HelpRequestCreate, response: Response, state: State, kiosk: KioskId
) -> api.HelpRequestReceipt:
    """Call a clerk to this kiosk (or answer the call it already has open)."""
    _calls.check(kiosk)
    if body.courthouse not in staff_users.COURTHOUSES:
        raise ApiProblem(
            422, "courthouse_unknown", "El portal no conoce esa sede.", field="courthouse"
        )
    with state.db.transaction() as conn:
        held = conn.execute(
            "SELECT id, created_at FROM help_requests WHERE kiosk_id = ? "
            "AND answered_at IS NULL AND created_at > ? ORDER BY seq DESC LIMIT 1",
            (kiosk, _open_since()),
        ).fetchone()
        if held is not None:
            response.status_code = 200
            return api.HelpRequestReceipt(id=held["id"], created_at=_moment(held["created_at"]))
        request_id = secrets.token_hex(8)
        moment = now()
        conn.execute(
            "INSERT INTO help_requests(id, kiosk_id, courthouse, location, screen, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (request_id, kiosk, body.courthouse, body.location.strip(), body.screen,
             moment.isoformat()),
        )  # fmt: skip
    return api.HelpRequestReceipt(id=request_id, created_at=moment)


@router.get("/help-requests", response_model=api.HelpRequestList)
def open_calls(staff: Staff, state: State) -> api.HelpRequestList:
    """The open calls of the clerk's own courthouse, oldest first."""
    rows = (
        state.db.connection()
        .execute(
            "SELECT id, kiosk_id, location, screen, created_at FROM help_requests "
            "WHERE courthouse = ? AND answered_at IS NULL AND created_at > ? ORDER BY seq",
            (staff.member.courthouse, _open_since()),
        )
        .fetchall()
    )
    return api.HelpRequestList(
        requests=[
            api.HelpRequest(
                id=row["id"],
                kiosk_id=row["kiosk_id"],
                location=row["location"],
                screen=row["screen"],
                created_at=_moment(row["created_at"]),
            )
            for row in rows
        ]
    )


@router.post("/help-requests/{request_id}/answer", response_model=api.HelpRequestAnswer)
def answer(request_id: str, staff: Staff, state: State) -> api.HelpRequestAnswer:
    """The clerk goes to the kiosk («Voy»): the call leaves every desk."""
    user = staff.member.user
    with state.db.transaction() as conn:
        row = conn.execute(
            "SELECT * FROM help_requests WHERE id = ? AND courthouse = ?",
            (request_id, staff.member.courthouse),
        ).fetchone()
        if row is None:
            raise ApiProblem(404, "help_request_not_found", _NOT_FOUND)
        if row["answered_by"] is not None:
            if row["answered_by"] == user:  # a retry of this clerk's own «Voy»
                return api.HelpRequestAnswer(id=row["id"], answered_at=_moment(row["answered_at"]))
            raise ApiProblem(
                409, "help_request_taken", "Otro empleado ya va a atender este llamado."
            )
        if row["created_at"] <= _open_since():
            raise ApiProblem(404, "help_request_not_found", _NOT_FOUND)
        moment = now()
        conn.execute(
            "UPDATE help_requests SET answered_by = ?, answered_at = ? WHERE seq = ?",
            (user, moment.isoformat(), row["seq"]),
        )
    return api.HelpRequestAnswer(id=row["id"], answered_at=moment)


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _refresh(conn: sqlite3.Connection, *_: object) -> None:
    # a day's calls are enough to look back on; older ones go at the next start
    old = (now() - timedelta(days=2)).isoformat()
    conn.execute("DELETE FROM help_requests WHERE created_at < ?", (old,))


SERVICE = SandboxService(
    name="llamados", router=router, schema=SCHEMA, tables=("help_requests",), refresh=_refresh
)
