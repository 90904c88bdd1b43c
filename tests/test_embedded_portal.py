"""The embedded default: `kiosk` with no portal runs the sandbox as a child and never orphans it."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from support.processes import kiosk_environment, processes_mentioning, wait_until

from kiosk.embedded_portal import PortalEndpoint

pytestmark = pytest.mark.slow


@pytest.fixture
def kiosk_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    with kiosk_environment(tmp_path) as env:
        yield env


def start_kiosk(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--windowed", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_quit_after_start_paints_and_leaves_nothing(kiosk_env: dict[str, str]) -> None:
    data_dir = kiosk_env["KIOSK_PORTAL__SANDBOX_DATA_DIR"]
    kiosk_env["KIOSK_KIOSK__ID"] = "GT-SALA-0042"
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--windowed", "--quit-after-start"],
        env=kiosk_env,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert (Path(data_dir) / "portal.sqlite3").exists()  # the sandbox really ran
    assert wait_until(lambda: not processes_mentioning(data_dir), 5)
    # it enrolled the kiosk's own id (with a token of that start), not the demo device
    with closing(sqlite3.connect(Path(data_dir) / "portal.sqlite3")) as conn:
        enrolled = conn.execute("SELECT kiosk_id, revoked_at FROM devices").fetchall()
    assert enrolled == [("GT-SALA-0042", None)]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_killing_the_kiosk_stops_the_sandbox(kiosk_env: dict[str, str], signum: int) -> None:
    data_dir = kiosk_env["KIOSK_PORTAL__SANDBOX_DATA_DIR"]
    kiosk = start_kiosk(kiosk_env)
    try:
        assert wait_until(lambda: (Path(data_dir) / "root.pub.pem").exists(), 60)
        assert processes_mentioning(data_dir)
        time.sleep(0.5)
        kiosk.send_signal(signum)
        _, stderr = kiosk.communicate(timeout=20)
        if signum == signal.SIGTERM:  # a clean, quiet stop
            assert kiosk.returncode == 0, stderr.decode()
            assert b"Traceback" not in stderr
        # SIGKILL gives the kiosk no chance to clean up: the closed pipe stops the child.
        assert wait_until(lambda: not processes_mentioning(data_dir), 15)
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()


def test_configured_portal_starts_no_sandbox(
    kiosk_env: dict[str, str], sandbox: PortalEndpoint
) -> None:
    kiosk_env["KIOSK_KIOSK__TOKEN"] = sandbox.device_token
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "--windowed",
            "--quit-after-start",
            "--portal",
            sandbox.url,
        ],
        env=kiosk_env,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert not Path(kiosk_env["KIOSK_PORTAL__SANDBOX_DATA_DIR"]).exists()


def test_a_sandbox_that_cannot_start_gives_a_clear_message(
    kiosk_env: dict[str, str], tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    kiosk_env["KIOSK_PORTAL__SANDBOX_DATA_DIR"] = str(blocker / "sandbox")
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--windowed", "--quit-after-start"],
        env=kiosk_env,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "No se pudo iniciar el portal de pruebas" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_standalone_sandbox_answers_health_and_openapi(tmp_path: Path) -> None:
    ready = tmp_path / "ready.json"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk",
            "sandbox",
            "--data",
            str(tmp_path / "d"),
            "--port",
            "0",
            "--ready-file",
            str(ready),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_until(ready.exists, 60)
        import json

        url = json.loads(ready.read_text())["url"]
        assert wait_until(lambda: _ok(f"{url}/v1/health"), 30)
        spec = httpx.get(f"{url}/openapi.json", timeout=5).json()
        assert "/v1/criminal-records/requests" in spec["paths"]
    finally:
        server.terminate()
        server.wait(10)


def _ok(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def test_a_demo_may_shorten_the_idle_timer_on_the_command_line_only(
    kiosk_env: dict[str, str],
) -> None:
    log = Path(kiosk_env["KIOSK_LOG__FILE"])
    process = start_kiosk(kiosk_env, "--demo-idle", "1:1")
    try:
        # on the home screen an idle timeout freshens it without asking: after about 1 s, not 90
        assert wait_until(lambda: log.exists() and "idle-home" in log.read_text(), 30)
        assert "demo-idle" in log.read_text()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    # a configuration cannot ask for it: the file's bounds stay
    config = Path(kiosk_env["KIOSK_LOG__FILE"]).with_name("short.toml")
    config.write_text("[idle]\ntimeout_seconds = 1\n")
    refused = subprocess.run(
        [sys.executable, "-m", "kiosk", "check-config", "--config", str(config)],
        env=kiosk_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2 and "idle.timeout_seconds" in refused.stderr
    wrong = subprocess.run(
        [sys.executable, "-m", "kiosk", "--demo-idle", "0:1", "--quit-after-start"],
        env=kiosk_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert wrong.returncode == 2 and "de 1 a 3600 segundos" in wrong.stderr
