"""The clerk's work station (``kiosk.mode = "desk"``): sign-in, the clerk's session and its end,
the audit trail and its sending, and the desk's tools.

Signed out, the station's front door is the sign-in screen: no service opens. Signed in, every
call carries the clerk's ``X-Staff-Token``; the clerk serves visitors one after another
(«Siguiente visitante» wipes the visit and keeps the clerk). The session ends when the clerk
signs out, when the desk goes unused for ``desk.idle_minutes``, at the end of the shift the portal
gave (``expires_at``), or when the portal no longer takes the token; the visit is wiped and the
sign-in screen returns, saying why.

The audit log's pending entries are sent in order by one background loop: soon after each new
entry, and every ``desk.audit_send_seconds``; while the portal cannot be reached the wait doubles
up to ``MAX_SEND_WAIT``. A restart finds the queue where it was (``kiosk.audit``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.audit.log import AuditLog
from kiosk.audit.sender import AuditSender
from kiosk.audit.shift_report import ROLE_WORDS
from kiosk.audit.trail import StaffTrail
from kiosk.config import Settings
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalError, PortalRejected
from kiosk.portal.models.audit import AuditKind
from kiosk.portal.models.staff import (
    STAFF_SIGN_IN,
    STAFF_SIGN_OUT,
    StaffRole,
    StaffSession,
    StaffSignIn,
)
from kiosk.services.printer import DocumentPrinter
from kiosk.session import Session
from kiosk.text import Text
from kiosk.ui.desk.context import DeskContext, DeskTool

if TYPE_CHECKING:
    from kiosk.ui.verification.assembly import VerificationAssembly

log = logging.getLogger(__name__)

MAX_SEND_WAIT = 300.0  # seconds between tries while the portal cannot be reached
SOON = 0.5  # seconds after a new entry: several entries of one action go in one round

#: why the sign-in screen is back, in the clerk's words
SIGNED_OUT_BECAUSE: dict[str, Text] = {
    "sign_out": Text("Cerró su sesión."),
    "idle": Text("Se cerró la sesión porque la ventanilla no se usó por un tiempo."),
    "shift_end": Text("Su turno terminó: se cerró la sesión."),
    "expired": Text("El portal ya no acepta la sesión: ingrese de nuevo."),
}

#: a role as the desk bar says it (the end-of-day report's words)
ROLE_NAMES: dict[StaffRole, Text] = {role: ROLE_WORDS[role.value] for role in StaffRole}


class DeskStation(QObject):
    #: the clerk signed in or out: the shell shows the desk bar or the sign-in screen
    changed = Signal()

    def __init__(
        self,
        settings: Settings,
        client: PortalClient,
        audit: AuditLog,
        *,
        printer: DocumentPrinter | None = None,
        verification: VerificationAssembly | None = None,
        session: Session,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__()
        self.settings = settings
        self.client = client
        self.audit = audit
        self.clock = clock
        self.staff: StaffSession | None = None
        #: why the last session ended (a key of SIGNED_OUT_BECAUSE), "" at start
        self.ended_because = ""
        self.trail = StaffTrail(audit, self._user, self.send_soon)
        self.audit_sender = AuditSender(audit, client)
        self.tools: dict[str, DeskTool] = {}
        self.context = DeskContext(
            settings=settings,
            client=client,
            audit=audit,
            trail=self.trail,
            printer=printer,
            verification=verification,
            staff=lambda: self.staff,
            temp_dir=session.temp_dir,
            audit_sent_at=lambda: self.last_sent_at,
        )
        self._wake = asyncio.Event()
        self._stopping = False
        self._tasks: list[asyncio.Task[None]] = []
        self._shift = QTimer(self)
        self._shift.setSingleShot(True)
        self._shift.timeout.connect(self._shift_over)
        #: the last round's result, for tests; when a round last sent something
        self.last_send: object | None = None
        self.last_sent_at: datetime | None = None

    # --- who is signed in ------------------------------------------------------------------

    @property
    def signed_in(self) -> bool:
        return self.staff is not None

    @property
    def is_supervisor(self) -> bool:
        return self.staff is not None and self.staff.staff.role is StaffRole.SUPERVISOR

    def _user(self) -> str | None:
        return self.staff.staff.user if self.staff is not None else None

    async def sign_in(self, user: str, password: str) -> StaffSession:
        """Open the clerk's session at the portal; raises PortalError (the screen says why)."""
        body = StaffSignIn(
            user=user.strip().lower(),
            password=password,
            courthouse=self.settings.kiosk.courthouse,
        )
        session = await self.client.call(STAFF_SIGN_IN, body=body)
        self.staff = session
        self.ended_because = ""
        self.client.set_staff_token(session.token)
        self.trail.record(AuditKind.SIGN_IN, role=session.staff.role.value)
        left = (session.expires_at - self.clock()).total_seconds()
        self._shift.start(max(0, int(left * 1000)))
        log.info("staff signed in", extra={"event": "staff_sign_in"})
        self.changed.emit()
        return session

    def sign_out(self, reason: str = "sign_out", *, notify: bool = True) -> None:
        """End the clerk's session (here at once; at the portal in the background).
        ``notify``: False at shutdown, when there is no screen left to change."""
        session = self.staff
        if session is None:
            return
        self.trail.record(AuditKind.SIGN_OUT, reason=reason)
        self.staff = None
        self.ended_because = reason
        self._shift.stop()
        self.client.set_staff_token(None)
        if reason != "expired":  # the portal already ended that one
            self._spawn(self._end_at_portal(session.token))
        log.info("staff signed out", extra={"event": "staff_sign_out", "reason": reason})
        if notify:
            self.changed.emit()

    async def _end_at_portal(self, token: str) -> None:
        try:
            await self.client.call(STAFF_SIGN_OUT, staff_token=token)
        except PortalError as exc:  # it expires at the shift's end anyway
            log.info("staff sign-out not confirmed", extra={"error": type(exc).__name__})

    def _shift_over(self) -> None:
        if self.staff is None:
            return
        if self.staff.expires_at <= self.clock():
            self.sign_out("shift_end")
        else:  # a timer fired early (a suspended machine): wait the rest
            left = (self.staff.expires_at - self.clock()).total_seconds()
            self._shift.start(max(1, int(left * 1000)))

    def portal_refused(self, error: BaseException) -> bool:
        """Any call's failure: when the portal no longer takes the clerk's token, sign out."""
        if isinstance(error, PortalRejected) and error.code == "staff_session_invalid":
            self.sign_out("expired")
            return True
        return False

    # --- tools -----------------------------------------------------------------------------

    def register(self, tools: Mapping[str, DeskTool]) -> None:
        self.tools.update(tools)

    # --- sending the audit log -------------------------------------------------------------

    def start(self) -> None:
        """Start the background loop (on the running event loop)."""
        if not self._tasks:
            self._spawn(self._send_loop())

    def send_soon(self) -> None:
        self._wake.set()

    async def _send_loop(self) -> None:
        base = float(self.settings.desk.audit_send_seconds)
        wait = SOON
        while not self._stopping:
            if await self._pause(wait):
                await asyncio.sleep(SOON)  # the rest of the action's entries join this round
            self._wake.clear()
            try:
                result = await self.audit_sender.send_pending()
            except Exception:  # the loop must outlive any one round: the entries stay queued
                log.exception("audit round failed", extra={"event": "audit_deferred"})
                wait = min(max(wait, base) * 2, MAX_SEND_WAIT)
                continue
            self.last_send = result
            if result.sent:
                self.last_sent_at = self.clock()
            if result.stopped_by == "staff_session_invalid":
                self.sign_out("expired")
            if result.stopped_by in ("unavailable", "rate_limited") or (
                result.stopped_by and result.pending
            ):
                wait = min(max(wait, base) * 2, MAX_SEND_WAIT)
            else:
                wait = base

    async def _pause(self, seconds: float) -> bool:
        """Wait ``seconds`` or until ``send_soon``; True when woken. (Not ``wait_for``: on
        Python 3.11 it swallows a cancel that lands as the event is set, and the loop would
        outlive the desk.)"""
        waiter = asyncio.ensure_future(self._wake.wait())
        try:
            done, _pending = await asyncio.wait({waiter}, timeout=seconds)
        finally:
            waiter.cancel()
            await asyncio.gather(waiter, return_exceptions=True)
        return bool(done)

    def _spawn(self, work: object) -> None:
        assert asyncio.iscoroutine(work)
        task = asyncio.ensure_future(work)
        self._tasks.append(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("desk background task failed", exc_info=task.exception())

    async def shutdown(self) -> None:
        """The app closes: the clerk's session ends (recorded), the loop stops."""
        self._shift.stop()
        self._stopping = True
        if self.staff is not None:
            self.sign_out("sign_out", notify=False)
        tasks = list(self._tasks)
        for task in tasks:
            if task.get_coro().__name__ == "_send_loop":  # type: ignore[union-attr]
                task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        # one last round: the sign-out entry goes now if the portal is there
        with contextlib.suppress(TimeoutError, PortalError):
            async with asyncio.timeout(3):  # not wait_for: see kiosk.printing.commands
                await self.audit_sender.send_pending()
