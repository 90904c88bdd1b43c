"""The words of Consulta de Convenio Laboral that are not questions: each state of a convenio and
of an instalment, named and explained in plain Spanish next to it (UX.md), and what to do when
the employer does not pay.

[A] SERVICES.md names no article of the Código de Trabajo for a convenio that is not paid, so
none is cited: the visitor is sent to the court that approved it, which is always right.
"""

from __future__ import annotations

from kiosk.flows.text import _
from kiosk.portal.models.labor_agreements import (
    SCHEDULE_PAGE,
    AgreementStatus,
    InstalmentState,
    PartyRole,
)

SERVICE_ID = "convenio-laboral"
SERVICE_TITLE = _("Consulta de Convenio Laboral")
DOCUMENT = "labor_agreement"
#: instalments on a screen (and on a paper): the portal's page, a year of monthly ones
PAGE = SCHEDULE_PAGE
#: rows a search lists before it sends the visitor to the court (a convenio's pages count one
#: each): only an employer with dozens of convenios in one case gets there
MOST_ROWS = 60

#: each state of the whole convenio: its name and what it means now
STATUSES: dict[AgreementStatus, tuple[str, str]] = {
    AgreementStatus.AL_DIA: (
        _("Al día"),
        _("El patrono ha pagado todas las cuotas que ya vencieron."),
    ),
    AgreementStatus.ATRASADO: (
        _("Con cuotas vencidas"),
        _("Hay cuotas cuya fecha ya pasó y que no se han pagado completas."),
    ),
    AgreementStatus.CUMPLIDO: (
        _("Pagado por completo"),
        _("El patrono pagó todas las cuotas del convenio."),
    ),
}

#: each instalment's state as it is written beside it: plainly, a word and not only a colour
STATES: dict[InstalmentState, str] = {
    InstalmentState.PAGADA: _("pagada"),
    InstalmentState.PARCIAL: _("pagada en parte"),
    InstalmentState.PENDIENTE: _("pendiente"),
    InstalmentState.VENCIDA: _("VENCIDA"),
}

ROLES: dict[PartyRole, str] = {
    PartyRole.TRABAJADOR: _("Trabajador"),
    PartyRole.PATRONO: _("Patrono"),
}

OVERDUE_MEANS = _("VENCIDA quiere decir que ya pasó su fecha y no se ha pagado completa.")
IF_UNPAID = _(
    "Si una cuota vence y no se paga, avise al juzgado que aprobó el convenio: puede pedir que "
    "el juzgado obligue al patrono a pagar lo que falta. Si usted es el patrono y no podrá pagar "
    "una cuota, hable con el juzgado antes de que venza."
)
THROUGH_THE_COURT = _(
    "Los pagos se hacen por medio del juzgado: pregunte ahí cómo cobrar lo que ya se depositó."
)
