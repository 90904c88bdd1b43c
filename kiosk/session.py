"""The visitor's session: everything one person at the kiosk has given or received.

``reset()`` is the single way it ends (idle timeout, "Terminar", end of a flow, a crash): it drops
answers and tokens and deletes the session's temporary files (PDFs to print, decoded images).
Nothing personal lives anywhere else on disk.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Session:
    answers: dict[str, object] = field(default_factory=dict)
    token: str | None = None  # the visitor's portal session (bearer), if logged in
    _temp_dir: Path | None = None
    _on_reset: list[Callable[[], None]] = field(default_factory=list)

    def temp_dir(self) -> Path:
        """A private (0700) folder for this visitor's files; created on first use."""
        if self._temp_dir is None or not self._temp_dir.exists():
            self._temp_dir = Path(tempfile.mkdtemp(prefix="kiosk-session-"))
        return self._temp_dir

    def on_reset(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` at every reset (widgets clear themselves, the clipboard empties)."""
        self._on_reset.append(callback)

    def reset(self) -> None:
        self.answers.clear()
        self.token = None
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None
        for callback in list(self._on_reset):
            callback()
