"""Typed portal errors: the UI maps each kind (and a rejection's code) to a visitor's message."""

from __future__ import annotations

from kiosk.portal.models import Problem
from kiosk.text import Text


class PortalError(Exception):
    """Base of every error the portal client raises; nothing else escapes it."""

    #: True when the same request may succeed later without the visitor changing anything.
    transient = False
    #: the kiosk's own words for it, when the kiosk says it (translated on screen)
    text: Text | None = None


class PortalUnavailable(PortalError):
    """The portal could not be reached or answered 5xx / garbage: try again later."""

    transient = True


class PortalTimeout(PortalUnavailable):
    """The portal did not answer within the configured time. A POST may or may not have happened:
    retry it with the same Idempotency-Key."""


class PortalRejected(PortalError):
    """The portal understood the request and said no, with a stable code (``boleta_used``, ...)."""

    def __init__(self, problem: Problem, text: Text | None = None) -> None:
        super().__init__(f"{problem.status} {problem.code}")
        self.problem = problem
        self.text = text

    @property
    def code(self) -> str:
        return self.problem.code

    @property
    def field(self) -> str | None:
        return self.problem.field

    @property
    def detail(self) -> str | None:
        return self.problem.detail


class PortalNotFound(PortalRejected):
    """404: the thing asked for does not exist (unknown code, reference, document)."""


class PortalUnauthorized(PortalRejected):
    """401/403: the kiosk's device token or the visitor's session is missing, wrong or expired."""


class PortalRateLimited(PortalRejected):
    """429: too many attempts from this kiosk; ``retry_after`` seconds to wait."""

    transient = True

    @property
    def retry_after(self) -> int:
        return self.problem.retry_after or 60
