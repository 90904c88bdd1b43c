"""Working without the portal: the home screen's notice and the wiring that keeps it true.

``OfflineMode`` owns the kiosk's PortalWatch (kiosk.portal_watch): the operations' typed errors
and the catalog's loads feed it, and while the portal is unreachable it checks again by itself.
The home screen then says so plainly, says what still works (verifying a document's seal with the
saved trust list) and greys every other service with a reason; tapping one says what to do. When
the portal answers again the notice goes, the tiles come back and the catalog reloads: no restart.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout

from kiosk import formats
from kiosk.i18n import tr
from kiosk.portal.client import PortalClient
from kiosk.portal_watch import PortalState, PortalWatch
from kiosk.printing import JobOutcome
from kiosk.services.printer import DocumentPrinter
from kiosk.session import KeptDocument
from kiosk.ui.messages import VisitorMessage
from kiosk.ui.ops import Ops
from kiosk.ui.screens.base import button, label

if TYPE_CHECKING:
    from kiosk.ui.kiosk_ui import KioskUi

#: the home tiles that work with no portal: a seal is checked against the trust list the kiosk
#: keeps (within ``trust.offline_grace_days``); its receipt is drawn and printed here
WORKS_OFFLINE = frozenset({"verificar-documento"})


def unavailable_note() -> str:
    """What a greyed tile says under its name."""
    return tr("Sin conexión: vuelva más tarde")


def unavailable_body() -> str:
    """What a visitor reads after tapping a service that needs the portal while it is away."""
    return tr(
        "Este servicio necesita el portal del Organismo Judicial y en este momento no hay "
        "conexión. Vuelva en unos minutos: el quiosco lo intenta de nuevo por sí solo. Si no "
        "puede esperar, pida ayuda en la ventanilla de atención. Mientras tanto sí puede "
        "verificar un documento del Organismo Judicial con su código QR."
    )


class OfflineNotice(QFrame):
    """The home screen's notice (``notice.offline``): what happened, what works, what does not,
    and the documents this visit already obtained, which print again with no portal."""

    #: «Imprimir otra vez» on a document of this visit (argument: its place, from 1)
    print_again = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("notice.offline")
        self.setProperty("kind", "card")
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 14, 20, 14)
        column.setSpacing(8)
        # label.portal_status: the name the home's portal line always had (automation reads it)
        self.heading = label("", "warning", "label.portal_status")
        self.works = label("", "body", "text.offline.works")
        self.unavailable = label("", "body", "text.offline.unavailable")
        column.addWidget(self.heading)
        column.addWidget(self.works)
        # the documents that print again right under the words that offer them
        self.documents_column = QVBoxLayout()
        self.documents_column.setSpacing(8)
        column.addLayout(self.documents_column)
        column.addWidget(self.unavailable)
        self._document_buttons: list[QPushButton] = []
        self.hide()

    def show_documents(self, documents: list[KeptDocument]) -> None:
        """One «Imprimir otra vez» per document of this visit not yet printed again
        (``action.print_visit_document.<n>``)."""
        for widget in self._document_buttons:
            self.documents_column.removeWidget(widget)
            widget.deleteLater()
        self._document_buttons = []
        for place, document in enumerate(documents, start=1):
            if document.reprinted:
                continue
            again = button("", "secondary", f"action.print_visit_document.{place}")
            again.setText(tr("Imprimir otra vez: {title}", title=tr(document.title)))
            again.clicked.connect(lambda _=False, n=place: self.print_again.emit(n))
            self.documents_column.addWidget(again)
            self._document_buttons.append(again)

    def show_state(self, state: PortalState, *, closes_services: bool = True) -> None:
        if state.reachable:
            self.hide()
            return
        self.heading.setText(
            tr(
                "Sin conexión con el portal del Organismo Judicial desde las {time}.",
                time=formats.clock(state.since or datetime.now().astimezone()),
            )
        )
        works = tr(
            "Sí funciona: «Verificar un documento» con su código QR, con la lista de "
            "confianza guardada en este quiosco."
        )
        if self._document_buttons:
            works += " " + tr(
                "También puede imprimir otra vez, una vez, lo que ya obtuvo en esta visita:"
            )
        self.works.setText(works)
        if closes_services:
            self.unavailable.setText(
                tr(
                    "Los demás servicios no están disponibles por ahora. Vuelva en unos minutos "
                    "o pida ayuda en la ventanilla de atención."
                )
            )
        else:  # a desk's clerk may still open them: what asks the portal fails until it is back
            self.unavailable.setText(
                tr(
                    "Los demás servicios se pueden abrir, pero lo que consulta el portal no se "
                    "completará hasta que vuelva la conexión. El quiosco lo intenta de nuevo "
                    "por sí solo."
                )
            )
        self.show()


class OfflineMode(QObject):
    """The portal's reachability for the UI: ``changed`` on every change (the UI repaints home
    and, when it is back, reloads the catalog)."""

    changed = Signal(object)  # PortalState

    def __init__(
        self, client: PortalClient, ops: Ops, recheck_seconds: float, *, public: bool = True
    ) -> None:
        super().__init__()
        #: a public kiosk closes what needs the portal while it is away; a desk's clerk, trained
        #: and at a service window, may still open a service (its questions need no portal)
        self.closes_services = public
        self.watch = PortalWatch(client.health, recheck_seconds=recheck_seconds)
        self.watch.subscribe(self.changed.emit)
        ops.failed.connect(self.watch.observe)

    @property
    def state(self) -> PortalState:
        return self.watch.state

    @property
    def reachable(self) -> bool:
        return self.watch.reachable

    def blocks(self, service_id: str) -> bool:
        """The service needs the portal and it is away: the visitor is told instead (and the
        portal is asked again at once: it may be back)."""
        if self.reachable or service_id in WORKS_OFFLINE or not self.closes_services:
            return False
        self.watch.check_now()
        return True

    async def aclose(self) -> None:
        await self.watch.aclose()


def print_again(ui: KioskUi, printer: DocumentPrinter, place: int) -> None:
    """«Imprimir otra vez» on home: a document of this visit from the visit's own copy (no
    portal needed), once; the visitor is told how it went, and home shows what is left."""
    kept = ui.session.kept
    if not 1 <= place <= len(kept) or kept[place - 1].reprinted:
        return
    document = kept[place - 1]

    def tell(heading: str, body: str) -> None:
        ui.go_home()
        ui.message_overlay.show_message(heading, body, tr("Entendido"))

    def done(outcome: JobOutcome) -> None:
        if outcome.ok:
            title = tr(document.title)
            tell(
                tr("Listo"), tr("Se imprimió otra vez: {title}. Tómelo de la bandeja.", title=title)
            )
        else:
            tell(tr("No se pudo imprimir"), tr(outcome.message))

    def failed(message: VisitorMessage) -> None:
        tell(tr("No se pudo imprimir"), message.text)

    ui.ops.run("print_again", lambda: printer.print_again(document), done=done, failed=failed)
