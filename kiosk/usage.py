"""How much this kiosk process has been used: visits, documents printed, failures, and the last
failure's code. In memory only (a restart starts again at zero; the heartbeat says since when),
and only counts and stable codes: never what a visitor typed or received.

    usage = UsageCounters()
    usage.session_ended(); usage.document_printed(); usage.failed("no_paper")
    usage.snapshot()  # -> Usage(sessions=1, ..., last_error_code="no_paper")
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

#: a stable code, as the portal's contract takes it: ``portal_unavailable``, ``no_paper``
_CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
OTHER_ERROR = "other_error"


@dataclass(frozen=True)
class Usage:
    sessions: int = 0
    documents_printed: int = 0
    failures: int = 0
    last_error_code: str | None = None


class UsageCounters:
    """Counted by the visit and the print path; read by the heartbeat. One event loop thread
    writes them, so no lock is needed."""

    def __init__(self) -> None:
        self._usage = Usage()

    def session_ended(self) -> None:
        """A visit ended (its reset wiped a service run or a visitor's data)."""
        self._bump(sessions=self._usage.sessions + 1)

    def document_printed(self, count: int = 1) -> None:
        self._bump(documents_printed=self._usage.documents_printed + max(0, count))

    def print_ended(self, ok: bool, code: str) -> None:
        """One print job's end: counted as printed, or as a failure with its code."""
        if ok:
            self.document_printed()
        else:
            self.failed(code)

    def failed(self, code: str) -> None:
        """Count a failure; ``code`` is a stable code (anything else is kept as ``other_error``:
        a message may hold what the visitor typed)."""
        kept = code if isinstance(code, str) and _CODE.match(code) else OTHER_ERROR
        self._bump(failures=self._usage.failures + 1, last_error_code=kept)

    def snapshot(self) -> Usage:
        return self._usage

    def _bump(self, **changes: Any) -> None:
        self._usage = replace(self._usage, **changes)
