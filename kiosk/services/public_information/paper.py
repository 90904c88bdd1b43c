"""The receipt of a Solicitud de Información Pública, on the shared receipt paper: the folio very
large, when it was received, the due date and the
date with the extension, how the answer will come, the appeal rule, and what was asked. Spanish
whatever the screen's language; the requester by initials and the contact masked, as the portal
answers them. The same receipt is printed again for a request found by its folio."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from kiosk import formats
from kiosk.portal.models.public_information import PublicInformationRequest
from kiosk.services.base import RenderContext, Rendered
from kiosk.services.public_information.record import request_of
from kiosk.services.public_information.words import (
    day_said,
    delivery_name,
    status_name,
)
from kiosk.services.receipt_paper import Receipt, ReceiptSection, receipt_printout

TITLE = "Solicitud de Información Pública"
DOCUMENT = "public_information_receipt"
# CUPS shows and logs the title (cups-pdf names its file after it): plain ASCII, never a name
JOB_TITLE = "Comprobante informacion publica OJ"
NOTICE = (
    "Con el folio puede preguntar por su solicitud y volver a imprimir este comprobante en "
    "cualquier quiosco del Organismo Judicial."
)
# The law's rules, as short as a page allows: the screen says them at length (words.py), and
# the receipt shortens its longest paragraph until it fits (the visitor's text goes first)
DEADLINE = (
    "{answer_days} días hábiles desde el día siguiente a la recepción; se puede prorrogar una sola "
    "vez por {extension_days} días hábiles más, avisándole antes de que venza (Decreto 57-2008, "
    "arts. 42 y 43). Cuentan los días hábiles de {place}."
)
APPEAL = (
    "Si no le responden a tiempo, le niegan la información o no está de acuerdo, puede presentar "
    "un recurso de revisión ante la Presidencia del Organismo Judicial, en la Unidad de "
    "Información Pública, dentro de los {appeal_days} días hábiles siguientes a la notificación "
    "o al vencimiento del plazo (Decreto 57-2008, arts. 54 y siguientes)."
)
# a DPI typed inside the request's words: the paper shows its last four digits only
_DPI_LIKE = re.compile(r"(?<![0-9])([0-9]{4})[ -]?([0-9]{5})[ -]?([0-9]{4})(?![0-9])")


def masked_text(text: str) -> str:
    return _DPI_LIKE.sub(lambda m: f"•••• ••••• {m.group(3)}", text)


def receipt(request: PublicInformationRequest, *, kiosk_id: str, issued_at: datetime) -> Receipt:
    received = request.received_at
    return Receipt(
        title=TITLE,
        number_label="Folio",
        number=request.folio,
        issued_at=issued_at,
        kiosk_id=kiosk_id,
        sections=(
            ReceiptSection(
                "Su solicitud",
                rows=(
                    ("Recibida", f"{day_said(received)}, {formats.clock(received)}"),
                    ("Estado", str(status_name(request.status))),
                    ("Solicitante", request.requester_initials),
                    ("Forma de entrega", str(delivery_name(request.delivery))),
                    ("Aviso a", request.contact),
                ),
            ),
            ReceiptSection(
                "Plazo para responderle",
                rows=(
                    ("A más tardar", str(day_said(request.due_on))),
                    ("Si se prorroga", str(day_said(request.extended_due_on))),
                ),
                paragraphs=(
                    DEADLINE.format(
                        answer_days=request.answer_days,
                        extension_days=request.extension_days,
                        place=request.calendar_place,
                    ),
                ),
            ),
            ReceiptSection(
                "Si no le responden o no está de acuerdo",
                paragraphs=(APPEAL.format(appeal_days=request.appeal_days),),
            ),
            ReceiptSection("Información que pidió", paragraphs=(masked_text(request.information),)),
        ),
        notice=NOTICE,
    )


async def receipt_paper(
    context: RenderContext, sources: Mapping[str, object]
) -> Sequence[Rendered]:
    """The receipt of the request sent in this visit, or of the one found by its folio."""
    request = request_of(dict(sources))
    made = receipt(request, kiosk_id=context.kiosk_id, issued_at=datetime.now(UTC))
    return receipt_printout(DOCUMENT, JOB_TITLE, made)
