"""Receipts for a constancia request: the download code for a visitor with no email, and the
receipt of a request that went to review.

``render_code_receipt`` prints the download code in very large type, what it is for (download the
constancia on the portal, reprint it at any kiosk), until when, and the request's number.
``render_review_receipt`` prints the request's number, the download code and how and where the
result is collected once the review is done. Neither prints the result, the name or the birth
date; of the DPI only the last four digits ("•••• ••••• 0101"), when the caller passes it.

The download code fetches the constancia: the receipts say to keep it like a key. Pure and
synchronous (fonts read once); the kiosk runs them in an executor. Spanish, like every OJ paper.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.documents.fonts import FONT_BOLD, FONT_MONO, FONT_REGULAR
from kiosk.documents.layout import MM, Page
from kiosk.documents.printout import (
    DocumentError,
    day_text,
    day_time_text,
    draw_heading,
    local_time,
    render_page,
)
from kiosk.identity import mask_dpi
from kiosk.portal.models import CriminalRecordRequest, RequestStatus

__all__ = [
    "CODE_TITLE",
    "KEEP_SAFE",
    "NOT_A_CONSTANCIA",
    "REVIEW_TITLE",
    "render_code_receipt",
    "render_review_receipt",
]

CODE_TITLE = "Código de descarga — Antecedentes Penales"
REVIEW_TITLE = "Solicitud en revisión — Antecedentes Penales"
CODE_SUBJECT = "Código para descargar o reimprimir una constancia del Organismo Judicial"
REVIEW_SUBJECT = "Comprobante de una solicitud de constancia en revisión"
KEEP_SAFE = (
    "Guarde este papel en un lugar seguro: con el código, cualquier persona puede ver e imprimir "
    "su constancia."
)
NOT_A_CONSTANCIA = (
    "Este comprobante no es una constancia de antecedentes penales y no sirve para hacer trámites."
)
REVIEW_INTRO = (
    "Recibimos su solicitud y su pago. Antes de emitir la constancia, una persona del Organismo "
    "Judicial revisará sus datos, por ejemplo cuando otra persona tiene el mismo nombre. No tiene "
    "que pagar otra vez."
)
UNAP_LINE = (
    "Si tiene dudas, acuda con su DPI y este comprobante a la Unidad de Antecedentes Penales "
    "(UNAP) del Organismo Judicial."
)
_CODE_SIZES = (44, 40, 36, 32, 28, 24, 20)
_LABEL_WIDTH = 45 * MM


def _portal(portal_url: str) -> str:
    return (
        f"en el portal del Organismo Judicial ({portal_url})"
        if portal_url
        else ("en el portal del Organismo Judicial")
    )


def _request_fields(page: Page, request: CriminalRecordRequest, dpi: str, kiosk_id: str) -> None:
    label = _LABEL_WIDTH
    page.field("Número de solicitud", request.id, label_width=label, size=12)
    page.field(
        "Fecha de solicitud", day_time_text(request.created_at, "created_at"), label_width=label,
        size=12,
    )  # fmt: skip
    if dpi:
        page.field("DPI", mask_dpi(dpi), label_width=label, size=12)
    if kiosk_id:
        page.field("Quiosco", kiosk_id, label_width=label, size=10)


def _draw_code(
    page: Page,
    request: CriminalRecordRequest,
    until: datetime,
    dpi: str,
    portal_url: str,
    kiosk_id: str,
) -> None:
    draw_heading(page, CODE_TITLE)
    page.space(14)
    page.code_box(
        "Su código de descarga",
        request.download_code,
        font=FONT_MONO,
        sizes=_CODE_SIZES,
        note="Escríbalo tal como aparece aquí, con los guiones.",
    )
    page.section("Para qué sirve")
    page.bullets(
        [
            f"Descargar su constancia {_portal(portal_url)}.",
            "Volver a imprimirla en cualquier quiosco del Organismo Judicial, sin pagar otra vez.",
        ]
    )
    page.space(10)
    page.paragraph(
        f"Puede usarlo hasta el {day_text(local_time(until, 'available_until'))}.",
        FONT_BOLD,
        13,
        leading=17,
    )
    page.section("Su solicitud")
    _request_fields(page, request, dpi, kiosk_id)
    page.space(10 * page.spacing)
    page.note_box(KEEP_SAFE, font=FONT_BOLD, size=12, weight=1.5)


def _draw_review(
    page: Page,
    request: CriminalRecordRequest,
    ready_by: datetime | None,
    dpi: str,
    email_on_file: bool,
    portal_url: str,
    kiosk_id: str,
) -> None:
    draw_heading(page, REVIEW_TITLE)
    page.space(12)
    page.paragraph(REVIEW_INTRO, FONT_REGULAR, 11, leading=15)
    page.space(12)
    page.code_box(
        "Su código de descarga",
        request.download_code,
        font=FONT_MONO,
        sizes=_CODE_SIZES,
        note="Con este código recoge el resultado. Escríbalo tal como aparece, con los guiones.",
    )
    page.section("Cuándo y dónde recoger el resultado")
    when = (
        f"Estará lista a partir del {day_time_text(ready_by, 'ready_by')}."
        if ready_by is not None
        else "Le avisaremos cuando esté lista."
    )
    page.paragraph(when, FONT_BOLD, 13, leading=17)
    page.space(8)
    ways = [
        "En cualquier quiosco del Organismo Judicial: escriba su código de descarga y "
        "la constancia se imprime.",
        f"O descárguela con el mismo código {_portal(portal_url)}.",
    ]
    if email_on_file:
        ways.append("También se la enviaremos al correo electrónico que nos dio.")
    page.bullets(ways)
    page.space(8)
    page.paragraph(UNAP_LINE, FONT_REGULAR, 11, leading=15)
    page.section("Su solicitud")
    _request_fields(page, request, dpi, kiosk_id)
    page.space(10 * page.spacing)
    page.note_box(KEEP_SAFE, font=FONT_BOLD, size=12, weight=1.5)


def render_code_receipt(
    request: CriminalRecordRequest,
    *,
    available_until: datetime,
    dpi: str = "",
    portal_url: str = "",
    kiosk_id: str = "",
) -> bytes:
    """The download-code receipt of an issued request (``issued`` or ``registered``), as PDF bytes.

    ``available_until``: until when the code works (the constancia's ``valid_until``).
    ``dpi``: when given, only its last four digits are printed. ``portal_url``: the portal's
    public address, printed where the receipt says to download. Raises ``DocumentError``:
    ``wrong_status`` (a request in review: use ``render_review_receipt``), ``naive_datetime``,
    ``layout_overflow``."""
    if request.status is RequestStatus.IN_REVIEW:
        raise DocumentError("wrong_status", "a request in review has no document yet")
    local_time(available_until, "available_until")
    day_time_text(request.created_at, "created_at")
    return render_page(
        lambda page: _draw_code(page, request, available_until, dpi, portal_url, kiosk_id),
        title=CODE_TITLE,
        subject=CODE_SUBJECT,
        created=request.created_at,
        footer=NOT_A_CONSTANCIA,
    )


def render_review_receipt(
    request: CriminalRecordRequest,
    *,
    dpi: str = "",
    email_on_file: bool = False,
    portal_url: str = "",
    kiosk_id: str = "",
) -> bytes:
    """The receipt of a request ``in_review``, as PDF bytes: when (``request.ready_by``) and how
    to collect the result. ``email_on_file``: the visitor gave an email (never printed), so the
    receipt says the constancia will also arrive there. Raises ``DocumentError``:
    ``wrong_status`` (not in review), ``naive_datetime``, ``layout_overflow``."""
    if request.status is not RequestStatus.IN_REVIEW:
        raise DocumentError("wrong_status", f"a request that is {request.status.value}")
    day_time_text(request.created_at, "created_at")
    if request.ready_by is not None:
        local_time(request.ready_by, "ready_by")
    return render_page(
        lambda page: _draw_review(
            page, request, request.ready_by, dpi, email_on_file, portal_url, kiosk_id
        ),
        title=REVIEW_TITLE,
        subject=REVIEW_SUBJECT,
        created=request.created_at,
        footer=NOT_A_CONSTANCIA,
    )
