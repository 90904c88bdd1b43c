"""The floor: a bare PySide6 window with five buttons, nothing else (no kiosk import).

    python benchmarks/bare_window.py              show it, quit on its first paint (startup floor)
    python benchmarks/bare_window.py --rss        the same, and print VmHWM/VmRSS (kB) as JSON
    python benchmarks/bare_window.py --stack [FILE]
        the same, also importing the kiosk's stack and running on qasync's loop: the floor of
        the kiosk's stack before any kiosk code. FILE lists the modules to import, one a line
        in load order: benchmarks/run.py writes there every module that is not the kiosk's own
        (third-party and standard library) found loaded when the kiosk's home screen painted
        (benchmarks/startup_phases.py reads them), so the floor follows the kiosk when it
        imports more or less before its first paint. Without FILE: what ARCHITECTURE.md
        prescribes (pydantic-settings, httpx, qasync).
    python benchmarks/bare_window.py --sessions W N
        swap in a fresh five-button page with a typed field W times, read RSS, then N more times,
        read RSS again; print both as JSON (the floor for RSS growth over sessions)

Runs headless (QT_QPA_PLATFORM=offscreen unless already set), at 1280x800 like the kiosk's window.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)


def memory() -> dict[str, int]:
    """VmHWM (peak) and VmRSS (now) of this process, in kB."""
    with open("/proc/self/status", encoding="ascii") as status:
        fields = dict(line.split(":", 1) for line in status if line.startswith(("VmHWM", "VmRSS")))
    return {name: int(value.split()[0]) for name, value in fields.items()}


def page(with_field: bool = False) -> QWidget:
    widget = QWidget()
    row = QHBoxLayout(widget)
    for number in range(1, 6):
        row.addWidget(QPushButton(f"Botón {number}"))
    if with_field:
        row.addWidget(QLineEdit())
    return widget


class FirstPaint(QObject):
    def __init__(self, callback: object) -> None:
        super().__init__()
        self.callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.callback is not None:
            callback, self.callback = self.callback, None
            QTimer.singleShot(0, callback)  # type: ignore[arg-type]
        return False


def settle(app: QApplication, rounds: int = 3) -> None:
    # This process has no asyncio loop, so processEvents is safe here.
    for _ in range(rounds):
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def sessions(app: QApplication, window: QWidget, stack: QStackedWidget, warmup: int, count: int):
    def one() -> None:
        old = stack.currentWidget()
        new = page(with_field=True)
        stack.addWidget(new)
        stack.setCurrentWidget(new)
        edit = new.findChild(QLineEdit)
        assert edit is not None
        edit.setFocus()
        edit.insert("3041 88638 1601")
        settle(app)
        edit.clear()
        stack.removeWidget(old)
        old.deleteLater()
        settle(app)

    for _ in range(warmup):
        one()
    gc.collect()
    before = memory()
    for _ in range(count):
        one()
    gc.collect()
    after = memory()
    return {"before": before, "after": after}


PRESCRIBED = ("pydantic_settings", "httpx", "qasync")


def import_stack(argv: list[str]) -> None:
    """The modules of the kiosk's stack (see the docstring); one that does not import on its
    own (an internal module some package loads its own way) is left to its package."""
    at = argv.index("--stack")
    listed = argv[at + 1] if at + 1 < len(argv) and not argv[at + 1].startswith("--") else ""
    if listed:
        with open(listed, encoding="utf-8") as lines:
            names = [line.strip() for line in lines if line.strip()]
    else:
        names = list(PRESCRIBED)
    for name in names:
        if name in sys.modules:
            continue
        try:
            importlib.import_module(name)
        except Exception:  # noqa: S112  (see the docstring)
            continue


def main(argv: list[str]) -> int:
    stack_floor = "--stack" in argv
    if stack_floor:
        import_stack(argv)
        import qasync
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle("bare")
    stack = QStackedWidget()
    stack.addWidget(page())
    QVBoxLayout(window).addWidget(stack)
    window.resize(1280, 800)
    result: dict[str, object] = {}

    def painted() -> None:
        if "--rss" in argv:
            result.update(memory())
        app.quit()

    tap = FirstPaint(painted)
    window.installEventFilter(tap)
    window.show()
    if stack_floor:
        loop = qasync.QEventLoop(app)
        with loop:
            loop.run_forever()  # app.quit() at the first paint stops it
    else:
        app.exec()
    if "--sessions" in argv:
        at = argv.index("--sessions")
        result = sessions(app, window, stack, int(argv[at + 1]), int(argv[at + 2]))
    if result:
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
