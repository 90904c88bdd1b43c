"""What the kiosk wrote to its log, as text to search for a visitor's data: each record's message,
its arguments and its extra fields, but not what every record carries (its time, thread, file and
line), whose digits can match a PIN or part of a DPI by chance (CI saw «0101» in a timestamp)."""

from __future__ import annotations

import logging

import pytest

_EVERY_RECORD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def logged_text(caplog: pytest.LogCaptureFixture) -> str:
    parts = []
    for record in caplog.records:
        extra = {k: v for k, v in record.__dict__.items() if k not in _EVERY_RECORD}
        parts.append(f"{record.getMessage()} {record.args} {record.exc_text or ''} {extra}")
    return "\n".join(parts)
