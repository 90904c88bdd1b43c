"""A kiosk's heartbeat (``POST /v1/kiosks/{kiosk_id}/heartbeat``): how the OJ's IT staff see
every terminal from afar (the fleet page).

Only facts about the machine travel: its version and uptime, the printer and its paper, the
camera, the trust list's version and age, the last error as a stable code, and counts. Never a
DPI, a name, an email, a document code or free text: every text field has a closed shape (a
code, a version, a CUPS keyword), and unknown fields are refused. ``courthouse`` and
``location`` are the terminal's own settings (where it stands), not a person's.

The path's id must be the kiosk that sends it (``X-Kiosk-Id``): 403 ``heartbeat_wrong_kiosk``
otherwise. The answer carries the portal's time and the interval it asks for.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel
from kiosk.portal.models.strict import ByValue, Integer, IsoDateTime

#: a stable code: ``portal_unavailable``, ``no_paper``, ``printing_failed``
CODE_PATTERN = r"^[a-z][a-z0-9_]{1,39}$"
#: a CUPS printer-state-reasons keyword with its severity suffix: ``media-empty-error``
REASON_PATTERN = r"^[a-z][a-z0-9-]{1,62}$"
Code = Annotated[str, Field(pattern=CODE_PATTERN, examples=["no_paper"])]
MAX_COUNT = 10**9


class PrinterStatus(StrEnum):
    READY = "ready"
    PRINTING = "printing"
    STOPPED = "stopped"  # a problem keeps it from printing (no paper, paused, jammed...)
    UNREACHABLE = "unreachable"  # no CUPS answers
    UNKNOWN = "unknown"  # not asked (no printer configured) or could not tell


class Paper(StrEnum):
    OK = "ok"
    OUT = "out"
    LOW = "low"
    UNKNOWN = "unknown"


class Mode(StrEnum):
    KIOSK = "kiosk"
    DESK = "desk"


class PrinterReport(ApiModel):
    queue: str = Field(default="", pattern=r"^[A-Za-z0-9._-]{0,127}$", description="CUPS queue")
    state: ByValue[PrinterStatus]
    paper: ByValue[Paper]
    reasons: list[Annotated[str, Field(pattern=REASON_PATTERN)]] = Field(
        default_factory=list, max_length=20, description="CUPS printer-state-reasons keywords"
    )
    last_error: Code | None = Field(default=None, description="the last printing error's code")


class TrustListReport(ApiModel):
    version: Integer | None = Field(default=None, description="None: no list held")
    age_seconds: Integer | None = Field(default=None, description="since it was fetched")


class Counters(ApiModel):
    """Since the kiosk process started (a restart starts them again: compare with uptime)."""

    sessions: Integer = Field(
        default=0, ge=0, le=MAX_COUNT, description="visits, counted as each ends"
    )
    documents_printed: Integer = Field(default=0, ge=0, le=MAX_COUNT, description="print jobs out")
    failures: Integer = Field(
        default=0, ge=0, le=MAX_COUNT, description="the last one's code is last_error_code"
    )


class Heartbeat(ApiModel):
    version: str = Field(pattern=r"^[0-9A-Za-z.+_-]{1,40}$", examples=["0.15.0"])
    uptime_seconds: Integer = Field(ge=0, le=MAX_COUNT)
    started_at: IsoDateTime
    mode: ByValue[Mode] = Mode.KIOSK
    courthouse: str = Field(pattern=r"^[a-z][a-z0-9-]{1,39}$", examples=["torre-tribunales"])
    location: str = Field(
        default="",
        max_length=80,
        pattern=r"^[^\x00-\x1f@]*$",
        description="the terminal's place in the courthouse, from its settings",
    )
    printer: PrinterReport
    camera_present: bool | None = Field(default=None, description="None: the kiosk cannot tell")
    trust_list: TrustListReport = TrustListReport()
    last_error_code: Code | None = None
    counters: Counters = Counters()


class HeartbeatReceipt(ApiModel):
    received_at: IsoDateTime = Field(description="the portal's clock")
    next_in_seconds: Integer = Field(ge=5, description="when to send the next one")


#: 202 taken. 403 ``heartbeat_wrong_kiosk``: the path names another kiosk than the sender.
HEARTBEAT = Endpoint("POST", "/kiosks/{kiosk_id}/heartbeat", HeartbeatReceipt, idempotent=False)
