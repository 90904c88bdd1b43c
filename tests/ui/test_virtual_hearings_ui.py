"""Solicitud de Audiencias Virtuales through the kiosk's screens, by object names, against the
sandbox over HTTP: the whole request (the case's hearings, the role, the person, the terms, the
review, the number in large type and the receipt's advice when it does not print); a hearing too
near said before anything personal; the same person asking again; a reserved case; a malformed
number; a double tap, a lost answer and the portal down at "Confirmar y enviar" (one request, one
number); the idle wipe; and nothing of the visitor in the logs."""

from __future__ import annotations

import logging
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from clipping import clipped
from faults import PortalProxy
from kiosk_driver import Driver
from leftovers import assert_nothing_left
from PySide6.QtWidgets import QApplication, QWidget
from record_visit import codes, failure, here, larger_than_body, print_status, shown, text_here
from support.logged import logged_text

from kiosk.embedded_portal import PortalEndpoint
from kiosk.identity import dpi_check_digit, format_dpi, make_dpi
from kiosk.portal.models.virtual_hearings import VirtualHearingRequest
from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.sandbox.services.hearings import DEMO_RESERVED_NUMBER
from kiosk.sandbox.virtual_hearings_seed import DEMO_CASE_NUMBER, DEMO_REQUEST
from kiosk.ui.theme import apply_theme

MakeDriver = Callable[..., Driver]
SERVICE = "audiencias-virtuales"
SUBMIT = "/v1/virtual-hearing-requests"
NO_PORTAL = "No hay conexión con el portal del Organismo Judicial en este momento."
ADVICE = "Anote el número de solicitud de arriba"
#: the demo case's coming hearings, soonest first, as the list shows them
TOO_SOON, CANCELLED, OPEN, LATER = range(4)


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def reach(kiosk: Driver, step: str, timeout: float = 15) -> None:
    try:
        kiosk.wait(lambda: kiosk.screen() == screen(step), timeout)
    except AssertionError:
        raise AssertionError(f"still on {kiosk.screen()}, not {step}: {shown(kiosk)}") from None


def fresh_dpi() -> str:
    draw = random.Random().random
    while True:
        serial = f"{int(draw() * 100_000_000):08d}"
        if dpi_check_digit(serial) is not None:
            return make_dpi(serial, 9, 1)


def rows(kiosk: Driver) -> list[str]:
    """The hearings listed, soonest first (``action.select.<hearing id>``)."""
    current = kiosk.shell.current_screen
    assert current is not None
    return [
        w.objectName()
        for w in current.findChildren(QWidget)
        if w.objectName().startswith("action.select.")
    ]


def hearings_of(kiosk: Driver, typed: str = DEMO_CASE_NUMBER) -> list[str]:
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("number")
    kiosk.type("field.number", typed)
    kiosk.tap("action.continue")
    reach(kiosk, "hearings")
    return rows(kiosk)


def request_as(
    kiosk: Driver,
    dpi: str,
    *,
    names: tuple[str, str] = ("Ana Lucía", "Méndez Juárez"),
    email: str = "ana.mendez@ejemplo.gt",
    phone: str = "5555 1234",
) -> None:
    """From the home tile to the review, for the open demo hearing, as a witness."""
    answer_from_the_list(kiosk, hearings_of(kiosk), dpi, names=names, email=email, phone=phone)


def answer_from_the_list(
    kiosk: Driver,
    listed: list[str],
    dpi: str,
    *,
    names: tuple[str, str] = ("Ana Lucía", "Méndez Juárez"),
    email: str = "ana.mendez@ejemplo.gt",
    phone: str = "5555 1234",
) -> None:
    kiosk.tap(listed[OPEN])
    reach(kiosk, "role")
    kiosk.tap("field.role.testigo")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("person")
    kiosk.type("field.first_names", names[0])
    kiosk.type("field.last_names", names[1])
    kiosk.type("field.dpi", dpi)
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("contact")
    kiosk.type("field.email", email)
    kiosk.type("field.phone", phone)
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("reason")
    kiosk.tap("field.reason.distancia")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("consent")
    kiosk.tap("field.consent.si")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("review")


@pytest.fixture
def portal_db(sandbox: PortalEndpoint, sandbox_dir: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"file:{sandbox_dir / 'portal.sqlite3'}?mode=ro", uri=True)
    yield conn
    conn.close()


def requests_of(conn: sqlite3.Connection, dpi: str) -> list[str]:
    found = conn.execute("SELECT number FROM virtual_hearing_requests WHERE dpi = ?", (dpi,))
    return [number for (number,) in found]


# --- the request --------------------------------------------------------------------------------


def test_a_witness_asks_for_the_hearing_and_leaves_with_its_number(
    make_driver: MakeDriver, portal_db: sqlite3.Connection
) -> None:
    kiosk = make_driver()
    dpi = fresh_dpi()
    listed = hearings_of(kiosk)
    assert len(listed) == 4 and DEMO_CASE_NUMBER in text_here(kiosk, "label.searched")
    assert "faltan menos de 2 días hábiles" in text_here(kiosk, listed[TOO_SOON])
    assert "fue cancelada" in text_here(kiosk, listed[CANCELLED])
    assert "Puede pedirla hasta el" in text_here(kiosk, listed[OPEN])
    for name in listed:
        assert here(kiosk, name).height() >= 64  # a target for a finger
    kiosk.tap("action.back")
    assert text_here(kiosk, "field.number") == DEMO_CASE_NUMBER  # kept
    kiosk.tap("action.continue")
    reach(kiosk, "hearings")
    answer_from_the_list(kiosk, rows(kiosk), dpi)
    assert text_here(kiosk, "value.dpi") == format_dpi(dpi)
    assert text_here(kiosk, "value.role") == "Testigo"
    assert text_here(kiosk, "value.consent") == "Sí"
    assert kiosk.find("action.continue").text() == "Confirmar y enviar"
    kiosk.tap("action.continue")
    reach(kiosk, "sent")
    (number,) = requests_of(portal_db, dpi)
    assert codes(kiosk) == [number] and larger_than_body(kiosk, "value.code.request")
    body = text_here(kiosk, "label.body")
    assert "como Testigo" in body and "an•••@ejemplo.gt" in body and "a las 17:00" in body
    assert "ana.mendez@ejemplo.gt" not in shown(kiosk)
    # the printer does not answer: said, with how to get the receipt; the number stays
    status = print_status(kiosk)
    assert status.startswith("No se imprimió.") and ADVICE in status
    assert here(kiosk, "action.reprint").isVisible() and codes(kiosk) == [number]
    assert kiosk.find("action.continue").text() == "Terminar"


def test_a_hearing_too_near_is_said_before_anything_personal(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(hearings_of(kiosk)[TOO_SOON])
    said = failure(kiosk)
    assert "a más tardar 2 días hábiles antes de la audiencia" in said
    assert "Asista en persona" in said and not here(kiosk, "action.retry").isVisible()
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("hearings")
    kiosk.tap(rows(kiosk)[CANCELLED])
    assert "fue cancelada" in failure(kiosk)


def test_the_same_person_asking_again_gets_the_first_request(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    request_as(kiosk, DEMO_CLEAN.dpi, email=DEMO_REQUEST.email)
    kiosk.tap("action.continue")
    reach(kiosk, "existing")
    assert codes(kiosk) == [DEMO_REQUEST.number]
    assert "hecha el 03/11/2025" in text_here(kiosk, "label.body")
    print_status(kiosk)


def test_a_reserved_case_says_reservado_and_where_to_ask(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.type("field.number", DEMO_RESERVED_NUMBER)
    kiosk.tap("action.continue")
    reach(kiosk, "reserved")
    assert DEMO_RESERVED_NUMBER in text_here(kiosk, "value.heading")
    assert "pídala en el juzgado" in text_here(kiosk, "note.reserved")
    assert not rows(kiosk) and not here(kiosk, "action.print").isVisible()
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("number")


def test_a_malformed_number_says_what_is_wrong_and_keeps_it(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.type("field.number", "485-2011")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("number")
    assert "empieza con el juzgado" in text_here(kiosk, "error.number")
    assert text_here(kiosk, "field.number") == "485-2011"


def test_a_wrong_phone_says_how_to_fix_it_and_keeps_it(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(hearings_of(kiosk)[OPEN])
    reach(kiosk, "role")
    kiosk.tap("field.role.parte_actora")
    kiosk.tap("action.continue")
    kiosk.type("field.first_names", "Ana")
    kiosk.type("field.last_names", "Méndez")
    kiosk.type("field.dpi", fresh_dpi())
    kiosk.tap("action.continue")
    kiosk.type("field.email", "ana@ejemplo.gt")
    kiosk.type("field.phone", "1555 1234")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("contact")
    assert "empieza con 2, 3, 4, 5, 6 o 7" in text_here(kiosk, "error.phone")
    assert text_here(kiosk, "field.phone") == "1555 1234"


# --- "Confirmar y enviar" at the worst moment ------------------------------------------------


def test_a_double_tap_on_send_makes_one_request(
    make_driver: MakeDriver, portal_db: sqlite3.Connection
) -> None:
    kiosk = make_driver()
    dpi = fresh_dpi()
    request_as(kiosk, dpi)
    send = kiosk.find("action.continue")
    send.click()
    send.click()  # the second tap, before the first answer: the kiosk is busy
    reach(kiosk, "sent")
    assert len(requests_of(portal_db, dpi)) == 1
    assert codes(kiosk) == requests_of(portal_db, dpi)
    print_status(kiosk)


def test_a_lost_answer_retried_finds_the_same_request(
    make_driver: MakeDriver, proxy: PortalProxy, portal_db: sqlite3.Connection
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    dpi = fresh_dpi()
    request_as(kiosk, dpi)
    proxy.lose_next_answer("POST", SUBMIT)
    kiosk.tap("action.continue")
    assert failure(kiosk).startswith(NO_PORTAL)  # the kiosk cannot know it was done
    (lost,) = proxy.to("POST", SUBMIT)
    assert lost.status == 201 and not lost.delivered  # the portal did register it
    first = VirtualHearingRequest.model_validate_json(lost.body)
    kiosk.tap("action.retry")
    reach(kiosk, "sent")
    retried = proxy.to("POST", SUBMIT)[1]
    assert retried.replayed and retried.delivered  # the same Idempotency-Key: replayed
    assert codes(kiosk) == [first.number]
    assert requests_of(portal_db, dpi) == [first.number]  # one request, one number
    print_status(kiosk)


def test_the_portal_down_at_send_keeps_everything_and_the_retry_sends_once(
    make_driver: MakeDriver, proxy: PortalProxy, portal_db: sqlite3.Connection
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    dpi = fresh_dpi()
    request_as(kiosk, dpi)
    proxy.cut()
    kiosk.tap("action.continue")
    assert failure(kiosk).startswith(NO_PORTAL) and here(kiosk, "action.retry").isVisible()
    kiosk.tap("action.back")  # nothing lost: the review has every answer
    assert kiosk.screen() == screen("review")
    assert text_here(kiosk, "value.dpi") == format_dpi(dpi)
    assert proxy.to("POST", SUBMIT) == [] and requests_of(portal_db, dpi) == []
    proxy.restore()
    kiosk.tap("action.continue")
    reach(kiosk, "sent")
    assert len(proxy.to("POST", SUBMIT)) == 1 and len(requests_of(portal_db, dpi)) == 1
    print_status(kiosk)


# --- longer words ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_no_text_is_clipped_in_the_pseudo_locale_in_large_text(
    make_driver: MakeDriver, size: tuple[int, int]
) -> None:
    """Each screen of the request in the pseudo-locale (about 40 % longer) and large text."""
    kiosk = make_driver()
    kiosk.shell.resize(*size)
    apply_theme(QApplication.instance(), large_text=True, high_contrast=False)  # type: ignore[arg-type]
    try:
        kiosk.ui.set_language("xx")
        kiosk.settle(0.1)
        seen: dict[str, list[str]] = {}
        listed = hearings_of(kiosk)
        assert text_here(kiosk, "label.heading").startswith("⟦")  # said in the pseudo-locale
        seen["hearings"] = clipped(kiosk.shell)
        kiosk.tap(listed[OPEN])
        reach(kiosk, "role")
        seen["role"] = clipped(kiosk.shell)
        kiosk.tap("field.role.abogado")
        kiosk.tap("action.continue")
        seen["colegiado"] = clipped(kiosk.shell)
        kiosk.type("field.colegiado", "4321")
        kiosk.tap("action.continue")
        kiosk.tap("action.continue")  # empty: the error summary
        seen["person-errors"] = clipped(kiosk.shell)
        kiosk.type("field.first_names", "Ana")
        kiosk.type("field.last_names", "Méndez")
        kiosk.type("field.dpi", fresh_dpi())
        kiosk.tap("action.continue")
        kiosk.type("field.email", "ana@ejemplo.gt")
        kiosk.type("field.phone", "1555 1234")
        kiosk.tap("action.continue")
        seen["contact-error"] = clipped(kiosk.shell)
        kiosk.type("field.phone", "5555 1234")
        kiosk.tap("action.continue")
        seen["reason"] = clipped(kiosk.shell)
        kiosk.tap("field.reason.seguridad")
        kiosk.tap("action.continue")
        seen["consent"] = clipped(kiosk.shell)
        kiosk.tap("field.consent.si")
        kiosk.tap("action.continue")
        seen["review"] = clipped(kiosk.shell)
        kiosk.tap("action.continue")
        reach(kiosk, "sent")
        print_status(kiosk)
        seen["sent"] = clipped(kiosk.shell)
    finally:
        apply_theme(QApplication.instance(), large_text=False, high_contrast=False)  # type: ignore[arg-type]
    assert not {screen: found for screen, found in seen.items() if found}


# --- privacy ----------------------------------------------------------------------------------


def test_the_idle_timeout_leaves_nothing_of_the_visit(
    make_driver: MakeDriver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    since = time.time()
    kiosk = make_driver(idle_ms=(400, 2000))
    dpi, first, last = fresh_dpi(), "Rosalía Ixmucané", "Tzul Cojtí"
    email, phone = "rosalia.tzul@ejemplo.gt", "4718 2963"
    request_as(kiosk, dpi, names=(first, last), email=email, phone=phone)
    kiosk.tap("action.continue")
    reach(kiosk, "sent")
    number = codes(kiosk)[0]
    print_status(kiosk)  # the receipt was tried (and its file written) before the wipe
    kiosk.wait(lambda: kiosk.find("overlay.idle").isVisible(), timeout=10)
    kiosk.wait(lambda: kiosk.screen() == "screen.home", timeout=10)
    secrets = [dpi, format_dpi(dpi), first, last, email, phone, "rosalia.tzul", number]
    assert_nothing_left(kiosk, secrets, caplog, since=since)


@pytest.fixture
def quiet_http_libraries() -> Iterator[None]:
    """As ``kiosk.logs.configure`` sets them: httpx and httpcore write whole URLs at INFO."""
    loggers = [logging.getLogger(name) for name in ("httpx", "httpcore")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.mark.usefixtures("quiet_http_libraries")
def test_the_visit_logs_templates_only(
    make_driver: MakeDriver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    kiosk = make_driver()
    dpi = fresh_dpi()
    request_as(kiosk, dpi)
    kiosk.tap("action.continue")
    reach(kiosk, "sent")
    print_status(kiosk)
    logged = logged_text(caplog)
    routes = {getattr(r, "route", None) for r in caplog.records}
    assert {"/hearings", "/hearings/{hearing_id}", "/virtual-hearing-requests"} <= routes
    for secret in (dpi, "Méndez", "ana.mendez", "55551234", DEMO_CASE_NUMBER, codes(kiosk)[0]):
        assert secret not in logged, secret
