"""The trust list (SEAL.md): issuer keys and revoked documents, signed by the pinned OJ root key.

Wire form (``GET /v1/trust-list``): ``{"payload": base64url(JSON), "kid": base64url(root kid),
"sig": base64url(ES256 r||s over the payload bytes)}``, base64url without padding. In the JSON,
each key's ``kid`` is base64url without padding (11 characters) and must match the SHA-256 of its
``public_key`` (SubjectPublicKeyInfo DER, standard base64); ``revoked_documents`` holds
``revoked_document_id(code)`` values. Unknown JSON fields are ignored (the list is signed).

This module judges one list. Keeping the last good list, refusing a lower ``version`` and
refreshing after 24 h belong to the caller's cache.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from datetime import datetime
from enum import StrEnum
from typing import Literal, Protocol, Self

from cryptography.hazmat.primitives.asymmetric import ec
from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)

from kiosk.seals.envelope import TrustListEnvelope
from kiosk.seals.keys import (
    KeyFormatError,
    b64url_decode,
    b64url_encode,
    key_id,
    kid_from_text,
    kid_to_text,
    load_public_key_der,
    sign_es256,
    verify_es256,
)

MAX_PAYLOAD_CHARS = 4 * 1024 * 1024
REVOKED_ID_BYTES = 16
KID_TEXT_PATTERN = r"^[A-Za-z0-9_-]{11}$"


def revoked_document_id(code: str) -> str:
    """Hex of the first 16 bytes of SHA-256 of the document's cti (its code, UTF-8)."""
    return hashlib.sha256(code.encode("utf-8")).digest()[:REVOKED_ID_BYTES].hex()


class TrustListErrorCode(StrEnum):
    TOO_LARGE = "too_large"
    BAD_BASE64 = "bad_base64"
    WRONG_KID = "wrong_kid"
    BAD_SIGNATURE = "bad_signature"
    BAD_JSON = "bad_json"
    BAD_SCHEMA = "bad_schema"


class TrustListError(ValueError):
    """A trust list that must not be used. ``code`` is stable; ``detail`` is for logs."""

    def __init__(self, code: TrustListErrorCode, detail: str = "") -> None:
        super().__init__(f"{code.value}: {detail}" if detail else code.value)
        self.code = code
        self.detail = detail


class TrustedKey(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    kid: str = Field(pattern=KID_TEXT_PATTERN, description="base64url, no padding")
    alg: Literal["ES256"] = "ES256"
    public_key: str = Field(description="SubjectPublicKeyInfo DER, standard base64")
    valid_from: AwareDatetime
    valid_until: AwareDatetime
    status: Literal["active", "retired", "revoked"] = "active"
    revoked_at: AwareDatetime | None = None

    _public_key: ec.EllipticCurvePublicKey | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _check_key(self) -> Self:
        try:
            der = base64.b64decode(self.public_key, validate=True)
        except binascii.Error as exc:
            raise ValueError("public_key is not base64") from exc
        key = load_public_key_der(der)  # KeyFormatError is a ValueError
        if kid_to_text(key_id(key)) != self.kid:
            raise ValueError("kid does not match the public key")
        if self.valid_until <= self.valid_from:
            raise ValueError("valid_until must be after valid_from")
        self._public_key = key
        return self

    @property
    def kid_bytes(self) -> bytes:
        return kid_from_text(self.kid)

    @property
    def key(self) -> ec.EllipticCurvePublicKey:
        assert self._public_key is not None  # set by the validator
        return self._public_key

    def covers(self, moment: datetime) -> bool:
        """Whether ``moment`` (a document's iat) falls inside the key's validity period."""
        return self.valid_from <= moment <= self.valid_until


class TrustList(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    issuer: str
    version: int = Field(ge=0)
    issued_at: AwareDatetime
    next_update: AwareDatetime
    keys: tuple[TrustedKey, ...]
    revoked_documents: tuple[str, ...] = ()

    _by_kid: dict[bytes, TrustedKey] = PrivateAttr(default_factory=dict)
    _revoked: frozenset[str] = PrivateAttr(default=frozenset())

    @model_validator(mode="after")
    def _index(self) -> Self:
        by_kid = {key.kid_bytes: key for key in self.keys}
        if len(by_kid) != len(self.keys):
            raise ValueError("duplicate kid in the trust list")
        for entry in self.revoked_documents:
            if len(entry) != 2 * REVOKED_ID_BYTES or entry.strip("0123456789abcdef"):
                raise ValueError("revoked_documents holds 32 lowercase hex digits per entry")
        self._by_kid = by_kid
        self._revoked = frozenset(self.revoked_documents)
        return self

    def find_key(self, kid: bytes) -> TrustedKey | None:
        return self._by_kid.get(kid)

    def is_document_revoked(self, code: str) -> bool:
        return revoked_document_id(code) in self._revoked


class EnvelopeLike(Protocol):
    """Anything with the envelope's three fields (e.g. the portal client's own model)."""

    @property
    def payload(self) -> str: ...
    @property
    def kid(self) -> str: ...
    @property
    def sig(self) -> str: ...


def sign_trust_list(
    trust_list: TrustList, root_key: ec.EllipticCurvePrivateKey
) -> TrustListEnvelope:
    payload = trust_list.model_dump_json().encode("utf-8")
    return TrustListEnvelope(
        payload=b64url_encode(payload),
        kid=kid_to_text(key_id(root_key.public_key())),
        sig=b64url_encode(sign_es256(payload, root_key)),
    )


def parse_envelope(raw: str | bytes) -> TrustListEnvelope:
    """An envelope from JSON text (the portal's body, or the kiosk's cached copy)."""
    try:
        return TrustListEnvelope.model_validate_json(raw)
    except ValidationError:
        raise TrustListError(TrustListErrorCode.BAD_JSON, "envelope") from None


def verify_trust_list(
    envelope: EnvelopeLike, root_public_key: ec.EllipticCurvePublicKey
) -> TrustList:
    """The trust list inside ``envelope`` if the pinned root signed it; else ``TrustListError``."""
    try:
        return _verify(envelope, root_public_key)
    except TrustListError:
        raise
    except Exception as exc:  # nothing else may escape
        raise TrustListError(TrustListErrorCode.BAD_SCHEMA, type(exc).__name__) from None


def _verify(envelope: EnvelopeLike, root_public_key: ec.EllipticCurvePublicKey) -> TrustList:
    if len(envelope.payload) > MAX_PAYLOAD_CHARS:
        raise TrustListError(TrustListErrorCode.TOO_LARGE, f"{len(envelope.payload)} characters")
    try:
        kid = kid_from_text(envelope.kid)
        signature = b64url_decode(envelope.sig)
        payload = b64url_decode(envelope.payload)
    except KeyFormatError as exc:
        raise TrustListError(TrustListErrorCode.BAD_BASE64, str(exc)) from None
    if kid != key_id(root_public_key):
        raise TrustListError(TrustListErrorCode.WRONG_KID, "not signed by the pinned root")
    if not verify_es256(payload, signature, root_public_key):
        raise TrustListError(TrustListErrorCode.BAD_SIGNATURE)
    try:
        data = json.loads(payload)
    except (ValueError, RecursionError):
        raise TrustListError(TrustListErrorCode.BAD_JSON, "payload") from None
    try:
        return TrustList.model_validate(data)
    except ValidationError as exc:
        raise TrustListError(TrustListErrorCode.BAD_SCHEMA, f"{exc.error_count()} errors") from None
