"""Render every screen and overlay of the kiosk into PNGs, to look at them as a citizen would.

Run by `make screenshots` under Xvfb (a real X server, real fonts): for each window size
(1920x1080, 1280x800) and look (normal, large text, high contrast) it walks the home screen, a
service the portal says is unavailable, the account flow with its error summary, the review, the
result, and the idle, staff-PIN and crash overlays, plus the English and pseudo-locale home screens.
The portal is the embedded sandbox, over real HTTP.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget

from kiosk.app import compose
from kiosk.config import load_settings
from kiosk.embedded_portal import EmbeddedPortal
from kiosk.portal.client import PortalClient, new_idempotency_key
from kiosk.portal.models import Bank, SandboxBoletaCreate
from kiosk.portal.models.common import SANDBOX_SET_AVAILABILITY, Availability
from kiosk.portal.models.sandbox import SANDBOX_CREATE_BOLETA
from kiosk.services.printer import Printer
from kiosk.ui.kiosk_ui import KioskUi
from kiosk.ui.theme import apply_theme

SIZES = {"1920x1080": (1920, 1080), "1280x800": (1280, 800)}
LOOKS = {"normal": (False, False), "large": (True, False), "contrast": (False, True)}


async def settle(ms: int = 60) -> None:
    # Never processEvents() inside a coroutine: qasync would re-enter the loop. Just yield to it.
    await asyncio.sleep(ms / 1000)


def find(root: QWidget, name: str) -> QWidget:
    widget = root.findChild(QWidget, name)
    if widget is None:
        raise LookupError(name)
    return widget


async def tap(root: QWidget, name: str) -> None:
    widget = find(root, name)
    assert isinstance(widget, QPushButton), name
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    await settle()


async def type_into(root: QWidget, name: str, text: str) -> None:
    edit = find(root, name)
    assert isinstance(edit, QLineEdit), name
    edit.window().activateWindow()
    edit.setFocus()
    edit.setText(text)
    await settle()


async def wait_for(condition: Callable[[], bool], timeout: float = 15) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("the kiosk did not get there in time")


def on_screen(ui: KioskUi, name: str) -> bool:
    return ui.shell.current_screen is not None and ui.shell.current_screen.objectName() == name


async def walk(ui: KioskUi, client: PortalClient, out: Path, prefix: str) -> list[Path]:
    shell = ui.shell
    shots: list[Path] = []

    async def shot(name: str) -> None:
        await settle(150)
        path = out / f"{prefix}-{name}.png"
        shell.grab().save(str(path))
        # the window never grows past the screen it is shown on (min sizes of bar and keyboard)
        height = SIZES[prefix.split("-")[0]][1]
        assert shell.height() <= height, f"{prefix}-{name}: {shell.height()} px tall"
        shots.append(path)

    ui.reset_session("screenshots")
    await wait_for(lambda: ui.catalog is not None, 10)
    await settle(200)
    await shot("01-home")
    closed = {"service_id": "amparos"}  # a service the portal says is unavailable, and why
    reason = "Mantenimiento programado."
    await client.call(SANDBOX_SET_AVAILABILITY, path=closed,
                      body=Availability(available=False, reason=reason))  # fmt: skip
    ui.refresh_catalog()
    await wait_for(lambda: any(s.id == "amparos" and not s.available for s in ui.catalog or []))
    await tap(shell, "tile.amparos")
    await shot("02-unavailable")
    await client.call(SANDBOX_SET_AVAILABILITY, path=closed, body=Availability(available=True))
    await tap(shell, "action.back_home")
    await tap(shell, "tile.cuenta")
    await type_into(shell, "field.dpi", "2468 1357")
    await shot("03-account-dpi-keyboard")
    await tap(shell, "action.continue")
    await shot("04-account-dpi-error")
    await type_into(shell, "field.dpi", "3041 88638 1601")
    await tap(shell, "action.continue")
    await type_into(shell, "field.birth_date", "15/09/2001")
    await shot("05-account-birth-date")
    await tap(shell, "action.continue")
    await type_into(shell, "field.email", f"ixchel.{new_idempotency_key()[:6]}@ejemplo.gt")
    await shot("06-account-email-keyboard")
    await tap(shell, "action.continue")
    await type_into(shell, "field.password", "mi abuela teje huipiles")
    await type_into(shell, "field.password_repeat", "mi abuela teje huipiles")
    await tap(shell, "action.continue")
    await shot("07-account-review")
    await tap(shell, "action.continue")
    await wait_for(lambda: not ui.ops.busy)
    await shot("08-account-result")
    ui.reset_session("screenshots")
    boleta = await client.call(
        SANDBOX_CREATE_BOLETA,
        body=SandboxBoletaCreate(bank=Bank.GYT),
        idempotency_key=new_idempotency_key(),
    )
    await tap(shell, "tile.antecedentes-penales")
    await shot("12-record-about")
    await tap(shell, "action.continue")
    await tap(shell, "field.mode.sin_registro")
    await shot("13-record-mode")
    await tap(shell, "action.continue")
    await type_into(shell, "field.guest_dpi", "2468 13571 0101")
    await tap(shell, "action.continue")
    await type_into(shell, "field.guest_birth_date", "14/05/1990")
    await tap(shell, "action.continue")
    await type_into(shell, "field.first_names", "María José")
    await type_into(shell, "field.last_names", "Pérez López")
    await shot("14-record-names")
    await tap(shell, "action.continue")
    await tap(shell, "field.send_email.no")
    await tap(shell, "action.continue")
    await tap(shell, "field.pay_method.boleta")
    await tap(shell, "action.continue")
    await tap(shell, "field.boleta_bank.gyt")
    await tap(shell, "action.continue")
    await type_into(shell, "field.boleta_number", boleta.number)
    await type_into(shell, "field.boleta_paid_on", boleta.paid_on.strftime("%d/%m/%Y"))
    await type_into(shell, "field.boleta_amount", "30.00")
    await shot("15-record-boleta")
    await tap(shell, "action.continue")
    await wait_for(lambda: ui.shell.current_screen is not None
                   and ui.shell.current_screen.objectName().endswith(".review"))  # fmt: skip
    await shot("16-record-review")
    await tap(shell, "action.continue")
    await wait_for(lambda: ui.shell.current_screen is not None
                   and ui.shell.current_screen.objectName().endswith(".issued"))  # fmt: skip
    await wait_for(lambda: not ui.ops.busy)
    await shot("17-record-issued")
    issued = ui.flow.run.results["submit_request"] if ui.flow else None  # type: ignore[union-attr]
    certificate = await client.certificate(issued.download_code)  # type: ignore[union-attr]
    ui.reset_session("screenshots")
    await tap(shell, "tile.antecedentes-penales")
    await tap(shell, "action.continue")
    await tap(shell, "field.mode.sin_registro")
    await tap(shell, "action.continue")
    await type_into(shell, "field.guest_dpi", "2468 13571 0101")
    await tap(shell, "action.continue")
    await type_into(shell, "field.guest_birth_date", "14/05/1990")
    await tap(shell, "action.continue")
    await type_into(shell, "field.first_names", "María José")
    await type_into(shell, "field.last_names", "Pérez López")
    await tap(shell, "action.continue")
    await tap(shell, "field.send_email.no")
    await tap(shell, "action.continue")
    await tap(shell, "field.pay_method.en_linea")
    await tap(shell, "action.continue")
    await wait_for(lambda: ui.shell.current_screen is not None
                   and ui.shell.current_screen.objectName().endswith(".payment_slip"))  # fmt: skip
    await wait_for(lambda: not ui.ops.busy)
    await settle(300)
    await shot("18-record-payment-slip")
    ui.reset_session("screenshots")
    await tap(shell, "tile.constancia-con-codigo")
    await type_into(shell, "field.download_code", "K7QM 4TZP")
    await tap(shell, "action.continue")
    await shot("19-collect-code-error")
    ui.reset_session("screenshots")
    await tap(shell, "tile.verificar-documento")
    await shot("20-verify-scan")
    controller = ui.flow
    for text, name in (
        (certificate.seal, "21-verify-valid"),
        ("https://ejemplo.com/x", "22-verify-not-oj"),
    ):
        controller._check(  # type: ignore[union-attr]
            lambda seal=text: controller.verifier.check_text(seal),  # type: ignore[union-attr]
            "screenshots",
        )
        await wait_for(lambda: on_screen(ui, "screen.verificar-documento.verdict"))
        await shot(name)
        await tap(shell, "action.continue")
    ui.reset_session("screenshots")
    await tap(shell, "tile.expedientes-laborales")
    await type_into(shell, "field.number", "23001-2019-1")
    await tap(shell, "action.continue")
    await shot("23-labor-number-error")
    await type_into(shell, "field.number", "485-2011 Of. 2")
    await tap(shell, "action.continue")
    await wait_for(lambda: on_screen(ui, "screen.expedientes-laborales.results"))
    await shot("24-labor-results")
    await tap(shell, "action.back")
    await tap(shell, "action.alternative")
    await shot("25-labor-build-department")
    await tap(shell, "field.department.9")
    await tap(shell, "action.continue")
    await shot("26-labor-build-court")
    await tap(shell, "field.court.09006")
    await tap(shell, "action.continue")
    await type_into(shell, "field.year", "2025")
    await type_into(shell, "field.sequence", "77")
    await tap(shell, "action.continue")
    await wait_for(lambda: on_screen(ui, "screen.expedientes-laborales.record"))
    await shot("27-labor-record")
    ui.reset_session("screenshots")
    await tap(shell, "tile.cuenta")
    ui.idle_overlay.set_seconds(17)
    ui.idle_overlay.show_over()
    await shot("09-idle-overlay")
    ui.reset_session("screenshots")
    ui.pin_overlay.show_over()
    await shot("10-staff-pin")
    ui.pin_overlay.hide()
    ui.show_crash()
    await shot("11-crash")
    ui.message_overlay.hide()
    return shots


async def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    portal = EmbeddedPortal(Path(tempfile.mkdtemp(prefix="shots-sandbox-")), 2026, 60)
    portal.start()
    endpoint = portal.wait_ready()
    trust_cache = tempfile.mkdtemp(prefix="shots-trust-")
    # The public kiosk, what a citizen sees (a desk would stop at the clerk's sign-in, as this
    # script did since the desk got one); shown as a window here, so it can be resized.
    settings = load_settings(
        overrides={"kiosk": {"mode": "kiosk"}, "trust": {"cache_dir": trust_cache}}
    )
    # this machine's CUPS, as the kiosk's
    kiosk = compose(app, settings, endpoint, printer=Printer(settings.printer.queue, None, 10.0))
    ui, client = kiosk.ui, kiosk.client
    ui.shell.show()
    shots: list[Path] = []
    try:
        for size_name, (width, height) in SIZES.items():
            ui.shell.resize(width, height)
            for look, (large, contrast) in LOOKS.items():
                apply_theme(app, large_text=large, high_contrast=contrast)
                shots += await walk(ui, client, out, f"{size_name}-{look}")
            apply_theme(app, large_text=False, high_contrast=False)
            for language in ("en", "xx"):
                ui.set_language(language)
                await wait_for(lambda: ui.catalog is not None)
                await settle(200)
                path = out / f"{size_name}-home-{language}.png"
                ui.shell.grab().save(str(path))
                shots.append(path)
            ui.set_language("es")
    finally:
        await kiosk.aclose()
        portal.stop()
    print(f"{len(shots)} capturas en {out}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    args = parser.parse_args()
    application = QApplication(sys.argv[:1])
    sys.exit(qasync.run(main(args.out)))
