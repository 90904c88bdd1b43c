"""Solicitud de Información Pública: the portal calls behind its action steps.

``submit_request`` sends the request with the step's Idempotency-Key (the same on every retry of
the same answers), so a double tap or a retry after a lost answer finds the same folio and never
files twice. ``find_request`` reads a request by its folio. A refusal the visitor can fix names
the flow's field, and "Atrás" leads to the question that asks it.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.flows.model import Answers
from kiosk.identity import normalize_digits
from kiosk.portal.errors import PortalNotFound, PortalRejected, PortalUnauthorized
from kiosk.portal.models.public_information import (
    PUBLIC_INFORMATION_REQUEST,
    SUBMIT_PUBLIC_INFORMATION,
    DeliveryMethod,
    PublicInformationRequestCreate,
)
from kiosk.services.base import Action, ActionContext, AnswerRejected
from kiosk.services.public_information.rules import folio_of, phone_number
from kiosk.text import Text

# The portal's name of a field -> the flow's.
FLOW_FIELDS = {
    "information": "information",
    "name": "requester_name",
    "email": "email",
    "phone": "phone",
    "dpi": "dpi",
    "delivery": "delivery",
}


def request_body(answers: Answers) -> PublicInformationRequestCreate:
    """What the portal receives: the answers on the visitor's path (an email given and then
    replaced by a phone on another branch is not sent)."""
    email, phone, dpi = answers.get("email"), answers.get("phone"), answers.get("dpi")
    return PublicInformationRequestCreate(
        information=str(answers["information"]),
        delivery=DeliveryMethod(str(answers["delivery"])),
        name=str(answers["requester_name"]),
        email=email if isinstance(email, str) else None,
        phone=phone_number(phone) if isinstance(phone, str) else None,
        dpi=normalize_digits(dpi) if isinstance(dpi, str) else None,
    )


async def submit_request(context: ActionContext, answers: Answers, key: str) -> object:
    try:
        return await context.client.call(
            SUBMIT_PUBLIC_INFORMATION, body=request_body(answers), idempotency_key=key
        )
    except PortalRejected as error:
        if isinstance(error, PortalUnauthorized) or error.field not in FLOW_FIELDS:
            raise
        raise AnswerRejected.of(error, FLOW_FIELDS[error.field]) from None


async def find_request(context: ActionContext, answers: Answers, key: str) -> object:
    folio = folio_of(str(answers["folio"]))
    try:
        return await context.client.call(PUBLIC_INFORMATION_REQUEST, path={"folio": folio})
    except PortalNotFound as error:
        detail = Text(
            "No encontramos una solicitud con el folio {folio}. Revise el año y el número en "
            "su comprobante y escríbalo otra vez.",
            folio=folio,
        )
        raise AnswerRejected.of(error, "folio", detail) from None
    except PortalRejected as error:
        if error.code != "folio_invalid":
            raise
        raise AnswerRejected.of(error, "folio") from None


ACTIONS: Mapping[str, Action] = {
    "submit_request": submit_request,
    "find_request": find_request,
}
