"""What Antecedentes Penales prints: the constancia (with its download-code receipt when no email
went out), the payment slip of an online order and the receipt of a request in review.

A constancia is always fetched from the portal by its download code (the portal keeps it:
nothing paid for is ever lost, and a reprint is the same document). reportlab loads at the first
print, not at start-up."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kiosk.flows.text import _
from kiosk.portal.models import CriminalRecordRequest
from kiosk.services.base import Printout, RenderContext, Rendered
from kiosk.services.collect_certificate import grouped_code
from kiosk.services.criminal_record.rules import paid_order

# CUPS shows and logs the titles (cups-pdf names its files after them): plain ASCII, never a name.
CERTIFICATE_TITLE = "Constancia OJ"


def download_code(sources: Mapping[str, object]) -> str:
    """The constancia's download code: from the request just sent, or as the visitor typed it."""
    request = sources.get("submit_request")
    if isinstance(request, CriminalRecordRequest):
        return request.download_code
    typed = sources.get("download_code")
    if isinstance(typed, str):
        return grouped_code(typed)
    raise LookupError("no download code among the flow's results")


async def certificate(context: RenderContext, sources: Mapping[str, object]) -> Sequence[Rendered]:
    from kiosk import documents

    found = await context.client.certificate(download_code(sources))
    jobs = [Rendered("certificate", CERTIFICATE_TITLE, lambda: documents.render_constancia(found))]
    request = sources.get("submit_request")
    if isinstance(request, CriminalRecordRequest) and not request.email_sent:
        # No email went out: the download code on paper is the visitor's way back.
        sent = request
        jobs.append(
            Rendered(
                "code_receipt",
                "Codigo de descarga OJ",
                lambda: documents.render_code_receipt(
                    sent,
                    available_until=found.valid_until,
                    dpi=found.dpi,
                    kiosk_id=context.kiosk_id,
                ),
            )
        )
    return jobs


async def payment_slip(context: RenderContext, sources: Mapping[str, object]) -> Sequence[Rendered]:
    from kiosk import documents

    order = paid_order(dict(sources))
    return [
        Rendered(
            "payment_slip",
            "Orden de pago OJ",
            lambda: documents.render_payment_slip(order, kiosk_id=context.kiosk_id),
        )
    ]


async def review_receipt(
    context: RenderContext, sources: Mapping[str, object]
) -> Sequence[Rendered]:
    from kiosk import documents

    request = sources.get("submit_request")
    if not isinstance(request, CriminalRecordRequest):
        raise LookupError("no criminal record request among the flow's results")
    email = bool(sources.get("delivery_email")) and sources.get("send_email") is True
    return [
        Rendered(
            "review_receipt",
            "Comprobante OJ",
            lambda: documents.render_review_receipt(
                request, email_on_file=email, kiosk_id=context.kiosk_id
            ),
        )
    ]


PRINTOUTS = (
    Printout(
        "certificate",
        certificate,
        advice=_(
            "Con el código de descarga de arriba puede imprimirla en otro quiosco o descargarla "
            "del portal del Organismo Judicial."
        ),
    ),
    Printout(
        "payment_slip",
        payment_slip,
        advice=_("Anote la referencia y el monto de arriba: con ellos puede pagar igual."),
    ),
    Printout(
        "review_receipt",
        review_receipt,
        advice=_("Anote los códigos de arriba: con ellos puede recoger su constancia."),
    ),
)
