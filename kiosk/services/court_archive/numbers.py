"""Case numbers as they are written on old files: the shared parser (``kiosk.case_numbers``) after
a first pass for what archive papers carry and people copy as they see it.

[F] Old courts wrote ``Expediente No. 78 de 1975``, ``456-'87`` or ``Juicio 123, año 1998``: the
words between the number and its year (``de``, ``del año``, ``año``), and an apostrophe for a
two-digit year, become the dash the shared parser reads. Everything else (prefixes like ``C-`` or
``Exp.``, the clerk's desk ``Of. 2ª``, ``/`` or spaces between the parts, two-digit years, SGT
numbers) is the shared parser's. A number written year first (``1998-123``) is explained rather
than guessed: ``1998-123`` could be either.
"""

from __future__ import annotations

import re
import unicodedata

from kiosk.case_numbers import MESSAGES as CASE_MESSAGES
from kiosk.case_numbers import OLDEST_YEAR, CaseNumber, CaseNumberError, parse_case_number
from kiosk.flows.text import Text, _

MESSAGES: dict[str, str] = {
    "year_first": _(
        "Parece que el año va primero. Escriba primero el número y después el año, por "
        "ejemplo {sequence}-{year}."
    ),
}

# "78 de 1975", "78 del año 1975", "78, año 1975", "78 año 75": the words between the parts
_YEAR_WORDS = re.compile(
    r"(?<=[0-9])\s*,?\s*(?:del?\s+(?:a[ñn]i?o\s+)?|a[ñn]i?o\s+)(?=[0-9'’´`])", re.IGNORECASE
)
# "456-'87", "456-’87": an apostrophe for the century left out
_APOSTROPHE_YEAR = re.compile(r"['’´`](?=[0-9]{2}(?![0-9]))")
_YEAR_FIRST = re.compile(r"^\D*((?:19|20)[0-9]{2})\s*[-/.\s]\s*([0-9]{1,5})\D*$")


class ArchiveNumberError(ValueError):
    """What is wrong with a typed number: ``code`` is stable, ``text`` the Spanish message (a
    ``Text`` with its parameters, translated on screen)."""

    def __init__(self, code: str, text: Text) -> None:
        super().__init__(str(text))
        self.code = code
        self.text = text


def normalized(text: str) -> str:
    """``text`` with the old papers' words and apostrophes turned into what the parser reads."""
    clean = unicodedata.normalize("NFKC", text)
    clean = _YEAR_WORDS.sub("-", clean)
    return _APOSTROPHE_YEAR.sub("", clean)


def parse_archive_number(text: str, *, this_year: int) -> CaseNumber:
    """The case number in ``text``, old shapes included; ArchiveNumberError says what is wrong."""
    clean = normalized(text)
    try:
        return parse_case_number(clean, this_year=this_year)
    except CaseNumberError as error:
        year_first = _YEAR_FIRST.match(clean)
        if year_first and error.code in ("year_digits", "missing_year", "sequence_digits"):
            year, sequence = year_first.groups()
            if OLDEST_YEAR <= int(year) <= this_year:
                message = Text(MESSAGES["year_first"], sequence=int(sequence), year=year)
                raise ArchiveNumberError("year_first", message) from None
        template = CASE_MESSAGES[error.message_key]
        raise ArchiveNumberError(error.code, Text(template, **error.params)) from None
