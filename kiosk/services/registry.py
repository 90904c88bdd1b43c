"""Every service the kiosk offers, collected from the modules of ``kiosk.services`` (each defines
``SERVICE``) and checked once at import: unique ids, flow graphs, every action step's action
present, every document a step names printable, every tile in the portal's catalogue.

The shared parts of the kiosk read their tables from here: the home screen's tiles, the screens'
names, the print path (``printout(kind)``) and the controller a tile opens.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Iterable, Mapping

import kiosk.services
from kiosk.flows.model import ActionStep, ConfirmationStep, InfoStep
from kiosk.portal.catalog import SERVICE_IDS
from kiosk.portal.catalog import SERVICES as PORTAL_SERVICES
from kiosk.services.base import Printout, Service
from kiosk.services.catalog import CATEGORIES, PLANNED
from kiosk.services.tile import HomeTile


class RegistryError(ValueError):
    """The services do not fit together (a programming error, caught by the first import)."""


#: the modules of kiosk.services that are its machinery, not services
MACHINERY = frozenset(
    {
        "base",
        "catalog",
        "registry",
        "printer",
        "record_paper",
        "receipt_paper",
        "visit_login",
        "tile",
        "home_tiles",
    }
)


def discover() -> dict[str, Service]:
    """Every ``SERVICE`` among the modules and packages of kiosk.services."""
    found: dict[str, Service] = {}
    for info in pkgutil.iter_modules(kiosk.services.__path__):
        if info.name in MACHINERY:
            continue
        module = importlib.import_module(f"kiosk.services.{info.name}")
        service = getattr(module, "SERVICE", None)
        if not isinstance(service, Service):
            raise RegistryError(f"{module.__name__} defines no SERVICE (a Service)")
        if service.id in found:
            raise RegistryError(f"service id {service.id!r} is declared twice")
        found[service.id] = service
    return found


def validate(services: Mapping[str, Service], catalogue: Iterable[str]) -> None:
    """Raise RegistryError naming every way the services do not fit together."""
    known = set(catalogue)
    problems: list[str] = []
    kinds: dict[str, str] = {}
    categories = {category.id for category in CATEGORIES}
    for service in services.values():
        for printout in service.printouts:
            if printout.kind in kinds:
                problems.append(
                    f"document {printout.kind!r} is printed by {kinds[printout.kind]!r} "
                    f"and {service.id!r}"
                )
            kinds[printout.kind] = service.id
    for service in services.values():
        if service.availability_id not in known:
            problems.append(f"{service.id!r} follows {service.availability_id!r}, not a service")
        if service.tile is not None and service.tile.category not in categories:
            problems.append(f"{service.id!r}: no category {service.tile.category!r}")
        if (service.flow is None) == (service.screen is None):
            problems.append(f"{service.id!r} needs either a flow or its own screen")
        if service.flow is None:
            continue
        if service.flow.id != service.id:
            problems.append(f"{service.id!r}: its flow is called {service.flow.id!r}")
        try:
            service.flow.validate_graph()
        except ValueError as error:
            problems.append(str(error))
        for step in service.flow.steps:
            if isinstance(step, ActionStep) and step.action not in service.actions:
                problems.append(f"{service.id!r}: no action {step.action!r} (step {step.id!r})")
            document = step.document if isinstance(step, InfoStep | ConfirmationStep) else None
            if document is not None and document not in kinds:
                problems.append(f"{service.id!r}: step {step.id!r} prints unknown {document!r}")
    for service_id, tile in PLANNED.items():
        if service_id not in known:
            problems.append(f"planned tile {service_id!r} is not in the portal's catalogue")
        if tile.category not in categories:
            problems.append(f"planned tile {service_id!r}: no category {tile.category!r}")
    if problems:
        raise RegistryError("; ".join(problems))


SERVICES: dict[str, Service] = discover()
validate(SERVICES, SERVICE_IDS)
_PRINTOUTS: dict[str, Printout] = {p.kind: p for s in SERVICES.values() for p in s.printouts}


def service(service_id: str) -> Service:
    try:
        return SERVICES[service_id]
    except KeyError:
        raise LookupError(f"no service {service_id!r}") from None


def printout(kind: str) -> Printout:
    try:
        return _PRINTOUTS[kind]
    except KeyError:
        raise LookupError(f"no service prints {kind!r}") from None


def home_tiles() -> tuple[HomeTile, ...]:
    """Built services' tiles and the planned ones of catalogue services not built yet, featured
    first, then by category and order."""
    tiles = [
        HomeTile(s.id, s.availability_id, s.tile, built=True)
        for s in SERVICES.values()
        if s.tile is not None
    ]
    served = {s.id for s in SERVICES.values()}
    tiles += [
        HomeTile(info.id, info.id, PLANNED[info.id], built=False)
        for info in PORTAL_SERVICES
        if info.id not in served and info.id in PLANNED
    ]
    rank = {category.id: i for i, category in enumerate(CATEGORIES)}
    return tuple(
        sorted(tiles, key=lambda t: (not t.tile.featured, rank[t.tile.category], t.tile.order))
    )


HOME_TILES_MODULE = "kiosk/services/home_tiles.py"


def home_tiles_source() -> str:
    """The text of ``kiosk.services.home_tiles``: ``home_tiles()`` as a table the home screen
    paints from without importing the services (``make tiles`` writes it; a test compares)."""
    lines = [
        '"""The home screen\'s tiles, written by `make tiles` from kiosk.services.registry:',
        "the kiosk paints its home from this table before it imports the services (start-up).",
        'Do not edit: tests/services/test_home_tiles.py fails if it differs from the registry."""',
        "",
        "from kiosk.services.tile import HomeTile, Tile",
        "",
        "HOME_TILES: tuple[HomeTile, ...] = (",
    ]
    for home in home_tiles():
        tile = home.tile
        lines += [
            "    HomeTile(",
            f"        service={_quoted(home.service)},",
            f"        availability_id={_quoted(home.availability_id)},",
            "        tile=Tile(",
            f"            label={_quoted(tile.label)},",
            f"            icon={_quoted(tile.icon)},",
            f"            category={_quoted(tile.category)},",
            f"            order={tile.order!r},",
            f"            featured={tile.featured!r},",
            "        ),",
            f"        built={home.built!r},",
            "    ),",
        ]
    lines.append(")")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_home_tiles(root: str = ".") -> None:
    """``make tiles``: writes ``kiosk/services/home_tiles.py`` (in a checkout)."""
    from pathlib import Path

    (Path(root) / HOME_TILES_MODULE).write_text(home_tiles_source(), encoding="utf-8")
