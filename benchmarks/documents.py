"""The kiosk's printed documents: how long each takes to render, and how long printing takes.

    .venv/bin/python benchmarks/documents.py [--runs N] [--warmup N] [--print-runs N] [--poll S]
                                             [--no-print]

1. Rendering, in this process, after a warm-up: the constancia (a real signed seal), the payment
   slip, the download-code receipt, the review receipt and the verification receipt; median and
   p95 of N runs each. The floor is a bare reportlab page with the same three embedded fonts and
   one line of text each: what reportlab itself needs for any printout.
2. Printing, submit to completed: the kiosk's path (``kiosk.printing.print_pdf``: printer check,
   ``lp``, then following the job with ``lpstat`` until CUPS completes it) against plain ``lp`` of
   the same constancia polled with ``lpstat`` until the job leaves the not-completed list, at the
   same poll interval, interleaved (ABBA). Both print on the cups-pdf queue of a private cupsd
   the benchmark starts itself (tests/printing/private_cupsd.py) and stops at the end; it needs
   root (cups-pdf does), and says so on one line when it cannot start.

Writes nothing into the checkout: the PDFs go to a temporary folder; the cups-pdf output files of
its own jobs (named after the job title "Benchmark OJ") are deleted at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import importlib
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.dont_write_bytecode = True  # no __pycache__ in the checkout from this run
sys.path.insert(0, str(ROOT))  # run from a checkout: `python benchmarks/documents.py`
sys.path.insert(1, str(ROOT / "tests" / "printing"))  # the private cupsd of the printing tests

from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]  # noqa: E402
from run import Row, percentile, table, verdict  # noqa: E402  (benchmarks/run.py: one table format)

from kiosk.commands.print_test import sample_certificate  # noqa: E402
from kiosk.documents import (  # noqa: E402
    VERDICT_LABELS,
    VerificationReceipt,
    register_fonts,
    render_code_receipt,
    render_constancia,
    render_payment_slip,
    render_review_receipt,
    render_verification_receipt,
)
from kiosk.documents.fonts import FONT_BOLD, FONT_MONO, FONT_REGULAR  # noqa: E402
from kiosk.portal.models import (  # noqa: E402
    CriminalRecordRequest,
    PaymentConcept,
    PaymentOrder,
    PaymentOrderStatus,
    RequestStatus,
)
from kiosk.printing import Outcome, print_pdf  # noqa: E402
from kiosk.seals.reasons import Verdict  # noqa: E402

RENDER_TARGET_MS = 50.0
PRINT_TARGET_RATIO = 1.2
PRINT_TITLE = "Benchmark OJ"  # the job title: cups-pdf names its output files after it
PRINT_TIMEOUT = 60.0
QUEUE = "kiosk-bench-pdf"
CUPS_PDF_LOG = Path("/var/log/cups") / f"cups-pdf-{QUEUE}_log"
CUPS_PDF_SPOOL = Path("/var/spool/cups-pdf/SPOOL")


# --- 1. rendering ----------------------------------------------------------------------------

ISSUED = datetime(2025, 3, 10, 15, 0, tzinfo=UTC)


def renderers() -> dict[str, Callable[[], bytes]]:
    cert = sample_certificate(ISSUED)  # the technician's sample constancia (kiosk print-test)
    dpi = cert.dpi
    order = PaymentOrder(
        id="po_0123456789abcdef",
        reference="482109375512",
        concept=PaymentConcept.CRIMINAL_RECORD,
        amount=Decimal("30.00"),
        status=PaymentOrderStatus.PENDING,
        created_at=ISSUED,
        expires_at=ISSUED + timedelta(hours=48),
        pay_url="https://pagos.oj.gob.gt/pagar/482109375512",
    )
    request = CriminalRecordRequest(
        id="cr_5f0c2a9d1e7b4c36",
        status=RequestStatus.ISSUED,
        created_at=ISSUED,
        certificate_code=cert.code,
        download_code="K7PQ-2MXR-9TZW",
    )
    review = request.model_copy(
        update={
            "status": RequestStatus.IN_REVIEW,
            "certificate_code": None,
            "ready_by": ISSUED + timedelta(days=3),
        }
    )
    verification = VerificationReceipt(
        verdict=VERDICT_LABELS[Verdict.VALID],
        good=True,
        reason="El documento es auténtico y está vigente.",
        checked_at=ISSUED,
        fields=(
            ("Documento", "Constancia de Antecedentes Penales"),
            ("Código", cert.code),
            ("Nombre", cert.full_name),
            ("DPI", f"•••• ••••• {dpi[-4:]}"),
            ("Emitida", "10/03/2025"),
            ("Válida hasta", "10/09/2025"),
        ),
        kiosk_id="GT-GUA-0001",
    )
    return {
        "constancia": lambda: render_constancia(cert),
        "payment slip": lambda: render_payment_slip(order, kiosk_id="GT-GUA-0001"),
        "code receipt": lambda: render_code_receipt(
            request, available_until=cert.valid_until, dpi=dpi, kiosk_id="GT-GUA-0001"
        ),
        "review receipt": lambda: render_review_receipt(review, dpi=dpi, email_on_file=True),
        "verification receipt": lambda: render_verification_receipt(verification),
    }


def bare_page() -> bytes:
    """The floor: one page, the same three fonts embedded, one short line each."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1, pageCompression=1)
    for y, font in ((700, FONT_BOLD), (650, FONT_REGULAR), (600, FONT_MONO)):
        canvas.setFont(font, 12)
        canvas.drawString(72, y, "Organismo Judicial — República de Guatemala")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def time_ms(render: Callable[[], bytes], runs: int, warmup: int) -> list[float]:
    for _ in range(warmup):
        render()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        render()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def rendering(runs: int, warmup: int) -> dict[str, list[float]]:
    register_fonts()  # once per process, as in the kiosk: not part of any document's time
    floor = time_ms(bare_page, runs, warmup)
    timings = {name: time_ms(render, runs, warmup) for name, render in renderers().items()}
    return {"bare reportlab page": floor, **timings}


# --- 2. printing -----------------------------------------------------------------------------


@dataclass
class PrintRun:
    seconds: float
    job: str


def lp_and_poll(pdf: Path, server: str, env: dict[str, str], poll: float) -> PrintRun:
    """Plain lp, then lpstat every ``poll`` seconds until the job is no longer not-completed."""
    started = time.perf_counter()
    submitted = subprocess.run(
        ["lp", "-d", QUEUE, "-t", PRINT_TITLE, str(pdf)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    job = submitted.stdout.split("request id is ", 1)[1].split()[0]
    deadline = started + PRINT_TIMEOUT
    while True:
        listing = subprocess.run(
            ["lpstat", "-W", "not-completed", "-o", QUEUE],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if not any(line.split(maxsplit=1)[:1] == [job] for line in listing.splitlines()):
            break
        if time.perf_counter() > deadline:
            raise SystemExit(f"plain lp: job {job} did not complete in {PRINT_TIMEOUT:g} s")
        time.sleep(poll)
    seconds = time.perf_counter() - started
    completed = subprocess.run(
        ["lpstat", "-W", "completed", "-o", QUEUE], env=env, capture_output=True, text=True
    ).stdout
    if job not in completed.split():
        raise SystemExit(f"plain lp: job {job} left the queue without completing")
    return PrintRun(seconds, job)


async def kiosk_print(pdf: Path, server: str, poll: float) -> PrintRun:
    started = time.perf_counter()
    outcome = await print_pdf(
        pdf, queue=QUEUE, server=server, title=PRINT_TITLE, timeout=PRINT_TIMEOUT, poll=poll
    )
    seconds = time.perf_counter() - started
    if outcome.outcome is not Outcome.COMPLETED or outcome.job is None:
        raise SystemExit(f"kiosk print_pdf ended {outcome.outcome.value}: {outcome.status}")
    return PrintRun(seconds, str(outcome.job))


async def print_pairs(
    pdf: Path, server: str, env: dict[str, str], runs: int, poll: float
) -> dict[str, list[PrintRun]]:
    await kiosk_print(pdf, server, poll)  # warm-up: the first job starts the filters cold
    lp_and_poll(pdf, server, env, poll)
    kiosk_runs: list[PrintRun] = []
    lp_runs: list[PrintRun] = []
    for index in range(runs):  # interleaved, the order alternating: ABBA...
        if index % 2 == 0:
            kiosk_runs.append(await kiosk_print(pdf, server, poll))
            lp_runs.append(lp_and_poll(pdf, server, env, poll))
        else:
            lp_runs.append(lp_and_poll(pdf, server, env, poll))
            kiosk_runs.append(await kiosk_print(pdf, server, poll))
    return {"kiosk": kiosk_runs, "lp": lp_runs}


def printing(pdf: Path, runs: int, poll: float) -> dict[str, Any] | str:
    """The two series, or why printing could not be measured."""
    try:
        cups = importlib.import_module("private_cupsd")  # tests/printing, on sys.path above
    except ImportError as exc:  # pragma: no cover - a checkout always has tests/printing
        return f"tests/printing/private_cupsd.py cannot be imported ({exc})"
    if os.geteuid() != 0:
        return "needs root (cups-pdf only runs as root): run it as root to measure printing"
    missing = cups.missing_programs()
    if missing:
        return f"missing {', '.join(missing)} (scripts/system-deps.sh)"
    output_dir: Path = cups.cups_pdf_output_dir(getpass.getuser())
    before = set(output_dir.glob("*")) if output_dir.is_dir() else set()
    created = [p for p in (CUPS_PDF_LOG, CUPS_PDF_SPOOL, output_dir) if not p.exists()]
    cupsd = cups.PrivateCupsd(log_level="warn")
    try:
        try:
            cupsd.start()
            cupsd.add_cups_pdf_queue(QUEUE)
        except cups.CupsdError as exc:
            first = str(exc).splitlines()[0]
            return f"the private cupsd could not start ({first}); logs were in {cupsd.base}"
        series = asyncio.run(print_pairs(pdf, cupsd.server, cupsd.env(), runs, poll))
        return {"series": series, "server": cupsd.server}
    finally:
        cupsd.stop()
        slug = PRINT_TITLE.replace(" ", "_")
        if output_dir.is_dir():
            for path in set(output_dir.glob(f"{slug}*")) - before:
                path.unlink(missing_ok=True)
        # What cups-pdf made outside the private folder for this run only (as the tests do).
        if CUPS_PDF_LOG in created:
            CUPS_PDF_LOG.unlink(missing_ok=True)
        for directory in (CUPS_PDF_SPOOL, output_dir):
            if directory in created and directory.is_dir() and not any(directory.iterdir()):
                directory.rmdir()


# --- the report -------------------------------------------------------------------------------


def report(
    renders: dict[str, list[float]], printed: dict[str, Any] | str | None, runs: int, poll: float
) -> str:
    rows: list[Row] = []
    notes: list[str] = []
    floor = renders.pop("bare reportlab page")
    floor_p50, floor_p95 = statistics.median(floor), percentile(floor, 95)
    for name, samples in renders.items():
        p50, p95 = statistics.median(samples), percentile(samples, 95)
        for label, value, base in (("p50", p50, floor_p50), ("p95", p95, floor_p95)):
            rows.append(
                Row(
                    f"render {name}, {label} (n={runs})",
                    f"{value:.1f} ms",
                    f"{base:.1f} ms",
                    f"{value / base:.2f}×",
                    f"< {RENDER_TARGET_MS:.0f} ms",
                    verdict(value < RENDER_TARGET_MS),
                )
            )
    notes.append(
        "Render: in this process after the warm-up, fonts registered once beforehand (as in the "
        "kiosk); the floor is a bare reportlab page with the same three fonts embedded. "
        f"Worst single render: {max(max(s) for s in renders.values()):.1f} ms."
    )
    if isinstance(printed, str):
        notes.append(f"Printing: not measured: {printed}.")
    elif printed is not None:
        kiosk = [r.seconds for r in printed["series"]["kiosk"]]
        plain = [r.seconds for r in printed["series"]["lp"]]
        k50, l50 = statistics.median(kiosk), statistics.median(plain)
        rows.append(
            Row(
                f"print submit → completed, median (n={len(kiosk)})",
                f"{k50 * 1000:.0f} ms",
                f"{l50 * 1000:.0f} ms",
                f"{k50 / l50:.2f}×",
                f"≤ {PRINT_TARGET_RATIO:.1f}×",
                verdict(k50 / l50 <= PRINT_TARGET_RATIO),
            )
        )
        rows.append(
            Row(
                "print submit → completed, max",
                f"{max(kiosk) * 1000:.0f} ms",
                f"{max(plain) * 1000:.0f} ms",
                f"{max(kiosk) / max(plain):.2f}×",
                "—",
                verdict(None),
            )
        )
        notes.append(
            f"Printing: the constancia on a cups-pdf queue of a private cupsd "
            f"({printed['server']}); kiosk = kiosk.printing.print_pdf (printer check, lp, lpstat "
            f"every {poll:g} s plus a printer-state check each time, final state); floor = lp, "
            f"then lpstat every {poll:g} s until the job is no longer not-completed. "
            f"Interleaved ABBA after one warm-up job each."
        )
        notes.append("  kiosk runs (ms): " + ", ".join(f"{s * 1000:.0f}" for s in kiosk))
        notes.append("  lp runs (ms):    " + ", ".join(f"{s * 1000:.0f}" for s in plain))
    return table(rows) + "\n\n" + "\n".join(notes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=50, help="renders per document (default 50)")
    parser.add_argument("--warmup", type=int, default=5, help="renders before timing (default 5)")
    parser.add_argument(
        "--print-runs", type=int, default=10, help="print jobs per path (default 10)"
    )
    parser.add_argument(
        "--poll",
        type=float,
        default=0.25,
        help="seconds between lpstat polls, both paths (default 0.25: the kiosk's own)",
    )
    parser.add_argument("--no-print", action="store_true", help="rendering only")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.print_runs < 1 or args.poll <= 0:
        parser.error("--runs and --print-runs must be at least 1, --poll positive")

    renders = rendering(args.runs, args.warmup)
    printed: dict[str, Any] | str | None = None
    if not args.no_print:
        with tempfile.TemporaryDirectory(prefix="kiosk-bench-docs-") as folder:
            pdf = Path(folder) / "constancia.pdf"
            pdf.write_bytes(renderers()["constancia"]())
            printed = printing(pdf, args.print_runs, args.poll)
    print(report(renders, printed, args.runs, args.poll))
    if isinstance(printed, str):
        print(f"\nprinting: skipped: {printed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
