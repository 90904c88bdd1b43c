"""The bar at the bottom of every screen: "Inicio" and "Terminar y borrar mis datos" on the left,
"Atrás" and the primary button on the right. When the four do not fit on one row (large text on
a 1280-pixel screen, a longer translation, a long primary label) the bar takes two rows instead
of cutting words off: the left pair above, the right pair below, the primary still at the bottom
right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QPushButton

from kiosk.ui.screens.base import button

SPACING = 12  # at least 8 px between touch targets (UX.md); 16 made large text overflow
MARGINS = (24, 8, 24, 8)


class Footer(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("footer")
        self.setProperty("kind", "footer")
        self.home_button = button("Inicio", "secondary", "action.home")
        self.finish_button = button("Terminar y borrar mis datos", "danger", "action.finish")
        self.back_button = button("Atrás", "secondary", "action.back")
        self.continue_button = button("Continuar", "primary", "action.continue")
        self.continue_button.setMinimumWidth(260)
        self.left = QHBoxLayout()
        self.left.setSpacing(SPACING)
        self.left.addWidget(self.home_button)
        self.left.addWidget(self.finish_button)
        self.left.addStretch(1)
        self.right = QHBoxLayout()
        self.right.setSpacing(SPACING)
        self.right.addStretch(1)
        self.right.addWidget(self.back_button)
        self.right.addWidget(self.continue_button)
        self.rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.rows.setContentsMargins(*MARGINS)
        self.rows.setSpacing(SPACING)
        self.rows.addLayout(self.left)  # no stretch factors: each pair takes what it needs
        self.rows.addLayout(self.right)
        self.back_button.hide()
        self.continue_button.hide()
        self.installEventFilter(self)

    @property
    def two_rows(self) -> bool:
        return self.rows.direction() is QBoxLayout.Direction.TopToBottom

    def one_row_width(self) -> int:
        """What the four buttons need side by side (hidden ones need nothing)."""
        shown = [b for b in self._buttons(self.left) if not b.isHidden()]
        shown += [b for b in self._buttons(self.right) if not b.isHidden()]
        widths = [max(b.sizeHint().width(), b.minimumWidth()) for b in shown]
        return sum(widths) + SPACING * max(0, len(widths) - 1) + MARGINS[0] + MARGINS[2] + 4

    def fit(self) -> None:
        wanted = (
            QBoxLayout.Direction.TopToBottom
            if self.width() > 0 and self.one_row_width() > self.width()
            else QBoxLayout.Direction.LeftToRight
        )
        if self.rows.direction() is not wanted:
            self.rows.setDirection(wanted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A new width, or a child's new size hint (other words, a bigger font): fit again.
        if watched is self and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.fit()
        return False

    @staticmethod
    def _buttons(layout: QHBoxLayout) -> list[QPushButton]:
        items = (layout.itemAt(i) for i in range(layout.count()))
        found = (item.widget() for item in items if item is not None)
        return [widget for widget in found if isinstance(widget, QPushButton)]
