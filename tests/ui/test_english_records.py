"""In English, what an information service shows is in English: no Spanish text of the catalog
left on a record (a plain ``_()`` string where a ``Text`` belongs is shown as data: untranslated).
Each service is opened as a record's lead opens it, with its answers given."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from kiosk_driver import Driver
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.i18n import load_catalog

CATALOG = load_catalog("en")


def untranslated(root: QWidget) -> list[str]:
    """Visible words that are a Spanish text of the catalog with an English of its own."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not isinstance(widget, QLabel | QAbstractButton):
            continue
        for line in widget.text().split("\n"):
            english = CATALOG.get(line.strip())
            if english and english != line.strip():
                found.append(f"{widget.objectName()}: {line.strip()[:60]}")
    return found


CASES: dict[str, tuple[str, dict[str, str], str, str | None]] = {
    "directory card": (
        "directorio", {"way": "words", "words": "unidad de informacion publica"}, "record", None,
    ),
    "mediation figures": (
        "estadisticas-mediacion", {"topic": "mediacion", "year": "2024", "department": "9"},
        "record", None,
    ),
    "facilitators figures": (
        "estadisticas-mediacion", {"topic": "facilitadores", "year": "2019", "department": "all"},
        "record", None,
    ),
    "job result": (
        "recursos-humanos", {"mode": "resultado", "opening": "042-2025", "application": "17"},
        "result", None,
    ),
    "open job": (
        "recursos-humanos",
        {"mode": "abiertas", "words": "oficiales quetzaltenango", "department": "0"},
        "record", None,
    ),
    "public information request": (
        "informacion-publica", {"mode": "find_request", "folio": "UIP-2025-900003"},
        "request", None,
    ),
    "law": (
        "normativas", {"words": "notificación", "kind": "ley", "year_from": "", "year_to": ""},
        "record", "action.select.ley-2-89",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_an_information_record_in_english_has_no_spanish_left(
    make_driver: Callable[..., Driver], case: str
) -> None:
    service, answers, last, row = CASES[case]
    kiosk = make_driver()
    kiosk.tap("action.language")
    kiosk.ui.open_with(service, answers)
    if row is not None:
        kiosk.wait(lambda: kiosk.exists(row), timeout=20)
        assert untranslated(kiosk.shell) == []  # the results, too
        kiosk.tap(row)
    kiosk.wait(lambda: kiosk.screen() == f"screen.{service}.{last}", timeout=20)
    kiosk.settle(0.2)
    assert kiosk.find("action.language").text() == "Español"  # the test means something
    assert untranslated(kiosk.shell) == []


def test_the_check_sees_a_spanish_text_left_on_screen(qtbot: Any) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    spanish = next(msgid for msgid, english in CATALOG.items() if english != msgid)
    QLabel(spanish, root).setObjectName("label.left")
    QLabel("Quetzaltenango", root)  # data: not in the catalog
    root.show()
    assert untranslated(root) == [f"label.left: {spanish[:60]}"]
