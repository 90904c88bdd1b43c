"""Solicitud de Información Pública walked without a screen, against the sandbox over HTTP: every
branch (email, phone, a court file's copies, a request found by its folio), the checks on the
answers with the typed values kept, one request per Idempotency-Key, and the receipt's text."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from documents.pdf_reading import squeezed, text_of
from support.actions import Bound, advance, bound_actions

from kiosk import formats
from kiosk.flows.engine import FlowRun
from kiosk.flows.model import ActionStep, ConfirmationStep, DetailStep, InfoStep, ReviewStep
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models.public_information import (
    PublicInformationRequest,
    PublicInformationStatus,
)
from kiosk.sandbox.public_information_data import DEMO_ANSWERED_FOLIO, DEMO_UNKNOWN_FOLIO
from kiosk.services.base import AnswerRejected, RenderContext
from kiosk.services.hearings.words import spoken_day
from kiosk.services.public_information import SERVICE
from kiosk.services.public_information.actions import request_body
from kiosk.services.public_information.flow import FLOW
from kiosk.services.public_information.paper import masked_text, receipt_paper
from kiosk.services.public_information.rules import asks_for_court_file, folio_of
from kiosk.working_days import SEAT, WorkingDays

TODAY = formats.now().date()
NAME = "Ana Lucía Méndez Juárez"
TEXT = "Solicito el presupuesto ejecutado por los juzgados de paz de Totonicapán en 2025."


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


def email() -> str:
    return f"ana.{uuid.uuid4().hex[:8]}@ejemplo.gt"


def new_request(run: FlowRun, text: str = TEXT) -> None:
    """From the first question to the one after "¿Qué información necesita?"."""
    assert run.submit({"mode": "new_request"}) == []
    assert isinstance(run.current, InfoStep) and run.current.id == "about"
    assert run.submit({}) == []
    assert run.submit({"information": text}) == []


def by_email(run: FlowRun, address: str, *, dpi: str = "") -> None:
    assert run.current.id == "delivery"
    assert run.submit({"delivery": "email"}) == []
    assert run.submit({"requester_name": NAME}) == []
    assert run.current.id == "email"  # the answer goes by email: no need to ask which contact
    assert run.submit({"email": address}) == []
    assert run.submit({"dpi": dpi}) == []
    assert isinstance(run.current, ReviewStep)


async def test_a_request_by_email_gets_its_folio_and_due_date(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    address = email()
    new_request(run)
    by_email(run, address)
    assert run.progress() == (7, 7)  # mode, information, delivery, name, email, dpi, review
    shown = {item.field_id: str(item.display) for item in run.review_items()}
    assert shown == {
        "information": TEXT,
        "delivery": "Por correo electrónico", "requester_name": NAME, "email": address,
        "dpi": "Sin respuesta",
    }  # fmt: skip
    assert run.submit({}) == []
    await advance(run, actions)
    assert isinstance(run.current, ConfirmationStep) and run.current.id == "received"
    made = run.results["submit"]
    assert isinstance(made, PublicInformationRequest)
    assert made.status is PublicInformationStatus.RECEIVED and made.information == TEXT
    received = formats.local(made.received_at).date()
    assert made.due_on == WorkingDays(SEAT).add(received, 10)
    codes = {code.id: code.value for code in run.codes()}
    assert codes == {"folio": made.folio, "due": formats.day(made.due_on)}
    body = " ".join(str(part) for part in run.body())
    assert "a más tardar el" in body and str(made.due_on.year) in body
    assert "«Información pública», «Ver una solicitud que ya hice»" in body
    assert "15 días hábiles" in body and "Presidencia del Organismo Judicial" in body
    assert address not in body and made.contact in body  # what the portal says, masked
    assert not run.can_go_back  # sent: nothing to change any more


async def test_a_phone_contact_for_copies_to_collect(
    actions: dict[str, Bound], client: PortalClient
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    new_request(run)
    assert run.submit({"delivery": "printed_copy"}) == []
    assert run.submit({"requester_name": NAME}) == []
    assert run.current.id == "contact"
    assert run.submit({"contact": "phone"}) == []
    [error] = run.submit({"phone": "1512 3456"})
    assert error.code == "phone_start" and run.raw["phone"] == "1512 3456"
    [error] = run.submit({"phone": "5512 345"})
    assert error.code == "phone_length" and "escribió 7" in error.message
    [error] = run.submit({"phone": "teléfono"})
    assert error.code == "phone_digits"
    assert run.submit({"phone": "+502 5512-3456"}) == []
    assert run.submit({"dpi": "2468 13571 0101"}) == []
    sent = request_body(run.submitted_answers())
    assert (sent.phone, sent.email, sent.dpi) == ("55123456", None, "2468135710101")
    assert run.submit({}) == []
    await advance(run, actions)
    made = run.results["submit"]
    assert isinstance(made, PublicInformationRequest)
    assert made.contact == "••••-3456" and made.delivery.value == "printed_copy"
    body = " ".join(str(part) for part in run.body())
    assert "recoger las copias" in body and "••••-3456" in body


async def test_changing_the_delivery_on_the_review_asks_what_it_needs(
    actions: dict[str, Bound],
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    new_request(run)
    by_email(run, email())
    key = run.action_key("submit")
    run.change("delivery")
    assert run.submit({"delivery": "inspection"}) == []
    assert run.current.id == "contact"  # by email no one asked which contact: now it must
    assert run.submit({"contact": "email"}) == []
    assert isinstance(run.current, ReviewStep)  # the email given before still holds
    assert run.action_key("submit") != key  # another request: another Idempotency-Key
    assert request_body(run.submitted_answers()).delivery.value == "inspection"


async def test_one_request_however_many_times_it_is_sent(
    actions: dict[str, Bound], client: PortalClient
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    new_request(run)
    by_email(run, email())
    run.submit({})
    step = run.current
    assert isinstance(step, ActionStep)
    key = run.action_key(step.id)
    first = await actions["submit_request"](run.submitted_answers(), key)
    run.fail_action()  # as if the answer were lost: the visitor taps "Intentar de nuevo"
    assert run.action_key(step.id) == key
    again = await actions["submit_request"](run.submitted_answers(), run.action_key(step.id))
    assert again == first


async def test_a_court_file_request_hears_where_to_go_and_keeps_its_text(
    actions: dict[str, Bound],
) -> None:
    typed = "Necesito copia del expediente 01173-2019-00123 de mi demanda laboral"
    run = FlowRun(FLOW, today=TODAY)
    new_request(run, typed)
    assert isinstance(run.current, InfoStep) and run.current.id == "court_file"
    words = " ".join(str(part) for part in run.body())
    assert "Archivo de Tribunales" in words and "juzgado" in words and "se conserva" in words
    assert run.back() and run.current.id == "information"
    assert run.raw["information"] == typed  # what was typed is still in the field
    assert run.submit({"information": typed}) == []
    assert run.submit({}) == []  # it really is public information: "Continuar" goes on
    assert run.current.id == "delivery"


@pytest.mark.parametrize(
    "text",
    [
        "copia del expediente de mi divorcio",
        "Quiero copias certificadas del proceso de alimentos",
        "Fotocopia de la demanda que presenté",
        "¿Cómo va mi caso en el juzgado de Mixco?",
        "expediente No. 485-2011 Of. 2",
        "el estado del exp. 12-2023",
        "información del C-01173-2019-00123",
        "9006 2025 77 necesito saber si ya hay sentencia",
        "CERTIFICACIÓN DE LA SENTENCIA DEL JUICIO",
    ],
)
def test_what_reads_like_a_court_file(text: str) -> None:
    assert asks_for_court_file(text)


@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        "Cantidad de expedientes digitalizados por el Archivo General de Tribunales en 2024",
        "Copia de los contratos de arrendamiento del edificio de tribunales de Cobán",
        "Cuántos casos de violencia contra la mujer ingresaron en 2020-2025",
        "Número de procesos de pensión alimenticia iniciados en Escuintla en 2025",
        "Salario del personal del Juzgado de Paz de San Juan Sacatepéquez",
    ],
)
def test_what_is_public_information(text: str) -> None:
    assert not asks_for_court_file(text)


def test_the_answers_are_checked_and_kept() -> None:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"mode": "new_request"}) == []
    run.submit({})
    [error] = run.submit({"information": "   "})
    assert error.code == "required" and error.message == "Escriba qué información necesita."
    [error] = run.submit({"information": "2025 12345"})
    assert error.code == "information_short" and "de qué oficina" in error.message
    [error] = run.submit({"information": "x" * 1001})
    assert error.code == "too_long" and run.raw["information"] == "x" * 1001
    run.submit({"information": TEXT})
    run.submit({"delivery": "email"})
    [error] = run.submit({"requester_name": "R2-D2"})
    assert error.field_id == "requester_name" and run.raw["requester_name"] == "R2-D2"
    run.submit({"requester_name": NAME})
    [error] = run.submit({"email": "ana.gmail.com"})
    assert error.field_id == "email" and "@" in error.message
    run.submit({"email": email()})
    [error] = run.submit({"dpi": "2468 13572 0101"})
    assert error.field_id == "dpi" and run.raw["dpi"] == "2468 13572 0101"
    assert run.submit({"dpi": ""}) == []  # optional
    assert isinstance(run.current, ReviewStep)


# --- a request found by its folio ----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["UIP-2025-900003", "uip 2025 900003", "2025-900003", "2025 900003", "2025900003"]
)
def test_a_folio_in_the_shapes_people_type_it(typed: str) -> None:
    assert folio_of(typed) == DEMO_ANSWERED_FOLIO


async def test_a_request_found_by_its_folio(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"mode": "find_request"}) == []
    assert run.current.id == "folio"
    [error] = run.submit({"folio": "UIP-26-4"})
    assert error.code == "folio_shape" and run.raw["folio"] == "UIP-26-4"
    [error] = run.submit({"folio": f"{TODAY.year + 1}-000001"})
    assert error.code == "folio_year"
    assert run.submit({"folio": "2025-900003"}) == []
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)
    detail = run.detail()
    assert str(detail.heading) == f"Solicitud {DEMO_ANSWERED_FOLIO}"
    rows = {row.id: row for section in detail.sections for row in section.rows}
    assert str(rows["status"].value) == "Respondida" and rows["status"].explain
    assert str(rows["due_on"].value) == "martes 21 de octubre de 2025"
    assert str(rows["answered_on"].value) == "miércoles 15 de octubre de 2025"
    assert str(rows["requester"].value) == "I. A. C. C." and str(rows["contact"].value) == (
        "i•••@ejemplo.gt"
    )
    assert "Ixchel" not in " ".join(str(row.value) for row in rows.values())
    assert run.back() and run.current.id == "folio"


async def test_an_unknown_folio_says_so_and_leads_back(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"mode": "find_request"})
    run.submit({"folio": DEMO_UNKNOWN_FOLIO})
    with pytest.raises(AnswerRejected) as refused:
        await advance(run, actions)
    assert isinstance(refused.value, PortalRejected) and refused.value.field == "folio"
    assert DEMO_UNKNOWN_FOLIO in str(refused.value.text)
    assert run.back() and run.current.id == "folio" and run.raw["folio"] == DEMO_UNKNOWN_FOLIO


# --- the receipt ---------------------------------------------------------------------------------


async def test_the_receipt_says_what_the_law_says(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    dpi_in_text = TEXT + " Mi DPI es 2468 13571 0101."
    new_request(run, dpi_in_text)
    by_email(run, email(), dpi="2468135710101")
    run.submit({})
    await advance(run, actions)
    made = run.results["submit"]
    assert isinstance(made, PublicInformationRequest)
    sources = {**run.submitted_answers(), **run.results}
    [job] = await receipt_paper(RenderContext(client, "GT-TEST-0001"), sources)
    assert job.title == "Comprobante informacion publica OJ"
    text = text_of(job.make(), tmp_path)
    flat = squeezed(text).casefold()  # section titles print in capitals
    assert squeezed(made.folio).casefold() in flat and "Folio" in text
    for said in (
        "Solicitud de Información Pública",
        f"{formats.day(made.received_at)}",
        "Recibida",
        "Plazo para responderle",
        "10 días hábiles",
        "una sola vez por 10 días hábiles más",
        "Decreto 57-2008",
        "recurso de revisión",
        "15 días hábiles",
        "Presidencia del Organismo Judicial",
        "Información que pidió",
        "Por correo electrónico",
        "A. L. M. J.",
        "Guatemala, Guatemala",
        "GT-TEST-0001",
    ):
        assert squeezed(said).casefold() in flat, said
    due = WorkingDays(SEAT).add(formats.local(made.received_at).date(), 10)
    assert squeezed(str(spoken_day(due, year=True))) in flat
    assert squeezed(str(spoken_day(made.extended_due_on, year=True))) in flat
    assert "…" not in text  # the law's words whole: only a long request would be shortened
    # never the name, the email, nor a full DPI (typed in the request's own words)
    assert "Méndez" not in text and "@ejemplo.gt" not in text.replace("•••@ejemplo.gt", "")
    assert "2468135710101" not in flat and squeezed("•••• ••••• 0101") in flat


def test_a_dpi_in_the_words_is_masked_on_paper() -> None:
    assert masked_text("DPI 2468 13571 0101 y 1234567890123.") == (
        "DPI •••• ••••• 0101 y •••• ••••• 0123."
    )
    assert masked_text("año 2025, expediente 12-2023") == "año 2025, expediente 12-2023"


def test_the_flow_is_complete() -> None:
    FLOW.validate_graph()
    assert FLOW.id == SERVICE.id == "informacion-publica"
    assert set(SERVICE.actions) == {"submit_request", "find_request"}
