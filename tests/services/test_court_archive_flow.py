"""Archivo de Tribunales walked without a screen, against the sandbox over HTTP: old numbers in the
shapes people copy them (and the court picked), an SGT number that needs no court, every state of
a file, a reserved one, the list of desks, malformed and not found; then a request: its price
from the tariff, folios checked against the file, the review, one request per Idempotency-Key,
and the receipt's PDF text."""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from documents.pdf_reading import squeezed, text_of
from support.actions import Bound, advance, bound_actions

from kiosk import formats
from kiosk.courts import COURTS, CourtKind, court
from kiosk.flows.engine import FlowRun
from kiosk.flows.model import ConfirmationStep, DetailStep, InfoStep, ResultsStep
from kiosk.identity import dpi_check_digit
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models import Problem
from kiosk.portal.models.court_archive import (
    ArchiveCase,
    ArchiveMatter,
    ArchiveProcess,
    ArchiveRequest,
    ArchiveRequestKind,
    ArchiveShelf,
    ArchiveStatus,
    ArchiveTariffBasis,
)
from kiosk.sandbox import court_archive_data as data
from kiosk.sandbox.court_archive_demo import (
    DEMO_AT_COURT_NUMBER,
    DEMO_AVAILABLE_COURT,
    DEMO_AVAILABLE_NUMBER,
    DEMO_DESKS_COURT,
    DEMO_DESKS_NUMBER,
    DEMO_DESTROYED_COURT,
    DEMO_DESTROYED_NUMBER,
    DEMO_LENT_NUMBER,
    DEMO_LOST_COURT,
    DEMO_LOST_NUMBER,
    DEMO_RESERVED_COURT,
    DEMO_RESERVED_NUMBER,
    DEMO_SCANNING_COURT,
    DEMO_SCANNING_NUMBER,
    DEMO_SCANNING_TYPED,
    DEMO_TRANSFERRED_COURT,
    DEMO_TRANSFERRED_TYPED,
)
from kiosk.services.base import AnswerRejected, RenderContext
from kiosk.services.court_archive import FLOW, SERVICE
from kiosk.services.court_archive.actions import _on_flow_field
from kiosk.services.court_archive.numbers import parse_archive_number
from kiosk.services.court_archive.paper import case_record, request_receipt
from kiosk.services.hearings.questions import COURT_GROUPS

TODAY = date(2026, 12, 7)
PARTY = "Juan Carlos García Hernández"  # stored by the sandbox; shown by initials only


def fresh_dpi() -> str:
    """A valid DPI of its own: the portal limits requests per DPI."""
    while True:
        serial = f"{secrets.randbelow(10**8):08d}"
        check = dpi_check_digit(serial)
        if check is not None:
            return f"{serial}{check}0101"


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


def pick_court(run: FlowRun, court_id: str) -> None:
    """Department → municipality → (kind) → court, as the visitor taps them."""
    found = court(court_id)
    assert run.current.id == "department"
    assert run.submit({"department": str(found.department)}) == []
    assert run.submit({"municipality": str(found.municipality)}) == []
    if run.current.id == "court_kind":  # a city of many courts: their kind first
        kind = next(value for value, _words, holds in COURT_GROUPS if holds(found))
        assert run.submit({"court_kind": kind}) == []
    assert run.current.id == "court"
    assert run.submit({"court": court_id}) == []


async def find(actions: dict[str, Bound], typed: str, court_id: str | None = None) -> FlowRun:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"number": typed}) == []
    if court_id is not None:
        pick_court(run, court_id)
    await advance(run, actions)
    return run


def words(run: FlowRun) -> str:
    return " ".join(str(part) for part in run.body())


def fetched(run: FlowRun) -> ArchiveCase:
    case = run.results["fetch"]
    assert isinstance(case, ArchiveCase)
    return case


# --- finding the file ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["123-1998", "Expediente No. 123 de 1998", "exp. 123/98", "123 del año 1998", "123-'98"],
)
async def test_an_old_number_in_every_shape_with_its_court(
    actions: dict[str, Bound], typed: str
) -> None:
    run = await find(actions, typed, DEMO_AVAILABLE_COURT)
    assert isinstance(run.current, InfoStep) and run.current.id == "case"  # one match, no list
    assert fetched(run).number == DEMO_AVAILABLE_NUMBER
    codes = {code.id: code.value for code in run.codes()}
    assert codes == {"location": "E-14 · C-0387 · L-07", "folios": "245"}
    said = words(run)
    assert "Archivo General de Tribunales" in said and "21 calle 7-70" in said
    assert "de 1998 a 2003" in said and "J. C. G. H." in said and PARTY not in said
    # every price said for the whole file, with how it is counted
    assert "Certificación, Q245.00 (Q1.00 por folio)" in said
    assert "Copias simples, Q122.50 (Q0.25 por página; cada folio son 2 páginas)" in said
    assert "Constancia, Q10.00 (precio fijo)" in said
    assert run.back() and run.current.id == "court"  # "Atrás" skips the list of one


async def test_an_sgt_number_needs_no_court(actions: dict[str, Bound]) -> None:
    run = await find(actions, "C-1024-2009-412")
    assert run.current.id == "case"
    case = fetched(run)
    assert case.number == DEMO_LENT_NUMBER and case.status is ArchiveStatus.PRESTADO
    said = words(run)
    assert "Prestado a un juzgado" in said and "Lo tiene ahora el Juzgado Segundo" in said
    assert run.back() and run.current.id == "number"


async def test_the_brief_s_old_shapes_open_their_files(actions: dict[str, Bound]) -> None:
    scanning = await find(actions, DEMO_SCANNING_TYPED, DEMO_SCANNING_COURT)
    assert fetched(scanning).number == DEMO_SCANNING_NUMBER
    assert "En digitalización" in words(scanning)
    moved = await find(actions, DEMO_TRANSFERRED_TYPED, DEMO_TRANSFERRED_COURT)
    assert isinstance(moved.current, DetailStep)  # nothing to copy here: where to go instead
    rows = {row.id: row for s in moved.detail().sections for row in s.rows}
    assert str(rows["status"].value) == "Trasladado al Archivo General de Centro América"
    assert "4a. avenida 7-41" in str(rows["held_by"].value)
    assert "Pida allí" in str(rows["status"].explain)


@pytest.mark.parametrize(
    ("typed", "court_id", "state", "acta", "ask_at"),
    [
        (DEMO_DESTROYED_NUMBER, DEMO_DESTROYED_COURT, "Destruido por expurgo",
         "Acta de expurgo 4-2004", "Archivo General de Tribunales"),
        (DEMO_LOST_NUMBER, DEMO_LOST_COURT, "Extraviado", "Acta de extravío 17-2015",
         "Archivo Regional de Tribunales de Cobán"),
        (DEMO_AT_COURT_NUMBER, None, "Todavía en el juzgado", None,
         "Juzgado de Primera Instancia de Trabajo y Previsión Social del departamento de "
         "Quetzaltenango"),
    ],
)  # fmt: skip
async def test_a_file_the_archive_cannot_copy_says_where_to_go(
    actions: dict[str, Bound],
    typed: str,
    court_id: str | None,
    state: str,
    acta: str | None,
    ask_at: str,
) -> None:
    run = await find(actions, typed, court_id)
    assert isinstance(run.current, DetailStep)
    detail = run.detail()
    rows = {row.id: row for s in detail.sections for row in s.rows}
    assert str(rows["status"].value) == state and rows["status"].explain
    assert (str(rows["record"].value) if "record" in rows else None) == acta
    assert [s.id for s in detail.sections] == ["case", "parties", "ask"]
    ask = detail.sections[2]
    assert "no se puede pedir en el quiosco" in str(ask.note)
    assert str(ask.rows[0].value) == ask_at  # the court that keeps it, or the acta's archive


async def test_a_reserved_file_says_reservado_and_nothing_more(actions: dict[str, Bound]) -> None:
    run = await find(actions, DEMO_RESERVED_NUMBER, DEMO_RESERVED_COURT)
    assert isinstance(run.current, DetailStep)
    detail = run.detail()
    assert [s.id for s in detail.sections] == ["case"]
    rows = {row.id: row for row in detail.sections[0].rows}
    assert set(rows) == {"court", "place", "status"} and str(rows["status"].value) == "Reservado"


async def test_an_old_number_of_three_desks_lists_them(actions: dict[str, Bound]) -> None:
    run = await find(actions, DEMO_DESKS_NUMBER, DEMO_DESKS_COURT)
    assert isinstance(run.current, ResultsStep)
    page = run.page()
    assert page.total == 3 and str(page.searched) == f"Número buscado: {DEMO_DESKS_NUMBER}"
    assert [str(row.title) for row in page.rows] == [
        f"Expediente {DEMO_DESKS_NUMBER} Of. {desk}" for desk in (1, 2, 3)
    ]
    run.submit({"selected": page.rows[2].id})
    await advance(run, actions)
    assert run.current.id == "case" and fetched(run).number.endswith("Of. 3")
    assert run.back() and run.current.id == "results"


async def test_not_found_is_an_empty_list_that_says_what_to_do(actions: dict[str, Bound]) -> None:
    run = await find(actions, "9999-1961", DEMO_AVAILABLE_COURT)
    assert isinstance(run.current, ResultsStep) and run.page().total == 0
    assert "Revise el número y el juzgado" in str(run.current.empty)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("1998-123", "Escriba primero el número y después el año, por ejemplo 123-1998."),
        ("123", "Falta el año"),
        ("23001-2019-00001", "de 01 a 22; 23 no existe"),
        ("123-2030", "El año 2030 todavía no ha llegado"),
        ("01023-1998-00123", "se usan desde 2006"),
        ("", "como aparece en sus papeles"),
    ],
)
async def test_a_bad_number_says_how_to_fix_it_and_is_kept(typed: str, says: str) -> None:
    run = FlowRun(FLOW, today=TODAY)
    [error] = run.submit({"number": typed})
    assert error.field_id == "number" and says in error.message
    assert run.raw["number"] == typed and run.current.id == "number"


def test_old_papers_words_are_read() -> None:
    for typed, number in (
        ("Juicio 456, año 1987 Of. 2º", "456-1987 Of. 2"),
        ("456-’87 Of. 2ª", "456-1987 Of. 2"),
        ("78 de 75", "78-1975"),
        ("Oficial segundo 456/87", "456-1987 Of. 2"),
    ):
        assert str(parse_archive_number(typed, this_year=TODAY.year)) == number


# --- the request --------------------------------------------------------------------------------


async def to_the_price(
    actions: dict[str, Bound], kind: str, folios: tuple[int, int] | None = None
) -> FlowRun:
    run = await find(actions, DEMO_AVAILABLE_NUMBER, DEMO_AVAILABLE_COURT)
    assert run.submit({}) == []  # "Continuar" on the file
    assert run.submit({"request_kind": kind}) == []
    if kind != "constancia":
        assert run.submit({"scope": "parte" if folios else "todo"}) == []
        if folios:
            assert run.submit({"folio_from": str(folios[0]), "folio_to": str(folios[1])}) == []
    await advance(run, actions)
    return run


async def ask_as(run: FlowRun, actions: dict[str, Bound], dpi: str) -> None:
    assert run.submit({}) == []  # "Continuar" on the price
    assert run.submit({"first_names": "María José", "last_names": "Pérez López"}) == []
    assert run.submit({"dpi": dpi}) == []
    assert run.submit({"phone": "5512 3456", "email": ""}) == []
    assert run.current.id == "review"


@pytest.mark.parametrize(
    ("kind", "folios", "amount", "says"),
    [
        ("certificacion", None, "Q245.00",
         "Certificación de todo el expediente 123-1998 (folios 1 a 245)"),
        ("copias", (10, 19), "Q5.00", "Copias simples de los folios 10 a 19"),
        ("constancia", None, "Q10.00", "Constancia del expediente 123-1998"),
    ],
)  # fmt: skip
async def test_the_price_is_the_tariff_s(
    actions: dict[str, Bound], kind: str, folios: tuple[int, int] | None, amount: str, says: str
) -> None:
    run = await to_the_price(actions, kind, folios)
    assert run.current.id == "cost"
    assert [(c.id, c.value) for c in run.codes()] == [("amount", amount)]
    assert says in words(run) and "Formulario Electrónico de Ingresos (FEI)" in words(run)


async def test_folios_beyond_the_file_are_refused_on_the_last_folio(
    actions: dict[str, Bound],
) -> None:
    with pytest.raises(AnswerRejected) as err:
        await to_the_price(actions, "copias", (200, 300))
    assert err.value.field == "folio_to" and "tiene 245 folios" in str(err.value.text)


async def test_the_last_folio_comes_after_the_first(actions: dict[str, Bound]) -> None:
    run = await find(actions, DEMO_AVAILABLE_NUMBER, DEMO_AVAILABLE_COURT)
    run.submit({})
    run.submit({"request_kind": "copias"})
    run.submit({"scope": "parte"})
    assert run.current.id == "folios"
    [error] = run.submit({"folio_from": "30", "folio_to": "20"})
    assert error.field_id == "folio_to" and "de 30 o más" in error.message
    assert (run.raw["folio_from"], run.raw["folio_to"]) == ("30", "20")


async def test_a_phone_that_is_not_one_says_why(actions: dict[str, Bound]) -> None:
    run = await to_the_price(actions, "constancia")
    run.submit({})
    run.submit({"first_names": "María José", "last_names": "Pérez López"})
    run.submit({"dpi": fresh_dpi()})
    for phone, says in (("5512", "tiene 4"), ("1512 3456", "empieza con 2"), ("55l2 3456", "solo")):
        [error] = run.submit({"phone": phone, "email": ""})
        assert error.field_id == "phone" and says in error.message
        assert run.raw["phone"] == phone


async def test_a_request_is_sent_once_and_its_receipt_says_what_to_do(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    dpi = fresh_dpi()
    run = await to_the_price(actions, "certificacion")
    await ask_as(run, actions, dpi)
    review = {item.field_id: str(item.display) for item in run.review_items()}
    assert review["number"] == DEMO_AVAILABLE_NUMBER and review["request_kind"] == "Certificación"
    assert review["dpi"] == f"{dpi[:4]} {dpi[4:9]} {dpi[9:]}" and review["phone"] == "5512 3456"
    key = run.action_key("submit")
    assert key == run.action_key("submit")  # the same answers, the same key: a retry
    assert run.submit({}) == []
    first = await actions["submit"](run.submitted_answers(), key)
    await advance(run, actions)  # the "retry": the same key
    assert isinstance(run.current, ConfirmationStep)
    made = run.results["submit"]
    assert isinstance(first, ArchiveRequest) and isinstance(made, ArchiveRequest)
    assert made.number == first.number  # one request, whatever the retries
    codes = {code.id: code.value for code in run.codes()}
    assert codes["request"] == made.number and codes["amount"] == "Q245.00"
    said = words(run)
    assert (
        "pida el formulario FEI" in said and "Banrural, Banco Industrial o G&T Continental" in said
    )
    assert "días hábiles" in said and "Archivo General de Tribunales" in said
    assert not run.can_go_back  # sent: nothing to change now

    sources = {**run.submitted_answers(), **run.results}
    [job] = await request_receipt(RenderContext(client, "GT-TEST-0001"), sources)
    assert job.title == "Solicitud Archivo OJ" and dpi not in job.title
    pdf = job.make()
    text = text_of(pdf, tmp_path)
    assert made.number in text and "Q245.00 (245 folios a Q1.00)" in text
    assert "Pida el formulario FEI" in text
    assert "María José Pérez López" in text and dpi not in squeezed(text)
    assert dpi[-4:] in text  # the DPI's last four only
    assert squeezed("Certificaciones y copias del Archivo General de Tribunales") in squeezed(text)
    assert "…" not in text  # nothing had to be cut to fit the page
    assert "Esto no es un comprobante de pago" in text and "días hábiles" in text
    assert "Certificación: folios 1 a 245 (todo el expediente)" in text


async def test_the_longest_court_and_names_still_fit_one_page(tmp_path: Path) -> None:
    """The receipt is one page: the longest court of the archive, names at their longest."""
    longest = max((c for c in COURTS if c.kind is CourtKind.PRIMERA_INSTANCIA),
                  key=lambda c: len(c.name))  # fmt: skip
    case = ArchiveCase(
        id="ac_0000000000000001", number="12345-1999 Of. 9", court_id=longest.id,
        court_name=longest.name, department="Alta Verapaz", municipality="Cobán",
        reserved=False, matter=ArchiveMatter.CIVIL, process=ArchiveProcess.ORDINARIO,
        year_from=1999, year_to=2004, folios=99_999, status=ArchiveStatus.PRESTADO,
        status_since=TODAY, archive=data.BUILDINGS["norte"], requestable=True,
        location=ArchiveShelf(shelf="E-60", box="C-9999", legajo="L-20"), updated_at=formats.now(),
    )  # fmt: skip
    made = ArchiveRequest(
        number="AGT-2026-999999", created_at=formats.now(), case_id=case.id,
        case_number=case.number, court_name=case.court_name, kind=ArchiveRequestKind.COPIAS,
        folio_from=12_345, folio_to=99_999, basis=ArchiveTariffBasis.POR_PAGINA,
        unit_price=Decimal("0.25"), units=175_310, amount=Decimal("43827.50"),
        fei_concept=data.TARIFF.fei_concept, banks=data.TARIFF.banks, working_days=23,
        ready_on=TODAY, collect_at=data.BUILDINGS["norte"],
    )  # fmt: skip
    sources = {
        "fetch": case, "tariff": data.TARIFF, "submit": made, "dpi": fresh_dpi(),
        "first_names": "María de los Ángeles Guadalupe Esperanza del Carmen",
        "last_names": "Hernández Castellanos de la Cruz Villatoro Ochoa",
    }  # fmt: skip
    [job] = await request_receipt(RenderContext(None, "GT-TEST-0001"), sources)  # type: ignore[arg-type]
    text = text_of(job.make(), tmp_path)
    assert squeezed(longest.name) in squeezed(text) and "…" not in text
    assert "Villatoro Ochoa" in text and "AGT-2026-999999" in text


async def test_changing_the_kind_on_the_review_prices_it_again(actions: dict[str, Bound]) -> None:
    run = await to_the_price(actions, "certificacion")
    await ask_as(run, actions, fresh_dpi())
    run.change("request_kind")
    assert run.submit({"request_kind": "constancia"}) == []
    await advance(run, actions)
    assert run.current.id == "review"
    quote = run.results["quote"]
    assert str(getattr(quote, "amount")) == "10.00"  # noqa: B009


async def test_the_record_of_a_file_not_here_prints_its_number(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = await find(actions, DEMO_TRANSFERRED_TYPED, DEMO_TRANSFERRED_COURT)
    sources = {**run.submitted_answers(), **run.results}
    [job] = await case_record(RenderContext(client, "GT-TEST-0001"), sources)
    text = text_of(job.make(), tmp_path)
    assert "Número buscado: 78-1975" in text and "Centro América" in text
    assert "Ana Lucía" not in text and "Méndez" not in text and "A. L. M. J." in text


def test_a_refusal_on_a_field_the_visitor_can_fix_names_it() -> None:
    problem = Problem(title="x", status=422, code="dpi_invalid", detail="No.", field="dpi")
    mapped = _on_flow_field(PortalRejected(problem))
    assert isinstance(mapped, AnswerRejected) and mapped.field == "dpi"
    other = Problem(title="x", status=422, code="case_not_requestable", field="case_id")
    assert not isinstance(_on_flow_field(PortalRejected(other)), AnswerRejected)
