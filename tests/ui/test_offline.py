"""Working offline: the portal goes away during a visit and comes back, and the kiosk is started
while it is away. A real kiosk (compose) talks to the session's real sandbox through a loopback
proxy that the test cuts and restores (faults.PortalProxy); nothing is restarted in between."""

from __future__ import annotations

from collections.abc import Callable

from backoffice import Backoffice
from desk_support import desk_settings, make_desk, press
from faults import PortalProxy
from kiosk_driver import Driver
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from record_visit import (
    TILE,
    as_guest,
    codes,
    failure,
    finish,
    here,
    reach,
    screen,
    text_here,
    type_boleta,
)
from test_verification_ui import certificate

from kiosk.embedded_portal import PortalEndpoint
from kiosk.sandbox.demo import DEMO_CLEAN

MakeDriver = Callable[..., Driver]
NO_PORTAL = "No hay conexión con el portal del Organismo Judicial en este momento."
RECHECK = 2  # seconds: the smallest portal.recheck_seconds the settings take
#: the re-check's period, and its own call's time on a loopback, with room for a busy machine
BACK_WITHIN = 10 * RECHECK
VERIFY = "tile.verificar-documento"


def kiosk_behind(make_driver: MakeDriver, proxy: PortalProxy) -> Driver:
    return make_driver(portal_url=proxy.url, settings={"portal": {"recheck_seconds": RECHECK}})


def notice_shown(kiosk: Driver) -> bool:
    return kiosk.screen() == "screen.home" and kiosk.find("notice.offline").isVisible()


def greyed(kiosk: Driver, name: str) -> bool:
    tile = kiosk.find(name)
    return bool(tile.property("unavailable")) and "Sin conexión" in tile.accessibleName()


def keep_trust_list(kiosk: Driver) -> None:
    """What the kiosk's background refresh does while the portal answers: the trust list is
    saved, so seals are checked with it after the portal goes away."""
    assert kiosk.run(kiosk.kiosk.verification.verifier().refresh_trust_list(force=True))


def scan(kiosk: Driver, seal: str) -> None:
    """A USB scanner reads the QR: the whole text at once, then Enter."""
    field = kiosk.find("field.verification_code")
    field.setFocus()
    QTest.keyClicks(field, seal)
    QTest.keyClick(field, Qt.Key.Key_Return)
    kiosk.wait(lambda: kiosk.screen() == "screen.verificar-documento.verdict")


def test_a_cut_mid_visit_ends_the_call_keeps_the_answers_and_the_visit_ends_once_it_is_back(
    make_driver: MakeDriver, desk: Backoffice, proxy: PortalProxy
) -> None:
    kiosk = kiosk_behind(make_driver, proxy)
    kiosk.wait(lambda: kiosk.ui.catalog is not None)
    assert not kiosk.find("notice.offline").isVisible()
    boleta = desk.boleta()
    as_guest(kiosk, DEMO_CLEAN)
    # the boleta's check is on its way when the portal goes away
    proxy.slow(1.0)
    type_boleta(kiosk, "banrural", boleta.number, boleta.paid_on.strftime("%d/%m/%Y"), "30.00")
    assert kiosk.ui.ops.busy
    proxy.cut()
    said = failure(kiosk)  # it ends, with the clear message and a way forward
    assert said.startswith(NO_PORTAL) and "ventanilla" in said
    assert here(kiosk, "action.retry").isVisible() and not kiosk.ui.ops.busy
    assert not kiosk.ui.offline.reachable  # the kiosk knows the portal is away
    # nothing the visitor typed is lost
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("boleta")
    typed = [text_here(kiosk, f"field.boleta_{f}") for f in ("number", "paid_on", "amount")]
    assert typed == [boleta.number, boleta.paid_on.strftime("%d/%m/%Y"), "30.00"]

    proxy.slow(0)
    proxy.restore()
    kiosk.wait(lambda: kiosk.ui.offline.reachable, timeout=BACK_WITHIN)  # it asked by itself
    assert kiosk.screen() == screen("boleta")  # the visitor's screen stayed as it was
    kiosk.tap("action.continue")
    reach(kiosk, "review")
    assert text_here(kiosk, "value.guest_dpi").replace(" ", "") == DEMO_CLEAN.dpi
    kiosk.tap("action.continue")  # "Confirmar y enviar"
    reach(kiosk, "issued")
    assert len(codes(kiosk)) == 2
    finish(kiosk)
    assert not kiosk.find("notice.offline").isVisible()


def test_home_says_what_works_offline_verifies_a_seal_and_comes_back_by_itself(
    make_driver: MakeDriver, sandbox: PortalEndpoint, proxy: PortalProxy
) -> None:
    kiosk = kiosk_behind(make_driver, proxy)
    kiosk.wait(lambda: kiosk.ui.catalog is not None)
    keep_trust_list(kiosk)
    cert = certificate(kiosk, sandbox)
    proxy.cut()
    # a visitor starts a service and goes back home: the portal does not answer home's call
    kiosk.tap("tile.cuenta")
    kiosk.tap("action.home")
    kiosk.wait(lambda: notice_shown(kiosk))
    assert kiosk.in_view("notice.offline")  # at the top, no scrolling to find it
    assert "Sin conexión con el portal" in kiosk.text("label.portal_status")
    assert "Verificar un documento" in kiosk.text("text.offline.works")
    assert "ventanilla" in kiosk.text("text.offline.unavailable")
    # what needs the portal is greyed with its reason, not hidden; verification is not
    assert greyed(kiosk, TILE) and kiosk.find(TILE).isVisible()
    assert greyed(kiosk, "tile.cuenta")
    assert not greyed(kiosk, VERIFY)
    kiosk.tap(TILE)
    assert kiosk.screen() == "screen.antecedentes-penales.unavailable"
    body = kiosk.text("label.body")
    assert "no hay conexión" in body and "ventanilla" in body and "Vuelva" in body
    kiosk.tap("action.back_home")
    assert notice_shown(kiosk)

    # verification works offline: a genuine seal, checked with the saved trust list
    refused = proxy.refused
    kiosk.tap(VERIFY)
    assert kiosk.screen() == "screen.verificar-documento.scan"
    scan(kiosk, cert.seal)
    assert "VÁLIDO" in kiosk.text("label.verdict") and "NO VÁLIDO" not in kiosk.text(
        "label.verdict"
    )
    assert proxy.refused > refused  # the portal was asked too, and did not answer
    kiosk.tap("action.home")
    assert notice_shown(kiosk)

    proxy.restore()
    kiosk.wait(lambda: not kiosk.find("notice.offline").isVisible(), timeout=BACK_WITHIN)
    kiosk.wait(lambda: kiosk.ui.catalog is not None)  # the catalog loaded again
    assert not greyed(kiosk, TILE) and not greyed(kiosk, "tile.cuenta")
    kiosk.tap(TILE)
    assert kiosk.screen() == screen("about")


def test_started_while_the_portal_is_away_it_says_so_then_serves_once_it_answers(
    make_driver: MakeDriver, proxy: PortalProxy
) -> None:
    proxy.cut()
    kiosk = kiosk_behind(make_driver, proxy)
    kiosk.wait(lambda: notice_shown(kiosk))
    assert kiosk.ui.catalog is None
    assert greyed(kiosk, TILE) and not greyed(kiosk, VERIFY)
    kiosk.tap("tile.cuenta")
    assert kiosk.screen() == "screen.cuenta.unavailable"  # told, never a spinner
    kiosk.tap("action.back_home")
    asked = proxy.refused
    kiosk.wait(lambda: proxy.refused > asked, timeout=BACK_WITHIN)  # it keeps asking
    assert notice_shown(kiosk)

    proxy.restore()
    kiosk.wait(lambda: not kiosk.find("notice.offline").isVisible(), timeout=BACK_WITHIN)
    kiosk.wait(lambda: kiosk.ui.catalog is not None)
    assert not greyed(kiosk, TILE)
    kiosk.tap("tile.cuenta")
    assert kiosk.screen() == "screen.cuenta.dpi"


def test_a_desk_is_told_too_but_its_clerk_may_still_open_a_service(
    make_driver: MakeDriver, proxy: PortalProxy
) -> None:
    settings = desk_settings(portal={"recheck_seconds": RECHECK})
    kiosk = make_desk(make_driver, settings=settings, portal_url=proxy.url)
    proxy.cut()
    kiosk.tap("tile.cuenta")
    press(kiosk, Qt.Key.Key_F4)  # the desk's «Inicio»
    kiosk.wait(lambda: notice_shown(kiosk))
    assert "se pueden abrir" in kiosk.text("text.offline.unavailable")
    assert not greyed(kiosk, "tile.cuenta")
    kiosk.tap("tile.cuenta")  # a trained clerk at a window: its questions need no portal
    assert kiosk.screen() == "screen.cuenta.dpi"
    proxy.restore()
    kiosk.wait(lambda: kiosk.ui.offline.reachable, timeout=BACK_WITHIN)
