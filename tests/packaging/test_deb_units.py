"""The systemd units as installed: `systemd-analyze verify` passes with nothing to say, with the
kiosk's venv at its real path (/opt/oj-kiosk from the package, in a private mount namespace), and
they say what the kiosk and the desk need."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from deb_build import KIOSK, at_final_path, run, unit_settings

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

SYSTEM_UNIT = "usr/lib/systemd/system/oj-kiosk.service"
USER_UNIT = "usr/lib/systemd/user/oj-kiosk-desk.service"


@pytest.fixture(scope="module")
def tree(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("units")
    run("dpkg-deb", "--extract", deb, tree)
    return tree


def verify(tree: Path, unit: str, *options: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        at_final_path(tree, "systemd-analyze", *options, "verify", tree / unit),
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_the_kiosk_unit_verifies_cleanly(tree: Path) -> None:
    assert verify(tree, SYSTEM_UNIT) == ""


def test_the_desk_unit_verifies_cleanly(tree: Path, tmp_path: Path) -> None:
    # A user unit is verified by a user manager, which wants a runtime folder of its own.
    env = dict(os.environ, XDG_RUNTIME_DIR=str(tmp_path))
    assert verify(tree, USER_UNIT, "--user", env=env) == ""


def test_the_kiosk_unit_runs_cage_on_tty1_with_the_watchdog(tree: Path) -> None:
    unit = unit_settings(tree / SYSTEM_UNIT)
    service = unit["Service"]
    assert service["Type"] == ["notify"]
    assert service["NotifyAccess"] == ["all"]  # the kiosk is cage's child, not the main PID
    assert int(service["WatchdogSec"][0]) > 0
    assert service["User"] == ["oj-kiosk"]
    assert service["PAMName"] == ["login"]
    assert service["TTYPath"] == ["/dev/tty1"]
    assert service["Restart"] == ["always"]
    assert service["ProtectSystem"] == ["strict"]
    # cage's Wayland socket lives in /run/user/UID: nothing may hide it or make it read-only.
    assert "ProtectHome" not in service
    assert service["ReadWritePaths"] == ["-/run/user"]
    exec_start = service["ExecStart"][0].split()
    assert exec_start[0] == "/usr/bin/cage"
    assert exec_start[-2:] == ["--", KIOSK]
    environment = set(service["Environment"])
    assert {"KIOSK_CONFIG=/etc/oj-kiosk/kiosk.toml", "QT_QPA_PLATFORM=wayland"} <= environment
    assert {"XDG_DATA_HOME=/var/lib", "XDG_CACHE_HOME=/var/cache"} <= environment
    assert "getty@tty1.service" in unit["Unit"]["Conflicts"]
    assert unit["Install"]["WantedBy"] == ["graphical.target"]


def test_every_cage_flag_the_unit_uses_exists_in_this_cage(tree: Path) -> None:
    flags = [
        arg
        for arg in unit_settings(tree / SYSTEM_UNIT)["Service"]["ExecStart"][0].split()[1:]
        if arg.startswith("-") and arg != "--"
    ]
    cage_help = subprocess.run(["cage", "-h"], capture_output=True, text=True, check=False)
    usage = cage_help.stdout + cage_help.stderr
    assert flags
    for flag in flags:
        assert f" {flag}\t" in usage or f" {flag} " in usage, (flag, usage)


def test_the_desk_unit_is_a_window_in_the_clerks_session(tree: Path) -> None:
    unit = unit_settings(tree / USER_UNIT)
    service = unit["Service"]
    assert service["Type"] == ["notify"]
    assert service["ExecStart"][0].split()[0] == KIOSK
    assert "--windowed" in service["ExecStart"][0]
    assert "KIOSK_KIOSK__MODE=desk" in service["Environment"]
    assert service["Restart"] == ["on-failure"]
    # The desk's data stays in the clerk's ~/.local/share/oj-kiosk: no XDG overrides, no User=.
    assert not any(value.startswith("XDG_") for value in service["Environment"])
    assert "User" not in service
    assert unit["Unit"]["PartOf"] == ["graphical-session.target"]
    assert "graphical-session.target" in unit["Unit"]["After"]
    assert unit["Install"]["WantedBy"] == ["graphical-session.target"]
