"""What the .deb carries, read with dpkg-deb: control facts, the conffile, the units, a venv with
the kiosk and its resources fixed to /opt/oj-kiosk, byte-code the package owns, no project tests,
no secrets, every file root's."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
from pathlib import Path
from types import ModuleType

import pytest
from deb_build import ROOT, control_field, run

import kiosk

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

VENV = "opt/oj-kiosk/venv"
SITE = f"{VENV}/lib/python3.11/site-packages"


@pytest.fixture(scope="module")
def extracted(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("contents")
    run("dpkg-deb", "--raw-extract", deb, tree)
    return tree


@pytest.fixture(scope="module")
def listing(deb: Path) -> list[tuple[str, str, str]]:
    """(mode, owner/group, path) of every member, from `dpkg-deb --contents`."""
    rows = []
    for line in run("dpkg-deb", "--contents", deb).stdout.splitlines():
        mode, owner, _size, _date, _time, path, *_link = line.split(maxsplit=6)
        rows.append((mode, owner, path.removeprefix("./")))
    return rows


def test_control_names_the_package_version_and_what_it_needs(deb: Path) -> None:
    info = run("dpkg-deb", "--info", deb).stdout
    control = run("dpkg-deb", "--field", deb).stdout
    arch = run("dpkg", "--print-architecture").stdout.strip()
    assert control_field(control, "Package") == "oj-kiosk"
    assert control_field(control, "Version") == kiosk.__version__
    assert control_field(control, "Architecture") == arch
    assert deb.name == f"oj-kiosk_{kiosk.__version__}_{arch}.deb"
    depends = {dep.strip().split()[0] for dep in control_field(control, "Depends").split(",")}
    assert {"python3.11", "cage", "systemd", "passwd", "cups-client", "libzbar0"} <= depends
    # Debian's cage will not start without /usr/bin/Xwayland and does not depend on it
    # (packaging/check-clean-install.sh found it; tests/packaging/test_deb_cage.py runs cage).
    assert "xwayland" in depends
    assert int(control_field(control, "Installed-Size")) > 50_000  # KiB: a whole venv
    for script in ("postinst", "prerm", "postrm", "conffiles"):
        assert script in info


def test_the_config_is_a_conffile_made_from_the_example(extracted: Path) -> None:
    assert (extracted / "DEBIAN" / "conffiles").read_text().split() == ["/etc/oj-kiosk/kiosk.toml"]
    shipped = (extracted / "etc" / "oj-kiosk" / "kiosk.toml").read_text()
    example = (ROOT / "resources" / "kiosk.example.toml").read_text()
    assert shipped.endswith(example)
    assert 'token = ""' in shipped  # no device token ships in the package


def test_files_are_root_owned_and_none_writable_by_others(
    listing: list[tuple[str, str, str]],
) -> None:
    assert {owner for _mode, owner, _path in listing} == {"root/root"}
    writable = [path for mode, _owner, path in listing if mode[8] == "w" and mode[0] != "l"]
    assert writable == []


def test_units_config_and_the_venv_are_where_the_units_expect_them(
    listing: list[tuple[str, str, str]],
) -> None:
    paths = {path for _mode, _owner, path in listing}
    assert {
        "usr/lib/systemd/system/oj-kiosk.service",
        "usr/lib/systemd/user/oj-kiosk-desk.service",
        "etc/oj-kiosk/kiosk.toml",
        "usr/share/doc/oj-kiosk/README.md",
        "usr/bin/oj-kiosk",
        f"{VENV}/bin/kiosk",
        f"{VENV}/bin/python",
        f"{VENV}/pyvenv.cfg",
        f"{SITE}/kiosk/__init__.py",
        f"{SITE}/kiosk/resources/kiosk.example.toml",
    } <= paths
    for folder in ("icons", "fonts", "i18n", "sandbox"):
        assert any(path.startswith(f"{SITE}/kiosk/resources/{folder}/") for path in paths), folder


def test_no_project_tests_no_dev_tools_no_stray_data(listing: list[tuple[str, str, str]]) -> None:
    paths = [path for _mode, _owner, path in listing]
    unwanted = re.compile(
        r"/site-packages/(tests|pytest|_pytest|mypy|ruff|hypothesis|schemathesis|pip|setuptools)/"
        r"|/conftest\.py$|\.sqlite3$|/kiosk\.egg-info/|/bin/pip3?$|QtWebEngine|Qt63D|Quick3D"
        r"|Designer"
    )
    assert [path for path in paths if unwanted.search(path)] == []


def test_byte_code_is_shipped_complete_and_never_rechecked(extracted: Path) -> None:
    """Each module has its unchecked-hash .pyc in the package (dpkg owns and removes it; the
    kiosk never writes under /opt), compiled for the final path, not the staging folder."""
    site = extracted / SITE
    sources = [p for p in site.rglob("*.py") if "__pycache__" not in p.parts]
    missing = [
        src
        for src in sources
        if not (src.parent / "__pycache__" / f"{src.stem}.cpython-311.pyc").exists()
    ]
    assert missing == []
    pyc = site / "kiosk" / "__pycache__" / "app.cpython-311.pyc"
    data = pyc.read_bytes()
    assert int.from_bytes(data[4:8], "little") == 0b01  # hash-based, check_source off
    assert f"/{SITE}/kiosk/app.py".encode() in data
    assert b"/tmp/" not in data


def test_the_venv_points_at_its_final_path_only(extracted: Path) -> None:
    venv = extracted / VENV
    for script in (venv / "bin").iterdir():
        if script.is_file() and not script.is_symlink() and script.read_bytes()[:2] == b"#!":
            assert script.read_text().splitlines()[0] == "#!/opt/oj-kiosk/venv/bin/python", script
    assert "\nVIRTUAL_ENV=/opt/oj-kiosk/venv\n" in (venv / "bin" / "activate").read_text()
    pythons = {link.name: os.readlink(link) for link in (venv / "bin").glob("python*")}
    assert pythons == {
        "python": "python3.11",
        "python3": "python3.11",
        "python3.11": "/usr/bin/python3.11",  # Debian's, which the package depends on
    }
    leaks = subprocess.run(
        ["grep", "-rlI", "-e", "oj-kiosk-deb.", "-e", str(ROOT), str(extracted)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert leaks.stdout == ""


def test_no_private_keys_or_developer_data(extracted: Path) -> None:
    """No key material (a PEM block with its body: not the parsers' marker strings, not certifi's
    public CA bundle), no database, no dotenv file."""
    key = re.compile(rb"-----BEGIN [A-Z ]*PRIVATE KEY-----\r?\n[A-Za-z0-9+/=]{40}")
    files = [p for p in extracted.rglob("*") if p.is_file() and not p.is_symlink()]
    assert [p for p in files if key.search(p.read_bytes())] == []
    assert [p for p in files if p.suffix in {".sqlite3", ".db", ".key"}] == []
    assert [p for p in files if p.name == ".env"] == []


def test_pruned_qt_still_has_every_library_its_parts_load(extracted: Path) -> None:
    needed = prune_module().needed
    qt = extracted / SITE / "PySide6" / "Qt"
    present = {p.name for p in (qt / "lib").iterdir()}
    elves = [p for p in (extracted / SITE / "PySide6").rglob("*.so*") if p.is_file()]
    missing = {
        f"{elf.name} -> {name}"
        for elf in elves
        for name in needed(elf)
        if name.startswith("libQt6") and name not in present
    }
    assert missing == set()
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert {"libqwayland.so", "libqxcb.so", "libqoffscreen.so"} <= platforms


def prune_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("prune_qt", ROOT / "packaging" / "prune_qt.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
