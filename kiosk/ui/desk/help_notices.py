"""The public kiosks' calls for a clerk, on the desk bar of every desk of the courthouse.

While a clerk is signed in, the desk asks the portal for the open calls of its courthouse every
``desk.help_poll_seconds`` (a timer started and stopped with the clerk's sign-in and sign-out;
each round is one short non-blocking operation of the UI's runner, so it never holds the screen
and stops with the UI). A failed round is quiet: the next one tries again. Each open call is a
notice in the bar: which kiosk, where it stands, where in which service the visitor is, and
since when; «Voy» takes it, and it leaves every desk (each one's next round no longer lists it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy

from kiosk.flows.model import QuestionStep, Step
from kiosk.i18n import tr
from kiosk.portal.errors import PortalError, PortalNotFound, PortalRejected
from kiosk.portal.models.help_requests import (
    ANSWER_HELP_REQUEST,
    LIST_HELP_REQUESTS,
    HelpRequest,
)
from kiosk.services import registry
from kiosk.ui.desk.bar import DeskBar
from kiosk.ui.desk.station import DeskStation
from kiosk.ui.screens.base import label
from kiosk.ui.wrap_button import WrapButton

if TYPE_CHECKING:
    from kiosk.ui.kiosk_ui import KioskUi

log = logging.getLogger(__name__)

#: the oldest calls shown as notices; the others are counted (the bar must leave the screen room)
MOST_SHOWN = 2
#: the screens that are no service's step
SCREEN_WORDS = {"home": "Inicio"}


def step_words(step: Step) -> str:
    """A step as a clerk names it: the one field it asks, or its title."""
    if isinstance(step, QuestionStep) and len(step.fields) == 1:
        return tr(step.fields[0].label)
    return tr(step.title)


def screen_words(screen: str) -> str:
    """«Antecedentes Penales en línea › Número de DPI» for ``antecedentes-penales.guest_dpi``;
    the name itself when no service has it."""
    if screen in SCREEN_WORDS:
        return tr(SCREEN_WORDS[screen])
    service_id, _, step_id = screen.partition(".")
    service = registry.SERVICES.get(service_id)
    if service is None:
        return screen
    words = tr(service.title)
    if service.flow is not None and step_id:
        try:
            step = service.flow.step(step_id)
        except KeyError:
            return words
        return f"{words} › {step_words(step)}"
    return words


def since_words(created: datetime, moment: datetime) -> str:
    minutes = int((moment - created).total_seconds() // 60)
    if minutes < 1:
        return tr("hace menos de 1 min")
    return tr("hace {minutes} min", minutes=minutes)


class HelpNotice(QFrame):
    """One kiosk's call: what it says, and «Voy»."""

    answer_requested = Signal(str)

    def __init__(self, call: HelpRequest) -> None:
        super().__init__()
        self.call = call
        self.setObjectName(f"notice.help.{call.id}")
        self.setProperty("kind", "error-summary")  # it asks for someone: it must stand out
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 6, 8, 6)
        row.setSpacing(12)
        self.words = label("", "body", f"label.help.{call.id}")
        self.words.setTextFormat(Qt.TextFormat.PlainText)  # a location is the config's text
        self.words.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(self.words, 1)
        self.answer_button = WrapButton(tr("Voy"))
        self.answer_button.setObjectName(f"action.answer_help.{call.id}")
        self.answer_button.setProperty("role", "primary")
        self.answer_button.setMinimumHeight(56)
        self.answer_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Enter stays with the form
        self.answer_button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        self.answer_button.clicked.connect(lambda: self.answer_requested.emit(call.id))
        row.addWidget(self.answer_button)
        self.problem = ""

    def show_words(self, moment: datetime) -> None:
        parts = [
            tr(
                "Quiosco {kiosk}: pide ayuda en {where}",
                kiosk=self.call.kiosk_id,
                where=screen_words(self.call.screen),
            )
        ]
        if self.call.location.strip():
            parts.append(self.call.location.strip())
        parts.append(since_words(self.call.created_at, moment))
        text = " · ".join(parts)
        self.words.setText(f"{text}\n{self.problem}" if self.problem else text)
        self.answer_button.set_words(tr("Voy"))

    def set_waiting(self, waiting: bool) -> None:
        self.answer_button.setEnabled(not waiting)


class HelpNotices(QObject):
    """The desk's part of the calls: polling while a clerk is signed in, the notices, «Voy»."""

    def __init__(
        self,
        bar: DeskBar,
        station: DeskStation,
        run: Callable[..., bool],
        *,
        running: Callable[[], bool] = lambda: True,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """``run``: the UI's runner (``Ops.run``); ``running``: False once the UI shuts down
        (no new round may start then)."""
        super().__init__(bar)
        self.bar = bar
        self.station = station
        self.run = run
        self.running = running
        self.clock = clock
        self.notices: dict[str, HelpNotice] = {}
        self._taken: set[str] = set()  # taken here: a round that was under way brings them back
        self._more = label("", "body", "label.help.more")
        self._more.hide()
        bar.add_notice(self._more)
        #: rounds that reached the portal, for tests and the device panel
        self.rounds = 0
        self.timer = QTimer(self)
        self.timer.setInterval(station.settings.desk.help_poll_seconds * 1000)
        self.timer.timeout.connect(self.poll)
        station.changed.connect(self._changed)

    # --- polling ---------------------------------------------------------------------------

    def _changed(self) -> None:
        if self.station.signed_in:
            self.timer.start()  # the first round after one interval
        else:
            self.timer.stop()
            self._taken.clear()
            self._show([])

    def poll(self) -> None:
        """One round now (skipped while the screen waits for a blocking operation)."""
        if not self.station.signed_in:
            self.timer.stop()
            return
        if self.running():
            self.run("help-poll", self._fetch, done=self._fetched, blocking=False)

    async def _fetch(self) -> list[HelpRequest] | None:
        try:
            answer = await self.station.client.call(LIST_HELP_REQUESTS)
        except PortalError as error:
            if not self.station.portal_refused(error):
                log.info("help calls not fetched", extra={"error": type(error).__name__})
            return None
        return answer.requests

    def _fetched(self, calls: list[HelpRequest] | None) -> None:
        if calls is None or not self.station.signed_in or not shiboken6.isValid(self.bar):
            return
        self.rounds += 1
        self._show(calls)

    def _show(self, calls: list[HelpRequest]) -> None:
        calls = [call for call in calls if call.id not in self._taken]
        shown, more = calls[:MOST_SHOWN], len(calls) - MOST_SHOWN
        self._more.setVisible(more > 0)
        if more == 1:
            self._more.setText(tr("Y 1 llamado más, que espera desde hace menos."))
        elif more > 1:
            self._more.setText(
                tr("Y {count} llamados más, que esperan desde hace menos.", count=more)
            )
        calls = shown
        wanted = {call.id: call for call in calls}
        for call_id in [known for known in self.notices if known not in wanted]:
            self._drop(call_id)
        moment = self.clock()
        for call in calls:
            notice = self.notices.get(call.id)
            if notice is None:
                notice = HelpNotice(call)
                notice.answer_requested.connect(self.answer)
                self.notices[call.id] = notice
                self.bar.notices.removeWidget(self._more)  # the count stays under the notices
                self.bar.add_notice(notice)
                self.bar.add_notice(self._more)
                log.info("help call shown", extra={"event": "help_call_shown"})
            notice.show_words(moment)

    def _drop(self, call_id: str) -> None:
        notice = self.notices.pop(call_id, None)
        if notice is not None and shiboken6.isValid(notice):
            notice.hide()
            notice.setParent(None)
            notice.deleteLater()

    # --- «Voy» -----------------------------------------------------------------------------

    def answer(self, call_id: str) -> None:
        notice = self.notices.get(call_id)
        if notice is None:
            return

        async def take() -> str:
            try:
                await self.station.client.call(ANSWER_HELP_REQUEST, path={"request_id": call_id})
            except PortalError as error:
                if self.station.portal_refused(error):
                    return "signed_out"
                if isinstance(error, PortalNotFound):
                    return "gone"
                if isinstance(error, PortalRejected) and error.code == "help_request_taken":
                    return "taken"
                log.info("help call not taken", extra={"error": type(error).__name__})
                return "failed"
            return "taken_here"

        def answered(outcome: str) -> None:
            if call_id not in self.notices:
                return
            if outcome == "failed":
                notice.problem = tr("No se pudo avisar al portal; intente de nuevo.")
                notice.set_waiting(False)
                notice.show_words(self.clock())
                return
            log.info("help call answered", extra={"event": "help_call_answered", "by": outcome})
            self._taken.add(call_id)
            self._drop(call_id)

        if self.run(f"help-answer-{call_id}", take, done=answered, blocking=False):
            notice.set_waiting(True)


def attach_help_notices(ui: KioskUi, station: DeskStation) -> HelpNotices:
    """The desk's calls, in the bar the desk's front put under the header."""
    bar = ui.shell.findChild(DeskBar)
    assert isinstance(bar, DeskBar), "the desk's front goes first"
    return HelpNotices(bar, station, ui.ops.run, running=lambda: ui.idle.running)
