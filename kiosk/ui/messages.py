"""Portal errors as the visitor reads them: what happened and what to do next, in plain Spanish."""

from __future__ import annotations

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


@dataclass(frozen=True)
class VisitorMessage:
    text: str
    can_retry: bool  # the same request may work if tried again as it is
    field: str | None = None  # the answer the portal objected to, when it said so


def for_error(error: PortalError) -> VisitorMessage:
    if isinstance(error, PortalTimeout):
        return VisitorMessage(
            tr(
                "El portal está tardando demasiado en responder. Intente de nuevo; "
                "si ya se había enviado, no se cobrará dos veces."
            ),
            can_retry=True,
        )
    if isinstance(error, PortalRateLimited):
        return VisitorMessage(
            tr(
                "Hubo demasiados intentos seguidos. Espere {seconds} segundos e intente de nuevo.",
                seconds=error.retry_after,
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
    if isinstance(error, PortalUnauthorized):
        return VisitorMessage(
            tr("Su sesión terminó. Vuelva a ingresar para continuar."), can_retry=False
        )
    if isinstance(error, PortalRejected):
        # The portal's own words are already a message for the visitor (problem+json detail).
        text = tr(error.detail) if error.detail else tr("El portal no aceptó la solicitud.")
        # Some refusals pass (a payment not confirmed yet): those may be tried again as they are.
        return VisitorMessage(text, can_retry=error.transient, field=error.field)
    return VisitorMessage(tr("Algo salió mal. Pida ayuda en ventanilla."), can_retry=False)
