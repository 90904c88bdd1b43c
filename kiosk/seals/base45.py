"""Base45 (RFC 9285): bytes as QR alphanumeric-mode text, as in the EU DCC's ``HC1:`` codes."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUES: dict[str, int] = {char: index for index, char in enumerate(ALPHABET)}


class Base45Error(ValueError):
    """The text is not valid base45."""


def encode(data: bytes) -> str:
    """Each pair of bytes becomes three characters; a trailing single byte becomes two."""
    out: list[str] = []
    for i in range(0, len(data) - 1, 2):
        value = data[i] * 256 + data[i + 1]
        value, c = divmod(value, 45)
        e, d = divmod(value, 45)
        out += (ALPHABET[c], ALPHABET[d], ALPHABET[e])
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out += (ALPHABET[c], ALPHABET[d])
    return "".join(out)


def decode(text: str) -> bytes:
    """The bytes of ``text``; ``Base45Error`` on a foreign character, a bad length or overflow."""
    if len(text) % 3 == 1:
        raise Base45Error("base45 text length leaves a single character")
    try:
        values = [_VALUES[char] for char in text]
    except KeyError:
        raise Base45Error("character outside the base45 alphabet") from None
    out = bytearray()
    full = len(values) - len(values) % 3
    for i in range(0, full, 3):
        value = values[i] + values[i + 1] * 45 + values[i + 2] * 2025
        if value > 0xFFFF:
            raise Base45Error("base45 triple exceeds two bytes")
        out += value.to_bytes(2, "big")
    if full < len(values):
        value = values[full] + values[full + 1] * 45
        if value > 0xFF:
            raise Base45Error("base45 pair exceeds one byte")
        out.append(value)
    return bytes(out)
