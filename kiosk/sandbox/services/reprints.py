"""Reprints at the desk: ``POST /v1/staff/reprints`` (``kiosk.portal.models.reprints``).

A supervisor's reprint is recorded in ``staff_reprints`` (the code, the staff user, the kiosk,
the reason and the time: never a DPI or a name; the document's own row holds those) once per
``Idempotency-Key``, and answered with the document's download code, which the desk's
``certificate`` printout fetches the document with."""

from __future__ import annotations

import secrets
import sqlite3
from datetime import datetime

from fastapi import APIRouter, Request, Response

from kiosk import formats
from kiosk.portal.models.reprints import Reprint, ReprintCreate
from kiosk.sandbox.keyring import kid_text_of_seal
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, Staff, State
from kiosk.sandbox.store import now

router = APIRouter(tags=["personal de ventanilla"])

SCHEMA = """
CREATE TABLE IF NOT EXISTS staff_reprints (
    id            TEXT PRIMARY KEY,
    document_code TEXT NOT NULL,
    staff_user    TEXT NOT NULL,
    kiosk_id      TEXT NOT NULL,
    reason        TEXT NOT NULL,
    at            TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS staff_reprints_by_code ON staff_reprints(document_code, at);
"""


@router.post("/staff/reprints", status_code=201, response_model=Reprint)
def reprint(
    body: ReprintCreate, request: Request, state: State, kiosk: KioskId, staff: Staff
) -> Response:
    """Print a document again (a supervisor, with a reason): recorded once per key."""
    if not staff.is_supervisor:
        # before any look-up: a clerk learns nothing of which codes exist
        raise ApiProblem(
            403,
            "staff_role_required",
            "Solo un supervisor puede reimprimir documentos. Pida a su supervisor que ingrese.",
        )
    state.lookup_limiter.check(f"{kiosk} reprints")
    user = staff.member.user

    def produce(conn: sqlite3.Connection) -> tuple[int, Reprint]:
        row = conn.execute(
            "SELECT code, type, expires_at, revoked_at, seal, download_code FROM documents "
            "WHERE code = ?",
            (body.document_code,),
        ).fetchone()
        if row is None:
            raise ApiProblem(
                404,
                "document_not_found",
                "El OJ no emitió ningún documento con ese código. Revise que esté igual que en "
                "la hoja.",
                field="document_code",
            )
        _refuse_unprintable(conn, row)
        moment = now()
        reprint_id = f"RP-{secrets.token_hex(6).upper()}"
        conn.execute(
            "INSERT INTO staff_reprints(id, document_code, staff_user, kiosk_id, reason, at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (reprint_id, row["code"], user, kiosk, body.reason.value, moment.isoformat()),
        )
        return 201, Reprint(
            id=reprint_id,
            document_code=row["code"],
            document_kind=row["type"],
            reason=body.reason,
            recorded_at=moment,
            download_code=row["download_code"],
        )

    # the clerk is part of the request: another clerk's same key is no replay
    return state.idempotency.run(request, kiosk, body, produce, extra=user)


def _refuse_unprintable(conn: sqlite3.Connection, row: sqlite3.Row) -> None:
    """409 for a document that must not come out again: annulled (or signed with a key that was
    revoked: whoever holds it could have signed anything), or no longer valid."""
    revoked_at = row["revoked_at"]
    if not revoked_at:
        key = conn.execute(
            "SELECT revoked_at FROM signing_keys WHERE kid = ? AND status = 'revoked'",
            (kid_text_of_seal(row["seal"]),),
        ).fetchone()
        revoked_at = key["revoked_at"] if key is not None else None
    if revoked_at:
        day = formats.day(datetime.fromisoformat(revoked_at))
        raise ApiProblem(
            409,
            "document_revoked",
            f"Este documento fue anulado el {day}: no se puede reimprimir. La persona debe "
            "pedir uno nuevo.",
            field="document_code",
        )
    expires = datetime.fromisoformat(row["expires_at"])
    if expires <= now():
        day = formats.day(expires)
        raise ApiProblem(
            409,
            "document_expired",
            f"Este documento venció el {day}: no se reimprime un documento vencido. La persona "
            "debe pedir uno nuevo.",
            field="document_code",
        )


SERVICE = SandboxService(
    name="reimpresiones", router=router, schema=SCHEMA, tables=("staff_reprints",)
)
