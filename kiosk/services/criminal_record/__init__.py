"""Antecedentes Penales en línea: the constancia that says whether a person has criminal
sentences on record, Q30.00 paid by bank slip or online, valid six months.

``flow`` declares the questions and branches, ``rules`` the checks and screen texts they are
built from, ``actions`` the portal calls, ``printouts`` the documents."""

from kiosk.flows.text import _
from kiosk.services.base import Service, Tile
from kiosk.services.criminal_record.actions import ACTIONS
from kiosk.services.criminal_record.flow import CRIMINAL_RECORD
from kiosk.services.criminal_record.printouts import PRINTOUTS

SERVICE = Service(
    id="antecedentes-penales",
    title=_("Antecedentes Penales en línea"),
    tile=Tile(_("Antecedentes Penales"), "certificate", "tramites", order=0, featured=True),
    flow=CRIMINAL_RECORD,
    actions=ACTIONS,
    printouts=PRINTOUTS,
)
