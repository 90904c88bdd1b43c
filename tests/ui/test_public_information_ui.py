"""Solicitud de Información Pública through the kiosk's screens, by object names, against the
sandbox over HTTP: a request from the tile to the folio in large type; the printer that does not
answer (the folio stays, the advice says how to get the receipt later); a double tap, a portal
that stops answering, a lost answer: one request in all; a court file's copies sent elsewhere
with the text kept; the checks; a request found by its folio; too many look-ups, a slow portal;
and nothing left after the idle wipe."""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from faults import PortalProxy
from kiosk_driver import Driver
from leftovers import assert_nothing_left
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from record_visit import here, shown, text_here

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.portal.models.public_information import (
    PUBLIC_INFORMATION_REQUEST,
    PublicInformationRequest,
)
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.public_information_data import DEMO_ANSWERED_FOLIO, DEMO_UNKNOWN_FOLIO

MakeDriver = Callable[..., Driver]
SERVICE = "informacion-publica"
SUBMIT = "/v1/public-information-requests"
NAME = "Rosa Elena Ucelo Quintanilla"  # in no demo data: the idle test searches for it
TEXT = "Solicito el número de sentencias dictadas por el Juzgado de Paz de Zunil en 2025."
NO_PORTAL = "No hay conexión con el portal del Organismo Judicial en este momento."
ADVICE = "Anote el folio de arriba"


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def reach(kiosk: Driver, step: str, timeout: float = 15) -> None:
    try:
        kiosk.wait(lambda: kiosk.screen() == screen(step), timeout)
    except AssertionError:
        raise AssertionError(f"still on {kiosk.screen()}, not {step}: {shown(kiosk)}") from None


def unique_email() -> str:
    return f"rosa.{uuid.uuid4().hex[:8]}@ejemplo.gt"


def stored(sandbox_dir: Path, email: str) -> list[tuple[int, int]]:
    """(year, sequence) of every request the portal holds with this email."""
    uri = f"file:{sandbox_dir / DATABASE_FILE}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        return list(
            conn.execute(
                "SELECT year, sequence FROM public_information_requests WHERE email = ?", (email,)
            )
        )


def folio(year_sequence: tuple[int, int]) -> str:
    return f"UIP-{year_sequence[0]}-{year_sequence[1]:06d}"


def to_information(kiosk: Driver) -> None:
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("mode")
    kiosk.tap("field.mode.new_request")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("about")
    assert "no se piden aquí" in text_here(kiosk, "label.body")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("information")


def to_review(kiosk: Driver, email: str, *, dpi: str = "") -> None:
    """A request by email, from the tile to the review screen."""
    to_information(kiosk)
    kiosk.type("field.information", TEXT)
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("delivery")
    kiosk.tap("field.delivery.email")
    kiosk.tap("action.continue")
    kiosk.type("field.requester_name", NAME)
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("email")  # by email: no "how do we tell you" question
    kiosk.type("field.email", email)
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("dpi")
    if dpi:
        kiosk.type("field.dpi", dpi)
    kiosk.tap("action.continue")
    reach(kiosk, "review")


def codes(kiosk: Driver) -> dict[str, str]:
    current = kiosk.shell.current_screen
    assert current is not None
    return {
        label.objectName().removeprefix("value.code."): label.text()
        for label in current.findChildren(QLabel)
        if label.objectName().startswith("value.code.")
    }


def print_status(kiosk: Driver) -> str:
    """How the printout ended, once it has."""

    def ended() -> bool:
        status = here(kiosk, "label.print_status")
        printing = status.text() == "Imprimiendo su documento…"
        return status.isVisible() and not printing and status.property("kind") is not None

    kiosk.wait(ended, timeout=30)
    return text_here(kiosk, "label.print_status")


def failure(kiosk: Driver) -> str:
    kiosk.wait(lambda: here(kiosk, "label.message").isVisible())
    return text_here(kiosk, "label.message")


# --- a request, end to end ------------------------------------------------------------------------


def test_a_request_ends_with_its_folio_in_large_type(
    make_driver: MakeDriver, sandbox_dir: Path
) -> None:
    kiosk = make_driver()
    email = unique_email()
    to_review(kiosk, email)
    assert text_here(kiosk, "value.information") == TEXT
    assert text_here(kiosk, "value.delivery") == "Por correo electrónico"
    assert text_here(kiosk, "value.requester_name") == NAME
    assert text_here(kiosk, "value.dpi") == "Sin respuesta"
    assert kiosk.find("action.continue").text() == "Confirmar y enviar"
    notice = here(kiosk, "label.printer_notice")
    kiosk.wait(notice.isVisible)  # the printer does not answer: said before sending
    assert "el folio de su solicitud quedará en pantalla" in notice.text()
    kiosk.tap("action.continue")
    reach(kiosk, "received")
    (only,) = stored(sandbox_dir, email)
    shown_codes = codes(kiosk)
    assert shown_codes["folio"] == folio(only)
    assert shown_codes["due"].count("/") == 2  # dd/mm/yyyy, said in words below
    body = text_here(kiosk, "label.body")
    assert "a más tardar el" in body and "una sola vez" in body
    assert "recurso de revisión" in body and "15 días hábiles" in body
    assert email not in shown(kiosk) and "r•••@ejemplo.gt" in body
    # the printer never answered: the folio stays, and the advice says how to get the receipt
    status = print_status(kiosk)
    assert status.startswith("No se imprimió.") and ADVICE in status
    assert "«Ver una solicitud que ya hice»" in status
    assert here(kiosk, "action.reprint").isVisible()
    assert codes(kiosk)["folio"] == folio(only)
    assert kiosk.find("action.continue").text() == "Terminar"
    kiosk.tap("action.continue")
    assert kiosk.screen() == "screen.home"


def test_a_double_tap_on_send_files_one_request(
    make_driver: MakeDriver, sandbox_dir: Path, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    email = unique_email()
    to_review(kiosk, email)
    send = kiosk.find("action.continue")
    QTest.mouseClick(send, Qt.MouseButton.LeftButton)  # two taps before the loop turns
    QTest.mouseClick(send, Qt.MouseButton.LeftButton)
    reach(kiosk, "received")
    kiosk.settle(0.3)
    assert len(proxy.to("POST", SUBMIT)) == 1
    assert len(stored(sandbox_dir, email)) == 1
    assert ADVICE in print_status(kiosk)  # the receipt's attempt ends before the visit does


def test_a_lost_answer_retried_finds_the_same_request(
    make_driver: MakeDriver, sandbox_dir: Path, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    email = unique_email()
    to_review(kiosk, email)
    proxy.lose_next_answer("POST", SUBMIT)
    kiosk.tap("action.continue")
    assert failure(kiosk).startswith(NO_PORTAL)  # the kiosk cannot know it was done
    (lost,) = proxy.to("POST", SUBMIT)
    assert lost.status == 201 and not lost.delivered  # the portal did receive it
    first = PublicInformationRequest.model_validate_json(lost.body)
    kiosk.tap("action.retry")
    reach(kiosk, "received")
    retried = proxy.to("POST", SUBMIT)[1]
    assert retried.replayed and retried.delivered  # the same Idempotency-Key: replayed
    assert codes(kiosk)["folio"] == first.folio
    assert [folio(row) for row in stored(sandbox_dir, email)] == [first.folio]  # one request
    assert ADVICE in print_status(kiosk)


def test_a_portal_down_keeps_every_answer_and_the_retry_sends_once(
    make_driver: MakeDriver, sandbox_dir: Path, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    email = unique_email()
    to_review(kiosk, email)
    proxy.cut()
    kiosk.tap("action.continue")
    said = failure(kiosk)
    assert said.startswith(NO_PORTAL) and "pida ayuda en ventanilla" in said
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("review")
    assert (
        text_here(kiosk, "value.email") == email and text_here(kiosk, "value.information") == TEXT
    )
    assert stored(sandbox_dir, email) == []
    proxy.restore()
    kiosk.tap("action.continue")
    reach(kiosk, "received")
    assert len(stored(sandbox_dir, email)) == 1 and len(proxy.to("POST", SUBMIT)) == 1
    assert ADVICE in print_status(kiosk)


# --- what is asked --------------------------------------------------------------------------------


def test_a_court_file_is_sent_elsewhere_and_the_text_kept(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    to_information(kiosk)
    typed = "Necesito copia del expediente 01173-2019-00123"
    kiosk.type("field.information", typed)
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("court_file")
    body = text_here(kiosk, "label.body")
    assert "«Archivo de Tribunales»" in body and "juzgado" in body
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("information")
    assert text_here(kiosk, "field.information") == typed
    kiosk.tap("action.continue")
    kiosk.tap("action.continue")  # it is what they want after all: on to the delivery
    assert kiosk.screen() == screen("delivery")


def test_each_answer_is_checked_with_words_that_say_how_and_kept(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    to_information(kiosk)
    kiosk.type("field.information", "2025")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("information")
    assert "de qué oficina y de qué fechas" in text_here(kiosk, "error.information")
    assert text_here(kiosk, "field.information") == "2025"
    kiosk.type("field.information", TEXT)
    kiosk.tap("action.continue")
    kiosk.tap("field.delivery.printed_copy")
    kiosk.tap("action.continue")
    kiosk.type("field.requester_name", NAME)
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("contact")
    kiosk.tap("field.contact.phone")
    kiosk.tap("action.continue")
    kiosk.type("field.phone", "1512 3456")
    kiosk.tap("action.continue")
    assert "empiezan con 2, 3, 4, 5, 6 o 7" in text_here(kiosk, "error.phone")
    assert text_here(kiosk, "field.phone") == "1512 3456"
    kiosk.type("field.phone", "5512 3456")
    kiosk.tap("action.continue")
    kiosk.type("field.dpi", "2468 13572 0101")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("dpi") and text_here(kiosk, "error.dpi")
    assert text_here(kiosk, "field.dpi") == "2468 13572 0101"
    kiosk.type("field.dpi", "")
    kiosk.tap("action.continue")  # optional: left empty
    reach(kiosk, "review")
    assert text_here(kiosk, "value.phone") == "5512 3456"


# --- a request made before ------------------------------------------------------------------------


def test_a_request_found_by_its_folio_and_its_receipt_again(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.tap("field.mode.find_request")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("folio")
    kiosk.type("field.folio", "2025-900003")
    kiosk.tap("action.continue")
    reach(kiosk, "request")
    assert text_here(kiosk, "value.heading") == f"Solicitud {DEMO_ANSWERED_FOLIO}"
    assert text_here(kiosk, "value.status") == "Respondida"
    assert "Ya se entregó" in text_here(kiosk, "hint.status")
    assert text_here(kiosk, "value.due_on") == "martes 21 de octubre de 2025"
    assert text_here(kiosk, "value.requester") == "I. A. C. C."
    assert "Ixchel" not in shown(kiosk)
    assert "recurso de revisión" in text_here(kiosk, "note.request")
    kiosk.tap("action.print")
    status = print_status(kiosk)
    assert status.startswith("No se imprimió.") and ADVICE in status
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("folio") and text_here(kiosk, "field.folio") == "2025-900003"


def test_an_unknown_folio_says_so_and_keeps_it(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.tap("field.mode.find_request")
    kiosk.tap("action.continue")
    kiosk.type("field.folio", "UIP-26-4")
    kiosk.tap("action.continue")
    assert "por ejemplo 2026-004812" in text_here(kiosk, "error.folio")
    kiosk.type("field.folio", DEMO_UNKNOWN_FOLIO)
    kiosk.tap("action.continue")
    said = failure(kiosk)
    assert f"No encontramos una solicitud con el folio {DEMO_UNKNOWN_FOLIO}" in said
    assert "Toque «Atrás»" in said and not here(kiosk, "action.retry").isVisible()
    kiosk.tap("action.back")
    assert text_here(kiosk, "field.folio") == DEMO_UNKNOWN_FOLIO


def test_too_many_look_ups_say_how_long_to_wait(
    make_driver: MakeDriver, sandbox: PortalEndpoint, kiosk_id: str
) -> None:
    kiosk = make_driver()

    async def look_up_many() -> None:  # from this kiosk: the limit is the kiosk's
        async with PortalClient(
            sandbox.url, kiosk_id=kiosk_id, kiosk_token=sandbox.device_token
        ) as same_kiosk:
            for _ in range(30):
                await same_kiosk.call(
                    PUBLIC_INFORMATION_REQUEST, path={"folio": DEMO_ANSWERED_FOLIO}
                )

    kiosk.run(look_up_many())
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.tap("field.mode.find_request")
    kiosk.tap("action.continue")
    kiosk.type("field.folio", DEMO_ANSWERED_FOLIO)
    kiosk.tap("action.continue")
    said = failure(kiosk)
    assert "Hubo demasiados intentos seguidos. Espere" in said
    assert here(kiosk, "action.retry").isVisible()


class SlowProxy(PortalProxy):
    """The portal takes longer than the kiosk waits (its read timeout is 10 s)."""

    delay = 11.0

    def _forward(self, request: object) -> None:
        time.sleep(self.delay)
        super()._forward(request)  # type: ignore[arg-type]


@pytest.mark.slow
def test_a_slow_portal_says_so_and_the_retry_works(
    make_driver: MakeDriver, sandbox: PortalEndpoint
) -> None:
    with SlowProxy(sandbox.url) as slow:
        kiosk = make_driver(portal_url=slow.url)
        kiosk.tap(f"tile.{SERVICE}")
        kiosk.tap("field.mode.find_request")
        kiosk.tap("action.continue")
        kiosk.type("field.folio", DEMO_ANSWERED_FOLIO)
        kiosk.tap("action.continue")
        kiosk.wait(lambda: here(kiosk, "label.message").isVisible(), timeout=30)
        assert "tardando demasiado" in text_here(kiosk, "label.message")
        assert here(kiosk, "action.retry").isVisible()
        slow.delay = 0.0
        kiosk.tap("action.retry")
        reach(kiosk, "request")


# --- nothing left after the visit -----------------------------------------------------------------


def test_the_idle_wipe_leaves_nothing_of_the_request(
    make_driver: MakeDriver, caplog: pytest.LogCaptureFixture
) -> None:
    since = time.time()
    kiosk = make_driver(idle_ms=(400, 2000))
    email, dpi = unique_email(), "2468 13571 0101"
    to_review(kiosk, email, dpi=dpi)
    kiosk.tap("action.continue")
    reach(kiosk, "received")
    assert codes(kiosk)["folio"]  # the request went: what the visitor gave is now the portal's
    kiosk.wait(lambda: kiosk.screen() == "screen.home", timeout=30)
    assert_nothing_left(kiosk, [NAME, email, dpi, TEXT], caplog, since=since)
