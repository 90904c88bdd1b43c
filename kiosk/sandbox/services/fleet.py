"""The kiosks' heartbeats (``POST /v1/kiosks/{kiosk_id}/heartbeat``) and what the fleet page
reads of them.

One row per kiosk keeps its last heartbeat as it came (the contract's JSON: machine facts and
codes only, no personal data) and when the portal took it, on the portal's clock. The fleet page
(``kiosk.sandbox.fleet_page``) lists every kiosk enrolled or seen with ``fleet_rows``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from kiosk.portal.models import fleet as api
from kiosk.sandbox.guards import RateLimiter
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import now

SCHEMA = """
CREATE TABLE IF NOT EXISTS fleet_heartbeats (
    kiosk_id    TEXT PRIMARY KEY,
    received_at TEXT NOT NULL,
    heartbeat   TEXT NOT NULL,
    count       INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID
"""

#: what the portal asks for: one a minute (the kiosk's own setting decides; this is advice)
NEXT_IN_SECONDS = 60

router = APIRouter(tags=["flota"])
#: one a minute is the norm; a kiosk restarting in a loop must not fill the portal's log
_beats = RateLimiter(30, 60.0)


@router.post(
    "/kiosks/{kiosk_id}/heartbeat",
    status_code=202,
    response_model=api.HeartbeatReceipt,
    responses={403: {"description": "`heartbeat_wrong_kiosk`: the path names another kiosk"}},
)
def post_heartbeat(
    kiosk_id: str, body: api.Heartbeat, state: State, kiosk: KioskId
) -> JSONResponse:
    """Keep this kiosk's last heartbeat (the sender is the kiosk the path names)."""
    if kiosk_id != kiosk:
        raise ApiProblem(
            403, "heartbeat_wrong_kiosk", "Un quiosco solo informa de sí mismo.", field="kiosk_id"
        )
    _beats.check(kiosk)
    received = now()
    with state.db.transaction() as conn:
        conn.execute(
            "INSERT INTO fleet_heartbeats(kiosk_id, received_at, heartbeat) VALUES (?, ?, ?) "
            "ON CONFLICT(kiosk_id) DO UPDATE SET received_at = excluded.received_at, "
            "heartbeat = excluded.heartbeat, count = count + 1",
            (kiosk, received.isoformat(), body.model_dump_json()),
        )
    receipt = api.HeartbeatReceipt(received_at=received, next_in_seconds=NEXT_IN_SECONDS)
    return JSONResponse(receipt.model_dump(mode="json"), 202)


@dataclass(frozen=True)
class FleetRow:
    kiosk_id: str
    enrolled: bool
    received_at: datetime | None  # None: never sent one
    heartbeat: api.Heartbeat | None
    count: int


def fleet_rows(conn: sqlite3.Connection) -> list[FleetRow]:
    """Every kiosk enrolled (and not revoked) or seen, by id. A stored heartbeat that no longer
    reads (an older contract) counts as seen with no facts."""
    enrolled = {
        row[0] for row in conn.execute("SELECT kiosk_id FROM devices WHERE revoked_at IS NULL")
    }
    seen = {
        row["kiosk_id"]: row
        for row in conn.execute(
            "SELECT kiosk_id, received_at, heartbeat, count FROM fleet_heartbeats"
        )
    }
    rows: list[FleetRow] = []
    for kiosk_id in sorted(enrolled | set(seen)):
        row = seen.get(kiosk_id)
        if row is None:
            rows.append(FleetRow(kiosk_id, True, None, None, 0))
            continue
        try:
            beat: api.Heartbeat | None = api.Heartbeat.model_validate_json(row["heartbeat"])
        except ValueError:
            beat = None
        received = datetime.fromisoformat(row["received_at"])
        rows.append(FleetRow(kiosk_id, kiosk_id in enrolled, received, beat, row["count"]))
    return rows


SERVICE = SandboxService(name="flota", router=router, schema=SCHEMA)
