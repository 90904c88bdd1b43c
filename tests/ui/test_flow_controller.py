"""FlowController on a small flow of its own: what the shell learns while actions run."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import qasync
from steady_loop import run_until

from kiosk.flows.model import ActionStep, Answers, ConfirmationStep, Flow
from kiosk.ui.flow_controller import FlowController

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

    async def first(answers: Answers, key: str) -> object:
        return "cuenta creada"

    async def second(answers: Answers, key: str) -> object:
        await release.wait()  # the log-in after the new account, still at the portal
        return "sesión abierta"

    busy: list[bool] = []
    controller = FlowController(CHAIN, {"first": first, "second": second}, today=date(2026, 1, 5))
    controller.busy_changed.connect(busy.append)
    controller.start()
    run_until(qloop, asyncio.sleep(0.05))
    assert controller.run.current.id == "second"
    assert controller.running and busy[-1] is True  # not cleared by the first action's end
    release.set()
    run_until(qloop, asyncio.sleep(0.05))
    assert controller.run.current.id == "done"
    assert not controller.running and busy[-1] is False
