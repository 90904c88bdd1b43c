"""Install, upgrade, remove and purge the package in a clean Debian system tree, then run the
installed kiosk.

The tree starts as a bookworm system's user database (base-passwd's masters, shadow files, the
groups udev adds) and a dpkg database that knows what this machine has installed (the package's
dependencies). dpkg installs into it with --root and runs the maintainer scripts chrootless
(DPKG_ROOT), exactly the code paths of a real install. Needs root, as CI has.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from deb_build import KIOSK, at_final_path, control_field, run, upgraded
from deb_tree import CONFIG, USER, account, clean_tree, dpkg, run_place

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),
    pytest.mark.skipif(os.geteuid() != 0, reason="dpkg --root and chown need root, as in CI"),
]

QUEUED = "var/lib/oj-kiosk/audit.sqlite3"
# shadow keeps a copy of the previous user database in these on every change (on any Debian
# system): they are the machine's files, not ours.
SHADOW_BACKUPS = {"etc/passwd-", "etc/group-", "etc/shadow-", "etc/gshadow-", "etc/.pwd.lock"}
DPKG_OWN = ("var/lib/dpkg/", "var/log/dpkg.log")


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
    place = run_place(tree, request)
    env = place.env | {"QT_QPA_PLATFORM": "offscreen"}
    marker = time.time()
    done = subprocess.run(
        at_final_path(tree, *place.as_kiosk, KIOSK, "--windowed", "--quit-after-start"),
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd="/",  # as systemd starts a system service
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "embedded sandbox ready" in done.stderr
    # the unit's data folder was used
    assert Path(env["KIOSK_PORTAL__SANDBOX_DATA_DIR"]).is_dir()
    messages = place.messages()
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
