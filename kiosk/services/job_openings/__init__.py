"""Gerencia de Recursos Humanos: convocatorias (the public part). The OJ's open convocatorias
(post, court or office, pay, requirements, papers, dates, where to hand them in), searched by
words (accents, case, singular or plural do not matter), department, open or closed; each read
in large type with the time left counted honestly, and printed. A closed one shows its results,
and a visitor finds their own by the number on the receipt of their papers (never by name).

Modules: ``questions`` (what is asked and its rules), ``portal`` (the search, the fetch and the
result), ``record`` (what is read and printed), ``words`` (every term, explained).
"""

from __future__ import annotations

from kiosk.flows.lookup import lookup
from kiosk.flows.model import ActionStep, DetailStep
from kiosk.flows.text import _
from kiosk.services.base import Printout, Service, Tile
from kiosk.services.job_openings.portal import FIND_RESULT, PAGE_SIZE, fetch, find_result, search
from kiosk.services.job_openings.questions import APPLICATION, DEPARTMENT, MODE, OPENING, WORDS
from kiosk.services.job_openings.record import (
    DOCUMENT,
    RESULT_DOCUMENT,
    SERVICE_ID,
    SERVICE_TITLE,
    job_printout,
    record,
    result_printout,
    result_record,
)
from kiosk.text import Text

#: more than this asks to narrow the search instead of listing pages
MOST = 6 * PAGE_SIZE

FLOW = lookup(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    ask=(MODE, WORDS, DEPARTMENT),
    extra=(
        OPENING,
        APPLICATION,
        ActionStep(
            FIND_RESULT,
            _("Buscando"),
            FIND_RESULT,
            next="result",
            busy_text=_("Estamos buscando su resultado."),
            locks=False,
        ),
        DetailStep("result", SERVICE_TITLE, result_record, document=RESULT_DOCUMENT),
    ),
    results_title=_("Convocatorias encontradas"),
    empty=Text(
        "No encontramos convocatorias con esa búsqueda. Toque «Atrás» y pruebe con otra palabra "
        "(por ejemplo «oficial» o «piloto»), déjela en blanco o elija «Todo el país»."
    ),
    too_many=Text(
        "Toque «Atrás» y elija un departamento, o vuelva una vez más y escriba una palabra del "
        "puesto, por ejemplo «notificador»."
    ),
    most=MOST,
    record_title=SERVICE_TITLE,
    record=record,
    document=DOCUMENT,
    searching=_("Estamos buscando las convocatorias."),
    fetching=_("Estamos trayendo la convocatoria."),
)

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Empleos en el OJ"), "people", "informacion", order=40),
    flow=FLOW,
    actions={"search": search, "fetch": fetch, FIND_RESULT: find_result},
    printouts=(
        Printout(
            DOCUMENT,
            job_printout,
            advice=_(
                "Puede anotar el número de la convocatoria y consultarla otra vez en cualquier "
                "quiosco."
            ),
        ),
        Printout(
            RESULT_DOCUMENT,
            result_printout,
            advice=_(
                "Puede anotar su resultado, o consultarlo otra vez con el número de la "
                "convocatoria y el de su solicitud."
            ),
        ),
    ),
)
