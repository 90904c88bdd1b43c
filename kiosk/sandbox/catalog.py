"""Health and the service catalog (and the sandbox switch that marks a service unavailable)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import Field

from kiosk import __version__
from kiosk.portal.catalog import SERVICE_IDS, SERVICES
from kiosk.portal.models import ApiModel, Health, ServiceCatalog, ServiceStatus
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import now

router = APIRouter()


@router.get("/health", response_model=Health, tags=["health"])
def health() -> Health:
    return Health(version=__version__, time=now(), sandbox=True)


@router.get("/services", response_model=ServiceCatalog, tags=["catalog"])
def services(state: State, _: KioskId) -> ServiceCatalog:
    return ServiceCatalog(
        services=[
            ServiceStatus(
                id=service.id,
                available=service.id not in state.unavailable,
                reason=state.unavailable.get(service.id),
                requires_login=service.requires_login,
            )
            for service in SERVICES
        ]
    )


class Availability(ApiModel):
    available: bool
    reason: str | None = Field(default=None, max_length=200)


@router.put("/sandbox/services/{service_id}", response_model=ServiceStatus, tags=["sandbox"])
def set_availability(
    service_id: str, body: Availability, state: State, _: KioskId
) -> ServiceStatus:
    """Sandbox only: mark a service (un)available, to try how the kiosk shows it."""
    if service_id not in SERVICE_IDS:
        raise ApiProblem(404, "service_not_found", "No existe ese servicio.")
    if body.available:
        state.unavailable.pop(service_id, None)
    else:
        state.unavailable[service_id] = body.reason or "Servicio en mantenimiento."
    return ServiceStatus(
        id=service_id,
        available=body.available,
        reason=state.unavailable.get(service_id),
    )
