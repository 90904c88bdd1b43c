"""`kiosk print-test`: a technician prints a sample constancia and reads what happened."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from private_cupsd import TestCups

from kiosk.commands.print_test import SAMPLE_NAME, sample_certificate
from kiosk.documents import render_constancia
from kiosk.printing import MESSAGES

KIOSK = [sys.executable, "-m", "kiosk"]


def test_sample_constancia_says_it_is_a_sample() -> None:
    pdf = render_constancia(sample_certificate())
    assert pdf.startswith(b"%PDF")
    assert sample_certificate().full_name == SAMPLE_NAME


def test_print_test_on_the_pdf_queue_completes(cups: TestCups, tmp_path: Path) -> None:
    started = time.time()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "print-test",
            "--printer",
            cups.pdf_queue,
            "--server",
            cups.server,
            "--timeout",
            "10",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "completed" in result.stdout
    deadline = time.monotonic() + 15
    made: set[Path] = set()
    while not made and time.monotonic() < deadline:  # cups-pdf renames its output just after
        # job numbers restart with each private cupsd, so a name can repeat: go by time
        made = {p for p in cups.output_dir.glob("*.pdf") if p.stat().st_mtime >= started - 1}
        time.sleep(0.1)
    try:
        assert made, "cups-pdf wrote no file"
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(next(iter(made))), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        # ghostscript inside cups-pdf drops the accents' text mapping; the paper itself is right
        assert "MUESTRA DE IMPRESI" in text
    finally:
        for path in made:
            path.unlink(missing_ok=True)


def test_print_test_reports_a_printer_that_fails(cups: TestCups, make_queue: object) -> None:
    queue = make_queue("abort")  # type: ignore[operator]
    result = subprocess.run(
        [*KIOSK, "print-test", "--printer", queue, "--server", cups.server, "--timeout", "5"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    # the technician learns it did not print (aborted, a printer problem, or no end in time)
    assert "Resultado" in result.stdout and "completed" not in result.stdout
    assert "Traceback" not in result.stderr


def test_print_test_with_cups_unreachable() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "print-test",
            "--printer",
            "x",
            "--server",
            "127.0.0.1:9",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Error:" in result.stdout and "Traceback" not in result.stderr


def print_test(cups: TestCups, queue: str, timeout: float = 30) -> tuple[float, int, str]:
    """``kiosk print-test`` on ``queue``: (seconds it took, exit status, stdout)."""
    started = time.monotonic()
    options = ["--printer", queue, "--server", cups.server, "--timeout", f"{timeout}"]
    result = subprocess.run(
        [*KIOSK, "print-test", *options],
        capture_output=True,
        text=True,
        timeout=timeout + 30,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return time.monotonic() - started, result.returncode, result.stdout


def test_print_test_says_at_once_that_the_queue_is_paused(
    cups: TestCups, make_queue: Callable[..., str]
) -> None:
    queue = make_queue("ok")
    cups.cupsd.run("cupsdisable", queue)
    took, status, out = print_test(cups, queue)
    assert status == 1, out
    assert took < 10, out  # not the 30 s of --timeout
    assert "printer_problem" in out and MESSAGES["paused"] in out.splitlines()[-2], out
    assert f"cupsenable {queue}" in out
    assert cups.cupsd.run("lpstat", "-o", queue).stdout.strip() == ""  # the sample was cancelled


def test_print_test_says_at_once_that_there_is_no_paper(
    cups: TestCups, make_queue: Callable[..., str]
) -> None:
    queue = make_queue("media-empty")  # the backend reports media-empty and stops the queue
    took, status, out = print_test(cups, queue)
    assert status == 1, out
    assert took < 10, out
    assert MESSAGES["no_paper"] in out and "media-empty" in out, out
    assert cups.cupsd.run("lpstat", "-o", queue).stdout.strip() == ""


def test_print_test_says_when_the_printer_waits_for_paper(
    cups: TestCups, make_queue: Callable[..., str]
) -> None:
    queue = make_queue("paper-wait")  # media-empty-error while the job prints: the queue runs on
    took, status, out = print_test(cups, queue)
    assert status == 1, out
    assert took < 10, out
    assert MESSAGES["no_paper"] in out and "cupsenable" not in out, out


def test_print_test_clears_an_old_alert(cups: TestCups, make_queue: Callable[..., str]) -> None:
    """A paper alert left from an earlier job, on a queue that runs: the sample goes out, the
    backend clears the alert, and the alert was not taken for a new one meanwhile."""
    queue = make_queue("paper-wait")
    print_test(cups, queue)  # leaves media-empty-error on the idle queue
    assert "media-empty" in cups.cupsd.run("lpstat", "-l", "-p", queue).stdout
    cups.cupsd.run("lpadmin", "-p", queue, "-v", "kiosk-fail:/ok")  # paper is back
    # The backend starts late, like a printer that takes a while to wake up: the sample is held.
    cups.cupsd.run("lpadmin", "-p", queue, "-o", "job-hold-until-default=indefinite")
    options = ["--printer", queue, "--server", cups.server, "--timeout", "30"]
    with subprocess.Popen(
        [*KIOSK, "print-test", *options], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        deadline = time.monotonic() + 20
        jobs = ""
        while not jobs and time.monotonic() < deadline and process.poll() is None:
            jobs = cups.cupsd.run("lpstat", "-o", queue).stdout.strip()
            time.sleep(0.1)
        assert jobs, "the sample was not sent"
        time.sleep(3)  # several looks at the printer, all showing the old alert
        cups.cupsd.run("lp", "-i", jobs.split()[0], "-H", "resume", check=False)
        out, err = process.communicate(timeout=40)
    assert process.returncode == 0, out + err
    assert "completed" in out
