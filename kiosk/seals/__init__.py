"""The OJ seal (SEAL.md): a signed QR text a kiosk verifies offline. Pure: no Qt, no network.

``verify_seal`` is the entry point for scanned text; ``encode_seal`` is for issuers (the sandbox).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# The names load with their module on first use (PEP 562): the portal models need one small
# piece at start-up, and cbor2 and cryptography cost 40 ms the kiosk only pays at the first scan.
if TYPE_CHECKING:
    from kiosk.seals.codec import (
        DecodedSeal,
        cose_to_seal,
        decode_seal,
        encode_seal,
        looks_like_seal,
        seal_to_cose,
    )
    from kiosk.seals.envelope import TrustListEnvelope
    from kiosk.seals.keys import KeyFormatError, key_id, kid_from_text, kid_to_text
    from kiosk.seals.model import (
        DOCUMENT_TYPE_LABELS,
        ISSUER,
        PRIVATE_CLAIM,
        RECORD_RESULT_LABELS,
        SEAL_PREFIX,
        DocumentType,
        RecordResult,
        SealedDocument,
        add_months,
        expiry_for,
    )
    from kiosk.seals.reasons import (
        COMPARE_HINT,
        MESSAGES,
        InvalidReason,
        SealFormatError,
        Verdict,
        message_for,
    )
    from kiosk.seals.trustlist import (
        TrustedKey,
        TrustList,
        TrustListError,
        TrustListErrorCode,
        parse_envelope,
        revoked_document_id,
        sign_trust_list,
        verify_trust_list,
    )
    from kiosk.seals.verify import CLOCK_SKEW, PortalAnswer, VerificationResult, verify_seal

_HOME = {
    "CLOCK_SKEW": "kiosk.seals.verify",
    "COMPARE_HINT": "kiosk.seals.reasons",
    "DOCUMENT_TYPE_LABELS": "kiosk.seals.model",
    "DecodedSeal": "kiosk.seals.codec",
    "DocumentType": "kiosk.seals.model",
    "ISSUER": "kiosk.seals.model",
    "InvalidReason": "kiosk.seals.reasons",
    "KeyFormatError": "kiosk.seals.keys",
    "MESSAGES": "kiosk.seals.reasons",
    "PRIVATE_CLAIM": "kiosk.seals.model",
    "PortalAnswer": "kiosk.seals.verify",
    "RECORD_RESULT_LABELS": "kiosk.seals.model",
    "RecordResult": "kiosk.seals.model",
    "SEAL_PREFIX": "kiosk.seals.model",
    "SealFormatError": "kiosk.seals.reasons",
    "SealedDocument": "kiosk.seals.model",
    "TrustList": "kiosk.seals.trustlist",
    "TrustListEnvelope": "kiosk.seals.envelope",
    "TrustListError": "kiosk.seals.trustlist",
    "TrustListErrorCode": "kiosk.seals.trustlist",
    "TrustedKey": "kiosk.seals.trustlist",
    "Verdict": "kiosk.seals.reasons",
    "VerificationResult": "kiosk.seals.verify",
    "add_months": "kiosk.seals.model",
    "cose_to_seal": "kiosk.seals.codec",
    "decode_seal": "kiosk.seals.codec",
    "encode_seal": "kiosk.seals.codec",
    "expiry_for": "kiosk.seals.model",
    "key_id": "kiosk.seals.keys",
    "kid_from_text": "kiosk.seals.keys",
    "kid_to_text": "kiosk.seals.keys",
    "looks_like_seal": "kiosk.seals.codec",
    "message_for": "kiosk.seals.reasons",
    "parse_envelope": "kiosk.seals.trustlist",
    "revoked_document_id": "kiosk.seals.trustlist",
    "seal_to_cose": "kiosk.seals.codec",
    "sign_trust_list": "kiosk.seals.trustlist",
    "verify_seal": "kiosk.seals.verify",
    "verify_trust_list": "kiosk.seals.trustlist",
}


def __getattr__(name: str) -> object:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "CLOCK_SKEW",
    "COMPARE_HINT",
    "DOCUMENT_TYPE_LABELS",
    "ISSUER",
    "MESSAGES",
    "PRIVATE_CLAIM",
    "RECORD_RESULT_LABELS",
    "SEAL_PREFIX",
    "DecodedSeal",
    "DocumentType",
    "InvalidReason",
    "KeyFormatError",
    "PortalAnswer",
    "RecordResult",
    "SealFormatError",
    "SealedDocument",
    "TrustList",
    "TrustListEnvelope",
    "TrustListError",
    "TrustListErrorCode",
    "TrustedKey",
    "Verdict",
    "VerificationResult",
    "add_months",
    "cose_to_seal",
    "decode_seal",
    "encode_seal",
    "expiry_for",
    "key_id",
    "kid_from_text",
    "kid_to_text",
    "looks_like_seal",
    "message_for",
    "parse_envelope",
    "revoked_document_id",
    "seal_to_cose",
    "sign_trust_list",
    "verify_seal",
    "verify_trust_list",
]
