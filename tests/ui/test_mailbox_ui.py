"""Casillero Electrónico through the kiosk's screens, by object names, against the sandbox over
HTTP: log in and read the box (new ones marked, «Ver más»), open a notification (the deadline
rule said first, the copies to collect at the court), read at the portal too; a log-in of
Antecedentes Penales reused; «Cerrar sesión» and the idle wipe end the token at the portal and
leave nothing behind; a wrong password, an empty box, the portal down and the printer down,
each with a message and a way on."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest
from faults import PortalProxy
from kiosk_driver import Driver
from leftovers import assert_nothing_left
from PySide6.QtWidgets import QWidget
from record_visit import begin, failure, here, shown, text_here
from record_visit import reach as reach_criminal_record
from support.people import person_without_account

from kiosk import formats
from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient, new_idempotency_key
from kiosk.portal.errors import PortalUnauthorized
from kiosk.portal.models import AccountCreate
from kiosk.portal.models.mailbox import NOTIFICATION, NOTIFICATIONS, Notification
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.demo import DEMO_ACCOUNT_EMAIL, DEMO_ACCOUNT_PASSWORD
from kiosk.sandbox.services.mailbox import (
    DEMO_COPIES_ID,
    DEMO_HEARING_ID,
    DEMO_RULING_ID,
    refresh_demo,
)

MakeDriver = Callable[..., Driver]
T = TypeVar("T")
SERVICE = "casillero-electronico"
TILE = f"tile.{SERVICE}"
DEMO_UNREAD = {DEMO_COPIES_ID, DEMO_HEARING_ID, DEMO_RULING_ID}
NO_PORTAL = "No hay conexión con el portal del Organismo Judicial en este momento."


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def reach(kiosk: Driver, step: str, timeout: float = 15) -> None:
    try:
        kiosk.wait(lambda: kiosk.screen() == screen(step), timeout)
    except AssertionError:
        raise AssertionError(f"still on {kiosk.screen()}, not {step}: {shown(kiosk)}") from None


def log_in(
    kiosk: Driver, login: str = DEMO_ACCOUNT_EMAIL, password: str = DEMO_ACCOUNT_PASSWORD
) -> None:
    kiosk.tap(TILE)
    reach(kiosk, "login")
    kiosk.type("field.login", login)
    kiosk.type("field.login_password", password)
    kiosk.tap("action.continue")


def rows(kiosk: Driver) -> dict[str, str]:
    """The box's lines on screen: notification id -> its words."""
    current = kiosk.shell.current_screen
    assert current is not None
    found = {}
    for widget in current.findChildren(QWidget):
        name = widget.objectName()
        if name.startswith("action.select."):
            found[name.removeprefix("action.select.")] = text_here(kiosk, name)
    return found


def as_this_kiosk(
    kiosk: Driver,
    sandbox: PortalEndpoint,
    kiosk_id: str,
    work: Callable[[PortalClient], Awaitable[T]],
) -> T:
    """The portal reached with the kiosk's own id: a visitor's token is good only there."""

    async def run() -> T:
        async with PortalClient(
            sandbox.url, kiosk_id=kiosk_id, kiosk_token=sandbox.device_token
        ) as client:
            return await work(client)

    return kiosk.run(run())


def refused_soon(kiosk: Driver, sandbox: PortalEndpoint, kiosk_id: str, token: str) -> bool:
    """Whether the portal refuses ``token`` within a few seconds (a log-out runs in the
    background, after the screen has moved on)."""
    for _ in range(50):
        try:
            as_this_kiosk(kiosk, sandbox, kiosk_id, lambda c: c.call(NOTIFICATIONS, token=token))
        except PortalUnauthorized:
            return True
        kiosk.settle(0.2)
    return False


@pytest.fixture
def demo_box(sandbox: PortalEndpoint, sandbox_dir: Path) -> None:
    """The demo box as every start of the sandbox leaves it (another test may have read it)."""
    database = sandbox_dir / DATABASE_FILE
    with contextlib.closing(sqlite3.connect(database, timeout=10)) as conn, conn:
        refresh_demo(conn, formats.now().date())


# --- the box and a notification ----------------------------------------------------------------


def test_log_in_read_the_box_and_open_a_notification_read_at_the_portal_too(
    make_driver: MakeDriver, demo_box: None, sandbox: PortalEndpoint, kiosk_id: str
) -> None:
    kiosk = make_driver()
    log_in(kiosk)
    reach(kiosk, "results")
    assert "Sin leer: 3 de 12" in text_here(kiosk, "label.searched")
    assert "no cambia ningún plazo" in text_here(kiosk, "label.searched")
    box = rows(kiosk)
    assert len(box) == 10 and {i for i, words in box.items() if words.startswith("Nueva")} == (
        DEMO_UNREAD
    )
    assert "Tiene copias que debe recoger en el juzgado" in box[DEMO_COPIES_ID]
    for name in box:
        assert here(kiosk, f"action.select.{name}").height() >= 64  # a target for a finger
    kiosk.tap("action.more")  # «Ver más»: the two older ones join the list
    kiosk.wait(lambda: len(rows(kiosk)) == 12)
    current = kiosk.shell.current_screen
    assert current is not None and current.findChild(QWidget, "action.more") is None  # all here

    kiosk.tap(f"action.select.{DEMO_COPIES_ID}")
    reach(kiosk, "record")
    assert "01023-2026-00412" in text_here(kiosk, "value.heading")
    assert text_here(kiosk, "value.deadline") == "Leerla aquí no cambia ningún plazo."
    assert "artículo 8" in text_here(kiosk, "hint.deadline")
    assert kiosk.in_view("value.deadline")  # said first, seen without scrolling
    assert text_here(kiosk, "value.kind") == "Decreto"
    assert "trámite" in text_here(kiosk, "hint.kind")
    assert here(kiosk, "section.copies").isVisible()
    assert "(24 hojas)" in text_here(kiosk, "value.copy.0")
    assert "artículo 10" in text_here(kiosk, "note.copies")
    assert "J. C. G. H." in text_here(kiosk, "value.text.0")
    assert "García" not in shown(kiosk)
    assert here(kiosk, "action.print").isVisible()
    assert kiosk.find("action.continue").text() == "Terminar"

    login = kiosk.ui.session.login
    assert login is not None
    read = as_this_kiosk(
        kiosk,
        sandbox,
        kiosk_id,
        lambda c: c.call(NOTIFICATION, path={"notification_id": DEMO_COPIES_ID}, token=login.token),
    )
    assert isinstance(read, Notification) and read.read_at is not None  # read at the portal
    assert text_here(kiosk, "value.read_at") == formats.day_and_clock(read.read_at)

    kiosk.tap("action.back")
    assert kiosk.screen() == screen("results")
    kiosk.tap("action.home")  # the box again, in the same visit: no log-in asked
    kiosk.tap(TILE)
    reach(kiosk, "results")
    assert "Sin leer: 2 de 12" in text_here(kiosk, "label.searched")
    assert not rows(kiosk)[DEMO_COPIES_ID].startswith("Nueva")


def test_a_wrong_password_says_what_to_do_and_keeps_what_was_typed(
    make_driver: MakeDriver,
) -> None:
    kiosk = make_driver()
    nobody = f"nadie.{uuid.uuid4().hex[:8]}@ejemplo.gt"
    log_in(kiosk, nobody, "no-es-la-clave")
    said = failure(kiosk)
    assert "o la contraseña, no son correctos" in said and "ventanilla" in said
    assert not here(kiosk, "action.retry").isVisible()  # the same again would fail the same
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("login")
    assert text_here(kiosk, "field.login") == nobody
    assert kiosk.ui.session.login is None


def test_an_empty_box_says_so_and_the_way_on(make_driver: MakeDriver, sandbox_dir: Path) -> None:
    kiosk = make_driver()
    with contextlib.closing(sqlite3.connect(sandbox_dir / DATABASE_FILE)) as conn:
        owners = {o for (o,) in conn.execute("SELECT owner_dpi FROM mailbox_notifications")}
    person = next(
        p for p in (person_without_account(sandbox_dir) for _ in range(50)) if p.dpi not in owners
    )
    email, password = f"vacio.{uuid.uuid4().hex[:8]}@ejemplo.gt", "el volcán de agua al amanecer"

    data = AccountCreate(
        dpi=person.dpi, birth_date=person.birth_date, email=email, password=password
    )
    kiosk.run(kiosk.ui.context.client.create_account(data, idempotency_key=new_idempotency_key()))
    log_in(kiosk, email, password)
    reach(kiosk, "results")
    assert "no tiene notificaciones" in text_here(kiosk, "label.empty")
    assert kiosk.find("action.finish").isVisible() and kiosk.find("action.home").isVisible()


# --- one log-in a visit ------------------------------------------------------------------------


def test_a_log_in_made_in_antecedentes_is_reused_here(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    begin(kiosk, "con_cuenta")
    kiosk.type("field.login", DEMO_ACCOUNT_EMAIL)
    kiosk.type("field.login_password", DEMO_ACCOUNT_PASSWORD)
    kiosk.tap("action.continue")
    reach_criminal_record(kiosk, "pay_method")
    kiosk.tap("action.home")
    seen: list[str] = []
    kiosk.tap(TILE)
    kiosk.wait(lambda: seen.append(kiosk.screen()) or kiosk.screen() == screen("results"))
    assert screen("login") not in seen  # nothing asked again
    assert DEMO_ACCOUNT_PASSWORD not in shown(kiosk)


def test_a_log_in_made_here_is_reused_by_antecedentes(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    log_in(kiosk)
    reach(kiosk, "results")
    kiosk.tap("action.home")
    seen: list[str] = []
    begin(kiosk, "con_cuenta")
    kiosk.wait(
        lambda: (
            seen.append(kiosk.screen())
            or kiosk.screen() == "screen.antecedentes-penales.pay_method"
        ),
        timeout=15,
    )
    assert "screen.antecedentes-penales.login" not in seen  # one log-in per visit


def test_cerrar_sesion_ends_the_token_at_the_portal(
    make_driver: MakeDriver, sandbox: PortalEndpoint, kiosk_id: str
) -> None:
    kiosk = make_driver()
    log_in(kiosk)
    reach(kiosk, "results")
    login = kiosk.ui.session.login
    assert login is not None
    kiosk.tap("action.home")  # «Inicio» keeps the log-in for the visit's next service...
    assert kiosk.find("note.login").isVisible()  # ...and says so
    kiosk.tap("action.logout")
    assert kiosk.screen() == "screen.home" and kiosk.ui.session.login is None

    assert refused_soon(kiosk, sandbox, kiosk_id, login.token)  # the log-out runs in the background
    kiosk.tap(TILE)
    reach(kiosk, "login")  # the next visitor is asked
    assert text_here(kiosk, "field.login") == ""


def test_the_idle_wipe_leaves_nothing_and_ends_the_token(
    make_driver: MakeDriver,
    demo_box: None,
    sandbox: PortalEndpoint,
    kiosk_id: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    since = time.time()
    kiosk = make_driver(idle_ms=(400, 2000))
    log_in(kiosk)
    reach(kiosk, "results")
    kiosk.tap(f"action.select.{DEMO_RULING_ID}")
    reach(kiosk, "record")
    text = text_here(kiosk, "value.text.0").split("   ", 1)[1]  # after the day
    login = kiosk.ui.session.login
    assert login is not None and text in shown(kiosk)
    kiosk.wait(lambda: kiosk.find("overlay.idle").isVisible(), timeout=5)
    kiosk.wait(lambda: kiosk.screen() == "screen.home", timeout=6)
    assert_nothing_left(
        kiosk,
        [DEMO_ACCOUNT_EMAIL, DEMO_ACCOUNT_PASSWORD, text, login.token],
        caplog,
        since=since,
    )

    assert refused_soon(kiosk, sandbox, kiosk_id, login.token)


# --- when something fails ----------------------------------------------------------------------


def test_portal_down_says_so_and_the_retry_goes_on(
    make_driver: MakeDriver, proxy: PortalProxy, demo_box: None
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    kiosk.tap(TILE)
    reach(kiosk, "login")
    kiosk.type("field.login", DEMO_ACCOUNT_EMAIL)
    kiosk.type("field.login_password", DEMO_ACCOUNT_PASSWORD)
    proxy.cut()
    kiosk.tap("action.continue")
    assert NO_PORTAL in failure(kiosk)
    assert kiosk.in_view("action.retry")
    proxy.restore()
    kiosk.tap("action.retry")
    reach(kiosk, "results")
    proxy.cut()  # and again, opening one
    kiosk.tap(f"action.select.{DEMO_HEARING_ID}")
    assert NO_PORTAL in failure(kiosk)
    proxy.restore()
    kiosk.tap("action.retry")
    reach(kiosk, "record")


def test_a_lost_answer_to_opening_one_is_retried_and_read_once(
    make_driver: MakeDriver, proxy: PortalProxy, demo_box: None
) -> None:
    """The portal marked it read, the kiosk never heard: the retry finds it read, with the time
    of that first reading (an idempotent PUT)."""
    kiosk = make_driver(portal_url=proxy.url)
    log_in(kiosk)
    reach(kiosk, "results")
    path = f"/v1/mailbox/notifications/{DEMO_HEARING_ID}/read"
    proxy.lose_next_answer("PUT", path)
    kiosk.tap(f"action.select.{DEMO_HEARING_ID}")
    failure(kiosk)
    kiosk.tap("action.retry")
    reach(kiosk, "record")
    lost, answered = proxy.to("PUT", path)
    assert not lost.delivered and answered.delivered
    first = Notification.model_validate_json(lost.body)
    assert first.read_at is not None
    assert Notification.model_validate_json(answered.body).read_at == first.read_at
    assert text_here(kiosk, "value.read_at") == formats.day_and_clock(first.read_at)


def test_when_it_does_not_print_it_says_what_else_to_do(
    make_driver: MakeDriver, demo_box: None
) -> None:
    kiosk = make_driver()  # its printer does not answer
    log_in(kiosk)
    reach(kiosk, "results")
    kiosk.tap(f"action.select.{DEMO_HEARING_ID}")
    reach(kiosk, "record")
    kiosk.tap("action.print")
    kiosk.wait(lambda: "No se imprimió" in text_here(kiosk, "label.print_status"), 30)
    assert "portal del Organismo Judicial" in text_here(kiosk, "label.print_status")
    assert here(kiosk, "action.print").isEnabled()  # «Imprimir otra vez»
    kiosk.tap("action.continue")  # «Terminar»: the visit ends
    assert kiosk.screen() == "screen.home" and kiosk.ui.session.login is None
