"""The bottom bar keeps every word whole: one row when the four buttons fit, two when they do not
(large text on a 1280-pixel screen with "Atrás" and a long primary label)."""

from __future__ import annotations

from typing import Any

import pytest
from clipping import clipped
from PySide6.QtWidgets import QApplication

from kiosk.ui.theme import apply_theme


@pytest.mark.parametrize(
    ("width", "large", "rows"),
    [(1920, False, 1), (1920, True, 1), (1280, False, 1), (1280, True, 2)],
)
def test_the_bar_takes_a_second_row_only_when_it_must(
    make_driver: Any, width: int, large: bool, rows: int
) -> None:
    kiosk = make_driver()
    kiosk.shell.resize(width, 800)
    apply_theme(QApplication.instance(), large_text=large, high_contrast=False)  # type: ignore[arg-type]
    try:
        kiosk.shell.set_nav(back=True, primary="Confirmar y enviar")
        kiosk.settle(0.1)
        footer = kiosk.shell.footer
        assert footer.two_rows == (rows == 2)
        assert not clipped(footer)
        primary, finish = footer.continue_button, footer.finish_button
        # the primary button stays at the bottom right, whatever the rows
        assert primary.geometry().right() >= footer.width() - 40
        assert primary.geometry().bottom() >= finish.geometry().bottom()
        kiosk.shell.set_nav(back=False, primary=None)  # the home screen's bar: one row again
        kiosk.settle(0.1)
        assert not footer.two_rows and not clipped(footer)
    finally:
        apply_theme(QApplication.instance(), large_text=False, high_contrast=False)  # type: ignore[arg-type]
