"""What the visitor reads about the printer, keyed by stable codes.

Everything visible comes from ``MESSAGES`` (Spanish source text, the gettext msgid); the UI passes
it through ``kiosk.i18n.tr`` when it shows it. The keys are the values of ``PrinterProblem``,
``ErrorKind`` and ``Outcome`` (see ``kiosk.printing.model``), so a screen can also key on the code.
Every failure says what the visitor can do next: nothing paid for is lost, the document can be
fetched again with its download code.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # The printer before (or while) printing: PrinterProblem values, plus "ready".
    "ready": "La impresora está lista.",
    "no_paper": (
        "La impresora no tiene papel. Puede pedir su documento con el código de descarga."
    ),
    "paper_jam": (
        "Hay papel atascado en la impresora. Puede pedir su documento con el código de descarga."
    ),
    "no_toner": (
        "A la impresora se le acabó la tinta. Puede pedir su documento con el código de descarga."
    ),
    "door_open": (
        "La impresora tiene una tapa abierta. Puede pedir su documento con el código de descarga."
    ),
    "offline": (
        "La impresora está apagada o desconectada. "
        "Puede pedir su documento con el código de descarga."
    ),
    "printer_error": (
        "La impresora tiene un problema. Puede pedir su documento con el código de descarga."
    ),
    "paused": (
        "La impresora está detenida por el momento. "
        "Puede pedir su documento con el código de descarga."
    ),
    "not_accepting": (
        "La impresora no está recibiendo documentos por el momento. "
        "Puede pedir su documento con el código de descarga."
    ),
    "unknown_queue": (
        "La impresora de este quiosco no está configurada. "
        "Puede pedir su documento con el código de descarga."
    ),
    "no_default": (
        "La impresora de este quiosco no está configurada. "
        "Puede pedir su documento con el código de descarga."
    ),
    # Typed errors (ErrorKind values not already above).
    "lp_missing": (
        "Este quiosco no tiene instalado el servicio de impresión. "
        "Puede pedir su documento con el código de descarga."
    ),
    "unreachable": (
        "El servicio de impresión de este quiosco no responde. "
        "Puede pedir su documento con el código de descarga."
    ),
    "bad_document": (
        "No se pudo preparar el documento para imprimir. "
        "Puede pedir su documento con el código de descarga."
    ),
    "failed": (
        "No se pudo enviar el documento a la impresora. "
        "Puede intentarlo de nuevo o pedir su documento con el código de descarga."
    ),
    # How a print job ended: Outcome values (PRINTER_PROBLEM uses the problem's text).
    "completed": "Su documento se imprimió. Recójalo en la bandeja de la impresora.",
    "aborted": (
        "La impresora no pudo imprimir su documento. "
        "Puede intentarlo de nuevo o pedir su documento con el código de descarga."
    ),
    "canceled": (
        "Se canceló la impresión de su documento. "
        "Puede intentarlo de nuevo o pedir su documento con el código de descarga."
    ),
    "timeout": (
        "La impresora tardó demasiado y se canceló la impresión. "
        "Puede intentarlo de nuevo o pedir su documento con el código de descarga."
    ),
}
