"""systemd's watchdog, without systemd: the kiosk runs as a real process with ``NOTIFY_SOCKET``
naming a datagram socket this test reads, as systemd's would be.

* READY=1 (with a STATUS= line) once the home screen is painted, then WATCHDOG=1 every half
  ``WATCHDOG_USEC``; STOPPING=1 on a stop.
* The pings come from the GUI loop: while the GUI thread hangs (a real hang: a signal handler of
  tests/support/visit_driver.py sleeps on it) not one ping goes out, and they come back after it.
* A kiosk killed mid-visit (SIGKILL: no clean-up at all) leaves its session folder and a print
  job behind; the next start sweeps both, says READY=1 from its home screen and keeps nothing of
  the visit.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from printing.private_cupsd import TestCups
from support.processes import kiosk_environment, processes_mentioning, wait_until

pytestmark = pytest.mark.slow

DRIVER = Path(__file__).parent / "support" / "visit_driver.py"
WATCHDOG_USEC = 1_000_000  # a ping every 0.5 s
STALL_SECONDS = 3.0  # six ping intervals: a pinger on another thread would send some
START_TIMEOUT = 120.0  # the embedded sandbox seeds its data first


@dataclass
class Message:
    fields: dict[str, str]
    at: float  # time.monotonic() when this test read it

    def has(self, key: str, value: str | None = None) -> bool:
        return key in self.fields and (value is None or self.fields[key] == value)


class NotifySocket:
    """What systemd listens on: an AF_UNIX datagram socket (a path, or the abstract namespace)."""

    def __init__(self, *, abstract: bool = False) -> None:
        self._folder = tempfile.mkdtemp(prefix="notify-")  # short: AF_UNIX paths are limited
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        if abstract:
            name = f"oj-kiosk-test-{os.getpid()}-{id(self)}"
            self.sock.bind("\0" + name)
            self.address = "@" + name
        else:
            self.address = os.path.join(self._folder, "notify")
            self.sock.bind(self.address)
        self.sock.settimeout(0.2)
        self.messages: list[Message] = []

    def read(self) -> None:
        """Takes in what has come, in order."""
        while True:
            try:
                data = self.sock.recv(4096)
            except TimeoutError:
                return
            fields = dict(line.split("=", 1) for line in data.decode().splitlines() if "=" in line)
            self.messages.append(Message(fields, time.monotonic()))

    def wait_for(self, key: str, value: str | None = None, timeout: float = 30) -> int:
        """Index of the first message with ``key`` (=``value``); fails after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            for index, message in enumerate(self.messages):
                if message.has(key, value):
                    return index
            if time.monotonic() > deadline:
                seen = [m.fields for m in self.messages]
                raise AssertionError(f"no {key}={value} within {timeout} s; got {seen}")
            self.read()

    def wait_count(self, key: str, value: str, count: int, after: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while sum(m.has(key, value) for m in self.messages[after + 1 :]) < count:
            assert time.monotonic() < deadline, f"fewer than {count} {key}={value} in {timeout} s"
            self.read()

    def close(self) -> None:
        self.sock.close()
        shutil.rmtree(self._folder, ignore_errors=True)


@pytest.fixture
def notify() -> Iterator[NotifySocket]:
    listening = NotifySocket()
    yield listening
    listening.close()


@pytest.fixture
def kiosk_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    with kiosk_environment(tmp_path) as env:
        env.pop("NOTIFY_SOCKET", None)
        env["WATCHDOG_USEC"] = str(WATCHDOG_USEC)
        yield env


def start(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def stop(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    """SIGTERM, as systemd stops a unit; the exit status and stderr."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, err.decode(errors="replace")


def test_pings_come_from_the_gui_loop_and_stop_while_it_hangs(
    kiosk_env: dict[str, str], notify: NotifySocket
) -> None:
    env = dict(kiosk_env, NOTIFY_SOCKET=notify.address, DRIVER_STALL_SECONDS=str(STALL_SECONDS))
    kiosk = start([sys.executable, str(DRIVER), "--windowed"], env)
    try:
        ready = notify.wait_for("READY", "1", timeout=START_TIMEOUT)
        assert not any(m.has("WATCHDOG") for m in notify.messages[:ready])  # none before READY
        notify.wait_count("WATCHDOG", "1", 3, after=ready, timeout=15)

        kiosk.send_signal(signal.SIGUSR1)  # the GUI thread sleeps STALL_SECONDS
        begin = notify.wait_for("X-TEST", "stall-begin", timeout=15)
        end = notify.wait_for("X-TEST", "stall-end", timeout=STALL_SECONDS + 15)
        during = [m for m in notify.messages[begin + 1 : end] if m.has("WATCHDOG")]
        assert during == [], "pings went out while the GUI thread hung"
        assert notify.messages[end].at - notify.messages[begin].at >= STALL_SECONDS - 0.5

        notify.wait_count("WATCHDOG", "1", 2, after=end, timeout=15)  # alive again
        assert kiosk.poll() is None
    finally:
        status, err = stop(kiosk)
    assert status == 0, err
    assert "Traceback" not in err
    notify.wait_for("STOPPING", "1", timeout=5)


def test_the_real_kiosk_says_ready_pings_and_stopping_on_an_abstract_socket(
    kiosk_env: dict[str, str],
) -> None:
    listening = NotifySocket(abstract=True)
    try:
        env = dict(kiosk_env, NOTIFY_SOCKET=listening.address)
        kiosk = start([sys.executable, "-m", "kiosk", "--windowed"], env)
        try:
            ready = listening.wait_for("READY", "1", timeout=START_TIMEOUT)
            status = listening.messages[ready].fields["STATUS"]
            assert status == "Quiosco GT-SANDBOX-0001: pantalla de inicio lista"
            listening.wait_count("WATCHDOG", "1", 2, after=ready, timeout=15)
        finally:
            code, err = stop(kiosk)
        assert code == 0, err
        stopping = listening.wait_for("STOPPING", "1", timeout=5)
        assert stopping > ready
    finally:
        listening.close()


def test_without_a_watchdog_it_only_says_ready_and_stopping(
    kiosk_env: dict[str, str], notify: NotifySocket
) -> None:
    env = dict(kiosk_env, NOTIFY_SOCKET=notify.address)
    del env["WATCHDOG_USEC"]
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--windowed", "--quit-after-start"],
        env=env,
        capture_output=True,
        timeout=START_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr.decode()
    notify.read()
    said = [sorted(m.fields) for m in notify.messages]
    assert said == [["READY", "STATUS"], ["STATUS", "STOPPING"]]


def pending_jobs(cups: TestCups, queue: str) -> str:
    return cups.cupsd.run("lpstat", "-W", "not-completed", "-o", queue).stdout


def files_holding(secret: str, since: float) -> list[Path]:
    """Files in the temporary folder written since ``since`` that hold ``secret`` (pytest's own
    folders are not searched: the sandbox's database lives there)."""
    found = []
    for path in Path(tempfile.gettempdir()).iterdir():
        if path.name.startswith("pytest-of-"):
            continue
        for candidate in [path] if path.is_file() else path.rglob("*") if path.is_dir() else []:
            try:
                fresh = candidate.is_file() and candidate.stat().st_mtime >= since
                if fresh and secret.encode() in candidate.read_bytes():
                    found.append(candidate)
            except OSError:
                continue
    return found


def test_after_a_kill_mid_visit_the_next_start_is_home_with_no_trace(
    kiosk_env: dict[str, str], notify: NotifySocket, cups: TestCups
) -> None:
    dpi = "2647 35819 0101"
    queue = "kiosk-watchdog-held"
    cups.cupsd.add_cups_pdf_queue(queue)
    cups.cupsd.run("lpadmin", "-p", queue, "-o", "job-hold-until-default=indefinite")
    data_dir = kiosk_env["KIOSK_PORTAL__SANDBOX_DATA_DIR"]
    log = Path(kiosk_env["KIOSK_LOG__FILE"])
    env = dict(
        kiosk_env,
        NOTIFY_SOCKET=notify.address,
        CUPS_SERVER=cups.server,
        KIOSK_PRINTER__QUEUE=queue,
        KIOSK_PRINTER__JOB_TIMEOUT_SECONDS="1800",  # the job waits, held, until the kill
    )
    began = time.time()
    try:
        visiting = start([sys.executable, str(DRIVER), "--visit", dpi, "--windowed"], env)
        try:
            at = notify.wait_for("X-TEST", timeout=START_TIMEOUT + 30)
            folder = Path(notify.messages[at].fields["X-TEST"].removeprefix("visit "))
            assert wait_until(lambda: queue in pending_jobs(cups, queue), 30), "no held job"
        finally:
            visiting.kill()  # SIGKILL: the visit ends with no clean-up at all
            visiting.wait(30)
        assert any(dpi.encode() in f.read_bytes() for f in folder.iterdir())  # it was there
        assert wait_until(lambda: not processes_mentioning(data_dir), 30), (
            f"the killed kiosk's sandbox child still runs: {processes_mentioning(data_dir)}"
        )

        after = NotifySocket()
        try:
            restarted = start(
                [sys.executable, "-m", "kiosk", "--windowed"],
                dict(env, NOTIFY_SOCKET=after.address),
            )
            try:
                ready = after.wait_for("READY", "1", timeout=START_TIMEOUT)
                assert "pantalla de inicio lista" in after.messages[ready].fields["STATUS"]
                assert not folder.exists(), "not swept"  # swept before the window opened
                # the held job is cancelled and purged once the home screen is up
                assert wait_until(lambda: queue not in pending_jobs(cups, queue), 30), (
                    f"the held job is still there: {pending_jobs(cups, queue)!r}"
                )
                # cupsd removes a purged job's spool file in its own time: a moment, not never
                for secret in (dpi, dpi.replace(" ", "")):
                    assert wait_until(lambda s=secret: files_holding(s, began) == [], 30), (
                        f"still holding the DPI: {files_holding(secret, began)}"
                    )
            finally:
                code, err = stop(restarted)
            assert code == 0, err
        finally:
            after.close()
        text = log.read_text(encoding="utf-8")
        assert '"event": "sweep"' in text
        assert dpi not in text and dpi.replace(" ", "") not in text
    finally:
        cups.cupsd.delete_queue(queue)


def test_the_pinger_pings_at_half_the_watchdog_interval(qapp: object) -> None:
    from PySide6.QtCore import QObject

    from kiosk.ui.watchdog import WatchdogPinger

    parent = QObject()
    listening = NotifySocket()
    try:
        env = {"NOTIFY_SOCKET": listening.address, "WATCHDOG_USEC": "30000000"}
        pinger = WatchdogPinger(parent, env)
        assert pinger.interval_ms == 15_000
        pinger.start()
        assert pinger.active
        listening.wait_for("WATCHDOG", "1", timeout=5)  # the first ping goes out at once
        pinger.stop()
        assert not pinger.active
        for env in ({}, {"NOTIFY_SOCKET": listening.address}, {"WATCHDOG_USEC": "30000000"}):
            idle = WatchdogPinger(parent, env)
            idle.start()
            assert idle.interval_ms is None and not idle.active
    finally:
        listening.close()
        parent.deleteLater()


def test_the_desk_station_says_the_same(kiosk_env: dict[str, str], notify: NotifySocket) -> None:
    env = dict(kiosk_env, NOTIFY_SOCKET=notify.address, KIOSK_KIOSK__MODE="desk")
    kiosk = start([sys.executable, "-m", "kiosk"], env)  # a desk is a normal window
    try:
        ready = notify.wait_for("READY", "1", timeout=START_TIMEOUT)
        assert notify.messages[ready].fields["STATUS"].startswith("Ventanilla ")
        notify.wait_count("WATCHDOG", "1", 2, after=ready, timeout=15)
    finally:
        code, err = stop(kiosk)
    assert code == 0, err
    notify.wait_for("STOPPING", "1", timeout=5)


def test_home_paints_before_the_catalog_which_then_loads_by_itself(
    kiosk_env: dict[str, str], notify: NotifySocket
) -> None:
    """The real program paints home first (no portal request holds up the first paint), then
    asks the portal for its catalog at once."""
    env = dict(kiosk_env, NOTIFY_SOCKET=notify.address)
    kiosk = start([sys.executable, str(DRIVER), "--catalog", "--windowed"], env)
    try:
        painted = notify.wait_for("X-TEST", timeout=START_TIMEOUT)
        assert notify.messages[painted].fields["X-TEST"] == "paint catalog=none"
        deadline = time.monotonic() + 30
        while not (
            said := [m.fields["X-TEST"] for m in notify.messages[painted + 1 :] if m.has("X-TEST")]
        ):
            assert time.monotonic() < deadline, "the catalog never loaded"
            notify.read()
        assert said[0].startswith("catalog ") and int(said[0].split()[1]) > 10
    finally:
        code, err = stop(kiosk)
    assert code == 0, err
