"""The NIT: its mod-11 check digit (K for 10), what people type around it, and the words that say
how to fix a wrong one; by example and as properties over every number."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kiosk.nit import (
    MESSAGES,
    NitError,
    check_digit,
    format_nit,
    is_valid_nit,
    make_nit,
    mask_nit,
    normalize_nit,
    validate_nit,
)

numbers = st.text(alphabet="0123456789", min_size=1, max_size=11).filter(lambda n: n.strip("0"))
CHECKS = "0123456789K"


@pytest.mark.parametrize(
    ("number", "check"),
    [
        ("576937", "K"),  # the SAT's own example of a K
        ("12345678", "9"),
        ("4415285", "K"),
        ("1", "9"),
        ("100", "7"),
    ],
)
def test_known_check_digits(number: str, check: str) -> None:
    assert check_digit(number) == check
    assert validate_nit(f"{number}-{check}") == number + check


def test_the_check_digit_by_hand() -> None:
    # weights n + 1 down to 2: 5·7 + 7·6 + 6·5 + 9·4 + 3·3 + 7·2 = 166; 166 mod 11 = 1;
    # 11 - 1 = 10, written K
    assert check_digit("576937") == "K"
    # 1·9 + 2·8 + 3·7 + 4·6 + 5·5 + 6·4 + 7·3 + 8·2 = 156; 156 mod 11 = 2; 11 - 2 = 9
    assert check_digit("12345678") == "9"


@pytest.mark.parametrize(
    "typed", ["576937-K", "576937-k", "576937k", " 576 937 - K ", "576.937-K", "576937‐K"]
)
def test_what_people_type_around_a_nit(typed: str) -> None:
    assert validate_nit(typed) == "576937K"
    assert format_nit(typed) == "576937-K"


@pytest.mark.parametrize(
    ("typed", "key", "params"),
    [
        ("", "nit_empty", {}),
        ("CF", "nit_consumidor_final", {}),
        ("c/f", "nit_consumidor_final", {}),
        ("12/4", "nit_characters", {"character": "/"}),
        ("57K937-K", "nit_k_position", {}),
        ("576937-X", "nit_characters", {"character": "X"}),
        ("５７６９３７Ｋ", "nit_characters", {"character": "５"}),  # other digits are not digits
        ("7", "nit_too_short", {"minimum": 2}),
        ("1234567890123", "nit_too_long.one", {"maximum": 12, "extra": 1}),
        ("123456789012345", "nit_too_long.other", {"maximum": 12, "extra": 3}),
        ("000-0", "nit_zero", {}),
        ("576937-4", "nit_check_digit", {}),
    ],
)
def test_each_mistake_has_its_words(typed: str, key: str, params: dict[str, object]) -> None:
    with pytest.raises(NitError) as err:
        validate_nit(typed)
    assert err.value.message_key == key and err.value.params == params
    assert str(err.value) == MESSAGES[key].format(**params)
    assert "576937" not in str(err.value)  # the words never repeat the NIT


def test_a_wrong_check_digit_says_how_to_fix_it() -> None:
    with pytest.raises(NitError) as err:
        validate_nit("576937-4")
    message = str(err.value)
    assert "dígito verificador" in message and "Revise que lo copió bien" in message


@given(numbers)
def test_exactly_one_check_digit_fits_every_number(number: str) -> None:
    right = check_digit(number)
    assert right in CHECKS
    assert [c for c in CHECKS if is_valid_nit(number + c)] == [right]


@given(numbers, st.integers(min_value=0, max_value=10))
def test_any_single_digit_typed_wrong_is_caught(number: str, position: int) -> None:
    """Mod 11 catches every single mistyped digit, except where the weight is 11 itself (the
    tenth digit from the right, in a number of ten digits or more: real NITs are shorter)."""
    nit = make_nit(number)
    position %= len(number)
    assume(len(number) + 1 - position != 11)
    for digit in "0123456789":
        if digit == number[position]:
            continue
        changed = number[:position] + digit + number[position + 1 :]
        assume(changed.strip("0"))
        assert not is_valid_nit(changed + nit[-1])


@given(numbers)
def test_two_neighbours_swapped_are_caught(number: str) -> None:
    assume(len(number) >= 2)
    nit = make_nit(number)
    for i in range(len(number) - 1):
        if number[i] != number[i + 1]:
            swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
            assume(swapped.strip("0"))
            assert not is_valid_nit(swapped + nit[-1])


@given(numbers, st.sampled_from(["", "-", " - ", "."]), st.booleans())
def test_a_valid_nit_survives_how_it_is_written(number: str, dash: str, lower: bool) -> None:
    nit = make_nit(number)
    check = nit[-1].lower() if lower else nit[-1]
    typed = f"{number}{dash}{check}"
    assert validate_nit(typed) == nit
    assert normalize_nit(format_nit(typed)) == nit


@given(numbers)
def test_masking_hides_most_of_the_number(number: str) -> None:
    nit = make_nit(number)
    masked = mask_nit(nit)
    hidden = masked.count("•")
    assert masked.endswith(f"-{nit[-1]}") and hidden == len(number) - (2 if len(number) >= 6 else 0)
    assert hidden >= len(number) * 2 / 3 or len(number) < 3
    if len(number) >= 4:
        assert number not in masked and number[:-2] not in masked


def test_masking_what_is_not_a_nit_shows_nothing_of_it() -> None:
    assert mask_nit("12345678-0") == "••••••-•"
    assert mask_nit("4415285K") == "•••••85-K"
