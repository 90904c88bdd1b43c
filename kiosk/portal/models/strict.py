"""The wire's scalar types, strict: what the contract says is the only shape accepted.

Pydantic's lax mode reads ``"paid_on": 0`` as 1970-01-01, ``"1700000000"`` as a date and time,
``1`` as true and ``"5"`` as 5; and ``\\d`` in its (Rust) regexes matches any Unicode digit. The
portal and the kiosk's client parse with these models, so each shape here is taken exactly as the
OpenAPI document declares it, whether the input is JSON (the client, ``model_validate_json``) or a
dict decoded from JSON (FastAPI validates request bodies in Python mode). Python code may still
pass ``date``/``datetime``/``Decimal`` objects.

``ApiModel`` is strict: a bool is true or false, a string a string. Each type below leaves strict
mode only to run its own check first: ``IsoDate``, ``IsoDateTime``, ``Money``, ``Integer`` (JSON
Schema's integer, so 5.0 too, never "5"), ``ByValue`` (an enum from its value). A model of the
contract uses them for every date, time, amount, integer and enum (a test checks every model).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    Strict,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

#: ASCII digits only: a DPI typed with Arabic-Indic or full-width digits is not a DPI
DIGITS = "[0-9]"

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# RFC 3339 date-time, the OpenAPI "date-time" format: seconds and an offset are required
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})"
)
MONEY_PATTERN = r"^(100000(\.0{1,2})?|[0-9]{1,5}(\.[0-9]{1,2})?)$"
_MONEY = re.compile(MONEY_PATTERN)


def _iso_date(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        return value
    raise PydanticCustomError("date_type", "Input should be a date written YYYY-MM-DD")


def _iso_datetime(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and _DATETIME.fullmatch(value):
        return value
    raise PydanticCustomError(
        "datetime_type", "Input should be a date and time with its offset (RFC 3339)"
    )


def _with_offset(value: datetime) -> datetime:
    if value.utcoffset() is None:
        raise PydanticCustomError("timezone_aware", "A date and time must carry its offset")
    return value


def _money(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str) and _MONEY.fullmatch(value):
        return value
    raise PydanticCustomError(
        "decimal_type", "Money is a decimal string with at most two decimals, e.g. 30.00"
    )


#: a calendar day: ``"2026-11-01"`` only (no number, no date and time)
IsoDate = Annotated[date, Strict(False), BeforeValidator(_iso_date)]
#: an instant with its offset: ``"2026-11-01T09:30:00-06:00"`` only (no number, no naive time)
IsoDateTime = Annotated[
    datetime, Strict(False), BeforeValidator(_iso_datetime), AfterValidator(_with_offset)
]

#: quetzales as a decimal string with at most two decimals ("30.00"), never a JSON number; the
#: kiosk and the portal write two decimals. 0 to 100000.
Money = Annotated[
    Decimal,
    Strict(False),
    BeforeValidator(_money),
    Field(ge=0, le=Decimal("100000"), max_digits=9, decimal_places=2),
    PlainSerializer(lambda d: f"{d:.2f}", return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "pattern": MONEY_PATTERN, "examples": ["30.00"]}),
]


def _integer(value: Any) -> Any:
    # JSON Schema's "integer" counts 782.0 in: so does the portal. A string or a bool never.
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise PydanticCustomError("int_type", "Input should be an integer number")


#: a JSON integer: ``5`` or ``5.0``; never ``"5"`` nor ``true``
Integer = Annotated[int, Strict(False), BeforeValidator(_integer)]


def _true_only(value: Any) -> Any:
    if value is not True:  # Literal[True] alone takes 1 (1 == True)
        raise PydanticCustomError("literal_error", "Input should be true")
    return value


#: a flag that is always true on the wire (``1`` is not true)
AlwaysTrue = Annotated[Literal[True], BeforeValidator(_true_only)]

E = TypeVar("E", bound=Enum)
#: an enum field read from its value: strict mode alone wants the Python member itself, and a
#: request body reaches the model as a dict of plain JSON values
ByValue = Annotated[E, Strict(False)]
