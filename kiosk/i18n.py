"""One translation mechanism for the whole kiosk (no Qt): gettext catalogs, runtime switch, pseudo.

Spanish (Guatemala) is the source language: the Spanish text itself is the message id. Catalogs are
``resources/i18n/<lang>.po`` (msgid = Spanish, msgstr = translation), read by ``parse_po``;
an empty or fuzzy msgstr falls back to the Spanish text. ``xx`` is a pseudo-locale built on the fly
(about 40 % longer, accented, wrapped in ⟦ ⟧) to find layouts that clip longer translations.

Use ``tr("Texto en español", nombre=valor)`` at display time; flow titles and labels are data
evaluated at import, so the UI passes them through ``tr`` when it shows them. Redraw on
``on_language_changed``. ``python -m kiosk.i18n_extract`` collects the texts into the catalog.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from kiosk.text import Text

__all__ = [
    "LANGUAGES",
    "PSEUDO_LANGUAGE",
    "SOURCE_LANGUAGE",
    "PoEntry",
    "PoSyntaxError",
    "catalog_from_entries",
    "current_language",
    "load_catalog",
    "on_language_changed",
    "parse_po",
    "pseudo_translate",
    "set_language",
    "show",
    "tr",
]

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "es"
PSEUDO_LANGUAGE = "xx"
LANGUAGES: dict[str, str] = {"es": "Español", "en": "English"}
"""Languages a visitor can choose, with their names in their own language."""

LanguageListener = Callable[[str], None]

# --- the .po parser ----------------------------------------------------------------------------


class PoSyntaxError(ValueError):
    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line


@dataclass(frozen=True)
class PoEntry:
    msgid: str
    msgstr: str
    msgctxt: str | None = None
    flags: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()  # translator comments ("# ..."), kept on update
    obsolete: bool = False

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(\".*)")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}


def _unquote(text: str, line: int) -> str:
    match = _QUOTED.fullmatch(text.strip())
    if match is None:
        raise PoSyntaxError(line, "expected one quoted string")

    def unescape(escape: re.Match[str]) -> str:
        char = escape.group(1)
        if char not in _ESCAPES:
            raise PoSyntaxError(line, f"unknown escape \\{char}")
        return _ESCAPES[char]

    return re.sub(r"\\(.)", unescape, match.group(1))


class _Builder:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.parts: dict[str, str] = {}
        self.current: str | None = None
        self.flags: list[str] = []
        self.references: list[str] = []
        self.comments: list[str] = []
        self.obsolete = False
        self.line = 0

    def flush(self, entries: list[PoEntry]) -> None:
        if self.parts:
            if "msgid" not in self.parts or "msgstr" not in self.parts:
                raise PoSyntaxError(self.line, "an entry needs both msgid and msgstr")
            entries.append(
                PoEntry(
                    msgid=self.parts["msgid"],
                    msgstr=self.parts["msgstr"],
                    msgctxt=self.parts.get("msgctxt"),
                    flags=tuple(self.flags),
                    references=tuple(self.references),
                    comments=tuple(self.comments),
                    obsolete=self.obsolete,
                )
            )
        self.reset()


def parse_po(text: str) -> list[PoEntry]:
    """Every entry of a .po file (header and obsolete ``#~`` entries included), in file order."""
    entries: list[PoEntry] = []
    entry = _Builder()
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line, obsolete = raw.strip(), False
        if line.startswith("#~"):
            line, obsolete = line[2:].strip(), True
            if not line or line.startswith("#"):
                continue  # "#~|" previous-msgid lines and blank obsolete lines carry nothing
        if not line:
            entry.flush(entries)
        elif line.startswith("#"):
            if "msgstr" in entry.parts:
                entry.flush(entries)
            kind, body = line[:2], line[2:].strip()
            if kind == "#,":
                entry.flags += [flag.strip() for flag in body.split(",") if flag.strip()]
            elif kind == "#:":
                entry.references += body.split()
            elif kind not in ("#.", "#|"):
                entry.comments.append(line[1:].strip())
        elif line.startswith('"'):
            if entry.current is None:
                raise PoSyntaxError(number, "a string continues no keyword")
            entry.parts[entry.current] += _unquote(line, number)
        else:
            match = _KEYWORD.fullmatch(line)
            if match is None:
                raise PoSyntaxError(number, f"unexpected text {line[:20]!r}")
            keyword, index, rest = match.groups()
            if keyword in ("msgctxt", "msgid") and "msgstr" in entry.parts:
                entry.flush(entries)
            if keyword in entry.parts and index is None:
                raise PoSyntaxError(number, f"{keyword} repeated in one entry")
            if index is not None:  # plural forms: the first one stands for the entry
                keyword = "msgstr" if index == "0" else f"msgstr[{index}]"
            entry.parts[keyword] = _unquote(rest, number)
            entry.current, entry.line = keyword, entry.line or number
            entry.obsolete = entry.obsolete or obsolete
    entry.flush(entries)
    return entries


def catalog_from_entries(entries: list[PoEntry]) -> dict[str, str]:
    """msgid -> translation for entries that count: not the header, obsolete, fuzzy or empty."""
    catalog: dict[str, str] = {}
    for entry in entries:
        if entry.msgid and entry.msgstr and not entry.obsolete and not entry.fuzzy:
            key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
            catalog[key] = entry.msgstr
    return catalog


# --- the pseudo-locale -------------------------------------------------------------------------

_PSEUDO = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁĆÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# Kept as they are: {placeholders}, {{ and }}, markup tags and entities.
_KEEP = re.compile(r"(\{\{|\}\}|\{[^{}]*\}|<[^<>]*>|&#?\w+;)")


def _pseudo_line(line: str) -> str:
    if not line:
        return line
    parts = _KEEP.split(line)
    body = "".join(
        part if index % 2 else part.translate(_PSEUDO) for index, part in enumerate(parts)
    )
    return f"{body} {'~' * math.ceil(len(line) * 0.4)}"


@lru_cache(maxsize=4096)
def pseudo_translate(text: str) -> str:
    """``text`` about 40 % longer, accented, in ⟦ ⟧; placeholders and line breaks kept."""
    return "⟦" + "\n".join(_pseudo_line(line) for line in text.split("\n")) + "⟧"


# --- the runtime switch --------------------------------------------------------------------------

_MAX_REPORTED_MISSING = 2000

_lock = threading.Lock()
_language = SOURCE_LANGUAGE
_catalogs: dict[str, dict[str, str]] = {}
_listeners: list[LanguageListener] = []
_missing: set[str] = set()


def load_catalog(code: str) -> dict[str, str]:
    """The packaged catalog of ``code`` (read once); empty, with a warning, if missing or broken."""
    with _lock:
        if code not in _catalogs:
            resource = files("kiosk.resources") / "i18n" / f"{code}.po"
            try:
                _catalogs[code] = catalog_from_entries(parse_po(resource.read_text("utf-8")))
            except (OSError, UnicodeDecodeError, PoSyntaxError) as error:
                log.warning("translation catalog unusable: %s", error, extra={"event": code})
                _catalogs[code] = {}
        return _catalogs[code]


def current_language() -> str:
    return _language


def set_language(code: str) -> None:
    """Switch the language of every later ``tr`` and tell the listeners (only on a change)."""
    global _language
    if code not in LANGUAGES and code != PSEUDO_LANGUAGE:
        raise ValueError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}")
    if code not in (SOURCE_LANGUAGE, PSEUDO_LANGUAGE):
        load_catalog(code)
    if code == _language:
        return
    _language = code
    failure: Exception | None = None
    for listener in list(_listeners):  # a listener may unsubscribe while we iterate
        try:
            listener(code)
        except Exception as error:  # the other screens must still be retranslated
            failure = failure or error
    if failure is not None:
        raise failure


def on_language_changed(listener: LanguageListener) -> Callable[[], None]:
    """Call ``listener(code)`` after each language change; returns a function that unsubscribes."""
    _listeners.append(listener)

    def unsubscribe() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return unsubscribe


def _lookup(text: str, language: str) -> str:
    if language == SOURCE_LANGUAGE or not text:
        return text
    if language == PSEUDO_LANGUAGE:
        return pseudo_translate(text)
    translated = load_catalog(language).get(text)
    if translated is not None:
        return translated
    if text not in _missing and len(_missing) < _MAX_REPORTED_MISSING:
        _missing.add(text)  # Spanish source strings are code constants: no visitor data
        log.debug("missing translation: %s", text[:120], extra={"event": language})
    return text


def tr(text: str | Text, /, **params: object) -> str:
    """``text`` (Spanish) in the current language, then ``str.format(**params)`` if params given.
    A ``Text`` brings its own parameters (each translated too when it is a Text).

    A translation whose placeholders do not match the Spanish falls back to the Spanish text.
    """
    if isinstance(text, Text):
        own = {k: tr(v) if isinstance(v, Text) else v for k, v in text.params.items()}
        return tr(text.msgid, **own, **params)
    language = _language
    translated = _lookup(text, language)
    if not params:
        return translated
    try:
        return translated.format(**params)
    except (KeyError, IndexError, ValueError):
        if translated is text:
            raise
        log.warning("translation has wrong placeholders", extra={"event": language})
        return text.format(**params)


def show(value: str | Text) -> str:
    """What a screen shows: a Text translated, plain data (a name, a code) as it is."""
    return tr(value) if isinstance(value, Text) else value
