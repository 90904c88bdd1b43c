"""Registro Central de Detenidos: is a person registered as detained now? Asked by DPI, or by the
full name (at least one given name and the first surname, whole words; accents, letter case and
a missing second surname do not matter; never a partial name).

The answer is the public minimum (SERVICES.md): registered or not, where, the court in charge,
since when; the person by initials, birth year and department of birth. People who share a name
are listed by those alone. A reserved matter shows "reservado" and nothing else. Nobody found is
an answer too, «No registra detención», with what it does and does not mean, and it prints like
any other.

``questions`` asks, ``portal`` searches and reads, ``record`` shows and prints, ``words`` says
what each answer means.
"""

from __future__ import annotations

from kiosk.flows.lookup import lookup
from kiosk.flows.text import _
from kiosk.portal.models.detainees import NAME_MATCHES_MAX
from kiosk.services.base import Printout, Service, Tile
from kiosk.services.detainees.portal import NotRegistered, fetch, search
from kiosk.services.detainees.questions import ASK_DPI, ASK_NAME
from kiosk.services.detainees.record import detainee_record, record
from kiosk.services.detainees.words import DOCUMENT, NOT_REGISTERED, SERVICE_ID, SERVICE_TITLE
from kiosk.text import Text

__all__ = ["FLOW", "NOT_REGISTERED", "SERVICE", "NotRegistered", "detainee_record"]

FLOW = lookup(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    ask=(ASK_DPI,),
    extra=(ASK_NAME,),
    results_title=_("Personas encontradas"),
    empty=Text("No registra detención"),  # never shown: nobody found is a row of its own
    too_many=Text(
        "Toque «Atrás» y escriba también el segundo apellido u otro nombre, o busque con el DPI."
    ),
    most=NAME_MATCHES_MAX,
    record_title=SERVICE_TITLE,
    record=record,
    document=DOCUMENT,
    searching=_("Estamos buscando en el Registro Central de Detenidos."),
    fetching=_("Estamos trayendo el registro."),
)

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Registro Central de Detenidos"), "people", "consultar", order=80),
    flow=FLOW,
    actions={"search": search, "fetch": fetch},
    printouts=(
        Printout(
            DOCUMENT,
            detainee_record,
            advice=_("Puede anotar lo que dice la pantalla o consultar otra vez más tarde."),
        ),
    ),
)
