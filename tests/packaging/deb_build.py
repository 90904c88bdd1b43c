"""Helpers for the package tests: the checkout, the build script, commands that must succeed."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "packaging" / "build-deb.sh"
UPGRADE_VERSION_SUFFIX = "+upgrade1"
# The units' own command line; the tests run it from the installed tree.
KIOSK = "/opt/oj-kiosk/venv/bin/kiosk"


def run(*command: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """A command that must succeed; its output is in the assertion message when it does not."""
    done = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        check=False,
        **kwargs,  # type: ignore[call-overload]
    )
    assert done.returncode == 0, f"{command}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def upgraded(version: str) -> str:
    return version + UPGRADE_VERSION_SUFFIX


def control_field(control: str, name: str) -> str:
    for line in control.splitlines():
        if line.startswith(f"{name}:"):
            return line.partition(":")[2].strip()
    raise AssertionError(f"no {name} in control:\n{control}")


def at_final_path(tree: Path, *command: str | Path) -> list[str]:
    """`command` in a private mount namespace where /opt/oj-kiosk is the tree's: the paths the
    units and shebangs name are then real, and nothing changes on this machine."""
    script = (
        'mount -t tmpfs oj-kiosk-test /opt && mkdir /opt/oj-kiosk && mount --bind "$0" '
        '/opt/oj-kiosk && exec "$@"'
    )
    unshare = ["unshare", "--mount"]
    if os.geteuid() != 0:
        unshare.insert(1, "--map-root-user")
    return [*unshare, "sh", "-c", script, str(tree / "opt" / "oj-kiosk"), *map(str, command)]


def unit_settings(unit: Path) -> dict[str, dict[str, list[str]]]:
    """section -> key -> every value (Environment= and After= repeat)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for line in unit.read_text().splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
        elif line and not line.startswith("#"):
            key, _, value = line.partition("=")
            current.setdefault(key, []).append(value)
    return sections
