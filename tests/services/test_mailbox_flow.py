"""Casillero Electrónico walked without a screen, against the sandbox over HTTP: the log-in (the
visit's, reused when there is one), the box newest first with its new ones marked, «Ver más»,
a notification opened (read at the portal; the deadline rule and the copies to collect said),
a session that ended, wrong passwords and their limits, an empty box, and the paper."""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from documents.pdf_reading import squeezed, text_of
from support.actions import Bound, advance, bound_actions
from support.devices import enrolled_kiosk
from support.people import Person, person_without_account

from kiosk import formats
from kiosk.embedded_portal import PortalEndpoint
from kiosk.flows.engine import FlowRun
from kiosk.flows.lookup import CURSOR, SELECTED
from kiosk.flows.model import DetailStep, QuestionStep, ResultsStep
from kiosk.flows.records import Detail, ResultsPage
from kiosk.portal.client import PortalClient, new_idempotency_key
from kiosk.portal.errors import PortalRateLimited, PortalRejected
from kiosk.portal.models import AccountCreate, SessionCreate, VisitorSession
from kiosk.portal.models.mailbox import NOTIFICATION, Notification
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.demo import DEMO_ACCOUNT, DEMO_ACCOUNT_EMAIL, DEMO_ACCOUNT_PASSWORD
from kiosk.sandbox.services.mailbox import (
    DEMO_COPIES_ID,
    DEMO_HEARING_ID,
    DEMO_RULING_ID,
    refresh_demo,
)
from kiosk.services.base import AnswerRejected, RenderContext
from kiosk.services.mailbox import FLOW, SERVICE
from kiosk.services.mailbox.record import notification_paper
from kiosk.session import Session

TODAY = date(2026, 12, 6)
DEMO_UNREAD = {DEMO_COPIES_ID, DEMO_HEARING_ID, DEMO_RULING_ID}
FULL_NAME = f"{DEMO_ACCOUNT.first_names} {DEMO_ACCOUNT.last_names}"


@pytest.fixture
def demo_box(sandbox: PortalEndpoint, sandbox_dir: Path) -> None:
    """The demo box as every start of the sandbox leaves it (another test may have read it)."""
    database = sandbox_dir / DATABASE_FILE
    with contextlib.closing(sqlite3.connect(database, timeout=10)) as conn, conn:
        refresh_demo(conn, formats.now().date())


@pytest.fixture
def visit() -> Iterator[Session]:
    session = Session()
    yield session
    session.reset()


@pytest.fixture
def actions(client: PortalClient, visit: Session) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE, session=visit)


async def into_the_box(run: FlowRun, actions: dict[str, Bound], login: str, password: str) -> None:
    await advance(run, actions)
    assert run.current.id == "login"
    assert run.submit({"login": login, "login_password": password}) == []
    await advance(run, actions)


async def test_log_in_then_the_box_newest_first_with_the_new_ones_marked(
    actions: dict[str, Bound], visit: Session, demo_box: None
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    await advance(run, actions)
    login = run.current
    assert isinstance(login, QuestionStep) and login.id == "login"  # nobody logged in yet
    assert [f.id for f in login.fields] == ["login", "login_password"]
    typed = f"  {DEMO_ACCOUNT_EMAIL.upper()} "  # as people type it
    assert run.submit({"login": typed, "login_password": DEMO_ACCOUNT_PASSWORD}) == []
    await advance(run, actions)
    assert isinstance(run.current, ResultsStep)
    assert isinstance(visit.login, VisitorSession)  # the visit's: other services reuse it
    page = run.page()
    assert (page.total, len(page.rows)) == (12, 10) and page.next_cursor is not None
    new = {row.id for row in page.rows if str(row.title).startswith("Nueva · ")}
    assert new == DEMO_UNREAD
    assert "Sin leer: 3 de 12" in str(page.searched)
    assert "no cambia ningún plazo" in str(page.searched)
    copies = next(row for row in page.rows if row.id == DEMO_COPIES_ID)
    assert "Tiene copias que debe recoger en el juzgado" in [str(f) for f in copies.facts]
    assert "Expediente 01023-2026-00412" in [str(f) for f in copies.facts]
    # «Ver más»: the older ones, after these
    more = await actions["search"]({**run.submitted_answers(), CURSOR: page.next_cursor}, "k")
    assert isinstance(more, ResultsPage) and len(more.rows) == 2 and more.next_cursor is None
    assert not {row.id for row in more.rows} & {row.id for row in page.rows}
    assert not [row for row in more.rows if str(row.title).startswith("Nueva")]


async def test_a_visit_already_logged_in_goes_straight_to_the_box(
    actions: dict[str, Bound], client: PortalClient, visit: Session
) -> None:
    visit.login = await client.log_in(
        SessionCreate(login=DEMO_ACCOUNT_EMAIL, password=DEMO_ACCOUNT_PASSWORD)
    )  # as Antecedentes Penales leaves it
    run = FlowRun(FLOW, today=TODAY)
    await advance(run, actions)
    assert isinstance(run.current, ResultsStep) and run.page().total == 12
    assert "login" not in [step.id for step in run.path()]
    assert not run.can_go_back  # nothing was asked: nothing to go back to


async def test_opening_one_reads_it_at_the_portal_and_says_the_deadline_rule(
    actions: dict[str, Bound], client: PortalClient, visit: Session, demo_box: None
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    await into_the_box(run, actions, DEMO_ACCOUNT_EMAIL, DEMO_ACCOUNT_PASSWORD)
    results = run.current
    assert isinstance(results, ResultsStep)
    run.submit({results.field: DEMO_COPIES_ID})
    await advance(run, actions)
    assert isinstance(run.current, DetailStep)
    read = run.results["fetch"]
    assert isinstance(read, Notification) and read.read_at is not None
    assert visit.login is not None
    at_portal = await client.call(
        NOTIFICATION, path={"notification_id": DEMO_COPIES_ID}, token=visit.login.token
    )
    assert at_portal.read_at == read.read_at  # read there too
    detail = run.detail()
    rows = {row.id: row for section in detail.sections for row in section.rows}
    assert str(rows["deadline"].value) == "Leerla aquí no cambia ningún plazo."
    deposited = formats.day_and_clock(read.deposited_at)
    assert deposited in str(rows["deadline"].explain)
    assert "artículo 8" in str(rows["deadline"].explain)
    assert detail.sections[0].id == "deadline"  # said first, before anything else
    assert str(rows["kind"].value) == "Decreto" and "trámite" in str(rows["kind"].explain)
    assert str(rows["deposited_at"].value) == deposited
    assert str(rows["read_at"].value) == formats.day_and_clock(read.read_at)
    copies = next(s for s in detail.sections if s.id == "copies")
    assert str(copies.title) == "Copias que debe recoger en el juzgado"
    assert "(24 hojas)" in str(copies.rows[0].value) and "artículo 10" in str(copies.note)
    assert read.court_name in str(copies.note)  # where to collect them
    assert not [s for s in detail.sections if s.id == "attachments"]
    (_day, said), *_ = next(s for s in detail.sections if s.id == "text").timeline
    assert "J. C. G. H." in str(said) and FULL_NAME not in _everything(detail)
    assert run.back() and run.current.id == "results"  # back to the box


async def test_a_notification_with_its_copy_at_the_portal(
    actions: dict[str, Bound], demo_box: None
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    await into_the_box(run, actions, DEMO_ACCOUNT_EMAIL, DEMO_ACCOUNT_PASSWORD)
    run.submit({SELECTED: DEMO_RULING_ID})
    await advance(run, actions)
    detail = run.detail()
    assert [s.id for s in detail.sections] == ["deadline", "notification", "text", "attachments"]
    rows = {row.id: row for section in detail.sections for row in section.rows}
    assert str(rows["kind"].value) == "Sentencia" and "plazos" in str(rows["kind"].explain)
    assert "en el portal" in str(rows["attachment.0"].value)


async def test_what_is_typed_is_checked_with_words_that_say_how_to_fix_it(
    actions: dict[str, Bound],
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    await advance(run, actions)
    errors = {e.field_id: e.message for e in run.submit({"login": "juan garcia"})}
    assert "Escriba su número de DPI (13 dígitos) o su correo electrónico" in errors["login"]
    assert errors["login_password"] == "Escriba su contraseña."
    assert run.current.id == "login" and run.raw["login"] == "juan garcia"  # kept
    [error] = run.submit({"login": "juan@", "login_password": "x"})
    assert error.field_id == "login" and "correo" in error.message


async def test_a_wrong_password_is_refused_on_its_field_with_what_to_do(
    actions: dict[str, Bound],
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    await advance(run, actions)
    nobody = f"nadie.{uuid.uuid4().hex[:8]}@ejemplo.gt"  # answered like a wrong password
    run.submit({"login": nobody, "login_password": "no-es-la-clave"})
    with pytest.raises(AnswerRejected) as err:
        await advance(run, actions)
    assert err.value.field == "login_password"
    assert "no son correctos" in str(err.value.text)
    assert "ventanilla" in str(err.value.text)  # and what else to do
    assert run.back() and run.current.id == "login"
    assert run.raw["login"] == nobody  # what was typed is kept


async def test_log_in_tries_are_limited_per_kiosk_and_per_account(
    sandbox: PortalEndpoint,
) -> None:
    """Ten wrong tries from a kiosk stop the eleventh there; ten wrong tries for one account stop
    the next one for it from any kiosk (the sandbox's limits, met through the flow)."""
    email = f"nadie.{uuid.uuid4().hex[:8]}@ejemplo.gt"
    kiosks = [enrolled_kiosk(sandbox, "MB-LIMIT") for _ in range(2)]
    async with (
        PortalClient(sandbox.url, kiosk_id=kiosks[0], kiosk_token=sandbox.device_token) as first,
        PortalClient(sandbox.url, kiosk_id=kiosks[1], kiosk_token=sandbox.device_token) as second,
    ):
        log_in = bound_actions(first, service=SERVICE)["log_in"]
        for _ in range(10):
            with pytest.raises(AnswerRejected):
                await log_in({"login": email, "login_password": "otra-vez-no"}, "k")
        with pytest.raises(PortalRateLimited) as per_kiosk:
            await log_in({"login": f"x{email}", "login_password": "otra-vez-no"}, "k")
        assert "quiosco" in str(per_kiosk.value.detail) and per_kiosk.value.retry_after > 0
        elsewhere = bound_actions(second, service=SERVICE)["log_in"]
        with pytest.raises(PortalRateLimited) as per_account:
            await elsewhere({"login": email, "login_password": "otra-vez-no"}, "k")
        assert "esa cuenta" in str(per_account.value.detail)


async def test_a_session_that_ended_is_opened_again_with_the_password_given_here(
    actions: dict[str, Bound], client: PortalClient, visit: Session
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    await into_the_box(run, actions, DEMO_ACCOUNT_EMAIL, DEMO_ACCOUNT_PASSWORD)
    assert visit.login is not None
    ended = visit.login.token
    await client.log_out(ended)  # the portal ended it (expired) while the visitor read
    page = await actions["search"](run.submitted_answers(), "k")
    assert isinstance(page, ResultsPage) and page.total == 12
    assert visit.login is not None and visit.login.token != ended


async def test_a_borrowed_session_that_ended_says_how_to_log_in_again(
    actions: dict[str, Bound], client: PortalClient, visit: Session
) -> None:
    visit.login = await client.log_in(
        SessionCreate(login=DEMO_ACCOUNT_EMAIL, password=DEMO_ACCOUNT_PASSWORD)
    )
    await client.log_out(visit.login.token)  # ended at the portal; the kiosk does not know yet
    run = FlowRun(FLOW, today=TODAY)
    with pytest.raises(PortalRejected) as err:
        await advance(run, actions)
    assert err.value.text is not None and "Toque «Inicio»" in str(err.value.text)
    assert visit.login is None  # the next time, the box asks for the log-in
    again = FlowRun(FLOW, today=TODAY)
    await advance(again, actions)
    assert again.current.id == "login"


async def test_an_empty_box_says_so(
    actions: dict[str, Bound], client: PortalClient, sandbox_dir: Path
) -> None:
    person = _person_without_a_box(sandbox_dir)
    email = f"sin.casillero.{uuid.uuid4().hex[:8]}@ejemplo.gt"
    password = "el volcán de agua al amanecer"
    await client.create_account(
        AccountCreate(dpi=person.dpi, birth_date=person.birth_date, email=email, password=password),
        idempotency_key=new_idempotency_key(),
    )
    run = FlowRun(FLOW, today=TODAY)
    await into_the_box(run, actions, email, password)
    step = run.current
    assert isinstance(step, ResultsStep) and run.page().total == 0
    assert "no tiene notificaciones" in str(step.empty)


async def test_a_notification_no_longer_in_the_box_says_so(
    actions: dict[str, Bound], demo_box: None
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    await into_the_box(run, actions, DEMO_ACCOUNT_EMAIL, DEMO_ACCOUNT_PASSWORD)
    answers = {**run.submitted_answers(), SELECTED: "nt_0000000000000000"}
    with pytest.raises(PortalRejected) as err:
        await actions["fetch"](answers, "k")
    assert err.value.text is not None and "ya no está en su casillero" in str(err.value.text)


async def test_the_paper_holds_the_notification_the_rule_and_no_name(
    actions: dict[str, Bound], client: PortalClient, demo_box: None, tmp_path: Path
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    await into_the_box(run, actions, DEMO_ACCOUNT_EMAIL, DEMO_ACCOUNT_PASSWORD)
    run.submit({SELECTED: DEMO_COPIES_ID})
    await advance(run, actions)
    read = run.results["fetch"]
    assert isinstance(read, Notification)
    sources = {**run.submitted_answers(), **run.results}
    [job] = await notification_paper(RenderContext(client, "GT-TEST-0001"), sources)
    assert job.title == "Notificacion OJ" and job.name == "mailbox_notification"
    text = text_of(job.make(), tmp_path)
    for expected in (
        "Casillero Electrónico",
        "Expediente 01023-2026-00412",
        "Leerla aquí no cambia ningún plazo.",
        "artículo 8",
        "Copias que debe recoger en el juzgado",
        "(24 hojas)",
        "artículo 10",
        f"Notificación depositada en el casillero electrónico el "
        f"{formats.day_and_clock(read.deposited_at)}",
        "J. C. G. H.",
    ):
        assert squeezed(expected).lower() in squeezed(text).lower(), expected  # titles: capitals
    for private in (*FULL_NAME.split(), DEMO_ACCOUNT_EMAIL, DEMO_ACCOUNT.dpi):
        assert private not in text, private


def _everything(detail: Detail) -> str:
    parts = [str(detail.heading)]
    for section in detail.sections:
        parts += [str(section.title), str(section.note)]
        parts += [f"{row.value} {row.explain}" for row in section.rows]
        parts += [str(what) for _day, what in section.timeline]
    return "\n".join(parts)


def _person_without_a_box(sandbox_dir: Path) -> Person:
    """A seeded person with no account and no box."""
    with contextlib.closing(sqlite3.connect(sandbox_dir / DATABASE_FILE)) as conn:
        owners = {
            o for (o,) in conn.execute("SELECT DISTINCT owner_dpi FROM mailbox_notifications")
        }
    for _ in range(50):
        person = person_without_account(sandbox_dir)
        if person.dpi not in owners:
            return person
    raise AssertionError("every person drawn has a box")
