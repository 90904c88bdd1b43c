"""Verifying a document at the kiosk: seals (signed QR), links to the portal and typed codes.

``Verifier`` is the service screens and ``kiosk verify`` call; ``Check`` is what they show.
"""

from kiosk.verification.links import CodeFormatError, link_code, normalise_code
from kiosk.verification.messages import CheckReason, InputVerdict, verdict_label
from kiosk.verification.service import Check, PortalRecord, Source, Verifier

__all__ = [
    "Check",
    "CheckReason",
    "CodeFormatError",
    "InputVerdict",
    "PortalRecord",
    "Source",
    "Verifier",
    "link_code",
    "normalise_code",
    "verdict_label",
]
