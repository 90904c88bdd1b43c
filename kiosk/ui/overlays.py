"""Overlays: dialogs drawn inside the one kiosk window (a kiosk compositor has no other windows).

An `Overlay` is a child widget that covers its parent completely (it follows the parent's size),
paints a semi-opaque backdrop (the theme sets it through ``qproperty-backdrop``), shows a centred
card and keeps the keyboard focus inside itself while visible. Nothing under it can be touched.

Buttons use ``Qt.TabFocus``: a tap does not leave a focus highlight behind, Tab still reaches them.

* `IdleOverlay`   "¿Necesita más tiempo?" with the countdown; ``keep_alive`` / ``finish``. It is
                  exempt from the idle monitor's activity: a tap on the backdrop or any key
                  emits ``keep_alive``; "Terminar" lands even during the countdown.
* `PinOverlay`    the staff PIN with its own keypad; ``submitted(pin)`` / ``cancelled``.
* `MessageOverlay` a friendly message with one or two buttons ("Algo salió mal").

Texts are Spanish through ``tr`` and are redrawn on a language change while shown.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import Property, QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from kiosk.i18n import on_language_changed, tr
from kiosk.staff import PIN_MAX, PIN_MIN
from kiosk.ui.idle import EXEMPT_PROPERTY
from kiosk.ui.theme import MIN_TARGET, PRIMARY_TARGET

__all__ = ["IdleOverlay", "MessageOverlay", "Overlay", "PinOverlay"]

CARD_MAX_WIDTH = 1040  # wide enough for "Terminar y borrar mis datos" 40 % longer, large
CARD_MARGIN = 32  # px between the card and the window edge, at least
CARD_PADDING = 40
GAP = 16  # between controls: twice the 8 px minimum
KEY_HEIGHT = 72  # the PIN keypad
DEFAULT_BACKDROP = QColor(11, 20, 35, 180)


def _label(text: str, kind: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setProperty("kind", kind)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _button(role: str, name: str, *, height: int = MIN_TARGET) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.setProperty("role", role)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.setMinimumHeight(height)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


def _retranslate_on_language_change(overlay: Overlay) -> None:
    """Subscribe without keeping the overlay alive; the listener leaves once the overlay is gone."""
    ref = weakref.ref(overlay)
    unsubscribe = None

    def listener(_code: str) -> None:
        target = ref()
        if target is None or not isValid(target):
            if unsubscribe is not None:
                unsubscribe()
            return
        target.retranslate()

    unsubscribe = on_language_changed(listener)


class Overlay(QWidget):
    """Covers its parent; subclasses fill ``self.card_layout`` and implement `retranslate`."""

    backdrop_pressed = Signal()  # a press outside the card

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(f"overlay.{name}")
        self.setProperty("kind", "overlay")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._backdrop = QColor(DEFAULT_BACKDROP)
        self._watching_focus = False
        _retranslate_on_language_change(self)

        self.card = QFrame(self)
        self.card.setObjectName("overlay.card")
        self.card.setProperty("kind", "card")
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(CARD_PADDING, CARD_PADDING, CARD_PADDING, CARD_PADDING)
        self.card_layout.setSpacing(GAP)

        # The card is placed by hand (centred, its height for its width): a layout would size it
        # from its size hint, computed for another width, and clip wrapped text.

        self.hide()
        parent.installEventFilter(self)
        self._fit_parent()

    # --- the backdrop colour, settable from the style sheet (qproperty-backdrop) ---------------

    def _get_backdrop(self) -> QColor:
        return QColor(self._backdrop)

    def _set_backdrop(self, color: QColor) -> None:
        self._backdrop = QColor(color)
        self.update()

    backdrop = Property(QColor, _get_backdrop, _set_backdrop)

    # --- showing ---------------------------------------------------------------------------------

    def show_over(self) -> None:
        """Cover the parent, on top of its other children, and take the focus."""
        self._fit_parent()
        self.raise_()
        self.show()
        self.focus_first()

    def focus_first(self) -> None:
        """The overlay itself takes the focus (no button highlighted until Tab is used)."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        """Set every text again (called when shown and on a language change)."""

    def _fit_parent(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        if self.geometry() != parent.rect():
            self.setGeometry(parent.rect())
        self._place_card()

    def _place_card(self) -> None:
        width = max(280, min(CARD_MAX_WIDTH, self.width() - 2 * CARD_MARGIN))
        wanted = self.card.heightForWidth(width)
        if wanted < 0:
            wanted = self.card.sizeHint().height()
        height = min(max(wanted, self.card.minimumSizeHint().height()), self.height())
        x, y = (self.width() - width) // 2, max(0, (self.height() - height) // 2)
        self.card.setGeometry(x, y, width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._fit_parent()
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self._place_card()  # a text changed size inside the card
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_card()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.retranslate()
        app = QApplication.instance()
        if isinstance(app, QApplication) and not self._watching_focus:
            app.focusChanged.connect(self._keep_focus_inside)
            self._watching_focus = True

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        app = QApplication.instance()
        if isinstance(app, QApplication) and self._watching_focus:
            app.focusChanged.disconnect(self._keep_focus_inside)
            self._watching_focus = False

    def _keep_focus_inside(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A focus trap: Tab (or a scanner's keys) must not reach the screen under the overlay."""
        if not self.isVisible() or new is None or new.window() is not self.window():
            return
        widget: QWidget | None = new
        while widget is not None:
            if isinstance(widget, Overlay):
                return  # inside this overlay, or inside another one shown above it
            widget = widget.parentWidget()
        self.focus_first()

    # --- the backdrop swallows input -------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._backdrop)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        if not self.card.geometry().contains(event.position().toPoint()):
            self.backdrop_pressed.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.accept()


class IdleOverlay(Overlay):
    """ "¿Necesita más tiempo?" with a countdown. A press on the backdrop also means "continue"."""

    keep_alive = Signal()
    finish = Signal()

    def __init__(self, parent: QWidget, seconds: int = 20) -> None:
        super().__init__(parent, "idle")
        self.setProperty(EXEMPT_PROPERTY, True)  # a press here is not "activity": buttons decide
        self._seconds = seconds
        self.heading = _label("", "heading", "label.heading")
        self.countdown_label = _label("", "countdown", "label.countdown")
        self.countdown_label.setAccessibleDescription("")
        self.hint = _label("", "body", "label.hint")
        self.keep_button = _button("primary", "action.keep_alive", height=PRIMARY_TARGET + 16)
        self.finish_button = _button("secondary", "action.idle_finish")
        for widget in (self.heading, self.countdown_label, self.hint):
            self.card_layout.addWidget(widget)
        self.card_layout.addSpacing(GAP)
        self.card_layout.addWidget(self.keep_button)
        self.card_layout.addWidget(self.finish_button)
        self.keep_button.clicked.connect(self.keep_alive)
        self.finish_button.clicked.connect(self.finish)
        self.backdrop_pressed.connect(self.keep_alive)
        self.retranslate()

    @property
    def seconds(self) -> int:
        return self._seconds

    def set_seconds(self, seconds: int) -> None:
        self._seconds = max(0, seconds)
        self._show_seconds()

    def _show_seconds(self) -> None:
        if self._seconds == 1:
            text = tr("Sus datos se borrarán en 1 segundo")
        else:
            text = tr("Sus datos se borrarán en {seconds} segundos", seconds=self._seconds)
        self.countdown_label.setText(text)
        self.countdown_label.setAccessibleName(text)

    def retranslate(self) -> None:
        self.heading.setText(tr("¿Necesita más tiempo?"))
        self.hint.setText(tr("Si sigue aquí, toque «Sí, continuar» para seguir donde estaba."))
        self.keep_button.setText(tr("Sí, continuar"))
        self.finish_button.setText(tr("Terminar y borrar mis datos"))
        self._show_seconds()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Any key that reaches the overlay itself means someone is there (Tab still moves)."""
        event.accept()
        self.keep_alive.emit()


class PinOverlay(Overlay):
    """The staff PIN: a masked display, its own keypad (physical digits work too), Entrar/Cancelar.

    ``submitted(pin)`` hands the PIN over and wipes it here; wrong PINs come back as `show_error`.
    """

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "pin")
        self._pin = ""
        self.heading = _label("", "heading", "label.heading")
        self.hint = _label("", "body", "label.hint")
        self.display = _label("", "code", "pin.display")
        self.display.setWordWrap(False)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.display.font()
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 6)
        self.display.setFont(font)
        self.error = _label("", "error", "label.pin_error")
        self.error.hide()
        self.submit_button = _button("primary", "action.pin_submit", height=PRIMARY_TARGET)
        self.cancel_button = _button("secondary", "action.pin_cancel")

        # 1 2 3 / 4 5 6 / 7 8 9 / [  0  ] Borrar: the 0 spans two keys, the word key is wide.
        keypad = QGridLayout()
        keypad.setSpacing(GAP)
        self.keys: dict[str, QPushButton] = {}
        placement = [(str(digit), (digit - 1) // 3, (digit - 1) % 3, 1) for digit in range(1, 10)]
        placement += [("0", 3, 0, 2), ("backspace", 3, 2, 1)]
        for name, row, column, span in placement:
            key = _button("key", f"key.{name}", height=KEY_HEIGHT)
            key.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # like the on-screen keyboard
            key.setAutoRepeat(name == "backspace")
            if name.isdigit():
                key.setText(name)
            else:
                key.setProperty("word", True)  # a word, not a digit: the sheet sizes it down
            key.clicked.connect(lambda _checked=False, name=name: self._press(name))
            keypad.addWidget(key, row, column, 1, span)
            self.keys[name] = key
        for column in range(3):
            keypad.setColumnStretch(column, 1)
            keypad.setColumnMinimumWidth(column, MIN_TARGET + 32)

        # Heading, hint and the dots span the card; below, the actions beside the keypad.
        left = QVBoxLayout()
        left.setSpacing(GAP)
        left.addWidget(self.error)
        left.addStretch(1)
        left.addWidget(self.submit_button)
        left.addWidget(self.cancel_button)
        columns = QHBoxLayout()
        columns.setSpacing(CARD_PADDING)
        columns.addLayout(left, 1)
        columns.addLayout(keypad, 2)
        self.card_layout.addWidget(self.heading)
        self.card_layout.addWidget(self.hint)
        self.card_layout.addWidget(self.display)
        self.card_layout.addLayout(columns)

        self.submit_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self._cancel)
        self.retranslate()

    @property
    def digits(self) -> int:
        """How many digits are typed (the PIN itself is not exposed)."""
        return len(self._pin)

    def show_over(self) -> None:
        self.clear()
        self.hide_error()
        super().show_over()

    def clear(self) -> None:
        """Wipe the typed PIN."""
        self._pin = ""
        self._show_pin()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def hide_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def submit(self) -> None:
        if not PIN_MIN <= len(self._pin) <= PIN_MAX:
            self.show_error(
                tr("El PIN tiene de {minimo} a {maximo} dígitos.", minimo=PIN_MIN, maximo=PIN_MAX)
            )
            return
        pin, self._pin = self._pin, ""
        self._show_pin()
        self.hide_error()
        self.submitted.emit(pin)

    def _cancel(self) -> None:
        self.clear()
        self.hide_error()
        self.cancelled.emit()

    def _press(self, name: str) -> None:
        if name == "backspace":
            self._pin = self._pin[:-1]
        elif len(self._pin) < PIN_MAX:
            self._pin += name
        self._show_pin()

    def _show_pin(self) -> None:
        shown = "●" * len(self._pin) + "○" * max(0, PIN_MIN - len(self._pin))
        self.display.setText(shown)
        self.display.setAccessibleName(tr("{digitos} dígitos escritos", digitos=len(self._pin)))

    def retranslate(self) -> None:
        self.heading.setText(tr("Acceso del personal"))
        self.hint.setText(tr("Solo para el personal. Si llegó aquí por error, toque «Cancelar»."))
        self.submit_button.setText(tr("Entrar"))
        self.cancel_button.setText(tr("Cancelar"))
        self.keys["backspace"].setText(tr("Borrar"))
        self.keys["backspace"].setAccessibleName(tr("Borrar el último dígito"))
        self._show_pin()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        if text.isdigit() and text.isascii():
            self._press(text)
        elif key == Qt.Key.Key_Backspace:
            self._press("backspace")
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        else:
            super().keyPressEvent(event)


class MessageOverlay(Overlay):
    """A heading, a body and one or two buttons; texts arrive already translated."""

    primary_clicked = Signal()
    secondary_clicked = Signal()

    def __init__(self, parent: QWidget, name: str = "message") -> None:
        super().__init__(parent, name)
        self.heading = _label("", "heading", "label.heading")
        self.body = _label("", "body", "label.body")
        self.primary_button = _button("primary", "action.primary", height=PRIMARY_TARGET)
        self.secondary_button = _button("secondary", "action.secondary")
        self.card_layout.addWidget(self.heading)
        self.card_layout.addWidget(self.body)
        self.card_layout.addSpacing(GAP)
        self.card_layout.addWidget(self.primary_button)
        self.card_layout.addWidget(self.secondary_button)
        self.primary_button.clicked.connect(self.primary_clicked)
        self.secondary_button.clicked.connect(self.secondary_clicked)
        self.secondary_button.hide()

    def show_message(
        self,
        heading: str,
        body: str,
        primary: str,
        secondary: str | None = None,
    ) -> None:
        """Set the texts (already translated: the caller owns them) and show."""
        self.heading.setText(heading)
        self.body.setText(body)
        self.primary_button.setText(primary)
        self.secondary_button.setText(secondary or "")
        self.secondary_button.setVisible(secondary is not None)
        self.show_over()
