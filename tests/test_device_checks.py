"""The device panel's facts (kiosk.device_checks), Qt-free: the disk, the portal's latency against
the real sandbox and a portal that is down, the trust list's age, the audit queue, and the
printer on the private cupsd (ready, out of paper, unreachable), with the test page."""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from printing.private_cupsd import TestCups

from kiosk import device_checks
from kiosk.audit.log import AuditLog
from kiosk.device_checks import (
    Camera,
    DeviceSources,
    Level,
    audit_fact,
    camera_fact,
    check_device,
    check_portal,
    check_printer,
    disk_fact,
    trust_list_fact,
)
from kiosk.device_test_page import print_test_page
from kiosk.embedded_portal import PortalEndpoint
from kiosk.i18n import show
from kiosk.portal.client import PortalClient
from kiosk.portal.models.audit import AuditKind
from kiosk.seals.cache import TrustListCache, load_root_key

UNREACHABLE_CUPS = "127.0.0.1:9"


def said(value: object) -> str:
    return show(value)  # type: ignore[arg-type]


def details(fact: device_checks.Fact) -> str:
    return " | ".join(said(line) for line in fact.detail)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- the disk -----------------------------------------------------------------------------------


def test_disk_says_the_free_space_of_the_folders_disk(tmp_path: Path) -> None:
    audit = tmp_path / "not-made-yet" / "audit"  # the log's folder before the first entry
    fact = disk_fact({"audit": audit, "temp": tmp_path})
    free = shutil.disk_usage(tmp_path).free
    assert fact.measure is not None and abs(fact.measure - free) < 64 * 1024**2
    assert said(fact.value).endswith(" libres de " + device_checks.size_text(
        shutil.disk_usage(tmp_path).total))  # fmt: skip
    # one disk for both folders: one line naming both
    assert details(fact).startswith("Registro de auditoría y Archivos temporales: ")


def test_disk_nearly_full_is_a_warning_then_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    free = shutil.disk_usage(tmp_path).free
    assert disk_fact({"temp": tmp_path}).level is (
        Level.GOOD if free >= device_checks.DISK_LOW else Level.WARN
    )
    monkeypatch.setattr(device_checks, "DISK_LOW", free * 2)
    assert disk_fact({"temp": tmp_path}).level is Level.WARN
    monkeypatch.setattr(device_checks, "DISK_FULL", free * 2)
    assert disk_fact({"temp": tmp_path}).level is Level.BAD


def test_disk_sizes_read_like_a_technician_writes_them() -> None:
    assert device_checks.size_text(850 * 1024**2) == "850 MB"
    assert device_checks.size_text(12.34 * 1024**3) == "12.3 GB"


# --- the portal ---------------------------------------------------------------------------------


async def test_the_portal_answers_and_its_latency_is_measured(client: PortalClient) -> None:
    fact = await check_portal(client)
    assert fact.level in (Level.GOOD, Level.WARN)
    assert fact.measure is not None and 0 <= fact.measure < 5000
    assert said(fact.value) == f"Responde en {int(fact.measure)} ms"
    assert "portal de prueba (sandbox)" in details(fact)


async def test_a_portal_that_is_down_does_not_answer(sandbox: PortalEndpoint) -> None:
    async with PortalClient(
        f"http://127.0.0.1:{closed_port()}", kiosk_id="GT-TEST-0001", kiosk_token="x", retries=0
    ) as down:
        fact = await check_portal(down)
    assert fact.level is Level.BAD
    assert "no responde" in said(fact.value)
    assert fact.measure is None


async def test_a_portal_that_hangs_is_given_up_in_time() -> None:
    async def hang(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(30)
        return httpx.Response(200)

    async with PortalClient(
        "http://127.0.0.1:1",
        kiosk_id="GT-TEST-0001",
        kiosk_token="x",
        transport=httpx.MockTransport(hang),
    ) as hanging:
        started = asyncio.get_running_loop().time()
        fact = await check_portal(hanging, timeout=0.3)
    assert asyncio.get_running_loop().time() - started < 2
    assert fact.level is Level.BAD and "no responde" in said(fact.value)
    assert details(fact) == "No contestó en 0.3 segundos."


# --- the trust list -----------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def test_the_trust_list_says_its_version_and_age(
    sandbox: PortalEndpoint, client: PortalClient, tmp_path: Path
) -> None:
    clock = Clock()
    cache = TrustListCache(load_root_key(sandbox.root_key), tmp_path, clock=clock)
    assert trust_list_fact(cache, clock.now).level is Level.WARN  # not fetched yet
    assert said(trust_list_fact(cache, clock.now).value) == "Aún no hay lista"
    clock.now = datetime.now(UTC)  # the sandbox's list is issued now: not outdated
    assert await cache.refresh(client.trust_list)
    assert cache.current is not None
    fresh = trust_list_fact(cache, clock.now + timedelta(hours=3))
    assert fresh.level is Level.GOOD
    assert said(fresh.value) == f"Versión {cache.current.version}, obtenida hace 3 h"
    old = trust_list_fact(cache, clock.now + timedelta(hours=25))
    assert old.level is Level.WARN and "más de 24 horas" in details(old)


def test_without_verification_the_trust_list_is_not_known() -> None:
    fact = trust_list_fact(None, datetime.now(UTC))
    assert not fact.known and said(fact.value) == "No se sabe"


# --- the audit queue ----------------------------------------------------------------------------


def test_the_audit_queue_counts_what_is_not_sent_yet(tmp_path: Path) -> None:
    with AuditLog(tmp_path / "audit.sqlite3") as audit:
        now = datetime.now(UTC)
        empty = audit_fact(audit, now)
        assert empty.level is Level.GOOD and said(empty.value) == "Todo enviado"
        assert details(empty) == "Aún no se ha enviado ninguno."
        for _ in range(3):
            audit.append(AuditKind.SIGN_IN, staff_user="ana.lopez", role="clerk")
        audit.acknowledge(1)
        fact = audit_fact(audit, now)
        assert said(fact.value) == "2 por enviar" and fact.measure == 2
        assert fact.level is Level.GOOD  # queued a moment ago
        assert "Lo último enviado se registró el" in details(fact)
        late = audit_fact(audit, now + timedelta(hours=1))
        assert late.level is Level.WARN and "El más antiguo espera desde" in details(late)


# --- the camera ---------------------------------------------------------------------------------


def test_no_camera_is_said_in_words() -> None:
    assert said(camera_fact([]).value) == "No hay cámara"
    assert camera_fact([]).level is Level.WARN
    assert camera_fact([], "usb-cam").level is Level.BAD  # one was configured
    assert not camera_fact(None).known
    found = camera_fact([Camera("usb-cam", "Logitech C920")], "usb-cam")
    assert found.level is Level.GOOD and said(found.value) == "Logitech C920"
    missing = camera_fact([Camera("other", "Integrated")], "usb-cam")
    assert missing.level is Level.BAD and "Integrated" in details(missing)


# --- the printer (the private cupsd) ------------------------------------------------------------


async def test_a_ready_queue_and_its_empty_queue_of_jobs(cups: TestCups) -> None:
    printer, jobs = await check_printer(cups.pdf_queue, cups.server)
    assert printer.level is Level.GOOD
    assert said(printer.value) == f"Cola «{cups.pdf_queue}»: La impresora está lista."
    assert jobs.level is Level.GOOD and said(jobs.value) == "Ninguno en espera"


async def test_an_unreachable_print_service_is_a_failure() -> None:
    printer, jobs = await check_printer("kiosk-pdf", UNREACHABLE_CUPS)
    assert printer.level is Level.BAD
    assert said(printer.value) == "El servicio de impresión de este quiosco no responde."
    assert not jobs.known


async def test_the_test_page_prints_on_the_pdf_queue(
    cups: TestCups, cups_pdf_outputs: list[Path], tmp_path: Path
) -> None:
    started = datetime.now().timestamp()
    result = await print_test_page(cups.pdf_queue, server=cups.server, timeout=30, folder=tmp_path)
    cups_pdf_outputs.extend(
        p for p in cups.output_dir.glob("*.pdf") if p.stat().st_mtime >= started - 1
    )
    assert result.printed, said(result.message)
    assert result.code == "completed"
    assert said(result.message).startswith("Se imprimió la página de prueba.")
    assert not list(tmp_path.iterdir())  # the sample's PDF is not left behind


async def test_out_of_paper_the_page_does_not_print_and_the_panel_says_why(
    cups: TestCups, make_queue: Callable[..., str], tmp_path: Path
) -> None:
    queue = make_queue("media-empty")
    result = await print_test_page(queue, server=cups.server, timeout=30, folder=tmp_path)
    assert not result.printed and result.code == "no_paper"
    assert said(result.message) == (
        "No se imprimió la página de prueba. La impresora no tiene papel."
    )
    printer, jobs = await check_printer(queue, cups.server)
    assert printer.level is Level.BAD
    assert said(printer.value) == f"Cola «{queue}»: La impresora no tiene papel."
    assert f"cupsenable {queue}" in details(printer)
    assert said(jobs.value) == "Ninguno en espera"  # the sample was cancelled
    sample = tmp_path / "waiting.txt"
    sample.write_text("una hoja\n")
    subprocess.run(
        ["lp", "-d", queue, str(sample)],
        env={"CUPS_SERVER": cups.server, "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
    )
    _, jobs = await check_printer(queue, cups.server)
    assert jobs.level is Level.WARN and said(jobs.value) == "1 en espera"


# --- all of it ----------------------------------------------------------------------------------


async def test_the_whole_report_never_raises(tmp_path: Path) -> None:
    async with PortalClient(
        f"http://127.0.0.1:{closed_port()}", kiosk_id="GT-TEST-0001", kiosk_token="x", retries=0
    ) as down:
        with AuditLog(tmp_path / "audit.sqlite3") as audit:
            report = await check_device(
                DeviceSources(
                    client=down,
                    audit=audit,
                    folders={"audit": tmp_path, "temp": tmp_path / "missing" / "deep"},
                    kiosk_id="GT-TEST-0001",
                    courthouse="torre-tribunales",
                    courthouse_name="Torre de Tribunales",
                    queue="kiosk-pdf",
                    server=UNREACHABLE_CUPS,
                    cameras=[],
                )
            )
    assert [name for name, _ in report.rows()] == list(device_checks.FACT_NAMES)
    assert report.level is Level.BAD
    facts = report.facts
    assert facts["printer"].level is Level.BAD and facts["portal"].level is Level.BAD
    assert said(facts["camera"].value) == "No hay cámara"
    assert said(facts["kiosk_id"].value) == "GT-TEST-0001"
    assert said(facts["courthouse"].value) == "Torre de Tribunales"
    assert said(facts["version"].value) == device_checks.__version__
    assert not facts["trust_list"].known
