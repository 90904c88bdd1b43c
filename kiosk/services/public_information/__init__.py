"""Solicitud de Información Pública (Decreto 57-2008): anyone asks the Organismo Judicial for
public information and leaves with a numbered receipt that says by when the answer is due
(counted on working days by the portal), how it will come and how to appeal; or finds a request
made before by its folio and prints its receipt again.

``flow`` declares the questions, ``rules`` checks the answers and picks the branches, ``record``
says what the screens show, ``words`` names deliveries, states and the law's rules, ``actions``
calls the portal and ``paper`` makes the receipt."""

from kiosk.flows.text import _
from kiosk.services.base import Printout, Service, Tile
from kiosk.services.public_information.actions import ACTIONS
from kiosk.services.public_information.flow import FLOW, SERVICE_ID, TITLE
from kiosk.services.public_information.paper import DOCUMENT, receipt_paper

SERVICE = Service(
    id=SERVICE_ID,
    title=TITLE,
    tile=Tile(_("Información pública"), "folder", "solicitudes", order=10),
    flow=FLOW,
    actions=ACTIONS,
    printouts=(
        Printout(
            DOCUMENT,
            receipt_paper,
            advice=_(
                "Anote el folio de arriba: con él puede volver a imprimir el comprobante en "
                "cualquier quiosco («Información pública», «Ver una solicitud que ya hice») o "
                "preguntar por su solicitud en la Unidad de Información Pública."
            ),
        ),
    ),
)
