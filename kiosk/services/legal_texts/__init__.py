"""Normativas y Resoluciones Judiciales: laws, CSJ acuerdos, circulars and published rulings,
found by words (accents, capitals and plurals do not matter; a word may be cut short), by kind
and by years, and read in large type: a short document whole, a long one by part (its Títulos
or Capítulos; the part with the searched words first). «Imprimir todo» prints what is read;
articles picked print alone («Imprimir lo elegido»), up to the kiosk's page cap.

Modules: ``questions`` (what is asked and its rules), ``portal`` (the search, the outline and a
part's text), ``reader`` (what is read), ``paper`` (what is printed), ``words`` (every term,
explained).
"""

from __future__ import annotations

from kiosk.flows.lookup import RECORD, RESULTS, SELECTED
from kiosk.flows.model import ActionStep, DetailStep, Flow, ResultsStep
from kiosk.flows.text import _
from kiosk.services.base import Printout, Service, Tile
from kiosk.services.legal_texts.paper import DOCUMENT, legal_text_paper
from kiosk.services.legal_texts.portal import (
    OPEN,
    PAGE_SIZE,
    PART,
    READ,
    SEARCH,
    open_text,
    read_part,
    search,
)
from kiosk.services.legal_texts.questions import FILTERS, WORDS
from kiosk.services.legal_texts.reader import record
from kiosk.services.legal_texts.words import SERVICE_ID, SERVICE_TITLE
from kiosk.text import Text

#: more than this asks to narrow the search: ten pages of the best matches are plenty to read
MOST = 10 * PAGE_SIZE
PARTS = "parts"

FLOW = Flow(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    start=WORDS.id,
    steps=(
        WORDS,
        FILTERS,
        ActionStep(
            SEARCH,
            _("Buscando"),
            SEARCH,
            next=RESULTS,
            busy_text=_("Estamos buscando en las normativas del Organismo Judicial."),
            locks=False,
        ),
        ResultsStep(
            RESULTS,
            _("Documentos encontrados"),
            source=SEARCH,
            field=SELECTED,
            next=OPEN,
            empty=Text(
                "No encontramos ningún documento con esas palabras. Pruebe con menos palabras, "
                "con otras parecidas, o con el comienzo de una palabra (por ejemplo «notific»). "
                "Toque «Atrás» para cambiarlas."
            ),
            more=SEARCH,
            most=MOST,
            too_many=Text(
                "Toque «Atrás» y agregue otra palabra, o elija un tipo de documento o unos años."
            ),
        ),
        ActionStep(
            OPEN,
            _("Abriendo"),
            OPEN,
            next=PARTS,
            busy_text=_("Estamos trayendo el documento."),
            locks=False,
        ),
        ResultsStep(
            PARTS,
            _("¿Qué parte quiere leer?"),
            source=OPEN,
            field=PART,
            next=READ,
            empty=Text("Este documento no tiene texto para leer aquí."),
            most=500,
        ),
        ActionStep(
            READ,
            _("Abriendo"),
            READ,
            next=RECORD,
            busy_text=_("Estamos trayendo el texto."),
            locks=False,
        ),
        DetailStep(RECORD, SERVICE_TITLE, record, document=DOCUMENT),
    ),
)
FLOW.validate_graph()

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Normativas y resoluciones"), "book", "informacion", order=20),
    flow=FLOW,
    actions={SEARCH: search, OPEN: open_text, READ: read_part},
    printouts=(
        Printout(
            DOCUMENT,
            legal_text_paper,
            advice=_(
                "Puede marcar solo los artículos que necesita y tocar «Imprimir lo elegido», o "
                "consultar el texto completo en la Biblioteca del Organismo Judicial o en el "
                "portal del OJ."
            ),
        ),
    ),
)
