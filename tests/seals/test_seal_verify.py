"""Verdicts (SEAL.md): each path of verify_seal, its reason code and the visitor's message."""

from __future__ import annotations

import base64
import zlib
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from kiosk.seals import base45, keys
from kiosk.seals.codec import document_claims, encode_seal, seal_to_cose
from kiosk.seals.model import SealedDocument, add_months
from kiosk.seals.reasons import MESSAGES, InvalidReason, Verdict
from kiosk.seals.trustlist import TrustedKey, TrustList, revoked_document_id
from kiosk.seals.verify import CLOCK_SKEW, PortalAnswer, VerificationResult, verify_seal


def _check(
    text: str, trust_list: TrustList | None, now: datetime, **kwargs: Any
) -> VerificationResult:
    return verify_seal(text, trust_list=trust_list, now=now, **kwargs)


def test_valid_when_the_portal_confirms(
    seal_text: str, trust_list: TrustList, now: datetime, document: SealedDocument
) -> None:
    result = _check(seal_text, trust_list, now, portal=PortalAnswer.VALID)
    assert result.verdict is Verdict.VALID
    assert result.reason is None
    assert result.document == document
    assert result.text_kind == "seal"
    assert result.authentic
    assert result.message == MESSAGES[Verdict.VALID]


def test_valid_offline_without_the_portal(
    seal_text: str, trust_list: TrustList, now: datetime, document: SealedDocument
) -> None:
    result = _check(seal_text, trust_list, now)
    assert result.verdict is Verdict.VALID_OFFLINE
    assert result.reason is None
    assert result.document == document
    assert result.message == (
        "Documento auténtico. No se pudo comprobar en línea si fue anulado "
        "(revocación no comprobada)."
    )


def test_scanner_line_end_does_not_matter(
    seal_text: str, trust_list: TrustList, now: datetime
) -> None:
    assert _check(seal_text + "\r\n", trust_list, now).verdict is Verdict.VALID_OFFLINE


def _hc1_like(seal_text: str) -> str:
    # An EU DCC-shaped text: same layers, another prefix.
    return "HC1:" + base45.encode(zlib.compress(seal_to_cose(seal_text)))


@pytest.mark.parametrize(
    "make_text",
    [
        lambda seal: "https://example.com",
        lambda seal: "https://example.com/verificar/CAP-2025-ABCD-EFGH",
        lambda seal: "Hola, esto es texto",
        lambda seal: "",
        lambda seal: _hc1_like(seal),
        lambda seal: seal.lower(),
        lambda seal: seal[1:],
    ],
)
def test_not_oj(
    make_text: Callable[[str], str], seal_text: str, trust_list: TrustList, now: datetime
) -> None:
    for listing in (trust_list, None):
        result = _check(make_text(seal_text), listing, now, portal=PortalAnswer.VALID)
        assert result.verdict is Verdict.NOT_OJ
        assert result.reason is InvalidReason.NOT_OJ
        assert result.text_kind == "other"
        assert result.document is None
        assert "no es un documento del Organismo Judicial" in result.message


def test_no_trust_list_cannot_verify(seal_text: str, now: datetime) -> None:
    for portal in (PortalAnswer.UNREACHABLE, PortalAnswer.VALID):
        result = _check(seal_text, None, now, portal=portal)
        assert result.verdict is Verdict.CANNOT_VERIFY
        assert result.reason is InvalidReason.NO_TRUST_LIST
        assert result.document is None
        assert "pida ayuda" in result.message


def test_no_trust_list_but_the_portal_says_no(seal_text: str, now: datetime) -> None:
    revoked = _check(seal_text, None, now, portal=PortalAnswer.REVOKED)
    assert (revoked.verdict, revoked.reason) == (Verdict.REVOKED, InvalidReason.REVOKED_BY_PORTAL)
    unknown = _check(seal_text, None, now, portal=PortalAnswer.UNKNOWN)
    assert (unknown.verdict, unknown.reason) == (Verdict.INVALID, InvalidReason.UNKNOWN_TO_PORTAL)
    assert revoked.document is None
    assert unknown.document is None


def test_format_errors_win_over_a_missing_trust_list(now: datetime) -> None:
    result = _check("OJ1:abc", None, now)
    assert (result.verdict, result.reason) == (Verdict.INVALID, InvalidReason.BAD_BASE45)
    assert result.text_kind == "seal"


def test_foreign_key_is_unknown(
    document: SealedDocument, trust_list: TrustList, now: datetime
) -> None:
    foreign = encode_seal(document, keys.generate_private_key())
    result = _check(foreign, trust_list, now, portal=PortalAnswer.VALID)
    assert (result.verdict, result.reason) == (Verdict.INVALID, InvalidReason.UNKNOWN_KEY)
    assert result.document is None


def test_trusted_kid_with_another_key_is_a_bad_signature(
    forge: Callable[..., str],
    issuer_key: ec.EllipticCurvePrivateKey,
    trust_list: TrustList,
    now: datetime,
) -> None:
    impostor = keys.generate_private_key()
    text = forge(header={1: -7, 4: keys.key_id(issuer_key.public_key())}, signer=impostor)
    result = _check(text, trust_list, now, portal=PortalAnswer.VALID)
    assert (result.verdict, result.reason) == (Verdict.INVALID, InvalidReason.BAD_SIGNATURE)
    assert result.document is None


def test_altered_field_is_a_bad_signature(
    forge: Callable[..., str],
    document: SealedDocument,
    issuer_key: ec.EllipticCurvePrivateKey,
    trust_list: TrustList,
    now: datetime,
) -> None:
    import cbor2

    genuine = seal_to_cose(encode_seal(document, issuer_key))
    protected, _, payload, signature = cbor2.loads(genuine).value
    claims = cbor2.loads(payload)
    claims[-70000]["r"] = "NR" if claims[-70000]["r"] == "R" else "R"
    text = forge(protected=protected, claims=claims, signature=signature)
    result = _check(text, trust_list, now, portal=PortalAnswer.VALID)
    assert (result.verdict, result.reason) == (Verdict.INVALID, InvalidReason.BAD_SIGNATURE)


@pytest.mark.parametrize("revoked_days_after_issue", [-30, 30])
def test_revoked_key_revokes_every_document(
    revoked_days_after_issue: int,
    seal_text: str,
    document: SealedDocument,
    issuer_key: ec.EllipticCurvePrivateKey,
    make_trusted_key: Callable[..., TrustedKey],
    make_trust_list: Callable[..., TrustList],
    now: datetime,
) -> None:
    revoked_at = document.issued_at + timedelta(days=revoked_days_after_issue)
    listing = make_trust_list(
        [make_trusted_key(issuer_key, status="revoked", revoked_at=revoked_at)]
    )
    result = _check(seal_text, listing, now, portal=PortalAnswer.VALID)
    assert (result.verdict, result.reason) == (Verdict.REVOKED, InvalidReason.KEY_REVOKED)
    assert result.document is None


def test_retired_key_still_vouches_for_its_period(
    seal_text: str,
    issuer_key: ec.EllipticCurvePrivateKey,
    make_trusted_key: Callable[..., TrustedKey],
    make_trust_list: Callable[..., TrustList],
    now: datetime,
) -> None:
    listing = make_trust_list([make_trusted_key(issuer_key, status="retired")])
    assert _check(seal_text, listing, now).verdict is Verdict.VALID_OFFLINE


@pytest.mark.parametrize(
    ("valid_from_days", "valid_until_days"), [(1, 30), (-30, -2)]
)  # relative to the document's iat
def test_iat_outside_the_key_period(
    valid_from_days: int,
    valid_until_days: int,
    seal_text: str,
    document: SealedDocument,
    issuer_key: ec.EllipticCurvePrivateKey,
    make_trusted_key: Callable[..., TrustedKey],
    make_trust_list: Callable[..., TrustList],
    now: datetime,
) -> None:
    listing = make_trust_list(
        [
            make_trusted_key(
                issuer_key,
                valid_from=document.issued_at + timedelta(days=valid_from_days),
                valid_until=document.issued_at + timedelta(days=valid_until_days),
            )
        ]
    )
    result = _check(seal_text, listing, now, portal=PortalAnswer.VALID)
    assert (result.verdict, result.reason) == (
        Verdict.INVALID,
        InvalidReason.NOT_VALID_FOR_KEY_PERIOD,
    )


def test_revoked_document(
    seal_text: str,
    document: SealedDocument,
    issuer_key: ec.EllipticCurvePrivateKey,
    make_trusted_key: Callable[..., TrustedKey],
    make_trust_list: Callable[..., TrustList],
    now: datetime,
) -> None:
    other = make_trust_list(
        [make_trusted_key(issuer_key)], revoked=(revoked_document_id("CAP-2025-OTHR-CODE"),)
    )
    assert _check(seal_text, other, now).verdict is Verdict.VALID_OFFLINE
    listing = make_trust_list(
        [make_trusted_key(issuer_key)], revoked=(revoked_document_id(document.code),)
    )
    result = _check(seal_text, listing, now, portal=PortalAnswer.VALID)
    assert (result.verdict, result.reason) == (Verdict.REVOKED, InvalidReason.DOCUMENT_REVOKED)
    assert result.document == document
    assert "anuló" in result.message


def test_iat_in_the_future(
    make_document: Callable[..., SealedDocument],
    issuer_key: ec.EllipticCurvePrivateKey,
    trust_list: TrustList,
    now: datetime,
) -> None:
    def at(issued: datetime) -> VerificationResult:
        doc = make_document(issued_at=issued, expires_at=add_months(issued, 6))
        return _check(encode_seal(doc, issuer_key), trust_list, now, portal=PortalAnswer.VALID)

    late = at(now + CLOCK_SKEW + timedelta(seconds=1))
    assert (late.verdict, late.reason) == (Verdict.INVALID, InvalidReason.NOT_YET_VALID)
    assert late.document is None
    assert at(now + CLOCK_SKEW).verdict is Verdict.VALID  # a kiosk clock a little behind


def test_expired(seal_text: str, document: SealedDocument, trust_list: TrustList) -> None:
    at_expiry = _check(seal_text, trust_list, document.expires_at, portal=PortalAnswer.VALID)
    assert at_expiry.verdict is Verdict.VALID
    later = document.expires_at + timedelta(seconds=1)
    result = _check(seal_text, trust_list, later, portal=PortalAnswer.VALID)
    assert (result.verdict, result.reason) == (Verdict.EXPIRED, InvalidReason.EXPIRED)
    assert result.document == document
    assert "vencido" in result.message
    # expiry is decided before the portal is heard
    revoked = _check(seal_text, trust_list, later, portal=PortalAnswer.REVOKED)
    assert revoked.verdict is Verdict.EXPIRED


def test_portal_revoked_and_unknown(
    seal_text: str, document: SealedDocument, trust_list: TrustList, now: datetime
) -> None:
    revoked = _check(seal_text, trust_list, now, portal=PortalAnswer.REVOKED)
    assert (revoked.verdict, revoked.reason) == (Verdict.REVOKED, InvalidReason.REVOKED_BY_PORTAL)
    assert revoked.document == document
    unknown = _check(seal_text, trust_list, now, portal=PortalAnswer.UNKNOWN)
    assert (unknown.verdict, unknown.reason) == (Verdict.INVALID, InvalidReason.UNKNOWN_TO_PORTAL)
    assert unknown.document is None


def test_format_error_verdict(
    forge: Callable[..., str], document: SealedDocument, trust_list: TrustList, now: datetime
) -> None:
    claims = document_claims(document)
    claims[-70000] = {**claims[-70000], "d": "12"}
    result = _check(forge(claims=claims), trust_list, now, portal=PortalAnswer.VALID)
    assert (result.verdict, result.reason) == (Verdict.INVALID, InvalidReason.BAD_DPI)
    assert result.document is None
    assert result.message == MESSAGES[InvalidReason.BAD_DPI]


def test_naive_now_is_a_programming_error(seal_text: str, trust_list: TrustList) -> None:
    with pytest.raises(ValueError, match="aware"):
        verify_seal(seal_text, trust_list=trust_list, now=datetime(2025, 3, 10, 15, 0))


def test_every_code_has_a_message() -> None:
    assert set(MESSAGES) == set(InvalidReason) | {Verdict.VALID, Verdict.VALID_OFFLINE}
    assert all(text.strip() and text.endswith(".") for text in MESSAGES.values())


def test_sandbox_style_key_entry_is_accepted(
    issuer_key: ec.EllipticCurvePrivateKey,
    seal_text: str,
    make_trust_list: Callable[..., TrustList],
    now: datetime,
) -> None:
    # What kiosk/sandbox/keyring.py writes: kid as unpadded base64url, DER as standard base64.
    public = issuer_key.public_key()
    entry = TrustedKey(
        kid=base64.urlsafe_b64encode(keys.key_id(public)).rstrip(b"=").decode(),
        alg="ES256",
        public_key=base64.b64encode(keys.public_key_der(public)).decode(),
        valid_from=now - timedelta(days=1),
        valid_until=now + timedelta(days=730),
        status="active",
        revoked_at=None,
    )
    assert _check(seal_text, make_trust_list([entry]), now).verdict is Verdict.VALID_OFFLINE
