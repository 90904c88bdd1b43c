"""Pensión Alimenticia walked without a screen, against the sandbox over HTTP: the demo account
(owed, months without a deposit said plainly, movements newest first and «Ver más»), two cases
to choose from, a wrong PIN and the lock, the forced change of a temporary PIN with its rules,
the PIN kept out of every message and log, the PIN session revoked when the visit ends, and the
statement's printout."""

from __future__ import annotations

import asyncio
import logging
import random
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from documents.pdf_reading import text_of
from support.actions import Bound, advance, bound_actions
from support.logged import logged_text

from kiosk.flows.engine import FlowRun
from kiosk.flows.lookup import CURSOR
from kiosk.flows.model import DetailStep, FieldError, InfoStep, ResultsStep
from kiosk.flows.records import ResultsPage
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalRejected, PortalUnauthorized
from kiosk.portal.models.alimony import ALIMONY_CASES, AlimonyCase, AlimonySession, pin_problem
from kiosk.sandbox.alimony_access import issue_pin
from kiosk.sandbox.app import DATABASE_FILE
from kiosk.sandbox.services.alimony import (
    DEMO_OVERDUE_NUMBER,
    DEMO_TWO_CASES_NUMBERS,
    REPRESENTATIVE,
    TWO_CASES,
)
from kiosk.services.alimony import FLOW, SERVICE
from kiosk.services.alimony.record import statement_paper
from kiosk.services.base import AnswerRejected, RenderContext
from kiosk.session import Session
from kiosk.ui.messages import for_error

TODAY = date.today()
OBLIGOR = "Julio César Chávez Pérez"  # the demo's other party, stored whole, shown J. C. C. P.
CHILDREN = ("Ana Sofía Chávez Tzoc", "Luis Fernando Chávez Tzoc")


@pytest.fixture
def session() -> Session:
    return Session()


@pytest.fixture
def actions(client: PortalClient, session: Session) -> dict[str, Bound]:
    return bound_actions(client, service=SERVICE, session=session)


async def more(run: FlowRun, actions: dict[str, Bound]) -> None:
    """ "Ver más", as the controller does it."""
    step = run.current
    assert isinstance(step, ResultsStep) and step.more is not None
    answers = {**run.submitted_answers(), CURSOR: run.page().next_cursor}
    page = await actions[step.more](answers, run.action_key(step.source))
    assert isinstance(page, ResultsPage)
    run.add_page(page)


def person_with_pin(
    sandbox_dir: Path, *, temporary: bool, pin: str | None = None
) -> tuple[str, str, int]:
    """A generated person of the session's sandbox given a PIN in its database, as `kiosk sandbox
    issue-pin` gives one: (DPI, PIN, birth year)."""
    with closing(sqlite3.connect(sandbox_dir / DATABASE_FILE, timeout=10)) as conn, conn:
        count = conn.execute("SELECT COUNT(*) FROM alimony_people").fetchone()[0]
        while True:
            dpi, born = conn.execute(
                "SELECT dpi, birth_date FROM alimony_people LIMIT 1 OFFSET ?",
                (random.randrange(count),),
            ).fetchone()
            taken = conn.execute(
                "SELECT 1 FROM alimony_pins n JOIN alimony_people p ON p.pk = n.person_pk "
                "WHERE p.dpi = ?",
                (dpi,),
            ).fetchone()
            if not taken and not dpi.startswith("99"):
                return dpi, issue_pin(conn, dpi, pin, temporary=temporary), int(born[:4])


async def test_the_demo_account_from_the_pin_to_the_printed_statement(
    actions: dict[str, Bound], client: PortalClient, tmp_path: Path
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    assert run.submit({"dpi": "9901 02319 0901", "pin": REPRESENTATIVE.pin or ""}) == []
    await advance(run, actions)
    step = run.current
    assert isinstance(step, InfoStep) and step.id == "account"  # one case: straight to it
    codes = {code.id: code.value for code in run.codes()}
    assert codes == {"balance": "Q3,600.00", "months_without_deposit": "3"}
    body = [str(part) for part in run.body()]
    assert any(part.startswith("3 meses sin depósito. ") for part in body)  # said plainly
    assert any(DEMO_OVERDUE_NUMBER in part for part in body)
    assert any("Disponible para retirar: Q1,200.00" in part for part in body)
    assert not run.can_go_back  # the PIN screen is behind: "Atrás" never leads back to it
    assert run.submit({}) == []
    await advance(run, actions)
    assert isinstance(run.current, ResultsStep) and run.current.id == "movements"
    page = run.page()
    assert page.total == 23 and [row.id for row in page.rows] == [
        f"m{n}" for n in range(23, 13, -1)
    ]
    assert page.next_cursor is not None
    await more(run, actions)
    await more(run, actions)
    rows = run.page().rows
    assert [row.id for row in rows] == [f"m{n}" for n in range(23, 0, -1)]
    assert run.page().next_cursor is None
    assert str(rows[0].title) == "Depósito de Q1,200.00" and str(rows[1].title).startswith("Retiro")
    run.submit({"movement": "m23"})
    assert isinstance(run.current, DetailStep)
    detail = run.detail()
    shown = {row.id: str(row.value) for s in detail.sections for row in s.rows}
    assert (
        shown["balance"] == "Q3,600.00"
        and shown["months_without_deposit"] == "3 meses sin depósito"
    )
    assert (
        shown["movement.kind"] == "Depósito de Q1,200.00" and shown["other_party"] == "J. C. C. P."
    )
    assert (shown["beneficiary.0"], shown["beneficiary.1"]) == ("A. S. C. T.", "L. F. C. T.")
    timeline = next(s for s in detail.sections if s.id == "movements").timeline
    assert len(timeline) == 23
    every_text = " ".join(
        f"{row.label} {row.value} {row.explain}" for s in detail.sections for row in s.rows
    )
    assert OBLIGOR not in every_text and not [c for c in CHILDREN if c in every_text]
    assert run.back() and run.current.id == "movements"  # back to the list: the others
    run.submit({"movement": "m23"})
    sources = {**run.submitted_answers(), **run.results}
    [job] = await statement_paper(RenderContext(client, "GT-TEST-0001"), sources)
    assert job.title == "Pension alimenticia OJ"  # a CUPS title says nothing personal
    paper = text_of(job.make(), tmp_path)
    assert f"Expediente {DEMO_OVERDUE_NUMBER}" in paper and "Estado de cuenta al" in paper
    assert "Depósito de Q1,200.00 · Banrural · Boleta de depósito" in paper
    for fact in ("Q3,600.00", "3 meses sin depósito", "J. C. C. P.", "A. S. C. T.", "Q1,200.00"):
        assert fact in paper, fact
    assert REPRESENTATIVE.dpi not in paper.replace(" ", "") and "Tzoc" not in paper
    assert OBLIGOR not in paper and "Chávez" not in paper


async def test_two_cases_are_listed_to_choose_one(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"dpi": TWO_CASES.dpi, "pin": TWO_CASES.pin or ""})
    await advance(run, actions)
    assert isinstance(run.current, ResultsStep) and run.current.id == "cases"
    page = run.page()
    assert page.total == 2
    titles = {str(row.title) for row in page.rows}
    assert titles == {f"Expediente {number}" for number in DEMO_TWO_CASES_NUMBERS}
    assert all("Obligado a pagar" in [str(f) for f in row.facts] for row in page.rows)
    chosen = next(r for r in page.rows if DEMO_TWO_CASES_NUMBERS[0] in str(r.title))
    run.submit({"selected": chosen.id})
    await advance(run, actions)
    account = run.results["fetch"]
    assert isinstance(account, AlimonyCase) and account.number == DEMO_TWO_CASES_NUMBERS[0]
    assert {c.id: c.value for c in run.codes()} == {
        "balance": "Q6,000.00",
        "months_without_deposit": "1",
    }
    assert any(str(p).startswith("1 mes sin depósito. ") for p in run.body())
    assert run.back() and run.current.id == "cases"  # back to the two


async def test_a_wrong_pin_says_the_tries_left_then_the_lock_says_how_long(
    actions: dict[str, Bound], sandbox_dir: Path
) -> None:
    dpi, pin, _ = person_with_pin(sandbox_dir, temporary=False, pin="8163")
    run = FlowRun(FLOW, today=TODAY)
    said = []
    for wrong in ("1357", "2468", "9753"):
        run.submit({"dpi": dpi, "pin": wrong})
        with pytest.raises(PortalRejected) as err:
            await advance(run, actions)
        message = for_error(err.value)
        assert message is not None
        said.append((message.text, message.can_retry, message.field))
        assert run.back() and run.current.id == "identity"  # "Atrás": type them again
    assert said[0] == (
        "El DPI o el PIN no son correctos. Le quedan 2 intentos. Revise su DPI y su PIN y "
        "escríbalos otra vez.",
        False,
        "pin",
    )
    assert said[1][0].startswith("El DPI o el PIN no son correctos. Le queda 1 intento")
    locked, can_retry, _ = said[2]
    assert "Podrá intentar de nuevo en 15 minutos." in locked and not can_retry
    assert "Juzgado de Familia" in locked and "ventanilla" in locked  # the way on
    run.submit({"dpi": dpi, "pin": pin})  # even the right one, while locked
    with pytest.raises(PortalRejected) as err:
        await advance(run, actions)
    assert "15 minutos" in str(err.value.text)


async def test_the_pin_is_checked_before_it_is_sent(actions: dict[str, Bound]) -> None:
    run = FlowRun(FLOW, today=TODAY)
    for typed, code in (("", "required"), ("123", "pin_shape"), ("12a45", "pin_shape"),
                        ("1234567", "pin_shape")):  # fmt: skip
        errors = run.submit({"dpi": REPRESENTATIVE.dpi, "pin": typed})
        assert [(e.field_id, e.code) for e in errors] == [("pin", code)], typed
        assert typed == "" or typed not in errors[0].message  # never repeated back
        assert run.raw["pin"] == typed and run.current.id == "identity"


async def test_a_temporary_pin_asks_for_a_new_one_twice_by_the_rules(
    actions: dict[str, Bound], client: PortalClient, sandbox_dir: Path
) -> None:
    dpi, temporary, born = person_with_pin(sandbox_dir, temporary=True)
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"dpi": dpi, "pin": temporary})
    await advance(run, actions)
    assert run.current.id == "new_pin" and not run.can_go_back
    session = run.results["log_in"]
    assert isinstance(session, AlimonySession) and session.must_change_pin
    for first, again, field, code in (
        ("3333", "3333", "new_pin", "pin_repeated"),
        ("5678", "5678", "new_pin", "pin_sequence"),
        ("87654", "87654", "new_pin", "pin_sequence"),
        (temporary, temporary, "new_pin", "pin_same"),
        ("5920", "5902", "new_pin_again", "pin_mismatch"),
        ("59", "59", "new_pin", "pin_shape"),
    ):
        errors = run.submit({"new_pin": first, "new_pin_again": again})
        assert [(e.field_id, e.code) for e in errors] == [(field, code)], first
        assert first not in errors[0].message and first not in str(errors[0].params)
    # the birth year only the portal knows: it says so, and "Atrás" leads to the question
    run.submit({"new_pin": str(born), "new_pin_again": str(born)})
    with pytest.raises(AnswerRejected) as err:
        await advance(run, actions)
    assert err.value.field == "new_pin" and "año de nacimiento" in (err.value.detail or "")
    assert run.back() and run.current.id == "new_pin"
    mine = next(p for p in ("6031", "7142", "8253") if pin_problem(p, birth_year=born) is None)
    assert run.submit({"new_pin": mine, "new_pin_again": mine}) == []
    await advance(run, actions)
    assert run.current.id == "pin_changed"
    assert not [item for item in run.review_items() if "pin" in item.field_id]  # never reviewed
    run.submit({})
    await advance(run, actions)
    assert run.current.id in ("account", "cases")
    again = FlowRun(FLOW, today=TODAY)
    again.submit({"dpi": dpi, "pin": temporary})
    with pytest.raises(AnswerRejected) as refused:  # the temporary PIN opens nothing now
        await advance(again, actions)
    assert refused.value.code == "pin_invalid"


async def test_the_pin_reaches_no_log_and_no_message(
    actions: dict[str, Bound], sandbox_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    dpi, pin, _ = person_with_pin(sandbox_dir, temporary=False, pin="4096")
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"dpi": dpi, "pin": "9999"})
    with pytest.raises(PortalRejected) as err:
        await advance(run, actions)
    assert pin not in repr(err.value) and "9999" not in str(err.value.text)
    run.back()
    run.submit({"dpi": dpi, "pin": pin})
    await advance(run, actions)
    assert "9999" not in repr(run) and pin not in repr(run)
    logged = logged_text(caplog)
    assert "portal call" in caplog.text  # the client did log: templates only
    for secret in (dpi, pin, "9999"):
        assert secret not in logged


async def test_the_pin_session_is_revoked_when_the_visit_ends(
    actions: dict[str, Bound], client: PortalClient, session: Session
) -> None:
    run = FlowRun(FLOW, today=TODAY)
    run.submit({"dpi": REPRESENTATIVE.dpi, "pin": REPRESENTATIVE.pin or ""})
    await advance(run, actions)
    token = run.results["log_in"]
    assert isinstance(token, AlimonySession)
    assert (await client.call(ALIMONY_CASES, token=token.token)).total == 1
    assert session.login is None  # never the visit's shared log-in
    session.flow = run
    session.reset()  # "Terminar" or the idle wipe
    assert run.results == {} and run.answers == {}
    for _ in range(100):
        try:
            await client.call(ALIMONY_CASES, token=token.token)
        except PortalUnauthorized:
            break
        await asyncio.sleep(0.02)
    else:
        pytest.fail("the PIN session still works at the portal after the visit ended")
    session.reset()  # a second reset has nothing left to revoke


def test_every_message_id_of_a_pin_error_is_free_of_the_pin() -> None:
    """FieldErrors carry their parameters to the screen: none of them is what was typed."""
    from kiosk.services.alimony.questions import new_pin_rules, pin_shape, same_new_pin

    for check, value, answers in (
        (pin_shape, "12x", {}),
        (new_pin_rules, "4444", {}),
        (new_pin_rules, "202020", {"pin": "202020"}),
        (same_new_pin, "5555", {"new_pin": "5556"}),
    ):
        with pytest.raises(FieldError) as err:
            check(value, answers)
        assert err.value.params == {} and value not in err.value.message
