"""«Imprimir otra vez» with no portal: a document this visit already obtained prints again from
the visit's own copy while the portal is away, once, and the copy goes with the visit. A real
kiosk behind a cuttable proxy in front of the real sandbox, printing on the private cupsd's
cups-pdf queue; what comes out is read back with pdftotext."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from backoffice import Cups, Tray
from faults import PortalProxy
from kiosk_driver import Driver
from record_visit import as_guest, codes, finish, print_status, reach

from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.services.printer import Printer

MakeDriver = Callable[..., Driver]
RECHECK = 2
AGAIN = "action.print_visit_document.1"


@pytest.fixture
def tray(cups: Cups) -> Iterator[Tray]:
    paper = Tray(cups.output_dir)
    yield paper
    paper.empty()


def offline_home(kiosk: Driver) -> bool:
    return kiosk.screen() == "screen.home" and kiosk.find("notice.offline").isVisible()


def test_a_document_of_the_visit_prints_again_offline_once_and_goes_with_the_visit(
    make_driver: MakeDriver, proxy: PortalProxy, cups: Cups, tray: Tray
) -> None:
    kiosk = make_driver(
        portal_url=proxy.url,
        printer=Printer(cups.pdf_queue, cups.server, 20),
        settings={"portal": {"recheck_seconds": RECHECK}},
    )
    as_guest(kiosk, DEMO_CLEAN)
    kiosk.tap("field.pay_method.en_linea")
    kiosk.tap("action.continue")
    reach(kiosk, "payment_slip")  # the payment slip prints at once
    reference = codes(kiosk)[0]
    assert print_status(kiosk).startswith("Su documento se imprimió.")
    tray.take("payment_slip", reference)
    session = kiosk.ui.session
    assert [d.title for d in session.kept] and session.kept[0].path.is_file()

    proxy.cut()
    kiosk.tap("action.home")  # home asks the portal for its catalog: no answer
    kiosk.wait(lambda: offline_home(kiosk))
    assert "imprimir otra vez" in kiosk.text("text.offline.works")
    again = kiosk.find(AGAIN)
    assert again.isVisible() and session.kept[0].title in again.text()
    refused = proxy.refused
    kiosk.tap(AGAIN)
    kiosk.wait(lambda: kiosk.find("overlay.message").isVisible())
    assert "Se imprimió otra vez" in kiosk.ui.message_overlay.body.text()
    tray.take("payment_slip", reference)  # the same slip, from the visit's copy
    assert proxy.refused == refused  # the portal was not needed for it
    kiosk.tap("action.primary")
    assert offline_home(kiosk)
    assert not kiosk.exists(AGAIN)  # once: the button is gone

    folder = session.kept[0].path.parent
    finish(kiosk)  # «Terminar y borrar mis datos»: the copy goes with the visit
    assert session.kept == [] and not folder.exists()
