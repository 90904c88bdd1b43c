from __future__ import annotations

from kiosk.session import Session


def test_reset_wipes_answers_token_files_and_notifies() -> None:
    session = Session()
    session.answers["dpi"] = "2456789050101"
    session.token = "secret-token"
    pdf = session.temp_dir() / "constancia.pdf"
    pdf.write_bytes(b"%PDF")
    cleared: list[str] = []
    session.on_reset(lambda: cleared.append("widgets"))
    session.reset()
    assert session.answers == {} and session.token is None
    assert not pdf.exists() and not pdf.parent.exists()
    assert cleared == ["widgets"]
    assert session.temp_dir() != pdf.parent  # a new visitor gets a new folder
    session.reset()
