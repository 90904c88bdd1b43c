"""No identity oracle: checks of a DPI against RENAP are limited per kiosk and per DPI (failed
ones from any kiosk lock the DPI), an unknown DPI answers like a wrong birth date, a request
without an account checks the payment first, and a log-in for an account that does not exist
takes as long as a wrong password. On the abuse tests' own sandbox: a locked DPI stays locked for
a quarter of an hour."""

from __future__ import annotations

import sqlite3
import statistics
import time
import uuid
from contextlib import closing
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from support.devices import enrolled_kiosk

from kiosk.embedded_portal import PortalEndpoint
from kiosk.identity import make_dpi
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.sandbox.devices import DEMO_KIOSK_ID

pytestmark = pytest.mark.timeout(180)
PASSWORD = "una frase larga y secreta"


@pytest.fixture
def portal(abuse_portal: PortalEndpoint) -> PortalEndpoint:
    return abuse_portal


class Kiosk:
    """Raw HTTP as an enrolled kiosk of its own."""

    def __init__(self, portal: PortalEndpoint) -> None:
        self.id = enrolled_kiosk(portal, "GT-ID")
        self.http = httpx.Client(
            base_url=f"{portal.url}/v1",
            headers={"X-Kiosk-Id": self.id, "X-Kiosk-Token": portal.device_token},
            timeout=30,
        )

    def post(self, path: str, body: dict[str, Any], **headers: str) -> httpx.Response:
        key = {"Idempotency-Key": uuid.uuid4().hex}
        return self.http.post(path, json=body, headers={**key, **headers})


def people(portal: PortalEndpoint, count: int) -> list[tuple[str, date]]:
    """Seeded persons without an account, none used by another test of this module."""
    with closing(sqlite3.connect(portal.root_key.parent / DATABASE_FILE)) as conn:
        rows = conn.execute(
            "SELECT p.dpi, p.birth_date FROM persons p LEFT JOIN accounts a ON a.dpi = p.dpi "
            "WHERE a.id IS NULL AND p.review = 0 ORDER BY random() LIMIT ?",
            (count + len(_taken),),
        ).fetchall()
    fresh = [(dpi, date.fromisoformat(born)) for dpi, born in rows if dpi not in _taken]
    _taken.update(dpi for dpi, _ in fresh[:count])
    return fresh[:count]


_taken: set[str] = set()


def account(dpi: str, born: date, email: str | None = None) -> dict[str, Any]:
    return {
        "dpi": dpi,
        "birth_date": born.isoformat(),
        "email": email or f"c.{uuid.uuid4().hex[:8]}@ejemplo.gt",
        "password": PASSWORD,
    }


def test_failed_checks_against_one_dpi_from_many_kiosks_lock_it(portal: PortalEndpoint) -> None:
    [(dpi, born), (other_dpi, other_born)] = people(portal, 2)
    for n in range(5):  # five kiosks, one wrong birth date each: no kiosk limit is near
        wrong = Kiosk(portal).post("/accounts", account(dpi, born - timedelta(days=n + 1)))
        assert (wrong.status_code, wrong.json()["code"]) == (422, "renap_mismatch")
    locked = Kiosk(portal).post("/accounts", account(dpi, born))  # even the right date now
    assert locked.status_code == 429
    assert 60 < int(locked.headers["Retry-After"]) <= 15 * 60
    detail = locked.json()["detail"]
    assert "DPI" in detail and "minutos" in detail  # says how long, in Spanish
    made = Kiosk(portal).post("/accounts", account(other_dpi, other_born))
    assert made.status_code == 201  # another DPI is not affected


def test_a_dpi_renap_does_not_know_answers_like_a_wrong_birth_date(
    portal: PortalEndpoint,
) -> None:
    [(dpi, born)] = people(portal, 1)
    with closing(sqlite3.connect(portal.root_key.parent / DATABASE_FILE)) as conn:
        known = {row[0] for row in conn.execute("SELECT dpi FROM persons")}
    unknown = next(
        candidate
        for serial in range(10_000_000, 10_001_000)
        if (candidate := _dpi_or_none(f"{serial:08d}")) and candidate not in known
    )
    kiosk = Kiosk(portal)
    wrong_date = kiosk.post("/accounts", account(dpi, born + timedelta(days=1))).json()
    not_in_renap = kiosk.post("/accounts", account(unknown, born)).json()
    assert wrong_date == not_in_renap
    assert (wrong_date["code"], wrong_date["field"]) == ("renap_mismatch", "birth_date")


def _dpi_or_none(serial: str) -> str | None:
    try:
        return make_dpi(serial, 1, 1)
    except ValueError:
        return None


def test_identity_checks_are_limited_per_kiosk(portal: PortalEndpoint) -> None:
    kiosk = Kiosk(portal)
    answers = [
        kiosk.post("/accounts", account(dpi, born - timedelta(days=1))).status_code
        for dpi, born in people(portal, 21)
    ]
    assert answers[:20] == [422] * 20 and answers[20] == 429
    # the next kiosk still checks
    [(dpi, born)] = people(portal, 1)
    assert Kiosk(portal).post("/accounts", account(dpi, born)).status_code == 201


def test_a_request_without_an_account_checks_the_payment_before_the_identity(
    portal: PortalEndpoint,
) -> None:
    kiosk = Kiosk(portal)
    order = kiosk.post("/payment-orders", {"concept": "antecedentes-penales"}).json()
    guest = {
        "dpi": DEMO_CLEAN.dpi,
        "birth_date": (DEMO_CLEAN.birth_date + timedelta(days=3)).isoformat(),  # wrong
        "first_names": DEMO_CLEAN.first_names,
        "last_names": DEMO_CLEAN.last_names,
        "payment": {"kind": "order", "order_id": order["id"]},
    }
    for _ in range(8):  # unpaid: the identity is never looked at, so never fails or locks
        answer = kiosk.post("/criminal-records/requests", guest)
        assert answer.json()["code"] == "order_not_paid"
    kiosk.http.post(f"/sandbox/bank/payment-orders/{order['reference']}/pay")
    answer = kiosk.post("/criminal-records/requests", guest)
    assert (answer.status_code, answer.json()["code"]) == (422, "renap_mismatch")


def test_a_log_in_for_an_unknown_account_takes_as_long_as_a_wrong_password(
    portal: PortalEndpoint,
) -> None:
    [(dpi, born)] = people(portal, 1)
    email = f"tiempo.{uuid.uuid4().hex[:8]}@ejemplo.gt"
    assert Kiosk(portal).post("/accounts", account(dpi, born, email)).status_code == 201

    def timed(login: str) -> float:
        kiosk = Kiosk(portal)  # a fresh kiosk: the per-kiosk limit stays out of it
        began = time.perf_counter()
        answer = kiosk.http.post("/sessions", json={"login": login, "password": "no es esta"})
        took = time.perf_counter() - began
        assert answer.json()["code"] == "invalid_credentials"
        return took

    wrong_password, unknown = [], []
    for n in range(7):  # interleaved, so a slow moment of the machine hits both alike
        wrong_password.append(timed(email))
        unknown.append(timed(f"nadie.{n}.{uuid.uuid4().hex[:6]}@ejemplo.gt"))
    known_ms, unknown_ms = statistics.median(wrong_password), statistics.median(unknown)
    print(f"\nlog-in medians: wrong password {known_ms * 1000:.1f} ms, "
          f"unknown account {unknown_ms * 1000:.1f} ms")  # fmt: skip
    assert 0.5 < unknown_ms / known_ms < 2.0  # was 1.5 ms against 40 ms


def test_serve_enrolls_the_demo_device_with_its_device_token(portal: PortalEndpoint) -> None:
    headers = {"X-Kiosk-Id": DEMO_KIOSK_ID, "X-Kiosk-Token": portal.device_token}
    assert httpx.get(f"{portal.url}/v1/services", headers=headers, timeout=10).status_code == 200
