"""An action's screen says what it is doing: after a failure, «Intentar de nuevo» shows the
work again, not «No se pudo completar» over a running progress bar."""

from __future__ import annotations

from typing import Any

from kiosk.ui.screens.steps import OperationScreen


def test_a_retry_says_again_what_it_is_doing(qtbot: Any) -> None:
    screen = OperationScreen("normativas", "search", "Estamos buscando en las normativas.")
    qtbot.addWidget(screen)
    screen.show_failure("El portal no responde.", can_retry=True)
    assert screen.heading.text() == "No se pudo completar"
    screen.show_running()
    assert screen.heading.text() == "Estamos buscando en las normativas."
    assert not screen.message.isVisibleTo(screen) and not screen.retry.isVisibleTo(screen)
