"""Consulta de Convenio Laboral through the kiosk's screens, by object names, against the sandbox
over HTTP: a worker's DPI opens the convenio (overdue instalments said in words, the balance, the
next one due), the employer's lists the case's convenios, a long schedule is chosen a page at a
time, a wrong DPI reads exactly as a number without a convenio; what to fix said on the field
with what was typed kept; the number built step by step; too many failed tries (the minutes
said), the portal slow, down, or its answer lost; printing that fails; and the idle wipe that
leaves nothing of the visit anywhere."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from faults import PortalProxy
from kiosk_driver import Driver
from leftovers import assert_nothing_left
from PySide6.QtWidgets import QProgressBar, QWidget
from record_visit import failure, here, print_status, shown, text_here
from support.devices import enroll

from kiosk.embedded_portal import PortalEndpoint
from kiosk.identity import format_dpi, make_dpi
from kiosk.portal.client import PortalClient
from kiosk.portal.models.labor_agreements import (
    FAILURES_PER_NUMBER,
    SEARCH_LABOR_AGREEMENTS,
    AgreementSearch,
)
from kiosk.sandbox.labor_agreements_demo import (
    DEMO_LONG_NUMBER,
    DEMO_LONG_WORKER_DPI,
    DEMO_MANY_EMPLOYER_DPI,
    DEMO_MANY_NUMBER,
    DEMO_MANY_WORKER_DPIS,
    DEMO_OVERDUE_NUMBER,
    DEMO_OVERDUE_WORKER_DPI,
    DEMO_PAID_EMPLOYER_DPI,
    DEMO_PAID_NUMBER,
)

MakeDriver = Callable[..., Driver]
SERVICE = "convenio-laboral"
WORKER = "Marta Julia Sic Tzoc"  # the sandbox stores it; the kiosk shows M. J. S. T.
SEARCH_PATH = f"/v1{SEARCH_LABOR_AGREEMENTS.path}"
NO_PORTAL = "No hay conexión con el portal del Organismo Judicial en este momento."


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def reach(kiosk: Driver, step: str, timeout: float = 15) -> None:
    try:
        kiosk.wait(lambda: kiosk.screen() == screen(step), timeout)
    except AssertionError:
        raise AssertionError(f"still on {kiosk.screen()}: {shown(kiosk)}") from None


def search(kiosk: Driver, number: str, dpi: str) -> None:
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("number")
    kiosk.type("field.number", number)
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("dpi")
    kiosk.type("field.party_dpi", dpi)
    kiosk.tap("action.continue")


def rows(kiosk: Driver) -> list[str]:
    current = kiosk.shell.current_screen
    found = current.findChildren(QWidget) if current is not None else []
    return [w.objectName() for w in found if w.objectName().startswith("action.select.")]


def stranger() -> str:
    """A valid DPI that is nobody's in a convenio, new for each test (failed tries count)."""
    while True:
        try:
            return make_dpi(str(10_000_000 + uuid.uuid4().int % 90_000_000), 1, 1)
        except ValueError:
            continue


def generated(sandbox_dir: Path, residue: int) -> tuple[str, str]:
    """(number, worker's DPI) of a generated convenio kept for one test (pk % 19 = residue:
    never a case the sandbox tests lock or time)."""
    conn = sqlite3.connect(f"file:{sandbox_dir / 'portal.sqlite3'}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT number, worker_dpi FROM labor_agreements WHERE pk % 19 = ? AND pk > 2000 "
            "ORDER BY pk LIMIT 1",
            (residue,),
        ).fetchone()
    finally:
        conn.close()
    return str(row[0]), str(row[1])


def test_a_worker_sees_their_convenio_with_what_is_overdue(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    typed = format_dpi(DEMO_OVERDUE_WORKER_DPI)
    search(kiosk, "1174-2025-2031", typed)
    reach(kiosk, "record")
    assert DEMO_OVERDUE_NUMBER in text_here(kiosk, "value.heading")
    assert text_here(kiosk, "value.status") == "Con cuotas vencidas"
    assert "no se han pagado completas" in text_here(kiosk, "hint.status")  # explained
    assert text_here(kiosk, "value.balance") == "Q8,250.00"
    assert text_here(kiosk, "value.overdue") == "2 sin pagar completas: faltan Q2,000.00"
    assert text_here(kiosk, "value.next").startswith("Cuota 6: Q1,250.00, vence el ")
    assert text_here(kiosk, "value.instalment.4") == "Cuota 4: Q1,250.00, VENCIDA"
    assert "Se pagaron Q500.00" in text_here(kiosk, "hint.instalment.4")
    assert text_here(kiosk, "value.instalment.5") == "Cuota 5: Q1,250.00, VENCIDA"
    assert text_here(kiosk, "value.instalment.1") == "Cuota 1: Q1,250.00, pagada"
    assert text_here(kiosk, "value.instalment.10") == "Cuota 10: Q1,250.00, pendiente"
    assert text_here(kiosk, "value.party.0") == "M. J. S. T."
    assert "Sexto de Primera Instancia de Trabajo" in text_here(kiosk, "value.where")
    assert "obligue al patrono a pagar" in text_here(kiosk, "note.if_unpaid")
    everything = shown(kiosk)
    assert WORKER not in everything and "Marta" not in everything
    assert DEMO_OVERDUE_WORKER_DPI not in everything and typed not in everything
    assert here(kiosk, "action.print").isVisible()
    assert kiosk.find("action.continue").text() == "Terminar"
    kiosk.tap("action.back")  # one convenio went straight to the record: back to the DPI
    assert kiosk.screen() == screen("dpi")
    assert text_here(kiosk, "field.party_dpi") == typed


def test_a_wrong_dpi_reads_like_a_number_without_a_convenio(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    dpi = stranger()
    search(kiosk, DEMO_PAID_NUMBER, dpi)
    reach(kiosk, "results")
    wrong = text_here(kiosk, "label.empty")
    assert wrong.startswith("No encontramos un convenio con ese número de expediente y ese DPI")
    assert "•••• ••••• 0101" in text_here(kiosk, "label.searched")  # the DPI masked
    kiosk.tap("action.back")
    assert text_here(kiosk, "field.party_dpi") == dpi
    kiosk.tap("action.back")
    kiosk.type("field.number", "01174-2024-97532")  # no convenio at all
    kiosk.tap("action.continue")
    kiosk.tap("action.continue")
    reach(kiosk, "results")
    assert text_here(kiosk, "label.empty") == wrong


def test_the_employer_chooses_among_the_convenios_of_the_case(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, DEMO_PAID_NUMBER, DEMO_PAID_EMPLOYER_DPI)
    reach(kiosk, "results")
    assert "Encontramos 2 resultados" in text_here(kiosk, "label.count")
    names = rows(kiosk)
    assert len(names) == 2
    for name in names:
        assert "Pagado por completo" in text_here(kiosk, name)
        assert here(kiosk, name).height() >= 64  # a target for a finger
    kiosk.tap(names[1])
    reach(kiosk, "record")
    assert text_here(kiosk, "value.status") == "Pagado por completo"
    assert "no hay cuotas por pagar" in text_here(kiosk, "note.due")
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("results")


def test_too_many_to_list_says_where_to_ask_and_a_worker_still_finds_theirs(
    make_driver: MakeDriver,
) -> None:
    kiosk = make_driver()
    search(kiosk, DEMO_MANY_NUMBER, DEMO_MANY_EMPLOYER_DPI)
    reach(kiosk, "results")
    assert "son demasiados para verlos aquí" in text_here(kiosk, "label.count")
    assert "Pida el detalle de los convenios en el juzgado" in text_here(kiosk, "label.too_many")
    assert rows(kiosk) == []
    kiosk.tap("action.back")
    kiosk.type("field.party_dpi", DEMO_MANY_WORKER_DPIS[0])
    kiosk.tap("action.continue")
    reach(kiosk, "results")
    assert len(rows(kiosk)) == 3  # their own convenio, in three pages


def test_a_long_schedule_is_read_a_page_at_a_time(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    search(kiosk, DEMO_LONG_NUMBER, DEMO_LONG_WORKER_DPI)
    reach(kiosk, "results")
    assert "se ve por partes" in text_here(kiosk, "label.searched")
    pages = rows(kiosk)
    assert len(pages) == 3
    assert "cuotas 1 a 12 de 36" in text_here(kiosk, pages[0])
    assert "Todas pagadas" in text_here(kiosk, pages[0])
    assert "Aquí está la próxima cuota" in text_here(kiosk, pages[1])
    kiosk.tap(pages[1])
    reach(kiosk, "record")
    assert kiosk.exists("value.instalment.13") and kiosk.exists("value.instalment.24")
    assert not any(kiosk.exists(f"value.instalment.{n}") for n in (12, 25))
    assert text_here(kiosk, "value.instalment.14") == "Cuota 14: Q850.00, pendiente"
    assert "toque «Atrás»" in text_here(kiosk, "note.instalments")
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("results")
    kiosk.tap(pages[2])
    reach(kiosk, "record")
    assert kiosk.exists("value.instalment.36") and not kiosk.exists("value.instalment.24")


def test_what_to_fix_is_said_on_the_field_and_what_was_typed_kept(
    make_driver: MakeDriver,
) -> None:
    kiosk = make_driver()
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.type("field.number", "485-2011 Of. 2")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("number")
    assert "Escriba el número completo, que empieza con el departamento" in text_here(
        kiosk, "error.number"
    )
    assert text_here(kiosk, "field.number") == "485-2011 Of. 2"
    kiosk.type("field.number", DEMO_OVERDUE_NUMBER)
    kiosk.tap("action.continue")
    kiosk.type("field.party_dpi", "4680 23577 01")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("dpi")
    assert text_here(kiosk, "error.party_dpi") == "El DPI tiene 13 dígitos; faltan 2."
    assert text_here(kiosk, "field.party_dpi") == "4680 23577 01"
    kiosk.type("field.party_dpi", "")
    kiosk.tap("action.continue")
    assert (
        text_here(kiosk, "error.party_dpi") == "Escriba el DPI: son los 13 dígitos del documento."
    )


def test_the_number_built_step_by_step(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.tap("action.alternative")
    assert kiosk.screen() == screen("department")
    kiosk.tap("field.department.1")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("court")
    kiosk.tap("field.court.01174")
    kiosk.tap("action.continue")
    kiosk.type("field.year", "2025")
    kiosk.type("field.sequence", "2031")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("dpi")
    kiosk.type("field.party_dpi", DEMO_OVERDUE_WORKER_DPI)
    kiosk.tap("action.continue")
    reach(kiosk, "record")
    assert DEMO_OVERDUE_NUMBER in text_here(kiosk, "value.heading")


def test_too_many_failed_tries_say_how_many_minutes_to_wait(
    make_driver: MakeDriver, sandbox: PortalEndpoint, sandbox_dir: Path
) -> None:
    number, dpi = generated(sandbox_dir, 3)
    kiosk = make_driver()

    async def guess_from_another_kiosk() -> None:
        kiosk_id = enroll(sandbox, f"GUESS-{uuid.uuid4().hex[:8]}")
        async with PortalClient(
            sandbox.url, kiosk_id=kiosk_id, kiosk_token=sandbox.device_token
        ) as other:
            for _ in range(FAILURES_PER_NUMBER):
                body = AgreementSearch(number=number, dpi=stranger())
                key = str(uuid.uuid4())
                page = await other.call(SEARCH_LABOR_AGREEMENTS, body=body, idempotency_key=key)
                assert page.total == 0

    kiosk.run(guess_from_another_kiosk())
    search(kiosk, number, dpi)  # the right DPI, on the number someone else guessed at
    said = failure(kiosk)
    assert said == "Hubo demasiados intentos seguidos. Espere 15 minutos e intente de nuevo."
    assert here(kiosk, "action.retry").isVisible()


class SlowProxy(PortalProxy):
    """The portal answers convenio searches only after ``delay`` seconds."""

    delay = 1.5

    def __init__(self, upstream: str) -> None:
        super().__init__(upstream)
        self.slowed = threading.Event()

    def _forward(self, request: BaseHTTPRequestHandler) -> None:
        if request.path == SEARCH_PATH:
            self.slowed.set()
            time.sleep(self.delay)
        super()._forward(request)


def test_a_slow_portal_shows_that_it_is_searching(
    make_driver: MakeDriver, sandbox: PortalEndpoint
) -> None:
    with SlowProxy(sandbox.url) as slow:
        kiosk = make_driver(portal_url=slow.url)
        search(kiosk, DEMO_OVERDUE_NUMBER, DEMO_OVERDUE_WORKER_DPI)
        assert kiosk.screen() == screen("search")
        kiosk.wait(slow.slowed.is_set)
        heading = "Estamos buscando el convenio en el portal del Organismo Judicial."
        assert text_here(kiosk, "label.heading") == heading
        progress = here(kiosk, "progress")
        assert isinstance(progress, QProgressBar) and progress.isVisible()
        reach(kiosk, "record")


def test_the_portal_down_says_so_and_the_retry_finds_it(
    make_driver: MakeDriver, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.type("field.number", DEMO_OVERDUE_NUMBER)
    kiosk.tap("action.continue")
    kiosk.type("field.party_dpi", DEMO_OVERDUE_WORKER_DPI)
    proxy.cut()  # the portal stops answering while the visitor types
    kiosk.tap("action.continue")
    said = failure(kiosk)
    assert said.startswith(NO_PORTAL) and "pida ayuda en ventanilla" in said
    assert here(kiosk, "action.retry").isVisible()
    proxy.restore()
    kiosk.tap("action.retry")
    reach(kiosk, "record")
    assert text_here(kiosk, "value.status") == "Con cuotas vencidas"


def test_a_lost_answer_retried_is_the_portals_record_and_no_second_try(
    make_driver: MakeDriver, proxy: PortalProxy, sandbox_dir: Path
) -> None:
    number, _ = generated(sandbox_dir, 7)
    kiosk = make_driver(portal_url=proxy.url)
    proxy.lose_next_answer("POST", SEARCH_PATH)  # the portal searched; the kiosk never heard
    search(kiosk, number, stranger())
    failure(kiosk)
    kiosk.tap("action.retry")
    reach(kiosk, "results")
    assert text_here(kiosk, "label.empty").startswith("No encontramos un convenio")
    first, again = proxy.to("POST", SEARCH_PATH)
    assert not first.delivered and again.replayed and again.body == first.body


def test_printing_that_fails_says_what_to_do_instead(make_driver: MakeDriver) -> None:
    kiosk = make_driver()  # its printer does not answer
    search(kiosk, DEMO_OVERDUE_NUMBER, DEMO_OVERDUE_WORKER_DPI)
    reach(kiosk, "record")
    kiosk.tap("action.print")
    said = print_status(kiosk)
    assert said.startswith("No se imprimió.")
    assert "Puede anotar lo que dice la pantalla, o pedir el detalle del convenio" in said


def test_the_idle_wipe_leaves_nothing_of_the_visit(
    make_driver: MakeDriver, caplog: pytest.LogCaptureFixture
) -> None:
    since = time.time()
    kiosk = make_driver(idle_ms=(400, 2000))
    typed = format_dpi(DEMO_OVERDUE_WORKER_DPI)
    search(kiosk, DEMO_OVERDUE_NUMBER, typed)
    reach(kiosk, "record")
    assert text_here(kiosk, "value.party.0") == "M. J. S. T."
    kiosk.wait(lambda: kiosk.screen() == "screen.home", timeout=30)
    secrets = [typed, DEMO_OVERDUE_NUMBER, "M. J. S. T.", "Q8,250.00", "C. A., S. A."]
    assert_nothing_left(kiosk, secrets, caplog, since=since)
