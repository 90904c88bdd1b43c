"""A minimal first window: the OJ's name and whether the portal answers.

The real shell (home tiles, flows, keyboard, idle wipe) replaces it; this one proves the whole
chain (Qt + asyncio + the portal client over HTTP) on a newcomer's first `make run`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.portal.catalog import SERVICES
from kiosk.portal.client import PortalClient
from kiosk.portal.errors import PortalError


class StartWindow(QWidget):
    painted = Signal()  # first frame on screen (for --quit-after-start and benchmarks)

    def __init__(self, client: PortalClient) -> None:
        super().__init__()
        self.setObjectName("screen.start")
        self.setWindowTitle("Organismo Judicial: Servicios Electrónicos")
        self._client = client
        self._painted_once = False
        title = QLabel("Organismo Judicial\nServicios Electrónicos")
        title.setObjectName("label.title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 48px; font-weight: bold; color: #0b2e59;")
        self.status = QLabel("Conectando con el portal…")
        self.status.setObjectName("label.portal_status")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 28px; color: #1a1a1a;")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addSpacing(40)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.setStyleSheet("background: #ffffff;")

    async def refresh(self) -> None:
        try:
            health = await self._client.health()
            catalog = await self._client.services()
        except PortalError:
            self.status.setText(
                "El portal no responde en este momento.\nVuelva a intentarlo en unos minutos."
            )
            return
        available = sum(1 for service in catalog.services if service.available)
        kind = "portal de pruebas" if health.sandbox else "portal"
        self.status.setText(
            f"Conectado al {kind}: {available} de {len(SERVICES)} servicios disponibles."
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted_once:
            self._painted_once = True
            self.painted.emit()
