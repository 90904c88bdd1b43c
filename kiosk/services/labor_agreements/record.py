"""The record of Consulta de Convenio Laboral, on screen and on paper: first how it goes (its
state explained, the balance, the overdue instalments, the next one due), then the convenio
(court, totals), the parties by initials, one page of the schedule, and what to do if the
employer does not pay.

On screen each instalment is a row named by its number (``value.instalment.<n>``, its
explanation ``hint.instalment.<n>``): the day it falls due on the left, then the amount and its
state in a word («VENCIDA» written out, never a colour alone), and under it what was paid and
when. The paper is the same page, tighter so that it fits one sheet: the instalments as dated
lines, the states without their explanations, the advice in one sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kiosk import formats
from kiosk.flows.lookup import fetched
from kiosk.flows.model import Answers
from kiosk.flows.records import Detail, DetailRow, DetailSection
from kiosk.flows.text import _
from kiosk.portal.models.labor_agreements import (
    AgreementStatus,
    Instalment,
    InstalmentState,
    LaborAgreement,
)
from kiosk.services.base import RenderContext, Rendered
from kiosk.services.labor_agreements.portal import searched
from kiosk.services.labor_agreements.words import (
    DOCUMENT,
    IF_UNPAID,
    OVERDUE_MEANS,
    ROLES,
    SERVICE_TITLE,
    STATES,
    STATUSES,
    THROUGH_THE_COURT,
)
from kiosk.services.record_paper import record_printout, spanish_row
from kiosk.text import Text


def record(answers: Answers, results: dict[str, object]) -> Detail:
    return _record(fetched(results, LaborAgreement), paper=False)


def _record(found: LaborAgreement, *, paper: bool) -> Detail:
    heading = Text("Convenio del expediente {number}", number=found.number)
    if paper:  # one sheet: the facts in one block, then the page of the schedule
        sections = (_on_paper(found), _schedule(found, paper=True), _if_unpaid(found, paper=True))
        return Detail(heading, sections)
    return Detail(
        heading,
        (
            _how_it_goes(found),  # what the visitor came for first: paid up or not, what is due
            _agreement(found),
            _parties(found),
            _schedule(found, paper=False),
            _if_unpaid(found, paper=False),
        ),
    )


def _on_paper(found: LaborAgreement) -> DetailSection:
    """How it goes, the convenio's court and total and the parties in one section, each row
    without its explanation: the sheet has room for the facts and a page of twelve instalments."""
    agreement = {row.id: row for row in _agreement(found).rows}
    rows = [
        agreement["court"],
        *_parties(found).rows,
        agreement["total"],
        *_how_it_goes(found).rows,
    ]
    bare = tuple(DetailRow(row.id, row.label, row.value) for row in rows)
    return DetailSection("agreement", Text("El convenio"), rows=bare, note=_updated(found))


def _updated(found: LaborAgreement) -> Text:
    return Text("Datos actualizados el {day}.", day=formats.day_and_clock(found.updated_at))


def _how_it_goes(found: LaborAgreement) -> DetailSection:
    """The state explained, the balance, the overdue instalments and the next one due."""
    status, explained = STATUSES[found.status]
    rows = [
        DetailRow("status", _("Estado"), Text(status), Text(explained)),
        DetailRow(
            "balance",
            _("Saldo pendiente"),
            formats.money(found.balance),
            Text("Lo que falta pagar de todo el convenio."),
        ),
    ]
    if found.overdue_count:
        rows.append(
            DetailRow(
                "overdue",
                _("Cuotas vencidas"),
                Text(
                    "{count} sin pagar completas: faltan {amount}",
                    count=found.overdue_count,
                    amount=formats.money(found.overdue_amount),
                ),
                Text(OVERDUE_MEANS),
            )
        )
    due = found.next_due
    if due is not None:
        rows.append(
            DetailRow(
                "next",
                _("Próxima cuota"),
                Text(
                    "Cuota {number}: {amount}, vence el {day}",
                    number=due.number,
                    amount=formats.money(due.amount - due.paid_amount),
                    day=formats.day(due.due_on),
                ),
            )
        )
    if found.status is AgreementStatus.CUMPLIDO:
        note: Text | str = Text("El convenio está pagado por completo: no hay cuotas por pagar.")
    elif due is None:
        note = Text("Ya pasó la fecha de todas las cuotas: no queda ninguna por vencer.")
    else:
        note = ""
    return DetailSection("due", Text("Cómo va el convenio"), rows=tuple(rows), note=note)


def _agreement(found: LaborAgreement) -> DetailSection:
    rows = (
        DetailRow("court", _("Juzgado"), found.court_name),
        DetailRow("department", _("Departamento"), found.department),
        DetailRow("approved_on", _("Aprobado el"), formats.day(found.approved_on)),
        DetailRow("total", _("Total acordado"), formats.money(found.total)),
        DetailRow("paid", _("Pagado hasta hoy"), formats.money(found.paid)),
        DetailRow(
            "instalment_count", _("Cuotas"), Text("{count} en total", count=found.instalment_count)
        ),
    )
    note = Text("{through} {updated}", through=Text(THROUGH_THE_COURT), updated=_updated(found))
    return DetailSection("agreement", Text("El convenio"), rows=rows, note=note)


def _parties(found: LaborAgreement) -> DetailSection:
    rows = tuple(
        DetailRow(f"party.{index}", ROLES[party.role], party.initials)
        for index, party in enumerate(found.parties)
    )
    note = Text("Por privacidad, las partes aparecen solo con sus iniciales.")
    return DetailSection("parties", Text("Partes"), rows=rows, note=note)


def _schedule(found: LaborAgreement, *, paper: bool) -> DetailSection:
    rows = tuple(_instalment_row(item) for item in found.instalments)
    count = found.instalment_count
    last = found.first + len(found.instalments) - 1
    whole = found.first == 1 and last == count
    title = (
        Text("Las cuotas ({count})", count=count)
        if whole
        else Text("Cuotas {first} a {last} de {count}", first=found.first, last=last, count=count)
    )
    if paper:  # dated lines, the paper's compact timeline, in the schedule's order
        lines = tuple((str(row.label), spanish_row(row)) for row in rows)
        note = Text("Cada fecha es el día en que vence la cuota.")
        return DetailSection("instalments", title, timeline=lines, note=note)
    note = (
        Text("Cada fecha es el día en que vence la cuota.")
        if whole
        else Text("Cada fecha es el día en que vence la cuota. Para ver las demás, toque «Atrás».")
    )
    return DetailSection("instalments", title, rows=rows, note=note)


def _instalment_row(item: Instalment) -> DetailRow:
    value = Text(
        "Cuota {number}: {amount}, {state}",
        number=item.number,
        amount=formats.money(item.amount),
        state=Text(STATES[item.state]),
    )
    return DetailRow(f"instalment.{item.number}", formats.day(item.due_on), value, _paid(item))


def _paid(item: Instalment) -> Text | str:
    """What was paid towards it and when; nothing for one not due and not paid."""
    if item.state is InstalmentState.PAGADA and item.paid_on is not None:
        return Text(
            "Pagada el {day}: {paid}.",
            day=formats.day(item.paid_on),
            paid=formats.money(item.paid_amount),
        )
    if item.paid_amount and item.paid_on is not None:
        return Text(
            "Se pagaron {paid} el {day}; faltan {missing}.",
            paid=formats.money(item.paid_amount),
            day=formats.day(item.paid_on),
            missing=formats.money(item.amount - item.paid_amount),
        )
    if item.state is InstalmentState.VENCIDA:
        return Text("No se ha pagado nada de esta cuota.")
    return ""


def _if_unpaid(found: LaborAgreement, *, paper: bool) -> DetailSection:
    title = Text("Si el patrono no paga")
    if paper:
        note = Text(
            "Si una cuota vence y no se paga, avise al juzgado que aprobó el convenio, con su "
            "DPI y el número del expediente."
        )
        return DetailSection("if_unpaid", title, note=note)
    where = DetailRow(
        "where",
        _("Dónde acudir"),
        found.court_name,
        Text("Lleve su DPI y el número del expediente."),
    )
    return DetailSection("if_unpaid", title, rows=(where,), note=Text(IF_UNPAID))


# --- the printout --------------------------------------------------------------------------------


async def agreement_record(
    context: RenderContext, sources: Mapping[str, object]
) -> Sequence[Rendered]:
    """The page on screen, on paper, in Spanish: the DPI by its last four digits, the parties
    by their initials."""
    answers = dict(sources)
    return record_printout(
        DOCUMENT,
        "Convenio laboral OJ",
        _record(fetched(answers, LaborAgreement), paper=True),
        title=Text(SERVICE_TITLE),
        searched=Text("Buscado: {searched}.", searched=searched(answers)),
        kiosk_id=context.kiosk_id,
    )
