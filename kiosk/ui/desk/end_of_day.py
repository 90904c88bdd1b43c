"""«Cierre del día» (F8): the signed-in clerk's shift in numbers, read from the desk's own audit
log, shown in tables, printed on the desk's printer or saved as a PDF file.

The shift is the clerk's entries since their last sign-in (``kiosk.audit.shift_report``). The
log is read and the PDF rendered off the GUI thread, through the shell's one runner. The PDF to
print goes into the session's temporary folder (wiped at reset); the saved one into
``desk.reports_dir`` (the user's Documents folder when empty), named
``informe-ventanilla-<kiosk>-<date>-<user>.pdf`` (``-2``, ``-3``… rather than overwrite one).
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import platformdirs
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout

from kiosk.audit.shift_report import (
    ROLE_WORDS,
    SIGN_OUT_WORDS,
    ShiftSummary,
    Tally,
    read_entries,
    report_file_name,
    shift_entries,
    summarize,
)
from kiosk.documents.shift_report import render_shift_report
from kiosk.flows.text import _
from kiosk.formats import clock, day, day_and_clock, now
from kiosk.i18n import tr
from kiosk.printing import JobOutcome
from kiosk.text import Text
from kiosk.ui.desk.context import DeskContext
from kiosk.ui.desk.one_screen_tool import OneScreenTool
from kiosk.ui.desk.reprint import REASON_WORDS
from kiosk.ui.messages import VisitorMessage
from kiosk.ui.ops import Ops
from kiosk.ui.screens.base import Intent, Screen, button, label, set_kind
from kiosk.ui.screens.detail_parts import plain

log = logging.getLogger(__name__)

PRINT_TITLE = "Informe de ventanilla OJ"
PRINT_FILE = "informe-ventanilla.pdf"

#: (key of ShiftSummary.totals(), words)
TOTALS: tuple[tuple[str, Text], ...] = (
    ("services", Text("Servicios usados")),
    ("printed", Text("Documentos impresos")),
    ("reprinted", Text("Reimpresiones")),
    ("verdicts", Text("Documentos verificados")),
    ("failures", Text("Fallas")),
)


def reports_dir(context: DeskContext) -> Path:
    return context.settings.desk.reports_dir or Path(platformdirs.user_documents_dir())


def save_report(pdf: bytes, folder: Path, name: str) -> Path:
    """Write ``pdf`` as ``folder/name`` (never over an earlier report: ``-2``, ``-3``…), whole or
    not at all. OSError when the folder cannot be written."""
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = os.path.splitext(name)
    path, number = folder / name, 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}{suffix}"
    partial = path.with_name(f".{path.name}.part")
    partial.write_bytes(pdf)
    os.replace(partial, path)
    return path


# --- the screen ---------------------------------------------------------------------------------


class EndOfDayScreen(Screen):
    """The shift's numbers. Intents: PRINT (on the desk's printer), CONTINUE (save the PDF).
    ``summary`` None: the log is being read (or could not be: ``problem``)."""

    def __init__(self, summary: ShiftSummary | None, *, can_print: bool, problem: str = "") -> None:
        super().__init__("desk.end_of_day")
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        top = QHBoxLayout()  # the two things to do, beside the title: never below the fold
        top.setSpacing(12)
        top.addWidget(label("Cierre del día", "heading", "label.heading"), 1)
        self.print_button = button("Imprimir", "secondary", "action.print_report")
        self.print_button.clicked.connect(lambda: self.ask(Intent.PRINT))
        self.save_button = button("Guardar PDF", "secondary", "action.save_report")
        self.save_button.clicked.connect(lambda: self.ask(Intent.CONTINUE))
        top.addWidget(self.print_button)
        top.addWidget(self.save_button)
        layout.addLayout(top)
        self.status = label("", "body", "label.report_status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if summary is None:
            self.print_button.hide()
            self.save_button.hide()
            if problem:
                set_kind(self.status, "error", problem)
            else:
                self.status.setText(tr("Leyendo la bitácora de la ventanilla…"))
            layout.addWidget(self.status)
            layout.addStretch(1)
            return
        self.print_button.setVisible(can_print)
        layout.addWidget(plain(_who(summary), "body", "label.report_staff"))
        layout.addWidget(plain(_period(summary), "hint", "label.report_period"))
        self.status.hide()
        layout.addWidget(self.status)
        layout.addLayout(_totals(summary))
        if summary.empty:
            layout.addWidget(label("Sin actividad registrada.", "subheading", "label.report_empty"))
        for table in _tables(summary):
            layout.addWidget(table)
        layout.addStretch(1)

    def show_working(self, message: str) -> None:
        set_kind(self.status, "body", message)
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def show_done(self, message: str, *, ok: bool) -> None:
        set_kind(self.status, "success" if ok else "error", message)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)


def _who(summary: ShiftSummary) -> str:
    courthouse = summary.courthouse_name or summary.courthouse
    name = summary.display_name or ", ".join(summary.users)
    return tr(
        "Atiende: {name} · Sede: {courthouse} · Quiosco: {kiosk}",
        name=name,
        courthouse=courthouse,
        kiosk=summary.kiosk_id,
    )


def _period(summary: ShiftSummary) -> str:
    if not summary.sessions:
        return tr("Sin ingreso registrado.")
    span = summary.sessions[-1]
    return tr(
        "Turno del {day}, desde las {start} (hora de Guatemala). Informe hecho a las {made}.",
        day=day(span.signed_in),
        start=clock(span.signed_in),
        made=clock(summary.made_at),
    )


def _card(name: str, title: str) -> tuple[QFrame, QGridLayout]:
    card = QFrame()
    card.setObjectName(name)
    card.setProperty("kind", "card")
    column = QVBoxLayout(card)
    column.setSpacing(8)
    column.addWidget(label(title, "subheading"))
    grid = QGridLayout()
    grid.setHorizontalSpacing(24)
    grid.setVerticalSpacing(6)
    column.addLayout(grid)
    return card, grid


def _totals(summary: ShiftSummary) -> QHBoxLayout:
    """One small card per total: the number large, its words under it."""
    strip = QHBoxLayout()
    strip.setSpacing(12)
    totals = summary.totals()
    for key, words in TOTALS:
        card = QFrame()
        card.setObjectName(f"total.{key}")
        card.setProperty("kind", "card")
        column = QVBoxLayout(card)
        column.setSpacing(2)
        number = plain(str(totals[key]), "subheading", f"value.total.{key}")
        column.addWidget(number)
        column.addWidget(label(words, "label"))
        column.addStretch(1)
        strip.addWidget(card, 1)
    return strip


def _rows(grid: QGridLayout, heads: Sequence[str], rows: Sequence[Sequence[QLabel]]) -> None:
    """A table: the column heads, then the rows; the last column (the count) to the right."""
    for column, head in enumerate(heads):
        widget = label(head, "label")
        if column == len(heads) - 1:
            widget.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(widget, 0, column)
    for line, cells in enumerate(rows, start=1):
        for column, cell in enumerate(cells):
            if column == len(cells) - 1:
                cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(cell, line, column, Qt.AlignmentFlag.AlignTop)
    grid.setColumnStretch(0, 1)


def _signed_out(moment: datetime | None) -> str:
    return day_and_clock(moment) if moment is not None else tr("sesión abierta")


def _count(section: str, key: str, tally: Tally) -> QLabel:
    return plain(str(tally.count), "value", f"value.{section}.{key}")


def _reason_words(code: str) -> str:
    """A reprint's reason as the reprint form says it (the code when it is not one of them)."""
    words = {reason.value: text for reason, text in REASON_WORDS.items()}.get(code)
    return tr(words) if words is not None else code


def _tables(summary: ShiftSummary) -> list[QFrame]:
    tables: list[QFrame] = []
    if summary.sessions:
        card, grid = _card("table.sessions", _("Sesión"))
        rows = [
            [
                plain(span.user, "body"),
                plain(tr(ROLE_WORDS.get(span.role, span.role)), "body"),
                plain(day_and_clock(span.signed_in), "body"),
                plain(_signed_out(span.signed_out), "body"),
                plain(
                    tr(SIGN_OUT_WORDS.get(span.reason, span.reason)) if span.reason else "", "body"
                ),
            ]
            for span in summary.sessions
        ]
        _rows(grid, [_("Usuario"), _("Rol"), _("Ingreso"), _("Salida"), _("Motivo")], rows)
        tables.append(card)
    counted: tuple[tuple[str, str, str, tuple[Tally, ...]], ...] = (
        ("services", _("Servicios usados"), _("Servicio"), summary.services),
        ("printed", _("Documentos impresos"), _("Documento (servicio)"), summary.printed),
        ("verdicts", _("Verificaciones por resultado"), _("Resultado"), summary.verdicts),
    )
    for section, title, head, tallies in counted:
        if not tallies:
            continue
        card, grid = _card(f"table.{section}", title)
        rows = [
            [
                plain(tr(t.label) if t.label else "—", "body"),
                plain(t.code, "body"),
                _count(section, t.code, t),
            ]
            for t in tallies
        ]
        _rows(grid, [head, _("Código"), _("Veces")], rows)
        tables.append(card)
    if summary.reprinted:
        card, grid = _card("table.reprinted", _("Reimpresiones"))
        rows = [
            [
                plain(tr(t.label) if t.label else t.code, "body"),
                plain(_reason_words(t.detail), "body"),
                plain(", ".join(t.codes), "body"),
                _count("reprinted", f"{t.code}.{t.detail}", t),
            ]
            for t in summary.reprinted
        ]
        _rows(grid, [_("Documento"), _("Motivo"), _("Códigos"), _("Veces")], rows)
        tables.append(card)
    if summary.failures:
        card, grid = _card("table.failures", _("Fallas"))
        rows = [
            [plain(t.code, "body"), plain(t.detail, "body"), _count("failures", t.code, t)]
            for t in summary.failures
        ]
        _rows(grid, [_("Falla (código)"), _("En el servicio"), _("Veces")], rows)
        tables.append(card)
    return tables


# --- the controller -----------------------------------------------------------------------------


class EndOfDayController(OneScreenTool):
    def __init__(self, context: DeskContext, ops: Ops) -> None:
        super().__init__(context, ops)
        self.summary: ShiftSummary | None = None
        self.problem = ""
        self.screen: EndOfDayScreen | None = None

    def start(self) -> None:
        self._show()
        self.ops.run("end-of-day", self._load, done=self._loaded)

    def continue_(self) -> None:
        self._save()

    def render(self) -> None:
        self._show()

    def cancel(self) -> None:
        self.summary = None

    # --- reading the log ----------------------------------------------------------------------

    async def _load(self) -> ShiftSummary | str:
        staff = self.context.staff()
        if staff is None:
            return tr("Nadie tiene la sesión abierta en esta ventanilla.")
        member = staff.staff
        path = self.context.audit.path
        settings = self.context.settings

        def read() -> ShiftSummary:
            entries = shift_entries(read_entries(path), member.user)
            return summarize(
                entries,
                kiosk_id=settings.kiosk.id,
                made_at=now(),
                courthouse=member.courthouse,
                courthouse_name=member.courthouse_name,
                display_name=member.display_name,
            )

        try:
            return await asyncio.get_running_loop().run_in_executor(None, read)
        except (OSError, sqlite3.Error) as error:
            log.warning("audit log unreadable", extra={"error": type(error).__name__})
            return tr(
                "No se pudo leer la bitácora de la ventanilla. Llame a soporte técnico: "
                "«kiosk audit verify» dice si fue alterada."
            )

    def _loaded(self, result: ShiftSummary | str) -> None:
        if isinstance(result, str):
            self.problem = result
        else:
            self.summary = result
        self._show()

    def _show(self) -> None:
        screen = EndOfDayScreen(
            self.summary, can_print=self.context.printer is not None, problem=self.problem
        )
        screen.navigate.connect(self._on_intent)
        self.screen = screen
        self.show.emit(screen)
        self.nav_changed.emit()

    def _on_intent(self, intent: Intent, _argument: str) -> None:
        if intent is Intent.PRINT:
            self._print()
        elif intent is Intent.CONTINUE:
            self._save()

    # --- printing and saving ------------------------------------------------------------------

    async def _render(self, summary: ShiftSummary) -> bytes:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, render_shift_report, summary)

    def _print(self) -> None:
        screen, summary, printer = self.screen, self.summary, self.context.printer
        if screen is None or summary is None or printer is None:
            return

        async def work() -> JobOutcome:
            pdf = await self._render(summary)
            path = self.context.temp_dir() / PRINT_FILE
            path.write_bytes(pdf)
            return await printer.print_file(path, PRINT_TITLE)

        def printed(outcome: JobOutcome) -> None:
            if screen is self.screen:
                words = tr("Informe impreso.") if outcome.ok else tr(outcome.message)
                screen.show_done(words, ok=outcome.ok)

        def failed(message: VisitorMessage) -> None:
            if screen is self.screen:
                screen.show_done(message.text, ok=False)

        if self.ops.run("end-of-day-print", work, done=printed, failed=failed):
            screen.show_working(tr("Imprimiendo el informe…"))

    def _save(self) -> None:
        screen, summary = self.screen, self.summary
        if screen is None or summary is None:
            return
        folder = reports_dir(self.context)
        name = report_file_name(summary)

        async def work() -> Path | str:
            pdf = await self._render(summary)
            loop = asyncio.get_running_loop()
            try:
                return await loop.run_in_executor(None, save_report, pdf, folder, name)
            except OSError as error:
                log.warning("report not saved", extra={"error": type(error).__name__})
                return tr(
                    "No se pudo guardar el informe en la carpeta {folder}. Revise que exista y "
                    "que se pueda escribir en ella (desk.reports_dir).",
                    folder=str(folder),
                )

        def saved(result: Path | str) -> None:
            if screen is not self.screen:
                return
            if isinstance(result, str):
                screen.show_done(result, ok=False)
            else:
                screen.show_done(tr("Informe guardado en {path}", path=str(result)), ok=True)

        if self.ops.run("end-of-day-save", work, done=saved):
            screen.show_working(tr("Guardando el informe…"))


def end_of_day(context: DeskContext, ops: Ops) -> EndOfDayController:
    """The desk tool (``DESK_TOOLS["end_of_day"]``)."""
    return EndOfDayController(context, ops)
