"""POST /v1/kiosks/{id}/heartbeat and the fleet page (/fleet, /fleet.json) on the session's
sandbox over HTTP: a kiosk reports only itself, only the contract's fields, and the page says
its state and alerts. A kiosk gone quiet is made by moving its stored heartbeat's time back in
the sandbox's database (the page reads the age against the sandbox's own clock)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.devices import enrolled_kiosk
from support.fleet import age_heartbeat

from kiosk.embedded_portal import PortalEndpoint
from kiosk.sandbox.fleet_page import ONLINE, Severity, ago, view
from kiosk.sandbox.services.fleet import FleetRow
from kiosk.sandbox.store import now


def heartbeat(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "version": "0.15.0",
        "uptime_seconds": 120,
        "started_at": "2026-03-02T08:00:00-06:00",
        "mode": "kiosk",
        "courthouse": "torre-tribunales",
        "location": "Vestíbulo, primer nivel",
        "printer": {"queue": "kiosk-pdf", "state": "ready", "paper": "ok", "reasons": []},
        "camera_present": True,
        "trust_list": {"version": 3, "age_seconds": 600},
        "last_error_code": None,
        "counters": {"sessions": 4, "documents_printed": 2, "failures": 0},
    }
    body.update(changes)
    return body


@pytest.fixture
def http(sandbox: PortalEndpoint, kiosk_id: str) -> Iterator[httpx.Client]:
    headers = {"X-Kiosk-Id": kiosk_id, "X-Kiosk-Token": sandbox.device_token}
    with httpx.Client(base_url=sandbox.url, headers=headers, timeout=15) as client:
        yield client


def send(http: httpx.Client, kiosk_id: str, body: dict[str, Any]) -> httpx.Response:
    return http.post(f"/v1/kiosks/{kiosk_id}/heartbeat", json=body)


def kiosk_in(http: httpx.Client, kiosk_id: str) -> dict[str, Any]:
    fleet = http.get("/fleet.json").json()
    return next(k for k in fleet["kiosks"] if k["kiosk_id"] == kiosk_id)


def test_a_heartbeat_is_taken_and_shown(http: httpx.Client, kiosk_id: str) -> None:
    before = now()
    answer = send(http, kiosk_id, heartbeat())
    assert answer.status_code == 202, answer.text
    receipt = answer.json()
    assert datetime.fromisoformat(receipt["received_at"]) >= before
    assert receipt["next_in_seconds"] == 60

    shown = kiosk_in(http, kiosk_id)
    assert shown["state"] == ONLINE and shown["enrolled"]
    assert shown["heartbeat"]["counters"]["documents_printed"] == 2
    assert shown["alerts"] == []
    page = http.get("/fleet")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert kiosk_id in page.text and "En línea" in page.text
    assert "Vestíbulo, primer nivel" in page.text


def test_a_kiosk_reports_only_itself(
    http: httpx.Client, sandbox: PortalEndpoint, sandbox_dir: Path
) -> None:
    other = enrolled_kiosk(sandbox_dir, token=sandbox.device_token)
    answer = send(http, other, heartbeat())
    assert answer.status_code == 403
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["code"] == "heartbeat_wrong_kiosk"
    assert kiosk_in(http, other)["last_seen_at"] is None  # enrolled, never heard from


def test_no_device_headers_no_heartbeat(sandbox: PortalEndpoint, kiosk_id: str) -> None:
    answer = httpx.post(f"{sandbox.url}/v1/kiosks/{kiosk_id}/heartbeat", json=heartbeat())
    assert answer.status_code == 401


@pytest.mark.parametrize(
    "changes",
    [
        {"dpi": "2456789050101"},  # a field the contract does not have
        {"last_error_code": "No se pudo imprimir para Juan Pérez"},  # free text, not a code
        {"location": "juan.perez@example.com"},
        {"printer": {"state": "ready", "paper": "ok", "reasons": ["Sin papel, llame a Ana"]}},
        {"printer": {"state": "on fire", "paper": "ok"}},
        {"uptime_seconds": "120"},  # strict: a number is never a string
        {"camera_present": 1},
        {"counters": {"sessions": -1}},
    ],
)
def test_only_the_contract_s_shapes_are_taken(
    http: httpx.Client, kiosk_id: str, changes: dict[str, Any]
) -> None:
    answer = send(http, kiosk_id, heartbeat(**changes))
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "invalid_input"


def test_alerts_of_a_quiet_kiosk_without_paper_and_an_old_trust_list(
    http: httpx.Client, kiosk_id: str, sandbox_dir: Path
) -> None:
    printer = {
        "queue": "kiosk-media-empty-1",
        "state": "stopped",
        "paper": "out",
        "reasons": ["media-empty-error", "paused"],
        "last_error": "no_paper",
    }
    trust = {"version": 3, "age_seconds": 30 * 3600}
    assert send(http, kiosk_id, heartbeat(printer=printer, trust_list=trust)).status_code == 202
    codes = [a["code"] for a in kiosk_in(http, kiosk_id)["alerts"]]
    assert codes == ["paper_out", "trust_list_old"]

    age_heartbeat(sandbox_dir, kiosk_id, timedelta(minutes=3))
    assert kiosk_in(http, kiosk_id)["state"] == "silent"
    age_heartbeat(sandbox_dir, kiosk_id, timedelta(minutes=3))  # six minutes without a word
    shown = kiosk_in(http, kiosk_id)
    assert shown["state"] == "offline"
    assert [a["code"] for a in shown["alerts"]][:2] == ["offline", "paper_out"]
    assert shown["alerts"][0]["severity"] == "critical"

    fleet = http.get("/fleet.json").json()
    mine = [a for a in fleet["alerts"] if a["kiosk_id"] == kiosk_id]
    assert [a["code"] for a in mine] == ["offline", "paper_out", "trust_list_old"]
    severities = [Severity[a["severity"].upper()] for a in fleet["alerts"]]
    assert severities == sorted(severities)  # the worst first, across the fleet
    page = http.get("/fleet").text
    assert "✖ Grave" in page.replace('<span aria-hidden="true">✖</span>', "✖")
    assert "Fuera de línea" in page and "Sin papel" in page and "más de 24 h" in page


def test_a_refreshing_page_asks_for_its_part(http: httpx.Client) -> None:
    page = http.get("/fleet", params={"every": 3}).text
    assert 'http-equiv="refresh" content="3"' in page  # without scripts
    assert "3000" in page and "/fleet?part=1" in page
    part = http.get("/fleet", params={"part": 1}).text
    assert part.startswith('<p class="summary"') and "<html" not in part
    assert http.get("/fleet", params={"every": 0}).status_code == 422


# --- the page's reading, without a portal -----------------------------------------------------


def test_state_and_alert_words() -> None:
    at = now()
    never = view(FleetRow("K-1", True, None, None, 0), at)
    assert never.state == "offline" and [a.code for a in never.alerts] == ["never_seen"]
    assert ago(timedelta(seconds=42)) == "hace 42 s"
    assert ago(timedelta(minutes=2, seconds=5)) == "hace 2 min"
    assert ago(timedelta(hours=30)) == "hace 30 h"
    assert ago(timedelta(days=3)) == "hace 3 días"
