"""Antecedentes Penales: the review (changes, checks run again), the request's key, the results."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from record_fixtures import TYPED, FakePortal, act, new_run, typed, walk
from support.codes import body_of, shown_codes

from kiosk.flows.model import ActionStep, InfoStep, QuestionStep, ReviewStep
from kiosk.portal.errors import PortalTimeout
from kiosk.portal.models import Problem, RequestStatus
from kiosk.services.base import AnswerRejected


async def test_review_shows_only_the_answers_on_the_current_path() -> None:
    run, portal = new_run(), FakePortal()
    await walk(run, portal.actions(), "review", typed(send_email="sí"))
    guest = {"guest_dpi", "guest_birth_date", "first_names", "last_names", "delivery_email"}
    assert guest <= {item.field_id for item in run.review_items()}
    run.change("mode")
    assert run.submit({"mode": "con_cuenta"}) == [] and run.current.id == "visit_login"
    assert await walk(run, portal.actions(), "review") == [
        "visit_login", "login", "log_in", "verify_boleta",
    ]  # fmt: skip
    shown = {item.field_id for item in run.review_items()}
    assert "login" in shown and not shown & (guest | {"send_email"})
    assert not set(run.submitted_answers()) & guest
    assert run.answers["first_names"] == "María José"  # kept, in case they come back


async def test_switching_to_online_payment_from_the_review_asks_the_new_steps_and_returns() -> None:
    run, portal = new_run(), FakePortal()
    await walk(run, portal.actions(), "review")
    run.change("pay_method")
    assert run.submit({"pay_method": "en_linea"}) == []
    assert run.current.id == "create_payment_order" and run.changing
    visited = await walk(run, portal.actions(), "review")
    assert visited == ["create_payment_order", "payment_slip", "wait_for_payment"]
    shown = {item.field_id: item.display for item in run.review_items()}
    assert shown["pay_method"] == "Pagar en línea ahora" and "boleta_number" not in shown
    assert run.back() and run.current.id == "payment_slip"  # the back stack is the path again
    assert run.submit({}) == [] and run.current.id == "review"  # the wait's result holds
    # back to the boleta: its answers were kept and checked as they are, so nothing is asked
    run.change("pay_method")
    run.submit({"pay_method": "boleta"})
    assert run.current.id == "review" and len(portal.sent("verify_boleta")) == 1
    await walk(run, portal.actions(), "issued")
    [(sent, _key)] = portal.sent("submit_request")
    assert sent["pay_method"] == "boleta" and "create_payment_order" not in sent


async def test_switching_to_a_boleta_from_the_review_asks_for_the_slip() -> None:
    run, portal = new_run(), FakePortal()
    await walk(run, portal.actions(), "review", typed(pay_method="en_linea"))
    run.change("pay_method")
    run.submit({"pay_method": "boleta"})
    assert await walk(run, portal.actions(), "review") == ["boleta_bank", "boleta", "verify_boleta"]
    assert len(portal.sent("create_payment_order")) == 1


async def test_a_check_whose_answers_changed_runs_again_before_the_request() -> None:
    run, portal = new_run(), FakePortal()
    await walk(run, portal.actions(), "review", typed(mode="con_cuenta"))
    problem = Problem(title="x", status=401, code="invalid_credentials", field="login_password")
    portal.queue["log_in"] = [AnswerRejected(problem)]
    run.change("login")
    assert run.submit({**TYPED["login"], "login": "otra@ejemplo.gt"}) == []
    assert isinstance(await act(run, portal.actions()), AnswerRejected)
    assert run.back() and run.current.id == "login" and run.back()
    assert run.current.id == "review" and not run.changing
    # the review shows the other login, whose log-in failed: it runs before anything is sent
    assert run.submit({}) == [] and run.current.id == "log_in" and run.changing
    assert await act(run, portal.actions()) is None
    assert run.current.id == "verify_boleta"  # the slip check saw another session: again
    assert await act(run, portal.actions()) is None and run.current.id == "review"
    assert run.submit({}) == [] and run.current.id == "submit_request"
    assert [a["login"] for a, _key in portal.sent("log_in")] == [
        "juan.garcia@ejemplo.gt",
        "otra@ejemplo.gt",
        "otra@ejemplo.gt",
    ]


async def test_the_request_key_holds_across_retries_and_changes_with_an_answer() -> None:
    run, portal = new_run(), FakePortal()
    await walk(run, portal.actions(), "review")
    portal.queue["submit_request"] = [PortalTimeout("sin respuesta"), PortalTimeout("otra vez")]
    assert run.submit({}) == []
    first_key = run.action_key("submit_request")
    assert isinstance(await act(run, portal.actions()), PortalTimeout)
    assert isinstance(await act(run, portal.actions()), PortalTimeout)
    assert run.action_failures == 2 and run.action_key("submit_request") == first_key
    assert run.back() and run.current.id == "review"  # a failed request: still changeable
    run.change("first_names")
    assert run.submit({"first_names": "María Josefa", "last_names": "Pérez López"}) == []
    assert await walk(run, portal.actions(), "issued") == [
        "verify_boleta",
        "review",
        "submit_request",
    ]
    keys = [key for _answers, key in portal.sent("submit_request")]
    assert keys[0] == keys[1] == first_key and keys[2] != first_key


@pytest.mark.parametrize(
    ("status", "ending", "words"),
    [
        (RequestStatus.ISSUED, "issued", ["no registra", "CAP-2025-AB12-CD34", "K7P2-Q9XM-4TRA"]),
        (
            RequestStatus.REGISTERED,
            "registered",
            ["registra antecedentes", "UNAP", "DPI", "resultado oficial", "CAP-2025-AB12-CD34"],
        ),
        (
            RequestStatus.IN_REVIEW,
            "in_review",
            ["cr_0001", "K7P2-Q9XM-4TRA", "04/06/2025", "no tiene que pagar", "Maria@ejemplo.gt"],
        ),
    ],
)
async def test_each_result_has_its_confirmation(
    status: RequestStatus, ending: str, words: list[str]
) -> None:
    run, portal = new_run(), FakePortal(status=status)
    assert await walk(run, portal.actions(), ending, typed(send_email="sí"))
    assert run.finished and not run.can_go_back
    shown = body_of(run) + " " + " ".join(value for _label, value in shown_codes(run))
    assert all(word in shown for word in words), shown
    title = run.current.title
    assert (
        title
        == {
            "issued": "No registra antecedentes penales",
            "registered": "Resultado: registra antecedentes penales",
            "in_review": "Su solicitud está en revisión",
        }[ending]
    )


# --- any sequence of moves keeps the run consistent ---------------------------------------------

MOVES = st.lists(
    st.sampled_from(["go", "go", "back", "change", "other", "fail", "invalid"]), max_size=60
)
OTHER = {
    "mode": ["sin_registro", "con_cuenta", "crear_cuenta"],
    "send_email": ["sí", "no"],
    "pay_method": ["boleta", "en_linea"],
}


@settings(max_examples=60, deadline=None)
@given(moves=MOVES, pick=st.integers(0, 20))
def test_any_sequence_of_moves_keeps_the_run_consistent(moves: list[str], pick: int) -> None:
    asyncio.run(_moves(moves, pick))


async def _moves(moves: list[str], pick: int) -> None:
    run, portal = new_run(), FakePortal()
    for n, move in enumerate(moves):
        step = run.current
        if run.finished:
            break
        if move == "back":
            run.back()
        elif isinstance(step, ReviewStep) and move == "change":
            items = [i for i in run.review_items() if i.changeable]
            if items:
                run.change(items[pick % len(items)].field_id)
        elif isinstance(step, ActionStep):
            if move == "fail":
                portal.queue[step.action] = [PortalTimeout("x")]
            await act(run, portal.actions())
        elif isinstance(step, QuestionStep):
            values = TYPED[step.id]
            if step.id in OTHER and move == "other":
                values = {step.id: OTHER[step.id][(n + pick) % len(OTHER[step.id])]}
            if move == "invalid":
                before = dict(run.answers)
                assert run.submit({f.id: "" for f in step.fields}) != []
                assert run.answers == before
                continue
            assert run.submit(values) == [], step.id
        elif isinstance(step, InfoStep | ReviewStep):
            run.submit({})
        path = [s.id for s in run.path()]
        assert run.current.id in path
        if isinstance(run.current, ActionStep):  # nothing is sent with a question left open
            before = run.path()[: path.index(run.current.id)]
            assert all(
                all(f.id in run.answers for f in s.fields)
                for s in before
                if isinstance(s, QuestionStep)
            )
        number, total = run.progress()
        assert 1 <= number <= total
        assert {i.field_id for i in run.review_items()} <= set(run.submitted_answers())
        if isinstance(run.current, ActionStep) and run.current.action == "submit_request":
            sent = run.submitted_answers()
            assert ("guest_dpi" in sent) == (sent["mode"] == "sin_registro")
            assert ("boleta_number" in sent) == (sent["pay_method"] == "boleta")
            assert ("verify_boleta" in sent) == (sent["pay_method"] == "boleta")
