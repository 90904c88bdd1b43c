"""Agenda de Audiencias: when a case's hearings are, or what a court holds on a day.

By case number (typed as people write it, or built step by step) the case's hearings, the coming
ones first; or by court (department → municipality → court) and a day picked by touch (today,
tomorrow, this week, next week, or one of the coming days written out), the court's agenda by
time, a page at a time. Each hearing: date and time, estimated length, kind and state (each
explained), court and room, the link of a virtual hearing (as text; on paper also as a QR), and
when the entry last changed, because hearings move. Reserved matters (family, children, sexual
crimes) read "Reservado" and nothing more; parties appear by their initials only.

``questions`` asks, ``actions`` calls the portal, ``record`` makes what is read, ``words`` says
kinds, states and days in plain Spanish, ``paper`` draws the printout.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from kiosk.flows.lookup import lookup
from kiosk.flows.text import _
from kiosk.services.base import Printout, RenderContext, Rendered, Service, Tile
from kiosk.services.hearings.actions import ACTIONS
from kiosk.services.hearings.questions import (
    COURT_STEPS,
    DAY_STEPS,
    NUMBER,
    WAY,
    YEAR_SEQUENCE,
)
from kiosk.services.hearings.record import LINK_ROW, record
from kiosk.text import Text

SERVICE_ID = "agenda-audiencias"
SERVICE_TITLE = _("Agenda de Audiencias")
DOCUMENT = "hearing"
#: a court's agenda over several days: more than this asks to choose one day
MOST = 40


async def hearing_paper(
    context: RenderContext, sources: Mapping[str, object]
) -> Sequence[Rendered]:
    """What the screen shows, on paper, in Spanish (a paper outlives the language switch)."""
    from kiosk.services.hearings.paper import Paper, PaperRow, PaperSection, render_paper

    answers = dict(sources)
    detail = record(answers, answers)
    page = sources.get("search")
    searched = getattr(page, "searched", "") or Text("Agenda de audiencias")
    paper = Paper(
        title=str(Text(SERVICE_TITLE)),
        heading=str(detail.heading),
        searched=str(searched),
        printed_at=datetime.now(UTC),
        sections=tuple(
            PaperSection(
                title=str(section.title),
                rows=tuple(
                    PaperRow(
                        str(Text(row.label)), str(row.value), str(row.explain), row.id == LINK_ROW
                    )
                    for row in section.rows
                ),
                timeline=tuple((day, str(what)) for day, what in section.timeline),
                note=str(section.note),
                # the link, beside its row, as a QR a phone opens
                qr=next((str(r.value) for r in section.rows if r.id == LINK_ROW), None),
            )
            for section in detail.sections
        ),
        kiosk_id=context.kiosk_id,
    )
    return [Rendered(DOCUMENT, "Audiencia OJ", lambda: render_paper(paper))]


FLOW = lookup(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    ask=(WAY, NUMBER),
    extra=(*COURT_STEPS, YEAR_SEQUENCE, *DAY_STEPS),
    results_title=_("Audiencias encontradas"),
    empty=Text(
        "No hay audiencias publicadas para lo que buscó. Si buscó un número, revise que esté "
        "igual que en sus papeles; si buscó un juzgado, pruebe otro día. Toque «Atrás» para "
        "cambiar la búsqueda."
    ),
    too_many=Text(
        "Son demasiadas para verlas aquí: toque «Atrás» y elija un solo día, o busque con el "
        "número del expediente."
    ),
    most=MOST,
    record_title=_("La audiencia"),
    record=record,
    document=DOCUMENT,
    searching=_("Estamos buscando en la agenda del Organismo Judicial."),
    fetching=_("Estamos trayendo la audiencia."),
)

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Agenda de audiencias"), "calendar", "consultar", order=10),
    flow=FLOW,
    actions=ACTIONS,
    printouts=(
        Printout(
            DOCUMENT,
            hearing_paper,
            advice=_(
                "Puede anotar la fecha, la hora y el número del expediente, o consultarlo otra vez."
            ),
        ),
    ),
)
