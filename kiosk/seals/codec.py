"""The seal's text: ``OJ1:`` + base45(zlib(COSE_Sign1 tagged 18)), as SEAL.md describes.

``encode_seal`` signs a ``SealedDocument``. ``decode_seal`` reads a scanned text back without
judging the signature (``verify.verify_seal`` does that) and raises nothing but
``SealFormatError``: every step is bounded (text length, decompressed size, CBOR nesting) and
wrapped, CBOR tags are refused everywhere (tag 18 is read by hand), and every field is
type-checked, so hostile input ends as a reason code, never as another exception.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import cbor2
from cryptography.hazmat.primitives.asymmetric import ec

from kiosk.seals import base45
from kiosk.seals.keys import KID_LENGTH, SIGNATURE_LENGTH, key_id, sign_es256, verify_es256
from kiosk.seals.model import (
    DOCUMENT_FORMAT_VERSION,
    ISSUER,
    PRIVATE_CLAIM,
    SEAL_PREFIX,
    DocumentType,
    RecordResult,
    SealedDocument,
)
from kiosk.seals.reasons import InvalidReason, SealFormatError

MAX_TEXT_LENGTH = 4096  # characters of the scanned text, prefix included
MAX_COSE_SIZE = 8192  # bytes after decompression (zlib-bomb guard)
COSE_SIGN1_TAG = 18
_TAG18 = b"\xd2"  # CBOR major type 6, value 18
ALG_ES256 = -7
HEADER_ALG = 1
HEADER_KID = 4
CLAIM_ISS = 1
CLAIM_EXP = 4
CLAIM_IAT = 6
CLAIM_CTI = 7
_CLAIM_KEYS = frozenset({CLAIM_ISS, CLAIM_EXP, CLAIM_IAT, CLAIM_CTI, PRIVATE_CLAIM})
_DOCUMENT_KEYS = frozenset({"v", "t", "c", "n", "d", "b", "r"})
_MAX_TIMESTAMP = 253402300799  # 9999-12-31T23:59:59Z
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MAX_CBOR_DEPTH = 8
# Tags cbor2 decodes by itself (cbor2 6.2); all refused. Any other tag reaches _refuse_tag.
_BUILTIN_TAGS: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 25, 28, 29, 30, 35, 36, 37, 52, 54, 100)
_BUILTIN_TAGS += (256, 258, 260, 261, 1004, 43000, 55799)
# Whitespace a keyboard-wedge scanner may add around the text (Enter, Tab).
_SURROUNDING = " \t\r\n"


@dataclass(frozen=True)
class DecodedSeal:
    """A readable seal, signature not yet checked. ``protected`` and ``payload`` are the exact
    signed bytes; ``sig_structure`` is what the signature covers."""

    kid: bytes
    protected: bytes
    payload: bytes
    signature: bytes
    sig_structure: bytes
    document: SealedDocument
    claims: Mapping[int, Any]

    def signature_valid(self, public_key: ec.EllipticCurvePublicKey) -> bool:
        return verify_es256(self.sig_structure, self.signature, public_key)


# --- encoding ------------------------------------------------------------------------------------


def sig_structure(protected: bytes, payload: bytes) -> bytes:
    """COSE Sig_structure for COSE_Sign1 with no external data (RFC 9052, 4.4)."""
    return cbor2.dumps(["Signature1", protected, b"", payload])


def cose_to_seal(cose: bytes) -> str:
    """``OJ1:`` + base45(zlib(cose)); the inverse of ``seal_to_cose``."""
    return SEAL_PREFIX + base45.encode(zlib.compress(cose, 9))


def document_claims(doc: SealedDocument) -> dict[int, Any]:
    return {
        CLAIM_ISS: ISSUER,
        CLAIM_IAT: int(doc.issued_at.timestamp()),
        CLAIM_EXP: int(doc.expires_at.timestamp()),
        CLAIM_CTI: doc.code.encode("utf-8"),
        PRIVATE_CLAIM: {
            "v": DOCUMENT_FORMAT_VERSION,
            "t": doc.type.value,
            "c": doc.code,
            "n": doc.full_name,
            "d": doc.dpi,
            "b": doc.birth_date.isoformat(),
            "r": doc.result.value,
        },
    }


def encode_seal(doc: SealedDocument, issuer_key: ec.EllipticCurvePrivateKey) -> str:
    """The QR text of ``doc`` signed with ``issuer_key`` (P-256, ES256)."""
    protected = cbor2.dumps({HEADER_ALG: ALG_ES256, HEADER_KID: key_id(issuer_key.public_key())})
    payload = cbor2.dumps(document_claims(doc), canonical=True)
    signature = sign_es256(sig_structure(protected, payload), issuer_key)
    cose = cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature]))
    return cose_to_seal(cose)


# --- decoding ------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return text.strip(_SURROUNDING)


def looks_like_seal(text: str) -> bool:
    """True when the text claims to be an OJ seal (the ``OJ1:`` prefix); anything else is NOT_OJ."""
    return _clean(text).startswith(SEAL_PREFIX)


def _refuse_tag(tag: object, immutable: bool) -> Any:
    raise ValueError("CBOR tags are not allowed here")


def _refuse_semantic(value: object, immutable: bool) -> Any:
    raise ValueError("CBOR tags are not allowed here")


_NO_SEMANTIC_TAGS = dict.fromkeys(_BUILTIN_TAGS, _refuse_semantic)


def _loads(data: bytes, reason: InvalidReason, what: str) -> Any:
    """One complete CBOR item, no tags, no indefinite lengths, no duplicate keys, shallow."""
    stream = io.BytesIO(data)
    try:
        value = cbor2.CBORDecoder(
            stream,
            tag_hook=_refuse_tag,
            semantic_decoders=_NO_SEMANTIC_TAGS,
            max_depth=_MAX_CBOR_DEPTH,
            allow_indefinite=False,
            allow_duplicate_keys=False,
        ).decode()
    except Exception as exc:  # cbor2 raises many types (and RecursionError, MemoryError)
        raise SealFormatError(reason, f"{what}: {type(exc).__name__}") from None
    if stream.tell() != len(data):
        raise SealFormatError(reason, f"{what}: trailing bytes")
    return value


def seal_to_cose(text: str) -> bytes:
    """The COSE bytes inside a seal text (prefix, base45 and zlib undone), size-bounded."""
    text = _clean(text)
    if not text.startswith(SEAL_PREFIX):
        raise SealFormatError(InvalidReason.NOT_OJ, "no OJ1: prefix")
    if len(text) > MAX_TEXT_LENGTH:
        raise SealFormatError(InvalidReason.TOO_LONG, f"{len(text)} characters")
    try:
        compressed = base45.decode(text[len(SEAL_PREFIX) :])
    except ValueError:
        raise SealFormatError(InvalidReason.BAD_BASE45) from None
    try:
        inflater = zlib.decompressobj()
        cose = inflater.decompress(compressed, MAX_COSE_SIZE + 1)
    except (zlib.error, ValueError, MemoryError):
        raise SealFormatError(InvalidReason.BAD_COMPRESSION) from None
    if len(cose) > MAX_COSE_SIZE:
        raise SealFormatError(InvalidReason.TOO_LARGE, f"more than {MAX_COSE_SIZE} bytes")
    if not inflater.eof or inflater.unused_data:
        raise SealFormatError(InvalidReason.BAD_COMPRESSION, "truncated or trailing data")
    return cose


def _int(value: object) -> int | None:
    return value if type(value) is int else None


def _timestamp(value: object, name: str) -> datetime:
    seconds = _int(value)
    if seconds is None:
        raise SealFormatError(InvalidReason.BAD_CLAIMS, f"{name} is not an integer")
    if not 0 <= seconds <= _MAX_TIMESTAMP:
        raise SealFormatError(InvalidReason.BAD_DATE, f"{name} out of range")
    return datetime.fromtimestamp(seconds, UTC)


def _text(value: object, reason: InvalidReason, name: str) -> str:
    if not isinstance(value, str):
        raise SealFormatError(reason, f"{name} is not a text string")
    return value


def _header(protected: bytes) -> bytes:
    """Check ``{1: -7, 4: kid}`` and return the kid."""
    header = _loads(protected, InvalidReason.BAD_HEADER, "protected header")
    if not isinstance(header, Mapping) or not set(header) <= {HEADER_ALG, HEADER_KID}:
        raise SealFormatError(InvalidReason.BAD_HEADER, "protected header must be {1, 4}")
    if _int(header.get(HEADER_ALG)) != ALG_ES256:
        raise SealFormatError(InvalidReason.BAD_ALGORITHM, "alg is not ES256")
    kid = header.get(HEADER_KID)
    if not isinstance(kid, bytes) or len(kid) != KID_LENGTH:
        raise SealFormatError(InvalidReason.BAD_KID, f"kid must be {KID_LENGTH} bytes")
    return kid


def _document(claims: object) -> tuple[Mapping[int, Any], SealedDocument]:
    if not isinstance(claims, Mapping) or set(claims) != _CLAIM_KEYS:
        raise SealFormatError(InvalidReason.BAD_CLAIMS, "claims must be {1, 4, 6, 7, -70000}")
    if _text(claims[CLAIM_ISS], InvalidReason.BAD_CLAIMS, "iss") != ISSUER:
        raise SealFormatError(InvalidReason.WRONG_ISSUER, "iss")
    issued_at = _timestamp(claims[CLAIM_IAT], "iat")
    expires_at = _timestamp(claims[CLAIM_EXP], "exp")
    cti = claims[CLAIM_CTI]
    if not isinstance(cti, bytes):
        raise SealFormatError(InvalidReason.BAD_CLAIMS, "cti is not a byte string")
    fields = claims[PRIVATE_CLAIM]
    if not isinstance(fields, Mapping) or "v" not in fields:
        raise SealFormatError(InvalidReason.BAD_CLAIMS, "document claim must be a map with v")
    if _int(fields["v"]) != DOCUMENT_FORMAT_VERSION:
        raise SealFormatError(InvalidReason.UNSUPPORTED_VERSION, "document version")
    if set(fields) != _DOCUMENT_KEYS:
        raise SealFormatError(InvalidReason.BAD_CLAIMS, "document keys")
    type_code = _text(fields["t"], InvalidReason.BAD_CLAIMS, "t")
    result_code = _text(fields["r"], InvalidReason.BAD_CLAIMS, "r")
    try:
        doc_type = DocumentType(type_code)
    except ValueError:
        raise SealFormatError(InvalidReason.UNKNOWN_DOCUMENT_TYPE, "t") from None
    try:
        result = RecordResult(result_code)
    except ValueError:
        raise SealFormatError(InvalidReason.UNKNOWN_RESULT, "r") from None
    birth = _text(fields["b"], InvalidReason.BAD_CLAIMS, "b")
    if not _ISO_DATE.fullmatch(birth):
        raise SealFormatError(InvalidReason.BAD_DATE, "b is not YYYY-MM-DD")
    try:
        birth_date = date.fromisoformat(birth)
    except ValueError:
        raise SealFormatError(InvalidReason.BAD_DATE, "b is not a calendar date") from None
    document = SealedDocument(
        type=doc_type,
        code=_text(fields["c"], InvalidReason.BAD_CODE, "c"),
        full_name=_text(fields["n"], InvalidReason.BAD_NAME, "n"),
        dpi=_text(fields["d"], InvalidReason.BAD_DPI, "d"),
        birth_date=birth_date,
        result=result,
        issued_at=issued_at,
        expires_at=expires_at,
    )
    if cti != document.code.encode("utf-8"):
        raise SealFormatError(InvalidReason.CLAIMS_MISMATCH, "cti differs from c")
    return claims, document


def _decode(text: str) -> DecodedSeal:
    cose = seal_to_cose(text)
    if not cose.startswith(_TAG18):
        raise SealFormatError(InvalidReason.BAD_STRUCTURE, "not tagged 18 (COSE_Sign1)")
    message = _loads(cose[len(_TAG18) :], InvalidReason.BAD_CBOR, "COSE_Sign1")
    if not isinstance(message, list | tuple) or len(message) != 4:
        raise SealFormatError(InvalidReason.BAD_STRUCTURE, "COSE_Sign1 is not a 4-element array")
    protected, unprotected, payload, signature = message
    if not isinstance(protected, bytes) or not isinstance(payload, bytes):
        raise SealFormatError(InvalidReason.BAD_STRUCTURE, "protected/payload not byte strings")
    if not isinstance(unprotected, Mapping) or unprotected:
        raise SealFormatError(InvalidReason.BAD_HEADER, "unprotected header must be {}")
    if not isinstance(signature, bytes) or len(signature) != SIGNATURE_LENGTH:
        raise SealFormatError(InvalidReason.BAD_STRUCTURE, "signature is not 64 bytes")
    kid = _header(protected)
    claims, document = _document(_loads(payload, InvalidReason.BAD_CBOR, "payload"))
    return DecodedSeal(
        kid=kid,
        protected=protected,
        payload=payload,
        signature=signature,
        sig_structure=sig_structure(protected, payload),
        document=document,
        claims=claims,
    )


def decode_seal(text: str) -> DecodedSeal:
    """Read a seal text; raises only ``SealFormatError`` (reason ``NOT_OJ`` without the prefix)."""
    try:
        return _decode(text)
    except SealFormatError:
        raise
    except Exception as exc:  # a last guard: no other exception type may leave this function
        raise SealFormatError(InvalidReason.BAD_STRUCTURE, type(exc).__name__) from None
