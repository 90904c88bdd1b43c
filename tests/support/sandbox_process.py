"""A sandbox portal of a test's own, run as `kiosk sandbox` runs (a child process on a free
loopback port), for what the session's shared sandbox must not see: a DPI locked, a burst of
writes, a clock of purges."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from kiosk.embedded_portal import PortalEndpoint

TOKEN = "own-sandbox-token"


@contextmanager
def own_sandbox(data: Path, *options: str, persons: int = 400) -> Iterator[PortalEndpoint]:
    """``kiosk sandbox --data DATA OPTIONS`` until the block ends; its endpoint's device token
    is the one the demo device is enrolled with (enroll others with support.devices)."""
    ready = data.with_name(data.name + "-ready.json")
    command = [sys.executable, "-m", "kiosk", "sandbox", "--data", str(data),
               "--host", "127.0.0.1", "--port", "0", "--persons", str(persons),
               f"--device-token={TOKEN}", "--ready-file", str(ready), "--exit-with-stdin",
               *options]  # fmt: skip
    process = subprocess.Popen(command, stdin=subprocess.PIPE)
    try:
        url = _wait_ready(process, ready, 90)
        yield PortalEndpoint(url, TOKEN, data / "root.pub.pem")
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(process: subprocess.Popen[bytes], ready: Path, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the test's own sandbox did not start"
        if ready.exists():
            url = str(json.loads(ready.read_text(encoding="utf-8"))["url"])
            try:
                if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                    return url
            except httpx.HTTPError:
                pass
        time.sleep(0.05)
    raise AssertionError("the test's own sandbox did not answer in time")
