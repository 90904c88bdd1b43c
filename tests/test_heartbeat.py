"""The heartbeat sender (kiosk.heartbeat) against the session's real sandbox over HTTP: it sends
the machine's facts and counts and nothing of a visitor's; it backs off while the portal is cut
(tests/ui/faults.py's proxy) and is back to its interval at the first answer; it reports only its
own id; a printer without paper (a real cupsd queue whose backend reports media-empty) and an
old trust list (a real cache that fetched the portal's list on a clock 30 hours back) travel as
such. What the portal took is read back from the sandbox's database."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from printing.private_cupsd import TestCups
from reportlab.pdfgen.canvas import Canvas
from support import sandbox_tools
from support.devices import enrolled_kiosk
from ui.faults import PortalProxy

from kiosk.config import HeartbeatSettings, KioskSettings, Settings
from kiosk.embedded_portal import PortalEndpoint
from kiosk.heartbeat import PORTAL_UNAVAILABLE, Heartbeat, Sent
from kiosk.portal.client import PortalClient, new_idempotency_key
from kiosk.portal.models import (
    Bank,
    BoletaPayment,
    CriminalRecordRequestCreate,
    SandboxBoletaCreate,
    SessionCreate,
)
from kiosk.portal.models.fleet import Heartbeat as HeartbeatBody
from kiosk.printing import PrinterProblem, printer_state, submit
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.demo import DEMO_ACCOUNT, DEMO_ACCOUNT_EMAIL, DEMO_ACCOUNT_PASSWORD, DEMO_CLEAN
from kiosk.seals.cache import TrustListCache, load_root_key
from kiosk.services.printer import DocumentPrinter, Printer
from kiosk.session import Session
from kiosk.usage import OTHER_ERROR, Usage, UsageCounters


def settings(kiosk_id: str, interval: int = 60, backoff: int = 600) -> Settings:
    return Settings(
        kiosk=KioskSettings(id=kiosk_id, courthouse="coban-av", location="Vestíbulo"),
        heartbeat=HeartbeatSettings(interval_seconds=interval, max_backoff_seconds=backoff),
    )


def stored(sandbox_dir: Path, kiosk_id: str) -> tuple[str, dict[str, Any]] | None:
    """(when the portal took it, the heartbeat as kept) of the kiosk's last heartbeat."""
    with closing(sqlite3.connect(sandbox_dir / DATABASE_FILE, timeout=10)) as conn:
        row = conn.execute(
            "SELECT received_at, heartbeat FROM fleet_heartbeats WHERE kiosk_id = ?", (kiosk_id,)
        ).fetchone()
    return None if row is None else (row[0], json.loads(row[1]))


async def until(check: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not within the deadline"
        await asyncio.sleep(0.05)


@pytest.fixture
async def proxied(
    sandbox: PortalEndpoint, kiosk_id: str
) -> AsyncIterator[tuple[PortalProxy, PortalClient]]:
    with PortalProxy(sandbox.url) as proxy:
        async with PortalClient(
            proxy.url, kiosk_id=kiosk_id, kiosk_token=sandbox.device_token,
            connect_timeout=2, read_timeout=5,
        ) as client:  # fmt: skip
            yield proxy, client


async def test_it_sends_the_facts(client: PortalClient, kiosk_id: str, sandbox_dir: Path) -> None:
    usage = UsageCounters()
    usage.session_ended()
    usage.session_ended()
    usage.document_printed(2)
    usage.failed("no_paper")
    beat = Heartbeat(client, settings(kiosk_id), usage, camera=lambda: True)
    assert await beat.beat() is Sent.SENT
    assert beat.next_wait == 60

    received, body = stored(sandbox_dir, kiosk_id) or ("", {})
    assert datetime.fromisoformat(received) > datetime.now(UTC) - timedelta(minutes=1)
    HeartbeatBody.model_validate(body)  # the contract's shape, as kept
    assert body["courthouse"] == "coban-av" and body["location"] == "Vestíbulo"
    assert body["mode"] == "kiosk" and body["camera_present"] is True
    assert body["counters"] == {
        "sessions": 2, "documents_printed": 2, "failures": 1,
    }  # fmt: skip
    assert body["last_error_code"] == "no_paper"
    # no printer configured
    assert body["printer"] == {
        "queue": "", "state": "unknown", "paper": "unknown", "reasons": [], "last_error": None,
    }  # fmt: skip
    assert body["trust_list"] == {"version": None, "age_seconds": None}  # none held
    assert 0 <= body["uptime_seconds"] < 60


async def test_no_personal_data_travels(
    client: PortalClient, kiosk_id: str, sandbox_dir: Path
) -> None:
    usage = UsageCounters()
    # what a careless caller could pass as a "code": a visitor's DPI, email, name
    for leak in (DEMO_ACCOUNT.dpi, DEMO_ACCOUNT_EMAIL, "Juan Pérez", "printing failed: /tmp/x"):
        usage.failed(leak)
    assert usage.snapshot().last_error_code == OTHER_ERROR
    # a visitor logged in on this kiosk meanwhile: the heartbeat knows nothing of them
    login = SessionCreate(login=DEMO_ACCOUNT_EMAIL, password=DEMO_ACCOUNT_PASSWORD)
    visit = await client.log_in(login)
    text_of_visit = (visit.token, visit.account.email, visit.account.display_name)
    assert await Heartbeat(client, settings(kiosk_id), usage).beat() is Sent.SENT
    _received, body = stored(sandbox_dir, kiosk_id) or ("", {})
    text = json.dumps(body, ensure_ascii=False)
    assert DEMO_ACCOUNT.dpi not in text and DEMO_ACCOUNT_EMAIL not in text
    assert "@" not in text and "Juan" not in text and "/tmp" not in text
    assert all(value not in text for value in text_of_visit)
    assert not re.search(r"[0-9]{13}", text)  # no DPI-shaped number anywhere
    assert set(body) <= set(HeartbeatBody.model_fields)
    assert body["counters"]["failures"] == 4 and body["last_error_code"] == OTHER_ERROR


async def test_backs_off_while_the_portal_is_cut_and_comes_back(
    proxied: tuple[PortalProxy, PortalClient], kiosk_id: str, sandbox_dir: Path
) -> None:
    proxy, client = proxied
    usage = UsageCounters()
    beat = Heartbeat(client, settings(kiosk_id, interval=60, backoff=300), usage)
    assert await beat.beat() is Sent.SENT

    proxy.cut()
    waits = []
    for _ in range(4):
        assert await beat.beat() is Sent.UNREACHABLE  # never raises
        waits.append(beat.next_wait)
    assert waits == [120, 240, 300, 300]  # doubled, up to max_backoff_seconds
    assert proxy.refused == 4
    assert usage.snapshot().failures == 1  # one outage, counted once

    proxy.restore()
    assert await beat.beat() is Sent.SENT
    assert beat.next_wait == 60  # back to the interval at once
    _received, body = stored(sandbox_dir, kiosk_id) or ("", {})
    assert body["last_error_code"] == PORTAL_UNAVAILABLE  # the staff learn it was cut off


async def test_the_running_loop_waits_longer_while_cut_and_resumes(
    proxied: tuple[PortalProxy, PortalClient], kiosk_id: str, sandbox_dir: Path
) -> None:
    proxy, client = proxied
    beat = Heartbeat(client, settings(kiosk_id), UsageCounters())
    beat.interval, beat.max_backoff = 0.2, 0.8  # the loop's own pace, shortened for the test
    task = asyncio.ensure_future(beat.run())
    try:
        await until(lambda: beat.sent >= 2)
        proxy.cut()
        await until(lambda: beat.failures >= 3)
        assert beat.next_wait == 0.8 and beat.last is Sent.UNREACHABLE
        proxy.restore()
        await until(lambda: beat.last is Sent.SENT)
        assert beat.failures == 0 and beat.next_wait == 0.2
        sent = beat.sent
        beat.wake()  # at once, not at the end of the wait
        await until(lambda: beat.sent > sent)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert task.cancelled()


async def test_it_reports_only_its_own_id(
    client: PortalClient, sandbox: PortalEndpoint, sandbox_dir: Path
) -> None:
    other = enrolled_kiosk(sandbox_dir, token=sandbox.device_token)
    beat = Heartbeat(client, settings(other), UsageCounters())  # the client is another kiosk
    assert await beat.beat() is Sent.REFUSED
    assert beat.failures == 1 and stored(sandbox_dir, other) is None


async def test_a_closed_port_and_a_broken_source_do_not_raise(
    kiosk_id: str, sandbox: PortalEndpoint
) -> None:
    async with PortalClient(
        "http://127.0.0.1:9", kiosk_id=kiosk_id, kiosk_token="x", connect_timeout=1
    ) as client:

        def broken() -> TrustListCache | None:
            raise OSError("the cache's disk is gone")

        beat = Heartbeat(client, settings(kiosk_id), UsageCounters(), trust=broken)
        assert await beat.beat() is Sent.UNREACHABLE
        assert (await beat.gather()).trust_list.version is None


async def test_an_empty_tray_and_an_old_trust_list_travel(
    client: PortalClient,
    kiosk_id: str,
    sandbox: PortalEndpoint,
    sandbox_dir: Path,
    cups: TestCups,
    make_queue: Callable[..., str],
    tmp_path: Path,
) -> None:
    queue = make_queue("media-empty")
    pdf = tmp_path / "prueba.pdf"
    canvas = Canvas(str(pdf))
    canvas.drawString(72, 720, "Prueba")
    canvas.save()
    await submit(pdf, queue=queue, server=cups.server, title="Prueba")  # the backend: no paper

    async def no_paper() -> bool:
        state = await printer_state(queue, server=cups.server)
        return PrinterProblem.NO_PAPER in state.problems

    deadline = time.monotonic() + 30
    while not await no_paper():
        assert time.monotonic() < deadline, "CUPS never reported the empty tray"
        await asyncio.sleep(0.2)

    long_ago = datetime.now(UTC) - timedelta(hours=30)
    cache = TrustListCache(load_root_key(sandbox.root_key), tmp_path, clock=lambda: long_ago)
    assert await cache.refresh(client.trust_list, force=True)

    beat = Heartbeat(
        client, settings(kiosk_id), UsageCounters(), queue=queue, server=cups.server,
        trust=lambda: cache,
    )  # fmt: skip
    assert await beat.beat() is Sent.SENT
    _received, body = stored(sandbox_dir, kiosk_id) or ("", {})
    printer = body["printer"]
    assert (printer["queue"], printer["state"], printer["paper"]) == (queue, "stopped", "out")
    assert any(reason.startswith("media-empty") for reason in printer["reasons"])
    assert printer["last_error"] == "no_paper"
    assert cache.current is not None
    assert body["trust_list"]["version"] == cache.current.version
    assert 30 * 3600 <= body["trust_list"]["age_seconds"] < 31 * 3600


async def test_a_real_visit_is_counted_and_nothing_of_it_travels(
    client: PortalClient,
    kiosk_id: str,
    sandbox_dir: Path,
    cups: TestCups,
    make_queue: Callable[..., str],
    cups_pdf_outputs: list[Path],
) -> None:
    """A visitor asks for a constancia (their DPI, names and email go to the portal), it prints
    (two documents: the constancia and its download-code receipt), a second copy fails on a
    printer without paper, the visit ends. The heartbeat then counts it all and says none of it."""
    usage = UsageCounters()
    session = Session(usage=usage)
    session.reset()  # an empty reset (the home screen freshened) is no visit
    boleta = await sandbox_tools.sandbox_create_boleta(
        client, SandboxBoletaCreate(bank=Bank.BANRURAL)
    )
    request = await client.request_criminal_record(
        CriminalRecordRequestCreate(
            dpi=DEMO_CLEAN.dpi,
            birth_date=DEMO_CLEAN.birth_date,
            first_names=DEMO_CLEAN.first_names,
            last_names=DEMO_CLEAN.last_names,
            email=None,
            payment=BoletaPayment(
                bank=boleta.bank, number=boleta.number, paid_on=boleta.paid_on,
                amount=boleta.amount,
            ),
        ),
        idempotency_key=new_idempotency_key(),
    )  # fmt: skip
    printer = DocumentPrinter(
        client, Printer(cups.pdf_queue, cups.server, 30), session.temp_dir, usage=usage
    )
    started = time.time()
    assert (await printer.print("certificate", {"submit_request": request})).ok
    made = [p for p in cups.output_dir.glob("*_OJ*.pdf") if p.stat().st_mtime >= started]
    cups_pdf_outputs.extend(made)  # deleted after the test
    empty = make_queue("media-empty")
    no_paper = DocumentPrinter(
        client, Printer(empty, cups.server, 20), session.temp_dir, usage=usage
    )
    assert not (await no_paper.print("certificate", {"submit_request": request})).ok
    session.reset()

    assert usage.snapshot() == Usage(
        sessions=1, documents_printed=2, failures=1, last_error_code="no_paper"
    )
    assert await Heartbeat(client, settings(kiosk_id), usage).beat() is Sent.SENT
    _received, body = stored(sandbox_dir, kiosk_id) or ("", {})
    assert body["counters"] == {"sessions": 1, "documents_printed": 2, "failures": 1}
    text = json.dumps(body, ensure_ascii=False)
    for secret in (
        DEMO_CLEAN.dpi, DEMO_CLEAN.first_names, DEMO_CLEAN.last_names, request.download_code,
        str(request.certificate_code), boleta.number,
    ):  # fmt: skip
        assert str(secret) not in text
