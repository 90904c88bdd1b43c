"""Verdicts, stable reason codes and the visitor's words for each (SEAL.md, "Verdicts").

Everything a visitor may read about a scanned seal comes from ``MESSAGES``, keyed by stable codes:
the reason code when there is one, else the verdict (``VALID``, ``VALID_OFFLINE``). A translation
layer can key on the same codes. ``SealFormatError.detail`` is for logs only and never holds
personal data (no DPI, no name, no code).
"""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    VALID = "VALID"
    VALID_OFFLINE = "VALID_OFFLINE"
    EXPIRED = "EXPIRED"
    REVOKED = "REVOKED"
    INVALID = "INVALID"
    NOT_OJ = "NOT_OJ"
    CANNOT_VERIFY = "CANNOT_VERIFY"


class InvalidReason(StrEnum):
    """Why a text is not (or not any more) a valid seal. The values are stable codes."""

    # Not a seal at all (verdict NOT_OJ).
    NOT_OJ = "not_oj"
    # The text starts like a seal but cannot be read (decode_seal; verdict INVALID).
    TOO_LONG = "too_long"
    BAD_BASE45 = "bad_base45"
    BAD_COMPRESSION = "bad_compression"
    TOO_LARGE = "too_large"
    BAD_CBOR = "bad_cbor"
    BAD_STRUCTURE = "bad_structure"
    BAD_HEADER = "bad_header"
    BAD_ALGORITHM = "bad_algorithm"
    BAD_KID = "bad_kid"
    BAD_CLAIMS = "bad_claims"
    WRONG_ISSUER = "wrong_issuer"
    UNSUPPORTED_VERSION = "unsupported_version"
    UNKNOWN_DOCUMENT_TYPE = "unknown_document_type"
    UNKNOWN_RESULT = "unknown_result"
    BAD_CODE = "bad_code"
    BAD_NAME = "bad_name"
    BAD_DPI = "bad_dpi"
    BAD_DATE = "bad_date"
    CLAIMS_MISMATCH = "claims_mismatch"
    # Readable, but the checks against the trust list, the clock or the portal say no.
    NO_TRUST_LIST = "no_trust_list"  # verdict CANNOT_VERIFY
    UNKNOWN_KEY = "unknown_key"
    BAD_SIGNATURE = "bad_signature"
    NOT_VALID_FOR_KEY_PERIOD = "not_valid_for_key_period"
    NOT_YET_VALID = "not_yet_valid"
    UNKNOWN_TO_PORTAL = "unknown_to_portal"
    KEY_REVOKED = "key_revoked"  # verdict REVOKED
    DOCUMENT_REVOKED = "document_revoked"  # verdict REVOKED (trust list)
    REVOKED_BY_PORTAL = "revoked_by_portal"  # verdict REVOKED (portal)
    EXPIRED = "expired"  # verdict EXPIRED


class SealFormatError(ValueError):
    """The text, or a document's field, cannot be a seal. ``reason`` is a stable code."""

    def __init__(self, reason: InvalidReason, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail


_DAMAGED = (
    "El código QR parece un sello del Organismo Judicial, pero su contenido está dañado o "
    "alterado. No se puede dar por auténtico."
)
_NOT_OJ_FORMAT = (
    "El sello no tiene el formato del Organismo Judicial. No se puede dar por auténtico."
)
_UNKNOWN_KIND = (
    "Este quiosco no reconoce este tipo de sello. Pida ayuda al personal de la sede para "
    "comprobar el documento."
)

MESSAGES: dict[str, str] = {
    Verdict.VALID: (
        "Documento auténtico y vigente, confirmado en línea con el Organismo Judicial."
    ),
    Verdict.VALID_OFFLINE: (
        "Documento auténtico. No se pudo comprobar en línea si fue anulado "
        "(revocación no comprobada)."
    ),
    InvalidReason.NOT_OJ: "Este código QR no es un documento del Organismo Judicial.",
    InvalidReason.TOO_LONG: _DAMAGED,
    InvalidReason.BAD_BASE45: _DAMAGED,
    InvalidReason.BAD_COMPRESSION: _DAMAGED,
    InvalidReason.TOO_LARGE: _DAMAGED,
    InvalidReason.BAD_CBOR: _DAMAGED,
    InvalidReason.BAD_STRUCTURE: _NOT_OJ_FORMAT,
    InvalidReason.BAD_HEADER: _NOT_OJ_FORMAT,
    InvalidReason.BAD_ALGORITHM: _NOT_OJ_FORMAT,
    InvalidReason.BAD_KID: _NOT_OJ_FORMAT,
    InvalidReason.BAD_CLAIMS: _NOT_OJ_FORMAT,
    InvalidReason.WRONG_ISSUER: (
        "El sello no fue emitido por el Organismo Judicial de Guatemala. "
        "No se puede dar por auténtico."
    ),
    InvalidReason.UNSUPPORTED_VERSION: _UNKNOWN_KIND,
    InvalidReason.UNKNOWN_DOCUMENT_TYPE: _UNKNOWN_KIND,
    InvalidReason.UNKNOWN_RESULT: _UNKNOWN_KIND,
    InvalidReason.BAD_CODE: (
        "El código de verificación del sello no tiene un formato válido. "
        "No se puede dar por auténtico."
    ),
    InvalidReason.BAD_NAME: (
        "El nombre escrito en el sello no tiene un formato válido. No se puede dar por auténtico."
    ),
    InvalidReason.BAD_DPI: (
        "El número de DPI del sello no tiene 13 dígitos. No se puede dar por auténtico."
    ),
    InvalidReason.BAD_DATE: (
        "Una fecha del sello no tiene un formato válido. No se puede dar por auténtico."
    ),
    InvalidReason.CLAIMS_MISMATCH: (
        "Los datos del sello no concuerdan entre sí. No se puede dar por auténtico."
    ),
    InvalidReason.NO_TRUST_LIST: (
        "En este momento no se puede comprobar el documento: el quiosco no tiene la lista de "
        "firmas del Organismo Judicial. Intente más tarde o pida ayuda al personal de la sede."
    ),
    InvalidReason.UNKNOWN_KEY: (
        "La firma del sello no corresponde a ninguna clave del Organismo Judicial que conozca "
        "este quiosco. No se puede dar por auténtico."
    ),
    InvalidReason.BAD_SIGNATURE: (
        "La firma del sello no coincide con sus datos: el documento fue alterado o no es auténtico."
    ),
    InvalidReason.NOT_VALID_FOR_KEY_PERIOD: (
        "La fecha de emisión del sello no corresponde al período de la firma usada. "
        "No se puede dar por auténtico."
    ),
    InvalidReason.NOT_YET_VALID: (
        "La fecha de emisión del sello es posterior a hoy. No se puede dar por auténtico."
    ),
    InvalidReason.UNKNOWN_TO_PORTAL: (
        "El sello está firmado, pero el Organismo Judicial no tiene registro de este documento. "
        "No se puede dar por válido."
    ),
    InvalidReason.KEY_REVOKED: (
        "La firma con que se selló este documento fue anulada por el Organismo Judicial. "
        "El documento ya no es válido."
    ),
    InvalidReason.DOCUMENT_REVOKED: "El Organismo Judicial anuló este documento. Ya no es válido.",
    InvalidReason.REVOKED_BY_PORTAL: (
        "El Organismo Judicial confirma que este documento fue anulado. Ya no es válido."
    ),
    InvalidReason.EXPIRED: (
        "Documento auténtico, pero vencido: su vigencia ya terminó. No es válido para trámites."
    ),
}

# Shown with the signed fields of a VALID / VALID_OFFLINE seal (SEAL.md: "and says to do so").
COMPARE_HINT = "Compare estos datos con el papel y con el DPI de la persona."

FORMAT_REASONS: frozenset[InvalidReason] = frozenset(
    {
        InvalidReason.TOO_LONG,
        InvalidReason.BAD_BASE45,
        InvalidReason.BAD_COMPRESSION,
        InvalidReason.TOO_LARGE,
        InvalidReason.BAD_CBOR,
        InvalidReason.BAD_STRUCTURE,
        InvalidReason.BAD_HEADER,
        InvalidReason.BAD_ALGORITHM,
        InvalidReason.BAD_KID,
        InvalidReason.BAD_CLAIMS,
        InvalidReason.WRONG_ISSUER,
        InvalidReason.UNSUPPORTED_VERSION,
        InvalidReason.UNKNOWN_DOCUMENT_TYPE,
        InvalidReason.UNKNOWN_RESULT,
        InvalidReason.BAD_CODE,
        InvalidReason.BAD_NAME,
        InvalidReason.BAD_DPI,
        InvalidReason.BAD_DATE,
        InvalidReason.CLAIMS_MISMATCH,
    }
)


def message_for(verdict: Verdict, reason: InvalidReason | None) -> str:
    """The visitor's text: the reason's message, or the verdict's when there is no reason."""
    return MESSAGES[reason] if reason is not None else MESSAGES[verdict]
