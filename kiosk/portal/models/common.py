"""What every part of Portal API v1 shares: money, DPI and email types, the base model, problem
details, health and the service catalog."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.strict import DIGITS, Integer, IsoDateTime
from kiosk.portal.models.strict import Money as Money  # where the services import it from

API_VERSION = "v1"

Dpi = Annotated[str, Field(pattern=rf"^{DIGITS}{{13}}$", examples=["2456789050101"])]
Email = Annotated[str, Field(min_length=3, max_length=254)]


class ApiModel(BaseModel):
    """Every request and answer: unknown fields refused, and strict: a number is never a string,
    a bool never a number. Dates, times, money, integers and enums use the types of
    ``kiosk.portal.models.strict``.

    ``defer_build``: a model's validator is built when it is first used, not when its module is
    imported (some 60 ms of the kiosk's start-up for the ~140 models, before the home paints)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


# --- errors ---------------------------------------------------------------------------------------


class Problem(ApiModel):
    """RFC 9457 problem details; ``code`` is stable and the kiosk maps it to its own message."""

    model_config = ConfigDict(extra="allow", frozen=True)

    type: str = "about:blank"
    title: str
    status: Integer
    code: str
    detail: str | None = None
    field: str | None = None
    retry_after: Integer | None = None


# --- search ---------------------------------------------------------------------------------------


class ExcerptPart(ApiModel):
    """A piece of a search result's excerpt: ``marked`` when these words matched the search
    (the kiosk draws them bold and underlined). Excerpts are lists of parts, in order."""

    text: str = Field(max_length=2000)
    marked: bool = False


# --- health and catalog ---------------------------------------------------------------------------


class Health(ApiModel):
    status: Literal["ok"] = "ok"
    version: str
    api: str = API_VERSION
    time: IsoDateTime
    sandbox: bool = False


class ServiceStatus(ApiModel):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    available: bool
    reason: str | None = Field(default=None, description="why it is unavailable, in Spanish")
    requires_login: bool = False


class ServiceCatalog(ApiModel):
    services: list[ServiceStatus]


class NoContent(ApiModel):
    """What an endpoint that answers 204 gives back."""


class Availability(ApiModel):
    available: bool
    reason: str | None = Field(default=None, max_length=200)


HEALTH = Endpoint("GET", "/health", Health)
SERVICES = Endpoint("GET", "/services", ServiceCatalog)
#: sandbox only: mark a service (un)available
SANDBOX_SET_AVAILABILITY = Endpoint("PUT", "/sandbox/services/{service_id}", ServiceStatus)
