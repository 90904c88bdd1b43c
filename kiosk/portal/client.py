"""The kiosk's async client for Portal API v1: one httpx.AsyncClient, one method per endpoint.

Every method returns the shared pydantic models or raises a ``PortalError`` subclass; nothing else
escapes (no httpx exception, no JSON error), so screens map failures to a message in one place.
GETs are retried with backoff on transient faults; POSTs never are (the caller retries with the same
Idempotency-Key, which the portal turns into the same answer instead of a second charge).
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Mapping
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ValidationError

from kiosk import __version__
from kiosk.portal.errors import (
    PortalError,
    PortalNotFound,
    PortalRateLimited,
    PortalRejected,
    PortalTimeout,
    PortalUnauthorized,
    PortalUnavailable,
)
from kiosk.portal.models import (
    Account,
    AccountCreate,
    BoletaCheck,
    BoletaStatus,
    Certificate,
    CriminalRecordRequest,
    CriminalRecordRequestCreate,
    DocumentCheck,
    Health,
    PaymentConcept,
    PaymentOrder,
    PaymentOrderCreate,
    Problem,
    SandboxBackdate,
    SandboxBoleta,
    SandboxBoletaCreate,
    SandboxRevocation,
    ServiceCatalog,
    SessionCreate,
    TrustListEnvelope,
    VisitorSession,
)

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)

RETRY_STATUSES = frozenset({502, 503, 504})
BACKOFF_SECONDS = 0.25  # doubled on each retry of a GET


def new_idempotency_key() -> str:
    return str(uuid.uuid4())


class PortalClient:
    """Talks to one portal; ``transport`` lets tests inject faults a real server cannot make."""

    def __init__(
        self,
        base_url: str,
        *,
        kiosk_id: str,
        kiosk_token: str,
        connect_timeout: float = 3.0,
        read_timeout: float = 10.0,
        retries: int = 2,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.retries = retries
        timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
        self._http = httpx.AsyncClient(
            base_url=f"{self.base_url}/v1",
            timeout=timeout,
            transport=transport,
            headers={
                "X-Kiosk-Id": kiosk_id,
                "X-Kiosk-Token": kiosk_token,
                "User-Agent": f"oj-kiosk/{__version__}",
                "Accept": "application/json",
            },
            follow_redirects=False,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> PortalClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # --- health and catalog -----------------------------------------------------------------

    async def health(self) -> Health:
        return await self._get("/health", Health)

    async def services(self) -> ServiceCatalog:
        return await self._get("/services", ServiceCatalog)

    # --- accounts and sessions --------------------------------------------------------------

    async def create_account(self, data: AccountCreate, *, idempotency_key: str) -> Account:
        return await self._post("/accounts", data, Account, idempotency_key=idempotency_key)

    async def log_in(self, data: SessionCreate) -> VisitorSession:
        return await self._post(
            "/sessions", data, VisitorSession, idempotency_key=new_idempotency_key()
        )

    async def log_out(self, token: str) -> None:
        await self._send("DELETE", "/sessions/current", token=token, retry=False)

    # --- payments ---------------------------------------------------------------------------

    async def verify_boleta(self, data: BoletaCheck) -> BoletaStatus:
        # A check spends nothing, but it is a POST (the slip's data is not put in a URL).
        return await self._post(
            "/payments/boletas/verify", data, BoletaStatus, idempotency_key=new_idempotency_key()
        )

    async def create_payment_order(
        self, concept: PaymentConcept, *, idempotency_key: str
    ) -> PaymentOrder:
        body = PaymentOrderCreate(concept=concept)
        return await self._post(
            "/payment-orders", body, PaymentOrder, idempotency_key=idempotency_key
        )

    async def payment_order(self, order_id: str) -> PaymentOrder:
        return await self._get(f"/payment-orders/{_seg(order_id)}", PaymentOrder)

    async def payment_order_by_reference(self, reference: str) -> PaymentOrder:
        """The order printed with ``reference`` (a visitor back with the slip); the portal
        ignores spaces, dashes and case. ``PortalNotFound`` (payment_order_not_found) if none."""
        return await self._get(f"/payment-orders?reference={_seg(reference)}", PaymentOrder)

    # --- antecedentes penales ---------------------------------------------------------------

    async def request_criminal_record(
        self,
        data: CriminalRecordRequestCreate,
        *,
        idempotency_key: str,
        token: str | None = None,
    ) -> CriminalRecordRequest:
        return await self._post(
            "/criminal-records/requests",
            data,
            CriminalRecordRequest,
            idempotency_key=idempotency_key,
            token=token,
        )

    async def criminal_record_request(self, request_id: str) -> CriminalRecordRequest:
        return await self._get(
            f"/criminal-records/requests/{_seg(request_id)}", CriminalRecordRequest
        )

    async def certificate(self, download_code: str) -> Certificate:
        return await self._get(f"/certificates/{_seg(download_code)}", Certificate)

    # --- verification -----------------------------------------------------------------------

    async def trust_list(self) -> TrustListEnvelope:
        return await self._get("/trust-list", TrustListEnvelope)

    async def document(self, code: str) -> DocumentCheck:
        return await self._get(f"/documents/{_seg(code)}", DocumentCheck)

    # --- sandbox bank simulator (only the sandbox serves these) -----------------------------

    async def sandbox_pay_order(self, reference: str) -> PaymentOrder:
        return await self._post(
            f"/sandbox/bank/payment-orders/{_seg(reference)}/pay",
            None,
            PaymentOrder,
            idempotency_key=new_idempotency_key(),
        )

    async def sandbox_create_boleta(self, data: SandboxBoletaCreate) -> SandboxBoleta:
        return await self._post(
            "/sandbox/bank/boletas",
            data,
            SandboxBoleta,
            idempotency_key=new_idempotency_key(),
        )

    # --- sandbox operator tools (only the sandbox serves these) ------------------------------

    async def sandbox_revoke_document(self, code: str) -> SandboxRevocation:
        return await self._post(
            f"/sandbox/documents/{_seg(code)}/revoke",
            None,
            SandboxRevocation,
            idempotency_key=new_idempotency_key(),
        )

    async def sandbox_revoke_issuer_key(self) -> SandboxRevocation:
        return await self._post(
            "/sandbox/keys/issuer/revoke",
            None,
            SandboxRevocation,
            idempotency_key=new_idempotency_key(),
        )

    async def sandbox_backdate_document(self, code: str, days: int) -> Certificate:
        return await self._post(
            f"/sandbox/documents/{_seg(code)}/backdate",
            SandboxBackdate(days=days),
            Certificate,
            idempotency_key=new_idempotency_key(),
        )

    # --- plumbing ---------------------------------------------------------------------------

    async def _get(self, path: str, model: type[M]) -> M:
        return _parse(await self._send("GET", path, retry=True), model)

    async def _post(
        self,
        path: str,
        body: BaseModel | None,
        model: type[M],
        *,
        idempotency_key: str,
        token: str | None = None,
    ) -> M:
        content = body.model_dump_json(exclude_none=True) if body is not None else "{}"
        response = await self._send(
            "POST",
            path,
            content=content,
            headers={"Idempotency-Key": idempotency_key, "Content-Type": "application/json"},
            token=token,
            retry=False,
        )
        return _parse(response, model)

    async def _send(
        self,
        method: str,
        path: str,
        *,
        retry: bool,
        content: str | None = None,
        headers: Mapping[str, str] | None = None,
        token: str | None = None,
    ) -> httpx.Response:
        all_headers = dict(headers or {})
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        attempts = 1 + (self.retries if retry else 0)
        for attempt in range(attempts):
            started = time.perf_counter()
            try:
                response = await self._http.request(
                    method, path, content=content, headers=all_headers
                )
                _log_call(method, path, response.status_code, started)
                if response.status_code < 400:
                    return response
                raise _error_from(response)
            except PortalError as exc:
                if not (exc.transient and attempt + 1 < attempts) or isinstance(
                    exc, PortalRateLimited
                ):
                    raise
            except httpx.TimeoutException as exc:
                _log_call(method, path, "timeout", started)
                if attempt + 1 >= attempts:
                    raise PortalTimeout(f"{method} {_route(path)}: sin respuesta a tiempo") from exc
            except httpx.HTTPError as exc:
                _log_call(method, path, type(exc).__name__, started)
                if attempt + 1 >= attempts:
                    raise PortalUnavailable(
                        f"{method} {_route(path)}: {type(exc).__name__}"
                    ) from exc
            await asyncio.sleep(BACKOFF_SECONDS * (2**attempt))
        raise AssertionError("unreachable")  # pragma: no cover - the loop always returns or raises


def _parse(response: httpx.Response, model: type[M]) -> M:
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        # A 2xx we cannot read is the portal's fault, not the visitor's: treat it as unavailable.
        raise PortalUnavailable(
            f"respuesta ilegible del portal ({exc.error_count()} errores)"
        ) from None


def _error_from(response: httpx.Response) -> PortalError:
    status = response.status_code
    problem = _problem(response)
    if status >= 500 or problem is None:
        if status >= 500 or status in RETRY_STATUSES:
            return PortalUnavailable(f"el portal respondió {status}")
        problem = Problem(title="Error", status=status, code=f"http_{status}")
    if status == 404:
        return PortalNotFound(problem)
    if status in (401, 403):
        return PortalUnauthorized(problem)
    if status == 429:
        return PortalRateLimited(problem)
    return PortalRejected(problem)


def _problem(response: httpx.Response) -> Problem | None:
    try:
        data: Any = response.json()
        return Problem.model_validate(data)
    except (ValueError, ValidationError):
        return None


def _seg(value: str) -> str:
    """One URL path segment: never lets a typed code add path parts or a query."""
    return quote(value.strip(), safe="")


def _route(path: str) -> str:
    """The route without identifiers, for logs: codes and ids are the visitor's, not the log's."""
    parts = path.split("?", 1)[0].strip("/").split("/")  # a query holds the visitor's data
    keep = {"health", "services", "accounts", "sessions", "current", "payments", "boletas",
            "verify", "payment-orders", "criminal-records", "requests", "certificates",
            "trust-list", "documents", "sandbox", "bank", "pay", "revoke", "keys", "issuer",
            "backdate"}  # fmt: skip
    return "/" + "/".join(part if part in keep else "{id}" for part in parts)


def _log_call(method: str, path: str, outcome: int | str, started: float) -> None:
    elapsed_ms = (time.perf_counter() - started) * 1000
    log.info(
        "portal call",
        extra={
            "method": method,
            "route": _route(path),
            "outcome": outcome,
            "ms": round(elapsed_ms),
        },
    )
