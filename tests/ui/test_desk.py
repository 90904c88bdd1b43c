"""The desk station: a clerk signs in (refusals in plain words), serves visitors back to back,
works under the clerk's token, and is signed out by the idle timer, the shift's end or the
portal; everything is recorded in the audit log and reaches the portal in order."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from desk_support import (
    CLERK,
    audit_entries,
    make_desk,
    portal_audit,
    press,
    sign_in,
    station,
)
from PySide6.QtCore import Qt

MakeDriver = Any


def test_a_clerk_signs_in_and_the_desk_shows_who_serves(make_driver: MakeDriver) -> None:
    kiosk = make_desk(make_driver, user=None)
    assert not kiosk.find("desk_bar").isVisible()
    assert not kiosk.find("action.home").isVisible()  # nothing opens before sign-in
    kiosk.type("field.staff_user", CLERK)
    kiosk.type("field.staff_password", "no-es-esta")
    kiosk.tap("action.sign_in")
    kiosk.wait(lambda: kiosk.find("label.sign_in_error").isVisible())
    assert kiosk.text("label.sign_in_error") == "Usuario o contraseña incorrectos."
    assert kiosk.text("field.staff_user") == CLERK  # kept
    assert kiosk.text("field.staff_password") == ""  # typed again
    sign_in(kiosk, CLERK)
    assert kiosk.find("desk_bar").isVisible()
    assert "Ana López" in kiosk.text("label.staff_name")
    assert kiosk.text("action.home") == "Inicio (F2)"
    assert [e.kind.value for e in audit_entries(kiosk)] == ["sign_in"]


def staff_routes(sandbox_dir: Path, user: str) -> list[str]:
    import sqlite3
    from contextlib import closing

    from kiosk.sandbox.app import DATABASE_FILE

    with closing(sqlite3.connect(sandbox_dir / DATABASE_FILE, timeout=10)) as conn:
        rows = conn.execute(
            "SELECT method || ' ' || route FROM staff_actions WHERE user = ? ORDER BY id", (user,)
        ).fetchall()
    return [row[0] for row in rows]


def test_the_portal_records_the_clerk_behind_each_call(
    make_driver: MakeDriver, sandbox_dir: Path
) -> None:
    kiosk = make_desk(make_driver, user="jorge.perez")
    before = len(staff_routes(sandbox_dir, "jorge.perez"))
    kiosk.tap("tile.verificar-documento")
    kiosk.type("field.verification_code", "CAP-2026-ZZZZ-ZZZZ")
    kiosk.tap("action.check_code")
    kiosk.wait(lambda: kiosk.screen() == "screen.verificar-documento.verdict")
    assert "GET /documents/{code}" in staff_routes(sandbox_dir, "jorge.perez")[before:]
    kinds = [(e.kind.value, dict(e.fields)) for e in audit_entries(kiosk)]
    assert ("service", {"staff_user": "jorge.perez", "service": "verificar-documento"}) in kinds
    verdicts = [fields for kind, fields in kinds if kind == "verdict"]
    assert verdicts and verdicts[-1]["verdict"] in ("NOT_OJ", "INVALID", "CANNOT_VERIFY")


def test_next_visitor_wipes_the_visit_and_keeps_the_clerk(
    make_driver: MakeDriver, caplog: Any
) -> None:
    from leftovers import assert_nothing_left

    kiosk = make_desk(make_driver)
    first = {"dpi": "1928374650101", "email": "visitante.uno@correo.gt"}
    second = {"dpi": "1029384756019", "email": "visitante.dos@correo.gt"}
    for visitor in (first, second):
        started = time.time()  # only what is written during the visit is searched
        kiosk.tap("tile.cuenta")
        assert kiosk.text("field.dpi") == "" and kiosk.text("field.email") == ""
        kiosk.type("field.dpi", visitor["dpi"])
        kiosk.type("field.birth_date", "14/05/1990")
        kiosk.type("field.email", visitor["email"])
        kiosk.tap("action.continue")  # the password is missing: the group stays, all kept
        assert kiosk.text("field.email") == visitor["email"]
        press(kiosk, Qt.Key.Key_F4)
        assert kiosk.screen() == "screen.home"
        assert_nothing_left(kiosk, visitor.values(), caplog, since=started)
        assert station(kiosk).signed_in and kiosk.find("desk_bar").isVisible()
    kinds = [e.kind.value for e in audit_entries(kiosk)]
    assert kinds == ["sign_in", "service", "service"]


def test_signing_out_ends_the_session_here_and_at_the_portal(make_driver: MakeDriver) -> None:
    kiosk = make_desk(make_driver)
    token = station(kiosk).staff.token  # type: ignore[union-attr]
    kiosk.tap("action.sign_out")
    kiosk.wait(lambda: kiosk.screen() == "screen.desk.sign_in")
    assert kiosk.text("label.signed_out_reason") == "Cerró su sesión."
    assert not kiosk.ui.context.client.has_staff_token
    assert [e.kind.value for e in audit_entries(kiosk)] == ["sign_in", "sign_out"]

    async def still_valid() -> int:
        import httpx

        client = kiosk.ui.context.client
        async with httpx.AsyncClient(base_url=client.base_url, timeout=10) as http:
            answer = await http.get(
                "/v1/staff/sessions/current",
                headers={
                    "X-Kiosk-Id": client._http.headers["X-Kiosk-Id"],
                    "X-Kiosk-Token": client._http.headers["X-Kiosk-Token"],
                    "X-Staff-Token": token,
                },
            )
            return answer.status_code

    answers = []
    for _ in range(50):  # the portal hears the sign-out in the background
        answers.append(kiosk.run(still_valid()))
        if answers[-1] == 401:
            break
        kiosk.settle(0.1)
    assert answers[-1] == 401


def test_the_idle_timer_wipes_the_visit_and_signs_the_clerk_out(make_driver: MakeDriver) -> None:
    kiosk = make_desk(make_driver, idle_ms=(400, 1000))
    kiosk.tap("tile.constancia-con-codigo")
    kiosk.type("field.download_code", "ABCD-EFGH-JKLM")
    kiosk.wait(lambda: kiosk.screen() == "screen.desk.sign_in", timeout=10)
    assert "no se usó" in kiosk.text("label.signed_out_reason")
    assert kiosk.ui.session.flow is None
    assert [e.fields.get("reason") for e in audit_entries(kiosk)][-1] == "idle"


def test_the_end_of_the_shift_signs_the_clerk_out(make_driver: MakeDriver) -> None:
    from datetime import UTC, datetime

    kiosk = make_desk(make_driver)
    desk = station(kiosk)
    assert desk.staff is not None
    desk.staff = desk.staff.model_copy(update={"expires_at": datetime.now(UTC)})
    desk._shift.start(50)  # the shift's timer, as the sign-in set it for its end
    kiosk.wait(lambda: kiosk.screen() == "screen.desk.sign_in")
    assert kiosk.text("label.signed_out_reason") == "Su turno terminó: se cerró la sesión."


def test_a_session_the_portal_no_longer_takes_signs_the_clerk_out(
    make_driver: MakeDriver, sandbox_dir: Path
) -> None:
    import sqlite3
    from contextlib import closing

    from kiosk.sandbox.app import DATABASE_FILE

    kiosk = make_desk(make_driver)
    with closing(sqlite3.connect(sandbox_dir / DATABASE_FILE, timeout=10)) as conn, conn:
        conn.execute("UPDATE staff_sessions SET ended_at = '2026-01-01' WHERE user = ?", (CLERK,))
    kiosk.tap("tile.constancia-con-codigo")
    kiosk.type("field.download_code", "ABCD-EFGH-JKLM")
    kiosk.tap("action.continue")
    kiosk.wait(lambda: kiosk.screen() == "screen.desk.sign_in")
    assert kiosk.text("label.signed_out_reason") == (
        "El portal ya no acepta la sesión: ingrese de nuevo."
    )


def sending_every_second(folder: Path) -> dict[str, Any]:
    """A desk that sends its audit log every second, from a log file of the test's own."""
    return {
        "kiosk": {"mode": "desk"},
        "desk": {"audit_send_seconds": 1},
        "audit": {"path": str(folder / "audit.sqlite3")},
    }


def test_audit_entries_wait_while_the_portal_is_down_and_arrive_once_in_order(
    make_driver: MakeDriver, sandbox: Any, sandbox_dir: Path, kiosk_id: str, tmp_path: Path
) -> None:
    from faults import PortalProxy

    settings = sending_every_second(tmp_path)
    with PortalProxy(sandbox.url) as proxy:
        kiosk = make_desk(make_driver, settings=settings, portal_url=proxy.url)
        kiosk.wait(lambda: len(portal_audit(sandbox_dir, kiosk_id)) == 1)  # sign_in, sent soon
        proxy.cut()
        kiosk.tap("tile.directorio")  # a service entry, queued
        press(kiosk, Qt.Key.Key_F4)
        kiosk.tap("tile.normativas")
        kiosk.settle(2.5)  # two rounds of the sender find the portal down
        assert len(portal_audit(sandbox_dir, kiosk_id)) == 1
        proxy.restore()
        proxy.lose_next_answer("POST", "/v1/audit")  # taken, but the desk does not hear it
        kiosk.wait(lambda: len(portal_audit(sandbox_dir, kiosk_id)) == 3, timeout=20)
        kiosk.tap("action.sign_out")
        kiosk.wait(lambda: len(portal_audit(sandbox_dir, kiosk_id)) == 4, timeout=20)
    held = portal_audit(sandbox_dir, kiosk_id)
    local = audit_entries(kiosk)
    assert held == [(e.seq, e.kind.value, e.hash) for e in local]
    assert [kind for _seq, kind, _hash in held] == ["sign_in", "service", "service", "sign_out"]


def test_entries_queued_when_the_desk_stopped_are_sent_after_a_restart(
    make_driver: MakeDriver, sandbox: Any, sandbox_dir: Path, kiosk_id: str, tmp_path: Path
) -> None:
    from faults import PortalProxy

    settings = sending_every_second(tmp_path)
    with PortalProxy(sandbox.url) as proxy:
        first = make_desk(make_driver, settings=settings, portal_url=proxy.url)
        first.wait(lambda: len(portal_audit(sandbox_dir, kiosk_id)) == 1)
        proxy.cut()
        first.tap("tile.directorio")
        first.run(first.kiosk.aclose())  # the desk stops while the portal is away
    assert len(portal_audit(sandbox_dir, kiosk_id)) == 1
    second = make_desk(make_driver, settings=settings)  # the portal is back: straight to it
    second.wait(lambda: len(portal_audit(sandbox_dir, kiosk_id)) == 4, timeout=20)
    held = portal_audit(sandbox_dir, kiosk_id)
    assert [(seq, kind) for seq, kind, _hash in held] == [
        (1, "sign_in"), (2, "service"), (3, "sign_out"), (4, "sign_in"),
    ]  # fmt: skip
    assert held == [(e.seq, e.kind.value, e.hash) for e in audit_entries(second)]


def test_a_desk_asks_the_questions_of_a_group_on_one_screen(make_driver: MakeDriver) -> None:
    from PySide6.QtWidgets import QApplication

    kiosk = make_desk(make_driver)
    kiosk.tap("tile.cuenta")
    assert kiosk.screen() == "screen.cuenta.dpi"
    fields = ["field.dpi", "field.birth_date", "field.email", "field.password"]
    assert all(kiosk.find(name).isVisible() for name in fields)
    assert not kiosk.find("keyboard").isVisible()  # the desk has a real keyboard
    kiosk.type("field.dpi", "2456789050101")
    press(kiosk, Qt.Key.Key_Return, kiosk.find("field.dpi"))
    assert QApplication.focusWidget() is kiosk.find("field.birth_date")  # Intro: the next field
    kiosk.type("field.birth_date", "02/06/2099")
    kiosk.type("field.email", "ana@example.com")
    kiosk.type("field.password", "lluvia en el lago")
    kiosk.type("field.password_repeat", "lluvia en el lago")
    press(kiosk, Qt.Key.Key_Return, kiosk.find("field.password_repeat"))
    assert kiosk.screen() == "screen.cuenta.dpi"
    assert kiosk.find("error.birth_date").isVisible()
    assert kiosk.text("field.email") == "ana@example.com"  # nothing typed is lost
    kiosk.type("field.birth_date", "14/05/1990")
    kiosk.tap("action.continue")
    assert kiosk.screen() == "screen.cuenta.review"
    press(kiosk, Qt.Key.Key_Escape)  # Atrás
    assert kiosk.screen() == "screen.cuenta.dpi"
    assert kiosk.text("field.birth_date") == "14/05/1990"


def test_the_log_never_holds_a_password_or_a_token(make_driver: MakeDriver, kiosk_log: Any) -> None:
    kiosk = make_desk(make_driver, user=None)
    kiosk.type("field.staff_user", CLERK)
    kiosk.type("field.staff_password", "no-es-esta-clave")
    kiosk.tap("action.sign_in")
    kiosk.wait(lambda: kiosk.find("label.sign_in_error").isVisible())
    sign_in(kiosk, CLERK)
    token = station(kiosk).staff.token  # type: ignore[union-attr]
    kiosk.tap("action.sign_out")
    kiosk.wait(lambda: kiosk.screen() == "screen.desk.sign_in")
    written = kiosk_log.getvalue()
    assert "staff signed in" in written and "staff signed out" in written
    for secret in ("no-es-esta-clave", "Ventanilla-2026", token):
        assert secret not in written
