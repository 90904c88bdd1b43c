"""A record builder reads what the fetch brought as its own model, or fails loudly (a wrong
action wired to a lookup is a bug, not something to show half of)."""

from __future__ import annotations

import pytest

from kiosk.flows.lookup import FETCH, fetched
from kiosk.portal.models.labor_cases import LaborCase


def test_the_model_comes_back_and_anything_else_is_a_bug() -> None:
    marker = object()
    assert fetched({FETCH: marker}, object) is marker
    with pytest.raises(TypeError, match="LaborCase"):
        fetched({FETCH: "not a case"}, LaborCase)
    with pytest.raises(TypeError):
        fetched({}, LaborCase)
