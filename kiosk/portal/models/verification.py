"""Verification of signed documents: the trust list and a document's state by its code."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel
from kiosk.portal.models.strict import DIGITS, ByValue, IsoDateTime

# The trust list travels as the seal package defines it (one definition of the signed envelope).
from kiosk.seals.envelope import TrustListEnvelope as TrustListEnvelope


class DocumentState(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    EXPIRED = "expired"


class DocumentCheck(ApiModel):
    code: str
    type: str
    state: ByValue[DocumentState]
    issued_at: IsoDateTime
    expires_at: IsoDateTime
    full_name: str
    dpi_last4: str = Field(pattern=rf"^{DIGITS}{{4}}$")
    revoked_at: IsoDateTime | None = None


TRUST_LIST = Endpoint("GET", "/trust-list", TrustListEnvelope)
DOCUMENT = Endpoint("GET", "/documents/{code}", DocumentCheck)
