"""The agenda's two portal calls: the search (a case's hearings, or a court's agenda on the days
chosen) as rows of a list, and one hearing read in full. A reserved case comes back from the
search as its number only; its "record" is made here, without a call: the portal gives nothing
else of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kiosk import formats
from kiosk.courts import court as find_court
from kiosk.flows.lookup import CURSOR, SELECTED
from kiosk.flows.model import Answers
from kiosk.flows.records import ResultRow, ResultsPage
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models.hearings import (
    HEARING,
    SEARCH_HEARINGS,
    HearingPage,
    HearingSummary,
)
from kiosk.services.base import ActionContext, AnswerRejected
from kiosk.services.hearings.questions import BY_COURT, days_of, searched_number
from kiosk.services.hearings.words import KINDS, STATES, spoken_day, spoken_days
from kiosk.text import Shown, Text

PAGE_SIZE = 10
#: the row a reserved case answers with (``action.select.reserved``)
RESERVED = "reserved"


@dataclass(frozen=True)
class ReservedCase:
    """What the kiosk may say of a reserved case: its number."""

    number: str


def searched_days(answers: Answers) -> tuple[date, date]:
    return days_of(str(answers["when"]), answers.get("day"))


async def search(context: ActionContext, answers: Answers, key: str) -> object:
    cursor = answers.get(CURSOR)
    query: dict[str, str | int | None] = {
        "limit": PAGE_SIZE,
        "cursor": str(cursor) if cursor else None,
    }
    if answers.get("way") == BY_COURT:
        first, last = searched_days(answers)
        query |= {"court": str(answers["court"]), "date": first.isoformat()}
        if last != first:
            query["until"] = last.isoformat()
        page = await context.client.call(SEARCH_HEARINGS, query=query)
        return _agenda(page, str(answers["court"]), first, last)
    number = str(searched_number(answers))
    try:
        page = await context.client.call(SEARCH_HEARINGS, query={**query, "case": number})
    except PortalRejected as error:
        if not error.code.startswith("case_number"):
            raise
        field = "number" if "number" in answers else "sequence"
        detail = Text("El portal no reconoce el número {number}: revíselo.", number=number)
        raise AnswerRejected.of(error, field, detail) from None
    searched: Shown = Text("Número buscado: {number}", number=number)
    if page.reserved_case is not None:
        row = ResultRow(RESERVED, Text("Expediente {number}", number=number), (Text("Reservado"),))
        return ResultsPage((row,), 1, None, searched)
    courts = {item.court_name for item in page.items}
    one_court = len(courts) == 1 and page.next_cursor is None
    if one_court:  # said once above the rows, not in each of them
        searched = Text("Número buscado: {number} · {court}", number=number, court=courts.pop())
    rows = tuple(_case_row(item, with_court=not one_court) for item in page.items)
    return ResultsPage(rows, page.total, page.next_cursor, searched)


def _agenda(page: HearingPage, court_id: str, first: date, last: date) -> ResultsPage:
    name = find_court(court_id).name
    if page.reserved_count == 1:
        searched: Shown = Text(
            "Agenda: {court}, {days}. Hay además 1 audiencia de un asunto reservado "
            "(familia, niñez o delitos sexuales), que no se publica.",
            court=name,
            days=spoken_days(first, last),
        )
    elif page.reserved_count:
        searched = Text(
            "Agenda: {court}, {days}. Hay además {count} audiencias de asuntos reservados "
            "(familia, niñez o delitos sexuales), que no se publican.",
            court=name,
            days=spoken_days(first, last),
            count=page.reserved_count,
        )
    else:
        searched = Text("Agenda: {court}, {days}.", court=name, days=spoken_days(first, last))
    rows = tuple(_court_row(item, one_day=first == last) for item in page.items)
    return ResultsPage(rows, page.total, page.next_cursor, searched)


def _facts(item: HearingSummary, where: Shown) -> tuple[Shown, ...]:
    facts: list[Shown] = [
        where,
        Text("Estado: {state}", state=Text(STATES[item.state][0])),
        Text("Actualizado el {moment}", moment=formats.day_and_clock(item.updated_at)),
    ]
    if item.virtual:
        facts.insert(2, Text("También por videoconferencia"))
    return tuple(facts)


def _court_row(item: HearingSummary, *, one_day: bool) -> ResultRow:
    """A court's agenda: the time and kind first; the case and room tell rows apart."""
    kind, clock = Text(KINDS[item.kind][0]), formats.clock(item.at)
    title = (
        Text("{time} · {kind}", time=clock, kind=kind)
        if one_day
        else Text("{day}, {time} · {kind}", day=spoken_day(item.at), time=clock, kind=kind)
    )
    where = Text("Expediente {number} · {room}", number=item.case_number, room=item.room)
    return ResultRow(item.id, title, _facts(item, where))


def _case_row(item: HearingSummary, *, with_court: bool) -> ResultRow:
    """A case's hearings: the day first; the room (and the court, when they differ) says
    where."""
    title = Text(
        "{day}, {time} · {kind}",
        day=spoken_day(item.at),
        time=formats.clock(item.at),
        kind=Text(KINDS[item.kind][0]),
    )
    where: Shown = item.room
    if with_court:
        where = Text("{court} · {room}", court=item.court_name, room=item.room)
    return ResultRow(item.id, title, _facts(item, where))


async def fetch(context: ActionContext, answers: Answers, key: str) -> object:
    selected = str(answers[SELECTED])
    if selected == RESERVED:
        return ReservedCase(str(searched_number(answers)))
    return await context.client.call(HEARING, path={"hearing_id": selected})


ACTIONS = {"search": search, "fetch": fetch}
