"""What the UI journeys do around the kiosk, the way the world around a real kiosk would: the bank
pays (the sandbox's bank simulator), someone else uses the portal, the paper comes out of the
printer (cups-pdf, read back with pdftotext). Also a portal of a test's own, for data the
session's shared sandbox cannot offer twice (an account that does not exist yet).

Everything here is called from the test's sync code: portal calls run on the kiosk's qasync loop
(steady_loop.run_until), never from inside a coroutine (see kiosk_driver.py).
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Protocol, TypeVar

import httpx
from steady_loop import run_until
from support import sandbox_tools
from support.devices import enrolled_kiosk
from support.requests import guest_request

from kiosk.portal.client import PortalClient, new_idempotency_key
from kiosk.portal.models import (
    Bank,
    CriminalRecordRequest,
    PaymentConcept,
    PaymentOrder,
    SandboxBoleta,
    SandboxBoletaCreate,
)
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.demo import DemoPerson

T = TypeVar("T")


class Backoffice:
    """The portal reached around the kiosk, with a client (and kiosk id) of its own."""

    def __init__(
        self, loop: asyncio.AbstractEventLoop, url: str, token: str, data_dir: Path
    ) -> None:
        self.loop = loop
        self.url = url
        self.token = token
        self.data_dir = data_dir
        # a kiosk of its own (rate limits are per kiosk), enrolled in that portal's registry
        self.kiosk_id = enrolled_kiosk(data_dir, "GT-TEST-DESK", token=token)

    def call(self, work: Callable[[PortalClient], Awaitable[T]]) -> T:
        async def run() -> T:
            async with PortalClient(self.url, kiosk_id=self.kiosk_id, kiosk_token=self.token) as c:
                return await work(c)

        return run_until(self.loop, run())

    def boleta(self, bank: Bank = Bank.BANRURAL) -> SandboxBoleta:
        """A new unused boleta, as if just paid at a bank window."""
        return self.call(
            lambda c: sandbox_tools.sandbox_create_boleta(c, SandboxBoletaCreate(bank=bank))
        )

    def order(self) -> PaymentOrder:
        """A payment order asked for on an earlier visit (not paid yet)."""
        return self.call(
            lambda c: c.create_payment_order(
                PaymentConcept.CRIMINAL_RECORD, idempotency_key=new_idempotency_key()
            )
        )

    def pay(self, reference: str) -> PaymentOrder:
        """The bank confirms an online payment."""
        return self.call(lambda c: sandbox_tools.sandbox_pay_order(c, reference))

    def request_with(self, person: DemoPerson, boleta: SandboxBoleta) -> CriminalRecordRequest:
        """Someone requests a constancia with this boleta (a new Idempotency-Key)."""
        body = guest_request(person, boleta)
        return self.call(
            lambda c: c.request_criminal_record(body, idempotency_key=new_idempotency_key())
        )

    def rows(self, sql: str, *params: object) -> list[sqlite3.Row]:
        """A read-only look at the portal's own records (what no API lists: every document)."""
        uri = f"file:{self.data_dir / DATABASE_FILE}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            conn.row_factory = sqlite3.Row
            return list(conn.execute(sql, params))


# --- a portal of the test's own -------------------------------------------------------------------


@contextmanager
def own_portal(token: str, seed: int, timeout: float = 60) -> Iterator[tuple[str, Path]]:
    """A fresh sandbox portal (url, data dir) that accepts ``token``, the device token the UI
    fixtures give every kiosk; stopped when the block ends (its stdin closes: it exits). The
    token is given with "=": a random one may start with "-"."""
    with tempfile.TemporaryDirectory(prefix="kiosk-own-portal-") as folder:
        data, ready = Path(folder) / "data", Path(folder) / "ready.json"
        command = [sys.executable, "-m", "kiosk", "sandbox", "--data", str(data),
                   "--host", "127.0.0.1", "--port", "0", "--seed", str(seed),
                   f"--device-token={token}", "--ready-file", str(ready),
                   "--exit-with-stdin"]  # fmt: skip
        process = subprocess.Popen(command, stdin=subprocess.PIPE)
        try:
            yield _wait_ready(process, ready, timeout), data
        finally:
            assert process.stdin is not None
            process.stdin.close()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_ready(process: subprocess.Popen[bytes], ready: Path, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the test's own portal did not start"
        if ready.exists():
            url = str(json.loads(ready.read_text(encoding="utf-8"))["url"])
            try:
                if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                    return url
            except httpx.HTTPError:
                pass
        time.sleep(0.05)
    raise AssertionError("the test's own portal did not answer in time")


# --- paper out of the cups-pdf printer ------------------------------------------------------------


class Cups(Protocol):
    """What the journeys use of the session's private cupsd (tests/printing/private_cupsd.py)."""

    @property
    def server(self) -> str: ...
    @property
    def pdf_queue(self) -> str: ...
    @property
    def output_dir(self) -> Path: ...


# cups-pdf names its files after the job title (the services' Rendered titles), spaces as "_"
PRINTED_AS = {
    "certificate": "Constancia_OJ",
    "payment_slip": "Orden_de_pago_OJ",
    "review_receipt": "Comprobante_OJ",
    "code_receipt": "Codigo_de_descarga_OJ",
    "labor_case": "Expediente_laboral_OJ",
}


class Tray:
    """The cups-pdf printer's output during one test: each document read back by its kind and a
    text on it; ``empty()`` removes every kiosk document that came out meanwhile (the output
    folder is cups-pdf's own, shared with the printing tests)."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self.since = time.time()
        self.before = set(output_dir.glob("*.pdf"))
        self.taken: list[Path] = []

    def take(self, kind: str, needle: str, timeout: float = 15) -> str:
        """The text of the ``kind`` document printed with ``needle`` on it (whitespace ignored,
        as a wrapped or grouped code reads back); each document is taken once."""
        deadline = time.monotonic() + timeout
        wanted = squeezed(needle)
        while time.monotonic() < deadline:
            for path in sorted(self.output_dir.glob(f"{PRINTED_AS[kind]}*.pdf")):
                if path in self.taken or self._older(path):
                    continue
                text = pdf_text(path)
                if wanted in squeezed(text):
                    self.taken.append(path)
                    return text
            time.sleep(0.1)
        raise AssertionError(f"no {kind} printed with {needle!r} in {self.output_dir}")

    def _older(self, path: Path) -> bool:
        try:
            return path.stat().st_mtime < self.since - 1
        except FileNotFoundError:  # cups-pdf renames its output as it finishes
            return True

    def empty(self) -> None:
        # job numbers start again with each cupsd: a name may be an older file, written over
        for path in self.output_dir.glob("*.pdf"):
            new = path not in self.before or not self._older(path)
            if new and path.name.startswith(tuple(PRINTED_AS.values())):
                path.unlink(missing_ok=True)


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return out.stdout if out.returncode == 0 else ""  # still being written: try again


def squeezed(text: str) -> str:
    return re.sub(r"\s", "", text)


def as_printed(text: str) -> str:
    """``text`` as it can be compared with what pdftotext reads from cups-pdf's output: ghostscript
    there drops the text of accented letters (the paper shows them), and spacing varies."""
    return "".join(char for char in text if char.isascii() and not char.isspace())
