"""The lpstat/lp/cancel parsers on output captured from CUPS 2.4 (C locale); no cupsd needed."""

from __future__ import annotations

import pytest

from kiosk.printing import (
    MESSAGES,
    ErrorKind,
    JobId,
    JobOutcome,
    Outcome,
    PrinterProblem,
    PrinterState,
    PrintingError,
)
from kiosk.printing.jobs import (
    check_title,
    parse_cancel_refusal,
    parse_job_list,
    parse_request_id,
)
from kiosk.printing.state import (
    classify_reasons,
    parse_default,
    parse_lpstat_printer,
    parse_scheduler,
    state_from_lpstat,
)

LONG_TAIL = """\
\tForm mounted:
\tContent types: any
\tPrinter types: unknown
\tDescription: kiosk-pdf
\tAlerts: {alerts}
\tLocation:
\tConnection: direct
\tInterface: /etc/cups/ppd/kiosk-pdf.ppd
\tOn fault: no alert
\tAfter fault: continue
\tUsers allowed:
\t\t(all)
\tForms allowed:
\t\t(none)
\tBanner required
\tCharset sets:
\t\t(none)
\tDefault pitch:
\tDefault page size:
\tDefault port settings:
"""

IDLE = (
    "printer kiosk-pdf is idle.  enabled since Sun Nov 29 05:01:14 2026\n"
    + LONG_TAIL.format(alerts="none")
    + "kiosk-pdf accepting requests since Sun Nov 29 05:01:14 2026\n"
)
PRINTING = (
    "printer kiosk-pdf now printing kiosk-pdf-4.  enabled since Sun Nov 29 05:05:03 2026\n"
    + LONG_TAIL.format(alerts="toner-low-warning cups-waiting-for-job-completed")
    + "kiosk-pdf accepting requests since Sun Nov 29 05:05:03 2026\n"
)
STOPPED_NO_PAPER = (
    "printer kiosk-nopaper disabled since Sun Nov 29 05:02:36 2026 -\n\tOut of paper\n"
    + LONG_TAIL.format(alerts="media-empty paused")
    + "kiosk-nopaper accepting requests since Sun Nov 29 05:02:36 2026\n"
)
PAUSED_REJECTING = (
    "printer kiosk-pdf disabled since Sun Nov 29 05:03:52 2026 -\n\tMantenimiento\n"
    + LONG_TAIL.format(alerts="paused")
    + "kiosk-pdf not accepting requests since Sun Nov 29 05:03:52 2026 -\n\tMantenimiento\n"
)


def test_idle_printer_is_ready() -> None:
    printer = parse_lpstat_printer(IDLE, "kiosk-pdf")
    assert printer is not None
    state = state_from_lpstat(printer)
    assert state.ready and state.accepting and not state.paused and not state.printing
    assert state.reasons == ()
    assert state.code == "ready"
    assert state.message == MESSAGES["ready"]


def test_printing_with_a_warning_is_ready() -> None:
    printer = parse_lpstat_printer(PRINTING, "kiosk-pdf")
    assert printer is not None
    state = state_from_lpstat(printer)
    assert state.ready and state.printing
    assert state.warnings == ("toner-low-warning",)


def test_stopped_without_paper() -> None:
    printer = parse_lpstat_printer(STOPPED_NO_PAPER, "kiosk-nopaper")
    assert printer is not None
    assert printer.message == "Out of paper"
    state = state_from_lpstat(printer)
    assert state.problems == (PrinterProblem.NO_PAPER, PrinterProblem.PAUSED)
    assert state.problem is PrinterProblem.NO_PAPER
    assert state.status == "Out of paper"
    assert state.message == "La impresora no tiene papel."


def test_paused_and_rejecting() -> None:
    printer = parse_lpstat_printer(PAUSED_REJECTING, "kiosk-pdf")
    assert printer is not None
    assert printer.reject_reason == "Mantenimiento"
    state = state_from_lpstat(printer)
    assert state.problems == (PrinterProblem.PAUSED, PrinterProblem.NOT_ACCEPTING)
    assert not state.accepting and state.paused


def test_other_queue_in_the_output_is_not_taken() -> None:
    assert parse_lpstat_printer(IDLE, "kiosk") is None
    assert parse_lpstat_printer("", "kiosk-pdf") is None


@pytest.mark.parametrize(
    ("reasons", "problems", "warnings"),
    [
        (("none",), set(), ()),
        (("media-empty-error",), {PrinterProblem.NO_PAPER}, ()),
        (("media-needed",), {PrinterProblem.NO_PAPER}, ()),
        (("media-empty-warning",), set(), ("media-empty-warning",)),
        (("media-empty-report",), set(), ()),
        (("media-jam-error",), {PrinterProblem.PAPER_JAM}, ()),
        (("toner-empty",), {PrinterProblem.NO_TONER}, ()),
        (("marker-supply-empty-error",), {PrinterProblem.NO_TONER}, ()),
        (("toner-low",), set(), ("toner-low",)),
        (("marker-supply-low-warning",), set(), ("marker-supply-low-warning",)),
        (("door-open",), {PrinterProblem.DOOR_OPEN}, ()),
        (("cover-open-error",), {PrinterProblem.DOOR_OPEN}, ()),
        (("offline-report",), set(), ()),
        (("offline",), {PrinterProblem.OFFLINE}, ()),
        (("paused",), {PrinterProblem.PAUSED}, ()),
        (("fuser-over-temp-error",), {PrinterProblem.PRINTER_ERROR}, ()),
        (("something-new-error",), {PrinterProblem.PRINTER_ERROR}, ()),
        (("connecting-to-device", "cups-waiting-for-job-completed"), set(), ()),
    ],
)
def test_classify_reasons(
    reasons: tuple[str, ...], problems: set[PrinterProblem], warnings: tuple[str, ...]
) -> None:
    assert classify_reasons(tuple(r for r in reasons if r != "none")) == (problems, warnings)


def test_scheduler_and_default() -> None:
    assert parse_scheduler("scheduler is running\nsystem default destination: kiosk-pdf\n")
    assert not parse_scheduler("scheduler is not running\n")
    assert parse_default("scheduler is running\nsystem default destination: kiosk-pdf\n") == (
        "kiosk-pdf"
    )
    assert parse_default("system default destination: kiosk-pdf/dúplex\n") == "kiosk-pdf"
    assert parse_default("scheduler is running\nno system default destination\n") is None


def test_job_list() -> None:
    text = (
        "kiosk-pdf-2             root              2048   Sun Nov 29 05:01:54 2026\n"
        "\tAlerts: job-hold-until-specified\n"
        "\tqueued for kiosk-pdf\n"
        "kiosk-nopaper-3         root              2048   Sun Nov 29 05:02:36 2026\n"
        "\tStatus: Out of paper\n"
        "\tAlerts: printer-stopped\n"
        "\tqueued for kiosk-nopaper\n"
    )
    jobs = parse_job_list(text)
    assert set(jobs) == {JobId("kiosk-pdf", 2), JobId("kiosk-nopaper", 3)}
    assert jobs[JobId("kiosk-pdf", 2)].reasons == ("job-hold-until-specified",)
    assert jobs[JobId("kiosk-nopaper", 3)].status == "Out of paper"
    assert parse_job_list("") == {}


def test_request_id_and_job_id() -> None:
    job = parse_request_id("request id is kiosk-pdf-12 (1 file(s))\n")
    assert job == JobId("kiosk-pdf", 12)
    assert str(job) == "kiosk-pdf-12"
    assert JobId.parse("Brother_HL-L2350DW-7") == JobId("Brother_HL-L2350DW", 7)
    assert parse_request_id("lp: Error - The printer or class does not exist.") is None
    with pytest.raises(ValueError):
        JobId.parse("kiosk-pdf")


@pytest.mark.parametrize(
    ("stderr", "outcome"),
    [
        (
            "cancel: cancel-job failed: Job #1 is already completed - can't cancel.",
            Outcome.COMPLETED,
        ),
        ("cancel: cancel-job failed: Job #2 is already canceled - can't cancel.", Outcome.CANCELED),
        ("cancel: cancel-job failed: Job #3 is already aborted - can't cancel.", Outcome.ABORTED),
        ("cancel: cancel-job failed: Job #999 does not exist.", None),
    ],
)
def test_cancel_refusal(stderr: str, outcome: Outcome | None) -> None:
    assert parse_cancel_refusal(f"cancel: {stderr}") is outcome


def test_titles_carry_no_personal_data() -> None:
    assert check_title("Constancia OJ") == "Constancia OJ"
    assert check_title("Boleta de pago OJ") == "Boleta de pago OJ"
    for title in ("", "  ", "Constancia 2345678901234", "CUI 1234", "ana@example.com", "x" * 61):
        with pytest.raises(ValueError):
            check_title(title)


def test_every_code_has_a_message() -> None:
    codes = {p.value for p in PrinterProblem} | {k.value for k in ErrorKind}
    codes |= {o.value for o in Outcome if o is not Outcome.PRINTER_PROBLEM} | {"ready"}
    assert codes <= set(MESSAGES)
    for problem in PrinterProblem:
        outcome = JobOutcome(Outcome.PRINTER_PROBLEM, None, problem)
        assert outcome.message == problem.message == MESSAGES[problem.value]
        assert PrinterState(queue="q", problems=(problem,)).message == problem.message
    for kind in ErrorKind:
        error = PrintingError(kind, "detail for the log")
        assert error.message == MESSAGES[kind.value]
        assert error.code == kind.value
    assert all(text.endswith(".") for text in MESSAGES.values())
