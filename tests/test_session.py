from __future__ import annotations

from datetime import date, datetime

from kiosk.flows.engine import FlowRun
from kiosk.portal.models import Account, VisitorSession
from kiosk.services.account import ACCOUNT
from kiosk.session import Session

DPI = "2456789050101"


def test_reset_wipes_the_flow_the_login_the_files_and_notifies() -> None:
    session = Session()
    run = FlowRun(ACCOUNT, today=date(2026, 12, 6))
    session.flow = run
    assert run.submit({"dpi": DPI}) == []
    moment = datetime(2026, 12, 6, 10, 0)
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
