"""The Debian package, built once per test session with `packaging/build-deb.sh` (what
`make package` runs), and a second version of it for the upgrade."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from deb_build import BUILD, control_field, run, upgraded


@pytest.fixture(scope="session")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/oj-kiosk_<version>_<arch>.deb, built from this checkout with the dependency versions
    of the venv the tests run in (as the Makefile does)."""
    out = tmp_path_factory.mktemp("dist")
    constraints = out / "constraints.txt"
    frozen = run(sys.executable, "-m", "pip", "freeze", "--exclude-editable")
    constraints.write_text(frozen.stdout)
    started = time.monotonic()
    built = run(BUILD, "--out", out, env=dict(os.environ, KIOSK_DEB_CONSTRAINTS=str(constraints)))
    print(f"build-deb.sh: {time.monotonic() - started:.1f} s\n{built.stdout}")
    (package,) = out.glob("oj-kiosk_*.deb")
    return package


@pytest.fixture(scope="session")
def deb_upgrade(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same package as a newer version whose shipped kiosk.toml also changed (a new default),
    so the upgrade has to keep the technician's edited copy."""
    work = tmp_path_factory.mktemp("upgrade")
    tree = work / "tree"
    run("dpkg-deb", "--raw-extract", deb, tree)
    control = tree / "DEBIAN" / "control"
    text = control.read_text()
    version = control_field(text, "Version")
    control.write_text(text.replace(f"Version: {version}", f"Version: {upgraded(version)}"))
    config = tree / "etc" / "oj-kiosk" / "kiosk.toml"
    config.write_text(config.read_text() + "\n# Nuevo en esta versión.\n")
    package = work / deb.name.replace(version, upgraded(version))
    run("dpkg-deb", "--root-owner-group", "-Zzstd", "-z1", "--build", tree, package)
    return package
