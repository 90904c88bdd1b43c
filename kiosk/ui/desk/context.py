"""What a desk tool (reprint, device panel, end of day, the kiosks' calls) is given: the desk's
own parts, explicitly (ARCHITECTURE.md rule 4), never the station or the session."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.audit.log import AuditLog
from kiosk.audit.trail import StaffTrail
from kiosk.config import Settings
from kiosk.portal.client import PortalClient
from kiosk.portal.models.staff import StaffSession
from kiosk.services.printer import DocumentPrinter

if TYPE_CHECKING:
    from kiosk.ui.controller import ServiceController
    from kiosk.ui.ops import Ops
    from kiosk.ui.verification.assembly import VerificationAssembly


@dataclass(frozen=True)
class DeskContext:
    settings: Settings
    client: PortalClient  # carries the clerk's X-Staff-Token while one is signed in
    audit: AuditLog
    trail: StaffTrail  # appends under the signed-in clerk, then sends soon
    printer: DocumentPrinter | None
    verification: VerificationAssembly | None
    #: the clerk signed in now (None between two clerks)
    staff: Callable[[], StaffSession | None]
    #: the session's own temporary folder (wiped at reset): where a tool writes a file to print
    temp_dir: Callable[[], Path]
    #: when the desk's audit sending last got entries to the portal (None: not yet)
    audit_sent_at: Callable[[], datetime | None] = lambda: None


#: a desk tool: built for one use, shown like a service (``KioskUi.open_controller``)
DeskTool = Callable[[DeskContext, "Ops"], "ServiceController"]
