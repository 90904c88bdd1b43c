"""The Constancia de Antecedentes Penales as a Letter-size PDF (issue 4, item 6; SEAL.md).

``render_constancia(cert)`` draws, top to bottom: the OJ heading, the person (name, DPI, birth
date), the result in plain words (with the way to UNAP when it "registra"), the issue date and
validity, and the verification block: the OJ seal QR (alphanumeric mode, level Q, at least
``QR_MIN_WIDTH_MM`` wide, 4-module quiet zone), the verification code in large monospace and how
to verify the paper at any kiosk.

The text is real text in embedded DejaVu subsets (searchable, accents right). The PDF metadata
never holds the name, the DPI or the code. The same certificate always gives the same bytes
(reportlab ``invariant``). Before drawing, the seal is decoded and must carry exactly the printed
fields: a paper whose QR says something else than its text is never produced.

Pure and synchronous (no Qt; the fonts are read once): the UI runs it in an executor. The document
is Spanish on purpose, whatever the screen language: it is the official text a bank or an employer
reads.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import segno
from reportlab.lib.pagesizes import LETTER  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]

from kiosk import formats
from kiosk.documents.fonts import (
    FONT_BOLD,
    FONT_MONO,
    FONT_REGULAR,
    RENDER_LOCK,
    register_fonts,
)
from kiosk.documents.layout import AUTHOR, GREY, INK, MM, Page, letter_canvas, wrap
from kiosk.documents.qr import QrPlacement, draw_qr, qr_placement
from kiosk.identity import IdentityError, format_dpi
from kiosk.portal.models import Certificate
from kiosk.seals.codec import decode_seal
from kiosk.seals.model import DocumentType, RecordResult
from kiosk.seals.reasons import SealFormatError

__all__ = [
    "DOCUMENT_AUTHOR",
    "DOCUMENT_SUBJECT",
    "DOCUMENT_TITLE",
    "GUATEMALA",
    "PAGE_SIZE",
    "QR_ERROR_LEVEL",
    "QR_MIN_WIDTH_MM",
    "QR_TARGET_WIDTH_MM",
    "RESULT_TEXT",
    "UNAP_NOTE",
    "VERIFY_LINE",
    "ConstanciaError",
    "render_constancia",
    "seal_qr",
    "seal_qr_placement",
]

PAGE_SIZE: tuple[float, float] = LETTER  # 612 x 792 pt
HEADING = "Organismo Judicial — República de Guatemala"
DOCUMENT_TITLE = "Constancia de Antecedentes Penales"
DOCUMENT_AUTHOR = AUTHOR  # the metadata every printout shares (kiosk.documents.layout)
DOCUMENT_SUBJECT = "Constancia emitida por el Organismo Judicial, verificable con su sello digital"

STATEMENT = "Según los registros del Organismo Judicial, la persona indicada:"
RESULT_TEXT: dict[RecordResult, str] = {
    RecordResult.NR: "NO REGISTRA antecedentes penales",
    RecordResult.R: "REGISTRA antecedentes penales",
}
UNAP_NOTE = (
    "Esto quiere decir que en los registros del Organismo Judicial consta al menos un antecedente "
    "penal a nombre de esta persona. Para conocer el detalle, puede acudir con su DPI a la Unidad "
    "de Antecedentes Penales (UNAP) del Organismo Judicial, donde con gusto le atenderán."
)
VERIFY_LINE = (
    "Verifique este documento en cualquier quiosco del Organismo Judicial acercando el código QR "
    "a la cámara, o con el código de verificación."
)
FOOTER = (
    "Documento emitido electrónicamente por el Organismo Judicial. El código QR es su sello "
    "digital: contiene los datos de esta constancia, firmados por el Organismo Judicial."
)

QR_ERROR_LEVEL = "Q"
QR_MIN_WIDTH_MM = 35.0  # SEAL.md: printed at least 35 mm wide (the symbol, quiet zone excluded)
QR_TARGET_WIDTH_MM = 45.0  # what we print: larger modules read better under a kiosk camera

GUATEMALA = formats.GUATEMALA  # kiosk.formats says it once for screens, papers and the portal

_LABEL_WIDTH = 50 * MM
_CODE_SIZES = (24, 22, 20, 18, 16, 14)
_NAME_SIZES = (14, 13, 12, 11, 10)
_SPACINGS = (1.0, 0.5)
_FOOTER_SIZE, _FOOTER_LEADING = 8.0, 11.0
_FOOTER_BOTTOM = 12 * MM


class ConstanciaError(ValueError):
    """The certificate cannot be printed as a constancia; ``reason`` is a stable code:
    ``wrong_type``, ``unknown_result``, ``naive_datetime``, ``bad_seal``, ``seal_mismatch``,
    ``layout_overflow``. The message names fields, never their (personal) values."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


# --- the seal's QR -------------------------------------------------------------------------------


def seal_qr(seal: str) -> segno.QRCode:
    """The seal's QR symbol: alphanumeric mode, error correction exactly Q (SEAL.md)."""
    try:
        return segno.make_qr(seal, error=QR_ERROR_LEVEL, mode="alphanumeric", boost_error=False)
    except (ValueError, segno.DataOverflowError) as exc:
        raise ConstanciaError("bad_seal", "the seal does not fit an alphanumeric QR") from exc


def seal_qr_placement(modules: int) -> QrPlacement:
    """How large a seal QR of ``modules`` per side is printed (``QR_MIN_WIDTH_MM`` or more)."""
    return qr_placement(modules, max(QR_TARGET_WIDTH_MM, QR_MIN_WIDTH_MM))


# --- checks and formatting -----------------------------------------------------------------------


def _local(moment: datetime, field: str) -> datetime:
    if moment.utcoffset() is None:
        raise ConstanciaError("naive_datetime", f"{field} has no time zone")
    return moment.astimezone(GUATEMALA)


def _day(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def _dpi_text(dpi: str) -> str:
    """The DPI grouped as on the card. The portal's record is the authority: a DPI that fails our
    check-digit rules (``format_dpi`` refuses it) is still printed, grouped the same way."""
    try:
        return format_dpi(dpi)
    except IdentityError:
        return f"{dpi[:4]} {dpi[4:9]} {dpi[9:]}"


def _check(cert: Certificate) -> RecordResult:
    """The certificate's result, after making sure the seal carries exactly the printed fields."""
    if cert.type != DocumentType.CAP.value:
        raise ConstanciaError("wrong_type", f"type {cert.type!r} is not a constancia")
    try:
        result = RecordResult(cert.result)
    except ValueError:
        raise ConstanciaError("unknown_result", f"result {cert.result!r}") from None
    _local(cert.issued_at, "issued_at")
    _local(cert.valid_until, "valid_until")
    try:
        signed = decode_seal(cert.seal).document
    except SealFormatError as exc:
        raise ConstanciaError("bad_seal", f"unreadable seal ({exc.reason})") from None
    mismatched = [
        name
        for name, printed, sealed in (
            ("type", cert.type, signed.type.value),
            ("code", cert.code, signed.code),
            ("full_name", cert.full_name, signed.full_name),
            ("dpi", cert.dpi, signed.dpi),
            ("birth_date", cert.birth_date, signed.birth_date),
            ("result", result, signed.result),
            ("issued_at", cert.issued_at, signed.issued_at),
            ("valid_until", cert.valid_until, signed.expires_at),
        )
        if printed != sealed
    ]
    if mismatched:
        raise ConstanciaError("seal_mismatch", "the seal differs in " + ", ".join(mismatched))
    return result


# --- drawing -------------------------------------------------------------------------------------


def _name_size(name: str, width: float) -> float:
    """14 pt, smaller for the rare name that would need more than three lines."""
    return next((s for s in _NAME_SIZES if len(wrap(name, FONT_BOLD, s, width)) <= 3), 10)


def _draw_heading(page: Page) -> None:
    page.space(6)
    page.centered(HEADING, FONT_BOLD, 13)
    page.space(12)
    page.centered(DOCUMENT_TITLE, FONT_BOLD, 22)
    page.space(12)
    page.rule(weight=1.2, color=INK)


def _draw_result(page: Page, result: RecordResult) -> None:
    canvas = page.canvas
    pad = 14.0
    note = (
        wrap(UNAP_NOTE, FONT_REGULAR, 11, page.width - 2 * pad) if result is RecordResult.R else []
    )
    # statement (10) + gap (10) + result (19) + [gap (12) + note lines] + descenders (4)
    height = 2 * pad + 10 + 10 + 19 + 4 + (12 + 11 + (len(note) - 1) * 15 if note else 0)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(1.5)
    canvas.roundRect(page.left, page.y - height, page.width, height, 5, stroke=1, fill=0)
    bottom = page.y - height
    x = page.left + pad
    page.space(pad)
    canvas.setFillColor(GREY)
    page.line(STATEMENT, FONT_REGULAR, 10, x=x)
    canvas.setFillColor(INK)
    page.space(10)
    page.line(RESULT_TEXT[result], FONT_BOLD, 19, x=x)
    if note:
        page.space(12)
        page.paragraph(UNAP_NOTE, FONT_REGULAR, 11, leading=15, x=x, width=page.width - 2 * pad)
    page.y = bottom


def _draw_verification(page: Page, cert: Certificate, verify_url_hint: str) -> None:
    canvas = page.canvas
    matrix = seal_qr(cert.seal).matrix
    place = seal_qr_placement(len(matrix))
    top = page.y - place.quiet_zone  # the section title stays out of the quiet zone
    # The symbol is aligned with the text margin; its quiet zone lies in the (blank) page margin.
    draw_qr(canvas, matrix, x=page.left, top=top, module=place.module)
    qr_bottom = top - place.size - place.quiet_zone

    column = page.left + place.size + place.quiet_zone + 6 * MM
    width = page.right - column
    page.y = top
    canvas.setFillColor(GREY)
    page.line("Código de verificación", FONT_REGULAR, 10, x=column)
    canvas.setFillColor(INK)
    page.space(10)
    size = next((s for s in _CODE_SIZES if stringWidth(cert.code, FONT_MONO, s) <= width), 14)
    page.paragraph(cert.code, FONT_MONO, size, leading=size * 1.2, x=column, width=width)
    page.space(16)
    page.paragraph(VERIFY_LINE, FONT_REGULAR, 11, leading=15, x=column, width=width)
    if verify_url_hint:
        page.space(8)
        hint = f"También en línea: {verify_url_hint}"
        page.paragraph(hint, FONT_REGULAR, 11, leading=15, x=column, width=width)
    page.y = min(page.y - 4, qr_bottom)


def _draw_footer(page: Page) -> float:
    """The footer at the bottom margin; returns the height of its top rule (the page's floor)."""
    canvas = page.canvas
    lines = wrap(FOOTER, FONT_REGULAR, _FOOTER_SIZE, page.width)
    floor = _FOOTER_BOTTOM + len(lines) * _FOOTER_LEADING + 2
    canvas.setFillColor(GREY)
    canvas.setFont(FONT_REGULAR, _FOOTER_SIZE)
    for index, text_line in enumerate(lines):
        y = _FOOTER_BOTTOM + (len(lines) - 1 - index) * _FOOTER_LEADING
        canvas.drawString(page.left, y, text_line)
    canvas.setFillColor(INK)
    saved = page.y
    page.y = floor
    page.rule()
    page.y = saved
    return floor


def _pdf_date(issued: datetime) -> str:
    """The PDF's creation date is the issue time (not the clock: same input, same bytes)."""
    offset = issued.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{issued:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"


def _render(cert: Certificate, result: RecordResult, hint: str, spacing: float) -> bytes | None:
    """One attempt at ``spacing`` (1 = normal); None when the content does not fit the page."""
    issued = _local(cert.issued_at, "issued_at")
    valid_until = _local(cert.valid_until, "valid_until")
    out = io.BytesIO()
    canvas = letter_canvas(
        out, title=DOCUMENT_TITLE, subject=DOCUMENT_SUBJECT, pdf_date=_pdf_date(issued)
    )

    page = Page(canvas, PAGE_SIZE, spacing=spacing)
    label = _LABEL_WIDTH
    _draw_heading(page)
    page.section("Datos de la persona")
    name_size = _name_size(cert.full_name, page.width - label)
    page.field("Nombre completo", cert.full_name, label_width=label, size=name_size)
    page.field("DPI (CUI)", _dpi_text(cert.dpi), label_width=label)
    page.field("Fecha de nacimiento", _day(cert.birth_date), label_width=label)
    page.section("Resultado")
    _draw_result(page, result)
    page.section("Vigencia")
    page.field("Emitida el", f"{_day(issued)} {issued:%H:%M}", label_width=label)
    page.field("Válida hasta", _day(valid_until), label_width=label)
    page.section("Verificación")
    _draw_verification(page, cert, hint)
    if page.y < _draw_footer(page) + 6:
        return None
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def render_constancia(cert: Certificate, *, verify_url_hint: str = "") -> bytes:
    """The constancia for ``cert`` as PDF bytes (Letter, one page).

    ``verify_url_hint``: when given (e.g. the portal's public verification address), one more
    line tells where to verify it online; by default only the kiosk line is printed.
    Raises ``ConstanciaError`` when the certificate is not a printable constancia (wrong type,
    unknown result, naive dates, or a seal that does not carry exactly these fields) and
    ``FontsMissingError`` when the fonts are missing."""
    result = _check(cert)
    register_fonts()
    with RENDER_LOCK:
        # Very long content (a 200-character name, the UNAP note, a long hint) gets tighter
        # spacing between sections rather than a second page.
        for spacing in _SPACINGS:
            pdf = _render(cert, result, verify_url_hint, spacing)
            if pdf is not None:
                return pdf
    raise ConstanciaError("layout_overflow", "the content does not fit on one page")
