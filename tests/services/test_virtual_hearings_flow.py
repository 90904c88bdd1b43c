"""Solicitud de Audiencias Virtuales walked without a screen, against the sandbox over HTTP: the
case number typed in the shapes people write it or built step by step; the case's coming
hearings, each saying whether it can still be asked for; a too near or cancelled one refused
before anything personal is asked; the roles of a penal hearing and of another one; a lawyer's
colegiado; every answer checked with words that say how to fix it; the request sent once, its
number and what happens next; the same person asking again gets the first request; a reserved
case says so and nothing more; nothing on the agenda, the portal slow or down; the receipt's
text; and nothing of the visitor in the logs."""

from __future__ import annotations

import asyncio
import logging
import random
import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from documents.pdf_reading import outside_margins, page_count, text_of, words_of
from support.actions import Bound, advance, bound_actions

from kiosk.case_numbers import parse_case_number
from kiosk.courts import court
from kiosk.flows.engine import FlowRun
from kiosk.flows.model import ConfirmationStep, DetailStep, ResultsStep
from kiosk.identity import dpi_check_digit, make_dpi
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalTimeout, PortalUnavailable
from kiosk.portal.models.virtual_hearings import AttendeeRole, VirtualHearingRequest
from kiosk.sandbox.demo import DEMO_CLEAN
from kiosk.sandbox.services.hearings import DEMO_CASE_NUMBER as PENAL_CASE_NUMBER
from kiosk.sandbox.services.hearings import DEMO_RESERVED_NUMBER, DEMO_RESERVED_PARTIES
from kiosk.sandbox.virtual_hearings_seed import DEMO_CASE_NUMBER, DEMO_CASE_PARTIES, DEMO_REQUEST
from kiosk.services.base import AnswerRejected, RenderContext
from kiosk.services.virtual_hearings import FLOW, SERVICE, paper, questions
from kiosk.services.virtual_hearings.actions import ExistingRequest, ReservedCase
from kiosk.ui.messages import for_error

TODAY = date.today()
NAMES = {"first_names": "Ana Lucía", "last_names": "Méndez Juárez"}
EMAIL, PHONE = "ana.mendez@ejemplo.gt", "5555-1234"
COURT = court(DEMO_CASE_NUMBER[:5]).name
#: the demo case's coming hearings, soonest first, as the list shows them
TOO_SOON, CANCELLED, OPEN, LATER = range(4)


def new_dpi() -> str:
    draw = random.Random().random
    while True:
        serial = f"{int(draw() * 100_000_000):08d}"
        if dpi_check_digit(serial) is not None:
            return make_dpi(serial, 9, 1)


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


async def listed(typed: str, actions: dict[str, Bound]) -> FlowRun:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"number": typed}) == []
    await advance(run, actions)
    return run


async def chosen(row: int, actions: dict[str, Bound], typed: str = DEMO_CASE_NUMBER) -> FlowRun:
    """The case's list, then the ``row``-th hearing chosen and checked."""
    run = await listed(typed, actions)
    run.submit({"hearing": run.page().rows[row].id})
    await advance(run, actions)
    return run


async def to_review(
    actions: dict[str, Bound],
    *,
    dpi: str | None = None,
    email: str = EMAIL,
    role: str = "testigo",
    colegiado: str | None = None,
) -> FlowRun:
    run = await chosen(OPEN, actions)
    assert run.current.id == "role"
    assert run.submit({"role": role}) == []
    if colegiado is not None:
        assert run.current.id == "colegiado"
        assert run.submit({"colegiado": colegiado}) == []
    assert run.current.id == "person"
    assert run.submit({**NAMES, "dpi": dpi or new_dpi()}) == []
    assert run.submit({"email": email, "phone": PHONE}) == []
    assert run.submit({"reason": "distancia"}) == []
    assert run.submit({"consent": "si"}) == []
    assert run.current.id == "review"
    return run


def body(run: FlowRun) -> str:
    return "\n".join(str(part) for part in run.body())


# --- the case and its hearings -------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", [DEMO_CASE_NUMBER, "C-9006-2025-3101", "9006 2025 3101", "exp. 09006/2025/03101"]
)
async def test_every_shape_of_the_number_lists_the_coming_hearings(
    actions: dict[str, Bound], typed: str
) -> None:
    run = await listed(typed, actions)
    assert isinstance(run.current, ResultsStep) and run.current.id == "hearings"
    page = run.page()
    assert page.total == len(page.rows) == 4  # the past one is not offered
    assert str(page.searched) == f"Número buscado: {DEMO_CASE_NUMBER} · {COURT}"
    facts = [[str(fact) for fact in row.facts] for row in page.rows]
    assert facts[TOO_SOON][2] == "No se puede pedir: faltan menos de 2 días hábiles"
    assert facts[CANCELLED][1:] == ["Estado: Cancelada", "No se puede pedir: fue cancelada"]
    assert facts[OPEN][2].startswith("Puede pedirla hasta el ")
    assert "Recepción de pruebas" in str(page.rows[OPEN].title)
    assert facts[OPEN][0] == "Sala de audiencias 2"


async def test_the_number_built_step_by_step(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.take_alternative()
    assert run.current.id == "department"
    found = court(DEMO_CASE_NUMBER[:5])
    assert run.submit({"department": str(found.department)}) == []
    assert run.submit({"municipality": str(found.municipality)}) == []
    assert run.current.id == "court_kind"  # Quetzaltenango has many courts: the labour ones
    assert run.submit({"court_kind": "trabajo"}) == []
    assert run.submit({"court": found.id}) == []
    assert run.current.id == "year_sequence"
    assert run.submit({"year": "2025", "sequence": "3101"}) == []
    await advance(run, actions)
    assert run.current.id == "hearings" and run.page().total == 4


async def test_a_number_without_its_court_says_how_to_fix_it_and_keeps_it() -> None:
    run = FlowRun(FLOW, today=TODAY)
    (error,) = run.submit({"number": "485-2011"})
    assert error.field_id == "number" and "empieza con el juzgado" in error.message
    assert "No sé cómo se escribe" in error.message and run.raw["number"] == "485-2011"
    (error,) = run.submit({"number": "23001-2019-1"})
    assert "23 no existe" in error.message


async def test_a_case_without_coming_hearings_says_what_to_do(actions: dict[str, Bound]) -> None:
    run = await listed("09006-2025-09999", actions)
    assert run.current.id == "hearings" and run.page().total == 0
    step = run.current
    assert isinstance(step, ResultsStep)
    assert "no tiene audiencias próximas" in str(step.empty) and "Atrás" in str(step.empty)
    assert run.back() and run.current.id == "number"
    assert run.raw["number"] == "09006-2025-09999"


async def test_a_reserved_case_is_reservado_and_where_to_ask(actions: dict[str, Bound]) -> None:
    run = await listed(DEMO_RESERVED_NUMBER, actions)
    assert isinstance(run.current, DetailStep) and run.current.id == "reserved"
    assert run.results["search"] == ReservedCase(DEMO_RESERVED_NUMBER)
    detail = run.detail()
    words = " ".join(
        [str(detail.heading)]
        + [f"{s.title} {s.note} " + " ".join(str(r.value) for r in s.rows) for s in detail.sections]
    )
    assert DEMO_RESERVED_NUMBER in words and "Reservado" in words
    assert court(DEMO_RESERVED_NUMBER[:5]).name in words  # the number itself names the court
    assert "pídala en el juzgado" in words
    for name in DEMO_RESERVED_PARTIES:
        assert name.split()[0] not in words
    assert run.at_end and run.can_go_back


# --- the hearing chosen --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "said"),
    [
        (TOO_SOON, "se pide a más tardar 2 días hábiles antes de la audiencia"),
        (CANCELLED, "fue cancelada"),
    ],
)
async def test_a_hearing_that_cannot_be_asked_for_says_why_before_anything_personal(
    actions: dict[str, Bound], row: int, said: str
) -> None:
    with pytest.raises(AnswerRejected) as refused:
        await chosen(row, actions)
    assert refused.value.field == "hearing" and refused.value.text is not None
    assert said in str(refused.value.text)
    message = for_error(refused.value)
    assert message is not None and not message.can_retry


async def test_a_labour_hearing_asks_its_roles_and_a_penal_one_its_own(
    actions: dict[str, Bound],
) -> None:
    labour = await chosen(OPEN, actions)
    assert labour.current.id == "role"
    roles = {c.value for c in FLOW.field("role").choices}
    assert {"parte_actora", "parte_demandada", "testigo"} <= roles and "sindicado" not in roles
    penal = await chosen(-1, actions, typed=PENAL_CASE_NUMBER)  # its review in three weeks
    assert penal.current.id == "penal_role"
    penal_roles = {c.value for c in FLOW.field("penal_role").choices}
    assert {"sindicado", "defensa_tecnica", "agraviado", "querellante_adhesivo"} <= penal_roles
    assert "parte_actora" not in penal_roles


async def test_a_lawyer_is_asked_the_colegiado_and_others_are_not(
    actions: dict[str, Bound],
) -> None:
    run = await chosen(OPEN, actions)
    assert run.submit({"role": "abogado"}) == []
    assert run.current.id == "colegiado"
    (error,) = run.submit({"colegiado": "0"})
    assert "mínimo es 1" in error.message
    assert run.submit({"colegiado": "4321"}) == []
    assert run.current.id == "person"
    run.back()
    run.back()
    assert run.submit({"role": "perito"}) == [] and run.current.id == "person"


# --- the person ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "said"),
    [
        ("5555 123", "tiene 8 dígitos; escribió 7"),
        ("1555 1234", "empieza con 2, 3, 4, 5, 6 o 7"),
        ("5555-12a4", "solo los números"),
        ("00 0", "después de 00 va el código del país"),
    ],
)
async def test_a_phone_is_checked_with_how_to_fix_it(
    actions: dict[str, Bound], phone: str, said: str
) -> None:
    run = await chosen(OPEN, actions)
    run.submit({"role": "testigo"})
    run.submit({**NAMES, "dpi": new_dpi()})
    (error,) = run.submit({"email": EMAIL, "phone": phone})
    assert error.field_id == "phone" and said in error.message
    assert run.raw["phone"] == phone and run.current.id == "contact"


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("5555 1234", "55551234"),
        ("+502 2222-3333", "22223333"),
        ("502 4444 5555", "44445555"),
        ("001 213 555 0100", "+12135550100"),
    ],
)
def test_a_phone_is_sent_as_the_portal_takes_it(typed: str, normalized: str) -> None:
    assert questions.phone_number(typed) == normalized


async def test_names_dpi_email_and_consent_say_how_to_fix_them(actions: dict[str, Bound]) -> None:
    run = await chosen(OPEN, actions)
    run.submit({"role": "testigo"})
    errors = run.submit({"first_names": "Ana 2", "last_names": "", "dpi": "2468 13571 01"})
    assert {e.field_id for e in errors} == {"first_names", "last_names", "dpi"}
    assert "faltan 2" in next(e.message for e in errors if e.field_id == "dpi")
    assert run.raw["dpi"] == "2468 13571 01"
    run.submit({**NAMES, "dpi": new_dpi()})
    (error,) = run.submit({"email": "ana@ejemplo", "phone": PHONE})
    assert error.field_id == "email" and "dominio" in error.message
    run.submit({"email": EMAIL, "phone": PHONE})
    run.submit({"reason": "seguridad"})
    (error,) = run.submit({"consent": "no"})
    assert "asista en persona" in error.message and run.current.id == "consent"


# --- the request ---------------------------------------------------------------------------------


async def test_the_request_is_sent_once_with_its_number_and_what_happens_next(
    actions: dict[str, Bound],
) -> None:
    run = await to_review(actions)
    items = {item.field_id: str(item.display) for item in run.review_items()}
    assert items["role"] == "Testigo" and items["reason"] == "Vivo o trabajo lejos del juzgado"
    assert items["consent"] == "Sí" and items["phone"] == PHONE
    assert run.submit({}) == []
    key = run.action_key("submit")
    await advance(run, actions)
    assert isinstance(run.current, ConfirmationStep) and run.current.id == "sent"
    made = run.results["submit"]
    assert isinstance(made, VirtualHearingRequest) and made.role is AttendeeRole.TESTIGO
    (code,) = run.codes()
    assert (code.id, code.value) == ("request", made.number)
    said = body(run)
    assert "como Testigo" in said and COURT in said and "Sala de audiencias 2" in said
    assert "an•••@ejemplo.gt" in said and EMAIL not in said
    assert "a las 17:00" in said and "asiste en persona" in said
    # the same answers again (a retry after a lost answer): the same request
    again = await actions["submit"](run.submitted_answers(), key)
    assert isinstance(again, VirtualHearingRequest) and again.number == made.number


async def test_the_same_person_asking_again_gets_the_first_request(
    actions: dict[str, Bound],
) -> None:
    run = await to_review(actions, dpi=DEMO_CLEAN.dpi, email=DEMO_REQUEST.email)
    run.submit({})
    await advance(run, actions)
    assert run.current.id == "existing"
    found = run.results["submit"]
    assert isinstance(found, ExistingRequest) and found.request.number == DEMO_REQUEST.number
    assert [c.value for c in run.codes()] == [DEMO_REQUEST.number]
    assert "ya había una solicitud para esta audiencia, hecha el 03/11/2025" in body(run)
    assert "como Testigo" in body(run)  # the first one's role
    other = await to_review(actions, dpi=DEMO_CLEAN.dpi, email="otro.correo@ejemplo.gt")
    other.submit({})
    with pytest.raises(AnswerRejected) as refused:
        await advance(other, actions)
    assert refused.value.field == "dpi" and "otro correo" in str(refused.value.text)
    assert DEMO_REQUEST.number not in str(refused.value.text)


async def test_a_lawyers_request_carries_the_colegiado(actions: dict[str, Bound]) -> None:
    run = await to_review(actions, role="abogado", colegiado="4321")
    assert {i.field_id: str(i.display) for i in run.review_items()}["colegiado"] == "4321"
    run.submit({})
    await advance(run, actions)
    assert run.current.id == "sent"
    made = run.results["submit"]
    assert isinstance(made, VirtualHearingRequest) and made.role is AttendeeRole.ABOGADO


# --- slow, down, the logs ------------------------------------------------------------------------


@pytest.fixture
def silent_portal() -> Iterator[str]:
    """A portal that takes the connection and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def _number() -> object:
    return parse_case_number(DEMO_CASE_NUMBER, this_year=TODAY.year)


async def test_a_slow_portal_says_so_and_offers_to_try_again(silent_portal: str) -> None:
    async with PortalClient(
        silent_portal, kiosk_id="GT-TEST-0001", kiosk_token="x", read_timeout=0.3, retries=0
    ) as slow:
        search = bound_actions(slow, service=SERVICE)["search"]
        with pytest.raises(PortalTimeout) as err:
            await search({"number": _number()}, "k")
    message = for_error(err.value)
    assert message is not None and message.can_retry
    assert message.text.startswith("El portal está tardando demasiado en responder.")


async def test_a_portal_down_at_submit_says_so_and_offers_to_try_again(
    actions: dict[str, Bound],
) -> None:
    run = await to_review(actions)
    run.submit({})
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with PortalClient(
        f"http://127.0.0.1:{port}", kiosk_id="GT-TEST-0001", kiosk_token="x", retries=0
    ) as down:
        submit = bound_actions(down, service=SERVICE)["submit"]
        with pytest.raises(PortalUnavailable) as err:
            await submit(run.submitted_answers(), run.action_key("submit"))
    message = for_error(err.value)
    assert message is not None and message.can_retry
    assert message.text.startswith("No hay conexión con el portal del Organismo Judicial")


async def test_nothing_of_the_visitor_reaches_the_logs(
    actions: dict[str, Bound], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    dpi = new_dpi()
    run = await to_review(actions, dpi=dpi)
    run.submit({})
    await advance(run, actions)
    made = run.results["submit"]
    assert isinstance(made, VirtualHearingRequest)
    ours = [r for r in caplog.records if r.name.startswith("kiosk")]
    logged = "\n".join(f"{r.getMessage()} {vars(r)}" for r in ours)
    for secret in (
        dpi,
        "Méndez",
        EMAIL,
        "55551234",
        DEMO_CASE_NUMBER,
        made.number,
        made.hearing_id,
    ):
        assert secret not in logged, secret
    routes = {getattr(r, "route", None) for r in ours}
    assert {"/hearings", "/hearings/{hearing_id}", "/virtual-hearing-requests"} <= routes


async def test_a_reset_forgets_everything(actions: dict[str, Bound]) -> None:
    run = await to_review(actions)
    run.reset()
    assert (run.answers, run.raw, run.results) == ({}, {}, {}) and run.current.id == "number"


# --- the receipt ---------------------------------------------------------------------------------


def _sources(run: FlowRun) -> dict[str, object]:
    return {**run.submitted_answers(), **run.results}


async def _receipt_text(run: FlowRun, client: PortalClient, folder: Path) -> tuple[str, bytes]:
    [job] = await paper.receipt(RenderContext(client, "GT-TEST-0001"), _sources(run))
    assert job.name == paper.DOCUMENT and job.title == "Audiencia virtual OJ"
    pdf = await asyncio.get_running_loop().run_in_executor(None, job.make)
    return text_of(pdf, folder), pdf


async def test_the_receipt_holds_the_number_the_hearing_and_what_next_and_nothing_personal(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    dpi = new_dpi()
    run = await to_review(actions, dpi=dpi)
    run.submit({})
    await advance(run, actions)
    made = run.results["submit"]
    assert isinstance(made, VirtualHearingRequest)
    text, pdf = await _receipt_text(run, client, tmp_path)
    flat = " ".join(text.split())
    for words in (
        made.number, DEMO_CASE_NUMBER, "Solicitud de Audiencia Virtual", "Número de solicitud",
        "Recepción de pruebas", "Sala de audiencias 2", "Testigo", "A. L. M. J.",
        f"•••• ••••• {dpi[-4:]}", "an•••@ejemplo.gt", "•••• 1234", "QUÉ SIGUE",
        "a las 17:00", "asiste en persona", "la audiencia se graba", "el juzgado decide",
        "GT-TEST-0001",
    ):  # fmt: skip
        assert words in flat, words
    assert "…" not in flat  # it fits one page as written: nothing was cut short
    assert " ".join(COURT.split()[:6]) in flat
    for secret in (dpi, "Méndez", "Lucía", EMAIL, "55551234", *(n for _, n in DEMO_CASE_PARTIES)):
        assert secret not in flat, secret
    assert page_count(pdf, tmp_path) == 1 and outside_margins(words_of(pdf, tmp_path)) == []


async def test_the_receipt_of_a_request_found_says_when_it_was_made(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = await to_review(actions, dpi=DEMO_CLEAN.dpi, email=DEMO_REQUEST.email)
    run.submit({})
    await advance(run, actions)
    text, _pdf = await _receipt_text(run, client, tmp_path)
    flat = " ".join(text.split())
    assert DEMO_REQUEST.number in flat and "ya había pedido esta audiencia el 03/11/2025" in flat
    assert DEMO_CLEAN.dpi not in flat and "Pérez" not in flat


def test_every_branch_is_a_step_of_the_flow() -> None:
    """The graph is complete: the branches the tests above walk are the flow's own."""
    FLOW.validate_graph()
    ends = {s.id for s in FLOW.steps if isinstance(s, ConfirmationStep | DetailStep)}
    assert ends == {"sent", "existing", "reserved"}
    assert SERVICE.printouts[0].kind == paper.DOCUMENT and SERVICE.printouts[0].advice
