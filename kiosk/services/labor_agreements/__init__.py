"""Consulta de Convenio Laboral: a payment agreement (convenio) reached in conciliation before a
labour court and paid in instalments through it. The visitor gives the case number (typed in the
shapes people write it, or built step by step) and the DPI of a party: the worker, or the
employer or its representative. Only a party's DPI opens it; any other DPI finds nothing, in the
very words a number without a convenio gets (the portal is no oracle either).

The record: the court, the parties by initials, the total, what is paid and the balance, the
overdue instalments and the next one due, one page of the schedule (a long one is chosen a page
at a time), and what to do if the employer does not pay. "Imprimir" prints what is on screen.

``questions`` asks, ``portal`` searches and reads, ``record`` shows and prints, ``words`` names
and explains every state.
"""

from __future__ import annotations

from kiosk.flows.lookup import lookup
from kiosk.flows.text import _
from kiosk.services.base import Printout, Service, Tile
from kiosk.services.labor_agreements.portal import fetch, search
from kiosk.services.labor_agreements.questions import ASK_DPI, ASK_NUMBER, BUILD
from kiosk.services.labor_agreements.record import agreement_record, record
from kiosk.services.labor_agreements.words import DOCUMENT, MOST_ROWS, SERVICE_ID, SERVICE_TITLE
from kiosk.text import Text

__all__ = ["FLOW", "SERVICE", "agreement_record"]

FLOW = lookup(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    ask=(ASK_NUMBER, ASK_DPI),
    extra=BUILD,
    results_title=_("Convenios encontrados"),
    empty=Text(
        "No encontramos un convenio con ese número de expediente y ese DPI. Revise los dos: el "
        "DPI debe ser el de una de las partes del convenio (el trabajador, o el patrono o quien "
        "lo representa). Si el convenio es muy reciente, pregunte en el juzgado."
    ),
    too_many=Text(
        "Pida el detalle de los convenios en el juzgado, con su DPI y el número del expediente."
    ),
    most=MOST_ROWS,
    record_title=SERVICE_TITLE,
    record=record,
    document=DOCUMENT,
    searching=_("Estamos buscando el convenio en el portal del Organismo Judicial."),
    fetching=_("Estamos trayendo el convenio."),
)

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Convenio laboral"), "handshake", "consultar", order=25),
    flow=FLOW,
    actions={"search": search, "fetch": fetch},
    printouts=(
        Printout(
            DOCUMENT,
            agreement_record,
            advice=_(
                "Puede anotar lo que dice la pantalla, o pedir el detalle del convenio en el "
                "juzgado con su DPI y el número del expediente."
            ),
        ),
    ),
)
