"""The record of Registro Central de Detenidos, on screen and on paper: the answer first (with
what it means), then where the person is and who is in charge, then who the person is (initials,
birth year and department, the DPI's last four digits)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kiosk import formats
from kiosk.flows.model import Answers
from kiosk.flows.records import Detail, DetailRow, DetailSection
from kiosk.flows.text import _
from kiosk.portal.models.detainees import Detainee, DetentionStatus
from kiosk.services.base import RenderContext, Rendered
from kiosk.services.detainees.portal import NotRegistered, searched, searched_on_paper
from kiosk.services.detainees.words import (
    DOCUMENT,
    NOT_REGISTERED,
    PLACE_EXPLAINED,
    SERVICE_TITLE,
    STATUS_EXPLAINED,
)
from kiosk.services.record_paper import record_printout
from kiosk.text import Text


def record(answers: Answers, results: dict[str, object]) -> Detail:
    found = results.get("fetch")
    asked = DetailRow("searched", _("Búsqueda"), searched(answers))
    if isinstance(found, NotRegistered):
        return _not_registered(answers, asked)
    if not isinstance(found, Detainee):
        raise TypeError("fetch returns a Detainee or NotRegistered")
    status = DetailRow(
        "status", _("Situación"), _status_name(found.status), Text(STATUS_EXPLAINED[found.status])
    )
    if found.status is DetentionStatus.RESERVADO:
        return Detail(
            Text("Registro reservado"),
            (DetailSection("result", Text("Resultado"), rows=(asked, status)),),
        )
    return Detail(
        Text("Registra detención"),
        (
            DetailSection("result", Text("Resultado"), rows=(asked, status)),
            _detention(found),  # where and who is in charge first: what the visitor came for
            _person(found),
        ),
    )


def _status_name(status: DetentionStatus) -> Text:
    if status is DetentionStatus.DETENIDO:
        return Text("Registra detención")
    return Text("Reservado")


def _not_registered(answers: Answers, asked: DetailRow) -> Detail:
    status = DetailRow(
        "status", _("Situación"), Text("No registra detención"), Text(NOT_REGISTERED)
    )
    note = (
        Text("Una detención de las últimas horas puede no aparecer todavía: consulte más tarde.")
        if answers.get("dpi")
        else Text(
            "Revise cómo se escribe el nombre o busque con el DPI. Una detención de las últimas "
            "horas puede no aparecer todavía."
        )
    )
    section = DetailSection("result", Text("Resultado"), rows=(asked, status), note=note)
    return Detail(Text("No registra detención"), (section,))


def _person(found: Detainee) -> DetailSection:
    rows = (
        DetailRow("initials", _("Nombre (iniciales)"), found.initials or ""),
        DetailRow("birth_year", _("Año de nacimiento"), str(found.birth_year or "")),
        DetailRow(
            "birth_department", _("Departamento de nacimiento"), found.birth_department or ""
        ),
        DetailRow("dpi", _("DPI"), f"•••• ••••• {found.dpi_last4}"),  # as identity.mask_dpi
    )
    note = Text("Por privacidad se muestran solo las iniciales y los últimos 4 dígitos del DPI.")
    return DetailSection("person", Text("La persona"), rows=rows, note=note)


def _detention(found: Detainee) -> DetailSection:
    rows: list[DetailRow] = []
    if found.place is not None:
        rows += [
            DetailRow(
                "place", _("Dónde está"), found.place.name, Text(PLACE_EXPLAINED[found.place.kind])
            ),
            DetailRow("place_department", _("Departamento"), found.place.department),
        ]
    if found.court_name:
        rows.append(
            DetailRow(
                "court",
                _("Juzgado a cargo"),
                found.court_name,
                Text("Ahí pueden informar sobre el caso y sus audiencias."),
            )
        )
    if found.detained_since is not None:
        rows.append(DetailRow("since", _("Detenida desde"), formats.day(found.detained_since)))
    note = (
        Text("Datos actualizados el {day}.", day=formats.day_and_clock(found.updated_at))
        if found.updated_at
        else ""
    )
    return DetailSection("detention", Text("La detención"), rows=tuple(rows), note=note)


# --- the printout --------------------------------------------------------------------------------


async def detainee_record(
    context: RenderContext, sources: Mapping[str, object]
) -> Sequence[Rendered]:
    """What the screen shows, on paper, in Spanish; what was searched by initials only."""
    answers = dict(sources)
    return record_printout(
        DOCUMENT,
        "Registro de detenidos OJ",
        record(answers, answers),
        title=Text(SERVICE_TITLE),
        searched=searched_on_paper(answers),
        kiosk_id=context.kiosk_id,
        keep_row=lambda row: row.id != "searched",  # said once, above, the paper's way
    )
