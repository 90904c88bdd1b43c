"""The idle timer warns, counts down and expires; any touch or key resets it; pause holds it; the
idle overlay covers the window, follows its size and its buttons decide."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.i18n import set_language
from kiosk.ui.idle import IdleMonitor
from kiosk.ui.overlays import IdleOverlay

TIMEOUT_MS = 300
HALF_WAY = 200  # ms: twice this is past TIMEOUT_MS, once is well before it
COUNTDOWN_MS = 2000  # two ticks: countdown(1), then expired


class Screen(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.edit = QLineEdit()
        self.button = QPushButton("Continuar")
        self.clicks = 0
        self.button.clicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Escriba su DPI"))
        layout.addWidget(self.edit)
        layout.addWidget(self.button)

    def _clicked(self) -> None:
        self.clicks += 1


@pytest.fixture
def screen(qtbot: QtBot) -> Screen:
    widget = Screen()
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def monitor(qtbot: QtBot) -> Iterator[IdleMonitor]:
    idle = IdleMonitor(TIMEOUT_MS, COUNTDOWN_MS)
    idle.start()
    yield idle
    idle.stop()
    idle.deleteLater()


def test_warns_after_the_idle_time_counts_down_and_expires(
    qtbot: QtBot, monitor: IdleMonitor
) -> None:
    ticks: list[int] = []
    monitor.countdown.connect(ticks.append)
    started = time.monotonic()
    with qtbot.waitSignal(monitor.warn, timeout=2000) as warned:
        pass
    assert warned.args == [2]
    assert time.monotonic() - started >= TIMEOUT_MS / 1000 * 0.9
    assert monitor.counting_down
    with qtbot.waitSignal(monitor.expired, timeout=4000):
        pass
    assert ticks == [1]
    assert not monitor.counting_down
    assert time.monotonic() - started >= (TIMEOUT_MS + COUNTDOWN_MS) / 1000 * 0.9


def test_watches_again_after_expiry(qtbot: QtBot) -> None:
    monitor = IdleMonitor(100, 1000)
    monitor.start()
    try:
        with qtbot.waitSignal(monitor.expired, timeout=3000):
            pass
        with qtbot.waitSignal(monitor.warn, timeout=1000):
            pass
    finally:
        monitor.stop()


def test_a_mouse_click_resets_the_idle_time(
    qtbot: QtBot, screen: Screen, monitor: IdleMonitor
) -> None:
    qtbot.wait(HALF_WAY)
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    assert screen.clicks == 1  # the click reached the button: never swallowed
    with qtbot.assertNotEmitted(monitor.warn, wait=HALF_WAY):  # past TIMEOUT_MS since start
        pass
    with qtbot.waitSignal(monitor.warn, timeout=1000):
        pass


def test_a_key_press_resets_the_idle_time_and_still_types(
    qtbot: QtBot, screen: Screen, monitor: IdleMonitor
) -> None:
    qtbot.wait(HALF_WAY)
    qtbot.keyClicks(screen.edit, "12")
    assert screen.edit.text() == "12"
    with qtbot.assertNotEmitted(monitor.warn, wait=HALF_WAY):
        pass


def test_without_activity_the_same_wait_warns(qtbot: QtBot, monitor: IdleMonitor) -> None:
    """The control for the tests above: the same 2 x HALF_WAY of nothing does warn."""
    with qtbot.waitSignal(monitor.warn, timeout=2 * HALF_WAY):
        pass


def test_activity_slot_counts_like_a_touch(qtbot: QtBot, monitor: IdleMonitor) -> None:
    qtbot.wait(HALF_WAY)
    monitor.activity()  # what the on-screen keyboard's key_pressed calls
    with qtbot.assertNotEmitted(monitor.warn, wait=HALF_WAY):
        pass


def test_activity_during_the_countdown_resumes(
    qtbot: QtBot, screen: Screen, monitor: IdleMonitor
) -> None:
    with qtbot.waitSignal(monitor.warn, timeout=1000):
        pass
    with qtbot.waitSignal(monitor.resumed, timeout=500):
        qtbot.mouseClick(screen.edit, Qt.MouseButton.LeftButton)
    assert not monitor.counting_down
    assert monitor.seconds_left == 0
    with qtbot.assertNotEmitted(monitor.expired, wait=1200):
        pass


def test_keep_alive_resumes_and_restarts_the_full_idle_time(
    qtbot: QtBot, monitor: IdleMonitor
) -> None:
    with qtbot.waitSignal(monitor.warn, timeout=1000):
        pass
    with qtbot.waitSignal(monitor.resumed, timeout=100):
        monitor.keep_alive()
    with qtbot.assertNotEmitted(monitor.warn, wait=TIMEOUT_MS // 2):
        pass
    with qtbot.waitSignal(monitor.warn, timeout=1000):
        pass


def test_pause_holds_everything_and_resume_restarts(qtbot: QtBot, monitor: IdleMonitor) -> None:
    monitor.pause()
    assert monitor.paused
    with qtbot.assertNotEmitted(monitor.warn, wait=TIMEOUT_MS * 2):
        pass
    monitor.resume()
    assert not monitor.paused
    with qtbot.waitSignal(monitor.warn, timeout=1000):
        pass


def test_pauses_nest(qtbot: QtBot, monitor: IdleMonitor) -> None:
    monitor.pause()
    monitor.pause()
    monitor.resume()
    assert monitor.paused
    with qtbot.assertNotEmitted(monitor.warn, wait=TIMEOUT_MS * 2):
        pass
    monitor.resume()
    monitor.resume()  # one too many is harmless
    with qtbot.waitSignal(monitor.warn, timeout=1000):
        pass


def test_pause_during_the_countdown_cancels_it(qtbot: QtBot, monitor: IdleMonitor) -> None:
    with qtbot.waitSignal(monitor.warn, timeout=1000):
        pass
    with qtbot.waitSignal(monitor.resumed, timeout=100):
        monitor.pause()
    with qtbot.assertNotEmitted(monitor.expired, wait=COUNTDOWN_MS + 300):
        pass
    monitor.resume()


def test_activity_while_paused_does_not_restart_the_timer(
    qtbot: QtBot, screen: Screen, monitor: IdleMonitor
) -> None:
    monitor.pause()
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(monitor.warn, wait=TIMEOUT_MS * 2):
        pass
    monitor.resume()


def test_stop_silences_and_start_watches_again(qtbot: QtBot, monitor: IdleMonitor) -> None:
    monitor.stop()
    assert not monitor.running
    with qtbot.assertNotEmitted(monitor.warn, wait=TIMEOUT_MS * 2):
        pass
    monitor.start()
    with qtbot.waitSignal(monitor.warn, timeout=1000):
        pass


def test_rejects_nonsense_times() -> None:
    with pytest.raises(ValueError):
        IdleMonitor(0, 1000)


# --- the overlay ----------------------------------------------------------------------------------


@pytest.fixture
def overlay(screen: Screen) -> IdleOverlay:
    return IdleOverlay(screen)


def test_idle_overlay_covers_its_parent_and_follows_its_size(
    qtbot: QtBot, screen: Screen, overlay: IdleOverlay
) -> None:
    assert overlay.objectName() == "overlay.idle"
    assert not overlay.isVisible()
    overlay.show_over()
    assert overlay.isVisible()
    assert overlay.isWindow() is False
    assert overlay.geometry() == screen.rect()
    screen.resize(1920, 1080)
    qtbot.waitUntil(lambda: overlay.geometry() == screen.rect())
    assert overlay.size().width() == 1920
    assert overlay.rect().contains(overlay.card.geometry())
    screen.resize(1280, 800)
    qtbot.waitUntil(lambda: overlay.size().width() == 1280)
    assert overlay.rect().contains(overlay.card.geometry())


def test_idle_overlay_texts_and_countdown(overlay: IdleOverlay) -> None:
    overlay.set_seconds(20)
    overlay.show_over()
    countdown = overlay.findChild(QLabel, "label.countdown")
    assert countdown is not None
    assert countdown.text() == "Sus datos se borrarán en 20 segundos"
    overlay.set_seconds(1)
    assert countdown.text() == "Sus datos se borrarán en 1 segundo"
    assert overlay.heading.text() == "¿Necesita más tiempo?"
    keep = overlay.findChild(QPushButton, "action.keep_alive")
    finish = overlay.findChild(QPushButton, "action.idle_finish")
    assert keep is not None and keep.text() == "Sí, continuar"
    assert finish is not None and finish.text() == "Terminar y borrar mis datos"


def test_idle_overlay_follows_a_language_change(overlay: IdleOverlay) -> None:
    overlay.show_over()
    try:
        set_language("xx")
        assert overlay.heading.text() != "¿Necesita más tiempo?"
        assert "20" in overlay.countdown_label.text()
    finally:
        set_language("es")
    assert overlay.heading.text() == "¿Necesita más tiempo?"


def test_idle_overlay_buttons_emit(qtbot: QtBot, overlay: IdleOverlay) -> None:
    overlay.show_over()
    with qtbot.waitSignal(overlay.keep_alive, timeout=500):
        qtbot.mouseClick(overlay.keep_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(overlay.finish, timeout=500):
        qtbot.mouseClick(overlay.finish_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(overlay.keep_alive, timeout=500):  # a touch on the backdrop
        qtbot.mouseClick(overlay, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def test_idle_overlay_blocks_the_screen_under_it(
    qtbot: QtBot, screen: Screen, overlay: IdleOverlay
) -> None:
    overlay.show_over()
    under = screen.button.mapTo(screen, screen.button.rect().center())
    qtbot.mouseClick(overlay, Qt.MouseButton.LeftButton, pos=under)
    assert screen.clicks == 0
    overlay.hide()
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    assert screen.clicks == 1


def test_idle_overlay_keeps_the_focus_inside(
    qtbot: QtBot, screen: Screen, overlay: IdleOverlay
) -> None:
    screen.activateWindow()
    screen.edit.setFocus()
    overlay.show_over()
    qtbot.waitUntil(lambda: overlay.isAncestorOf(screen.focusWidget()) or overlay.hasFocus())
    screen.edit.setFocus()  # a scanner's keys must not land in the field under the overlay
    assert not screen.edit.hasFocus()
    overlay.hide()
    screen.edit.setFocus()
    assert screen.edit.hasFocus()


def test_terminar_lands_during_the_countdown(
    qtbot: QtBot, screen: Screen, monitor: IdleMonitor, overlay: IdleOverlay
) -> None:
    """Wired as the shell does it: a press on "Terminar" must not hide the overlay (resumed)
    before its release; pressing "Sí, continuar" resumes through keep_alive. The overlay is
    exempt by its own ``idleExempt`` property: the shell needs no extra call."""
    monitor.warn.connect(lambda seconds: (overlay.set_seconds(seconds), overlay.show_over()))
    monitor.resumed.connect(overlay.hide)
    overlay.keep_alive.connect(monitor.keep_alive)
    finished: list[bool] = []
    overlay.finish.connect(lambda: finished.append(True))

    with qtbot.waitSignal(monitor.warn, timeout=1000):
        pass
    assert overlay.isVisible()
    with qtbot.assertNotEmitted(monitor.resumed, wait=50):
        qtbot.mouseClick(overlay.finish_button, Qt.MouseButton.LeftButton)
    assert finished == [True]

    with qtbot.waitSignal(monitor.resumed, timeout=500):
        qtbot.mouseClick(overlay.keep_button, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()


def test_without_exemption_a_press_on_the_overlay_resumes(
    qtbot: QtBot, monitor: IdleMonitor, overlay: IdleOverlay
) -> None:
    """The control for the test above: any other press during the countdown is activity."""
    overlay.setProperty("idleExempt", False)
    with qtbot.waitSignal(monitor.warn, timeout=1000):
        pass
    overlay.show_over()
    with qtbot.waitSignal(monitor.resumed, timeout=500):
        qtbot.mouseClick(overlay.finish_button, Qt.MouseButton.LeftButton)


def test_exempt_works_for_any_widget(qtbot: QtBot, screen: Screen, monitor: IdleMonitor) -> None:
    monitor.exempt(screen.button)
    with qtbot.waitSignal(monitor.warn, timeout=1000):
        pass
    with qtbot.assertNotEmitted(monitor.resumed, wait=50):
        qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(monitor.resumed, timeout=500):
        qtbot.mouseClick(screen.edit, Qt.MouseButton.LeftButton)


def test_a_key_on_the_idle_overlay_keeps_alive(qtbot: QtBot, overlay: IdleOverlay) -> None:
    overlay.show_over()
    with qtbot.waitSignal(overlay.keep_alive, timeout=500):
        qtbot.keyClick(overlay, Qt.Key.Key_A)
