"""read_file_codes: images and PDFs the clerk hands in, and every way a file can be unreadable."""

from __future__ import annotations

import os
import random
import stat
import struct
import subprocess
import sys
import threading
import time
import zlib
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
from kiosk.scanning import files
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


# --- limits: what no file may do to the reader ---------------------------------------------------


def read_soon(path: Path, seconds: float = 10.0) -> list[PageCodes] | UnreadableFile:
    """read_file_codes(path) in a thread, failing the test if it has not returned in ``seconds``
    (a FIFO then gets a writer, so that the blocked thread ends)."""
    result: list[list[PageCodes] | UnreadableFile] = []

    def read() -> None:
        try:
            result.append(read_file_codes(path))
        except UnreadableFile as error:
            result.append(error)

    thread = threading.Thread(target=read, daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        if stat.S_ISFIFO(os.stat(path).st_mode):
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))  # the reader gets an EOF
        thread.join(5)
        pytest.fail(f"read_file_codes({path.name}) still reading after {seconds} s")
    assert time.monotonic() - started < seconds
    return result[0]


def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    path = tmp_path / "tubo.png"
    os.mkfifo(path)
    error = read_soon(path)
    assert isinstance(error, UnreadableFile) and error.code == "special_file"
    assert str(error) == (
        "No se pudo leer tubo.png: no es un archivo común (es una tubería, un dispositivo o un "
        "socket)."
    )


def test_a_device_is_refused() -> None:
    error = read_soon(Path("/dev/null"))  # would read as an empty file
    assert isinstance(error, UnreadableFile) and error.code == "special_file"


def test_a_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    image = Path(os.fsdecode(folder + b"/escaneo-\xff.png"))
    page = Image.new("L", (600, 600), 255)
    page.paste(qr_image(SEAL, 5), (40, 40))
    page.save(image, format="PNG")
    assert read_file_codes(image) == [PageCodes("escaneo-\\xff.png", (SEAL,))]
    text = Path(os.fsdecode(folder + b"/nota-\xe9.txt"))
    text.write_bytes(b"no es una imagen")
    error = unreadable(text)
    assert str(error) == "No se pudo leer el archivo nota-\\xe9.txt: no es una imagen ni un PDF."
    str(error).encode("utf-8")  # printable as it is


def huge_png(path: Path, side: int) -> Path:
    """A white 1-bit PNG of side x side pixels: a few dozen KB on disk, side² bytes decoded."""
    packer = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * ((side + 7) // 8)  # filter "none", then the packed pixels
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    signature = b"\x89PNG\r\n\x1a\n"
    path.write_bytes(
        signature + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
    return path


def test_an_image_too_large_is_refused_from_its_header(tmp_path: Path) -> None:
    """13300 x 13300 pixels (177 MP, under Pillow's own limit) in a 45 KB file: refused at once,
    and without decoding it (that took 1.27 GB)."""
    path = huge_png(tmp_path / "enorme.png", 13300)
    assert path.stat().st_size < 200_000
    probe = (
        "import resource, sys, time\n"
        "from pathlib import Path\n"
        "from kiosk.scanning.files import UnreadableFile, read_file_codes\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "started = time.monotonic()\n"
        "try:\n"
        "    read_file_codes(Path(sys.argv[1]))\n"
        "    code = 'read'\n"
        "except UnreadableFile as error:\n"
        "    code = error.code\n"
        "took = time.monotonic() - started\n"
        "grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before\n"
        "print(code, took, grown)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    code, took, grown_kb = result.stdout.split()
    assert code == "too_large"
    assert float(took) < 2
    assert int(grown_kb) < 100_000  # KB: no decoded pixels
    assert "DecompressionBomb" not in result.stderr  # Pillow's warning is not shown either
    assert str(unreadable(path)) == (
        "No se pudo leer el archivo enorme.png: la imagen es demasiado grande."
    )


def test_a_tiff_frame_too_large_is_refused(tmp_path: Path) -> None:
    """Each frame of a TIFF has its own size: the second one, 49 MP, is over the limit."""
    path = tmp_path / "escaneo.tiff"
    big = Image.new("1", (7000, 7000), 1)
    Image.new("1", (400, 400), 1).save(
        path, save_all=True, append_images=[big], compression="tiff_deflate"
    )
    assert unreadable(path).code == "too_large"


def test_a_pdf_page_of_the_largest_size_is_rendered_within_the_budget(tmp_path: Path) -> None:
    path = tmp_path / "plano.pdf"
    canvas = Canvas(str(path), pagesize=(14400, 14400))  # 5 x 5 m, the largest page PDF allows
    canvas.drawString(72, 72, "Plano")
    canvas.showPage()
    canvas.save()
    started = time.monotonic()
    assert read_file_codes(path) == [PageCodes("plano.pdf#p1", ())]
    assert time.monotonic() - started < 5


def test_a_pdf_page_too_large_even_at_a_low_resolution_is_refused(tmp_path: Path) -> None:
    """200 000 km by 1/72 inch: at the scale that fits 16 MP, the bitmap's short side still rounds
    up to a pixel, and its long side alone is 57 million pixels."""
    path = tmp_path / "tira.pdf"
    canvas = Canvas(str(path), pagesize=(2e8, 1))
    canvas.drawString(0, 0, "x")
    canvas.showPage()
    canvas.save()
    error = unreadable(path)
    assert error.code == "page_too_large"
    assert str(error) == "No se pudo leer el archivo tira.pdf: la página 1 es demasiado grande."


def test_a_pdf_page_that_takes_too_long_to_draw_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "dibujo.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    for index in range(3000):  # many objects: PDFium can pause between them
        canvas.rect(20 + index * 7 % 500, 20 + index * 13 % 700, 3, 3, fill=1, stroke=0)
    canvas.showPage()
    canvas.save()
    assert read_file_codes(path) == [PageCodes("dibujo.pdf#p1", ())]
    monkeypatch.setattr(files, "RENDER_SECONDS", 0.0)  # the time is up as soon as it starts
    error = unreadable(path)
    assert error.code == "page_too_slow"
    assert "la página 1 es demasiado compleja" in str(error)


def test_a_pdf_of_too_many_pages_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "expediente.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    for _page in range(files.MAX_PAGES + 1):
        canvas.showPage()
    canvas.save()
    error = unreadable(path)
    assert error.code == "too_many_pages"
    assert f"más de {files.MAX_PAGES} páginas" in str(error)
