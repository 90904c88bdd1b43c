"""systemd's watchdog, fed by the GUI loop itself: a QTimer on the GUI thread sends
``WATCHDOG=1`` every half ``WATCHDOG_USEC``. The timer fires only when Qt's event loop turns, and
that loop also runs asyncio (qasync): a GUI thread stuck in a long call, a deadlock or an endless
loop stops the pings, and systemd restarts the kiosk (``WatchdogSec=`` in the unit). A pinger on a
thread of its own would keep a hung kiosk "alive"; so would a process that merely exists."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, Qt, QTimer

from kiosk import systemd_notify


class WatchdogPinger(QObject):
    """Pings while it lives, from the thread it was made on (the GUI thread). Nothing happens
    when the environment asks for no watchdog (``interval_ms`` is then None)."""

    def __init__(self, parent: QObject, environ: Mapping[str, str] | None = None) -> None:
        super().__init__(parent)
        self._environ = environ
        self.interval_ms = systemd_notify.watchdog_interval_ms(environ)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self.ping)
        if self.interval_ms is not None:
            self._timer.setInterval(self.interval_ms)

    def start(self) -> None:
        """First ping now (start-up may have taken a while), then every ``interval_ms``."""
        if self.interval_ms is None:
            return
        self.ping()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def ping(self) -> None:
        systemd_notify.watchdog(environ=self._environ)
