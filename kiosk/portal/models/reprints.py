"""Reprints at the desk (issue 14): a supervisor prints a document again by its public
verification code (``CAP-2026-ABCD-EFGH``, the code printed on it), with a reason.

``POST /v1/staff/reprints`` needs a signed-in desk (``X-Staff-Token``) whose clerk is a
supervisor: a clerk is refused with 403 ``staff_role_required`` (before the code is even looked
up: a clerk learns nothing of which codes exist). 404 ``document_not_found`` for a code the OJ
never issued; 409 ``document_revoked`` or ``document_expired`` for a document that must not come
out again (the detail says why). The portal records each reprint (code, staff user, kiosk,
reason, time: never a DPI or a name) once per ``Idempotency-Key``: the desk keeps one key per
reprint attempt, so «Intentar de nuevo» after a timeout replays the answer instead of recording
a second reprint.

The answer carries what the kiosk needs to print the same document again through the one print
path (the ``certificate`` printout, which fetches it with ``GET /certificates/{download_code}``):
its download code, a secret the kiosk neither shows, logs nor writes to the audit log.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel
from kiosk.portal.models.strict import ByValue, IsoDateTime

#: a document's public verification code, as printed on it: CAP-2026-ABCD-EFGH
DOCUMENT_CODE_PATTERN = r"^[A-Z]{2,6}-[0-9]{4}(-[0-9A-Z]{4}){1,4}$"


class ReprintReason(StrEnum):
    """Why a document is printed again (the desk shows each in Spanish)."""

    PRINTER_FAILED = "printer_failed"  # «La impresora falló»
    DAMAGED = "damaged"  # «Se dañó»
    LOST = "lost"  # «Se extravió»
    DATA_UNREADABLE = "data_unreadable"  # «No se lee»


class ReprintCreate(ApiModel):
    document_code: str = Field(
        pattern=DOCUMENT_CODE_PATTERN,
        max_length=40,
        description="the verification code printed on the document",
        examples=["CAP-2026-7KQM-X4PD"],
    )
    reason: ByValue[ReprintReason]


class Reprint(ApiModel):
    """One reprint, as the portal recorded it, and how to print the document again."""

    id: str = Field(description="the portal's record of this reprint")
    document_code: str = Field(pattern=DOCUMENT_CODE_PATTERN)
    document_kind: str = Field(description="the document's type: CAP", examples=["CAP"])
    reason: ByValue[ReprintReason]
    recorded_at: IsoDateTime
    download_code: str = Field(
        description="the document's download code, for GET /certificates/{download_code}: a "
        "secret the desk uses to print and never shows, logs or audits"
    )


#: 201 recorded (the same answer with ``Idempotent-Replayed: true`` for the same key); 401
#: ``staff_session_required`` without a desk clerk; 403 ``staff_role_required`` for a clerk who
#: is not a supervisor; 404 ``document_not_found``; 409 ``document_revoked`` / ``document_expired``
REPRINT = Endpoint("POST", "/staff/reprints", Reprint)
