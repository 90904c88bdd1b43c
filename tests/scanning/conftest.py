"""The degraded corpus, made once per test session (about 3 s), and the decoders."""

from __future__ import annotations

import pytest
from degraded import KINDS, DegradedFrame, make_corpus

from kiosk.scanning.decoders import PyzbarDecoder, ZxingDecoder

CORPUS_SIZE = 4 * len(KINDS)  # four frames of every kind


@pytest.fixture(scope="session")
def corpus() -> list[DegradedFrame]:
    return make_corpus(CORPUS_SIZE)


@pytest.fixture(scope="session")
def zxing() -> ZxingDecoder:
    return ZxingDecoder()


@pytest.fixture(scope="session")
def pyzbar() -> PyzbarDecoder:
    return PyzbarDecoder()
