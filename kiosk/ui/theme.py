"""The kiosk's look: two palettes, two text scales and ONE application style sheet.

Screens and the shell never write colours or sizes. They tag widgets with dynamic properties and
the sheet does the rest (call `repolish` after changing a property on a visible widget):

    QPushButton / QToolButton  role = primary | secondary | tile | danger | link | choice | key
                               word = true (on a "key" whose label is a word: smaller type)
    QLabel                     kind = heading | subheading | body | hint | error | step | code |
                                      countdown | success | label | value (check answers);
                                      brand | brand-sub inside the header
    QFrame                     kind = header | nav | footer | card | error-summary
    QLineEdit                  invalid = true (a bool property)
    any overlay                kind = overlay (backdrop colour, see kiosk.ui.overlays)

Every touch target is at least `MIN_TARGET` px high (primary buttons `PRIMARY_TARGET`); layouts put
`TARGET_SPACING` px (or more) between them. Focus looks the same everywhere (GOV.UK's pattern): the
focused button turns to the focus colour with dark text and a dark border; a focused field gets a
thick dark border and a tinted background. Every text/background pair the sheet uses is declared in
`TEXT_PAIRS` and checked by the tests: 4.5:1 in NORMAL, 7:1 in HIGH_CONTRAST.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QWidget

__all__ = [
    "BODY_FONT",
    "HIGH_CONTRAST",
    "LARGE",
    "LARGE_FACTOR",
    "MIN_TARGET",
    "MONO_FONT",
    "NORMAL",
    "NORMAL_TEXT",
    "PRIMARY_TARGET",
    "TARGET_SPACING",
    "TEXT_PAIRS",
    "TILE_MIN_HEIGHT",
    "TILE_MIN_WIDTH",
    "Palette",
    "TextScale",
    "apply_theme",
    "palette_for",
    "repolish",
    "set_dynamic",
    "stylesheet",
    "text_pairs",
    "text_scale",
]

MIN_TARGET = 64  # px, ≈ 15 mm on a 21.5" 1920x1080 screen
PRIMARY_TARGET = 72
TARGET_SPACING = 8  # px between two targets, at least
TILE_MIN_WIDTH, TILE_MIN_HEIGHT = 200, 160
LARGE_FACTOR = 1.3
SCROLLBAR = 32  # px: a scroll bar a finger can drag

BODY_FONT = "DejaVu Sans"
MONO_FONT = "DejaVu Sans Mono"

BUTTON_ROLES = ("primary", "secondary", "tile", "danger", "link", "choice", "key")
LABEL_KINDS = (
    "heading",
    "subheading",
    "body",
    "hint",
    "error",
    "step",
    "code",
    "countdown",
    "success",
    "label",
    "value",
    "reading",
    "verdict-good",
    "verdict-bad",
    "verdict-warn",
    "warning",
)
FRAME_KINDS = (
    "header",
    "nav",
    "footer",
    "card",
    "error-summary",
    "verdict-good",
    "verdict-bad",
    "verdict-warn",
)


@dataclass(frozen=True)
class Palette:
    name: str
    background: str  # the page
    surface: str  # cards, tiles
    card_border: str
    text: str
    heading: str
    muted: str  # hints, "Paso N de M"
    header_bg: str
    header_text: str
    footer_bg: str
    footer_text: str
    primary: str
    primary_text: str
    primary_pressed: str
    link: str  # also the text and border of secondary buttons
    secondary_bg: str
    secondary_pressed: str
    input_bg: str
    input_border: str
    danger: str
    danger_text: str
    danger_pressed: str
    error: str  # error text and the invalid-field border
    error_bg: str  # the error summary
    success: str  # success text ("VÁLIDO") on the page
    success_fill: str
    success_fill_text: str
    warning: str
    warning_text: str
    focus: str  # focused button fill
    focus_text: str
    focus_border: str
    focus_input_bg: str
    choice_checked: str
    choice_checked_text: str
    disabled_bg: str
    disabled_text: str
    backdrop: str  # overlays: rgba() behind the card


NORMAL = Palette(
    name="normal",
    background="#FFFFFF",
    surface="#F3F5F8",
    card_border="#C5CCD6",
    text="#1A1A1A",
    heading="#0B2E59",
    muted="#4A5563",
    header_bg="#0B2E59",
    header_text="#FFFFFF",
    footer_bg="#E8ECF2",
    footer_text="#1A1A1A",
    primary="#0B5CAD",
    primary_text="#FFFFFF",
    primary_pressed="#083F78",
    link="#0B5CAD",
    secondary_bg="#FFFFFF",
    secondary_pressed="#DCE7F5",
    input_bg="#FFFFFF",
    input_border="#505A5F",
    danger="#A4141D",
    danger_text="#FFFFFF",
    danger_pressed="#7A0F15",
    error="#B3141D",
    error_bg="#FDECEC",
    success="#1B6B34",
    success_fill="#1B6B34",
    success_fill_text="#FFFFFF",
    warning="#FFC940",
    warning_text="#1A1A1A",
    focus="#FFDD00",
    focus_text="#0B0C0C",
    focus_border="#0B0C0C",
    focus_input_bg="#FFF7CC",
    choice_checked="#0B2E59",
    choice_checked_text="#FFFFFF",
    disabled_bg="#E6E8EB",
    disabled_text="#4A5563",
    backdrop="rgba(11, 20, 35, 180)",
)

HIGH_CONTRAST = Palette(
    name="high-contrast",
    background="#000000",
    surface="#000000",
    card_border="#FFFFFF",
    text="#FFFFFF",
    heading="#FFFF00",
    muted="#D9D9D9",
    header_bg="#000000",
    header_text="#FFFF00",
    footer_bg="#000000",
    footer_text="#FFFFFF",
    primary="#FFFF00",
    primary_text="#000000",
    primary_pressed="#FFFFFF",
    link="#FFFF00",
    secondary_bg="#000000",
    secondary_pressed="#333333",
    input_bg="#000000",
    input_border="#FFFFFF",
    danger="#FF9999",
    danger_text="#000000",
    danger_pressed="#FFFFFF",
    error="#FF9999",
    error_bg="#000000",
    success="#66FF66",
    success_fill="#66FF66",
    success_fill_text="#000000",
    warning="#FFB000",
    warning_text="#000000",
    focus="#000099",  # dark, so yellow or white text on a focused control stays readable
    focus_text="#FFFFFF",
    focus_border="#00FFFF",
    focus_input_bg="#002B2B",
    choice_checked="#FFFFFF",
    choice_checked_text="#000000",
    disabled_bg="#000000",
    disabled_text="#BFBFBF",
    backdrop="rgba(0, 0, 0, 225)",
)

# (foreground field, background field): every text colour the sheet puts on a background.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"),
    ("text", "surface"),
    ("heading", "background"),
    ("heading", "surface"),
    ("muted", "background"),
    ("muted", "surface"),
    ("header_text", "header_bg"),
    ("footer_text", "footer_bg"),
    ("primary_text", "primary"),
    ("primary_text", "primary_pressed"),
    ("link", "background"),
    ("link", "surface"),
    ("link", "secondary_bg"),
    ("link", "secondary_pressed"),
    ("text", "input_bg"),
    ("text", "focus_input_bg"),
    ("danger_text", "danger"),
    ("danger_text", "danger_pressed"),
    ("error", "background"),
    ("error", "surface"),
    ("error", "error_bg"),
    ("text", "error_bg"),
    ("heading", "error_bg"),
    ("success", "background"),
    ("success", "surface"),
    ("success_fill_text", "success_fill"),
    ("warning_text", "warning"),
    ("focus_text", "focus"),
    ("link", "focus"),  # text coloured by palette(button-text) inside a focused control
    ("text", "focus"),
    ("heading", "focus"),
    ("secondary_bg", "link"),  # a checked secondary button (the header toggles)
    ("header_bg", "header_text"),
    ("choice_checked_text", "choice_checked"),
    ("text", "secondary_bg"),
    ("disabled_text", "disabled_bg"),
)


def text_pairs(palette: Palette) -> list[tuple[str, str, str]]:
    """(name, foreground hex, background hex) for each declared pair in ``palette``."""
    return [(f"{fg}/{bg}", getattr(palette, fg), getattr(palette, bg)) for fg, bg in TEXT_PAIRS]


def palette_for(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else NORMAL


@dataclass(frozen=True)
class TextScale:
    """Pixel sizes. Body 26 px ≈ 20 pt at the ~100 dpi of a 21.5" 1080p panel."""

    body: int
    heading: int
    button: int
    hint: int
    step: int
    code: int
    countdown: int
    title: int  # the header's "Organismo Judicial"
    key: int  # numeric keypad keys (the PIN pad)
    subheading: int
    reading: int  # a long text read on screen (an article of a law)

    def scaled(self, factor: float) -> TextScale:
        return TextScale(*(round(getattr(self, f.name) * factor) for f in fields(self)))


NORMAL_TEXT = TextScale(
    body=26,
    heading=40,
    button=26,
    hint=24,
    step=24,
    code=40,
    countdown=36,
    title=30,
    key=32,
    subheading=32,
    reading=29,
)
LARGE = NORMAL_TEXT.scaled(LARGE_FACTOR)


def text_scale(large: bool) -> TextScale:
    return LARGE if large else NORMAL_TEXT


# --- the sheet --------------------------------------------------------------------------------

_BORDER = 4  # every button has a 4 px border in every state, so focus never moves the layout
_RADIUS = 8


def _content_min(total: int, pad_v: int, border: int = _BORDER) -> int:
    """QSS min-height is the content box: subtract padding and border to get ``total`` px."""
    return total - 2 * pad_v - 2 * border


def _buttons(p: Palette, s: TextScale) -> str:
    pad_v = 8
    both = "QPushButton{sel}, QToolButton{sel}"

    def sel(role: str = "", state: str = "") -> str:
        attr = f'[role="{role}"]' if role else ""
        return both.format(sel=f"{attr}{state}")

    rules = [
        f"""
{sel()} {{
    font-family: "{BODY_FONT}"; font-size: {s.button}px; font-weight: bold;
    color: {p.link}; background-color: {p.secondary_bg};
    border: {_BORDER}px solid {p.link}; border-radius: {_RADIUS}px;
    padding: {pad_v}px 24px; min-height: {_content_min(MIN_TARGET, pad_v)}px;
    min-width: {MIN_TARGET - 2 * _BORDER}px;
}}
{sel("primary")} {{
    color: {p.primary_text}; background-color: {p.primary}; border-color: {p.primary};
    min-height: {_content_min(PRIMARY_TARGET, pad_v)}px; padding: {pad_v}px 40px;
}}
{sel("secondary")} {{
    color: {p.link}; background-color: {p.secondary_bg}; border-color: {p.link};
}}
{sel("tile")} {{
    color: {p.heading}; background-color: {p.surface}; border: {_BORDER}px solid {p.card_border};
    border-radius: 12px; padding: 16px; text-align: left;
    min-width: {TILE_MIN_WIDTH - 2 * 16 - 2 * _BORDER}px;
    min-height: {_content_min(TILE_MIN_HEIGHT, 16)}px;
    qproperty-iconSize: 64px 64px;
}}
{sel("danger")} {{
    color: {p.danger_text}; background-color: {p.danger}; border-color: {p.danger};
}}
{sel("link")} {{
    color: {p.link}; background-color: transparent; border-color: transparent;
    text-decoration: underline; padding: {pad_v}px 8px; text-align: left;
}}
{sel("choice")} {{
    color: {p.text}; background-color: {p.input_bg}; border-color: {p.input_border};
    font-size: {s.body}px; font-weight: normal; text-align: left; padding: {pad_v}px 24px;
}}
{sel("key")} {{
    color: {p.link}; background-color: {p.secondary_bg}; border-color: {p.link};
    font-size: {s.key}px; padding: 4px 4px; min-height: {_content_min(MIN_TARGET, 4)}px;
}}
{sel("key", '[word="true"]')} {{ font-size: {s.hint}px; }}
{sel("secondary", ":checked")} {{
    color: {p.secondary_bg}; background-color: {p.link}; border-color: {p.link};
}}
{sel("choice", ":checked")} {{
    color: {p.choice_checked_text}; background-color: {p.choice_checked};
    border-color: {p.choice_checked}; font-weight: bold;
}}""",
    ]
    # Focus, then pressed, then disabled: later rules of equal specificity win.
    focus = ", ".join(sel(role, ":focus") for role in ("", *BUTTON_ROLES))
    rules.append(
        f"""
{focus} {{
    color: {p.focus_text}; background-color: {p.focus}; border-color: {p.focus_border};
}}
{sel("choice", ":checked:focus")} {{
    color: {p.choice_checked_text}; background-color: {p.choice_checked};
    border-color: {p.focus};
}}
{sel("primary", ":pressed")} {{
    color: {p.primary_text}; background-color: {p.primary_pressed};
    border-color: {p.primary_pressed};
}}
{sel(state=":pressed")}, {sel("secondary", ":pressed")}, {sel("tile", ":pressed")},
{sel("link", ":pressed")}, {sel("key", ":pressed")} {{
    color: {p.link}; background-color: {p.secondary_pressed};
}}
{sel("danger", ":pressed")} {{
    color: {p.danger_text}; background-color: {p.danger_pressed};
    border-color: {p.danger_pressed};
}}"""
    )
    disabled = ", ".join(sel(role, ":disabled") for role in ("", *BUTTON_ROLES))
    rules.append(
        f"""
{disabled} {{
    color: {p.disabled_text}; background-color: {p.disabled_bg};
    border: {_BORDER}px dashed {p.disabled_text};
}}"""
    )
    return "".join(rules)


def _labels(p: Palette, s: TextScale) -> str:
    return f"""
QLabel {{ color: {p.text}; font-size: {s.body}px; }}
QLabel[kind="heading"] {{ color: {p.heading}; font-size: {s.heading}px; font-weight: bold; }}
QLabel[kind="body"] {{ color: {p.text}; font-size: {s.body}px; }}
QLabel[kind="hint"] {{ color: {p.muted}; font-size: {s.hint}px; }}
QLabel[kind="error"] {{ color: {p.error}; font-size: {s.body}px; font-weight: bold; }}
QLabel[kind="step"] {{ color: {p.muted}; font-size: {s.step}px; font-weight: bold; }}
QLabel[kind="code"] {{
    color: {p.text}; font-family: "{MONO_FONT}"; font-size: {s.code}px; font-weight: bold;
}}
QLabel[kind="countdown"] {{ color: {p.text}; font-size: {s.countdown}px; font-weight: bold; }}
QLabel[kind="success"] {{ color: {p.success}; font-size: {s.body}px; font-weight: bold; }}
QLabel[kind="subheading"] {{ color: {p.heading}; font-size: {s.subheading}px; font-weight: bold; }}
QLabel[kind="label"] {{ color: {p.muted}; font-size: {s.hint}px; font-weight: bold; }}
QLabel[kind="value"] {{ color: {p.text}; font-size: {s.body}px; }}
QLabel[kind="reading"] {{ color: {p.text}; font-size: {s.reading}px; }}
QLabel[kind="verdict-good"], QLabel[kind="verdict-bad"], QLabel[kind="verdict-warn"] {{
    font-size: {s.code}px; font-weight: bold; background: transparent;
}}
QLabel[kind="verdict-good"] {{ color: {p.success_fill_text}; }}
QLabel[kind="verdict-bad"] {{ color: {p.error}; }}
QLabel[kind="verdict-warn"] {{ color: {p.warning_text}; }}
QLabel[kind="warning"] {{
    color: {p.warning_text}; background: {p.warning}; font-size: {s.body}px; font-weight: bold;
}}
QFrame[kind="verdict-good"] {{ background: {p.success_fill}; border-radius: 8px; }}
QFrame[kind="verdict-bad"] {{
    background: {p.error_bg}; border: 6px solid {p.error}; border-radius: 8px;
}}
QFrame[kind="verdict-warn"] {{ background: {p.warning}; border-radius: 8px; }}"""


def _frames(p: Palette, s: TextScale) -> str:
    header_button = 'QFrame[kind="header"] QPushButton'
    return f"""
QFrame[kind="header"] {{
    background-color: {p.header_bg}; border: none; border-bottom: 4px solid {p.header_text};
}}
QFrame[kind="header"] QLabel {{ color: {p.header_text}; font-size: {s.title}px; }}
{header_button}[role="secondary"], {header_button}[role="link"] {{
    color: {p.header_text}; background-color: {p.header_bg}; border-color: {p.header_text};
}}
{header_button}[role="secondary"]:focus, {header_button}[role="link"]:focus {{
    color: {p.focus_text}; background-color: {p.focus}; border-color: {p.focus_border};
}}
{header_button}[role="secondary"]:pressed, {header_button}[role="link"]:pressed {{
    color: {p.link}; background-color: {p.secondary_pressed}; border-color: {p.header_text};
}}
{header_button}[role="secondary"]:checked {{
    color: {p.header_bg}; background-color: {p.header_text}; border-color: {p.header_text};
}}
QFrame[kind="header"] QLabel[kind="brand-sub"] {{ font-size: {s.hint}px; }}
QFrame[kind="nav"] {{
    background-color: {p.background}; border: none; border-top: 2px solid {p.card_border};
}}
QFrame[kind="footer"] {{
    background-color: {p.footer_bg}; border: none; border-top: 2px solid {p.card_border};
}}
QFrame[kind="footer"] QLabel {{ color: {p.footer_text}; }}
QFrame[kind="card"] {{
    background-color: {p.surface}; border: 3px solid {p.card_border}; border-radius: 12px;
}}
QFrame[kind="error-summary"] {{
    background-color: {p.error_bg}; border: 5px solid {p.error}; border-radius: 4px;
}}
QFrame[kind="error-summary"] QLabel {{ color: {p.text}; }}
QFrame[kind="error-summary"] QLabel[kind="heading"] {{ color: {p.heading}; }}
QFrame[kind="error-summary"] QLabel[kind="error"] {{ color: {p.error}; }}"""


def _inputs(p: Palette, s: TextScale) -> str:
    # Border 2 -> 5 px on focus with padding 3 px smaller: the text never moves.
    return f"""
QLineEdit, QPlainTextEdit, QTextEdit, QSpinBox, QComboBox {{
    color: {p.text}; background-color: {p.input_bg}; font-size: {s.body}px;
    border: 2px solid {p.input_border}; border-radius: 4px; padding: 8px 14px;
    selection-color: {p.primary_text}; selection-background-color: {p.primary};
}}
QLineEdit, QSpinBox, QComboBox {{ min-height: {_content_min(MIN_TARGET, 8, 2)}px; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QSpinBox:focus, QComboBox:focus {{
    border: 5px solid {p.focus_border}; padding: 5px 11px; background-color: {p.focus_input_bg};
}}
QLineEdit[invalid="true"] {{ border: 5px solid {p.error}; padding: 5px 11px; }}
QLineEdit[invalid="true"]:focus {{
    border: 5px solid {p.error}; padding: 5px 11px; background-color: {p.focus_input_bg};
}}
QLineEdit:disabled {{ color: {p.disabled_text}; background-color: {p.disabled_bg}; }}
QCheckBox, QRadioButton {{
    color: {p.text}; font-size: {s.body}px; spacing: 16px; min-height: {MIN_TARGET}px;
}}
QCheckBox::indicator, QRadioButton::indicator {{ width: 36px; height: 36px; }}
QCheckBox:focus, QRadioButton:focus {{ color: {p.focus_text}; background-color: {p.focus}; }}
QProgressBar {{
    color: {p.text}; background-color: {p.input_bg}; border: 2px solid {p.input_border};
    border-radius: 4px; min-height: 28px; font-size: {s.hint}px; text-align: center;
}}
QProgressBar::chunk {{ background-color: {p.primary}; }}
QScrollBar:vertical {{ width: {SCROLLBAR}px; background: {p.surface}; border: none; margin: 0; }}
QScrollBar:horizontal {{ height: {SCROLLBAR}px; background: {p.surface}; border: none; margin: 0; }}
QScrollBar::handle:vertical {{
    background: {p.input_border}; min-height: {MIN_TARGET}px; border-radius: 8px; margin: 4px;
}}
QScrollBar::handle:horizontal {{
    background: {p.input_border}; min-width: {MIN_TARGET}px; border-radius: 8px; margin: 4px;
}}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}"""


def stylesheet(*, large_text: bool, high_contrast: bool) -> str:
    """The one application sheet for this combination of modes."""
    p, s = palette_for(high_contrast), text_scale(large_text)
    base = f"""
QWidget {{ font-family: "{BODY_FONT}"; font-size: {s.body}px; color: {p.text}; }}
QMainWindow, QDialog, QWidget[kind="screen"], QWidget[kind="page"] {{
    background-color: {p.background};
}}
QWidget[kind="overlay"] {{ qproperty-backdrop: {p.backdrop}; }}
QScrollArea {{ background-color: transparent; border: none; }}
QToolTip {{ color: {p.text}; background-color: {p.surface}; border: 2px solid {p.card_border}; }}"""
    return (
        "\n".join((base, _labels(p, s), _frames(p, s), _inputs(p, s), _buttons(p, s))).strip()
        + "\n"
    )


# --- applying it -------------------------------------------------------------------------------


def _qpalette(p: Palette) -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: p.background,
        QPalette.ColorRole.WindowText: p.text,
        QPalette.ColorRole.Base: p.input_bg,
        QPalette.ColorRole.AlternateBase: p.surface,
        QPalette.ColorRole.Text: p.text,
        QPalette.ColorRole.Button: p.secondary_bg,
        QPalette.ColorRole.ButtonText: p.link,
        QPalette.ColorRole.Highlight: p.primary,
        QPalette.ColorRole.HighlightedText: p.primary_text,
        QPalette.ColorRole.PlaceholderText: p.muted,
        QPalette.ColorRole.ToolTipBase: p.surface,
        QPalette.ColorRole.ToolTipText: p.text,
        QPalette.ColorRole.Link: p.link,
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    return palette


def _font_family() -> str | None:
    """DejaVu Sans when installed; None keeps Qt's default family."""
    return BODY_FONT if QFontDatabase.hasFamily(BODY_FONT) else None


def apply_theme(app: QApplication, *, large_text: bool, high_contrast: bool) -> None:
    """Set the sheet, the palette and the base font of ``app`` (switchable at any time)."""
    scale = text_scale(large_text)
    font = QFont(app.font())
    family = _font_family()
    if family is not None:
        font.setFamily(family)
    font.setPixelSize(scale.body)
    app.setFont(font)
    app.setPalette(_qpalette(palette_for(high_contrast)))
    app.setStyleSheet(stylesheet(large_text=large_text, high_contrast=high_contrast))
    app.setProperty("kioskLargeText", large_text)
    app.setProperty("kioskHighContrast", high_contrast)


def repolish(widget: QWidget) -> None:
    """Re-evaluate the sheet for ``widget`` after one of its dynamic properties changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_dynamic(widget: QWidget, name: str, value: object) -> None:
    """``widget.setProperty(name, value)`` then `repolish` if the value actually changed."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    repolish(widget)
