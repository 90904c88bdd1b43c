"""The portal client and the sandbox together, over real HTTP on loopback."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from support import sandbox_tools
from support.devices import enrolled_kiosk
from support.people import person_without_account

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.catalog import SERVICE_IDS
from kiosk.portal.client import PortalClient, new_idempotency_key
from kiosk.portal.errors import (
    PortalNotFound,
    PortalRateLimited,
    PortalRejected,
    PortalUnauthorized,
)
from kiosk.portal.models import (
    AccountCreate,
    Bank,
    BoletaCheck,
    BoletaPayment,
    CriminalRecordRequestCreate,
    OrderPayment,
    PaymentConcept,
    PaymentOrderStatus,
    RequestStatus,
    SandboxBoletaCreate,
    SessionCreate,
)
from kiosk.sandbox.demo import (
    DEMO_ACCOUNT,
    DEMO_ACCOUNT_EMAIL,
    DEMO_ACCOUNT_PASSWORD,
    DEMO_BOLETAS,
    DEMO_CLEAN,
    DEMO_RECORD,
    DEMO_REVIEW,
)
from kiosk.sandbox.store import now as guatemala_now

FEE = Decimal("30.00")


async def fresh_boleta(client: PortalClient, bank: Bank = Bank.BANRURAL) -> BoletaPayment:
    boleta = await sandbox_tools.sandbox_create_boleta(client, SandboxBoletaCreate(bank=bank))
    return BoletaPayment(
        bank=boleta.bank, number=boleta.number, paid_on=boleta.paid_on, amount=boleta.amount
    )


def guest_request(
    person: object, payment: BoletaPayment | OrderPayment
) -> CriminalRecordRequestCreate:
    return CriminalRecordRequestCreate(
        dpi=person.dpi,  # type: ignore[attr-defined]
        birth_date=person.birth_date,  # type: ignore[attr-defined]
        first_names=person.first_names,  # type: ignore[attr-defined]
        last_names=person.last_names,  # type: ignore[attr-defined]
        payment=payment,
    )


def demo_boleta(purpose_word: str, bank: Bank = Bank.BANRURAL) -> BoletaCheck:
    today = guatemala_now().date()  # the portal's "today", not the test machine's
    for boleta in DEMO_BOLETAS:
        if boleta.bank == bank.value and purpose_word in boleta.purpose.lower():
            return BoletaCheck(
                bank=bank,
                number=boleta.number,
                paid_on=today - timedelta(days=boleta.days_ago),
                amount=Decimal(boleta.amount_cents) / 100,
            )
    raise LookupError(purpose_word)


async def test_health_and_catalog(client: PortalClient) -> None:
    health = await client.health()
    assert health.status == "ok" and health.sandbox
    catalog = await client.services()
    assert {service.id for service in catalog.services} == SERVICE_IDS
    assert all(service.available for service in catalog.services)


async def test_wrong_device_token_is_unauthorized(sandbox: PortalEndpoint) -> None:
    async with PortalClient(sandbox.url, kiosk_id="GT-ROGUE-1", kiosk_token="nope") as rogue:
        with pytest.raises(PortalUnauthorized) as err:
            await rogue.services()
    assert err.value.code == "device_unauthorized"


async def test_guest_request_without_records_issues_a_constancia(client: PortalClient) -> None:
    payment = await fresh_boleta(client, Bank.GYT)
    result = await client.request_criminal_record(
        guest_request(DEMO_CLEAN, payment), idempotency_key=new_idempotency_key()
    )
    assert result.status is RequestStatus.ISSUED
    certificate = await client.certificate(result.download_code)
    assert certificate.code == result.certificate_code
    assert certificate.dpi == DEMO_CLEAN.dpi and certificate.result == "NR"
    assert certificate.seal.startswith("OJ1:")
    assert certificate.valid_until - certificate.issued_at >= timedelta(days=180)
    check = await client.document(certificate.code)
    assert check.state.value == "valid" and check.dpi_last4 == DEMO_CLEAN.dpi[-4:]


async def test_person_with_records_gets_registra(client: PortalClient) -> None:
    result = await client.request_criminal_record(
        guest_request(DEMO_RECORD, await fresh_boleta(client)),
        idempotency_key=new_idempotency_key(),
    )
    assert result.status is RequestStatus.REGISTERED
    assert (await client.certificate(result.download_code)).result == "R"


async def test_review_defers_and_the_download_code_says_so(client: PortalClient) -> None:
    result = await client.request_criminal_record(
        guest_request(DEMO_REVIEW, await fresh_boleta(client)),
        idempotency_key=new_idempotency_key(),
    )
    assert result.status is RequestStatus.IN_REVIEW and result.certificate_code is None
    assert result.ready_by is not None
    with pytest.raises(PortalRejected) as err:
        await client.certificate(result.download_code)
    assert err.value.code == "in_review"
    assert (await client.criminal_record_request(result.id)).status is RequestStatus.IN_REVIEW


async def test_identity_must_match_renap(client: PortalClient) -> None:
    payment = await fresh_boleta(client)
    wrong_date = guest_request(DEMO_CLEAN, payment).model_copy(
        update={"birth_date": DEMO_CLEAN.birth_date + timedelta(days=1)}
    )
    with pytest.raises(PortalRejected) as err:
        await client.request_criminal_record(wrong_date, idempotency_key=new_idempotency_key())
    assert (err.value.code, err.value.field) == ("renap_mismatch", "birth_date")
    wrong_name = guest_request(DEMO_CLEAN, payment).model_copy(
        update={"last_names": "Otro Apellido"}
    )
    with pytest.raises(PortalRejected) as err:
        await client.request_criminal_record(wrong_name, idempotency_key=new_idempotency_key())
    assert err.value.field == "last_names"
    # names are compared without case and accents, as people type them on a touch screen
    relaxed = guest_request(DEMO_CLEAN, payment).model_copy(
        update={"first_names": DEMO_CLEAN.first_names.upper()}
    )
    result = await client.request_criminal_record(relaxed, idempotency_key=new_idempotency_key())
    assert result.status is RequestStatus.ISSUED


@pytest.mark.parametrize(
    ("word", "code"),
    [("usada", "boleta_used"), ("monto", "boleta_wrong_amount"), ("antigua", "boleta_expired")],
)
async def test_demo_boletas_give_each_error(client: PortalClient, word: str, code: str) -> None:
    check = demo_boleta(word)
    with pytest.raises(PortalRejected) as err:
        await client.verify_boleta(check)
    assert err.value.code == code and err.value.detail


async def test_boleta_unknown_and_mismatched_data(client: PortalClient) -> None:
    payment = await fresh_boleta(client, Bank.INDUSTRIAL)
    check = BoletaCheck(**payment.model_dump(exclude={"kind"}))
    assert (await client.verify_boleta(check)).number == payment.number
    cases = {
        "boleta_unknown": {"number": "12345678"},
        "boleta_date_mismatch": {"paid_on": payment.paid_on - timedelta(days=3)},
        "boleta_amount_mismatch": {"amount": Decimal("31.00")},
        "boleta_number_format": {"number": "123456789"},
    }
    for code, change in cases.items():
        with pytest.raises(PortalRejected) as err:
            await client.verify_boleta(check.model_copy(update=change))
        assert err.value.code == code


async def test_same_key_twice_spends_once(client: PortalClient) -> None:
    payment = await fresh_boleta(client)
    request = guest_request(DEMO_CLEAN, payment)
    key = new_idempotency_key()
    first = await client.request_criminal_record(request, idempotency_key=key)
    again = await client.request_criminal_record(request, idempotency_key=key)
    assert again == first  # the same request, the same constancia: nothing issued twice
    with pytest.raises(PortalRejected) as err:
        await client.request_criminal_record(request, idempotency_key=new_idempotency_key())
    assert err.value.code == "boleta_used"


async def test_double_tap_in_flight_gives_one_answer(client: PortalClient) -> None:
    request = guest_request(DEMO_CLEAN, await fresh_boleta(client))
    key = new_idempotency_key()
    results = await asyncio.gather(
        *(client.request_criminal_record(request, idempotency_key=key) for _ in range(4))
    )
    assert len({result.id for result in results}) == 1
    assert len({result.certificate_code for result in results}) == 1


async def test_key_reused_for_another_request_is_refused(client: PortalClient) -> None:
    key = new_idempotency_key()
    await client.request_criminal_record(
        guest_request(DEMO_CLEAN, await fresh_boleta(client)), idempotency_key=key
    )
    with pytest.raises(PortalRejected) as err:
        await client.request_criminal_record(
            guest_request(DEMO_CLEAN, await fresh_boleta(client)), idempotency_key=key
        )
    assert err.value.code == "idempotency_key_reused"


async def test_payment_order_paid_by_the_bank_simulator(client: PortalClient) -> None:
    order = await client.create_payment_order(
        PaymentConcept.CRIMINAL_RECORD, idempotency_key=new_idempotency_key()
    )
    assert order.status is PaymentOrderStatus.PENDING and order.amount == FEE
    assert len(order.reference) == 12 and order.reference in order.pay_url
    request = guest_request(DEMO_CLEAN, OrderPayment(order_id=order.id))
    with pytest.raises(PortalRejected) as err:
        await client.request_criminal_record(request, idempotency_key=new_idempotency_key())
    assert err.value.code == "order_not_paid"
    paid = await sandbox_tools.sandbox_pay_order(client, order.reference)
    assert paid.status is PaymentOrderStatus.PAID and paid.paid_at is not None
    assert (await client.payment_order(order.id)).status is PaymentOrderStatus.PAID
    result = await client.request_criminal_record(request, idempotency_key=new_idempotency_key())
    assert result.status is RequestStatus.ISSUED
    assert (await client.payment_order(order.id)).status is PaymentOrderStatus.USED


async def test_unknown_order_and_certificate_are_not_found(client: PortalClient) -> None:
    with pytest.raises(PortalNotFound):
        await client.payment_order("po_doesnotexist")
    with pytest.raises(PortalNotFound):
        await client.certificate("ZZZZ-ZZZZ-ZZZZ")
    with pytest.raises(PortalNotFound):
        await client.document("CAP-2026-NOPE-NOPE")


async def test_account_registration_rules(client: PortalClient, sandbox_dir: Path) -> None:
    # nobody else's test may have made this person's account already (the UI tests make one
    # for the documented DEMO_NEW)
    person = person_without_account(sandbox_dir)
    base = AccountCreate(
        dpi=person.dpi,
        birth_date=person.birth_date,
        email=f"nuevo.{new_idempotency_key()[:8]}@ejemplo.gt",
        password="una frase larga y secreta",
    )
    cases = {
        "renap_mismatch": base.model_copy(update={"birth_date": date(1950, 1, 1)}),
        "password_rejected": base.model_copy(update={"password": "12345678"}),
        "email_invalid": base.model_copy(update={"email": "sin-arroba.gt"}),
    }
    for code, body in cases.items():
        with pytest.raises(PortalRejected) as err:
            await client.create_account(body, idempotency_key=new_idempotency_key())
        assert err.value.code == code, body
    short = base.model_copy(update={"password": "corta"})
    with pytest.raises(PortalRejected) as err:
        await client.create_account(short, idempotency_key=new_idempotency_key())
    assert "8" in (err.value.detail or "")  # the message says how long it must be
    with pytest.raises(PortalRejected) as err:
        await client.create_account(
            base.model_copy(
                update={"dpi": DEMO_ACCOUNT.dpi, "birth_date": DEMO_ACCOUNT.birth_date}
            ),
            idempotency_key=new_idempotency_key(),
        )
    assert err.value.code == "account_exists"


async def test_new_account_logs_in_and_requests_without_identity_fields(
    client: PortalClient, sandbox_dir: Path
) -> None:
    email = f"cuenta.{new_idempotency_key()[:8]}@ejemplo.gt"
    # A person of its own, so this test can run again on the same sandbox data.
    person = person_without_account(sandbox_dir)
    account = await client.create_account(
        AccountCreate(
            dpi=person.dpi,
            birth_date=person.birth_date,
            email=email,
            password="mi casa tiene un patio azul",
        ),
        idempotency_key=new_idempotency_key(),
    )
    assert account.email == email
    session = await client.log_in(
        SessionCreate(login=email, password="mi casa tiene un patio azul")
    )
    request = CriminalRecordRequestCreate(payment=await fresh_boleta(client))
    result = await client.request_criminal_record(
        request, idempotency_key=new_idempotency_key(), token=session.token
    )
    assert (await client.certificate(result.download_code)).dpi == person.dpi
    await client.log_out(session.token)
    with pytest.raises(PortalUnauthorized):
        await client.request_criminal_record(
            request, idempotency_key=new_idempotency_key(), token=session.token
        )


async def test_demo_account_logs_in_by_dpi_or_email(client: PortalClient) -> None:
    by_email = await client.log_in(
        SessionCreate(login=DEMO_ACCOUNT_EMAIL, password=DEMO_ACCOUNT_PASSWORD)
    )
    spaced_dpi = f"{DEMO_ACCOUNT.dpi[:4]} {DEMO_ACCOUNT.dpi[4:9]} {DEMO_ACCOUNT.dpi[9:]}"
    by_dpi = await client.log_in(SessionCreate(login=spaced_dpi, password=DEMO_ACCOUNT_PASSWORD))
    assert by_email.account.id == by_dpi.account.id
    assert by_email.token != by_dpi.token


async def test_login_is_rate_limited_per_kiosk(
    client: PortalClient, sandbox: PortalEndpoint
) -> None:
    # ten tries, each at another login (nobody's): the kiosk's own limit, whatever is tried
    for n in range(10):
        nobody = SessionCreate(login=f"nadie.{n}.{new_idempotency_key()[:8]}@ejemplo.gt",
                               password="no es la contraseña")  # fmt: skip
        with pytest.raises(PortalRejected) as err:
            await client.log_in(nobody)
        assert err.value.code == "invalid_credentials"
    with pytest.raises(PortalRateLimited) as limited:
        await client.log_in(SessionCreate(login=DEMO_ACCOUNT_EMAIL, password="otra cosa"))
    assert limited.value.retry_after > 0
    # another kiosk is not affected
    other_kiosk = enrolled_kiosk(sandbox, "GT-OTHER")
    async with PortalClient(
        sandbox.url, kiosk_id=other_kiosk, kiosk_token=sandbox.device_token
    ) as other:
        session = await other.log_in(
            SessionCreate(login=DEMO_ACCOUNT_EMAIL, password=DEMO_ACCOUNT_PASSWORD)
        )
    assert session.token
