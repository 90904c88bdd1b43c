"""Solicitud de Información Pública in the sandbox: a request received once per Idempotency-Key with
its folio and its dates on the working days of the kiosk's municipality, read back by folio with
the requester by initials only, every input checked (a 4xx naming the field, never a 500), the
rate limits, and the seed at real volume (deterministic, every department, indexed, fast)."""

from __future__ import annotations

import hashlib
import json
import random
import re
import sqlite3
import statistics
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.devices import enroll, enrolled_kiosk
from support.schema_db import schema_db

from kiosk.embedded_portal import PortalEndpoint
from kiosk.formats import GUATEMALA
from kiosk.identity import validate_dpi
from kiosk.portal.client import PortalClient, new_idempotency_key
from kiosk.portal.errors import PortalNotFound, PortalRateLimited
from kiosk.portal.models.public_information import (
    PUBLIC_INFORMATION_REQUEST,
    SUBMIT_PUBLIC_INFORMATION,
    DeliveryMethod,
    PublicInformationRequest,
    PublicInformationRequestCreate,
    PublicInformationStatus,
)
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.public_information_data import (
    DEMO_ANSWERED,
    DEMO_ANSWERED_FOLIO,
    DEMO_DENIED_FOLIO,
    DEMO_EXTENDED,
    DEMO_IN_PROGRESS,
    DEMO_REFERRED_FOLIO,
    DEMO_REQUESTS,
    DEMO_UNKNOWN_FOLIO,
)
from kiosk.sandbox.public_information_seed import REQUESTS, seed_requests
from kiosk.sandbox.services.public_information import SCHEMA, SERVICE, demo_folio, refresh_demo
from kiosk.working_days import SEAT, WorkingDays

ANCHOR = date(2026, 3, 1)
SEED = 7
S = PublicInformationStatus
NAME = "Rosa Elena Cruz Reyes"
TEXT = "Solicito el número de sentencias dictadas por los juzgados de paz de Sololá en 2025."


def fresh(path: Path | str = ":memory:") -> sqlite3.Connection:
    return schema_db(SCHEMA, path)


def seeded(
    path: Path | str = ":memory:", *, seed: int = SEED, count: int = 300
) -> sqlite3.Connection:
    conn = fresh(path)
    with conn:
        seed_requests(conn, SERVICE.rng(seed), ANCHOR, count=count)
        refresh_demo(conn, ANCHOR)
    return conn


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    """The real volume, seeded as the sandbox does it (one transaction, on disk)."""
    conn = fresh(tmp_path_factory.mktemp("public-information") / "portal.sqlite3")
    conn.execute("PRAGMA journal_mode = WAL")
    started = time.perf_counter()
    with conn:
        seed_requests(conn, SERVICE.rng(SEED), ANCHOR)
    print(f"\npublic information requests seeded in {time.perf_counter() - started:.2f} s")
    with conn:
        refresh_demo(conn, ANCHOR)
    yield conn
    conn.close()


@pytest.fixture
def portal_db(sandbox: PortalEndpoint, sandbox_dir: Path) -> Iterator[sqlite3.Connection]:
    """The session sandbox's own database, read-only."""
    conn = sqlite3.connect(f"file:{sandbox_dir / DATABASE_FILE}?mode=ro", uri=True)
    yield conn
    conn.close()


@pytest.fixture
def http(sandbox: PortalEndpoint, kiosk_id: str) -> Iterator[httpx.Client]:
    headers = {"X-Kiosk-Id": kiosk_id, "X-Kiosk-Token": sandbox.device_token}
    with httpx.Client(base_url=f"{sandbox.url}/v1", headers=headers, timeout=15) as client:
        yield client


def unique_email() -> str:
    """Each test its own requester: the per-contact limit counts across the session."""
    return f"prueba.{uuid.uuid4().hex[:10]}@ejemplo.gt"


def body(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "information": TEXT,
        "delivery": "email",
        "name": NAME,
        "email": unique_email(),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post(http: httpx.Client, data: dict[str, Any] | str, key: str | None = None) -> httpx.Response:
    headers = {"Idempotency-Key": key or new_idempotency_key(), "Content-Type": "application/json"}
    content = data if isinstance(data, str) else json.dumps(data)
    return http.post("/public-information-requests", content=content, headers=headers)


def problem(response: httpx.Response) -> tuple[int, str, str | None]:
    assert response.headers["content-type"] == "application/problem+json", response.text
    found = response.json()
    assert found["detail"]  # Spanish words, never empty
    return response.status_code, found["code"], found.get("field")


# --- a request received over HTTP -----------------------------------------------------------------


def test_a_request_gets_a_folio_and_its_dates_on_working_days(
    http: httpx.Client, kiosk_id: str, portal_db: sqlite3.Connection
) -> None:
    email = unique_email()
    before = datetime.now(GUATEMALA)
    response = post(http, body(email=email, dpi="2468135710101"))
    assert response.status_code == 201 and response.headers["Idempotent-Replayed"] == "false"
    made = PublicInformationRequest.model_validate_json(response.text)
    assert re.fullmatch(r"UIP-[0-9]{4}-[0-9]{6}", made.folio)
    assert made.folio.startswith(f"UIP-{made.received_at.year}-")
    assert made.status is S.RECEIVED and made.answered_on is None
    assert made.received_at.utcoffset() == timedelta(hours=-6)
    assert before - timedelta(seconds=2) <= made.received_at <= datetime.now(GUATEMALA)
    received = made.received_at.date()
    # ten working days from the day after, then ten more: Guatemala City's calendar
    days = WorkingDays(SEAT)
    assert made.due_on == days.add(received, 10)
    assert made.extended_due_on == days.add(made.due_on, 10)
    assert days.count(received, made.due_on) == 10 and made.due_on.weekday() < 5
    assert timedelta(days=12) <= made.due_on - received <= timedelta(days=30)
    assert made.calendar_place == "Guatemala, Guatemala"
    assert (made.answer_days, made.extension_days, made.appeal_days) == (10, 10, 15)
    # who asked: initials and a masked contact, never the name, the email or the DPI
    assert (
        made.requester_initials == "R. E. C. R." and made.contact == "p•••@" + email.split("@")[1]
    )
    for secret in (NAME, "Rosa", "Reyes", email, email.split("@")[0], "2468135710101"):
        assert secret not in response.text
    read = http.get(f"/public-information-requests/{made.folio}")
    assert (
        read.status_code == 200 and PublicInformationRequest.model_validate_json(read.text) == made
    )
    # the portal keeps what it needs to answer, and which kiosk received it
    year, sequence = int(made.folio[4:8]), int(made.folio[9:])
    row = portal_db.execute(
        "SELECT name, email, dpi, kiosk_id, department, municipality "
        "FROM public_information_requests WHERE year = ? AND sequence = ?",
        (year, sequence),
    ).fetchone()
    assert row == (NAME, email, "2468135710101", kiosk_id, 1, 1)


def test_a_phone_contact_and_a_pickup(http: httpx.Client) -> None:
    response = post(http, body(email=None, phone="55123456", delivery="printed_copy"))
    assert response.status_code == 201, response.text
    made = PublicInformationRequest.model_validate_json(response.text)
    assert made.contact == "••••-3456" and made.delivery is DeliveryMethod.PRINTED_COPY
    assert "55123456" not in response.text


def test_folios_follow_one_another(http: httpx.Client) -> None:
    first, second = (
        PublicInformationRequest.model_validate_json(post(http, body()).text) for _ in range(2)
    )
    assert first.folio[:9] == second.folio[:9]
    assert int(second.folio[9:]) == int(first.folio[9:]) + 1


def test_the_kiosk_municipality_gives_the_calendar(
    sandbox: PortalEndpoint, sandbox_dir: Path
) -> None:
    """A kiosk in Quetzaltenango counts Quetzaltenango's days off (its feria, 7 October)."""
    kiosk = enrolled_kiosk(sandbox_dir, "GT-QUE", token=sandbox.device_token)
    with closing(sqlite3.connect(sandbox_dir / DATABASE_FILE, timeout=10)) as conn, conn:
        conn.execute("INSERT INTO public_information_kiosk_places VALUES (?, 9, 1)", (kiosk,))
    headers = {"X-Kiosk-Id": kiosk, "X-Kiosk-Token": sandbox.device_token}
    with httpx.Client(base_url=f"{sandbox.url}/v1", headers=headers, timeout=15) as http:
        made = PublicInformationRequest.model_validate_json(post(http, body()).text)
    assert made.calendar_place == "Quetzaltenango, Quetzaltenango"
    xela = WorkingDays((9, 1))
    assert made.due_on == xela.add(made.received_at.date(), 10)
    assert made.extended_due_on == xela.add(made.due_on, 10)


# --- Idempotency-Key ------------------------------------------------------------------------------


def test_the_same_key_gives_the_same_request_once(
    http: httpx.Client, portal_db: sqlite3.Connection
) -> None:
    key, data = new_idempotency_key(), body()
    first = post(http, data, key)
    again = post(http, data, key)
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true" and again.json() == first.json()
    stored = portal_db.execute(
        "SELECT COUNT(*) FROM public_information_requests WHERE email = ?", (data["email"],)
    ).fetchone()
    assert stored == (1,)


def test_the_same_key_with_another_body_is_refused(http: httpx.Client) -> None:
    key = new_idempotency_key()
    assert post(http, body(), key).status_code == 201
    other = post(http, body(information=TEXT + " Y también en 2024."), key)
    assert problem(other) == (422, "idempotency_key_reused", None)


def test_a_request_without_its_key_is_refused(http: httpx.Client) -> None:
    response = http.post("/public-information-requests", json=body())
    assert problem(response)[:2] == (400, "idempotency_key_required")


# --- every input checked --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"information": "corto"}, (422, "invalid_input", "information")),
        ({"information": "1234567890 12345"}, (422, "information_invalid", "information")),
        ({"information": TEXT + "\u0000"}, (422, "information_invalid", "information")),
        ({"information": "x" * 1001}, (422, "invalid_input", "information")),
        ({"name": "R2-D2 Robot"}, (422, "name_invalid", "name")),
        ({"name": ""}, (422, "invalid_input", "name")),
        ({"email": "sin-arroba.gt"}, (422, "email_invalid", "email")),
        ({"email": None}, (422, "email_required", "email")),
        ({"email": None, "delivery": "inspection"}, (422, "contact_required", "email")),
        ({"phone": "1234567"}, (422, "invalid_input", "phone")),
        ({"phone": "12345678"}, (422, "phone_invalid", "phone")),
        ({"phone": "٥٥١٢٣٤٥٦"}, (422, "invalid_input", "phone")),  # other digits: no phone
        ({"dpi": "2468135720101"}, (422, "dpi_invalid", "dpi")),  # its check digit
        ({"delivery": "fax"}, (422, "invalid_input", "delivery")),
        ({"delivery": 1}, (422, "invalid_input", "delivery")),
        ({"extra": "field"}, (422, "invalid_input", "extra")),
    ],
)
def test_a_bad_input_is_refused_naming_its_field(
    http: httpx.Client, changes: dict[str, Any], expected: tuple[int, str, str]
) -> None:
    data = body()
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    assert problem(post(http, data)) == expected


def test_a_lone_surrogate_is_refused_not_a_crash(http: httpx.Client) -> None:
    raw = (
        '{"information": "Solicito los datos \\ud800 de 2025", "delivery": "email", '
        f'"name": "{NAME}", "email": "{unique_email()}"}}'
    )
    assert problem(post(http, raw)) == (422, "invalid_input", "information")
    assert problem(post(http, "{not json"))[:2] == (422, "invalid_input")


def test_a_folio_is_read_only_in_its_shape(http: httpx.Client) -> None:
    for folio in ("2026-004812", "UIP-26-4812", "uip-2026-004812", "UIP-٢٠٢٦-004812"):
        assert problem(http.get(f"/public-information-requests/{folio}")) == (
            422, "folio_invalid", "folio",
        )  # fmt: skip
    assert problem(http.get(f"/public-information-requests/{DEMO_UNKNOWN_FOLIO}")) == (
        404, "request_not_found", "folio",
    )  # fmt: skip


# --- the demo requests ----------------------------------------------------------------------------


async def test_the_demo_requests_read_by_folio(client: PortalClient) -> None:
    today = datetime.now(GUATEMALA).date()
    open_folio = demo_folio(DEMO_IN_PROGRESS, today)
    found = await client.call(PUBLIC_INFORMATION_REQUEST, path={"folio": open_folio})
    assert found.status is S.IN_PROGRESS and found.requester_initials == "M. J. P. L."
    assert found.received_at.date() == WorkingDays(SEAT).subtract(today, 2)
    assert found.due_on > today
    extended = await client.call(
        PUBLIC_INFORMATION_REQUEST, path={"folio": demo_folio(DEMO_EXTENDED, today)}
    )
    assert extended.status is S.EXTENDED and extended.due_on < today < extended.extended_due_on
    assert extended.calendar_place == "Quetzaltenango, Quetzaltenango"
    assert extended.contact == "••••-3456"
    answered = await client.call(PUBLIC_INFORMATION_REQUEST, path={"folio": DEMO_ANSWERED_FOLIO})
    # hand-counted: received Monday 6 October 2025 in Cobán; 20 October is a holiday
    assert (answered.due_on, answered.extended_due_on) == (date(2025, 10, 21), date(2025, 11, 4))
    assert answered.status is S.ANSWERED and answered.answered_on == DEMO_ANSWERED.answered_on
    denied = await client.call(PUBLIC_INFORMATION_REQUEST, path={"folio": DEMO_DENIED_FOLIO})
    # received Monday 1 September 2025: 15 September does not count
    assert (denied.due_on, denied.extended_due_on) == (date(2025, 9, 16), date(2025, 9, 30))
    assert denied.status is S.DENIED
    referred = await client.call(PUBLIC_INFORMATION_REQUEST, path={"folio": DEMO_REFERRED_FOLIO})
    assert referred.status is S.REFERRED and referred.requester_initials == "J. L. H. L."
    with pytest.raises(PortalNotFound):
        await client.call(PUBLIC_INFORMATION_REQUEST, path={"folio": DEMO_UNKNOWN_FOLIO})


def test_the_open_demo_stays_open_at_every_start() -> None:
    conn = seeded()
    later = date(2030, 1, 7)  # a Monday, years after the anchor: a restart
    with conn:
        refresh_demo(conn, later)
    rows = conn.execute(
        "SELECT year, sequence, status, received_at, due_on, extended_due_on "
        "FROM public_information_requests WHERE demo IS NOT NULL ORDER BY sequence"
    ).fetchall()
    assert [r[1] for r in rows] == [demo.sequence for demo in DEMO_REQUESTS]
    year, _, status, received, due, extended = rows[0]
    assert status == "in_progress" and date.fromisoformat(due) > later
    assert f"UIP-{year}-900001" == demo_folio(DEMO_IN_PROGRESS, later)
    assert WorkingDays(SEAT).count(datetime.fromisoformat(received).date(), later) == 2
    _, _, status, _, due, extended = rows[1]
    assert status == "extended" and date.fromisoformat(due) < later < date.fromisoformat(extended)
    with conn:  # once more: still five, never twice
        refresh_demo(conn, later)
    assert conn.execute(
        "SELECT COUNT(*) FROM public_information_requests WHERE demo IS NOT NULL"
    ).fetchone() == (len(DEMO_REQUESTS),)


# --- limits ---------------------------------------------------------------------------------------


async def test_requests_are_limited_per_kiosk(client: PortalClient) -> None:
    replayed = new_idempotency_key()
    first = PublicInformationRequestCreate.model_validate(body())
    made = await client.call(SUBMIT_PUBLIC_INFORMATION, body=first, idempotency_key=replayed)
    for _ in range(19):
        data = PublicInformationRequestCreate.model_validate(body())
        await client.call(
            SUBMIT_PUBLIC_INFORMATION, body=data, idempotency_key=new_idempotency_key()
        )
    data = PublicInformationRequestCreate.model_validate(body())
    with pytest.raises(PortalRateLimited) as err:
        await client.call(
            SUBMIT_PUBLIC_INFORMATION, body=data, idempotency_key=new_idempotency_key()
        )
    assert err.value.retry_after > 0 and "Espere" in (err.value.detail or "")
    # a retry of a request already made is no new request: it still gets its folio
    again = await client.call(SUBMIT_PUBLIC_INFORMATION, body=first, idempotency_key=replayed)
    assert again == made


async def test_requests_are_limited_per_contact_from_every_kiosk(
    sandbox: PortalEndpoint, sandbox_dir: Path
) -> None:
    email = unique_email()
    for index in range(21):
        kiosk = enrolled_kiosk(sandbox_dir, "GT-CONTACT", token=sandbox.device_token)
        async with PortalClient(sandbox.url, kiosk_id=kiosk, kiosk_token=sandbox.device_token) as c:
            data = PublicInformationRequestCreate.model_validate(body(email=email))
            call = c.call(
                SUBMIT_PUBLIC_INFORMATION, body=data, idempotency_key=new_idempotency_key()
            )
            if index < 20:
                await call
                continue
            with pytest.raises(PortalRateLimited) as err:
                await call
    assert "correo o teléfono" in (err.value.detail or "")


async def test_folio_lookups_are_limited_per_kiosk(client: PortalClient) -> None:
    for _ in range(30):
        await client.call(PUBLIC_INFORMATION_REQUEST, path={"folio": DEMO_ANSWERED_FOLIO})
    with pytest.raises(PortalRateLimited):
        await client.call(PUBLIC_INFORMATION_REQUEST, path={"folio": DEMO_ANSWERED_FOLIO})


# --- speed over HTTP ------------------------------------------------------------------------------


async def test_reads_and_requests_answer_in_milliseconds(
    sandbox: PortalEndpoint, portal_db: sqlite3.Connection
) -> None:
    folios = [
        f"UIP-{year}-{sequence:06d}"
        for year, sequence in portal_db.execute(
            "SELECT year, sequence FROM public_information_requests WHERE pk % 17 = 0 LIMIT 300"
        )
    ]
    reads: list[float] = []
    writes: list[float] = []
    for start in range(0, len(folios), 25):  # a fresh kiosk every 25: the limits are per kiosk
        kiosk = enroll(sandbox, f"BENCH-UIP-{uuid.uuid4().hex[:8]}")
        async with PortalClient(sandbox.url, kiosk_id=kiosk, kiosk_token=sandbox.device_token) as c:
            for folio in folios[start : start + 25]:
                began = time.perf_counter()
                await c.call(PUBLIC_INFORMATION_REQUEST, path={"folio": folio})
                reads.append(time.perf_counter() - began)
            for _ in range(3):
                data = PublicInformationRequestCreate.model_validate(body())
                began = time.perf_counter()
                await c.call(
                    SUBMIT_PUBLIC_INFORMATION, body=data, idempotency_key=new_idempotency_key()
                )
                writes.append(time.perf_counter() - began)
    for what, times in (("reads by folio", reads), ("requests", writes)):
        p95 = statistics.quantiles(times, n=20)[-1] * 1000
        print(f"\n{len(times)} {what} over HTTP: median {statistics.median(times) * 1000:.1f} ms, "
              f"p95 {p95:.1f} ms")  # fmt: skip
        assert p95 < 250  # generous: a loaded CI machine; a few ms when idle
    assert len(reads) >= 250


# --- the seed at real volume ----------------------------------------------------------------------


def test_thousands_of_requests_in_every_department_and_state(full: sqlite3.Connection) -> None:
    generated = full.execute(
        "SELECT COUNT(*) FROM public_information_requests WHERE demo IS NULL"
    ).fetchone()[0]
    assert generated == REQUESTS
    departments = {d for (d,) in full.execute("SELECT department FROM public_information_requests")}
    assert departments == set(range(1, 23))
    states = Counter(s for (s,) in full.execute("SELECT status FROM public_information_requests"))
    assert set(states) == set(S)
    assert states[S.ANSWERED.value] > REQUESTS / 2
    deliveries = {d for (d,) in full.execute("SELECT delivery FROM public_information_requests")}
    assert deliveries == {method.value for method in DeliveryMethod}


def test_folios_are_numbered_in_order_within_each_year(full: sqlite3.Connection) -> None:
    by_year: dict[int, list[tuple[int, str]]] = {}
    for year, sequence, received in full.execute(
        "SELECT year, sequence, received_at FROM public_information_requests WHERE demo IS NULL"
    ):
        assert int(received[:4]) == year
        by_year.setdefault(year, []).append((sequence, received))
    assert set(by_year) == {2024, 2025, 2026}
    for rows in by_year.values():
        rows.sort()
        assert [sequence for sequence, _ in rows] == list(range(1, len(rows) + 1))
        assert [received for _, received in rows] == sorted(received for _, received in rows)


def test_every_date_is_counted_on_its_municipality_s_working_days(full: sqlite3.Connection) -> None:
    calendars: dict[tuple[int, int], WorkingDays] = {}
    for dept, muni, received, due, extended, status, answered in full.execute(
        "SELECT department, municipality, received_at, due_on, extended_due_on, status, "
        "answered_on FROM public_information_requests"
    ):
        days = calendars.setdefault((dept, muni), WorkingDays((dept, muni)))
        received_on = datetime.fromisoformat(received).date()
        assert date.fromisoformat(due) == days.add(received_on, 10)
        assert date.fromisoformat(extended) == days.add(date.fromisoformat(due), 10)
        open_ = status in ("received", "in_progress", "extended")
        assert (answered is None) == open_
        if answered is not None:
            assert received_on < date.fromisoformat(answered) <= max(ANCHOR, received_on)


def test_the_requesters_are_people_with_a_contact(full: sqlite3.Connection) -> None:
    rows = full.execute(
        "SELECT name, email, phone, dpi, delivery FROM public_information_requests"
    ).fetchall()
    assert all(len(name.split()) >= 3 for name, *_ in rows)
    assert all((email is None) != (phone is None) for _, email, phone, _, _ in rows)
    assert all(delivery != "email" or email for _, email, _, _, delivery in rows)
    with_dpi = [dpi for *_, dpi, _ in rows if dpi]
    assert 0.2 < len(with_dpi) / len(rows) < 0.4
    assert all(validate_dpi(dpi) == dpi for dpi in with_dpi)


def test_the_searches_use_indexes(full: sqlite3.Connection) -> None:
    for sql, params in (
        ("SELECT * FROM public_information_requests WHERE year = ? AND sequence = ?", (2025, 7)),
        (
            "SELECT max(sequence) FROM public_information_requests WHERE year = ? AND sequence < ?",
            (2026, 900001),
        ),
        ("DELETE FROM public_information_requests WHERE demo IS NOT NULL", ()),
        ("SELECT * FROM public_information_kiosk_places WHERE kiosk_id = ?", ("GT-QUE-0001",)),
    ):
        plan = " ".join(row[3] for row in full.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "SCAN" not in plan and "USING" in plan, plan


def test_the_same_seed_gives_the_same_rows(tmp_path: Path) -> None:
    def digest(conn: sqlite3.Connection) -> str:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()

    first = digest(seeded())
    assert first == digest(seeded(tmp_path / "again.sqlite3"))
    assert first != digest(seeded(seed=SEED + 1))
    random.seed(12345)  # the global generator plays no part
    assert digest(seeded()) == first


def test_seeding_the_real_volume_is_fast(tmp_path: Path) -> None:
    conn = fresh(tmp_path / "timed.sqlite3")
    started = time.perf_counter()
    with conn:
        seed_requests(conn, SERVICE.rng(SEED), ANCHOR)
    took = time.perf_counter() - started
    print(f"\n{REQUESTS} public information requests seeded in {took:.2f} s")
    assert took < 2.0
