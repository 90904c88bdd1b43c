"""Logs are JSON lines with whitelisted fields, and personal data is masked even by mistake."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import ConfigError
from kiosk.logs import JsonFormatter, configure, redact

DPI_TEXT = "QR decodificado: DPI 2456 78905 0101 de Ana Pérez"
SEAL_TEXT = "texto OJ1:NCFOXN%TS3DH0RGPJB/IB-OM7533WN*JC5Z6:DL9 Juan Pérez"


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


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    names = ("httpx", "httpcore", "qasync", "PIL.PngImagePlugin")
    levels = {name: logging.getLogger(name).level for name in names}
    yield
    for handler in root.handlers:
        handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, saved in levels.items():
        logging.getLogger(name).setLevel(saved)


@pytest.mark.usefixtures("restore_logging")
def test_third_party_libraries_never_log_below_info(tmp_path: Path) -> None:
    log_file = tmp_path / "kiosk.log"
    configure("DEBUG", log_file)
    # PIL sets its own loggers to DEBUG in some setups: the level must not depend on the logger.
    logging.getLogger("PIL.PngImagePlugin").setLevel(logging.DEBUG)
    for name in ("qasync", "httpcore", "PIL.PngImagePlugin", "asyncio"):
        logging.getLogger(name).debug("%s %s", name, DPI_TEXT)
        logging.getLogger(name).debug("%s %s", name, SEAL_TEXT)
    logging.getLogger("kiosk.scanner").debug("kiosk debug line", extra={"screen": "home"})
    logging.getLogger("qasync").info("qasync info line, DPI 2456789050101")
    logging.getLogger("qasync").warning("qasync warning line")
    entries = [json.loads(line) for line in log_file.read_text(encoding="utf-8").splitlines()]
    text = log_file.read_text(encoding="utf-8")
    assert "QR decodificado" not in text and "OJ1:" not in text and "Pérez" not in text
    assert not [e for e in entries if e["level"] == "DEBUG" and e["logger"] != "kiosk.scanner"]
    assert {"logger": "kiosk.scanner", "message": "kiosk debug line", "screen": "home"}.items() <= (
        entries[0].items()
    )
    assert [e["message"] for e in entries[1:]] == [
        "qasync info line, DPI <number>",  # masked like any other message
        "qasync warning line",
    ]


@pytest.mark.usefixtures("restore_logging")
def test_kiosk_loggers_follow_the_configured_level(tmp_path: Path) -> None:
    log_file = tmp_path / "kiosk.log"
    configure("WARNING", log_file)
    logging.getLogger("kiosk.app").info("quiet")
    logging.getLogger("kiosk.app").warning("loud")
    logging.getLogger("uvicorn.error").info("quiet too")
    lines = log_file.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["message"] for line in lines] == ["loud"]


@pytest.mark.usefixtures("restore_logging")
def test_a_log_file_that_cannot_be_opened_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        configure("INFO", tmp_path / "afile" / "kiosk.log")
    assert err.value.key == "log.file" and "no se puede abrir" in err.value.problem
