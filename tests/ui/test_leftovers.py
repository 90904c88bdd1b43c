"""The leftover search the personal services' idle tests rely on finds what a visit left."""

from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from leftovers import assert_nothing_left
from PySide6.QtGui import QGuiApplication

DPI = "3041 88638 1601"  # DEMO_NEW


def test_it_finds_a_typed_value_and_passes_after_the_wipe(
    make_driver: Any, caplog: pytest.LogCaptureFixture
) -> None:
    since = time.time()
    kiosk = make_driver()
    kiosk.tap("tile.cuenta")
    kiosk.type("field.dpi", DPI)
    with pytest.raises(AssertionError, match="widget"):
        assert_nothing_left(kiosk, [DPI], caplog, since=since)
    kiosk.tap("action.home")
    assert_nothing_left(kiosk, [DPI], caplog, since=since)


def test_it_finds_the_clipboard_a_log_record_and_a_fresh_temp_file(
    make_driver: Any, caplog: pytest.LogCaptureFixture
) -> None:
    since = time.time()
    kiosk = make_driver()
    QGuiApplication.clipboard().setText("algo")
    with pytest.raises(AssertionError):
        assert_nothing_left(kiosk, [DPI], caplog, since=since)
    QGuiApplication.clipboard().clear()
    logging.getLogger("kiosk.test").warning("dpi %s", DPI.replace(" ", ""))
    with pytest.raises(AssertionError, match="log"):
        assert_nothing_left(kiosk, [DPI], caplog, since=since)
    caplog.clear()
    stray = Path(tempfile.gettempdir()) / f"stray-{int(since)}.txt"
    stray.write_text(f"DPI {DPI}")
    try:
        with pytest.raises(AssertionError, match="stray"):
            assert_nothing_left(kiosk, [DPI], caplog, since=since)
    finally:
        stray.unlink()
    assert_nothing_left(kiosk, [DPI], caplog, since=since)
