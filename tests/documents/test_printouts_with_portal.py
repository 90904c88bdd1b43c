"""The printouts made from what the sandbox portal really answers (over HTTP on loopback), then
used the way a visitor uses them: the slip's reference typed back and its QR opened, the
receipt's download code typed at a kiosk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_reading import rasterize, read_qr, squeezed, text_of
from support import sandbox_tools

from kiosk.documents import (
    VERDICT_LABELS,
    DocumentError,
    VerificationReceipt,
    render_code_receipt,
    render_payment_slip,
    render_review_receipt,
    render_verification_receipt,
)
from kiosk.portal.client import PortalClient, new_idempotency_key
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models import (
    Bank,
    BoletaPayment,
    CriminalRecordRequestCreate,
    DocumentState,
    OrderPayment,
    PaymentConcept,
    PaymentOrderStatus,
    RequestStatus,
    SandboxBoletaCreate,
)
from kiosk.sandbox.demo import DEMO_CLEAN, DEMO_REVIEW, DemoPerson
from kiosk.seals.reasons import Verdict

GROUPED_REFERENCE = re.compile(r"\b(\d{4} \d{4} \d{4})\b")
DOWNLOAD_CODE = re.compile(r"\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b")


def guest(person: DemoPerson, payment: BoletaPayment | OrderPayment) -> CriminalRecordRequestCreate:
    return CriminalRecordRequestCreate(
        dpi=person.dpi,
        birth_date=person.birth_date,
        first_names=person.first_names,
        last_names=person.last_names,
        payment=payment,
    )


def assert_no_full_dpi(text: str, person: DemoPerson) -> None:
    assert person.dpi not in squeezed(text)
    assert person.birth_date.strftime("%d/%m/%Y") not in text


async def test_slip_reference_and_qr_lead_back_to_the_order_and_the_constancia(
    client: PortalClient, kiosk_id: str, tmp_path: Path
) -> None:
    order = await client.create_payment_order(
        PaymentConcept.CRIMINAL_RECORD, idempotency_key=new_idempotency_key()
    )
    slip = render_payment_slip(order, kiosk_id=kiosk_id)
    text = text_of(slip, tmp_path)
    assert "Q30.00" in text
    assert kiosk_id in text

    # The QR opens the order's online-banking address, exactly.
    assert read_qr(rasterize(slip, tmp_path)).text == order.pay_url
    # The reference as printed (grouped) is what a visitor types back at a kiosk.
    printed = GROUPED_REFERENCE.findall(text)
    assert len(printed) == 1
    assert (await client.payment_order_by_reference(printed[0])).id == order.id

    paid = await sandbox_tools.sandbox_pay_order(client, printed[0].replace(" ", ""))
    assert paid.status is PaymentOrderStatus.PAID
    assert read_qr(rasterize(render_payment_slip(paid), tmp_path)).text == order.pay_url

    request = await client.request_criminal_record(
        guest(DEMO_CLEAN, OrderPayment(order_id=order.id)), idempotency_key=new_idempotency_key()
    )
    assert request.status is RequestStatus.ISSUED
    used = await client.payment_order(order.id)
    with pytest.raises(DocumentError):
        render_payment_slip(used)  # a used order's slip would send the visitor to pay again


async def test_the_code_on_the_receipt_fetches_the_constancia(
    client: PortalClient, kiosk_id: str, tmp_path: Path
) -> None:
    boleta = await sandbox_tools.sandbox_create_boleta(client, SandboxBoletaCreate(bank=Bank.GYT))
    payment = BoletaPayment(
        bank=boleta.bank, number=boleta.number, paid_on=boleta.paid_on, amount=boleta.amount
    )
    request = await client.request_criminal_record(
        guest(DEMO_CLEAN, payment), idempotency_key=new_idempotency_key()
    )
    certificate = await client.certificate(request.download_code)
    receipt = render_code_receipt(
        request, available_until=certificate.valid_until, dpi=certificate.dpi
    )
    text = text_of(receipt, tmp_path)
    assert request.id in text
    assert_no_full_dpi(text, DEMO_CLEAN)
    assert DEMO_CLEAN.first_names not in text
    codes = DOWNLOAD_CODE.findall(text)
    assert codes == [request.download_code]
    assert (await client.certificate(codes[0])).code == certificate.code

    # A verification of that constancia, as the portal reports it, on its own receipt.
    check = await client.document(certificate.code)
    assert check.state is DocumentState.VALID
    verification = render_verification_receipt(
        VerificationReceipt(
            verdict=VERDICT_LABELS[Verdict.VALID],
            good=True,
            reason="El documento es auténtico y está vigente.",
            checked_at=check.issued_at,
            fields=(
                ("Código", check.code),
                ("Nombre", check.full_name),
                ("DPI", f"•••• ••••• {check.dpi_last4}"),
            ),
            kiosk_id=kiosk_id,
        )
    )
    verified = text_of(verification, tmp_path)
    assert f"Código {certificate.code}" in verified
    assert f"Nombre {DEMO_CLEAN.full_name}" in verified
    assert "✓ VÁLIDO" in verified
    assert_no_full_dpi(verified, DEMO_CLEAN)


async def test_the_review_receipt_code_is_recognised_while_in_review(
    client: PortalClient, tmp_path: Path
) -> None:
    boleta = await sandbox_tools.sandbox_create_boleta(
        client, SandboxBoletaCreate(bank=Bank.BANRURAL)
    )
    payment = BoletaPayment(
        bank=boleta.bank, number=boleta.number, paid_on=boleta.paid_on, amount=boleta.amount
    )
    request = await client.request_criminal_record(
        guest(DEMO_REVIEW, payment), idempotency_key=new_idempotency_key()
    )
    assert request.status is RequestStatus.IN_REVIEW and request.ready_by is not None
    text = text_of(render_review_receipt(request, dpi=DEMO_REVIEW.dpi), tmp_path)
    assert request.id in text
    assert "Estará lista a partir del" in text
    assert_no_full_dpi(text, DEMO_REVIEW)
    codes = DOWNLOAD_CODE.findall(text)
    assert codes == [request.download_code]
    with pytest.raises(PortalRejected) as caught:
        await client.certificate(codes[0])
    assert caught.value.code == "in_review"
