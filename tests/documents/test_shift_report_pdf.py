"""The end-of-day report on paper, read back with poppler: the counts of a log with known entries
in their rows, «Sin actividad registrada» for an empty shift, tables going on over pages under
their header with «Página N de M», real embedded text inside the margins, the same bytes for the
same summary, and metadata that names the kind of paper only."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pdf_reading import fonts_of, outside_margins, page_count, text_of, words_of
from pypdf import PdfReader

from kiosk.audit import AuditLog
from kiosk.audit.shift_report import ShiftSummary, read_entries, shift_entries, summarize
from kiosk.documents import DocumentError
from kiosk.documents.shift_report import EMPTY, REPORT_SUBJECT, REPORT_TITLE, render_shift_report

START = datetime(2026, 12, 4, 14, 0, tzinfo=UTC)  # 08:00 in Guatemala
USER = "ana.lopez"


def rows_of(pdf: bytes, folder: Path) -> list[str]:
    """Each printed line as laid out on the page, spaces collapsed (a table row is one line)."""
    path = folder / "layout.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


def shift(tmp_path: Path, *, services: int = 3, sign_out: bool = True) -> ShiftSummary:
    """A real log: one shift with known work, summarised as the desk does it."""
    moments = (START + timedelta(minutes=n) for n in range(10_000))
    with AuditLog(tmp_path / "audit.sqlite3", clock=lambda: next(moments)) as log:
        log.append("sign_in", staff_user=USER, role="clerk")
        for number in range(services):
            log.append("service", staff_user=USER, service="amparos")
            if number % 3 == 0:
                log.append("service", staff_user=USER, service=f"servicio-{number:03d}")
        for _ in range(2):
            log.append("printed", staff_user=USER, service="amparos", document_kind="amparo_record")
        log.append("reprinted", staff_user=USER, document_code="CAP-2026-ABCD-EFGH",
                   document_kind="CAP", reason="paper_jam")  # fmt: skip
        for verdict in ("VALID", "VALID", "VALID", "EXPIRED", "REVOKED", "INVALID"):
            log.append("verdict", staff_user=USER, verdict=verdict)
        log.append("failure", staff_user=USER, service="amparos", code="portal_unavailable")
        if sign_out:
            log.append("sign_out", staff_user=USER, reason="sign_out")
    entries = shift_entries(read_entries(tmp_path / "audit.sqlite3"), USER)
    return summarize(
        entries,
        kiosk_id="GT-TORRE-0003",
        made_at=START + timedelta(hours=8),
        courthouse="torre-tribunales",
        courthouse_name="Torre de Tribunales",
        display_name="Ana López",
    )


def test_the_counts_of_the_log_are_printed_in_their_rows(tmp_path: Path) -> None:
    pdf = render_shift_report(shift(tmp_path))
    rows = rows_of(pdf, tmp_path)
    for expected in (
        "Quiosco GT-TORRE-0003",
        "Sede Torre de Tribunales (torre-tribunales)",
        "Personal Ana López (ana.lopez)",
        "Periodo Turno del 04/12/2026, de 08:00 a 08:15",
        "Hecho el 04/12/2026 16:00 (hora de Guatemala)",
        "Servicios usados 4",
        "Documentos impresos 2",
        "Reimpresiones 1",
        "Documentos verificados 6",
        "Fallas 1",
        "Consulta de Amparos amparos 3",
        "— servicio-000 1",  # a service this kiosk does not know: its code, no words
        "Consulta de Amparos amparo_record 2",
        "paper_jam CAP-2026-ABCD-EFGH 1",
        "Válido VALID 3",
        "Vencido EXPIRED 1",
        "Revocado REVOKED 1",
        "No válido INVALID 1",
        "portal_unavailable amparos 1",
    ):
        assert any(expected in row for row in rows), expected
    text = text_of(pdf, tmp_path)
    pages = page_count(pdf, tmp_path)
    assert "cerró su sesión" in text and f"Página {pages} de {pages}" in text
    assert EMPTY not in text
    assert outside_margins(words_of(pdf, tmp_path)) == []
    assert {font["name"].split("+")[-1] for font in fonts_of(pdf, tmp_path)} >= {
        "DejaVuSans", "DejaVuSans-Bold", "DejaVuSansMono",
    }  # fmt: skip
    assert all(font["emb"] == "yes" for font in fonts_of(pdf, tmp_path))


def test_an_empty_shift_says_so(tmp_path: Path) -> None:
    summary = shift(tmp_path, services=0)
    summary = replace(summary, printed=(), reprinted=(), verdicts=(), failures=())
    assert summary.empty
    pdf = render_shift_report(summary)
    text = text_of(pdf, tmp_path)
    assert "Sin actividad registrada" in text
    assert "SERVICIOS USADOS" not in text and "FALLAS" not in text  # no empty tables
    assert "SESIONES DE VENTANILLA" in text  # who was there, and when
    assert page_count(pdf, tmp_path) == 1


def test_a_long_shift_goes_on_over_pages_under_its_headers(tmp_path: Path) -> None:
    summary = shift(tmp_path, services=150, sign_out=False)
    pdf = render_shift_report(summary)
    pages = page_count(pdf, tmp_path)
    assert pages >= 2
    reader = PdfReader(io.BytesIO(pdf))
    texts = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    for number, text in enumerate(texts, start=1):
        assert f"Página {number} de {pages}" in text
    assert all("(continuación)" in text for text in texts[1:])
    assert all("Servicio Código Veces" in text for text in texts[:2])  # the header again
    printed = " ".join(texts)
    for number in range(0, 150, 3):  # every row is there, none lost at a page break
        assert f"servicio-{number:03d}" in printed
    assert "sesión abierta" in printed and "ahora (sesión abierta)" in printed
    assert outside_margins(words_of(pdf, tmp_path)) == []


def test_the_same_summary_gives_the_same_bytes_and_the_metadata_names_the_paper(
    tmp_path: Path,
) -> None:
    summary = shift(tmp_path)
    pdf = render_shift_report(summary)
    assert pdf == render_shift_report(summary)
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert (meta.title, meta.subject) == (REPORT_TITLE, REPORT_SUBJECT)
    assert "ana" not in str(dict(meta)).lower()


def test_a_time_without_its_zone_is_refused(tmp_path: Path) -> None:
    summary = replace(shift(tmp_path), made_at=datetime(2026, 12, 4, 16, 0))
    with pytest.raises(DocumentError) as caught:
        render_shift_report(summary)
    assert caught.value.reason == "naive_datetime"
