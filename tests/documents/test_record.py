"""The printout of a lookup's result read back (pypdf for the text and metadata, poppler for where
words sit and for the picture): what was searched, when and where, every row, the timeline (cut
to its newest entries when long, saying how many were left out), the informative sentence, and
nothing personal in the metadata."""

from __future__ import annotations

import io
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pdf_reading import outside_margins, page_count, rasterize, squeezed, words_of
from PIL import ImageStat
from pypdf import PdfReader

from kiosk.documents import DocumentError, PrintedRecord, RecordSection, render_record
from kiosk.documents.record import (
    FOOTER,
    INFORMATIVE,
    RECORD_SUBJECT,
    RECORD_TITLE,
    earlier_entries_line,
)

PRINTED = datetime(2026, 9, 15, 20, 5, tzinfo=UTC)  # 14:05 in Guatemala
ROWS = (
    ("Juzgado", "Juzgado Primero de Trabajo y Previsión Social del departamento de Guatemala"),
    ("Tipo de juicio", "Ordinario laboral"),
    ("Etapa", "Prueba"),
    ("Iniciado", "03/02/2025"),
    ("Parte actora", "M. J. P. L."),
    ("Parte demandada", "Distribuidora Xelajú, S. A."),
)
NOTE = "En la etapa de prueba las partes presentan sus pruebas y el juzgado las recibe."
TIMELINE = (
    ("10/09/2026", "Se señaló audiencia de recepción de pruebas para el 22/10/2026."),
    ("28/08/2026", "Se tuvo por contestada la demanda."),
    ("03/02/2025", "Se admitió la demanda para su trámite."),
)
RECORD = PrintedRecord(
    title="Consulta de Expedientes Laborales",
    heading="Expediente 09011-2025-00077",
    searched="Número buscado: 9011-2025-77",
    printed_at=PRINTED,
    sections=(
        RecordSection("Datos del expediente", rows=ROWS, note=NOTE),
        RecordSection("Actuaciones", timeline=TIMELINE),
    ),
    kiosk_id="GT-GUA-0001",
)
_EARLIER = re.compile(r"… y (\d+) actuaci(?:ones|ón) anterior(?:es)?")


def pdf_text(pdf: bytes) -> str:
    """The page's text (pypdf), whitespace collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def long_timeline(count: int, prefix: str = "Actuación") -> tuple[tuple[str, str], ...]:
    """``count`` entries, newest first, each naming its number ("Actuación 80." first)."""
    return tuple(
        (
            f"{(n % 28) + 1:02d}/09/2026",
            f"{prefix} {n}. Se recibió un memorial y se le dio trámite.",
        )
        for n in range(count, 0, -1)
    )


def shown_numbers(text: str, prefix: str = "Actuación") -> list[int]:
    return [int(n) for n in re.findall(rf"{prefix} (\d+)\.", text)]


def test_everything_on_screen_is_on_the_paper() -> None:
    pdf = render_record(RECORD)
    text = pdf_text(pdf)
    flat = squeezed(text)
    for line in (RECORD.title, RECORD.heading, RECORD.searched, NOTE, INFORMATIVE):
        assert squeezed(line) in flat
    for label, value in ROWS:
        assert squeezed(label) in flat and squeezed(value) in flat
    for day, event in TIMELINE:
        assert f"{day} {event}" in text
    assert "DATOS DEL EXPEDIENTE" in text and "ACTUACIONES" in text
    assert "Impreso el 15/09/2026 14:05 (hora de Guatemala) en el quiosco GT-GUA-0001." in text
    assert "anterior" not in text  # nothing was cut
    assert squeezed(FOOTER) in flat


def test_the_timeline_keeps_its_order_newest_first() -> None:
    text = pdf_text(render_record(RECORD))
    where = [text.index(event) for _, event in TIMELINE]
    assert where == sorted(where)


def test_without_a_kiosk_id_it_says_a_kiosk_of_the_oj() -> None:
    text = pdf_text(render_record(replace(RECORD, kiosk_id="")))
    assert "(hora de Guatemala) en un quiosco del Organismo Judicial." in text


def test_eighty_entries_one_page_every_row_and_the_right_count_left_out(tmp_path: Path) -> None:
    record = replace(
        RECORD,
        sections=(RECORD.sections[0], RecordSection("Actuaciones", timeline=long_timeline(80))),
    )
    pdf = render_record(record)
    assert page_count(pdf, tmp_path) == 1
    text = pdf_text(pdf)
    flat = squeezed(text)
    for label, value in ROWS:
        assert squeezed(label) in flat and squeezed(value) in flat
    assert squeezed(NOTE) in flat and squeezed(INFORMATIVE) in flat
    shown = shown_numbers(text)
    assert shown == list(range(80, 80 - len(shown), -1))  # the newest, in order
    assert 10 < len(shown) < 80
    left_out = _EARLIER.findall(text)
    assert left_out == [str(80 - len(shown))]
    assert squeezed(earlier_entries_line(80 - len(shown), len(shown))) in flat


def test_the_cut_fills_the_page(tmp_path: Path) -> None:
    """The page is full, not merely cut short: under the count line there is less room than
    two more entries would take."""
    long = replace(RECORD, sections=(RecordSection("Actuaciones", timeline=long_timeline(200)),))
    words = words_of(render_record(long), tmp_path)
    footer_top = max(w.y_min for w in words if w.text == FOOTER.split()[0])
    lines = sorted({round(w.y_max, 1) for w in words if w.y_max < footer_top - 2})
    pitch = lines[-2] - lines[-3]  # from one entry to the next
    assert footer_top - lines[-1] < 2 * pitch


def test_two_timelines_share_the_page_newest_first() -> None:
    record = replace(
        RECORD,
        sections=(
            RecordSection("Actuaciones", timeline=long_timeline(60)),
            RecordSection("Audiencias", rows=ROWS[:2], timeline=long_timeline(60, "Audiencia")),
        ),
    )
    text = pdf_text(render_record(record))
    acts, hearings = shown_numbers(text), shown_numbers(text, "Audiencia")
    assert acts == list(range(60, 60 - len(acts), -1))
    assert hearings == list(range(60, 60 - len(hearings), -1))
    assert abs(len(acts) - len(hearings)) <= 1  # dealt out in turn
    assert sorted(int(n) for n in _EARLIER.findall(text)) == sorted(
        [60 - len(acts), 60 - len(hearings)]
    )
    assert all(squeezed(v) in squeezed(text) for _, v in ROWS[:2])


def test_the_count_line_in_words() -> None:
    assert earlier_entries_line(7, 3) == "… y 7 actuaciones anteriores: consúltelas en el juzgado."
    assert earlier_entries_line(1, 3) == "… y 1 actuación anterior: consúltela en el juzgado."
    assert "no caben" in earlier_entries_line(5, 0)
    movements = ("movimiento", "movimientos", "lo")
    assert earlier_entries_line(9, 3, movements) == (
        "… y 9 movimientos anteriores: consúltelos en el juzgado."
    )
    assert earlier_entries_line(1, 0, movements) == (
        "El movimiento no cabe en esta hoja: consúltelo en el juzgado."
    )
    assert earlier_entries_line(4, 0, movements).startswith("Los 4 movimientos no caben")


def test_rows_are_never_dropped_so_too_many_is_refused() -> None:
    huge = tuple((f"Dato {n}", "palabra " * 60) for n in range(20))
    record = replace(
        RECORD, sections=(RecordSection("Datos", rows=huge, timeline=long_timeline(5)),)
    )
    with pytest.raises(DocumentError) as caught:
        render_record(record)
    assert caught.value.reason == "layout_overflow"


def test_long_values_wrap_inside_the_margins_and_nothing_is_lost(tmp_path: Path) -> None:
    name = " ".join(["Distribuidora de Productos Agrícolas del Altiplano Occidental"] * 3)
    rows = (
        ("Parte demandada", name),
        ("Referencia", "X" * 120),  # no spaces: broken between characters
        ("Una etiqueta tan larga que no cabe en su columna de ninguna manera", "sí"),
    )
    record = replace(
        RECORD,
        heading="Expediente 09011-2025-00077 " + "(acumulado con otros expedientes) " * 3,
        sections=(
            RecordSection("Datos", rows=rows, note="Una explicación. " * 20),
            RecordSection("Actuaciones", timeline=(("01/09/2026", "Se resolvió. " * 30),)),
        ),
    )
    pdf = render_record(record)
    assert outside_margins(words_of(pdf, tmp_path)) == []
    flat = squeezed(pdf_text(pdf))
    for value in (name, "X" * 120, rows[2][0], record.heading, "Se resolvió. " * 30):
        assert squeezed(value) in flat


def test_metadata_names_the_kind_of_paper_only() -> None:
    pdf = render_record(RECORD)
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert meta.title == RECORD_TITLE
    assert meta.subject == RECORD_SUBJECT
    assert meta.creation_date == PRINTED  # the paper's own time, not the clock
    everything = " ".join(str(value) for value in meta.values())
    secrets = [RECORD.title, RECORD.heading, RECORD.searched, RECORD.kiosk_id, "09011", "9011"]
    secrets += [value for _, value in ROWS] + [event for _, event in TIMELINE]
    for secret in secrets:
        assert secret not in everything


def test_the_same_record_gives_the_same_bytes() -> None:
    pdf = render_record(RECORD)
    assert render_record(RECORD) == pdf
    assert render_record(replace(RECORD, kiosk_id="GT-GUA-0002")) != pdf


def test_renders_from_many_threads_at_once() -> None:
    expected = render_record(RECORD)
    long = replace(RECORD, sections=(RecordSection("Actuaciones", timeline=long_timeline(80)),))
    expected_long = render_record(long)
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(render_record, [RECORD, long] * 6))
    assert results == [expected, expected_long] * 6


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (replace(RECORD, printed_at=datetime(2026, 9, 15, 14, 5)), "naive_datetime"),
        (replace(RECORD, heading="  "), "bad_value"),
        (replace(RECORD, title=""), "bad_value"),
        (replace(RECORD, searched=""), "bad_value"),
        (replace(RECORD, sections=(RecordSection(" ", rows=ROWS),)), "bad_value"),
    ],
)
def test_nonsense_is_refused(bad: PrintedRecord, reason: str) -> None:
    with pytest.raises(DocumentError) as caught:
        render_record(bad)
    assert caught.value.reason == reason


def test_the_body_is_printed_not_blank(tmp_path: Path) -> None:
    image = rasterize(render_record(RECORD), tmp_path)
    width, height = image.size
    body = image.crop((0, height // 5, width, height * 3 // 5))  # under the heading
    assert ImageStat.Stat(body).extrema[0][0] < 64  # some ink
    assert ImageStat.Stat(body).mean[0] < 250  # not a stray dot


def test_a_long_record_renders_quickly_once_warm() -> None:
    record = replace(
        RECORD,
        sections=(RECORD.sections[0], RecordSection("Actuaciones", timeline=long_timeline(500))),
    )
    render_record(record)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        render_record(record)
        best = min(best, time.perf_counter() - start)
    assert best < 0.25  # seconds; about 0.02 on a desktop: the margin is for slow CI machines
