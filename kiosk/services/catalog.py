"""How the home screen groups the services, and the tiles of the portal's services the kiosk does
not serve yet (they open an honest "not here yet" screen). Words are Spanish source text,
translated at display time.

A service module's own tile replaces its planned one here: building a service never needs an
edit to this file (its planned tile may be deleted afterwards as a clean-up).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.services.tile import Tile


@dataclass(frozen=True)
class Category:
    id: str
    title: str


CATEGORIES: tuple[Category, ...] = (
    Category("tramites", "Trámites y constancias"),
    Category("consultar", "Consultar un caso"),
    Category("solicitudes", "Hacer una solicitud"),
    Category("informacion", "Información"),
)

#: catalogue id -> its tile, for the portal's services that have no module in kiosk/services yet
#: (every service of the catalogue has one now; a service the portal adds later starts here)
PLANNED: dict[str, Tile] = {}
