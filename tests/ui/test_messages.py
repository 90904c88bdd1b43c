"""What a visitor reads when the portal says to wait: seconds for a short wait, minutes for a
long one (a DPI locked for a quarter of an hour)."""

from __future__ import annotations

import pytest

from kiosk.portal.errors import PortalRateLimited
from kiosk.portal.models import Problem
from kiosk.ui.messages import for_error


def limited(seconds: int) -> PortalRateLimited:
    return PortalRateLimited(
        Problem(title="x", status=429, code="rate_limited", retry_after=seconds)
    )


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (30, "Espere 30 segundos"),
        (119, "Espere 119 segundos"),
        (120, "Espere 2 minutos"),
        (900, "Espere 15 minutos"),
        (901, "Espere 16 minutos"),
    ],
)
def test_a_wait_is_said_in_seconds_or_in_minutes(seconds: int, said: str) -> None:
    message = for_error(limited(seconds))
    assert message is not None and message.can_retry
    assert said in message.text


def test_a_401_is_an_ended_session_and_a_403_says_the_portal_s_reason() -> None:
    from kiosk.portal.errors import PortalUnauthorized

    ended = for_error(PortalUnauthorized(Problem(title="x", status=401, code="session_invalid")))
    assert ended is not None and "Su sesión terminó" in ended.text
    detail = "Solo un supervisor puede reimprimir documentos."
    refused = for_error(
        PortalUnauthorized(
            Problem(title="x", status=403, code="staff_role_required", detail=detail)
        )
    )
    assert refused is not None and refused.text == detail and not refused.can_retry
