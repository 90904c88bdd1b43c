"""The kiosk as a real process, for the tests that start it: its environment (headless or on a
given display, a fresh sandbox folder, a log file) and what must not outlive it."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def processes_mentioning(text: str) -> list[int]:
    """PIDs whose command line contains ``text`` (zombies excluded)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (entry / "stat").read_text().split(") ", 1)[1][0]
        except OSError:
            continue
        if text in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def wait_until(condition: Callable[[], object], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@contextmanager
def kiosk_environment(folder: Path, **display: str) -> Iterator[dict[str, str]]:
    """Our environment without the caller's KIOSK_* settings (headless unless ``display`` says
    otherwise), a sandbox data folder and a log file in ``folder``; afterwards no sandbox
    process of that folder may be left (it is killed, and the test fails)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "WAYLAND_"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(display)
    env["KIOSK_PORTAL__SANDBOX_DATA_DIR"] = str(folder / "sandbox")
    env["KIOSK_LOG__FILE"] = str(folder / "kiosk.log")
    yield env
    leftovers = processes_mentioning(str(folder / "sandbox"))
    for pid in leftovers:
        os.kill(pid, signal.SIGKILL)
    assert not leftovers, "a sandbox process outlived the test"
