"""Remove the parts of the PySide6 wheels the kiosk never loads (`build-deb.sh` runs it on the
staged venv; tests/packaging runs the pruned kiosk, so a needed part cannot go missing silently).

Kept: the Python modules in KEEP_MODULES, the plugin folders in KEEP_PLUGINS, and every Qt
library those need (the ELF DT_NEEDED closure, computed here, not listed by hand). Removed:
WebEngine, Qt 3D, Quick 3D, Designer and the other tools, QML files, type stubs, headers, the
tools' translations.

    python prune_qt.py VENV
"""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

KEEP_MODULES = {
    "QtCore", "QtGui", "QtWidgets", "QtSvg", "QtSvgWidgets", "QtMultimedia",
    "QtMultimediaWidgets", "QtCharts", "QtNetwork", "QtOpenGL", "QtOpenGLWidgets",
    "QtPrintSupport", "QtDBus", "QtConcurrent", "QtXml", "QtTest",
}  # fmt: skip
KEEP_PLUGINS = {
    "platforms", "wayland-shell-integration", "wayland-graphics-integration-client",
    "wayland-decoration-client", "xcbglintegrations", "imageformats",
    "iconengines", "multimedia", "tls", "networkinformation", "platforminputcontexts", "generic",
    "printsupport", "platformthemes",
}  # fmt: skip
# Not kept: egldeviceintegrations (eglfs without a compositor; the wheel even lacks the library
# its KMS plugin needs). Dropped from kept folders: plugins that pull in what we drop or lack
# (Qt Virtual Keyboard needs QML, the GTK theme GTK; PDF as an image format needs QtPdf, and the
# kiosk renders PDF with pypdfium2).
DROP_PLUGINS = {"libqtvirtualkeyboardplugin.so", "libqgtk3.so", "libqpdf.so"}
DROP_TOOLS = {
    "assistant", "balsam", "balsamui", "designer", "linguist", "lrelease", "lupdate", "qmlformat",
    "qmllint", "qmlls", "qsb", "svgtoqml", "include", "typesystems", "glue", "doc", "scripts",
    "libpyside6qml.abi3.so.6.11",
}  # fmt: skip
DROP_QT_DIRS = {"qml", "resources", "libexec", "metatypes"}
KEEP_TRANSLATIONS = ("qt_es", "qtbase_es", "qtmultimedia_es")


def needed(path: Path) -> list[str]:
    """DT_NEEDED entries of a 64-bit little-endian ELF file (what the dynamic loader loads)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)
    ]
    names: list[str] = []
    for _name, kind, _flags, _addr, offset, size, link, *_ in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strtab = sections[link][4]
        for pos in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", data, pos)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                end = data.index(b"\0", strtab + value)
                names.append(data[strtab + value : end].decode())
    return names


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def prune(venv: Path) -> None:
    pyside = next(venv.glob("lib/python3*/site-packages/PySide6"))
    qt = pyside / "Qt"
    for item in pyside.iterdir():
        unused_module = item.name.endswith(".abi3.so") and item.name[:-8] not in KEEP_MODULES
        if item.suffix == ".pyi" or item.name in DROP_TOOLS or unused_module:
            remove(item)
    for script in (venv / "bin").glob("pyside6-*"):
        remove(script)
    for name in DROP_QT_DIRS:
        remove(qt / name)
    for item in (qt / "plugins").iterdir():
        if item.name not in KEEP_PLUGINS:
            remove(item)
    for item in (qt / "plugins").rglob("*.so"):
        if item.name in DROP_PLUGINS:
            remove(item)
    for item in (qt / "translations").iterdir():
        if not item.name.startswith(KEEP_TRANSLATIONS):
            remove(item)
    # What the kept modules and plugins need, transitively, among the wheel's own libraries.
    libs = {item.name: item for item in (qt / "lib").iterdir()}
    wanted: set[str] = set()
    todo = [
        item
        for item in pyside.rglob("*.so*")
        if item.is_file() and (qt / "lib") not in item.parents
    ]
    while todo:
        for name in needed(todo.pop()):
            if name in libs and name not in wanted:
                wanted.add(name)
                todo.append(libs[name])
    for name, item in libs.items():
        if name not in wanted:
            remove(item)
    dedupe(qt / "lib")


def dedupe(lib: Path) -> None:
    """The wheel carries libfoo.so, libfoo.so.61 and libfoo.so.61.7.103 as three copies: keep one
    file and make the others symbolic links, as a Debian library package would."""
    files = sorted((p for p in lib.iterdir() if p.is_file() and not p.is_symlink()), key=len_name)
    for longest in reversed(files):
        for shorter in files:
            if (
                shorter != longest
                and longest.name.startswith(shorter.name + ".")
                and shorter.is_file()
                and not shorter.is_symlink()
                and shorter.read_bytes() == longest.read_bytes()
            ):
                shorter.unlink()
                shorter.symlink_to(longest.name)


def len_name(path: Path) -> int:
    return len(path.name)


if __name__ == "__main__":
    prune(Path(sys.argv[1]))
