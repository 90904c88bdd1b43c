"""Pensión Alimenticia through the kiosk's screens, by object names, against the sandbox over
HTTP: the PIN masked on the numeric keypad; the demo account (owed and months without a deposit
in large type), its movements with «Ver más» and a movement's statement; two cases to choose
from; none; three wrong PINs and the lock in minutes; the forced change of a temporary PIN, a
lost answer and a double tap changing it once; the portal slow or down; printing that fails; and
nothing left, anywhere, once the visit ends (Terminar, the idle wipe), the portal session
revoked too."""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import closing
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from faults import PortalProxy
from kiosk_driver import Driver
from leftovers import assert_nothing_left, widget_texts
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QProgressBar, QWidget
from record_visit import failure, here, shown, text_here
from support.logged import logged_text

from kiosk.embedded_portal import PortalEndpoint
from kiosk.identity import dpi_check_digit, make_dpi
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalUnauthorized
from kiosk.portal.models.alimony import ALIMONY_CASES, AlimonySession, pin_problem
from kiosk.sandbox.alimony_access import issue_pin
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.services.alimony import REPRESENTATIVE, TWO_CASES

MakeDriver = Callable[..., Driver]
SERVICE = "pension-alimenticia"
NO_PORTAL = "No hay conexión con el portal del Organismo Judicial en este momento."
CHANGE = "/v1/alimony/pin"
WHOLE_NAMES = ("Julio César Chávez Pérez", "Ana Sofía Chávez Tzoc", "Luis Fernando Chávez Tzoc",
               "María Elena Tzoc Ajanel")  # fmt: skip


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def reach(kiosk: Driver, step: str, timeout: float = 15) -> None:
    try:
        kiosk.wait(lambda: kiosk.screen() == screen(step), timeout)
    except AssertionError:
        raise AssertionError(f"still on {kiosk.screen()}: {shown(kiosk)}") from None


def log_in(kiosk: Driver, dpi: str, pin: str) -> None:
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("identity")
    kiosk.type("field.dpi", dpi)
    kiosk.type("field.pin", pin)
    kiosk.tap("action.continue")


def names_here(kiosk: Driver, prefix: str) -> list[str]:
    current = kiosk.shell.current_screen
    assert current is not None
    return [
        w.objectName() for w in current.findChildren(QWidget) if w.objectName().startswith(prefix)
    ]


def person_with_pin(
    sandbox_dir: Path, *, temporary: bool, pin: str | None = None
) -> tuple[str, str, int]:
    """A generated person of the session's sandbox given a PIN in its database, as `kiosk sandbox
    issue-pin` gives one: (DPI, PIN, birth year)."""
    with closing(sqlite3.connect(sandbox_dir / DATABASE_FILE, timeout=10)) as conn, conn:
        count = conn.execute("SELECT COUNT(*) FROM alimony_people").fetchone()[0]
        while True:
            dpi, born = conn.execute(
                "SELECT dpi, birth_date FROM alimony_people LIMIT 1 OFFSET ?",
                (random.randrange(count),),
            ).fetchone()
            taken = conn.execute(
                "SELECT 1 FROM alimony_pins n JOIN alimony_people p ON p.pk = n.person_pk "
                "WHERE p.dpi = ?",
                (dpi,),
            ).fetchone()
            if not taken and not dpi.startswith("99"):
                return dpi, issue_pin(conn, dpi, pin, temporary=temporary), int(born[:4])


def own_pin(born: int) -> str:
    return next(
        p for p in ("6031", "7142", "8253", "9364") if pin_problem(p, birth_year=born) is None
    )


# --- the demo account --------------------------------------------------------------------------


def test_the_demo_account_its_movements_and_a_statement(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(f"tile.{SERVICE}")
    pin = here(kiosk, "field.pin")
    assert isinstance(pin, QLineEdit) and pin.echoMode() is QLineEdit.EchoMode.Password
    assert (
        pin.property("keypad") == "numeric"
        and here(kiosk, "field.dpi").property("keypad") == "numeric"
    )
    kiosk.type("field.dpi", "9901 02319 0901")
    kiosk.type("field.pin", REPRESENTATIVE.pin or "")
    assert REPRESENTATIVE.pin not in shown(kiosk)  # masked
    kiosk.tap("action.continue")
    reach(kiosk, "account")
    assert text_here(kiosk, "value.code.balance") == "Q3,600.00"
    assert text_here(kiosk, "value.code.months_without_deposit") == "3"
    body = text_here(kiosk, "label.body")
    assert "3 meses sin depósito" in body and "09005-2023-00412" in body
    assert "Disponible para retirar: Q1,200.00" in body
    assert not kiosk.find("action.back").isVisible()  # the PIN screen is behind for good
    kiosk.tap("action.continue")
    reach(kiosk, "movements")
    assert names_here(kiosk, "action.select.") == [f"action.select.m{n}" for n in range(23, 13, -1)]
    assert "el más reciente primero" in text_here(kiosk, "label.searched")
    kiosk.tap("action.more")
    kiosk.wait(lambda: len(names_here(kiosk, "action.select.")) == 20)
    kiosk.tap("action.more")
    kiosk.wait(lambda: len(names_here(kiosk, "action.select.")) == 23)
    assert not kiosk.exists("action.more") or not here(kiosk, "action.more").isVisible()
    first = text_here(kiosk, "action.select.m23")
    assert first.startswith("Depósito de Q1,200.00") and "Banrural" in first
    assert here(kiosk, "action.select.m1").height() >= 64
    kiosk.tap("action.select.m22")
    reach(kiosk, "statement")
    assert text_here(kiosk, "value.movement.kind").startswith("Retiro de Q1,200.00")
    assert text_here(kiosk, "value.balance") == "Q3,600.00"
    assert text_here(kiosk, "value.months_without_deposit") == "3 meses sin depósito"
    assert "Si la pensión no se paga" in text_here(kiosk, "hint.months_without_deposit")
    assert text_here(kiosk, "value.beneficiary.0") == "A. S. C. T."
    assert text_here(kiosk, "value.other_party") == "J. C. C. P."
    timeline = names_here(kiosk, "value.movements.")
    assert len(timeline) == 23  # every movement seen, newest first
    newest = text_here(kiosk, "value.movements.0").split()[0]
    assert newest in text_here(kiosk, "value.last_deposit")
    assert not [name for name in WHOLE_NAMES if name in shown(kiosk)]
    assert REPRESENTATIVE.dpi not in shown(kiosk).replace(" ", "")
    kiosk.tap("action.back")
    reach(kiosk, "movements")
    assert len(names_here(kiosk, "action.select.")) == 23  # the pages seen stay
    kiosk.tap("action.select.m23")
    reach(kiosk, "statement")
    assert kiosk.find("action.continue").text() == "Terminar"
    kiosk.tap("action.continue")
    assert kiosk.screen() == "screen.home"


def test_a_statement_that_does_not_print_says_what_to_do(make_driver: MakeDriver) -> None:
    kiosk = make_driver()  # its printer is a CUPS that does not answer
    log_in(kiosk, REPRESENTATIVE.dpi, REPRESENTATIVE.pin or "")
    reach(kiosk, "account")
    kiosk.tap("action.continue")
    reach(kiosk, "movements")
    kiosk.tap("action.select.m23")
    reach(kiosk, "statement")
    kiosk.tap("action.print")
    status = here(kiosk, "label.print_status")
    kiosk.wait(lambda: status.text().startswith("No se imprimió."), 30)
    assert "con su DPI y su PIN" in status.text()  # what to do instead
    assert here(kiosk, "action.print").isEnabled()  # «Imprimir otra vez»


def test_two_cases_are_listed_to_choose_one(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    log_in(kiosk, TWO_CASES.dpi, TWO_CASES.pin or "")
    reach(kiosk, "cases")
    rows = names_here(kiosk, "action.select.pa_")
    assert len(rows) == 2 and "Encontramos 2 resultados" in text_here(kiosk, "label.count")
    texts = [text_here(kiosk, row) for row in rows]
    assert all("Obligado a pagar" in t and "Pensión mensual" in t for t in texts)
    kiosk.tap(next(r for r, t in zip(rows, texts, strict=True) if "01034-2019-01187" in t))
    reach(kiosk, "account")
    assert text_here(kiosk, "value.code.balance") == "Q6,000.00"
    assert "1 mes sin depósito" in text_here(kiosk, "label.body")
    kiosk.tap("action.back")
    reach(kiosk, "cases")


def test_no_case_says_where_to_ask(make_driver: MakeDriver, sandbox_dir: Path) -> None:
    """Someone the court gave a PIN whose cases have ended (no case on record now)."""
    while True:
        serial = str(random.randrange(60_000_000, 80_000_000))
        if dpi_check_digit(serial) is not None:
            dpi = make_dpi(serial, 4, 1)
            break
    with closing(sqlite3.connect(sandbox_dir / DATABASE_FILE, timeout=10)) as conn, conn:
        conn.execute(
            "INSERT INTO alimony_people(dpi, name, birth_date) VALUES (?, ?, ?)",
            (dpi, "Persona Sin Casos", "1980-01-01"),
        )
        issue_pin(conn, dpi, "5038", temporary=False)
    kiosk = make_driver()
    log_in(kiosk, dpi, "5038")
    reach(kiosk, "cases")
    empty = text_here(kiosk, "label.empty")
    assert "No encontramos casos" in empty and "Juzgado de Familia" in empty


# --- the PIN -------------------------------------------------------------------------------------


def test_three_wrong_pins_lock_it_and_say_for_how_long(
    make_driver: MakeDriver, sandbox_dir: Path
) -> None:
    dpi, pin, _ = person_with_pin(sandbox_dir, temporary=False, pin="8460")
    kiosk = make_driver()
    log_in(kiosk, dpi, "1357")
    said = failure(kiosk)
    assert said.startswith("El DPI o el PIN no son correctos. Le quedan 2 intentos.")
    assert not here(kiosk, "action.retry").isVisible()
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("identity")
    assert text_here(kiosk, "field.dpi") == dpi  # kept
    assert text_here(kiosk, "field.pin") == ""  # a refused secret is typed again, not kept
    kiosk.type("field.pin", "2468")
    kiosk.tap("action.continue")
    assert "Le queda 1 intento" in failure(kiosk)
    kiosk.tap("action.back")
    kiosk.type("field.pin", "9753")
    kiosk.tap("action.continue")
    said = failure(kiosk)
    assert "Podrá intentar de nuevo en 15 minutos." in said
    assert "Juzgado de Familia" in said and "ventanilla" in said  # the way on
    assert not here(kiosk, "action.retry").isVisible()
    kiosk.tap("action.back")
    kiosk.type("field.pin", pin)  # the right one: still locked
    kiosk.tap("action.continue")
    assert "15 minutos" in failure(kiosk)


def test_a_temporary_pin_is_changed_before_anything_else(
    make_driver: MakeDriver, sandbox_dir: Path
) -> None:
    dpi, temporary, born = person_with_pin(sandbox_dir, temporary=True)
    kiosk = make_driver()
    log_in(kiosk, dpi, temporary)
    reach(kiosk, "new_pin")
    for name in ("field.new_pin", "field.new_pin_again"):
        field = here(kiosk, name)
        assert isinstance(field, QLineEdit) and field.echoMode() is QLineEdit.EchoMode.Password
        assert field.property("keypad") == "numeric"
    assert "año de nacimiento" in text_here(kiosk, "hint.new_pin")
    kiosk.type("field.new_pin", "4444")
    kiosk.type("field.new_pin_again", "4444")
    kiosk.tap("action.continue")
    assert "todos los dígitos iguales" in text_here(kiosk, "error.new_pin")
    mine = own_pin(born)
    kiosk.type("field.new_pin", mine)
    kiosk.type("field.new_pin_again", mine[::-1])
    kiosk.tap("action.continue")
    assert "no son iguales" in text_here(kiosk, "error.new_pin_again")
    assert kiosk.screen() == screen("new_pin")
    kiosk.type("field.new_pin", str(born))  # only the portal knows the birth year
    kiosk.type("field.new_pin_again", str(born))
    kiosk.tap("action.continue")
    assert "año de nacimiento" in failure(kiosk)
    kiosk.tap("action.back")
    reach(kiosk, "new_pin")
    kiosk.type("field.new_pin", mine)
    kiosk.type("field.new_pin_again", mine)
    kiosk.tap("action.continue")
    reach(kiosk, "pin_changed")
    assert "el PIN temporal ya no sirve" in text_here(kiosk, "label.body")
    kiosk.tap("action.continue")
    kiosk.wait(lambda: kiosk.screen() in (screen("account"), screen("cases")))
    kiosk.tap("action.finish")
    log_in(kiosk, dpi, mine)  # the next visit: the new PIN goes straight in
    kiosk.wait(lambda: kiosk.screen() in (screen("account"), screen("cases")))


def test_a_lost_answer_and_its_retry_change_the_pin_once(
    make_driver: MakeDriver, proxy: PortalProxy, sandbox_dir: Path
) -> None:
    dpi, temporary, born = person_with_pin(sandbox_dir, temporary=True)
    kiosk = make_driver(portal_url=proxy.url)
    log_in(kiosk, dpi, temporary)
    reach(kiosk, "new_pin")
    mine = own_pin(born)
    kiosk.type("field.new_pin", mine)
    kiosk.type("field.new_pin_again", mine)
    proxy.lose_next_answer("POST", CHANGE)  # the portal changes it; the kiosk never hears
    kiosk.tap("action.continue")
    assert failure(kiosk).startswith(NO_PORTAL)
    (lost,) = proxy.to("POST", CHANGE)
    assert lost.status == 200 and not lost.delivered
    kiosk.tap("action.retry")  # the same Idempotency-Key: the same answer, not "the same PIN"
    reach(kiosk, "pin_changed")
    retried = proxy.to("POST", CHANGE)[1]
    assert retried.status == 200 and retried.replayed and retried.delivered
    assert len(proxy.to("POST", CHANGE)) == 2 and len(proxy.to("POST", "/v1/alimony/sessions")) == 1


def test_a_double_tap_changes_the_pin_once(
    make_driver: MakeDriver, proxy: PortalProxy, sandbox_dir: Path
) -> None:
    dpi, temporary, born = person_with_pin(sandbox_dir, temporary=True)
    kiosk = make_driver(portal_url=proxy.url)
    log_in(kiosk, dpi, temporary)
    reach(kiosk, "new_pin")
    mine = own_pin(born)
    kiosk.type("field.new_pin", mine)
    kiosk.type("field.new_pin_again", mine)
    button = kiosk.find("action.continue")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # two taps, no time between them
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    reach(kiosk, "pin_changed")
    kiosk.settle(0.3)
    assert len(proxy.to("POST", CHANGE)) == 1
    assert kiosk.screen() == screen("pin_changed")  # the second tap went nowhere


# --- the portal slow or down ---------------------------------------------------------------------


class SlowProxy(PortalProxy):
    """Holds every read of the visitor's cases ``delay`` seconds."""

    delay = 1.5

    def __init__(self, upstream: str) -> None:
        super().__init__(upstream)
        self.slowed = threading.Event()

    def _forward(self, request: BaseHTTPRequestHandler) -> None:
        if request.path == "/v1/alimony/cases":
            self.slowed.set()
            time.sleep(self.delay)
        super()._forward(request)


def test_a_slow_portal_shows_that_it_is_working(
    make_driver: MakeDriver, sandbox: PortalEndpoint
) -> None:
    with SlowProxy(sandbox.url) as slow:
        kiosk = make_driver(portal_url=slow.url)
        log_in(kiosk, REPRESENTATIVE.dpi, REPRESENTATIVE.pin or "")
        kiosk.wait(slow.slowed.is_set)
        assert kiosk.screen() == screen("search")
        heading = "Estamos buscando sus casos de pensión alimenticia."
        assert text_here(kiosk, "label.heading") == heading
        progress = here(kiosk, "progress")
        assert isinstance(progress, QProgressBar) and progress.isVisible()
        reach(kiosk, "account")


def test_the_portal_down_says_so_and_the_retry_logs_in(
    make_driver: MakeDriver, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.type("field.dpi", REPRESENTATIVE.dpi)
    kiosk.type("field.pin", REPRESENTATIVE.pin or "")
    proxy.cut()
    kiosk.tap("action.continue")
    said = failure(kiosk)
    assert said.startswith(NO_PORTAL) and "pida ayuda en ventanilla" in said
    assert here(kiosk, "action.retry").isVisible()
    proxy.restore()
    kiosk.tap("action.retry")
    reach(kiosk, "account")


# --- nothing left --------------------------------------------------------------------------------


def assert_no_pin_left(pins: list[str], caplog: pytest.LogCaptureFixture) -> None:
    """A PIN is 4 to 6 digits: any file full of numbers may hold them by chance, so the search
    for it in the temporary folder (``assert_nothing_left``) is left to the DPI, which travels
    with it. Widgets and the log are searched for the PIN itself."""
    texts = widget_texts()
    logged = logged_text(caplog)
    assert not [pin for pin in pins if pin in texts], "a PIN is still on a widget"
    assert not [pin for pin in pins if pin in logged], "a PIN reached the log"


def token_of(kiosk: Driver) -> str:
    run = kiosk.ui.session.flow
    assert run is not None
    session = run.results["log_in"]
    assert isinstance(session, AlimonySession)
    return session.token


def still_open(kiosk: Driver, sandbox: PortalEndpoint, kiosk_id: str, token: str) -> bool:
    async def ask() -> bool:
        async with PortalClient(
            sandbox.url, kiosk_id=kiosk_id, kiosk_token=sandbox.device_token
        ) as client:
            try:
                await client.call(ALIMONY_CASES, token=token)
            except PortalUnauthorized:
                return False
            return True

    return kiosk.run(ask())


def test_the_idle_wipe_leaves_nothing_and_ends_the_pin_session(
    make_driver: MakeDriver,
    sandbox: PortalEndpoint,
    sandbox_dir: Path,
    kiosk_id: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    since = time.time()
    dpi, pin, _ = person_with_pin(
        sandbox_dir, temporary=False, pin=f"{random.randrange(10**6):06d}"
    )
    kiosk = make_driver(idle_ms=(400, 2000))
    log_in(kiosk, dpi, pin)
    kiosk.wait(lambda: kiosk.screen() in (screen("account"), screen("cases")))
    token = token_of(kiosk)
    assert still_open(kiosk, sandbox, kiosk_id, token)
    kiosk.wait(lambda: kiosk.screen() == "screen.home", timeout=30)
    assert_nothing_left(kiosk, [dpi, token], caplog, since=since)
    assert_no_pin_left([pin], caplog)
    for _ in range(100):  # revoked at the portal in the background
        if not still_open(kiosk, sandbox, kiosk_id, token):
            break
        kiosk.settle(0.1)
    else:
        pytest.fail("the PIN session still works after the idle wipe")


class RecordingProxy(PortalProxy):
    """Keeps every request line as it arrived, query included: what a gateway's log holds."""

    def __init__(self, upstream: str) -> None:
        super().__init__(upstream)
        self.lines: list[str] = []

    def _forward(self, request: BaseHTTPRequestHandler) -> None:
        self.lines.append(request.requestline)
        super()._forward(request)


def test_terminar_leaves_no_pin_anywhere_not_even_in_a_url(
    make_driver: MakeDriver,
    sandbox: PortalEndpoint,
    sandbox_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    since = time.time()
    dpi, temporary, born = person_with_pin(sandbox_dir, temporary=True)
    mine = own_pin(born)
    secrets = [dpi, temporary, mine]
    with RecordingProxy(sandbox.url) as proxy:
        kiosk = make_driver(portal_url=proxy.url)
        log_in(kiosk, dpi, "0000")  # a wrong one first (a temporary PIN has six digits)
        failure(kiosk)
        kiosk.tap("action.back")
        kiosk.type("field.pin", temporary)
        kiosk.tap("action.continue")
        reach(kiosk, "new_pin")
        kiosk.type("field.new_pin", mine)
        kiosk.type("field.new_pin_again", mine)
        kiosk.tap("action.continue")
        reach(kiosk, "pin_changed")
        kiosk.tap("action.finish")  # «Terminar y borrar mis datos»
        assert kiosk.screen() == "screen.home"
        assert_nothing_left(kiosk, [dpi], caplog, since=since)
        assert_no_pin_left([temporary, mine], caplog)
        # the PIN session is ended at the portal too
        kiosk.wait(lambda: bool(proxy.to("DELETE", "/v1/alimony/sessions/current")), 10)
        assert proxy.to("DELETE", "/v1/alimony/sessions/current")[0].status == 204
    lines = "\n".join(proxy.lines)
    assert "/v1/alimony/sessions" in lines and "/v1/alimony/pin" in lines
    assert not [secret for secret in secrets if secret in lines]  # bodies only, never a URL
