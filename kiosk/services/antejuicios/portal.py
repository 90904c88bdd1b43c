"""The two portal calls of the lookup: the search (by number, or by name or post and department),
a page at a time, and the antejuicio chosen."""

from __future__ import annotations

from kiosk import formats
from kiosk.flows.lookup import CURSOR, SELECTED
from kiosk.flows.model import Answers
from kiosk.flows.records import ResultRow, ResultsPage
from kiosk.geography import department as find_department
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models.antejuicios import ANTEJUICIO, SEARCH_ANTEJUICIOS, AntejuicioSummary
from kiosk.services.antejuicios.questions import ANYWHERE, by_number, searched_number
from kiosk.services.antejuicios.words import RESERVED, STAGES
from kiosk.services.base import ActionContext, AnswerRejected
from kiosk.text import Shown, Text

PAGE_SIZE = 10


def searched(answers: Answers) -> Text:
    """What was searched, in words: said above the results and on the paper."""
    if by_number(answers):
        return Text("Número buscado: {number}", number=str(searched_number(answers)))
    words = str(answers["official"])
    where = str(answers.get("department") or ANYWHERE)
    if where == ANYWHERE:
        return Text("Funcionario buscado: «{words}», en todo el país", words=words)
    place = find_department(int(where)).name
    return Text("Funcionario buscado: «{words}», en {department}", words=words, department=place)


async def search(context: ActionContext, answers: Answers, key: str) -> object:
    cursor = answers.get(CURSOR)
    query: dict[str, str | int | None] = {
        "limit": PAGE_SIZE,
        "cursor": str(cursor) if cursor else None,
    }
    if by_number(answers):
        query["number"] = str(searched_number(answers))
    else:
        query["q"] = str(answers["official"])
        where = str(answers.get("department") or ANYWHERE)
        query["department"] = None if where == ANYWHERE else int(where)
    try:
        page = await context.client.call(SEARCH_ANTEJUICIOS, query=query)
    except PortalRejected as error:
        raise _rejected(error, answers) from None
    rows = tuple(_row(item) for item in page.items)
    return ResultsPage(rows, page.total, page.next_cursor, searched(answers))


async def fetch(context: ActionContext, answers: Answers, key: str) -> object:
    return await context.client.call(ANTEJUICIO, path={"antejuicio_id": str(answers[SELECTED])})


def _row(item: AntejuicioSummary) -> ResultRow:
    """The few facts that tell two antejuicios apart; a reserved one says so and nothing else."""
    title = Text("Antejuicio {number}", number=item.number)
    if item.reserved or item.stage is None or item.filed_on is None:
        return ResultRow(item.id, title, (Text(RESERVED),))
    facts: tuple[Shown, ...] = (
        f"{item.official}, {item.post}",
        Text("Lo decide: {body}", body=item.body_name or ""),
        Text(
            "Presentado el {day}. Etapa: {stage}",
            day=formats.day(item.filed_on),
            stage=Text(STAGES[item.stage][0]),
        ),
    )
    return ResultRow(item.id, title, facts)


def _rejected(error: PortalRejected, answers: Answers) -> PortalRejected:
    """A refusal of what the visitor typed, on the question that asks it; anything else as it is."""
    if error.code == "antejuicio_number_invalid":
        field = "number" if "number" in answers else "sequence"
        number = str(searched_number(answers))
        detail = Text("El portal no reconoce el número {number}: revíselo.", number=number)
        return AnswerRejected.of(error, field, detail)
    if error.code == "query_invalid":
        detail = Text(
            "El portal no entiende esa búsqueda: escriba un nombre y un apellido, o el cargo."
        )
        return AnswerRejected.of(error, "official", detail)
    return error
