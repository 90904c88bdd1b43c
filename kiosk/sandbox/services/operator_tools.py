"""Sandbox only: the operator revokes a document or the issuer key, or backdates a document, to
show every verdict a kiosk can give (REVOKED by list or portal, EXPIRED) with real data."""

from __future__ import annotations

from fastapi import APIRouter

from kiosk.portal.models import Certificate, SandboxBackdate, SandboxRevocation
from kiosk.sandbox import revocation
from kiosk.sandbox.issuer import certificate_from_row
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.state import KioskId, State

router = APIRouter(tags=["sandbox"])


@router.post("/sandbox/documents/{code}/revoke", response_model=SandboxRevocation)
def revoke_document(code: str, state: State, _: KioskId) -> SandboxRevocation:
    """Sandbox only: the OJ annuls a document. It joins the trust list's revoked_documents and
    `GET /documents/{code}` says `revoked`. Revoking it again changes nothing."""
    with state.db.transaction() as conn:
        return revocation.revoke_document(conn, state.keyring, code)


@router.post("/sandbox/keys/issuer/revoke", response_model=SandboxRevocation)
def revoke_issuer_key(state: State, _: KioskId) -> SandboxRevocation:
    """Sandbox only: the active issuer key is revoked (every seal it signed turns REVOKED) and a
    new key takes over, so the sandbox keeps issuing."""
    return revocation.revoke_issuer_key(state.keyring)


@router.post("/sandbox/documents/{code}/backdate", response_model=Certificate)
def backdate_document(code: str, body: SandboxBackdate, state: State, _: KioskId) -> Certificate:
    """Sandbox only: move a document's issue date back by `days` (its expiry follows) and sign
    it again with a key valid back then, e.g. to show an expired constancia."""
    with state.db.transaction() as conn:
        found = revocation.backdate_document(conn, state.keyring, code, body.days)
    row = state.db.one("SELECT * FROM documents WHERE code = ?", (found,))
    if row is None:  # pragma: no cover - just written in the same thread
        raise ApiProblem(404, "document_not_found", "El documento ya no existe.")
    return certificate_from_row(row)
