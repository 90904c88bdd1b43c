"""Shared fixtures: a real sandbox portal on loopback for the session, clients per test, and the
private cupsd that printing and UI tests print on."""

from __future__ import annotations

import getpass
import itertools
import os
import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

# Qt without a screen unless a test starts Xvfb itself; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Sandboxes a test starts for itself only need to run: a fiftieth of the real volume seeds in a
# second, not fifteen (the demo records always come). The session's sandbox is the real one.
os.environ["OJ_SANDBOX_VOLUME"] = "0.02"

from printing.private_cupsd import (  # tests/ is on the path (this file's folder)
    PrivateCupsd,
    TestCups,
    cups_pdf_output_dir,
    missing_programs,
)
from support.devices import enrolled_kiosk

from kiosk.embedded_portal import EmbeddedPortal, PortalEndpoint
from kiosk.portal.client import PortalClient

SANDBOX_SEED = 7


@pytest.fixture(scope="session")
def sandbox_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sandbox-data")


@pytest.fixture(scope="session")
def sandbox(sandbox_dir: Path) -> Iterator[PortalEndpoint]:
    """The sandbox portal as the kiosk runs it: a child process on a free loopback port."""
    portal = EmbeddedPortal(sandbox_dir, SANDBOX_SEED, start_timeout=180)
    os.environ.pop("OJ_SANDBOX_VOLUME")  # the child takes our environment as it starts
    try:
        portal.start()
    finally:
        os.environ["OJ_SANDBOX_VOLUME"] = "0.02"
    try:
        yield portal.wait_ready()
    finally:
        portal.stop()


@pytest.fixture
def kiosk_id(sandbox: PortalEndpoint, sandbox_dir: Path) -> str:
    """A new kiosk id, enrolled in the session's sandbox (its database, which the running
    sandbox reads at every call) with the sandbox's device token. Rate limits are per kiosk: a
    fresh id per test keeps tests independent."""
    return enrolled_kiosk(sandbox_dir, token=sandbox.device_token)


@pytest.fixture
async def client(sandbox: PortalEndpoint, kiosk_id: str) -> AsyncIterator[PortalClient]:
    async with PortalClient(
        sandbox.url, kiosk_id=kiosk_id, kiosk_token=sandbox.device_token, read_timeout=15
    ) as portal:
        yield portal


# --- the private cupsd (tests/printing/private_cupsd.py) ----------------------------------------
#
# Printing tests and UI journeys print on one cupsd of their own with two kinds of queue:
# * ``kiosk-pdf``: cups-pdf, the real PDF printer; its output is read back with pdftotext.
# * failing queues on scripts/test-cups/failing-backend: paper out (media-empty, the queue stops) or
#   a hard error (aborted job). Tests that break a queue get a fresh one of their own.
#
# Needs root (cups-pdf only runs as root) and the Debian packages of scripts/system-deps.sh. Files
# cups-pdf leaves outside the private directory (its PDFs, its log in /var/log/cups, its spool dir)
# are removed when this session created them; the private directory is kept when a test failed.

PDF_QUEUE = "kiosk-pdf"
CUPS_PDF_LOG = Path("/var/log/cups") / f"cups-pdf-{PDF_QUEUE}_log"
CUPS_PDF_SPOOL = Path("/var/spool/cups-pdf/SPOOL")


@pytest.fixture(scope="session")
def cups(request: pytest.FixtureRequest) -> Iterator[TestCups]:
    if os.geteuid() != 0:
        reason = "the printing tests start their own cupsd with cups-pdf, which needs root"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must run them (run .ci/run as root)")
        pytest.skip(f"{reason} (a non-root developer run; CI runs them as root)")
    missing = missing_programs()
    if missing:
        pytest.fail(
            f"missing for the printing tests: {', '.join(missing)} (scripts/system-deps.sh)"
        )
    output_dir = cups_pdf_output_dir(getpass.getuser())
    created = [p for p in (CUPS_PDF_LOG, CUPS_PDF_SPOOL, output_dir) if not p.exists()]
    cupsd = PrivateCupsd()
    failed_before = request.session.testsfailed
    try:
        cupsd.start()
        cupsd.add_cups_pdf_queue(PDF_QUEUE)
        yield TestCups(cupsd, cupsd.server, PDF_QUEUE, output_dir)
    finally:
        keep = request.session.testsfailed > failed_before
        if CUPS_PDF_LOG in created and CUPS_PDF_LOG.exists():
            shutil.move(CUPS_PDF_LOG, cupsd.log_dir / CUPS_PDF_LOG.name)
        cupsd.stop(keep=keep)
        for directory in (CUPS_PDF_SPOOL, output_dir):
            if directory in created and directory.is_dir() and not any(directory.iterdir()):
                directory.rmdir()
        if keep:
            print(f"\nprivate cupsd files kept for inspection: {cupsd.base}")


_numbers = itertools.count(1)


@pytest.fixture
def make_queue(cups: TestCups) -> Iterator[Callable[..., str]]:
    """A fresh failing queue per call (``mode``: media-empty or abort), deleted after the test."""
    names: list[str] = []

    def make(mode: str = "media-empty", **options: str) -> str:
        name = f"kiosk-{mode}-{next(_numbers)}"
        cups.cupsd.add_failing_queue(name, mode, **options)
        names.append(name)
        return name

    yield make
    for name in names:
        cups.cupsd.delete_queue(name)


@pytest.fixture
def cups_pdf_outputs(cups: TestCups) -> Iterator[list[Path]]:
    """Register cups-pdf output files here; they are deleted after the test."""
    paths: list[Path] = []
    yield paths
    for path in paths:
        path.unlink(missing_ok=True)
