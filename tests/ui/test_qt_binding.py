"""Guard against a Qt binding that corrupts Python's own objects.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` on every void Qt call; a kiosk makes
millions of those and aborts with "Fatal Python error: none_dealloc". We pin 6.11.3; this test
fails if an upgrade brings the bug back (on 3.12+ None is immortal and the count does not move).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_keep_none_alive() -> None:
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        obj.setObjectName("x")
        obj.blockSignals(False)
    # a few references may come and go elsewhere; 40 000 lost ones may not
    assert sys.getrefcount(None) - before > -1_000
