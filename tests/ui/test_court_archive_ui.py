"""Archivo de Tribunales through the kiosk's screens, by object names, against the sandbox over
HTTP: an old number and its court picked by touch, an SGT number, every kind of answer (on the
shelf, elsewhere, reserved, a list of desks, nothing, a bad number), the portal slow or down; a
request from the tariff's price to the receipt (which does not print here: the number stays on
screen with what to do), sent once through a double tap and a lost answer; and the idle wipe."""

from __future__ import annotations

import logging
import re
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from faults import PortalProxy
from kiosk_driver import Driver
from leftovers import assert_nothing_left, widget_texts
from PySide6.QtWidgets import QWidget
from record_visit import codes, failure, here, print_status, shown, text_here
from support.logged import logged_text

from kiosk.courts import court
from kiosk.embedded_portal import PortalEndpoint
from kiosk.identity import dpi_check_digit, format_dpi
from kiosk.portal.models.court_archive import ArchiveRequest
from kiosk.sandbox.court_archive_demo import (
    DEMO_AVAILABLE_COURT,
    DEMO_AVAILABLE_NUMBER,
    DEMO_DESKS_COURT,
    DEMO_DESKS_NUMBER,
    DEMO_RESERVED_COURT,
    DEMO_RESERVED_NUMBER,
    DEMO_SCANNING_COURT,
    DEMO_SCANNING_TYPED,
    DEMO_TRANSFERRED_COURT,
    DEMO_TRANSFERRED_TYPED,
)
from kiosk.services.court_archive.paper import RECEIPT_ADVICE
from kiosk.services.hearings.questions import COURT_GROUPS

MakeDriver = Callable[..., Driver]
SERVICE = "archivo-tribunales"
SUBMIT = "/v1/archive-requests"
NO_PORTAL = "No hay conexión con el portal del Organismo Judicial en este momento."
PARTY = "Juan Carlos García Hernández"  # the sandbox stores it; the kiosk shows J. C. G. H.


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def reach(kiosk: Driver, step: str, timeout: float = 15) -> None:
    try:
        kiosk.wait(lambda: kiosk.screen() == screen(step), timeout)
    except AssertionError:
        raise AssertionError(f"still on {kiosk.screen()}, not {step}: {shown(kiosk)}") from None


def fresh_dpi() -> str:
    """A valid DPI of its own: the portal limits requests per DPI."""
    while True:
        serial = f"{secrets.randbelow(10**8):08d}"
        check = dpi_check_digit(serial)
        if check is not None:
            return f"{serial}{check}0101"


def type_number(kiosk: Driver, typed: str) -> None:
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("number")
    kiosk.type("field.number", typed)
    kiosk.tap("action.continue")


def pick_court(kiosk: Driver, court_id: str) -> None:
    """Department → municipality → (in a city of many courts, their kind) → court, by touch."""
    found = court(court_id)
    assert kiosk.screen() == screen("department")
    kiosk.tap(f"field.department.{found.department}")
    kiosk.tap("action.continue")
    kiosk.tap(f"field.municipality.{found.municipality}")
    kiosk.tap("action.continue")
    if kiosk.screen() == screen("court_kind"):
        kind = next(value for value, _words, holds in COURT_GROUPS if holds(found))
        kiosk.tap(f"field.court_kind.{kind}")
        kiosk.tap("action.continue")
    assert kiosk.screen() == screen("court")
    kiosk.tap(f"field.court.{court_id}")
    kiosk.tap("action.continue")


def find(kiosk: Driver, typed: str, court_id: str | None = None) -> None:
    type_number(kiosk, typed)
    if court_id is not None:
        pick_court(kiosk, court_id)


def names_here(kiosk: Driver) -> list[str]:
    current = kiosk.shell.current_screen
    return [w.objectName() for w in current.findChildren(QWidget)] if current else []


def request_as(kiosk: Driver, dpi: str, first: str = "María José", last: str = "Pérez López",
               phone: str = "5512 3456") -> None:  # fmt: skip
    """From the file on its shelf to the review: a certificación of all of it."""
    reach(kiosk, "case")
    kiosk.tap("action.continue")
    kiosk.tap("field.request_kind.certificacion")
    kiosk.tap("action.continue")
    kiosk.tap("field.scope.todo")
    kiosk.tap("action.continue")
    reach(kiosk, "cost")
    assert codes(kiosk) == ["Q245.00"]
    kiosk.tap("action.continue")
    kiosk.type("field.first_names", first)
    kiosk.type("field.last_names", last)
    kiosk.tap("action.continue")
    kiosk.type("field.dpi", dpi)
    kiosk.tap("action.continue")
    kiosk.type("field.phone", phone)
    kiosk.tap("action.continue")
    reach(kiosk, "review")


@pytest.fixture
def portal_db(sandbox: PortalEndpoint, sandbox_dir: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"file:{sandbox_dir / 'portal.sqlite3'}?mode=ro", uri=True)
    yield conn
    conn.close()


def requests_of(db: sqlite3.Connection, dpi: str) -> list[str]:
    return [n for (n,) in db.execute("SELECT number FROM archive_requests WHERE dpi = ?", (dpi,))]


# --- finding the file ----------------------------------------------------------------------------


def test_an_old_number_with_its_court_says_where_the_file_is(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    find(kiosk, DEMO_SCANNING_TYPED, DEMO_SCANNING_COURT)  # «C-456-87 Of. 2ª», as on the paper
    reach(kiosk, "case")
    assert codes(kiosk) == ["E-03 · C-1204 · L-02", "88"]  # estante · caja · legajo, folios
    body = text_here(kiosk, "label.body")
    assert "Expediente 456-1987 Of. 2" in body and "En digitalización" in body
    assert "Archivo Regional de Tribunales de Quetzaltenango" in body
    assert "Certificación, Q88.00 (Q1.00 por folio)" in body
    assert kiosk.find("action.continue").text() == "Continuar"
    kiosk.tap("action.back")  # one match went straight on: back to the court
    assert kiosk.screen() == screen("court")


def test_an_sgt_number_needs_no_court(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    type_number(kiosk, "C-1024-2009-412")
    reach(kiosk, "case")
    assert "Prestado a un juzgado" in text_here(kiosk, "label.body")
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("number")
    assert text_here(kiosk, "field.number") == "C-1024-2009-412"


def test_a_bad_number_says_how_to_fix_it_and_keeps_it(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    type_number(kiosk, "1998-123")
    assert kiosk.screen() == screen("number")
    assert "por ejemplo 123-1998" in text_here(kiosk, "error.number")
    assert text_here(kiosk, "field.number") == "1998-123"


def test_a_file_sent_elsewhere_says_where_and_prints_no_request(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    find(kiosk, DEMO_TRANSFERRED_TYPED, DEMO_TRANSFERRED_COURT)
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == "Expediente 78-1975"
    assert text_here(kiosk, "value.status") == "Trasladado al Archivo General de Centro América"
    assert "Pida allí" in text_here(kiosk, "hint.status")
    assert "Archivo General de Centro América" in text_here(kiosk, "value.held_by")
    assert text_here(kiosk, "value.ask_at") == text_here(kiosk, "value.held_by")  # ask there
    assert text_here(kiosk, "value.party.0") == "A. L. M. J."
    assert here(kiosk, "action.print").isVisible()
    assert kiosk.find("action.continue").text() == "Terminar"


def test_a_reserved_file_says_reservado_and_nothing_more(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    find(kiosk, DEMO_RESERVED_NUMBER, DEMO_RESERVED_COURT)
    reach(kiosk, "record")
    assert text_here(kiosk, "value.status") == "Reservado"
    assert "Solo las partes" in text_here(kiosk, "hint.status")
    values = {n for n in names_here(kiosk) if n.startswith("value.")}
    assert values == {"value.heading", "value.court", "value.place", "value.status"}


def test_an_old_number_of_three_desks_lists_them(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    find(kiosk, DEMO_DESKS_NUMBER, DEMO_DESKS_COURT)
    reach(kiosk, "results")
    assert "Encontramos 3 resultados" in text_here(kiosk, "label.count")
    rows = [n for n in names_here(kiosk) if n.startswith("action.select.")]
    assert len(rows) == 3 and all(here(kiosk, row).height() >= 64 for row in rows)
    assert "Of. 3" in text_here(kiosk, rows[2])
    kiosk.tap(rows[2])
    reach(kiosk, "case")
    assert "Expediente 15-1990 Of. 3" in text_here(kiosk, "label.body")


def test_nothing_found_says_what_to_do(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    find(kiosk, "9999-1961", DEMO_AVAILABLE_COURT)
    reach(kiosk, "results")
    assert "Revise el número y el juzgado" in text_here(kiosk, "label.empty")
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("court")


class SlowProxy(PortalProxy):
    """The portal answering, slowly: a hall's poor connection."""

    delay = 1.2

    def _forward(self, request: BaseHTTPRequestHandler) -> None:
        time.sleep(self.delay)
        super()._forward(request)


def test_a_slow_portal_shows_the_wait_and_a_down_one_a_retry(
    make_driver: MakeDriver, sandbox: PortalEndpoint
) -> None:
    with SlowProxy(sandbox.url) as slow:
        kiosk = make_driver(portal_url=slow.url)
        type_number(kiosk, "C-1024-2009-412")
        reach(kiosk, "search", timeout=2)  # the wait is said, with its progress
        assert "Estamos buscando en el archivo" in text_here(kiosk, "label.heading")
        assert here(kiosk, "progress").isVisible()
        reach(kiosk, "case", timeout=20)
        slow.cut()  # now the portal stops answering
        kiosk.tap("action.back")
        kiosk.type("field.number", "01024-2009-00412")  # written otherwise: a new search
        kiosk.tap("action.continue")
        said = failure(kiosk)
        assert said.startswith(NO_PORTAL) and here(kiosk, "action.retry").isVisible()
        slow.restore()
        kiosk.tap("action.retry")
        reach(kiosk, "case", timeout=20)


# --- the request ---------------------------------------------------------------------------------


def test_a_request_ends_with_its_number_in_large_type_when_the_receipt_cannot_print(
    make_driver: MakeDriver, portal_db: sqlite3.Connection
) -> None:
    kiosk = make_driver()  # its printer does not answer
    dpi = fresh_dpi()
    find(kiosk, DEMO_AVAILABLE_NUMBER, DEMO_AVAILABLE_COURT)
    reach(kiosk, "case")
    assert PARTY not in shown(kiosk) and "J. C. G. H." in text_here(kiosk, "label.body")
    request_as(kiosk, dpi)
    assert text_here(kiosk, "value.dpi") == format_dpi(dpi)
    assert text_here(kiosk, "value.request_kind") == "Certificación"
    assert here(kiosk, "action.change.request_kind").isVisible()
    assert kiosk.find("action.continue").text() == "Confirmar y enviar"
    # the printer does not answer: said before sending, with what the visitor gets instead
    kiosk.wait(lambda: here(kiosk, "label.printer_notice").isVisible())
    assert "el número de solicitud queda en pantalla" in text_here(kiosk, "label.printer_notice")
    kiosk.tap("action.continue")
    reach(kiosk, "done")
    (number,) = requests_of(portal_db, dpi)
    request, amount, ready = codes(kiosk)
    assert (request, amount) == (number, "Q245.00") and re.fullmatch(r"\d\d/\d\d/\d{4}", ready)
    body = text_here(kiosk, "label.body")
    assert "pida el formulario FEI" in body and "Archivo General de Tribunales" in body
    status = print_status(kiosk)
    assert status.startswith("No se imprimió.") and status.endswith(RECEIPT_ADVICE)
    assert here(kiosk, "action.reprint").isVisible()
    assert codes(kiosk)[0] == number  # the number stays, in large type
    assert not kiosk.find("action.back").isVisible() or not kiosk.find("action.back").isEnabled()


def test_a_double_tap_on_send_makes_one_request(
    make_driver: MakeDriver, portal_db: sqlite3.Connection
) -> None:
    kiosk = make_driver()
    dpi = fresh_dpi()
    find(kiosk, DEMO_AVAILABLE_NUMBER, DEMO_AVAILABLE_COURT)
    request_as(kiosk, dpi)
    send = kiosk.find("action.continue")
    send.click()
    send.click()  # the second tap, before the first answer: the kiosk is busy
    reach(kiosk, "done")
    assert len(requests_of(portal_db, dpi)) == 1
    assert codes(kiosk)[0] == requests_of(portal_db, dpi)[0]
    print_status(kiosk)  # the receipt's try ends before the kiosk closes


def test_a_lost_answer_retried_finds_the_same_request(
    make_driver: MakeDriver, proxy: PortalProxy, portal_db: sqlite3.Connection
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    dpi = fresh_dpi()
    find(kiosk, DEMO_AVAILABLE_NUMBER, DEMO_AVAILABLE_COURT)
    request_as(kiosk, dpi)
    proxy.lose_next_answer("POST", SUBMIT)
    kiosk.tap("action.continue")
    assert failure(kiosk).startswith(NO_PORTAL)  # the kiosk cannot know it was done
    (lost,) = proxy.to("POST", SUBMIT)
    assert lost.status == 201 and not lost.delivered  # the portal did register it
    first = ArchiveRequest.model_validate_json(lost.body)
    kiosk.tap("action.retry")
    reach(kiosk, "done")
    retried = proxy.to("POST", SUBMIT)[1]
    assert retried.replayed and retried.delivered  # the same Idempotency-Key: replayed
    assert codes(kiosk)[0] == first.number
    assert requests_of(portal_db, dpi) == [first.number]  # one request, one number
    print_status(kiosk)


def test_folios_beyond_the_file_are_said_and_fixed_behind_atras(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    find(kiosk, DEMO_AVAILABLE_NUMBER, DEMO_AVAILABLE_COURT)
    reach(kiosk, "case")
    kiosk.tap("action.continue")
    kiosk.tap("field.request_kind.copias")
    kiosk.tap("action.continue")
    kiosk.tap("field.scope.parte")
    kiosk.tap("action.continue")
    kiosk.type("field.folio_from", "200")
    kiosk.type("field.folio_to", "300")
    kiosk.tap("action.continue")
    assert "tiene 245 folios" in failure(kiosk)
    assert not here(kiosk, "action.retry").isVisible()
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("folios")
    assert text_here(kiosk, "field.folio_to") == "300"
    kiosk.type("field.folio_to", "245")
    kiosk.tap("action.continue")
    reach(kiosk, "cost")
    assert codes(kiosk) == ["Q23.00"]  # 46 folios, 92 pages at Q0.25


# --- privacy -----------------------------------------------------------------------------------


def test_the_idle_timeout_leaves_nothing_of_the_visit(
    make_driver: MakeDriver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    since = time.time()
    kiosk = make_driver(idle_ms=(400, 2000))
    dpi, first, last, phone = fresh_dpi(), "Rosalía Ixmucané", "Tzul Cojtí", "4718 2963"
    find(kiosk, DEMO_AVAILABLE_NUMBER, DEMO_AVAILABLE_COURT)
    request_as(kiosk, dpi, first, last, phone)
    kiosk.tap("action.continue")
    reach(kiosk, "done")
    number = codes(kiosk)[0]
    print_status(kiosk)  # the receipt was tried (and its file written) before the wipe
    kiosk.wait(lambda: kiosk.find("overlay.idle").isVisible(), timeout=10)
    kiosk.wait(lambda: kiosk.screen() == "screen.home", timeout=10)
    assert_nothing_left(kiosk, [dpi, format_dpi(dpi), first, last, phone], caplog, since=since)
    # the request's number is no secret (every sandbox numbers its year the same way, so another
    # one's database holds it too), but it was this visit's: no widget keeps it
    assert number not in widget_texts()


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
def test_the_search_and_the_request_log_templates_only(
    make_driver: MakeDriver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    kiosk = make_driver()
    dpi = fresh_dpi()
    find(kiosk, DEMO_AVAILABLE_NUMBER, DEMO_AVAILABLE_COURT)
    request_as(kiosk, dpi)
    kiosk.tap("action.continue")
    reach(kiosk, "done")
    print_status(kiosk)
    logged = logged_text(caplog)
    routes = {getattr(r, "route", None) for r in caplog.records}
    assert {"/archive-cases", "/archive-cases/{case_id}", "/archive-requests"} <= routes
    for secret in (dpi, "María José", "5512", DEMO_AVAILABLE_NUMBER, codes(kiosk)[0]):
        assert secret not in logged, secret
