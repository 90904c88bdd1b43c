"""A chart's data says what it draws: every series has one value, as written, per category."""

from __future__ import annotations

import pytest

from kiosk.flows.charts import Chart, ChartKind, ChartSeries


def _series(*values: float) -> ChartSeries:
    return ChartSeries("Mediaciones", values, tuple(str(int(v)) for v in values))


def test_a_well_formed_chart() -> None:
    chart = Chart(ChartKind.BARS, "Por departamento", ("Guatemala", "Petén"), (_series(5, 2),),
                  "Guatemala tuvo más.", highlight=1)  # fmt: skip
    assert chart.series[0].shown == ("5", "2")


@pytest.mark.parametrize(
    ("categories", "series", "highlight"),
    [
        (("A", "B"), (), None),  # no series
        (("A", "B"), (_series(1, 2),) * 3, None),  # three series
        (("A", "B"), (_series(1),), None),  # a value missing
        (("A",), (ChartSeries("x", (1.0,), ()),), None),  # a value not written
        (("A", "B"), (_series(1, 2),), 2),  # highlight off the chart
    ],
)
def test_a_malformed_chart_is_refused(
    categories: tuple[str, ...], series: tuple[ChartSeries, ...], highlight: int | None
) -> None:
    with pytest.raises(ValueError):
        Chart(ChartKind.TREND, "t", categories, series, "s", highlight=highlight)
