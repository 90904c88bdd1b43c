"""Health and the service catalog: the portal's own routes, no service's (``services/`` holds
those), mounted by ``app.build_routes`` before every service's router."""

from __future__ import annotations

from fastapi import APIRouter

from kiosk import __version__
from kiosk.portal.catalog import SERVICES
from kiosk.portal.models import Health, ServiceCatalog, ServiceStatus
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
