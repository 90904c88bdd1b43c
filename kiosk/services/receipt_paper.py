"""A request's numbered receipt on paper (información pública, audiencia virtual, archivo, FEI):
the service says what it holds, ``kiosk.documents.render_request_receipt`` draws it.

Spanish whatever the screen's language: the paper goes to a bank or a court that reads Spanish.
Plain data here (no reportlab): a service builds a ``Receipt`` and imports nothing heavy until
something is printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.services.base import Rendered


@dataclass(frozen=True)
class ReceiptSection:
    title: str
    rows: tuple[tuple[str, str], ...] = ()  # (label, value) lines
    paragraphs: tuple[str, ...] = ()  # sentences: steps, what happens next, the law


@dataclass(frozen=True)
class Receipt:
    title: str  # the service: "Solicitud de Información Pública"
    number_label: str  # "Folio", "Número de solicitud", "Formulario número"
    number: str  # printed very large
    issued_at: datetime  # aware
    kiosk_id: str
    sections: tuple[ReceiptSection, ...] = ()
    qr: str = ""  # drawn as a QR code after the sections ("" none)
    qr_caption: str = ""  # the words beside it ("" a general "scan it with your phone")
    barcode: str = ""  # a Code 128 under the number ("" none)
    notice: str = ""  # one boxed sentence at the foot


def receipt_printout(name: str, job_title: str, receipt: Receipt) -> list[Rendered]:
    """One job: ``name`` is its file in the session's folder, ``job_title`` its CUPS title
    (never personal data)."""

    def make() -> bytes:
        from kiosk import documents  # reportlab: only when something is printed

        return documents.render_request_receipt(
            documents.PrintedReceipt(
                title=receipt.title,
                number_label=receipt.number_label,
                number=receipt.number,
                issued_at=receipt.issued_at,
                kiosk_id=receipt.kiosk_id,
                parts=tuple(
                    documents.ReceiptPart(section.title, section.rows, section.paragraphs)
                    for section in receipt.sections
                ),
                qr=receipt.qr,
                qr_caption=receipt.qr_caption,
                barcode=receipt.barcode,
                notice=receipt.notice,
            )
        )

    return [Rendered(name, job_title, make)]
