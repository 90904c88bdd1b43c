"""Printer state from ``lpstat``: accepting jobs, paused, and printer-state-reasons as problems.

``printer_state`` runs ``lpstat -l -p QUEUE -a QUEUE`` (one process) and, for the default
destination, ``lpstat -r -d`` first. The parsers are pure functions, tested on captured output.
Output is read in the C locale (see ``commands.environment``).

printer-state-reasons are IPP keywords (RFC 8011, PWG 5100.9) with an optional severity suffix:
"-error" and no suffix block printing, "-warning" is kept as a warning, "-report" is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.printing.commands import run
from kiosk.printing.model import (
    PROBLEM_ORDER,
    ErrorKind,
    PrinterProblem,
    PrinterState,
    PrintingError,
)

# printer-state-reasons keyword (without severity suffix) -> the problem the visitor is told about.
REASON_PROBLEMS: dict[str, PrinterProblem] = {
    "media-empty": PrinterProblem.NO_PAPER,
    "media-needed": PrinterProblem.NO_PAPER,
    "input-tray-missing": PrinterProblem.NO_PAPER,
    "media-jam": PrinterProblem.PAPER_JAM,
    "toner-empty": PrinterProblem.NO_TONER,
    "marker-supply-empty": PrinterProblem.NO_TONER,
    "developer-empty": PrinterProblem.NO_TONER,
    "door-open": PrinterProblem.DOOR_OPEN,
    "cover-open": PrinterProblem.DOOR_OPEN,
    "interlock-open": PrinterProblem.DOOR_OPEN,
    "offline": PrinterProblem.OFFLINE,
    "shutdown": PrinterProblem.OFFLINE,
    "timed-out": PrinterProblem.OFFLINE,
    "other": PrinterProblem.PRINTER_ERROR,
    "fuser-over-temp": PrinterProblem.PRINTER_ERROR,
    "fuser-under-temp": PrinterProblem.PRINTER_ERROR,
    "marker-waste-full": PrinterProblem.PRINTER_ERROR,
    "output-area-full": PrinterProblem.PRINTER_ERROR,
    "output-tray-missing": PrinterProblem.PRINTER_ERROR,
    "spool-area-full": PrinterProblem.PRINTER_ERROR,
    "paused": PrinterProblem.PAUSED,
    "stopped-partly": PrinterProblem.PAUSED,
    "moving-to-paused": PrinterProblem.PAUSED,
}
_SUFFIXES = ("-error", "-warning", "-report")

_PRINTER_LINE = re.compile(
    r"printer (?P<name>\S+) (?:(?P<idle>is idle)|(?P<printing>now printing \S+?)\.|"
    r"(?P<disabled>disabled since))"
)
_ACCEPTING_LINE = re.compile(r"(?P<name>\S+) (?P<not>not )?accepting requests since")
_DEFAULT_LINE = re.compile(r"system default destination: (?P<name>\S+)")
# lpstat -l prints these fields after a printer's message line(s); anything before is the message.
_LONG_FIELDS = ("Form mounted:", "Alerts:", "Description:", "Location:", "Connection:")


@dataclass(frozen=True)
class LpstatPrinter:
    """One printer as ``lpstat -l -p QUEUE -a QUEUE`` shows it."""

    name: str
    paused: bool
    printing: bool
    accepting: bool
    reasons: tuple[str, ...]
    message: str
    reject_reason: str = ""


def parse_lpstat_printer(text: str, queue: str) -> LpstatPrinter | None:
    """Read the ``-p``/``-l``/``-a`` block for ``queue``; None if lpstat did not show it."""
    header: re.Match[str] | None = None
    message: list[str] = []
    reasons: tuple[str, ...] = ()
    accepting: bool | None = None
    reject: list[str] = []
    section = ""
    for line in text.splitlines():
        if not line.startswith("\t"):
            section = ""
            printer = _PRINTER_LINE.match(line)
            if printer and printer["name"] == queue:
                header, section = printer, "message"
                continue
            acceptance = _ACCEPTING_LINE.match(line)
            if acceptance and acceptance["name"] == queue:
                accepting, section = acceptance["not"] is None, "reject"
            continue
        field = line.strip()
        if section == "message":
            if field.startswith(_LONG_FIELDS):
                section = "long"
            else:
                message.append(field)
        elif section == "reject":
            reject.append(field)
        if section == "long" and field.startswith("Alerts:"):
            words = field.removeprefix("Alerts:").split()
            reasons = tuple(word for word in words if word != "none")
    if header is None:
        return None
    return LpstatPrinter(
        name=queue,
        paused=header["disabled"] is not None,
        printing=header["printing"] is not None,
        accepting=bool(accepting),
        reasons=reasons,
        message=" ".join(message),
        reject_reason=" ".join(reject),
    )


def classify_reasons(reasons: tuple[str, ...]) -> tuple[set[PrinterProblem], tuple[str, ...]]:
    """(blocking problems, warnings) from printer-state-reasons keywords."""
    problems: set[PrinterProblem] = set()
    warnings: list[str] = []
    for reason in reasons:
        base, severity = reason, ""
        for suffix in _SUFFIXES:
            if reason.endswith(suffix):
                base, severity = reason.removesuffix(suffix), suffix
                break
        if severity == "-report":
            continue
        if severity == "-warning":
            warnings.append(reason)
            continue
        problem = REASON_PROBLEMS.get(base)
        if problem is not None:
            problems.add(problem)
        elif severity == "-error":
            problems.add(PrinterProblem.PRINTER_ERROR)
        elif base.endswith("-low") or base.endswith("-almost-empty"):
            warnings.append(reason)
    return problems, tuple(warnings)


def state_from_lpstat(printer: LpstatPrinter) -> PrinterState:
    problems, warnings = classify_reasons(printer.reasons)
    if printer.paused:
        problems.add(PrinterProblem.PAUSED)
    if not printer.accepting:
        problems.add(PrinterProblem.NOT_ACCEPTING)
    return PrinterState(
        queue=printer.name,
        problems=tuple(problem for problem in PROBLEM_ORDER if problem in problems),
        accepting=printer.accepting,
        paused=printer.paused,
        printing=printer.printing,
        reasons=printer.reasons,
        warnings=warnings,
        status=printer.message or printer.reject_reason,
    )


def parse_scheduler(text: str) -> bool:
    """True when ``lpstat -r`` says the scheduler is running."""
    return any(line.strip() == "scheduler is running" for line in text.splitlines())


def parse_default(text: str) -> str | None:
    """The destination named by ``lpstat -d`` (without a /instance), or None."""
    for line in text.splitlines():
        match = _DEFAULT_LINE.match(line.strip())
        if match:
            return match["name"].split("/", 1)[0]
    return None


async def require_scheduler(server: str | None) -> None:
    """Raise PrintingError(UNREACHABLE) unless a cupsd answers at ``server``."""
    result = await run(["lpstat", "-r"], server=server)
    if not parse_scheduler(result.stdout):
        where = server or "the default CUPS server"
        raise PrintingError(ErrorKind.UNREACHABLE, f"no scheduler answers at {where}")


async def default_queue(server: str | None) -> str | None:
    """The default destination, or None; raises PrintingError(UNREACHABLE) without a cupsd."""
    result = await run(["lpstat", "-r", "-d"], server=server)
    if not parse_scheduler(result.stdout):
        where = server or "the default CUPS server"
        raise PrintingError(ErrorKind.UNREACHABLE, f"no scheduler answers at {where}")
    return parse_default(result.stdout)


async def printer_state(queue: str | None = None, *, server: str | None = None) -> PrinterState:
    """Can the visitor print on ``queue`` (None or "" = the default destination) now?

    An unknown queue or a missing default destination is a not-ready state (UNKNOWN_QUEUE,
    NO_DEFAULT), so a screen can show its message; no cupsd at ``server`` or no ``lpstat`` raise
    PrintingError (UNREACHABLE, LP_MISSING).
    """
    name = queue or await default_queue(server)
    if name is None:
        return PrinterState(queue=None, problems=(PrinterProblem.NO_DEFAULT,))
    result = await run(["lpstat", "-l", "-p", name, "-a", name], server=server)
    printer = parse_lpstat_printer(result.stdout, name) if result.ok else None
    if printer is None:
        await require_scheduler(server)
        if "Invalid destination name" in result.stderr:
            return PrinterState(queue=name, problems=(PrinterProblem.UNKNOWN_QUEUE,))
        problem = result.stderr.strip() or "output not understood"
        raise PrintingError(ErrorKind.FAILED, f"lpstat -p {name}: {problem}")
    return state_from_lpstat(printer)
