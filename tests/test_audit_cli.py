"""`kiosk audit verify` as a technician runs it (a real process): an intact log, a tampered one,
the configured path, and a missing file; the words and the exit codes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from kiosk.audit import AuditLog


def kiosk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
    )


def shift_log(path: Path, count: int = 6) -> Path:
    with AuditLog(path) as log:
        log.append("sign_in", staff_user="jlopez", role="clerk")
        for _ in range(count - 1):
            log.append("service", staff_user="jlopez", service="amparos")
    return path


def test_an_intact_log(tmp_path: Path) -> None:
    path = shift_log(tmp_path / "audit.sqlite3")
    result = kiosk("audit", "verify", "--log", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "La bitácora está íntegra: 6 entradas."


def test_a_tampered_entry_is_named(tmp_path: Path) -> None:
    path = shift_log(tmp_path / "audit.sqlite3")
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(
            "UPDATE audit_entries SET fields = ? WHERE seq = 4",
            ('{"service":"amparos","staff_user":"otro"}',),
        )
    result = kiosk("audit", "verify", "--log", str(path))
    assert result.returncode == 1
    assert result.stdout.strip() == (
        "La entrada 4 fue alterada: su contenido no corresponde a su hash."
    )


def test_a_deleted_entry_is_named(tmp_path: Path) -> None:
    path = shift_log(tmp_path / "audit.sqlite3")
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("DELETE FROM audit_entries WHERE seq = 2")
    result = kiosk("audit", "verify", "--log", str(path))
    assert result.returncode == 1
    assert result.stdout.startswith("La entrada 2 fue alterada: falta en la bitácora")


def test_the_configured_path_is_the_default(tmp_path: Path) -> None:
    path = shift_log(tmp_path / "configured.sqlite3", count=3)
    result = kiosk("audit", "verify", env={"KIOSK_AUDIT__PATH": str(path)})
    assert (result.returncode, result.stdout.strip()) == (
        0, "La bitácora está íntegra: 3 entradas."
    )  # fmt: skip


def test_a_missing_log_is_a_usage_error_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nope.sqlite3"
    result = kiosk("audit", "verify", "--log", str(path))
    assert result.returncode == 2
    assert "No existe la bitácora" in result.stderr
    assert not path.exists()
