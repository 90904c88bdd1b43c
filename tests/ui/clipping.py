"""Finds text that does not fit its widget: the pseudo-locale check's eyes."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget


def clipped(root: QWidget) -> list[str]:
    """Visible labels and buttons whose text is cut, as 'objectName: text' lines."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            room = widget.contentsRect()
            if widget.wordWrap():
                # a QLabel's heightForWidth takes and gives its whole size, margins included
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + 1:
                    problems.append(f"{widget.objectName() or 'QLabel'}: {widget.text()[:40]}")
            else:
                needed = widget.fontMetrics().horizontalAdvance(widget.text())
                if needed > room.width() + 1:
                    problems.append(f"{widget.objectName() or 'QLabel'}: {widget.text()[:40]}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            lines = widget.text().replace("&", "").split("\n")
            needed = max(widget.fontMetrics().horizontalAdvance(line) for line in lines)
            if needed > widget.contentsRect().width():
                problems.append(f"{widget.objectName()}: {widget.text()[:40]}")
        elif isinstance(widget, QLineEdit) and widget.height() < widget.fontMetrics().height():
            problems.append(f"{widget.objectName()}: field too short for its text")
    return problems
