"""What the kiosk tells the audit log while it works: the ``Trail`` the UI calls at each action
a clerk takes (a service opened, a document printed, a verdict, a failure).

A public kiosk has ``NO_TRAIL``: nobody is signed in, nothing is recorded. A desk station has a
``StaffTrail``, which appends to the clerk's hash-chained log only while a clerk is signed in, and
only codes and kinds (``kiosk.portal.models.audit`` refuses anything else). An entry the log
refuses (a value without the shape of a code) is left out with a log line naming the field, never
its value: the visitor's work goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from kiosk.audit.log import AuditLog
from kiosk.portal.models.audit import FIELD_SHAPES, AuditKind, FieldValue

log = logging.getLogger(__name__)


class Trail(Protocol):
    def service(self, service: str) -> None: ...

    def printed(self, service: str, document_kind: str, document_code: str = "") -> None: ...

    def verdict(self, verdict: str, document_code: str = "", document_kind: str = "") -> None: ...

    def failure(self, service: str, code: str) -> None: ...


class NoTrail:
    """A public kiosk's: records nothing."""

    def service(self, service: str) -> None:
        pass

    def printed(self, service: str, document_kind: str, document_code: str = "") -> None:
        pass

    def verdict(self, verdict: str, document_code: str = "", document_kind: str = "") -> None:
        pass

    def failure(self, service: str, code: str) -> None:
        pass


NO_TRAIL = NoTrail()


class StaffTrail:
    """A desk's: each call appends one entry under the signed-in clerk (``user()``; None: no
    clerk, nothing is recorded), then ``appended()`` (the desk sends it soon)."""

    def __init__(
        self,
        audit: AuditLog,
        user: Callable[[], str | None],
        appended: Callable[[], None] = lambda: None,
    ) -> None:
        self.audit = audit
        self._user = user
        self._appended = appended

    def record(self, kind: AuditKind, **fields: str) -> bool:
        """Append one entry for the signed-in clerk; False when none is, or the log refused.
        A value without its field's shape (the code read from an altered document) is left
        out of the entry, not the entry itself: the verdict is still recorded."""
        user = self._user()
        if user is None:
            return False
        given: dict[str, FieldValue] = {}
        for name, value in fields.items():
            if value and FIELD_SHAPES[name].match(value):
                given[name] = value
            elif value:
                log.info("audit field left out: %s", name, extra={"event": "audit_field"})
        try:
            self.audit.append(kind, staff_user=user, **given)
        except ValueError as exc:  # names the field, never its value
            log.warning("audit entry left out: %s", exc, extra={"event": "audit_refused"})
            return False
        self._appended()
        return True

    def service(self, service: str) -> None:
        self.record(AuditKind.SERVICE, service=service)

    def printed(self, service: str, document_kind: str, document_code: str = "") -> None:
        self.record(
            AuditKind.PRINTED,
            service=service,
            document_kind=document_kind,
            document_code=document_code,
        )

    def verdict(self, verdict: str, document_code: str = "", document_kind: str = "") -> None:
        self.record(
            AuditKind.VERDICT,
            verdict=verdict,
            document_code=document_code,
            document_kind=document_kind,
        )

    def failure(self, service: str, code: str) -> None:
        self.record(AuditKind.FAILURE, service=service, code=code)
