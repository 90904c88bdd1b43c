"""The visit: everything one person at the kiosk has given or received.

It owns the running flow (answers, typed text, results), the visitor's portal log-in (one per
visit, shared by every service that needs it: Casillero reuses the log-in of Antecedentes) and
a private temporary folder (PDFs to print). ``reset()`` is the single way a visit ends (idle
timeout, "Terminar", the end of a flow, a crash): it wipes all of it. Nothing personal lives
anywhere else on disk.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.flows.engine import FlowRun
from kiosk.portal.models import VisitorSession
from kiosk.usage import UsageCounters

FOLDER_PREFIX = "kiosk-session-"
#: documents of one visit kept for «Imprimir otra vez» (a kiosk is not a copier)
KEPT_DOCUMENTS_LIMIT = 8


@dataclass
class KeptDocument:
    """A document the visitor already obtained in this visit (printed once), kept in the
    visit's own folder until the visit ends, so it can be printed again without the portal."""

    title: str
    path: Path
    reprinted: bool = False


@dataclass
class Session:
    #: the flow the visitor is walking, if any (its answers are the visit's)
    flow: FlowRun | None = None
    #: the visitor's portal log-in (bearer token), if they logged in during this visit
    login: VisitorSession | None = None
    _temp_dir: Path | None = None
    _on_reset: list[Callable[[], None]] = field(default_factory=list)
    #: what the visitor already obtained, for «Imprimir otra vez» (outlives leaving a service)
    kept: list[KeptDocument] = field(default_factory=list)
    _kept_dir: Path | None = None
    #: counts each visit as it ends, for the heartbeat (a count only: nothing of the visit)
    usage: UsageCounters | None = None

    def __repr__(self) -> str:  # never the answers or the token
        return f"<Session flow={self.flow!r} logged_in={self.login is not None}>"

    @property
    def holds_data(self) -> bool:
        """Anything of the visitor's is kept: answers, a log-in or files."""
        answers = self.flow is not None and bool(self.flow.answers or self.flow.raw)
        files = self._temp_dir is not None and self._temp_dir.exists()
        return answers or self.login is not None or files or bool(self.kept)

    def temp_dir(self) -> Path:
        """A private (0700) folder for this visitor's files; created on first use."""
        if self._temp_dir is None or not self._temp_dir.exists():
            # the process's id in the name: a later start knows a dead process's folder
            self._temp_dir = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
        return self._temp_dir

    def drop_files(self) -> None:
        """Delete the visit's files (the PDFs of a service the visitor has left)."""
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None

    def keep_document(self, pdf: Path, title: str) -> None:
        """Keep a copy of a printed document until the visit ends (not when the visitor leaves
        its service): it can then be printed again, even with no portal."""
        if len(self.kept) >= KEPT_DOCUMENTS_LIMIT or not pdf.is_file():
            return
        if self._kept_dir is None or not self._kept_dir.exists():
            self._kept_dir = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
        copy = self._kept_dir / f"{len(self.kept) + 1}-{pdf.name}"
        shutil.copyfile(pdf, copy)
        self.kept.append(KeptDocument(title, copy))

    def _drop_kept(self) -> None:
        self.kept.clear()
        if self._kept_dir is not None:
            shutil.rmtree(self._kept_dir, ignore_errors=True)
            self._kept_dir = None

    def on_reset(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` at every reset (widgets clear themselves, the clipboard empties)."""
        self._on_reset.append(callback)

    def reset(self) -> None:
        if self.usage is not None and (self.flow is not None or self.holds_data):
            self.usage.session_ended()
        if self.flow is not None:
            self.flow.reset()
            self.flow = None
        self.login = None
        self.drop_files()
        self._drop_kept()
        for callback in list(self._on_reset):
            callback()


def sweep_leftovers() -> int:
    """At start: delete the session folders of kiosk processes that are gone (a crash, a power
    cut), so no visitor's PDF outlives its visit; a running process's folder is left alone.
    Returns how many were deleted."""
    swept = 0
    for folder in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*"):
        owner = folder.name.removeprefix(FOLDER_PREFIX).partition("-")[0]
        if not folder.is_dir() or (owner.isdigit() and _alive(int(owner))):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        swept += 1
    return swept


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True
