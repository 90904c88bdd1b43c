"""Hostile input: no byte of a seal can change without failing, and nothing makes the code raise."""

from __future__ import annotations

import contextlib
import zlib
from datetime import datetime
from typing import Any

import cbor2
from hypothesis import given
from hypothesis import strategies as st

from kiosk.seals import base45
from kiosk.seals.codec import cose_to_seal, decode_seal, seal_to_cose
from kiosk.seals.reasons import SealFormatError, Verdict
from kiosk.seals.trustlist import TrustList
from kiosk.seals.verify import PortalAnswer, VerificationResult, verify_seal

cbor_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**64), max_value=2**64 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.binary(max_size=70),
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.integers(-70001, 10) | st.text(max_size=3), inner, max_size=5)
    ),
    max_leaves=20,
)


def _parts(seal_text: str) -> list[bytes]:
    protected, unprotected, payload, signature = cbor2.loads(seal_to_cose(seal_text)).value
    assert dict(unprotected) == {}
    return [protected, payload, signature]


@given(part=st.sampled_from([0, 1, 2]), data=st.data())
def test_any_changed_byte_of_the_signed_parts_fails(
    part: int, data: st.DataObject, seal_text: str, trust_list: TrustList, now: datetime
) -> None:
    parts = _parts(seal_text)
    target = bytearray(parts[part])
    position = data.draw(st.integers(0, len(target) - 1), label="position")
    target[position] ^= data.draw(st.integers(1, 255), label="xor")
    parts[part] = bytes(target)
    protected, payload, signature = parts
    text = cose_to_seal(cbor2.dumps(cbor2.CBORTag(18, [protected, {}, payload, signature])))
    result = verify_seal(text, trust_list=trust_list, now=now, portal=PortalAnswer.VALID)
    assert result.verdict is Verdict.INVALID
    assert result.document is None


@given(data=st.data())
def test_any_changed_byte_of_the_cose_message_fails(
    data: st.DataObject, seal_text: str, trust_list: TrustList, now: datetime
) -> None:
    cose = bytearray(seal_to_cose(seal_text))
    position = data.draw(st.integers(0, len(cose) - 1), label="position")
    cose[position] ^= data.draw(st.integers(1, 255), label="xor")
    result = verify_seal(
        cose_to_seal(bytes(cose)), trust_list=trust_list, now=now, portal=PortalAnswer.VALID
    )
    assert result.verdict is Verdict.INVALID


def _mutate(text: str, data: st.DataObject) -> str:
    alphabet = st.sampled_from(base45.ALPHABET) | st.characters()
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        position = data.draw(st.integers(0, len(text)), label="position")
        kind = data.draw(st.sampled_from(["replace", "insert", "delete"]), label="kind")
        char = data.draw(alphabet, label="char")
        if kind == "replace":
            text = text[:position] + char + text[position + 1 :]
        elif kind == "insert":
            text = text[:position] + char + text[position:]
        else:
            text = text[:position] + text[position + 1 :]
    return text


@given(data=st.data(), portal=st.sampled_from(PortalAnswer))
def test_mutated_text_never_raises(
    data: st.DataObject,
    portal: PortalAnswer,
    seal_text: str,
    trust_list: TrustList,
    now: datetime,
) -> None:
    text = _mutate(seal_text, data)
    result = verify_seal(text, trust_list=trust_list, now=now, portal=portal)
    assert isinstance(result, VerificationResult)
    assert result.message
    if result.verdict in (Verdict.VALID, Verdict.VALID_OFFLINE):
        # Only edits that leave the signed COSE bytes as they were (e.g. zlib header hints,
        # surrounding whitespace) can keep a seal valid.
        assert seal_to_cose(text) == seal_to_cose(seal_text)


def _only_format_errors(text: Any) -> None:
    with contextlib.suppress(SealFormatError):
        decode_seal(text)


@given(st.text(max_size=300))
def test_decode_any_text(text: str) -> None:
    _only_format_errors(text)
    _only_format_errors("OJ1:" + text)


@given(st.text(alphabet=base45.ALPHABET, max_size=600))
def test_decode_any_base45(body: str) -> None:
    _only_format_errors("OJ1:" + body)


@given(st.binary(max_size=400))
def test_decode_any_compressed_bytes(raw: bytes) -> None:
    _only_format_errors(cose_to_seal(raw))
    _only_format_errors(cose_to_seal(b"\xd2" + raw))
    _only_format_errors("OJ1:" + base45.encode(raw))


@given(cbor_values, st.booleans())
def test_decode_any_cbor(value: Any, tagged: bool) -> None:
    _only_format_errors(cose_to_seal(cbor2.dumps(cbor2.CBORTag(18, value) if tagged else value)))


@given(protected=cbor_values, unprotected=cbor_values, payload=cbor_values, sig=cbor_values)
def test_decode_any_cose_shaped_message(
    protected: Any, unprotected: Any, payload: Any, sig: Any
) -> None:
    # Parts as raw values and as CBOR-in-bytes, so that the inner decoders get exercised.
    for wrap in (lambda v: v, cbor2.dumps):
        message = [wrap(protected), unprotected, wrap(payload), sig]
        _only_format_errors(cose_to_seal(cbor2.dumps(cbor2.CBORTag(18, message))))


@given(raw=st.binary(max_size=200), portal=st.sampled_from(PortalAnswer))
def test_verify_any_bytes_as_seal(
    raw: bytes, portal: PortalAnswer, trust_list: TrustList, now: datetime
) -> None:
    for text in (cose_to_seal(raw), "OJ1:" + base45.encode(zlib.compress(raw))):
        for listing in (trust_list, None):
            result = verify_seal(text, trust_list=listing, now=now, portal=portal)
            assert result.verdict not in (Verdict.VALID, Verdict.VALID_OFFLINE, Verdict.NOT_OJ)
