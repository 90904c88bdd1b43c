"""Parsing what the visitor typed, per field kind, and formatting answers for the review."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flow_fixtures import TODAY, VALID_DPI
from hypothesis import given
from hypothesis import strategies as st

from kiosk.flows.fields import format_value, parse_field, validation_today
from kiosk.flows.model import Answers, Choice, Field, FieldError, FieldKind
from kiosk.formats import money as format_money
from kiosk.geography import municipality_count
from kiosk.identity import IdentityError, make_dpi


def parse(field: Field, raw: str, answers: Answers | None = None) -> object:
    return parse_field(field, raw, answers or {}, today=TODAY)


def error_of(field: Field, raw: str, answers: Answers | None = None) -> FieldError:
    with pytest.raises(FieldError) as caught:
        parse(field, raw, answers)
    assert caught.value.field_id == field.id
    return caught.value


TEXT = Field("motivo", FieldKind.TEXT, "Motivo", max_length=12)
NUMBER = Field("copies", FieldKind.NUMBER, "Copias", min_value=1, max_value=5000)
MONEY = Field("amount", FieldKind.MONEY, "Monto", min_value=Decimal("5"))
DATE = Field("birth_date", FieldKind.DATE, "Fecha de nacimiento")
DPI = Field("dpi", FieldKind.DPI, "Número de DPI")
EMAIL = Field("email", FieldKind.EMAIL, "Correo electrónico")
NAME = Field("name", FieldKind.NAME, "Nombres")
PASSWORD = Field("password", FieldKind.PASSWORD, "Contraseña")
YES_NO = Field("agree", FieldKind.YES_NO, "Acepta")
CHOICE = Field(
    "service",
    FieldKind.CHOICE,
    "Trámite",
    choices=(Choice("copy", "Copias"), Choice("certificate", "Constancia")),
)


# --- required and optional -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (TEXT, "Escriba «Motivo»."),
        (NUMBER, "Escriba «Copias»."),
        (DPI, "Escriba su número de DPI: son los 13 dígitos de su documento."),
        (EMAIL, "Escriba su correo electrónico, por ejemplo nombre@gmail.com."),
        (DATE, "Escriba la fecha como día/mes/año, por ejemplo 15/09/1990."),
        (NAME, "Escriba «Nombres» tal como aparece en su DPI."),
        (CHOICE, "Elija una opción."),
        (YES_NO, "Elija una opción."),
        (PASSWORD, "Escriba «Contraseña»."),
    ],
)
def test_required_fields_say_what_to_do(field: Field, message: str) -> None:
    for raw in ("", "   "):
        if field.kind is FieldKind.PASSWORD and raw:
            continue  # spaces are a (weak) password, not an empty one
        error = error_of(field, raw)
        assert (error.code, error.message) == ("required", message)


def test_a_custom_required_message_wins() -> None:
    field = Field("x", FieldKind.TEXT, "X", required_message="Escriba la contraseña otra vez.")
    assert error_of(field, "").message == "Escriba la contraseña otra vez."


def test_optional_empty_is_none_and_skips_the_validator() -> None:
    def never(value: object, answers: Answers) -> None:
        raise AssertionError("validator called")

    field = Field("notes", FieldKind.MONEY, "Notas", required=False, validator=never)
    assert parse(field, "  ") is None


# --- text, names, numbers ------------------------------------------------------------------------


def test_text_is_trimmed_and_limited() -> None:
    assert parse(TEXT, "  dos   palabras ") == "dos palabras"
    error = error_of(TEXT, "trece  letras!")
    assert error.code == "too_long"
    assert error.message == "Escriba como máximo 12 caracteres; ahora hay 13."


def test_names_are_normalized_and_checked() -> None:
    assert parse(NAME, "  María   D’Alessandro ") == "María D'Alessandro"
    error = error_of(NAME, "Ana 2")
    assert error.code == "name_characters" and "«2»" in error.message


@pytest.mark.parametrize(
    ("raw", "value"),
    [("3", 3), (" 1 234 ", 1234), ("1,234", 1234), ("007", 7), ("12.00", 12), ("1\u00a0000", 1000)],
)
def test_numbers_accept_spaces_and_separators(raw: str, value: int) -> None:
    assert parse(NUMBER, raw) == value


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("tres", "number_format"),
        ("-3", "number_format"),
        ("12.5", "number_decimals"),
        ("1.234", "number_decimals"),  # a lone "." is a decimal point in Guatemala
        ("1,23,4", "number_format"),
        ("0", "too_small"),
        ("5001", "too_large"),
    ],
)
def test_bad_numbers_are_explained(raw: str, code: str) -> None:
    error = error_of(NUMBER, raw)
    assert error.code == code and error.message


def test_number_limits_are_in_the_message() -> None:
    assert "5000" in error_of(NUMBER, "9999").message
    assert "Q5.00" in error_of(MONEY, "Q4.99").message


# --- money ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("30", "30.00"),
        ("Q30.00", "30.00"),
        ("Q 30.00", "30.00"),
        ("q30", "30.00"),
        ("Q. 30.00", "30.00"),
        ("GTQ 30", "30.00"),
        ("30,00", "30.00"),
        ("30,5", "30.50"),
        ("30.5", "30.50"),
        ("1,234.50", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1 234.50", "1234.50"),
        ("1,234", "1234.00"),
        ("1,234,567", "1234567.00"),
    ],
)
def test_money_accepts_what_people_write(raw: str, value: str) -> None:
    parsed = parse(MONEY, raw)
    assert parsed == Decimal(value)
    assert isinstance(parsed, Decimal) and parsed.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("treinta", "money_format"),
        ("Q", "money_format"),
        ("30.500", "money_cents"),  # never read as thirty thousand five hundred
        ("30.555", "money_cents"),
        ("1,2345", "money_format"),
        ("1.2.3", "money_format"),
        ("$30", "money_format"),
        ("4.99", "too_small"),
    ],
)
def test_bad_money_is_explained(raw: str, code: str) -> None:
    assert error_of(MONEY, raw).code == code


@given(cents=st.integers(min_value=0, max_value=10**9))
def test_money_round_trips_through_its_display(cents: int) -> None:
    amount = Decimal(cents) / 100
    field = Field("amount", FieldKind.MONEY, "Monto")
    shown = format_value(field, amount)
    assert shown.startswith("Q")
    assert parse(field, shown) == amount


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["14/05/1990", "14-05-1990", "1990-05-14", "14051990", " 14 / 05 / 1990 "]
)
def test_dates_in_the_usual_forms(raw: str) -> None:
    assert parse(DATE, raw) == date(1990, 5, 14)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("31/02/1990", "birth_date_invalid"),
        ("ayer", "birth_date_format"),
        ("14/05/90", "birth_date_format"),
    ],
)
def test_bad_dates_are_explained(raw: str, code: str) -> None:
    error = error_of(DATE, raw)
    assert error.code == code and error.message


# --- DPI -----------------------------------------------------------------------------------------


def test_dpi_with_spaces_and_dashes() -> None:
    assert parse(DPI, " 2456 78905 0101 ") == VALID_DPI
    assert parse(DPI, "2456-78905-0101") == VALID_DPI


def test_dpi_errors_say_how_to_fix_them() -> None:
    assert error_of(DPI, "24567890501").message == "El DPI tiene 13 dígitos; faltan 2."
    assert error_of(DPI, " 2456 78901 0101 ").code == "dpi_check_digit"
    assert error_of(DPI, "2456 7890A 0101").code == "dpi_not_digits"


@st.composite
def valid_dpis(draw: st.DrawFn) -> str:
    department = draw(st.integers(1, 22))
    municipality = draw(st.integers(1, municipality_count(department)))
    serial = draw(st.text("0123456789", min_size=8, max_size=8))
    try:
        return make_dpi(serial, department, municipality)
    except ValueError:  # a serial with no check digit is never issued
        return draw(st.nothing())


@given(dpi=valid_dpis(), data=st.data())
def test_any_valid_dpi_parses_whatever_the_separators(dpi: str, data: st.DataObject) -> None:
    separators = data.draw(
        st.lists(st.sampled_from(["", " ", "-", "  ", " - "]), min_size=14, max_size=14)
    )
    typed = (
        "".join(sep + digit for sep, digit in zip(separators, dpi, strict=False)) + separators[-1]
    )
    assert parse(DPI, typed) == dpi
    assert format_value(DPI, dpi).replace(" ", "") == dpi


# --- email, password -----------------------------------------------------------------------------


def test_email_domain_is_lowered_and_errors_explained() -> None:
    assert parse(EMAIL, " Ana.Perez@Gmail.COM ") == "Ana.Perez@gmail.com"
    assert error_of(EMAIL, "ana.gmail.com").code == "email_missing_at"


def test_password_policy_uses_earlier_answers() -> None:
    good = "lluvia en el lago"
    assert parse(PASSWORD, good) == good
    assert parse(PASSWORD, " con espacios ") == " con espacios "  # never trimmed
    assert error_of(PASSWORD, "corta").message.endswith("faltan 3.")
    assert error_of(PASSWORD, "password").code == "password_common"
    assert error_of(PASSWORD, "clave24567890", {"dpi": VALID_DPI}).code == "password_contains_dpi"
    born: Answers = {"birth_date": date(1990, 5, 14)}
    assert error_of(PASSWORD, "nacido14051990", born).code == "password_contains_birth_date"
    lax = Field("password_repeat", FieldKind.PASSWORD, "Repita", check_policy=False)
    assert parse(lax, "corta") == "corta"


# --- yes/no and choices --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [("si", True), ("sí", True), (" SÍ ", True), ("true", True), ("no", False), ("False", False)],
)
def test_yes_no(raw: str, value: bool) -> None:
    assert parse(YES_NO, raw) is value


def test_yes_no_and_choice_reject_other_words() -> None:
    assert error_of(YES_NO, "quizá").code == "yes_no_invalid"
    assert error_of(CHOICE, "divorce").code == "choice_invalid"
    assert parse(CHOICE, " copy ") == "copy"


# --- validators ----------------------------------------------------------------------------------


def test_the_validator_sees_the_value_the_answers_and_today() -> None:
    seen: list[object] = []

    def check(value: object, answers: Answers) -> None:
        seen.append((value, answers["other"], validation_today()))
        raise IdentityError("birth_date", "birth_date_too_young", min_age=18, age=10)

    field = Field("when", FieldKind.DATE, "Fecha", validator=check)
    error = error_of(field, "01/01/2015", {"other": 1})
    assert seen == [(date(2015, 1, 1), 1, TODAY)]
    assert (error.field_id, error.code) == ("when", "birth_date_too_young")
    assert error.params == {"min_age": 18, "age": 10}
    with pytest.raises(RuntimeError):
        validation_today()


# --- formatting for the review -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        (DATE, date(1990, 5, 14), "14/05/1990"),
        (MONEY, Decimal("30"), "Q30.00"),
        (MONEY, Decimal("1234.5"), "Q1,234.50"),
        (DPI, VALID_DPI, "2456 78905 0101"),
        (YES_NO, True, "Sí"),
        (YES_NO, False, "No"),
        (CHOICE, "certificate", "Constancia"),
        (PASSWORD, "lluvia en el lago", "••••••••"),
        (PASSWORD, "x", "••••••••"),  # the length is not revealed
        (NUMBER, 1234, "1234"),
        (TEXT, "hola", "hola"),
        (EMAIL, "ana@gmail.com", "ana@gmail.com"),
        (TEXT, None, "Sin respuesta"),
    ],
)
def test_format_value(field: Field, value: object, shown: str) -> None:
    assert format_value(field, value) == shown


def test_format_money() -> None:
    assert format_money(5) == "Q5.00"


# --- the field model -----------------------------------------------------------------------------


def test_field_model_rules() -> None:
    assert PASSWORD.sensitive and not TEXT.sensitive
    assert [f.keypad for f in (DPI, NUMBER, MONEY, DATE, EMAIL, TEXT, NAME)] == [
        "numeric", "numeric", "numeric", "numeric", "email", "text", "text",
    ]  # fmt: skip
    assert (
        Field("case", FieldKind.TEXT, "Expediente", keypad_override="numeric").keypad == "numeric"
    )
    with pytest.raises(ValueError, match="needs choices"):
        Field("c", FieldKind.CHOICE, "C")
    with pytest.raises(ValueError, match="only CHOICE"):
        Field("c", FieldKind.TEXT, "C", choices=(Choice("a", "A"),))
    with pytest.raises(ValueError, match="repeat"):
        Field("c", FieldKind.CHOICE, "C", choices=(Choice("a", "A"), Choice("a", "B")))
    with pytest.raises(ValueError, match="NUMBER and MONEY"):
        Field("c", FieldKind.TEXT, "C", min_value=1)


def test_field_error_from_identity_keeps_code_and_message() -> None:
    identity = IdentityError("dpi", "dpi_length", variant="missing.other", length=11, missing=2)
    error = FieldError.from_identity(identity, "cui")
    assert (error.field_id, error.code, error.message) == ("cui", "dpi_length", str(identity))
    assert str(error) == "El DPI tiene 13 dígitos; faltan 2."
    assert repr(error) == "FieldError('cui', 'dpi_length')"
