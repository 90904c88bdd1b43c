"""A real signed certificate for the document tests: issuer key, trust list, Certificate factory."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from document_fixtures import BIRTH, CODE, DPI, ISSUED, NAME, NOW, CertFactory

from kiosk.portal.models import Certificate
from kiosk.seals import keys
from kiosk.seals.codec import encode_seal
from kiosk.seals.model import DocumentType, RecordResult, SealedDocument, add_months
from kiosk.seals.trustlist import TrustedKey, TrustList


@pytest.fixture(scope="session")
def issuer_key() -> ec.EllipticCurvePrivateKey:
    return keys.generate_private_key()


@pytest.fixture(scope="session")
def trust_list(issuer_key: ec.EllipticCurvePrivateKey) -> TrustList:
    public = issuer_key.public_key()
    trusted = TrustedKey(
        kid=keys.kid_to_text(keys.key_id(public)),
        alg="ES256",
        public_key=base64.b64encode(keys.public_key_der(public)).decode(),
        valid_from=NOW - timedelta(days=365),
        valid_until=NOW + timedelta(days=365),
        status="active",
    )
    return TrustList(
        issuer="Organismo Judicial de Guatemala (pruebas)",
        version=1,
        issued_at=NOW - timedelta(hours=1),
        next_update=NOW + timedelta(hours=23),
        keys=[trusted],
        revoked_documents=(),
    )


@pytest.fixture(scope="session")
def make_cert(issuer_key: ec.EllipticCurvePrivateKey) -> CertFactory:
    """A Certificate whose seal is signed over exactly its fields; ``printed`` overrides fields
    of the Certificate only (to build one that disagrees with its seal)."""

    def make(*, printed: dict[str, Any] | None = None, **fields: Any) -> Certificate:
        values: dict[str, Any] = {
            "type": DocumentType.CAP,
            "code": CODE,
            "full_name": NAME,
            "dpi": DPI,
            "birth_date": BIRTH,
            "result": RecordResult.NR,
            "issued_at": ISSUED,
            "expires_at": add_months(ISSUED, 6),
        }
        values.update(fields)
        document = SealedDocument(**values)
        cert = Certificate(
            code=document.code,
            type=document.type.value,
            full_name=document.full_name,
            dpi=document.dpi,
            birth_date=document.birth_date,
            result=document.result.value,
            issued_at=document.issued_at,
            valid_until=document.expires_at,
            seal=encode_seal(document, issuer_key),
        )
        return cert.model_copy(update=printed) if printed else cert

    return make


@pytest.fixture(scope="session")
def cert(make_cert: CertFactory) -> Certificate:
    return make_cert()
