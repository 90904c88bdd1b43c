"""The sandbox portal's FastAPI application: Portal API v1 over a seeded SQLite database."""

from __future__ import annotations

import logging
import secrets
import sqlite3
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk import __version__
from kiosk.portal.endpoint import DECLARED, Endpoint, SessionUse
from kiosk.portal.models import API_VERSION, Problem
from kiosk.sandbox import catalog, fleet_page, problems, services
from kiosk.sandbox.demo import (
    DEMO_ACCOUNT,
    DEMO_ACCOUNT_EMAIL,
    DEMO_ACCOUNT_PASSWORD,
    apply_demo_data,
)
from kiosk.sandbox.guards import IDEMPOTENCY_KEY
from kiosk.sandbox.keyring import Keyring
from kiosk.sandbox.passwords import hash_password
from kiosk.sandbox.problems import PROBLEM_JSON
from kiosk.sandbox.seed import seed_database
from kiosk.sandbox.state import SandboxOptions, SandboxState, get_kiosk
from kiosk.sandbox.store import Database, now

log = logging.getLogger(__name__)

DATABASE_FILE = "portal.sqlite3"
DESCRIPTION = """\
The contract between the OJ courthouse kiosks and the Portal de Servicios Electrónicos.

Served by the embedded sandbox (realistic seeded data); a gateway in front of the real OJ systems
implements the same document. Errors are RFC 9457 problem+json with a stable `code`. Every POST
that creates something or spends a payment takes an `Idempotency-Key`. Every endpoint but
`/v1/health` needs the device headers `X-Kiosk-Id` and `X-Kiosk-Token`; those that take a
visitor's session say so (`Authorization: Bearer`). Types are strict: dates and times are ISO 8601
strings (times with their offset), money a decimal string, digits ASCII; a number is never a
string, a boolean never a number. A request body is at most 64 KiB.
"""


@dataclass(frozen=True)
class SeedInfo:
    seed: int
    created: bool


def open_database(data_dir: Path, seed: int, *, persons: int = 5000) -> tuple[Database, SeedInfo]:
    """Open (and on first start, seed) the sandbox database; refresh the demo data every time."""
    db = Database(data_dir / DATABASE_FILE)
    existing = db.meta("seed")
    today = now().date()
    created = existing is None
    if created:
        with db.transaction() as conn:
            seed_database(conn, seed=seed, anchor=today, persons=persons)
            db.set_meta(conn, "anchor", today.isoformat())
    used_seed = int(db.meta("seed") or seed)
    anchor = date.fromisoformat(db.meta("anchor") or today.isoformat())
    with db.transaction() as conn:
        services.prepare(conn, used_seed, anchor, today, share=services.volume_from_environment())
        apply_demo_data(conn, today)
        _ensure_demo_account(conn)
    return db, SeedInfo(used_seed, created)


def _ensure_demo_account(conn: sqlite3.Connection) -> None:
    if conn.execute("SELECT 1 FROM accounts WHERE dpi = ?", (DEMO_ACCOUNT.dpi,)).fetchone():
        return
    conn.execute(
        "INSERT INTO accounts(id, dpi, email, password_hash, created_at) VALUES (?,?,?,?,?)",
        (
            "acc_" + secrets.token_hex(8),
            DEMO_ACCOUNT.dpi,
            DEMO_ACCOUNT_EMAIL,
            hash_password(DEMO_ACCOUNT_PASSWORD),
            now().isoformat(),
        ),
    )


def create_app(db: Database, data_dir: Path, options: SandboxOptions | None = None) -> FastAPI:
    app = FastAPI(docs_url="/docs", redoc_url=None)
    build_routes(app)
    app.include_router(fleet_page.router)  # /fleet and /fleet.json: the OJ's IT staff's page
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    keyring = Keyring(db, data_dir)
    app.state.sandbox = SandboxState(db=db, keyring=keyring, options=options or SandboxOptions())
    return app


def build_routes(app: FastAPI) -> None:
    """Routes, error handlers and the contract's metadata: all that the OpenAPI document shows."""
    app.title = "Portal de Servicios Electrónicos del OJ: API para quioscos"
    app.version = f"{API_VERSION} ({__version__})"
    app.description = DESCRIPTION
    problems.install(app)
    errors: dict[int | str, dict[str, object]] = {
        "4XX": {"model": Problem, "description": "problem+json with a stable code"},
    }
    # health and the catalog are the portal's own; every other route is a service's
    routers = [catalog.router, *(service.router for service in services.discover())]
    for router in routers:
        app.include_router(router, prefix=f"/{API_VERSION}", responses=errors)
    routes = [route for router in routers for route in router.routes if isinstance(route, APIRoute)]
    app.add_exception_handler(405, method_not_allowed(routes))

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = contract(FastAPI.openapi(app), routes)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def method_not_allowed(routes: Iterable[APIRoute]) -> Callable[..., Awaitable[Response]]:
    """A 405 whose ``Allow`` names the methods of the path (RFC 9110). Starlette names only those
    of the first route that matched (GET and POST /payment-orders are two routes); and where a
    fixed path and a template both match (/detainees/search, /detainees/{id}) the fixed one is
    the resource, as in OpenAPI."""
    table = [
        (compile_path(f"/{API_VERSION}{route.path}")[0], _fixed_segments(route.path), methods)
        for route in routes
        if (methods := route.methods)
    ]

    async def handler(request: Request, exc: Exception) -> Response:
        path = request.url.path
        matches = [(fixed, methods) for regex, fixed, methods in table if regex.match(path)]
        best = max((fixed for fixed, _methods in matches), default=0)
        allowed = {m for fixed, methods in matches if fixed == best for m in methods}
        problem = problems.ApiProblem(405, "method_not_allowed", "Ese método no existe aquí.")
        return problem.response({"Allow": ", ".join(sorted(allowed))})

    return handler


def _fixed_segments(template: str) -> int:
    return sum(1 for part in template.split("/") if part and "{" not in part)


# --- the request body limit -----------------------------------------------------------------------

#: far above any request of the contract (a criminal-record request is under 1 KiB)
MAX_BODY_BYTES = 64 * 1024


class BodyLimit:
    """ASGI middleware: a request body over ``limit`` bytes gets 413 problem+json. A declared
    Content-Length over it is refused before a byte is read; a chunked body is counted as it
    comes and refused at the chunk that passes the limit. What passes is handed on whole, so
    no handler ever holds more than ``limit`` bytes of a request."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client left: nobody to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()  # after the body only a disconnect can come
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        problem = problems.ApiProblem(
            413,
            "body_too_large",
            f"La solicitud pasa de {self.limit // 1024} KiB.",
        )
        # the rest of the body is never read: the connection cannot carry another request
        await problem.response({"Connection": "close"})(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the server refuses a malformed one before we are called
    return None


# --- the contract: what every operation needs and may answer ----------------------------------

SECURITY_SCHEMES: dict[str, dict[str, str]] = {
    "KioskId": {
        "type": "apiKey",
        "in": "header",
        "name": "X-Kiosk-Id",
        "description": "The kiosk's id, as enrolled at the portal. Sent with `X-Kiosk-Token`.",
    },
    "KioskToken": {
        "type": "apiKey",
        "in": "header",
        "name": "X-Kiosk-Token",
        "description": "The kiosk's device token (a secret), enrolled with its id.",
    },
    "VisitorSession": {
        "type": "http",
        "scheme": "bearer",
        "description": "A visitor's session (`token` of `POST /v1/sessions`), good only on the "
        "kiosk that opened it and until it expires or the visit ends.",
    },
}
_DEVICE: dict[str, list[str]] = {"KioskId": [], "KioskToken": []}
_SECURITY: dict[SessionUse, list[dict[str, list[str]]]] = {
    "none": [_DEVICE],
    "optional": [{**_DEVICE, "VisitorSession": []}, _DEVICE],
    "required": [{**_DEVICE, "VisitorSession": []}],
}
_PROBLEM = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
_FASTAPI_VALIDATION = ("HTTPValidationError", "ValidationError")


def contract(document: dict[str, Any], routes: Iterable[APIRoute]) -> dict[str, Any]:
    """FastAPI's document, completed with what the routes' signatures cannot say: the device
    and session security, the Idempotency-Key header, and every error as problem+json.
    ``routes`` are the routers' own (their paths without the /v1 prefix)."""
    components = document.setdefault("components", {})
    components["securitySchemes"] = SECURITY_SCHEMES
    schemas = components.setdefault("schemas", {})
    for name in _FASTAPI_VALIDATION:  # FastAPI's own 422 body: ours is a Problem
        schemas.pop(name, None)
    for route in routes:
        for method in route.methods or ():
            endpoint = declared_endpoint(method, route.path_format)
            operation = document["paths"][f"/{API_VERSION}{route.path_format}"][method.lower()]
            _complete(operation, endpoint, device=uses_device_auth(route))
    _standard_bounds(document)
    return document


# pydantic writes a bound it cannot fold into the core schema (one after a BeforeValidator, as on
# `Integer`) under its own name, which JSON Schema does not know: a client generated from the
# contract would drop it.
_JSON_SCHEMA_BOUNDS = {
    "ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum",
}  # fmt: skip


def _standard_bounds(node: Any) -> None:
    """Renames those bounds to JSON Schema's keywords in every numeric schema of ``node``."""
    if isinstance(node, dict):
        if node.get("type") in ("integer", "number"):
            for name, keyword in _JSON_SCHEMA_BOUNDS.items():
                if isinstance(node.get(name), int | float) and keyword not in node:
                    node[keyword] = node.pop(name)
        for value in node.values():
            _standard_bounds(value)
    elif isinstance(node, list):
        for value in node:
            _standard_bounds(value)


def declared_endpoint(method: str, path: str) -> Endpoint[BaseModel]:
    """The ``kiosk.portal`` declaration of a route (its path under /v1): every route has one,
    which the kiosk's client calls."""
    for endpoint in DECLARED:
        if endpoint.method == method and endpoint.path == path:
            return endpoint
    raise LookupError(f"{method} {path} has no Endpoint in kiosk.portal.models")


def uses_device_auth(route: APIRoute) -> bool:
    """Whether the route depends on the device headers (``KioskId``, anywhere in its tree)."""
    pending = list(route.dependant.dependencies)
    while pending:
        dependency = pending.pop()
        if dependency.call is get_kiosk:
            return True
        pending.extend(dependency.dependencies)
    return False


def _complete(operation: dict[str, Any], endpoint: Endpoint[BaseModel], *, device: bool) -> None:
    responses: dict[str, Any] = operation["responses"]
    for status, response in responses.items():
        if status[0] in "45":
            response["content"] = _PROBLEM
    responses["4XX"] = _problem("Refused: problem+json with a stable `code`.")
    responses["5XX"] = _problem("The portal failed: problem+json, never HTML or a trace.")
    if "requestBody" in operation or operation.get("parameters"):
        responses["422"] = _problem(
            "Invalid input (`invalid_input`, `field` names it) or a rule of the service "
            "(`code` says which)."
        )
    if "requestBody" in operation:
        responses["413"] = _problem(
            f"The body is over {MAX_BODY_BYTES // 1024} KiB (`body_too_large`)."
        )
    if endpoint.needs_idempotency_key:
        _require_idempotency_key(operation)
    if device:
        operation["security"] = _SECURITY[endpoint.session]
        unauthorized = "The device headers are missing, or the kiosk is not enrolled."
        if endpoint.session != "none":
            unauthorized += " A visitor session that is bad, expired or another kiosk's."
        responses["401"] = _problem(unauthorized)
        responses["429"] = _problem(
            "Too many requests from this kiosk (or for this DPI, login or code), or the "
            "portal is busy: wait `Retry-After` seconds."
        )
        responses["429"]["headers"] = {
            "Retry-After": {
                "description": "seconds to wait before trying again",
                "required": True,
                "schema": {"type": "integer", "minimum": 0},
            }
        }


def _require_idempotency_key(operation: dict[str, Any]) -> None:
    operation.setdefault("parameters", []).append(
        {
            "name": "Idempotency-Key",
            "in": "header",
            "required": True,
            "description": "The same key (with the same request) answers the same, without "
            "doing it twice; a new key for a new request.",
            "schema": {"type": "string", "pattern": IDEMPOTENCY_KEY.pattern},
        }
    )
    operation["responses"]["400"] = _problem(
        "Missing or malformed `Idempotency-Key` (`idempotency_key_required`)."
    )
    for status, response in operation["responses"].items():
        if status.startswith("2"):
            response["headers"] = {
                "Idempotent-Replayed": {
                    "description": "`true` when this is the stored answer to an earlier "
                    "request with the same key",
                    "required": True,
                    "schema": {"type": "string", "enum": ["true", "false"]},
                }
            }


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": _PROBLEM}
