"""Desk staff (issue 14): a clerk's or supervisor's session at a ventanilla.

A desk station signs its clerk in with ``POST /v1/staff/sessions`` and from then on sends the
session's token as ``X-Staff-Token`` beside the kiosk's own credentials on every call, so the
portal records who did what. The session ends when the clerk signs out, when the desk's idle
timer runs out, or at ``expires_at`` (the end of the clerk's shift): the portal refuses the token
after that with 401 ``staff_session_invalid``.

A clerk works at one courthouse; the desk says which one it is (``courthouse``) and a sign-in at
another courthouse's desk is refused (403 ``staff_other_courthouse``). Five wrong passwords lock
the user for a while (429 ``staff_locked``); an unknown user and a wrong password get the same
answer (401 ``staff_credentials_invalid``).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, NoContent
from kiosk.portal.models.strict import ByValue, IsoDateTime

#: the header that carries a staff session's token on every call of a signed-in desk
STAFF_TOKEN_HEADER = "X-Staff-Token"  # noqa: S105 - a header name
#: a staff user id: lowercase, the portal's, never a DPI (``ana.lopez``)
STAFF_USER_PATTERN = r"^[a-z][a-z0-9._-]{1,39}$"
#: a courthouse id (``torre-tribunales``)
COURTHOUSE_PATTERN = r"^[a-z][a-z0-9-]{1,39}$"


class StaffRole(StrEnum):
    CLERK = "clerk"  # serves visitors at the desk
    SUPERVISOR = "supervisor"  # also reprints a document by its code, with a reason


class StaffSignIn(ApiModel):
    user: str = Field(min_length=2, max_length=40)
    password: str = Field(min_length=1, max_length=128)
    courthouse: str = Field(pattern=COURTHOUSE_PATTERN, description="the desk's courthouse")


class StaffMember(ApiModel):
    user: str = Field(pattern=STAFF_USER_PATTERN)
    display_name: str = Field(description="as the desk shows it: «Ana López»")
    role: ByValue[StaffRole]
    courthouse: str = Field(pattern=COURTHOUSE_PATTERN)
    courthouse_name: str


class StaffSession(ApiModel):
    token: str
    expires_at: IsoDateTime = Field(description="the end of the clerk's shift")
    staff: StaffMember


class StaffSessionState(ApiModel):
    """``GET /v1/staff/sessions/current``: the session the token opens, still valid."""

    expires_at: IsoDateTime
    staff: StaffMember


#: a sign-in opens a session and spends nothing: a repeated one is a new session
STAFF_SIGN_IN = Endpoint("POST", "/staff/sessions", StaffSession, idempotent=False)
STAFF_SESSION = Endpoint("GET", "/staff/sessions/current", StaffSessionState)
STAFF_SIGN_OUT = Endpoint("DELETE", "/staff/sessions/current", NoContent)
