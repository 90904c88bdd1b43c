"""Casillero Electrónico: the notifications the courts deposit in a portal account's electronic box.

[F] Decreto 15-2011 and CSJ Acuerdo 11-2012: a notification counts as made when it is deposited
in the box, not when it is read (art. 8), and attached copies are collected at the court (art.
10); in service since 2015 for every branch but the criminal courts. Personal tier (SERVICES.md):
every route takes the visitor's session (``Authorization: Bearer``) and answers only that
account's notifications; another account's answers as one that does not exist (404). Parties
are named by their initials only, in the text too.

Reading one at the kiosk marks it read at the portal with an idempotent PUT (a retry after a lost
answer finds it read, with the same first reading time); it changes no deadline.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel
from kiosk.portal.models.strict import DIGITS, ByValue, Integer, IsoDate, IsoDateTime

PAGE_LIMIT_DEFAULT = 10
PAGE_LIMIT_MAX = 50

#: opaque and not enumerable: a notification is reached from its account's list, never by walking
NOTIFICATION_ID = r"^nt_[0-9a-f]{16}$"
NotificationId = Annotated[str, Field(pattern=NOTIFICATION_ID, examples=["nt_5b0e9c1f2a7d4e38"])]


class ResolutionKind(StrEnum):
    """[F] The kinds of judicial resolutions (Ley del Organismo Judicial, art. 141)."""

    DECRETO = "decreto"  # a step of procedure (trámite)
    AUTO = "auto"  # decides a matter within the proceedings that is not mere procedure
    SENTENCIA = "sentencia"  # decides the case itself


class Attachment(ApiModel):
    description: str = Field(max_length=200, description="what it is, in Spanish")
    pages: Integer = Field(ge=1, le=5000)
    at_court: bool = Field(
        description="art. 10: the copies are not in the box; they are collected at the court"
    )


class NotificationSummary(ApiModel):
    """One line of the box: enough to tell notifications apart and see which are new."""

    id: NotificationId
    deposited_at: IsoDateTime = Field(description="when it was placed in the box: it counts from")
    court_id: str = Field(pattern=rf"^{DIGITS}{{5}}$", description="DDCCC, as in kiosk.courts")
    court_name: str
    case_number: str = Field(description="SGT number DDCCC-YYYY-NNNNN")
    kind: ByValue[ResolutionKind]
    read: bool = Field(description="read at least once, at the portal or at a kiosk")
    copies_at_court: bool = Field(description="it has copies to collect at the court (art. 10)")


class NotificationPage(ApiModel):
    items: list[NotificationSummary] = Field(description="newest first")
    total: Integer = Field(ge=0, description="how many the box holds, over every page")
    unread: Integer = Field(ge=0, description="how many of them were never read")
    next_cursor: NotificationId | None = Field(
        default=None, description="opaque; pass it back as ``cursor`` for the next page"
    )


class Notification(ApiModel):
    """One notification in full. ``read_at`` is the first reading, wherever it happened."""

    id: NotificationId
    deposited_at: IsoDateTime
    read_at: IsoDateTime | None = None
    court_id: str = Field(pattern=rf"^{DIGITS}{{5}}$")
    court_name: str
    department: str = Field(description="the court's department, by name")
    case_number: str = Field(description="SGT number DDCCC-YYYY-NNNNN")
    proceeding: str = Field(max_length=120, description="the kind of proceedings, in Spanish")
    kind: ByValue[ResolutionKind]
    resolution_on: IsoDate = Field(description="the day the court signed the resolution")
    text: str = Field(max_length=2000, description="what the resolution says; initials only")
    attachments: list[Attachment]


#: ?limit= &cursor= : the account's notifications, newest first
NOTIFICATIONS = Endpoint("GET", "/mailbox/notifications", NotificationPage, session="required")
NOTIFICATION = Endpoint(
    "GET", "/mailbox/notifications/{notification_id}", Notification, session="required"
)
#: idempotent: the first reading is kept; a repeat answers the same
MARK_READ = Endpoint(
    "PUT", "/mailbox/notifications/{notification_id}/read", Notification, session="required"
)
