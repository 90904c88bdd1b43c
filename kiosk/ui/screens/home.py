"""The home screen: every portal service as a large tile with an icon and words, grouped in
categories, the most used first. Availability comes from the portal; while the portal cannot be
reached the screen says so, says what still works, and greys the rest with a reason (it is told by
kiosk.ui.offline_notice)."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsOpacityEffect,
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
from kiosk.portal_watch import REACHABLE, PortalState
from kiosk.services.catalog import CATEGORIES
from kiosk.services.tile import HomeTile
from kiosk.session import KeptDocument
from kiosk.ui.offline_notice import WORKS_OFFLINE, OfflineNotice, unavailable_note
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
        self._catalog: list[ServiceStatus] | None = None
        self._portal = REACHABLE
        self._closes_services = True
        self.offline_notice = OfflineNotice()
        self.offline_notice.print_again.connect(
            lambda place: self.navigate.emit(Intent.REPRINT, str(place))
        )
        self.login_note = self._login_note()

        body = QWidget()
        body.setObjectName("home.body")
        column = QVBoxLayout(body)
        column.setSpacing(16)
        column.addWidget(label("¿Qué necesita hacer hoy?", "heading", "label.heading"))
        column.addWidget(self.offline_notice)
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
        """Mark what the portal says is unavailable; None: no catalog (the portal did not give
        one: whether it can be reached is ``set_portal``'s to say)."""
        self._catalog = list(services) if services is not None else None
        self._paint_tiles()

    def set_portal(self, state: PortalState, *, closes_services: bool = True) -> None:
        """The portal's reachability: while it is away, the notice, and (``closes_services``, a
        public kiosk) every tile that needs it greyed with the reason (never hidden)."""
        self._portal = state
        self._closes_services = closes_services
        self.offline_notice.show_state(state, closes_services=closes_services)
        self._paint_tiles()

    def set_visit_documents(self, documents: list[KeptDocument]) -> None:
        """What this visit already obtained: while the portal is away they print again here."""
        self.offline_notice.show_documents(documents)
        self.offline_notice.show_state(self._portal, closes_services=self._closes_services)

    def _paint_tiles(self) -> None:
        by_id = {service.id: service for service in self._catalog or []}
        for key, widget in self._tiles.items():
            tile = self._home_tiles[key]
            status = by_id.get(tile.availability_id)
            text = tr(tile.tile.label)
            offline = not self._portal.reachable and self._closes_services
            if offline and key not in WORKS_OFFLINE:
                unavailable = True
                widget.set_text(text, unavailable_note())
            elif status is not None and not status.available:
                unavailable = True
                reason = status.reason or tr("No disponible ahora")
                widget.set_text(text, f"{tr('No disponible')}: {reason}")
            else:
                unavailable = False
                widget.set_text(text)
            widget.set_unavailable(unavailable)


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
        self._dimmed = (picture, self.words)
        # greyed, not hidden: the name and the icon fade, the reason under them stays clear
        self.setStyleSheet('QPushButton[unavailable="true"] { border-style: dashed; }')
        self.set_text(text)

    def set_unavailable(self, unavailable: bool) -> None:
        if bool(self.property("unavailable")) == unavailable:
            return
        self.setProperty("unavailable", unavailable)
        for part in self._dimmed:
            if unavailable:
                faded = QGraphicsOpacityEffect(part)
                faded.setOpacity(0.5)
                part.setGraphicsEffect(faded)
            else:
                part.setGraphicsEffect(None)  # type: ignore[arg-type]
        self.style().unpolish(self)
        self.style().polish(self)

    def set_text(self, text: str, note: str = "") -> None:
        self.words.setText(text)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.setAccessibleName(f"{text}. {note}" if note else text)
