"""QR codes in a file the clerk hands in: an image (PNG, JPEG, TIFF, ...) or a PDF.

``read_file_codes(path)`` returns one ``PageCodes`` per image frame or PDF page, in order, with
the texts found there (possibly none). A file that cannot be read at all raises
``UnreadableFile`` (a ``ValueError``) whose text the clerk can act on, in the kiosk's language.

PDF pages are rendered in grey by pypdfium2 at ``PDF_DPI``: a seal is printed at least 35 mm
wide (SEAL.md), about 0.5 mm per module for the 69-73 modules of a seal, so 250 dpi gives ~4.9
pixels per module, comfortably above the ~3 the decoder needs, and also reads 25 mm codes.
PDFium is not thread-safe (not even across documents), so all PDFium calls hold one lock.

Limits, so that no file the clerk is handed can hang the reader or exhaust the kiosk's memory:

* only a regular file is opened (checked before opening, and again on the opened descriptor): a
  folder, a FIFO (which would block the open for ever), a device or a socket is refused;
* an image (each frame of it) over ``MAX_DECODED_PIXELS`` is refused from its header, before any
  pixel is decoded; Pillow's own limit (some 179 megapixels) is far too generous for a kiosk;
* a PDF page is rendered at ``PDF_DPI``, or lower so that it stays near ``MAX_PAGE_PIXELS``; a
  page whose bitmap would still exceed ``MAX_DECODED_PIXELS`` (a strip some 10^8 times longer
  than wide: its short side still rounds up to a pixel) is refused, and so is a page that takes
  longer than ``RENDER_SECONDS`` to draw. PDFium can only stop between the page's own objects,
  so one object that takes long (a form drawing nested forms) is not cut short;
* a file of more than ``MAX_PAGES`` pages or frames is refused as a whole (the clerk is asked to
  send only the pages with the code): reading only the first ones could miss the seal on a later
  page and pass for "no code".

Names in labels and messages are printable: bytes of a file name that are not UTF-8 are shown
escaped (``\\xff``).
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import stat
import threading
import time
import warnings
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageSequence, UnidentifiedImageError

from kiosk.i18n import tr
from kiosk.scanning.decoders import ZXING, Decoder, make_decoder
from kiosk.scanning.frames import GreyFrame
from kiosk.scanning.pipeline import FILE_STEPS, ScanPipeline

log = logging.getLogger(__name__)

PDF_DPI = 250
MAX_PAGE_PIXELS = 16_000_000  # a page larger than A3 at 250 dpi is rendered at a lower dpi
MAX_DECODED_PIXELS = 40_000_000  # an image (frame) or rendered page past this is refused
MAX_PAGES = 50  # frames or pages: past this the clerk should send only the pages that matter
RENDER_SECONDS = 5.0  # per PDF page: a page that takes longer to draw is refused
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
Pages = Generator[tuple[str, GreyFrame], None, None]  # (label, frame), one at a time
_PDFIUM_LOCK = threading.RLock()  # re-entrant: a PDFium finalizer may run inside a call

# Shown to the clerk (``kiosk verify``, the desk screen); ``name`` is the file's name only.
MESSAGES: dict[str, str] = {
    "missing": "No se encontró el archivo {name}.",
    "not_a_file": "No se pudo leer {name}: no es un archivo.",
    "special_file": (
        "No se pudo leer {name}: no es un archivo común (es una tubería, un dispositivo o un "
        "socket)."
    ),
    "no_access": "No se pudo abrir el archivo {name}: no hay permiso para leerlo.",
    "unsupported": "No se pudo leer el archivo {name}: no es una imagen ni un PDF.",
    "damaged_image": "No se pudo leer el archivo {name}: la imagen está dañada o incompleta.",
    "damaged_pdf": "No se pudo leer el archivo {name}: el PDF está dañado o incompleto.",
    "protected_pdf": "No se pudo leer el archivo {name}: el PDF está protegido con contraseña.",
    "too_large": "No se pudo leer el archivo {name}: la imagen es demasiado grande.",
    "page_too_large": "No se pudo leer el archivo {name}: la página {page} es demasiado grande.",
    "page_too_slow": (
        "No se pudo leer el archivo {name}: la página {page} es demasiado compleja y tarda "
        "demasiado en mostrarse."
    ),
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
        self.params: dict[str, object] = {"name": shown_name(path), **params}
        self.message = tr(MESSAGES[code], **self.params)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


def printable(text: str) -> str:
    """``text`` with the bytes that are not UTF-8 (surrogate-escaped, as Python decodes file names
    and arguments) written as ``\\xff``: safe to print, log or put in JSON."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        raw = text.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def shown_name(path: Path) -> str:
    """The file's name as the clerk reads it (labels, messages)."""
    return printable(path.name or str(path))


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
    with _open_regular(path) as stream:
        head = _head(stream, path)
        is_pdf = _PDF_MAGIC in head
        frames = _pdf_pages(path, stream) if is_pdf else _image_frames(path, stream, head)
        with contextlib.closing(frames) as pages:  # the PDF is closed before its stream
            return [PageCodes(label, tuple(pipeline.read(frame))) for label, frame in pages]


def check_regular(path: Path, status: os.stat_result) -> None:
    """Raise ``UnreadableFile`` unless ``status`` is a regular file's (not a folder, a FIFO, a
    device or a socket: opening a FIFO blocks until someone writes to it)."""
    if stat.S_ISDIR(status.st_mode):
        raise UnreadableFile("not_a_file", path)
    if not stat.S_ISREG(status.st_mode):
        raise UnreadableFile("special_file", path)


def _open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, once its type was checked; the descriptor is checked again,
    so a file swapped for a FIFO or a device in between is refused too."""
    try:
        check_regular(path, os.stat(path))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise UnreadableFile("missing", path) from None
    except (IsADirectoryError, NotADirectoryError):
        raise UnreadableFile("not_a_file", path) from None
    except PermissionError:
        raise UnreadableFile("no_access", path) from None
    except OSError:
        raise UnreadableFile("damaged_image", path) from None
    try:
        check_regular(path, os.fstat(fd))
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _head(stream: BinaryIO, path: Path) -> bytes:
    try:
        head = stream.read(1024)
        stream.seek(0)
    except OSError:
        raise UnreadableFile("damaged_image", path) from None
    return head


def _check_pixels(image: Image.Image, path: Path) -> None:
    """Refuse an image (frame) too large to decode, from its header: nothing is decoded yet."""
    if image.width * image.height > MAX_DECODED_PIXELS:
        raise UnreadableFile("too_large", path)


def _image_frames(path: Path, stream: BinaryIO, head: bytes) -> Pages:
    """Each frame of the image: one for PNG/JPEG, several for a multi-page TIFF or a GIF."""
    name = shown_name(path)
    try:
        with warnings.catch_warnings():
            # Pillow warns past its own limit; ours, lower, refuses such an image just below.
            # (The filter is process-wide for this instant: at worst it hides another thread's
            # warning of this one kind.)
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(stream)
        with opened as image:
            _check_pixels(image, path)
            count = getattr(image, "n_frames", 1)
            if count > MAX_PAGES:
                raise UnreadableFile("too_many_pages", path, pages=MAX_PAGES)
            for number, frame in enumerate(ImageSequence.Iterator(image), 1):
                _check_pixels(frame, path)  # a TIFF's frames each have their own size
                label = name if count == 1 else f"{name}#p{number}"
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


def _pdf_pages(path: Path, stream: BinaryIO) -> Pages:
    """Each page rendered in grey, one at a time (a page is decoded before the next renders)."""
    name = shown_name(path)
    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(stream)  # read through the checked descriptor
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
            yield f"{name}#p{index + 1}", frame
    finally:
        with _PDFIUM_LOCK:
            document.close()


def _render(document: pdfium.PdfDocument, index: int, path: Path) -> GreyFrame:
    """Page ``index`` at ``PDF_DPI`` (less for pages past ``MAX_PAGE_PIXELS``); lock held."""
    try:
        page = document[index]
        try:
            width, height = page.get_size()  # points
            if not (math.isfinite(width) and math.isfinite(height) and width > 0 and height > 0):
                raise UnreadableFile("damaged_pdf", path)
            scale = min(PDF_DPI / 72, (MAX_PAGE_PIXELS / (width * height)) ** 0.5)
            # the bitmap's sides are rounded up: a sliver of a page would still be huge
            size = (math.ceil(width * scale), math.ceil(height * scale))
            if size[0] * size[1] > MAX_DECODED_PIXELS:
                raise UnreadableFile("page_too_large", path, page=index + 1)
            return _draw(page, size, path, index)
        finally:
            page.close()
    except pdfium.PdfiumError:
        raise UnreadableFile("damaged_pdf", path) from None


def _draw(page: pdfium.PdfPage, size: tuple[int, int], path: Path, index: int) -> GreyFrame:
    """``page`` drawn in grey on a ``size`` bitmap, progressively: PDFium asks every so often
    whether to pause, and past ``RENDER_SECONDS`` the drawing stops and the page is refused."""
    deadline = time.monotonic() + RENDER_SECONDS
    width, height = size
    bitmap = pdfium.PdfBitmap.new_native(width, height, pdfium_c.FPDFBitmap_Gray)
    try:
        bitmap.fill_rect((255, 255, 255, 255), 0, 0, width, height)
        pause = pdfium_c.IFSDK_PAUSE(version=1)
        # kept in a local until the end: PDFium calls it while drawing
        pause.NeedToPauseNow = type(pause.NeedToPauseNow)(lambda _: time.monotonic() > deadline)
        flags = pdfium_c.FPDF_ANNOT | pdfium_c.FPDF_GRAYSCALE
        status = pdfium_c.FPDF_RenderPageBitmap_Start(
            bitmap, page, 0, 0, width, height, 0, flags, pause
        )
        try:
            while status == pdfium_c.FPDF_RENDER_TOBECONTINUED:
                if time.monotonic() > deadline:
                    raise UnreadableFile("page_too_slow", path, page=index + 1)
                status = pdfium_c.FPDF_RenderPage_Continue(page, pause)
        finally:
            pdfium_c.FPDF_RenderPage_Close(page)
        if status != pdfium_c.FPDF_RENDER_DONE:
            raise UnreadableFile("damaged_pdf", path)
        return GreyFrame.from_pil(bitmap.to_pil())  # copies out of PDFium's buffer
    finally:
        bitmap.close()
