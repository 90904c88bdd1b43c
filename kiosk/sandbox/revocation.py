"""The sandbox operator's tools for verification: revoke a document, revoke the issuer key, and
move a document's issue date back (to show an expired constancia). Each change grows the trust
list's version, so a kiosk's cache takes the new list, and shows in ``GET /v1/documents/{code}``.
Shared by the HTTP routes (``/v1/sandbox/...``) and ``kiosk sandbox revoke-document`` & co.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

from kiosk.portal.models import SandboxRevocation
from kiosk.sandbox.keyring import Keyring
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.store import GUATEMALA, now
from kiosk.seals.codec import encode_seal
from kiosk.seals.model import DocumentType, RecordResult, SealedDocument, expiry_for

#: the oldest issue date a backdated document may get, counted from today
MAX_BACKDATE_DAYS = 3650


def normalise_code(code: str) -> str:
    return code.strip().upper()


def _document(conn: sqlite3.Connection, code: str) -> sqlite3.Row:
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM documents WHERE code = ?", (normalise_code(code),)
    ).fetchone()
    if row is None:
        raise ApiProblem(
            404, "document_not_found", "El OJ no emitió ningún documento con ese código."
        )
    return row


def revoke_document(conn: sqlite3.Connection, keyring: Keyring, code: str) -> SandboxRevocation:
    """Mark the document revoked (once: a second call changes nothing) and grow the version."""
    row = _document(conn, code)
    revoked_at = row["revoked_at"]
    if revoked_at is None:
        revoked_at = now().isoformat()
        conn.execute(
            "UPDATE documents SET revoked_at = ? WHERE code = ?", (revoked_at, row["code"])
        )
        keyring.bump_version(conn)
    return SandboxRevocation(
        kind="document",
        revoked=row["code"],
        revoked_at=datetime.fromisoformat(revoked_at),
        trust_list_version=keyring.version,
    )


def revoke_issuer_key(keyring: Keyring) -> SandboxRevocation:
    """Revoke the active issuer key and make a new one (the sandbox keeps issuing)."""
    revoked_kid, active = keyring.revoke_issuer()
    row = keyring.db.one("SELECT revoked_at FROM signing_keys WHERE kid = ?", (revoked_kid,))
    revoked_at = datetime.fromisoformat(row["revoked_at"]) if row is not None else now()
    return SandboxRevocation(
        kind="issuer_key",
        revoked=revoked_kid,
        revoked_at=revoked_at,
        active_kid=active.kid,
        trust_list_version=keyring.version,
    )


def backdate_document(conn: sqlite3.Connection, keyring: Keyring, code: str, days: int) -> str:
    """Move a document's issue date ``days`` back, with its expiry, and sign it again with a
    key that was valid back then. Returns the code; the download code stays the same. The issue
    date never goes back more than ``MAX_BACKDATE_DAYS`` from today (422 ``backdate_too_far``)."""
    row = _document(conn, code)
    issued = datetime.fromisoformat(row["issued_at"]) - timedelta(days=days)
    # Backdating again and again must stop somewhere (once, dates overflowed into a 500).
    if issued.date() < (now() - timedelta(days=MAX_BACKDATE_DAYS)).date():
        raise ApiProblem(
            422,
            "backdate_too_far",
            f"La fecha de emisión no puede quedar a más de {MAX_BACKDATE_DAYS // 365} años "
            "atrás. Use un número de días menor.",
            field="days",
        )
    doc_type = DocumentType(row["type"])
    expires = expiry_for(doc_type, issued)
    document = SealedDocument(
        type=doc_type,
        code=row["code"],
        full_name=row["full_name"],
        dpi=row["dpi"],
        birth_date=date.fromisoformat(row["birth_date"]),
        result=RecordResult(row["result"]),
        issued_at=issued.astimezone(UTC),
        expires_at=expires.astimezone(UTC),
    )
    seal = encode_seal(document, keyring.signing_key_for(conn, issued))
    conn.execute(
        "UPDATE documents SET issued_at = ?, expires_at = ?, seal = ? WHERE code = ?",
        (
            issued.astimezone(GUATEMALA).isoformat(),
            expires.astimezone(GUATEMALA).isoformat(),
            seal,
            row["code"],
        ),
    )
    return str(row["code"])
