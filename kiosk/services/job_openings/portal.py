"""The portal calls: the search (open or closed, words, department) a page at a time, the
convocatoria chosen, and one application's result (the convocatoria found by its number)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk import formats
from kiosk.flows.lookup import CURSOR, SELECTED
from kiosk.flows.model import Answers
from kiosk.flows.records import ResultRow, ResultsPage
from kiosk.geography import department as find_department
from kiosk.portal.errors import PortalNotFound, PortalRejected
from kiosk.portal.models.common import Problem
from kiosk.portal.models.job_openings import (
    JOB,
    JOB_RESULT,
    SEARCH_JOBS,
    Job,
    JobResult,
    JobStatus,
    JobSummary,
)
from kiosk.services.base import ActionContext, AnswerRejected
from kiosk.services.job_openings.questions import (
    ANYWHERE,
    CLOSED,
    canonical_number,
)
from kiosk.services.job_openings.words import POSTS, closing, opening_name, place, places
from kiosk.text import Shown, Text

PAGE_SIZE = 10
FIND_RESULT = "find_result"  # the action (and its step) that finds one application's result
#: a problem's title (RFC 9457), never shown: the visitor reads the detail, in the kiosk's words
NOT_FOUND = "No encontrado"


@dataclass(frozen=True)
class FoundResult:
    """What the result step shows: the convocatoria and, once published, the result."""

    job: Job
    result: JobResult | None


def searched(answers: Answers) -> Text:
    """What was searched, in words: said above the results and on the paper."""
    which = (
        Text("Convocatorias cerradas de los últimos cinco años")
        if answers.get("mode") == CLOSED
        else Text("Convocatorias abiertas")
    )
    where = str(answers.get("department") or ANYWHERE)
    region = (
        Text("en todo el país")
        if where == ANYWHERE
        else Text("en {department}", department=find_department(int(where)).name)
    )
    words = answers.get("words")
    if words:
        return Text("{which} con «{words}», {where}", which=which, words=str(words), where=region)
    return Text("{which}, {where}", which=which, where=region)


async def search(context: ActionContext, answers: Answers, key: str) -> object:
    cursor = answers.get(CURSOR)
    where = str(answers.get("department") or ANYWHERE)
    words = answers.get("words")
    query: dict[str, str | int | None] = {
        "status": JobStatus.CERRADA if answers.get("mode") == CLOSED else JobStatus.ABIERTA,
        "q": str(words) if words else None,
        "department": None if where == ANYWHERE else int(where),
        "limit": PAGE_SIZE,
        "cursor": str(cursor) if cursor else None,
    }
    try:
        page = await context.client.call(SEARCH_JOBS, query=query)
    except PortalRejected as error:
        if error.code != "query_invalid":
            raise
        detail = Text(
            "Esas palabras no sirven para buscar: escriba una palabra del puesto o del lugar, "
            "por ejemplo «notificador» o «Cobán», o déjelo en blanco para verlas todas."
        )
        raise AnswerRejected.of(error, "words", detail) from None
    moment = formats.now()
    rows = tuple(_row(item, moment) for item in page.items)
    return ResultsPage(rows, page.total, page.next_cursor, searched(answers))


async def fetch(context: ActionContext, answers: Answers, key: str) -> object:
    return await context.client.call(JOB, path={"job_id": str(answers[SELECTED])})


async def find_result(context: ActionContext, answers: Answers, key: str) -> object:
    """The convocatoria by its number, then the application's result (None: not published)."""
    number = canonical_number(str(answers["opening"]))
    page = await context.client.call(SEARCH_JOBS, query={"number": number, "limit": 1})
    if not page.items:
        detail = Text(
            "No encontramos la convocatoria {number}. Revise el número: está en la convocatoria "
            "y en la constancia de sus papeles.",
            number=number,
        )
        problem = Problem(title=NOT_FOUND, status=404, code="job_not_found")
        raise AnswerRejected.of(PortalNotFound(problem), "opening", detail)
    job = await context.client.call(JOB, path={"job_id": page.items[0].id})
    if job.results is None:
        return FoundResult(job, None)
    application = str(answers["application"])
    try:
        result = await context.client.call(
            JOB_RESULT, path={"job_id": job.id, "application": application}
        )
    except PortalNotFound as error:
        if error.code != "application_not_found":
            raise
        detail = Text(
            "La convocatoria {number} no tiene una solicitud con el número {application}. "
            "Revise el número en la constancia de sus papeles.",
            number=number,
            application=application,
        )
        raise AnswerRejected.of(error, "application", detail) from None
    return FoundResult(job, result)


def workplace(name: str, dept: int, muni: int) -> str:
    """The court or office, with its place when its name does not say it (an office's)."""
    if find_department(dept).name in name:
        return name
    return f"{name} ({place(dept, muni)})"


def _row(item: JobSummary, moment: datetime) -> ResultRow:
    """The few facts that tell two convocatorias apart, and where the words were found."""
    facts: tuple[Shown, ...] = (
        workplace(item.workplace, item.department, item.municipality),
        Text(
            "{opening} · {places} · {salary} al mes",
            opening=opening_name(item.kind, item.number),
            places=places(item.places),
            salary=formats.money(item.salary),
        ),
        _status(item, moment),
    )
    excerpt = tuple((part.text, part.marked) for part in item.excerpt)
    return ResultRow(item.id, Text(POSTS[item.post][0]), facts, excerpt)


def _status(item: JobSummary, moment: datetime) -> Shown:
    if moment < item.papers_until:
        return closing(item.papers_from, item.papers_until, moment)
    if item.results_on is not None:
        return Text("Cerrada · resultados publicados el {day}", day=formats.day(item.results_on))
    return Text("Cerrada · resultados pendientes")
