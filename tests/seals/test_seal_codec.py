"""The seal's text format (SEAL.md), read back with plain tools, and every format error."""

from __future__ import annotations

import hashlib
import tracemalloc
import zlib
from collections.abc import Callable
from typing import Any

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from kiosk.seals import base45, keys
from kiosk.seals.codec import (
    MAX_TEXT_LENGTH,
    cose_to_seal,
    decode_seal,
    document_claims,
    encode_seal,
    looks_like_seal,
    seal_to_cose,
)
from kiosk.seals.model import SealedDocument
from kiosk.seals.reasons import InvalidReason, SealFormatError


def test_round_trip(seal_text: str, document: SealedDocument) -> None:
    decoded = decode_seal(seal_text)
    assert decoded.document == document
    assert decoded.claims[7] == document.code.encode()


def test_text_is_prefix_and_uppercase_base45(seal_text: str) -> None:
    assert seal_text.startswith("OJ1:")
    assert set(seal_text[4:]) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    assert looks_like_seal(seal_text)
    assert len(seal_text) < 600  # fits a 35 mm QR at level Q


def test_kid_is_sha256_of_spki(seal_text: str, issuer_key: ec.EllipticCurvePrivateKey) -> None:
    der = keys.public_key_der(issuer_key.public_key())
    assert decode_seal(seal_text).kid == hashlib.sha256(der).digest()[:8]


def test_structure_with_plain_cbor2_and_cryptography(
    seal_text: str, document: SealedDocument, issuer_key: ec.EllipticCurvePrivateKey
) -> None:
    """Interop: undo the layers with the libraries alone and check every element of SEAL.md."""
    cose = zlib.decompress(base45.decode(seal_text.removeprefix("OJ1:")))
    message = cbor2.loads(cose)
    assert isinstance(message, cbor2.CBORTag)
    assert message.tag == 18
    assert len(message.value) == 4
    protected, unprotected, payload, signature = message.value
    kid = hashlib.sha256(keys.public_key_der(issuer_key.public_key())).digest()[:8]
    assert cbor2.loads(protected) == {1: -7, 4: kid}
    assert dict(unprotected) == {}
    claims = cbor2.loads(payload)
    assert claims == {
        1: "GT-OJ",
        6: int(document.issued_at.timestamp()),
        4: int(document.expires_at.timestamp()),
        7: b"CAP-2025-ABCD-EFGH",
        -70000: {
            "v": 1,
            "t": "CAP",
            "c": "CAP-2025-ABCD-EFGH",
            "n": "María José Pérez López",
            "d": "2519463750101",
            "b": "1990-09-15",
            "r": "NR",
        },
    }
    assert len(signature) == 64
    to_be_signed = cbor2.dumps(["Signature1", protected, b"", payload])
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    issuer_key.public_key().verify(der, to_be_signed, ec.ECDSA(hashes.SHA256()))
    decoded = decode_seal(seal_text)
    assert decoded.sig_structure == to_be_signed
    assert (decoded.protected, decoded.payload, decoded.signature) == (
        protected,
        payload,
        signature,
    )


def test_seal_to_cose_and_back(seal_text: str) -> None:
    assert cose_to_seal(seal_to_cose(seal_text)) == seal_text


def test_scanner_whitespace_around_the_text_is_ignored(
    seal_text: str, document: SealedDocument
) -> None:
    assert decode_seal(f"  {seal_text}\r\n").document == document


def test_every_seal_is_freshly_signed(
    document: SealedDocument, issuer_key: ec.EllipticCurvePrivateKey
) -> None:
    # ECDSA is randomized: two seals differ, both decode to the same document.
    first, second = encode_seal(document, issuer_key), encode_seal(document, issuer_key)
    assert first != second
    assert decode_seal(first).document == decode_seal(second).document


def test_encode_refuses_other_curves(document: SealedDocument) -> None:
    with pytest.raises(keys.KeyFormatError):
        encode_seal(document, ec.generate_private_key(ec.SECP384R1()))


def _reason(text: str) -> InvalidReason:
    with pytest.raises(SealFormatError) as caught:
        decode_seal(text)
    return caught.value.reason


# --- the text layers -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "https://example.com", "HC1:6BFOXN", "oj1:ABC", " OJ1"])
def test_without_prefix_is_not_oj(text: str) -> None:
    assert not looks_like_seal(text)
    assert _reason(text) is InvalidReason.NOT_OJ


def test_oversized_text(seal_text: str) -> None:
    assert _reason("OJ1:" + "0" * (MAX_TEXT_LENGTH - 3)) is InvalidReason.TOO_LONG
    assert _reason(seal_text + "A" * MAX_TEXT_LENGTH) is InvalidReason.TOO_LONG


@pytest.mark.parametrize("body", ["abc", "A", "GGW", "ÑÑÑ", "BB8BB8B"])
def test_bad_base45(body: str) -> None:
    assert _reason("OJ1:" + body) is InvalidReason.BAD_BASE45


def test_not_zlib() -> None:
    assert _reason("OJ1:" + base45.encode(b"plain bytes")) is InvalidReason.BAD_COMPRESSION


def test_truncated_zlib(seal_text: str) -> None:
    compressed = zlib.compress(seal_to_cose(seal_text))
    text = "OJ1:" + base45.encode(compressed[:-6])
    assert _reason(text) is InvalidReason.BAD_COMPRESSION


def test_bytes_after_the_zlib_stream(seal_text: str) -> None:
    compressed = zlib.compress(seal_to_cose(seal_text)) + b"\x00"
    assert _reason("OJ1:" + base45.encode(compressed)) is InvalidReason.BAD_COMPRESSION


def test_zlib_bomb_is_stopped_early() -> None:
    bomb = zlib.compress(b"\x00" * 2_500_000, 9)
    text = "OJ1:" + base45.encode(bomb)
    assert len(text) <= MAX_TEXT_LENGTH  # small enough to pass the length check
    tracemalloc.start()
    try:
        assert _reason(text) is InvalidReason.TOO_LARGE
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 500_000  # the 2.5 MB were never inflated


# --- the COSE layer ------------------------------------------------------------------------------


def test_forged_seal_without_changes_decodes(
    forge: Callable[..., str], document: SealedDocument
) -> None:
    assert decode_seal(forge()).document == document  # the forger itself is sound


@pytest.mark.parametrize(
    ("parts", "reason"),
    [
        ({"tag": None}, InvalidReason.BAD_STRUCTURE),
        ({"tag": 98}, InvalidReason.BAD_STRUCTURE),
        ({"protected": {1: -7}}, InvalidReason.BAD_STRUCTURE),
        ({"payload": [1, 2]}, InvalidReason.BAD_STRUCTURE),
        ({"signature": b"\x01" * 63}, InvalidReason.BAD_STRUCTURE),
        ({"signature": "x" * 64}, InvalidReason.BAD_STRUCTURE),
        ({"unprotected": {4: b"12345678"}}, InvalidReason.BAD_HEADER),
        ({"unprotected": []}, InvalidReason.BAD_HEADER),
        ({"header": {1: -7, 4: b"12345678", 2: [1]}}, InvalidReason.BAD_HEADER),
        ({"header": [1, -7]}, InvalidReason.BAD_HEADER),
        ({"protected": b"\xff"}, InvalidReason.BAD_HEADER),
        ({"header": {1: -35, 4: b"12345678"}}, InvalidReason.BAD_ALGORITHM),
        ({"header": {1: "ES256", 4: b"12345678"}}, InvalidReason.BAD_ALGORITHM),
        ({"header": {4: b"12345678"}}, InvalidReason.BAD_ALGORITHM),
        ({"header": {1: -7}}, InvalidReason.BAD_KID),
        ({"header": {1: -7, 4: b"1234567"}}, InvalidReason.BAD_KID),
        ({"header": {1: -7, 4: "12345678"}}, InvalidReason.BAD_KID),
        ({"payload": b"\xff"}, InvalidReason.BAD_CBOR),
        ({"payload": cbor2.dumps({1: "GT-OJ"}) + b"\x00"}, InvalidReason.BAD_CBOR),
        ({"payload": b"\x5b\xff\xff\xff\xff\xff\xff\xff\xff"}, InvalidReason.BAD_CBOR),
        ({"payload": b"\x81" * 5000 + b"\x00"}, InvalidReason.BAD_CBOR),
        ({"payload": b"\xa2\x01\x00\x01\x00"}, InvalidReason.BAD_CBOR),  # duplicate key
        ({"payload": b"\x9f\x01\xff"}, InvalidReason.BAD_CBOR),  # indefinite length
        ({"payload": cbor2.dumps([1, 2])}, InvalidReason.BAD_CLAIMS),
    ],
)
def test_cose_format_errors(
    forge: Callable[..., str], parts: dict[str, Any], reason: InvalidReason
) -> None:
    assert _reason(forge(**parts)) is reason


def test_cose_not_an_array_or_wrong_length(forge: Callable[..., str]) -> None:
    assert _reason(cose_to_seal(b"\xd2" + cbor2.dumps({1: 2}))) is InvalidReason.BAD_STRUCTURE
    assert _reason(cose_to_seal(b"\xd2" + cbor2.dumps([b"", {}, b""]))) is (
        InvalidReason.BAD_STRUCTURE
    )
    assert _reason(cose_to_seal(b"\xd2")) is InvalidReason.BAD_CBOR
    assert _reason(cose_to_seal(b"")) is InvalidReason.BAD_STRUCTURE
    trailing = seal_to_cose(forge()) + b"\x00"
    assert _reason(cose_to_seal(trailing)) is InvalidReason.BAD_CBOR


# --- the claims ----------------------------------------------------------------------------------


def _claims(document: SealedDocument, **changes: Any) -> dict[Any, Any]:
    """The document's claims with changes: one-letter names are fields of the -70000 map, the
    others are CWT claims; a None value removes the entry."""
    claims: dict[Any, Any] = document_claims(document)
    fields: dict[Any, Any] = dict(claims[-70000])
    for name, value in changes.items():
        target = fields if len(name) == 1 else claims
        key: Any = name if len(name) == 1 else {"iss": 1, "exp": 4, "iat": 6, "cti": 7}[name]
        if value is None:
            del target[key]
        else:
            target[key] = value
    claims[-70000] = fields
    return claims


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"iat": None}, InvalidReason.BAD_CLAIMS),
        ({"cti": None}, InvalidReason.BAD_CLAIMS),
        ({"iat": "1741532400"}, InvalidReason.BAD_CLAIMS),
        ({"iat": True}, InvalidReason.BAD_CLAIMS),
        ({"iat": 1.5e9}, InvalidReason.BAD_CLAIMS),
        ({"iat": -1}, InvalidReason.BAD_DATE),
        ({"exp": 2**64 - 1}, InvalidReason.BAD_DATE),
        ({"cti": "CAP-2025-ABCD-EFGH"}, InvalidReason.BAD_CLAIMS),
        ({"iss": "GT-XX"}, InvalidReason.WRONG_ISSUER),
        ({"iss": b"GT-OJ"}, InvalidReason.BAD_CLAIMS),
        ({"v": 2}, InvalidReason.UNSUPPORTED_VERSION),
        ({"v": "1"}, InvalidReason.UNSUPPORTED_VERSION),
        ({"v": None}, InvalidReason.BAD_CLAIMS),
        ({"x": "extra"}, InvalidReason.BAD_CLAIMS),
        ({"n": None}, InvalidReason.BAD_CLAIMS),
        ({"t": "XYZ"}, InvalidReason.UNKNOWN_DOCUMENT_TYPE),
        ({"t": 1}, InvalidReason.BAD_CLAIMS),
        ({"r": "NO"}, InvalidReason.UNKNOWN_RESULT),
        ({"d": "251946375010"}, InvalidReason.BAD_DPI),
        ({"d": 2519463750101}, InvalidReason.BAD_DPI),
        ({"b": "1990-02-30"}, InvalidReason.BAD_DATE),
        ({"b": "19900915"}, InvalidReason.BAD_DATE),
        ({"b": "1990-9-15"}, InvalidReason.BAD_DATE),
        ({"b": "１９９０-09-15"}, InvalidReason.BAD_DATE),
        ({"c": "CAP 2025"}, InvalidReason.BAD_CODE),
        ({"c": b"CAP"}, InvalidReason.BAD_CODE),
        ({"n": ""}, InvalidReason.BAD_NAME),
        ({"n": "Ana\u202eLópez"}, InvalidReason.BAD_NAME),  # bidi override
        ({"cti": b"CAP-2025-ZZZZ-ZZZZ"}, InvalidReason.CLAIMS_MISMATCH),
        ({"exp": 1741532400}, InvalidReason.CLAIMS_MISMATCH),  # exp == iat
    ],
)
def test_claim_errors(
    forge: Callable[..., str],
    document: SealedDocument,
    changes: dict[str, Any],
    reason: InvalidReason,
) -> None:
    assert int(document.issued_at.timestamp()) == 1741532400
    assert _reason(forge(claims=_claims(document, **changes))) is reason


def test_extra_claim_is_refused(forge: Callable[..., str], document: SealedDocument) -> None:
    claims = _claims(document)
    claims[2] = "subject"
    assert _reason(forge(claims=claims)) is InvalidReason.BAD_CLAIMS


# Tags cbor2 decodes by itself (dates, bignums, shared references, regexes, ...) and unknown
# ones: none may appear inside a seal.
@pytest.mark.parametrize(
    "tag",
    [
        *(0, 1, 2, 3, 4, 5, 18, 21, 24, 25, 28, 29, 30, 32, 35, 36, 37, 52, 54, 100, 256, 258),
        *(260, 261, 1004, 43000, 55799, 65535, 2**32),
    ],
)
def test_tags_inside_are_refused(
    forge: Callable[..., str], document: SealedDocument, tag: int
) -> None:
    value = cbor2.CBORTag(tag, 1741532400)
    assert _reason(forge(claims=_claims(document, iat=value))) is InvalidReason.BAD_CBOR
    assert _reason(forge(header=cbor2.CBORTag(tag, {1: -7}))) is InvalidReason.BAD_HEADER


def test_shared_reference_cycle_is_refused(forge: Callable[..., str]) -> None:
    cyclic = bytes.fromhex("d81c81d81d00")  # shareable [ sharedref(0) ] -> a list containing itself
    assert _reason(forge(payload=cyclic)) is InvalidReason.BAD_CBOR


def test_decode_never_judges_the_signature(
    forge: Callable[..., str], document: SealedDocument
) -> None:
    # decode_seal reads; verify_seal judges. A bad signature still decodes.
    decoded = decode_seal(forge(signature=b"\x00" * 64))
    assert decoded.document == document
    assert not decoded.signature_valid(keys.generate_private_key().public_key())
