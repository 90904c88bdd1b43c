"""The real kiosk program (``kiosk.commands.cli.main``) with two test-only hooks, for the watchdog
tests that need a separate process (tests/test_watchdog_process.py):

    python tests/support/visit_driver.py [--visit DPI | --catalog] KIOSK-ARGS...

* SIGUSR1 stalls the GUI thread: Python runs a signal handler on the main thread, which is Qt's
  (and asyncio's) thread, so the handler's ``time.sleep(DRIVER_STALL_SECONDS)`` is a real hang of
  the GUI loop. It sends ``X-TEST=stall-begin`` and ``X-TEST=stall-end`` to ``NOTIFY_SOCKET``
  around the sleep, so the test sees in one ordered stream which pings came during the stall.
* ``--visit DPI``: once the home screen is painted, a visitor opens «Cuenta» (``tile.cuenta``),
  types the DPI, a document of the visit is written into the session's folder and sent to the
  printer (``kiosk.printer.print_file``: the real print path, on the queue of the config); then
  ``X-TEST=visit`` with the folder goes to ``NOTIFY_SOCKET``, and the kiosk waits there for the
  test to kill it.
* ``--catalog``: at the first paint, ``X-TEST=paint catalog=<loaded|none>`` says whether the
  portal's catalog was already there, then ``X-TEST=catalog <n>`` once it has loaded.

Nothing of the kiosk is changed on disk: ``compose`` and ``PaintTap`` are wrapped in memory (as
benchmarks/startup_phases.py does) to get hold of the kiosk and of the moment it is painted.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from kiosk import app, systemd_notify
from kiosk.commands import cli

held: dict[str, Any] = {}


def stall(*_: object) -> None:
    systemd_notify.notify("X-TEST=stall-begin")
    time.sleep(float(os.environ.get("DRIVER_STALL_SECONDS", "3")))
    systemd_notify.notify("X-TEST=stall-end")


async def shown(name: str, timeout: float = 30) -> QWidget:
    shell = held["kiosk"].ui.shell
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        widget = shell.findChild(QWidget, name)
        if widget is not None and widget.isVisible() and widget.isEnabled():
            return widget  # type: ignore[no-any-return]
        await asyncio.sleep(0.05)
    raise SystemExit(f"visit_driver: {name} never showed")


async def visit(dpi: str) -> None:
    kiosk = held["kiosk"]
    tile = await shown("tile.cuenta")
    assert isinstance(tile, QPushButton)
    QTest.mouseClick(tile, Qt.MouseButton.LeftButton)
    field = await shown("field.dpi")
    assert isinstance(field, QLineEdit)
    field.setFocus()
    QTest.keyClicks(field, dpi)
    folder = kiosk.session.temp_dir()
    document = folder / "constancia.pdf"
    document.write_bytes(minimal_pdf(f"Constancia de prueba, DPI {dpi}"))
    printing = asyncio.ensure_future(kiosk.printer.print_file(document, "Constancia"))
    held["printing"] = printing  # kept: it waits on the held job until the test kills us
    systemd_notify.notify(f"X-TEST=visit {folder}")


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with ``text`` in it (cups-pdf accepts it; the bytes hold the text)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


async def catalog() -> None:
    ui = held["kiosk"].ui
    while ui.catalog is None:
        await asyncio.sleep(0.05)
    systemd_notify.notify(f"X-TEST=catalog {len(ui.catalog)}")


def main(argv: list[str]) -> int:
    dpi = ""
    watch_catalog = argv[:1] == ["--catalog"]
    if watch_catalog:
        argv = argv[1:]
    if argv[:1] == ["--visit"]:
        dpi, argv = argv[1], argv[2:]
    signal.signal(signal.SIGUSR1, stall)
    real_compose, real_tap = app.compose, app.PaintTap

    def compose(*args: Any, **kwargs: Any) -> Any:
        held["kiosk"] = real_compose(*args, **kwargs)
        return held["kiosk"]

    def tap(parent: Any, callback: Any) -> Any:
        def painted() -> None:
            if watch_catalog:
                loaded = "loaded" if held["kiosk"].ui.catalog is not None else "none"
                systemd_notify.notify(f"X-TEST=paint catalog={loaded}")
                held["catalog"] = asyncio.ensure_future(catalog())
            callback()
            if dpi:
                held["visit"] = asyncio.ensure_future(visit(dpi))

        return real_tap(parent, painted)

    app.compose, app.PaintTap = compose, tap  # type: ignore[assignment,misc]
    return cli.main(argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
