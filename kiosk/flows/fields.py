"""From what the visitor typed to a typed answer, and back to text for the review screen."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from decimal import Decimal

from kiosk import formats
from kiosk.case_numbers import MESSAGES as CASE_MESSAGES
from kiosk.case_numbers import CaseNumber, CaseNumberError, parse_case_number
from kiosk.flows.model import Answers, Field, FieldError, FieldKind
from kiosk.flows.text import Shown, Text, _
from kiosk.identity import (
    IdentityError,
    check_password,
    format_dpi,
    normalize_name,
    parse_date,
    validate_dpi,
    validate_email,
    validate_name,
)

MASK = "••••••••"
_CENT = Decimal("0.01")
_TODAY: ContextVar[date] = ContextVar("validation_today")
_YES = frozenset({"si", "true"})
_NO = frozenset({"no", "false"})


def validation_today() -> date:
    """The ``today`` of the ``parse_field`` call in progress (for validators such as an age)."""
    try:
        return _TODAY.get()
    except LookupError:
        raise RuntimeError("validation_today() is only available inside parse_field") from None


@contextmanager
def _today(today: date) -> Iterator[None]:
    token = _TODAY.set(today)
    try:
        yield
    finally:
        _TODAY.reset(token)


def parse_field(field: Field, raw: str, answers: Answers, *, today: date) -> object:
    """The typed value of ``raw`` for ``field`` (None if optional and empty), or FieldError.

    ``answers`` are the other answers known so far (the password policy and the field's own
    ``validator`` look at them).
    """
    empty = raw == "" if field.kind is FieldKind.PASSWORD else not raw.strip()
    if empty:
        if field.required:
            raise FieldError(field.id, "required", _required_message(field))
        return None
    with _today(today):
        try:
            value = _parse(field, raw, answers)
            if field.validator is not None:
                field.validator(value, answers)
        except IdentityError as error:
            raise FieldError.from_identity(error, field.id) from None
    return value


def _required_message(field: Field) -> str | Text:
    if field.required_message:
        return field.required_message
    match field.kind:
        case FieldKind.CHOICE | FieldKind.YES_NO:
            return _("Elija una opción.")
        case FieldKind.DPI:
            return _("Escriba su número de DPI: son los 13 dígitos de su documento.")
        case FieldKind.EMAIL:
            return _("Escriba su correo electrónico, por ejemplo nombre@gmail.com.")
        case FieldKind.DATE:
            return _("Escriba la fecha como día/mes/año, por ejemplo 15/09/1990.")
        case FieldKind.NAME:
            return Text("Escriba «{label}» tal como aparece en su DPI.", label=Text(field.label))
        case _kind:
            return Text("Escriba «{label}».", label=Text(field.label))


def _parse(field: Field, raw: str, answers: Answers) -> object:
    match field.kind:
        case FieldKind.TEXT:
            return _text(field, " ".join(raw.split()))
        case FieldKind.NAME:
            return _text(field, validate_name(raw, field_label=field.label))
        case FieldKind.NUMBER:
            return _bounded(field, _number(field, raw))
        case FieldKind.MONEY:
            return _bounded(field, _money(field, raw))
        case FieldKind.DATE:
            compact = "".join(raw.split())
            if len(compact) == 8 and compact.isascii() and compact.isdigit():
                compact = f"{compact[:2]}/{compact[2:4]}/{compact[4:]}"  # DDMMAAAA
            return parse_date(compact, field=field.id)
        case FieldKind.DPI:
            return validate_dpi(raw)
        case FieldKind.EMAIL:
            return validate_email(raw)
        case FieldKind.PASSWORD:
            if field.check_policy:
                check_password(
                    raw,
                    dpi=_str_or_none(answers.get("dpi")),
                    birth_date=_date_or_none(answers.get("birth_date")),
                    email=_str_or_none(answers.get("email")),
                )
            return raw
        case FieldKind.YES_NO:
            return _yes_no(field, raw)
        case FieldKind.CASE_NUMBER:
            return _case_number(field, raw)
        case FieldKind.CHOICE:
            value = raw.strip()
            if value not in {choice.value for choice in field.options(answers)}:
                raise FieldError(field.id, "choice_invalid", _("Elija una de las opciones."))
            return value
    raise AssertionError(f"unknown field kind {field.kind!r}")  # pragma: no cover


def _case_number(field: Field, raw: str) -> CaseNumber:
    try:
        return parse_case_number(raw, this_year=validation_today().year)
    except CaseNumberError as error:
        template = CASE_MESSAGES[error.message_key]
        raise FieldError(field.id, error.code, Text(template, **error.params)) from None


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _date_or_none(value: object) -> date | None:
    return value if isinstance(value, date) else None


def _text(field: Field, text: str) -> str:
    if field.max_length is not None and len(text) > field.max_length:
        raise FieldError(
            field.id,
            "too_long",
            Text(
                "Escriba como máximo {maximum} caracteres; ahora hay {length}.",
                maximum=field.max_length,
                length=len(text),
            ),
        )
    return text


def _yes_no(field: Field, raw: str) -> bool:
    folded = unicodedata.normalize("NFD", raw.strip().casefold())
    word = "".join(c for c in folded if not unicodedata.combining(c))
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise FieldError(field.id, "yes_no_invalid", _("Elija «Sí» o «No»."))


# --- numbers and money -------------------------------------------------------------------------
# Guatemala writes 1,234.50; "30,00" and "1.234,50" are accepted too. A lone "." followed by three
# digits ("1.234") is read as decimals, never as thousands, so an amount is never read 1000x off.


def _split_number(text: str) -> tuple[str, str] | None:
    """(integer digits, decimal digits) of a number with separators, or None if malformed."""
    if "," in text and "." in text:
        decimal_mark: str | None = "," if text.rfind(",") > text.rfind(".") else "."
    elif "," in text:
        lone = text.count(",") == 1 and len(text.rpartition(",")[2]) in (1, 2)
        decimal_mark = "," if lone else None
    else:
        decimal_mark = "." if "." in text else None
    head, tail = text, ""
    if decimal_mark is not None:
        head, _mark, tail = text.rpartition(decimal_mark)
        if decimal_mark in head:
            return None
    thousands = "." if decimal_mark == "," else ","
    if thousands in head:
        groups = head.split(thousands)
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            return None
        head = "".join(groups)
    if not (head or tail) or not all(
        part.isascii() and part.isdigit() for part in (head, tail) if part
    ):
        return None
    return head or "0", tail


def _clean_number(raw: str) -> str:
    return "".join(c for c in raw if not c.isspace() and c not in "'’_")


def _number(field: Field, raw: str) -> int:
    parts = _split_number(_clean_number(raw))
    if parts is None:
        raise FieldError(field.id, "number_format", _("Escriba solo números, por ejemplo 1234."))
    head, tail = parts
    if tail.strip("0"):
        raise FieldError(field.id, "number_decimals", _("Escriba un número entero, sin decimales."))
    return int(head)


def _money(field: Field, raw: str) -> Decimal:
    text = _clean_number(raw)
    for prefix in ("GTQ", "Q"):
        if text.upper().startswith(prefix):
            text = text[len(prefix) :].removeprefix(".")  # "Q. 30.00"
            break
    parts = _split_number(text)
    if parts is None:
        raise FieldError(
            field.id, "money_format", _("Escriba el monto en quetzales, por ejemplo 30.00.")
        )
    head, tail = parts
    if len(tail) > 2:
        raise FieldError(
            field.id,
            "money_cents",
            _("Los centavos llevan dos cifras como máximo, por ejemplo 30.50."),
        )
    return Decimal(f"{head}.{tail or '0'}").quantize(_CENT)


def _bounded(field: Field, value: int | Decimal) -> int | Decimal:
    show = formats.money if field.kind is FieldKind.MONEY else str
    if field.min_value is not None and value < field.min_value:
        minimum = show(field.min_value)
        raise FieldError(
            field.id,
            "too_small",
            Text("El mínimo es {minimum}: escriba esa cantidad o más.", minimum=minimum),
        )
    if field.max_value is not None and value > field.max_value:
        maximum = show(field.max_value)
        raise FieldError(
            field.id,
            "too_large",
            Text("El máximo es {maximum}: escriba esa cantidad o menos.", maximum=maximum),
        )
    return value


# --- review --------------------------------------------------------------------------------------


def format_value(field: Field, value: object, answers: Answers | None = None) -> Shown:
    """How an answer reads on the review screen; a sensitive one is always masked. ``answers``
    (the earlier ones) name a choice whose options depend on them (the courts of a department)."""
    if field.sensitive:
        return MASK
    if value is None:
        return _("Sin respuesta")
    match field.kind:
        case FieldKind.DATE if isinstance(value, date):
            return formats.day(value)
        case FieldKind.MONEY if isinstance(value, int | Decimal):
            return formats.money(value)
        case FieldKind.DPI if isinstance(value, str):
            return format_dpi(value)
        case FieldKind.YES_NO if isinstance(value, bool):
            return _("Sí") if value else _("No")
        case FieldKind.CHOICE:
            options = field.options(answers) if answers is not None else field.choices
            labels = {choice.value: choice.label for choice in options}
            return labels.get(str(value), str(value))
        case FieldKind.CASE_NUMBER:
            return str(value)
        case FieldKind.NAME if isinstance(value, str):
            return normalize_name(value)
    return str(value)
