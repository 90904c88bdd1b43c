"""What the visitor reads about the printer, keyed by stable codes.

Everything visible comes from ``MESSAGES`` (Spanish source text, the gettext msgid); the UI passes
it through ``kiosk.i18n.tr`` when it shows it. The keys are the values of ``PrinterProblem``,
``ErrorKind`` and ``Outcome`` (see ``kiosk.printing.model``), so a screen can also key on the code.
Each failure says what went wrong; the screen adds what to do next, which depends on the
document (a constancia can be fetched again with its download code; a slip's reference can be
copied from the screen).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # The printer before (or while) printing: PrinterProblem values, plus "ready".
    "ready": "La impresora está lista.",
    "no_paper": "La impresora no tiene papel.",
    "paper_jam": "Hay papel atascado en la impresora.",
    "no_toner": "A la impresora se le acabó la tinta.",
    "door_open": "La impresora tiene una tapa abierta.",
    "offline": "La impresora está apagada o desconectada.",
    "printer_error": "La impresora tiene un problema.",
    "paused": "La impresora está detenida por el momento.",
    "not_accepting": "La impresora no está recibiendo documentos por el momento.",
    "unknown_queue": "La impresora de este quiosco no está configurada.",
    "no_default": "La impresora de este quiosco no está configurada.",
    # Typed errors (ErrorKind values not already above).
    "lp_missing": "Este quiosco no tiene instalado el servicio de impresión.",
    "unreachable": "El servicio de impresión de este quiosco no responde.",
    "bad_document": "No se pudo preparar el documento para imprimir.",
    "failed": "No se pudo enviar el documento a la impresora. Puede intentarlo de nuevo.",
    # How a print job ended: Outcome values (PRINTER_PROBLEM uses the problem's text).
    "completed": "Su documento se imprimió. Recójalo en la bandeja de la impresora.",
    "aborted": "La impresora no pudo imprimir su documento. Puede intentarlo de nuevo.",
    "canceled": "Se canceló la impresión de su documento. Puede intentarlo de nuevo.",
    "timeout": (
        "La impresora tardó demasiado y se canceló la impresión. Puede intentarlo de nuevo."
    ),
}
