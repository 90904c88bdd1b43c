"""Install, upgrade, remove and purge the package in a clean Debian system tree, then run the
installed kiosk.

The tree starts as a bookworm system's user database (base-passwd's masters, shadow files, the
groups udev adds) and a dpkg database that knows what this machine has installed (the package's
dependencies). dpkg installs into it with --root and runs the maintainer scripts chrootless
(DPKG_ROOT), exactly the code paths of a real install. Needs root, as CI has.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from deb_build import KIOSK, at_final_path, control_field, run, upgraded

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),
    pytest.mark.skipif(os.geteuid() != 0, reason="dpkg --root and chown need root, as in CI"),
]

USER = "oj-kiosk"
CONFIG = "etc/oj-kiosk/kiosk.toml"
QUEUED = "var/lib/oj-kiosk/audit.sqlite3"
# shadow keeps a copy of the previous user database in these on every change (on any Debian
# system): they are the machine's files, not ours.
SHADOW_BACKUPS = {"etc/passwd-", "etc/group-", "etc/shadow-", "etc/gshadow-", "etc/.pwd.lock"}
DPKG_OWN = ("var/lib/dpkg/", "var/log/dpkg.log")


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


def snapshot(tree: Path) -> dict[str, tuple[int, int, int, bytes]]:
    """path -> (mode, uid, gid, content or link target) of everything but dpkg's own records."""
    state = {}
    for path in sorted(tree.rglob("*")):
        name = str(path.relative_to(tree))
        if name in SHADOW_BACKUPS or name.startswith(DPKG_OWN):
            continue
        info = path.lstat()
        if path.is_symlink():
            body = os.readlink(path).encode()
        elif path.is_file():
            body = path.read_bytes()
        else:
            body = b""
        state[name] = (info.st_mode, info.st_uid, info.st_gid, body)
    return state


def account(tree: Path, database: str, name: str) -> list[str] | None:
    for line in (tree / "etc" / database).read_text().splitlines():
        fields = line.split(":")
        if fields[0] == name:
            return fields
    return None


def installed_version(tree: Path) -> str:
    return run("dpkg-query", f"--root={tree}", "-W", "-f=${Version}", "oj-kiosk").stdout


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return clean_tree(tmp_path_factory.mktemp("system") / "root")


def test_install_upgrade_remove_purge(tree: Path, deb: Path, deb_upgrade: Path) -> None:
    before = snapshot(tree)
    version = control_field(run("dpkg-deb", "--field", deb).stdout, "Version")

    # Install: the user, its folders, the config readable by it only, the unit enabled.
    dpkg(tree, "--install", deb)
    assert installed_version(tree) == version
    user = account(tree, "passwd", USER)
    assert user is not None
    uid, gid, home, shell = int(user[2]), int(user[3]), user[5], user[6]
    assert uid < 1000 and home == "/var/lib/oj-kiosk" and shell == "/usr/sbin/nologin"
    group = account(tree, "group", USER)
    assert group is not None and int(group[2]) == gid
    for extra in ("video", "input", "render"):
        member_of = account(tree, "group", extra)
        assert member_of is not None and USER in member_of[3].split(","), extra
    for folder in ("var/lib/oj-kiosk", "var/cache/oj-kiosk"):
        info = (tree / folder).stat()
        assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (uid, gid, 0o750), folder
    config = (tree / CONFIG).stat()
    assert (config.st_uid, config.st_gid, config.st_mode & 0o777) == (0, gid, 0o640)
    wants = tree / "etc/systemd/system/graphical.target.wants/oj-kiosk.service"
    assert os.readlink(wants) == "/usr/lib/systemd/system/oj-kiosk.service"

    # The technician edits the config; the kiosk has audit entries waiting to be sent.
    edited = (tree / CONFIG).read_text().replace('location = ""', 'location = "Sala 3, nivel 2"')
    assert "Sala 3" in edited
    (tree / CONFIG).write_text(edited)
    queue = sqlite3.connect(tree / QUEUED)
    with queue:
        queue.execute("create table pending (id integer primary key, entry text)")
        queue.executemany("insert into pending (entry) values (?)", [("a",), ("b",), ("c",)])
    queue.close()
    os.chown(tree / QUEUED, uid, gid)
    queued = (tree / QUEUED).read_bytes()

    # Upgrade to a version whose shipped config changed: the edit and the queue stay.
    output = dpkg(tree, "--install", deb_upgrade)
    assert installed_version(tree) == upgraded(version)
    assert (tree / CONFIG).read_text() == edited, output
    assert (tree / f"{CONFIG}.dpkg-dist").exists()  # the new default, beside it, for comparison
    assert (tree / QUEUED).read_bytes() == queued
    upgraded_user = account(tree, "passwd", USER)
    assert upgraded_user is not None and int(upgraded_user[2]) == uid

    # Remove: the program goes, config, data and the user stay.
    dpkg(tree, "--remove", "oj-kiosk")
    assert not (tree / "opt" / "oj-kiosk").exists()
    assert not (tree / "usr/lib/systemd/system/oj-kiosk.service").exists()
    assert (tree / CONFIG).read_text() == edited
    assert (tree / QUEUED).read_bytes() == queued
    assert account(tree, "passwd", USER) is not None

    # Purge: nothing of ours remains; the tree is as it was before the install.
    dpkg(tree, "--purge", "oj-kiosk")
    after = snapshot(tree)
    assert sorted(set(after) ^ set(before)) == []
    changed = [name for name in before if before[name] != after[name]]
    assert changed == []


def test_the_installed_kiosk_starts_as_its_user_with_the_packaged_config(
    deb: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The venv at /opt/oj-kiosk (a private mount of an installed tree), run by its shebang as an
    unprivileged user with the unit's environment and the shipped kiosk.toml: it starts its
    embedded test portal, paints the home screen, tells systemd READY=1 and exits 0; and writes no
    byte-code under /opt."""
    tree = clean_tree(tmp_path / "root")
    dpkg(tree, "--install", deb)
    user = account(tree, "passwd", USER)
    assert user is not None
    uid, gid = int(user[2]), int(user[3])
    # Folders the kiosk's user can reach (pytest's own are root's only).
    base = Path(tempfile.mkdtemp(prefix="oj-kiosk-run-"))
    request.addfinalizer(lambda: shutil.rmtree(base))
    base.chmod(0o755)
    home = base / "state"
    for folder in ("lib", "cache", "runtime"):
        (home / folder).mkdir(parents=True)
        os.chown(home / folder, uid, gid)
    (home / "runtime").chmod(0o700)
    # The shipped config, readable by the kiosk's group, as in /etc.
    config = base / "kiosk.toml"
    shutil.copy(tree / CONFIG, config)
    os.chown(config, 0, gid)
    config.chmod(0o640)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home / "lib"),
        "KIOSK_CONFIG": str(config),
        "XDG_DATA_HOME": str(home / "lib"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "KIOSK_PORTAL__SANDBOX_DATA_DIR": str(home / "lib" / "oj-kiosk" / "sandbox"),
        "QT_QPA_PLATFORM": "offscreen",
        "OJ_SANDBOX_VOLUME": "0.02",  # the demo records only: seeds in a second
    }
    # The unit's Type=notify: a real notify socket, as systemd would give (WATCHDOG_PID is cage's).
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    request.addfinalizer(notify.close)
    notify.bind(str(base / "notify"))
    (base / "notify").chmod(0o666)
    env |= {"NOTIFY_SOCKET": str(base / "notify"), "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}
    as_kiosk = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups"]
    marker = time.time()
    done = subprocess.run(
        at_final_path(tree, *as_kiosk, KIOSK, "--windowed", "--quit-after-start"),
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd="/",  # as systemd starts a system service
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "embedded sandbox ready" in done.stderr
    assert (home / "lib" / "oj-kiosk" / "sandbox").is_dir()  # the unit's data folder was used
    notify.setblocking(False)
    messages = []
    with contextlib.suppress(BlockingIOError):
        while True:
            messages.append(notify.recv(4096).decode())
    assert any("READY=1" in message.splitlines() for message in messages), messages
    # As root too (a technician's shell): `oj-kiosk check-config` reads the packaged config and
    # writes nothing under /opt, because every module's byte-code is in the package.
    checked = subprocess.run(
        at_final_path(tree, KIOSK, "check-config"),
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd="/",
    )
    assert checked.returncode == 0, checked.stderr
    assert '"mode": "kiosk"' in checked.stdout
    written = [
        p for p in (tree / "opt").rglob("*") if p.lstat().st_mtime > marker and not p.is_dir()
    ]
    assert written == []
    dpkg(tree, "--purge", "oj-kiosk")
