"""Estadísticas de Mediación y Facilitadores Judiciales through the kiosk's screens, by object
names, against the sandbox over HTTP: the three taps to a record with its two charts (the chosen
department and year set apart, the numbers and the sentence beside each), «Atrás» to another
department, a department with no facilitadores yet, the lead into the directory, the portal down
and back, a printer that does not print, the look changed while a chart is shown (nothing cut at
1280x800 in large text), and nothing left after the idle wipe."""

from __future__ import annotations

import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

import pytest
from clipping import clipped
from faults import PortalProxy
from kiosk_driver import Driver
from leftovers import assert_nothing_left
from PySide6.QtWidgets import QLabel, QWidget
from record_visit import failure, here, print_status, shown, text_here

from kiosk.embedded_portal import PortalEndpoint
from kiosk.formats import now
from kiosk.sandbox.services.mediation_stats import (
    DEMO_EMPTY_DEPARTMENT,
    DEMO_EMPTY_YEAR,
    DEMO_MEDIATIONS,
    DEMO_YEAR,
)
from kiosk.services.mediation_stats.words import count
from kiosk.ui.chart_view import MARK, ChartPanel

MakeDriver = Callable[..., Driver]
SERVICE = "estadisticas-mediacion"
NO_PORTAL = "No hay conexión con el portal del Organismo Judicial en este momento."
LAST = now().year - 1


def screen(step: str) -> str:
    return f"screen.{SERVICE}.{step}"


def reach(kiosk: Driver, step: str) -> None:
    kiosk.wait(lambda: kiosk.screen() == screen(step))


def ask(kiosk: Driver, topic: str, year: int, department: str) -> None:
    kiosk.tap(f"tile.{SERVICE}")
    assert kiosk.screen() == screen("topic")
    kiosk.tap(f"field.topic.{topic}")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("year")
    kiosk.tap(f"field.year.{year}")
    kiosk.tap("action.continue")
    assert kiosk.screen() == screen("department")
    kiosk.tap(f"field.department.{department}")
    kiosk.tap("action.continue")


def panel(kiosk: Driver, section: str) -> ChartPanel:
    found = here(kiosk, f"chart.{section}")
    assert isinstance(found, ChartPanel)
    return found


def inside(widget: QWidget, name: str) -> str:
    found = widget.findChild(QLabel, name)
    assert found is not None, name
    plain = found.property("plain")
    return str(plain if plain is not None else found.text())


def test_three_taps_to_the_charts_with_the_department_set_apart(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    kiosk.tap(f"tile.{SERVICE}")
    kiosk.tap("field.topic.mediacion")
    kiosk.tap("action.continue")
    years = [w.objectName() for w in kiosk.shell.current_screen.findChildren(QWidget)  # type: ignore[union-attr]
             if w.objectName().startswith("field.year.")]  # fmt: skip
    assert years[0] == f"field.year.{LAST}"  # the latest first
    assert f"field.year.{now().year}" not in years  # a year not over is not offered
    kiosk.tap("action.home")
    assert kiosk.screen() == "screen.home"
    ask(kiosk, "mediacion", DEMO_YEAR, "9")
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == f"Mediación en Quetzaltenango, {DEMO_YEAR}"
    bars = panel(kiosk, "by_department")
    assert bars.drawn_categories()[0] == "Guatemala"  # the most first
    chosen = bars.model.highlight
    assert chosen is not None and bars.drawn_categories()[chosen] == MARK + "Quetzaltenango"
    assert inside(bars, f"chart.numbers.category.{chosen}") == MARK + "Quetzaltenango"
    own = inside(bars, f"chart.numbers.value.0.{chosen}")
    assert count(int(bars.drawn_values()[0][chosen])) == own  # drawn and written agree
    assert text_here(kiosk, "value.started") == own
    summary = inside(bars, "chart.summary")
    assert summary.startswith(f"En {DEMO_YEAR} hubo {count(DEMO_MEDIATIONS)} mediaciones")
    assert f"Quetzaltenango tuvo {own}" in summary
    trend = panel(kiosk, "by_year")
    assert trend.drawn_categories()[0] == "2015" and trend.drawn_categories()[-1] == str(LAST)
    year = trend.model.highlight
    assert year is not None and trend.drawn_categories()[year] == str(DEMO_YEAR)
    assert inside(trend, f"chart.numbers.category.{year}") == MARK + str(DEMO_YEAR)
    assert inside(trend, f"chart.numbers.value.0.{year}") == own  # the same figure again
    assert inside(trend, "chart.summary").startswith(f"De 2015 a {LAST}, las mediaciones")
    assert here(kiosk, "action.lead.directory").isVisible()
    assert here(kiosk, "action.print").isVisible()
    assert kiosk.find("action.continue").text() == "Terminar"
    kiosk.tap("action.back")  # another department: the figures are read again
    assert kiosk.screen() == screen("department")
    assert here(kiosk, "field.department.9").isChecked()  # type: ignore[attr-defined]
    kiosk.tap("field.department.all")
    kiosk.tap("action.continue")
    reach(kiosk, "record")
    assert text_here(kiosk, "value.heading") == f"Mediación en todo el país, {DEMO_YEAR}"
    assert panel(kiosk, "by_department").model.highlight is None
    assert "Guatemala tuvo la mayor cantidad" in inside(
        panel(kiosk, "by_department"), "chart.summary"
    )


def test_a_department_without_facilitadores_yet_says_where_to_go(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    ask(kiosk, "facilitadores", DEMO_EMPTY_YEAR, str(DEMO_EMPTY_DEPARTMENT))
    reach(kiosk, "record")
    assert text_here(kiosk, "value.facilitators") == "0"
    assert "todavía no había facilitadores judiciales en El Progreso" in text_here(
        kiosk, "note.figures"
    )
    bars = panel(kiosk, "by_department")
    assert len(bars.drawn_values()) == 1  # one series: the facilitadores
    assert "El Progreso todavía no tenía ninguno" in inside(bars, "chart.summary")
    assert here(kiosk, "action.lead.directory").text() == "Buscar facilitadores judiciales"  # type: ignore[attr-defined]


def test_the_lead_opens_the_directory_in_the_same_department(make_driver: MakeDriver) -> None:
    kiosk = make_driver()
    ask(kiosk, "mediacion", DEMO_YEAR, "9")
    reach(kiosk, "record")
    kiosk.tap("action.lead.directory")
    # way, department and kind already given: the visitor picks the municipality
    kiosk.wait(lambda: kiosk.screen().startswith("screen.directorio."))
    assert kiosk.screen() == "screen.directorio.municipality"
    kiosk.tap("action.back")
    assert kiosk.screen() == "screen.directorio.kind"
    assert here(kiosk, "field.kind.mediacion").isChecked()  # type: ignore[attr-defined]


def test_the_portal_down_says_so_and_the_retry_brings_the_figures(
    make_driver: MakeDriver, proxy: PortalProxy
) -> None:
    kiosk = make_driver(portal_url=proxy.url)
    proxy.cut()
    ask(kiosk, "mediacion", DEMO_YEAR, "all")
    assert failure(kiosk).startswith(NO_PORTAL)
    assert here(kiosk, "action.retry").isVisible()
    proxy.restore()
    kiosk.tap("action.retry")
    reach(kiosk, "record")
    assert text_here(kiosk, "value.started") == count(DEMO_MEDIATIONS)


class SlowProxy(PortalProxy):
    """The portal, answering the statistics ``delay`` seconds late (a slow line)."""

    delay = 1.5

    def _forward(self, request: BaseHTTPRequestHandler) -> None:
        if request.path.startswith("/v1/mediation-stats/"):
            time.sleep(self.delay)
        super()._forward(request)


def test_a_slow_portal_says_what_it_is_doing(
    make_driver: MakeDriver, sandbox: PortalEndpoint
) -> None:
    with SlowProxy(sandbox.url) as slow:
        kiosk = make_driver(portal_url=slow.url)
        ask(kiosk, "facilitadores", DEMO_YEAR, "14")
        assert kiosk.screen() == screen("fetch")
        assert text_here(kiosk, "label.heading") == "Estamos trayendo las cifras."
        reach(kiosk, "record")
        assert "Quiché" in text_here(kiosk, "value.heading")


def test_a_printer_that_does_not_print_says_what_to_do_instead(make_driver: MakeDriver) -> None:
    kiosk = make_driver()  # its printer does not answer
    ask(kiosk, "mediacion", DEMO_YEAR, "9")
    reach(kiosk, "record")
    kiosk.tap("action.print")
    status = print_status(kiosk)
    assert status.startswith("No se imprimió.")
    assert "Puede anotar las cifras de la pantalla" in status  # the printout's advice
    assert here(kiosk, "action.print").isEnabled()


def test_the_look_changes_while_a_chart_is_shown_and_nothing_is_cut(
    make_driver: MakeDriver,
) -> None:
    kiosk = make_driver()  # 1280x800
    ask(kiosk, "mediacion", DEMO_YEAR, "9")
    reach(kiosk, "record")
    bars = panel(kiosk, "by_department")
    before = bars.category_axis.labelsFont().pixelSize()
    kiosk.tap("action.large_text")
    kiosk.settle(0.2)
    assert bars.category_axis.labelsFont().pixelSize() > before  # the chart follows
    assert not bars.numbers_beside  # 1280 in large text: the numbers go below the chart
    kiosk.tap("action.high_contrast")
    kiosk.settle(0.2)
    assert bars.qchart.backgroundBrush().color().name() == "#000000"
    for name in ("chart.by_department", "chart.by_year"):
        problems = clipped(here(kiosk, name))
        assert problems == [], problems
        widget = here(kiosk, name)
        assert widget.width() <= kiosk.shell.content.viewport().width()
    kiosk.tap("action.large_text")
    kiosk.tap("action.high_contrast")


def test_the_idle_wipe_leaves_nothing_of_the_query(
    make_driver: MakeDriver, caplog: pytest.LogCaptureFixture
) -> None:
    since = time.time()
    kiosk = make_driver(idle_ms=(400, 2000))
    ask(kiosk, "mediacion", DEMO_YEAR, "9")
    reach(kiosk, "record")
    summary = inside(panel(kiosk, "by_department"), "chart.summary")
    asked = f"Mediación en Quetzaltenango, {DEMO_YEAR}"
    assert asked in shown(kiosk)
    kiosk.wait(lambda: kiosk.screen() == "screen.home", timeout=30)
    assert_nothing_left(kiosk, [asked, summary], caplog, since=since)
