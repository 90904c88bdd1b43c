"""The kiosk as a visitor meets it, driven through object names against the real sandbox."""

from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest
from kiosk_driver import Driver
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from support.planned import pretend_not_built

from kiosk import logs
from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.catalog import SERVICE_IDS
from kiosk.portal.client import new_idempotency_key
from kiosk.staff import hash_pin
from kiosk.ui import errors

DPI = "3041 88638 1601"  # DEMO_NEW: Ixchel Alejandra Caal Choc
BIRTH = "15/09/2001"
PASSWORD = "mi abuela teje huipiles"


def visible_texts() -> str:
    """Every text any widget of the app holds right now (labels, fields, buttons)."""
    parts = []
    for widget in QApplication.allWidgets():
        for attr in ("text", "placeholderText", "toolTip", "accessibleName"):
            getter = getattr(widget, attr, None)
            if callable(getter):
                try:
                    value = getter()
                except TypeError:
                    continue
                if isinstance(value, str):
                    parts.append(value)
    return "\n".join(parts)


def walk_to_review(kiosk: Driver, email: str) -> None:
    kiosk.tap("tile.cuenta")
    kiosk.type("field.dpi", DPI)
    kiosk.tap("action.continue")
    kiosk.type("field.birth_date", BIRTH)
    kiosk.tap("action.continue")
    kiosk.type("field.email", email)
    kiosk.tap("action.continue")
    kiosk.type("field.password", PASSWORD)
    kiosk.type("field.password_repeat", PASSWORD)
    kiosk.tap("action.continue")
    assert kiosk.screen() == "screen.cuenta.review"


def test_home_shows_every_service_as_a_tile(make_driver: Any) -> None:
    kiosk = make_driver()
    assert kiosk.screen() == "screen.home"
    for service in SERVICE_IDS:
        tile = kiosk.find(f"tile.{service}")
        assert tile.height() >= 64 and tile.width() >= 64, service
    # the most used first
    featured = [kiosk.find("tile.antecedentes-penales"), kiosk.find("tile.verificar-documento")]
    others = kiosk.find("tile.amparos")
    assert all(tile.mapTo(kiosk.shell, tile.rect().topLeft()).y() < others.y() + others.mapTo(
        kiosk.shell, others.rect().topLeft()).y() for tile in featured)  # fmt: skip


def test_a_service_the_portal_marks_unavailable_says_why(
    make_driver: Any, sandbox: PortalEndpoint, kiosk_id: str
) -> None:
    headers = {"X-Kiosk-Id": kiosk_id, "X-Kiosk-Token": sandbox.device_token}
    url = f"{sandbox.url}/v1/sandbox/services/amparos"
    httpx.put(url, json={"available": False, "reason": "Mantenimiento programado."},
              headers=headers, timeout=10).raise_for_status()  # fmt: skip
    try:
        kiosk = make_driver()
        kiosk.wait(lambda: kiosk.ui.catalog is not None)
        assert "Mantenimiento programado." in kiosk.find("tile.amparos").accessibleName()
        kiosk.tap("tile.amparos")
        assert kiosk.screen() == "screen.amparos.unavailable"
        assert "Mantenimiento programado." in kiosk.text("label.body")
    finally:
        httpx.put(url, json={"available": True}, headers=headers, timeout=10)


def test_home_works_and_says_so_while_the_portal_is_down(make_driver: Any) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    kiosk = make_driver(portal_url=f"http://127.0.0.1:{port}")
    status = kiosk.find("label.portal_status")
    kiosk.wait(status.isVisible)
    assert "Sin conexión con el portal" in kiosk.text("label.portal_status")
    assert "Verificar un documento" in kiosk.text("text.offline.works")
    kiosk.tap("tile.cuenta")  # it needs the portal: said plainly, with what to do instead
    assert kiosk.screen() == "screen.cuenta.unavailable"
    assert "ventanilla" in kiosk.text("label.body")


def test_a_service_not_built_yet_is_honest(make_driver: Any, monkeypatch: Any) -> None:
    planned = pretend_not_built(monkeypatch)
    kiosk = make_driver()
    kiosk.tap(f"tile.{planned}")
    assert kiosk.screen() == f"screen.{planned}.unavailable"
    assert "todavía no" in kiosk.text("label.body")
    assert not kiosk.find("action.continue").isVisible()  # nothing that looks like a flow
    kiosk.tap("action.back_home")
    assert kiosk.screen() == "screen.home"


def test_account_flow_end_to_end(make_driver: Any) -> None:
    kiosk = make_driver()
    kiosk.tap("tile.cuenta")
    assert kiosk.text("label.step") == "Paso 1 de 5"
    kiosk.type("field.dpi", "3041 88638 16")
    kiosk.tap("action.continue")
    assert kiosk.screen() == "screen.cuenta.dpi"  # not accepted
    assert "faltan 2" in kiosk.text("error.dpi")
    assert kiosk.find("error-summary").isVisible()
    assert kiosk.text("field.dpi") == "3041 88638 16"  # the typed value is kept
    kiosk.type("field.dpi", DPI)
    kiosk.tap("action.continue")
    kiosk.type("field.birth_date", BIRTH)
    kiosk.tap("action.continue")
    kiosk.tap("action.back")
    assert kiosk.text("field.birth_date") == BIRTH  # Atrás keeps answers
    kiosk.tap("action.continue")
    email = f"ixchel.{new_idempotency_key()[:8]}@ejemplo.gt"
    kiosk.type("field.email", "sin-arroba")
    kiosk.tap("action.continue")
    assert "@" in kiosk.text("error.email")
    kiosk.type("field.email", email)
    kiosk.tap("action.continue")
    kiosk.type("field.password", PASSWORD)
    kiosk.type("field.password_repeat", PASSWORD + "x")
    kiosk.tap("action.continue")
    assert "no son iguales" in kiosk.text("error.password_repeat")
    kiosk.type("field.password_repeat", PASSWORD)
    kiosk.tap("action.continue")
    assert kiosk.screen() == "screen.cuenta.review"
    assert kiosk.text("value.email") == email
    assert PASSWORD not in visible_texts()  # masked on the review
    kiosk.tap("action.change.email")
    assert kiosk.screen() == "screen.cuenta.email"
    kiosk.tap("action.continue")
    assert kiosk.screen() == "screen.cuenta.review"  # a change comes back to the review
    kiosk.tap("action.continue")
    kiosk.wait(lambda: kiosk.screen() == "screen.cuenta.done")
    assert email in kiosk.text("label.body")
    run = kiosk.ui.session.flow
    assert run is not None and run.answers["email"] == email and run.results
    kiosk.tap("action.continue")  # "Terminar"
    assert kiosk.screen() == "screen.home"
    assert kiosk.ui.session.flow is None and not kiosk.ui.session.holds_data
    assert run.answers == {} and run.raw == {} and run.results == {}  # forgotten, not only let go


def test_rejection_explains_and_leads_back_to_the_answers(make_driver: Any) -> None:
    kiosk = make_driver()
    kiosk.tap("tile.cuenta")
    kiosk.type("field.dpi", "3157 28647 0108")  # DEMO_ACCOUNT: already has an account
    kiosk.tap("action.continue")
    kiosk.type("field.birth_date", "02/11/1985")
    kiosk.tap("action.continue")
    kiosk.type("field.email", f"x.{new_idempotency_key()[:8]}@ejemplo.gt")
    kiosk.tap("action.continue")
    kiosk.type("field.password", PASSWORD)
    kiosk.type("field.password_repeat", PASSWORD)
    kiosk.tap("action.continue")
    kiosk.tap("action.continue")
    kiosk.wait(lambda: kiosk.find("label.message").isVisible())
    assert "Ya existe una cuenta" in kiosk.text("label.message")
    assert not kiosk.find("action.retry").isVisible()  # retrying the same would fail the same
    kiosk.tap("action.back")
    assert kiosk.screen() == "screen.cuenta.review"


def test_idle_timeout_wipes_everything(make_driver: Any, tmp_path: Path) -> None:
    kiosk = make_driver(idle_ms=(400, 2000))
    email = f"ixchel.{new_idempotency_key()[:8]}@ejemplo.gt"
    kiosk.tap("tile.cuenta")
    kiosk.type("field.dpi", DPI)
    kiosk.tap("action.continue")
    kiosk.type("field.birth_date", BIRTH)
    kiosk.tap("action.continue")
    kiosk.type("field.email", email)
    QGuiApplication.clipboard().setText(email)  # as if the visitor copied it
    session_file = kiosk.ui.session.temp_dir() / "boleta.pdf"
    session_file.write_bytes(b"%PDF-1.4 Ixchel")
    run = kiosk.ui.session.flow
    assert run is not None and run.answers["dpi"] and kiosk.ui.session.holds_data
    kiosk.wait(lambda: kiosk.find("overlay.idle").isVisible(), timeout=5)
    assert "borrarán en 2 segundos" in kiosk.text("label.countdown")
    kiosk.wait(lambda: kiosk.screen() == "screen.home", timeout=5)
    texts = visible_texts()
    for secret in (DPI, DPI.replace(" ", ""), email, BIRTH):
        assert secret not in texts
    assert all(not edit.text() for edit in kiosk.shell.findChildren(QLineEdit))
    assert kiosk.ui.session.flow is None and not kiosk.ui.session.holds_data
    assert run.answers == {} and run.raw == {}
    assert QGuiApplication.clipboard().text() == ""
    assert not session_file.exists() and not session_file.parent.exists()
    assert not kiosk.find("overlay.idle").isVisible()


def test_more_time_keeps_the_answers(make_driver: Any) -> None:
    kiosk = make_driver(idle_ms=(400, 3000))
    kiosk.tap("tile.cuenta")
    kiosk.type("field.dpi", DPI)
    kiosk.wait(lambda: kiosk.find("overlay.idle").isVisible(), timeout=5)
    kiosk.tap("action.keep_alive")
    assert not kiosk.find("overlay.idle").isVisible()
    assert kiosk.screen() == "screen.cuenta.dpi"
    assert kiosk.text("field.dpi") == DPI


def test_finish_button_wipes_at_once(make_driver: Any) -> None:
    kiosk = make_driver()
    kiosk.tap("tile.cuenta")
    kiosk.type("field.dpi", DPI)
    kiosk.tap("action.continue")
    kiosk.tap("action.finish")
    assert kiosk.screen() == "screen.home"
    assert DPI not in visible_texts()


def test_language_switch_keeps_what_was_typed(make_driver: Any) -> None:
    kiosk = make_driver()
    kiosk.tap("tile.cuenta")
    kiosk.type("field.dpi", "3041 886")
    kiosk.tap("action.language")
    assert kiosk.text("label.heading") == "What is your DPI number?"
    assert kiosk.text("field.dpi") == "3041 886"
    assert kiosk.text("action.continue") == "Continue"
    kiosk.tap("action.language")
    assert kiosk.text("action.continue") == "Continuar"


def test_accessibility_modes_switch_from_any_screen(make_driver: Any) -> None:
    kiosk = make_driver()
    kiosk.tap("tile.cuenta")
    body = kiosk.find("label.heading")
    normal = body.font().pixelSize() or body.fontInfo().pixelSize()
    kiosk.tap("action.large_text")
    larger = kiosk.find("label.heading").fontInfo().pixelSize()
    assert larger > normal
    kiosk.tap("action.high_contrast")
    background = kiosk.shell.palette().color(kiosk.shell.backgroundRole())
    assert background.lightness() < 40  # black background in high contrast
    kiosk.tap("action.finish")  # the next visitor starts with the standard look
    assert not kiosk.find("action.large_text").isChecked()


def test_an_unexpected_error_shows_a_friendly_screen_and_resets(
    make_driver: Any, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk = make_driver()
    errors.install(kiosk.ui.show_crash)
    try:
        kiosk.tap("tile.cuenta")
        kiosk.type("field.dpi", DPI)

        def boom() -> None:
            raise RuntimeError(f"bug with {DPI}")

        with caplog.at_level(logging.ERROR):
            QTimer.singleShot(0, boom)
            kiosk.settle(0.2)
    finally:
        errors.uninstall()
    assert kiosk.find("overlay.message").isVisible()
    assert (
        "Algo salió mal" in kiosk.find("overlay.message").findChild(QLabel, "label.heading").text()
    )
    assert kiosk.screen() == "screen.home"
    assert DPI not in visible_texts()
    assert DPI not in caplog.text
    assert [getattr(record, "error", None) for record in caplog.records] == ["RuntimeError"]


def test_logs_of_a_whole_flow_hold_no_personal_data(make_driver: Any, tmp_path: Path) -> None:
    log_file = tmp_path / "kiosk.log"
    logs.configure("DEBUG", log_file)
    try:
        kiosk = make_driver()
        email = f"ixchel.{new_idempotency_key()[:8]}@ejemplo.gt"
        walk_to_review(kiosk, email)
        kiosk.tap("action.continue")
        kiosk.wait(lambda: kiosk.screen() in ("screen.cuenta.done", "screen.cuenta.create_account"))
        kiosk.wait(lambda: not kiosk.ui.ops.busy)
        kiosk.tap("action.finish")
    finally:
        logging.getLogger().handlers.clear()
    text = log_file.read_text(encoding="utf-8")
    assert "portal call" in text  # the log is really written
    for secret in (DPI, DPI.replace(" ", ""), email, PASSWORD, "Ixchel", "Caal", "15/09/2001"):
        assert secret not in text, secret


def test_kiosk_mode_refuses_to_close(make_driver: Any) -> None:
    kiosk = make_driver(settings={"kiosk": {"mode": "kiosk"}})
    for key, modifier in (
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    ):
        QTest.keyClick(kiosk.shell, key, modifier)
        kiosk.settle()
    assert not kiosk.shell.close()
    assert kiosk.shell.isVisible()
    kiosk.ui.lockdown.uninstall()


def test_staff_exit_needs_the_hidden_gesture_and_the_pin(make_driver: Any) -> None:
    kiosk = make_driver(
        settings={
            "kiosk": {"mode": "kiosk"},
            "staff": {"pin_hash": hash_pin("246810", iterations=10_000)},
        }
    )
    quits: list[bool] = []
    kiosk.ui.quit_requested.connect(lambda: quits.append(True))
    kiosk.ui.staff_exit.requested.emit()  # the 5 s press on the logo (timing tested in lockdown)
    kiosk.settle()
    pin = kiosk.find("overlay.pin")
    assert pin.isVisible()
    for digit in "111111":
        QTest.mouseClick(pin.findChild(QWidget, f"key.{digit}"), Qt.MouseButton.LeftButton)
    QTest.mouseClick(pin.findChild(QWidget, "action.pin_submit"), Qt.MouseButton.LeftButton)
    kiosk.settle()
    assert not quits
    for digit in "246810":
        QTest.mouseClick(pin.findChild(QWidget, f"key.{digit}"), Qt.MouseButton.LeftButton)
    QTest.mouseClick(pin.findChild(QWidget, "action.pin_submit"), Qt.MouseButton.LeftButton)
    kiosk.settle()
    assert quits == [True]
    assert kiosk.shell.close()
    kiosk.ui.lockdown.uninstall()


def test_idle_timeout_wipes_names_as_on_the_dpi(make_driver: Any) -> None:
    kiosk = make_driver(idle_ms=(400, 1000))
    kiosk.ui.open("antecedentes-penales")
    kiosk.settle()
    kiosk.tap("action.continue")
    kiosk.tap("field.mode.sin_registro")
    kiosk.tap("action.continue")
    kiosk.type("field.guest_dpi", "2468 13571 0101")
    kiosk.tap("action.continue")
    kiosk.type("field.guest_birth_date", "14/05/1990")
    kiosk.tap("action.continue")
    kiosk.type("field.first_names", "María José")
    kiosk.type("field.last_names", "Pérez López")
    run = kiosk.ui.session.flow
    assert run is not None and run.answers["guest_dpi"]
    kiosk.wait(lambda: kiosk.find("overlay.idle").isVisible(), timeout=5)
    kiosk.wait(lambda: kiosk.screen() == "screen.home", timeout=5)
    texts = visible_texts()
    for secret in ("María José", "Pérez López", "2468 13571 0101", "2468135710101", "14/05/1990"):
        assert secret not in texts, secret
    assert kiosk.ui.flow is None and kiosk.ui.session.flow is None
    assert run.answers == {} and run.raw == {}
