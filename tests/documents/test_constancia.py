"""The constancia PDF, read back the way a citizen, a bank officer and a kiosk read it: its text
(pypdf), its fonts and metadata, and its QR (rendered by poppler at 200 dpi, decoded by zxing-cpp,
then verified as a seal against a trust list holding the issuer key)."""

from __future__ import annotations

import io
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from document_fixtures import CODE, DPI, ISSUED, NAME, NOW, CertFactory
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from kiosk.documents import ConstanciaError, render_constancia, seal_qr, seal_qr_placement
from kiosk.documents.constancia import (
    DOCUMENT_AUTHOR,
    DOCUMENT_SUBJECT,
    DOCUMENT_TITLE,
    QR_MIN_WIDTH_MM,
    QR_TARGET_WIDTH_MM,
    UNAP_NOTE,
    VERIFY_LINE,
)
from kiosk.documents.qr import PRINTER_DOT, QUIET_ZONE_MODULES, qr_placement
from kiosk.portal.models import Certificate
from kiosk.seals.model import MAX_NAME_LENGTH, RecordResult
from kiosk.seals.reasons import Verdict
from kiosk.seals.trustlist import TrustList
from kiosk.seals.verify import PortalAnswer, verify_seal

MM = 72 / 25.4
DPI_RENDER = 200
MIN_QR_PX = QR_MIN_WIDTH_MM / 25.4 * DPI_RENDER
DPI_FORMATTED = f"{DPI[:4]} {DPI[4:9]} {DPI[9:]}"


def text_of(pdf: bytes) -> str:
    """The page's text with all whitespace (line breaks included) collapsed to single spaces."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return " ".join(page.extract_text().split())


def rasterize(pdf: bytes, tmp_path: Path) -> Image.Image:
    source = tmp_path / "constancia.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(DPI_RENDER), "-png", "-singlefile", source, tmp_path / "page"],
        check=True,
        timeout=60,
    )
    return Image.open(tmp_path / "page.png").convert("L")


def text_lines(pdf: bytes) -> list[tuple[float, str]]:
    """(baseline y in points, text) of every text run drawn on the page."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            found.append((float(tm[5]) * float(cm[3]) + float(cm[5]), text.strip()))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def read_qr(image: Image.Image) -> Any:
    found = [b for b in zxingcpp.read_barcodes(image) if b.format == zxingcpp.BarcodeFormat.QRCode]
    assert len(found) == 1, "exactly one QR code on the page"
    return found[0]


@pytest.fixture(scope="module")
def pdf(cert: Certificate) -> bytes:
    return render_constancia(cert)


# --- text a person reads ----------------------------------------------------------------------


def test_the_text_is_real_searchable_text_with_accents(pdf: bytes) -> None:
    text = text_of(pdf)
    for expected in (
        "Organismo Judicial — República de Guatemala",
        "Constancia de Antecedentes Penales",
        NAME,
        DPI_FORMATTED,
        "15/09/1990",
        "NO REGISTRA antecedentes penales",
        "10/03/2025 09:00",  # 15:00 UTC in America/Guatemala
        "10/09/2025",  # six months later
        CODE,
        VERIFY_LINE,
    ):
        assert expected in text
    assert "UNAP" not in text
    assert "También en línea" not in text


def test_registra_says_so_and_points_to_unap_with_respect(make_cert: CertFactory) -> None:
    text = text_of(render_constancia(make_cert(result=RecordResult.R)))
    assert "REGISTRA antecedentes penales" in text
    assert "NO REGISTRA" not in text
    assert " ".join(UNAP_NOTE.split()) in text
    assert "Unidad de Antecedentes Penales (UNAP)" in text


def test_verify_url_hint_is_printed_when_given(cert: Certificate) -> None:
    text = text_of(render_constancia(cert, verify_url_hint="https://portal.oj.gob.gt/verificar"))
    assert "También en línea: https://portal.oj.gob.gt/verificar" in text


def test_a_dpi_failing_our_check_digit_is_still_printed_grouped(make_cert: CertFactory) -> None:
    odd = "2519463750101"  # the portal's record is the authority
    assert "2519 46375 0101" in text_of(render_constancia(make_cert(dpi=odd)))


# --- the file a bank officer opens ------------------------------------------------------------


def test_one_letter_page(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((612, 792))


def test_every_font_is_an_embedded_truetype_subset(pdf: bytes) -> None:
    fonts = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    names = set()
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
        assert "/ToUnicode" in font  # extraction maps glyphs back to text
        names.add(str(font["/BaseFont"]).split("+", 1)[1])
    assert names == {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSansMono"}


def test_metadata_says_what_it_is_never_whom_it_is_about(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == DOCUMENT_TITLE
    assert meta.author == DOCUMENT_AUTHOR
    assert meta.subject == DOCUMENT_SUBJECT
    everything = " ".join(str(value) for value in meta.values())
    for secret in (NAME, *NAME.split(), DPI, DPI_FORMATTED, CODE):
        assert secret not in everything
    assert "/Metadata" not in reader.trailer["/Root"]  # no XMP packet either
    assert meta.creation_date == ISSUED  # the issue time, not the rendering clock


def test_same_certificate_same_bytes(cert: Certificate, pdf: bytes) -> None:
    assert render_constancia(cert) == pdf


def test_renders_from_several_threads_at_once(cert: Certificate, pdf: bytes) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: render_constancia(cert), range(8)))
    assert all(result == pdf for result in results)


# --- the seal a kiosk reads -------------------------------------------------------------------


def test_the_qr_decodes_to_the_seal_and_verifies(
    pdf: bytes, cert: Certificate, trust_list: TrustList, tmp_path: Path
) -> None:
    image = rasterize(pdf, tmp_path)
    barcode = read_qr(image)
    assert barcode.text == cert.seal
    assert barcode.ec_level == "Q"
    result = verify_seal(barcode.text, trust_list=trust_list, now=NOW, portal=PortalAnswer.VALID)
    assert result.verdict is Verdict.VALID
    assert result.document is not None
    assert (result.document.full_name, result.document.dpi) == (NAME, DPI)

    # Printed width, measured on the 200 dpi page: at least 35 mm.
    xs = [p.x for p in (barcode.position.top_left, barcode.position.top_right)]
    ys = [p.y for p in (barcode.position.top_left, barcode.position.bottom_left)]
    width_px, height_px = max(xs) - min(xs), max(ys) - min(ys)
    assert width_px >= MIN_QR_PX
    assert height_px >= MIN_QR_PX

    # The quiet zone (4 modules around the symbol) is blank paper.
    left, top = barcode.position.top_left.x, barcode.position.top_left.y
    module_px = width_px / len(seal_qr(cert.seal).matrix)
    zone = QUIET_ZONE_MODULES * module_px
    outer = (int(left - zone) + 1, int(top - zone) + 1)
    outer_end = (int(left + width_px + zone) - 1, int(top + height_px + zone) - 1)
    inner = (left - 2, top - 2, left + width_px + 2, top + height_px + 2)
    dark = [
        (x, y)
        for y in range(outer[1], outer_end[1])
        for x in range(outer[0], outer_end[0])
        if not (inner[0] <= x <= inner[2] and inner[1] <= y <= inner[3])
        and image.getpixel((x, y)) < 128
    ]
    assert dark == []


def test_the_qr_drawing_is_at_least_35_mm(pdf: bytes, cert: Certificate) -> None:
    """Measured from the page's drawing operators: the QR's rectangles are one module high."""
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    rects = [
        [float(v) for v in operands]
        for operands, operator in ContentStream(page.get_contents(), reader).operations
        if operator == b"re"
    ]
    module = seal_qr_placement(len(seal_qr(cert.seal).matrix)).module
    qr = [r for r in rects if r[3] == pytest.approx(module)]
    width = max(x + w for x, _, w, _ in qr) - min(x for x, _, _, _ in qr)
    height = max(y + h for _, y, _, h in qr) - min(y for _, y, _, _ in qr)
    assert width / MM >= QR_MIN_WIDTH_MM
    assert height / MM >= QR_MIN_WIDTH_MM
    assert width == pytest.approx(seal_qr_placement(len(seal_qr(cert.seal).matrix)).size)


def test_seal_qr_is_alphanumeric_level_q(cert: Certificate) -> None:
    symbol = seal_qr(cert.seal)
    assert symbol.mode == "alphanumeric"
    assert symbol.error == "Q"
    assert not symbol.is_micro


@pytest.mark.parametrize("length", [1, 10, 40, 80, 120, 160, MAX_NAME_LENGTH])
def test_the_level_stays_q_whatever_the_seal_length(make_cert: CertFactory, length: int) -> None:
    name = ("Ana Sofía Ñ" * 40)[:length].strip() or "A"
    symbol = seal_qr(make_cert(full_name=name).seal)
    assert (symbol.error, symbol.mode) == ("Q", "alphanumeric")


@pytest.mark.parametrize("modules", range(21, 178, 4))  # QR versions 1..40
def test_every_qr_version_prints_at_least_35_mm_in_whole_printer_dots(modules: int) -> None:
    place = seal_qr_placement(modules)
    assert place.size_mm >= QR_MIN_WIDTH_MM
    assert place.size_mm >= QR_TARGET_WIDTH_MM
    assert place.size_mm < QR_TARGET_WIDTH_MM + modules * PRINTER_DOT / MM  # at most 1 dot more
    assert place.module / PRINTER_DOT == pytest.approx(round(place.module / PRINTER_DOT))


def test_qr_placement_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="positive"):
        qr_placement(0, 35)


# --- the longest content still fits on the page -----------------------------------------------


def test_longest_name_registra_and_a_long_hint_fit_and_still_verify(
    make_cert: CertFactory, trust_list: TrustList, tmp_path: Path
) -> None:
    words = ["María", "de", "los", "Ángeles", "Xiloj", "Tzul", "Peñalonzo", "Castañeda"]
    name = " ".join(words * 20)[:MAX_NAME_LENGTH].strip()
    long_cert = make_cert(full_name=name, result=RecordResult.R)
    hint = "https://portal.oj.gob.gt/verificar/" + "x" * 80  # no spaces: broken between characters
    pdf = render_constancia(long_cert, verify_url_hint=hint)
    text = text_of(pdf)
    assert CODE in text
    assert "REGISTRA antecedentes penales" in text
    assert re.sub(r"\s", "", name) in re.sub(r"\s", "", text)  # wrapped, every character there
    # Nothing runs into the footer: every line above the footer's top line sits higher.
    lines = text_lines(pdf)
    footer = [y for y, line in lines if line.startswith(("Documento emitido", "constancia, firm"))]
    assert len(footer) == 2
    content = [
        y for y, line in lines if not line.startswith(("Documento emitido", "constancia, f"))
    ]
    assert min(content) > max(footer) + 2 * 11
    barcode = read_qr(rasterize(pdf, tmp_path))
    assert barcode.text == long_cert.seal
    assert barcode.position.bottom_left.y / DPI_RENDER * 72 < 792 - (max(footer) + 2 * 11)
    verdict = verify_seal(barcode.text, trust_list=trust_list, now=NOW, portal=PortalAnswer.VALID)
    assert verdict.verdict is Verdict.VALID


# --- what is never printed --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "reason"),
    [
        ({"full_name": "Otra Persona"}, "seal_mismatch"),
        ({"dpi": "1234567890101"}, "seal_mismatch"),
        ({"result": "R"}, "seal_mismatch"),
        ({"code": "CAP-2025-ZZZZ-ZZZZ"}, "seal_mismatch"),
        ({"type": "XYZ"}, "wrong_type"),
        ({"result": "MAYBE"}, "unknown_result"),
        ({"seal": "OJ1:NOT-A-SEAL"}, "bad_seal"),
        ({"seal": "https://example.com/verificar/" + CODE}, "bad_seal"),
    ],
)
def test_a_paper_that_would_contradict_its_seal_is_refused(
    make_cert: CertFactory, printed: dict[str, str], reason: str
) -> None:
    with pytest.raises(ConstanciaError) as caught:
        render_constancia(make_cert(printed=printed))
    assert caught.value.reason == reason
    assert NAME not in str(caught.value) and DPI not in str(caught.value)


def test_a_shifted_issue_time_is_a_mismatch(cert: Certificate) -> None:
    shifted = cert.model_copy(update={"issued_at": cert.issued_at.replace(minute=1)})
    with pytest.raises(ConstanciaError, match="issued_at"):
        render_constancia(shifted)


def test_naive_datetimes_are_refused(cert: Certificate) -> None:
    naive = cert.model_copy(update={"issued_at": cert.issued_at.replace(tzinfo=None)})
    with pytest.raises(ConstanciaError) as caught:
        render_constancia(naive)
    assert caught.value.reason == "naive_datetime"
