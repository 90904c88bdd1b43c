"""Gerencia de Recursos Humanos walked without a screen, against the sandbox over HTTP: open
convocatorias found by words however they are typed, a record read with its time left counted
honestly, closed ones with their results and «Buscar mi resultado» (a lead into this same
service that skips what it knows), a result by the convocatoria's number in the shapes people
write it, every input's rule and message, every term explained, and both printouts' text."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from documents.pdf_reading import page_count, text_of
from support.actions import Bound, advance, bound_actions

from kiosk.courts import court
from kiosk.embedded_portal import PortalEndpoint
from kiosk.flows.engine import FlowRun
from kiosk.flows.lookup import CURSOR, FETCH, SEARCH
from kiosk.flows.model import DetailStep, FieldError, ResultsStep
from kiosk.flows.records import Detail, ResultsPage
from kiosk.formats import GUATEMALA
from kiosk.portal.client import PortalClient
from kiosk.portal.models.job_openings import (
    JOB,
    ApplicationOutcome,
    HiringLaw,
    Job,
    JobPost,
    OpeningKind,
)
from kiosk.sandbox.job_openings_demo import (
    DEMO_ABSENT,
    DEMO_APPOINTED,
    DEMO_ELIGIBLE,
    DEMO_EVALUATING,
    DEMO_FAILED,
    DEMO_FINISHED_NUMBER,
    DEMO_NOT_ADMITTED,
    DEMO_NOTHING,
    DEMO_OPEN,
)
from kiosk.services.base import AnswerRejected, RenderContext
from kiosk.services.job_openings import FLOW, MOST, SERVICE
from kiosk.services.job_openings.paper import render_sheet
from kiosk.services.job_openings.portal import FIND_RESULT, FoundResult
from kiosk.services.job_openings.record import (
    job_detail,
    job_printout,
    on_paper,
    result_printout,
)
from kiosk.services.job_openings.words import KINDS, LAWS, OUTCOMES, POSTS, closing, remaining

TODAY = date(2026, 12, 7)


@pytest.fixture
def actions(client: PortalClient) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE)


def browse(mode: str, words: str = "", department: str = "0") -> FlowRun:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"mode": mode}) == [] and run.current.id == "words"
    assert run.submit({"words": words}) == [] and run.current.id == "department"
    assert run.submit({"department": department}) == []
    return run


def result_for(opening: str, application: str) -> FlowRun:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"mode": "resultado"}) == [] and run.current.id == "opening"
    assert run.submit({"opening": opening}) == [] and run.current.id == "application"
    assert run.submit({"application": application}) == []
    return run


def shown(detail: Detail) -> str:
    rows = " ".join(
        f"{row.label} {row.value} {row.explain}" for s in detail.sections for row in s.rows
    )
    notes = " ".join(str(s.note) for s in detail.sections)
    text = " ".join(str(p) for s in detail.sections for p in s.text)
    return f"{detail.heading} {rows} {notes} {text}"


async def open_row(run: FlowRun, actions: dict[str, Bound], row_id: str) -> None:
    step = run.current
    assert isinstance(step, ResultsStep)
    run.submit({step.field: row_id})
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)


async def open_demo(run: FlowRun, actions: dict[str, Bound], workplace: str, title: str) -> None:
    """From a search to a demo's record: its row chosen, or opened by itself (one match)."""
    await advance(run, actions)
    if isinstance(run.current, ResultsStep):
        await open_row(run, actions, demo_row(run.page(), workplace, title))
    assert isinstance(run.current, DetailStep)
    job = run.results[FETCH]
    assert isinstance(job, Job) and job.workplace == workplace and str(run.detail().heading)


def demo_row(page: ResultsPage, workplace: str, title: str = "") -> str:
    """The row of a demo convocatoria (its number is the sandbox's): by its workplace."""
    rows = [
        row for row in page.rows
        if workplace in str(row.facts[0]) and str(row.title).startswith(title)
    ]  # fmt: skip
    assert rows, [str(row.facts[0]) for row in page.rows]
    return rows[0].id


@pytest.mark.parametrize("words", ["Oficiales QUETZALTENANGO", "oficial quetzaltenángo"])
async def test_open_ones_by_words_however_typed_and_the_record(
    actions: dict[str, Bound], words: str
) -> None:
    run = browse("abiertas", words)
    await advance(run, actions)
    page = run.results[SEARCH]
    assert isinstance(page, ResultsPage)
    assert str(page.searched) == f"Convocatorias abiertas con «{words}», en todo el país"
    labour = court(DEMO_OPEN.workplace).name
    row = next(row for row in page.rows if str(row.facts[0]) == labour)
    assert str(row.title) == "Oficial I"
    assert "Convocatoria externa" in str(row.facts[1]) and "3 plazas" in str(row.facts[1])
    assert str(row.facts[2]).startswith("Recibe papelería hasta el ")
    assert str(row.facts[2]).endswith(" a las 15:30")
    await open_demo(run, actions, labour, "Oficial I")
    detail = run.detail()
    job = run.results[FETCH]
    assert isinstance(job, Job)
    assert str(detail.heading) == f"Convocatoria externa {job.number}: Oficial I"
    rows = {row.id: row for section in detail.sections for row in section.rows}
    assert str(rows["post"].explain) == POSTS[JobPost.OFICIAL_I][1]
    assert str(rows["kind"].explain) == KINDS[OpeningKind.EXTERNA]
    assert str(rows["law"].value) == LAWS[HiringLaw.SERVICIO_CIVIL][0]
    assert str(rows["deadline"].value).startswith("Quedan ")
    assert "días calendario" in str(rows["deadline"].value)
    sections = {section.id: section for section in detail.sections}
    assert [str(p) for p in sections["requirements"].text] == job.requirements
    assert [str(p) for p in sections["documents"].text] == job.documents
    (lead,) = sections["documents"].leads
    assert lead.service == "antecedentes-penales"
    assert sections["delivery"].qr == job.delivery.map_url
    assert "results" not in sections
    assert run.back() and run.current.id in ("results", "department")


async def test_the_excerpt_shows_where_the_words_are(actions: dict[str, Bound]) -> None:
    run = browse("cerradas", "licencias de conducir", department="1")
    await advance(run, actions)
    rows = run.page().rows
    assert len(rows) > 1 and all(row.excerpt for row in rows)
    for row in rows:
        marked = {words.casefold() for words, marked in row.excerpt if marked}
        assert {"licencia", "conducir"} <= marked


async def test_ver_mas_adds_the_next_page(actions: dict[str, Bound]) -> None:
    run = browse("abiertas")
    await advance(run, actions)
    first = run.page()
    assert 10 < first.total <= MOST and len(first.rows) == 10 and first.next_cursor
    while run.page().next_cursor:
        answers = {**run.submitted_answers(), CURSOR: run.page().next_cursor}
        more = await actions[SEARCH](answers, "k")
        assert isinstance(more, ResultsPage)
        run.add_page(more)
    rows = run.page().rows
    assert len(rows) == first.total == len({row.id for row in rows})


async def test_too_many_closed_ones_ask_to_narrow(actions: dict[str, Bound]) -> None:
    run = browse("cerradas")
    await advance(run, actions)
    step = run.current
    assert isinstance(step, ResultsStep) and run.page().total > MOST == step.most
    assert "departamento" in str(step.too_many)
    assert run.back() and run.current.id == "department"
    assert run.submit({"department": "5"}) == []
    await advance(run, actions)
    page = run.page()
    assert 0 < page.total <= MOST and str(page.searched).endswith("en Escuintla")
    assert all(str(row.facts[2]).startswith("Cerrada") for row in page.rows)


async def test_nothing_found_and_words_the_portal_cannot_search(actions: dict[str, Bound]) -> None:
    run = browse("abiertas", DEMO_NOTHING)
    await advance(run, actions)
    assert run.page().total == 0 and isinstance(run.current, ResultsStep)
    assert "No encontramos convocatorias" in str(run.current.empty)
    run = browse("abiertas", "de la")  # the kiosk lets it pass; no word is left to search
    with pytest.raises(AnswerRejected) as err:
        await advance(run, actions)
    assert err.value.field == "words" and "palabra del puesto" in str(err.value.text)


@pytest.mark.parametrize(
    ("typed", "code", "says"),
    [
        ("piloto; DROP TABLE", "query_character", "Quite «;»"),
        ("<b>", "query_character", "Quite «<»"),
        ("uno dos tres cuatro cinco seis siete ocho nueve", "query_too_many_words", "8 palabras"),
        ("x" * 81, "too_long", "como máximo 80"),
    ],
)
def test_the_words_say_how_to_fix_them_and_are_kept(typed: str, code: str, says: str) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"mode": "abiertas"})
    [error] = run.submit({"words": typed})
    assert isinstance(error, FieldError) and (error.field_id, error.code) == ("words", code)
    assert says in error.message and run.raw["words"] == typed and run.current.id == "words"


async def test_a_closed_one_leads_to_my_result_with_its_number_given(
    actions: dict[str, Bound],
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"mode": "resultado"})
    run.submit({"opening": DEMO_FINISHED_NUMBER})
    run.submit({"application": str(DEMO_FAILED)})
    await advance(run, actions)
    found = run.results[FIND_RESULT]
    assert isinstance(found, FoundResult)
    detail = job_detail(found.job, datetime.now(GUATEMALA))  # the convocatoria itself
    sections = {section.id: section for section in detail.sections}
    results = sections["results"]
    assert "214" in shown(detail) and "nunca con nombres" in str(results.note)
    (lead,) = results.leads
    assert lead.service == SERVICE.id
    led = FlowRun(FLOW, today=TODAY)
    led.prefill(dict(lead.answers))
    assert led.current.id == "application"  # what the record knew is already answered
    assert led.answers["opening"] == DEMO_FINISHED_NUMBER
    assert led.submit({"application": str(DEMO_APPOINTED)}) == []
    await advance(led, actions)
    text = shown(led.detail())
    assert "Solicitud 17" in text and OUTCOMES[ApplicationOutcome.NOMBRADO][1] in text
    assert "94 de 100" in text and "1 de " in text
    assert led.back() and led.current.id == "application"  # and back: the number to change
    assert led.back() and led.current.id == "opening"


@pytest.mark.parametrize(
    ("application", "outcome"),
    [
        (DEMO_ELIGIBLE, ApplicationOutcome.APROBADO),
        (DEMO_FAILED, ApplicationOutcome.NO_APROBADO),
        (DEMO_NOT_ADMITTED, ApplicationOutcome.NO_ADMITIDO),
        (DEMO_ABSENT, ApplicationOutcome.NO_SE_PRESENTO),
    ],
)
async def test_every_outcome_is_explained(
    actions: dict[str, Bound], application: int, outcome: ApplicationOutcome
) -> None:
    run = result_for(DEMO_FINISHED_NUMBER, str(application))
    await advance(run, actions)
    assert isinstance(run.current, DetailStep) and run.current.id == "result"
    rows = {row.id: row for section in run.detail().sections for row in section.rows}
    assert (str(rows["outcome"].value), str(rows["outcome"].explain)) == OUTCOMES[outcome]
    assert ("score" in rows) == (outcome not in (ApplicationOutcome.NO_ADMITIDO,
                                                 ApplicationOutcome.NO_SE_PRESENTO))  # fmt: skip
    assert ("rank" in rows) == (outcome is ApplicationOutcome.APROBADO)


@pytest.mark.parametrize(
    "typed", ["42-2025", "042/2025", "Convocatoria externa No. 42-2025", "42 2025"]
)
async def test_the_convocatoria_number_in_every_shape(
    actions: dict[str, Bound], typed: str
) -> None:
    run = result_for(typed, "17")
    await advance(run, actions)
    found = run.results[FIND_RESULT]
    assert isinstance(found, FoundResult) and found.job.number == DEMO_FINISHED_NUMBER
    assert run.raw["opening"] == typed


@pytest.mark.parametrize(
    ("typed", "code", "says"),
    [
        ("", "required", "por ejemplo 042-2025"),
        ("2025", "opening_number_shape", "separados por un guion"),
        ("abc-2025", "opening_number_shape", "separados por un guion"),
        ("0-2025", "opening_number_zero", "empieza en 1"),
        (f"1-{TODAY.year + 1}", "opening_year_future", "todavía no llega"),
        ("1-2001", "opening_year_old", "Gerencia de Recursos Humanos"),
        ("١٧-٢٠٢٥", "opening_number_shape", "separados por un guion"),
    ],
)
def test_a_malformed_convocatoria_number_says_how_to_fix_it(
    typed: str, code: str, says: str
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"mode": "resultado"})
    [error] = run.submit({"opening": typed})
    assert (error.field_id, error.code) == ("opening", code) and says in error.message
    assert run.raw["opening"] == typed and run.current.id == "opening"


@pytest.mark.parametrize(
    ("typed", "code"), [("0", "too_small"), ("abc", "number_format"), ("100000", "too_large")]
)
def test_a_malformed_application_number_says_how_to_fix_it(typed: str, code: str) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"mode": "resultado"})
    run.submit({"opening": DEMO_FINISHED_NUMBER})
    [error] = run.submit({"application": typed})
    assert (error.field_id, error.code) == ("application", code)
    assert run.raw["application"] == typed


async def test_an_unknown_convocatoria_or_application_goes_back_to_its_question(
    actions: dict[str, Bound],
) -> None:
    run = result_for("999-2025", "1")
    with pytest.raises(AnswerRejected) as err:
        await advance(run, actions)
    assert err.value.field == "opening" and "999-2025" in str(err.value.text)
    run = result_for(DEMO_FINISHED_NUMBER, "999")
    with pytest.raises(AnswerRejected) as err:
        await advance(run, actions)
    assert err.value.field == "application" and "999" in str(err.value.text)


async def test_results_not_yet_published_say_so(
    actions: dict[str, Bound], client: PortalClient
) -> None:
    run = browse("cerradas", "secretario", department="5")
    await advance(run, actions)
    page = run.results[SEARCH]
    assert isinstance(page, ResultsPage)
    pending = [
        row for row in page.rows
        if str(row.facts[0]) == court(DEMO_EVALUATING.workplace).name
        and str(row.facts[2]) == "Cerrada · resultados pendientes"
    ]  # fmt: skip
    assert pending
    row = pending[0].id
    job = await client.call(JOB, path={"job_id": row})
    assert job.results is None and job.post is DEMO_EVALUATING.post
    mine = result_for(job.number, "3")
    await advance(mine, actions)
    found = mine.results[FIND_RESULT]
    assert isinstance(found, FoundResult) and found.result is None
    text = shown(mine.detail())
    assert "todavía no se han publicado" in text and "La evaluación es el" in text


# --- the deadline, counted honestly ---------------------------------------------------------

FROM = datetime(2026, 12, 7, 8, 0, tzinfo=GUATEMALA)  # a Monday
UNTIL = datetime(2026, 12, 18, 15, 30, tzinfo=GUATEMALA)  # the Friday after next


@pytest.mark.parametrize(
    ("now", "says"),
    [
        (FROM - timedelta(days=3), "Todavía no recibe papelería: empieza el lunes 7 de diciembre a "
                                   "las 08:00. El último día es el viernes 18 de diciembre, hasta "
                                   "las 15:30."),
        (FROM + timedelta(hours=2), "Quedan 11 días calendario: el último día es el viernes 18 de "
                                    "diciembre, hasta las 15:30."),
        (UNTIL - timedelta(days=1, hours=8), "Mañana es el último día: recibe papelería hasta "
                                             "las 15:30."),
        (UNTIL - timedelta(hours=16), "Mañana es el último día: recibe papelería hasta las 15:30."),
        (UNTIL - timedelta(hours=7), "Hoy es el último día: recibe papelería hasta las 15:30."),
        (UNTIL - timedelta(minutes=1), "Hoy es el último día: recibe papelería hasta las 15:30."),
        (UNTIL, "Ya no recibe papelería: cerró el viernes 18 de diciembre a las 15:30."),
        (UNTIL + timedelta(days=3), "Ya no recibe papelería: cerró el viernes 18 de diciembre a "
                                    "las 15:30."),
    ],
)  # fmt: skip
def test_the_time_left_is_calendar_days_and_the_closing_hour(now: datetime, says: str) -> None:
    assert str(remaining(FROM, UNTIL, now)) == says


def test_the_time_left_is_counted_on_guatemala_s_clock() -> None:
    """At 23:30 in Guatemala it is already the next day in UTC: still «Mañana»."""
    late = datetime(2026, 12, 17, 23, 30, tzinfo=GUATEMALA).astimezone(tz=None)
    assert str(remaining(FROM, UNTIL, late)).startswith("Mañana es el último día")


def test_a_row_says_until_when_or_that_it_closed() -> None:
    assert str(closing(FROM, UNTIL, FROM + timedelta(hours=1))) == (
        "Recibe papelería hasta el viernes 18 de diciembre a las 15:30"
    )
    assert str(closing(FROM, UNTIL, FROM - timedelta(days=1))) == (
        "Recibe papelería desde el lunes 7 de diciembre, hasta el viernes 18 de diciembre a las "
        "15:30"
    )
    assert str(closing(FROM, UNTIL, UNTIL)) == "Cerrada: ya no recibe papelería"


def test_every_post_kind_law_and_outcome_is_explained() -> None:
    for table, enum in ((POSTS, JobPost), (LAWS, HiringLaw), (OUTCOMES, ApplicationOutcome)):
        assert set(table) == set(enum)  # type: ignore[arg-type]
        for name, explained in table.values():  # type: ignore[attr-defined]
            assert name and explained.endswith(".") and len(explained) > 30
    assert set(KINDS) == set(OpeningKind) and all(text.endswith(".") for text in KINDS.values())


# --- on paper ------------------------------------------------------------------------------------


async def test_the_printout_holds_the_convocatoria_on_one_page(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = browse("abiertas", "oficial", department=str(DEMO_OPEN.workplace[:2].lstrip("0")))
    await open_demo(run, actions, court(DEMO_OPEN.workplace).name, "Oficial I")
    job = run.results[FETCH]
    assert isinstance(job, Job)
    sources = {**run.submitted_answers(), **run.results}
    [printed] = await job_printout(RenderContext(client, "GT-TEST-0001"), sources)
    pdf = printed.make()
    text = text_of(pdf, tmp_path)
    assert page_count(pdf, tmp_path) == 1
    assert f"Convocatoria externa {job.number}: Oficial I" in text
    assert "Convocatorias abiertas con «oficial», en Quetzaltenango" in text
    assert "Gerencia de Recursos Humanos: convocatorias" in text and "GT-TEST-0001" in text
    for line in (*job.requirements, *job.documents):
        assert line[:40] in " ".join(text.split()), line
    assert "Quedan " in text and "15:30" in text and job.delivery.office in " ".join(text.split())


@pytest.fixture
def portal_db(sandbox: PortalEndpoint, sandbox_dir: Path) -> Iterator[sqlite3.Connection]:
    """The session sandbox's own database, read-only."""
    conn = sqlite3.connect(f"file:{sandbox_dir / 'portal.sqlite3'}?mode=ro", uri=True)
    yield conn
    conn.close()


async def test_the_longest_convocatorias_fit_one_page(
    client: PortalClient, portal_db: sqlite3.Connection, tmp_path: Path
) -> None:
    """The most requirements, papers and words of every kind (open with a QR, closed with
    results) still print on one page."""
    moment = datetime.now(GUATEMALA)
    size = "length(requirements) + length(documents) + length(workplace)"
    longest = [
        job_id
        for where in (f"papers_until >= '{moment.isoformat()}'", "results_on IS NOT NULL")
        for (job_id,) in portal_db.execute(
            f"SELECT id FROM jobs WHERE {where} ORDER BY {size} DESC LIMIT 3"  # noqa: S608
        )
    ]
    for job_id in longest:
        job = await client.call(JOB, path={"job_id": job_id})
        sheet = on_paper(job_detail(job, moment), title="Gerencia de Recursos Humanos: "
                         "convocatorias", searched="Convocatorias cerradas de los últimos cinco "
                         "años con «oficial», en todo el país", kiosk_id="GT-TEST-0001",
                         printed_at=moment)  # fmt: skip
        pdf = render_sheet(sheet)
        assert page_count(pdf, tmp_path) == 1
        text = " ".join(text_of(pdf, tmp_path).split())
        assert job.requirements[-1] in text, job.number
        if job.results is None:  # open: the papers and where to take them
            where = (job.delivery.url or "").removeprefix("https://") or job.delivery.office
            assert job.documents[-1] in text and where in text, job.number
        else:
            assert "Solicitudes recibidas" in text and "Nombrados" in text, job.number


async def test_the_result_printout(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = result_for("42-2025", str(DEMO_ELIGIBLE))
    await advance(run, actions)
    sources = {**run.submitted_answers(), **run.results}
    [printed] = await result_printout(RenderContext(client, "GT-TEST-0001"), sources)
    pdf = printed.make()
    text = " ".join(text_of(pdf, tmp_path).split())
    assert page_count(pdf, tmp_path) == 1
    assert f"Buscado: solicitud {DEMO_ELIGIBLE} de la convocatoria {DEMO_FINISHED_NUMBER}" in text
    assert f"Solicitud {DEMO_ELIGIBLE}" in text and "Aprobado" in text and "81 de 100" in text
