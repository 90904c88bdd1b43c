"""A catalogue service this kiosk does not serve. Every service of the portal's catalogue is
built now, but a portal may list one that a kiosk's version lacks: its tile is then a planned
one that opens the honest «not in this kiosk yet» screen. Tests make one by taking a built
service out of the registry (before the kiosk draws its home screen)."""

from __future__ import annotations

from typing import Any

from kiosk.services import registry

#: the service the tests pretend is not built
NOT_BUILT = "antejuicios"


def pretend_not_built(monkeypatch: Any, service_id: str = NOT_BUILT) -> str:
    service = registry.SERVICES[service_id]
    assert service.tile is not None
    others = {key: value for key, value in registry.SERVICES.items() if key != service_id}
    monkeypatch.setattr(registry, "SERVICES", others)
    monkeypatch.setattr(registry, "PLANNED", {**registry.PLANNED, service_id: service.tile})
    return service_id
