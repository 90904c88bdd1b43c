"""Drives one FlowRun on screen: builds the generic screen for each step, turns the shell's
Continuar/Atrás into engine calls, and runs action steps as operations (busy, typed errors mapped
to a message, a retry with the same Idempotency-Key)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import date

from PySide6.QtCore import QObject, Signal

from kiosk.flows.actions import Action
from kiosk.flows.engine import FlowRun
from kiosk.flows.model import (
    ActionStep,
    ConfirmationStep,
    FieldError,
    Flow,
    InfoStep,
    QuestionStep,
    ReviewStep,
)
from kiosk.i18n import tr
from kiosk.portal.errors import PortalError
from kiosk.printing import JobOutcome, PrintingError
from kiosk.ui import messages
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.question import QuestionScreen
from kiosk.ui.screens.steps import OperationScreen, ReviewScreen, TextScreen

log = logging.getLogger(__name__)

#: prints a step's document (kiosk.print_service.Printouts): its kind, then the flow's answers and
#: results it is made from; returns the job's end
PrintDocument = Callable[[str, Mapping[str, object]], Awaitable[JobOutcome]]
#: can the kiosk print now? (ready, the visitor's message when not)
PrinterCheck = Callable[[], Awaitable[tuple[bool, str]]]


class FlowController(QObject):
    show = Signal(object)  # the Screen to display now
    nav_changed = Signal()  # back/continue availability or labels changed
    busy_changed = Signal(bool)  # an operation runs: the idle timer pauses
    done = Signal()  # the visitor finished: the shell resets the session

    def __init__(
        self,
        flow: Flow,
        actions: dict[str, Action],
        *,
        today: date,
        printer: PrintDocument | None = None,
        printer_check: PrinterCheck | None = None,
    ) -> None:
        super().__init__()
        self.flow = flow
        self.actions = actions
        self.printer = printer
        self.printer_check = printer_check
        self.run = FlowRun(flow, today=today)
        self.screen: Screen | None = None
        self._task: asyncio.Task[None] | None = None
        self._acting = False  # an action is in flight (cleared before the task itself ends)
        self._check_task: asyncio.Task[None] | None = None
        self._print_task: asyncio.Task[None] | None = None
        self._printing = False  # a confirmation's document is printing: "Terminar" waits

    # --- what the shell shows -----------------------------------------------------------------

    @property
    def can_go_back(self) -> bool:
        return self.run.can_go_back and not self.running and not self.run.finished

    @property
    def primary_label(self) -> str | None:
        step = self.run.current
        if isinstance(step, ActionStep):
            return None  # the operation screen has its own "Intentar de nuevo"
        if isinstance(step, ConfirmationStep):
            return tr("Terminar")
        if isinstance(step, ReviewStep):
            return tr("Confirmar y enviar")
        return tr("Continuar")

    @property
    def running(self) -> bool:
        return self._acting or self._printing

    def start(self) -> None:
        self.render()

    def render(self) -> None:
        step = self.run.current
        screen: Screen
        if isinstance(step, QuestionStep):
            screen = QuestionScreen(self.flow.id, step, dict(self.run.raw), self._progress())
        elif isinstance(step, ReviewStep):
            screen = ReviewScreen(self.flow.id, step.id, step.title, self.run.review_items())
        elif isinstance(step, ActionStep):
            operation = OperationScreen(self.flow.id, step.id, tr(step.busy_text))
            screen = operation
        elif isinstance(step, InfoStep | ConfirmationStep):
            screen = TextScreen(
                f"{self.flow.id}.{step.id}", step.title, self.run.body(), codes=self.run.codes()
            )
        else:  # pragma: no cover - every step kind is handled above
            raise TypeError(type(step).__name__)
        screen.navigate.connect(self._on_screen_intent)
        self.screen = screen
        self.show.emit(screen)
        self.nav_changed.emit()
        if isinstance(step, ActionStep):
            self._start_action(step)
        elif isinstance(step, InfoStep | ConfirmationStep) and step.document:
            self._start_print()
        elif isinstance(step, ReviewStep) and self.flow.prints and self.printer_check is not None:
            self._check_task = asyncio.ensure_future(self._check_printer(self.printer_check))

    async def _check_printer(self, check: PrinterCheck) -> None:
        ready, message = await check()
        if not ready and isinstance(self.screen, ReviewScreen):
            self.screen.show_printer_notice(tr(message))

    def _start_print(self) -> None:
        step = self.run.current
        if not isinstance(step, InfoStep | ConfirmationStep) or not step.document:
            return
        if self.printer is None or self.running:
            return
        if self._print_task is not None and not self._print_task.done():
            return  # one job at a time: a double tap on "Imprimir otra vez" prints once
        screen = self.screen
        if isinstance(screen, TextScreen):
            screen.show_printing()
        # The end of a flow waits for its document (leaving would reset the session under the
        # job); an info step's printout (the payment slip) lets the visitor go on meanwhile.
        self._printing = isinstance(step, ConfirmationStep)
        self.busy_changed.emit(True)
        self.nav_changed.emit()
        sources = {**self.run.submitted_answers(), **self.run.results}
        self._print_task = asyncio.ensure_future(
            self._print(self.printer, step.document, sources, screen)
        )

    async def _print(
        self,
        printer: PrintDocument,
        kind: str,
        sources: Mapping[str, object],
        screen: Screen | None,
    ) -> None:
        try:
            outcome = await printer(kind, sources)
            message, ok = tr(outcome.message), outcome.ok
        except PortalError as error:
            message, ok = messages.for_error(error).text, False
        except PrintingError as error:
            message, ok = tr(error.message), False
        finally:
            self._printing = False
            self.busy_changed.emit(False)
            self.nav_changed.emit()
        log.info(
            "document printed" if ok else "document not printed",
            extra={"flow": self.flow.id, "document": kind},
        )
        if isinstance(screen, TextScreen) and screen is self.screen:
            if not ok:
                message = " ".join(
                    part for part in (tr("No se imprimió."), message, _advice(kind)) if part
                )
            screen.show_printed(message, ok=ok)

    def _progress(self) -> str:
        number, total = self.run.progress()
        return tr("Paso {n} de {m}", n=number, m=total) if total > 1 else ""

    # --- the visitor's intents -----------------------------------------------------------------

    def continue_(self) -> list[FieldError]:
        step = self.run.current
        if self.running:
            return []
        if isinstance(step, ConfirmationStep):
            self.done.emit()
            return []
        values = self.screen.values() if isinstance(self.screen, QuestionScreen) else {}
        errors = self.run.submit(values)
        if errors and isinstance(self.screen, QuestionScreen):
            self.screen.show_errors(errors)
            return errors
        self.render()
        return []

    def back(self) -> None:
        if self.can_go_back and self.run.back():
            self.render()

    def _on_screen_intent(self, intent: str) -> None:
        if intent == "continue":
            self.continue_()
        elif intent == "reprint":
            self._start_print()
        elif intent == "retry":
            step = self.run.current
            if isinstance(step, ActionStep):
                self._start_action(step)
        elif intent.startswith("change:"):
            self.run.change(intent.removeprefix("change:"))
            self.render()

    # --- operations ------------------------------------------------------------------------

    def _start_action(self, step: ActionStep) -> None:
        if self.running:
            return  # a double tap never sends twice
        action = self.actions.get(step.action)
        if action is None:
            raise LookupError(f"no action {step.action!r} for flow {self.flow.id}")
        if isinstance(self.screen, OperationScreen):
            self.screen.show_running()
        self.busy_changed.emit(True)
        self.nav_changed.emit()
        key = self.run.action_key(step.id)
        self._acting = True
        self._task = asyncio.ensure_future(self._run_action(action, key))

    async def _run_action(self, action: Action, key: str) -> None:
        try:
            result = await action(self.run.submitted_answers(), key)
        except PortalError as error:
            self._end_action()
            log.info("action failed", extra={"flow": self.flow.id, "error": type(error).__name__})
            self.run.fail_action()
            message = messages.for_error(error)
            if isinstance(self.screen, OperationScreen):
                self.screen.show_failure(message.text, can_retry=message.can_retry)
            self.nav_changed.emit()  # "Atrás" leads back to the answers to change them
        except BaseException:
            self._end_action()  # cancelled (a reset) or a bug for the excepthook
            raise
        else:
            # Ended before the next screen: it may start the next action at once (log in after
            # creating the account), which must find the controller busy, not cleared after it.
            self._end_action()
            self.run.complete_action(result)
            self.render()

    def _end_action(self) -> None:
        self._acting = False
        self.busy_changed.emit(False)

    def capture(self) -> None:
        """Keep what is typed on the current screen (before it is rebuilt, e.g. new language)."""
        if isinstance(self.screen, QuestionScreen):
            self.run.raw.update(self.screen.values())

    def cancel(self) -> None:
        """Stop whatever runs (the session is being reset) and forget the answers."""
        if self._check_task is not None and not self._check_task.done():
            self._check_task.cancel()
        for task in (self._task, self._print_task):
            if task is not None and not task.done():
                task.cancel()
        self.run.reset()


def _advice(document: str) -> str:
    """What the visitor can do when this document did not print: nothing is lost."""
    if document == "certificate":
        return tr(
            "Con el código de descarga de arriba puede imprimirla en otro quiosco o descargarla "
            "del portal del Organismo Judicial."
        )
    if document == "payment_slip":
        return tr("Anote la referencia y el monto de arriba: con ellos puede pagar igual.")
    if document == "review_receipt":
        return tr("Anote los códigos de arriba: con ellos puede recoger su constancia.")
    return ""
