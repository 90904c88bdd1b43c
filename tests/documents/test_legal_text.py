"""A legal text on paper, read back with poppler: the facts, what was printed and searched, every
article whole and in order, a running head and «Página N de M» on every page, no heading left
alone at the foot of a page, nothing past the margins, the page cap, the same bytes for the
same input, and metadata that names the kind of paper only."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pdf_reading import outside_margins, page_count, squeezed, words_of
from pypdf import PdfReader

from kiosk.documents import DocumentError
from kiosk.documents.legal_text import (
    FOOTER,
    INFORMATIVE,
    MAX_PAGES,
    SUBJECT,
    TITLE,
    PrintedLegalText,
    PrintedUnit,
    lay_out,
    render_layout,
    render_legal_text,
)

PRINTED = datetime(2026, 9, 15, 20, 5, tzinfo=UTC)  # 14:05 in Guatemala
SENTENCE = (
    "La notificación electrónica se tiene por hecha el día hábil siguiente a aquel en que la "
    "resolución fue depositada en el casillero electrónico de la parte."
)


def units(count: int, paragraphs: int = 2) -> tuple[PrintedUnit, ...]:
    return tuple(
        PrintedUnit(
            f"Artículo {n}",
            "Notificación electrónica." if n % 2 else "",
            tuple(f"{SENTENCE} Párrafo {p} del artículo {n}." for p in range(1, paragraphs + 1)),
        )
        for n in range(1, count + 1)
    )


TEXT = PrintedLegalText(
    kind="Ley",
    number="Decreto 2-89",
    title="Ley del Organismo Judicial",
    facts=(
        ("Emitido por", "Congreso de la República de Guatemala"),
        ("Fecha", "28/03/1989"),
        ("Estado", "Vigente, con reformas. Está en vigor, pero el Decreto 34-2021 cambió algunos."),
    ),
    printed="Título III · Capítulo II: Notificación electrónica",
    searched="Buscó «notificación» · Todos los tipos · de todos los años",
    note="Texto de muestra del portal de pruebas.",
    printed_at=PRINTED,
    units=units(40),
    kiosk_id="GT-GUA-0001",
)


def pages_text(pdf: bytes, folder: Path) -> list[str]:
    """Each page's text, whitespace collapsed."""
    path = folder / "legal.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    return [page for page in out.split("\f") if page.strip()]


def test_the_first_page_says_what_it_is_and_every_page_says_which(tmp_path: Path) -> None:
    pdf = render_legal_text(TEXT)
    pages = pages_text(pdf, tmp_path)
    count = page_count(pdf, tmp_path)
    assert count == len(pages) == lay_out(TEXT).page_count and count > 3
    first = " ".join(pages[0].split())
    for expected in (
        "Ley del Organismo Judicial", "Ley · Decreto 2-89", "Emitido por",
        "Congreso de la República de Guatemala", TEXT.printed, TEXT.searched,
        "Impreso el 15/09/2026 14:05 (hora de Guatemala) en el quiosco GT-GUA-0001.",
    ):  # fmt: skip
        assert expected in first, expected
    assert squeezed(INFORMATIVE) in squeezed(first) and squeezed(TEXT.note) in squeezed(first)
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0] == "Organismo Judicial — República de Guatemala"
        assert lines[1] == "Ley · Decreto 2-89 · Ley del Organismo Judicial"  # the running head
        assert lines[-1].endswith(f"Página {number} de {count}")
        assert squeezed(FOOTER) in squeezed(lines[-1])


def test_every_article_is_printed_whole_in_order(tmp_path: Path) -> None:
    pdf = render_legal_text(TEXT)
    body = squeezed(" ".join(pages_text(pdf, tmp_path)))
    positions = []
    for unit in TEXT.units:
        head = f"{unit.label}. {unit.heading}" if unit.heading else unit.label
        positions.append(body.index(squeezed(head + SENTENCE)))
        for paragraph in unit.paragraphs:
            assert squeezed(paragraph) in body or _across_a_page(paragraph, body)
    assert positions == sorted(positions)


def _across_a_page(paragraph: str, body: str) -> bool:
    """A paragraph split between pages reads as its two halves with the footer and the next
    page's head between them (whole lines only: each half is a run of its words)."""
    words = squeezed(paragraph)
    return any(words[:cut] in body and words[cut:] in body for cut in range(10, len(words) - 10))


def test_a_heading_never_ends_a_page_and_no_line_is_cut(tmp_path: Path) -> None:
    layout = lay_out(replace(TEXT, units=units(60, paragraphs=3)))
    for page in layout.pages:
        body = [line for line in page if line.label == ""]
        last = body[-1]
        assert not re.match(r"^Artículo \d+", last.text), last.text  # its lines follow it
    pdf = render_layout(layout)
    assert outside_margins(words_of(pdf, tmp_path)) == []
    # every drawn line of the layout is one line of the paper: none split across pages
    texts = [line.text for page in layout.pages for line in page]
    printed = " ".join(pages_text(pdf, tmp_path))
    for text in texts[::7]:
        assert squeezed(text) in squeezed(printed)


def test_past_the_cap_it_is_refused_before_anything_is_drawn() -> None:
    long = replace(TEXT, units=units(400, paragraphs=3))
    layout = lay_out(long)
    assert layout.page_count > MAX_PAGES
    with pytest.raises(DocumentError) as err:
        render_layout(layout)
    assert err.value.reason == "too_long"
    with pytest.raises(DocumentError):
        render_legal_text(long)


def test_the_same_text_gives_the_same_bytes_and_the_metadata_names_the_paper() -> None:
    pdf = render_legal_text(TEXT)
    assert pdf == render_legal_text(TEXT)
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None and (meta.title, meta.subject) == (TITLE, SUBJECT)
    assert "notificación" not in f"{meta.title} {meta.subject}"  # never what was searched


def test_a_time_without_a_zone_and_an_empty_text_are_refused() -> None:
    with pytest.raises(DocumentError) as err:
        lay_out(replace(TEXT, printed_at=datetime(2026, 9, 15, 14, 5)))
    assert err.value.reason == "naive_datetime"
    for empty in (replace(TEXT, units=()), replace(TEXT, title=" ")):
        with pytest.raises(DocumentError) as err:
            lay_out(empty)
        assert err.value.reason == "bad_value"
