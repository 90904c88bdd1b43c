"""Antecedentes Penales through the kiosk's screens, as a visitor without an account, against the
real sandbox: from the home tile to the issued constancia's codes on screen."""

from __future__ import annotations

from typing import Any

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.portal.models import Bank, SandboxBoletaCreate
from kiosk.sandbox.demo import DEMO_CLEAN


def fresh_boleta(kiosk: Any) -> tuple[str, str]:
    """A new unused Banrural boleta from the sandbox's bank simulator: (number, dd/mm/aaaa)."""

    async def make() -> tuple[str, str]:
        async with PortalClient(
            kiosk.sandbox.url, kiosk_id="GT-TEST-BANK", kiosk_token=kiosk.sandbox.device_token
        ) as portal:
            boleta = await portal.sandbox_create_boleta(SandboxBoletaCreate(bank=Bank.BANRURAL))
        return boleta.number, boleta.paid_on.strftime("%d/%m/%Y")

    return kiosk.loop.run_until_complete(make())


def test_guest_with_a_boleta_gets_the_constancia_codes(
    make_driver: Any, sandbox: PortalEndpoint
) -> None:
    kiosk = make_driver()
    kiosk.sandbox = sandbox
    number, paid_on = fresh_boleta(kiosk)
    kiosk.ui.start_flow("criminal_record")  # its tile opens it once the result prints (issue 4)
    kiosk.settle()
    assert kiosk.screen() == "screen.criminal_record.about"
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
    kiosk.wait(lambda: kiosk.screen() == "screen.criminal_record.review")
    assert kiosk.text("value.guest_dpi").replace(" ", "") == DEMO_CLEAN.dpi
    kiosk.tap("action.continue")
    kiosk.wait(lambda: kiosk.screen() == "screen.criminal_record.issued")
    body = kiosk.text("label.body")
    assert "CAP-" in body  # the verification code
    kiosk.tap("action.continue")
    assert kiosk.screen() == "screen.home"
    assert kiosk.ui.session.answers == {}
