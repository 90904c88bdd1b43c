"""Everything "Verificar un documento" needs, put together from the settings on first use: the
camera, the decoder and the seal cryptography load when a visitor needs them, not at start-up.
One Verifier (and its trust-list cache) serves the whole run, and a background task keeps the
trust list fresh so the kiosk can still verify offline after the portal goes away."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from kiosk.audit.trail import NO_TRAIL, Trail
from kiosk.config import Mode, Settings
from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.client import PortalClient
from kiosk.printing import JobOutcome
from kiosk.services.printer import DocumentPrinter

if TYPE_CHECKING:
    from kiosk.ui.ops import Ops
    from kiosk.ui.verification.controller import VerificationController
    from kiosk.verification.service import Check, Verifier

log = logging.getLogger(__name__)

FIRST_REFRESH_AFTER = 15.0  # seconds after start-up: the first visitor's taps come first
REFRESH_CHECK_EVERY = 3600.0  # the cache itself fetches only when its list is 24 h old


class VerificationAssembly:
    def __init__(
        self,
        settings: Settings,
        client: PortalClient,
        endpoint: PortalEndpoint,
        printer: DocumentPrinter | None,
    ) -> None:
        self.settings = settings
        self.client = client
        self.endpoint = endpoint
        self.printer = printer
        self._verifier: Verifier | None = None
        #: a desk's audit trail (compose sets it); a public kiosk records nothing
        self.trail: Trail = NO_TRAIL

    def verifier(self) -> Verifier:
        if self._verifier is None:
            from kiosk.seals.cache import TrustListCache, default_cache_dir, load_root_key
            from kiosk.verification.service import Verifier

            root_path = self.endpoint.root_key
            try:
                root = load_root_key(root_path) if root_path.is_file() else None
            except (OSError, ValueError):
                log.error("trust root unreadable", extra={"event": "trust-root"})
                root = None
            if root is None:
                log.error("no trust root: seals cannot be verified", extra={"event": "trust-root"})
            cache = TrustListCache(
                root,
                self.settings.trust.cache_dir or default_cache_dir(),
                offline_grace=timedelta(days=self.settings.trust.offline_grace_days),
            )
            public = self.settings.portal.public_url
            self._verifier = Verifier(
                self.client, cache, self.endpoint.url, public_urls=(public,) if public else ()
            )
        return self._verifier

    def controller(self, ops: Ops) -> VerificationController:
        """A new "Verificar un documento" for one visit (KioskUi's factory)."""
        from kiosk.scanning.decoders import make_decoder
        from kiosk.scanning.pipeline import ScanPipeline
        from kiosk.ui.verification.camera import CameraFeed
        from kiosk.ui.verification.controller import VerificationController

        return VerificationController(
            self.verifier(),
            ScanPipeline(make_decoder(self.settings.scanner.engine)),
            CameraFeed(self.settings.scanner.camera),
            ops,
            desk=self.settings.kiosk.mode is Mode.DESK,
            print_receipt=self._print_receipt if self.printer else None,
            trail=self.trail,
        )

    async def _print_receipt(self, check: Check) -> JobOutcome:
        assert self.printer is not None
        return await self.printer.print("verification_receipt", {"check": check})

    async def keep_trust_list_fresh(self) -> None:
        """Runs for the kiosk's whole life; cancelled at shutdown. Never raises."""
        await asyncio.sleep(FIRST_REFRESH_AFTER)
        while True:
            try:
                await self.verifier().refresh_trust_list()
            except Exception as error:  # the cache says why; a fault must not end the task
                log.warning("trust list refresh failed", extra={"error": type(error).__name__})
            await asyncio.sleep(REFRESH_CHECK_EVERY)
