"""Every error the sandbox returns is RFC 9457 problem+json with a stable ``code``: never HTML,
never a stack trace, whatever went wrong (bad JSON, unknown route, a bug in a handler)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"

TITLES = {
    400: "Solicitud incorrecta",
    401: "No autorizado",
    403: "Prohibido",
    404: "No encontrado",
    405: "Método no permitido",
    409: "Conflicto",
    413: "Contenido demasiado grande",
    422: "Datos no válidos",
    429: "Demasiados intentos",
    500: "Error interno",
    503: "Servicio no disponible",
}


class ApiProblem(Exception):
    """Raised by handlers; turned into problem+json by the app's exception handler."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        field: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.detail = detail
        self.field = field
        self.retry_after = retry_after

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": "about:blank",
            "title": TITLES.get(self.status, "Error"),
            "status": self.status,
            "code": self.code,
            "detail": self.detail,
        }
        if self.field:
            body["field"] = self.field
        if self.retry_after is not None:
            body["retry_after"] = self.retry_after
        return body

    def response(self, headers: Mapping[str, str] | None = None) -> JSONResponse:
        """The problem+json answer; ``headers`` adds to it (``Allow`` on a 405)."""
        all_headers = dict(headers or {})
        if self.retry_after is not None:
            all_headers["Retry-After"] = str(self.retry_after)
        return JSONResponse(self.body(), self.status, headers=all_headers, media_type=PROBLEM_JSON)


def install(app: FastAPI) -> None:
    async def on_problem(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiProblem)
        return exc.response()

    async def on_validation(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        first = exc.errors()[0] if exc.errors() else {}
        loc = [str(part) for part in first.get("loc", ()) if part not in ("body", "query", "path")]
        field = ".".join(loc) or None
        detail = (
            f"Revise el dato «{field}»." if field else "La solicitud no tiene el formato esperado."
        )
        return ApiProblem(422, "invalid_input", detail, field=field).response()

    async def on_http(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        detail = "No existe ese recurso." if exc.status_code == 404 else str(exc.detail)
        # the headers it carries are part of the answer (a 405's Allow, RFC 9110)
        return ApiProblem(exc.status_code, code, detail).response(exc.headers)

    async def on_crash(_: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error in handler: %s", type(exc).__name__)
        return ApiProblem(500, "internal_error", "Error interno del portal.").response()

    app.add_exception_handler(ApiProblem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_crash)
