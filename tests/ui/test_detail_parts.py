"""What an information service's record adds on screen: text read in large type, a QR a phone
reads, sections picked for a printout of only those, leads to another service, and search rows
whose excerpt marks the words found. Real widgets, real QR decoding."""

from __future__ import annotations

from typing import Any

import zxingcpp
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScrollArea

from kiosk.flows.model import ResultsStep
from kiosk.flows.records import Detail, DetailRow, DetailSection, Lead, ResultRow, ResultsPage
from kiosk.ui.excerpt_row import ExcerptRow, excerpt_html
from kiosk.ui.qr_view import QrView
from kiosk.ui.screens.base import Intent
from kiosk.ui.screens.lookup import DetailScreen, ResultsScreen
from kiosk.ui.theme import apply_theme

MAP = "https://www.openstreetmap.org/?mlat=14.64&mlon=-90.51#map=18/14.64/-90.51"


def _detail() -> Detail:
    articles = tuple(
        DetailSection(
            f"art-{n}", f"Artículo {n}", text=(f"Texto del artículo {n}.",), pickable=True
        )
        for n in (1, 2, 3)
    )
    card = DetailSection(
        "place",
        "Cómo llegar",
        rows=(DetailRow("address", "Dirección", "21 calle 7-70, zona 1"),),
        qr=MAP,
        qr_caption="Lea este código con su teléfono para ver cómo llegar.",
        leads=(
            Lead("directory", "Buscar un centro de mediación", "directorio", (("way", "place"),)),
        ),
    )
    return Detail("Decreto 2-89", (*articles, card))


def _intents(screen: Any) -> list[tuple[Intent, str]]:
    seen: list[tuple[Intent, str]] = []
    screen.navigate.connect(lambda intent, argument: seen.append((intent, argument)))
    return seen


def test_articles_read_in_large_type_and_only_the_picked_ones_print(qtbot: Any) -> None:
    apply_theme(QApplication.instance(), large_text=False, high_contrast=False)  # type: ignore[arg-type]
    screen = DetailScreen("normativas.read", "Ley", _detail(), printable=True)
    qtbot.addWidget(screen)
    screen.show()
    seen = _intents(screen)
    text = screen.findChild(QLabel, "text.art-2.0")
    body = screen.findChild(QLabel, "value.address")
    assert text is not None and body is not None
    assert text.font().pixelSize() > body.font().pixelSize()  # read in larger type
    print_all = screen.findChild(QPushButton, "action.print")
    print_picked = screen.findChild(QPushButton, "action.print_picked")
    assert print_all is not None and print_picked is not None
    assert print_all.text() == "Imprimir todo" and not print_picked.isVisible()
    for section in ("art-3", "art-1", "art-2"):
        qtbot.mouseClick(
            screen.findChild(QPushButton, f"action.pick.{section}"), Qt.MouseButton.LeftButton
        )
    qtbot.mouseClick(screen.findChild(QPushButton, "action.pick.art-1"), Qt.MouseButton.LeftButton)
    assert print_picked.isVisible() and "(2)" in print_picked.text()
    qtbot.mouseClick(print_picked, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(print_all, Qt.MouseButton.LeftButton)
    assert seen == [(Intent.PRINT, "art-3,art-2"), (Intent.PRINT, "")]


def test_a_record_that_cannot_print_offers_no_picking(qtbot: Any) -> None:
    screen = DetailScreen("normativas.read", "Ley", _detail(), printable=False)
    qtbot.addWidget(screen)
    assert screen.findChild(QPushButton, "action.pick.art-1") is None
    assert screen.findChild(QLabel, "hint.pick") is None


def test_the_qr_on_screen_reads_back_and_the_lead_asks_for_its_service(qtbot: Any) -> None:
    screen = DetailScreen("directorio.card", "Juzgado", _detail(), printable=True)
    qtbot.addWidget(screen)
    screen.show()
    seen = _intents(screen)
    code = screen.findChild(QrView, "qr.place")
    assert code is not None
    image = code.grab().toImage().convertToFormat(QImage.Format.Format_RGBA8888)
    picture = Image.frombytes("RGBA", (image.width(), image.height()), bytes(image.constBits()))
    assert [found.text for found in zxingcpp.read_barcodes(picture)] == [MAP]
    qtbot.mouseClick(
        screen.findChild(QPushButton, "action.lead.directory"), Qt.MouseButton.LeftButton
    )
    assert seen == [(Intent.LEAD, "directory")]


def test_the_excerpt_marks_the_words_found_and_the_whole_row_is_one_target(qtbot: Any) -> None:
    excerpt = (("…las ", False), ("notificaciones", True), (" <se harán> & por escrito…", False))
    assert excerpt_html(excerpt) == (
        "…las <b><u>notificaciones</u></b> &lt;se harán&gt; &amp; por escrito…"
    )  # data is escaped, never read as markup
    page = ResultsPage(
        (ResultRow("ley-2-89", "Ley del Organismo Judicial", ("Decreto 2-89",), excerpt),), total=1
    )
    step = ResultsStep("found", "Resultados", "search", "document", "read", "Nada")
    screen = ResultsScreen("normativas.found", "Resultados", step, page)
    qtbot.addWidget(screen)
    screen.resize(900, 700)
    screen.show()
    seen = _intents(screen)
    row = screen.findChild(ExcerptRow, "action.select.ley-2-89")
    marked = screen.findChild(QLabel, "label.excerpt.ley-2-89")
    assert row is not None and marked is not None
    qtbot.waitUntil(lambda: marked.isVisible())
    assert row.height() >= marked.geometry().bottom()  # the excerpt is inside the row, uncut
    qtbot.mouseClick(marked, Qt.MouseButton.LeftButton, pos=QPoint(10, 5))  # through the label
    assert seen == [(Intent.SELECT, "ley-2-89")]
    assert "notificaciones" in row.accessibleName()


def test_what_printing_says_is_scrolled_into_view(qtbot: Any) -> None:
    screen = DetailScreen("normativas.read", "Ley", _detail(), printable=True)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(screen)
    area.resize(900, 300)  # far shorter than the record: the status is above the fold
    qtbot.addWidget(area)
    area.show()
    bar = area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # the visitor scrolled down to pick articles
    screen.show_printed("No se imprimió: la impresora no tiene papel.", ok=False)

    def status_in_view() -> bool:
        top = screen.print_status.mapTo(screen, screen.print_status.rect().topLeft()).y()
        return bar.value() <= top <= bar.value() + area.viewport().height()

    qtbot.waitUntil(status_in_view)
