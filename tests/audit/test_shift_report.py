"""The shift in numbers (kiosk.audit.shift_report) from a real audit log with known entries: which
entries are the clerk's shift, which are one Guatemala day, what is counted and in whose words;
and `kiosk audit report` as a technician runs it (a real process)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.audit import AuditLog
from kiosk.audit.shift_report import (
    ShiftSummary,
    Tally,
    day_entries,
    read_entries,
    report_file_name,
    shift_entries,
    summarize,
)
from kiosk.formats import GUATEMALA

START = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # 08:00 in Guatemala
CODE_A, CODE_B = "CAP-2026-ABCD-EFGH", "CAP-2026-WXYZ-2345"


class Clock:
    """Each entry a minute after the one before, from ``start``."""

    def __init__(self, start: datetime = START) -> None:
        self.at = start - timedelta(minutes=1)

    def __call__(self) -> datetime:
        self.at += timedelta(minutes=1)
        return self.at


def a_shift(log: AuditLog, user: str = "ana.lopez") -> None:
    log.append("sign_in", staff_user=user, role="clerk")
    for service in ("amparos", "antecedentes-penales", "amparos", "amparos"):
        log.append("service", staff_user=user, service=service)
    for kind in ("certificate", "payment_slip", "certificate"):
        log.append("printed", staff_user=user, service="antecedentes-penales", document_kind=kind)
    for code, reason in ((CODE_A, "paper_jam"), (CODE_B, "paper_jam"), (CODE_A, "paper_jam")):
        log.append("reprinted", staff_user=user, document_code=code, document_kind="CAP",
                   reason=reason)  # fmt: skip
    log.append("reprinted", staff_user=user, document_code=CODE_B, reason="visitor_lost_it")
    for verdict in ("VALID", "EXPIRED", "VALID", "REVOKED", "INVALID"):
        log.append("verdict", staff_user=user, verdict=verdict)
    log.append("failure", staff_user=user, service="amparos", code="portal_unavailable")
    log.append("failure", staff_user=user, code="portal_unavailable")
    log.append("failure", staff_user=user, service="amparos", code="printing_failed")


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    return tmp_path / "audit.sqlite3"


def summary_of(path: Path, user: str = "ana.lopez") -> ShiftSummary:
    entries = shift_entries(read_entries(path), user)
    return summarize(entries, kiosk_id="GT-TEST-0001", made_at=START + timedelta(hours=6))


def test_a_shift_is_counted_by_service_document_reason_verdict_and_failure(
    log_path: Path,
) -> None:
    with AuditLog(log_path, clock=Clock()) as log:
        a_shift(log)
    summary = summary_of(log_path)
    assert summary.services == (
        Tally("amparos", "Consulta de Amparos", 3),
        Tally("antecedentes-penales", "Antecedentes Penales en línea", 1),
    )
    assert summary.printed == (
        Tally("certificate", "Antecedentes Penales en línea", 2),
        Tally("payment_slip", "Antecedentes Penales en línea", 1),
    )
    label = "Constancia de Carencia de Antecedentes Penales"
    assert summary.reprinted == (
        Tally("CAP", label, 3, "paper_jam", (CODE_A, CODE_B)),  # each code once
        Tally("CAP", label, 1, "visitor_lost_it", (CODE_B,)),  # the kind read from the code
    )
    assert [(t.code, t.label, t.count) for t in summary.verdicts] == [
        ("VALID", "Válido", 2), ("EXPIRED", "Vencido", 1), ("INVALID", "No válido", 1),
        ("REVOKED", "Revocado", 1),
    ]  # fmt: skip
    assert summary.failures == (
        Tally("portal_unavailable", "", 2, "amparos, ventanilla"),
        Tally("printing_failed", "", 1, "amparos"),
    )
    assert summary.totals() == {
        "services": 4, "printed": 3, "reprinted": 4, "verdicts": 5, "failures": 3,
    }  # fmt: skip
    assert not summary.empty
    [span] = summary.sessions
    assert (span.user, span.role, span.signed_in, span.signed_out) == (
        "ana.lopez", "clerk", START, None,
    )  # fmt: skip


def test_the_shift_is_the_clerks_entries_since_their_last_sign_in(log_path: Path) -> None:
    with AuditLog(log_path, clock=Clock()) as log:
        a_shift(log)  # an earlier shift of the same clerk
        log.append("sign_out", staff_user="ana.lopez", reason="sign_out")
        log.append("sign_in", staff_user="jorge.perez", role="clerk")
        log.append("service", staff_user="jorge.perez", service="amparos")
        log.append("sign_in", staff_user="ana.lopez", role="clerk")
        log.append("service", staff_user="jorge.perez", service="amparos")  # another desk user
        log.append("service", staff_user="ana.lopez", service="directorio")
        log.append("sign_out", staff_user="ana.lopez", reason="idle")
        log.append("service", staff_user="ana.lopez", service="amparos")  # never: not signed in
    summary = summary_of(log_path)
    assert summary.services == (
        Tally("directorio", "Directorio de dependencias y órganos jurisdiccionales", 1),
    )
    assert summary.totals()["printed"] == 0
    [span] = summary.sessions
    assert span.reason == "idle" and span.signed_out is not None
    assert span.signed_out - span.signed_in == timedelta(minutes=3)
    assert summary.entries == 3
    assert summary_of(log_path, "nadie").entries == 0  # never signed in: nothing


def test_a_shift_without_work_is_empty(log_path: Path) -> None:
    with AuditLog(log_path, clock=Clock()) as log:
        log.append("sign_in", staff_user="ana.lopez", role="supervisor")
    summary = summary_of(log_path)
    assert summary.empty and summary.totals() == dict.fromkeys(summary.totals(), 0)
    assert summary.sessions[0].role == "supervisor"


def test_a_day_is_a_day_on_guatemalas_clock(log_path: Path) -> None:
    # 23:59 on 2 March in Guatemala is already 3 March in UTC
    late = datetime(2026, 3, 2, 23, 59, tzinfo=GUATEMALA).astimezone(UTC)
    with AuditLog(log_path, clock=Clock(late)) as log:
        log.append("sign_in", staff_user="ana.lopez", role="clerk")  # 23:59, 2 March
        log.append("service", staff_user="ana.lopez", service="amparos")  # 00:00, 3 March
    entries = read_entries(log_path)
    assert [e.kind.value for e in day_entries(entries, date(2026, 3, 2))] == ["sign_in"]
    assert [e.kind.value for e in day_entries(entries, date(2026, 3, 3))] == ["service"]


def test_the_report_file_is_named_after_the_kiosk_the_day_and_the_clerk(log_path: Path) -> None:
    with AuditLog(log_path, clock=Clock()) as log:
        log.append("sign_in", staff_user="ana.lopez", role="clerk")
    summary = summary_of(log_path)
    assert report_file_name(summary) == "informe-ventanilla-GT-TEST-0001-2026-03-02-ana.lopez.pdf"


def test_reading_a_missing_log_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_entries(tmp_path / "nope.sqlite3")
    assert not (tmp_path / "nope.sqlite3").exists()


# --- `kiosk audit report` -------------------------------------------------------------------------


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "KIOSK_KIOSK__ID": "GT-CLI-0007"},
        check=False,
    )


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    return "\n".join(" ".join(line.split()) for line in out.splitlines())


def test_the_command_writes_a_days_report(log_path: Path, tmp_path: Path) -> None:
    with AuditLog(log_path, clock=Clock()) as log:
        a_shift(log)
        log.append("sign_out", staff_user="ana.lopez", reason="shift_end")
        a_shift(log, "jorge.perez")
    out = tmp_path / "informe.pdf"
    result = kiosk("audit", "report", "--log", str(log_path), "--date", "2026-03-02",
                   "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"Informe del 02/03/2026 escrito en {out}: 41 entradas de la bitácora."
    )
    text = pdf_text(out)
    assert "Quiosco GT-CLI-0007" in text
    assert "Personal ana.lopez, jorge.perez" in text
    assert "Periodo Día 02/03/2026 completo" in text
    assert "Consulta de Amparos amparos 6" in text  # both clerks' shifts
    assert "Servicios usados 8" in text and "Reimpresiones 8" in text
    assert "ana.lopez Auxiliar de 02/03/2026 08:00 02/03/2026 08:20 fin del turno" in text


def test_the_command_says_when_a_day_had_no_activity(log_path: Path, tmp_path: Path) -> None:
    with AuditLog(log_path, clock=Clock()) as log:
        a_shift(log)
    out = tmp_path / "informe.pdf"
    result = kiosk("audit", "report", "--log", str(log_path), "--date", "2026-03-03",
                   "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Sin actividad registrada el 03/03/2026."
    assert "Sin actividad registrada" in pdf_text(out)


def test_the_command_refuses_a_broken_log_and_bad_input(log_path: Path, tmp_path: Path) -> None:
    with AuditLog(log_path, clock=Clock()) as log:
        a_shift(log)
    out = tmp_path / "informe.pdf"
    bad_date = kiosk("audit", "report", "--log", str(log_path), "--date", "2/3/2026",
                     "--out", str(out))  # fmt: skip
    assert bad_date.returncode == 2 and "Fecha no válida" in bad_date.stderr
    missing = kiosk("audit", "report", "--log", str(tmp_path / "nope"), "--out", str(out))
    assert missing.returncode == 2 and "No existe la bitácora" in missing.stderr
    with closing(sqlite3.connect(log_path)) as conn, conn:
        conn.execute("DELETE FROM audit_entries WHERE seq = 3")
    broken = kiosk("audit", "report", "--log", str(log_path), "--date", "2026-03-02",
                   "--out", str(out))  # fmt: skip
    assert broken.returncode == 1
    assert broken.stdout.startswith("La entrada 3 fue alterada")
    assert not out.exists()  # no report from an altered log
