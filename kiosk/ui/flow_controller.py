"""Drives one service's flow on screen: shows the screen the table gives for each step, turns the
shell's Continuar/Atrás and the screens' intents into engine calls, and runs action steps and
printouts through the one operation runner (busy, typed errors in the visitor's words, a retry
with the same Idempotency-Key)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import date

from PySide6.QtCore import QObject, Signal

from kiosk.audit.trail import NO_TRAIL, Trail
from kiosk.flows import groups
from kiosk.flows.engine import FlowRun
from kiosk.flows.lookup import CURSOR
from kiosk.flows.model import (
    END_STEPS,
    ActionStep,
    ConfirmationStep,
    DetailStep,
    FieldError,
    InfoStep,
    ResultsStep,
    ReviewStep,
)
from kiosk.flows.records import PICKED, ResultsPage
from kiosk.i18n import tr
from kiosk.printing import JobOutcome
from kiosk.services.base import ActionContext, Service
from kiosk.services.printer import DocumentPrinter
from kiosk.services.registry import printout
from kiosk.session import Session
from kiosk.ui.messages import VisitorMessage
from kiosk.ui.ops import Ops
from kiosk.ui.screens.base import Intent, Screen
from kiosk.ui.screens.lookup import DetailScreen, ResultsScreen
from kiosk.ui.screens.question import QuestionScreen
from kiosk.ui.screens.question_group import GroupScreen
from kiosk.ui.screens.steps import OperationScreen, ReviewScreen, TextScreen
from kiosk.ui.screens.table import StepView, screen_for

log = logging.getLogger(__name__)


class FlowController(QObject):
    show = Signal(object)  # the Screen to display now
    nav_changed = Signal()  # back/continue availability or labels changed
    finished = Signal()  # the visitor finished: the shell resets the session
    lead = Signal(str, object)  # another service to go on in, with the answers it is given

    def __init__(
        self,
        service: Service,
        session: Session,
        context: ActionContext,
        ops: Ops,
        *,
        today: date,
        printer: DocumentPrinter | None = None,
        trail: Trail = NO_TRAIL,
        compact: bool = False,
    ) -> None:
        """``compact``: several questions per screen where the flow allows it (a desk's)."""
        super().__init__()
        assert service.flow is not None
        self.trail = trail
        self.compact = compact
        self.service = service
        self.flow = service.flow
        self.context = context
        self.ops = ops
        self.printer = printer
        self.run = FlowRun(self.flow, today=today)
        session.flow = self.run  # the visit owns the answers: its reset wipes them
        self.screen: Screen | None = None

    # --- what the shell shows -----------------------------------------------------------------

    @property
    def can_go_back(self) -> bool:
        return self.run.can_go_back and not self.ops.busy and not self.run.finished

    @property
    def primary_label(self) -> str | None:
        step = self.run.current
        if isinstance(step, ActionStep):
            return None  # the operation screen has its own "Intentar de nuevo"
        if isinstance(step, END_STEPS):
            return tr("Terminar")
        if isinstance(step, ResultsStep):
            return None  # each row is a way on; "Atrás" changes the search
        if isinstance(step, ReviewStep):
            return tr("Confirmar y enviar")
        return tr("Continuar")

    def start(self) -> None:
        self.render()

    def render(self) -> None:
        step = self.run.current
        shown = groups.group(self.run) if self.compact else ()
        if len(shown) > 1:
            answers = self.run.answers
            options = {f.id: f.options(answers) for s in shown for f in s.fields if f.choices_from}
            raw = dict(self.run.raw)
            screen: Screen = GroupScreen(self.service.id, shown, raw, self._progress(), options)
        else:
            screen = screen_for(StepView(self.service.id, self.run, self._progress()))
        screen.navigate.connect(self._on_intent)
        self.screen = screen
        self.show.emit(screen)
        self.nav_changed.emit()
        if isinstance(step, ActionStep):
            self._start_action(step)
        elif isinstance(step, InfoStep | ConfirmationStep) and step.document:
            self._start_print()
        elif isinstance(step, ReviewStep) and self.flow.printer_notice and self.printer:
            self.ops.run("printer-check", self.printer.ready, done=self._printer_checked,
                         blocking=False)  # fmt: skip

    def _printer_checked(self, state: tuple[bool, str]) -> None:
        ready, message = state
        if not ready and isinstance(self.screen, ReviewScreen):
            self.screen.show_printer_notice(f"{tr(message)} {tr(self.flow.printer_notice)}")

    def _progress(self) -> str:
        number, total = self.run.progress()
        return tr("Paso {n} de {m}", n=number, m=total) if total > 1 else ""

    # --- the visitor's intents -----------------------------------------------------------------

    def continue_(self) -> list[FieldError]:
        if self.ops.busy:
            return []
        if self.run.at_end:
            self.finished.emit()
            return []
        if isinstance(self.run.current, ResultsStep):
            return []
        if isinstance(self.screen, GroupScreen):
            errors = groups.submit_group(self.run, self.screen.values())
        else:
            values = self.screen.values() if isinstance(self.screen, QuestionScreen) else {}
            errors = self.run.submit(values)
        if errors and isinstance(self.screen, QuestionScreen | GroupScreen):
            self.screen.show_errors(errors)
            return errors
        self.render()
        return []

    def back(self) -> None:
        if not self.can_go_back:
            return
        if groups.back_group(self.run) if self.compact else self.run.back():
            self.render()

    def _on_intent(self, intent: Intent, argument: str) -> None:
        if intent is Intent.CONTINUE:
            self.continue_()
        elif intent is Intent.REPRINT:
            self._start_print()
        elif intent is Intent.RETRY:
            step = self.run.current
            if isinstance(step, ActionStep):
                self._start_action(step)
        elif intent is Intent.CHANGE and not self.ops.busy:
            self.run.change(argument)
            self.render()
        elif intent is Intent.ALTERNATIVE and not self.ops.busy:
            self.capture()
            self.run.take_alternative()
            self.render()
        elif intent is Intent.SELECT and not self.ops.busy:
            step = self.run.current
            if isinstance(step, ResultsStep):
                self.run.submit({step.field: argument})
                self.render()
        elif intent is Intent.MORE:
            self._more()
        elif intent is Intent.PRINT:
            self._start_print(tuple(part for part in argument.split(",") if part))
        elif intent is Intent.LEAD and not self.ops.busy:
            self._follow(argument)

    # --- operations ------------------------------------------------------------------------

    def _start_action(self, step: ActionStep) -> None:
        action = self.service.actions[step.action]  # the registry checked it exists
        answers, key = self.run.submitted_answers(), self.run.action_key(step.id)
        started = self.ops.run(
            f"action:{step.id}",
            lambda: action(self.context, answers, key),
            done=self._action_done,
            failed=self._action_failed,
            holds_idle=not step.idle_runs,
        )
        if started:
            if isinstance(self.screen, OperationScreen):
                self.screen.show_running()
            self.nav_changed.emit()

    def _action_done(self, result: object) -> None:
        # The runner cleared busy first: the next screen may start the next action at once (log
        # in after creating the account), which finds the kiosk busy again, not cleared after it.
        self.run.complete_action(result)
        self.render()

    def _action_failed(self, message: VisitorMessage) -> None:
        self.run.fail_action(refused=message.field)
        if isinstance(self.screen, OperationScreen):
            self.screen.show_failure(message.text, can_retry=message.can_retry)
        self.nav_changed.emit()  # "Atrás" leads back to the answers to change them

    def _more(self) -> None:
        """ "Ver más": the same search from where the last page ended; its rows join the list."""
        step = self.run.current
        if not isinstance(step, ResultsStep) or step.more is None:
            return
        cursor = self.run.page().next_cursor
        action = self.service.actions[step.more]
        answers = {**self.run.submitted_answers(), CURSOR: cursor}
        key = self.run.action_key(step.source)

        def add(page: object) -> None:
            if isinstance(page, ResultsPage) and self.run.current is step:
                self.run.add_page(page)
                self.render()

        def failed(message: VisitorMessage) -> None:
            if isinstance(self.screen, ResultsScreen):
                self.screen.show_problem(message.text)

        self.ops.run("more", lambda: action(self.context, answers, key), done=add, failed=failed)

    def _follow(self, lead_id: str) -> None:
        """A record's lead: the shell opens its service with what this record knows."""
        if not isinstance(self.run.current, DetailStep):
            return
        leads = (lead for section in self.run.detail().sections for lead in section.leads)
        lead = next((lead for lead in leads if lead.id == lead_id), None)
        if lead is not None:
            self.lead.emit(lead.service, dict(lead.answers))

    def _start_print(self, picked: tuple[str, ...] = ()) -> None:
        step = self.run.current
        if not isinstance(step, InfoStep | ConfirmationStep | DetailStep) or not step.document:
            return
        printer, kind, screen = self.printer, step.document, self.screen
        if printer is None:
            return
        sources: Mapping[str, object] = {
            **self.run.submitted_answers(),
            **self.run.results,
            PICKED: picked,
        }
        # The end of a flow waits for its document (leaving would reset the session under the
        # job); an info step's printout (the payment slip) lets the visitor go on meanwhile.
        started = self.ops.run(
            f"print:{kind}",
            lambda: printer.print(kind, sources),
            done=self._printed(kind, screen),
            failed=lambda message: self._not_printed(kind, screen, message.text),
            blocking=isinstance(step, END_STEPS),
        )
        if started and isinstance(screen, TextScreen | DetailScreen):
            screen.show_printing()
            self.nav_changed.emit()

    def _printed(self, kind: str, screen: Screen | None) -> Callable[[JobOutcome], None]:
        def done(outcome: JobOutcome) -> None:
            log.info(
                "document printed" if outcome.ok else "document not printed",
                extra={"flow": self.service.id, "document": kind},
            )
            if outcome.ok:
                self.trail.printed(self.service.id, kind)
                if isinstance(screen, TextScreen | DetailScreen) and screen is self.screen:
                    screen.show_printed(tr(outcome.message), ok=True)
                self.nav_changed.emit()
            else:
                self._not_printed(kind, screen, tr(outcome.message))

        return done

    def _not_printed(self, kind: str, screen: Screen | None, message: str) -> None:
        self.nav_changed.emit()
        if isinstance(screen, TextScreen | DetailScreen) and screen is self.screen:
            advice = tr(printout(kind).advice) if printout(kind).advice else ""
            text = " ".join(part for part in (tr("No se imprimió."), message, advice) if part)
            screen.show_printed(text, ok=False)

    def capture(self) -> None:
        """Keep what is typed on the current screen (before it is rebuilt, e.g. new language)."""
        if isinstance(self.screen, QuestionScreen | GroupScreen):
            self.run.raw.update(self.screen.values())

    def cancel(self) -> None:
        """Leaving the service (home, a reset): the runner's work was cancelled by the shell;
        forget the answers."""
        self.run.reset()
