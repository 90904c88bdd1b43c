"""The numbered receipt of a request read back with poppler and zxing-cpp: the number in the
largest type on the page, the sections, the boxed notice, the barcode and QR a scanner reads, a
long text shortened rather than the page overflowing, and a full DPI refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zxingcpp
from pdf_reading import page_count, rasterize, read_qr, squeezed, text_of, words_of

from kiosk.documents import DocumentError, PrintedReceipt, ReceiptPart, render_request_receipt
from kiosk.identity import make_dpi
from kiosk.services.receipt_paper import Receipt, ReceiptSection, receipt_printout

ISSUED = datetime(2026, 3, 30, 16, 5, tzinfo=UTC)  # 10:05 in Guatemala
RECEIPT = PrintedReceipt(
    title="Solicitud de Información Pública",
    number_label="Folio",
    number="UIP-2026-004812",
    issued_at=ISSUED,
    kiosk_id="GT-GUA-0001",
    parts=(
        ReceiptPart(
            "Plazos",
            rows=(("Respuesta a más tardar", "14/04/2026"),),
            paragraphs=("El plazo puede ampliarse una vez por diez días hábiles más.",),
        ),
    ),
    notice="Este comprobante no es un comprobante de pago.",
)


def test_the_number_is_the_largest_text_and_every_part_is_printed(tmp_path: Path) -> None:
    pdf = render_request_receipt(RECEIPT)
    assert page_count(pdf, tmp_path) == 1
    text = squeezed(text_of(pdf, tmp_path))
    for expected in (
        "Solicitud de Información Pública", "Folio", "UIP-2026-004812", "30/03/2026 a las 10:05",
        "GT-GUA-0001", "PLAZOS", "Respuesta a más tardar 14/04/2026",
        "ampliarse una vez por diez días hábiles más", "no es un comprobante de pago",
    ):  # fmt: skip
        assert squeezed(expected) in text
    words = words_of(pdf, tmp_path)
    number = next(w for w in words if w.text == "UIP-2026-004812")
    assert number.height == max(w.height for w in words)


def test_the_barcode_and_the_qr_read_back(tmp_path: Path) -> None:
    pdf = render_request_receipt(
        replace(RECEIPT, barcode="FEI2026004812Q300.00", qr="https://portal.oj.gob.gt/fei/X")
    )
    image = rasterize(pdf, tmp_path)
    bars = [b for b in zxingcpp.read_barcodes(image) if b.format == zxingcpp.BarcodeFormat.Code128]
    assert [b.text for b in bars] == ["FEI2026004812Q300.00"]
    assert read_qr(image).text == "https://portal.oj.gob.gt/fei/X"


def test_a_long_request_text_is_shortened_to_fit_one_page(tmp_path: Path) -> None:
    asked = "Solicito copia de los informes de ejecución presupuestaria. " * 120
    pdf = render_request_receipt(
        replace(RECEIPT, parts=(*RECEIPT.parts, ReceiptPart("Lo que pidió", paragraphs=(asked,))))
    )
    assert page_count(pdf, tmp_path) == 1
    text = squeezed(text_of(pdf, tmp_path))
    assert "UIP-2026-004812" in text and "…" in text and squeezed("no es un comprobante") in text


def test_a_full_dpi_is_refused_and_not_named() -> None:
    dpi = make_dpi("24567890", 1, 1)
    bad = replace(RECEIPT, parts=(ReceiptPart("Solicitante", rows=(("DPI", dpi),)),))
    with pytest.raises(DocumentError) as caught:
        render_request_receipt(bad)
    assert caught.value.reason == "personal_data" and dpi not in str(caught.value)


def test_a_receipt_without_a_number_is_refused() -> None:
    with pytest.raises(DocumentError, match="bad_value"):
        render_request_receipt(replace(RECEIPT, number=" "))


def test_the_service_side_receipt_renders_through_one_job(tmp_path: Path) -> None:
    receipt = Receipt(
        title="Solicitud de Audiencia Virtual",
        number_label="Número de solicitud",
        number="AV-2026-000123",
        issued_at=ISSUED,
        kiosk_id="GT-GUA-0001",
        sections=(ReceiptSection("Qué sigue", paragraphs=("El juzgado decide.",)),),
    )
    (job,) = receipt_printout("audiencia-virtual.pdf", "Solicitud de audiencia virtual", receipt)
    assert job.name == "audiencia-virtual.pdf"
    text = squeezed(text_of(job.make(), tmp_path))
    assert all(squeezed(s) in text for s in ("AV-2026-000123", "QUÉ SIGUE", "El juzgado decide."))


def test_many_short_paragraphs_that_cannot_fit_are_refused_not_cut_forever() -> None:
    line = (
        "Plazo de diez días hábiles contados desde el día siguiente de su solicitud." + "x" * 81
    )[:81]
    parts = tuple(ReceiptPart(f"Parte {n}", paragraphs=(line,)) for n in range(40))
    with pytest.raises(DocumentError, match="layout_overflow"):
        render_request_receipt(replace(RECEIPT, parts=parts))
