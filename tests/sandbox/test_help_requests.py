"""Calls for a clerk on the session's sandbox over HTTP: a kiosk calls once however often it
asks, only the desks of its courthouse see the call, one clerk takes it, and the portal keeps
nothing of the visitor."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, timedelta

import httpx
import pytest
from support.devices import data_dir_of, enrolled_kiosk

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.models.help_requests import OPEN_MINUTES
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.staff_users import DEMO_STAFF_PASSWORD

HOUSE = "coban"  # its clerks are these tests' (torre-tribunales is the UI tests')
CALL = {"courthouse": HOUSE, "location": "Vestíbulo, primer nivel", "screen": "home"}


@pytest.fixture
def http(sandbox: PortalEndpoint, kiosk_id: str) -> Iterator[httpx.Client]:
    headers = {"X-Kiosk-Id": kiosk_id, "X-Kiosk-Token": sandbox.device_token}
    with httpx.Client(base_url=f"{sandbox.url}/v1", headers=headers, timeout=15) as client:
        yield client


def staff(http: httpx.Client, user: str, house: str = HOUSE) -> dict[str, str]:
    """The headers of ``user``'s session, opened at the kiosk of ``http``."""
    answer = http.post(
        "/staff/sessions",
        json={"user": user, "password": DEMO_STAFF_PASSWORD, "courthouse": house},
    )
    assert answer.status_code == 201, answer.text
    return {"X-Staff-Token": answer.json()["token"]}


def open_ids(http: httpx.Client, headers: dict[str, str]) -> list[str]:
    answer = http.get("/help-requests", headers=headers)
    assert answer.status_code == 200, answer.text
    return [call["id"] for call in answer.json()["requests"]]


def row(sandbox: PortalEndpoint, request_id: str) -> dict[str, object]:
    with closing(sqlite3.connect(data_dir_of(sandbox) / DATABASE_FILE, timeout=10)) as conn:
        conn.row_factory = sqlite3.Row
        found = conn.execute("SELECT * FROM help_requests WHERE id = ?", (request_id,)).fetchone()
    assert found is not None
    return dict(found)


def age(sandbox: PortalEndpoint, request_id: str, minutes: int) -> None:
    """Move a call's creation ``minutes`` into the past."""
    path = data_dir_of(sandbox) / DATABASE_FILE
    with closing(sqlite3.connect(path, timeout=10)) as conn, conn:
        (created,) = conn.execute(
            "SELECT created_at FROM help_requests WHERE id = ?", (request_id,)
        ).fetchone()
        earlier = datetime.fromisoformat(created) - timedelta(minutes=minutes)
        conn.execute(
            "UPDATE help_requests SET created_at = ? WHERE id = ?",
            (earlier.isoformat(), request_id),
        )


def test_a_kiosk_calls_once_however_often_it_asks(
    http: httpx.Client, sandbox: PortalEndpoint, kiosk_id: str
) -> None:
    first = http.post("/help-requests", json=CALL)
    assert first.status_code == 201, first.text
    again = http.post("/help-requests", json={**CALL, "screen": "antecedentes-penales.guest_dpi"})
    assert again.status_code == 200
    assert again.json() == first.json()
    clerk = staff(http, "maria.caal")
    assert open_ids(http, clerk).count(first.json()["id"]) == 1
    listed = http.get("/help-requests", headers=clerk).json()["requests"]
    call = next(c for c in listed if c["id"] == first.json()["id"])
    assert call == {
        "id": first.json()["id"],
        "kiosk_id": kiosk_id,
        "location": "Vestíbulo, primer nivel",
        "screen": "home",
        "created_at": first.json()["created_at"],
    }


def test_the_portal_keeps_only_where_the_kiosk_is_and_its_screen(
    http: httpx.Client, sandbox: PortalEndpoint, kiosk_id: str
) -> None:
    answer = http.post("/help-requests", json=CALL)
    kept = row(sandbox, answer.json()["id"])
    assert set(kept) == {
        "seq", "id", "kiosk_id", "courthouse", "location", "screen", "created_at",
        "answered_by", "answered_at",
    }  # fmt: skip
    assert (kept["kiosk_id"], kept["courthouse"], kept["screen"]) == (kiosk_id, HOUSE, "home")
    refused = http.post("/help-requests", json={**CALL, "dpi": "2456789050101"})
    assert refused.status_code == 422  # nothing else is taken


def test_only_the_desks_of_the_kiosks_courthouse_see_its_call(
    http: httpx.Client, sandbox: PortalEndpoint
) -> None:
    call = http.post("/help-requests", json=CALL).json()["id"]
    assert call in open_ids(http, staff(http, "mario.choc"))
    elsewhere = staff(http, "lucia.ixcot", "quetzaltenango")
    assert call not in open_ids(http, elsewhere)
    taken = http.post(f"/help-requests/{call}/answer", headers=elsewhere)
    assert taken.status_code == 404  # another courthouse's call is not there for this clerk
    assert taken.json()["code"] == "help_request_not_found"


def test_one_clerk_takes_a_call_and_it_leaves_every_desk(
    http: httpx.Client, sandbox: PortalEndpoint
) -> None:
    call = http.post("/help-requests", json=CALL).json()["id"]
    clerk, supervisor = staff(http, "maria.caal"), staff(http, "mario.choc")
    taken = http.post(f"/help-requests/{call}/answer", headers=clerk)
    assert taken.status_code == 200, taken.text
    assert taken.json()["id"] == call
    again = http.post(f"/help-requests/{call}/answer", headers=clerk)
    assert again.status_code == 200 and again.json() == taken.json()  # a retry of one «Voy»
    late = http.post(f"/help-requests/{call}/answer", headers=supervisor)
    assert late.status_code == 409
    assert late.json()["code"] == "help_request_taken"
    assert "maria" not in late.text.lower() and "caal" not in late.text.lower()
    assert call not in open_ids(http, clerk) and call not in open_ids(http, supervisor)
    assert row(sandbox, call)["answered_by"] == "maria.caal"
    # the kiosk may call again once its call was taken: a new call
    anew = http.post("/help-requests", json=CALL)
    assert anew.status_code == 201 and anew.json()["id"] != call


def test_a_call_nobody_took_in_half_an_hour_is_gone(
    http: httpx.Client, sandbox: PortalEndpoint
) -> None:
    call = http.post("/help-requests", json=CALL).json()["id"]
    age(sandbox, call, OPEN_MINUTES)
    clerk = staff(http, "maria.caal")
    assert call not in open_ids(http, clerk)
    gone = http.post(f"/help-requests/{call}/answer", headers=clerk)
    assert gone.status_code == 404 and gone.json()["code"] == "help_request_not_found"
    anew = http.post("/help-requests", json=CALL)
    assert anew.status_code == 201 and anew.json()["id"] != call


def test_the_desk_side_needs_a_clerk(http: httpx.Client) -> None:
    call = http.post("/help-requests", json=CALL).json()["id"]
    listed = http.get("/help-requests")
    assert listed.status_code == 401 and listed.json()["code"] == "staff_session_required"
    taken = http.post(f"/help-requests/{call}/answer")
    assert taken.status_code == 401 and taken.json()["code"] == "staff_session_required"


def test_a_kiosk_of_another_portal_cannot_call(sandbox: PortalEndpoint) -> None:
    headers = {"X-Kiosk-Id": "GT-NOT-ENROLLED", "X-Kiosk-Token": sandbox.device_token}
    answer = httpx.post(f"{sandbox.url}/v1/help-requests", json=CALL, headers=headers, timeout=15)
    assert answer.status_code == 401 and answer.json()["code"] == "device_unauthorized"


@pytest.mark.parametrize(
    "screen",
    [
        "",
        "Antecedentes-Penales.dpi",  # capitals
        "antecedentes penales",  # a space
        "antecedentes-penales/dpi",
        "maría",  # not ASCII
        "a" * 81,
    ],
)
def test_a_screen_name_has_the_shape_of_one(http: httpx.Client, screen: str) -> None:
    answer = http.post("/help-requests", json={**CALL, "screen": screen})
    assert answer.status_code == 422
    assert answer.json()["field"] == "screen"


def test_a_screen_name_of_eighty_characters_is_taken(http: httpx.Client) -> None:
    screen = "antecedentes-penales." + "x" * 59
    assert http.post("/help-requests", json={**CALL, "screen": screen}).status_code == 201


def test_an_unknown_courthouse_is_refused(http: httpx.Client) -> None:
    answer = http.post("/help-requests", json={**CALL, "courthouse": "atlantida"})
    assert answer.status_code == 422 and answer.json()["code"] == "courthouse_unknown"


def test_a_kiosk_that_keeps_calling_is_slowed_down(sandbox: PortalEndpoint) -> None:
    kiosk = enrolled_kiosk(sandbox)
    headers = {"X-Kiosk-Id": kiosk, "X-Kiosk-Token": sandbox.device_token}
    with httpx.Client(base_url=f"{sandbox.url}/v1", headers=headers, timeout=15) as http:
        answers = [http.post("/help-requests", json=CALL).status_code for _ in range(7)]
    assert answers[0] == 201 and answers[1:6] == [200] * 5
    assert answers[6] == 429
