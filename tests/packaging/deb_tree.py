"""A clean Debian system tree for the package to be installed into with `dpkg --root`: a bookworm
system's user database (base-passwd's masters, shadow files, the groups udev adds) and a dpkg
database that knows what this machine has installed (the package's dependencies). dpkg runs the
maintainer scripts chrootless (DPKG_ROOT), exactly the code paths of a real install."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from deb_build import run

USER = "oj-kiosk"
CONFIG = "etc/oj-kiosk/kiosk.toml"


def clean_tree(tree: Path) -> Path:
    etc = tree / "etc"
    etc.mkdir(parents=True)
    shutil.copy("/usr/share/base-passwd/passwd.master", etc / "passwd")
    shutil.copy("/usr/share/base-passwd/group.master", etc / "group")
    shutil.copy("/etc/login.defs", etc / "login.defs")
    run("systemd-sysusers", f"--root={tree}", "--inline", "g input -", "g render -")  # udev's
    run("pwconv", "--root", tree)
    run("grpconv", "--root", tree)
    admin = tree / "var" / "lib" / "dpkg"
    for folder in ("info", "updates", "triggers"):
        (admin / folder).mkdir(parents=True)
    shutil.copy("/var/lib/dpkg/status", admin / "status")
    (admin / "available").touch()
    for folder in ("etc/systemd/system", "var/lib/systemd", "var/cache"):
        (tree / folder).mkdir(parents=True)
    return tree


def dpkg(tree: Path, *args: str | Path) -> str:
    env = dict(os.environ, PATH="/usr/sbin:/usr/bin:/sbin:/bin")
    done = run(
        "dpkg", f"--root={tree}", "--force-script-chrootless", "--force-confold", *args, env=env
    )
    return done.stdout + done.stderr


def account(tree: Path, database: str, name: str) -> list[str] | None:
    for line in (tree / "etc" / database).read_text().splitlines():
        fields = line.split(":")
        if fields[0] == name:
            return fields
    return None


@dataclass
class RunPlace:
    """Where an installed kiosk runs as its own user: folders it can reach (pytest's own are
    root's only), the shipped config readable by its group as in /etc, and a real notify socket
    as systemd gives a Type=notify unit."""

    base: Path
    uid: int
    gid: int
    env: dict[str, str]
    notify: socket.socket

    @property
    def as_kiosk(self) -> list[str]:
        return ["setpriv", f"--reuid={self.uid}", f"--regid={self.gid}", "--clear-groups"]

    def messages(self) -> list[str]:
        """Every notify message received so far (each may hold several lines)."""
        self.notify.setblocking(False)
        received = []
        with contextlib.suppress(BlockingIOError):
            while True:
                received.append(self.notify.recv(4096).decode())
        return received


def run_place(tree: Path, request: pytest.FixtureRequest) -> RunPlace:
    user = account(tree, "passwd", USER)
    assert user is not None
    uid, gid = int(user[2]), int(user[3])
    base = Path(tempfile.mkdtemp(prefix="oj-kiosk-run-"))
    request.addfinalizer(lambda: shutil.rmtree(base))
    base.chmod(0o755)
    home = base / "state"
    for folder in ("lib", "cache", "runtime"):
        (home / folder).mkdir(parents=True)
        os.chown(home / folder, uid, gid)
    (home / "runtime").chmod(0o700)
    config = base / "kiosk.toml"
    shutil.copy(tree / CONFIG, config)
    os.chown(config, 0, gid)
    config.chmod(0o640)
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    request.addfinalizer(notify.close)
    notify.bind(str(base / "notify"))
    (base / "notify").chmod(0o666)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home / "lib"),
        "KIOSK_CONFIG": str(config),
        "XDG_DATA_HOME": str(home / "lib"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "KIOSK_PORTAL__SANDBOX_DATA_DIR": str(home / "lib" / "oj-kiosk" / "sandbox"),
        "OJ_SANDBOX_VOLUME": "0.02",  # the demo records only: seeds in a second
        # WATCHDOG_PID is cage's under the unit: the kiosk must not insist it is its own
        "NOTIFY_SOCKET": str(base / "notify"),
        "WATCHDOG_USEC": "30000000",
        "WATCHDOG_PID": "1",
    }
    return RunPlace(base, uid, gid, env, notify)
