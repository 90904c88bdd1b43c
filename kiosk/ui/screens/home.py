"""The home screen: every portal service as a large tile with an icon and words, grouped in
categories, the most used first. Availability comes from the portal; while the portal is down the
screen still works and says so."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import tr
from kiosk.portal.models import ServiceStatus
from kiosk.services.catalog import CATEGORIES
from kiosk.services.registry import HomeTile
from kiosk.ui.screens.base import Intent, Screen, button, label

ICON_INK = "#0B2E59"  # the colour the SVG files are drawn in


def icon(name: str, side: int) -> QPixmap:
    """The tile's icon at its real size, in the theme's text colour (navy on light, yellow on
    black), so it stays sharp and keeps its contrast in every mode."""
    svg = (resources.files("kiosk.resources") / "icons" / f"{name}.svg").read_text("utf-8")
    ink = QApplication.palette().color(QPalette.ColorRole.ButtonText).name()
    renderer = QSvgRenderer(QByteArray(svg.replace(ICON_INK, ink).encode()))
    ratio = QApplication.instance().devicePixelRatio() if QApplication.instance() else 1.0  # type: ignore[union-attr]
    pixmap = QPixmap(QSize(int(side * ratio), int(side * ratio)))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class HomeScreen(Screen):
    """Tiles ask ``Intent.OPEN`` with their service id; the shell decides what opens."""

    def __init__(self, tiles: Sequence[HomeTile], columns: int = 3) -> None:
        super().__init__("home")
        self._tiles: dict[str, TileButton] = {}
        self._home_tiles = {tile.service: tile for tile in tiles}
        self.columns = columns
        self.status = label("", "hint", "label.portal_status")
        self.status.hide()
        self.login_note = self._login_note()

        body = QWidget()
        body.setObjectName("home.body")
        column = QVBoxLayout(body)
        column.setSpacing(16)
        column.addWidget(label("¿Qué necesita hacer hoy?", "heading", "label.heading"))
        column.addWidget(self.status)
        column.addWidget(self.login_note)
        featured = QHBoxLayout()
        featured.setSpacing(16)
        for tile in tiles:
            if tile.tile.featured:
                featured.addWidget(self._tile(tile, featured=True))
        column.addLayout(featured)
        for category in CATEGORIES:
            in_category = [
                t for t in tiles if t.tile.category == category.id and not t.tile.featured
            ]
            if not in_category:
                continue
            column.addSpacing(8)
            heading = label(category.title, "subheading", f"label.category.{category.id}")
            heading.setStyleSheet("font-weight: bold;")
            column.addWidget(heading)
            grid = QGridLayout()
            grid.setSpacing(12)
            for index, tile in enumerate(in_category):
                grid.addWidget(self._tile(tile), index // columns, index % columns)
            column.addLayout(grid)
        column.addStretch(1)

        # The shell's content area scrolls (and drags with a finger); no scroll area of our own.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(body)

    def tile(self, key: str) -> TileButton:
        return self._tiles[key]

    def _login_note(self) -> QWidget:
        """Shown while a portal log-in of this visit is open: «Inicio» keeps it for the visit's
        next service, so a visitor about to walk away sees it and can close it here."""
        note = QWidget()
        note.setObjectName("note.login")
        row = QHBoxLayout(note)
        row.setContentsMargins(0, 0, 0, 0)
        words = label(
            "Tiene una sesión abierta en el portal. Ciérrela antes de irse.", "body", "label.login"
        )
        row.addWidget(words, 1)
        log_out = button("Cerrar sesión", "secondary", "action.logout")
        log_out.clicked.connect(lambda: self.ask(Intent.LOG_OUT, ""))
        row.addWidget(log_out)
        note.hide()
        return note

    def set_login(self, open_: bool) -> None:
        self.login_note.setVisible(open_)

    def _tile(self, home_tile: HomeTile, *, featured: bool = False) -> TileButton:
        key = home_tile.service
        widget = TileButton(home_tile.tile.icon, tr(home_tile.tile.label), featured=featured)
        widget.setObjectName(f"tile.{key}")
        widget.clicked.connect(lambda: self.ask(Intent.OPEN, key))
        self._tiles[key] = widget
        return widget

    def set_catalog(self, services: list[ServiceStatus] | None) -> None:
        """Mark what the portal says is unavailable; None means the portal did not answer."""
        if services is None:
            self.status.setText(
                tr(
                    "El portal no responde en este momento. Puede elegir un servicio; "
                    "le diremos si ya se puede usar."
                )
            )
            self.status.show()
            return
        self.status.hide()
        by_id = {service.id: service for service in services}
        for key, widget in self._tiles.items():
            tile = self._home_tiles[key]
            status = by_id.get(tile.availability_id)
            unavailable = status is not None and not status.available
            widget.setProperty("unavailable", unavailable)
            text = tr(tile.tile.label)
            if unavailable:
                reason = status.reason if status and status.reason else tr("No disponible ahora")
                widget.set_text(text, f"{tr('No disponible')}: {reason}")
            else:
                widget.set_text(text)
            widget.style().unpolish(widget)
            widget.style().polish(widget)


class TileButton(QPushButton):
    """A tile: an icon and words that wrap onto two lines instead of being cut (a plain
    QPushButton never wraps). The labels let clicks through to the button."""

    def __init__(self, icon_name: str, text: str, *, featured: bool) -> None:
        super().__init__()
        self.setProperty("role", "tile")
        self.setProperty("featured", featured)
        self.setMinimumHeight(150 if featured else 110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 12, 20, 12)
        row.setSpacing(18)
        side = 88 if featured else 64
        picture = QLabel()
        picture.setPixmap(icon(icon_name, side))
        picture.setFixedSize(side, side)
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setProperty("kind", "tile-text")
        self.words.setStyleSheet(
            "color: palette(button-text); background: transparent; font-weight: bold;"
            + (" font-size: 130%;" if featured else "")
        )
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(button-text); background: transparent;")
        self.note.hide()
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.words)
        words.addWidget(self.note)
        for part in (picture, self.words, self.note):
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(picture)
        row.addLayout(words, 1)
        self.set_text(text)

    def set_text(self, text: str, note: str = "") -> None:
        self.words.setText(text)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.setAccessibleName(f"{text}. {note}" if note else text)
