"""A convocatoria read in large type: the post (explained), where, pay, the law; its dates with
the time left counted honestly; the requirements and the papers as paragraphs; where and how to
hand them in (a QR for the page or the map); and, once closed, its results with «Buscar mi
resultado». An application's result: the outcome explained, the score and the place. Both print
on one page (``paper``), the paragraphs as numbered lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from kiosk import formats
from kiosk.flows.lookup import fetched
from kiosk.flows.model import Answers
from kiosk.flows.records import Detail, DetailRow, DetailSection, Lead
from kiosk.flows.text import _
from kiosk.portal.models.job_openings import Job, JobDeliveryMode, JobResults
from kiosk.services.base import RenderContext, Rendered
from kiosk.services.hearings.words import spoken_day
from kiosk.services.job_openings.paper import Sheet, SheetSection, sheet_printout
from kiosk.services.job_openings.portal import FIND_RESULT, FoundResult, searched, workplace
from kiosk.services.job_openings.questions import RESULT
from kiosk.services.job_openings.words import (
    KINDS,
    LAWS,
    OUTCOMES,
    POSTS,
    opening_name,
    place,
    places,
    remaining,
)
from kiosk.services.record_paper import spanish_row
from kiosk.text import Shown, Text

SERVICE_ID = "recursos-humanos"
SERVICE_TITLE = _("Gerencia de Recursos Humanos: convocatorias")
DOCUMENT = "job_opening"
RESULT_DOCUMENT = "job_result"
CRIMINAL_RECORD = "antecedentes-penales"


def record(answers: Answers, results: dict[str, object]) -> Detail:
    return job_detail(fetched(results, Job), formats.now())


def job_detail(job: Job, moment: datetime) -> Detail:
    """The convocatoria as the visitor reads it at ``moment`` (the time left depends on it)."""
    name, does = POSTS[job.post]
    law, law_explained = LAWS[job.law]
    post = DetailSection(
        "post",
        Text("El puesto"),
        rows=(
            DetailRow("post", _("Puesto"), Text(name), Text(does)),
            DetailRow(
                "kind", _("Convocatoria"), opening_name(job.kind, job.number), Text(KINDS[job.kind])
            ),
            DetailRow("places", _("Plazas"), places(job.places)),
            DetailRow("workplace", _("Lugar de trabajo"), job.workplace),
            DetailRow("place", _("Municipio"), place(job.department, job.municipality)),
            DetailRow(
                "salary",
                _("Salario"),
                Text("{amount} al mes", amount=formats.money(job.salary)),
                Text("Salario inicial, sin las bonificaciones de ley."),
            ),
            DetailRow("law", _("Se contrata según"), Text(law), Text(law_explained)),
        ),
    )
    requirements = DetailSection(
        "requirements",
        Text("Requisitos"),
        text=tuple(job.requirements),
        note=Text("Si no cumple un requisito, sus papeles no serán admitidos."),
    )
    heading = Text("{opening}: {post}", opening=opening_name(job.kind, job.number), post=Text(name))
    if moment >= job.papers_until:  # closed: what it asked, and its results (or when they come)
        outcome = _results(job, job.results) if job.results is not None else _pending(job)
        return Detail(heading, (post, _dates(job, moment), requirements, outcome))
    documents = DetailSection(
        "documents",
        Text("Papeles que debe entregar"),
        text=tuple(job.documents),
        leads=(
            Lead(
                "criminal_record",
                Text("Pedir aquí mi constancia de antecedentes penales"),
                CRIMINAL_RECORD,
            ),
        ),
    )
    return Detail(heading, (post, _dates(job, moment), requirements, documents, _delivery(job)))


def _dates(job: Job, moment: datetime) -> DetailSection:
    rows = [
        DetailRow("deadline", _("Plazo"), remaining(job.papers_from, job.papers_until, moment)),
        DetailRow("published_on", _("Publicada el"), spoken_day(job.published_on, year=True)),
        DetailRow("papers_from", _("Recibe papelería desde"), _moment(job.papers_from)),
        DetailRow("papers_until", _("Recibe papelería hasta"), _moment(job.papers_until)),
    ]
    if job.exam_at is not None:
        rows.append(DetailRow("exam_at", _("Evaluación"), _moment(job.exam_at)))
    if job.results is not None:
        rows.append(
            DetailRow(
                "results_on", _("Resultados"), spoken_day(job.results.published_on, year=True)
            )
        )
    note: Shown = ""
    if moment < job.papers_until:
        note = (
            Text(
                "En línea se reciben hasta la hora de cierre del último día: no lo deje para "
                "el final."
            )
            if job.delivery.mode is JobDeliveryMode.EN_LINEA
            else Text(
                "Después de la hora de cierre del último día ya no se reciben papeles. "
                "Los días se cuentan de calendario: la oficina no abre los fines de "
                "semana."
            )
        )
    return DetailSection("dates", Text("Fechas"), rows=tuple(rows), note=note)


def _moment(moment: datetime) -> Text:
    return Text("{day} a las {hour}", day=spoken_day(moment, year=True), hour=formats.clock(moment))


def _delivery(job: Job) -> DetailSection:
    delivery = job.delivery
    title = Text("Dónde entregar los papeles")
    if delivery.mode is JobDeliveryMode.EN_LINEA and delivery.url:
        return DetailSection(
            "delivery",
            title,
            rows=(
                DetailRow("delivery.office", _("Se entregan"), Text("En línea")),
                DetailRow("delivery.url", _("Página"), delivery.url.removeprefix("https://")),
            ),
            note=Text("Suba sus papeles escaneados en la página; guarde la constancia que le da."),
            qr=delivery.url,
            qr_caption=Text("Escanee este código con su teléfono para abrir la página."),
        )
    rows = [DetailRow("delivery.office", _("Se entregan en"), delivery.office)]
    if delivery.address:
        rows.append(DetailRow("delivery.address", _("Dirección"), delivery.address))
    if delivery.hours:
        rows.append(DetailRow("delivery.hours", _("Horario"), delivery.hours))
    return DetailSection(
        "delivery",
        title,
        rows=tuple(rows),
        note=Text(
            "Lleve los papeles en un fólder, en el orden de la lista. Le darán una "
            "constancia con el número de su solicitud: guárdela."
        ),
        qr=delivery.map_url or "",
        qr_caption=Text("Escanee este código con su teléfono para ver en un mapa cómo llegar."),
    )


def _results(job: Job, results: JobResults) -> DetailSection:
    return DetailSection(
        "results",
        Text("Resultados"),
        rows=(
            DetailRow("results.applicants", _("Solicitudes recibidas"), str(results.applicants)),
            DetailRow("results.admitted", _("Admitidas a la evaluación"), str(results.admitted)),
            DetailRow(
                "results.passed",
                _("Aprobaron"),
                str(results.passed),
                Text("La nota mínima era {mark} de 100.", mark=results.pass_mark),
            ),
            DetailRow("results.appointed", _("Nombrados"), str(results.appointed)),
        ),
        note=Text("Los resultados se publican por número de solicitud, nunca con nombres."),
        leads=(
            Lead(
                "my_result",
                Text("Buscar mi resultado"),
                SERVICE_ID,
                (("mode", RESULT), ("opening", job.number)),
            ),
        ),
    )


def _pending(job: Job) -> DetailSection:
    exam = (
        Text("La evaluación es el {day}.", day=spoken_day(job.exam_at, year=True))
        if job.exam_at is not None
        else ""
    )
    return DetailSection(
        "results",
        Text("Resultados"),
        note=Text(
            "Ya no recibe papeles y los resultados todavía no se han publicado. {exam}", exam=exam
        ),
    )


# --- one application's result ---------------------------------------------------------------


def result_record(answers: Answers, results: dict[str, object]) -> Detail:
    found = results.get(FIND_RESULT)
    if not isinstance(found, FoundResult):
        raise TypeError(f"{FIND_RESULT} returns a FoundResult")
    job, result = found.job, found.result
    opening = opening_name(job.kind, job.number)
    about = DetailSection(
        "job",
        Text("La convocatoria"),
        rows=(
            DetailRow("job.number", _("Convocatoria"), opening),
            DetailRow("job.post", _("Puesto"), Text(POSTS[job.post][0])),
            DetailRow(
                "job.workplace",
                _("Lugar de trabajo"),
                workplace(job.workplace, job.department, job.municipality),
            ),
            DetailRow("job.places", _("Plazas"), places(job.places)),
        ),
    )
    if result is None:
        return Detail(opening, (replace(_pending(job), id="result"), about))
    outcome, explained = OUTCOMES[result.outcome]
    rows = [DetailRow("outcome", _("Resultado"), Text(outcome), Text(explained))]
    if result.score is not None:
        rows.append(
            DetailRow(
                "score",
                _("Nota"),
                Text("{score} de 100", score=result.score),
                Text("La nota mínima para aprobar era {mark}.", mark=result.pass_mark),
            )
        )
    if result.rank is not None and job.results is not None:
        rows.append(
            DetailRow(
                "rank",
                _("Lugar"),
                Text(
                    "{rank} de {passed} que aprobaron", rank=result.rank, passed=job.results.passed
                ),
            )
        )
    rows.append(
        DetailRow("published_on", _("Publicado el"), spoken_day(result.published_on, year=True))
    )
    return Detail(
        Text("Solicitud {application}", application=result.application),
        (
            DetailSection(
                "result",
                Text("Su resultado"),
                rows=tuple(rows),
                note=Text(
                    "Si tiene dudas sobre su resultado, pregunte en la Gerencia de "
                    "Recursos Humanos con la constancia de sus papeles."
                ),
            ),
            about,
        ),
    )


# --- on paper ------------------------------------------------------------------------------------

#: what the screen says that the paper leaves out, to stay one page: the post and the number
#: (the heading says them), the place again (the workplace names it), the day it was published
_NOT_ON_PAPER = frozenset({"post", "kind", "place", "published_on"})
#: advice for the moment, not for the record
_NOTES_NOT_ON_PAPER = frozenset({"dates"})
#: rows whose explanation the paper keeps (elsewhere the value says enough)
_EXPLAINED_ON_PAPER = frozenset({"outcome", "score"})


def on_paper(
    detail: Detail, *, title: Shown, searched: Shown, kiosk_id: str, printed_at: datetime
) -> Sheet:
    """What the screen shows, in Spanish, for the sheet: rows, paragraphs as numbered lines,
    notes and QRs."""
    sections = tuple(
        SheetSection(
            str(section.title),
            rows=tuple(
                (
                    str(row.label),
                    spanish_row(row) if row.id in _EXPLAINED_ON_PAPER else str(row.value),
                )
                for row in section.rows
                if row.id not in _NOT_ON_PAPER
            ),
            lines=tuple(str(paragraph) for paragraph in section.text),
            note="" if section.id in _NOTES_NOT_ON_PAPER else str(section.note),
            qr=section.qr,
            qr_caption=str(section.qr_caption),
        )
        for section in detail.sections
    )
    return Sheet(
        title=str(title),
        heading=str(detail.heading),
        searched=str(searched),
        printed_at=printed_at,
        kiosk_id=kiosk_id,
        sections=sections,
    )


async def job_printout(context: RenderContext, sources: Mapping[str, object]) -> Sequence[Rendered]:
    """What the screen shows, on paper, in Spanish."""
    moment = formats.now()
    sheet = on_paper(
        job_detail(fetched(dict(sources), Job), moment),
        title=Text(SERVICE_TITLE),
        searched=searched(dict(sources)),
        kiosk_id=context.kiosk_id,
        printed_at=moment,
    )
    return sheet_printout(DOCUMENT, "Convocatoria OJ", sheet)


async def result_printout(
    context: RenderContext, sources: Mapping[str, object]
) -> Sequence[Rendered]:
    found = sources.get(FIND_RESULT)
    if not isinstance(found, FoundResult):
        raise TypeError(f"{FIND_RESULT} returns a FoundResult")
    searched_for = Text(
        "Buscado: solicitud {application} de la convocatoria {number}",
        application=str(sources.get("application", "")),
        number=found.job.number,
    )
    sheet = on_paper(
        result_record(dict(sources), dict(sources)),
        title=Text(SERVICE_TITLE),
        searched=searched_for,
        kiosk_id=context.kiosk_id,
        printed_at=formats.now(),
    )
    return sheet_printout(RESULT_DOCUMENT, "Resultado de convocatoria OJ", sheet)
