"""Longer translations must still fit: every screen in the pseudo-locale (about 40 % longer), at
1280x800 and 1920x1080, in normal and large text, with nothing clipped."""

from __future__ import annotations

from typing import Any

import pytest
from clipping import clipped
from PySide6.QtWidgets import QApplication
from support.planned import pretend_not_built
from verification.sealed import issue_constancia, portal_client

from kiosk import i18n
from kiosk.embedded_portal import PortalEndpoint
from kiosk.ui.theme import apply_theme


def pseudo(text: str) -> bool:
    """Said in the pseudo-locale (⟦…⟧), not left in Spanish."""
    return text.startswith("⟦") and text.rstrip(".").endswith("⟧")


async def issued_seal(sandbox: PortalEndpoint) -> str:
    async with portal_client(sandbox) as client:
        return (await issue_constancia(client)).seal


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
@pytest.mark.parametrize("large", [False, True])
def test_no_clipped_text_in_the_pseudo_locale(
    make_driver: Any,
    sandbox: PortalEndpoint,
    size: tuple[int, int],
    large: bool,
    monkeypatch: Any,
) -> None:
    planned = pretend_not_built(monkeypatch)
    kiosk = make_driver()
    kiosk.shell.resize(*size)
    apply_theme(QApplication.instance(), large_text=large, high_contrast=False)  # type: ignore[arg-type]
    i18n.set_language("xx")
    kiosk.ui.go_home()
    kiosk.wait(lambda: kiosk.ui.catalog is not None)
    kiosk.settle(0.1)
    seen = {"home": clipped(kiosk.shell)}
    kiosk.tap(f"tile.{planned}")
    seen["not-built"] = clipped(kiosk.shell)
    kiosk.tap("action.home")
    kiosk.tap("tile.cuenta")
    kiosk.tap("action.continue")  # empty: the error summary shows
    seen["dpi-error"] = clipped(kiosk.shell)
    kiosk.ui.open("antecedentes-penales")
    kiosk.settle()
    kiosk.tap("action.continue")
    kiosk.tap("field.mode.sin_registro")
    seen["choice-with-hints"] = clipped(kiosk.shell)
    kiosk.ui.go_home()
    kiosk.tap("tile.verificar-documento")
    kiosk.type("field.verification_code", "12")
    kiosk.tap("action.check_code")
    kiosk.wait(lambda: kiosk.find("error.verification_code").isVisible())
    seen["verify-scan"] = clipped(kiosk.shell)
    seal = kiosk.run(issued_seal(sandbox))
    controller = kiosk.ui.flow
    controller._check(lambda: controller.verifier.check_text(seal), "test")
    kiosk.wait(lambda: kiosk.screen() == "screen.verificar-documento.verdict")
    seen["verify-verdict"] = clipped(kiosk.shell)
    kiosk.ui.idle_overlay.set_seconds(20)
    kiosk.ui.idle_overlay.show_over()
    kiosk.settle(0.1)
    seen["idle"] = clipped(kiosk.shell)
    kiosk.ui.idle_overlay.hide()
    kiosk.ui.show_crash()
    kiosk.settle(0.1)
    seen["crash"] = clipped(kiosk.shell)
    kiosk.ui.message_overlay.hide()
    kiosk.ui.set_language("xx")  # the crash's reset went back to the kiosk's own language
    kiosk.settle(0.1)
    # texts with parameters are translated when shown, not formatted in Spanish before
    kiosk.ui.open("antecedentes-penales")
    kiosk.settle()
    assert pseudo(kiosk.text("label.body")) and "Q30.00" in kiosk.text("label.body")
    seen["info-with-parameters"] = clipped(kiosk.shell)
    kiosk.ui.open("expedientes-laborales")
    kiosk.settle()
    kiosk.type("field.number", "23001-2019-1")
    kiosk.tap("action.continue")
    assert pseudo(kiosk.text("error.number")) and "23" in kiosk.text("error.number")
    seen["field-error-with-parameters"] = clipped(kiosk.shell)
    kiosk.type("field.number", "09006-2025-00077")
    kiosk.tap("action.continue")
    kiosk.wait(lambda: kiosk.screen() == "screen.expedientes-laborales.record")
    assert pseudo(kiosk.text("value.heading")) and pseudo(kiosk.text("hint.stage"))
    seen["record"] = clipped(kiosk.shell)
    problems = {screen: found for screen, found in seen.items() if found}
    apply_theme(QApplication.instance(), large_text=False, high_contrast=False)  # type: ignore[arg-type]
    assert not problems, problems


def test_the_check_sees_clipping(make_driver: Any) -> None:
    """The checker itself must be able to fail: squeeze the window until text cannot fit."""
    kiosk = make_driver()
    i18n.set_language("xx")
    kiosk.ui.go_home()
    kiosk.shell.setMinimumSize(1, 1)
    kiosk.shell.footer.setFixedWidth(300)
    kiosk.settle(0.1)
    assert clipped(kiosk.shell)
