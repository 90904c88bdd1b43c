"""read_file_codes: images and PDFs the clerk hands in, and every way a file can be unreadable."""

from __future__ import annotations

import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import segno
from degraded import DegradedFrame, issuer_key, qr_image, seal_text
from PIL import Image
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.pdfencrypt import StandardEncryption  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from kiosk.documents.qr import draw_qr, qr_placement
from kiosk.scanning.decoders import PyzbarDecoder
from kiosk.scanning.files import MESSAGES, PageCodes, UnreadableFile, read_file_codes

SEAL = seal_text(random.Random(21), issuer_key())


def seal_pdf(path: Path, width_mm: float = 35.0, *, encrypt: object = None) -> Path:
    """Two A4 pages like a constancia's: text on page 1; page 2 has text and the seal's QR,
    drawn as the kiosk's own documents draw it."""
    canvas = Canvas(str(path), pagesize=A4, encrypt=encrypt)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 760, "Constancia de Carencia de Antecedentes Penales")
    canvas.drawString(72, 740, "Página 1: datos de la persona solicitante.")
    canvas.showPage()
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 760, "Página 2: verificación")
    code = segno.make_qr(SEAL, error="q", boost_error=False)
    matrix = list(code.matrix)
    placement = qr_placement(len(matrix), width_mm)
    assert width_mm <= placement.size_mm < width_mm * 1.1  # whole printer dots per module
    draw_qr(canvas, matrix, x=300, top=600, module=placement.module)
    canvas.showPage()
    canvas.save()
    return path


def test_png_camera_frame(tmp_path: Path, corpus: list[DegradedFrame]) -> None:
    item = next(item for item in corpus if item.spec.kind == "clean")
    assert item.text is not None
    path = tmp_path / "foto.png"
    item.frame.to_pil().save(path)
    assert read_file_codes(path) == [PageCodes("foto.png", (item.text,))]


def test_jpeg_photo_in_colour(tmp_path: Path, corpus: list[DegradedFrame]) -> None:
    item = next(item for item in corpus if item.spec.kind == "low_contrast")
    assert item.text is not None
    path = tmp_path / "foto.jpg"
    tint = Image.new("RGB", (item.frame.width, item.frame.height), (40, 20, 0))
    photo = Image.merge("RGB", [item.frame.to_pil()] * 3)
    Image.blend(photo, tint, 0.15).save(path, quality=80)
    assert read_file_codes(path) == [PageCodes("foto.jpg", (item.text,))]


def test_image_without_a_code(tmp_path: Path, corpus: list[DegradedFrame]) -> None:
    item = next(item for item in corpus if item.text is None)
    path = tmp_path / "vacío.png"
    item.frame.to_pil().save(path)
    assert read_file_codes(path) == [PageCodes("vacío.png", ())]


def test_two_page_pdf_with_the_code_on_page_two(tmp_path: Path) -> None:
    path = seal_pdf(tmp_path / "constancia.pdf")
    assert read_file_codes(path) == [
        PageCodes("constancia.pdf#p1", ()),
        PageCodes("constancia.pdf#p2", (SEAL,)),
    ]


@pytest.mark.parametrize("width_mm", [25.0, 50.0])
def test_pdf_codes_smaller_and_larger_than_printed(tmp_path: Path, width_mm: float) -> None:
    path = seal_pdf(tmp_path / "doc.pdf", width_mm)
    assert read_file_codes(path)[1].texts == (SEAL,)


def test_pdf_with_pyzbar(tmp_path: Path) -> None:
    path = seal_pdf(tmp_path / "doc.pdf")
    assert read_file_codes(path, PyzbarDecoder())[1] == PageCodes("doc.pdf#p2", (SEAL,))


def test_multi_page_tiff(tmp_path: Path) -> None:
    blank = Image.new("L", (400, 400), 255)
    page = Image.new("L", (600, 600), 255)
    page.paste(qr_image(SEAL, 5), (40, 40))
    path = tmp_path / "escaneo.tiff"
    blank.save(path, save_all=True, append_images=[page])
    assert read_file_codes(path) == [
        PageCodes("escaneo.tiff#p1", ()),
        PageCodes("escaneo.tiff#p2", (SEAL,)),
    ]


def unreadable(path: Path) -> UnreadableFile:
    with pytest.raises(UnreadableFile) as caught:
        read_file_codes(path)
    return caught.value


def write(content: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "archivo"
        path.write_bytes(content)
        return path

    return make


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notas.txt"
    path.write_text("Esto no es una imagen.\n", encoding="utf-8")
    error = unreadable(path)
    assert isinstance(error, ValueError)
    assert error.code == "unsupported"
    assert str(error) == "No se pudo leer el archivo notas.txt: no es una imagen ni un PDF."


def test_corrupt_pdf(tmp_path: Path) -> None:
    good = seal_pdf(tmp_path / "bueno.pdf").read_bytes()
    path = tmp_path / "dañado.pdf"
    path.write_bytes(good[:200] + random.Random(3).randbytes(len(good) - 400))
    error = unreadable(path)
    assert error.code == "damaged_pdf"
    assert "dañado.pdf" in str(error) and "PDF" in str(error)


def test_password_protected_pdf(tmp_path: Path) -> None:
    path = seal_pdf(tmp_path / "secreto.pdf", encrypt=StandardEncryption("clave", canPrint=1))
    assert unreadable(path).code == "protected_pdf"


def test_truncated_png(tmp_path: Path, corpus: list[DegradedFrame]) -> None:
    path = tmp_path / "cortada.png"
    corpus[0].frame.to_pil().save(path)
    path.write_bytes(path.read_bytes()[:5000])
    assert unreadable(path).code == "damaged_image"


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda folder: folder / "no-existe.png", "missing"),
        (lambda folder: folder, "not_a_file"),
        (write(b""), "unsupported"),
        (write(b"%PDF-1.7\n"), "damaged_pdf"),
        (write(b"\x89PNG\r\n\x1a\n" + bytes(100)), "damaged_image"),
        (write(random.Random(9).randbytes(4096)), "unsupported"),
    ],
    ids=["missing", "directory", "empty", "pdf-header-only", "png-header-only", "random-bytes"],
)
def test_unreadable_files(tmp_path: Path, make: Callable[[Path], Path], code: str) -> None:
    path = make(tmp_path)
    error = unreadable(path)
    assert error.code == code
    assert path.name in str(error)
    assert str(error) == MESSAGES[code].format(**error.params)


def test_every_message_names_the_file() -> None:
    for text in MESSAGES.values():
        assert "{name}" in text


def test_files_read_from_several_threads(tmp_path: Path) -> None:
    """PDFium is not thread-safe: the module's lock must make parallel reads safe."""
    paths = [seal_pdf(tmp_path / f"doc{i}.pdf") for i in range(4)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(read_file_codes, paths * 2))
    assert [result[1].texts for result in results] == [(SEAL,)] * 8
