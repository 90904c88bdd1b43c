"""Antecedentes Penales when the network fails at the worst moment, the visitor's "Confirmar y
enviar": the portal stops answering, or it does the work and its answer is lost. The kiosk talks
to the session's sandbox through a loopback proxy that the test cuts (faults.PortalProxy); the
test itself reaches the portal directly to see what really happened there."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from backoffice import Backoffice
from faults import PortalProxy
from kiosk_driver import Driver
from record_visit import (
    as_guest,
    codes,
    failure,
    here,
    pay_with,
    reach,
    screen,
    text_here,
)

from kiosk.portal.errors import PortalRejected
from kiosk.portal.models import CriminalRecordRequest
from kiosk.sandbox.demo import DEMO_CLEAN

MakeDriver = Callable[..., Driver]
SUBMIT = "/v1/criminal-records/requests"
NO_PORTAL = "No hay conexión con el portal del Organismo Judicial en este momento."


def requests_paid_with(desk: Backoffice, number: str) -> list[tuple[str, str | None]]:
    """(download code, document code) of every request the portal holds for this boleta."""
    rows = desk.rows(
        "SELECT download_code, document_code FROM criminal_record_requests WHERE payment_ref = ?",
        f"banrural:{number}",
    )
    return [(row["download_code"], row["document_code"]) for row in rows]


def test_portal_down_at_submit_keeps_everything_and_the_retry_sends_once(
    make_driver: MakeDriver, desk: Backoffice, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    boleta = desk.boleta()
    as_guest(kiosk, DEMO_CLEAN)
    pay_with(kiosk, boleta)
    proxy.cut()  # the portal stops answering while the visitor reads the review
    kiosk.tap("action.continue")  # "Confirmar y enviar"
    said = failure(kiosk)
    assert said.startswith(NO_PORTAL)
    assert "Intente de nuevo en unos minutos o pida ayuda en ventanilla." in said
    assert here(kiosk, "action.retry").isVisible()
    # nothing lost: back on the review, every answer is there
    kiosk.tap("action.back")
    assert kiosk.screen() == screen("review")
    assert text_here(kiosk, "value.guest_dpi").replace(" ", "") == DEMO_CLEAN.dpi
    assert text_here(kiosk, "value.boleta_number") == boleta.number
    kiosk.tap("action.continue")
    assert failure(kiosk).startswith(NO_PORTAL)  # still down
    assert proxy.refused >= 2
    assert proxy.to("POST", SUBMIT) == []  # nothing reached the portal
    assert requests_paid_with(desk, boleta.number) == []

    proxy.restore()
    kiosk.tap("action.retry")
    reach(kiosk, "issued")
    sent = proxy.to("POST", SUBMIT)
    assert len(sent) == 1 and sent[0].status == 201 and not sent[0].replayed
    request = CriminalRecordRequest.model_validate_json(sent[0].body)
    assert codes(kiosk) == [request.download_code, request.certificate_code]
    assert requests_paid_with(desk, boleta.number) == [
        (request.download_code, request.certificate_code)
    ]


def test_a_lost_answer_retried_gives_the_same_constancia_and_spends_the_boleta_once(
    make_driver: MakeDriver, desk: Backoffice, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    boleta = desk.boleta()
    documents = desk.rows("SELECT COUNT(*) FROM documents WHERE dpi = ?", DEMO_CLEAN.dpi)[0][0]
    as_guest(kiosk, DEMO_CLEAN)
    pay_with(kiosk, boleta)
    proxy.lose_next_answer("POST", SUBMIT)
    kiosk.tap("action.continue")
    assert failure(kiosk).startswith(NO_PORTAL)  # the kiosk cannot know it was done
    (lost,) = proxy.to("POST", SUBMIT)
    assert lost.status == 201 and not lost.delivered  # the portal did issue it
    first = CriminalRecordRequest.model_validate_json(lost.body)

    kiosk.tap("action.retry")
    reach(kiosk, "issued")
    assert codes(kiosk) == [first.download_code, first.certificate_code]
    retried = proxy.to("POST", SUBMIT)[1]
    assert retried.replayed and retried.delivered  # the same Idempotency-Key: replayed
    # the boleta was spent once: anyone else who tries it now is told it is used
    with pytest.raises(PortalRejected) as refused:
        desk.request_with(DEMO_CLEAN, boleta)
    assert refused.value.code == "boleta_used"
    # one request for it, one document for that request, one more document for this person
    assert requests_paid_with(desk, boleta.number) == [
        (first.download_code, first.certificate_code)
    ]
    assert (
        len(desk.rows("SELECT 1 FROM documents WHERE download_code = ?", first.download_code)) == 1
    )
    after = desk.rows("SELECT COUNT(*) FROM documents WHERE dpi = ?", DEMO_CLEAN.dpi)[0][0]
    assert after == documents + 1
