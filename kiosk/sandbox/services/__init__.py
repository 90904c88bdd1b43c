"""One module per portal service the sandbox serves, mirroring ``kiosk/services``.

Each module ``kiosk/sandbox/services/<name>.py`` defines ``SERVICE``, a ``SandboxService``: its
router (mounted under /v1 on the paths its ``kiosk.portal.models.<service>`` endpoints declare),
the SQL of its tables, and a deterministic seeder. ``sandbox/app.py`` iterates them: adding a
service to the sandbox is adding its module here, nothing else. Helpers live outside this package
(``kiosk/sandbox/payments.py``, ``labor_data.py``, ...): every module here must be a service.

The foundation's services (cuenta, pagos, antecedentes-penales, verificar-documento,
herramientas) define a router only: their tables are shared (accounts, documents, boletas...) and
stay in ``schema.sql``, which every ``Database`` opener applies (the CLI's tools too), and their
data is ``seed.py``'s and ``demo.py``'s, whose values the README documents.

A seeder runs once per data directory and ``seed_version``: bump the version and an existing
sandbox drops the service's rows (``tables``) and seeds them again at its next start.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import random
import sqlite3
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import cache

from fastapi import APIRouter

#: (connection inside a transaction, a random generator seeded for this service, the anchor date
#: every date is relative to: the day the sandbox was first seeded)
Seeder = Callable[[sqlite3.Connection, random.Random, date], None]
#: (connection inside a transaction, today): keeps the documented demo data true at every start
#: (a demo hearing stays in the coming weeks however old the data folder is)
Refresher = Callable[[sqlite3.Connection, date], None]


#: The environment variable a test sets for a sandbox that only needs to run, not to be big: the
#: share of the real volume each seeder generates (the documented demo records always come).
VOLUME_VARIABLE = "OJ_SANDBOX_VOLUME"
_VOLUME: ContextVar[float] = ContextVar("volume", default=1.0)


def volume(count: int) -> int:
    """``count`` at the volume this sandbox is seeded at (the real one unless a test asked)."""
    return max(1, round(count * _VOLUME.get()))


def volume_from_environment() -> float:
    try:
        share = float(os.environ.get(VOLUME_VARIABLE, "1"))
    except ValueError:
        return 1.0
    return share if 0 < share <= 1 else 1.0


@dataclass(frozen=True)
class SandboxService:
    #: the catalogue id of the kiosk service it serves ("expedientes-laborales"); a plain name
    #: ("pagos", "herramientas") for what no tile is. Unique: it keys the seed and the rng.
    name: str
    router: APIRouter
    schema: str = ""  # CREATE TABLE/INDEX IF NOT EXISTS ...
    tables: tuple[str, ...] = ()  # what a reseed empties, children first
    seed: Seeder | None = None
    seed_version: str = "1"
    refresh: Refresher | None = None

    def rng(self, seed: int) -> random.Random:
        """The service's own generator: adding a service never changes another one's data."""
        return random.Random(f"{seed}:{self.name}")


@cache
def discover() -> tuple[SandboxService, ...]:
    """Every ``SERVICE`` in this package, in module-name order."""
    found: list[SandboxService] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        service = getattr(module, "SERVICE", None)
        if not isinstance(service, SandboxService):
            raise TypeError(f"{module.__name__} defines no SERVICE (a SandboxService)")
        found.append(service)
    names = [service.name for service in found]
    if len(set(names)) != len(names):
        raise ValueError(f"sandbox services repeat a name: {names}")
    return tuple(found)


def prepare(
    conn: sqlite3.Connection, seed: int, anchor: date, today: date, *, share: float = 1.0
) -> None:
    """Create every service's tables, seed those not seeded at their current version (and
    volume: a small test sandbox is seeded again at full volume), and refresh every service's
    demo data to ``today``."""
    token = _VOLUME.set(share)
    try:
        _prepare(conn, seed, anchor, today, share)
    finally:
        _VOLUME.reset(token)


def _prepare(conn: sqlite3.Connection, seed: int, anchor: date, today: date, share: float) -> None:
    for service in discover():
        if service.schema:
            for statement in service.schema.split(";"):
                if statement.strip():
                    conn.execute(statement)
        if service.seed is None:
            continue
        key = f"seed:{service.name}"
        version = service.seed_version if share == 1 else f"{service.seed_version}@{share:g}"
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is not None and row[0] == version:
            continue
        for table in service.tables:
            conn.execute(f"DELETE FROM {table}")  # noqa: S608 - names from the module itself
        service.seed(conn, service.rng(seed), anchor)
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, version),
        )
    for service in discover():
        if service.refresh is not None:
            service.refresh(conn, today)
