"""Desk staff sessions on the session's sandbox over HTTP: sign in at the clerk's own
courthouse, the token on every call (recorded by route, never by value), sign out, the lock
after wrong passwords, and the answers that tell nothing of which users exist."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime

import httpx
import pytest
from support.devices import data_dir_of, enrolled_kiosk

from kiosk.embedded_portal import PortalEndpoint
from kiosk.formats import GUATEMALA
from kiosk.sandbox import staff_users
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.staff_users import DEMO_STAFF_PASSWORD

PASSWORD = DEMO_STAFF_PASSWORD


@pytest.fixture
def http(sandbox: PortalEndpoint, kiosk_id: str) -> Iterator[httpx.Client]:
    headers = {"X-Kiosk-Id": kiosk_id, "X-Kiosk-Token": sandbox.device_token}
    with httpx.Client(base_url=f"{sandbox.url}/v1", headers=headers, timeout=15) as client:
        yield client


def sign_in(
    http: httpx.Client, user: str, password: str = PASSWORD, house: str = "torre-tribunales"
) -> httpx.Response:
    return http.post(
        "/staff/sessions", json={"user": user, "password": password, "courthouse": house}
    )


def actions(sandbox: PortalEndpoint, user: str) -> list[tuple[str, str]]:
    path = data_dir_of(sandbox) / DATABASE_FILE
    with closing(sqlite3.connect(path, timeout=10)) as conn:
        rows = conn.execute(
            "SELECT method, route FROM staff_actions WHERE user = ? ORDER BY id", (user,)
        ).fetchall()
    return [(method, route) for method, route in rows]


def test_a_clerk_signs_in_works_under_the_token_and_signs_out(
    http: httpx.Client, sandbox: PortalEndpoint
) -> None:
    answer = sign_in(http, "ana.lopez")
    assert answer.status_code == 201, answer.text
    session = answer.json()
    assert session["staff"] == {
        "user": "ana.lopez",
        "display_name": "Ana López",
        "role": "clerk",
        "courthouse": "torre-tribunales",
        "courthouse_name": "Torre de Tribunales, Ciudad de Guatemala",
    }
    ends = datetime.fromisoformat(session["expires_at"])
    now = datetime.now(UTC)
    assert now < ends <= staff_users.shift_end(now)  # the shift's end, as the portal sets it
    staff = {"X-Staff-Token": session["token"]}
    before = len(actions(sandbox, "ana.lopez"))
    current = http.get("/staff/sessions/current", headers=staff)
    assert current.status_code == 200 and current.json()["staff"]["role"] == "clerk"
    looked = http.get("/documents/CAP-2026-ZZZZ-ZZZZ", headers=staff)
    assert looked.status_code in (404, 200)
    recorded = actions(sandbox, "ana.lopez")[before:]
    assert recorded == [
        ("GET", "/staff/sessions/current"),
        ("GET", "/documents/{code}"),
    ]  # the route template, never the code asked for
    assert http.delete("/staff/sessions/current", headers=staff).status_code == 204
    after = http.get("/staff/sessions/current", headers=staff)
    assert after.status_code == 401 and after.json()["code"] == "staff_session_invalid"
    # an ended session's token is refused on any call, not only on the staff routes
    assert http.get("/services", headers=staff).status_code == 401


def test_wrong_password_and_unknown_user_answer_the_same(http: httpx.Client) -> None:
    wrong = sign_in(http, "jorge.perez", "no-es-esta")
    unknown = sign_in(http, "nadie.aqui", "no-es-esta")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["code"] == "staff_credentials_invalid"
    assert wrong.json()["field"] == "password"


def test_a_clerk_cannot_sign_in_at_another_courthouse(http: httpx.Client) -> None:
    answer = sign_in(http, "lucia.ixcot", house="torre-tribunales")
    assert answer.status_code == 403
    assert answer.json()["code"] == "staff_other_courthouse"
    assert sign_in(http, "lucia.ixcot", house="quetzaltenango").status_code == 201


def test_five_wrong_passwords_lock_the_user_even_with_the_right_one(http: httpx.Client) -> None:
    # rosa.garcia is this test's alone: the lock lasts 15 minutes in the session's sandbox
    for _ in range(staff_users.LOCK_AFTER):
        assert sign_in(http, "rosa.garcia", "mala", house="mixco").status_code == 401
    locked = sign_in(http, "rosa.garcia", house="mixco")
    assert locked.status_code == 429
    assert locked.json()["code"] == "staff_locked"
    assert int(locked.headers["Retry-After"]) == 15 * 60


def test_a_token_is_good_only_at_the_kiosk_it_was_opened_at(
    http: httpx.Client, sandbox: PortalEndpoint
) -> None:
    token = sign_in(http, "jorge.perez").json()["token"]
    other = enrolled_kiosk(sandbox)
    headers = {
        "X-Kiosk-Id": other,
        "X-Kiosk-Token": sandbox.device_token,
        "X-Staff-Token": token,
    }
    answer = httpx.get(f"{sandbox.url}/v1/staff/sessions/current", headers=headers, timeout=15)
    assert answer.status_code == 401 and answer.json()["code"] == "staff_session_invalid"


def test_staff_routes_need_a_staff_session(http: httpx.Client) -> None:
    answer = http.get("/staff/sessions/current")
    assert answer.status_code == 401 and answer.json()["code"] == "staff_session_required"


def test_a_shift_never_runs_past_midnight_in_guatemala() -> None:
    late = datetime(2026, 12, 6, 20, 30, tzinfo=GUATEMALA)
    assert staff_users.shift_end(late) == datetime(2026, 12, 7, 0, 0, tzinfo=GUATEMALA)
    early = datetime(2026, 12, 6, 7, 0, tzinfo=GUATEMALA)
    assert staff_users.shift_end(early) == datetime(2026, 12, 6, 17, 0, tzinfo=GUATEMALA)
