"""The display going away under a running kiosk (the X server dies): one log line, the sandbox
child stopped, a documented non-zero exit status and no traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.processes import kiosk_environment, processes_mentioning, wait_until

EXIT_DISPLAY_LOST = 3  # kiosk.app.EXIT_DISPLAY_LOST, documented in kiosk.app.run()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb"),
]


@dataclass
class XServer:
    process: subprocess.Popen[bytes]
    display: str


@pytest.fixture
def xvfb() -> Iterator[XServer]:
    """An X server of the test's own on a display number it picks itself (``-displayfd``)."""
    read_end, write_end = os.pipe()
    number = ""
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as announced:
            number = announced.readline().strip().decode()  # written once it accepts clients
        assert number.isdigit(), "Xvfb did not start"
        yield XServer(server, f":{number}")
    finally:
        if server.poll() is None:
            server.kill()
        server.wait(10)
        if number.isdigit():  # a killed X server leaves its lock and socket behind
            lock = Path(f"/tmp/.X{number}-lock")
            if not lock.exists() or lock.read_text().strip() == str(server.pid):
                lock.unlink(missing_ok=True)
                Path(f"/tmp/.X11-unix/X{number}").unlink(missing_ok=True)


@pytest.fixture
def display_env(tmp_path: Path, xvfb: XServer) -> Iterator[dict[str, str]]:
    """The kiosk's environment on the test's X server instead of offscreen."""
    with kiosk_environment(tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=xvfb.display) as env:
        yield env


def test_a_lost_display_ends_the_kiosk_with_one_line_and_its_own_status(
    display_env: dict[str, str], xvfb: XServer
) -> None:
    data_dir = display_env["KIOSK_PORTAL__SANDBOX_DATA_DIR"]
    log = Path(display_env["KIOSK_LOG__FILE"])
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--windowed"],
        env=display_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        # up: the home screen has asked the portal for its catalog
        assert wait_until(lambda: log.exists() and '"/services"' in log.read_text(), 90)
        assert processes_mentioning(data_dir)
        time.sleep(1)  # let it settle on the home screen
        assert kiosk.poll() is None, kiosk.stderr.read().decode() if kiosk.stderr else ""

        xvfb.process.kill()  # the display dies under the running kiosk
        _, stderr = kiosk.communicate(timeout=10)
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()

    assert kiosk.returncode == EXIT_DISPLAY_LOST, stderr.decode()
    assert b"Traceback" not in stderr, stderr.decode()
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    lost = [entry for entry in entries if entry.get("event") == "display-lost"]
    assert len(lost) == 1, entries
    assert lost[0]["level"] == "ERROR"
    # the sandbox child stopped with the kiosk
    assert wait_until(lambda: not processes_mentioning(data_dir), 5)
