"""The statistics printout read back (poppler and pypdf): each chart's title, sentence, categories
and numbers are real text; the charts are vector shapes (rectangles, lines) and the PDF holds no
image; the highlighted category is marked without colour; sections flow onto further pages with
«Página N de M», never across a chart; nothing leaves the margins; the same report gives the
same bytes; bad input is refused."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pdf_reading import outside_margins, page_count, text_of, words_of
from pypdf import PdfReader

from kiosk.documents import DocumentError
from kiosk.documents.statistics_report import (
    MARK,
    REPORT_SUBJECT,
    REPORT_TITLE,
    ReportChart,
    ReportRow,
    ReportSection,
    ReportSeries,
    StatisticsReport,
    render_statistics_report,
)

PRINTED = datetime(2026, 12, 6, 16, 30, tzinfo=UTC)  # 10:30 in Guatemala
NAMES = ("Guatemala", "Quetzaltenango", "Escuintla", "Sacatepéquez", "Chimaltenango", "Izabal",
         "Suchitepéquez", "Huehuetenango", "Alta Verapaz", "San Marcos", "Zacapa", "Retalhuleu",
         "Quiché", "Jutiapa", "Petén", "Santa Rosa", "Baja Verapaz", "Chiquimula", "Totonicapán",
         "Sololá", "Jalapa", "El Progreso")  # fmt: skip
STARTED = (3505, 1042, 988, 669, 621, 619, 606, 587, 587, 548, 524, 487, 487, 478, 463, 431, 423,
           421, 331, 329, 323, 291)  # fmt: skip
AGREED = tuple(round(v * 0.42) for v in STARTED)
YEARS = tuple(str(y) for y in range(2015, 2026))
TREND = (760, 859, 878, 823, 981, 887, 879, 814, 1006, 1042, 1062)
BARS_SENTENCE = (
    "En 2024 hubo 14 760 mediaciones en todo el país; Quetzaltenango tuvo 1 042, el lugar 2 de 22 "
    "departamentos."
)
TREND_SENTENCE = "De 2015 a 2025, las mediaciones en Quetzaltenango pasaron de 760 a 1 062 al año."


def written(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def series(name: str, values: tuple[int, ...]) -> ReportSeries:
    return ReportSeries(name, tuple(map(float, values)), tuple(map(written, values)))


BARS = ReportChart(
    "bars",
    "Mediaciones en 2024, por departamento",
    NAMES,
    (series("Mediaciones", STARTED), series("Terminaron en acuerdo", AGREED)),
    BARS_SENTENCE,
    "mediaciones",
    highlight=1,
)
LINE = ReportChart(
    "trend",
    "Mediaciones por año en Quetzaltenango",
    YEARS,
    (series("Mediaciones", TREND),),
    TREND_SENTENCE,
    "mediaciones",
    highlight=9,
)
REPORT = StatisticsReport(
    title="Estadísticas de Mediación y Facilitadores Judiciales",
    heading="Mediación en Quetzaltenango, 2024",
    searched="Cifras pedidas: mediación, 2024, Quetzaltenango.",
    printed_at=PRINTED,
    sections=(
        ReportSection(
            "Las cifras de 2024",
            rows=(
                ReportRow("Mediaciones", "1 042"),
                ReportRow("Terminaron en acuerdo", "438 (42 %)", "Las partes firmaron un acuerdo."),
            ),
            note="Mediar es buscar un acuerdo con ayuda de una persona neutral, sin juicio.",
        ),
        ReportSection("Por departamento", chart=BARS),
        ReportSection("Año por año", chart=LINE),
        ReportSection("De qué trataron", rows=(ReportRow("Familia", "430 (41 %)"),)),
    ),
    kiosk_id="GT-TEST-0001",
)


def spaced(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_every_number_and_sentence_is_text(tmp_path: Path) -> None:
    pdf = render_statistics_report(REPORT)
    text = spaced(text_of(pdf, tmp_path))
    for expected in (REPORT.heading, REPORT.searched, BARS_SENTENCE, TREND_SENTENCE,
                     BARS.title, LINE.title, "Impreso el 06/12/2026 10:30"):  # fmt: skip
        assert spaced(expected) in text, expected
    words = [w.text for w in words_of(pdf, tmp_path)]
    for values in (STARTED, AGREED, TREND):
        for value in values:
            assert all(part in words for part in written(value).split("\u00a0")), value
    for name in NAMES:
        assert name.split()[-1] in words
    assert f"{MARK.strip()} Quetzaltenango" in text and f"{MARK.strip()} 2024" in text


def test_the_charts_are_vector_shapes_and_no_image(tmp_path: Path) -> None:
    pdf = render_statistics_report(REPORT)
    reader = PdfReader(io.BytesIO(pdf))
    content = b"".join(page.get_contents().get_data() for page in reader.pages)
    assert len(re.findall(rb" re\b", content)) >= 2 * len(NAMES)  # a rectangle a bar, at least
    assert len(re.findall(rb" l\b", content)) > 100  # lines: hatching, grid, the trend
    assert not re.search(rb"/\w+ Do\b", content)  # nothing pasted in
    for page in reader.pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        assert all(x.get_object().get("/Subtype") != "/Image" for x in xobjects.values())
    assert not re.search(rb"/Subtype\s*/Image", pdf)


def test_sections_flow_onto_pages_without_splitting_a_chart(tmp_path: Path) -> None:
    pdf = render_statistics_report(REPORT)
    pages = page_count(pdf, tmp_path)
    assert pages == 2
    reader = PdfReader(io.BytesIO(pdf))
    texts = [spaced(page.extract_text()) for page in reader.pages]
    assert "Página 1 de 2" in texts[0] and "Página 2 de 2" in texts[1]
    assert "(continuación)" in texts[1]
    # a chart, its sentence and its numbers stay on one page
    for chart, sentence in ((BARS, BARS_SENTENCE), (LINE, TREND_SENTENCE)):
        [page] = [t for t in texts if spaced(chart.title) in t]
        assert spaced(sentence) in page
        assert chart.categories[0] in page and chart.categories[-1] in page
        assert spaced(chart.series[0].shown[-1]) in page
    assert outside_margins(words_of(pdf, tmp_path)) == []


def test_a_longer_report_takes_more_pages_and_a_short_one_fewer(tmp_path: Path) -> None:
    longer = replace(REPORT, sections=REPORT.sections * 3)
    assert page_count(render_statistics_report(longer), tmp_path) > 2
    short = replace(REPORT, sections=REPORT.sections[:1])
    assert page_count(render_statistics_report(short), tmp_path) == 1


def test_the_same_report_gives_the_same_bytes_and_says_nothing_of_it_in_metadata() -> None:
    pdf = render_statistics_report(REPORT)
    assert pdf == render_statistics_report(REPORT)
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert (meta.title, meta.subject) == (REPORT_TITLE, REPORT_SUBJECT)
    assert "Quetzaltenango" not in str(dict(meta))


@pytest.mark.parametrize(
    ("report", "reason"),
    [
        (replace(REPORT, heading=" "), "bad_value"),
        (replace(REPORT, printed_at=datetime(2026, 12, 6, 10, 30)), "naive_datetime"),
        (
            replace(
                REPORT, sections=(ReportSection("x", chart=replace(BARS, categories=NAMES[:3])),)
            ),
            "bad_value",
        ),
        (
            replace(
                REPORT,
                sections=(
                    ReportSection("x", chart=replace(LINE, series=(series("y", (-1,) * 11),))),
                ),
            ),
            "bad_value",
        ),
        (
            replace(REPORT, sections=(ReportSection("x", chart=replace(LINE, kind="pie")),)),
            "bad_value",
        ),
    ],
)
def test_bad_input_is_refused(report: StatisticsReport, reason: str) -> None:
    with pytest.raises(DocumentError) as err:
        render_statistics_report(report)
    assert err.value.reason == reason
