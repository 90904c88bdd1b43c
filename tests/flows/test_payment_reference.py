"""Coming back with the reference of an online payment order (paid on an earlier visit, or paid
now at home while the kiosk waits): the flow finds the order and goes on without a new one."""

from __future__ import annotations

from record_fixtures import FakePortal, new_run, payment_order, typed, walk

from kiosk.flows.model import QuestionStep
from kiosk.portal.models import OrderPayment, PaymentOrder, PaymentOrderStatus

GUEST = ["about", "mode", "guest_dpi", "guest_birth_date", "guest_names", "send_email"]


async def test_a_paid_reference_goes_straight_to_the_review() -> None:
    run, portal = new_run(), FakePortal()
    steps = typed(pay_method="referencia")
    visited = await walk(run, portal.actions(), "review", steps)
    assert visited == [*GUEST, "pay_method", "payment_reference", "find_payment_order"]
    [(sent, _key)] = portal.sent("find_payment_order")
    assert sent["payment_reference"] == "1234 5678 9012"
    assert not portal.sent("create_payment_order")  # never a second order for one payment
    await walk(run, portal.actions(), "issued")
    [(request, _key)] = portal.sent("submit_request")
    found = request["find_payment_order"]
    assert isinstance(found, PaymentOrder) and found.id == "po_9"


async def test_an_unpaid_reference_waits_for_the_bank_on_the_same_order() -> None:
    run, portal = new_run(), FakePortal()
    portal.queue["find_payment_order"] = [payment_order(PaymentOrderStatus.PENDING, "po_9")]
    steps = typed(pay_method="referencia")
    visited = await walk(run, portal.actions(), "review", steps)
    assert visited[-2:] == ["find_payment_order", "wait_for_payment"]
    [(waited, _key)] = portal.sent("wait_for_payment")
    assert waited["find_payment_order"].id == "po_9"  # type: ignore[attr-defined]


async def test_a_reference_must_look_like_one_and_is_kept_when_wrong() -> None:
    run, portal = new_run(), FakePortal()
    await walk(run, portal.actions(), "payment_reference", typed(pay_method="referencia"))
    step = run.current
    assert isinstance(step, QuestionStep)
    [error] = run.submit({"payment_reference": "ab"})
    assert error.field_id == "payment_reference" and "referencia" in error.message
    assert run.raw["payment_reference"] == "ab"
    assert run.submit({"payment_reference": "4821-7730-1295"}) == []


def test_the_request_pays_with_the_order_found_by_reference() -> None:
    from kiosk.services.criminal_record.actions import _request

    order = payment_order(PaymentOrderStatus.PAID, "po_found")
    answers = {
        "pay_method": "referencia",
        "find_payment_order": order,
        "guest_dpi": "2468135710101",
    }
    request = _request(answers, with_identity=False)
    assert request.payment == OrderPayment(order_id="po_found")
