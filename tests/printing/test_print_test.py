"""`kiosk print-test`: a technician prints a sample constancia and reads what happened."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from private_cupsd import TestCups

from kiosk.commands.print_test import SAMPLE_NAME, sample_certificate
from kiosk.documents import render_constancia

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
