"""The FEI on paper: the shared numbered receipt (``receipt_paper``) with the form's number very
large, the barcode and the QR the banks read, the concept and case, the payer by initials and
the last digits of the NIT or DPI, the amount in figures and in words, the bank steps, the last
day to pay, and the boxed notice that it is not a receipt of payment. Spanish, like every OJ
paper, whatever the screen's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kiosk import formats
from kiosk.flows.text import _
from kiosk.portal.models.income_forms import IncomeForm, PayerIdKind
from kiosk.services.base import Printout, RenderContext, Rendered
from kiosk.services.income_forms.amount_words import amount_words
from kiosk.services.income_forms.rules import NOTICE, bank_steps, made_form
from kiosk.services.receipt_paper import Receipt, ReceiptSection, receipt_printout

TITLE = "Formulario Electrónico de Ingresos (FEI)"
JOB_TITLE = "Formulario FEI OJ"  # CUPS shows and logs it: ASCII, never personal data


def form_receipt(form: IncomeForm, *, kiosk_id: str) -> Receipt:
    """One page: what is paid and by whom, the amount twice, the last day, the bank steps."""
    at_the_bank, online = bank_steps(form)
    rows: list[tuple[str, str]] = [("Concepto", f"{form.concept_name} ({form.concept})")]
    if form.case_number:
        rows.append(("Expediente", form.case_number))
    id_kind = "NIT" if form.payer_id_kind is PayerIdKind.NIT else "DPI"
    rows += [
        ("Quien paga", f"{form.payer_initials} · {id_kind} {form.payer_id_masked}"),
        ("Monto", formats.money(form.amount)),
        ("En letras", amount_words(form.amount)),
        ("Pague a más tardar", f"{formats.day(form.valid_until)} (vale {form.valid_days} días)"),
    ]
    return Receipt(
        title=TITLE,
        number_label="Formulario número",
        number=form.number,
        issued_at=form.created_at,
        kiosk_id=kiosk_id,
        sections=(ReceiptSection("El pago", rows=tuple(rows)),),
        qr=form.pay_url,
        # the bank steps beside the QR, in the room it takes anyway: the form stays one page
        # whatever the concept's name, the case number or the amount in words
        qr_caption=f"Cómo pagar. {at_the_bank} {online}",
        barcode=form.barcode,
        notice=NOTICE,
    )


async def fei_form(context: RenderContext, sources: Mapping[str, object]) -> Sequence[Rendered]:
    form = made_form(sources)
    return receipt_printout("fei_form", JOB_TITLE, form_receipt(form, kiosk_id=context.kiosk_id))


PRINTOUTS = (
    Printout(
        "fei_form",
        fei_form,
        advice=_(
            "Anote el número del formulario y el monto de arriba: con ellos puede pagar igual en "
            "el banco o en su banca en línea. Para tenerlo en papel, pídalo en la ventanilla del "
            "juzgado con ese número."
        ),
    ),
)
