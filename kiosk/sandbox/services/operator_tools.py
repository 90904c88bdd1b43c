"""Sandbox only: the operator's tools, so a kiosk can be shown every answer with real data. A
document or the issuer key is revoked, or a document backdated (every verdict: REVOKED by list or
portal, EXPIRED); a service is marked unavailable (how the home screen shows it). No catalogue
tile: the real portal serves none of this."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import Field

from kiosk.portal.catalog import SERVICE_IDS
from kiosk.portal.models import (
    ApiModel,
    Certificate,
    SandboxBackdate,
    SandboxRevocation,
    ServiceStatus,
)
from kiosk.sandbox import revocation
from kiosk.sandbox.issuer import certificate_from_row
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
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


class Availability(ApiModel):
    available: bool
    reason: str | None = Field(default=None, max_length=200)


@router.put("/sandbox/services/{service_id}", response_model=ServiceStatus)
def set_availability(
    service_id: str, body: Availability, state: State, _: KioskId
) -> ServiceStatus:
    """Sandbox only: mark a service (un)available, to try how the kiosk shows it."""
    if service_id not in SERVICE_IDS:
        raise ApiProblem(404, "service_not_found", "No existe ese servicio.")
    if body.available:
        state.unavailable.pop(service_id, None)
    else:
        state.unavailable[service_id] = body.reason or "Servicio en mantenimiento."
    return ServiceStatus(
        id=service_id,
        available=body.available,
        reason=state.unavailable.get(service_id),
    )


SERVICE = SandboxService(name="herramientas", router=router)
