"""WCAG 2.x colour contrast (pure functions, no Qt), used by the theme and its tests.

``relative_luminance`` follows WCAG 2.2, "relative luminance" (sRGB, 0.04045 threshold as in the
current sRGB standard; the older 0.03928 in the WCAG text makes no difference at 8 bits).
``contrast_ratio`` is (L1 + 0.05) / (L2 + 0.05) with L1 the lighter colour: 1.0 to 21.0.
"""

from __future__ import annotations

__all__ = [
    "AAA_NORMAL",
    "AA_LARGE",
    "AA_NORMAL",
    "contrast_ratio",
    "parse_hex",
    "relative_luminance",
]

AA_NORMAL = 4.5  # body text, WCAG 1.4.3
AA_LARGE = 3.0  # large text and user-interface components (1.4.3 / 1.4.11)
AAA_NORMAL = 7.0  # WCAG 1.4.6, the kiosk's high-contrast mode


def parse_hex(color: str) -> tuple[int, int, int]:
    """``#rrggbb`` or ``#rgb`` (case-insensitive, ``#`` optional) as 0-255 channels."""
    value = color.strip().removeprefix("#")
    if len(value) == 3:
        value = "".join(char * 2 for char in value)
    if len(value) != 6:
        raise ValueError(f"not a #rrggbb colour: {color!r}")
    try:
        number = int(value, 16)
    except ValueError:
        raise ValueError(f"not a #rrggbb colour: {color!r}") from None
    return (number >> 16) & 0xFF, (number >> 8) & 0xFF, number & 0xFF


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: str) -> float:
    """0.0 for black to 1.0 for white."""
    red, green, blue = (_linear(channel) for channel in parse_hex(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(fg_hex: str, bg_hex: str) -> float:
    """The WCAG contrast ratio of two opaque colours; symmetric, from 1.0 to 21.0."""
    first, second = relative_luminance(fg_hex), relative_luminance(bg_hex)
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)
