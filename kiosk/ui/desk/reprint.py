"""«Reimprimir» (F6), a desk tool: a supervisor prints a document again by its verification code
(the code printed on it, ``CAP-2026-ABCD-EFGH``), with a reason the portal records.

One form (the code, the reason), then the portal's word (``POST /v1/staff/reprints``), then the
print through the one print path (the ``certificate`` printout, fetched by the download code the
portal answers with: never shown, logged or audited). A refusal comes back to the form in plain
Spanish with the typed code kept; a clerk is told a supervisor must do it.

The Idempotency-Key is one per reprint attempt: «Intentar de nuevo» after a timeout sends the same
key (the portal answers what it recorded, never a second reprint); a changed code or reason, a
definitive answer, or «Otra reimpresión» starts a new attempt.

The audit log (``context.trail``): REPRINTED (code, kind, reason) as soon as the portal has
recorded the reprint, since it happened whatever the printer does next; then PRINTED (service
``ventanilla``) when the paper came out, or FAILURE when it did not (the job's code, e.g.
``no_paper``; ``printing_failed`` when the print system itself failed, recorded by the desk's
front). «Imprimir otra vez» prints the same answer again: no second reprint, at the portal or in
the log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QGridLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.i18n import tr
from kiosk.portal.client import new_idempotency_key
from kiosk.portal.errors import PortalError, PortalRejected, PortalUnavailable
from kiosk.portal.models.audit import AuditKind
from kiosk.portal.models.reprints import REPRINT, Reprint, ReprintCreate, ReprintReason
from kiosk.printing import JobOutcome
from kiosk.text import Text
from kiosk.ui.desk.context import DeskContext
from kiosk.ui.messages import VisitorMessage
from kiosk.ui.ops import Ops
from kiosk.ui.screens.base import Intent, Screen, button, label, set_kind
from kiosk.ui.screens.steps import OperationScreen
from kiosk.ui.wrap_button import WrapButton
from kiosk.verification.links import CODE_EXAMPLE, CodeFormatError, normalise_code
from kiosk.verification.messages import MESSAGES as CODE_MESSAGES

log = logging.getLogger(__name__)

#: the audit log's service for what the desk does outside a visitor's service
DESK_SERVICE = "ventanilla"
#: the printout that prints a constancia by its download code (kiosk.services.criminal_record)
PRINTOUT = "certificate"

#: the reasons, in the order the form shows them
REASONS: tuple[tuple[ReprintReason, Text], ...] = (
    (ReprintReason.PRINTER_FAILED, Text("La impresora falló")),
    (ReprintReason.DAMAGED, Text("Se dañó")),
    (ReprintReason.LOST, Text("Se extravió")),
    (ReprintReason.DATA_UNREADABLE, Text("No se lee")),
)
REASON_WORDS = dict(REASONS)

#: the portal's refusals, in the clerk's words (the typed code stays on the form)
REFUSALS: dict[str, Text] = {
    "staff_role_required": Text(
        "Solo un supervisor puede reimprimir documentos. Pida a su supervisor que ingrese."
    ),
    "document_not_found": Text(
        "No hay ningún documento del Organismo Judicial con ese código. Revise que esté igual "
        "que en la hoja y escríbalo otra vez."
    ),
    "document_revoked": Text(
        "Ese documento fue anulado: no se puede reimprimir. La persona debe pedir uno nuevo."
    ),
    "document_expired": Text(
        "Ese documento ya venció: no se reimprime. La persona debe pedir uno nuevo."
    ),
}
NOT_RECORDED_TWICE = Text(
    "Toque «Intentar de nuevo»: si la reimpresión ya había quedado registrada, no se registra "
    "dos veces."
)
PRINT_ADVICE = Text(
    "Revise la impresora y toque «Imprimir otra vez»: la reimpresión ya quedó registrada y no "
    "se registra otra."
)


@dataclass(frozen=True)
class Attempt:
    """One reprint as asked: its key goes with every try of the same code and reason."""

    code: str
    reason: ReprintReason
    key: str


class ReprintForm(Screen):
    """The code and the reason. Intents: CONTINUE (Enter in the code field)."""

    def __init__(self, code: str = "", reason: str = "") -> None:
        super().__init__("desk.reprint")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(label("Reimprimir un documento", "heading", "label.heading"))
        intro = Text(
            "Escriba el código impreso en el documento y elija el motivo. Solo un supervisor "
            "puede reimprimir; queda registrado a su nombre."
        )
        self.intro = label(intro, "body", "label.reprint_intro")
        layout.addWidget(self.intro)
        self.problem = label("", "error", "label.reprint_problem")
        self.problem.hide()
        layout.addWidget(self.problem)
        caption = label("Código de verificación", "label", "label.document_code")
        layout.addWidget(caption)
        self.code = QLineEdit()
        self.code.setObjectName("field.document_code")
        self.code.setMaxLength(40)
        self.code.setPlaceholderText(CODE_EXAMPLE)
        self.code.setText(code)
        self.code.returnPressed.connect(lambda: self.ask(Intent.CONTINUE))
        caption.setBuddy(self.code)
        layout.addWidget(self.code)
        self.code_error = label("", "error", "error.document_code")
        self.code_error.hide()
        layout.addWidget(self.code_error)
        layout.addWidget(label("Motivo de la reimpresión", "label", "label.reprint_reason"))
        box = QWidget()
        box.setObjectName("field.reprint_reason")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        self.reason_error = label("", "error", "error.reprint_reason")
        self.reason_error.hide()
        self.reasons = QButtonGroup(box)
        self.reasons.setExclusive(True)
        for index, (value, words) in enumerate(REASONS):
            choice = WrapButton(tr(words))
            choice.setObjectName(f"field.reprint_reason.{value.value}")
            choice.setProperty("role", "choice")
            choice.setProperty("value", value.value)
            choice.setCheckable(True)
            choice.setMinimumHeight(56)
            choice.setChecked(value.value == reason)
            self.reasons.addButton(choice)
            grid.addWidget(choice, 0, index)  # one row: short words, and it fits above the fold
            grid.setColumnStretch(index, 1)
        self.reasons.buttonClicked.connect(lambda _button: self.reason_error.hide())
        layout.addWidget(box)
        layout.addWidget(self.reason_error)
        layout.addStretch(1)

    def values(self) -> tuple[str, str]:
        """(the code as typed, the reason's value or "")."""
        checked = self.reasons.checkedButton()
        return self.code.text(), str(checked.property("value")) if checked else ""

    def show_problem(self, text: str) -> None:
        """A refusal (already translated): above the fields, which keep what was typed."""
        self.problem.setText(text)
        self.problem.show()
        self.intro.hide()  # the refusal takes its place: the fields stay above the fold

    def show_code_error(self, text: str) -> None:
        self.code_error.setText(text)
        self.code_error.setVisible(bool(text))

    def show_reason_error(self, text: str) -> None:
        self.reason_error.setText(text)
        self.reason_error.setVisible(bool(text))

    def focus_first(self) -> None:
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        self.code.clear()
        checked = self.reasons.checkedButton()
        if checked is not None:
            self.reasons.setExclusive(False)
            checked.setChecked(False)
            self.reasons.setExclusive(True)


class ReprintDone(Screen):
    """The recorded reprint and its print. Intents: PRINT («Imprimir otra vez»)."""

    def __init__(self, reprint: Reprint) -> None:
        super().__init__("desk.reprint_done")
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(label("Reimpresión registrada", "heading", "label.heading"))
        # the print's end first: what the clerk does next is here, never below the fold
        self.print_status = label("", "body", "label.print_status")
        self.print_status.hide()
        layout.addWidget(self.print_status)
        self.again = button("Imprimir otra vez", "secondary", "action.print_again")
        self.again.clicked.connect(lambda: self.ask(Intent.PRINT))
        self.again.hide()
        layout.addWidget(self.again, alignment=Qt.AlignmentFlag.AlignLeft)
        card = QFrame()
        card.setProperty("kind", "card")
        grid = QGridLayout(card)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        grid.addWidget(label("Documento", "label"), 0, 0)
        code = label("", "code", "value.document_code")
        code.setText(reprint.document_code)  # a code: never translated
        grid.addWidget(code, 0, 1)
        grid.addWidget(label("Motivo", "label"), 1, 0)
        grid.addWidget(label(REASON_WORDS[reprint.reason], "value", "value.reprint_reason"), 1, 1)
        grid.setColumnStretch(1, 1)
        layout.addWidget(card)
        recorded = Text("El portal registró la reimpresión a su nombre.")
        layout.addWidget(label(recorded, "body", "label.body"))
        layout.addStretch(1)

    def show_printing(self) -> None:
        set_kind(self.print_status, "body", tr("Imprimiendo el documento…"))
        self.again.hide()

    def show_printed(self, message: str, *, ok: bool) -> None:
        set_kind(self.print_status, "success" if ok else "error", message)
        self.again.setVisible(not ok)
        if not ok:  # Intro prints again
            self.again.setFocus(Qt.FocusReason.OtherFocusReason)


class ReprintController(QObject):
    show = Signal(object)
    nav_changed = Signal()
    finished = Signal()  # never: «Otra reimpresión» starts again; home is the shell's

    def __init__(self, context: DeskContext, ops: Ops) -> None:
        super().__init__()
        self.context = context
        self.ops = ops
        self.screen: Screen | None = None
        self.typed = ("", "")  # the form's code and reason, kept across screens
        self.attempt: Attempt | None = None
        self.reprint: Reprint | None = None  # the portal's answer (holds the download code)
        self.print_end: tuple[str, bool] | None = None  # what the last print said, and if ok
        self._portal_error: PortalError | None = None

    # --- what the shell shows ---------------------------------------------------------------

    @property
    def can_go_back(self) -> bool:
        return isinstance(self.screen, OperationScreen)  # to the form, the code kept

    @property
    def primary_label(self) -> str | None:
        if isinstance(self.screen, ReprintForm):
            return tr("Reimprimir")
        if isinstance(self.screen, ReprintDone):
            return tr("Otra reimpresión")
        return None

    def start(self) -> None:
        self._show_form()

    def continue_(self) -> None:
        if isinstance(self.screen, ReprintForm):
            self._submit()
        elif isinstance(self.screen, ReprintDone):
            self.attempt = self.reprint = None
            self.typed = ("", "")
            self._show_form()

    def back(self) -> None:
        if isinstance(self.screen, OperationScreen):
            self._show_form()

    def capture(self) -> None:
        if isinstance(self.screen, ReprintForm):
            self.typed = self.screen.values()

    def render(self) -> None:
        if isinstance(self.screen, ReprintDone) and self.reprint is not None:
            self._show_done(self.reprint)
        else:
            self._show_form()

    def cancel(self) -> None:
        """Leaving: nothing of it stays (the download code least of all)."""
        self.attempt = self.reprint = self._portal_error = self.print_end = None
        self.typed = ("", "")

    # --- screens ----------------------------------------------------------------------------

    def _show_form(self, problem: str = "") -> None:
        form = ReprintForm(*self.typed)
        form.navigate.connect(self._on_intent)
        if problem:
            form.show_problem(problem)
        self._set_screen(form)

    def _show_done(self, reprint: Reprint) -> None:
        done = ReprintDone(reprint)
        done.navigate.connect(self._on_intent)
        self._set_screen(done)
        if self.ops.running("reprint-print"):
            done.show_printing()
        elif self.print_end is not None:
            done.show_printed(self.print_end[0], ok=self.print_end[1])

    def _set_screen(self, screen: Screen) -> None:
        self.screen = screen
        self.show.emit(screen)
        self.nav_changed.emit()

    def _on_intent(self, intent: Intent, _argument: str) -> None:
        if intent is Intent.CONTINUE:
            self.continue_()
        elif intent is Intent.RETRY:
            self._send()
        elif intent is Intent.PRINT:
            self._print()

    # --- the portal -------------------------------------------------------------------------

    def _submit(self) -> None:
        form = self.screen
        assert isinstance(form, ReprintForm)
        typed, reason = form.values()
        self.typed = (typed, reason)
        form.show_code_error("")
        form.show_reason_error("")
        try:
            code = normalise_code(typed)
        except CodeFormatError as error:
            form.show_code_error(tr(CODE_MESSAGES[error.message_key], **error.params))
            form.focus_first()
            return
        if not reason:
            form.show_reason_error(tr("Elija el motivo de la reimpresión."))
            return
        wanted = ReprintReason(reason)
        if self.attempt is None or (self.attempt.code, self.attempt.reason) != (code, wanted):
            self.attempt = Attempt(code, wanted, new_idempotency_key())
        self._send()

    def _send(self) -> None:
        attempt = self.attempt
        if attempt is None:
            return
        screen = OperationScreen("desk", "reprint_running", tr("Registrando la reimpresión…"))
        screen.navigate.connect(self._on_intent)

        async def work() -> Reprint:
            body = ReprintCreate(document_code=attempt.code, reason=attempt.reason)
            try:
                return await self.context.client.call(
                    REPRINT, body=body, idempotency_key=attempt.key
                )
            except PortalRejected as error:
                self._portal_error = error
                words = REFUSALS.get(error.code)
                if words is None:
                    raise
                # its own words, and no longer "your session ended" (a 403 is a role here)
                raise PortalRejected(error.problem, words) from None
            except PortalError as error:
                self._portal_error = error
                raise

        self._portal_error = None
        if self.ops.run("reprint", work, done=self._recorded, failed=self._refused):
            self._set_screen(screen)
            screen.show_running()

    def _recorded(self, reprint: Reprint) -> None:
        self.reprint, self.print_end = reprint, None
        self.context.trail.record(
            AuditKind.REPRINTED,
            document_code=reprint.document_code,
            document_kind=reprint.document_kind,
            reason=reprint.reason.value,
        )
        log.info(
            "document reprinted",
            extra={"event": "reprint", "reason": reprint.reason.value,
                   "document": reprint.document_kind},
        )  # fmt: skip
        self._show_done(reprint)
        self._print()

    def _refused(self, message: VisitorMessage) -> None:
        error = self._portal_error
        if isinstance(error, PortalUnavailable) or (error is not None and error.transient):
            # the same attempt may go through as it is: same key, nothing recorded twice
            screen = self.screen
            if isinstance(screen, OperationScreen):
                screen.show_failure(f"{message.text}\n\n{tr(NOT_RECORDED_TWICE)}", can_retry=True)
                self.nav_changed.emit()
            return
        self.attempt = None  # a definitive answer: the next try is a new attempt
        self._show_form(message.text)

    # --- the printer ------------------------------------------------------------------------

    def _print(self) -> None:
        screen, reprint, printer = self.screen, self.reprint, self.context.printer
        if not isinstance(screen, ReprintDone) or reprint is None:
            return
        if printer is None:
            screen.show_printed(tr("Este puesto no tiene impresora configurada."), ok=False)
            return
        sources = {"download_code": reprint.download_code}

        def printed(outcome: JobOutcome) -> None:
            if outcome.ok:
                self.context.trail.record(
                    AuditKind.PRINTED,
                    service=DESK_SERVICE,
                    document_kind=reprint.document_kind,
                    document_code=reprint.document_code,
                )
                said = tr("El documento se imprimió. Entréguelo a la persona.")
            else:
                self.context.trail.failure(DESK_SERVICE, outcome.code)
                said = self._not_printed(tr(outcome.message))
            self._said(said, ok=outcome.ok)

        def failed(message: VisitorMessage) -> None:  # the desk's front records the failure
            self._said(self._not_printed(message.text), ok=False)

        self.print_end = None
        if self.ops.run("reprint-print", lambda: printer.print(PRINTOUT, sources),
                        done=printed, failed=failed):  # fmt: skip
            screen.show_printing()
            self.nav_changed.emit()

    def _said(self, text: str, *, ok: bool) -> None:
        """The print's end, on the done screen shown now (rebuilt after a language switch)."""
        self.print_end = (text, ok)
        if isinstance(self.screen, ReprintDone):
            self.screen.show_printed(text, ok=ok)
        self.nav_changed.emit()

    @staticmethod
    def _not_printed(message: str) -> str:
        return " ".join(part for part in (tr("No se imprimió."), message, tr(PRINT_ADVICE)) if part)


def reprint_tool(context: DeskContext, ops: Ops) -> ReprintController:
    """The desk tool «Reimprimir» (``DESK_TOOLS["reprint"]``)."""
    return ReprintController(context, ops)
