"""Estadísticas de Mediación y Facilitadores Judiciales: how much mediation happens, and how many
facilitadores judiciales serve, in a department or the whole country, year by year.

What (mediation or facilitadores) → year (the latest first) → department (or «Todo el país») →
the record: the figures of that year, the year's departments as horizontal bars (the chosen one
set apart), the place's years as a trend (the chosen year set apart), each chart with its numbers
beside it and one sentence that says what it shows; for mediation, what the cases were about.
«Buscar un centro de mediación» (or facilitadores) opens the directory on the same department.
The printout carries the same charts as vector graphics. Aggregates only: nothing personal.

``questions`` asks, ``actions`` reads the portal, ``record`` makes what is shown (``words`` says
the numbers and sentences), ``paper`` prints it.
"""

from __future__ import annotations

from kiosk.flows.lookup import FETCH, RECORD
from kiosk.flows.model import ActionStep, DetailStep, Flow
from kiosk.flows.text import _
from kiosk.services.base import Printout, Service, Tile
from kiosk.services.mediation_stats.actions import ACTIONS
from kiosk.services.mediation_stats.paper import DOCUMENT, statistics_paper
from kiosk.services.mediation_stats.questions import DEPARTMENT, TOPIC, YEAR
from kiosk.services.mediation_stats.record import record

SERVICE_ID = "estadisticas-mediacion"
SERVICE_TITLE = _("Estadísticas de Mediación y Facilitadores Judiciales")

FLOW = Flow(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    steps=(
        TOPIC,
        YEAR,
        DEPARTMENT,
        ActionStep(
            FETCH,
            _("Cifras"),
            FETCH,
            next=RECORD,
            busy_text=_("Estamos trayendo las cifras."),
            locks=False,  # reading figures binds nothing: «Atrás» changes the question
        ),
        DetailStep(RECORD, SERVICE_TITLE, record, document=DOCUMENT),
    ),
    start=TOPIC.id,
)
FLOW.validate_graph()

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Mediación y facilitadores"), "chart", "informacion", order=30),
    flow=FLOW,
    actions=ACTIONS,
    printouts=(
        Printout(
            DOCUMENT,
            statistics_paper,
            advice=_(
                "Puede anotar las cifras de la pantalla, o consultarlas otra vez en cualquier "
                "quiosco."
            ),
        ),
    ),
)
