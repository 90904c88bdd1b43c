"""The signed trust list: signing, checking, and every way a list is refused."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pydantic import ValidationError

from kiosk.seals import keys
from kiosk.seals.trustlist import (
    MAX_PAYLOAD_CHARS,
    TrustedKey,
    TrustList,
    TrustListEnvelope,
    TrustListError,
    TrustListErrorCode,
    parse_envelope,
    revoked_document_id,
    sign_trust_list,
    verify_trust_list,
)


def _code(envelope: Any, root: ec.EllipticCurvePublicKey) -> TrustListErrorCode:
    with pytest.raises(TrustListError) as caught:
        verify_trust_list(envelope, root)
    return caught.value.code


def _payload(envelope: TrustListEnvelope) -> bytes:
    return keys.b64url_decode(envelope.payload)


def _resigned(payload: bytes, root_key: ec.EllipticCurvePrivateKey) -> TrustListEnvelope:
    return TrustListEnvelope(
        payload=keys.b64url_encode(payload),
        kid=keys.kid_to_text(keys.key_id(root_key.public_key())),
        sig=keys.b64url_encode(keys.sign_es256(payload, root_key)),
    )


def test_round_trip(trust_list: TrustList, root_key: ec.EllipticCurvePrivateKey) -> None:
    envelope = sign_trust_list(trust_list, root_key)
    assert envelope.kid == keys.kid_to_text(keys.key_id(root_key.public_key()))
    assert "=" not in envelope.payload + envelope.kid + envelope.sig
    assert len(keys.b64url_decode(envelope.sig)) == 64
    checked = verify_trust_list(envelope, root_key.public_key())
    assert checked == trust_list
    assert json.loads(_payload(envelope))["version"] == 3


def test_find_key(trust_list: TrustList, issuer_key: ec.EllipticCurvePrivateKey) -> None:
    kid = keys.key_id(issuer_key.public_key())
    found = trust_list.find_key(kid)
    assert found is not None
    assert found.kid_bytes == kid
    assert keys.key_id(found.key) == kid
    assert trust_list.find_key(b"\x00" * 8) is None


def test_envelope_json_round_trip(
    trust_list: TrustList, root_key: ec.EllipticCurvePrivateKey
) -> None:
    envelope = sign_trust_list(trust_list, root_key)
    again = parse_envelope(envelope.model_dump_json())
    assert verify_trust_list(again, root_key.public_key()) == trust_list
    with pytest.raises(TrustListError) as caught:
        parse_envelope(b'{"payload": 1}')
    assert caught.value.code is TrustListErrorCode.BAD_JSON


def test_any_object_with_the_three_fields_is_accepted(
    trust_list: TrustList, root_key: ec.EllipticCurvePrivateKey
) -> None:
    @dataclass
    class PortalEnvelope:  # like kiosk.portal.models.TrustListEnvelope
        payload: str
        kid: str
        sig: str

    signed = sign_trust_list(trust_list, root_key)
    mirror = PortalEnvelope(signed.payload, signed.kid, signed.sig)
    assert verify_trust_list(mirror, root_key.public_key()) == trust_list


def test_tampered_payload(trust_list: TrustList, root_key: ec.EllipticCurvePrivateKey) -> None:
    envelope = sign_trust_list(trust_list, root_key)
    payload = _payload(envelope).replace(b'"version":3', b'"version":9')
    assert payload != _payload(envelope)
    forged = envelope.model_copy(update={"payload": keys.b64url_encode(payload)})
    assert _code(forged, root_key.public_key()) is TrustListErrorCode.BAD_SIGNATURE


def test_wrong_root_key(trust_list: TrustList, root_key: ec.EllipticCurvePrivateKey) -> None:
    other_root = keys.generate_private_key()
    envelope = sign_trust_list(trust_list, other_root)
    assert _code(envelope, root_key.public_key()) is TrustListErrorCode.WRONG_KID
    # the pinned root's kid on another root's signature
    claimed = envelope.model_copy(update={"kid": sign_trust_list(trust_list, root_key).kid})
    assert _code(claimed, root_key.public_key()) is TrustListErrorCode.BAD_SIGNATURE


@pytest.mark.parametrize("field", ["payload", "kid", "sig"])
@pytest.mark.parametrize("bad", ["!!!!", "ab+/", "A", "é"])
def test_bad_base64(
    field: str, bad: str, trust_list: TrustList, root_key: ec.EllipticCurvePrivateKey
) -> None:
    envelope = sign_trust_list(trust_list, root_key).model_copy(update={field: bad})
    assert _code(envelope, root_key.public_key()) is TrustListErrorCode.BAD_BASE64


def test_short_signature(trust_list: TrustList, root_key: ec.EllipticCurvePrivateKey) -> None:
    envelope = sign_trust_list(trust_list, root_key)
    short = envelope.model_copy(update={"sig": keys.b64url_encode(b"\x01" * 63)})
    assert _code(short, root_key.public_key()) is TrustListErrorCode.BAD_SIGNATURE


def test_too_large(trust_list: TrustList, root_key: ec.EllipticCurvePrivateKey) -> None:
    envelope = sign_trust_list(trust_list, root_key)
    huge = envelope.model_copy(update={"payload": "A" * (MAX_PAYLOAD_CHARS + 1)})
    assert _code(huge, root_key.public_key()) is TrustListErrorCode.TOO_LARGE


@pytest.mark.parametrize("payload", [b"not json", b"\xff\xfe", b"[" * 100_000])
def test_signed_but_not_json(payload: bytes, root_key: ec.EllipticCurvePrivateKey) -> None:
    assert _code(_resigned(payload, root_key), root_key.public_key()) is TrustListErrorCode.BAD_JSON


def _mutated(trust_list: TrustList, change: Callable[[dict[str, Any]], None]) -> bytes:
    data = json.loads(trust_list.model_dump_json())
    change(data)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.pop("keys"),
        lambda d: d.update(version="three"),
        lambda d: d.update(version=-1),
        lambda d: d.update(issued_at="2025-03-10T15:00:00"),  # no time zone
        lambda d: d.update(revoked_documents=["XYZ"]),
        lambda d: d.update(revoked_documents=["A" * 32]),  # uppercase hex
        lambda d: d["keys"][0].update(kid="AAAAAAAAAAA"),  # does not match the public key
        lambda d: d["keys"][0].update(alg="ES384"),
        lambda d: d["keys"][0].update(status="paused"),
        lambda d: d["keys"][0].update(public_key="bm90IGEga2V5"),
        lambda d: d["keys"][0].update(public_key="***"),
        lambda d: d["keys"][0].update(valid_until=d["keys"][0]["valid_from"]),
        lambda d: d["keys"].append(dict(d["keys"][0])),  # duplicate kid
        lambda d: d.clear(),
    ],
)
def test_signed_but_bad_schema(
    change: Callable[[dict[str, Any]], None],
    trust_list: TrustList,
    root_key: ec.EllipticCurvePrivateKey,
) -> None:
    envelope = _resigned(_mutated(trust_list, change), root_key)
    assert _code(envelope, root_key.public_key()) is TrustListErrorCode.BAD_SCHEMA


def test_unknown_fields_are_ignored(
    trust_list: TrustList, root_key: ec.EllipticCurvePrivateKey
) -> None:
    def add(data: dict[str, Any]) -> None:
        data["future_field"] = 1
        data["keys"][0]["comment"] = "x"

    envelope = _resigned(_mutated(trust_list, add), root_key)
    assert verify_trust_list(envelope, root_key.public_key()) == trust_list


def test_a_key_of_another_curve_is_refused(make_trusted_key: Callable[..., TrustedKey]) -> None:
    p384 = ec.generate_private_key(ec.SECP384R1())
    der = p384.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    kid = keys.kid_to_text(hashlib.sha256(der).digest()[:8])
    with pytest.raises(ValidationError):
        make_trusted_key(
            keys.generate_private_key(), kid=kid, public_key=base64.b64encode(der).decode()
        )


def test_revoked_document_id() -> None:
    expected = hashlib.sha256(b"CAP-2025-ABCD-EFGH").hexdigest()[:32]
    assert revoked_document_id("CAP-2025-ABCD-EFGH") == expected
    assert len(expected) == 32


def test_is_document_revoked(
    issuer_key: ec.EllipticCurvePrivateKey,
    make_trusted_key: Callable[..., TrustedKey],
    make_trust_list: Callable[..., TrustList],
) -> None:
    listing = make_trust_list(
        [make_trusted_key(issuer_key)], revoked=(revoked_document_id("CAP-1"),)
    )
    assert listing.is_document_revoked("CAP-1")
    assert not listing.is_document_revoked("CAP-2")


def test_key_period(trust_list: TrustList) -> None:
    key = trust_list.keys[0]
    assert key.covers(key.valid_from)
    assert key.covers(key.valid_until)
    assert not key.covers(key.valid_until + timedelta(seconds=1))
    assert not key.covers(key.valid_from - timedelta(seconds=1))
