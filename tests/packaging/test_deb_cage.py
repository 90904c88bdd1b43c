"""The kiosk unit's own command, run as the unit runs it: Debian's cage (the unit's ExecStart, its
flags and its Environment= as installed) starting the packaged kiosk as the kiosk's user, on
wlroots' headless backend (no screen or GPU here; everything above the backend is the real
compositor and a real Wayland client). The kiosk must fill cage's output, tell systemd READY=1,
keep the watchdog fed, and stop in order within the unit's stop time when systemd stops the
service: its ExecStop ends the kiosk first (an orderly quit, STOPPING=1), then cage ends with it;
without it, SIGTERM to both at once lets cage tear the display down under the kiosk (and cage
aborts on an assertion, which systemd would log as a core dump at every stop).

cage as built by Debian refuses to start when /usr/bin/Xwayland is missing (its XWayland support is
compiled in, and Debian's cage does not depend on xwayland): a clean install into a bookworm tree
found that, so the package depends on xwayland."""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import time
from pathlib import Path

import pytest
from deb_build import at_final_path, unit_settings
from deb_tree import clean_tree, dpkg, run_place

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(600),
    pytest.mark.skipif(os.geteuid() != 0, reason="dpkg --root and chown need root, as in CI"),
]

UNIT = "usr/lib/systemd/system/oj-kiosk.service"
# wlroots' headless backend makes one 1280×720 output; pixman renders without a GPU.
HEADLESS = {
    "WLR_BACKENDS": "headless",
    "WLR_RENDERER": "pixman",
    "WLR_LIBINPUT_NO_DEVICES": "1",
    "WLR_HEADLESS_OUTPUTS": "1",
}
OUTPUT = (1280, 720)
# Folders the unit points at /var and /etc: the test's own, reachable by the kiosk's user.
REDIRECTED = {
    "KIOSK_CONFIG", "XDG_DATA_HOME", "XDG_CACHE_HOME", "KIOSK_PORTAL__SANDBOX_DATA_DIR",
}  # fmt: skip


def wait_for(what: str, check: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.2)


def test_the_unit_command_shows_the_kiosk_full_screen_under_cage(
    deb: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    tree = clean_tree(tmp_path / "root")
    dpkg(tree, "--install", deb)
    service = unit_settings(tree / UNIT)["Service"]
    (exec_start,) = service["ExecStart"]
    unit_env = dict(value.partition("=")[::2] for value in service["Environment"])
    assert unit_env["QT_QPA_PLATFORM"] == "wayland"
    place = run_place(tree, request)
    env = (
        {name: value for name, value in unit_env.items() if name not in REDIRECTED}
        | {name: place.env[name] for name in REDIRECTED}
        | {name: value for name, value in place.env.items() if name not in unit_env}
        | HEADLESS
        | {"WATCHDOG_USEC": "2000000", "WAYLAND_DEBUG": "client"}  # a ping a second; the protocol
    )
    log = place.base / "stderr.txt"
    with log.open("w") as stderr:
        cage = subprocess.Popen(
            at_final_path(tree, *place.as_kiosk, *shlex.split(exec_start)),
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env,
            cwd="/",
            start_new_session=True,  # its own process group: the service's processes
        )
    request.addfinalizer(lambda: _kill(cage))

    def said(line: str) -> bool:
        return any(line in message.splitlines() for message in seen)

    seen: list[str] = []

    def notified(line: str) -> bool:
        seen.extend(place.messages())
        assert cage.poll() is None, f"cage ended ({cage.returncode}):\n{log.read_text()[-3000:]}"
        return said(line)

    wait_for("READY=1", lambda: notified("READY=1"), 180)
    pings = lambda: sum(message.splitlines().count("WATCHDOG=1") for message in seen)  # noqa: E731
    wait_for("two watchdog pings", lambda: notified("WATCHDOG=1") and pings() >= 2, 20)

    # Full screen: the kiosk asks for it, cage configures its window to the whole output, and the
    # kiosk draws a frame of exactly that size.
    def full_frame() -> bool:
        protocol = log.read_text(errors="replace")
        width, height = OUTPUT
        configured = re.search(rf"xdg_toplevel@\d+\.configure\({width}, {height},", protocol)
        return bool(
            configured
            and re.search(r"-> xdg_toplevel@\d+\.set_fullscreen\(", protocol)
            and re.search(
                rf"-> wl_shm_pool@\d+\.create_buffer\([^)]*, {width}, {height}, ",
                protocol[configured.end() :],
            )
        )

    wait_for("a full-screen frame", full_frame, 30)

    # `systemctl stop`: the unit's ExecStop (as its user, with $MAINPID, cage's pid), then SIGTERM
    # to every process left, SIGKILL after TimeoutStopSec.
    stop_seconds = float(service["TimeoutStopSec"][0])
    (exec_stop,) = service["ExecStop"]
    stop_command = shlex.split(exec_stop.replace("${MAINPID}", str(cage.pid)).replace("$$", "$"))
    started = time.monotonic()
    stopped = subprocess.run(
        [*place.as_kiosk, *stop_command], capture_output=True, text=True, timeout=stop_seconds
    )
    assert stopped.returncode == 0, stopped.stderr
    os.killpg(cage.pid, signal.SIGTERM)
    try:
        cage.wait(timeout=stop_seconds - (time.monotonic() - started))
    except subprocess.TimeoutExpired:
        pytest.fail(f"cage still running {stop_seconds} s after stop:\n{log.read_text()[-3000:]}")
    wait_for("the service's last process to end", lambda: not _alive(cage.pid), stop_seconds)
    seen.extend(place.messages())
    # The kiosk quit in order (not by losing its compositor), and cage ended with it: systemd
    # logs a clean stop, not a core dump.
    assert said("STOPPING=1"), (seen, log.read_text(errors="replace")[-3000:])
    assert cage.returncode == 0, log.read_text(errors="replace")[-3000:]


def _alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def _kill(process: subprocess.Popen[bytes]) -> None:
    if _alive(process.pid):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
