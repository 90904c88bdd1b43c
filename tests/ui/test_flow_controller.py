"""FlowController on a small service of its own: what the shell learns while actions run."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any, cast

import qasync
from steady_loop import run_until

from kiosk.flows.model import ActionStep, Answers, ConfirmationStep, Flow
from kiosk.portal.client import PortalClient
from kiosk.services.base import ActionContext, Service
from kiosk.session import Session
from kiosk.ui.flow_controller import FlowController
from kiosk.ui.ops import Ops

CHAIN = Flow(
    id="chain",
    title="Dos pasos seguidos",
    start="first",
    steps=(
        ActionStep(id="first", title="Primero", action="first", next="second"),
        ActionStep(id="second", title="Segundo", action="second", next="done"),
        ConfirmationStep(id="done", title="Listo", body="Listo."),
    ),
)


def test_an_action_that_leads_into_another_keeps_the_kiosk_busy(
    qloop: qasync.QEventLoop, qtbot: Any
) -> None:
    release = asyncio.Event()

    async def first(context: ActionContext, answers: Answers, key: str) -> object:
        return "cuenta creada"

    async def second(context: ActionContext, answers: Answers, key: str) -> object:
        await release.wait()  # the log-in after the new account, still at the portal
        return "sesión abierta"

    service = Service("chain", "Dos pasos", None, CHAIN, {"first": first, "second": second})
    session = Session()
    ops = Ops()
    busy: list[bool] = []
    ops.busy_changed.connect(busy.append)
    context = ActionContext(cast(PortalClient, None), session)
    controller = FlowController(service, session, context, ops, today=date(2026, 1, 5))
    assert session.flow is controller.run  # the visit owns the run
    controller.start()
    run_until(qloop, asyncio.sleep(0.05))
    assert controller.run.current.id == "second"
    assert ops.busy and busy[-1] is True  # not cleared by the first action's end
    release.set()
    run_until(qloop, asyncio.sleep(0.05))
    assert controller.run.current.id == "done"
    assert not ops.busy and busy[-1] is False
