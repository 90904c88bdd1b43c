"""Accounts of the portal and the visitor's log-in session."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, Dpi, Email, NoContent


class AccountCreate(ApiModel):
    dpi: Dpi
    birth_date: date
    email: Email
    password: str = Field(min_length=1, max_length=128)


class Account(ApiModel):
    id: str
    email: str
    display_name: str = Field(description="first names and first surname, as RENAP has them")
    created_at: datetime


class SessionCreate(ApiModel):
    login: str = Field(min_length=3, max_length=254, description="DPI or email")
    password: str = Field(min_length=1, max_length=128)


class VisitorSession(ApiModel):
    token: str
    expires_at: datetime
    account: Account


CREATE_ACCOUNT = Endpoint("POST", "/accounts", Account)
LOG_IN = Endpoint("POST", "/sessions", VisitorSession)
LOG_OUT = Endpoint("DELETE", "/sessions/current", NoContent)
