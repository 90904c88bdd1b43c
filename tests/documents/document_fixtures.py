"""Constants of the sample constancia the document tests render (imported by tests and conftest)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from kiosk.identity import make_dpi
from kiosk.portal.models import Certificate

# 15:00 UTC is 09:00 in Guatemala (UTC-6, no DST).
ISSUED = datetime(2025, 3, 10, 15, 0, 0, tzinfo=UTC)
NOW = ISSUED + timedelta(days=2)
CODE = "CAP-2025-ABCD-EFGH"
NAME = "María José Pérez López"
DPI = make_dpi("24567890", 1, 1)  # a DPI that passes the check digit
BIRTH = date(1990, 9, 15)

CertFactory = Callable[..., Certificate]
