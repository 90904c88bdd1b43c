"""Logs are JSON lines with whitelisted fields, and personal data is masked even by mistake."""

from __future__ import annotations

import json
import logging

from kiosk.logs import JsonFormatter, redact


def record(message: str, **extra: object) -> logging.LogRecord:
    entry = logging.LogRecord("kiosk.test", logging.INFO, __file__, 1, message, None, None)
    entry.__dict__.update(extra)
    return entry


def test_redact_masks_dpi_email_tokens() -> None:
    text = redact(
        "dpi 2456789050101 y 2456 78905 0101, correo ana.perez@ejemplo.gt, "
        "Bearer abc.def, token Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA"
    )
    for secret in ("2456789050101", "78901", "ana.perez", "abc.def", "Zm9vYmFy"):
        assert secret not in text


def test_only_whitelisted_fields_are_written() -> None:
    line = JsonFormatter().format(
        record("portal call", route="/v1/health", ms=12, dpi="2456789050101", full_name="Ana")
    )
    entry = json.loads(line)
    assert entry["route"] == "/v1/health" and entry["ms"] == 12
    assert "dpi" not in entry and "full_name" not in entry
    assert "2456789050101" not in line and "Ana" not in line


def test_exceptions_log_their_type_only() -> None:
    try:
        raise ValueError("DPI 2456789050101 de Ana Pérez")
    except ValueError:
        import sys

        entry = record("crash")
        entry.exc_info = sys.exc_info()
    line = JsonFormatter().format(entry)
    assert json.loads(line)["exception"] == "ValueError"
    assert "Ana" not in line and "2456789050101" not in line
