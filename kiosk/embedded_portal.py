"""The embedded default: with no portal configured the kiosk runs `kiosk sandbox` as a child process
on a free loopback port, so even a newcomer's first run talks real HTTP to a real portal.

The child is started by module name (the kiosk never imports ``kiosk.sandbox``) and holds the read
end of a pipe whose write end only this process has: however the kiosk ends (exit, crash, SIGTERM,
SIGKILL) the pipe closes and the sandbox stops. No orphan process, ever.

The child enrolls the kiosk's own id (``kiosk.id``) in its device registry with a token made for
this start only, which only this process knows: the kiosk presents that pair on every call.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

POLL_SECONDS = 0.05


class EmbeddedPortalError(Exception):
    """The sandbox did not come up; the message says why, for the person who ran `kiosk`."""


@dataclass(frozen=True)
class PortalEndpoint:
    url: str
    device_token: str
    root_key: Path


#: the kiosk's default ``kiosk.id`` (kiosk/config.py), the sandbox's documented demo device
DEFAULT_KIOSK_ID = "GT-SANDBOX-0001"


class EmbeddedPortal:
    def __init__(
        self,
        data_dir: Path | None,
        seed: int,
        start_timeout: float,
        *,
        kiosk_id: str = DEFAULT_KIOSK_ID,
    ) -> None:
        self.data_dir = data_dir
        self.seed = seed
        self.start_timeout = start_timeout
        self.kiosk_id = kiosk_id  # the device the child enrolls, with a token of this start
        self.process: subprocess.Popen[bytes] | None = None
        self._workdir = tempfile.TemporaryDirectory(prefix="kiosk-sandbox-")

    def start(self) -> None:
        """Spawn the child; returns at once (``wait_ready`` waits for it)."""
        self._token = secrets.token_urlsafe(24)
        self._ready_file = Path(self._workdir.name) / "ready.json"
        # -P: the current folder is not put first on sys.path, so a stray kiosk/ there (a
        # checkout) never stands in for the installed package
        command = [sys.executable, "-P", "-m", "kiosk", "sandbox"]
        if self.data_dir is not None:
            command += ["--data", str(self.data_dir)]
        command += ["--host", "127.0.0.1", "--port", "0", "--seed", str(self.seed),
                    "--ready-file", str(self._ready_file), "--exit-with-stdin"]  # fmt: skip
        env = dict(
            os.environ,
            KIOSK_SANDBOX_DEVICE_ID=self.kiosk_id,
            KIOSK_SANDBOX_DEVICE_TOKEN=self._token,
        )
        # Our own session: a Ctrl+C in the terminal reaches the kiosk, which then stops the child.
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, env=env, start_new_session=True
        )
        log.info("embedded sandbox starting", extra={"pid": self.process.pid})

    def wait_ready(self) -> PortalEndpoint:
        """Block until /v1/health answers; EmbeddedPortalError if it does not in time."""
        if self.process is None:
            raise EmbeddedPortalError("el portal de pruebas no se inició")
        deadline = time.monotonic() + self.start_timeout
        ready: dict[str, object] | None = None
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                raise EmbeddedPortalError(
                    f"el portal de pruebas terminó al iniciar (código {code})"
                )
            if ready is None and self._ready_file.exists():
                ready = json.loads(self._ready_file.read_text(encoding="utf-8"))
            if ready is not None and _healthy(str(ready["url"])):
                log.info("embedded sandbox ready", extra={"port": ready["port"]})
                return PortalEndpoint(str(ready["url"]), self._token, Path(str(ready["root_key"])))
            time.sleep(POLL_SECONDS)
        self.stop()
        raise EmbeddedPortalError(
            f"el portal de pruebas no respondió en {self.start_timeout:.0f} s"
        )

    def stop(self, timeout: float = 5.0) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()  # the child sees EOF and shuts down cleanly
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(2.0)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.info("embedded sandbox stopped", extra={"status": process.returncode})
        self._workdir.cleanup()


def _healthy(url: str) -> bool:
    """/v1/health answers 200, asked with the standard library's client: no httpcore and no
    certificates loaded before the home screen paints."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=1.0)
    try:
        connection.request("GET", f"{parts.path.rstrip('/')}/v1/health")
        return connection.getresponse().status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()
