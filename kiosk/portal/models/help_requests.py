"""A public kiosk calls a clerk (issue 14, «Llamar a un empleado»).

The visitor taps «Llamar a un empleado» on any screen; the kiosk posts ``POST /v1/help-requests``
with its courthouse, where it stands and the name of the screen on show, and nothing else (never
what the visitor typed). A kiosk has at most one open call: asking again while one is open
answers that call (200) instead of raising a second one, so a double tap never calls twice.

The desks of the same courthouse ask ``GET /v1/help-requests`` under their clerk's
``X-Staff-Token`` for the open calls of the clerk's own courthouse (the portal takes it from the
clerk's session, never from the request), oldest first, and a clerk takes one with ``POST
/v1/help-requests/{request_id}/answer`` («Voy»): it is no longer open on any desk. A call another
clerk took already answers 409 ``help_request_taken`` (without naming who). A call is open for
``OPEN_MINUTES``; after that it is gone (404 ``help_request_not_found`` when answered).
"""

from __future__ import annotations

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel
from kiosk.portal.models.staff import COURTHOUSE_PATTERN
from kiosk.portal.models.strict import IsoDateTime

#: how long a call stays open when nobody answers it
OPEN_MINUTES = 30
#: a screen's name, as the kiosk's shell names it without ``screen.``: the service's id and the
#: step's (``antecedentes-penales.guest_dpi``); never a value the visitor typed
SCREEN_PATTERN = r"^[a-z0-9._-]{1,80}$"
HELP_REQUEST_ID_PATTERN = r"^[a-z0-9]{8,32}$"
KIOSK_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$"


class HelpRequestCreate(ApiModel):
    """What a kiosk says when its visitor calls: where it is and which screen is on show."""

    courthouse: str = Field(pattern=COURTHOUSE_PATTERN, description="the kiosk's courthouse")
    location: str = Field(
        default="",
        max_length=80,
        description="where in the courthouse the kiosk stands («Vestíbulo, primer nivel»)",
    )
    screen: str = Field(
        pattern=SCREEN_PATTERN,
        description="the screen on show: service id and step id",
        examples=["antecedentes-penales.guest_birth_date"],
    )


class HelpRequestReceipt(ApiModel):
    """201: the call is raised; 200: this kiosk's open call, raised earlier."""

    id: str = Field(pattern=HELP_REQUEST_ID_PATTERN)
    created_at: IsoDateTime


class HelpRequest(ApiModel):
    """An open call, as a desk shows it."""

    id: str = Field(pattern=HELP_REQUEST_ID_PATTERN)
    kiosk_id: str = Field(pattern=KIOSK_ID_PATTERN)
    location: str = Field(max_length=80)
    screen: str = Field(pattern=SCREEN_PATTERN)
    created_at: IsoDateTime


class HelpRequestList(ApiModel):
    """The open calls of the clerk's courthouse, oldest first."""

    requests: list[HelpRequest]


class HelpRequestAnswer(ApiModel):
    """The call is this clerk's now (also when this clerk had taken it already)."""

    id: str = Field(pattern=HELP_REQUEST_ID_PATTERN)
    answered_at: IsoDateTime


#: no Idempotency-Key: a kiosk's open call is the record (asking again answers it)
POST_HELP_REQUEST = Endpoint("POST", "/help-requests", HelpRequestReceipt, idempotent=False)
LIST_HELP_REQUESTS = Endpoint("GET", "/help-requests", HelpRequestList)
#: no Idempotency-Key: the same clerk taking the call again gets the same answer
ANSWER_HELP_REQUEST = Endpoint(
    "POST", "/help-requests/{request_id}/answer", HelpRequestAnswer, idempotent=False
)
