"""The verification screens: the camera with its aim frame (plus a code typed by hand, and a file in
desk mode), and the verdict, large, in words and colour, with the fields to compare."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import tr
from kiosk.scanning.frames import AIM_FRACTION
from kiosk.ui.screens.base import Intent, Screen, button, label, set_kind
from kiosk.verification.presentation import Presentation

PREVIEW_SIZE = QSize(640, 360)


class CameraView(QWidget):
    """The live picture, scaled to fit, with the aim frame the visitor holds the code in. The
    frame drawn here is the region the decoder looks at first (kiosk.scanning.frames)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("camera.view")
        self.setMinimumSize(QSize(480, 270))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._image: QImage | None = None

    def sizeHint(self) -> QSize:
        return PREVIEW_SIZE

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width * 9 // 16

    def show_image(self, image: QImage) -> None:
        self._image = image
        self.update()

    def clear(self) -> None:
        self._image = None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self.rect()
        painter.fillRect(area, QColor("#1A1A1A"))
        if self._image is not None:
            scaled = self._image.scaled(
                area.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
            left = (area.width() - scaled.width()) // 2
            top = (area.height() - scaled.height()) // 2
            painter.drawImage(left, top, scaled)
        side = int(min(area.width(), area.height()) * AIM_FRACTION)
        aim = QRect(0, 0, side, side)
        aim.moveCenter(area.center())
        painter.setPen(QPen(QColor("#FFC940"), 6))
        painter.drawRect(aim)
        painter.end()


class ScanScreen(Screen):
    """Intents: CHECK_CODE (the typed code), OPEN_FILE (desk mode: an image or a PDF)."""

    def __init__(self, *, desk: bool) -> None:
        super().__init__("verificar-documento.scan")
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(label("Verificar un documento", "heading", "label.heading"))
        layout.addWidget(
            label(
                "Acerque el código QR del documento al recuadro amarillo y manténgalo quieto.",
                "body",
                "label.instructions",
            )
        )
        row = QHBoxLayout()
        row.setSpacing(24)
        self.camera = CameraView()
        row.addWidget(self.camera, 3)
        side = QVBoxLayout()
        side.setSpacing(10)
        self.status = label("", "body", "label.scan_status")
        self.status.hide()
        side.addWidget(self.status)
        side.addWidget(
            label("¿El código QR no se lee? Escriba el código de verificación:", "label")
        )
        self.code = QLineEdit()
        self.code.setObjectName("field.verification_code")
        self.code.setMaxLength(40)
        self.code.setPlaceholderText("CAP-2026-XXXX-XXXX")
        self.code.returnPressed.connect(lambda: self.ask(Intent.CHECK_CODE))
        side.addWidget(self.code)
        self.code_error = label("", "error", "error.verification_code")
        self.code_error.hide()
        side.addWidget(self.code_error)
        check = button("Comprobar el código", "secondary", "action.check_code")
        check.clicked.connect(lambda: self.ask(Intent.CHECK_CODE))
        side.addWidget(check)
        if desk:
            open_file = button("Abrir una imagen o un PDF", "secondary", "action.open_file")
            open_file.clicked.connect(lambda: self.ask(Intent.OPEN_FILE))
            side.addWidget(open_file)
        side.addStretch(1)
        row.addLayout(side, 2)
        layout.addLayout(row)
        layout.addStretch(1)

    def typed_code(self) -> str:
        return self.code.text()

    def show_status(self, message: str, *, problem: bool = False) -> None:
        set_kind(self.status, "error" if problem else "body", message)

    def show_code_error(self, message: str) -> None:
        self.code_error.setText(message)
        self.code_error.setVisible(bool(message))

    def clear(self) -> None:
        self.code.clear()
        self.code_error.hide()
        self.camera.clear()


class VerdictScreen(Screen):
    """The answer. Intents: PRINT (a receipt of this check)."""

    def __init__(self, shown: Presentation) -> None:
        super().__init__("verificar-documento.verdict")
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        banner = QFrame()  # the colour; the words and the mark say it too (never colour alone)
        banner.setObjectName("verdict.banner")
        banner.setProperty("kind", f"verdict-{shown.tone}")
        inside = QVBoxLayout(banner)
        inside.setContentsMargins(24, 18, 24, 18)
        verdict = label("", f"verdict-{shown.tone}", "label.verdict")
        verdict.setText(shown.headline)
        verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        verdict.setAccessibleName(shown.label)
        inside.addWidget(verdict)
        layout.addWidget(banner)
        reason = label("", "body", "label.reason")
        reason.setText(shown.message)
        layout.addWidget(reason)
        self._values: list[QLabel] = []
        if shown.fields:
            card = QFrame()
            card.setProperty("kind", "card")
            grid = QGridLayout(card)
            grid.setHorizontalSpacing(24)
            grid.setVerticalSpacing(10)
            for row, ((name, value), field_id) in enumerate(
                zip(shown.fields, shown.field_ids, strict=True)
            ):
                name_label = label("", "label")
                name_label.setText(name)  # already in the visitor's language
                grid.addWidget(name_label, row, 0)
                shown_value = label("", "value", f"value.field.{field_id}")
                shown_value.setText(value)
                shown_value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
                grid.addWidget(shown_value, row, 1)
                self._values.append(shown_value)
            grid.setColumnStretch(1, 1)
            layout.addWidget(card)
            compare = label("", "hint", "label.compare")
            compare.setText(shown.compare_hint)
            layout.addWidget(compare)
        self.print_status = label("", "body", "label.print_status")
        self.print_status.hide()
        layout.addWidget(self.print_status)
        actions = QHBoxLayout()
        self.print_button = button("Imprimir un comprobante", "secondary", "action.print_receipt")
        self.print_button.clicked.connect(lambda: self.ask(Intent.PRINT))
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        layout.addStretch(1)

    def show_printing(self) -> None:
        self.print_status.setText(tr("Imprimiendo el comprobante…"))
        self.print_status.show()
        self.print_button.setEnabled(False)

    def show_printed(self, message: str, *, ok: bool) -> None:
        set_kind(self.print_status, "success" if ok else "error", message)
        self.print_button.setEnabled(True)

    def clear(self) -> None:
        for widget in self._values:
            widget.setText("")
