"""Drives "Verificar un documento": camera frames decoded off the GUI thread, a code accepted once
it reads the same in consecutive frames, USB scanners told apart from typing, a code typed by
hand, a file in desk mode; then the verdict, and a receipt printed on request.

Nothing scanned is stored or logged: the texts live in local variables and on the verdict screen,
which the session's reset clears."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from kiosk.audit.trail import NO_TRAIL, Trail
from kiosk.i18n import tr
from kiosk.printing import JobOutcome
from kiosk.scanning.confirm import ScanConfirmer
from kiosk.scanning.files import UnreadableFile, read_file_codes
from kiosk.scanning.frames import GreyFrame
from kiosk.scanning.pipeline import ScanPipeline
from kiosk.scanning.wedge import WedgeDetector
from kiosk.ui.messages import VisitorMessage
from kiosk.ui.ops import Ops
from kiosk.ui.screens.base import Intent, Screen
from kiosk.ui.verification.camera import CameraFeed
from kiosk.ui.verification.screens import ScanScreen, VerdictScreen
from kiosk.verification.messages import CheckReason
from kiosk.verification.presentation import present
from kiosk.verification.service import Check, Verifier

log = logging.getLogger(__name__)

MODIFIER_KEYS = frozenset(
    {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta}
)

#: prints a receipt of one check (the service's printout), returning the job's end
PrintReceipt = Callable[[Check], Awaitable[JobOutcome]]


def grey_frame(image: QImage) -> GreyFrame:
    """A camera picture as the decoder takes it (8-bit grey). QImage is reentrant: this runs in
    the executor, on a copy the GUI thread no longer touches."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(grey.constBits())[: grey.bytesPerLine() * grey.height()]
    return GreyFrame(grey.width(), grey.height(), grey.bytesPerLine(), data)


class VerificationController(QObject):
    show = Signal(object)  # the Screen to display now
    nav_changed = Signal()
    finished = Signal()  # never: "Otro documento" starts again; "Terminar" is the shell's

    def __init__(
        self,
        verifier: Verifier,
        pipeline: ScanPipeline,
        camera: CameraFeed,
        ops: Ops,
        *,
        desk: bool,
        print_receipt: PrintReceipt | None = None,
        trail: Trail = NO_TRAIL,
    ) -> None:
        super().__init__()
        self.trail = trail
        self.ops = ops
        self.verifier = verifier
        self.pipeline = pipeline
        self.camera = camera
        self.desk = desk
        self.print_receipt = print_receipt
        self.confirmer = ScanConfirmer()
        self.wedge = WedgeDetector()
        self.screen: Screen | None = None
        self.check: Check | None = None
        self._decoding: asyncio.Task[None] | None = None
        self.camera.frame.connect(self._on_image)
        self.camera.failed.connect(self._camera_failed)
        app = QApplication.instance()
        self._app = app if isinstance(app, QApplication) else None

    # --- what the shell shows ---------------------------------------------------------------

    @property
    def can_go_back(self) -> bool:
        return False  # on the verdict, "Otro documento" is the way back: one button, not two

    @property
    def primary_label(self) -> str | None:
        return tr("Otro documento") if isinstance(self.screen, VerdictScreen) else None

    def start(self) -> None:
        self._show_scan()
        if self._app is not None:
            self._app.installEventFilter(self)

    def continue_(self) -> None:
        if isinstance(self.screen, VerdictScreen):
            self._show_scan()

    def back(self) -> None:
        self.continue_()

    def capture(self) -> None:
        """Nothing typed here is worth keeping across a language switch but the code."""

    def render(self) -> None:
        """The same screen again, in new words (a language switch)."""
        if self.check is not None and isinstance(self.screen, VerdictScreen):
            self._show_verdict(self.check)
        else:
            typed = self.screen.typed_code() if isinstance(self.screen, ScanScreen) else ""
            self._show_scan()
            if isinstance(self.screen, ScanScreen):
                self.screen.code.setText(typed)

    def cancel(self) -> None:
        """Leaving (home, reset, shutdown): stop the camera and whatever runs; keep nothing."""
        if self._app is not None:
            self._app.removeEventFilter(self)
        self.camera.stop()
        if self._decoding is not None and not self._decoding.done():
            self._decoding.cancel()
        self.check = None
        self.confirmer.reset()
        self.wedge.reset()

    # --- screens ----------------------------------------------------------------------------

    def _show_scan(self) -> None:
        self.check = None
        self.confirmer.reset()
        screen = ScanScreen(desk=self.desk)
        screen.navigate.connect(self._on_intent)
        self._set_screen(screen)
        if not self.camera.start():
            self._camera_failed()

    def _show_verdict(self, check: Check) -> None:
        self.camera.stop()
        self.check = check
        screen = VerdictScreen(present(check))
        screen.navigate.connect(self._on_intent)
        self._set_screen(screen)

    def _set_screen(self, screen: Screen) -> None:
        self.screen = screen
        self.show.emit(screen)
        self.nav_changed.emit()

    def _camera_failed(self) -> None:
        if isinstance(self.screen, ScanScreen):
            self.screen.camera.hide()  # a black box with a frame would invite a useless wait
            self.screen.show_status(
                tr(
                    "La cámara de este quiosco no está disponible. Puede usar el lector de "
                    "códigos (si lo hay) o escribir el código de verificación del documento."
                ),
                problem=True,
            )

    def _on_intent(self, intent: Intent, argument: str) -> None:
        if intent is Intent.CHECK_CODE and isinstance(self.screen, ScanScreen):
            self._check_code(self.screen.typed_code())
        elif intent is Intent.OPEN_FILE:
            self._open_file()
        elif intent is Intent.PRINT:
            self._print()
        elif intent is Intent.AGAIN:
            self._show_scan()

    # --- inputs -----------------------------------------------------------------------------

    def _on_image(self, image: QImage) -> None:
        if not isinstance(self.screen, ScanScreen):
            return
        self.screen.camera.show_image(image)
        if self.ops.busy or (self._decoding is not None and not self._decoding.done()):
            return  # one decode at a time: a slow frame is skipped, never queued
        self._decoding = asyncio.ensure_future(self._decode(image))

    async def _decode(self, image: QImage) -> None:
        loop = asyncio.get_running_loop()
        texts = await loop.run_in_executor(None, lambda: self.pipeline.read(grey_frame(image)))
        confirmed = self.confirmer.feed(texts, time.monotonic())
        if confirmed is not None:
            self._check(lambda: self.verifier.check_text(confirmed), "camera")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """USB scanners type like a keyboard: a fast burst ending in Enter is a scan."""
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(self.screen, ScanScreen):
            return False
        # A key reaches this filter once per widget it is offered to: count it at the first one.
        if watched is not (QApplication.focusWidget() or QApplication.activeWindow()):
            return False
        key = event
        # One clock for every key (synthetic events carry no timestamp of their own); the GUI
        # thread never stalls long enough to bunch a person's keys into a scanner's burst.
        now = time.monotonic()
        if key.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            scanned = self.wedge.enter(now)
            if scanned is None:
                return False
            field = self.screen.code
            if field.text().endswith(scanned):  # the burst also landed in the field: take it out
                field.setText(field.text()[: -len(scanned)])
            self._check(lambda: self.verifier.check_text(scanned), "scanner")
            return True
        if key.key() not in MODIFIER_KEYS:  # a scanner presses Shift for each capital letter
            self.wedge.feed(key.text(), now)  # an arrow or a function key ends the burst
        return False

    def _open_file(self) -> None:
        # Desk mode only: a clerk's normal window on a desktop, where the system's file dialog is
        # what the clerk expects (a kiosk never shows this button).
        path, _filter = QFileDialog.getOpenFileName(
            self.screen,
            tr("Abrir una imagen o un PDF"),
            str(Path.home()),
            tr("Imágenes y PDF (*.png *.jpg *.jpeg *.pdf *.tif *.tiff *.bmp)"),
        )
        if path:
            self._check(lambda: self._file_check(Path(path)), "file")

    # --- checks -----------------------------------------------------------------------------

    def _check(self, check: Callable[[], Awaitable[Check | None]], source: str) -> None:
        """One check at a time, through the runner (busy before it starts: a double tap or a
        second scan while one is checked is ignored)."""
        started = self.ops.run("check", check, done=lambda result: self._checked(result, source))
        if started and isinstance(self.screen, ScanScreen):
            self.screen.show_status(tr("Comprobando el documento…"))

    def _check_code(self, typed: str) -> None:
        if not typed.strip():
            if isinstance(self.screen, ScanScreen):
                self.screen.show_code_error(tr("Escriba el código de verificación."))
            return
        self._check(lambda: self.verifier.check_code(typed), "typed")

    async def _file_check(self, path: Path) -> Check | None:
        loop = asyncio.get_running_loop()
        try:
            pages = await loop.run_in_executor(None, read_file_codes, path)
        except UnreadableFile as error:
            if isinstance(self.screen, ScanScreen):
                self.screen.show_status(str(error), problem=True)
            return None
        texts = [text for page in pages for text in page.texts]
        if not texts:
            if isinstance(self.screen, ScanScreen):
                self.screen.show_status(
                    tr("No encontramos ningún código QR en ese archivo."), problem=True
                )
            return None
        return await self.verifier.check_text(texts[0])

    def _checked(self, result: Check | None, source: str) -> None:
        if result is None:
            return
        log.info(
            "document checked",
            extra={"verdict": result.verdict.value, "event": source},
        )
        if result.reason is not CheckReason.CODE_FORMAT:
            kind = result.document.type.value if result.document is not None else ""
            self.trail.verdict(result.verdict.value, result.code or "", kind)
        if result.reason is CheckReason.CODE_FORMAT and isinstance(self.screen, ScanScreen):
            self.screen.show_code_error(result.translated())  # what was typed stays
            self.screen.status.hide()
            return
        self._show_verdict(result)

    def _print(self) -> None:
        screen, check, print_receipt = self.screen, self.check, self.print_receipt
        if print_receipt is None or check is None or not isinstance(screen, VerdictScreen):
            return

        def printed(outcome: JobOutcome) -> None:
            if screen is self.screen:
                screen.show_printed(tr(outcome.message), ok=outcome.ok)

        def failed(message: VisitorMessage) -> None:
            if screen is self.screen:
                screen.show_printed(message.text, ok=False)

        if self.ops.run("print", lambda: print_receipt(check), done=printed, failed=failed):
            screen.show_printing()
