"""Printed documents (reportlab): the constancia, the payment slip, the receipts. No Qt here.

``render_constancia(cert)`` returns the PDF bytes of a Constancia de Antecedentes Penales;
``render_payment_slip(order)`` the slip to pay an order in online banking;
``render_code_receipt(request, available_until=...)`` / ``render_review_receipt(request)`` the
receipts of a constancia request; ``render_verification_receipt(VerificationReceipt(...))`` what a
verification found; ``render_request_receipt(PrintedReceipt(...))`` the numbered receipt of a
request or form. Each is CPU work, so the UI calls it in an executor. The renderers call
``register_fonts()`` themselves and share one lock (reportlab's font state is shared).
"""

from kiosk.documents.constancia import (
    QR_MIN_WIDTH_MM,
    ConstanciaError,
    render_constancia,
    seal_qr,
    seal_qr_placement,
)
from kiosk.documents.fonts import (
    FONT_BOLD,
    FONT_MONO,
    FONT_REGULAR,
    FontsMissingError,
    register_fonts,
)
from kiosk.documents.payment_slip import render_payment_slip
from kiosk.documents.printout import DocumentError
from kiosk.documents.qr import QrPlacement
from kiosk.documents.receipts import render_code_receipt, render_review_receipt
from kiosk.documents.record import PrintedRecord, RecordSection, render_record
from kiosk.documents.request_receipt import PrintedReceipt, ReceiptPart, render_request_receipt
from kiosk.documents.verification_receipt import (
    VERDICT_LABELS,
    VerificationReceipt,
    render_verification_receipt,
)

__all__ = [
    "FONT_BOLD",
    "FONT_MONO",
    "FONT_REGULAR",
    "QR_MIN_WIDTH_MM",
    "VERDICT_LABELS",
    "ConstanciaError",
    "DocumentError",
    "FontsMissingError",
    "PrintedReceipt",
    "PrintedRecord",
    "QrPlacement",
    "ReceiptPart",
    "RecordSection",
    "VerificationReceipt",
    "register_fonts",
    "render_code_receipt",
    "render_constancia",
    "render_payment_slip",
    "render_record",
    "render_request_receipt",
    "render_review_receipt",
    "render_verification_receipt",
    "seal_qr",
    "seal_qr_placement",
]
