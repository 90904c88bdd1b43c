"""Every flow the kiosk offers, by id. Adding a service is adding its module here."""

from __future__ import annotations

from kiosk.flows.account import ACCOUNT
from kiosk.flows.model import Flow

FLOWS: dict[str, Flow] = {flow.id: flow for flow in (ACCOUNT,)}

for _flow in FLOWS.values():
    _flow.validate_graph()
