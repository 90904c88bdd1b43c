"""The directory's two portal calls: the search (by words, or by place a page at a time) as rows
of a list, and one entry's card. A municipality without the kind asked lists the department's
nearest ones instead, and says so: the visitor still gets somewhere to go."""

from __future__ import annotations

from kiosk.flows.lookup import CURSOR, SELECTED
from kiosk.flows.model import Answers
from kiosk.flows.records import ResultRow, ResultsPage
from kiosk.geography import department, municipality_name
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models.directory import (
    DIRECTORY_ENTRY,
    SEARCH_DIRECTORY,
    DirectoryPage,
    DirectorySummary,
)
from kiosk.services.base import ActionContext, AnswerRejected
from kiosk.services.directory.questions import ALL, by_words, chosen_kind, department_code
from kiosk.services.directory.words import KINDS
from kiosk.text import Shown, Text

PAGE_SIZE = 10
#: a cursor of the nearest entries' list (the municipality had none): "Ver más" goes on with it
NEAR = "near:"
_REFUSED_WORDS = ("words_invalid", "words_too_many", "search_missing")


def phone_text(phone: str, extension: str | None) -> Shown:
    """«2426-7000, ext. 1042»: as written on a door."""
    number = f"{phone[:4]}-{phone[4:]}"
    return (
        Text("{number}, ext. {extension}", number=number, extension=extension)
        if extension
        else number
    )


def kind_and_place(item: DirectorySummary) -> Text:
    """«Centro de Mediación · Mixco, Guatemala», and how far when the list is by distance."""
    said = Text(
        "{kind} · {municipality}, {department}",
        kind=Text(KINDS[item.kind][0]),
        municipality=item.municipality_name,
        department=item.department_name,
    )
    if item.distance_km is None:
        return said
    return Text("{said} · a unos {km} km", said=said, km=item.distance_km)


def _row(item: DirectorySummary) -> ResultRow:
    """Name, what and where, address, phone; when the words matched in the address or the
    place, that line comes last with them marked (instead of being said twice)."""
    phone = phone_text(item.phone, item.extension)
    excerpt = tuple((part.text, part.marked) for part in item.excerpt)
    if excerpt:
        return ResultRow(item.id, item.name, (Text(KINDS[item.kind][0]), phone), excerpt)
    return ResultRow(item.id, item.name, (kind_and_place(item), item.address, phone))


def searched(answers: Answers) -> Text:
    """What was searched, in words: above the results and on the paper."""
    if by_words(answers):
        return Text("Buscó: «{words}»", words=str(answers["words"]))
    code = department_code(answers)
    kind = chosen_kind(answers)
    what: Shown = Text(KINDS[kind][1]) if kind is not None else Text("Todas las dependencias")
    municipality = str(answers.get("municipality", ALL))
    if municipality == ALL:
        return Text(
            "{what} en el departamento de {department}", what=what, department=department(code).name
        )
    return Text(
        "{what} en {municipality}, {department}",
        what=what,
        municipality=municipality_name(code, int(municipality)),
        department=department(code).name,
    )


def _nearest(answers: Answers) -> Text:
    code = department_code(answers)
    kind = chosen_kind(answers)
    what: Shown = Text(KINDS[kind][1]) if kind is not None else Text("dependencias")
    return Text(
        "En {municipality} no hay {what}. Estos son los más cercanos, en el departamento de "
        "{department}.",
        municipality=municipality_name(code, int(str(answers["municipality"]))),
        what=what,
        department=department(code).name,
    )


async def search(context: ActionContext, answers: Answers, key: str) -> object:
    cursor = str(answers.get(CURSOR) or "")
    query: dict[str, str | int | None] = {"limit": PAGE_SIZE}
    if by_words(answers):
        query |= {"words": str(answers["words"]), "cursor": cursor or None}
        page = await _call(context, query)
        return _page(page, searched(answers))
    kind = chosen_kind(answers)
    query |= {"department": department_code(answers), "kind": kind.value if kind else None}
    municipality = str(answers.get("municipality", ALL))
    if municipality != ALL and not cursor.startswith(NEAR):
        page = await _call(
            context, {**query, "municipality": municipality, "cursor": cursor or None}
        )
        if page.total or cursor:
            return _page(page, searched(answers))
        cursor = NEAR  # none here: the nearest in the department, from the first
    if cursor.startswith(NEAR):
        near = {**query, "near": municipality, "cursor": cursor.removeprefix(NEAR) or None}
        page = await _call(context, near)
        said = _nearest(answers) if page.total else searched(answers)  # none at all: empty
        return _page(page, said, prefix=NEAR)
    return _page(await _call(context, {**query, "cursor": cursor or None}), searched(answers))


async def _call(context: ActionContext, query: dict[str, str | int | None]) -> DirectoryPage:
    try:
        return await context.client.call(SEARCH_DIRECTORY, query=query)
    except PortalRejected as error:
        if error.code not in _REFUSED_WORDS:
            raise
        detail = Text(
            "El portal no puede buscar esas palabras: escriba una o más palabras que digan lo "
            "que busca, por ejemplo «juzgado de paz» y el municipio."
        )
        raise AnswerRejected.of(error, "words", detail) from None


def _page(page: DirectoryPage, said: Text, *, prefix: str = "") -> ResultsPage:
    following = f"{prefix}{page.next_cursor}" if page.next_cursor is not None else None
    return ResultsPage(tuple(_row(item) for item in page.items), page.total, following, said)


async def fetch(context: ActionContext, answers: Answers, key: str) -> object:
    return await context.client.call(DIRECTORY_ENTRY, path={"entry_id": str(answers[SELECTED])})


ACTIONS = {"search": search, "fetch": fetch}
