"""The chart widget alone (``kiosk.ui.chart_view``), in the three looks: what QtCharts draws is the
chart's data (values, categories, the highlight), the numbers beside it are the values as written,
the second series is told apart by its pattern, high contrast uses the theme's colours, large text
fits 1280x800 with nothing cut, a change of look restyles a chart already shown, and QtCharts is
not loaded until a chart is."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from clipping import clipped
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.flows.charts import Chart, ChartKind, ChartSeries
from kiosk.text import Text
from kiosk.ui.chart_view import MARK, OKABE_ITO, ChartPanel, chart_view
from kiosk.ui.theme import HIGH_CONTRAST, LARGE, NORMAL_TEXT, apply_theme

NAMES = ("Guatemala", "Quetzaltenango", "Escuintla", "Sacatepéquez", "Chimaltenango", "Izabal",
         "Suchitepéquez", "Huehuetenango", "Alta Verapaz", "San Marcos", "Zacapa", "Retalhuleu",
         "Quiché", "Jutiapa", "Petén", "Santa Rosa", "Baja Verapaz", "Chiquimula", "Totonicapán",
         "Sololá", "Jalapa", "El Progreso")  # fmt: skip
STARTED = (3505, 1042, 988, 669, 621, 619, 606, 587, 587, 548, 524, 487, 487, 478, 463, 431, 423,
           421, 331, 329, 323, 291)  # fmt: skip
AGREED = tuple(round(v * 0.42) for v in STARTED)
YEARS = tuple(str(y) for y in range(2015, 2026))
TREND = (760, 859, 878, 823, 981, 887, 879, 814, 1006, 1042, 1062)
LOOKS = {"normal": (False, False), "large": (True, False), "contrast": (False, True)}


def written(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def bars(highlight: int | None = 1) -> Chart:
    return Chart(
        ChartKind.BARS,
        Text("Mediaciones en 2024, por departamento"),
        NAMES,
        (
            ChartSeries(
                Text("Mediaciones"), tuple(map(float, STARTED)), tuple(map(written, STARTED))
            ),
            ChartSeries(
                Text("Terminaron en acuerdo"),
                tuple(map(float, AGREED)),
                tuple(map(written, AGREED)),
            ),
        ),
        Text("En 2024 hubo 14 760 mediaciones en todo el país; Quetzaltenango tuvo 1 042."),
        Text("mediaciones"),
        highlight,
    )


def trend() -> Chart:
    return Chart(
        ChartKind.TREND,
        Text("Mediaciones por año en Quetzaltenango"),
        YEARS,
        (ChartSeries(Text("Mediaciones"), tuple(map(float, TREND)), tuple(map(written, TREND))),),
        Text("De 2015 a 2025, las mediaciones en Quetzaltenango pasaron de 760 a 1 062 al año."),
        Text("mediaciones"),
        9,
    )


@pytest.fixture
def look(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[str]:
    large, contrast = LOOKS[request.param]
    apply_theme(qapp, large_text=large, high_contrast=contrast)
    yield request.param
    apply_theme(qapp, large_text=False, high_contrast=False)


def shown(chart: Chart, width: int, qtbot: object) -> tuple[QScrollArea, ChartPanel]:
    """The chart in a card on a page that scrolls, as the record screen shows it."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    page = QWidget()
    page.setProperty("kind", "page")
    card = QFrame()
    card.setProperty("kind", "card")
    panel = chart_view(chart)
    assert isinstance(panel, ChartPanel)
    QVBoxLayout(card).addWidget(panel)
    QVBoxLayout(page).addWidget(card)
    area.setWidget(page)
    qtbot.addWidget(area)  # type: ignore[attr-defined]
    area.resize(width, 800)
    area.show()
    qtbot.waitExposed(area)  # type: ignore[attr-defined]
    qtbot.wait(50)  # type: ignore[attr-defined]
    return area, panel


def cell(panel: ChartPanel, name: str) -> QLabel:
    found = panel.findChild(QLabel, name)
    assert found is not None, name
    return found


@pytest.mark.parametrize("look", list(LOOKS), indirect=True)
def test_the_bars_draw_the_data_and_write_its_numbers(look: str, qtbot: object) -> None:
    _, panel = shown(bars(), 1280, qtbot)
    assert panel.drawn_categories() == [MARK + n if i == 1 else n for i, n in enumerate(NAMES)]
    assert panel.drawn_values() == [list(map(float, STARTED)), list(map(float, AGREED))]
    for row, name in enumerate(NAMES):
        marked = cell(panel, f"chart.numbers.category.{row}")
        assert marked.text() == (MARK + name if row == 1 else name)
        assert bool(marked.property("marked")) == (row == 1)
        assert cell(panel, f"chart.numbers.value.0.{row}").text() == written(STARTED[row])
        assert cell(panel, f"chart.numbers.value.1.{row}").text() == written(AGREED[row])
    assert cell(panel, "chart.summary").text().startswith("En 2024 hubo 14 760")
    assert cell(panel, "chart.title").text() == "Mediaciones en 2024, por departamento"
    first, second = panel.sets
    assert first.brush().style() is Qt.BrushStyle.SolidPattern
    assert second.brush().style() is Qt.BrushStyle.BDiagPattern  # not by colour alone
    assert first.isBarSelected(len(NAMES) - 1 - 1)  # the highlight, as QtCharts draws it
    assert panel.band is not None  # and the band behind its row
    assert panel.qchart.animationOptions() == panel.charts.QChart.AnimationOption.NoAnimation
    assert panel.view.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    problems = clipped(panel)
    assert problems == [], problems


@pytest.mark.parametrize("look", list(LOOKS), indirect=True)
def test_the_trend_draws_every_year_with_a_marker(look: str, qtbot: object) -> None:
    _, panel = shown(trend(), 1280, qtbot)
    assert panel.drawn_categories() == list(YEARS)
    assert panel.drawn_values() == [list(map(float, TREND))]
    [line] = panel.lines
    assert line.pointsVisible() and not line.lightMarker().isNull()  # a marker on each point
    [ring] = panel.highlight_series
    assert [(p.x(), p.y()) for p in ring.points()] == [(9.0, float(TREND[9]))]
    assert cell(panel, "chart.numbers.category.9").text() == MARK + "2024"
    problems = clipped(panel)
    assert problems == [], problems


@pytest.mark.parametrize("look", ["contrast"], indirect=True)
def test_high_contrast_draws_with_the_themes_colours(look: str, qtbot: object) -> None:
    _, panel = shown(bars(), 1920, qtbot)
    assert panel.qchart.backgroundBrush().color().name().upper() == HIGH_CONTRAST.surface
    assert panel.sets[0].brush().color().name().upper() == HIGH_CONTRAST.primary
    assert panel.sets[1].brush().color().name().upper() == HIGH_CONTRAST.text
    assert panel.sets[0].selectedColor().name().upper() == HIGH_CONTRAST.focus_border
    axis_text = panel.category_axis.labelsBrush().color().name().upper()
    assert axis_text == HIGH_CONTRAST.text


@pytest.mark.parametrize("look", ["normal"], indirect=True)
def test_normal_colours_are_okabe_ito(look: str, qtbot: object) -> None:
    _, panel = shown(trend(), 1920, qtbot)
    assert panel.lines[0].pen().color().name().upper() == OKABE_ITO["blue"]
    _, bar_panel = shown(bars(), 1920, qtbot)
    assert bar_panel.sets[1].brush().color().name().upper() == OKABE_ITO["vermillion"]
    assert bar_panel.sets[0].selectedColor().name().upper() == OKABE_ITO["black"]


@pytest.mark.parametrize("look", ["large"], indirect=True)
def test_large_text_at_1280_puts_the_numbers_below_and_cuts_nothing(
    look: str, qtbot: object
) -> None:
    for chart in (bars(), trend()):
        area, panel = shown(chart, 1280, qtbot)
        assert panel.category_axis.labelsFont().pixelSize() == LARGE.hint
        assert not panel.numbers_beside
        assert panel.width() <= area.viewport().width()  # nothing runs off to the right
        numbers = panel.numbers.geometry()
        assert numbers.top() >= panel.view.geometry().bottom()  # below, not over the chart
        problems = clipped(panel)
        assert problems == [], problems


@pytest.mark.parametrize("look", ["normal"], indirect=True)
def test_at_1920_the_numbers_stand_beside_the_chart(look: str, qtbot: object) -> None:
    _, panel = shown(bars(), 1920, qtbot)
    assert panel.numbers_beside
    assert panel.numbers.geometry().left() >= panel.view.geometry().right()


def test_a_change_of_look_restyles_a_chart_already_shown(qapp: QApplication, qtbot: object) -> None:
    apply_theme(qapp, large_text=False, high_contrast=False)
    try:
        _, panel = shown(bars(), 1600, qtbot)
        assert panel.category_axis.labelsFont().pixelSize() == NORMAL_TEXT.hint
        assert panel.numbers_beside
        apply_theme(qapp, large_text=True, high_contrast=True)
        qtbot.waitUntil(  # type: ignore[attr-defined]
            lambda: panel.category_axis.labelsFont().pixelSize() == LARGE.hint
        )
        assert panel.sets[0].brush().color().name().upper() == HIGH_CONTRAST.primary
        assert not panel.numbers_beside  # larger numbers: below now
    finally:
        apply_theme(qapp, large_text=False, high_contrast=False)


def test_without_a_highlight_nothing_is_set_apart(qtbot: object) -> None:
    _, panel = shown(bars(highlight=None), 1920, qtbot)
    assert panel.band is None and not panel.sets[0].selectedBars()
    assert not any(c.property("marked") for c in panel.cells)
    assert all(not c.text().startswith(MARK) for c in panel.cells)


def test_qtcharts_is_loaded_only_when_a_chart_is_shown() -> None:
    code = (
        "import sys\n"
        "import kiosk.ui.chart_view, kiosk.ui.screens.lookup, kiosk.ui.kiosk_ui\n"
        "print('PySide6.QtCharts' in sys.modules)\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert found.stdout.strip() == "False"
