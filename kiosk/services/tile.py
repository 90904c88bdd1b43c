"""A service's tile on the home screen (kept apart from kiosk.services.base so that home can be
painted from ``kiosk.services.home_tiles`` without importing the services)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tile:
    label: str  # short words on the tile (Spanish source)
    icon: str  # file name in resources/icons, without .svg
    category: str  # kiosk.services.catalog.CATEGORIES
    order: int = 100  # place within its category
    featured: bool = False  # first and larger, above the categories


@dataclass(frozen=True)
class HomeTile:
    """A tile on the home screen: a built service's, or a planned one's."""

    service: str  # the catalogue id it opens (``tile.<service>``)
    availability_id: str  # whose availability the portal reports
    tile: Tile
    built: bool
