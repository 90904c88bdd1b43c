"""«Equipo» (F7): the device panel a clerk or a technician reads when something does not work. One
screen: the printer, its jobs, the camera, the portal and its latency, the trust list, the disk,
the audit log's queue, and who this kiosk is; «Actualizar» reads it all again, «Imprimir página
de prueba» prints ``kiosk print-test``'s sample and says whether it printed.

The facts come from ``kiosk.device_checks`` (no Qt); only the cameras are asked here, of
QtMultimedia, which loads when the panel first opens, never at start-up. Each line says its state
in a word with a symbol («✓ Bien», «⚠ Atención», «✗ Falla») as well as a colour."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.device_checks import (
    FACT_NAMES,
    STATE_WORDS,
    Camera,
    DeviceReport,
    DeviceSources,
    Fact,
    Level,
    check_device,
)
from kiosk.device_test_page import PrintTestResult, print_test_page
from kiosk.formats import local
from kiosk.i18n import show as said
from kiosk.i18n import tr
from kiosk.text import Text
from kiosk.ui.desk.context import DeskContext
from kiosk.ui.desk.one_screen_tool import OneScreenTool
from kiosk.ui.ops import Ops
from kiosk.ui.screens.base import Intent, Screen, button, label, set_kind

log = logging.getLogger(__name__)

#: each fact's caption on the panel
CAPTIONS: dict[str, Text] = {
    "printer": Text("Impresora"),
    "printer_jobs": Text("Trabajos de impresión"),
    "camera": Text("Cámara"),
    "portal": Text("Portal"),
    "trust_list": Text("Lista de confianza"),
    "disk": Text("Espacio en disco"),
    "audit_queue": Text("Registro de auditoría"),
    "kiosk_id": Text("Equipo"),
    "courthouse": Text("Sede"),
    "version": Text("Versión del programa"),
}
SYMBOLS = {Level.GOOD: "✓", Level.WARN: "⚠", Level.BAD: "✗"}
#: the theme's kind for each state word (the word and its symbol say it without colour)
STATE_KINDS = {Level.GOOD: "success", Level.WARN: "warning", Level.BAD: "error"}
SUMMARY_KINDS = {Level.GOOD: "verdict-good", Level.WARN: "verdict-warn", Level.BAD: "verdict-bad"}


def list_cameras() -> list[Camera] | None:
    """The cameras QtMultimedia sees (None: it cannot tell). QtMultimedia loads here, on first
    use, not when the kiosk starts."""
    try:
        from PySide6.QtMultimedia import QMediaDevices

        return [
            Camera(bytes(device.id().data()).decode(errors="replace"), device.description())
            for device in QMediaDevices.videoInputs()
        ]
    except Exception as error:  # a broken multimedia backend must not take the panel down
        log.warning(
            "cameras not listed", extra={"event": "device_check", "error": type(error).__name__}
        )
        return None


def state_text(level: Level) -> str:
    word = STATE_WORDS[level]
    return f"{SYMBOLS[level]} {tr(word)}" if word is not None else ""


def summary_text(report: DeviceReport) -> str:
    bad, warn = report.count(Level.BAD), report.count(Level.WARN)
    if bad:
        words = tr("{count} fallas", count=bad) if bad > 1 else tr("1 falla")
        if warn:
            words = tr("{failures} y {count} para revisar", failures=words, count=warn)
        return f"{SYMBOLS[Level.BAD]} {words}"
    if warn:
        words = (
            tr("{count} puntos para revisar", count=warn)
            if warn > 1
            else tr("1 punto para revisar")
        )
        return f"{SYMBOLS[Level.WARN]} {words}"
    return f"{SYMBOLS[Level.GOOD]} {tr('Todo está bien')}"


class DevicePanelScreen(Screen):
    def __init__(self, *, can_print: bool) -> None:
        super().__init__("desk.device_panel")
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(label("Equipo", "heading", "label.heading"))
        # the label is its own banner (a QLabel is a QFrame: the verdict kinds give it the fill)
        self.summary = label("Revisando el equipo…", "body", "label.device_summary")
        self.summary.setContentsMargins(20, 8, 20, 8)
        layout.addWidget(self.summary)

        actions = QHBoxLayout()
        actions.setSpacing(16)
        self.refresh = button("Actualizar", "secondary", "action.refresh")
        self.refresh.clicked.connect(lambda: self.ask(Intent.RETRY))
        self.print_test = button("Imprimir página de prueba", "primary", "action.print_test")
        self.print_test.clicked.connect(lambda: self.ask(Intent.PRINT))
        self.print_test.setEnabled(can_print)
        actions.addWidget(self.refresh)
        actions.addWidget(self.print_test)
        actions.addStretch(1)
        self.checked_at = label("", "hint", "label.device_checked_at")
        actions.addWidget(self.checked_at, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(actions)
        self.print_status = label("", "hint", "label.print_test_status")
        self.print_detail = label("", "hint", "label.print_test_detail")
        for status in (self.print_status, self.print_detail):
            status.hide()
            layout.addWidget(status)
        if not can_print:
            set_kind(self.print_status, "hint", tr("Este equipo no tiene impresora configurada."))

        grid = QGridLayout()
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(14)
        grid.setColumnStretch(2, 1)
        self.states: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        self.details: dict[str, QLabel] = {}
        for row, name in enumerate(FACT_NAMES):
            caption = label(CAPTIONS[name], "label", f"label.device.{name}")
            state = label("", "step", f"state.device.{name}", wrap=False)
            value = label("…", "body", f"value.device.{name}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            detail = label("", "hint", f"detail.device.{name}")
            detail.hide()
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(value)
            column.addWidget(detail)
            top = Qt.AlignmentFlag.AlignTop
            grid.addWidget(caption, row, 0, top)
            grid.addWidget(state, row, 1, top)
            grid.addWidget(cell, row, 2, top)
            self.states[name], self.values[name], self.details[name] = state, value, detail
        layout.addLayout(grid)
        layout.addStretch(1)

    def set_checking(self, checking: bool) -> None:
        if checking:
            self.checked_at.setText(tr("Revisando el equipo…"))

    def set_printing(self, printing: bool, can_print: bool) -> None:
        self.refresh.setEnabled(not printing)
        self.print_test.setEnabled(can_print and not printing)
        if printing:
            set_kind(self.print_status, "hint", tr("Imprimiendo la página de prueba…"))
            self.print_detail.hide()

    def show_report(self, report: DeviceReport) -> None:
        set_kind(self.summary, SUMMARY_KINDS[report.level], summary_text(report))
        when = local(report.checked_at).strftime("%H:%M:%S")
        self.checked_at.setText(tr("Revisado a las {time}", time=when))
        for name, fact in report.rows():
            self._show_fact(name, fact)

    def _show_fact(self, name: str, fact: Fact) -> None:
        state = self.states[name]
        if fact.level is Level.INFO:
            state.hide()
        else:
            set_kind(state, STATE_KINDS[fact.level], state_text(fact.level))
        self.values[name].setText(said(fact.value))
        detail = self.details[name]
        detail.setText("\n".join(said(line) for line in fact.detail))
        detail.setVisible(bool(fact.detail))

    def show_print_result(self, result: PrintTestResult) -> None:
        symbol = SYMBOLS[Level.GOOD if result.printed else Level.BAD]
        kind = "success" if result.printed else "error"
        set_kind(self.print_status, kind, f"{symbol} {tr(result.message)}")
        self.print_detail.setText("\n".join(said(line) for line in result.detail))
        self.print_detail.setVisible(bool(result.detail))

    def focus_first(self) -> None:
        self.refresh.setFocus(Qt.FocusReason.OtherFocusReason)


class DevicePanelController(OneScreenTool):
    def __init__(self, context: DeskContext, ops: Ops) -> None:
        super().__init__(context, ops)
        self.screen: DevicePanelScreen | None = None
        self.report: DeviceReport | None = None
        self.printed: PrintTestResult | None = None

    @property
    def can_print(self) -> bool:
        return self.context.printer is not None

    def start(self) -> None:
        self._show_screen()
        self.refresh()

    def continue_(self) -> None:
        self.refresh()

    def render(self) -> None:
        self._show_screen()
        if self.report is not None:
            self._shown().show_report(self.report)
        if self.printed is not None:
            self._shown().show_print_result(self.printed)

    def cancel(self) -> None:
        self.screen = None

    def _show_screen(self) -> None:
        screen = DevicePanelScreen(can_print=self.can_print)
        screen.navigate.connect(self._on_intent)
        self.screen = screen
        self.show.emit(screen)
        self.nav_changed.emit()

    def _shown(self) -> DevicePanelScreen:
        assert self.screen is not None
        return self.screen

    def _on_intent(self, intent: Intent, _argument: str) -> None:
        if intent is Intent.RETRY:
            self.refresh()
        elif intent is Intent.PRINT:
            self.print_test()

    # --- the facts ---------------------------------------------------------------------------

    def sources(self) -> DeviceSources:
        """What the facts are read from, now (the cameras are asked here, on the GUI thread)."""
        context, settings = self.context, self.context.settings
        staff = context.staff()
        printer = context.printer.printer if context.printer is not None else None
        trust = context.verification.verifier().cache if context.verification is not None else None
        return DeviceSources(
            client=context.client,
            audit=context.audit,
            folders={"audit": context.audit.path.parent, "temp": context.temp_dir()},
            kiosk_id=settings.kiosk.id,
            courthouse=settings.kiosk.courthouse,
            courthouse_name=staff.staff.courthouse_name if staff is not None else "",
            location=settings.kiosk.location,
            queue=printer.queue if printer is not None else None,
            server=printer.server if printer is not None else None,
            trust=trust,
            cameras=list_cameras(),
            camera_id=settings.scanner.camera,
            last_sent_at=context.audit_sent_at(),
        )

    def refresh(self) -> None:
        screen = self.screen
        if screen is None:
            return
        sources = self.sources()

        def checked(report: DeviceReport) -> None:
            self.report = report
            if self.screen is screen:
                screen.set_checking(False)
                screen.show_report(report)

        if self.ops.run("device-check", lambda: check_device(sources), done=checked):
            screen.set_checking(True)

    # --- the test page -----------------------------------------------------------------------

    def print_test(self) -> None:
        screen, printer = self.screen, self.context.printer
        if screen is None or printer is None:
            return
        place = printer.printer
        folder: Path = self.context.temp_dir()

        async def work() -> PrintTestResult:
            return await print_test_page(
                place.queue, server=place.server, timeout=place.timeout, folder=folder
            )

        def done(result: PrintTestResult) -> None:
            self.printed = result
            if self.screen is screen:
                screen.set_printing(False, self.can_print)
                screen.show_print_result(result)
                self.refresh()  # the printer's state after the page (stopped, jobs left)

        if self.ops.run("device-print-test", work, done=done):
            screen.set_printing(True, self.can_print)


def device_panel(context: DeskContext, ops: Ops) -> DevicePanelController:
    """The desk tool «Equipo» (``DESK_TOOLS["device_panel"]``)."""
    return DevicePanelController(context, ops)
