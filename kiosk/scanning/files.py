"""QR codes in a file the clerk hands in: an image (PNG, JPEG, TIFF, ...) or a PDF.

``read_file_codes(path)`` returns one ``PageCodes`` per image frame or PDF page, in order, with
the texts found there (possibly none). A file that cannot be read at all raises
``UnreadableFile`` (a ``ValueError``) whose text the clerk can act on, in the kiosk's language.

PDF pages are rendered in grey by pypdfium2 at ``PDF_DPI``: a seal is printed at least 35 mm
wide (SEAL.md), about 0.5 mm per module for the 69-73 modules of a seal, so 250 dpi gives ~4.9
pixels per module, comfortably above the ~3 the decoder needs, and also reads 25 mm codes.
PDFium is not thread-safe (not even across documents), so all PDFium calls hold one lock.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageSequence, UnidentifiedImageError

from kiosk.i18n import tr
from kiosk.scanning.decoders import ZXING, Decoder, make_decoder
from kiosk.scanning.frames import GreyFrame
from kiosk.scanning.pipeline import FILE_STEPS, ScanPipeline

log = logging.getLogger(__name__)

PDF_DPI = 250
MAX_PAGE_PIXELS = 16_000_000  # a page larger than A3 at 250 dpi is rendered at a lower dpi
MAX_PAGES = 50  # frames or pages: past this the clerk should send only the pages that matter
FILE_BUDGET_MS = 3000.0  # per page: a clerk waits for a file, unlike for a camera frame
_PDF_MAGIC = b"%PDF-"
# Starts of image files Pillow reads: such a file that fails to open is damaged, not unsupported.
_IMAGE_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
    b"BM",
    b"RIFF",  # WebP
)
_PDFIUM_LOCK = threading.RLock()  # re-entrant: a PDFium finalizer may run inside a call

# Shown to the clerk (``kiosk verify``, the desk screen); ``name`` is the file's name only.
MESSAGES: dict[str, str] = {
    "missing": "No se encontró el archivo {name}.",
    "not_a_file": "No se pudo leer {name}: no es un archivo.",
    "no_access": "No se pudo abrir el archivo {name}: no hay permiso para leerlo.",
    "unsupported": "No se pudo leer el archivo {name}: no es una imagen ni un PDF.",
    "damaged_image": "No se pudo leer el archivo {name}: la imagen está dañada o incompleta.",
    "damaged_pdf": "No se pudo leer el archivo {name}: el PDF está dañado o incompleto.",
    "protected_pdf": "No se pudo leer el archivo {name}: el PDF está protegido con contraseña.",
    "too_large": "No se pudo leer el archivo {name}: la imagen es demasiado grande.",
    "too_many_pages": (
        "El archivo {name} tiene más de {pages} páginas. Guarde solo las páginas con el código QR "
        "e intente de nuevo."
    ),
    "empty_pdf": "El archivo {name} no tiene páginas.",
}


class UnreadableFile(ValueError):
    """The file cannot be read at all; ``str(error)`` is the message for the clerk."""

    def __init__(self, code: str, path: Path, **params: object) -> None:
        self.code = code
        self.params: dict[str, object] = {"name": path.name or str(path), **params}
        self.message = tr(MESSAGES[code], **self.params)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class PageCodes:
    label: str  # "scan.png", "doc.pdf#p2" (pages and frames counted from 1)
    texts: tuple[str, ...]


def read_file_codes(
    path: Path, decoder: Decoder | None = None, *, budget_ms: float = FILE_BUDGET_MS
) -> list[PageCodes]:
    """The QR texts of every page or frame of ``path`` (zxing-cpp unless ``decoder`` is given).
    Raises ``UnreadableFile`` for a missing, unreadable, damaged or unsupported file."""
    pipeline = ScanPipeline(decoder or make_decoder(ZXING), budget_ms=budget_ms, steps=FILE_STEPS)
    head = _head(path)
    pages = _pdf_pages(path) if _PDF_MAGIC in head else _image_frames(path, head)
    return [PageCodes(label, tuple(pipeline.read(frame))) for label, frame in pages]


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(1024)
    except FileNotFoundError:
        raise UnreadableFile("missing", path) from None
    except (IsADirectoryError, NotADirectoryError):
        raise UnreadableFile("not_a_file", path) from None
    except PermissionError:
        raise UnreadableFile("no_access", path) from None
    except OSError:
        raise UnreadableFile("damaged_image", path) from None


def _image_frames(path: Path, head: bytes) -> Iterator[tuple[str, GreyFrame]]:
    """Each frame of the image: one for PNG/JPEG, several for a multi-page TIFF or a GIF."""
    try:
        with Image.open(path) as image:
            count = getattr(image, "n_frames", 1)
            if count > MAX_PAGES:
                raise UnreadableFile("too_many_pages", path, pages=MAX_PAGES)
            for number, frame in enumerate(ImageSequence.Iterator(image), 1):
                label = path.name if count == 1 else f"{path.name}#p{number}"
                yield label, GreyFrame.from_pil(frame).downscale(MAX_PAGE_PIXELS)
    except UnreadableFile:
        raise
    except UnidentifiedImageError:
        known = head.startswith(_IMAGE_MAGIC)
        raise UnreadableFile("damaged_image" if known else "unsupported", path) from None
    except Image.DecompressionBombError:
        raise UnreadableFile("too_large", path) from None
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
        log.info("image file not decodable: %s", type(exc).__name__)
        raise UnreadableFile("damaged_image", path) from None


def _pdf_pages(path: Path) -> Iterator[tuple[str, GreyFrame]]:
    """Each page rendered in grey, one at a time (a page is decoded before the next renders)."""
    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as exc:
            protected = exc.err_code == pdfium.raw.FPDF_ERR_PASSWORD
            raise UnreadableFile("protected_pdf" if protected else "damaged_pdf", path) from None
        count = len(document)
    try:
        if count == 0:
            raise UnreadableFile("empty_pdf", path)
        if count > MAX_PAGES:
            raise UnreadableFile("too_many_pages", path, pages=MAX_PAGES)
        for index in range(count):
            with _PDFIUM_LOCK:
                frame = _render(document, index, path)
            yield f"{path.name}#p{index + 1}", frame
    finally:
        with _PDFIUM_LOCK:
            document.close()


def _render(document: pdfium.PdfDocument, index: int, path: Path) -> GreyFrame:
    """Page ``index`` at ``PDF_DPI`` (less for pages past ``MAX_PAGE_PIXELS``); lock held."""
    try:
        page = document[index]
        try:
            width, height = page.get_size()  # points
            scale = min(PDF_DPI / 72, (MAX_PAGE_PIXELS / max(width * height, 1.0)) ** 0.5)
            bitmap = page.render(scale=scale, grayscale=True)
            try:
                return GreyFrame.from_pil(bitmap.to_pil())  # copies out of PDFium's buffer
            finally:
                bitmap.close()
        finally:
            page.close()
    except pdfium.PdfiumError:
        raise UnreadableFile("damaged_pdf", path) from None
