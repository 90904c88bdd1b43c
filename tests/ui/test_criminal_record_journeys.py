"""Antecedentes Penales as visitors walk it, from the home tile to the result, on the real kiosk UI
against a real sandbox portal over HTTP: with an account, with an account made on the way, with
each kind of wrong boleta, and coming back with a payment reference. Printing and network faults
have journeys of their own (test_criminal_record_printing.py, test_criminal_record_faults.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from backoffice import Backoffice, own_portal
from kiosk_driver import Driver
from qasync import QEventLoop
from record_visit import (
    as_guest,
    begin,
    codes,
    failure,
    here,
    pay_with,
    reach,
    screen,
    shown,
    text_here,
    type_boleta,
)
from support.devices import enroll

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.models import PaymentOrderStatus, SessionCreate
from kiosk.sandbox.demo import (
    BOLETA_MAX_AGE_DAYS,
    DEMO_ACCOUNT,
    DEMO_ACCOUNT_EMAIL,
    DEMO_ACCOUNT_PASSWORD,
    DEMO_BOLETAS,
    DEMO_CLEAN,
    DEMO_NEW,
)
from kiosk.sandbox.store import now as guatemala_now

MakeDriver = Callable[..., Driver]
DOWNLOAD_CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


# --- 1. an existing account ---------------------------------------------------------------------


def test_account_holder_logs_in_by_email_and_by_dpi(
    make_driver: MakeDriver, desk: Backoffice
) -> None:
    kiosk = make_driver()
    begin(kiosk, "con_cuenta")
    assert kiosk.screen() == screen("login")
    kiosk.type("field.login", DEMO_ACCOUNT_EMAIL)
    kiosk.type("field.login_password", DEMO_ACCOUNT_PASSWORD + "!")
    kiosk.tap("action.continue")
    said = failure(kiosk)
    assert "o la contraseña, no son correctos" in said
    assert "puede hacer el trámite sin registrarse" in said  # and what else to do
    assert not here(kiosk, "action.retry").isVisible()  # the same again would fail the same
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("login")
    assert text_here(kiosk, "field.login") == DEMO_ACCOUNT_EMAIL  # what was typed is kept
    kiosk.type("field.login_password", DEMO_ACCOUNT_PASSWORD)
    kiosk.tap("action.continue")
    reach(kiosk, "pay_method")  # logged in: nothing asked about who the visitor is
    pay_with(kiosk, desk.boleta())
    assert text_here(kiosk, "value.login") == DEMO_ACCOUNT_EMAIL
    assert not kiosk.exists("value.guest_dpi")
    assert DEMO_ACCOUNT_PASSWORD not in shown(kiosk)  # masked on the review
    kiosk.tap("action.continue")
    reach(kiosk, "issued")
    # the account's person got it, and it went to the account's address
    assert f"También se la enviamos a {DEMO_ACCOUNT_EMAIL}." in text_here(kiosk, "label.body")
    download, verification = codes(kiosk)
    certificate = desk.call(lambda portal: portal.certificate(download))
    assert (certificate.code, certificate.dpi) == (verification, DEMO_ACCOUNT.dpi)
    kiosk.tap("action.continue")  # "Terminar"
    assert kiosk.screen() == "screen.home"

    # the next visitor is the same person with the DPI as printed on the card
    on_card = "3157 28647 0108"
    assert on_card.replace(" ", "") == DEMO_ACCOUNT.dpi
    begin(kiosk, "con_cuenta")
    assert text_here(kiosk, "field.login") == ""  # nothing of the last visit
    kiosk.type("field.login", on_card)
    kiosk.type("field.login_password", DEMO_ACCOUNT_PASSWORD)
    kiosk.tap("action.continue")
    reach(kiosk, "pay_method")


def test_a_login_left_open_by_inicio_is_shown_on_home_and_closed_there(
    make_driver: MakeDriver,
) -> None:
    kiosk = make_driver()
    assert not kiosk.find("note.login").isVisible()
    begin(kiosk, "con_cuenta")
    kiosk.type("field.login", DEMO_ACCOUNT_EMAIL)
    kiosk.type("field.login_password", DEMO_ACCOUNT_PASSWORD)
    kiosk.tap("action.continue")
    reach(kiosk, "pay_method")
    kiosk.tap("action.home")  # «Inicio» keeps the log-in for the visit's next service...
    assert kiosk.screen() == "screen.home"
    assert kiosk.kiosk.session.login is not None
    assert kiosk.find("note.login").isVisible()  # ...and says so where the visitor looks
    kiosk.tap("action.logout")
    assert kiosk.screen() == "screen.home"
    assert kiosk.kiosk.session.login is None
    assert not kiosk.find("note.login").isVisible()
    begin(kiosk, "con_cuenta")
    assert kiosk.screen() == screen("login")  # the next visitor is asked again
    assert text_here(kiosk, "field.login") == ""


# --- 2. an account made inside the flow -----------------------------------------------------------


@pytest.fixture(scope="module")
def fresh_portal(sandbox: PortalEndpoint) -> Iterator[tuple[str, Path]]:
    """A portal of this module's own where DEMO_NEW has no account yet (in the session's shared
    sandbox another test may have made it)."""
    with own_portal(sandbox.device_token, seed=11) as portal:
        yield portal


def test_new_account_made_on_the_way_then_the_request_goes_on_logged_in(
    make_driver: MakeDriver,
    fresh_portal: tuple[str, Path],
    qloop: QEventLoop,
    sandbox: PortalEndpoint,
    kiosk_id: str,
) -> None:
    url, data = fresh_portal
    enroll(data, kiosk_id, sandbox.device_token)  # the kiosk's id, in this portal's registry too
    desk = Backoffice(qloop, url, sandbox.device_token, data)
    kiosk = make_driver(portal_url=url)
    email, password = "ixchel.caal@ejemplo.gt", "lluvia en el lago de atitlán"
    begin(kiosk, "crear_cuenta")
    assert kiosk.screen() == screen("dpi")
    kiosk.type("field.dpi", DEMO_NEW.dpi)
    kiosk.tap("action.continue")
    kiosk.type("field.birth_date", DEMO_NEW.birth_date.strftime("%d/%m/%Y"))
    kiosk.tap("action.continue")
    kiosk.type("field.email", email)
    kiosk.tap("action.continue")
    kiosk.type("field.password", password)
    kiosk.type("field.password_repeat", password)
    kiosk.tap("action.continue")
    reach(kiosk, "account_ready")  # created, and logged in with it
    assert email in text_here(kiosk, "label.body")
    kiosk.tap("action.continue")
    reach(kiosk, "pay_method")
    pay_with(kiosk, desk.boleta())
    assert not kiosk.exists("value.guest_dpi")  # the account says who it is
    assert password not in shown(kiosk)
    kiosk.tap("action.continue")
    reach(kiosk, "issued")
    assert f"También se la enviamos a {email}." in text_here(kiosk, "label.body")
    download, _verification = codes(kiosk)
    # the portal: the request belongs to the new account, the constancia to DEMO_NEW
    rows = desk.rows(
        "SELECT a.email, r.dpi FROM criminal_record_requests r "
        "JOIN accounts a ON a.id = r.account_id WHERE r.download_code = ?",
        download,
    )
    assert [tuple(row) for row in rows] == [(email, DEMO_NEW.dpi)]
    # and the account works on its own afterwards
    session = desk.call(lambda portal: portal.log_in(SessionCreate(login=email, password=password)))
    assert session.account.email == email


# --- 3. each wrong boleta -------------------------------------------------------------------------


def demo_boleta(purpose_word: str) -> tuple[str, str]:
    """A Banrural demo boleta by a word of its purpose: (number, paid on as dd/mm/aaaa)."""
    today = guatemala_now().date()
    found = next(b for b in DEMO_BOLETAS if b.bank == "banrural" and purpose_word in b.purpose)
    return found.number, found.paid_on(today).strftime("%d/%m/%Y")


def test_each_wrong_boleta_says_what_is_wrong_and_atras_keeps_every_value(
    make_driver: MakeDriver, desk: Backoffice
) -> None:
    unknown = "3000 0000 99"  # typed with spaces, as printed on some slips
    assert not desk.rows("SELECT 1 FROM boletas WHERE number = ?", unknown.replace(" ", ""))
    two_days_ago = (guatemala_now().date() - timedelta(days=2)).strftime("%d/%m/%Y")
    used, used_on = demo_boleta("usada")
    q25, q25_on = demo_boleta("Q25.00")
    old, old_on = demo_boleta("antigua")
    cases = [
        (unknown, two_days_ago, "30.00", "Banrural no tiene una boleta con ese número"),
        (used, used_on, "Q30.00", "Esa boleta ya se usó para otra solicitud"),
        (q25, q25_on, "Q25.00", "La boleta es por Q25.00; el trámite cuesta Q30.00"),
        (old, old_on, "30", f"La boleta tiene más de {BOLETA_MAX_AGE_DAYS} días"),
    ]
    kiosk = make_driver()
    as_guest(kiosk, DEMO_CLEAN)
    for number, paid_on, amount, expected in cases:
        if kiosk.screen() == screen("pay_method"):
            type_boleta(kiosk, "banrural", number, paid_on, amount)
        else:  # back on the boleta screen: the visitor corrects what is there
            kiosk.type("field.boleta_number", number)
            kiosk.type("field.boleta_paid_on", paid_on)
            kiosk.type("field.boleta_amount", amount)
            kiosk.tap("action.continue")
        said = failure(kiosk)
        assert expected in said, said
        assert "Toque «Atrás» para revisar y cambiar sus datos." in said
        assert not here(kiosk, "action.retry").isVisible()
        kiosk.tap("action.back")
        assert kiosk.screen() == screen("boleta")
        typed = [text_here(kiosk, f"field.boleta_{f}") for f in ("number", "paid_on", "amount")]
        assert typed == [number, paid_on, amount]


# --- 5. coming back with the reference of an order paid earlier -----------------------------------


def test_back_with_a_paid_reference_goes_to_the_review_without_a_new_order(
    make_driver: MakeDriver, desk: Backoffice
) -> None:
    order = desk.order()  # an earlier visit: the slip was printed, then paid at home
    desk.pay(order.reference)
    unknown = "0000 0000 0001"
    assert not desk.rows("SELECT 1 FROM payment_orders WHERE reference = '000000000001'")
    orders = desk.rows("SELECT COUNT(*) FROM payment_orders")[0][0]

    kiosk = make_driver()
    as_guest(kiosk, DEMO_CLEAN)
    kiosk.tap("field.pay_method.referencia")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("payment_reference")
    kiosk.type("field.payment_reference", unknown)
    kiosk.tap("action.continue")
    said = failure(kiosk)
    assert "No encontramos una orden de pago con la referencia 000000000001" in said
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("payment_reference")
    assert text_here(kiosk, "field.payment_reference") == unknown
    grouped = " ".join(re.findall(r"\d{4}", order.reference))
    kiosk.type("field.payment_reference", grouped)
    kiosk.tap("action.continue")
    reach(kiosk, "review")  # paid already: no slip, no waiting
    kiosk.tap("action.continue")
    reach(kiosk, "issued")
    download, verification = codes(kiosk)
    assert DOWNLOAD_CODE.fullmatch(download) and verification.startswith("CAP-")
    # the order paid earlier paid for this request, and no other order was made
    spent = desk.call(lambda portal: portal.payment_order(order.id))
    assert spent.status is PaymentOrderStatus.USED
    assert desk.rows("SELECT COUNT(*) FROM payment_orders")[0][0] == orders
