"""A chart read at a glance (``kiosk.flows.charts.Chart``): its title, the one sentence that
says what it shows, a legend, the chart itself (QtCharts) and its numbers beside it, in the
kiosk's three looks.

* Bars run across (``QHorizontalBarSeries``): 22 department names read without turning the head;
  the first category is at the top. A trend is a line over the years with a marker on each
  point.
* Colours that survive colour blindness (Okabe–Ito: blue, vermillion, black); the second series
  is hatched (bars) or dashed with square markers (lines), never told apart by colour alone.
  The highlighted category (the visitor's department or year) stands on a tinted band with a
  dotted border; its bar is black (cyan in high contrast), a year's points are ringed, a
  department's name is marked «▶», and its row of the table is marked, tinted and bold.
* High contrast draws with the theme's own colours on its black; large text enlarges every
  label, and the chart grows to keep its rows apart.
* The numbers sit in a table to the right when there is room and below the chart when not
  (1280x800 in large text); a trend's years slant when upright ones would not fit: no label is
  ever cut.
* No animation, nothing to tap: touches pass through to the page, which scrolls.

QtCharts is imported when the first chart is built, never at start-up. A change of look while a
chart is shown (the header's toggles restyle the page, they do not rebuild it) restyles it too.
Object names: ``chart.title``, ``chart.summary``, ``chart.legend`` (``chart.legend.<n>``),
``chart.view``, ``chart.numbers`` with its cells ``chart.numbers.head.<series>``,
``chart.numbers.category.<n>`` and ``chart.numbers.value.<series>.<n>`` (``n`` the category's
place in the chart).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QMargins, QPointF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.flows.charts import Chart, ChartKind
from kiosk.i18n import show
from kiosk.text import Text
from kiosk.ui.theme import BODY_FONT, HIGH_CONTRAST, NORMAL, TextScale, text_scale

__all__ = ["MARK", "OKABE_ITO", "ChartLook", "ChartPanel", "chart_view", "look_for"]

#: Okabe & Ito's palette, told apart with every kind of colour blindness
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
MARK = "▶ "  # before the highlighted category: set apart without colour
_GAP = 24  # px between the chart and its numbers
_BARS_MIN_WIDTH = 480  # px of bars (and the chart's margins) beside the names


@dataclass(frozen=True)
class ChartLook:
    """The colours and sizes of one look (normal, large text, high contrast)."""

    background: str
    text: str
    grid: str
    series: tuple[str, str]
    highlight: str
    band: str  # behind the highlighted row of the table
    scale: TextScale


def look_for(*, large_text: bool, high_contrast: bool) -> ChartLook:
    scale = text_scale(large_text)
    if high_contrast:  # the theme's own colours on its black
        p = HIGH_CONTRAST
        return ChartLook(
            p.surface, p.text, p.muted, (p.primary, p.text), p.focus_border, p.focus_input_bg, scale
        )
    p = NORMAL
    return ChartLook(
        p.surface,
        p.text,
        p.card_border,
        (OKABE_ITO["blue"], OKABE_ITO["vermillion"]),
        OKABE_ITO["black"],
        p.focus_input_bg,
        scale,
    )


def current_look() -> ChartLook:
    """The look the application is in now (``kiosk.ui.theme.apply_theme`` records it)."""
    app = QApplication.instance()
    large = bool(app.property("kioskLargeText")) if app is not None else False
    contrast = bool(app.property("kioskHighContrast")) if app is not None else False
    return look_for(large_text=large, high_contrast=contrast)


def chart_view(chart: Chart) -> QWidget:
    """The chart, its sentence and its numbers, in the application's current look."""
    return ChartPanel(chart)


def _font(pixels: int, *, bold: bool = False) -> QFont:
    font = QFont(BODY_FONT)
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _nice_top(value: float) -> tuple[float, int]:
    """An axis end at or above ``value`` (1, 2 or 5 times a power of ten a step) and its steps."""
    if value <= 0:
        return 1.0, 1
    magnitude = 10 ** math.floor(math.log10(value))
    for unit in (0.1, 0.2, 0.5, 1, 2, 5, 10):
        step = unit * magnitude
        steps = math.ceil(value / step)
        if steps <= 5:
            return steps * step, steps
    return value, 1


def _marker(shape: str, color: str, size: int, *, filled: bool) -> QImage:
    """A point's marker as an image QtCharts draws at each point: a disc or a square."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(color), max(2, size // 6))
    painter.setPen(pen)
    painter.setBrush(QBrush(QColor(color)) if filled else Qt.BrushStyle.NoBrush)
    inset = pen.width()
    if shape == "square":
        painter.drawRect(inset, inset, size - 2 * inset, size - 2 * inset)
    else:
        painter.drawEllipse(inset, inset, size - 2 * inset, size - 2 * inset)
    painter.end()
    return image


def _grouped(value: float) -> str:
    """An axis label as the chart writes it («4 000»), to measure it."""
    return f"{round(value):,}".replace(",", "\u202f")


class ChartPanel(QFrame):
    """One chart with its sentence and numbers (see the module's docstring)."""

    def __init__(self, chart: Chart) -> None:
        super().__init__()
        from PySide6 import QtCharts  # only now: a chart is being shown

        self.charts: Any = QtCharts
        self.model = chart
        self.names = [show(c) for c in chart.categories]
        self.series_names = [show(s.name) for s in chart.series]
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        self.title = self._label(show(chart.title), "label", "chart.title", wrap=True)
        column.addWidget(self.title)
        self.summary = self._label(show(chart.summary), "body", "chart.summary", wrap=True)
        column.addWidget(self.summary)
        self.legend = QWidget()
        self.legend.setObjectName("chart.legend")
        self.legend_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.legend)
        self.legend_layout.setContentsMargins(0, 0, 0, 0)
        self.legend_layout.setSpacing(8)
        column.addWidget(self.legend)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(_GAP)
        column.addLayout(self.body)
        self.qchart = QtCharts.QChart()
        self.qchart.setAnimationOptions(QtCharts.QChart.AnimationOption.NoAnimation)
        self.qchart.setBackgroundRoundness(0)
        self.qchart.setMargins(QMargins(4, 4, 4, 4))
        self.qchart.legend().hide()  # ours, above: swatches that show the hatching
        # «1 000»: a space between thousands, as the numbers beside the chart write them
        self.qchart.setLocalizeNumbers(True)
        self.qchart.setLocale(QLocale(QLocale.Language.French, QLocale.Country.France))
        self.view = QtCharts.QChartView(self.qchart)
        self.view.setObjectName("chart.view")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # read, not touched: a finger on the chart scrolls the page
        self.view.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setAccessibleName(show(chart.title))
        self.view.setAccessibleDescription(show(chart.summary))
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.body.addWidget(self.view, 1)
        self.numbers = self._table()
        self.body.addWidget(self.numbers, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.highlight_series: list[Any] = []
        self.band: Any = None
        if chart.kind is ChartKind.BARS:
            self._bars()
        else:
            self._trend()
        self.swatches = self._legend()
        self.look = current_look()
        self._restyle_soon = QTimer(self)
        self._restyle_soon.setSingleShot(True)
        self._restyle_soon.setInterval(0)
        self._restyle_soon.timeout.connect(self.restyle)
        self.restyle()

    # --- the parts -------------------------------------------------------------------------

    def _label(self, text: str, kind: str, name: str, *, wrap: bool = False) -> QLabel:
        widget = QLabel(text)
        widget.setObjectName(name)
        widget.setProperty("kind", kind)
        widget.setTextFormat(Qt.TextFormat.PlainText)
        widget.setWordWrap(wrap)
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        return widget

    def _table(self) -> QFrame:
        """The numbers as written: a row per category, a column per series."""
        frame = QFrame()
        frame.setObjectName("chart.numbers")
        grid = QGridLayout(frame)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(0)  # the highlighted row's tint runs across
        grid.setVerticalSpacing(0)
        self.cells: list[QLabel] = []
        self.heads: list[QLabel] = []
        for index, name in enumerate(self.series_names):
            head = self._label(name, "label", f"chart.numbers.head.{index}", wrap=True)
            head.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
            head.setIndent(12)  # from the right edge, as the numbers under it (not a margin:
            # a wrapped label's height for its width counts its margins twice in layouts)
            self.heads.append(head)
            grid.addWidget(head, 0, index + 1)
        for row, name in enumerate(self.names):
            marked = row == self.model.highlight
            cells = [(f"chart.numbers.category.{row}", (MARK if marked else "") + name)]
            cells += [
                (f"chart.numbers.value.{index}.{row}", series.shown[row])
                for index, series in enumerate(self.model.series)
            ]
            for place, (cell_name, text) in enumerate(cells):
                cell = self._label(text, "body", cell_name)
                cell.setProperty("marked", marked)  # bold and tinted: not by colour alone
                if place:
                    cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cell.setContentsMargins(12, 4, 12, 4)
                grid.addWidget(cell, row + 1, place)
                self.cells.append(cell)
        return frame

    def _legend(self) -> list[tuple[QLabel, int]]:
        """A swatch and a name per series, and what the highlight means: (swatch, which)."""
        swatches: list[tuple[QLabel, int]] = []
        entries = [(name, index) for index, name in enumerate(self.series_names)]
        if self.model.highlight is not None:
            chosen = Text("{name}: lo que usted eligió", name=self.names[self.model.highlight])
            entries.append((show(chosen), -1))
        for number, (words, which) in enumerate(entries):
            entry = QWidget()
            line = QBoxLayout(QBoxLayout.Direction.LeftToRight, entry)
            line.setContentsMargins(0, 0, 24, 0)
            line.setSpacing(10)
            swatch = QLabel()
            swatch.setObjectName(f"chart.legend.swatch.{number}")
            line.addWidget(swatch, 0, Qt.AlignmentFlag.AlignVCenter)
            text = self._label(words, "hint", f"chart.legend.{number}")
            line.addWidget(text, 0, Qt.AlignmentFlag.AlignVCenter)
            self.legend_layout.addWidget(entry, 0, Qt.AlignmentFlag.AlignLeft)
            swatches.append((swatch, which))
        self.legend_layout.addStretch(1)
        return swatches

    def _band(self, low: tuple[float, float], high: tuple[float, float], horizontal: bool) -> None:
        """A tinted band behind the highlighted category, drawn before the data."""
        charts = self.charts
        lower, upper = charts.QLineSeries(), charts.QLineSeries()
        if horizontal:  # across the bars' axis: from y low to y high
            lower.append([QPointF(low[0], low[1]), QPointF(high[0], low[1])])
            upper.append([QPointF(low[0], high[1]), QPointF(high[0], high[1])])
        else:
            lower.append([QPointF(low[0], low[1]), QPointF(high[0], low[1])])
            upper.append([QPointF(low[0], high[1]), QPointF(high[0], high[1])])
        self.band = charts.QAreaSeries(upper, lower)
        self.band_lines = (lower, upper)  # the area keeps no reference of its own
        self.qchart.addSeries(self.band)

    def _bars(self) -> None:
        charts = self.charts
        top, steps = _nice_top(max(max(s.values) for s in self.model.series))
        if self.model.highlight is not None:
            place = len(self.names) - 1 - self.model.highlight
            self._band((0, place - 0.5), (top, place + 0.5), horizontal=True)
        series = charts.QHorizontalBarSeries()
        series.setBarWidth(0.8)
        count = len(self.names)
        self.sets: list[Any] = []
        for figures, name in zip(self.model.series, self.series_names, strict=True):
            bar_set = charts.QBarSet(name)
            bar_set.append([figures.values[i] for i in reversed(range(count))])  # first on top
            if self.model.highlight is not None and not self.sets:  # solid: hatching would go
                bar_set.selectBar(count - 1 - self.model.highlight)
            self.sets.append(bar_set)
        for bar_set in reversed(self.sets):  # QtCharts draws the first set lowest in a row
            series.append(bar_set)
        self.qchart.addSeries(series)
        labels = [
            (MARK if i == self.model.highlight else "") + name for i, name in enumerate(self.names)
        ]
        self.category_axis = charts.QBarCategoryAxis()
        self.category_axis.append(list(reversed(labels)))
        self.category_axis.setTruncateLabels(False)
        self.value_axis = charts.QValueAxis()
        self.value_axis.setRange(0, top)
        self.value_axis.setTickCount(steps + 1)
        self.value_axis.setLabelFormat("%.0f")
        self.value_axis.setTitleText(show(self.model.unit))
        self.qchart.addAxis(self.category_axis, Qt.AlignmentFlag.AlignLeft)
        self.qchart.addAxis(self.value_axis, Qt.AlignmentFlag.AlignBottom)
        for attached in (self.band, series):
            if attached is not None:
                attached.attachAxis(self.category_axis)
                attached.attachAxis(self.value_axis)
        self.bar_series = series

    def _trend(self) -> None:
        charts = self.charts
        count = len(self.names)
        self.category_axis = charts.QCategoryAxis()
        self.category_axis.setStartValue(-0.5)
        for index, name in enumerate(self.names):  # the chosen year: a band and rings, so
            self.category_axis.append(name, index)  # the years keep their width upright
        self.category_axis.setLabelsPosition(
            charts.QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue
        )
        self.category_axis.setRange(-0.5, count - 0.5)
        self.category_axis.setTruncateLabels(False)
        self.value_axis = charts.QValueAxis()
        top, steps = _nice_top(max(max(s.values) for s in self.model.series))
        self.value_axis.setRange(0, top)
        self.value_axis.setTickCount(steps + 1)
        self.value_axis.setLabelFormat("%.0f")
        self.value_axis.setTitleText(show(self.model.unit))
        self.qchart.addAxis(self.category_axis, Qt.AlignmentFlag.AlignBottom)
        self.qchart.addAxis(self.value_axis, Qt.AlignmentFlag.AlignLeft)
        if self.model.highlight is not None:
            chosen = self.model.highlight
            self._band((chosen - 0.35, 0), (chosen + 0.35, top), horizontal=False)
            self.band.attachAxis(self.category_axis)
            self.band.attachAxis(self.value_axis)
        self.lines = []
        for figures, name in zip(self.model.series, self.series_names, strict=True):
            line = charts.QLineSeries()
            line.setName(name)
            line.append([QPointF(i, v) for i, v in enumerate(figures.values)])
            line.setPointsVisible(True)
            self.qchart.addSeries(line)
            line.attachAxis(self.category_axis)
            line.attachAxis(self.value_axis)
            self.lines.append(line)
        if self.model.highlight is not None:  # a ring around the chosen year's points
            ring = charts.QScatterSeries()
            ring.setMarkerShape(charts.QScatterSeries.MarkerShape.MarkerShapeCircle)
            for figures in self.model.series:
                ring.append(QPointF(self.model.highlight, figures.values[self.model.highlight]))
            self.qchart.addSeries(ring)
            ring.attachAxis(self.category_axis)
            ring.attachAxis(self.value_axis)
            for marker in self.qchart.legend().markers(ring):
                marker.setVisible(False)
            self.highlight_series.append(ring)

    # --- the look ----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        # the header's toggles restyle the application: follow them, once the sheet is set
        if event.type() in (
            QEvent.Type.StyleChange,
            QEvent.Type.FontChange,
            QEvent.Type.PaletteChange,
        ):
            self._restyle_soon.start()
        super().changeEvent(event)

    def restyle(self) -> None:
        """Colours, fonts and sizes of the application's current look."""
        look = self.look = current_look()
        scale = look.scale
        text = QColor(look.text)
        background = QColor(look.background)
        self.qchart.setBackgroundBrush(QBrush(background))
        self.qchart.setPlotAreaBackgroundVisible(False)
        self.view.setBackgroundBrush(QBrush(background))
        small = _font(scale.hint)
        legend = self.qchart.legend()
        legend.setFont(small)
        legend.setLabelColor(text)
        for axis in (self.category_axis, self.value_axis):
            axis.setLabelsFont(small)
            axis.setLabelsColor(text)
            axis.setTitleFont(small)
            axis.setTitleBrush(QBrush(text))
            axis.setLinePen(QPen(text, 2))
            axis.setGridLinePen(QPen(QColor(look.grid), 1, Qt.PenStyle.DashLine))
        self.category_axis.setGridLineVisible(self.model.kind is ChartKind.TREND)
        if self.model.kind is ChartKind.BARS:
            self._bar_colours(look)
        else:
            self._line_colours(look)
        if self.band is not None:
            self.band.setBrush(QBrush(QColor(look.band)))
            self.band.setPen(QPen(QColor(look.highlight), 2, Qt.PenStyle.DotLine))
        self._paint_swatches(look)
        band = f"background-color: {look.band}; color: {look.text}; font-weight: bold;"
        for cell in self.cells:
            cell.setStyleSheet(band if cell.property("marked") else "")
        # a head wraps to the width of its column (its longest word or its widest number) and
        # is as tall as its lines, in the font the sheet gives it
        digits = QFontMetrics(_font(scale.body, bold=True))
        for index, head in enumerate(self.heads):
            head.ensurePolished()
            words = head.fontMetrics()
            longest = max(words.horizontalAdvance(word) for word in head.text().split())
            widest = max(digits.horizontalAdvance(v) for v in self.model.series[index].shown)
            width = max(longest, widest) + 2 * head.indent()
            head.setMinimumWidth(width)
            head.setMinimumHeight(head.heightForWidth(width))
        self._sizes(scale)

    def _paint_swatches(self, look: ChartLook) -> None:
        """Each legend swatch drawn as its series is: a solid or hatched bar, a solid or dashed
        line with its marker; the highlight's a tinted block with the highlight's border."""
        height = QFontMetrics(_font(look.scale.hint)).height()
        width = height * 2
        for swatch, which in self.swatches:
            picture = QPixmap(width, height)
            picture.fill(QColor(look.background))
            painter = QPainter(picture)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            inner = picture.rect().adjusted(2, height // 5, -2, -height // 5)
            if which < 0:
                painter.setBrush(QBrush(QColor(look.band)))
                painter.setPen(QPen(QColor(look.highlight), 3))
                painter.drawRect(inner)
            elif self.model.kind is ChartKind.BARS:
                fill = QColor(look.series[which])
                style = Qt.BrushStyle.BDiagPattern if which else Qt.BrushStyle.SolidPattern
                painter.setBrush(QBrush(fill, style))
                painter.setPen(QPen(fill, 2))
                painter.drawRect(inner)
            else:
                color = look.series[which]
                pen = QPen(QColor(color), 4 if which == 0 else 3)
                if which:
                    pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLine(0, height // 2, width, height // 2)
                mark = height // 2
                image = _marker("square" if which else "disc", color, mark, filled=which == 0)
                painter.drawImage((width - mark) // 2, (height - mark) // 2, image)
            painter.end()
            swatch.setPixmap(picture)
            swatch.setFixedSize(width, height)

    def _bar_colours(self, look: ChartLook) -> None:
        for index, bar_set in enumerate(self.sets):
            color = QColor(look.series[index])
            if index == 0:
                bar_set.setBrush(QBrush(color))
                bar_set.setPen(QPen(color, 1))
            else:  # hatched: told apart by its pattern, not only by its colour
                bar_set.setBrush(QBrush(color, Qt.BrushStyle.BDiagPattern))
                bar_set.setPen(QPen(color, 2))
            bar_set.setSelectedColor(QColor(look.highlight))
            bar_set.setLabelColor(QColor(look.text))

    def _line_colours(self, look: ChartLook) -> None:
        size = max(12, look.scale.hint // 2)
        for index, line in enumerate(self.lines):
            color = look.series[index]
            pen = QPen(QColor(color), 4 if index == 0 else 3)
            if index:
                pen.setStyle(Qt.PenStyle.DashLine)
            line.setPen(pen)
            line.setMarkerSize(size)
            line.setLightMarker(
                _marker("square" if index else "disc", color, size * 2, filled=index == 0)
            )
        for ring in self.highlight_series:
            ring.setColor(QColor(0, 0, 0, 0))
            ring.setBorderColor(QColor(look.highlight))
            ring.setPen(QPen(QColor(look.highlight), 4))
            ring.setMarkerSize(size * 2.4)

    def _sizes(self, scale: TextScale) -> None:
        """The chart tall enough for its rows; the width it reads best at (``chart_width``) and
        the narrowest that cuts no label (``chart_min_width``: a trend's years slanted)."""
        labels = QFontMetrics(_font(scale.hint))
        line = labels.height()
        ticks = self.value_axis.tickCount()
        tick = labels.horizontalAdvance(_grouped(self.value_axis.max()))
        marked = MARK if self.model.kind is ChartKind.BARS else ""
        widest = max(labels.horizontalAdvance(marked + name) for name in self.names)
        if self.model.kind is ChartKind.BARS:
            row = max(int(line * 1.35), 30 if len(self.model.series) == 1 else 40)
            height = len(self.names) * row + 5 * line + 40
            # the names, then bars long enough that the value axis' labels stand apart
            self.chart_width = widest + max(_BARS_MIN_WIDTH, int(ticks * tick * 1.5)) + 40
            self.chart_min_width = self.chart_width
        else:
            height = max(360, 14 * line)
            axis = tick + line + 32  # the value axis' labels, its title and the margins
            self.chart_width = len(self.names) * (widest + 8) + axis
            self.chart_min_width = len(self.names) * (line + 8) + axis
        self.view.setFixedHeight(height)
        self.view.setMinimumWidth(self.chart_min_width)
        self.numbers.adjustSize()
        self.setMinimumWidth(max(self.chart_min_width, self.numbers.sizeHint().width()))
        self._arrange(self.width())

    # --- beside or below ------------------------------------------------------------------------

    def resizeEvent(self, event: Any) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def _arrange(self, width: int) -> None:
        """The numbers to the right of the chart when both fit side by side, else below it; a
        trend's years upright when they fit, else slanted."""
        numbers = self.numbers.sizeHint().width()
        beside = width >= self.chart_width + _GAP + numbers
        direction = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        if self.body.direction() != direction:
            self.body.setDirection(direction)
        if self.model.kind is ChartKind.TREND:
            room = width - (_GAP + numbers if beside else 0)
            angle = 0 if room >= self.chart_width else -45
            if self.category_axis.labelsAngle() != angle:
                self.category_axis.setLabelsAngle(angle)
        items = [self.legend_layout.itemAt(i) for i in range(self.legend_layout.count())]
        row = sum(item.sizeHint().width() + 8 for item in items if item is not None)
        in_a_row = width >= row
        across = QBoxLayout.Direction.LeftToRight if in_a_row else QBoxLayout.Direction.TopToBottom
        if self.legend_layout.direction() != across:
            self.legend_layout.setDirection(across)

    @property
    def numbers_beside(self) -> bool:
        return self.body.direction() is QBoxLayout.Direction.LeftToRight

    # for tests and screen readers: what the chart draws, as QtCharts holds it
    def drawn_values(self) -> list[list[float]]:
        if self.model.kind is ChartKind.BARS:
            return [list(reversed([s.at(i) for i in range(s.count())])) for s in self.sets]
        return [[p.y() for p in line.points()] for line in self.lines]

    def drawn_categories(self) -> list[str]:
        if self.model.kind is ChartKind.BARS:
            return list(reversed(self.category_axis.categories()))
        return list(self.category_axis.categoriesLabels())
