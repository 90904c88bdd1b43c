"""Imprimir mi constancia con un código: the download code, the portal's lookup, the printout."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from support.codes import body_of, shown_codes

from kiosk.flows.engine import FlowRun
from kiosk.flows.model import ActionStep, ConfirmationStep
from kiosk.portal.models import Certificate
from kiosk.services.collect_certificate import COLLECT_CERTIFICATE, compact_code, grouped_code

CERTIFICATE = Certificate(
    code="CAP-2025-AB12-CD34",
    type="CAP",
    full_name="María José Pérez López",
    dpi="2468135710101",
    birth_date=date(1990, 5, 14),
    result="NR",
    issued_at=datetime(2025, 6, 1, 16, 30, tzinfo=UTC),
    valid_until=datetime(2025, 12, 1, 16, 30, tzinfo=UTC),
    seal="OJ1:XYZ",
)


def test_the_code_is_looked_up_and_the_constancia_printed() -> None:
    run = FlowRun(COLLECT_CERTIFICATE, today=date(2025, 6, 2))
    assert run.submit({"download_code": " k7p2 q9xm-4tra "}) == []
    step = run.current
    assert isinstance(step, ActionStep) and step.action == "fetch_certificate"
    assert run.submitted_answers()["download_code"] == "k7p2 q9xm-4tra"
    run.complete_action(CERTIFICATE)
    end = run.current
    assert isinstance(end, ConfirmationStep) and end.document == "certificate"
    assert "María José Pérez López" in body_of(run) and "01/12/2025" in body_of(run)
    assert dict(shown_codes(run)) == {"Código de verificación": "CAP-2025-AB12-CD34"}


@pytest.mark.parametrize("typed", ["", "K7P2-Q9XM", "K7P2-Q9XM-4TRA-8", "K7P2 Q9XM 4TR!"])
def test_a_code_of_the_wrong_shape_is_refused_and_kept(typed: str) -> None:
    run = FlowRun(COLLECT_CERTIFICATE, today=date(2025, 6, 2))
    [error] = run.submit({"download_code": typed})
    assert error.field_id == "download_code"
    assert run.current.id == "download_code" and run.raw["download_code"] == typed


def test_codes_are_compared_without_spaces_dashes_or_case() -> None:
    assert compact_code(" k7p2-q9xm 4tra") == "K7P2Q9XM4TRA"
    assert grouped_code("k7p2q9xm4tra") == "K7P2-Q9XM-4TRA"
