"""Accounts of the portal and the visitor's log-in session."""

from __future__ import annotations

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, Dpi, Email, NoContent
from kiosk.portal.models.strict import IsoDate, IsoDateTime


class AccountCreate(ApiModel):
    dpi: Dpi
    birth_date: IsoDate
    email: Email
    password: str = Field(min_length=1, max_length=128)


class Account(ApiModel):
    id: str
    email: str
    display_name: str = Field(description="first names and first surname, as RENAP has them")
    created_at: IsoDateTime


class SessionCreate(ApiModel):
    login: str = Field(min_length=3, max_length=254, description="DPI or email")
    password: str = Field(min_length=1, max_length=128)


class VisitorSession(ApiModel):
    token: str
    expires_at: IsoDateTime
    account: Account


CREATE_ACCOUNT = Endpoint("POST", "/accounts", Account)
#: a log-in creates a session but spends nothing: a repeated one is a new session
LOG_IN = Endpoint("POST", "/sessions", VisitorSession, idempotent=False)
LOG_OUT = Endpoint("DELETE", "/sessions/current", NoContent, session="required")
