"""Registro Central de Detenidos at the portal: the search (by DPI or full name, a page of people
at a time) and the record of the one chosen. Nobody found comes back as the one row of its page,
``NO_MATCH``: the flow opens it as a record («No registra detención»), which prints like any
other, and opening it calls nobody."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.flows.lookup import CURSOR, SELECTED
from kiosk.flows.model import Answers
from kiosk.flows.records import ResultRow, ResultsPage
from kiosk.identity import mask_dpi
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models.detainees import (
    DETAINEE,
    MESSAGES,
    NAME_MATCHES_MAX,
    PARTICLES,
    SEARCH_DETAINEES,
    DetaineeSearch,
    DetaineeSummary,
    DetentionStatus,
    fold,
)
from kiosk.services.base import ActionContext, AnswerRejected
from kiosk.services.detainees.questions import NAME_FIELDS
from kiosk.text import Text

PAGE_SIZE = 10
#: the one row of a search that found nobody: opening it reads no record from the portal
NO_MATCH = "none"


@dataclass(frozen=True)
class NotRegistered:
    """What opening the "nobody found" row gives: no portal call, nothing to read."""


def _query(answers: Answers) -> DetaineeSearch:
    cursor = str(answers[CURSOR]) if answers.get(CURSOR) else None
    if answers.get("dpi"):
        return DetaineeSearch(dpi=str(answers["dpi"]), limit=PAGE_SIZE, cursor=cursor)
    # as typed (the fields tidied the spaces): the portal applies the same rules again
    return DetaineeSearch(
        given_names=_text(answers.get("given_names")),
        first_surname=_text(answers.get("first_surname")),
        second_surname=_text(answers.get("second_surname")),
        limit=PAGE_SIZE,
        cursor=cursor,
    )


def _text(value: object) -> str | None:
    return str(value) if value else None


def searched(answers: Answers) -> Text:
    """What was searched, as the screen says it: the DPI only by its last four digits."""
    if answers.get("dpi"):
        return Text("DPI buscado: {dpi}", dpi=mask_dpi(str(answers["dpi"])))
    typed = " ".join(str(answers[part]) for part in NAME_FIELDS if answers.get(part))
    return Text("Nombre buscado: {name}", name=typed)


def searched_on_paper(answers: Answers) -> Text:
    """What was searched, as the paper says it: a name by its initials only (a paper outlives
    the visit and may be left behind)."""
    if answers.get("dpi"):
        return searched(answers)
    words = " ".join(str(answers[part]) for part in NAME_FIELDS if answers.get(part)).split()
    letters = " ".join(f"{word[0].upper()}." for word in words if fold(word) not in PARTICLES)
    return Text("Nombre buscado (iniciales): {initials}", initials=letters)


async def search(context: ActionContext, answers: Answers, key: str) -> object:
    try:
        page = await context.client.call(SEARCH_DETAINEES, body=_query(answers))
    except PortalRejected as error:
        if error.code not in _ANSWER_CODES:
            raise
        field = error.field if error.field in (*NAME_FIELDS, "dpi") else _asked(answers)
        raise AnswerRejected.of(error, field) from None
    said = searched(answers)
    if page.total == 0 and not answers.get(CURSOR):
        return ResultsPage((ResultRow(NO_MATCH, Text("No registra detención")),), 1, None, said)
    if page.total > NAME_MATCHES_MAX:
        return ResultsPage((), page.total, None, said)
    rows = tuple(_row(item) for item in page.items)
    return ResultsPage(rows, page.total, page.next_cursor, said)


_ANSWER_CODES = frozenset({"dpi_invalid", "search_mode", *(k.split(".")[0] for k in MESSAGES)})


def _asked(answers: Answers) -> str:
    return "dpi" if answers.get("dpi") else "given_names"


def _row(item: DetaineeSummary) -> ResultRow:
    if item.status is DetentionStatus.RESERVADO:
        return ResultRow(item.id, Text("Registro reservado"))
    return ResultRow(
        item.id,
        item.initials or "",
        (
            Text("Nació en {year}", year=item.birth_year),
            Text("Departamento de nacimiento: {department}", department=item.birth_department),
        ),
    )


async def fetch(context: ActionContext, answers: Answers, key: str) -> object:
    selected = str(answers[SELECTED])
    if selected == NO_MATCH:
        return NotRegistered()
    return await context.client.call(DETAINEE, path={"detention_id": selected})
