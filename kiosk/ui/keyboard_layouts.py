"""Layouts of the on-screen keyboard, as plain data (no Qt).

A page is rows of keys; a key says what it shows, what it types (or which action it runs) and how
wide it is relative to the other keys of its row (every row fills the page's width). A key with
neither text nor action is a gap. The widget in `keyboard.py` builds one button per key *name* and
places it on whichever page is showing, so `key.a` is the same button in TEXT and EMAIL mode.

Height budget (UX.md: keys >= 64 px, 8 px apart): at 1280x800 every row costs 72 px, so the TEXT
and EMAIL pages have five rows (360 px plus margins, about 45 % of the height); the accented vowels
share the bottom row with the space bar instead of taking a sixth row.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MIN_KEY_SIZE = 64  # px, width and height of every key (15 mm on a 21.5" 1920x1080 screen)
NUMERIC_KEY_HEIGHT = 96  # px, the big keypad for DPI, boleta and case numbers
KEY_SPACING = 8  # px between keys and around the keyboard
MIN_FONT_PX = 22


class KeyboardMode(StrEnum):
    TEXT = "text"
    EMAIL = "email"
    NUMERIC = "numeric"


class Action(StrEnum):
    SHIFT = "shift"
    BACKSPACE = "backspace"
    SPACE = "space"
    SYMBOLS = "symbols"  # "123": the numbers and symbols page of the current mode
    LETTERS = "letters"  # "ABC": back to the letters page


@dataclass(frozen=True, slots=True)
class KeySpec:
    label: str
    text: str = ""  # what the key types ("" for pure actions and gaps)
    action: Action | None = None
    width: float = 1.0  # relative to the other keys of the row

    @property
    def name(self) -> str:
        """The stable part of the object name: `key.<name>`."""
        return self.action.value if self.action is not None else self.text

    @property
    def is_gap(self) -> bool:
        return not self.text and self.action is None

    @property
    def cased(self) -> bool:
        """A single letter whose case follows shift (a, ñ, á ...); endings and symbols are not."""
        return (
            self.action is None and len(self.text) == 1 and self.text.lower() != self.text.upper()
        )


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    rows: tuple[tuple[KeySpec, ...], ...]
    min_key_height: int = MIN_KEY_SIZE
    max_width: int = 1400  # px of keys at most; wider screens centre the keys (reach)
    large: bool = False  # bigger labels (the numeric keypad)

    def key_specs(self) -> tuple[KeySpec, ...]:
        return tuple(key for row in self.rows for key in row if not key.is_gap)


def _chars(chars: str, width: float = 1.0) -> tuple[KeySpec, ...]:
    return tuple(KeySpec(c, c, None, width) for c in chars)


def _gap(width: float) -> KeySpec:
    return KeySpec("", "", None, width)


SHIFT = KeySpec("⇧ Mayús", action=Action.SHIFT, width=1.5)
SHIFT_LOCKED_LABEL = "⇧ MAYÚS"  # the same key while caps lock is on (plus a yellow frame)
BACKSPACE = KeySpec("⌫ Borrar", action=Action.BACKSPACE, width=1.5)
SPACE = KeySpec("espacio", " ", Action.SPACE, width=3.0)
SYMBOLS = KeySpec("123", action=Action.SYMBOLS, width=1.5)
LETTERS = KeySpec("ABC", action=Action.LETTERS, width=1.5)

DIGITS = _chars("1234567890")
EMAIL_ENDINGS = (
    KeySpec("@gmail.com", "@gmail.com", width=2.3),
    KeySpec("@hotmail.com", "@hotmail.com", width=2.6),
    KeySpec("@yahoo.com", "@yahoo.com", width=2.3),
    KeySpec("@outlook.com", "@outlook.com", width=2.6),
    KeySpec(".com", ".com", width=1.3),
    KeySpec(".gt", ".gt", width=1.0),
)

TEXT_PAGE = Page(
    "text",
    (
        DIGITS,
        _chars("qwertyuiop"),
        _chars("asdfghjklñ"),
        (SHIFT, *_chars("zxcvbnm"), BACKSPACE),
        (SYMBOLS, *_chars("áéíóúü"), SPACE, *_chars("'-.")),
    ),
)

TEXT_SYMBOLS_PAGE = Page(
    "text_symbols",
    (
        DIGITS,
        _chars("-_.,'@/()#&"),
        _chars(':;¿?¡!"+=%'),
        (LETTERS, KeySpec("espacio", " ", Action.SPACE, width=5.0), BACKSPACE),
    ),
)

# Emails are ASCII (identity.validate_email): no ñ, no accents, no space bar.
EMAIL_PAGE = Page(
    "email",
    (
        DIGITS,
        _chars("qwertyuiop"),
        (_gap(0.5), *_chars("asdfghjkl"), _gap(0.5)),
        (SHIFT, *_chars("zxcvbnm"), *_chars(".-_"), BACKSPACE),
        (SYMBOLS, KeySpec("@", "@"), *EMAIL_ENDINGS),
    ),
)

EMAIL_SYMBOLS_PAGE = Page(
    "email_symbols",
    (
        DIGITS,
        _chars(".-_@+!#$%&"),
        _chars("'*/=?^{}|~"),
        (LETTERS, _gap(7.0), BACKSPACE),
    ),
)

NUMERIC_PAGE = Page(
    "numeric",
    (
        _chars("123"),
        _chars("456"),
        _chars("789"),
        (KeySpec("⌫ Borrar", action=Action.BACKSPACE), KeySpec("0", "0"), KeySpec("-", "-")),
    ),
    min_key_height=NUMERIC_KEY_HEIGHT,
    max_width=3 * 200 + 2 * KEY_SPACING,
    large=True,
)

PAGES: dict[str, Page] = {
    page.name: page
    for page in (TEXT_PAGE, TEXT_SYMBOLS_PAGE, EMAIL_PAGE, EMAIL_SYMBOLS_PAGE, NUMERIC_PAGE)
}

# Mode -> (letters page, symbols page or None).
MODE_PAGES: dict[KeyboardMode, tuple[str, str | None]] = {
    KeyboardMode.TEXT: ("text", "text_symbols"),
    KeyboardMode.EMAIL: ("email", "email_symbols"),
    KeyboardMode.NUMERIC: ("numeric", None),
}


def all_keys() -> dict[str, KeySpec]:
    """One spec per key name over every page (the first one seen gives the label)."""
    keys: dict[str, KeySpec] = {}
    for page in PAGES.values():
        for key in page.key_specs():
            keys.setdefault(key.name, key)
    return keys


def check_layouts() -> None:
    """Raise ValueError when a page repeats a key or two pages disagree about a key."""
    seen: dict[str, KeySpec] = {}
    for page in PAGES.values():
        names = [key.name for key in page.key_specs()]
        duplicates = {name for name in names if names.count(name) > 1}
        if duplicates:
            raise ValueError(f"page {page.name} repeats keys {sorted(duplicates)}")
        for key in page.key_specs():
            first = seen.setdefault(key.name, key)
            if (first.label, first.text, first.action) != (key.label, key.text, key.action):
                raise ValueError(f"key {key.name!r} differs between pages")
        if any(key.width <= 0 for row in page.rows for key in row):
            raise ValueError(f"page {page.name} has a key without width")


check_layouts()
