"""Consulta de Convenio Laboral walked without a screen, against the sandbox over HTTP: found by a
worker's DPI (straight to the record), by the employer's (the list of the case's convenios), a
long schedule chosen a page at a time, the number typed in its shapes or built step by step, a
court's old number and a bad DPI refused on their field with what was typed kept, a wrong DPI
answered as a number without a convenio, and the printout's text."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from support.actions import Bound, advance, bound_actions

from kiosk.embedded_portal import PortalEndpoint
from kiosk.flows.engine import FlowRun
from kiosk.flows.lookup import CURSOR
from kiosk.flows.model import DetailStep, ResultsStep
from kiosk.flows.records import Detail, ResultsPage
from kiosk.formats import GUATEMALA
from kiosk.identity import format_dpi
from kiosk.portal.client import PortalClient
from kiosk.portal.models.labor_agreements import (
    AgreementParty,
    AgreementStatus,
    Instalment,
    InstalmentState,
    LaborAgreement,
    PartyRole,
)
from kiosk.sandbox.labor_agreements_demo import (
    DEMO_LONG_NUMBER,
    DEMO_LONG_WORKER_DPI,
    DEMO_OVERDUE_NUMBER,
    DEMO_OVERDUE_WORKER_DPI,
    DEMO_PAID_EMPLOYER_DPI,
    DEMO_PAID_NUMBER,
)
from kiosk.sandbox.labor_data import COURTS as LABOUR_COURTS
from kiosk.services.base import RenderContext
from kiosk.services.labor_agreements import FLOW, SERVICE, agreement_record

TODAY = date.today()
WORKER = "Marta Julia Sic Tzoc"  # stored by the sandbox; shown by initials only


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


async def walk(actions: dict[str, Bound], number: str, dpi: str) -> FlowRun:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"number": number}) == []
    assert run.current.id == "dpi"
    assert run.submit({"party_dpi": dpi}) == []
    await advance(run, actions)
    return run


def shown(detail: Detail) -> dict[str, str]:
    """Every row of the record by its id: value, and its explanation after a bar."""
    return {row.id: f"{row.value} | {row.explain}" for s in detail.sections for row in s.rows}


@pytest.mark.parametrize(
    "typed", ["01174-2025-02031", "C-1174-2025-2031", "1174 2025 2031", "exp. 01174/2025/02031"]
)
async def test_a_worker_opens_their_convenio_straight_away(
    actions: dict[str, Bound], typed: str
) -> None:
    run = await walk(actions, typed, format_dpi(DEMO_OVERDUE_WORKER_DPI))
    assert isinstance(run.current, DetailStep)  # one convenio: no list of one to tap through
    found = run.results["fetch"]
    assert isinstance(found, LaborAgreement) and found.number == DEMO_OVERDUE_NUMBER
    detail = run.detail()
    assert str(detail.heading) == f"Convenio del expediente {DEMO_OVERDUE_NUMBER}"
    rows = shown(detail)
    assert rows["status"].startswith("Con cuotas vencidas | Hay cuotas cuya fecha ya pasó")
    assert rows["balance"].startswith("Q8,250.00")
    assert rows["overdue"].startswith("2 sin pagar completas: faltan Q2,000.00")
    assert rows["next"].startswith("Cuota 6: Q1,250.00, vence el ")
    assert rows["instalment.4"].startswith("Cuota 4: Q1,250.00, VENCIDA | Se pagaron Q500.00")
    assert (
        rows["instalment.5"] == "Cuota 5: Q1,250.00, VENCIDA | No se ha pagado nada de esta cuota."
    )
    assert rows["instalment.1"].startswith("Cuota 1: Q1,250.00, pagada | Pagada el ")
    assert rows["instalment.7"] == "Cuota 7: Q1,250.00, pendiente | "
    assert rows["party.0"].startswith("M. J. S. T.") and WORKER not in str(rows)
    assert "Juzgado Sexto de Primera Instancia de Trabajo" in rows["where"]
    assert run.back() and run.current.id == "dpi"  # «Atrás» skips the list of one


async def test_the_employer_chooses_among_the_convenios_of_the_case(
    actions: dict[str, Bound],
) -> None:
    run = await walk(actions, DEMO_PAID_NUMBER, DEMO_PAID_EMPLOYER_DPI)
    step = run.current
    assert isinstance(step, ResultsStep)
    page = run.page()
    assert page.total == 2 and len(page.rows) == 2
    assert str(page.searched) == f"Expediente {DEMO_PAID_NUMBER}, DPI •••• ••••• 0101"
    assert {str(row.facts[1]) for row in page.rows} == {"Pagado por completo"}
    titles = sorted(str(row.title) for row in page.rows)
    assert titles == [
        "Convenio de A. L. M. J. con H. P., S. A.",
        "Convenio de R. E. C. R. con H. P., S. A.",
    ]
    for row in page.rows:
        run.submit({step.field: row.id})
        await advance(run, actions)
        assert isinstance(run.current, DetailStep)
        assert shown(run.detail())["status"].startswith("Pagado por completo")
        assert run.back() and run.current.id == step.id


async def test_a_long_schedule_is_chosen_a_page_at_a_time(actions: dict[str, Bound]) -> None:
    run = await walk(actions, DEMO_LONG_NUMBER, DEMO_LONG_WORKER_DPI)
    step = run.current
    assert isinstance(step, ResultsStep)
    page = run.page()
    assert [str(row.title) for row in page.rows] == [
        f"Convenio de P. A. X. C.: cuotas {a} a {b} de 36" for a, b in ((1, 12), (13, 24), (25, 36))
    ]
    facts = [str(row.facts[0]) for row in page.rows]
    assert facts[0] == "Todas pagadas" and facts[2] == "Cuotas por vencer"
    assert facts[1].startswith("Aquí está la próxima cuota: vence el ")
    assert "se ve por partes" in str(page.searched)
    run.submit({step.field: page.rows[1].id})
    await advance(run, actions)
    detail = run.detail()
    schedule = next(s for s in detail.sections if s.id == "instalments")
    assert str(schedule.title) == "Cuotas 13 a 24 de 36"
    assert [row.id for row in schedule.rows] == [f"instalment.{n}" for n in range(13, 25)]
    assert "toque «Atrás»" in str(schedule.note)
    assert run.back() and run.current.id == step.id
    run.submit({step.field: page.rows[2].id})
    await advance(run, actions)
    found = run.results["fetch"]
    assert isinstance(found, LaborAgreement) and found.first == 25


async def test_the_number_built_step_by_step(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.raw["number"] = "01174-20"  # half typed, then the visitor asks for help
    run.take_alternative()
    assert run.submit({"department": "1"}) == []
    [court] = run.current.fields  # type: ignore[union-attr]
    assert "01174" in {choice.value for choice in court.options(run.answers)}
    assert run.submit({"court": "01174"}) == []
    [error] = run.submit({"year": "2000", "sequence": "2031"})  # before the SGT: on the year
    assert error.field_id == "year"
    assert run.submit({"year": "2025", "sequence": "2031"}) == []
    assert run.current.id == "dpi"
    assert run.submit({"party_dpi": DEMO_OVERDUE_WORKER_DPI}) == []
    await advance(run, actions)
    found = run.results["fetch"]
    assert isinstance(found, LaborAgreement) and found.number == DEMO_OVERDUE_NUMBER
    assert run.raw["number"] == "01174-20"


async def test_an_old_court_number_and_a_bad_dpi_say_what_to_fix_and_keep_it() -> None:
    run = FlowRun(FLOW, today=TODAY)
    [error] = run.submit({"number": "485-2011 Of. 2"})
    assert (
        error.field_id == "number"
        and "Escriba el número completo, que empieza con el departamento" in error.message
    )
    assert run.raw["number"] == "485-2011 Of. 2" and run.current.id == "number"
    [error] = run.submit({"number": "23001-2019-1"})
    assert "de 01 a 22; 23 no existe" in error.message
    assert run.submit({"number": DEMO_OVERDUE_NUMBER}) == []
    [error] = run.submit({"party_dpi": "4680 23577 01"})
    assert error.field_id == "party_dpi" and "faltan" in error.message
    [error] = run.submit({"party_dpi": "4680 23576 0101"})  # a wrong check digit
    assert error.field_id == "party_dpi" and error.code == "dpi_check_digit"
    assert run.raw["party_dpi"] == "4680 23576 0101" and run.current.id == "dpi"
    [error] = run.submit({"party_dpi": ""})
    assert error.message == "Escriba el DPI: son los 13 dígitos del documento."


@pytest.fixture
def portal_db(sandbox: PortalEndpoint, sandbox_dir: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"file:{sandbox_dir / 'portal.sqlite3'}?mode=ro", uri=True)
    yield conn
    conn.close()


async def test_a_wrong_dpi_finds_what_a_number_without_convenio_finds(
    actions: dict[str, Bound], portal_db: sqlite3.Connection
) -> None:
    (number,) = portal_db.execute(
        "SELECT number FROM labor_agreements WHERE pk % 19 = 13 AND pk > 1500 LIMIT 1"
    ).fetchone()
    stranger = "2468135710101"  # a README demo person: no convenio of theirs
    wrong = await walk(actions, number, stranger)
    empty = await walk(actions, "01174-2024-97531", stranger)
    for run in (wrong, empty):
        assert isinstance(run.current, ResultsStep)
        assert (run.page().total, run.page().rows, run.page().next_cursor) == (0, (), None)


async def test_more_pages_of_convenios_carry_their_own_key(actions: dict[str, Bound]) -> None:
    answers = {"number": _parsed(DEMO_PAID_NUMBER), "party_dpi": DEMO_PAID_EMPLOYER_DPI}
    first = await actions["search"]({**answers, CURSOR: None}, "4c1f0e4e-8d1e-4f59-9d8b-2a9c")
    assert isinstance(first, ResultsPage) and first.next_cursor is None  # two fit on a page
    assert first.total == 2
    again = await actions["search"]({**answers, CURSOR: None}, "4c1f0e4e-8d1e-4f59-9d8b-2a9c")
    assert again == first  # the same key: the portal's record, the same rows


async def test_the_printout_holds_the_page_on_screen_and_no_name_or_dpi(
    actions: dict[str, Bound], client: PortalClient
) -> None:
    run = await walk(actions, DEMO_LONG_NUMBER, DEMO_LONG_WORKER_DPI)
    step = run.current
    assert isinstance(step, ResultsStep)
    run.submit({step.field: run.page().rows[1].id})
    await advance(run, actions)
    sources = {**run.submitted_answers(), **run.results}
    [job] = await agreement_record(RenderContext(client, "GT-TEST-0001"), sources)
    pdf = PdfReader(io.BytesIO(job.make()))
    assert len(pdf.pages) == 1
    flat = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert f"Convenio del expediente {DEMO_LONG_NUMBER}" in flat
    assert "0901" in flat and DEMO_LONG_WORKER_DPI not in flat and "61504738" not in flat
    assert "cuotas 13 a 24 de 36" in flat.lower() and "Cuota 24: Q850.00" in flat
    assert "Cuota 25" not in flat and "P. A. X. C." in flat
    assert "Xicará" not in flat and "Pedro" not in flat
    assert "si el patrono no paga" in flat.lower() and job.title == "Convenio laboral OJ"


async def test_an_overdue_schedule_prints_vencida_on_one_page(
    actions: dict[str, Bound], client: PortalClient
) -> None:
    run = await walk(actions, DEMO_OVERDUE_NUMBER, DEMO_OVERDUE_WORKER_DPI)
    sources = {**run.submitted_answers(), **run.results}
    [job] = await agreement_record(RenderContext(client, "GT-TEST-0001"), sources)
    pdf = PdfReader(io.BytesIO(job.make()))
    flat = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert len(pdf.pages) == 1 and flat.count("VENCIDA") >= 2
    assert "Cuota 10: Q1,250.00, pendiente" in flat and WORKER not in flat


async def test_a_full_page_with_the_longest_court_name_fits_the_sheet(client: PortalClient) -> None:
    """Twelve instalments, one of them paid in part, under the longest labour court's name: every
    line is on the one sheet (a cut timeline would hide instalments)."""
    longest = max((c.court for c in LABOUR_COURTS.items), key=lambda c: len(c.name))
    today = date(2026, 12, 6)
    items = [
        Instalment(
            number=n,
            due_on=today + timedelta(days=30 * (n - 5)),
            amount=Decimal("1250.00"),
            paid_amount=Decimal("1250.00")
            if n < 4
            else Decimal("500.00")
            if n == 4
            else Decimal(0),
            paid_on=today + timedelta(days=30 * (n - 5) + 2) if n <= 4 else None,
            state=InstalmentState.PAGADA
            if n < 4
            else InstalmentState.VENCIDA
            if n < 6
            else InstalmentState.PENDIENTE,
        )
        for n in range(13, 25)
    ]
    found = LaborAgreement(
        id="la_0123456789abcdef", number="16009-2025-02001", court_id=longest.id,
        court_name=longest.name, department="Alta Verapaz", approved_on=date(2025, 1, 9),
        parties=[AgreementParty(role=PartyRole.TRABAJADOR, initials="M. J. S. T. X."),
                 AgreementParty(role=PartyRole.PATRONO, initials="A. S. M. D. L. C., S. A.")],
        total=Decimal("45000.00"), paid=Decimal("15500.00"), balance=Decimal("29500.00"),
        instalment_count=36, overdue_count=2, overdue_amount=Decimal("2000.00"), first_unpaid=16,
        next_due=items[5], status=AgreementStatus.ATRASADO, first=13, instalments=items,
        updated_at=datetime(2026, 11, 1, 10, 30, tzinfo=GUATEMALA),
    )  # fmt: skip
    sources = {"number": _parsed(found.number), "party_dpi": DEMO_LONG_WORKER_DPI, "fetch": found}
    [job] = await agreement_record(RenderContext(client, "GT-TEST-0001"), sources)
    pdf = PdfReader(io.BytesIO(job.make()))
    flat = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert len(pdf.pages) == 1 and "actuaci" not in flat
    for n in range(13, 25):
        assert f"Cuota {n}: Q1,250.00" in flat, n


def _parsed(text: str) -> object:
    from kiosk.case_numbers import parse_case_number

    return parse_case_number(text, this_year=TODAY.year)
