"""Formulario Electrónico de Ingresos (FEI): the OJ's form to pay at a bank a fine, a bail, a
certification, copies, a fee or a court deposit. The kiosk never takes money: it makes the form
at the portal and prints it, with its number, the amount in figures and words, a barcode and a QR
for the bank, and the last day it can be paid.

``flow`` declares the questions, ``rules`` the checks and texts, ``catalogue`` the portal's
concepts as last read, ``actions`` the portal calls, ``printouts`` the paper, ``amount_words`` the
amount in words."""

from kiosk.flows.text import _
from kiosk.services.base import Service, Tile
from kiosk.services.income_forms.actions import ACTIONS
from kiosk.services.income_forms.flow import FLOW, SERVICE_ID, TITLE
from kiosk.services.income_forms.printouts import PRINTOUTS

SERVICE = Service(
    id=SERVICE_ID,
    title=TITLE,
    tile=Tile(_("Formulario de pago en el banco (FEI)"), "form", "tramites", order=30),
    flow=FLOW,
    actions=ACTIONS,
    printouts=PRINTOUTS,
)
