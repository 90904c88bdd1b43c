"""Formulario Electrónico de Ingresos through the kiosk's screens, by object names, against the
sandbox over HTTP: a fine for a case from the tile to the form's number in large type; a fixed fee
with a DPI; the printer that does not answer (the number stays, the advice says how to pay and get
the paper later); a double tap, a portal that stops answering and a lost answer: one form in all;
the checks on screen with what was typed kept; a slow portal; and nothing left after the idle
wipe."""

from __future__ import annotations

import contextlib
import random
import re
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from clipping import clipped
from faults import PortalProxy
from kiosk_driver import Driver
from leftovers import assert_nothing_left
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from record_visit import codes, here, larger_than_body, shown, text_here

from kiosk import i18n
from kiosk.embedded_portal import PortalEndpoint
from kiosk.nit import check_digit
from kiosk.portal.models.income_forms import IncomeForm
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.income_forms_data import DEMO_CASE_NUMBER, DEMO_CONCEPT_CASE, DEMO_CONCEPT_FIXED
from kiosk.ui.theme import apply_theme

MakeDriver = Callable[..., Driver]
SERVICE = "fei"
SUBMIT = "/v1/fei"
NAME = "Rosa Elena Cruz Reyes"
NO_PORTAL = "No hay conexión con el portal del Organismo Judicial en este momento."
ADVICE = "Anote el número del formulario y el monto de arriba"
_digits = random.Random()


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def reach(kiosk: Driver, step: str, timeout: float = 15) -> None:
    try:
        kiosk.wait(lambda: kiosk.screen() == screen(step), timeout)
    except AssertionError:
        raise AssertionError(f"still on {kiosk.screen()}, not {step}: {shown(kiosk)}") from None


def fresh_nit() -> str:
    """A NIT of this test's own (forms are limited per payer), ending in K, as typed: 1234567-K."""
    while True:
        number = str(_digits.randrange(10**6, 10**8))
        if check_digit(number) == "K":
            return f"{number}-K"


def forms_of(sandbox_dir: Path, kiosk_id: str) -> list[str]:
    """The numbers of every form the portal holds from this kiosk."""
    uri = f"file:{sandbox_dir / DATABASE_FILE}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        rows = conn.execute("SELECT number FROM fei_forms WHERE kiosk_id = ?", (kiosk_id,))
        return [number for (number,) in rows]


def print_ended(kiosk: Driver) -> str:
    """How printing the form ended (the test printer does not answer): said on screen, with
    «Imprimir otra vez»."""
    kiosk.wait(lambda: here(kiosk, "action.reprint").isVisible(), 30)
    return text_here(kiosk, "label.print_status")


def names_here(kiosk: Driver) -> list[str]:
    current = kiosk.shell.current_screen
    return [w.objectName() for w in current.findChildren(QWidget)] if current else []


def choose(kiosk: Driver, name: str) -> None:
    kiosk.tap(name)
    kiosk.tap("action.continue")


def to_review(kiosk: Driver, nit: str, *, name: str = NAME, amount: str = "300") -> None:
    """A fine for the demo case, paid with a NIT: from the tile to the review."""
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("kind")
    assert "no recibe dinero" in text_here(kiosk, "label.intro")
    choose(kiosk, "field.kind.multas")
    reach(kiosk, "concept")
    choose(kiosk, f"field.concept.{DEMO_CONCEPT_CASE}")
    assert kiosk.screen() == screen("case_number")
    kiosk.type("field.case_number", "13028-2026-18")
    kiosk.tap("action.continue")
    choose(kiosk, "field.payer_kind.nit")
    kiosk.type("field.nit", nit)
    kiosk.tap("action.continue")
    kiosk.type("field.payer_name", name)
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("amount")
    kiosk.type("field.amount", amount)
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("summary")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("review")


def test_a_fine_ends_in_its_form_number_in_large_type(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    nit = fresh_nit()
    to_review(kiosk, nit)
    assert text_here(kiosk, "value.concept") == "Multa impuesta por un Juzgado de Paz (faltas)"
    assert text_here(kiosk, "value.case_number") == DEMO_CASE_NUMBER
    assert text_here(kiosk, "value.nit") == nit
    assert text_here(kiosk, "value.amount") == "Q300.00"
    assert kiosk.find("action.continue").text() == "Confirmar y enviar"
    kiosk.tap("action.continue")
    reach(kiosk, "form")
    number = text_here(kiosk, "value.code.form")
    assert re.fullmatch(r"FEI-[0-9]{4}-[0-9]{8}", number)
    assert text_here(kiosk, "value.code.amount") == "Q300.00"
    assert re.fullmatch(r"[0-9]{2}/[0-9]{2}/[0-9]{4}", text_here(kiosk, "value.code.valid_until"))
    assert larger_than_body(kiosk, "value.code.form")
    body = text_here(kiosk, "label.body")
    assert "trescientos quetzales con 00/100" in body and "R. E. C. R." in body
    assert "Banrural, Banco Industrial o G&T Continental" in body
    assert "no es un comprobante de pago" in body
    assert NAME not in shown(kiosk) and nit.replace("-", "") not in shown(kiosk)
    # the printer does not answer: the number stays, and the advice says what to do instead
    assert ADVICE in print_ended(kiosk)
    assert here(kiosk, "action.reprint").isVisible() and kiosk.in_view("value.code.form")
    assert kiosk.find("action.continue").text() == "Terminar"
    kiosk.tap("action.continue")
    assert kiosk.screen() == "screen.home"


def test_a_fixed_fee_with_a_dpi_asks_neither_case_nor_amount(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(f"tile.{SERVICE}")
    choose(kiosk, "field.kind.tasas")
    reach(kiosk, "concept")
    assert "Monto fijo: Q50.00" in text_here(kiosk, f"field.concept.{DEMO_CONCEPT_FIXED}")
    choose(kiosk, f"field.concept.{DEMO_CONCEPT_FIXED}")
    assert kiosk.screen() == screen("payer_kind")
    choose(kiosk, "field.payer_kind.dpi")
    kiosk.type("field.payer_dpi", "3157 28647 0108")
    kiosk.tap("action.continue")
    kiosk.type("field.payer_name", "Juan Carlos García Hernández")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("summary")
    assert "Q50.00 (cincuenta quetzales con 00/100)" in text_here(kiosk, "label.body")
    kiosk.tap("action.continue")
    values = [name for name in names_here(kiosk) if name.startswith("value.")]
    assert values == ["value.concept", "value.payer_kind", "value.payer_dpi", "value.payer_name"]
    kiosk.tap("action.continue")
    reach(kiosk, "form")
    assert text_here(kiosk, "value.code.amount") == "Q50.00"
    assert "DPI •••• ••••• 0108" in text_here(kiosk, "label.body")
    print_ended(kiosk)


def test_the_checks_say_how_to_fix_it_and_keep_what_was_typed(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(f"tile.{SERVICE}")
    choose(kiosk, "field.kind.multas")
    reach(kiosk, "concept")
    kiosk.tap("action.continue")  # nothing chosen
    assert text_here(kiosk, "error.concept") == "Elija una opción."
    choose(kiosk, f"field.concept.{DEMO_CONCEPT_CASE}")
    kiosk.type("field.case_number", "01999-2025-1")
    kiosk.tap("action.continue")
    assert "01999" in text_here(kiosk, "error.case_number")
    kiosk.type("field.case_number", DEMO_CASE_NUMBER)
    kiosk.tap("action.continue")
    choose(kiosk, "field.payer_kind.nit")
    wrong = fresh_nit()[:-1] + "3"
    kiosk.type("field.nit", wrong)
    kiosk.tap("action.continue")
    assert "dígito verificador" in text_here(kiosk, "error.nit")
    assert here(kiosk, "error-summary").isVisible()
    assert text_here(kiosk, "field.nit") == wrong and kiosk.screen() == screen("nit")
    kiosk.type("field.nit", fresh_nit())
    kiosk.tap("action.continue")
    kiosk.type("field.payer_name", NAME)
    kiosk.tap("action.continue")
    kiosk.type("field.amount", "10.00")
    kiosk.tap("action.continue")
    assert "de Q25.00 a Q10,000.00" in text_here(kiosk, "error.amount")
    assert text_here(kiosk, "field.amount") == "10.00"


def test_a_double_tap_on_confirm_makes_one_form(
    make_driver: MakeDriver, proxy: PortalProxy, kiosk_id: str, sandbox_dir: Path
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    to_review(kiosk, fresh_nit())
    button = kiosk.find("action.continue")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # two taps before the loop turns
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    reach(kiosk, "form")
    kiosk.settle(0.3)
    assert len(proxy.to("POST", SUBMIT)) == 1
    assert forms_of(sandbox_dir, kiosk_id) == [text_here(kiosk, "value.code.form")]
    forms = kiosk.shell.findChildren(QWidget, screen("form"))
    assert len([s for s in forms if s.isVisible()]) == 1
    print_ended(kiosk)


def test_portal_down_at_confirm_keeps_everything_and_the_retry_makes_one_form(
    make_driver: MakeDriver, proxy: PortalProxy, kiosk_id: str, sandbox_dir: Path
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    nit = fresh_nit()
    to_review(kiosk, nit)
    proxy.cut()
    kiosk.tap("action.continue")
    kiosk.wait(lambda: here(kiosk, "label.message").isVisible())
    assert text_here(kiosk, "label.message").startswith(NO_PORTAL)
    assert here(kiosk, "action.retry").isVisible()
    kiosk.tap("action.back")  # nothing lost: the review keeps every answer
    assert kiosk.screen() == screen("review") and text_here(kiosk, "value.nit") == nit
    assert proxy.to("POST", SUBMIT) == [] and forms_of(sandbox_dir, kiosk_id) == []
    proxy.restore()
    kiosk.tap("action.continue")
    reach(kiosk, "form")
    assert forms_of(sandbox_dir, kiosk_id) == [text_here(kiosk, "value.code.form")]
    print_ended(kiosk)


def test_a_lost_answer_retried_gives_the_same_form_once(
    make_driver: MakeDriver, proxy: PortalProxy, kiosk_id: str, sandbox_dir: Path
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    to_review(kiosk, fresh_nit())
    proxy.lose_next_answer("POST", SUBMIT)
    kiosk.tap("action.continue")
    kiosk.wait(lambda: here(kiosk, "label.message").isVisible())
    assert text_here(kiosk, "label.message").startswith(NO_PORTAL)
    (lost,) = proxy.to("POST", SUBMIT)
    assert lost.status == 201 and not lost.delivered  # the portal made it; the kiosk never heard
    made = IncomeForm.model_validate_json(lost.body)
    kiosk.tap("action.retry")
    reach(kiosk, "form")
    assert codes(kiosk)[0] == made.number
    retried = proxy.to("POST", SUBMIT)[1]
    assert retried.replayed and retried.delivered  # the same Idempotency-Key: the same form
    assert forms_of(sandbox_dir, kiosk_id) == [made.number]
    print_ended(kiosk)


class SlowProxy(PortalProxy):
    """The catalogue takes ``delay`` seconds (the kiosk waits 10 s for an answer)."""

    delay = 0.0

    def _forward(self, request: object) -> None:
        if "/fei-concepts" in str(getattr(request, "path", "")):
            time.sleep(self.delay)
        # the kiosk may stop waiting before the answer comes: what this test is about
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super()._forward(request)  # type: ignore[arg-type]


@pytest.mark.slow
def test_a_slow_portal_shows_progress_says_so_when_too_slow_and_the_retry_works(
    make_driver: MakeDriver, sandbox: PortalEndpoint
) -> None:
    with SlowProxy(sandbox.url) as slow:
        kiosk = make_driver(portal_url=slow.url)
        slow.delay = 1.0
        kiosk.tap(f"tile.{SERVICE}")
        choose(kiosk, "field.kind.depositos")
        assert kiosk.screen() == screen("catalogue")  # a wait: progress, and what it waits for
        assert here(kiosk, "progress").isVisible()
        assert "lista de pagos" in text_here(kiosk, "label.heading")
        reach(kiosk, "concept")
        kiosk.tap("action.back")
        slow.delay = 11.0
        choose(kiosk, "field.kind.cauciones")
        kiosk.wait(lambda: here(kiosk, "label.message").isVisible(), timeout=30)
        assert "tardando demasiado" in text_here(kiosk, "label.message")
        slow.delay = 0.0
        kiosk.tap("action.retry")
        reach(kiosk, "concept")
        assert kiosk.exists("field.concept.CAU-001")


@pytest.mark.parametrize(("size", "large"), [((1280, 800), True), ((1280, 800), False)])
def test_no_text_is_clipped_in_the_pseudo_locale(
    make_driver: MakeDriver, size: tuple[int, int], large: bool
) -> None:
    """About 40 % longer words, on the narrow screen: every screen of the walk still fits."""
    kiosk = make_driver()
    kiosk.shell.resize(*size)
    apply_theme(QApplication.instance(), large_text=large, high_contrast=False)  # type: ignore[arg-type]
    i18n.set_language("xx")
    seen: dict[str, list[str]] = {}
    try:
        kiosk.tap(f"tile.{SERVICE}")
        kiosk.tap("field.kind.multas")
        seen["kind"] = clipped(kiosk.shell)
        kiosk.tap("action.continue")
        reach(kiosk, "concept")
        kiosk.tap(f"field.concept.{DEMO_CONCEPT_CASE}")
        seen["concept"] = clipped(kiosk.shell)
        kiosk.tap("action.continue")
        kiosk.type("field.case_number", "01999-2025-1")
        kiosk.tap("action.continue")
        seen["case_number-error"] = clipped(kiosk.shell)
        kiosk.type("field.case_number", DEMO_CASE_NUMBER)
        kiosk.tap("action.continue")
        choose(kiosk, "field.payer_kind.nit")
        kiosk.type("field.nit", fresh_nit())
        kiosk.tap("action.continue")
        kiosk.type("field.payer_name", NAME)
        kiosk.tap("action.continue")
        kiosk.type("field.amount", "1")
        kiosk.tap("action.continue")
        seen["amount-error"] = clipped(kiosk.shell)
        kiosk.type("field.amount", "9,999.99")
        kiosk.tap("action.continue")
        seen["summary"] = clipped(kiosk.shell)
        kiosk.tap("action.continue")
        seen["review"] = clipped(kiosk.shell)
        kiosk.tap("action.continue")
        reach(kiosk, "form")
        print_ended(kiosk)
        seen["form"] = clipped(kiosk.shell)
    finally:
        apply_theme(QApplication.instance(), large_text=False, high_contrast=False)  # type: ignore[arg-type]
        i18n.set_language("es")
    assert not {screen: found for screen, found in seen.items() if found}


def test_the_idle_wipe_leaves_nothing_of_the_form(
    make_driver: MakeDriver, caplog: pytest.LogCaptureFixture
) -> None:
    since = time.time()
    kiosk = make_driver(idle_ms=(400, 2000))
    nit = fresh_nit()
    name = "Marta Lidia Xiloj Tzul"
    to_review(kiosk, nit, name=name, amount="1234.50")
    kiosk.tap("action.continue")
    reach(kiosk, "form")
    kiosk.wait(lambda: kiosk.screen() == "screen.home", timeout=30)
    assert_nothing_left(kiosk, [nit, nit.replace("-", ""), name], caplog, since=since)
