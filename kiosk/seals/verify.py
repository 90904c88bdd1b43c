"""From a scanned text to what the visitor is told (SEAL.md, "Verdicts"). Pure; never raises.

Order of the checks, first failure wins:

1. no ``OJ1:`` prefix -> NOT_OJ; unreadable seal -> INVALID with the format reason;
2. no trust list -> the portal's negative word still counts (REVOKED / INVALID unknown_to_portal),
   otherwise CANNOT_VERIFY (a portal "valid" alone cannot vouch for the printed fields);
3. kid not in the list -> INVALID unknown_key; signature -> INVALID bad_signature;
4. key revoked -> REVOKED key_revoked, whatever the iat: a revoked key may be in other hands,
   so the iat it signed proves nothing (``revoked_at`` is informational);
5. iat outside the key's valid_from..valid_until -> INVALID not_valid_for_key_period;
6. document in the list's revoked_documents -> REVOKED document_revoked;
7. iat more than ``CLOCK_SKEW`` in the future -> INVALID not_yet_valid;
8. now > exp -> EXPIRED;
9. portal: REVOKED -> REVOKED, UNKNOWN -> INVALID unknown_to_portal, VALID -> VALID,
   UNREACHABLE -> VALID_OFFLINE.

``document`` is filled only for VALID, VALID_OFFLINE, EXPIRED and for REVOKED after step 5
(document_revoked, revoked_by_portal): the signature was checked with a trusted, unrevoked key
whose period covers the iat, so the fields are the issuer's. It stays None for every INVALID
(unknown_to_portal included), CANNOT_VERIFY, NOT_OJ and key_revoked.
Whether the trust list is fresh enough is the caller's concern (its cache).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal

from kiosk.seals.codec import decode_seal, looks_like_seal
from kiosk.seals.model import SealedDocument
from kiosk.seals.reasons import InvalidReason, SealFormatError, Verdict, message_for
from kiosk.seals.trustlist import TrustList

CLOCK_SKEW = timedelta(minutes=5)

TextKind = Literal["seal", "other"]


class PortalAnswer(StrEnum):
    VALID = "VALID"
    REVOKED = "REVOKED"
    UNKNOWN = "UNKNOWN"  # the portal does not know the code
    UNREACHABLE = "UNREACHABLE"  # not asked, no answer, or an answer that says nothing


@dataclass(frozen=True)
class VerificationResult:
    verdict: Verdict
    reason: InvalidReason | None  # stable code; None for VALID and VALID_OFFLINE
    message: str  # Spanish, for the visitor
    document: SealedDocument | None
    text_kind: TextKind

    @property
    def authentic(self) -> bool:
        """Signed by a trusted key: the document's fields may be shown as the issuer's."""
        return self.document is not None


def _result(
    verdict: Verdict,
    reason: InvalidReason | None = None,
    document: SealedDocument | None = None,
    *,
    text_kind: TextKind = "seal",
) -> VerificationResult:
    return VerificationResult(verdict, reason, message_for(verdict, reason), document, text_kind)


def verify_seal(
    text: str,
    *,
    trust_list: TrustList | None,
    now: datetime,
    portal: PortalAnswer = PortalAnswer.UNREACHABLE,
) -> VerificationResult:
    """Judge a scanned text. ``now`` must be timezone-aware (a naive one is a programming error
    and raises ``ValueError``); for any ``text`` this returns, never raises."""
    if now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    try:
        return _verify(text, trust_list, now, portal)
    except Exception:  # pragma: no cover - a last guard; every known failure is a verdict
        return _result(Verdict.INVALID, InvalidReason.BAD_STRUCTURE)


def _verify(
    text: str, trust_list: TrustList | None, now: datetime, portal: PortalAnswer
) -> VerificationResult:
    if not looks_like_seal(text):
        return _result(Verdict.NOT_OJ, InvalidReason.NOT_OJ, text_kind="other")
    try:
        seal = decode_seal(text)
    except SealFormatError as exc:
        if exc.reason is InvalidReason.NOT_OJ:  # pragma: no cover - excluded by looks_like_seal
            return _result(Verdict.NOT_OJ, exc.reason, text_kind="other")
        return _result(Verdict.INVALID, exc.reason)

    if trust_list is None:
        if portal is PortalAnswer.REVOKED:
            return _result(Verdict.REVOKED, InvalidReason.REVOKED_BY_PORTAL)
        if portal is PortalAnswer.UNKNOWN:
            return _result(Verdict.INVALID, InvalidReason.UNKNOWN_TO_PORTAL)
        return _result(Verdict.CANNOT_VERIFY, InvalidReason.NO_TRUST_LIST)

    key = trust_list.find_key(seal.kid)
    if key is None:
        return _result(Verdict.INVALID, InvalidReason.UNKNOWN_KEY)
    if not seal.signature_valid(key.key):
        return _result(Verdict.INVALID, InvalidReason.BAD_SIGNATURE)
    if key.status == "revoked":
        return _result(Verdict.REVOKED, InvalidReason.KEY_REVOKED)
    document = seal.document
    if not key.covers(document.issued_at):
        return _result(Verdict.INVALID, InvalidReason.NOT_VALID_FOR_KEY_PERIOD)
    if trust_list.is_document_revoked(document.code):
        return _result(Verdict.REVOKED, InvalidReason.DOCUMENT_REVOKED, document)
    if document.issued_at > now + CLOCK_SKEW:
        return _result(Verdict.INVALID, InvalidReason.NOT_YET_VALID)
    if now > document.expires_at:
        return _result(Verdict.EXPIRED, InvalidReason.EXPIRED, document)
    if portal is PortalAnswer.REVOKED:
        return _result(Verdict.REVOKED, InvalidReason.REVOKED_BY_PORTAL, document)
    if portal is PortalAnswer.UNKNOWN:
        return _result(Verdict.INVALID, InvalidReason.UNKNOWN_TO_PORTAL)
    if portal is PortalAnswer.VALID:
        return _result(Verdict.VALID, None, document)
    return _result(Verdict.VALID_OFFLINE, None, document)
