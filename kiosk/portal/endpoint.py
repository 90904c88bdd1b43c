"""A declared portal endpoint: method, path template and the model it answers with.

Each service's models module (``kiosk.portal.models.<service>``) declares its endpoints once; the
kiosk's client calls them (``PortalClient.call``) and the sandbox mounts its routes on the same
templates, so the two cannot drift. Logs name an endpoint by its template only: the values that
fill it (a case number, a download code) are the visitor's, never the log's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar
from urllib.parse import quote

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
Method = Literal["GET", "POST", "PUT", "DELETE"]
#: a visitor's session (``Authorization: Bearer``): not looked at, taken when sent, or required
SessionUse = Literal["none", "optional", "required"]

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")

#: every endpoint declared so far, for log redaction of paths built outside ``call``
DECLARED: list[Endpoint[BaseModel]] = []


@dataclass(frozen=True)
class Endpoint(Generic[M]):
    method: Method
    path: str  # a template under /v1: "/labor-cases/{case_id}"
    model: type[M]
    #: a POST that creates or spends: it must carry an Idempotency-Key (meaningless on a GET)
    idempotent: bool = True
    #: whether the call takes a visitor's session; the OpenAPI document declares it
    session: SessionUse = "none"
    _pattern: re.Pattern[str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not self.path.startswith("/") or "?" in self.path:
            raise ValueError(f"an endpoint path is a template without a query: {self.path!r}")
        parts = _PLACEHOLDER.split(self.path)
        regex = "".join("[^/]+" if i % 2 else re.escape(part) for i, part in enumerate(parts))
        object.__setattr__(self, "_pattern", re.compile(f"^{regex}$"))
        DECLARED.append(self)  # type: ignore[arg-type]

    @property
    def params(self) -> tuple[str, ...]:
        return tuple(_PLACEHOLDER.findall(self.path))

    def url(self, **values: str) -> str:
        """The path with each placeholder filled by one escaped segment (a typed code can never
        add path parts or a query)."""
        if set(values) != set(self.params):
            raise ValueError(f"{self.path} takes {self.params}, got {tuple(values)}")
        return _PLACEHOLDER.sub(lambda m: segment(values[m.group(1)]), self.path)

    def matches(self, path: str) -> bool:
        return self._pattern.match(path) is not None

    @property
    def needs_idempotency_key(self) -> bool:
        return self.method == "POST" and self.idempotent

    @property
    def name(self) -> str:
        """How logs name it: ``GET /labor-cases/{case_id}``."""
        return f"{self.method} {self.path}"


def segment(value: str) -> str:
    """One URL path segment: never lets a typed code add path parts or a query."""
    return quote(value.strip(), safe="")


def route_of(method: str, path: str) -> str:
    """The template of a concrete path, for logs; ``/{unknown}`` when no endpoint declares it
    (the query is dropped: it holds the visitor's data)."""
    bare = "/" + path.split("?", 1)[0].strip("/")
    for endpoint in DECLARED:
        if endpoint.method == method and endpoint.matches(bare):
            return endpoint.path
    for endpoint in DECLARED:  # the same path under another method (a 405 from the portal)
        if endpoint.matches(bare):
            return endpoint.path
    return "/{unknown}"
