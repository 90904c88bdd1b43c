"""Formulario Electrónico de Ingresos walked without a screen, against the sandbox over HTTP: a fine
for a case with a NIT ending in K, a fixed fee with a DPI, every check's words (the typed value
kept), the branches a change from the review opens, one form per Idempotency-Key, the portal's
refusals on the visitor's question, an empty catalogue, the amount in words, and the form on
paper (its text, its barcode and its QR read back)."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
import zxingcpp
from documents.pdf_reading import rasterize, read_qr, text_of
from hypothesis import given
from hypothesis import strategies as st
from support.actions import Bound, advance, bound_actions
from support.codes import body_of, shown_codes

from kiosk import formats
from kiosk.flows.engine import FlowRun
from kiosk.flows.model import ConfirmationStep, InfoStep, ReviewStep
from kiosk.nit import check_digit
from kiosk.portal.client import PortalClient
from kiosk.portal.models.income_forms import FeiStatus, IncomeForm, PayerIdKind
from kiosk.portal.models.payments import Bank
from kiosk.sandbox import income_forms_data as data
from kiosk.services.base import AnswerRejected, RenderContext
from kiosk.services.income_forms import SERVICE
from kiosk.services.income_forms.amount_words import amount_words, number_words
from kiosk.services.income_forms.flow import FLOW
from kiosk.services.income_forms.printouts import JOB_TITLE, form_receipt
from kiosk.services.receipt_paper import receipt_printout
from kiosk.services.registry import printout

TODAY = date(2026, 12, 7)
NAME = "Juan Carlos García Hernández"
_digits = random.Random()


def fresh_nit() -> str:
    """A NIT of its own whose check digit is K (the portal limits forms per payer)."""
    while True:
        number = str(_digits.randrange(10**6, 10**8))
        if check_digit(number) == "K":
            return number + "K"


@pytest.fixture
def nit() -> str:
    return fresh_nit()


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


async def answer(run: FlowRun, actions: dict[str, Bound], **values: str) -> None:
    assert run.submit(values) == [], values
    await advance(run, actions)


async def to_payer(run: FlowRun, actions: dict[str, Bound], kind: str, concept: str) -> None:
    await answer(run, actions, kind=kind)
    assert run.current.id == "concept"
    await answer(run, actions, concept=concept)


def typed(nit: str) -> str:
    """A NIT as people type it: a dash before the check digit, a small k."""
    return f"{nit[:-1]}-{nit[-1].lower()}"


async def fine_for_the_demo_case(run: FlowRun, actions: dict[str, Bound], nit: str) -> None:
    """A fine typed as people do, for the demo case, paid with a NIT: ends on the summary."""
    await to_payer(run, actions, "multas", data.DEMO_CONCEPT_CASE)
    assert run.current.id == "case_number"
    await answer(run, actions, case_number="13028-2026-18")
    await answer(run, actions, payer_kind="nit")
    await answer(run, actions, nit=typed(nit))
    await answer(run, actions, payer_name=f"  {NAME} ")
    assert run.current.id == "amount"
    await answer(run, actions, amount="Q300")
    assert isinstance(run.current, InfoStep) and run.current.id == "summary"


async def test_a_fine_for_a_case_ends_in_the_form_to_pay_at_the_bank(
    actions: dict[str, Bound], nit: str
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    await fine_for_the_demo_case(run, actions, nit)
    summary = body_of(run)
    assert "Multa impuesta por un Juzgado de Paz (faltas) (código MUL-001)" in summary
    assert "Expediente: 13028-2026-00018." in summary
    assert "Monto: Q300.00 (trescientos quetzales con 00/100)." in summary
    assert f"NIT {nit[:-1]}-K" in summary and "vale 5 días" in summary
    assert "Banrural, Banco Industrial o G&T Continental" in summary
    assert "El quiosco no recibe dinero" in summary
    assert run.submit({}) == [] and isinstance(run.current, ReviewStep)
    review = {item.field_id: str(item.display) for item in run.review_items()}
    assert review == {
        "concept": "Multa impuesta por un Juzgado de Paz (faltas)",  # its name, not its code
        "case_number": "13028-2026-00018", "payer_kind": "NIT",
        "nit": typed(nit), "payer_name": NAME, "amount": "Q300.00",
    }  # fmt: skip
    assert all(item.changeable for item in run.review_items())
    run.submit({})
    await advance(run, actions)
    assert isinstance(run.current, ConfirmationStep) and not run.can_go_back
    form = run.results["submit"]
    assert isinstance(form, IncomeForm)
    assert form.case_number == data.DEMO_CASE_NUMBER and form.amount == Decimal("300.00")
    assert shown_codes(run) == (
        ("Número de formulario", form.number),
        ("Monto a pagar", "Q300.00"),
        ("Válido hasta", formats.day(form.valid_until)),
    )
    body = body_of(run)
    masked = "•" * (len(nit) - 3) + nit[-3:-1] + "-K"
    assert f"Quien paga: J. C. G. H., NIT {masked}." in body
    assert "Monto en letras: trescientos quetzales con 00/100." in body
    assert "Organismo Judicial - FEI" in body and "código de barras" in body
    assert "no es un comprobante de pago" in body
    assert NAME not in body and "García" not in body and nit[:-3] not in body


async def test_a_fixed_fee_with_a_dpi_asks_no_case_and_no_amount(
    actions: dict[str, Bound],
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    await to_payer(run, actions, "tasas", data.DEMO_CONCEPT_FIXED)
    assert run.current.id == "payer_kind"
    await answer(run, actions, payer_kind="dpi")
    assert run.current.id == "payer_dpi"
    await answer(run, actions, payer_dpi="3157 28647 0108")
    await answer(run, actions, payer_name="Distribuidora El Sol, Sociedad Anónima")
    assert run.current.id == "summary"
    assert "Monto: Q50.00 (cincuenta quetzales con 00/100)." in body_of(run)
    run.submit({})
    assert [item.field_id for item in run.review_items()] == [
        "concept", "payer_kind", "payer_dpi", "payer_name",
    ]  # fmt: skip
    run.submit({})
    await advance(run, actions)
    form = run.results["submit"]
    assert isinstance(form, IncomeForm)
    assert form.amount == Decimal("50.00") and form.case_number is None
    assert form.payer_id_masked == "•••• ••••• 0108" and form.payer_initials == "D. S., S. A."


async def test_each_check_says_how_to_fix_it_and_keeps_what_was_typed(
    actions: dict[str, Bound], nit: str
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    await to_payer(run, actions, "multas", data.DEMO_CONCEPT_CASE)
    [error] = run.submit({"case_number": "01999-2025-1"})
    assert error.code == "case_number_court" and "01999" in error.message
    assert run.raw["case_number"] == "01999-2025-1"
    [error] = run.submit({"case_number": "23001-2019-00001"})
    assert "de 01 a 22; 23 no existe" in error.message
    await answer(run, actions, case_number=data.DEMO_CASE_NUMBER)
    await answer(run, actions, payer_kind="nit")
    for text, code, words in (
        (f"{nit[:-1]}-3", "nit_check_digit", "dígito verificador"),
        ("CF", "nit_consumidor_final", "consumidor final"),
        ("44K15285", "nit_k_position", "al final"),
        ("4415-285-x", "nit_characters", "quite «x»"),
        ("1234567890123", "nit_too_long", "sobra 1"),
        ("", "required", "con su dígito verificador"),
    ):
        [error] = run.submit({"nit": text})
        assert (error.field_id, error.code) == ("nit", code), text
        assert words in error.message, error.message
        assert run.raw["nit"] == text and run.current.id == "nit"
    await answer(run, actions, nit=nit)
    for text, code in (("Ana <b>", "payer_name_characters"), ("12 34", "payer_name_letters")):
        [error] = run.submit({"payer_name": text})
        assert error.code == code and run.raw["payer_name"] == text
    await answer(run, actions, payer_name=NAME)
    [error] = run.submit({"amount": "24.99"})
    assert error.code == "amount_out_of_range"
    assert "de Q25.00 a Q10,000.00" in error.message and "Multa impuesta" in error.message
    [error] = run.submit({"amount": "trescientos"})
    assert error.code == "money_format"
    [error] = run.submit({"amount": "150000"})
    assert error.code == "too_large"
    assert run.raw["amount"] == "150000" and run.current.id == "amount"


async def test_a_change_from_the_review_asks_what_the_new_concept_needs(
    actions: dict[str, Bound], nit: str
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    await to_payer(run, actions, "copias", "COP-005")  # a fixed copy, no case
    await answer(run, actions, payer_kind="nit")
    await answer(run, actions, nit=nit)
    await answer(run, actions, payer_name=NAME)
    run.submit({})  # the summary
    assert isinstance(run.current, ReviewStep)
    run.change("concept")
    await answer(run, actions, concept="COP-001")  # typed amount, for a case
    assert run.current.id == "case_number"  # new questions first...
    await answer(run, actions, case_number=data.DEMO_CASE_NUMBER)
    assert run.current.id == "amount"
    await answer(run, actions, amount="12.50")
    assert isinstance(run.current, ReviewStep)  # ...then back to the review
    shown = {item.field_id: str(item.display) for item in run.review_items()}
    assert shown["concept"] == "Fotocopias simples de un expediente"
    assert shown["amount"] == "Q12.50"
    run.change("payer_kind")
    await answer(run, actions, payer_kind="dpi")
    assert run.current.id == "payer_dpi"
    await answer(run, actions, payer_dpi="3157286470108")
    assert isinstance(run.current, ReviewStep)
    assert "nit" not in {item.field_id for item in run.review_items()}


async def test_a_retry_sends_the_same_key_and_finds_the_same_form(
    actions: dict[str, Bound], nit: str
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    await fine_for_the_demo_case(run, actions, nit)
    run.submit({})
    key = run.action_key("submit")
    assert key == run.action_key("submit")  # stable while the answers stay
    first = await actions["submit"](run.submitted_answers(), key)
    again = await actions["submit"](run.submitted_answers(), key)  # the answer was lost: retry
    assert isinstance(first, IncomeForm) and again == first
    run.change("amount")
    await answer(run, actions, amount="301")
    assert run.action_key("submit") != key  # another amount is another form


async def test_the_portals_refusal_lands_on_the_question_that_asks_it(
    actions: dict[str, Bound], nit: str
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    await fine_for_the_demo_case(run, actions, nit)
    answers = run.submitted_answers()
    for changes, field in (
        ({"payer_name": "Juan <b>"}, "payer_name"),  # past the kiosk's check: the portal's
        ({"amount": Decimal("5.00")}, "amount"),
    ):
        with pytest.raises(AnswerRejected) as refused:
            await actions["submit"]({**answers, **changes}, str(uuid.uuid4()))
        assert refused.value.field == field and refused.value.detail


async def test_an_empty_catalogue_says_so_and_leads_back_to_the_kinds() -> None:
    """A portal that lists nothing for a kind (the sandbox always lists some): a fault shape."""

    def portal(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"items": [], "valid_days": 5, "banks": ["banrural"]})

    async with PortalClient(
        "http://portal.test", kiosk_id="K-1", kiosk_token="t",
        transport=httpx.MockTransport(portal),
    ) as client:  # fmt: skip
        actions = bound_actions(client, service=SERVICE)
        run = FlowRun(FLOW, today=TODAY)
        await answer(run, actions, kind="cauciones")
    assert run.current.id == "no_concepts" and "pregunte en la ventanilla" in body_of(run)
    assert run.submit({}) == [] and run.current.id == "kind"


def test_the_form_is_printed_through_the_shared_receipt() -> None:
    found = printout("fei_form")
    assert found.render is SERVICE.printouts[0].render
    assert "número del formulario" in found.advice and "ventanilla" in found.advice


async def test_the_form_on_paper(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path, nit: str
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    await fine_for_the_demo_case(run, actions, nit)
    run.submit({})
    run.submit({})
    await advance(run, actions)
    form = run.results["submit"]
    assert isinstance(form, IncomeForm)
    sources = {**run.submitted_answers(), **run.results}
    [job] = await printout("fei_form").render(RenderContext(client, "GT-TEST-0001"), sources)
    assert job.title == "Formulario FEI OJ" and job.name == "fei_form"
    pdf = job.make()
    text = text_of(pdf, tmp_path)
    for expected in (
        "Formulario Electrónico de Ingresos (FEI)", "Formulario número", form.number,
        "Multa impuesta por un Juzgado de Paz (faltas)", "MUL-001", "13028-2026-00018",
        "J. C. G. H.", "•" * (len(nit) - 3) + nit[-3:-1] + "-K", "Q300.00",
        "trescientos quetzales con 00/100",
        f"{formats.day(form.valid_until)} (vale 5 días)", "Banrural", "Banco Industrial",
        "G&T Continental", "Organismo Judicial - FEI", "no es un comprobante de pago",
        "El quiosco no recibe dinero", "GT-TEST-0001", form.barcode,
    ):  # fmt: skip
        assert expected in text, expected
    assert "García" not in text and "Juan" not in text and nit[:-3] not in text
    assert "…" not in text  # every sentence whole: nothing was cut to fit the page
    page = rasterize(pdf, tmp_path)
    assert read_qr(page).text == form.pay_url
    bars = [
        b.text for b in zxingcpp.read_barcodes(page) if b.format == zxingcpp.BarcodeFormat.Code128
    ]
    assert bars == [form.barcode]  # what the bank's scanner reads
    assert form.valid_until == form.created_at.date() + timedelta(days=5)


@pytest.mark.parametrize("concept", data.CONCEPTS, ids=lambda c: c.code)
def test_every_concept_fits_its_form_on_one_page_uncut(
    concept: data.Concept, tmp_path: Path
) -> None:
    """The longest values a form can hold (a legacy case number, a company's initials, the
    largest amount): the receipt never has to shorten the bank steps."""
    form = IncomeForm(
        number="FEI-2026-00024001", concept=concept.code, concept_name=concept.name,
        kind=concept.kind, case_number="99999-2011 Of. 9" if concept.needs_case else None,
        payer_id_kind=PayerIdKind.NIT, payer_id_masked="•" * 9 + "85-K",
        payer_initials="C. A. S. M. G., S. A.", amount=Decimal("77777.77"),
        created_at=datetime(2026, 12, 7, 16, 59, tzinfo=formats.GUATEMALA), valid_days=5,
        valid_until=date(2026, 12, 12), status=FeiStatus.PENDING,
        barcode="2026000240010007777777",
        pay_url="https://portal.oj.gob.gt/pagar/fei/FEI-2026-00024001",
        banks=list(Bank),
    )  # fmt: skip
    [job] = receipt_printout("fei_form", JOB_TITLE, form_receipt(form, kiosk_id="GT-QUE-0042"))
    text = text_of(job.make(), tmp_path)
    assert "…" not in text and concept.name.split()[0] in text
    assert "setenta y siete mil setecientos setenta y siete quetzales con 77/100" in text
    assert "Organismo Judicial - FEI" in text and "no es un comprobante de pago" in text


# --- the amount in words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("0", "cero quetzales con 00/100"),
        ("0.5", "cero quetzales con 50/100"),
        ("1", "un quetzal con 00/100"),
        ("1.01", "un quetzal con 01/100"),
        ("15", "quince quetzales con 00/100"),
        ("16", "dieciséis quetzales con 00/100"),
        ("21", "veintiún quetzales con 00/100"),
        ("22", "veintidós quetzales con 00/100"),
        ("30", "treinta quetzales con 00/100"),
        ("31", "treinta y un quetzales con 00/100"),
        ("100", "cien quetzales con 00/100"),
        ("101", "ciento un quetzales con 00/100"),
        ("115.75", "ciento quince quetzales con 75/100"),
        ("300", "trescientos quetzales con 00/100"),
        ("555", "quinientos cincuenta y cinco quetzales con 00/100"),
        ("1000", "mil quetzales con 00/100"),
        ("1001", "mil un quetzales con 00/100"),
        ("1234.56", "mil doscientos treinta y cuatro quetzales con 56/100"),
        ("21000", "veintiún mil quetzales con 00/100"),
        ("31500", "treinta y un mil quinientos quetzales con 00/100"),
        ("100000", "cien mil quetzales con 00/100"),
        ("101000", "ciento un mil quetzales con 00/100"),
        ("999999.99", "novecientos noventa y nueve mil novecientos noventa y nueve quetzales con "
                      "99/100"),
        ("1000000", "un millón de quetzales con 00/100"),
        ("2000000", "dos millones de quetzales con 00/100"),
        ("1500000", "un millón quinientos mil quetzales con 00/100"),
        ("21000001", "veintiún millones un quetzales con 00/100"),
    ],
)  # fmt: skip
def test_amounts_in_words(amount: str, words: str) -> None:
    assert amount_words(Decimal(amount)) == words


_UNITS = (
    "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
    "dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro "
    "veinticinco veintiséis veintisiete veintiocho veintinueve"
)
_UNIT_WORDS = {word: value for value, word in enumerate(_UNITS.split(" "))}
_TENS = "treinta cuarenta cincuenta sesenta setenta ochenta noventa"
_TENS_WORDS = dict(zip(_TENS.split(" "), range(30, 100, 10), strict=True))
_HUNDRED_WORDS = {
    "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400,
    "quinientos": 500, "seiscientos": 600, "setecientos": 700, "ochocientos": 800,
    "novecientos": 900,
}  # fmt: skip


def read_number(words: str) -> int:
    """An independent reader of Spanish numerals (what a bank clerk does with the words)."""
    total = group = 0
    for word in words.replace(" y ", " ").split():
        word = {"un": "uno", "veintiún": "veintiuno"}.get(word, word)
        if word in _UNIT_WORDS:
            group += _UNIT_WORDS[word]
        elif word in _TENS_WORDS:
            group += _TENS_WORDS[word]
        elif word in _HUNDRED_WORDS:
            group += _HUNDRED_WORDS[word]
        elif word == "mil":
            total += (group or 1) * 1000
            group = 0
        elif word in ("millón", "millones"):
            total = (total + group) * 10**6
            group = 0
        else:
            raise AssertionError(f"not a numeral: {word!r}")
    return total + group


@given(st.integers(min_value=0, max_value=10**9 - 1))
def test_the_words_read_back_as_the_number(n: int) -> None:
    words = number_words(n)
    assert read_number(words) == n
    assert "  " not in words and words == words.strip()


@given(st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False))
def test_every_amount_the_contract_allows_has_its_words(amount: Decimal) -> None:
    words = amount_words(amount)
    whole, _, cents = words.rpartition(" con ")
    assert cents == f"{int(amount * 100) % 100:02d}/100"
    count = whole.removesuffix(" quetzales").removesuffix(" quetzal").removesuffix(" de")
    assert read_number(count) == int(amount)
    assert whole.endswith("quetzal" if int(amount) == 1 else "quetzales")
