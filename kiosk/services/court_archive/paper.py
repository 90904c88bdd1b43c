"""What the Archivo de Tribunales prints, in Spanish whatever the screen's language (the paper
goes to a bank and an archive window): the request's numbered receipt (``receipt_paper``), and
the record of a file the archive cannot copy (``record_paper``). CUPS titles never carry data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kiosk import formats
from kiosk.flows.text import Text, _
from kiosk.identity import mask_dpi
from kiosk.portal.models.court_archive import ArchiveRequest, ArchiveTariffBasis
from kiosk.services.base import RenderContext, Rendered
from kiosk.services.court_archive.questions import searched_number
from kiosk.services.court_archive.record import (
    banks,
    case_of,
    record,
    request_of,
)
from kiosk.services.court_archive.words import COUNTED, REQUESTS
from kiosk.services.receipt_paper import Receipt, ReceiptSection, receipt_printout
from kiosk.services.record_paper import record_printout

RECEIPT = "archive_request"
RECORD = "archive_record"
SERVICE_TITLE = _("Archivo de Tribunales")
RECEIPT_ADVICE = _(
    "Anote el número de solicitud que ve en pantalla: con él le dan el comprobante en la "
    "ventanilla del archivo, y con él paga en el banco."
)
RECORD_ADVICE = _("Anote el número del expediente y el archivo donde preguntar.")


async def request_receipt(
    context: RenderContext, sources: Mapping[str, object]
) -> Sequence[Rendered]:
    results = dict(sources)
    made, case = request_of(results), case_of(results)
    where = made.collect_at
    name = f"{sources.get('first_names', '')} {sources.get('last_names', '')}"
    ready = f"{formats.day(made.ready_on)} ({made.working_days} días hábiles)"
    # one page, whatever the court's name: the shelf stays on screen (the archive finds the file
    # by the request's number) and the DPI is checked at the window, on the card
    receipt = Receipt(
        title="Solicitud al Archivo de Tribunales",
        number_label="Número de solicitud",
        number=made.number,
        issued_at=made.created_at,
        kiosk_id=context.kiosk_id,
        sections=(
            ReceiptSection(
                "Lo que pidió",
                rows=(
                    ("Expediente", made.case_number),
                    ("Juzgado", made.court_name),
                    ("Documento", _asked(made, case.folios)),
                    ("Total a pagar", _total(made)),
                    ("A nombre de", f"{name}, DPI {mask_dpi(str(sources.get('dpi', '')))}"),
                ),
            ),
            ReceiptSection(
                "Cómo pagar",
                rows=(
                    ("En el banco", str(banks(made.banks))),
                    ("Con", "Pida el formulario FEI en el quiosco o en la ventanilla"),
                    ("Concepto", made.fei_concept),
                ),
            ),
            ReceiptSection(
                "Cuándo y dónde recoger",
                rows=(
                    ("Desde el", ready),
                    ("Dónde", f"{where.name}, {where.address}. {where.hours}"),
                    ("Lleve", "Su DPI y la boleta pagada"),
                ),
            ),
        ),
        notice="Esto no es un comprobante de pago.",
    )
    return receipt_printout(RECEIPT, "Solicitud Archivo OJ", receipt)


async def case_record(context: RenderContext, sources: Mapping[str, object]) -> Sequence[Rendered]:
    """What the screen shows of a file the archive cannot copy, on paper."""
    answers = dict(sources)
    searched = Text("Número buscado: {number}", number=str(searched_number(answers)))
    return record_printout(
        RECORD,
        "Expediente archivo OJ",
        record(answers, answers),
        title=Text(SERVICE_TITLE),
        searched=searched,
        kiosk_id=context.kiosk_id,
    )


def _asked(made: ArchiveRequest, folios: int | None) -> str:
    """«Certificación: folios 1 a 245 (todo el expediente)»: the number is the section's."""
    kind = str(Text(REQUESTS[made.kind][0]))
    if made.folio_from is None or made.folio_to is None:
        return kind
    whole = " (todo el expediente)" if (made.folio_from, made.folio_to) == (1, folios) else ""
    return f"{kind}: folios {made.folio_from} a {made.folio_to}{whole}"


def _total(made: ArchiveRequest) -> str:
    """«Q122.50 (490 páginas a Q0.25)», «Q10.00 (precio fijo)»."""
    amount = formats.money(made.amount)
    if made.basis is ArchiveTariffBasis.FIJO:
        return f"{amount} (precio fijo)"
    counted = Text(COUNTED[made.basis], units=f"{made.units:,}")
    return f"{amount} ({counted} a {formats.money(made.unit_price)})"
