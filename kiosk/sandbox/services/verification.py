"""What a kiosk needs to verify a seal: the signed trust list and the portal's word on a code."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from fastapi import APIRouter

from kiosk.portal.models import DocumentCheck, DocumentState, TrustListEnvelope
from kiosk.sandbox.keyring import kid_text_of_seal
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import Database, now

router = APIRouter(tags=["verification"])


@router.get("/trust-list", response_model=TrustListEnvelope)
def trust_list(state: State, _: KioskId) -> TrustListEnvelope:
    return state.keyring.trust_list()


@router.get("/documents/{code}", response_model=DocumentCheck)
def document(code: str, state: State, kiosk: KioskId) -> DocumentCheck:
    """The portal's word on a code. A document is `revoked` when it was annulled or when the key
    that signed it was revoked (whoever holds that key could have signed anything). Look-ups
    are limited per kiosk: the answer names a person, so codes must not be walked."""
    state.lookup_limiter.check(f"{kiosk} documents")
    row = state.db.one("SELECT * FROM documents WHERE code = ?", (code.strip().upper(),))
    if row is None:
        raise ApiProblem(
            404, "document_not_found", "El OJ no emitió ningún documento con ese código."
        )
    expires = datetime.fromisoformat(row["expires_at"])
    revoked_at = row["revoked_at"] or _key_revoked_at(state.db, row)
    if revoked_at:
        state_ = DocumentState.REVOKED
    elif expires <= now():
        state_ = DocumentState.EXPIRED
    else:
        state_ = DocumentState.VALID
    return DocumentCheck(
        code=row["code"],
        type=row["type"],
        state=state_,
        issued_at=datetime.fromisoformat(row["issued_at"]),
        expires_at=expires,
        full_name=row["full_name"],
        dpi_last4=row["dpi"][-4:],
        revoked_at=datetime.fromisoformat(revoked_at) if revoked_at else None,
    )


def _key_revoked_at(db: Database, row: sqlite3.Row) -> str | None:
    key = db.one(
        "SELECT revoked_at FROM signing_keys WHERE kid = ? AND status = 'revoked'",
        (kid_text_of_seal(row["seal"]),),
    )
    return None if key is None else str(key["revoked_at"])


SERVICE = SandboxService(name="verificar-documento", router=router)
