"""The portal takes each value only in the shape its OpenAPI document declares: a date as
"YYYY-MM-DD" (``"paid_on": 0`` was read as 1970-01-01), money as a decimal string, an integer as
a JSON number, a boolean as true or false, digits as ASCII. Each lax shape answers 422
problem+json naming the field; raw HTTP, as a gateway implementer would send it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from kiosk.embedded_portal import PortalEndpoint

BOLETA = {"bank": "banrural", "number": "1234567890", "paid_on": "2026-11-01", "amount": "30.00"}
ARABIC_INDIC = "".join(chr(0x0660 + int(d)) for d in "1234567890")
FULL_WIDTH = "".join(chr(0xFF10 + int(d)) for d in "2456789050101")


@pytest.fixture
def http(sandbox: PortalEndpoint, kiosk_id: str) -> httpx.Client:
    return httpx.Client(
        base_url=f"{sandbox.url}/v1",
        headers={"X-Kiosk-Id": kiosk_id, "X-Kiosk-Token": sandbox.device_token},
        timeout=10,
    )


def assert_refused(response: httpx.Response, field: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert (body["code"], body["field"]) == ("invalid_input", field), body


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("paid_on", 0),  # was 1970-01-01
        ("paid_on", 1767225600),  # a Unix time
        ("paid_on", "1767225600"),  # a Unix time as text
        ("paid_on", "2026-11-01T00:00:00"),  # a date and time where a date goes
        ("paid_on", "20261101"),
        ("amount", 30),  # money is a decimal string, never a JSON number
        ("amount", 30.0),
        ("amount", " 30.00"),
        ("amount", "3e1"),
        ("amount", "30.001"),
        ("number", ARABIC_INDIC),  # \d matched these: digits are ASCII only
        ("number", 1234567890),  # a number where digits as text go
        ("bank", 1),
    ],
)
def test_a_boleta_check_takes_each_value_only_as_declared(
    http: httpx.Client, field: str, value: Any
) -> None:
    assert_refused(http.post("/payments/boletas/verify", json={**BOLETA, field: value}), field)


def test_the_declared_shapes_still_pass_validation(http: httpx.Client) -> None:
    response = http.post("/payments/boletas/verify", json=BOLETA)
    # an unknown boleta is a rule of the bank, not a malformed request
    assert response.status_code == 422 and response.json()["code"] != "invalid_input"


def test_a_dpi_in_other_digits_is_not_a_dpi(http: httpx.Client) -> None:
    body = {"dpi": FULL_WIDTH, "birth_date": "1990-05-14", "email": "a@b.gt", "password": "x"}
    response = http.post("/accounts", json=body, headers={"Idempotency-Key": "strict-dpi-0001"})
    assert_refused(response, "dpi")


def test_a_birth_date_is_a_date_not_a_number(http: httpx.Client) -> None:
    body = {"dpi": "2456789050101", "birth_date": 0, "email": "a@b.gt", "password": "x"}
    response = http.post("/accounts", json=body, headers={"Idempotency-Key": "strict-date-0001"})
    assert_refused(response, "birth_date")


@pytest.mark.parametrize("days", ["5", True, 5.5])
def test_an_integer_is_a_json_integer(http: httpx.Client, days: Any) -> None:
    response = http.post("/sandbox/documents/NO-SUCH-CODE/backdate", json={"days": days})
    assert_refused(response, "days")


def test_an_integral_json_number_is_an_integer(http: httpx.Client) -> None:
    # JSON Schema's "integer" counts 5.0 in: the document and the portal agree
    response = http.post("/sandbox/documents/NO-SUCH-CODE/backdate", json={"days": 5.0})
    assert response.status_code == 404, response.text


@pytest.mark.parametrize("available", [1, "true"])
def test_a_boolean_is_true_or_false(http: httpx.Client, available: Any) -> None:
    # 1 and "true" (were read as true): a refusal leaves every service as it is
    response = http.put("/sandbox/services/antecedentes-penales", json={"available": available})
    assert_refused(response, "available")
