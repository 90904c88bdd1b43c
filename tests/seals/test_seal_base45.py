"""Base45 against RFC 9285's examples and its rules on bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.seals import base45

RFC_EXAMPLES = [
    (b"AB", "BB8"),
    (b"Hello!!", "%69 VD92EX0"),
    (b"base-45", "UJCLQE7W581"),
    (b"ietf!", "QED8WEX0"),
    (b"", ""),
]


@pytest.mark.parametrize(("raw", "text"), RFC_EXAMPLES)
def test_rfc_examples_encode(raw: bytes, text: str) -> None:
    assert base45.encode(raw) == text


@pytest.mark.parametrize(("raw", "text"), RFC_EXAMPLES)
def test_rfc_examples_decode(raw: bytes, text: str) -> None:
    assert base45.decode(text) == raw


@pytest.mark.parametrize(
    "text",
    [
        "GGW",  # 65536: one more than two bytes hold (RFC 9285, section 4.2)
        "ZZZ",
        "::",  # 2024: more than one byte holds
        "A",  # a single character left over
        "ABCD",
        "bb8",  # lowercase is not in the alphabet
        "BB8\n",
        "BÉ8",
    ],
)
def test_rejects_bad_text(text: str) -> None:
    with pytest.raises(base45.Base45Error):
        base45.decode(text)


def test_error_is_a_value_error() -> None:
    assert issubclass(base45.Base45Error, ValueError)


@given(st.binary(max_size=300))
def test_round_trip_uses_only_the_alphabet(raw: bytes) -> None:
    text = base45.encode(raw)
    assert set(text) <= set(base45.ALPHABET)
    assert len(text) == 3 * (len(raw) // 2) + 2 * (len(raw) % 2)
    assert base45.decode(text) == raw


@given(st.text(max_size=60))
def test_decode_of_any_text_is_bytes_or_base45_error(text: str) -> None:
    try:
        raw = base45.decode(text)
    except base45.Base45Error:
        return
    assert base45.encode(raw) == text  # base45 is canonical: one text per byte string
