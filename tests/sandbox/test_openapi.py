"""The committed contract (docs/openapi.json) is what the sandbox serves: any drift fails. And what
it declares is what the routes do: every error problem+json, the device headers everywhere but
/v1/health, a visitor's session where a route reads one, an Idempotency-Key where a route needs
one, and the body size limit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import CodeType
from typing import Any

import httpx
from fastapi.routing import APIRoute

from kiosk.embedded_portal import PortalEndpoint
from kiosk.sandbox import catalog, services
from kiosk.sandbox.cli import openapi_document
from kiosk.sandbox.guards import IDEMPOTENCY_KEY

COMMITTED = Path(__file__).parents[2] / "docs" / "openapi.json"
HINT = "the API changed: run `make openapi` and commit docs/openapi.json"


def test_served_contract_matches_the_committed_file(sandbox: PortalEndpoint) -> None:
    served = httpx.get(f"{sandbox.url}/openapi.json", timeout=10).json()
    assert served == json.loads(COMMITTED.read_text(encoding="utf-8")), HINT


def test_exported_contract_matches_the_committed_file() -> None:
    assert openapi_document() == json.loads(COMMITTED.read_text(encoding="utf-8")), HINT


def test_contract_covers_the_foundation_endpoints() -> None:
    paths = openapi_document()["paths"]
    assert isinstance(paths, dict)
    for path in (
        "/v1/health", "/v1/services", "/v1/accounts", "/v1/sessions", "/v1/sessions/current",
        "/v1/payments/boletas/verify", "/v1/payment-orders", "/v1/payment-orders/{order_id}",
        "/v1/criminal-records/requests", "/v1/criminal-records/requests/{request_id}",
        "/v1/certificates/{download_code}", "/v1/trust-list", "/v1/documents/{code}",
        "/v1/sandbox/bank/payment-orders/{reference}/pay", "/v1/sandbox/bank/boletas",
    ):  # fmt: skip
        assert path in paths, path


PYDANTIC_BOUNDS = ("ge", "le", "gt", "lt")


def schemas_with_numbers(node: object, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object of the document whose type is integer or number, with its place."""
    if isinstance(node, dict):
        if node.get("type") in ("integer", "number"):
            yield where, node
        for key, value in node.items():
            yield from schemas_with_numbers(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from schemas_with_numbers(value, f"{where}[{index}]")


def test_bounds_are_json_schema_keywords_a_generator_understands() -> None:
    """pydantic writes a bound it cannot fold into the core schema (after a BeforeValidator,
    as on `Integer`) as `ge`/`le`, which JSON Schema does not know: a client generated from the
    contract would drop the bound. The contract says minimum/maximum."""
    document = openapi_document()
    unknown = [
        f"{where}/{key}"
        for where, schema in schemas_with_numbers(document)
        for key in PYDANTIC_BOUNDS
        if key in schema
    ]
    assert unknown == []
    schemas = document["components"]["schemas"]  # type: ignore[index]
    department = schemas["DepartmentFacilitators"]["properties"]["department"]
    assert (department["minimum"], department["maximum"]) == (1, 22)
    first_unpaid = schemas["AgreementSummary"]["properties"]["first_unpaid"]["anyOf"][0]
    assert (first_unpaid["minimum"], first_unpaid["maximum"]) == (1, 60)


# --- what the document declares is what the routes do ------------------------------------------

METHODS = ("get", "post", "put", "delete")


def operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    paths = openapi_document()["paths"]
    assert isinstance(paths, dict)
    for path, item in paths.items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def service_routes() -> Iterator[tuple[str, str, APIRoute]]:
    """(path in the document, method, route) of every route the sandbox mounts."""
    for router in [catalog.router, *(service.router for service in services.discover())]:
        for route in router.routes:
            assert isinstance(route, APIRoute)
            for method in route.methods:
                yield f"/v1{route.path}", method.lower(), route


def names_used(code: CodeType) -> set[str]:
    """Every global or attribute name a function's code (and the functions in it) refers to."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, CodeType):
            names |= names_used(const)
    return names


def test_every_error_is_problem_json() -> None:
    for path, method, operation in operations():
        for status, response in operation["responses"].items():
            if status[0] in "45":
                assert set(response["content"]) == {"application/problem+json"}, (path, method)
                schema = response["content"]["application/problem+json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}
    schemas = openapi_document()["components"]["schemas"]  # type: ignore[index]
    assert "HTTPValidationError" not in schemas and "Problem" in schemas


def test_every_route_but_health_declares_the_device_headers() -> None:
    schemes = openapi_document()["components"]["securitySchemes"]  # type: ignore[index]
    assert schemes["KioskId"] == {**schemes["KioskId"], "type": "apiKey", "in": "header",
                                  "name": "X-Kiosk-Id"}  # fmt: skip
    assert schemes["KioskToken"]["name"] == "X-Kiosk-Token"
    assert schemes["VisitorSession"] == {**schemes["VisitorSession"], "type": "http",
                                         "scheme": "bearer"}  # fmt: skip
    for path, method, operation in operations():
        responses = operation["responses"]
        if path == "/v1/health":
            assert "security" not in operation and "401" not in responses
            continue
        assert operation["security"], (path, method)
        for alternative in operation["security"]:
            assert {"KioskId", "KioskToken"} <= set(alternative), (path, method)
        assert "401" in responses, (path, method)
        retry_after = responses["429"]["headers"]["Retry-After"]
        assert retry_after["required"] and retry_after["schema"]["type"] == "integer"


def test_the_visitor_session_is_declared_where_a_route_reads_it() -> None:
    document = openapi_document()["paths"]
    assert isinstance(document, dict)
    declared_somewhere = False
    for path, method, route in service_routes():
        security = document[path][method].get("security", [])
        with_session = [alt for alt in security if "VisitorSession" in alt]
        reads = "visitor_account" in names_used(route.endpoint.__code__)
        assert reads == bool(with_session), f"{method} {path}: reads the session: {reads}"
        declared_somewhere |= reads
        if path == "/v1/sessions/current":  # logging out needs the session it ends
            assert with_session == security
    assert declared_somewhere


def test_the_idempotency_key_is_declared_where_a_route_needs_it() -> None:
    document = openapi_document()["paths"]
    assert isinstance(document, dict)
    needing = set()
    for path, method, route in service_routes():
        operation = document[path][method]
        keys = [p for p in operation.get("parameters", []) if p["name"] == "Idempotency-Key"]
        needs = "idempotency" in names_used(route.endpoint.__code__)
        assert bool(keys) == needs, f"{method} {path}: takes an Idempotency-Key: {needs}"
        if needs:
            needing.add(f"{method} {path}")
            assert keys[0]["in"] == "header" and keys[0]["required"]
            assert keys[0]["schema"]["pattern"] == IDEMPOTENCY_KEY.pattern
            assert "400" in operation["responses"]
            success = next(r for s, r in operation["responses"].items() if s.startswith("2"))
            assert success["headers"]["Idempotent-Replayed"]["required"]
    assert {"post /v1/accounts", "post /v1/payment-orders",
            "post /v1/criminal-records/requests"} <= needing  # fmt: skip


def test_a_route_with_a_body_declares_the_size_limit() -> None:
    with_body = [(p, m, op) for p, m, op in operations() if "requestBody" in op]
    assert with_body
    for path, method, operation in with_body:
        assert "413" in operation["responses"], (path, method)
        assert "64 KiB" in operation["responses"]["413"]["description"]
