"""Telling systemd how the kiosk is doing (``sd_notify``), without libsystemd: one datagram per
message on the AF_UNIX socket named by ``NOTIFY_SOCKET`` (a path, or ``@name`` for the abstract
namespace).

The unit (``Type=notify``, ``WatchdogSec=``) learns three things: ``READY=1`` once the home
screen is painted, ``WATCHDOG=1`` every half ``WATCHDOG_USEC`` from the GUI loop itself
(kiosk.ui.watchdog), and ``STOPPING=1`` when the kiosk quits; ``STATUS=`` lines say what it is
doing in ``systemctl status``.

``WATCHDOG_PID`` is deliberately not checked (libsystemd's ``sd_watchdog_enabled`` would): under
the package's unit the kiosk is the child of cage, the compositor the unit starts, so systemd
names cage's pid there. The unit says ``NotifyAccess=all`` so that the kiosk's messages count.

Without ``NOTIFY_SOCKET`` (a checkout, a test, the desk started by hand) every call does
nothing. No call ever raises into the app: a socket that is gone or full is logged at debug
level, and the kiosk goes on.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)

STATUS_LIMIT = 200
"""A STATUS= line longer than this is cut: it is one line of ``systemctl status``."""


def notify(*fields: str, environ: Mapping[str, str] | None = None) -> bool:
    """Sends ``fields`` (``"READY=1"``, ``"STATUS=..."``) as one message; whether it was sent."""
    address = (os.environ if environ is None else environ).get("NOTIFY_SOCKET", "")
    if not address:
        return False
    if address.startswith("@"):  # the abstract namespace: a leading NUL byte instead of "@"
        address = "\0" + address[1:]
    elif not address.startswith("/"):  # vsock: and other kinds the kiosk never runs under
        log.debug("notify socket not supported", extra={"event": "sd-notify"})
        return False
    message = "\n".join(fields).encode("utf-8", errors="replace")
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.setblocking(False)  # a full queue must never stall the GUI thread
            sock.connect(address)
            sock.send(message)
    except (OSError, ValueError) as exc:
        log.debug("notify not sent", extra={"event": "sd-notify", "error": type(exc).__name__})
        return False
    return True


def _status(text: str) -> str:
    line = " ".join(text.split())  # one line
    return "STATUS=" + line[:STATUS_LIMIT]


def ready(status: str, *, environ: Mapping[str, str] | None = None) -> bool:
    """Start-up is over: the home screen is painted."""
    return notify("READY=1", _status(status), environ=environ)


def watchdog(*, environ: Mapping[str, str] | None = None) -> bool:
    """Still alive: the GUI loop turned."""
    return notify("WATCHDOG=1", environ=environ)


def stopping(status: str = "", *, environ: Mapping[str, str] | None = None) -> bool:
    """Quitting on purpose (a stop, a signal): what follows is no failure."""
    fields = ["STOPPING=1"] + ([_status(status)] if status else [])
    return notify(*fields, environ=environ)


def status(text: str, *, environ: Mapping[str, str] | None = None) -> bool:
    return notify(_status(text), environ=environ)


def watchdog_interval_ms(environ: Mapping[str, str] | None = None) -> int | None:
    """How often to ping, in ms: half of ``WATCHDOG_USEC`` (as systemd advises), None when no
    watchdog is asked for (or ``NOTIFY_SOCKET`` is missing: nobody would hear the pings)."""
    env = os.environ if environ is None else environ
    if not env.get("NOTIFY_SOCKET"):
        return None
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    return max(1, usec // 2000)
