"""The home screen paints from kiosk.services.home_tiles (a table written by `make tiles`) before
the services are imported; the table must be exactly what the registry says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.services import home_tiles, registry

ROOT = Path(__file__).resolve().parents[2]


def test_the_table_is_what_the_registry_says() -> None:
    assert registry.home_tiles() == home_tiles.HOME_TILES, "run `make tiles`"
    written = (ROOT / registry.HOME_TILES_MODULE).read_text(encoding="utf-8")
    assert written == registry.home_tiles_source(), "run `make tiles`"


def test_painting_home_needs_no_service_module() -> None:
    """What the first paint imports for its tiles: the table, not the services."""
    probe = (
        "import sys; import kiosk.ui.screens.home, kiosk.services.home_tiles; "
        "loaded = [m for m in sys.modules if m.startswith('kiosk.services.')]; print(loaded)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert "kiosk.services.registry" not in out
    assert "kiosk.services.criminal_record" not in out
