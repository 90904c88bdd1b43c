"""The receipts of a constancia request read back with poppler: the download-code receipt and the
receipt of a request in review. They carry the code and the way back, never the person's data."""

from __future__ import annotations

import io
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pdf_reading import fonts_of, outside_margins, page_count, squeezed, text_of, words_of
from pypdf import PdfReader

from kiosk.documents import (
    DocumentError,
    render_code_receipt,
    render_constancia,
    render_review_receipt,
)
from kiosk.documents.receipts import CODE_TITLE, KEEP_SAFE, NOT_A_CONSTANCIA, REVIEW_TITLE
from kiosk.identity import make_dpi
from kiosk.portal.models import Certificate, CriminalRecordRequest, RequestStatus

CREATED = datetime(2025, 3, 10, 15, 0, tzinfo=UTC)  # 09:00 in Guatemala
VALID_UNTIL = datetime(2025, 9, 10, 15, 0, tzinfo=UTC)
DOWNLOAD_CODE = "K7PQ-2MXR-9TZW"
REQUEST_ID = "cr_5f0c2a9d1e7b4c36"
DPI = make_dpi("24567890", 1, 1)
BIRTH = date(1990, 9, 15)


def make_request(**changes: object) -> CriminalRecordRequest:
    request = CriminalRecordRequest(
        id=REQUEST_ID,
        status=RequestStatus.ISSUED,
        created_at=CREATED,
        certificate_code="CAP-2025-ABCD-EFGH",
        download_code=DOWNLOAD_CODE,
    )
    return request.model_copy(update=changes)


def in_review(**changes: object) -> CriminalRecordRequest:
    review: dict[str, object] = {
        "status": RequestStatus.IN_REVIEW,
        "certificate_code": None,
        "ready_by": CREATED + timedelta(days=3),
    }
    return make_request(**(review | changes))


def assert_no_personal_data(text: str) -> None:
    flat = squeezed(text)
    assert DPI not in flat  # neither whole nor grouped as on the card
    assert DPI[:9] not in flat
    for birth in ("15/09/1990", "1990-09-15", "15-09-1990"):
        assert birth not in text


@pytest.fixture(scope="module")
def code_receipt() -> bytes:
    return render_code_receipt(
        make_request(),
        available_until=VALID_UNTIL,
        dpi=DPI,
        portal_url="https://portal.oj.gob.gt/descargas",
        kiosk_id="GT-GUA-0001",
    )


def test_the_code_receipt_says_what_the_code_is_for_and_until_when(
    code_receipt: bytes, tmp_path: Path
) -> None:
    text = text_of(code_receipt, tmp_path)
    for expected in (
        CODE_TITLE,
        DOWNLOAD_CODE,
        "Descargar su constancia en el portal del Organismo Judicial "
        "(https://portal.oj.gob.gt/descargas)",
        "Volver a imprimirla en cualquier quiosco del Organismo Judicial",
        "Puede usarlo hasta el 10/09/2025",
        REQUEST_ID,
        "10/03/2025 a las 09:00",
        "•••• ••••• " + DPI[-4:],
        "GT-GUA-0001",
        KEEP_SAFE,
        NOT_A_CONSTANCIA,
    ):
        assert expected in text, expected
    assert_no_personal_data(text)
    assert "REGISTRA" not in text.upper()  # the result is on the constancia only


def test_the_download_code_is_the_largest_text(code_receipt: bytes, tmp_path: Path) -> None:
    words = words_of(code_receipt, tmp_path)
    code = [w for w in words if w.text == DOWNLOAD_CODE]
    assert len(code) == 1
    assert code[0].height >= 36
    assert all(w.height < code[0].height for w in words if w is not code[0])


def test_receipts_are_one_page_with_embedded_fonts(code_receipt: bytes, tmp_path: Path) -> None:
    assert page_count(code_receipt, tmp_path) == 1
    review = render_review_receipt(in_review())
    for pdf in (code_receipt, review):
        fonts = fonts_of(pdf, tmp_path)
        assert fonts
        assert all(
            f["emb"] == "yes" and f["name"].split("+")[1].startswith("DejaVu") for f in fonts
        )


def test_the_review_receipt_says_when_and_where_to_collect(tmp_path: Path) -> None:
    pdf = render_review_receipt(in_review(), dpi=DPI, kiosk_id="GT-GUA-0001")
    text = text_of(pdf, tmp_path)
    for expected in (
        REVIEW_TITLE,
        DOWNLOAD_CODE,
        REQUEST_ID,
        "Estará lista a partir del 13/03/2025 a las 09:00",
        "En cualquier quiosco del Organismo Judicial: escriba su código de descarga",
        "descárguela con el mismo código en el portal del Organismo Judicial",
        "Unidad de Antecedentes Penales (UNAP)",
        "No tiene que pagar otra vez",
        "•••• ••••• " + DPI[-4:],
    ):
        assert expected in text, expected
    assert "correo electrónico" not in text
    assert_no_personal_data(text)


def test_the_review_receipt_mentions_the_email_only_when_there_is_one(tmp_path: Path) -> None:
    text = text_of(render_review_receipt(in_review(), email_on_file=True), tmp_path)
    assert "También se la enviaremos al correo electrónico que nos dio." in text
    assert "@" not in text


def test_a_review_without_date_says_we_will_tell(tmp_path: Path) -> None:
    text = text_of(render_review_receipt(in_review(ready_by=None)), tmp_path)
    assert "Le avisaremos cuando esté lista." in text
    assert "a partir del" not in text


def test_each_receipt_refuses_the_other_status() -> None:
    with pytest.raises(DocumentError) as caught:
        render_code_receipt(in_review(), available_until=VALID_UNTIL)
    assert caught.value.reason == "wrong_status"
    for status in (RequestStatus.ISSUED, RequestStatus.REGISTERED):
        with pytest.raises(DocumentError) as caught:
            render_review_receipt(make_request(status=status))
        assert caught.value.reason == "wrong_status"


def test_registered_requests_get_the_same_code_receipt(tmp_path: Path) -> None:
    pdf = render_code_receipt(
        make_request(status=RequestStatus.REGISTERED), available_until=VALID_UNTIL
    )
    text = text_of(pdf, tmp_path)
    assert DOWNLOAD_CODE in text
    assert "REGISTRA" not in text.upper()
    assert "DPI" not in text  # none given, none printed


def test_times_without_zone_are_refused() -> None:
    with pytest.raises(DocumentError) as caught:
        render_code_receipt(make_request(), available_until=datetime(2025, 9, 10))
    assert caught.value.reason == "naive_datetime"
    with pytest.raises(DocumentError) as caught:
        render_review_receipt(in_review(ready_by=datetime(2025, 3, 13, 9)))
    assert caught.value.reason == "naive_datetime"


def test_same_request_same_bytes(code_receipt: bytes) -> None:
    again = render_code_receipt(
        make_request(),
        available_until=VALID_UNTIL,
        dpi=DPI,
        portal_url="https://portal.oj.gob.gt/descargas",
        kiosk_id="GT-GUA-0001",
    )
    assert again == code_receipt
    assert render_review_receipt(in_review()) == render_review_receipt(in_review())


def test_long_codes_and_addresses_wrap_inside_the_margins(tmp_path: Path) -> None:
    code = "-".join(["K7PQ"] * 12)  # a portal with much longer codes
    url = "https://portal.oj.gob.gt/" + "descargas/" * 12
    request_id = "cr_" + "0123456789abcdef" * 5
    for pdf in (
        render_code_receipt(
            make_request(download_code=code, id=request_id),
            available_until=VALID_UNTIL,
            portal_url=url,
            kiosk_id="GT-" + "Q" * 60,
        ),
        render_review_receipt(
            in_review(download_code=code, id=request_id), portal_url=url, email_on_file=True
        ),
    ):
        assert outside_margins(words_of(pdf, tmp_path)) == []
        text = squeezed(text_of(pdf, tmp_path))
        for value in (code, url, request_id):
            assert value in text


def test_metadata_says_what_it_is_and_dates_it_by_the_request(code_receipt: bytes) -> None:
    meta = PdfReader(io.BytesIO(code_receipt)).metadata
    assert meta is not None
    assert meta.title == CODE_TITLE
    assert meta.creation_date == CREATED  # not the rendering clock
    everything = " ".join(str(value) for value in meta.values())
    for secret in (DOWNLOAD_CODE, REQUEST_ID, DPI, DPI[-4:]):
        assert secret not in everything


def test_every_renderer_at_once_from_several_threads(cert: Certificate) -> None:
    """They share reportlab's font objects: rendering in parallel must not mix documents."""
    jobs: list[Callable[[], bytes]] = [
        lambda: render_constancia(cert),
        lambda: render_code_receipt(make_request(), available_until=VALID_UNTIL, dpi=DPI),
        lambda: render_review_receipt(in_review(), email_on_file=True),
    ]
    expected = [job() for job in jobs]
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda index: jobs[index % 3](), range(24)))
    assert results == [expected[index % 3] for index in range(24)]
