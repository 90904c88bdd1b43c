"""The steps of a visitor through Antecedentes Penales on the kiosk's screens (by object names), so
that each journey test reads as the part of the visit it is about."""

from __future__ import annotations

from kiosk_driver import Driver
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.portal.models import SandboxBoleta
from kiosk.sandbox.demo import DemoPerson

TILE = "tile.antecedentes-penales"
COLLECT_TILE = "tile.constancia-con-codigo"


def screen(step: str) -> str:
    return f"screen.antecedentes-penales.{step}"


def reach(kiosk: Driver, step: str, timeout: float = 15) -> None:
    """Wait for the screen of ``step`` (portal calls run in between)."""
    name = step if step.startswith("screen.") else screen(step)
    try:
        kiosk.wait(lambda: kiosk.screen() == name, timeout)
    except AssertionError:
        raise AssertionError(f"still on {kiosk.screen()}, not {name}: {shown(kiosk)}") from None


def begin(kiosk: Driver, mode: str) -> None:
    """From the home tile to the first question of ``mode`` (sin_registro, con_cuenta, ...)."""
    kiosk.tap(TILE)
    assert kiosk.screen() == screen("about")
    kiosk.tap("action.continue")
    kiosk.tap(f"field.mode.{mode}")
    kiosk.tap("action.continue")


def as_guest(kiosk: Driver, person: DemoPerson) -> None:
    """Identity as on the DPI, no email: ends on "¿Cómo va a pagar el trámite?"."""
    begin(kiosk, "sin_registro")
    kiosk.type("field.guest_dpi", person.dpi)
    kiosk.tap("action.continue")
    kiosk.type("field.guest_birth_date", person.birth_date.strftime("%d/%m/%Y"))
    kiosk.tap("action.continue")
    kiosk.type("field.first_names", person.first_names)
    kiosk.type("field.last_names", person.last_names)
    kiosk.tap("action.continue")
    kiosk.tap("field.send_email.no")
    kiosk.tap("action.continue")
    reach(kiosk, "pay_method")


def type_boleta(kiosk: Driver, bank: str, number: str, paid_on: str, amount: str) -> None:
    """From "¿Cómo va a pagar?" to the boleta screen, filled in, and Continuar."""
    kiosk.tap("field.pay_method.boleta")
    kiosk.tap("action.continue")
    kiosk.tap(f"field.boleta_bank.{bank}")
    kiosk.tap("action.continue")
    kiosk.type("field.boleta_number", number)
    kiosk.type("field.boleta_paid_on", paid_on)
    kiosk.type("field.boleta_amount", amount)
    kiosk.tap("action.continue")


def pay_with(kiosk: Driver, boleta: SandboxBoleta) -> None:
    """A good boleta: ends on the review."""
    type_boleta(
        kiosk, boleta.bank.value, boleta.number, boleta.paid_on.strftime("%d/%m/%Y"), "30.00"
    )
    reach(kiosk, "review")


def here(kiosk: Driver, name: str) -> QWidget:
    """``name`` on the screen shown now (a kept screen, like home, has the same names)."""
    current = kiosk.shell.current_screen
    found = current.findChild(QWidget, name) if current is not None else None
    assert found is not None, f"no {name} on {kiosk.screen()}"
    return found


def text_here(kiosk: Driver, name: str) -> str:
    return str(here(kiosk, name).text())  # type: ignore[attr-defined]


def heading(kiosk: Driver) -> str:
    return text_here(kiosk, "label.heading")


def failure(kiosk: Driver) -> str:
    """The message of a failed operation, once it is on screen."""
    kiosk.wait(lambda: here(kiosk, "label.message").isVisible())
    return text_here(kiosk, "label.message")


def print_status(kiosk: Driver) -> str:
    """How the printout ended, once it has (the status says so only at the end)."""

    def ended() -> bool:
        printing = text_here(kiosk, "label.print_status") == "Imprimiendo su documento…"
        status = here(kiosk, "label.print_status")
        return status.isVisible() and not printing and status.property("kind") is not None

    kiosk.wait(ended, timeout=30)
    return text_here(kiosk, "label.print_status")


def finish(kiosk: Driver) -> None:
    """Tap "Terminar y borrar mis datos": the visit and its files (the PDFs) go at once."""
    folder = kiosk.ui.session.temp_dir()
    kiosk.tap("action.finish")
    assert kiosk.screen() == "screen.home"
    assert not folder.exists()


def codes(kiosk: Driver) -> list[str]:
    """The codes in large type (``value.code.<meaning>``), top to bottom as shown."""
    current = kiosk.shell.current_screen
    if current is None:
        return []
    names = [
        widget.objectName()
        for widget in current.findChildren(QWidget)
        if widget.objectName().startswith("value.code.")
    ]
    return [text_here(kiosk, name) for name in names]


def larger_than_body(kiosk: Driver, name: str) -> bool:
    """The widget's text is drawn at least half as large again as the screen's body text."""
    code, body = here(kiosk, name), here(kiosk, "label.body")
    code.ensurePolished()
    body.ensurePolished()
    return QFontInfo(code.font()).pixelSize() >= 1.5 * QFontInfo(body.font()).pixelSize()


def shown(kiosk: Driver) -> str:
    """Every text the visitor can see now (labels and buttons), one per line."""
    widgets = kiosk.shell.findChildren(QWidget)
    texts = [
        w.text()
        for w in widgets
        if isinstance(w, QLabel | QAbstractButton) and w.isVisible() and w.text()
    ]
    return "\n".join(texts)
