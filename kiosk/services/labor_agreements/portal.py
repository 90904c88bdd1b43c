"""Consulta de Convenio Laboral at the portal: the search (case number and DPI) and the read of a
convenio with one page of its schedule.

What the search finds becomes the rows to choose from: one per convenio, or, for a schedule
longer than a page, one per page of it («cuotas 13 a 24 de 36»), each saying what is in it
(all paid, overdue ones, the next one due). A single row opens at once; choosing another page
is «Atrás» and a tap. Both calls carry the step's Idempotency-Key (a retry after a lost answer
is answered from the portal's record, not counted as another try); "Ver más" derives its own
from the step's and the page it asks for.
"""

from __future__ import annotations

import math
import uuid

from kiosk import formats
from kiosk.flows.lookup import CURSOR, SELECTED
from kiosk.flows.model import Answers
from kiosk.flows.records import ResultRow, ResultsPage
from kiosk.identity import mask_dpi
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models.labor_agreements import (
    LABOR_AGREEMENT_SCHEDULE,
    SEARCH_LABOR_AGREEMENTS,
    SEARCH_LIMIT_MAX,
    AgreementSearch,
    AgreementStatus,
    AgreementSummary,
    ScheduleRequest,
)
from kiosk.services.base import ActionContext, AnswerRejected
from kiosk.services.labor_agreements.questions import DPI_FIELD, searched_number
from kiosk.services.labor_agreements.words import MOST_ROWS, PAGE
from kiosk.text import Text

_NUMBER_CODES = frozenset({"case_number_invalid", "case_number_not_sgt"})


def searched(answers: Answers) -> Text:
    """What was searched, as the screen and the paper say it: the DPI by its last 4 digits."""
    return Text(
        "Expediente {number}, DPI {dpi}",
        number=str(searched_number(answers)),
        dpi=mask_dpi(str(answers[DPI_FIELD])),
    )


def row_id(agreement_id: str, first: int) -> str:
    """A row: a convenio and the first instalment of the page it opens on."""
    return f"{agreement_id}.{first}"


def parse_row(row: str) -> tuple[str, int]:
    agreement_id, _, first = row.rpartition(".")
    return agreement_id, int(first)


def _cursor(answers: Answers) -> tuple[str | None, int]:
    """The portal's cursor and how many rows the pages before gave: "Ver más" hands back our
    own ``next_cursor``, which carries both (the count keeps «Encontramos N» right)."""
    mine = answers.get(CURSOR)
    if not mine:
        return None, 0
    portal, _, shown = str(mine).rpartition(":")
    return portal, int(shown)


async def search(context: ActionContext, answers: Answers, key: str) -> object:
    number = searched_number(answers)
    cursor, shown = _cursor(answers)
    body = AgreementSearch(
        number=str(number), dpi=str(answers[DPI_FIELD]), limit=SEARCH_LIMIT_MAX, cursor=cursor
    )
    # a later page is another request: its own key, the same on every retry of that page
    call_key = key if cursor is None else str(uuid.uuid5(uuid.NAMESPACE_URL, f"{key}/{cursor}"))
    try:
        page = await context.client.call(
            SEARCH_LABOR_AGREEMENTS, body=body, idempotency_key=call_key
        )
    except PortalRejected as error:
        if error.code in _NUMBER_CODES:
            field = "number" if "number" in answers else "sequence"
            detail = Text("El portal no reconoce el número {number}: revíselo.", number=str(number))
            raise AnswerRejected.of(error, field, detail) from None
        if error.code == "dpi_invalid":
            raise AnswerRejected.of(
                error, DPI_FIELD, Text("Revise los 13 dígitos del DPI.")
            ) from None
        raise
    rows = tuple(row for item in page.items for row in rows_of(item))
    later = page.total - len(page.items)  # convenios on later pages: a row each at least
    total = shown + len(rows) + later
    said = searched(answers)
    if total <= MOST_ROWS and any(item.instalment_count > PAGE for item in page.items):
        said = Text(
            "{searched}. Un convenio de muchas cuotas se ve por partes: toque las cuotas que "
            "quiere ver.",
            searched=said,
        )
    more = f"{page.next_cursor}:{shown + len(rows)}" if page.next_cursor else None
    return ResultsPage(rows, total, more, said)


def rows_of(item: AgreementSummary) -> tuple[ResultRow, ...]:
    """A convenio's rows: itself, or each page of its schedule."""
    count = item.instalment_count
    pages = math.ceil(count / PAGE)
    if pages == 1:
        title = Text(
            "Convenio de {worker} con {employer}", worker=item.worker, employer=item.employer
        )
        return (ResultRow(row_id(item.id, 1), title, _facts(item)),)
    rows = []
    for page in range(pages):
        first, last = page * PAGE + 1, min((page + 1) * PAGE, count)
        title = Text(
            "Convenio de {worker}: cuotas {first} a {last} de {count}",
            worker=item.worker,
            first=first,
            last=last,
            count=count,
        )
        rows.append(ResultRow(row_id(item.id, first), title, (_page_fact(item, first, last),)))
    return tuple(rows)


def _facts(item: AgreementSummary) -> tuple[Text, ...]:
    money = Text(
        "Total {total}; falta pagar {balance}",
        total=formats.money(item.total),
        balance=formats.money(item.balance),
    )
    return (money, _status_fact(item))


def _status_fact(item: AgreementSummary) -> Text:
    if item.status is AgreementStatus.CUMPLIDO:
        return Text("Pagado por completo")
    if item.overdue_count:
        return Text("Cuotas vencidas sin pagar: {count}", count=item.overdue_count)
    if item.next_due is not None:
        return Text(
            "Al día; la próxima cuota vence el {day}", day=formats.day(item.next_due.due_on)
        )
    return Text("Al día")


def _page_fact(item: AgreementSummary, first: int, last: int) -> Text:
    """What a page of the schedule holds, so the visitor taps the one they need."""
    unpaid = item.first_unpaid
    if unpaid is None or last < unpaid:
        return Text("Todas pagadas")
    overdue_end = unpaid + item.overdue_count - 1
    has_overdue = item.overdue_count > 0 and first <= overdue_end and unpaid <= last
    due = item.next_due
    if due is not None and first <= due.number <= last:
        day = formats.day(due.due_on)
        if has_overdue:
            return Text("Hay cuotas VENCIDAS; la próxima vence el {day}", day=day)
        return Text("Aquí está la próxima cuota: vence el {day}", day=day)
    if has_overdue:
        return Text("Hay cuotas VENCIDAS")
    return Text("Cuotas por vencer")


async def fetch(context: ActionContext, answers: Answers, key: str) -> object:
    agreement_id, first = parse_row(str(answers[SELECTED]))
    body = ScheduleRequest(dpi=str(answers[DPI_FIELD]), first=first, limit=PAGE)
    return await context.client.call(
        LABOR_AGREEMENT_SCHEDULE,
        path={"agreement_id": agreement_id},
        body=body,
        idempotency_key=key,
    )
