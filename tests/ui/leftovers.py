"""After a visit ends (idle timeout, "Terminar"): nothing the visitor gave or saw is left.

``assert_nothing_left(kiosk, secrets, caplog)`` looks where a visit's data could hide: the text of
every widget (shown or not), the session (flow, log-in, files), the clipboard, the temporary folder
(this process's session folders, and any file written there since the visit began) and the log
records. The personal services' idle tests call it with the real values they walked with.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit
from support.logged import logged_text

from kiosk.session import FOLDER_PREFIX

_TEXT_GETTERS = ("text", "placeholderText", "toolTip", "accessibleName", "toPlainText")
_LARGEST_FILE = 20 * 1024 * 1024


def widget_texts() -> str:
    """Every text any widget of the app holds right now (labels, fields, buttons, hidden too)."""
    parts = []
    for widget in QApplication.allWidgets():
        for attr in _TEXT_GETTERS:
            getter = getattr(widget, attr, None)
            if not callable(getter):
                continue
            try:
                value = getter()
            except TypeError:
                continue
            if isinstance(value, str):
                parts.append(value)
    return "\n".join(parts)


def _forms(secret: str) -> set[str]:
    """A secret as typed and as the kiosk may have normalized it (spaces and dashes dropped)."""
    compact = secret.replace(" ", "").replace("-", "")
    return {form for form in (secret, compact) if form}


def _fresh_files(since: float) -> Iterable[Path]:
    """Files in the temporary folder written since ``since`` (not pytest's own folders: the
    sandbox's database lives there and holds the portal's copy of the data, as it should)."""
    root = Path(tempfile.gettempdir())
    for path in root.iterdir():
        if path.name.startswith("pytest-of-"):
            continue
        candidates = [path] if path.is_file() else path.rglob("*") if path.is_dir() else []
        for candidate in candidates:
            try:
                stat = candidate.stat()
            except OSError:
                continue
            if candidate.is_file() and stat.st_mtime >= since and stat.st_size < _LARGEST_FILE:
                yield candidate


def assert_nothing_left(
    kiosk: Any,
    secrets: Iterable[str],
    caplog: pytest.LogCaptureFixture,
    *,
    since: float | None = None,
) -> None:
    """Fail, naming where, when any of ``secrets`` outlived the visit. ``since`` (a time.time())
    bounds the temporary-file search to the visit; default: the last ten minutes."""
    wanted = set().union(*(_forms(s) for s in secrets))
    texts = widget_texts()
    found_in_widgets = sorted(s for s in wanted if s in texts)
    assert not found_in_widgets, f"still on a widget: {len(found_in_widgets)} value(s)"
    assert all(not edit.text() for edit in kiosk.shell.findChildren(QLineEdit))
    session = kiosk.ui.session
    assert session.flow is None and session.login is None and not session.holds_data
    assert QGuiApplication.clipboard().text() == ""
    mine = f"{FOLDER_PREFIX}{os.getpid()}-"
    assert not list(Path(tempfile.gettempdir()).glob(f"{mine}*")), "a session folder remains"
    start = since if since is not None else time.time() - 600
    for path in _fresh_files(start):
        try:
            content = path.read_bytes()
        except OSError:
            continue
        for secret in wanted:
            assert secret.encode() not in content, f"a visitor's value is in {path}"
    logged = logged_text(caplog)
    assert not [s for s in wanted if s in logged], "a visitor's value reached the log"
