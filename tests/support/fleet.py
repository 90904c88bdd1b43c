"""The fleet page's tests: a kiosk's last heartbeat moved into the past, where the page reads it
(the sandbox's own clock stays real; only the stored time moves)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.sandbox.app import DATABASE_FILE


def age_heartbeat(data_dir: Path, kiosk_id: str, by: timedelta) -> None:
    """Move the kiosk's last heartbeat ``by`` into the past."""
    with closing(sqlite3.connect(data_dir / DATABASE_FILE, timeout=10)) as conn, conn:
        (received,) = conn.execute(
            "SELECT received_at FROM fleet_heartbeats WHERE kiosk_id = ?", (kiosk_id,)
        ).fetchone()
        moved = (datetime.fromisoformat(received) - by).isoformat()
        conn.execute(
            "UPDATE fleet_heartbeats SET received_at = ? WHERE kiosk_id = ?", (moved, kiosk_id)
        )
