"""The idle timer: no touch or key for a while -> a warning and a countdown -> the session is wiped.

`IdleMonitor` watches the whole application through an event filter (it never swallows an event).
A mouse press, a touch, a key press or a wheel turn on any widget counts as activity; so does
`activity()`, which the on-screen keyboard's ``key_pressed`` is connected to.

States and signals::

    watching --(timeout_ms without activity)--> warn(seconds)      [countdown starts]
    countdown: every second countdown(seconds_left), ..., at 0: expired()  -> watching again
    countdown --(activity or keep_alive())--> resumed()              -> watching again

`pause()` / `resume()` nest (a counter): while paused nothing fires, and a countdown in progress is
cancelled (``resumed``). Long portal calls run paused. `stop()` silences it until `start()`.

Input inside an exempt widget (`exempt(widget)`, or any widget whose ``idleExempt`` property is
True: the idle overlay sets it) does not end the countdown by itself: there the overlay's own
buttons decide ("Sí, continuar" -> `keep_alive`, "Terminar" finishes), so a press on "Terminar"
cannot hide the overlay (through ``resumed``) before its click lands.
"""

from __future__ import annotations

import math
import weakref

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

__all__ = ["ACTIVITY_EVENTS", "EXEMPT_PROPERTY", "IdleMonitor"]

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)
TICK_MS = 1000
EXEMPT_PROPERTY = "idleExempt"  # a widget with this property True is exempt, like `exempt()`


class IdleMonitor(QObject):
    warn = Signal(int)  # seconds left when the countdown starts
    countdown = Signal(int)  # seconds left, once a second while counting down
    expired = Signal()  # the countdown reached 0: wipe the session
    resumed = Signal()  # the countdown was cancelled (activity, keep_alive or pause)

    def __init__(
        self,
        timeout_ms: int,
        countdown_ms: int,
        parent: QObject | None = None,
        *,
        app: QCoreApplication | None = None,
    ) -> None:
        super().__init__(parent)
        if timeout_ms <= 0 or countdown_ms <= 0:
            raise ValueError("timeout_ms and countdown_ms must be positive")
        self._timeout_ms = timeout_ms
        self._countdown_s = max(1, math.ceil(countdown_ms / TICK_MS))
        self._app = app
        self._filter_installed = False
        self._running = False
        self._paused = 0
        self._seconds_left = 0
        self._exempt: list[weakref.ref[QWidget]] = []

        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setTimerType(Qt.TimerType.PreciseTimer)
        self._idle.setInterval(timeout_ms)
        self._idle.timeout.connect(self._on_idle)
        self._tick = QTimer(self)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick)

    # --- state -----------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    @property
    def paused(self) -> bool:
        return self._paused > 0

    @property
    def counting_down(self) -> bool:
        return self._tick.isActive()

    @property
    def seconds_left(self) -> int:
        """Seconds left in the countdown (0 when not counting down)."""
        return self._seconds_left if self.counting_down else 0

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    @property
    def countdown_seconds(self) -> int:
        return self._countdown_s

    # --- control ---------------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Watch for activity (again): the idle time starts now."""
        self._install_filter()
        self._running = True
        self._cancel_countdown(notify=False)
        self._restart_idle()

    @Slot()
    def stop(self) -> None:
        """Stop watching; nothing fires until `start` (the pause count is kept)."""
        self._running = False
        self._idle.stop()
        self._cancel_countdown(notify=False)
        self._remove_filter()

    @Slot()
    def pause(self) -> None:
        """Hold the timer during a long operation; nest freely, one `resume` per `pause`."""
        self._paused += 1
        self._idle.stop()
        self._cancel_countdown(notify=True)

    @Slot()
    def resume(self) -> None:
        """Undo one `pause`; the last one restarts the full idle time."""
        if self._paused == 0:
            return
        self._paused -= 1
        if self._paused == 0:
            self._restart_idle()

    @Slot()
    def activity(self) -> None:
        """Someone is there: cancel a countdown (``resumed``) and restart the idle time."""
        if not self._running:
            return
        self._cancel_countdown(notify=True)
        self._restart_idle()

    @Slot()
    def keep_alive(self) -> None:
        """The "Sí, continuar" button: same as `activity`."""
        self.activity()

    def exempt(self, widget: QWidget) -> None:
        """Input inside ``widget`` is no activity (the idle overlay decides with its buttons)."""
        self._exempt = [ref for ref in self._exempt if ref() is not None]
        if all(ref() is not widget for ref in self._exempt):
            self._exempt.append(weakref.ref(widget))

    # --- internals -------------------------------------------------------------------------------

    def _restart_idle(self) -> None:
        if self._running and self._paused == 0:
            self._idle.start()

    def _cancel_countdown(self, *, notify: bool) -> None:
        if not self._tick.isActive():
            return
        self._tick.stop()
        self._seconds_left = 0
        if notify:
            self.resumed.emit()

    @Slot()
    def _on_idle(self) -> None:
        if not self._running or self._paused:
            return
        self._seconds_left = self._countdown_s
        self._tick.start()
        self.warn.emit(self._seconds_left)

    @Slot()
    def _on_tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left > 0:
            self.countdown.emit(self._seconds_left)
            return
        self._tick.stop()
        self._seconds_left = 0
        self._restart_idle()  # keep watching: the shell wipes the session and shows home
        self.expired.emit()

    def _target_app(self) -> QCoreApplication | None:
        return self._app or QCoreApplication.instance()

    def _install_filter(self) -> None:
        app = self._target_app()
        if app is not None and not self._filter_installed:
            app.installEventFilter(self)
            self._filter_installed = True

    def _remove_filter(self) -> None:
        app = self._target_app()
        if app is not None and self._filter_installed:
            app.removeEventFilter(self)
        self._filter_installed = False

    def _is_exempt(self, widget: QWidget) -> bool:
        for ref in self._exempt:
            target = ref()
            if target is not None and (widget is target or target.isAncestorOf(widget)):
                return True
        node: QWidget | None = widget
        while node is not None:
            if node.property(EXEMPT_PROPERTY) is True:
                return True
            node = node.parentWidget()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only widgets count: Qt first hands input to the QWindow, then to the widget under it.
        if (
            self._running
            and event.type() in ACTIVITY_EVENTS
            and isinstance(watched, QWidget)
            and not (self.counting_down and self._is_exempt(watched))
        ):
            self.activity()
        return False
