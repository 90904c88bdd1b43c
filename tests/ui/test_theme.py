"""The theme: WCAG contrast of every declared pair and every rule of the sheet, touch sizes, the
large-text and high-contrast modes, a visible focus, and repolish after a property change."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.ui import theme
from kiosk.ui.contrast import contrast_ratio, parse_hex, relative_luminance
from kiosk.ui.theme import (
    HIGH_CONTRAST,
    MIN_TARGET,
    NORMAL,
    PRIMARY_TARGET,
    TEXT_PAIRS,
    TILE_MIN_HEIGHT,
    TILE_MIN_WIDTH,
    Palette,
    apply_theme,
    repolish,
    set_dynamic,
    stylesheet,
    text_pairs,
)

MODES = [(NORMAL, 4.5, False), (HIGH_CONTRAST, 7.0, True)]


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """The application with the theme applied; the plain look comes back for the other tests."""
    font, palette = qapp.font(), qapp.palette()
    yield qapp
    qapp.setStyleSheet("")
    qapp.setFont(font)
    qapp.setPalette(palette)


# --- contrast -------------------------------------------------------------------------------------


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#0B5CAD", "#FFFFFF") == pytest.approx(contrast_ratio("#fff", "#0b5cad"))
    # The classic near-miss: #777 on white is 4.48:1, just under AA.
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert relative_luminance("#808080") == pytest.approx(0.2159, abs=1e-4)
    with pytest.raises(ValueError):
        parse_hex("#12345")


@pytest.mark.parametrize(("palette", "minimum", "_hc"), MODES, ids=["normal", "high-contrast"])
def test_every_declared_text_pair_meets_the_minimum(
    palette: Palette, minimum: float, _hc: bool
) -> None:
    failures = [
        f"{name}: {fg} on {bg} = {contrast_ratio(fg, bg):.2f}"
        for name, fg, bg in text_pairs(palette)
        if contrast_ratio(fg, bg) < minimum
    ]
    assert not failures, failures
    assert len(text_pairs(palette)) == len(TEXT_PAIRS) >= 20


def test_the_pair_check_would_catch_a_bad_colour() -> None:
    weak = Palette(
        **{**{f.name: getattr(NORMAL, f.name) for f in fields(Palette)}, "muted": "#999"}
    )
    assert any(contrast_ratio(fg, bg) < 4.5 for _n, fg, bg in text_pairs(weak))


_BLOCK = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COLOR = re.compile(r"(?<![-\w])color:\s*(#[0-9A-Fa-f]{6})")
_BACKGROUND = re.compile(r"background-color:\s*(#[0-9A-Fa-f]{6})")


@pytest.mark.parametrize(("palette", "minimum", "hc"), MODES, ids=["normal", "high-contrast"])
@pytest.mark.parametrize("large", [False, True], ids=["normal-text", "large-text"])
def test_every_rule_with_text_and_background_meets_the_minimum(
    palette: Palette, minimum: float, hc: bool, large: bool
) -> None:
    sheet = stylesheet(large_text=large, high_contrast=hc)
    checked = 0
    for selector, body in _BLOCK.findall(sheet):
        color, background = _COLOR.search(body), _BACKGROUND.search(body)
        if color and background:
            checked += 1
            ratio = contrast_ratio(color.group(1), background.group(1))
            assert ratio >= minimum, f"{selector.strip()}: {ratio:.2f}"
    assert checked >= 12


def test_palettes_are_complete_hex_colours_and_frozen() -> None:
    for palette in (NORMAL, HIGH_CONTRAST):
        for field in fields(Palette):
            value = getattr(palette, field.name)
            if field.name not in ("name", "backdrop"):
                parse_hex(value)
        with pytest.raises(AttributeError):
            palette.text = "#123456"  # type: ignore[misc]
    assert HIGH_CONTRAST.background == "#000000"
    assert relative_luminance(NORMAL.header_bg) < 0.05  # the deep OJ navy


# --- the sheet on real widgets -----------------------------------------------------------------


def _window(qtbot: QtBot) -> dict[str, QWidget]:
    window = QWidget()
    window.setProperty("kind", "screen")
    layout = QVBoxLayout(window)
    widgets: dict[str, QWidget] = {"window": window}
    for role in ("primary", "secondary", "tile", "danger", "link", "choice", "key"):
        button = QPushButton(f"Botón {role}")
        button.setProperty("role", role)
        layout.addWidget(button)
        widgets[role] = button
    for kind in ("heading", "body", "hint", "error", "step", "code"):
        label = QLabel(f"Texto {kind}")
        label.setProperty("kind", kind)
        layout.addWidget(label)
        widgets[f"label.{kind}"] = label
    summary = QFrame()
    summary.setProperty("kind", "error-summary")
    layout.addWidget(summary)
    widgets["summary"] = summary
    edit = QLineEdit("1234")
    layout.addWidget(edit)
    widgets["edit"] = edit
    qtbot.addWidget(window)
    window.resize(1280, 1400)
    window.show()
    qtbot.waitExposed(window)
    return widgets


def _center_colour(widget: QWidget) -> QColor:
    return widget.grab().toImage().pixelColor(QPoint(widget.width() // 2, 6))


def test_apply_theme_sets_sheet_palette_and_touch_sizes(qtbot: QtBot, themed: QApplication) -> None:
    apply_theme(themed, large_text=False, high_contrast=False)
    assert "QPushButton" in themed.styleSheet()
    assert themed.palette().color(QPalette.ColorRole.Window) == QColor(NORMAL.background)
    widgets = _window(qtbot)
    assert widgets["primary"].height() >= PRIMARY_TARGET
    for role in ("secondary", "danger", "link", "choice", "key"):
        assert widgets[role].height() >= MIN_TARGET, role
    assert widgets["tile"].width() >= TILE_MIN_WIDTH
    assert widgets["tile"].height() >= TILE_MIN_HEIGHT
    assert widgets["edit"].height() >= MIN_TARGET
    assert widgets["label.body"].font().pixelSize() >= 24
    assert widgets["label.heading"].font().pixelSize() >= 40
    assert widgets["label.code"].font().family().startswith("DejaVu Sans Mono")


def test_without_the_theme_buttons_are_too_small(qtbot: QtBot, themed: QApplication) -> None:
    """The size checks above can fail: Qt's own buttons are far below 64 px."""
    widgets = _window(qtbot)
    assert widgets["secondary"].height() < MIN_TARGET


def test_large_text_makes_every_text_bigger(qtbot: QtBot, themed: QApplication) -> None:
    apply_theme(themed, large_text=False, high_contrast=False)
    widgets = _window(qtbot)
    names = ["primary", "choice", "label.heading", "label.body", "label.hint", "label.code", "edit"]
    normal = {name: widgets[name].font().pixelSize() for name in names}
    apply_theme(themed, large_text=True, high_contrast=False)
    large = {name: widgets[name].font().pixelSize() for name in names}
    for name in names:
        assert large[name] >= round(normal[name] * 1.25), name
    assert themed.font().pixelSize() > normal["label.body"] - 1
    assert widgets["primary"].height() >= PRIMARY_TARGET


def test_modes_paint_their_palette(qtbot: QtBot, themed: QApplication) -> None:
    apply_theme(themed, large_text=False, high_contrast=False)
    widgets = _window(qtbot)
    assert _center_colour(widgets["primary"]) == QColor(NORMAL.primary)
    assert _center_colour(widgets["danger"]) == QColor(NORMAL.danger)
    assert _center_colour(widgets["summary"]) == QColor(NORMAL.error_bg)
    apply_theme(themed, large_text=False, high_contrast=True)
    assert _center_colour(widgets["primary"]) == QColor(HIGH_CONTRAST.primary)
    assert _center_colour(widgets["summary"]) == QColor(HIGH_CONTRAST.error_bg)
    assert widgets["label.body"].palette().color(QPalette.ColorRole.WindowText) == QColor(
        HIGH_CONTRAST.text
    )


def test_focus_is_visible_on_buttons_and_fields(qtbot: QtBot, themed: QApplication) -> None:
    apply_theme(themed, large_text=False, high_contrast=False)
    widgets = _window(qtbot)
    widgets["window"].activateWindow()
    before = _center_colour(widgets["secondary"])
    widgets["secondary"].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widgets["secondary"].hasFocus)
    assert before != QColor(NORMAL.focus)
    assert _center_colour(widgets["secondary"]) == QColor(NORMAL.focus)
    widgets["edit"].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widgets["edit"].hasFocus)
    image = widgets["edit"].grab().toImage()
    assert image.pixelColor(QPoint(2, widgets["edit"].height() // 2)) == QColor(NORMAL.focus_border)


def test_invalid_field_turns_red_after_repolish(qtbot: QtBot, themed: QApplication) -> None:
    apply_theme(themed, large_text=False, high_contrast=False)
    widgets = _window(qtbot)
    edit = widgets["edit"]
    middle = QPoint(1, edit.height() // 2)
    assert edit.grab().toImage().pixelColor(middle) == QColor(NORMAL.input_border)
    set_dynamic(edit, "invalid", True)
    assert edit.grab().toImage().pixelColor(middle) == QColor(NORMAL.error)
    edit.setProperty("invalid", False)
    repolish(edit)
    assert edit.grab().toImage().pixelColor(middle) == QColor(NORMAL.input_border)


def test_checked_choice_changes_fill_not_only_hue(qtbot: QtBot, themed: QApplication) -> None:
    apply_theme(themed, large_text=False, high_contrast=False)
    widgets = _window(qtbot)
    choice = widgets["choice"]
    assert isinstance(choice, QPushButton)
    choice.setCheckable(True)
    unchecked = _center_colour(choice)
    choice.setChecked(True)
    checked = _center_colour(choice)
    assert checked == QColor(NORMAL.choice_checked)
    assert contrast_ratio(unchecked.name(), checked.name()) >= 3.0


def test_sheet_lists_every_role_and_kind() -> None:
    sheet = stylesheet(large_text=False, high_contrast=False)
    for role in theme.BUTTON_ROLES:
        assert f'QPushButton[role="{role}"]' in sheet
    for kind in theme.LABEL_KINDS:
        assert f'QLabel[kind="{kind}"]' in sheet
    for kind in theme.FRAME_KINDS:
        assert f'QFrame[kind="{kind}"]' in sheet
    assert 'QLineEdit[invalid="true"]' in sheet
    assert stylesheet(large_text=True, high_contrast=False) != sheet
