"""Verification codes as people type them, and links to the portal's verification page.

A code reads ``CAP-2026-7KQM-X4PD``: the document type, the year, eight letters or digits.
``normalise_code`` accepts it with any spaces, dashes or case and says in Spanish how to fix one
that cannot be a code. ``link_code`` finds the code in ``<portal>/verificar/<code>`` when the link
points at one of the portals the kiosk trusts (host compared without case; a trailing slash, a
query or a fragment do not matter); any other address is not the OJ's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from urllib.parse import SplitResult, unquote, urlsplit

from kiosk.seals.model import DocumentType
from kiosk.verification.messages import MESSAGES

CODE_EXAMPLE = "CAP-2026-7KQM-X4PD"
VERIFY_PATH = "verificar"
_TYPE_CODES = tuple(sorted(t.value for t in DocumentType))
_TYPE_LENGTH = 3
_YEAR_LENGTH = 4
_GROUP_LENGTH = 4
_LENGTH = _TYPE_LENGTH + _YEAR_LENGTH + 2 * _GROUP_LENGTH  # without the dashes
# Spaces and every dash a phone or a word processor may put in.
_SEPARATORS = re.compile(r"[\s\-\u00ad\u2010-\u2015\u2212]+")
_MAX_LINK = 2048


class CodeFormatError(ValueError):
    """A typed code that cannot be a verification code; ``message`` is Spanish (source text),
    ``message_key`` + ``params`` let the screen show it in the visitor's language."""

    def __init__(self, message_key: str, **params: int | str) -> None:
        self.message_key = message_key
        self.params: Mapping[str, int | str] = dict(params)
        self.message = MESSAGES[message_key].format(**params)
        super().__init__(message_key)


def _count_key(kind: str, count: int) -> str:
    return f"code.{kind}.{'one' if count == 1 else 'other'}"


def normalise_code(text: str) -> str:
    """``CAP-2026-7KQM-X4PD`` from any spacing, dashes and case; ``CodeFormatError`` if the
    text cannot be a verification code."""
    compact = _SEPARATORS.sub("", text).upper()
    if not compact:
        raise CodeFormatError("code.empty")
    if not (compact.isascii() and compact.isalnum()):
        raise CodeFormatError("code.characters")
    if len(compact) >= _TYPE_LENGTH and compact[:_TYPE_LENGTH] not in _TYPE_CODES:
        raise CodeFormatError("code.prefix", prefix=" o ".join(_TYPE_CODES), example=CODE_EXAMPLE)
    if len(compact) != _LENGTH:
        short = len(compact) < _LENGTH
        count = abs(_LENGTH - len(compact))
        raise CodeFormatError(
            _count_key("short" if short else "long", count), length=_LENGTH, count=count
        )
    year = compact[_TYPE_LENGTH : _TYPE_LENGTH + _YEAR_LENGTH]
    if not year.isdigit():
        raise CodeFormatError("code.year", example=CODE_EXAMPLE)
    rest = compact[_TYPE_LENGTH + _YEAR_LENGTH :]
    return "-".join((compact[:_TYPE_LENGTH], year, rest[:_GROUP_LENGTH], rest[_GROUP_LENGTH:]))


def _host(parts: SplitResult) -> tuple[str, int | None] | None:
    """(host without case or trailing dot, explicit port); None for a malformed address."""
    try:
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").rstrip(".")
    if not host or parts.username is not None or parts.password is not None:
        return None
    return host.lower(), port


def link_code(text: str, portal_urls: Sequence[str]) -> str | None:
    """The (raw) code of ``<portal>/verificar/<code>`` when ``text`` is such a link on one of
    ``portal_urls``; None for any other text or address."""
    text = text.strip()
    if len(text) > _MAX_LINK or any(char.isspace() for char in text):
        return None
    try:
        link = urlsplit(text)
    except ValueError:
        return None
    if link.scheme.lower() not in ("http", "https"):
        return None
    where = _host(link)
    if where is None:
        return None
    for base_url in portal_urls:
        if not base_url:
            continue
        try:
            base = urlsplit(base_url.strip())
        except ValueError:
            continue
        if _host(base) != where:
            continue
        prefix = f"{base.path.rstrip('/')}/{VERIFY_PATH}/".lower()
        path = link.path
        if not path.lower().startswith(prefix):
            continue
        code = path[len(prefix) :].removesuffix("/")
        if code and "/" not in code:
            return unquote(code)
    return None
