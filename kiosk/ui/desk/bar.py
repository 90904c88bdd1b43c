"""The desk bar, under the header while a clerk is signed in: who serves, the desk's tools with
their keys, and a place for notices (a public kiosk's call for help).

It only shows and asks (``tool_requested(name)``, ``next_visitor``, ``sign_out``); the desk's
front decides."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.flows.text import _
from kiosk.i18n import tr
from kiosk.ui.screens.base import label
from kiosk.ui.theme import NORMAL_TEXT
from kiosk.ui.wrap_button import WrapButton

#: (tool name, words, key): the bar's tool buttons, in order; object name ``action.<name>``
TOOLS: tuple[tuple[str, str, str], ...] = (
    ("reprint", _("Reimprimir"), "F6"),
    ("device_panel", _("Equipo"), "F7"),
    ("end_of_day", _("Cierre del día"), "F8"),
)
BAR_FONT_PX = NORMAL_TEXT.button  # the standard look's size, also under «Letra grande»
NEXT_VISITOR_KEY = "F4"
HOME_KEY = "F2"
KEYBOARD_KEY = "F9"


def with_key(words: str, key: str) -> str:
    """Translated words with the key that does the same, as the desk's buttons show it."""
    return f"{tr(words)} ({tr(key)})"


class DeskBar(QFrame):
    tool_requested = Signal(str)
    next_visitor = Signal()
    sign_out = Signal()
    keyboard_toggled = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("desk_bar")
        self.setProperty("kind", "footer")  # a tinted strip: the desk's, not the page's
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 8, 24, 8)
        outer.setSpacing(8)
        top = QHBoxLayout()
        top.setSpacing(12)
        self.who = label("", "body", "label.staff_name")
        self.who.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        top.addWidget(self.who, 1)
        self.sign_out_button = self._button("action.sign_out", "danger")
        self.sign_out_button.clicked.connect(self.sign_out.emit)
        top.addWidget(self.sign_out_button)
        outer.addLayout(top)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.next_button = self._button("action.next_visitor", "primary")
        self.next_button.clicked.connect(self.next_visitor.emit)
        row.addWidget(self.next_button, 1)
        self.tool_buttons: dict[str, WrapButton] = {}
        for name, _words, _key in TOOLS:
            tool = self._button(f"action.{name}", "secondary")
            tool.clicked.connect(lambda _checked=False, name=name: self.tool_requested.emit(name))
            self.tool_buttons[name] = tool
            row.addWidget(tool, 1)
        self.keyboard_button = self._button("action.desk_keyboard", "secondary")
        self.keyboard_button.setCheckable(True)
        self.keyboard_button.toggled.connect(self.keyboard_toggled.emit)
        row.addWidget(self.keyboard_button, 1)
        outer.addLayout(row)
        # The clerk's bar keeps its size when a visitor asks for «Letra grande» (that is for the
        # visitor's questions): at large sizes its six buttons would no longer fit one row.
        self.setStyleSheet(f"QPushButton, QLabel {{ font-size: {BAR_FONT_PX}px; }}")
        #: notices (a kiosk's call for help) are added here by whoever raises them
        self.notices = QVBoxLayout()
        self.notices.setSpacing(6)
        outer.addLayout(self.notices)
        self.retranslate()

    @staticmethod
    def _button(name: str, role: str) -> WrapButton:
        widget = WrapButton("")
        widget.setObjectName(name)
        widget.setProperty("role", role)
        widget.setMinimumHeight(56)
        widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Enter stays with the form being filled
        widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        return widget

    def show_staff(self, name: str, role: str, courthouse: str) -> None:
        self.who.setText(
            tr("Atiende: {name}, {role} · {courthouse}", name=name, role=role,
               courthouse=courthouse)
        )  # fmt: skip

    def add_notice(self, widget: QWidget) -> None:
        self.notices.addWidget(widget)

    def retranslate(self) -> None:
        self.next_button.set_words(with_key(_("Siguiente visitante"), NEXT_VISITOR_KEY))
        for name, words, key in TOOLS:
            self.tool_buttons[name].set_words(with_key(words, key))
        self.keyboard_button.set_words(with_key(_("Teclado en pantalla"), KEYBOARD_KEY))
        self.sign_out_button.set_words(tr("Cerrar sesión"))
