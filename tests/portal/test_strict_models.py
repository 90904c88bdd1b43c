"""The shared models take each value only in the shape the contract declares, both ways: the
portal reads request bodies with them (FastAPI hands over a dict decoded from JSON) and the
kiosk's client reads the portal's answers (JSON). Python code still passes its own objects."""

from __future__ import annotations

import importlib
import json
import pkgutil
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, get_args, get_origin

import httpx
import pytest
from pydantic import BaseModel, BeforeValidator, Strict, ValidationError

import kiosk.portal.models
import kiosk.sandbox.services
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalUnavailable
from kiosk.portal.models import (
    AccountCreate,
    ApiModel,
    Bank,
    BoletaCheck,
    BoletaStatus,
    PaymentConcept,
    PaymentOrder,
    PaymentOrderStatus,
    Problem,
    SandboxBackdate,
    ServiceStatus,
)
from kiosk.portal.models import strict as strict_types
from kiosk.portal.models.labor_cases import Hearing, HearingKind

BOLETA = {"bank": "banrural", "number": "1234567890", "paid_on": "2026-11-01", "amount": "30.00"}
ORDER = {
    "id": "po_1",
    "reference": "482177301295",
    "concept": "antecedentes-penales",
    "amount": "30.00",
    "status": "pending",
    "created_at": "2026-11-01T09:30:00-06:00",
    "expires_at": "2026-11-03T09:30:00-06:00",
    "paid_at": None,
    "pay_url": "http://127.0.0.1/pagar/482177301295",
}
LAX: list[tuple[type[BaseModel], dict[str, Any], str, Any]] = [
    (BoletaCheck, BOLETA, "paid_on", 0),
    (BoletaCheck, BOLETA, "paid_on", "1767225600"),
    (BoletaCheck, BOLETA, "paid_on", "2026-11-01T00:00:00"),
    (BoletaCheck, BOLETA, "amount", 30),
    (BoletaCheck, BOLETA, "amount", 30.5),
    (BoletaCheck, BOLETA, "amount", "1e2"),
    (BoletaCheck, BOLETA, "number", "１２３４５６７８９０"),
    (BoletaCheck, BOLETA, "number", "١٢٣٤٥٦٧٨٩٠"),
    (BoletaStatus, {**BOLETA, "usable": True}, "usable", 1),
    (PaymentOrder, ORDER, "created_at", 0),
    (PaymentOrder, ORDER, "created_at", "1767225600"),
    (PaymentOrder, ORDER, "created_at", "2026-11-01"),
    (PaymentOrder, ORDER, "created_at", "2026-11-01T09:30:00"),  # no offset
    (PaymentOrder, ORDER, "expires_at", "2026-11-01 09:30"),
    (ServiceStatus, {"id": "pagos", "available": True}, "available", 1),
    (ServiceStatus, {"id": "pagos", "available": True}, "available", "true"),
    (SandboxBackdate, {"days": 5}, "days", "5"),
    (SandboxBackdate, {"days": 5}, "days", True),
    (SandboxBackdate, {"days": 5}, "days", 5.5),
    (Problem, {"title": "x", "status": 429, "code": "rate_limited"}, "retry_after", "30"),
    (
        AccountCreate,
        {"dpi": "2456789050101", "birth_date": "1990-05-14", "email": "a@b.gt", "password": "x"},
        "dpi",
        "２４５６７８９０５０１０１",
    ),
]


@pytest.mark.parametrize(("model", "valid", "field", "value"), LAX)
def test_a_lax_shape_is_refused_from_json_and_from_a_decoded_body(
    model: type[BaseModel], valid: dict[str, Any], field: str, value: Any
) -> None:
    model.model_validate_json(json.dumps(valid))  # the declared shape passes
    model.model_validate(json.loads(json.dumps(valid)))  # as FastAPI hands a body over
    lax = json.dumps({**valid, field: value})
    with pytest.raises(ValidationError) as err:
        model.model_validate_json(lax)
    assert err.value.errors()[0]["loc"][0] == field
    with pytest.raises(ValidationError):
        model.model_validate(json.loads(lax))


def test_an_integral_number_is_an_integer_as_in_json_schema() -> None:
    assert SandboxBackdate.model_validate_json('{"days": 5.0}').days == 5
    assert SandboxBackdate.model_validate({"days": 5.0}).days == 5


def test_python_code_passes_its_own_objects() -> None:
    check = BoletaCheck(
        bank=Bank.GYT, number="123456789", paid_on=date(2026, 11, 1), amount=Decimal("30.00")
    )
    assert check.model_dump(mode="json")["amount"] == "30.00"
    guatemala = timezone(timedelta(hours=-6))
    hearing = Hearing(
        at=datetime(2026, 11, 2, 9, 0, tzinfo=guatemala), kind=HearingKind.PRUEBA, room="2"
    )
    assert hearing.at.utcoffset() == timedelta(hours=-6)
    with pytest.raises(ValidationError):  # a time without its offset is not an instant
        Hearing(at=datetime(2026, 11, 2, 9, 0), kind=HearingKind.PRUEBA, room="2")


def test_what_the_portal_writes_the_client_reads_back() -> None:
    order = PaymentOrder.model_validate(ORDER)
    assert order.concept is PaymentConcept.CRIMINAL_RECORD
    assert order.status is PaymentOrderStatus.PENDING and order.amount == Decimal("30.00")
    assert PaymentOrder.model_validate_json(order.model_dump_json()) == order


def test_the_document_declares_money_as_a_string() -> None:
    amount = BoletaCheck.model_json_schema()["properties"]["amount"]
    assert amount["type"] == "string" and "[0-9]" in amount["pattern"]
    assert "\\d" not in json.dumps(BoletaCheck.model_json_schema())


async def test_the_client_refuses_a_lax_answer() -> None:
    """A gateway answering a number where a date goes: the kiosk does not guess (1970-01-01)."""
    answers = iter(
        [
            {**BOLETA, "usable": True, "paid_on": 0},
            {**BOLETA, "usable": 1},
            {**BOLETA, "usable": True, "amount": 30},
        ]
    )

    def portal(_: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=next(answers))

    async with PortalClient(
        "http://portal.test", kiosk_id="K-1", kiosk_token="t",
        transport=httpx.MockTransport(portal),
    ) as client:  # fmt: skip
        for _ in range(3):
            with pytest.raises(PortalUnavailable, match="ilegible"):
                await client.verify_boleta(BoletaCheck.model_validate(BOLETA))


# --- every model of the contract, present and future, uses the strict wire types ----------------

LAX_ALWAYS = (date, datetime, Decimal)  # IsoDate, IsoDateTime, Money instead
LAX_UNLESS_STRICT = (bool, float)  # strict mode reads them as declared


def every_api_model() -> list[type[ApiModel]]:
    for package in (kiosk.portal.models, kiosk.sandbox.services):
        for info in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{info.name}")
    found, pending = [], [ApiModel]
    while pending:
        for sub in pending.pop().__subclasses__():
            if sub.__module__.startswith("kiosk."):
                found.append(sub)
                pending.append(sub)
    return found


def lax_spots(tp: Any, metadata: list[Any], strict: bool) -> list[str]:
    """Where a value of type ``tp`` (with its Annotated ``metadata``) would be read laxly."""
    if any(isinstance(m, BeforeValidator) and m.func.__module__ == strict_types.__name__
           for m in metadata):  # fmt: skip
        return []  # one of kiosk.portal.models.strict's types
    strict = next((m.strict for m in metadata if isinstance(m, Strict)), strict)
    if get_origin(tp) is Annotated:
        base, *more = get_args(tp)
        return lax_spots(base, more, strict)
    if get_args(tp) and get_origin(tp) is not Literal:
        return [spot for arg in get_args(tp) for spot in lax_spots(arg, [], strict)]
    if isinstance(tp, type) and issubclass(tp, LAX_ALWAYS):
        return [tp.__name__]
    if tp is int:  # lax: "5" passes; strict: 5.0 fails, which the document's "integer" allows
        return ["int (Integer)"]
    if isinstance(tp, type) and issubclass(tp, LAX_UNLESS_STRICT) and not strict:
        return [tp.__name__]
    if isinstance(tp, type) and issubclass(tp, Enum) and strict:
        return [f"{tp.__name__} (ByValue: a request body gives its value)"]
    return []


def test_every_model_reads_only_the_declared_shapes() -> None:
    models = every_api_model()
    assert BoletaCheck in models and len(models) > 30
    lax = [
        f"{model.__module__}.{model.__qualname__}.{name}: {spot}"
        for model in models
        for name, info in model.model_fields.items()
        for spot in lax_spots(
            info.annotation, info.metadata, bool(model.model_config.get("strict"))
        )
    ]
    assert lax == [], "use the types of kiosk.portal.models.strict:\n" + "\n".join(lax)
    unicode_digits = [m.__qualname__ for m in models if r"\\d" in json.dumps(m.model_json_schema())]
    assert unicode_digits == [], "\\d matches any Unicode digit: write [0-9]"
