"""Every flow the kiosk offers, by id. Adding a service is adding its module here."""

from __future__ import annotations

from kiosk.flows.account import ACCOUNT
from kiosk.flows.collect_certificate import COLLECT_CERTIFICATE
from kiosk.flows.criminal_record import CRIMINAL_RECORD
from kiosk.flows.model import Flow

FLOWS: dict[str, Flow] = {flow.id: flow for flow in (ACCOUNT, CRIMINAL_RECORD, COLLECT_CERTIFICATE)}

for _flow in FLOWS.values():
    _flow.validate_graph()
