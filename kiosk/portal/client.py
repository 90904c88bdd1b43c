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

import httpx
from pydantic import BaseModel, ValidationError

from kiosk import __version__
from kiosk.portal.endpoint import Endpoint
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
    ServiceCatalog,
    SessionCreate,
    TrustListEnvelope,
    VisitorSession,
    accounts,
    common,
    criminal_records,
    payments,
    verification,
)
from kiosk.portal.models.staff import STAFF_TOKEN_HEADER

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

    def set_staff_token(self, token: str | None) -> None:
        """A desk's signed-in clerk: every call carries ``X-Staff-Token`` (None: no more)."""
        if token:
            self._http.headers[STAFF_TOKEN_HEADER] = token
        else:
            self._http.headers.pop(STAFF_TOKEN_HEADER, None)

    @property
    def has_staff_token(self) -> bool:
        return STAFF_TOKEN_HEADER in self._http.headers

    def forget_cookies(self) -> None:
        """The end of a visit: no cookie a portal set rides on the next visitor's calls."""
        self._http.cookies.clear()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> PortalClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # --- any declared endpoint ---------------------------------------------------------------

    async def call(
        self,
        endpoint: Endpoint[M],
        *,
        path: Mapping[str, str] | None = None,
        query: Mapping[str, str | int | None] | None = None,
        body: BaseModel | None = None,
        token: str | None = None,
        idempotency_key: str | None = None,
        staff_token: str | None = None,
    ) -> M:
        """Call ``endpoint`` with its path placeholders filled from ``path``. GETs are retried on
        transient faults; a POST that creates (``endpoint.idempotent``) needs ``idempotency_key``
        (the same one on a retry, so the portal answers instead of creating twice).
        ``staff_token``: this call's clerk, instead of the one ``set_staff_token`` gave."""
        url = endpoint.url(**dict(path or {}))
        params = {k: str(v) for k, v in (query or {}).items() if v is not None}
        headers: dict[str, str] = {STAFF_TOKEN_HEADER: staff_token} if staff_token else {}
        content: str | None = None
        if endpoint.method in ("POST", "PUT"):
            content = body.model_dump_json(exclude_none=True) if body is not None else "{}"
            headers["Content-Type"] = "application/json"
        if endpoint.method == "POST":
            if endpoint.idempotent and not idempotency_key:
                raise ValueError(f"{endpoint.name} needs an Idempotency-Key")
            headers["Idempotency-Key"] = idempotency_key or new_idempotency_key()
        response = await self._send(
            endpoint.method,
            url,
            route=endpoint.path,
            params=params,
            content=content,
            headers=headers,
            token=token,
            retry=endpoint.method == "GET",
        )
        if response.status_code == 204:
            return endpoint.model.model_validate({})
        return _parse(response, endpoint.model)

    # --- health and catalog -----------------------------------------------------------------

    async def health(self) -> Health:
        return await self.call(common.HEALTH)

    async def services(self) -> ServiceCatalog:
        return await self.call(common.SERVICES)

    # --- accounts and sessions --------------------------------------------------------------

    async def create_account(self, data: AccountCreate, *, idempotency_key: str) -> Account:
        return await self.call(accounts.CREATE_ACCOUNT, body=data, idempotency_key=idempotency_key)

    async def log_in(self, data: SessionCreate) -> VisitorSession:
        return await self.call(accounts.LOG_IN, body=data, idempotency_key=new_idempotency_key())

    async def log_out(self, token: str) -> None:
        await self.call(accounts.LOG_OUT, token=token)

    # --- payments ---------------------------------------------------------------------------

    async def verify_boleta(self, data: BoletaCheck) -> BoletaStatus:
        # A check spends nothing, but it is a POST (the slip's data is not put in a URL).
        return await self.call(
            payments.VERIFY_BOLETA, body=data, idempotency_key=new_idempotency_key()
        )

    async def create_payment_order(
        self, concept: PaymentConcept, *, idempotency_key: str
    ) -> PaymentOrder:
        body = PaymentOrderCreate(concept=concept)
        return await self.call(
            payments.CREATE_PAYMENT_ORDER, body=body, idempotency_key=idempotency_key
        )

    async def payment_order(self, order_id: str) -> PaymentOrder:
        return await self.call(payments.PAYMENT_ORDER, path={"order_id": order_id})

    async def payment_order_by_reference(self, reference: str) -> PaymentOrder:
        """The order printed with ``reference`` (a visitor back with the slip); the portal
        ignores spaces, dashes and case. ``PortalNotFound`` (payment_order_not_found) if none."""
        return await self.call(
            payments.PAYMENT_ORDER_BY_REFERENCE, query={"reference": reference.strip()}
        )

    # --- antecedentes penales -------------------------------------------------------------------

    async def request_criminal_record(
        self,
        data: CriminalRecordRequestCreate,
        *,
        idempotency_key: str,
        token: str | None = None,
    ) -> CriminalRecordRequest:
        return await self.call(
            criminal_records.REQUEST_CRIMINAL_RECORD,
            body=data,
            idempotency_key=idempotency_key,
            token=token,
        )

    async def criminal_record_request(self, request_id: str) -> CriminalRecordRequest:
        return await self.call(
            criminal_records.CRIMINAL_RECORD_REQUEST, path={"request_id": request_id}
        )

    async def certificate(self, download_code: str) -> Certificate:
        return await self.call(criminal_records.CERTIFICATE, path={"download_code": download_code})

    # --- verification -----------------------------------------------------------------------

    async def trust_list(self) -> TrustListEnvelope:
        return await self.call(verification.TRUST_LIST)

    async def document(self, code: str) -> DocumentCheck:
        return await self.call(verification.DOCUMENT, path={"code": code})

    # --- plumbing ---------------------------------------------------------------------------

    async def _send(
        self,
        method: str,
        path: str,
        *,
        route: str,
        retry: bool,
        params: Mapping[str, str] | None = None,
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
                    method, path, params=params or None, content=content, headers=all_headers
                )
                _log_call(method, route, response.status_code, started)
                if response.status_code < 400:
                    return response
                raise _error_from(response)
            except PortalError as exc:
                if not (exc.transient and attempt + 1 < attempts) or isinstance(
                    exc, PortalRateLimited
                ):
                    raise
            except httpx.TimeoutException as exc:
                _log_call(method, route, "timeout", started)
                if attempt + 1 >= attempts:
                    raise PortalTimeout(f"{method} {route}: sin respuesta a tiempo") from exc
            except httpx.HTTPError as exc:
                _log_call(method, route, type(exc).__name__, started)
                if attempt + 1 >= attempts:
                    raise PortalUnavailable(f"{method} {route}: {type(exc).__name__}") from exc
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


def _log_call(method: str, route: str, outcome: int | str, started: float) -> None:
    elapsed_ms = (time.perf_counter() - started) * 1000
    log.info(
        "portal call",
        extra={
            "method": method,
            "route": route,
            "outcome": outcome,
            "ms": round(elapsed_ms),
        },
    )
