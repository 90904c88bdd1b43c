"""The payment slip ("Orden de pago") a visitor takes home to pay the fee in online banking.

Top to bottom: the reference in very large type, grouped for reading aloud (it is what the visitor
types in the bank's site and what brings them back to a kiosk), the amount, the concept, until
when the order can be paid, a QR of the order's ``pay_url`` (level Q, at least ``QR_MIN_WIDTH_MM``
wide, 4-module quiet zone) with short steps for the three banks, and the line that tells the
visitor to keep the paper. No personal data: an order is not tied to a name on paper.

Pure and synchronous (fonts read once); the kiosk runs it in an executor. Spanish on purpose, like
every OJ paper.
"""

from __future__ import annotations

import segno

from kiosk.documents.fonts import FONT_BOLD, FONT_MONO, FONT_REGULAR
from kiosk.documents.layout import MM, Page
from kiosk.documents.printout import (
    DocumentError,
    day_time_text,
    draw_heading,
    grouped,
    money_text,
    render_page,
)
from kiosk.documents.qr import QrPlacement, draw_qr, qr_placement
from kiosk.portal.models import (
    BANK_NAMES,
    Bank,
    PaymentConcept,
    PaymentOrder,
    PaymentOrderStatus,
)

__all__ = [
    "BANK_STEPS",
    "KEEP_LINE",
    "QR_ERROR_LEVEL",
    "QR_MIN_WIDTH_MM",
    "SLIP_TITLE",
    "pay_qr",
    "pay_qr_placement",
    "render_payment_slip",
]

SLIP_TITLE = "Orden de pago — Antecedentes Penales"
SUBJECT = "Orden de pago emitida por un quiosco del Organismo Judicial"
CONCEPT_TEXT: dict[PaymentConcept, str] = {
    PaymentConcept.CRIMINAL_RECORD: "Constancia de Antecedentes Penales",
}
INTRO = (
    "Pague esta orden en la banca en línea de su banco. Cuando esté pagada, vuelva a cualquier "
    "quiosco del Organismo Judicial con la referencia para recibir su constancia."
)
# Where each bank's online banking has the OJ's payments (check the wording with the banks).
BANK_STEPS: dict[Bank, str] = {
    Bank.BANRURAL: "entre a Banrural Virtual, elija Pagos y luego Organismo Judicial, "
    "escriba la referencia y confirme.",
    Bank.INDUSTRIAL: "entre a Bi en Línea, elija Pagos y luego Organismo Judicial, "
    "escriba la referencia y confirme.",
    Bank.GYT: "entre a G&T Conmigo, elija Pagos y luego Organismo Judicial, "
    "escriba la referencia y confirme.",
}
KEEP_LINE = (
    "Guarde esta boleta: con la referencia puede volver a cualquier quiosco a recoger su "
    "constancia."
)
FOOTER = (
    "Esta orden no es una constancia ni un comprobante de pago: el comprobante se lo da su banco. "
    "Si vence sin pagarse, puede pedir otra en cualquier quiosco del Organismo Judicial."
)

QR_ERROR_LEVEL = "Q"
QR_MIN_WIDTH_MM = 35.0  # a phone reads it from arm's length; 30 mm is the floor
_REFERENCE_SIZES = (44, 40, 36, 32, 28, 24, 20)
_LABEL_WIDTH = 42 * MM
_PRINTABLE = frozenset({PaymentOrderStatus.PENDING, PaymentOrderStatus.PAID})


def pay_qr(pay_url: str) -> segno.QRCode:
    """The QR of the order's online-banking address: error correction exactly Q."""
    try:
        return segno.make_qr(pay_url, error=QR_ERROR_LEVEL, boost_error=False)
    except (ValueError, segno.DataOverflowError) as exc:
        raise DocumentError("bad_value", "pay_url does not fit a QR code") from exc


def pay_qr_placement(modules: int) -> QrPlacement:
    return qr_placement(modules, QR_MIN_WIDTH_MM)


def _reference_text(reference: str) -> tuple[str, str]:
    """The reference as printed and the hint on how to type it."""
    if reference.isdigit():
        return grouped(reference), (
            f"Al pagar, escriba los {len(reference)} dígitos seguidos, sin espacios."
        )
    return reference, "Al pagar, escriba la referencia tal como aparece aquí."


def _draw_online(page: Page, order: PaymentOrder, symbol: segno.QRCode) -> None:
    """The QR on the left; on its right, the address and each bank's steps."""
    canvas = page.canvas
    matrix = symbol.matrix
    place = pay_qr_placement(len(matrix))
    top = page.y - place.quiet_zone
    draw_qr(canvas, matrix, x=page.left, top=top, module=place.module)
    qr_bottom = top - place.size - place.quiet_zone

    column = page.left + place.size + place.quiet_zone + 4 * MM
    width = page.right - column
    page.y = top
    page.paragraph(
        "Escanee el código con la aplicación de su banco, o abra esta dirección:",
        FONT_REGULAR,
        10,
        leading=13,
        x=column,
        width=width,
    )
    page.space(3)
    page.paragraph(order.pay_url, FONT_MONO, 9, leading=11.5, x=column, width=width)
    for bank, step in BANK_STEPS.items():
        page.space(7)
        page.paragraph(
            f"{BANK_NAMES[bank]}: {step}", FONT_REGULAR, 10, leading=13, x=column, width=width
        )
    page.y = min(page.y - 6, qr_bottom)


def _draw(page: Page, order: PaymentOrder, kiosk_id: str, symbol: segno.QRCode) -> None:
    draw_heading(page, SLIP_TITLE)
    page.space(12)
    page.paragraph(INTRO, FONT_REGULAR, 11, leading=15)
    page.space(12)
    shown, hint = _reference_text(order.reference)
    page.code_box("Referencia de pago", shown, font=FONT_MONO, sizes=_REFERENCE_SIZES, note=hint)
    page.section("Datos del pago")
    label = _LABEL_WIDTH
    page.field("Monto a pagar", money_text(order.amount), label_width=label, size=16)
    page.field("Concepto", CONCEPT_TEXT[order.concept], label_width=label, size=12)
    until = day_time_text(order.expires_at, "expires_at")
    page.field("Pagar antes de", f"{until} (hora de Guatemala)", label_width=label, size=12)
    page.field("Emitida", day_time_text(order.created_at, "created_at"), label_width=label, size=10)
    if kiosk_id:
        page.field("Quiosco", kiosk_id, label_width=label, size=10)
    page.section("Cómo pagar en línea")
    _draw_online(page, order, symbol)
    page.space(8 * page.spacing)
    page.note_box(KEEP_LINE, font=FONT_BOLD, size=13, weight=1.5)


def render_payment_slip(order: PaymentOrder, *, kiosk_id: str = "") -> bytes:
    """The slip for ``order`` as PDF bytes (Letter, one page); the same order gives the same bytes.

    ``kiosk_id`` is printed small, for the desk to know where the slip came from. Raises
    ``DocumentError``: ``wrong_status`` (an expired or used order: its slip would mislead),
    ``naive_datetime``, ``bad_value`` (a ``pay_url`` too long for a QR), ``layout_overflow``."""
    if order.status not in _PRINTABLE:
        raise DocumentError("wrong_status", f"an order that is {order.status.value}")
    day_time_text(order.expires_at, "expires_at")  # refuse naive times before drawing
    symbol = pay_qr(order.pay_url)
    return render_page(
        lambda page: _draw(page, order, kiosk_id, symbol),
        title=SLIP_TITLE,
        subject=SUBJECT,
        created=order.created_at,
        footer=FOOTER,
    )
