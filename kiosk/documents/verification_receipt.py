"""The receipt of a verification at the kiosk: what the kiosk found when it read a paper's seal.

Top to bottom: the verdict in large words inside a frame (a check mark and a thin frame when good,
a cross and a heavy frame when not: never colour alone), the reason in one sentence, the fields the
seal carries as (label, value) pairs to compare with the paper, when and where the check was done,
and the note that this receipt is not itself a constancia.

The caller chooses the words (``VERDICT_LABELS`` has the usual ones) and the fields; a value that
looks like a full DPI is refused (show its last four digits). Pure and synchronous (fonts read
once); the kiosk runs it in an executor. Spanish, like every OJ paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.documents.fonts import FONT_BOLD, FONT_REGULAR
from kiosk.documents.layout import GREY, INK, MM, Page, fit_size, wrap
from kiosk.documents.printout import (
    DocumentError,
    day_time_text,
    draw_heading,
    refuse_full_dpi,
    render_page,
)
from kiosk.seals.reasons import Verdict

__all__ = [
    "FOOTER",
    "NOT_A_CONSTANCIA",
    "RECEIPT_TITLE",
    "VERDICT_LABELS",
    "VerificationReceipt",
    "render_verification_receipt",
]

RECEIPT_TITLE = "Resultado de verificación de documento"
SUBJECT = "Resultado de la verificación de un documento en un quiosco del Organismo Judicial"
NOT_A_CONSTANCIA = (
    "Este comprobante no es una constancia: solo dice lo que el quiosco encontró al verificar el "
    "documento presentado. Compare los datos de arriba con los del papel."
)
FOOTER = (
    "Verificación hecha con el sello digital del Organismo Judicial. El resultado vale para el "
    "momento indicado; un documento puede vencer o ser revocado después."
)
# The usual words for each verdict of kiosk.seals (the caller may print others).
VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.VALID: "VÁLIDO",
    Verdict.VALID_OFFLINE: "VÁLIDO",
    Verdict.EXPIRED: "VENCIDO",
    Verdict.REVOKED: "REVOCADO",
    Verdict.INVALID: "NO VÁLIDO",
    Verdict.NOT_OJ: "NO ES DEL OJ",
    Verdict.CANNOT_VERIFY: "NO SE PUEDE VERIFICAR AHORA",
}
_VERDICT_SIZES = (34, 30, 26, 22, 20)
_LABEL_WIDTH = 48 * MM
_MAX_FIELDS = 16


@dataclass(frozen=True)
class VerificationReceipt:
    """What one verification found. ``good`` says whether the verdict is a good one (the paper
    can be trusted); ``fields`` are what the seal says, to compare with the paper (show the DPI's
    last four digits only); ``checked_at`` must carry its time zone."""

    verdict: str  # e.g. "VÁLIDO", "NO VÁLIDO", "VENCIDO"
    good: bool
    reason: str  # one sentence: why, and what to do next
    checked_at: datetime
    fields: tuple[tuple[str, str], ...] = ()
    kiosk_id: str = ""


def _draw_verdict(page: Page, data: VerificationReceipt) -> None:
    """The verdict in words: ✓ and a thin frame when good, ✗ and a heavy frame when not."""
    canvas = page.canvas
    pad = 14.0
    mark = "✓" if data.good else "✗"
    words = f"{mark} {data.verdict}"
    inner = page.width - 2 * pad
    size = fit_size(words, FONT_BOLD, _VERDICT_SIZES, inner)
    lines = wrap(words, FONT_BOLD, size, inner)
    reasons = wrap(data.reason, FONT_REGULAR, 12, inner) if data.reason else []
    height = 2 * pad + 10 + 10 + size + (len(lines) - 1) * size * 1.2 + size * 0.25
    height += 10 + 12 + (len(reasons) - 1) * 16 if reasons else 0
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(1.0 if data.good else 3.5)
    canvas.roundRect(page.left, page.y - height, page.width, height, 5, stroke=1, fill=0)
    bottom = page.y - height
    page.space(pad)
    canvas.setFillColor(GREY)
    page.line("Resultado", FONT_REGULAR, 10, x=page.left + pad)
    canvas.setFillColor(INK)
    page.space(10)
    page.paragraph(words, FONT_BOLD, size, leading=size * 1.2, x=page.left + pad, width=inner)
    if reasons:
        page.space(10 + size * 0.25)
        page.paragraph(data.reason, FONT_REGULAR, 12, leading=16, x=page.left + pad, width=inner)
    page.y = bottom


def _draw(page: Page, data: VerificationReceipt) -> None:
    draw_heading(page, RECEIPT_TITLE)
    page.space(14)
    _draw_verdict(page, data)
    if data.fields:
        page.section("Datos del documento según su sello")
        for label, value in data.fields:
            page.field(label, value, label_width=_LABEL_WIDTH, size=12)
    page.section("Verificación")
    checked = day_time_text(data.checked_at, "checked_at")
    page.field("Verificado el", f"{checked} (hora de Guatemala)", label_width=_LABEL_WIDTH, size=11)
    if data.kiosk_id:
        page.field("Quiosco", data.kiosk_id, label_width=_LABEL_WIDTH, size=11)
    page.space(12 * page.spacing)
    page.note_box(NOT_A_CONSTANCIA, font=FONT_BOLD, size=11, weight=1.0)


def render_verification_receipt(data: VerificationReceipt) -> bytes:
    """The receipt as PDF bytes (Letter, one page); the same data gives the same bytes.

    Raises ``DocumentError``: ``bad_value`` (no verdict, or more than 16 fields),
    ``personal_data`` (a full DPI among the values), ``naive_datetime``, ``layout_overflow``."""
    if not data.verdict.strip():
        raise DocumentError("bad_value", "the verdict is empty")
    if len(data.fields) > _MAX_FIELDS:
        raise DocumentError("bad_value", f"more than {_MAX_FIELDS} fields")
    refuse_full_dpi([*data.fields, ("reason", data.reason), ("verdict", data.verdict)])
    day_time_text(data.checked_at, "checked_at")
    return render_page(
        lambda page: _draw(page, data),
        title=RECEIPT_TITLE,
        subject=SUBJECT,
        created=data.checked_at,
        footer=FOOTER,
    )
