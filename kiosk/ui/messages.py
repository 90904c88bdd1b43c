"""Typed errors as the visitor reads them: what happened and what to do next, in plain Spanish.

One table for the whole kiosk (``for_error``): the portal's errors, the print system's and a
document that could not be made. Anything else is a bug and goes to the excepthook."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from kiosk.i18n import tr
from kiosk.portal.errors import (
    PortalError,
    PortalRateLimited,
    PortalRejected,
    PortalTimeout,
    PortalUnauthorized,
    PortalUnavailable,
)
from kiosk.printing import PrintingError


@dataclass(frozen=True)
class VisitorMessage:
    text: str
    can_retry: bool  # the same request may work if tried again as it is
    field: str | None = None  # the answer the portal objected to, when it said so


def for_error(error: BaseException) -> VisitorMessage | None:
    """The visitor's words for a typed error; None for anything else (a bug)."""
    if isinstance(error, PortalError):
        return _portal(error)
    if isinstance(error, PrintingError):
        return VisitorMessage(tr(error.message), can_retry=True)
    if isinstance(error, _document_errors()):
        return VisitorMessage(
            tr("No se pudo preparar el documento para imprimir. Pida ayuda en ventanilla."),
            can_retry=False,
        )
    return None


def _portal(error: PortalError) -> VisitorMessage:
    if isinstance(error, PortalTimeout):
        return VisitorMessage(
            tr(
                "El portal está tardando demasiado en responder. Intente de nuevo; "
                "si ya se había enviado, no se cobrará dos veces."
            ),
            can_retry=True,
        )
    if isinstance(error, PortalRateLimited):
        wait = error.retry_after
        if wait >= 120:  # a DPI locked for a quarter of an hour: «900 segundos» says little
            return VisitorMessage(
                tr(
                    "Hubo demasiados intentos seguidos. Espere {minutes} minutos e intente de "
                    "nuevo.",
                    minutes=-(-wait // 60),
                ),
                can_retry=True,
            )
        return VisitorMessage(
            tr(
                "Hubo demasiados intentos seguidos. Espere {seconds} segundos e intente de nuevo.",
                seconds=wait,
            ),
            can_retry=True,
        )
    if isinstance(error, PortalUnavailable):
        return VisitorMessage(
            tr(
                "No hay conexión con el portal del Organismo Judicial en este momento. "
                "Intente de nuevo en unos minutos o pida ayuda en ventanilla."
            ),
            can_retry=True,
        )
    if isinstance(error, PortalUnauthorized) and error.problem.status == 401:
        # a 403 is a refusal of what was asked (a clerk's reprint): the portal's words say why
        return VisitorMessage(
            tr("Su sesión terminó. Vuelva a ingresar para continuar."), can_retry=False
        )
    if isinstance(error, PortalRejected):
        # The portal's own words are already a message for the visitor (problem+json detail).
        if error.text is not None:
            text = tr(error.text)
        else:
            text = tr(error.detail) if error.detail else tr("El portal no aceptó la solicitud.")
        # Some refusals pass (a payment not confirmed yet): those may be tried again as they are.
        return VisitorMessage(text, can_retry=error.transient, field=error.field)
    return VisitorMessage(tr("Algo salió mal. Pida ayuda en ventanilla."), can_retry=False)


def _document_errors() -> tuple[type[BaseException], ...]:
    """The documents' typed errors, once reportlab is loaded (only a print loads it, so an error
    of a document that was never made cannot happen before)."""
    found: list[type[BaseException]] = []
    for module_name, name in (
        ("kiosk.documents.printout", "DocumentError"),
        ("kiosk.documents.constancia", "ConstanciaError"),
        ("kiosk.documents.fonts", "FontsMissingError"),
    ):
        module = sys.modules.get(module_name)
        if module is not None:
            found.append(getattr(module, name))
    return tuple(found)
