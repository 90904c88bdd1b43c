"""kiosk.printing on a real (private) cupsd: cups-pdf, paper out, aborted, paused, held jobs."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from private_cupsd import TestCups, free_port
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

from kiosk.printing import (
    MESSAGES,
    ErrorKind,
    JobId,
    OnProblem,
    Outcome,
    PrinterProblem,
    PrintingError,
    cancel,
    commands,
    print_pdf,
    printer_state,
    submit,
    track,
)

PAPER_MESSAGE = "La impresora no tiene papel."
TITLE = "Constancia OJ"

pytestmark = pytest.mark.timeout(60)


def make_pdf(path: Path, *lines: str) -> Path:
    canvas = Canvas(str(path), pagesize=LETTER)
    canvas.setTitle(TITLE)
    y = 700
    for line in lines:
        canvas.drawString(72, y, line)
        y -= 24
    canvas.save()
    return path


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "documento.pdf", "Organismo Judicial", "Constancia de prueba")


def cancel_says(cups: TestCups, job: JobId) -> str:
    """cancel's refusal for a finished job names its state ("already canceled", ...)."""
    return cups.cupsd.run("cancel", str(job), check=False).stderr


def active_jobs(cups: TestCups, queue: str) -> str:
    return cups.cupsd.run("lpstat", "-W", "not-completed", "-o", queue, check=False).stdout


async def wait_until_finished(cups: TestCups, job: JobId, timeout: float = 10) -> None:
    """A cancelled job that was processing ends once its backend has stopped."""
    deadline = time.monotonic() + timeout
    while str(job) in active_jobs(cups, job.queue):
        assert time.monotonic() < deadline, f"{job} still active"
        await asyncio.sleep(0.05)


def child_processes() -> set[int]:
    children: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        children |= {int(pid) for pid in (task / "children").read_text().split()}
    return children


def wait_for_file(directory: Path, pattern: str, newer_than: float, timeout: float = 10) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [p for p in directory.glob(pattern) if p.stat().st_mtime >= newer_than - 1]
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no {pattern} in {directory}")


# --- the cups-pdf queue -------------------------------------------------------------------------


async def test_pdf_queue_is_ready(cups: TestCups) -> None:
    state = await printer_state(cups.pdf_queue, server=cups.server)
    assert state.ready
    assert state.queue == cups.pdf_queue
    assert state.accepting
    assert not state.paused
    assert state.problems == ()
    assert state.message == "La impresora está lista."


async def test_print_real_pdf_on_cups_pdf(
    cups: TestCups, tmp_path: Path, cups_pdf_outputs: list[Path]
) -> None:
    token = uuid.uuid4().hex[:12].upper()
    document = make_pdf(
        tmp_path / "constancia.pdf",
        "Organismo Judicial de Guatemala",
        "Constancia de antecedentes penales: Peña Muñoz",
        f"Código de verificación {token}",
    )
    started = time.time()
    outcome = await print_pdf(
        document, queue=cups.pdf_queue, server=cups.server, title=TITLE, timeout=30
    )
    assert outcome.outcome is Outcome.COMPLETED, outcome
    assert outcome.ok
    assert outcome.job is not None and outcome.job.queue == cups.pdf_queue
    assert outcome.message == MESSAGES["completed"]
    assert outcome.elapsed < 15

    # cups-pdf names the file after the job title, with the job number as suffix (Label=2).
    written = wait_for_file(cups.output_dir, f"*-job_{outcome.job.number}.pdf", started)
    cups_pdf_outputs.append(written)
    assert written.name.startswith("Constancia_OJ")
    text = subprocess.run(
        ["pdftotext", "-layout", str(written), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Organismo Judicial de Guatemala" in text
    assert "Peña Muñoz" in text
    assert f"Código de verificación {token}" in text


async def test_track_a_job_that_already_completed(
    cups: TestCups, pdf: Path, cups_pdf_outputs: list[Path]
) -> None:
    started = time.time()
    job = await submit(pdf, queue=cups.pdf_queue, server=cups.server, title=TITLE)
    cups_pdf_outputs.append(wait_for_file(cups.output_dir, f"*-job_{job.number}.pdf", started))
    for _ in range(200):
        if str(job) not in active_jobs(cups, cups.pdf_queue):
            break
        await asyncio.sleep(0.05)
    outcome = await track(job, server=cups.server, timeout=10)
    assert outcome.outcome is Outcome.COMPLETED
    assert outcome.job == job


async def test_held_job_times_out_and_is_cancelled(
    cups: TestCups, pdf: Path, cups_pdf_outputs: list[Path]
) -> None:
    result = cups.cupsd.run("lp", "-d", cups.pdf_queue, "-H", "hold", "-t", TITLE, str(pdf))
    job = JobId.parse(result.stdout.split("request id is ", 1)[1].split()[0])
    started = time.monotonic()
    outcome = await track(job, server=cups.server, timeout=0.6, poll=0.1)
    assert outcome.outcome is Outcome.TIMEOUT
    assert outcome.message == MESSAGES["timeout"]
    assert 0.6 <= outcome.elapsed < 3
    assert time.monotonic() - started < 5
    assert str(job) not in active_jobs(cups, cups.pdf_queue)
    assert "already canceled" in cancel_says(cups, job)
    assert not list(cups.output_dir.glob(f"*-job_{job.number}.pdf"))


async def test_default_destination(cups: TestCups, make_queue: Callable[..., str]) -> None:
    queue = make_queue("media-empty")
    cups.cupsd.run("lpadmin", "-d", queue)
    state = await printer_state(None, server=cups.server)
    assert state.queue == queue and state.ready
    assert (await printer_state("", server=cups.server)).queue == queue

    cups.cupsd.delete_queue(queue)  # deleting the default destination leaves none
    state = await printer_state(None, server=cups.server)
    assert not state.ready
    assert state.problems == (PrinterProblem.NO_DEFAULT,)
    assert state.message == MESSAGES["no_default"]
    with pytest.raises(PrintingError) as raised:
        await print_pdf(Path(__file__), queue=None, server=cups.server)
    assert raised.value.kind is ErrorKind.NO_DEFAULT


# --- paper out, aborted, paused -------------------------------------------------------------


async def test_no_paper_queue_is_ready_until_a_job_fails(
    cups: TestCups, pdf: Path, make_queue: Callable[..., str]
) -> None:
    queue = make_queue("media-empty")
    assert (await printer_state(queue, server=cups.server)).ready

    outcome = await print_pdf(pdf, queue=queue, server=cups.server, title=TITLE, timeout=20)
    assert outcome.outcome is Outcome.PRINTER_PROBLEM, outcome
    assert outcome.problem is PrinterProblem.NO_PAPER
    assert outcome.message == PAPER_MESSAGE
    assert outcome.elapsed < 5
    # The job was cancelled: it must not come out later in front of the next visitor.
    assert outcome.job is not None
    await wait_until_finished(cups, outcome.job)
    assert "already canceled" in cancel_says(cups, outcome.job)

    state = await printer_state(queue, server=cups.server)
    assert not state.ready
    assert state.problem is PrinterProblem.NO_PAPER  # and PAUSED when the backend stopped it
    assert state.accepting
    assert "media-empty" in state.reasons
    assert state.message == PAPER_MESSAGE

    # Checked before printing: nothing is sent to a printer without paper.
    again = await print_pdf(pdf, queue=queue, server=cups.server, title=TITLE, timeout=20)
    assert again.outcome is Outcome.PRINTER_PROBLEM
    assert again.job is None
    assert again.problem is PrinterProblem.NO_PAPER
    assert active_jobs(cups, queue).strip() == ""

    # Re-enabled but still without paper: CUPS keeps media-empty until the printer clears it.
    cups.cupsd.run("cupsenable", queue)
    state = await printer_state(queue, server=cups.server)
    assert state.problems == (PrinterProblem.NO_PAPER,)
    assert not state.paused


async def test_no_paper_job_can_be_left_queued(
    cups: TestCups, pdf: Path, make_queue: Callable[..., str]
) -> None:
    queue = make_queue("media-empty")
    job = await submit(pdf, queue=queue, server=cups.server, title=TITLE)
    outcome = await track(job, server=cups.server, timeout=20, on_problem=OnProblem.KEEP)
    assert outcome.outcome is Outcome.PRINTER_PROBLEM
    assert outcome.problem is PrinterProblem.NO_PAPER
    assert str(job) in active_jobs(cups, queue)  # still waiting for paper
    assert await cancel(job, server=cups.server) is None  # was active, now cancelled
    assert await cancel(job, server=cups.server) is Outcome.CANCELED


async def test_paper_out_while_printing_then_a_technician_test_print(
    cups: TestCups, pdf: Path, make_queue: Callable[..., str]
) -> None:
    queue = make_queue("paper-wait")  # the printer reports media-empty-error and waits for paper
    job = await submit(pdf, queue=queue, server=cups.server, title=TITLE)
    outcome = await track(job, server=cups.server, timeout=20, poll=0.1)
    assert outcome.outcome is Outcome.PRINTER_PROBLEM, outcome
    assert outcome.problem is PrinterProblem.NO_PAPER
    assert outcome.message == PAPER_MESSAGE
    assert outcome.elapsed < 5
    await wait_until_finished(cups, job)  # cancelled: the waiting backend was stopped
    assert "already canceled" in cancel_says(cups, job)

    # CUPS keeps the alert while the queue is idle: the kiosk refuses to print...
    state = await printer_state(queue, server=cups.server)
    assert state.problems == (PrinterProblem.NO_PAPER,) and not state.paused
    refused = await print_pdf(pdf, queue=queue, server=cups.server, title=TITLE)
    assert (refused.outcome, refused.job) == (Outcome.PRINTER_PROBLEM, None)

    # ...until a test print goes through once the paper is back, and the backend clears it.
    cups.cupsd.run("lpadmin", "-p", queue, "-v", "kiosk-fail:/ok")
    test_print = await print_pdf(
        pdf,
        queue=queue,
        server=cups.server,
        title="Prueba de impresión OJ",
        timeout=20,
        check_first=False,
        on_problem=OnProblem.IGNORE,
    )
    assert test_print.outcome is Outcome.COMPLETED, test_print
    assert (await printer_state(queue, server=cups.server)).ready


async def test_backend_error_aborts_the_job(
    cups: TestCups, pdf: Path, make_queue: Callable[..., str]
) -> None:
    queue = make_queue("abort", printer_error_policy="abort-job")
    outcome = await print_pdf(pdf, queue=queue, server=cups.server, title=TITLE, timeout=20)
    assert outcome.outcome is Outcome.ABORTED, outcome
    assert outcome.message == MESSAGES["aborted"]
    assert outcome.elapsed < 5
    assert (await printer_state(queue, server=cups.server)).ready  # only the job failed


async def test_paused_queue_is_not_ready(
    cups: TestCups, pdf: Path, make_queue: Callable[..., str]
) -> None:
    queue = make_queue("media-empty")
    cups.cupsd.run("cupsdisable", "-r", "Mantenimiento", queue)
    state = await printer_state(queue, server=cups.server)
    assert not state.ready
    assert state.problems == (PrinterProblem.PAUSED,)
    assert state.paused and state.accepting
    assert state.status == "Mantenimiento"
    assert state.message == MESSAGES["paused"]
    outcome = await print_pdf(pdf, queue=queue, server=cups.server, title=TITLE)
    assert (outcome.outcome, outcome.job, outcome.problem) == (
        Outcome.PRINTER_PROBLEM,
        None,
        PrinterProblem.PAUSED,
    )


async def test_rejecting_queue_is_not_ready(
    cups: TestCups, pdf: Path, make_queue: Callable[..., str]
) -> None:
    queue = make_queue("media-empty")
    cups.cupsd.run("cupsreject", "-r", "Sin servicio", queue)
    state = await printer_state(queue, server=cups.server)
    assert state.problems == (PrinterProblem.NOT_ACCEPTING,)
    assert not state.accepting and not state.paused
    assert state.status == "Sin servicio"
    with pytest.raises(PrintingError) as raised:
        await submit(pdf, queue=queue, server=cups.server, title=TITLE)
    assert raised.value.kind is ErrorKind.NOT_ACCEPTING


# --- typed errors ---------------------------------------------------------------------------


async def test_unknown_queue(cups: TestCups, pdf: Path) -> None:
    state = await printer_state("no-such-queue", server=cups.server)
    assert not state.ready
    assert state.problems == (PrinterProblem.UNKNOWN_QUEUE,)
    assert state.message == MESSAGES["unknown_queue"]
    for attempt in (
        submit(pdf, queue="no-such-queue", server=cups.server, title=TITLE),
        print_pdf(pdf, queue="no-such-queue", server=cups.server, title=TITLE),
    ):
        with pytest.raises(PrintingError) as raised:
            await attempt
        assert raised.value.kind is ErrorKind.UNKNOWN_QUEUE
        assert raised.value.message == MESSAGES["unknown_queue"]


async def test_cupsd_unreachable(pdf: Path) -> None:
    server = f"127.0.0.1:{free_port()}"  # nothing listens there
    started = time.monotonic()
    for attempt in (
        printer_state("kiosk-pdf", server=server),
        printer_state(None, server=server),
        submit(pdf, queue="kiosk-pdf", server=server, title=TITLE),
        print_pdf(pdf, queue="kiosk-pdf", server=server, title=TITLE),
        track(JobId("kiosk-pdf", 1), server=server, timeout=5),
    ):
        with pytest.raises(PrintingError) as raised:
            await attempt
        assert raised.value.kind is ErrorKind.UNREACHABLE
        assert raised.value.message == MESSAGES["unreachable"]
    assert time.monotonic() - started < 10


async def test_hung_cupsd_times_out(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(commands, "COMMAND_TIMEOUT", 0.5)
    before = child_processes()
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        server = f"127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        for attempt in (
            printer_state("kiosk-pdf", server=server),
            submit(pdf, queue="kiosk-pdf", server=server, title=TITLE),
        ):
            with pytest.raises(PrintingError) as raised:
                await attempt
            assert raised.value.kind is ErrorKind.UNREACHABLE
            assert "did not answer" in raised.value.detail
        assert time.monotonic() - started < 4
    assert child_processes() <= before  # the hung lpstat/lp were killed and reaped


async def test_cancelled_tracking_leaves_no_process(cups: TestCups, pdf: Path) -> None:
    result = cups.cupsd.run("lp", "-d", cups.pdf_queue, "-H", "hold", "-t", TITLE, str(pdf))
    job = JobId.parse(result.stdout.split("request id is ", 1)[1].split()[0])
    before = child_processes()
    tracking = asyncio.create_task(track(job, server=cups.server, timeout=30, poll=0.01))
    await asyncio.sleep(0.3)
    tracking.cancel()
    with pytest.raises(asyncio.CancelledError):
        await tracking
    assert child_processes() <= before
    assert str(job) in active_jobs(cups, cups.pdf_queue)  # tracking stopped; the job is untouched
    assert await cancel(job, server=cups.server) is None


async def test_lp_missing(pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no lp, lpstat nor cancel
    for attempt in (
        printer_state("kiosk-pdf", server="127.0.0.1:631"),
        submit(pdf, queue="kiosk-pdf", server="127.0.0.1:631", title=TITLE),
        cancel(JobId("kiosk-pdf", 1), server="127.0.0.1:631"),
    ):
        with pytest.raises(PrintingError) as raised:
            await attempt
        assert raised.value.kind is ErrorKind.LP_MISSING
        assert raised.value.message == MESSAGES["lp_missing"]


async def test_bad_document_and_personal_title(cups: TestCups, tmp_path: Path, pdf: Path) -> None:
    with pytest.raises(PrintingError) as raised:
        await submit(tmp_path / "missing.pdf", queue=cups.pdf_queue, server=cups.server)
    assert raised.value.kind is ErrorKind.BAD_DOCUMENT
    for title in ("Constancia 2345678901234", "ana@example.com", ""):
        with pytest.raises(ValueError):
            await submit(pdf, queue=cups.pdf_queue, server=cups.server, title=title)
