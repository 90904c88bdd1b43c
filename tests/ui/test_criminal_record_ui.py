"""Antecedentes Penales through the kiosk's screens, as a visitor without an account, against the
real sandbox: from the home tile to the issued constancia's codes on screen."""

from __future__ import annotations

import re
from typing import Any

from support import sandbox_tools
from support.devices import enroll

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.portal.models import Bank, SandboxBoletaCreate
from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.services.printer import Printer


def fresh_boleta(kiosk: Any) -> tuple[str, str]:
    """A new unused Banrural boleta from the sandbox's bank simulator: (number, dd/mm/aaaa)."""

    async def make() -> tuple[str, str]:
        bank = enroll(kiosk.sandbox, "GT-TEST-BANK")
        async with PortalClient(
            kiosk.sandbox.url, kiosk_id=bank, kiosk_token=kiosk.sandbox.device_token
        ) as portal:
            boleta = await sandbox_tools.sandbox_create_boleta(
                portal, SandboxBoletaCreate(bank=Bank.BANRURAL)
            )
        return boleta.number, boleta.paid_on.strftime("%d/%m/%Y")

    return kiosk.run(make())


UNREACHABLE = Printer(queue="kiosk-sala-1", server="127.0.0.1:9", timeout=5)


def test_guest_with_a_boleta_gets_the_constancia_codes(
    make_driver: Any, sandbox: PortalEndpoint
) -> None:
    kiosk = make_driver(printer=UNREACHABLE)  # the real print path against a silent CUPS
    kiosk.sandbox = sandbox
    number, paid_on = fresh_boleta(kiosk)
    kiosk.tap("tile.antecedentes-penales")
    assert kiosk.screen() == "screen.antecedentes-penales.about"
    kiosk.tap("action.continue")
    kiosk.tap("field.mode.sin_registro")
    kiosk.tap("action.continue")
    kiosk.type("field.guest_dpi", DEMO_CLEAN.dpi)
    kiosk.tap("action.continue")
    kiosk.type("field.guest_birth_date", DEMO_CLEAN.birth_date.strftime("%d/%m/%Y"))
    kiosk.tap("action.continue")
    kiosk.type("field.first_names", "Maria Jose")  # without accents, as people type them
    kiosk.type("field.last_names", DEMO_CLEAN.last_names)
    kiosk.tap("action.continue")
    kiosk.tap("field.send_email.no")
    kiosk.tap("action.continue")
    kiosk.tap("field.pay_method.boleta")
    kiosk.tap("action.continue")
    kiosk.tap("field.boleta_bank.banrural")
    kiosk.tap("action.continue")
    kiosk.type("field.boleta_number", number)
    kiosk.type("field.boleta_paid_on", paid_on)
    kiosk.type("field.boleta_amount", "30.00")
    kiosk.tap("action.continue")
    kiosk.wait(lambda: kiosk.screen() == "screen.antecedentes-penales.review")
    assert kiosk.text("value.guest_dpi").replace(" ", "") == DEMO_CLEAN.dpi
    # before committing, the visitor learns the printer cannot print, and what to do instead
    kiosk.wait(lambda: kiosk.find("label.printer_notice").isVisible())
    assert "código de descarga" in kiosk.text("label.printer_notice")
    kiosk.tap("action.continue")
    kiosk.wait(lambda: kiosk.screen() == "screen.antecedentes-penales.issued")
    # the codes to keep stand apart from the words, in large type
    assert kiosk.text("value.code.verification").startswith("CAP-")  # the verification code
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", kiosk.text("value.code.download"))
    # the constancia was fetched and rendered into the session's folder, then the printer failed:
    # the visitor is told, in words, and offered a reprint (the portal keeps the document)
    kiosk.wait(lambda: kiosk.find("action.reprint").isVisible())
    assert "no responde" in kiosk.text("label.print_status")
    pdf = kiosk.ui.session.temp_dir() / "certificate.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    kiosk.tap("action.reprint")
    kiosk.wait(lambda: kiosk.find("action.reprint").isVisible())
    run = kiosk.ui.session.flow
    assert run is not None and "submit_request" in run.results
    kiosk.tap("action.continue")
    assert kiosk.screen() == "screen.home"
    assert kiosk.ui.session.flow is None and run.results == {} and run.answers == {}
    assert not pdf.exists()  # nothing personal left behind
