"""Figures a record shows as a chart (pure data; the screen draws them with QtCharts, the paper
as vector graphics). Every chart carries its numbers as written, shown beside it, and one
sentence that says what it shows: a chart is read at a glance, the numbers and the sentence are
what a visitor who cannot read the chart (or cannot see colour) reads instead."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.flows.text import Shown


class ChartKind(StrEnum):
    BARS = "bars"  # one bar per category (a department), the longest first is the caller's choice
    TREND = "trend"  # a line over ordered categories (years), a marker on each point


@dataclass(frozen=True)
class ChartSeries:
    """One kind of figure over the categories: its name (the legend) and each value, with the
    value as written ("1 234", "41 %") for the numbers beside the chart and on paper."""

    name: Shown
    values: tuple[float, ...]
    shown: tuple[str, ...]


@dataclass(frozen=True)
class Chart:
    kind: ChartKind
    title: Shown
    categories: tuple[Shown, ...]
    series: tuple[ChartSeries, ...]  # one or two (a second is drawn hatched, not only coloured)
    summary: Shown  # one sentence: what the chart shows ("Guatemala tuvo más mediaciones…")
    unit: Shown = ""  # what the values count ("mediaciones")
    highlight: int | None = None  # a category to set apart (the visitor's department)

    def __post_init__(self) -> None:
        if not 1 <= len(self.series) <= 2:
            raise ValueError("a chart has one or two series")
        for series in self.series:
            if not len(series.values) == len(series.shown) == len(self.categories):
                raise ValueError("every series has one value, as written, per category")
        if self.highlight is not None and not 0 <= self.highlight < len(self.categories):
            raise ValueError("the highlighted category is not in the chart")
