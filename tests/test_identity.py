"""Identity rules: DPI/CUI, birth dates, names, email and passwords, with Spanish messages."""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kiosk.geography import municipality_count
from kiosk.identity import (
    MESSAGES,
    MIN_PASSWORD_LENGTH,
    IdentityError,
    check_password,
    common_passwords,
    dpi_check_digit,
    dpi_department,
    dpi_municipality,
    email_key,
    format_dpi,
    make_dpi,
    mask_dpi,
    names_match,
    normalize_digits,
    normalize_name,
    parse_date,
    password_strength_hint,
    validate_birth_date,
    validate_dpi,
    validate_email,
    validate_name,
)

TODAY = date(2025, 6, 15)

serials = st.text(string.digits, min_size=8, max_size=8)
issued_serials = serials.filter(lambda s: dpi_check_digit(s) is not None)


@st.composite
def valid_dpis(draw: st.DrawFn) -> str:
    dept = draw(st.integers(1, 22))
    muni = draw(st.integers(1, municipality_count(dept)))
    return make_dpi(draw(issued_serials), dept, muni)


def reference_check_digit(serial: str) -> int:
    return sum(int(d) * w for d, w in zip(serial, range(2, 10), strict=True)) % 11


def error_of(call: Callable[..., object], *args: object, **kwargs: object) -> IdentityError:
    with pytest.raises(IdentityError) as info:
        call(*args, **kwargs)
    return info.value


# --- DPI ---------------------------------------------------------------------------------------


def test_known_dpi() -> None:
    # 1*2 + 2*3 + 3*4 + 4*5 + 5*6 + 6*7 + 7*8 + 8*9 = 240; 240 % 11 = 9
    assert dpi_check_digit("12345678") == 9
    assert make_dpi("12345678", 1, 1) == "1234567890101"
    assert validate_dpi("1234 56789 0101") == "1234567890101"
    assert dpi_department("1234567890101") == 1
    assert dpi_municipality("1234567890101") == 1


@given(serials)
def test_check_digit_matches_reference(serial: str) -> None:
    expected = reference_check_digit(serial)
    assert dpi_check_digit(serial) == (None if expected == 10 else expected)


def test_serial_without_check_digit_cannot_make_a_dpi() -> None:
    serial = next(f"{n:08d}" for n in range(1000) if reference_check_digit(f"{n:08d}") == 10)
    assert dpi_check_digit(serial) is None
    with pytest.raises(ValueError, match="check digit"):
        make_dpi(serial, 1, 1)
    for check in string.digits:
        assert error_of(validate_dpi, f"{serial}{check}0101").code == "dpi_check_digit"


@pytest.mark.parametrize("serial", ["1234567", "123456789", "1234567a", "١٢٣٤٥٦٧٨"])
def test_check_digit_needs_eight_ascii_digits(serial: str) -> None:
    with pytest.raises(ValueError, match="8 digits"):
        dpi_check_digit(serial)


@given(valid_dpis(), st.lists(st.sampled_from(["", " ", "-", ".", "  ", " - "]), min_size=14))
def test_valid_dpi_round_trips_through_separators(dpi: str, separators: list[str]) -> None:
    assert validate_dpi(dpi) == dpi
    decorated = "".join(sep + digit for sep, digit in zip(separators, dpi, strict=False))
    decorated += separators[13]
    assert validate_dpi(decorated) == dpi
    assert validate_dpi(format_dpi(dpi)) == dpi
    assert dpi_department(decorated) == int(dpi[9:11])
    assert dpi_municipality(decorated) == int(dpi[11:])


@given(valid_dpis(), st.integers(1, 9))
def test_any_other_check_digit_fails(dpi: str, shift: int) -> None:
    wrong = str((int(dpi[8]) + shift) % 10)
    err = error_of(validate_dpi, dpi[:8] + wrong + dpi[9:])
    assert (err.field, err.code) == ("dpi", "dpi_check_digit")
    assert str(err) == "El número de DPI no es válido: revise que lo copió bien."


@given(valid_dpis(), st.sampled_from([0, *range(23, 100)]))
def test_unknown_department_fails(dpi: str, dept: int) -> None:
    err = error_of(validate_dpi, f"{dpi[:9]}{dept:02d}01")
    assert (err.field, err.code) == ("dpi", "dpi_department")
    assert err.params == {"department": f"{dept:02d}"}
    assert "departamento" in err.message


@given(st.data())
def test_unknown_municipality_fails(data: st.DataObject) -> None:
    dept = data.draw(st.integers(1, 22))
    muni = data.draw(st.sampled_from([0, *range(municipality_count(dept) + 1, 100)]))
    dpi = f"{data.draw(valid_dpis())[:9]}{dept:02d}{muni:02d}"
    err = error_of(validate_dpi, dpi)
    assert (err.field, err.code) == ("dpi", "dpi_municipality")
    assert err.params["municipality"] == f"{muni:02d}"
    assert "municipio" in err.message


@pytest.mark.parametrize("length", [n for n in range(21) if n != 13])
def test_length_messages(length: int) -> None:
    err = error_of(validate_dpi, "1" * length)
    assert (err.field, err.code) == ("dpi", "dpi_length")
    diff = abs(13 - length)
    if length < 13:
        verb = "falta" if diff == 1 else "faltan"
    else:
        verb = "sobra" if diff == 1 else "sobran"
    assert str(err) == f"El DPI tiene 13 dígitos; {verb} {diff}."


@pytest.mark.parametrize(
    "text", ["12345678901O1", "1234567890101x", "abc", "1234/56789/0101", "12a"]
)
def test_non_digits_are_reported_before_length(text: str) -> None:
    err = error_of(validate_dpi, text)
    assert err.code == "dpi_not_digits"
    assert str(err) == "El DPI solo lleva números."


def test_normalize_digits_keeps_unexpected_characters() -> None:
    assert normalize_digits(" 1234-56789.0101 ") == "1234567890101"
    assert normalize_digits("12 ab") == "12ab"


@given(valid_dpis())
def test_mask_shows_only_last_four(dpi: str) -> None:
    masked = mask_dpi(dpi)
    assert masked == f"•••• ••••• {dpi[-4:]}"
    assert dpi[:9] not in normalize_digits(masked)


def test_mask_of_garbage_hides_everything() -> None:
    assert mask_dpi("12345") == "•••• ••••• ••••"
    assert not any(c.isdigit() for c in mask_dpi("hello 123456789"))


def test_make_dpi_rejects_unknown_places() -> None:
    with pytest.raises(ValueError, match="department"):
        make_dpi("12345678", 23, 1)
    with pytest.raises(ValueError, match="municipality"):
        make_dpi("12345678", 1, 18)


# --- Errors ------------------------------------------------------------------------------------


def test_error_is_a_value_error_with_message_from_table() -> None:
    err = error_of(validate_dpi, "12")
    assert isinstance(err, ValueError)
    assert err.message_key == "dpi_length.missing.other"
    assert err.message == MESSAGES[err.message_key].format(**err.params) == str(err)
    assert err.params == {"length": 2, "missing": 11}


def test_every_message_formats_and_codes_are_snake_case() -> None:
    for key in MESSAGES:
        code = key.split(".")[0]
        assert code == code.lower()
        assert " " not in code
        assert MESSAGES[key].rstrip().endswith(".")


# --- Birth dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/09/1990", date(1990, 9, 15)),
        ("15-09-1990", date(1990, 9, 15)),
        ("1990-09-15", date(1990, 9, 15)),
        ("1/2/2000", date(2000, 2, 1)),
        (" 29/02/2024 ", date(2024, 2, 29)),
    ],
)
def test_date_formats_parse(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "15/09/90", "1990/09/15", "15-09/1990", "hoy", "15.09.1990"])
def test_bad_date_format(text: str) -> None:
    err = error_of(parse_date, text)
    assert (err.field, err.code) == ("birth_date", "birth_date_format")
    assert "día/mes/año" in str(err)


@pytest.mark.parametrize("text", ["31/02/1990", "29/02/2023", "00/01/2000", "2000-13-01"])
def test_impossible_dates(text: str) -> None:
    assert error_of(parse_date, text).code == "birth_date_invalid"


@given(st.dates(min_value=TODAY + timedelta(days=1)))
def test_future_birth_date_fails(born: date) -> None:
    err = error_of(validate_birth_date, born, today=TODAY)
    assert (err.field, err.code) == ("birth_date", "birth_date_future")


@given(st.dates(max_value=date(1904, 6, 15)))
def test_too_old_fails(born: date) -> None:
    assert error_of(validate_birth_date, born, today=TODAY).code == "birth_date_too_old"


@given(st.dates(min_value=date(1904, 6, 16), max_value=TODAY))
def test_plausible_birth_dates_pass(born: date) -> None:
    assert validate_birth_date(born, today=TODAY) == born
    assert validate_birth_date(born.strftime("%d/%m/%Y"), today=TODAY) == born


def test_min_age() -> None:
    assert validate_birth_date("15/06/2007", today=TODAY, min_age=18) == date(2007, 6, 15)
    err = error_of(validate_birth_date, "16/06/2007", today=TODAY, min_age=18)
    assert err.code == "birth_date_too_young"
    assert str(err) == "Para este trámite debe tener al menos 18 años cumplidos."


# --- Names -------------------------------------------------------------------------------------

GOOD_NAMES = [
    "María José", "De León", "de la Cruz", "O'Neill", "Pérez-Gómez", "Ixchel Tzul Tzul",
    "Muñoz", "Güitz", "Ma. Eugenia", "K'iche'", "ÁNGEL ÑÁÑEZ",
]  # fmt: skip


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_good_names_pass(name: str) -> None:
    assert validate_name(name) == name


def test_names_are_normalized() -> None:
    assert validate_name("  María   José ") == "María José"
    assert validate_name("O’Neill") == "O'Neill"
    assert validate_name("Mari\u0301a") == "María"  # decomposed accent -> NFC


@pytest.mark.parametrize(
    ("name", "character"), [("Juan2", "2"), ("Ana@", "@"), ("José_Luis", "_"), ("Анна", "А")]
)
def test_bad_characters_fail(name: str, character: str) -> None:
    err = error_of(validate_name, name, field_label="nombres")
    assert (err.field, err.code) == ("name", "name_characters")
    assert err.params == {"label": "nombres", "character": character}
    assert f"«{character}»" in str(err)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "name_empty"),
        ("   ", "name_empty"),
        ("-.'", "name_no_letters"),
        ("a" * 61, "name_too_long"),
    ],
)
def test_empty_and_long_names_fail(name: str, code: str) -> None:
    assert error_of(validate_name, name).code == code


def test_sixty_characters_is_the_limit() -> None:
    assert validate_name("a" * 60) == "a" * 60


@given(st.text())
def test_normalize_name_is_idempotent(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once
    assert once == once.strip()
    assert "  " not in once


@given(st.lists(st.sampled_from(GOOD_NAMES), min_size=1, max_size=3))
def test_validated_names_are_stable(parts: list[str]) -> None:
    name = validate_name(" ".join(parts)[:60])
    assert validate_name(name) == name


def test_names_match() -> None:
    assert names_match("MARIA  JOSE", "María José")
    assert names_match(" de león ", "De León")
    assert names_match("Güitz", "guitz")
    assert names_match("O’Neill", "o'neill")
    assert not names_match("María José", "María")
    assert not names_match("Pérez", "Peres")


# --- Email -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ana.perez@gmail.com", "ana.perez@gmail.com"),
        ("  Ana.Perez@GMAIL.Com ", "Ana.Perez@gmail.com"),
        ("juan+kiosko@oj.gob.gt", "juan+kiosko@oj.gob.gt"),
        ("x_y-z@mi-correo.com.gt", "x_y-z@mi-correo.com.gt"),
    ],
)
def test_good_emails(text: str, expected: str) -> None:
    assert validate_email(text) == expected


def test_accounts_compare_emails_without_case() -> None:
    typed = validate_email("  Ana.Perez@GMAIL.Com ")
    assert email_key(typed) == email_key("ana.perez@gmail.com") == "ana.perez@gmail.com"
    assert email_key(typed) != email_key("ana.perez2@gmail.com")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "email_empty"),
        ("ana.perezgmail.com", "email_missing_at"),
        ("ana@perez@gmail.com", "email_multiple_at"),
        ("ana perez@gmail.com", "email_spaces"),
        ("@gmail.com", "email_local_part"),
        ("ana@", "email_domain"),
        ("ana@gmail", "email_domain_dot"),
        ("ana@gmail.", "email_domain_format"),
        ("ana@gmail..com", "email_domain_format"),
        ("ana@gmail.c", "email_domain_format"),
        ("peña@gmail.com", "email_format"),
        (".ana@gmail.com", "email_format"),
        ("ana@gmail,com", "email_format"),
        ("a" * 65 + "@gmail.com", "email_too_long"),
        ("a@" + "b" * 250 + ".com", "email_too_long"),
    ],
)
def test_bad_emails(text: str, code: str) -> None:
    err = error_of(validate_email, text)
    assert (err.field, err.code) == ("email", code)


def test_email_messages() -> None:
    assert (
        str(error_of(validate_email, "ana"))
        == "Falta la @ en el correo (por ejemplo nombre@gmail.com)."
    )
    assert str(error_of(validate_email, "ana@")) == (
        "Revise el correo: después de la @ falta el dominio (por ejemplo gmail.com)."
    )


# --- Passwords ---------------------------------------------------------------------------------

DPI = "1234567890101"
BORN = date(1990, 9, 15)
EMAIL = "juan.perez@gmail.com"


@pytest.mark.parametrize(
    "password",
    ["guatemala", "Guatemala", "contraseña", "CONTRASEÑA", "12345678", "chapin123", "quetzal1",
     "password", "qwertyuiop", "1q2w3e4r", "pass word", "1234-5678"],
)  # fmt: skip
def test_common_passwords_rejected(password: str) -> None:
    err = error_of(check_password, password)
    assert (err.field, err.code) == ("password", "password_common")


def test_blocklist_is_loaded_and_sane() -> None:
    words = common_passwords()
    assert len(words) >= 900
    assert all(len(w) >= MIN_PASSWORD_LENGTH and w == w.lower() for w in words)
    assert {"guatemala", "contraseña", "12345678", "chapin123", "quetzal1"} <= words


@pytest.mark.parametrize(
    ("length", "message"),
    [
        (0, "La contraseña debe tener al menos 8 caracteres; faltan 8."),
        (6, "La contraseña debe tener al menos 8 caracteres; faltan 2."),
        (7, "La contraseña debe tener al menos 8 caracteres; falta 1."),
    ],
)
def test_too_short(length: int, message: str) -> None:
    err = error_of(check_password, "xk7q9wz!"[:length])
    assert err.code == "password_too_short"
    assert str(err) == message


def test_length_limits() -> None:
    check_password("xk7q9wz!")
    check_password("xk7q9wz!" * 8)
    assert error_of(check_password, "xk7q9wz!" * 8 + "a").code == "password_too_long"


@pytest.mark.parametrize("password", ["aaaaaaaa", "!!!!!!!!!!!!", "        "])
def test_single_repeated_character(password: str) -> None:
    assert error_of(check_password, password).code == "password_repeated"


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("mi dpi es 1234567890101", "password_contains_dpi"),
        ("clave 1234 56789 0101", "password_contains_dpi"),
        ("perro12345678gato", "password_contains_dpi"),
        ("nacido15091990", "password_contains_birth_date"),
        ("nacido19900915", "password_contains_birth_date"),
        ("desde 15/09/1990 ok", "password_contains_birth_date"),
        ("desde 1990-09-15 ok", "password_contains_birth_date"),
        ("Juan.Perez es mi nombre", "password_contains_email"),
        ("juanperez nunca olvida", "password_contains_email"),
    ],
)
def test_personal_data_rejected(password: str, code: str) -> None:
    err = error_of(check_password, password, dpi=DPI, birth_date=BORN, email=EMAIL)
    assert (err.field, err.code) == ("password", code)
    check_password(password)  # the same password is fine without that personal data


def test_short_email_local_part_is_not_checked() -> None:
    check_password("ana en la montaña verde", email="ana@gmail.com")
    with pytest.raises(IdentityError):
        check_password("ana en la montaña verde", email="montaña@gmail.com")


def test_long_passphrase_accepted() -> None:
    check_password("el volcán de agua amanece con niebla", dpi=DPI, birth_date=BORN, email=EMAIL)


words = st.text(string.ascii_lowercase + string.digits + "ñáéíóú", min_size=3, max_size=10)


@given(st.lists(words, min_size=2, max_size=6), valid_dpis())
def test_random_passphrases_accepted(parts: list[str], dpi: str) -> None:
    password = " ".join(parts)
    assume(MIN_PASSWORD_LENGTH <= len(password) <= 64)
    compact = "".join(parts)
    assume(password not in common_passwords() and compact not in common_passwords())
    assume(dpi[:8] not in compact)
    check_password(password, dpi=dpi)


def test_hint() -> None:
    assert password_strength_hint() == (
        "Use al menos 8 caracteres; una frase de varias palabras es más fácil de recordar "
        "y más segura."
    )
