"""Printed documents (reportlab): the constancia now; receipts and slips later. No Qt here.

``render_constancia(cert)`` returns the PDF bytes of a Constancia de Antecedentes Penales; it is
CPU work, so the UI calls it in an executor. The renderers call ``register_fonts()`` themselves.
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
from kiosk.documents.qr import QrPlacement

__all__ = [
    "FONT_BOLD",
    "FONT_MONO",
    "FONT_REGULAR",
    "QR_MIN_WIDTH_MM",
    "ConstanciaError",
    "FontsMissingError",
    "QrPlacement",
    "register_fonts",
    "render_constancia",
    "seal_qr",
    "seal_qr_placement",
]
