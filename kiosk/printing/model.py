"""The printing vocabulary: printer problems, printer state, job ids, job outcomes, typed errors.

No I/O here. Every visitor-facing text comes from ``MESSAGES`` by a stable code; ``detail`` fields
are for the technician's log and never hold personal data (no document path, no title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from kiosk.printing.messages import MESSAGES


class PrinterProblem(StrEnum):
    """Why a printer cannot take the visitor's document now. Values are stable message codes."""

    UNKNOWN_QUEUE = "unknown_queue"
    NO_DEFAULT = "no_default"
    NO_PAPER = "no_paper"
    PAPER_JAM = "paper_jam"
    NO_TONER = "no_toner"
    DOOR_OPEN = "door_open"
    OFFLINE = "offline"
    PRINTER_ERROR = "printer_error"
    PAUSED = "paused"
    NOT_ACCEPTING = "not_accepting"

    @property
    def message(self) -> str:
        return MESSAGES[self.value]


PROBLEM_ORDER: tuple[PrinterProblem, ...] = tuple(PrinterProblem)
"""Most telling first: "no paper" explains a stopped queue better than "paused" does."""


class ErrorKind(StrEnum):
    """What kind of PrintingError. Values are stable message codes."""

    LP_MISSING = "lp_missing"  # the lp/lpstat/cancel commands are not installed
    UNREACHABLE = "unreachable"  # no cupsd answers at the server (or it does not answer in time)
    UNKNOWN_QUEUE = "unknown_queue"  # CUPS has no such queue
    NO_DEFAULT = "no_default"  # no queue given and CUPS has no default destination
    NOT_ACCEPTING = "not_accepting"  # the queue rejects new jobs (cupsreject)
    BAD_DOCUMENT = "bad_document"  # the PDF to print is missing or unreadable
    FAILED = "failed"  # anything else CUPS refused; see detail


class PrintingError(Exception):
    """A typed printing failure: the visitor's message (Spanish source text) and a log detail."""

    def __init__(self, kind: ErrorKind, detail: str = "") -> None:
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)
        self.kind = kind
        self.detail = detail

    @property
    def code(self) -> str:
        return self.kind.value

    @property
    def message(self) -> str:
        return MESSAGES[self.kind.value]


@dataclass(frozen=True)
class PrinterState:
    """A printer as CUPS reports it, and whether the visitor can print on it now."""

    queue: str | None  # the resolved queue (None when there is no default destination)
    problems: tuple[PrinterProblem, ...] = ()  # blocking ones, in PROBLEM_ORDER
    accepting: bool = False  # accepting new jobs (cupsaccept / cupsreject)
    paused: bool = False  # stopped: by cupsdisable or by a backend that gave up
    printing: bool = False  # busy with a job right now
    reasons: tuple[str, ...] = ()  # raw printer-state-reasons, e.g. ("media-empty", "paused")
    warnings: tuple[str, ...] = ()  # non-blocking reasons worth a technician's look (toner-low)
    status: str = ""  # CUPS's printer-state-message, for the technician's log

    @property
    def ready(self) -> bool:
        return not self.problems

    @property
    def problem(self) -> PrinterProblem | None:
        """The most telling problem, or None when ready."""
        return self.problems[0] if self.problems else None

    @property
    def code(self) -> str:
        return self.problems[0].value if self.problems else "ready"

    @property
    def message(self) -> str:
        """What to tell the visitor (Spanish source text; translate with ``tr``)."""
        return MESSAGES[self.code]


_JOB_ID = re.compile(r"(?P<queue>[^\s/@]+)-(?P<number>\d+)")


@dataclass(frozen=True, order=True)
class JobId:
    """A CUPS job, written "QUEUE-NUMBER" as ``lp`` prints it."""

    queue: str
    number: int

    def __str__(self) -> str:
        return f"{self.queue}-{self.number}"

    @classmethod
    def parse(cls, text: str) -> JobId:
        match = _JOB_ID.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"not a CUPS job id: {text!r}")
        return cls(match["queue"], int(match["number"]))


class Outcome(StrEnum):
    """How a print job ended. Values are stable message codes (PRINTER_PROBLEM excepted)."""

    COMPLETED = "completed"
    ABORTED = "aborted"
    CANCELED = "canceled"
    PRINTER_PROBLEM = "printer_problem"
    TIMEOUT = "timeout"


class OnProblem(StrEnum):
    """What ``track`` does when the printer reports a blocking problem while the job waits."""

    CANCEL = "cancel"  # report PRINTER_PROBLEM and cancel the job: nothing comes out later
    KEEP = "keep"  # report PRINTER_PROBLEM and leave the job queued
    IGNORE = "ignore"  # keep following the job (a technician's test print; see print_pdf)


@dataclass(frozen=True)
class JobOutcome:
    """The end of one print: what happened, why (PRINTER_PROBLEM) and what to tell the visitor."""

    outcome: Outcome
    job: JobId | None  # None when the printer was not ready and nothing was sent
    problem: PrinterProblem | None = None  # set for PRINTER_PROBLEM
    elapsed: float = 0.0  # seconds from the start of tracking (or of the check) to the end
    status: str = ""  # CUPS's last printer/job message, for the technician's log

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.COMPLETED

    @property
    def code(self) -> str:
        if self.outcome is Outcome.PRINTER_PROBLEM:
            return (self.problem or PrinterProblem.PRINTER_ERROR).value
        return self.outcome.value

    @property
    def message(self) -> str:
        """What to tell the visitor (Spanish source text; translate with ``tr``)."""
        return MESSAGES[self.code]
