"""Verificar un documento: a document's QR seal (camera, USB scanner), its verification code
typed, or (at a desk) an image or PDF, to a verdict. Its screens are its own (the UI's
"verification" controller), not a flow; its receipt is a printout like any other."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from kiosk.flows.text import _
from kiosk.services.base import Printout, RenderContext, Rendered, Service, Tile


async def verification_receipt(
    context: RenderContext, sources: Mapping[str, object]
) -> Sequence[Rendered]:
    """A receipt of one check (``sources["check"]``): the verdict, why, and the fields, the DPI
    cut to its last four digits (a receipt may be left behind at the kiosk); always a Spanish
    paper, whatever language the screen was in."""
    from kiosk import documents
    from kiosk.verification.presentation import present, spanish
    from kiosk.verification.service import Check

    check = sources.get("check")
    if not isinstance(check, Check):
        raise LookupError("a verification receipt needs its check")
    shown = present(check, full_dpi=False, translate=spanish)
    receipt = documents.VerificationReceipt(
        verdict=shown.label,
        good=shown.good,
        reason=shown.message,
        checked_at=datetime.now(UTC),
        fields=shown.fields,
        kiosk_id=context.kiosk_id,
    )
    return [
        Rendered(
            "verification_receipt",
            "Verificacion OJ",
            lambda: documents.render_verification_receipt(receipt),
        )
    ]


SERVICE = Service(
    id="verificar-documento",
    title=_("Verificar un documento"),
    tile=Tile(_("Verificar un documento"), "qr", "tramites", order=1, featured=True),
    screen="verification",
    printouts=(Printout("verification_receipt", verification_receipt),),
)
