"""Keys, a document, a trust list, a seal and a seal forger for the seal tests (pure, no disk)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import cbor2
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from kiosk.seals import keys
from kiosk.seals.codec import cose_to_seal, document_claims, encode_seal, sig_structure
from kiosk.seals.model import DocumentType, RecordResult, SealedDocument, add_months
from kiosk.seals.trustlist import TrustedKey, TrustList

NOW = datetime(2025, 3, 10, 15, 0, 0, tzinfo=UTC)
CODE = "CAP-2025-ABCD-EFGH"

_MISSING = object()


@pytest.fixture(scope="session")
def now() -> datetime:
    return NOW


@pytest.fixture(scope="session")
def make_document() -> Callable[..., SealedDocument]:
    def make(**changes: Any) -> SealedDocument:
        issued = NOW - timedelta(days=1)
        fields: dict[str, Any] = {
            "type": DocumentType.CAP,
            "code": CODE,
            "full_name": "María José Pérez López",
            "dpi": "2519463750101",
            "birth_date": date(1990, 9, 15),
            "result": RecordResult.NR,
            "issued_at": issued,
            "expires_at": add_months(issued, 6),
        }
        fields.update(changes)
        return SealedDocument(**fields)

    return make


@pytest.fixture(scope="session")
def make_trusted_key() -> Callable[..., TrustedKey]:
    def make(private_key: ec.EllipticCurvePrivateKey, **changes: Any) -> TrustedKey:
        public = private_key.public_key()
        fields: dict[str, Any] = {
            "kid": keys.kid_to_text(keys.key_id(public)),
            "alg": "ES256",
            "public_key": base64.b64encode(keys.public_key_der(public)).decode(),
            "valid_from": NOW - timedelta(days=365),
            "valid_until": NOW + timedelta(days=365),
            "status": "active",
            "revoked_at": None,
        }
        fields.update(changes)
        return TrustedKey(**fields)

    return make


@pytest.fixture(scope="session")
def make_trust_list() -> Callable[..., TrustList]:
    def make(trusted: list[TrustedKey], revoked: tuple[str, ...] = ()) -> TrustList:
        return TrustList(
            issuer="Organismo Judicial de Guatemala (pruebas)",
            version=3,
            issued_at=NOW - timedelta(hours=1),
            next_update=NOW + timedelta(hours=23),
            keys=trusted,
            revoked_documents=revoked,
        )

    return make


# Session-scoped so that hypothesis tests may use them (nothing here is mutated).
@pytest.fixture(scope="session")
def issuer_key() -> ec.EllipticCurvePrivateKey:
    return keys.generate_private_key()


@pytest.fixture(scope="session")
def root_key() -> ec.EllipticCurvePrivateKey:
    return keys.generate_private_key()


@pytest.fixture(scope="session")
def document(make_document: Callable[..., SealedDocument]) -> SealedDocument:
    return make_document()


@pytest.fixture(scope="session")
def trust_list(
    issuer_key: ec.EllipticCurvePrivateKey,
    make_trusted_key: Callable[..., TrustedKey],
    make_trust_list: Callable[..., TrustList],
) -> TrustList:
    return make_trust_list([make_trusted_key(issuer_key)])


@pytest.fixture(scope="session")
def seal_text(document: SealedDocument, issuer_key: ec.EllipticCurvePrivateKey) -> str:
    return encode_seal(document, issuer_key)


@pytest.fixture(scope="session")
def forge(document: SealedDocument, issuer_key: ec.EllipticCurvePrivateKey) -> Callable[..., str]:
    """A seal text built by hand: any part may be replaced; the signature is computed over
    whatever protected/payload result (with ``signer``) unless ``signature`` is given."""

    def build(
        *,
        claims: Any = _MISSING,
        header: Any = _MISSING,
        protected: Any = _MISSING,
        unprotected: Any = _MISSING,
        payload: Any = _MISSING,
        signature: Any = _MISSING,
        signer: ec.EllipticCurvePrivateKey | None = None,
        tag: int | None = 18,
    ) -> str:
        signer = signer or issuer_key
        if header is _MISSING:
            header = {1: -7, 4: keys.key_id(signer.public_key())}
        if protected is _MISSING:
            protected = cbor2.dumps(header)
        if claims is _MISSING:
            claims = document_claims(document)
        if payload is _MISSING:
            payload = cbor2.dumps(claims)
        if unprotected is _MISSING:
            unprotected = {}
        if signature is _MISSING:
            signature = keys.sign_es256(sig_structure(protected, payload), signer)
        message: Any = [protected, unprotected, payload, signature]
        if tag is not None:
            message = cbor2.CBORTag(tag, message)
        return cose_to_seal(cbor2.dumps(message))

    return build
