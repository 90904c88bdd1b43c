"""Structured, redacted logging: one JSON object per line, whitelisted fields only.

A visitor's DPI, name, email, password or token must never reach a log. Code logs fixed messages
plus whitelisted ``extra`` fields; as a second line of defence anything that looks like a DPI, an
email, a bearer token or a long secret is masked in the message before it is written.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from kiosk.config import ConfigError, os_error_text

ALLOWED_FIELDS = frozenset(
    {"method", "route", "outcome", "ms", "screen", "flow", "step", "event", "error", "status",
     "port", "pid", "seconds", "queue", "job", "verdict", "reason", "service", "count",
     "document"}
)  # fmt: skip

_PATTERNS = (
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "<email>"),
    (re.compile(r"(?i)bearer\s+\S+"), "Bearer <token>"),
    (re.compile(r"\b\d[\d\s-]{11,16}\d\b"), "<number>"),  # a DPI with or without spaces
    (re.compile(r"\b[A-Za-z0-9_-]{32,}\b"), "<secret>"),
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for name in ALLOWED_FIELDS:
            value = record.__dict__.get(name)
            if value is not None:
                entry[name] = redact(value) if isinstance(value, str) else value
        if record.exc_info and record.exc_info[0] is not None:
            # The type only: a traceback's locals and messages may carry the visitor's data.
            entry["exception"] = record.exc_info[0].__name__
        return json.dumps(entry, ensure_ascii=False)


def third_party_debug_filter(record: logging.LogRecord) -> bool:
    """Only ``kiosk.*`` follows ``log.level``; other libraries never log below INFO here.

    At DEBUG, qasync, httpx, httpcore, asyncio, PIL, uvicorn... write what they handle (decoded QR
    texts, whole rendered PDFs, request bodies) into their messages; no masking can catch all that.
    """
    return record.levelno >= logging.INFO or record.name.split(".", 1)[0] == "kiosk"


def configure(level: str = "INFO", file: Path | None = None) -> None:
    """Sends every log record to one JSON handler; ConfigError (``log.file``) when the file
    cannot be opened."""
    handler: logging.Handler
    if file is not None:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.FileHandler(file, encoding="utf-8")
        except OSError as exc:
            reason = os_error_text(exc)
            raise ConfigError(
                "log.file", f"no se puede abrir el archivo de registro {file} ({reason})"
            ) from None
    else:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(third_party_debug_filter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs full URLs (which may hold a download code) at INFO: keep it quiet.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
