"""Key ids, key (de)serialization, the 0600 key file and raw ES256 signatures."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from kiosk.seals import keys


def test_key_id_is_first_8_bytes_of_sha256_of_spki(issuer_key: ec.EllipticCurvePrivateKey) -> None:
    spki = issuer_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert keys.public_key_der(issuer_key.public_key()) == spki
    assert keys.key_id(issuer_key.public_key()) == hashlib.sha256(spki).digest()[:8]


def test_different_keys_have_different_ids() -> None:
    first, second = keys.generate_private_key(), keys.generate_private_key()
    assert keys.key_id(first.public_key()) != keys.key_id(second.public_key())


def test_generated_key_is_p256() -> None:
    assert isinstance(keys.generate_private_key().curve, ec.SECP256R1)


def test_pem_and_der_round_trips(issuer_key: ec.EllipticCurvePrivateKey) -> None:
    public = issuer_key.public_key()
    private_again = keys.load_private_key_pem(keys.private_key_to_pem(issuer_key))
    assert private_again.private_numbers() == issuer_key.private_numbers()
    assert keys.load_public_key_pem(keys.public_key_to_pem(public)).public_numbers() == (
        public.public_numbers()
    )
    assert keys.load_public_key_der(keys.public_key_der(public)).public_numbers() == (
        public.public_numbers()
    )
    assert keys.private_key_to_pem(issuer_key).startswith(b"-----BEGIN PRIVATE KEY-----")


def test_loaders_refuse_other_curves_and_algorithms() -> None:
    p384 = ec.generate_private_key(ec.SECP384R1())
    ed = ed25519.Ed25519PrivateKey.generate()
    pem = serialization.Encoding.PEM
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    pkcs8 = serialization.PrivateFormat.PKCS8
    none = serialization.NoEncryption()
    with pytest.raises(keys.KeyFormatError):
        keys.load_public_key_pem(p384.public_key().public_bytes(pem, spki))
    with pytest.raises(keys.KeyFormatError):
        keys.load_public_key_pem(ed.public_key().public_bytes(pem, spki))
    with pytest.raises(keys.KeyFormatError):
        keys.load_private_key_pem(p384.private_bytes(pem, pkcs8, none))
    with pytest.raises(keys.KeyFormatError):
        keys.load_private_key_pem(ed.private_bytes(pem, pkcs8, none))
    with pytest.raises(keys.KeyFormatError):
        keys.load_public_key_der(b"\x30\x03\x02\x01\x00")
    with pytest.raises(keys.KeyFormatError):
        keys.load_public_key_pem(b"not a key")


def test_save_private_key_is_owner_only(
    tmp_path: Path, issuer_key: ec.EllipticCurvePrivateKey
) -> None:
    fresh = tmp_path / "issuer.pem"
    keys.save_private_key(fresh, issuer_key)
    assert stat.S_IMODE(os.stat(fresh).st_mode) == 0o600
    assert keys.load_private_key_file(fresh).private_numbers() == issuer_key.private_numbers()

    existing = tmp_path / "old.pem"
    existing.write_text("old content, world readable")
    existing.chmod(0o644)
    keys.save_private_key(existing, issuer_key)
    assert stat.S_IMODE(os.stat(existing).st_mode) == 0o600
    assert keys.load_private_key_file(existing).private_numbers() == issuer_key.private_numbers()


def test_load_public_key_file(tmp_path: Path, root_key: ec.EllipticCurvePrivateKey) -> None:
    path = tmp_path / "root.pub.pem"
    path.write_bytes(keys.public_key_to_pem(root_key.public_key()))
    loaded = keys.load_public_key_file(path)
    assert keys.key_id(loaded) == keys.key_id(root_key.public_key())


def test_es256_is_raw_r_s_and_verifies_with_cryptography(
    issuer_key: ec.EllipticCurvePrivateKey,
) -> None:
    signature = keys.sign_es256(b"data", issuer_key)
    assert len(signature) == 64
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    issuer_key.public_key().verify(der, b"data", ec.ECDSA(hashes.SHA256()))  # raises if bad
    assert keys.verify_es256(b"data", signature, issuer_key.public_key())


def test_es256_rejects_wrong_data_key_and_shapes(issuer_key: ec.EllipticCurvePrivateKey) -> None:
    signature = keys.sign_es256(b"data", issuer_key)
    public = issuer_key.public_key()
    assert not keys.verify_es256(b"datA", signature, public)
    assert not keys.verify_es256(b"data", signature, keys.generate_private_key().public_key())
    assert not keys.verify_es256(b"data", signature[:63], public)
    assert not keys.verify_es256(b"data", signature + b"\x00", public)
    assert not keys.verify_es256(b"data", bytes(64), public)
    assert not keys.verify_es256(b"data", b"\xff" * 64, public)


def test_kid_text_is_unpadded_base64url() -> None:
    kid = bytes([0xFB, 0xFF, 0x00, 1, 2, 3, 4, 5])
    text = keys.kid_to_text(kid)
    assert text == "-_8AAQIDBAU"
    assert keys.kid_from_text(text) == kid


@pytest.mark.parametrize("text", ["+/8AAQIDBAU", "-_8AAQIDBA", "-_8AAQIDBAUG", "-_8A AQIDBAU", ""])
def test_kid_from_text_refuses_bad_text(text: str) -> None:
    with pytest.raises(keys.KeyFormatError):
        keys.kid_from_text(text)


@pytest.mark.parametrize("text", ["A", "AB=", "A===", "ab*c", "YQ=x"])
def test_b64url_decode_is_strict(text: str) -> None:
    with pytest.raises(keys.KeyFormatError):
        keys.b64url_decode(text)


def test_b64url_accepts_padding_or_none() -> None:
    assert keys.b64url_decode("YQ") == b"a"
    assert keys.b64url_decode("YQ==") == b"a"
    assert keys.b64url_encode(b"a") == "YQ"
