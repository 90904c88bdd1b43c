"""What a seal carries (SEAL.md): the constants, the code tables and the signed document.

Type and result codes live here and only here, with their Spanish labels. ``SealedDocument``
checks its own fields on construction (raising ``SealFormatError`` with a stable reason), so the
encoder cannot sign, and the decoder cannot return, a document that breaks these rules.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum

from kiosk.seals.reasons import InvalidReason, SealFormatError

SEAL_PREFIX = "OJ1:"
ISSUER = "GT-OJ"
PRIVATE_CLAIM = -70000
DOCUMENT_FORMAT_VERSION = 1

DPI_PATTERN = re.compile(r"[0-9]{13}")
# Verification codes go into portal URLs (GET /v1/documents/{code}): letters, digits, . _ -
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
MAX_NAME_LENGTH = 200


class DocumentType(StrEnum):
    CAP = "CAP"  # Constancia de Carencia de Antecedentes Penales


DOCUMENT_TYPE_LABELS: dict[DocumentType, str] = {
    DocumentType.CAP: "Constancia de Carencia de Antecedentes Penales",
}


class RecordResult(StrEnum):
    NR = "NR"  # no registra antecedentes
    R = "R"  # registra antecedentes


RECORD_RESULT_LABELS: dict[RecordResult, str] = {
    RecordResult.NR: "No registra antecedentes penales",
    RecordResult.R: "Registra antecedentes penales",
}

CONSTANCIA_VALIDITY_MONTHS = 6
VALIDITY_MONTHS: dict[DocumentType, int] = {DocumentType.CAP: CONSTANCIA_VALIDITY_MONTHS}


def add_months(moment: datetime, months: int) -> datetime:
    """Same day and time ``months`` later, on the month's last day when that day does not exist
    (31 August + 6 months = 28/29 February). Keeps the time zone of ``moment``."""
    index = moment.year * 12 + (moment.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def expiry_for(doc_type: DocumentType, issued_at: datetime) -> datetime:
    """When a document of ``doc_type`` issued at ``issued_at`` stops being valid."""
    return add_months(issued_at, VALIDITY_MONTHS[doc_type])


# --- field rules (shared by the encoder and the decoder) -----------------------------------------


def check_code(code: object) -> str:
    if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
        raise SealFormatError(InvalidReason.BAD_CODE, "verification code format")
    return code


def check_name(name: object) -> str:
    if (
        not isinstance(name, str)
        or not name.strip()
        or len(name) > MAX_NAME_LENGTH
        or any(unicodedata.category(char).startswith("C") for char in name)
    ):
        raise SealFormatError(InvalidReason.BAD_NAME, "full name format")
    return name


def check_dpi(dpi: object) -> str:
    if not isinstance(dpi, str) or not DPI_PATTERN.fullmatch(dpi):
        raise SealFormatError(InvalidReason.BAD_DPI, "dpi is not 13 ascii digits")
    return dpi


def check_instant(moment: object, field: str) -> datetime:
    """An aware datetime in whole seconds, returned in UTC."""
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        raise SealFormatError(InvalidReason.BAD_DATE, f"{field} must be an aware datetime")
    if moment.microsecond:
        raise SealFormatError(InvalidReason.BAD_DATE, f"{field} must be whole seconds")
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class SealedDocument:
    """The signed content of a seal. Times are normalized to UTC and must be whole seconds."""

    type: DocumentType
    code: str
    # Personal data stays out of repr() so that it cannot reach a log line by accident.
    full_name: str = field(repr=False)
    dpi: str = field(repr=False)
    birth_date: date = field(repr=False)
    result: RecordResult
    issued_at: datetime
    expires_at: datetime

    def __post_init__(self) -> None:
        if not isinstance(self.type, DocumentType):
            raise SealFormatError(InvalidReason.UNKNOWN_DOCUMENT_TYPE, "type")
        if not isinstance(self.result, RecordResult):
            raise SealFormatError(InvalidReason.UNKNOWN_RESULT, "result")
        check_code(self.code)
        check_name(self.full_name)
        check_dpi(self.dpi)
        if not isinstance(self.birth_date, date) or isinstance(self.birth_date, datetime):
            raise SealFormatError(InvalidReason.BAD_DATE, "birth_date must be a date")
        issued = check_instant(self.issued_at, "issued_at")
        expires = check_instant(self.expires_at, "expires_at")
        if expires <= issued:
            raise SealFormatError(InvalidReason.CLAIMS_MISMATCH, "expires_at <= issued_at")
        object.__setattr__(self, "issued_at", issued)
        object.__setattr__(self, "expires_at", expires)

    @property
    def type_label(self) -> str:
        return DOCUMENT_TYPE_LABELS[self.type]

    @property
    def result_label(self) -> str:
        return RECORD_RESULT_LABELS[self.result]
