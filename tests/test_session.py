from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from kiosk.flows.engine import FlowRun
from kiosk.portal.models import Account, VisitorSession
from kiosk.services.account import ACCOUNT
from kiosk.session import FOLDER_PREFIX, Session, sweep_leftovers

DPI = "2456789050101"


def test_reset_wipes_the_flow_the_login_the_files_and_notifies() -> None:
    session = Session()
    run = FlowRun(ACCOUNT, today=date(2026, 12, 6))
    session.flow = run
    assert run.submit({"dpi": DPI}) == []
    moment = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)  # the portal's times carry an offset
    session.login = VisitorSession(
        token="secret-token",
        expires_at=moment,
        account=Account(id="a1", email="x@y.gt", display_name="X", created_at=moment),
    )
    pdf = session.temp_dir() / "constancia.pdf"
    pdf.write_bytes(b"%PDF")
    cleared: list[str] = []
    session.on_reset(lambda: cleared.append("widgets"))
    assert session.holds_data and DPI not in repr(session) and "secret" not in repr(session)
    session.reset()
    assert session.flow is None and session.login is None and not session.holds_data
    assert run.answers == {} and run.raw == {}  # the run itself forgot, not only the session
    assert not pdf.exists() and not pdf.parent.exists()
    assert cleared == ["widgets"]
    assert session.temp_dir() != pdf.parent  # a new visitor gets a new folder
    session.reset()


def test_inicio_drops_the_files_and_a_later_start_sweeps_a_dead_run_s(tmp_path: Path) -> None:
    session = Session()
    pdf = session.temp_dir() / "certificate.pdf"
    pdf.write_bytes(b"%PDF")
    assert str(os.getpid()) in pdf.parent.name  # a later start knows whose folder it is
    session.drop_files()
    assert not pdf.parent.exists() and session.login is None
    # a crashed run's folder: its process is gone
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = Path(tempfile.gettempdir()) / f"{FOLDER_PREFIX}{dead.pid}-abc"
    left.mkdir()
    (left / "certificate.pdf").write_bytes(b"%PDF")
    alive = Session()
    kept = alive.temp_dir()  # this process is running: its folder stays
    try:
        assert sweep_leftovers() >= 1
        assert not left.exists() and kept.exists()
    finally:
        alive.reset()
