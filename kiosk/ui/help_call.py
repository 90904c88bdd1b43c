"""«Llamar a un empleado» on a public kiosk: the header's button calls the desks of the
courthouse to this kiosk, from any screen, without stopping the visitor.

The call says where the kiosk is (its courthouse and location, from the config) and the name of
the screen on show (``antecedentes-penales.guest_dpi``): never what the visitor typed. It goes in
a background task of its own, not through the screens' runner: it must go also while the
visitor waits for the portal or the bank, and leaving the service must not cancel it. The
screen under the message keeps what was typed on it.
"""

from __future__ import annotations

import asyncio
import logging
import re

import shiboken6
from PySide6.QtCore import QObject

from kiosk.config import Settings
from kiosk.i18n import tr
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalError
from kiosk.portal.models.help_requests import (
    POST_HELP_REQUEST,
    SCREEN_PATTERN,
    HelpRequestCreate,
)
from kiosk.ui.kiosk_ui import KioskUi
from kiosk.ui.screens.base import Screen

log = logging.getLogger(__name__)

_SCREEN = re.compile(SCREEN_PATTERN)
_NOT_IN_NAME = re.compile(r"[^a-z0-9._-]+")


def screen_name(screen: Screen | None) -> str:
    """The shell's name of ``screen`` without ``screen.``, in the shape the portal takes."""
    name = screen.objectName().removeprefix("screen.") if screen is not None else ""
    if _SCREEN.match(name):
        return name
    return _NOT_IN_NAME.sub("-", name.lower())[:80] or "unknown"


class HelpCall(QObject):
    """Answers the shell's ``help_requested``: the call, then a message over the screen."""

    def __init__(self, ui: KioskUi, client: PortalClient, settings: Settings) -> None:
        super().__init__(ui)
        self.ui = ui
        self.client = client
        self.settings = settings
        self._tasks: set[asyncio.Task[None]] = set()
        button = ui.shell.call_staff_button
        button.show()
        ui.shell.help_requested.connect(self.call)

    @property
    def calling(self) -> bool:
        return any(not task.done() for task in self._tasks)

    def call(self) -> None:
        if self.calling:  # a double tap calls once (and the portal answers a kiosk's open call)
            return
        body = HelpRequestCreate(
            courthouse=self.settings.kiosk.courthouse,
            location=self.settings.kiosk.location.strip(),
            screen=screen_name(self.ui.shell.current_screen),
        )
        self.ui.shell.call_staff_button.setEnabled(False)
        task = asyncio.ensure_future(self._post(body))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _post(self, body: HelpRequestCreate) -> None:
        try:
            await self.client.call(POST_HELP_REQUEST, body=body)
        except PortalError as error:
            log.warning(
                "help call failed", extra={"event": "help_call", "error": type(error).__name__}
            )
            self._answered(False)
        else:
            log.info("help call", extra={"event": "help_call"})
            self._answered(True)

    def _answered(self, ok: bool) -> None:
        shell = self.ui.shell
        if not shiboken6.isValid(shell):  # the window went first (shutdown)
            return
        shell.call_staff_button.setEnabled(True)
        if ok:
            heading = tr("Llamamos a un empleado")
            body = tr(
                "Avisamos a la ventanilla. Un empleado vendrá a ayudarle aquí; puede seguir "
                "usando el quiosco."
            )
        else:
            heading = tr("No pudimos llamar a un empleado")
            body = tr(
                "No pudimos avisar a la ventanilla. Acérquese a la ventanilla de atención, "
                "por favor."
            )
        self.ui.message_overlay.show_message(heading, body, tr("Entendido"))

    async def aclose(self) -> None:
        """Nothing of a call runs after this (the window and the client may go next)."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def attach_help_call(ui: KioskUi, client: PortalClient, settings: Settings) -> HelpCall:
    """The public kiosk's «Llamar a un empleado» (a desk does not call itself)."""
    return HelpCall(ui, client, settings)
