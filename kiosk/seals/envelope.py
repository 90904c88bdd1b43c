"""The trust list's wire envelope (``GET /v1/trust-list``), apart from the code that checks it: the
portal models need the shape at start-up, the cryptography only when a seal is verified."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class TrustListEnvelope(BaseModel):
    model_config = ConfigDict(frozen=True)

    payload: str = Field(description="base64url of the JSON trust list")
    kid: str = Field(description="base64url key id of the OJ root key")
    sig: str = Field(description="base64url ES256 r||s over the payload bytes")
