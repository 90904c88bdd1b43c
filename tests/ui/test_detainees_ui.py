"""Registro Central de Detenidos through the kiosk's screens, by object names, against the sandbox
over HTTP: found by DPI and by a full name written as people write it; partial names and a bad
DPI say what to fix and keep what was typed; homonyms, «Ver más» and too many; nobody found,
reserved and a minor; the portal slow, down, or holding the kiosk back; printing that fails; and
nothing left once the visit ends."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

import pytest
from faults import PortalProxy
from kiosk_driver import Driver
from PySide6.QtWidgets import QProgressBar, QWidget
from record_visit import failure, here, shown, text_here

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.portal.models.detainees import (
    SEARCH_DETAINEES,
    SEARCHES_PER_MINUTE,
    DetaineeSearch,
)
from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.sandbox.services.detainees import (
    DEMO_CROWD,
    DEMO_DETAINED,
    DEMO_MANY,
    DEMO_MINOR,
    DEMO_RESERVED,
)

MakeDriver = Callable[..., Driver]
SERVICE = "registro-detenidos"
NO_PORTAL = "No hay conexión con el portal del Organismo Judicial en este momento."


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def reach(kiosk: Driver, step: str) -> None:
    try:
        kiosk.wait(lambda: kiosk.screen() == screen(step))
    except AssertionError:
        raise AssertionError(f"still on {kiosk.screen()}: {shown(kiosk)}") from None


def by_dpi(kiosk: Driver, dpi: str) -> None:
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("dpi")
    kiosk.type("field.dpi", dpi)
    kiosk.tap("action.continue")


def by_name(kiosk: Driver, given: str, first: str, second: str = "") -> None:
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.tap("action.alternative")  # «No tengo el DPI: buscar por el nombre completo»
    assert kiosk.screen() == screen("name")
    kiosk.type("field.given_names", given)
    kiosk.type("field.first_surname", first)
    kiosk.type("field.second_surname", second)
    kiosk.tap("action.continue")


def rows(kiosk: Driver) -> list[str]:
    current = kiosk.shell.current_screen
    found = current.findChildren(QWidget) if current is not None else []
    return [w.objectName() for w in found if w.objectName().startswith("action.select.")]


def test_by_dpi_the_record_shows_the_public_minimum(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_dpi(kiosk, "8041 27352 0101")
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == "Registra detención"
    assert text_here(kiosk, "value.status") == "Registra detención"
    assert "registrada como detenida hoy" in text_here(kiosk, "hint.status")  # explained
    assert text_here(kiosk, "value.place") == DEMO_DETAINED.centre
    assert "Centro de detención preventiva" in text_here(kiosk, "hint.place")
    assert text_here(kiosk, "value.place_department") == "Guatemala"
    assert text_here(kiosk, "value.court").startswith("Juzgado Tercero de Primera Instancia")
    assert text_here(kiosk, "value.since") == "14/08/2025"
    assert text_here(kiosk, "value.initials") == "M. E. S. L."
    assert text_here(kiosk, "value.dpi") == "•••• ••••• 0101"
    assert text_here(kiosk, "value.searched") == "DPI buscado: •••• ••••• 0101"
    for secret in ("Mynor", "Sarceño", "Lemus", DEMO_DETAINED.dpi, "8041 27352"):
        assert secret not in shown(kiosk), secret
    assert here(kiosk, "action.print").isVisible()
    assert kiosk.find("action.continue").text() == "Terminar"
    kiosk.tap("action.back")  # one person: straight to the record, and straight back
    assert kiosk.screen() == screen("dpi")
    assert text_here(kiosk, "field.dpi") == "8041 27352 0101"


@pytest.mark.parametrize(
    ("given", "first", "second"),
    [("mynor", "SARCENO", ""), ("Estuardo", "Sarceño Lemus", "")],
    ids=["no-accents-no-second-surname", "both-surnames-in-one-box"],
)
def test_by_full_name_written_as_people_write_it(
    make_driver: MakeDriver, given: str, first: str, second: str
) -> None:
    kiosk = make_driver()
    by_name(kiosk, given, first, second)
    reach(kiosk, "record")
    assert text_here(kiosk, "value.initials") == "M. E. S. L."
    assert text_here(kiosk, "value.searched") == f"Nombre buscado: {given} {first}"


def test_a_partial_name_says_what_to_fix_and_keeps_what_was_typed(
    make_driver: MakeDriver,
) -> None:
    kiosk = make_driver()
    by_name(kiosk, "J.", "Chir*")
    assert kiosk.screen() == screen("name")
    assert "Escriba «J.» completo, sin abreviar" in text_here(kiosk, "error.given_names")
    assert "quite «*»" in text_here(kiosk, "error.first_surname")
    assert here(kiosk, "error-summary").isVisible()
    assert text_here(kiosk, "field.given_names") == "J."
    assert text_here(kiosk, "field.first_surname") == "Chir*"
    kiosk.type("field.given_names", "José Luis")  # one word alone is not a full name
    kiosk.type("field.first_surname", "")
    kiosk.tap("action.continue")
    assert "Escriba el primer apellido" in text_here(kiosk, "error.first_surname")
    assert not here(kiosk, "error.given_names").isVisible()


def test_a_malformed_dpi_says_what_to_fix_and_keeps_it(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_dpi(kiosk, "2468 13572 0101")
    assert kiosk.screen() == screen("dpi")
    assert "no es válido" in text_here(kiosk, "error.dpi")
    assert text_here(kiosk, "field.dpi") == "2468 13572 0101"


def test_homonyms_are_listed_and_each_opens(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_name(kiosk, "Jose Luis", "Chiroy")
    reach(kiosk, "results")
    assert "Encontramos 3 resultados" in text_here(kiosk, "label.count")
    assert text_here(kiosk, "label.searched") == "Nombre buscado: Jose Luis Chiroy"
    names = rows(kiosk)
    assert len(names) == 3
    for name in names:
        row = here(kiosk, name)
        assert row.height() >= 64  # a target for a finger
        words = text_here(kiosk, name)
        assert "Nació en" in words and "Departamento de nacimiento" in words
        assert "Chiroy" not in words
    kiosk.tap(names[2])
    reach(kiosk, "record")
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("results")
    kiosk.tap(names[0])
    reach(kiosk, "record")


def test_many_homonyms_page_with_more(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_name(kiosk, DEMO_MANY.given_name, DEMO_MANY.first_surname)
    reach(kiosk, "results")
    assert f"Encontramos {DEMO_MANY.count} resultados" in text_here(kiosk, "label.count")
    assert len(rows(kiosk)) == 10
    kiosk.tap("action.more")
    kiosk.wait(lambda: len(rows(kiosk)) == 20)
    kiosk.tap("action.more")
    kiosk.wait(lambda: len(rows(kiosk)) == DEMO_MANY.count)
    current = kiosk.shell.current_screen
    assert current is not None and current.findChild(QWidget, "action.more") is None
    kiosk.tap(rows(kiosk)[-1])
    reach(kiosk, "record")


def test_too_many_asks_to_narrow_the_search(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_name(kiosk, DEMO_CROWD.given_name, DEMO_CROWD.first_surname)
    reach(kiosk, "results")
    assert "son demasiados" in text_here(kiosk, "label.count")
    assert "segundo apellido" in text_here(kiosk, "label.too_many")
    assert rows(kiosk) == []
    kiosk.tap("action.back")
    assert text_here(kiosk, "field.given_names") == DEMO_CROWD.given_name


def test_nobody_found_says_what_it_means_and_prints(make_driver: MakeDriver) -> None:
    kiosk = make_driver()  # its printer is a CUPS that does not answer
    by_dpi(kiosk, DEMO_CLEAN.dpi)
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == "No registra detención"
    assert "no es una constancia de antecedentes penales" in text_here(kiosk, "hint.status")
    assert "consulte más tarde" in text_here(kiosk, "note.result")
    kiosk.tap("action.print")
    status = here(kiosk, "label.print_status")
    kiosk.wait(lambda: status.text().startswith("No se imprimió."), 30)
    assert "Puede anotar lo que dice la pantalla" in status.text()  # what to do instead
    assert here(kiosk, "action.print").isEnabled()  # «Imprimir otra vez»


def test_a_minor_never_appears(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_dpi(kiosk, DEMO_MINOR.dpi)
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == "No registra detención"
    assert "Cotzojay" not in shown(kiosk) and "Gaviotas" not in shown(kiosk)


def test_a_reserved_matter_says_reservado_and_nothing_else(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_dpi(kiosk, DEMO_RESERVED.dpi)
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == "Registro reservado"
    assert text_here(kiosk, "value.status") == "Reservado"
    assert "La ley protege los datos" in text_here(kiosk, "hint.status")
    assert not kiosk.exists("section.person") and not kiosk.exists("section.detention")
    for secret in ("H. T. Q.", "1984", "Zona 18", "Femicidio", "11/03/2025"):
        assert secret not in shown(kiosk), secret
    kiosk.tap("action.finish")
    by_name(kiosk, DEMO_RESERVED.given_names, DEMO_RESERVED.first_surname)  # never by name
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == "No registra detención"


class SlowProxy(PortalProxy):
    """The portal answers detainee searches only after ``delay`` seconds."""

    delay = 1.5

    def __init__(self, upstream: str) -> None:
        super().__init__(upstream)
        self.slowed = threading.Event()  # a search reached the proxy and waits

    def _forward(self, request: BaseHTTPRequestHandler) -> None:
        if request.path == f"/v1{SEARCH_DETAINEES.path}":
            self.slowed.set()
            time.sleep(self.delay)
        super()._forward(request)


def test_a_slow_portal_shows_that_it_is_searching(
    make_driver: MakeDriver, sandbox: PortalEndpoint
) -> None:
    with SlowProxy(sandbox.url) as slow:
        kiosk = make_driver(portal_url=slow.url)
        by_dpi(kiosk, DEMO_DETAINED.dpi)
        assert kiosk.screen() == screen("search")
        kiosk.wait(slow.slowed.is_set)
        heading = "Estamos buscando en el Registro Central de Detenidos."
        assert text_here(kiosk, "label.heading") == heading
        progress = here(kiosk, "progress")
        assert isinstance(progress, QProgressBar) and progress.isVisible()
        reach(kiosk, "record")


def test_the_portal_down_says_so_and_the_retry_finds_it(
    make_driver: MakeDriver, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.type("field.dpi", DEMO_DETAINED.dpi)
    proxy.cut()  # the portal stops answering while the visitor types
    kiosk.tap("action.continue")
    said = failure(kiosk)
    assert said.startswith(NO_PORTAL) and "pida ayuda en ventanilla" in said
    assert here(kiosk, "action.retry").isVisible()
    proxy.restore()
    kiosk.tap("action.retry")
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == "Registra detención"


def test_too_many_searches_say_how_long_to_wait(
    make_driver: MakeDriver, sandbox: PortalEndpoint, kiosk_id: str
) -> None:
    kiosk = make_driver()

    async def use_up_the_limit() -> None:  # the same kiosk, searching a moment before
        async with PortalClient(
            sandbox.url, kiosk_id=kiosk_id, kiosk_token=sandbox.device_token
        ) as client:
            for _ in range(SEARCHES_PER_MINUTE):
                await client.call(SEARCH_DETAINEES, body=DetaineeSearch(dpi=DEMO_CLEAN.dpi))

    kiosk.run(use_up_the_limit())
    by_dpi(kiosk, DEMO_DETAINED.dpi)
    said = failure(kiosk)
    assert said.startswith("Hubo demasiados intentos seguidos. Espere ")
    assert "segundos e intente de nuevo" in said
    assert here(kiosk, "action.retry").isVisible()


def test_nothing_is_left_once_the_visit_ends(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    by_name(kiosk, "Mynor", "Sarceño", "Lemus")
    reach(kiosk, "record")
    run = kiosk.ui.session.flow
    assert run is not None and run.answers and run.results
    kiosk.tap("action.finish")  # «Terminar y borrar mis datos»
    assert kiosk.screen() == "screen.home"
    assert (run.answers, run.raw, run.results) == ({}, {}, {})
    assert "Mynor" not in shown(kiosk) and "M. E. S. L." not in shown(kiosk)
    kiosk.tap(f"tile.{SERVICE}")
    assert text_here(kiosk, "field.dpi") == ""
    kiosk.tap("action.alternative")
    assert text_here(kiosk, "field.given_names") == ""
    assert text_here(kiosk, "field.first_surname") == ""
