"""Whatever goes wrong, the sandbox answers problem+json with a stable code: never HTML, never a
stack trace. Raw HTTP here, to see exactly what a gateway implementer would see."""

from __future__ import annotations

import httpx
import pytest
from fastapi import APIRouter, FastAPI

from kiosk.embedded_portal import PortalEndpoint
from kiosk.sandbox import problems
from kiosk.sandbox.app import method_not_allowed


@pytest.fixture
def http(sandbox: PortalEndpoint, kiosk_id: str) -> httpx.Client:
    return httpx.Client(
        base_url=f"{sandbox.url}/v1",
        headers={"X-Kiosk-Id": kiosk_id, "X-Kiosk-Token": sandbox.device_token},
        timeout=10,
    )


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == code and body["status"] == status and body["title"]
    assert "Traceback" not in response.text and "<html" not in response.text.lower()
    return body


def test_unknown_route(http: httpx.Client) -> None:
    assert_problem(http.get("/no-such-thing"), 404, "not_found")


def test_wrong_method(http: httpx.Client) -> None:
    response = http.delete("/services")
    assert_problem(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET"


def test_wrong_method_names_every_method_of_the_path(http: httpx.Client) -> None:
    # GET and POST /payment-orders are two routes: Allow named only the first one's method
    response = http.request("OPTIONS", "/payment-orders")
    assert_problem(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET, POST"


async def test_a_fixed_path_wins_over_a_template_in_allow() -> None:
    # /things/search is its own resource, as in OpenAPI, though /things/{id} matches it too
    router = APIRouter()
    router.add_api_route("/things/{thing_id}", lambda thing_id: thing_id, methods=["GET"])
    router.add_api_route("/things/search", lambda: [], methods=["POST"])
    app = FastAPI()
    problems.install(app)
    app.include_router(router, prefix="/v1")
    app.add_exception_handler(405, method_not_allowed(router.routes))  # type: ignore[arg-type]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://portal") as http:
        assert (await http.options("/v1/things/search")).headers["allow"] == "POST"
        assert (await http.options("/v1/things/7")).headers["allow"] == "GET"


def test_body_that_is_not_json(http: httpx.Client) -> None:
    response = http.post(
        "/payments/boletas/verify",
        content=b"{bank: banrural",
        headers={"Content-Type": "application/json"},
    )
    assert_problem(response, 422, "invalid_input")


def test_invalid_field_is_named(http: httpx.Client) -> None:
    response = http.post(
        "/payments/boletas/verify",
        json={"bank": "banco-x", "number": "1234567890", "paid_on": "2026-11-01", "amount": "30"},
    )
    assert assert_problem(response, 422, "invalid_input")["field"] == "bank"


def test_unknown_field_is_refused(http: httpx.Client) -> None:
    response = http.post("/payment-orders", json={"concept": "antecedentes-penales", "x": 1},
                         headers={"Idempotency-Key": "abcdefgh-1"})  # fmt: skip
    assert assert_problem(response, 422, "invalid_input")["field"] == "x"


def test_creating_post_needs_an_idempotency_key(http: httpx.Client) -> None:
    response = http.post("/payment-orders", json={"concept": "antecedentes-penales"})
    assert_problem(response, 400, "idempotency_key_required")


def test_replay_is_marked(http: httpx.Client) -> None:
    headers = {"Idempotency-Key": "replay-test-0001"}
    first = http.post("/payment-orders", json={"concept": "antecedentes-penales"}, headers=headers)
    second = http.post("/payment-orders", json={"concept": "antecedentes-penales"}, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert (first.headers["idempotent-replayed"], second.headers["idempotent-replayed"]) == (
        "false",
        "true",
    )


def test_device_headers_are_required(sandbox: PortalEndpoint) -> None:
    response = httpx.get(f"{sandbox.url}/v1/services", timeout=10)
    assert_problem(response, 401, "device_unauthorized")
    # health stays open so monitoring can reach it
    assert httpx.get(f"{sandbox.url}/v1/health", timeout=10).status_code == 200


def test_boleta_checks_are_rate_limited(http: httpx.Client) -> None:
    body = {"bank": "banrural", "number": "1111111111", "paid_on": "2026-11-01", "amount": "30.00"}
    codes = [http.post("/payments/boletas/verify", json=body).status_code for _ in range(20)]
    assert codes == [422] * 20  # unknown boleta, twenty times
    limited = http.post("/payments/boletas/verify", json=body)
    assert assert_problem(limited, 429, "rate_limited")["retry_after"]
    assert int(limited.headers["retry-after"]) > 0
