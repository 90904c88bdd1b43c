"""P-256 keys for seals and trust lists: key ids, (de)serialization, raw ES256 signatures.

A key id (``kid``) is the first 8 bytes of SHA-256 over the key's SubjectPublicKeyInfo DER. In JSON
(trust list, envelope) a kid is written as base64url without padding (11 characters):
``kid_to_text`` / ``kid_from_text``. Only ``save_private_key`` and the ``*_file`` loaders touch
the disk.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

KID_LENGTH = 8
SIGNATURE_LENGTH = 64  # ES256 raw r||s
_COORDINATE = SIGNATURE_LENGTH // 2
_B64URL = re.compile(r"[A-Za-z0-9_-]*")


class KeyFormatError(ValueError):
    """Bytes or text that are not a P-256 key (or not base64url)."""


def generate_private_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _require_p256(key: ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey) -> None:
    if not isinstance(key.curve, ec.SECP256R1):
        raise KeyFormatError(f"expected a P-256 key, got {key.curve.name}")


def public_key_der(public_key: ec.EllipticCurvePublicKey) -> bytes:
    """SubjectPublicKeyInfo, DER."""
    return public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def key_id(public_key: ec.EllipticCurvePublicKey) -> bytes:
    """First 8 bytes of SHA-256 of the SubjectPublicKeyInfo DER."""
    return hashlib.sha256(public_key_der(public_key)).digest()[:KID_LENGTH]


def load_public_key_der(data: bytes) -> ec.EllipticCurvePublicKey:
    try:
        key = serialization.load_der_public_key(data)
    except (ValueError, TypeError) as exc:
        raise KeyFormatError("not a DER SubjectPublicKeyInfo") from exc
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise KeyFormatError("not an elliptic-curve public key")
    _require_p256(key)
    return key


def public_key_to_pem(public_key: ec.EllipticCurvePublicKey) -> bytes:
    return public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_public_key_pem(data: bytes) -> ec.EllipticCurvePublicKey:
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as exc:
        raise KeyFormatError("not a PEM public key") from exc
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise KeyFormatError("not an elliptic-curve public key")
    _require_p256(key)
    return key


def private_key_to_pem(private_key: ec.EllipticCurvePrivateKey) -> bytes:
    """PKCS#8 PEM, unencrypted (protect the file instead: ``save_private_key``)."""
    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def load_private_key_pem(data: bytes) -> ec.EllipticCurvePrivateKey:
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise KeyFormatError("not an unencrypted PEM private key") from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise KeyFormatError("not an elliptic-curve private key")
    _require_p256(key)
    return key


def save_private_key(path: Path, private_key: ec.EllipticCurvePrivateKey) -> None:
    """Write the PEM readable by the owner only (0600), also when the file already existed."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        os.fchmod(out.fileno(), 0o600)
        out.write(private_key_to_pem(private_key))


def load_private_key_file(path: Path) -> ec.EllipticCurvePrivateKey:
    return load_private_key_pem(path.read_bytes())


def load_public_key_file(path: Path) -> ec.EllipticCurvePublicKey:
    """The pinned root key, for example: a PEM SubjectPublicKeyInfo file."""
    return load_public_key_pem(path.read_bytes())


# --- raw ES256 (r||s, 64 bytes), as COSE and the trust-list envelope use it ----------------------


def sign_es256(data: bytes, private_key: ec.EllipticCurvePrivateKey) -> bytes:
    _require_p256(private_key)
    r, s = decode_dss_signature(private_key.sign(data, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(_COORDINATE, "big") + s.to_bytes(_COORDINATE, "big")


def verify_es256(data: bytes, signature: bytes, public_key: ec.EllipticCurvePublicKey) -> bool:
    """True when ``signature`` (raw r||s) is good; any malformed signature is simply False."""
    if len(signature) != SIGNATURE_LENGTH or not isinstance(public_key.curve, ec.SECP256R1):
        return False
    r = int.from_bytes(signature[:_COORDINATE], "big")
    s = int.from_bytes(signature[_COORDINATE:], "big")
    try:
        public_key.verify(encode_dss_signature(r, s), data, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError):
        return False
    return True


# --- base64url without padding (kids, envelope fields) -------------------------------------------


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict: only the base64url alphabet, padding optional; ``KeyFormatError`` otherwise."""
    stripped = text.rstrip("=")
    if not _B64URL.fullmatch(stripped) or (text != stripped and len(text) % 4):
        raise KeyFormatError("not base64url")
    try:
        return base64.urlsafe_b64decode(stripped + "=" * (-len(stripped) % 4))
    except (binascii.Error, ValueError) as exc:  # e.g. one character too many
        raise KeyFormatError("not base64url") from exc


def kid_to_text(kid: bytes) -> str:
    return b64url_encode(kid)


def kid_from_text(text: str) -> bytes:
    kid = b64url_decode(text)
    if len(kid) != KID_LENGTH:
        raise KeyFormatError(f"a kid has {KID_LENGTH} bytes")
    return kid
