"""The Archivo de Tribunales' portal calls: the search, the file, the tariff, the price of what
was chosen (worked out here, from the tariff: no call) and the request, sent with the step's
Idempotency-Key, so a retry or a double tap registers it once.

A refusal the visitor can fix names the flow's field (``AnswerRejected``): "Atrás" leads to the
question. Logs name the endpoints' templates only (the client's): never a number or a name.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.flows.lookup import CURSOR, SELECTED
from kiosk.flows.model import Answers
from kiosk.flows.records import ResultRow, ResultsPage
from kiosk.flows.text import Text
from kiosk.identity import normalize_digits
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models import Problem
from kiosk.portal.models.court_archive import (
    ARCHIVE_CASE,
    ARCHIVE_TARIFF,
    CREATE_ARCHIVE_REQUEST,
    SEARCH_ARCHIVE_CASES,
    ArchiveCase,
    ArchiveRequestCreate,
    ArchiveRequestKind,
    ArchiveTariff,
)
from kiosk.services.base import Action, ActionContext, AnswerRejected
from kiosk.services.court_archive.questions import PART, searched_number
from kiosk.services.court_archive.record import TARIFF, quote_for
from kiosk.services.court_archive.words import RESERVED, STATES

PAGE_SIZE = 10
_INVALID = "Datos no válidos"  # a refusal's title, as the portal's own (never shown)

#: the portal's name of a field -> the flow's
FLOW_FIELDS = {
    "first_names": "first_names",
    "last_names": "last_names",
    "dpi": "dpi",
    "phone": "phone",
    "email": "email",
    "folio_from": "folio_from",
    "folio_to": "folio_to",
    "number": "number",
    "court": "court",
}


async def search(context: ActionContext, answers: Answers, key: str) -> object:
    number = searched_number(answers)
    cursor = answers.get(CURSOR)
    query: dict[str, str | int | None] = {
        "number": str(number),
        "court": None if number.is_sgt else str(answers["court"]),
        "limit": PAGE_SIZE,
        "cursor": str(cursor) if cursor else None,
    }
    try:
        page = await context.client.call(SEARCH_ARCHIVE_CASES, query=query)
    except PortalRejected as error:
        raise _on_flow_field(error) from None
    rows = tuple(
        ResultRow(
            item.id,
            Text("Expediente {number}", number=item.number),
            (
                item.court_name,
                Text(RESERVED)
                if item.reserved or item.status is None
                else Text(
                    "Desde {year}. {state}",
                    year=item.year_from,
                    state=Text(STATES[item.status][0]),
                ),
            ),
        )
        for item in page.items
    )
    searched = Text("Número buscado: {number}", number=str(number))
    return ResultsPage(rows, page.total, page.next_cursor, searched)


async def fetch(context: ActionContext, answers: Answers, key: str) -> object:
    return await context.client.call(ARCHIVE_CASE, path={"case_id": str(answers[SELECTED])})


async def tariff(context: ActionContext, answers: Answers, key: str) -> object:
    return await context.client.call(ARCHIVE_TARIFF)


async def quote(context: ActionContext, answers: Answers, key: str) -> object:
    """The price of what was chosen; the folios checked against the file's own."""
    case, prices = answers["fetch"], answers[TARIFF]
    assert isinstance(case, ArchiveCase) and isinstance(prices, ArchiveTariff) and case.folios
    kind = ArchiveRequestKind(str(answers["request_kind"]))
    span: tuple[int, int] | None = None
    if kind is not ArchiveRequestKind.CONSTANCIA:
        span = (1, case.folios)
        if answers.get("scope") == PART:
            span = (int(str(answers["folio_from"])), int(str(answers["folio_to"])))
            if span[1] > case.folios:
                detail = Text(
                    "El expediente tiene {folios} folios: el último que puede pedir es el "
                    "{folios}.",
                    folios=case.folios,
                )
                problem = Problem(
                    title=_INVALID, status=422, code="folio_range",
                    detail=str(detail), field="folio_to",
                )  # fmt: skip
                raise AnswerRejected(problem, detail)
    return quote_for(kind, span, prices)


async def submit(context: ActionContext, answers: Answers, key: str) -> object:
    case = answers["fetch"]
    assert isinstance(case, ArchiveCase)
    kind = ArchiveRequestKind(str(answers["request_kind"]))
    part = kind is not ArchiveRequestKind.CONSTANCIA and answers.get("scope") == PART
    email = answers.get("email")
    body = ArchiveRequestCreate(
        case_id=case.id,
        kind=kind,
        folio_from=int(str(answers["folio_from"])) if part else None,
        folio_to=int(str(answers["folio_to"])) if part else None,
        first_names=str(answers["first_names"]),
        last_names=str(answers["last_names"]),
        dpi=str(answers["dpi"]),
        phone=normalize_digits(str(answers["phone"])),
        email=str(email) if email else None,
    )
    try:
        return await context.client.call(CREATE_ARCHIVE_REQUEST, body=body, idempotency_key=key)
    except PortalRejected as error:
        raise _on_flow_field(error) from None


ACTIONS: Mapping[str, Action] = {
    "search": search,
    "fetch": fetch,
    "tariff": tariff,
    "quote": quote,
    "submit": submit,
}


def _on_flow_field(error: PortalRejected) -> PortalRejected:
    """The refusal on the flow's field when the visitor can fix it there, else as it came."""
    field = FLOW_FIELDS.get(error.field or "")
    if field is None or error.transient:
        return error
    return AnswerRejected.of(error, field)
