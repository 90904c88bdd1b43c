from __future__ import annotations

import pytest
from flow_fixtures import DEMO, TODAY

from kiosk.flows.engine import FlowRun


@pytest.fixture
def run() -> FlowRun:
    return FlowRun(DEMO, today=TODAY)
