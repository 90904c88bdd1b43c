"""The words an antejuicio is found by: one normalisation for the index the seed writes and for
the visitor's query, so that «José Pérez», «jose perez» and «JOSE PEREZ» are the same words.

A word is folded to lower case without accents or apostrophes (``Quiñónez`` is ``quinonez``,
``Aq'ab'al`` is ``aqabal``); particles (de, la, del, ...) and single letters are dropped; the
post's words are folded to one form (``alcaldesa``, ``alcaldes`` and ``exalcalde`` are
``alcalde``). Every word of a query must be one of the official's words (name, post, place): a
missing second surname or first name still finds the official.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: what a query may hold: letters (any accent), spaces, apostrophes, hyphens, dots and commas
QUERY_SHAPE = re.compile(r"^[^\W\d_]+(?:[ '’´`.,\-]+[^\W\d_]*)*$")
_APOSTROPHES = str.maketrans("", "", "'’´`")
_NOT_LETTERS = re.compile(r"[^a-z]+")
#: a written word: letters, with apostrophes inside it (K'iche' names) kept together
_PIECES = re.compile(r"[^\W\d_]+(?:['’´`][^\W\d_]+)*['’´`]?")

#: words that tell nothing apart: particles, and what a visitor adds around a name
STOPWORDS = frozenset((
    "de", "del", "la", "las", "los", "el", "y", "e", "en", "por", "para", "al", "a", "un",
    "una", "con", "contra", "ex", "antejuicio", "antejuicios", "senor", "senora", "don", "dona",
    "lic", "licenciado", "licenciada", "licda", "abogado", "abogada", "ing", "ingeniero",
    "ingeniera", "dr", "doctor", "doctora",
))  # fmt: skip

#: the forms of a post's word a visitor types, folded to the one the index holds
_FORMS: dict[str, str] = {}
for _canonical, _others in {
    "alcalde": "alcaldesa alcaldes alcaldesas",
    "diputado": "diputada diputados diputadas",
    "juez": "jueza jueces juezas",
    "ministro": "ministra ministros ministras",
    "viceministro": "viceministra viceministros viceministras",
    "magistrado": "magistrada magistrados magistradas",
    "gobernador": "gobernadora gobernadores gobernadoras",
    "presidente": "presidenta presidentes",
    "vicepresidente": "vicepresidenta vicepresidentes",
    "secretario": "secretaria secretarios secretarias",
    "procurador": "procuradora procuradores",
    "contralor": "contralora contralores",
    "fiscal": "fiscales",
    "municipal": "municipales",
}.items():
    for _form in _others.split():
        _FORMS[_form] = _canonical
_EX = frozenset(_FORMS.values())  # "exalcalde": a former alcalde is still found by the post


def fold(word: str) -> str:
    """One word as the index holds it (no accents, apostrophes or case; one form of a post)."""
    plain = unicodedata.normalize("NFD", word.casefold().translate(_APOSTROPHES))
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    plain = _FORMS.get(plain, plain)
    if plain.startswith("ex") and _FORMS.get(plain[2:], plain[2:]) in _EX:
        plain = _FORMS.get(plain[2:], plain[2:])
    return plain


def words(text: str) -> list[str]:
    """The searchable words of ``text``, in order, each once."""
    found: list[str] = []
    for piece in _PIECES.findall(text):
        for word in _folded(piece):
            if len(word) > 1 and word not in STOPWORDS and word not in found:
                found.append(word)
    return found


@lru_cache(maxsize=16384)
def _folded(piece: str) -> tuple[str, ...]:
    """One written word (apostrophes inside kept together), folded; cached: the seed indexes
    the same names, posts and places thousands of times."""
    plain = unicodedata.normalize("NFD", piece.casefold().translate(_APOSTROPHES))
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    return tuple(fold(part) for part in _NOT_LETTERS.split(plain) if part)
