"""What a kiosk needs to verify a seal: the signed trust list and the portal's word on a code."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter

from kiosk.portal.models import DocumentCheck, DocumentState, TrustListEnvelope
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import now

router = APIRouter(tags=["verification"])


@router.get("/trust-list", response_model=TrustListEnvelope)
def trust_list(state: State, _: KioskId) -> TrustListEnvelope:
    return state.keyring.trust_list()


@router.get("/documents/{code}", response_model=DocumentCheck)
def document(code: str, state: State, _: KioskId) -> DocumentCheck:
    row = state.db.one("SELECT * FROM documents WHERE code = ?", (code.strip().upper(),))
    if row is None:
        raise ApiProblem(
            404, "document_not_found", "El OJ no emitió ningún documento con ese código."
        )
    expires = datetime.fromisoformat(row["expires_at"])
    if row["revoked_at"]:
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
        revoked_at=datetime.fromisoformat(row["revoked_at"]) if row["revoked_at"] else None,
    )
