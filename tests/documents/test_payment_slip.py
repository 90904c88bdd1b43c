"""The payment slip read back as the visitor and their phone read it: the text (pdftotext), the
fonts (pdffonts), the QR (poppler at 200 dpi, zxing-cpp), and where every word sits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pdf_reading import (
    fonts_of,
    outside_margins,
    page_count,
    page_size,
    qr_width_mm,
    rasterize,
    read_qr,
    squeezed,
    text_of,
    words_of,
)

from kiosk.documents import DocumentError, render_payment_slip
from kiosk.documents.payment_slip import (
    KEEP_LINE,
    QR_MIN_WIDTH_MM,
    SLIP_TITLE,
    pay_qr,
    pay_qr_placement,
)
from kiosk.portal.models import PaymentConcept, PaymentOrder, PaymentOrderStatus

# 15:00 UTC is 09:00 in Guatemala (UTC-6); the order can be paid for 48 hours.
CREATED = datetime(2025, 3, 10, 15, 0, tzinfo=UTC)
REFERENCE = "482109375512"
PAY_URL = f"https://pagos.oj.gob.gt/pagar/{REFERENCE}"


def make_order(**changes: object) -> PaymentOrder:
    order = PaymentOrder(
        id="po_0123456789abcdef",
        reference=REFERENCE,
        concept=PaymentConcept.CRIMINAL_RECORD,
        amount=Decimal("30.00"),
        status=PaymentOrderStatus.PENDING,
        created_at=CREATED,
        expires_at=CREATED + timedelta(hours=48),
        pay_url=PAY_URL,
    )
    return order.model_copy(update=changes)


@pytest.fixture(scope="module")
def slip() -> bytes:
    return render_payment_slip(make_order(), kiosk_id="GT-GUA-0001")


def test_the_slip_says_what_to_pay_where_and_until_when(slip: bytes, tmp_path: Path) -> None:
    text = text_of(slip, tmp_path)
    for expected in (
        "Organismo Judicial — República de Guatemala",
        SLIP_TITLE,
        "4821 0937 5512",  # grouped for reading aloud
        "escriba los 12 dígitos seguidos, sin espacios",
        "Q30.00",
        "Constancia de Antecedentes Penales",
        "12/03/2025 a las 09:00 (hora de Guatemala)",  # 48 h after 09:00 on the 10th
        "10/03/2025 a las 09:00",
        "GT-GUA-0001",
        PAY_URL,
        "Banrural:",
        "Banco Industrial:",
        "G&T Continental:",
        KEEP_LINE,
    ):
        assert expected in text, expected


def test_the_reference_is_the_largest_text_on_the_page(slip: bytes, tmp_path: Path) -> None:
    words = words_of(slip, tmp_path)
    groups = [w for w in words if w.text in ("4821", "0937", "5512")]
    assert [w.text for w in groups] == ["4821", "0937", "5512"]
    assert min(w.height for w in groups) >= 36  # points: readable at arm's length
    assert max(w.height for w in words if w not in groups) < min(w.height for w in groups)


def test_the_qr_decodes_to_the_pay_url_exactly(slip: bytes, tmp_path: Path) -> None:
    barcode = read_qr(rasterize(slip, tmp_path))
    assert barcode.text == PAY_URL
    assert barcode.ec_level in ("M", "Q")
    assert qr_width_mm(barcode) >= 30


def test_the_qr_is_level_q_and_at_least_35_mm() -> None:
    symbol = pay_qr(PAY_URL)
    assert symbol.error == "Q"
    place = pay_qr_placement(len(symbol.matrix))
    assert place.size_mm >= QR_MIN_WIDTH_MM >= 30


def test_one_letter_page_with_embedded_fonts(slip: bytes, tmp_path: Path) -> None:
    assert page_count(slip, tmp_path) == 1
    assert page_size(slip, tmp_path) == (612, 792)
    fonts = fonts_of(slip, tmp_path)
    assert {f["name"].split("+", 1)[1] for f in fonts} == {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSansMono",
    }
    assert all(f["emb"] == "yes" and f["uni"] == "yes" for f in fonts)


def test_same_order_same_bytes(slip: bytes) -> None:
    assert render_payment_slip(make_order(), kiosk_id="GT-GUA-0001") == slip
    assert render_payment_slip(make_order(reference="482109375513"), kiosk_id="GT-GUA-0001") != (
        slip
    )


def test_a_paid_order_still_prints_and_a_letter_reference_is_kept_as_is(tmp_path: Path) -> None:
    order = make_order(status=PaymentOrderStatus.PAID, reference="OJ-7Q2K-99XA")
    text = text_of(render_payment_slip(order), tmp_path)
    assert "OJ-7Q2K-99XA" in text
    assert "tal como aparece" in text
    assert "Quiosco" not in text  # no kiosk id given


@pytest.mark.parametrize("status", [PaymentOrderStatus.EXPIRED, PaymentOrderStatus.USED])
def test_an_expired_or_used_order_gets_no_slip(status: PaymentOrderStatus) -> None:
    with pytest.raises(DocumentError) as caught:
        render_payment_slip(make_order(status=status))
    assert caught.value.reason == "wrong_status"


def test_a_time_without_zone_is_refused() -> None:
    with pytest.raises(DocumentError) as caught:
        render_payment_slip(make_order(expires_at=datetime(2025, 3, 12, 9, 0)))
    assert caught.value.reason == "naive_datetime"


def test_a_long_address_and_kiosk_id_wrap_inside_the_margins(tmp_path: Path) -> None:
    url = "https://banca.ejemplo.gt/pagos/organismo-judicial?referencia=" + "9" * 150
    kiosk_id = "GT-QUETZALTENANGO-" + "X" * 45
    pdf = render_payment_slip(make_order(pay_url=url), kiosk_id=kiosk_id)
    assert outside_margins(words_of(pdf, tmp_path)) == []
    text = squeezed(text_of(pdf, tmp_path))
    assert squeezed(url) in text  # broken between characters, every one of them there
    assert kiosk_id in text
    assert read_qr(rasterize(pdf, tmp_path)).text == url
