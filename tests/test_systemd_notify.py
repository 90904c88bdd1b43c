"""kiosk.systemd_notify on real AF_UNIX datagram sockets: what systemd reads, and nothing at all
(no exception either) when there is no one to tell."""

from __future__ import annotations

import logging
import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import systemd_notify


@pytest.fixture
def listener() -> Iterator[tuple[socket.socket, str]]:
    folder = tempfile.mkdtemp(prefix="notify-")
    path = os.path.join(folder, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(2)
    yield sock, path
    sock.close()
    Path(path).unlink(missing_ok=True)
    os.rmdir(folder)


def test_ready_watchdog_stopping_and_status_on_a_path_socket(
    listener: tuple[socket.socket, str],
) -> None:
    sock, path = listener
    env = {"NOTIFY_SOCKET": path}
    assert systemd_notify.ready("Quiosco GT-1: pantalla de inicio lista", environ=env)
    assert sock.recv(4096) == b"READY=1\nSTATUS=Quiosco GT-1: pantalla de inicio lista"
    assert systemd_notify.watchdog(environ=env)
    assert sock.recv(4096) == b"WATCHDOG=1"
    assert systemd_notify.stopping("Cerrando", environ=env)
    assert sock.recv(4096) == b"STOPPING=1\nSTATUS=Cerrando"
    assert systemd_notify.stopping(environ=env)
    assert sock.recv(4096) == b"STOPPING=1"


def test_a_status_is_one_short_line(listener: tuple[socket.socket, str]) -> None:
    sock, path = listener
    systemd_notify.status("dos\nlíneas   y\tespacios " + "x" * 500, environ={"NOTIFY_SOCKET": path})
    sent = sock.recv(4096).decode()
    assert sent.startswith("STATUS=dos líneas y espacios x")
    assert "\n" not in sent and len(sent) == len("STATUS=") + systemd_notify.STATUS_LIMIT


def test_the_abstract_namespace() -> None:
    name = f"oj-kiosk-notify-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(2)
        assert systemd_notify.watchdog(environ={"NOTIFY_SOCKET": "@" + name})
        assert sock.recv(4096) == b"WATCHDOG=1"


def test_from_the_process_environment(
    listener: tuple[socket.socket, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sock, path = listener
    monkeypatch.setenv("NOTIFY_SOCKET", path)
    assert systemd_notify.ready("listo")
    assert sock.recv(4096).startswith(b"READY=1\n")


@pytest.mark.parametrize(
    "address",
    [
        "",  # unset
        "/nonexistent/notify",  # gone (systemd restarted, a stale variable)
        "@oj-kiosk-nobody-listens-here",
        "vsock:2:1234",  # a kind of socket the kiosk never runs under
        "relative/path",
        "/tmp/\0bad",  # a NUL in the path
    ],
)
def test_nobody_to_tell_is_nothing_not_an_error(
    address: str, caplog: pytest.LogCaptureFixture
) -> None:
    env = {"NOTIFY_SOCKET": address} if address else {}
    with caplog.at_level(logging.DEBUG, logger="kiosk.systemd_notify"):
        assert not systemd_notify.ready("listo", environ=env)
        assert not systemd_notify.watchdog(environ=env)
        assert not systemd_notify.stopping("fin", environ=env)
    assert all(r.levelno == logging.DEBUG for r in caplog.records)


def test_a_socket_that_is_no_datagram_socket_does_not_raise() -> None:
    folder = tempfile.mkdtemp(prefix="notify-")
    path = os.path.join(folder, "notify")
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as stream:
            stream.bind(path)
            stream.listen(1)
            assert not systemd_notify.watchdog(environ={"NOTIFY_SOCKET": path})
    finally:
        Path(path).unlink(missing_ok=True)
        os.rmdir(folder)


def test_a_full_socket_never_blocks(listener: tuple[socket.socket, str]) -> None:
    """Nobody reads (systemd hung): the sends fail at once instead of stalling the GUI thread."""
    _, path = listener
    results = [systemd_notify.watchdog(environ={"NOTIFY_SOCKET": path}) for _ in range(2000)]
    assert results[0] and not results[-1]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "30000000"}, 15_000),
        ({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "1000"}, 1),
        # WATCHDOG_PID names cage under the package's unit: pinged all the same
        ({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "1"}, 10_000),
        ({"NOTIFY_SOCKET": "/run/x"}, None),
        ({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "0"}, None),
        ({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "soon"}, None),
        ({"WATCHDOG_USEC": "30000000"}, None),  # nobody would hear the pings
    ],
)
def test_the_ping_interval_is_half_the_watchdog(env: dict[str, str], expected: int | None) -> None:
    assert systemd_notify.watchdog_interval_ms(env) == expected
