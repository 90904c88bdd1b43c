"""Consulta de Antejuicios: an antejuicio (Decreto 85-2002) found by its number (``413-2016``, typed
as it comes or written as year and number apart) or by the official's name or post, accent- and
case-insensitive and without the second surname. Public officials are public; a private
promovente appears by initials; a reserved antejuicio says "Reservado" and nothing more. A search
that finds too many asks to narrow it (the department, the post); a long list pages with "Ver
más"; the record explains every stage and who decides, and prints.

Modules: ``questions`` (what is asked and its rules), ``portal`` (the search and the fetch),
``record`` (the record and its printout), ``words`` (every term, explained).
"""

from __future__ import annotations

from kiosk.flows.lookup import lookup
from kiosk.flows.text import _
from kiosk.services.antejuicios.portal import PAGE_SIZE, fetch, search
from kiosk.services.antejuicios.questions import DEPARTMENT, MODE, NUMBER, OFFICIAL, YEAR_SEQUENCE
from kiosk.services.antejuicios.record import DOCUMENT, SERVICE_TITLE, printout, record
from kiosk.services.base import Printout, Service, Tile
from kiosk.text import Text

SERVICE_ID = "antejuicios"
#: more than this asks to narrow the search instead of listing pages (three pages of PAGE_SIZE)
MOST = 3 * PAGE_SIZE

FLOW = lookup(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    ask=(MODE, NUMBER),
    extra=(YEAR_SEQUENCE, OFFICIAL, DEPARTMENT),
    results_title=_("Antejuicios encontrados"),
    empty=Text(
        "No encontramos ningún antejuicio con esos datos. Revise el número, o escriba solo un "
        "nombre y un apellido (sin tildes también sirve) y elija «Todo el país». Toque «Atrás» "
        "para cambiar la búsqueda."
    ),
    too_many=Text(
        "Toque «Atrás» y elija el departamento. También puede volver una vez más y escribir el "
        "nombre con el apellido, o el cargo con el lugar, por ejemplo «alcalde de Mixco»."
    ),
    most=MOST,
    record_title=SERVICE_TITLE,
    record=record,
    document=DOCUMENT,
    fetching=_("Estamos trayendo el antejuicio."),
)

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Antejuicios"), "gavel", "consultar", order=40),
    flow=FLOW,
    actions={"search": search, "fetch": fetch},
    printouts=(
        Printout(
            DOCUMENT,
            printout,
            advice=_("Puede anotar el número del antejuicio y consultarlo otra vez."),
        ),
    ),
)
