"""Searching Spanish text by the words a visitor types: one normalisation for the FTS5 index the
seed writes and for the query, and the excerpt that shows where the words are.

A word is folded (lower case, no accents: «Jurisdicción» is ``jurisdiccion``, «niñez» is
``ninez``) and cut to a light stem, so that singular and plural, and most masculine and
feminine forms, are one word: «juzgados» and «juzgado» are ``juzgad``, «leyes» and «ley» are
``ley``, «jueces» and «juez» are ``juez``, «notificaciones» and «notificación» are
``notificacion``. Every word of a query must be in a match (AND), each as a prefix of an indexed
stem, so a word cut short («mediac») still finds «mediación». The ranking is FTS5's bm25.

How to use it: index ``stems(text)`` in an FTS5 column (``tokenize='unicode61'``: the stems are
already folded), search with ``match_expression(query)`` (None: the query has no word to search),
and draw ``excerpt(text, query)`` for the row; it marks every word of the text whose stem starts
with a query word's stem, in a window around the first such word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: words so common that they find everything and tell nothing
STOPWORDS = frozenset((
    "a", "al", "ante", "con", "contra", "de", "del", "desde", "e", "el", "en", "entre", "es",
    "la", "las", "lo", "los", "o", "para", "por", "que", "se", "segun", "sin", "sobre", "su",
    "sus", "u", "un", "una", "unos", "unas", "y",
))  # fmt: skip

_WORD = re.compile(r"[^\W_]+")  # letters and digits (article numbers, years)
_VOWELS = frozenset("aeiou")


def fold(word: str) -> str:
    """Lower case without accents: «Jurisdicción» is ``jurisdiccion``, «Ñ» is ``n``."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A folded word without its plural and its final gender vowel (a light stemmer: it only
    has to make a singular and its plural, or a feminine and its masculine, one word)."""
    plain = fold(word)
    if plain.isdigit() or len(plain) <= 3:
        return plain
    if plain.endswith("ces") and len(plain) > 4:  # jueces → juez, veces → vez
        plain = plain[:-3] + "z"
    elif plain.endswith("es") and len(plain) > 4 and plain[-3] not in _VOWELS:
        plain = plain[:-2]  # tribunales → tribunal, leyes → ley, notificaciones → notificacion
    elif plain.endswith("s") and len(plain) > 4 and plain[-2] in _VOWELS:
        plain = plain[:-1]  # juzgados → juzgado, normas → norma
    if len(plain) > 4 and plain[-1] in "aoe" and plain[-2] not in _VOWELS:
        plain = plain[:-1]  # juzgado → juzgad, jueza → juez, norma → norm
    return plain


def words(text: str) -> list[str]:
    """The searchable words of ``text`` as written, in order (stopwords left out)."""
    return [word for word in _WORD.findall(text) if fold(word) not in STOPWORDS]


def stems(text: str) -> str:
    """What the index holds for ``text``: its words' stems, separated by spaces."""
    return " ".join(stem(word) for word in words(text))


def query_stems(query: str) -> tuple[str, ...]:
    """The distinct stems a query searches for, in the order typed."""
    return tuple(dict.fromkeys(stem(word) for word in words(query)))


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression: every stem of the query, each as a prefix, all required. The
    stems hold only letters and digits, quoted all the same so no word is read as an operator
    («and», «not», «near»). None: nothing to search (only stopwords or signs)."""
    found = query_stems(query)
    if not found:
        return None
    return " AND ".join(f'"{word}"*' for word in found)


def excerpt(text: str, query: str, width: int = 180) -> tuple[tuple[str, bool], ...]:
    """About ``width`` characters of ``text`` around the first searched word, as (words,
    marked) parts: every word whose stem starts with a searched stem is marked. The cut ends
    at spaces and shows «…» where text was left out. No match: the text's beginning, unmarked."""
    searched = query_stems(query)
    spans = [
        (match.start(), match.end())
        for match in _WORD.finditer(text)
        if searched and any(stem(match.group()).startswith(word) for word in searched)
    ]
    start = max(0, spans[0][0] - width // 3) if spans else 0
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else 0  # inside the first word: from the text's start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    parts: list[tuple[str, bool]] = []
    if start:
        parts.append(("…", False))
    cursor = start
    for begin, finish in spans:
        if begin < start or finish > end:
            continue
        if begin > cursor:
            parts.append((text[cursor:begin], False))
        parts.append((text[begin:finish], True))
        cursor = finish
    if cursor < end:
        parts.append((text[cursor:end], False))
    if end < len(text):
        parts.append(("…", False))
    return tuple(_joined(parts))


def _joined(parts: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Neighbouring parts of the same kind as one (fewer spans to draw)."""
    joined: list[tuple[str, bool]] = []
    for words_, marked in parts:
        if joined and joined[-1][1] == marked:
            joined[-1] = (joined[-1][0] + words_, marked)
        else:
            joined.append((words_, marked))
    return joined
