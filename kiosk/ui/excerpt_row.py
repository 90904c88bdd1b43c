"""A search result that shows where the words are: the row's title and facts, then an excerpt of
the text with the words found drawn bold and underlined (never by colour alone: it must read in
high contrast and to a colour-blind visitor). The whole row is one target for a finger, like the
plain rows; its labels let the taps through to the button."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout

from kiosk.flows.records import Excerpt


def excerpt_html(excerpt: Excerpt) -> str:
    """The excerpt as rich text: the data escaped, the found words marked."""
    return "".join(
        f"<b><u>{escape(words)}</u></b>" if marked else escape(words) for words, marked in excerpt
    )


def excerpt_plain(excerpt: Excerpt) -> str:
    return "".join(words for words, _marked in excerpt)


class ExcerptRow(QPushButton):
    """The row's words (title and facts, one per line) over the marked excerpt."""

    def __init__(self, words: str, excerpt: Excerpt, excerpt_name: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 14, 28, 14)
        layout.setSpacing(6)
        self.words = _passive(QLabel(words), "body")
        self.excerpt = _passive(QLabel(excerpt_html(excerpt)), "body")
        self.excerpt.setTextFormat(Qt.TextFormat.RichText)
        self.excerpt.setObjectName(excerpt_name)
        self.excerpt.setProperty("plain", excerpt_plain(excerpt))  # what tests and readers read
        layout.addWidget(self.words)
        layout.addWidget(self.excerpt)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.sizeHint() if layout is not None else QSize(0, 0)
        return QSize(hint.width(), max(hint.height(), super().sizeHint().height()))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.sizeHint().height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return (
            layout.totalHeightForWidth(width)
            if layout is not None
            else super().heightForWidth(width)
        )


def _passive(widget: QLabel, kind: str) -> QLabel:
    widget.setProperty("kind", kind)
    widget.setWordWrap(True)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return widget


__all__ = ["ExcerptRow", "excerpt_html", "excerpt_plain"]
