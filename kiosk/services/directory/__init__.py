"""Directorio de dependencias y órganos jurisdiccionales: where every court and office of the OJ
is, how to reach it and when it is open.

By a few words (accents, capitals, singular or plural do not matter; a word cut short still
finds) or by place (department → kind → municipality, or the whole department), a list of
entries, then one entry's card: its name in large type, what it is and what it hears, the
address, phone, hours with «Abierto ahora» or when it opens next by the kiosk's clock, the email,
and a QR that opens the place on a phone's map. «Imprimir» gives the card on paper. Public
information: no person is named.

``questions`` asks, ``portal`` calls the portal, ``card`` makes the card and its paper,
``words`` says kinds, matters and hours in plain Spanish.
"""

from __future__ import annotations

from kiosk.flows.lookup import lookup
from kiosk.flows.text import _
from kiosk.services.base import Printout, Service, Tile
from kiosk.services.directory.card import DOCUMENT, card_paper, record
from kiosk.services.directory.portal import ACTIONS
from kiosk.services.directory.questions import PLACE, WAY, WORDS
from kiosk.text import Text

SERVICE_ID = "directorio"
SERVICE_TITLE = _("Directorio de dependencias y órganos jurisdiccionales")
#: more than this asks to narrow the search (a department's whole list is often more)
MOST = 60

FLOW = lookup(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    ask=(WAY, WORDS),
    extra=PLACE,
    results_title=_("Juzgados y oficinas encontrados"),
    empty=Text(
        "No encontramos ningún juzgado ni oficina. Toque «Atrás»: revise cómo escribió las "
        "palabras, pruebe con menos palabras o con una cortada («mediac»), o busque por lugar."
    ),
    too_many=Text(
        "Toque «Atrás» y agregue una palabra, por ejemplo el municipio («juzgado de paz "
        "Mixco»), o elija una clase de dependencia y un municipio."
    ),
    most=MOST,
    record_title=_("Directorio de tribunales y oficinas"),
    record=record,
    document=DOCUMENT,
    searching=_("Estamos buscando en el directorio del Organismo Judicial."),
    fetching=_("Estamos trayendo los datos del juzgado u oficina."),
)

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Directorio de tribunales y oficinas"), "building", "informacion", order=10),
    flow=FLOW,
    actions=ACTIONS,
    printouts=(
        Printout(
            DOCUMENT,
            card_paper,
            advice=_(
                "Lea el código QR de la pantalla con su teléfono, o anote la dirección y el "
                "teléfono."
            ),
        ),
    ),
)
