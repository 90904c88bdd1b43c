"""A request for a constancia as a visitor without an account makes it: who they are, as on the
DPI, and the boleta they paid."""

from __future__ import annotations

from kiosk.portal.models import BoletaPayment, CriminalRecordRequestCreate, SandboxBoleta
from kiosk.sandbox.demo import DemoPerson


def guest_request(person: DemoPerson, boleta: SandboxBoleta) -> CriminalRecordRequestCreate:
    return CriminalRecordRequestCreate(
        dpi=person.dpi,
        birth_date=person.birth_date,
        first_names=person.first_names,
        last_names=person.last_names,
        payment=BoletaPayment(
            bank=boleta.bank, number=boleta.number, paid_on=boleta.paid_on, amount=boleta.amount
        ),
    )
