"""The committed contract (docs/openapi.json) is what the sandbox serves: any drift fails."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from kiosk.embedded_portal import PortalEndpoint
from kiosk.sandbox.cli import openapi_document

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
