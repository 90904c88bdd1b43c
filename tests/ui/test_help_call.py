"""«Llamar a un empleado»: a public kiosk calls the desks of its courthouse from any screen,
without losing what the visitor typed and without sending it; a signed-in desk shows the call
in its bar within its poll time, and «Voy» takes it off every desk. Real sandbox over HTTP, two
kiosks (a public one and a desk) on one event loop."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest
from desk_support import desk_settings, make_desk
from kiosk_driver import Driver
from PySide6.QtWidgets import QLabel, QWidget
from support.devices import enrolled_kiosk

from kiosk.embedded_portal import PortalEndpoint
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.sandbox.staff_users import DEMO_STAFF_PASSWORD
from kiosk.ui.desk.help_notices import HelpNotices, screen_words

MakeDriver = Callable[..., Driver]
WHERE = "Vestíbulo, primer nivel"
POLL = 2  # seconds: the config's least
SHOTS = Path("/tmp/shots14")


def calls_of(sandbox_dir: Path, kiosk_id: str) -> list[dict[str, Any]]:
    """What the portal holds of this kiosk's calls, every column."""
    with closing(sqlite3.connect(sandbox_dir / DATABASE_FILE, timeout=10)) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "SELECT * FROM help_requests WHERE kiosk_id = ? ORDER BY seq", (kiosk_id,)
        ).fetchall()
    return [dict(row) for row in rows]


@pytest.fixture
def other_kiosk(sandbox: PortalEndpoint) -> Iterator[httpx.Client]:
    """Another kiosk of the courthouse, and its clerk's desk, over plain HTTP."""
    headers = {"X-Kiosk-Id": enrolled_kiosk(sandbox), "X-Kiosk-Token": sandbox.device_token}
    with httpx.Client(base_url=f"{sandbox.url}/v1", headers=headers, timeout=15) as http:
        yield http


def staff_headers(http: httpx.Client, user: str = "jorge.perez") -> dict[str, str]:
    answer = http.post(
        "/staff/sessions",
        json={"user": user, "password": DEMO_STAFF_PASSWORD, "courthouse": "torre-tribunales"},
    )
    assert answer.status_code == 201, answer.text
    return {"X-Staff-Token": answer.json()["token"]}


def take_off(http: httpx.Client, calls: list[str]) -> None:
    """A clerk takes ``calls``: the session's other desk tests do not find them open."""
    headers = staff_headers(http)
    for call in calls:
        assert http.post(f"/help-requests/{call}/answer", headers=headers).status_code == 200


def notices_shown(desk: Driver) -> list[QWidget]:
    return [
        widget
        for widget in desk.shell.findChildren(QWidget)
        if widget.objectName().startswith("notice.help.") and widget.isVisible()
    ]


def notice_text(desk: Driver, call_id: str) -> str:
    words = desk.find(f"label.help.{call_id}")
    assert isinstance(words, QLabel)
    return words.text()


def to_the_dpi_question(kiosk: Driver) -> None:
    kiosk.tap("tile.antecedentes-penales")
    kiosk.tap("action.continue")
    kiosk.tap("field.mode.sin_registro")
    kiosk.tap("action.continue")
    kiosk.type("field.guest_dpi", DEMO_CLEAN.dpi)


def shoot(driver: Driver, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.settle(0.1)
    driver.shell.grab().save(str(SHOTS / f"{name}.png"))


def test_a_visitor_calls_a_clerk_who_answers_from_the_desk(
    make_driver: MakeDriver, sandbox_dir: Path, kiosk_id: str
) -> None:
    kiosk = make_driver(settings={"kiosk": {"location": WHERE}})
    desk = make_desk(make_driver, settings=desk_settings(desk={"help_poll_seconds": POLL}))
    assert kiosk.find("action.call_staff").isVisible()
    assert not desk.find("action.call_staff").isVisible()  # a desk does not call itself
    to_the_dpi_question(kiosk)
    assert kiosk.screen() == "screen.antecedentes-penales.guest_dpi"

    kiosk.tap("action.call_staff")
    kiosk.wait(lambda: kiosk.find("overlay.message").isVisible())
    assert kiosk.text("label.body") == (
        "Avisamos a la ventanilla. Un empleado vendrá a ayudarle aquí; puede seguir usando "
        "el quiosco."
    )
    shoot(kiosk, "help_call_sent")
    kiosk.tap("action.primary")
    assert not kiosk.find("overlay.message").isVisible()
    # the visitor goes on where they were, with what they typed
    assert kiosk.screen() == "screen.antecedentes-penales.guest_dpi"
    assert kiosk.text("field.guest_dpi").replace(" ", "") == DEMO_CLEAN.dpi

    (call,) = calls_of(sandbox_dir, kiosk_id)
    assert call["screen"] == "antecedentes-penales.guest_dpi"
    assert (call["courthouse"], call["location"]) == ("torre-tribunales", WHERE)
    assert call["answered_by"] is None
    for value in call.values():  # nothing of the visitor reached the portal
        assert DEMO_CLEAN.dpi not in str(value)

    notice = f"notice.help.{call['id']}"
    desk.wait(lambda: desk.exists(notice), timeout=POLL * 3)
    assert notice_text(desk, call["id"]) == (
        f"Quiosco {kiosk_id}: pide ayuda en Antecedentes Penales en línea › Número de DPI"
        f" · {WHERE} · hace menos de 1 min"
    )
    shoot(desk, "help_notice_desk")
    desk.tap(f"action.answer_help.{call['id']}")
    desk.wait(lambda: not desk.exists(notice))
    (taken,) = calls_of(sandbox_dir, kiosk_id)
    assert taken["answered_by"] == "ana.lopez"
    desk.settle(POLL + 0.5)  # the next round does not bring it back
    assert not desk.exists(notice)


def test_a_call_another_desk_takes_leaves_this_desk(
    make_driver: MakeDriver, other_kiosk: httpx.Client
) -> None:
    desk = make_desk(make_driver, settings=desk_settings(desk={"help_poll_seconds": POLL}))
    call = other_kiosk.post(
        "/help-requests", json={"courthouse": "torre-tribunales", "screen": "home"}
    ).json()["id"]
    desk.wait(lambda: desk.exists(f"notice.help.{call}"), timeout=POLL * 3)
    assert "pide ayuda en Inicio · hace" in notice_text(desk, call)  # no location: none shown
    answer = other_kiosk.post(f"/help-requests/{call}/answer", headers=staff_headers(other_kiosk))
    assert answer.status_code == 200
    desk.wait(lambda: not desk.exists(f"notice.help.{call}"), timeout=POLL * 3)


def test_voy_on_a_call_another_clerk_took_first_takes_it_off(
    make_driver: MakeDriver, other_kiosk: httpx.Client
) -> None:
    desk = make_desk(make_driver, settings=desk_settings(desk={"help_poll_seconds": 300}))
    notices = desk.shell.findChild(HelpNotices)
    assert isinstance(notices, HelpNotices)
    call = other_kiosk.post(
        "/help-requests", json={"courthouse": "torre-tribunales", "screen": "home"}
    ).json()["id"]
    rounds = notices.rounds
    notices.poll()
    desk.wait(lambda: notices.rounds > rounds)
    assert desk.exists(f"notice.help.{call}")
    other_kiosk.post(f"/help-requests/{call}/answer", headers=staff_headers(other_kiosk))
    desk.tap(f"action.answer_help.{call}")  # before this desk's next round
    desk.wait(lambda: not desk.exists(f"notice.help.{call}"))


def test_signing_out_stops_asking_and_clears_the_calls(
    make_driver: MakeDriver, other_kiosk: httpx.Client
) -> None:
    desk = make_desk(make_driver, settings=desk_settings(desk={"help_poll_seconds": POLL}))
    notices = desk.shell.findChild(HelpNotices)
    assert isinstance(notices, HelpNotices)
    call = other_kiosk.post(
        "/help-requests", json={"courthouse": "torre-tribunales", "screen": "home"}
    ).json()["id"]
    desk.wait(lambda: desk.exists(f"notice.help.{call}"), timeout=POLL * 3)
    desk.tap("action.sign_out")
    desk.wait(lambda: desk.screen() == "screen.desk.sign_in")
    assert not notices.timer.isActive()
    assert not notices.notices and not desk.exists(f"notice.help.{call}")
    take_off(other_kiosk, [call])


def test_when_the_portal_cannot_be_reached_the_visitor_is_sent_to_the_desk(
    make_driver: MakeDriver,
) -> None:
    kiosk = make_driver(portal_url="http://127.0.0.1:9", catalog=False)
    kiosk.tap("action.call_staff")
    kiosk.wait(lambda: kiosk.find("overlay.message").isVisible())
    assert kiosk.text("label.body") == (
        "No pudimos avisar a la ventanilla. Acérquese a la ventanilla de atención, por favor."
    )
    assert kiosk.find("action.call_staff").isEnabled()  # the visitor may try again


def test_a_double_tap_calls_once(
    make_driver: MakeDriver, sandbox_dir: Path, kiosk_id: str, other_kiosk: httpx.Client
) -> None:
    kiosk = make_driver()
    button = kiosk.find("action.call_staff")
    button.click()  # type: ignore[attr-defined]
    button.click()  # type: ignore[attr-defined]
    kiosk.wait(lambda: kiosk.find("overlay.message").isVisible())
    (call,) = calls_of(sandbox_dir, kiosk_id)
    assert call["screen"] == "home"
    take_off(other_kiosk, [call["id"]])


def test_a_desk_shows_the_oldest_calls_and_counts_the_others(
    make_driver: MakeDriver, sandbox: PortalEndpoint, other_kiosk: httpx.Client
) -> None:
    desk = make_desk(make_driver, settings=desk_settings(desk={"help_poll_seconds": POLL}))
    calls = []
    for _ in range(4):
        headers = {"X-Kiosk-Id": enrolled_kiosk(sandbox), "X-Kiosk-Token": sandbox.device_token}
        answer = httpx.post(
            f"{sandbox.url}/v1/help-requests",
            json={"courthouse": "torre-tribunales", "screen": "home"},
            headers=headers,
            timeout=15,
        )
        calls.append(answer.json()["id"])
    desk.wait(lambda: desk.find("label.help.more").isVisible(), timeout=POLL * 3)
    assert desk.text("label.help.more").startswith("Y ")
    assert len(notices_shown(desk)) == 2
    assert all(  # the count under the notices
        desk.find("label.help.more").y() > notice.y() for notice in notices_shown(desk)
    )
    assert not desk.exists(f"notice.help.{calls[-1]}")  # the newest waits its turn
    shoot(desk, "help_notices_more")
    take_off(other_kiosk, calls)
    desk.wait(lambda: not any(desk.exists(f"notice.help.{call}") for call in calls))


def test_a_screen_name_in_a_clerks_words() -> None:
    assert screen_words("antecedentes-penales.guest_birth_date") == (
        "Antecedentes Penales en línea › Fecha de nacimiento"
    )
    assert screen_words("antecedentes-penales.guest_names") == (
        "Antecedentes Penales en línea › ¿Cuáles son sus nombres y apellidos?"
    )
    assert screen_words("antecedentes-penales.no_such_step") == "Antecedentes Penales en línea"
    assert screen_words("home") == "Inicio"
    assert screen_words("desk.sign_in") == "desk.sign_in"
