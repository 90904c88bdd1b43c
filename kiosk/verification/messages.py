"""What the visitor (or the clerk) reads about a check that is not a seal's own verdict: codes
typed by hand, links to the portal's verification page, the portal's unsigned word, and the
verdicts' short labels. Spanish source texts keyed by stable codes; ``tr`` translates them when
shown (``python -m kiosk.i18n_extract`` collects this ``MESSAGES`` table). A seal's reasons keep
their own table in ``kiosk.seals.reasons``.
"""

from __future__ import annotations

from enum import StrEnum

from kiosk.i18n import tr
from kiosk.seals.reasons import Verdict


class CheckReason(StrEnum):
    """Reasons of checks made by code (typed or from a link); stable codes like InvalidReason."""

    CODE_FORMAT = "code_format"  # the typed code cannot be a verification code
    UNKNOWN_CODE = "unknown_code"  # the portal has no document with that code
    PORTAL_REVOKED = "portal_revoked"
    PORTAL_EXPIRED = "portal_expired"
    PORTAL_UNREACHABLE = "portal_unreachable"
    OFFLINE = "offline"  # no portal to ask at all (``kiosk verify --offline``)
    # A seal that only the trust list could vouch for, and the list is past its next_update plus
    # the grace (trust.offline_grace_days): verdict CANNOT_VERIFY.
    TRUST_LIST_OUTDATED = "trust_list_outdated"
    CHECK_FAILED = "check_failed"  # an unexpected fault; the check said nothing


class InputVerdict(StrEnum):
    """``kiosk verify``'s outcomes for an input that gave no text to check."""

    NO_CODE = "NO_CODE"
    UNREADABLE = "UNREADABLE"


# Keys: a CheckReason, "portal_valid", "code.*" (shape of a typed code), "label.*" (verdicts,
# the same words as the printed receipt's, kiosk.documents.verification_receipt).
MESSAGES: dict[str, str] = {
    "portal_valid": (
        "Según el portal del Organismo Judicial, este documento existe y está vigente. Estos "
        "datos vienen del portal, no de una firma: compárelos con el papel y con el DPI."
    ),
    CheckReason.PORTAL_REVOKED: (
        "Según el portal del Organismo Judicial, este documento fue anulado. Ya no es válido."
    ),
    CheckReason.PORTAL_EXPIRED: (
        "Según el portal del Organismo Judicial, este documento ya venció. No es válido para "
        "trámites."
    ),
    CheckReason.UNKNOWN_CODE: (
        "El Organismo Judicial no tiene registro de un documento con ese código. Revise el "
        "código o pida ayuda en ventanilla."
    ),
    CheckReason.PORTAL_UNREACHABLE: (
        "No se pudo consultar al portal del Organismo Judicial. Intente de nuevo en unos "
        "minutos o pida ayuda en ventanilla."
    ),
    CheckReason.OFFLINE: (
        "Este documento solo se puede comprobar en línea, y ahora no hay conexión con el portal "
        "del Organismo Judicial. Intente más tarde o pida ayuda en ventanilla."
    ),
    CheckReason.TRUST_LIST_OUTDATED: (
        "En este momento no se puede comprobar el documento: la lista de firmas del Organismo "
        "Judicial que tiene el quiosco es demasiado antigua y no se pudo renovar. Intente más "
        "tarde o pida ayuda al personal de la sede."
    ),
    CheckReason.CHECK_FAILED: (
        "No se pudo comprobar el documento por una falla del quiosco. Pida ayuda en ventanilla."
    ),
    "code.empty": "Escriba el código de verificación impreso en el documento.",
    "code.characters": (
        "El código solo lleva letras y números; los espacios y guiones no importan. "
        "Revise lo que escribió."
    ),
    "code.prefix": "El código empieza con las letras {prefix}, como en {example}.",
    "code.year": (
        "Después de las letras van los cuatro números del año, como en {example}. "
        "Revise lo que escribió."
    ),
    "code.short.one": (
        "El código tiene {length} letras y números sin contar los guiones; falta 1."
    ),
    "code.short.other": (
        "El código tiene {length} letras y números sin contar los guiones; faltan {count}."
    ),
    "code.long.one": ("El código tiene {length} letras y números sin contar los guiones; sobra 1."),
    "code.long.other": (
        "El código tiene {length} letras y números sin contar los guiones; sobran {count}."
    ),
    "label.VALID": "VÁLIDO",
    "label.VALID_OFFLINE": "VÁLIDO, SIN CONFIRMAR EN LÍNEA",
    "label.EXPIRED": "VENCIDO",
    "label.REVOKED": "REVOCADO",
    "label.INVALID": "NO VÁLIDO",
    "label.NOT_OJ": "NO ES DEL OJ",
    "label.CANNOT_VERIFY": "NO SE PUEDE VERIFICAR AHORA",
    "label.NO_CODE": "SIN CÓDIGO QR",
    "label.UNREADABLE": "ARCHIVO ILEGIBLE",
    "no_code": "No se encontró ningún código QR en esta imagen o página.",
}


def verdict_label(verdict: Verdict | InputVerdict) -> str:
    """The verdict in a few words, in the current language (colour is never the only signal)."""
    return tr(MESSAGES[f"label.{verdict.value}"])
