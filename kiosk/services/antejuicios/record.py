"""The antejuicio read: who, which post, what is alleged, who promoted it (a private person by
initials), who decides and the stage, each explained, then what has been done, newest first. A
reserved one shows its number and "Reservado" only. "Imprimir" gives the same on paper."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kiosk import formats
from kiosk.flows.lookup import fetched
from kiosk.flows.model import Answers
from kiosk.flows.records import Detail, DetailRow, DetailSection
from kiosk.flows.text import _
from kiosk.portal.models.antejuicios import Antejuicio
from kiosk.services.antejuicios.portal import searched
from kiosk.services.antejuicios.words import (
    BODIES,
    PROMOVENTES,
    RESERVED,
    RESERVED_EXPLAINED,
    STAGES,
    WHAT_IT_IS,
)
from kiosk.services.base import RenderContext, Rendered
from kiosk.services.record_paper import record_printout
from kiosk.text import Text

SERVICE_TITLE = _("Consulta de Antejuicios")
DOCUMENT = "antejuicio"


def record(answers: Answers, results: dict[str, object]) -> Detail:
    found = fetched(results, Antejuicio)
    heading = Text("Antejuicio {number}", number=found.number)
    if found.reserved or found.stage is None:
        row = DetailRow("stage", _("Estado"), Text(RESERVED), Text(RESERVED_EXPLAINED))
        return Detail(heading, (DetailSection("case", Text("El antejuicio"), rows=(row,)),))
    stage, stage_explained = STAGES[found.stage]
    rows = [
        DetailRow("official", _("Funcionario"), found.official or ""),
        DetailRow("post", _("Cargo"), found.post or ""),
        DetailRow("department", _("Departamento"), found.department or ""),
        DetailRow("alleged", _("Delito que se denuncia"), found.alleged or ""),
    ]
    if found.filed_on is not None:
        rows.append(DetailRow("filed_on", _("Presentado el"), formats.day(found.filed_on)))
    if found.promovente is not None:
        explained = Text(PROMOVENTES[found.promovente.kind])
        rows.append(DetailRow("promovente", _("Lo promovió"), found.promovente.name, explained))
    if found.body is not None:
        rows.append(
            DetailRow("body", _("Lo decide"), found.body_name or "", Text(BODIES[found.body]))
        )
    rows.append(DetailRow("stage", _("Etapa"), Text(stage), Text(stage_explained)))
    updated = (
        Text("Datos actualizados el {day}.", day=formats.day_and_clock(found.updated_at))
        if found.updated_at
        else ""
    )
    return Detail(
        heading,
        (
            DetailSection("case", Text("El antejuicio"), rows=tuple(rows), note=Text(WHAT_IT_IS)),
            DetailSection(
                "actuaciones",
                Text("Lo que se ha hecho"),
                timeline=tuple((formats.day(act.on), act.text) for act in found.actuaciones),
                note=updated,
            ),
        ),
    )


async def printout(context: RenderContext, sources: Mapping[str, object]) -> Sequence[Rendered]:
    """What the screen shows, on paper, in Spanish."""
    detail = record(dict(sources), dict(sources))
    return record_printout(
        DOCUMENT,
        "Antejuicio OJ",
        detail,
        title=Text(SERVICE_TITLE),
        searched=searched(dict(sources)),
        kiosk_id=context.kiosk_id,
    )
