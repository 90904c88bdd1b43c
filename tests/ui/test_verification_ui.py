"""Verificar un documento, driven through object names: frames injected into the camera's video
sink (the path a real camera takes), key bursts as a USB scanner types them, a code typed by hand,
against the real sandbox over HTTP and genuine seals it issued."""

from __future__ import annotations

import subprocess
import time
from typing import Any

from camera_pictures import qr_frame
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtMultimedia import QVideoFrame
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from verification.sealed import issue_constancia, portal_client, with_changed_byte

from kiosk.embedded_portal import PortalEndpoint
from kiosk.portal.models import Certificate
from kiosk.ui.verification.controller import VerificationController


def certificate(kiosk: Any, sandbox: PortalEndpoint) -> Certificate:
    """A constancia issued the way a visitor gets one, by a client of the test's own."""

    async def issue() -> Certificate:
        async with portal_client(sandbox) as client:
            return await issue_constancia(client)

    return kiosk.run(issue())


def show_to_camera(kiosk: Any, image: QImage, *, frames: int = 6) -> None:
    controller = kiosk.ui.flow
    assert isinstance(controller, VerificationController)
    for _ in range(frames):
        controller.camera.sink.setVideoFrame(QVideoFrame(image))
        kiosk.settle(0.1)  # the feed takes at most 15 pictures a second
        if kiosk.screen() != "screen.verificar-documento.scan":
            return


def open_verification(make_driver: Any) -> Any:
    kiosk = make_driver()
    kiosk.tap("tile.verificar-documento")
    assert kiosk.screen() == "screen.verificar-documento.scan"
    return kiosk


def test_a_genuine_constancia_held_to_the_camera_is_valid(
    make_driver: Any, sandbox: PortalEndpoint
) -> None:
    kiosk = open_verification(make_driver)
    # no camera on a test machine: said plainly, and the other ways stay offered
    assert "cámara" in kiosk.text("label.scan_status")
    assert kiosk.find("field.verification_code").isVisible()
    cert = certificate(kiosk, sandbox)
    show_to_camera(kiosk, qr_frame(cert.seal))
    kiosk.wait(lambda: kiosk.screen() == "screen.verificar-documento.verdict")
    assert kiosk.text("label.verdict").endswith("VÁLIDO")
    ids = ("document", "name", "dpi", "result", "issued", "valid_until", "code")
    shown = [kiosk.text(f"value.field.{field}") for field in ids]
    assert cert.full_name in shown and cert.code in shown
    assert cert.dpi == shown[2].replace(" ", "")  # the full DPI, to compare with the card
    assert "DPI" in kiosk.text("label.compare")
    # the visitor reads English; the receipt is still an official Spanish paper
    kiosk.ui.set_language("en")
    kiosk.settle()
    assert kiosk.text("label.verdict").endswith("VALID")
    # a receipt on request; this kiosk's print service does not answer: said plainly
    kiosk.tap("action.print_receipt")
    kiosk.wait(lambda: "not responding" in kiosk.text("label.print_status"))
    receipt = kiosk.ui.session.temp_dir() / "verification_receipt.pdf"
    assert receipt.read_bytes().startswith(b"%PDF")  # rendered in the session's own folder
    text = subprocess.run(
        ["pdftotext", "-layout", str(receipt), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "VÁLIDO" in text and "Nombre" in text and cert.code in text
    assert "VALID " not in text and "Name" not in text
    assert cert.dpi[-4:] in text and cert.dpi not in text.replace(" ", "")  # last 4 digits only
    # "Verificar otro documento" goes back to the camera with nothing of this check left
    kiosk.tap("action.continue")
    assert kiosk.screen() == "screen.verificar-documento.scan"
    assert kiosk.ui.flow.check is None


def test_a_changed_byte_and_a_foreign_code_are_not_valid(
    make_driver: Any, sandbox: PortalEndpoint
) -> None:
    kiosk = open_verification(make_driver)
    cert = certificate(kiosk, sandbox)
    show_to_camera(kiosk, qr_frame(with_changed_byte(cert.seal)))
    kiosk.wait(lambda: kiosk.screen() == "screen.verificar-documento.verdict")
    assert "NO VÁLIDO" in kiosk.text("label.verdict")
    assert not kiosk.ui.shell.findChildren(QWidget, "value.field.name")
    kiosk.tap("action.continue")
    show_to_camera(kiosk, qr_frame("https://www.ejemplo.com/factura/123"))
    kiosk.wait(lambda: kiosk.screen() == "screen.verificar-documento.verdict")
    assert "NO ES DEL" in kiosk.text("label.verdict")


def test_a_usb_scanner_burst_is_a_scan_and_slow_typing_is_not(
    make_driver: Any, sandbox: PortalEndpoint
) -> None:
    kiosk = open_verification(make_driver)
    cert = certificate(kiosk, sandbox)
    field = kiosk.find("field.verification_code")
    field.setFocus()
    # a person types part of a code, slowly: it stays in the field, nothing is checked
    for char in "CAP-20":
        QTest.keyClick(field, char)
        time.sleep(0.08)
    kiosk.settle()
    assert field.text() == "CAP-20" and kiosk.screen() == "screen.verificar-documento.scan"
    field.clear()
    time.sleep(0.4)  # the person picks up the scanner
    # the scanner types the whole seal at once, then Enter
    QTest.keyClicks(field, cert.seal)
    QTest.keyClick(field, Qt.Key.Key_Return)
    kiosk.wait(lambda: kiosk.screen() == "screen.verificar-documento.verdict")
    assert kiosk.text("label.verdict").endswith("VÁLIDO")


def test_a_code_typed_by_hand_is_looked_up_and_a_bad_one_kept(
    make_driver: Any, sandbox: PortalEndpoint
) -> None:
    kiosk = open_verification(make_driver)
    cert = certificate(kiosk, sandbox)
    kiosk.type("field.verification_code", "no es un código")
    kiosk.tap("action.check_code")
    kiosk.wait(lambda: kiosk.find("error.verification_code").isVisible())
    assert kiosk.text("field.verification_code") == "no es un código"
    assert kiosk.screen() == "screen.verificar-documento.scan"
    field = kiosk.find("field.verification_code")
    field.clear()
    kiosk.type("field.verification_code", cert.code.lower())
    kiosk.tap("action.check_code")
    kiosk.wait(lambda: kiosk.screen() == "screen.verificar-documento.verdict")
    assert "VÁLIDO" in kiosk.text("label.verdict")
    ids = ("document", "name", "dpi", "issued", "valid_until", "code")
    shown = [kiosk.text(f"value.field.{field}") for field in ids]
    assert kiosk.text("value.field.name") == cert.full_name
    assert cert.dpi[-4:] in kiosk.text("value.field.dpi")
    assert cert.dpi not in " ".join(shown).replace(" ", "")  # the portal gives the last 4 only
    assert "portal" in kiosk.text("label.compare")


def test_a_double_tap_on_check_runs_one_check(make_driver: Any, sandbox: PortalEndpoint) -> None:
    kiosk = open_verification(make_driver)
    cert = certificate(kiosk, sandbox)
    kiosk.type("field.verification_code", cert.code)
    checks: list[str] = []
    verifier = kiosk.ui.flow.verifier
    real = verifier.check_code

    async def counted(code: str) -> Any:
        checks.append(code)
        return await real(code)

    verifier.check_code = counted
    button = kiosk.find("action.check_code")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # two taps before the loop turns
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    kiosk.wait(lambda: kiosk.screen() == "screen.verificar-documento.verdict")
    kiosk.settle(0.3)
    assert checks == [cert.code]  # one check, one verdict screen
    verdicts = kiosk.shell.findChildren(QWidget, "screen.verificar-documento.verdict")
    assert len([screen for screen in verdicts if screen.isVisible()]) == 1


def test_leaving_stops_the_camera_and_keeps_nothing(
    make_driver: Any, sandbox: PortalEndpoint
) -> None:
    kiosk = open_verification(make_driver)
    cert = certificate(kiosk, sandbox)
    show_to_camera(kiosk, qr_frame(cert.seal))
    kiosk.wait(lambda: kiosk.screen() == "screen.verificar-documento.verdict")
    kiosk.tap("action.finish")
    assert kiosk.screen() == "screen.home" and kiosk.ui.flow is None
    labels = " ".join(
        widget.text() for widget in kiosk.ui.shell.findChildren(type(kiosk.find("label.brand")))
    )
    assert cert.full_name not in labels and cert.code not in labels


def test_a_clerk_opens_a_scanned_file_at_the_desk(
    make_driver: Any, sandbox: PortalEndpoint, tmp_path: Any, monkeypatch: Any
) -> None:
    """Desk mode offers "Abrir una imagen o un PDF"; the system's file dialog is stood in for by
    its answer (a native dialog cannot be driven offscreen), the rest is the real path."""
    from desk_support import audit_entries, make_desk
    from PySide6.QtWidgets import QFileDialog

    kiosk = make_desk(make_driver)
    kiosk.tap("tile.verificar-documento")
    cert = certificate(kiosk, sandbox)
    scan = tmp_path / "escaneo.png"
    assert qr_frame(cert.seal).save(str(scan))
    blank = tmp_path / "en-blanco.png"
    empty = QImage(800, 600, QImage.Format.Format_RGB32)
    empty.fill(QColor("white"))
    assert empty.save(str(blank))
    answers = iter([(str(blank), ""), (str(scan), "")])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: next(answers))
    kiosk.tap("action.open_file")
    kiosk.wait(lambda: "ningún código QR" in kiosk.text("label.scan_status"))
    assert kiosk.screen() == "screen.verificar-documento.scan"
    kiosk.tap("action.open_file")
    kiosk.wait(lambda: kiosk.screen() == "screen.verificar-documento.verdict")
    assert kiosk.text("label.verdict").endswith("VÁLIDO")
    verdict = [dict(e.fields) for e in audit_entries(kiosk) if e.kind.value == "verdict"]
    assert verdict == [
        {"staff_user": "ana.lopez", "verdict": "VALID", "document_code": cert.code,
         "document_kind": "CAP"}
    ]  # fmt: skip


def test_the_public_kiosk_offers_no_file_dialog(make_driver: Any) -> None:
    kiosk = make_driver(settings={"kiosk": {"mode": "kiosk"}})
    kiosk.tap("tile.verificar-documento")
    assert kiosk.screen() == "screen.verificar-documento.scan"
    assert not kiosk.ui.shell.findChildren(QWidget, "action.open_file")
    assert kiosk.find("action.check_code").isVisible()
