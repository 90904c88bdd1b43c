"""The desk's front door: the clerk's user and password (Enter moves on, Enter again signs in).

The screen only asks; the station signs in. A refusal comes back as ``show_problem`` with the
user kept and the password emptied (it is typed again, never shown)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.flows.text import _
from kiosk.i18n import tr
from kiosk.text import Shown
from kiosk.ui.screens.base import Screen, button, label


class SignInScreen(Screen):
    submitted = Signal(str, str)  # user, password

    def __init__(self, kiosk_id: str, courthouse: str, because: Shown = "") -> None:
        super().__init__("desk.sign_in")
        self.setProperty("front", True)  # nothing of a visitor's: idle just starts it again
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(label("Ingreso del personal de ventanilla", "heading", "label.heading"))
        where = tr("Equipo {kiosk} · Sede {courthouse}", kiosk=kiosk_id, courthouse=courthouse)
        layout.addWidget(label(where, "hint", "label.desk_place"))
        self.because = label(because, "body", "label.signed_out_reason")
        self.because.setVisible(bool(because))
        layout.addWidget(self.because)
        self.problem = label("", "error", "label.sign_in_error")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.user = self._field(layout, _("Usuario"), "field.staff_user")
        self.password = self._field(layout, _("Contraseña"), "field.staff_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.user.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._submit)
        self.submit = button("Ingresar", "primary", "action.sign_in")
        self.submit.setMinimumWidth(260)
        self.submit.clicked.connect(self._submit)
        layout.addWidget(self.submit, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def _field(self, layout: QVBoxLayout, title: str, name: str) -> QLineEdit:
        block = QWidget()
        column = QVBoxLayout(block)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        caption = label(title, "label", f"label.{name.removeprefix('field.')}")
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMaxLength(128)
        caption.setBuddy(edit)
        column.addWidget(caption)
        column.addWidget(edit)
        layout.addWidget(block)
        return edit

    def _submit(self) -> None:
        if not self.submit.isEnabled():
            return
        user, password = self.user.text().strip(), self.password.text()
        if not user:
            self.show_problem(tr("Escriba su usuario."))
            self.user.setFocus()
            return
        if not password:
            self.show_problem(tr("Escriba su contraseña."))
            self.password.setFocus()
            return
        self.submitted.emit(user, password)

    def set_waiting(self, waiting: bool) -> None:
        self.submit.setEnabled(not waiting)
        self.submit.setText(tr("Ingresando…") if waiting else tr("Ingresar"))

    def show_problem(self, text: str) -> None:
        """Why the sign-in did not go through (already translated): the password is typed again."""
        self.because.hide()
        self.problem.setText(text)
        self.problem.show()
        self.password.clear()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_first(self) -> None:
        target = self.password if self.user.text() else self.user
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        self.user.clear()
        self.password.clear()
