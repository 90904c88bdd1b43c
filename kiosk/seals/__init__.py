"""The OJ seal (SEAL.md): a signed QR text a kiosk verifies offline. Pure: no Qt, no network.

``verify_seal`` is the entry point for scanned text; ``encode_seal`` is for issuers (the sandbox).
"""

from kiosk.seals.codec import (
    DecodedSeal,
    cose_to_seal,
    decode_seal,
    encode_seal,
    looks_like_seal,
    seal_to_cose,
)
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
    TrustListEnvelope,
    TrustListError,
    TrustListErrorCode,
    parse_envelope,
    revoked_document_id,
    sign_trust_list,
    verify_trust_list,
)
from kiosk.seals.verify import CLOCK_SKEW, PortalAnswer, VerificationResult, verify_seal

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
