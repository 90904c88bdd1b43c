"""No print job outlives its visit: JobLedger.cancel_all and cancel_leftover_jobs on a real cupsd.

Queues that keep jobs waiting, so that a job that escaped the clean-up is still there to be seen:
a paused cups-pdf queue (cupsdisable), a queue that holds every job (job-hold-until-default), the
failing queues of make_queue (no paper; a printer that hangs while printing). "Nothing prints
later" is checked by re-enabling the queue and printing one more job: queues are first in, first
out, so once that job's PDF is out, an earlier job that survived would have printed before it.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from gated_cupsd import GatedCupsd
from private_cupsd import TestCups, free_port
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

from kiosk.printing import (
    JobId,
    JobLedger,
    OnProblem,
    Outcome,
    PrinterProblem,
    cancel_leftover_jobs,
    print_pdf,
    purge_finished_jobs,
    submit,
)
from kiosk.printing.leftovers import parse_own_jobs

TITLE = "Constancia OJ"
OTHER_USER = "otro-usuario"  # a job of someone else on the same CUPS: never the kiosk's to cancel

pytestmark = pytest.mark.timeout(60)
_numbers = itertools.count(1)


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    canvas = Canvas(str(tmp_path / "constancia.pdf"), pagesize=LETTER)
    canvas.drawString(72, 700, "Constancia de antecedentes penales")
    canvas.save()
    return tmp_path / "constancia.pdf"


@pytest.fixture
def new_pdf_queue(cups: TestCups) -> Iterator[Callable[..., str]]:
    """A fresh cups-pdf queue per call; ``hold`` holds every job until released. Deleted after."""
    names: list[str] = []

    def make(hold: bool = False) -> str:
        name = f"kiosk-cleanup-{next(_numbers)}"
        cups.cupsd.add_cups_pdf_queue(name)
        names.append(name)
        if hold:
            cups.cupsd.run("lpadmin", "-p", name, "-o", "job-hold-until-default=indefinite")
        return name

    yield make
    for name in names:
        cups.cupsd.delete_queue(name)


@pytest.fixture
async def ledger() -> AsyncIterator[JobLedger]:
    ledger = JobLedger()
    yield ledger
    await ledger.cancel_all()  # a failing test leaves no held job behind


def pending(cups: TestCups, queue: str) -> str:
    """``lpstat -o QUEUE`` of every user: the jobs that could still print."""
    return cups.cupsd.run("lpstat", "-W", "not-completed", "-o", queue).stdout


def state_of(cups: TestCups, job: JobId) -> str:
    """cancel's refusal names the state of a finished job ("already canceled")."""
    return cups.cupsd.run("cancel", str(job), check=False).stderr


def lp(cups: TestCups, queue: str, document: Path, *options: str) -> JobId:
    """A job submitted as an earlier run of the kiosk (or another user) would have."""
    result = cups.cupsd.run("lp", "-d", queue, *options, "-t", TITLE, str(document))
    return JobId.parse(result.stdout.split("request id is ", 1)[1].split()[0])


def outputs(cups: TestCups, job: JobId) -> list[Path]:
    return list(cups.output_dir.glob(f"*-job_{job.number}.pdf"))


async def nothing_prints_later(
    cups: TestCups, queue: str, pdf: Path, jobs: list[JobId], outputs_to_delete: list[Path]
) -> None:
    """Release the queue and print one more job: once it is out, nothing of ``jobs`` came out."""
    cups.cupsd.run("cupsenable", queue)
    last = await print_pdf(pdf, queue=queue, server=cups.server, title=TITLE, timeout=30)
    assert last.outcome is Outcome.COMPLETED and last.job is not None, last
    deadline = time.monotonic() + 10
    while not outputs(cups, last.job):
        assert time.monotonic() < deadline, "cups-pdf wrote nothing"
        await asyncio.sleep(0.05)
    outputs_to_delete += outputs(cups, last.job)
    for job in jobs:
        outputs_to_delete += outputs(cups, job)
        assert not outputs(cups, job), f"{job} printed after its visit"


def child_processes() -> set[int]:
    children: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        children |= {int(pid) for pid in (task / "children").read_text().split()}
    return children


async def until(condition: Callable[[], object], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.02)


# --- JobLedger.cancel_all -----------------------------------------------------------------------


async def test_cancel_all_cancels_the_queued_jobs_and_nothing_prints_later(
    cups: TestCups,
    pdf: Path,
    new_pdf_queue: Callable[..., str],
    ledger: JobLedger,
    cups_pdf_outputs: list[Path],
) -> None:
    queue = new_pdf_queue()
    cups.cupsd.run("cupsdisable", queue)  # paused: jobs are accepted and wait
    kept = await print_pdf(
        pdf,
        queue=queue,
        server=cups.server,
        title=TITLE,
        check_first=False,
        on_problem=OnProblem.KEEP,  # left queued on a printer problem: exactly what must not stay
        ledger=ledger,
    )
    assert (kept.outcome, kept.problem) == (Outcome.PRINTER_PROBLEM, PrinterProblem.PAUSED)
    assert kept.job is not None
    other = await submit(pdf, queue=queue, server=cups.server, title=TITLE)
    ledger.record(other, server=cups.server)
    assert ledger.jobs == (kept.job, other)
    assert str(kept.job) in pending(cups, queue) and str(other) in pending(cups, queue)

    assert await ledger.cancel_all() == 2
    assert ledger.jobs == ()
    assert pending(cups, queue) == ""
    for job in (kept.job, other):
        assert "already canceled" in state_of(cups, job)
    assert await ledger.cancel_all() == 0  # nothing left: a second reset is harmless
    await nothing_prints_later(cups, queue, pdf, [kept.job, other], cups_pdf_outputs)


async def test_cancel_all_cancels_a_job_waiting_for_paper(
    cups: TestCups, pdf: Path, make_queue: Callable[..., str], ledger: JobLedger
) -> None:
    queue = make_queue("media-empty")  # the backend reports media-empty and stops the queue
    outcome = await print_pdf(
        pdf, queue=queue, server=cups.server, title=TITLE, on_problem=OnProblem.KEEP, ledger=ledger
    )
    assert (outcome.outcome, outcome.problem) == (Outcome.PRINTER_PROBLEM, PrinterProblem.NO_PAPER)
    assert outcome.job is not None and ledger.jobs == (outcome.job,)
    assert str(outcome.job) in pending(cups, queue)  # paper back, it would print

    assert await ledger.cancel_all() == 1
    assert pending(cups, queue) == ""
    assert "already canceled" in state_of(cups, outcome.job)


async def test_a_print_in_flight_ends_as_cancelled(
    cups: TestCups,
    pdf: Path,
    new_pdf_queue: Callable[..., str],
    ledger: JobLedger,
    cups_pdf_outputs: list[Path],
) -> None:
    queue = new_pdf_queue(hold=True)  # ready, but the job waits: tracking goes on
    before = child_processes()
    printing = asyncio.create_task(
        # poll=30: without cancel_all ending it, tracking would sleep 30 s before it looked again
        print_pdf(pdf, queue=queue, server=cups.server, title=TITLE, poll=30, ledger=ledger)
    )
    await until(lambda: ledger.jobs)
    (job,) = ledger.jobs
    await until(lambda: str(job) in pending(cups, queue))

    started = time.monotonic()
    assert await ledger.cancel_all() == 1
    outcome = await asyncio.wait_for(printing, 5)  # no exception, no hang
    assert time.monotonic() - started < 3
    assert (outcome.outcome, outcome.job) == (Outcome.CANCELED, job)
    assert outcome.message == "Se canceló la impresión de su documento. Puede intentarlo de nuevo."
    assert ledger.jobs == ()
    assert pending(cups, queue) == ""
    assert "already canceled" in state_of(cups, job)
    assert child_processes() <= before  # the stopped tracking left no lpstat behind
    cups.cupsd.run("lpadmin", "-p", queue, "-o", "job-hold-until-default=no-hold")
    await nothing_prints_later(cups, queue, pdf, [job], cups_pdf_outputs)


async def test_a_print_on_a_hung_printer_ends_as_cancelled(
    cups: TestCups, pdf: Path, make_queue: Callable[..., str], ledger: JobLedger
) -> None:
    queue = make_queue("paper-wait")  # processing: the printer waits for paper and never ends
    printing = asyncio.create_task(
        print_pdf(
            pdf,
            queue=queue,
            server=cups.server,
            title=TITLE,
            on_problem=OnProblem.IGNORE,  # keep tracking a job stuck in the printer
            ledger=ledger,
        )
    )
    await until(lambda: ledger.jobs)
    (job,) = ledger.jobs
    await until(lambda: "now printing" in cups.cupsd.run("lpstat", "-p", queue).stdout)

    assert await ledger.cancel_all() == 1
    outcome = await asyncio.wait_for(printing, 5)
    assert (outcome.outcome, outcome.job) == (Outcome.CANCELED, job)
    await until(lambda: pending(cups, queue) == "")
    assert "already canceled" in state_of(cups, job)


@pytest.mark.parametrize("delay", [0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2])
async def test_a_reset_at_any_moment_of_a_print_leaves_no_job(
    cups: TestCups, pdf: Path, new_pdf_queue: Callable[..., str], delay: float
) -> None:
    queue = new_pdf_queue(hold=True)
    ledger = JobLedger()
    printing = asyncio.create_task(
        print_pdf(pdf, queue=queue, server=cups.server, title=TITLE, ledger=ledger)
    )
    await asyncio.sleep(0)  # the print has started: it belongs to the visit cancel_all ends
    await asyncio.sleep(delay)  # checking the printer, running lp, or tracking
    await ledger.cancel_all()
    outcome = await asyncio.wait_for(printing, 5)
    assert outcome.outcome is Outcome.CANCELED, outcome
    assert ledger.jobs == ()
    assert pending(cups, queue) == ""


@pytest.mark.parametrize("caller_gives_up", [False, True])
async def test_cancel_all_while_lp_runs_cancels_the_job_it_creates(
    cups: TestCups,
    pdf: Path,
    new_pdf_queue: Callable[..., str],
    ledger: JobLedger,
    caller_gives_up: bool,
) -> None:
    queue = new_pdf_queue(hold=True)
    async with GatedCupsd(cups.cupsd.port) as gated:
        server = f"127.0.0.1:{gated.port}"
        printing = asyncio.create_task(
            print_pdf(pdf, queue=queue, server=server, title=TITLE, ledger=ledger)
        )
        await asyncio.wait_for(gated.holding.wait(), 10)  # lp is under way, no job id yet
        assert ledger.jobs == ()
        if caller_gives_up:  # the screen's task is cancelled at the reset: lp must not be killed
            printing.cancel()
        resetting = asyncio.create_task(ledger.cancel_all())
        await asyncio.sleep(0.2)
        assert not resetting.done()  # it waits for lp, to learn the job id
        gated.released.set()
        assert await asyncio.wait_for(resetting, 10) == 1
        if caller_gives_up:
            with pytest.raises(asyncio.CancelledError):
                await printing
        else:
            outcome = await asyncio.wait_for(printing, 5)
            assert outcome.outcome is Outcome.CANCELED and outcome.job is not None
    assert ledger.jobs == ()
    assert pending(cups, queue) == ""


async def test_prints_after_cancel_all_belong_to_the_next_visit(
    cups: TestCups, pdf: Path, ledger: JobLedger, cups_pdf_outputs: list[Path]
) -> None:
    await ledger.cancel_all()  # the previous visit ended
    outcome = await print_pdf(
        pdf, queue=cups.pdf_queue, server=cups.server, title=TITLE, timeout=30, ledger=ledger
    )
    assert outcome.outcome is Outcome.COMPLETED, outcome
    job = outcome.job
    assert job is not None
    await until(lambda: outputs(cups, job))
    cups_pdf_outputs += outputs(cups, job)
    assert ledger.jobs == ()  # it ended: nothing to cancel at the next reset


async def test_cancel_all_when_cups_does_not_answer(caplog: pytest.LogCaptureFixture) -> None:
    ledger = JobLedger()
    ledger.record(JobId("kiosk-pdf", 7), server=f"127.0.0.1:{free_port()}")  # nothing listens
    with caplog.at_level(logging.WARNING, logger="kiosk.printing"):
        assert await ledger.cancel_all() == 0  # no exception at a reset
    assert ledger.jobs == (JobId("kiosk-pdf", 7),)  # kept: the next reset tries again
    (record,) = caplog.records
    assert record.__dict__["error"] == "unreachable"
    assert TITLE not in caplog.text


# --- cancel_leftover_jobs -----------------------------------------------------------------------


async def test_leftover_jobs_of_an_earlier_run_are_cancelled_and_others_left_alone(
    cups: TestCups, pdf: Path, new_pdf_queue: Callable[..., str]
) -> None:
    queue, elsewhere = new_pdf_queue(hold=True), new_pdf_queue(hold=True)
    left = lp(cups, queue, pdf)  # the kiosk's (this process's user) from before a crash
    others = lp(cups, queue, pdf, "-U", OTHER_USER)
    left_elsewhere = lp(cups, elsewhere, pdf)
    assert f"{others}" in pending(cups, queue) and OTHER_USER in pending(cups, queue)

    assert await cancel_leftover_jobs(queue, server=cups.server) == 1
    assert str(left) not in pending(cups, queue)
    assert "already canceled" in state_of(cups, left)
    assert str(others) in pending(cups, queue)  # not the kiosk's
    assert str(left_elsewhere) in pending(cups, elsewhere)  # not on the kiosk's queue

    own = len(parse_own_jobs(cups.cupsd.run("lpstat", "-W", "not-completed").stdout))
    assert own >= 1
    assert await cancel_leftover_jobs(None, server=cups.server) == own  # every queue
    assert str(left_elsewhere) not in pending(cups, elsewhere)
    assert str(others) in pending(cups, queue)
    assert await cancel_leftover_jobs(None, server=cups.server) == 0


async def test_leftover_jobs_when_cups_does_not_answer(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk.printing"):
        assert await cancel_leftover_jobs("kiosk-pdf", server=f"127.0.0.1:{free_port()}") == 0
    (record,) = caplog.records
    assert record.__dict__["error"] == "unreachable"


# --- purge_finished_jobs: nothing of a printed document stays in CUPS's spool --------------------


def kept_by_cups(cups: TestCups, job: JobId) -> list[str]:
    """The spool's files of ``job``: its document (dNNNNN-001) and its control file (cNNNNN)."""
    spool = cups.cupsd.base / "spool"
    return sorted(p.name for p in spool.iterdir() if p.name[1:].startswith(f"{job.number:05d}"))


async def test_a_printed_document_is_purged_from_the_spool(
    cups: TestCups,
    pdf: Path,
    new_pdf_queue: Callable[..., str],
    ledger: JobLedger,
    cups_pdf_outputs: list[Path],
) -> None:
    queue = new_pdf_queue()
    outcome = await print_pdf(pdf, queue=queue, server=cups.server, title=TITLE, ledger=ledger)
    assert outcome.outcome is Outcome.COMPLETED and outcome.job is not None, outcome
    await until(lambda: outputs(cups, outcome.job))  # type: ignore[arg-type]
    cups_pdf_outputs += outputs(cups, outcome.job)
    # CUPS keeps a finished job's PDF for a day by default (PreserveJobFiles): the visitor's data
    assert f"d{outcome.job.number:05d}-001" in kept_by_cups(cups, outcome.job)

    assert await purge_finished_jobs(queue, server=cups.server) is True
    assert kept_by_cups(cups, outcome.job) == []
    assert str(outcome.job) not in cups.cupsd.run("lpstat", "-W", "completed", "-o", queue).stdout


async def test_purge_leaves_a_queue_others_print_on(
    cups: TestCups, pdf: Path, new_pdf_queue: Callable[..., str]
) -> None:
    queue = new_pdf_queue(hold=True)
    ours, others = lp(cups, queue, pdf), lp(cups, queue, pdf, "-U", OTHER_USER)
    assert await purge_finished_jobs(queue, server=cups.server) is False
    assert str(others) in pending(cups, queue) and str(ours) in pending(cups, queue)
    cups.cupsd.run("cancel", str(ours), str(others))


async def test_purge_when_cups_does_not_answer(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk.printing"):
        assert await purge_finished_jobs("kiosk-pdf", server=f"127.0.0.1:{free_port()}") is False
    assert [r.__dict__["error"] for r in caplog.records] == ["unreachable"]


def test_parse_own_jobs() -> None:
    listing = (
        "kiosk-pdf-12            kiosk             16384   Sun Dec  6 02:05:44 2026\n"
        "kiosk-media-empty-3-4   kiosk              1024   Sun Dec  6 02:05:45 2026\n"
        "\tAlerts: job-hold-until-specified\n"
        "\n"
        "lpstat: something odd\n"
    )
    assert parse_own_jobs(listing) == [JobId("kiosk-pdf", 12), JobId("kiosk-media-empty-3", 4)]
    assert parse_own_jobs("") == []
