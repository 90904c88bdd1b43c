"""Declared endpoints: templates filled with escaped segments; the template names a call in logs."""

from __future__ import annotations

import pytest

from kiosk.portal.endpoint import Endpoint, route_of
from kiosk.portal.models import Certificate, PaymentOrder
from kiosk.portal.models.criminal_records import CERTIFICATE


def test_a_typed_value_stays_one_segment() -> None:
    assert CERTIFICATE.url(download_code="AB/../x?y=1") == "/certificates/AB%2F..%2Fx%3Fy%3D1"


def test_every_placeholder_must_be_filled() -> None:
    with pytest.raises(ValueError, match="takes"):
        CERTIFICATE.url()
    with pytest.raises(ValueError, match="takes"):
        CERTIFICATE.url(download_code="A", other="B")


def test_logs_name_the_template_never_the_value() -> None:
    assert route_of("GET", "/certificates/K7QM-4TZP-9XWA") == "/certificates/{download_code}"
    assert route_of("GET", "/payment-orders?reference=482177301295") == "/payment-orders"
    assert route_of("GET", "/no/such/route/2456789050101") == "/{unknown}"


def test_a_template_has_no_query() -> None:
    with pytest.raises(ValueError, match="without a query"):
        Endpoint("GET", "/payment-orders?reference={reference}", PaymentOrder)
    assert Endpoint("GET", "/x/{a}/y/{b}", Certificate).params == ("a", "b")
