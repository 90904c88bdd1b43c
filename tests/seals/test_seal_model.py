"""The signed document's rules, its code tables and the month arithmetic of expiry dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from kiosk.seals.model import (
    DOCUMENT_TYPE_LABELS,
    RECORD_RESULT_LABELS,
    DocumentType,
    RecordResult,
    SealedDocument,
    add_months,
    expiry_for,
)
from kiosk.seals.reasons import InvalidReason, SealFormatError

GUATEMALA = timezone(timedelta(hours=-6))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime(2025, 1, 15, 9, 30), 6, datetime(2025, 7, 15, 9, 30)),
        (datetime(2025, 8, 31, 23, 59, 59), 6, datetime(2026, 2, 28, 23, 59, 59)),
        (datetime(2023, 8, 31), 6, datetime(2024, 2, 29)),
        (datetime(2025, 12, 1), 1, datetime(2026, 1, 1)),
        (datetime(2025, 7, 31), 6, datetime(2026, 1, 31)),
        (datetime(2025, 3, 31), -1, datetime(2025, 2, 28)),
    ],
)
def test_add_months(start: datetime, months: int, expected: datetime) -> None:
    assert add_months(start, months) == expected


def test_add_months_keeps_the_time_zone() -> None:
    start = datetime(2025, 8, 31, 20, 0, tzinfo=GUATEMALA)
    assert add_months(start, 6) == datetime(2026, 2, 28, 20, 0, tzinfo=GUATEMALA)
    assert add_months(start, 6).tzinfo is GUATEMALA


def test_constancia_lasts_six_months() -> None:
    issued = datetime(2025, 3, 10, 15, 0, tzinfo=UTC)
    assert expiry_for(DocumentType.CAP, issued) == datetime(2025, 9, 10, 15, 0, tzinfo=UTC)


def test_every_code_has_a_spanish_label() -> None:
    assert set(DOCUMENT_TYPE_LABELS) == set(DocumentType)
    assert set(RECORD_RESULT_LABELS) == set(RecordResult)
    assert DOCUMENT_TYPE_LABELS[DocumentType.CAP] == (
        "Constancia de Carencia de Antecedentes Penales"
    )
    assert RecordResult("NR") is RecordResult.NR
    assert RecordResult("R") is RecordResult.R


def test_times_are_normalized_to_utc(make_document: Callable[..., SealedDocument]) -> None:
    local = datetime(2025, 3, 10, 9, 0, tzinfo=GUATEMALA)
    doc = make_document(issued_at=local, expires_at=add_months(local, 6))
    assert doc.issued_at == datetime(2025, 3, 10, 15, 0, tzinfo=UTC)
    assert doc.issued_at.utcoffset() == timedelta(0)
    assert doc.expires_at.utcoffset() == timedelta(0)


def test_labels_on_the_document(make_document: Callable[..., SealedDocument]) -> None:
    doc = make_document(result=RecordResult.R)
    assert doc.type_label == "Constancia de Carencia de Antecedentes Penales"
    assert doc.result_label == "Registra antecedentes penales"


def test_repr_leaves_out_personal_data(make_document: Callable[..., SealedDocument]) -> None:
    doc = make_document()
    text = repr(doc)
    assert doc.dpi not in text
    assert "Pérez" not in text
    assert "1990" not in text
    assert doc.code in text


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"dpi": "123"}, InvalidReason.BAD_DPI),
        ({"dpi": "25194637501O1"}, InvalidReason.BAD_DPI),
        ({"dpi": "２５１９４６３７５０１０１"}, InvalidReason.BAD_DPI),  # fullwidth digits
        ({"code": ""}, InvalidReason.BAD_CODE),
        ({"code": "CAP/../x"}, InvalidReason.BAD_CODE),
        ({"code": "A" * 65}, InvalidReason.BAD_CODE),
        ({"full_name": "   "}, InvalidReason.BAD_NAME),
        ({"full_name": "Ana\x00López"}, InvalidReason.BAD_NAME),
        ({"full_name": "A" * 201}, InvalidReason.BAD_NAME),
        ({"issued_at": datetime(2025, 3, 9, 15, 0)}, InvalidReason.BAD_DATE),  # naive
        ({"issued_at": datetime(2025, 3, 9, 15, 0, 0, 5, tzinfo=UTC)}, InvalidReason.BAD_DATE),
        ({"birth_date": datetime(1990, 9, 15, tzinfo=UTC)}, InvalidReason.BAD_DATE),
        ({"birth_date": "1990-09-15"}, InvalidReason.BAD_DATE),
        ({"expires_at": datetime(2025, 3, 9, 15, 0, tzinfo=UTC)}, InvalidReason.CLAIMS_MISMATCH),
        ({"type": "CAP"}, InvalidReason.UNKNOWN_DOCUMENT_TYPE),
        ({"result": "NR"}, InvalidReason.UNKNOWN_RESULT),
    ],
)
def test_document_rules(
    make_document: Callable[..., SealedDocument], changes: dict[str, object], reason: InvalidReason
) -> None:
    with pytest.raises(SealFormatError) as caught:
        make_document(**changes)
    assert caught.value.reason is reason


def test_a_valid_document_is_accepted(make_document: Callable[..., SealedDocument]) -> None:
    doc = make_document(full_name="José O'Neil-Ramírez Jr.", birth_date=date(2000, 2, 29))
    assert doc.full_name == "José O'Neil-Ramírez Jr."
