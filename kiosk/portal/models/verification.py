"""Verification of signed documents: the trust list and a document's state by its code."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel

# The trust list travels as the seal package defines it (one definition of the signed envelope).
from kiosk.seals.envelope import TrustListEnvelope as TrustListEnvelope


class DocumentState(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    EXPIRED = "expired"


class DocumentCheck(ApiModel):
    code: str
    type: str
    state: DocumentState
    issued_at: datetime
    expires_at: datetime
    full_name: str
    dpi_last4: str = Field(pattern=r"^\d{4}$")
    revoked_at: datetime | None = None


TRUST_LIST = Endpoint("GET", "/trust-list", TrustListEnvelope)
DOCUMENT = Endpoint("GET", "/documents/{code}", DocumentCheck)
