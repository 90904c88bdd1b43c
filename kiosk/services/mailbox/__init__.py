"""Casillero Electrónico: the notifications the courts deposit in the visitor's electronic box.

The visitor logs in with the portal account, or is already logged in: the log-in is the visit's
(``kiosk.services.visit_login``), so one made in Antecedentes Penales is reused here and one made
here serves the visit's other services. Then the box, newest first, the unread ones marked
«Nueva», ten at a time with «Ver más»; a notification opened is read at the portal too, and the
screen says plainly that reading it changes no deadline (it counts from when it was deposited,
art. 8) and which copies must be collected at the court (art. 10). «Imprimir» gives it on paper.
Personal: nothing of it outlives the visit; the log-in ends with the visit or «Cerrar sesión».

``actions`` calls the portal, ``record`` makes what is read and printed.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.flows.lookup import SEARCH, lookup
from kiosk.flows.model import ActionStep, Flow, QuestionStep
from kiosk.flows.text import _
from kiosk.services.base import Printout, Service, Tile
from kiosk.services.criminal_record.flow import CRIMINAL_RECORD
from kiosk.services.mailbox.actions import ACTIONS
from kiosk.services.mailbox.record import DOCUMENT, SERVICE_TITLE, notification_paper, record
from kiosk.services.visit_login import VISIT_LOGIN, after_visit_login
from kiosk.text import Text

SERVICE_ID = "casillero-electronico"
#: a box is read page after page, newest first: never "too many to show"
MOST = 1_000_000

# The portal account's log-in, asked as Antecedentes Penales asks it (the same fields and rules).
_ACCOUNT_LOGIN = CRIMINAL_RECORD.step("login")
assert isinstance(_ACCOUNT_LOGIN, QuestionStep)
LOGIN = replace(
    _ACCOUNT_LOGIN,
    intro=_("Es la cuenta del portal del Organismo Judicial donde recibe sus notificaciones."),
)

_LOOKUP = lookup(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    ask=(LOGIN,),
    results_title=_("Su casillero electrónico"),
    empty=Text(
        "Su casillero electrónico no tiene notificaciones. Cuando un juzgado le notifique una "
        "resolución, aparecerá aquí. Si espera una que no ve, pregunte en el juzgado que lleva "
        "su caso."
    ),
    record_title=SERVICE_TITLE,
    record=record,
    document=DOCUMENT,
    most=MOST,
    searching=_("Estamos abriendo su casillero electrónico."),
    fetching=_("Estamos abriendo la notificación."),
)

FLOW = Flow(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    start=VISIT_LOGIN,
    steps=(
        # logged in earlier in the visit (Antecedentes Penales): straight to the box
        ActionStep(
            VISIT_LOGIN,
            _("Un momento"),
            VISIT_LOGIN,
            next=after_visit_login(SEARCH, LOGIN.id),
            locks=False,
        ),
        replace(LOGIN, next="log_in"),
        ActionStep(
            "log_in",
            _("Ingresando"),
            "log_in",
            next=SEARCH,
            busy_text=_("Estamos revisando sus datos de ingreso."),
            locks=False,
        ),
        *(step for step in _LOOKUP.steps if step.id != LOGIN.id),
    ),
)
FLOW.validate_graph()

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Casillero Electrónico"), "mail", "tramites", order=40),
    flow=FLOW,
    actions=ACTIONS,
    printouts=(
        Printout(
            DOCUMENT,
            notification_paper,
            advice=_(
                "Puede leerla otra vez en el portal del Organismo Judicial desde cualquier "
                "computadora, o pedir una copia en el juzgado."
            ),
        ),
    ),
)
