"""A desk station (``kiosk.mode = "desk"``) in UI tests: built by ``make_driver`` and signed in
the way a clerk does it, by object names and keys."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from kiosk_driver import Driver
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.audit.log import AuditEntry, AuditLog
from kiosk.sandbox.staff_users import DEMO_STAFF_PASSWORD
from kiosk.ui.desk.station import DeskStation

CLERK = "ana.lopez"  # torre-tribunales, the kiosk's default courthouse
SUPERVISOR = "carmen.mendez"
PASSWORD = DEMO_STAFF_PASSWORD


def desk_settings(**more: Any) -> dict[str, Any]:
    """``make_driver(settings=...)`` for a desk; ``more`` adds sections (``desk={...}``)."""
    return {"kiosk": {"mode": "desk"}, **more}


def make_desk(
    make_driver: Callable[..., Driver], user: str | None = CLERK, **options: Any
) -> Driver:
    """A desk station, with ``user`` signed in (None: left at the sign-in screen)."""
    settings = options.pop("settings", None) or desk_settings()
    kiosk = make_driver(settings=settings, **options)
    assert kiosk.screen() == "screen.desk.sign_in"
    if user is not None:
        sign_in(kiosk, user)
    return kiosk


def sign_in(kiosk: Driver, user: str, password: str = PASSWORD) -> None:
    kiosk.type("field.staff_user", user)
    kiosk.type("field.staff_password", password)
    kiosk.tap("action.sign_in")
    kiosk.wait(lambda: kiosk.screen() == "screen.home")


def station(kiosk: Driver) -> DeskStation:
    desk = kiosk.kiosk.desk
    assert desk is not None, "not a desk"
    return desk


def audit_entries(kiosk: Driver) -> list[AuditEntry]:
    """The desk's own audit log, as ``kiosk audit verify`` reads it."""
    with AuditLog(station(kiosk).audit.path) as log:
        return log.entries()


def portal_audit(sandbox_dir: Path, kiosk_id: str) -> list[tuple[int, str, str]]:
    """(seq, kind, hash) of what the portal holds of this kiosk's chain, in order."""
    from kiosk.sandbox.app import DATABASE_FILE

    with closing(sqlite3.connect(sandbox_dir / DATABASE_FILE, timeout=10)) as conn:
        rows = conn.execute(
            "SELECT seq, kind, hash FROM audit_entries WHERE kiosk_id = ? ORDER BY seq",
            (kiosk_id,),
        ).fetchall()
    return [(seq, kind, digest) for seq, kind, digest in rows]


def press(kiosk: Driver, key: Qt.Key, widget: QWidget | None = None) -> None:
    """A key on the desk's keyboard, pressed from inside the kiosk's loop: Qt may run the
    loop's pending work while it delivers the key, and that work needs its loop running."""

    async def click() -> None:
        QTest.keyClick(widget if widget is not None else kiosk.shell, key)

    kiosk.run(click())
    kiosk.settle()
