"""The fleet page read in a real browser (headless chromium): a sandbox of its own, kiosks
enrolled in it each sending heartbeats with the real sender (kiosk.heartbeat) through a client
of its own. One prints on a real cupsd queue whose backend reports an empty tray; one holds a
trust list fetched on a clock 30 hours back (a real cache, its clock set back); one stopped: its
last heartbeat's time is moved six minutes back in the sandbox's database, where the page reads
it against the sandbox's own clock. The page must show each kiosk with its state and the right
alerts, worst first, in words and symbols; and refresh by itself: a heartbeat sent while the
page is open appears without the test reloading it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from printing.private_cupsd import TestCups
from reportlab.pdfgen.canvas import Canvas
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait
from support.devices import enroll
from support.fleet import age_heartbeat
from support.sandbox_process import own_sandbox

from kiosk.config import KioskSettings, Settings
from kiosk.embedded_portal import PortalEndpoint
from kiosk.heartbeat import Heartbeat, Sent
from kiosk.portal.client import PortalClient
from kiosk.printing import PrinterProblem, printer_state, submit
from kiosk.seals.cache import TrustListCache, load_root_key
from kiosk.usage import UsageCounters

SHOTS = Path("/tmp/shots15")
REFRESH = 2  # seconds: the page's own period, asked for in its address

HEALTHY, NO_PAPER, OLD_LIST, STOPPED, LATE = (
    "GT-QUE-0001", "GT-AVE-0002", "GT-ESC-0003", "GT-PET-0004", "GT-ZAC-0005",
)  # fmt: skip


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[PortalEndpoint]:
    with own_sandbox(tmp_path / "fleet-sandbox") as endpoint:
        yield endpoint


async def beat(portal: PortalEndpoint, kiosk_id: str, folder: Path, **sources: object) -> None:
    settings = Settings(kiosk=KioskSettings(id=kiosk_id, courthouse="torre-tribunales"))
    async with PortalClient(
        portal.url, kiosk_id=kiosk_id, kiosk_token=portal.device_token
    ) as client:
        # every kiosk holds a trust list: OLD_LIST's was fetched on a clock 30 hours back
        fetched = datetime.now(UTC) - (timedelta(hours=30) if kiosk_id == OLD_LIST else timedelta())
        cache = TrustListCache(
            load_root_key(portal.root_key), folder / kiosk_id, clock=lambda: fetched
        )
        assert await cache.refresh(client.trust_list, force=True)
        sender = Heartbeat(
            client,
            settings,
            UsageCounters(),
            trust=lambda: cache,
            **sources,  # type: ignore[arg-type]
        )
        assert await sender.beat() is Sent.SENT


async def empty_tray(cups: TestCups, queue: str, folder: Path) -> None:
    pdf = folder / "prueba.pdf"
    canvas = Canvas(str(pdf))
    canvas.drawString(72, 720, "Prueba")
    canvas.save()
    await submit(pdf, queue=queue, server=cups.server, title="Prueba")
    deadline = time.monotonic() + 30
    while PrinterProblem.NO_PAPER not in (await printer_state(queue, server=cups.server)).problems:
        assert time.monotonic() < deadline, "CUPS never reported the empty tray"
        await asyncio.sleep(0.2)


def alerts(browser: webdriver.Chrome) -> list[tuple[str, str, str]]:
    """(kiosk, code, text) of the page's alert list, in its order. Read in one script: the page
    replaces its table every REFRESH seconds, and an element found before a refresh is stale
    after it (a CI run caught one between find and read)."""
    found = browser.execute_script(
        "return Array.from(document.querySelectorAll('#alerts li'),"
        " li => [li.dataset.kiosk || '', li.dataset.code || '', li.innerText]);"
    )
    return [(kiosk, code, text) for kiosk, code, text in found]


def state_of(browser: webdriver.Chrome, kiosk_id: str) -> str:
    """The kiosk row's data-state, '' when there is no row; in one script, like alerts."""
    state = browser.execute_script(
        "const row = document.getElementById(arguments[0]);"
        " return row ? (row.dataset.state || '') : '';",
        f"kiosk-{kiosk_id}",
    )
    return str(state)


async def test_the_fleet_page_in_a_browser(
    browser: webdriver.Chrome,
    portal: PortalEndpoint,
    cups: TestCups,
    make_queue: Callable[..., str],
    tmp_path: Path,
) -> None:
    data = portal.root_key.parent
    for kiosk_id in (HEALTHY, NO_PAPER, OLD_LIST, STOPPED, LATE):
        enroll(portal, kiosk_id)
    queue = make_queue("media-empty")
    await empty_tray(cups, queue, tmp_path)

    await beat(
        portal, HEALTHY, tmp_path, queue=cups.pdf_queue, server=cups.server, camera=lambda: True
    )
    await beat(portal, NO_PAPER, tmp_path, queue=queue, server=cups.server, camera=lambda: True)
    await beat(portal, OLD_LIST, tmp_path, camera=lambda: True)
    await beat(portal, STOPPED, tmp_path, camera=lambda: True)
    age_heartbeat(data, STOPPED, timedelta(minutes=6))

    browser.get(f"{portal.url}/fleet?every={REFRESH}")
    assert browser.title == "Flota de quioscos del OJ"
    assert state_of(browser, HEALTHY) == "online"
    assert state_of(browser, STOPPED) == "offline"
    assert state_of(browser, LATE) == "offline"  # enrolled, never heard from
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "Fuera de línea" in page and "En línea" in page and "hace 6 min" in page

    shown = alerts(browser)
    # worst first (then by kiosk), each in a word and a symbol, not only a colour
    assert [(kiosk, code) for kiosk, code, _text in shown] == [
        (NO_PAPER, "paper_out"),
        (STOPPED, "offline"),
        (OLD_LIST, "trust_list_old"),
    ]
    assert [text.split(" ", 2)[:2] for _kiosk, _code, text in shown] == [
        ["✖", "Grave"], ["✖", "Grave"], ["▲", "Atención"],
    ]  # fmt: skip
    assert "Sin papel" in shown[0][2] and "más de 24 h" in shown[2][2]
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / "fleet-page.png"))

    # It refreshes by itself: a kiosk heard from now appears without a reload (the marker a
    # reload would wipe stays).
    browser.execute_script("window.notReloaded = true;")
    await beat(portal, LATE, tmp_path, camera=lambda: False)
    WebDriverWait(browser, REFRESH * 3 + 5, poll_frequency=0.2).until(
        lambda driver: state_of(driver, LATE) == "online"
    )
    assert browser.execute_script("return window.notReloaded === true;")
    assert any(k == LATE and c == "no_camera" for k, c, _t in alerts(browser))
    browser.save_screenshot(str(SHOTS / "fleet-page-refreshed.png"))
    browser.set_window_size(1280, 1800)  # the whole table, for a person to look at
    browser.save_screenshot(str(SHOTS / "fleet-page-whole.png"))
