"""Spanish search words: what a visitor types finds what the text says, whatever the accents,
the case, singular or plural; the excerpt marks the words found."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.sandbox.word_search import excerpt, fold, match_expression, stem, stems


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("juzgados", "Juzgado"),
        ("leyes", "ley"),
        ("jueces", "jueza"),
        ("notificaciones", "notificación"),
        ("Tribunales", "tribunal"),
        ("MEDIACIÓN", "mediaciones"),
        ("Quiché", "quiche"),
        ("Petén", "PETEN"),
        ("penales", "penal"),
    ],
)
def test_forms_of_one_word_are_one_stem(one: str, other: str) -> None:
    assert stem(one) == stem(other)


@pytest.mark.parametrize(("one", "other"), [("paz", "pazos"), ("civil", "penal"), ("ley", "leal")])
def test_different_words_stay_apart(one: str, other: str) -> None:
    assert stem(one) != stem(other)


@given(st.text())
def test_any_query_is_safe_to_match_or_has_nothing_to_search(query: str) -> None:
    expression = match_expression(query)
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(words, tokenize='unicode61')")
    db.execute("INSERT INTO t VALUES (?)", (stems("Juzgado de Paz de San Pedro Sacatepéquez"),))
    if expression is None:
        return
    db.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()  # never raises


def test_every_word_is_required_and_a_word_cut_short_still_finds() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(words, tokenize='unicode61')")
    texts = ["Juzgado de Paz de Mixco", "Centro de Mediación de Mixco", "Juzgados de Paz Móviles"]
    for text in texts:
        db.execute("INSERT INTO t VALUES (?)", (stems(text),))

    def found(query: str) -> list[int]:
        expression = match_expression(query)
        assert expression is not None
        rows = db.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid", (expression,))
        return [row[0] for row in rows]

    assert found("JUZGADOS DE PAZ") == [1, 3]
    assert found("juzgado mixco") == [1]
    assert found("mediac") == [2]
    assert found("Mixco or Móviles") == []  # «or» is a word here, not an operator
    assert match_expression("de la y") is None


def test_the_excerpt_marks_the_words_found_around_the_first() -> None:
    text = (
        "Considerando que la ley regula los plazos procesales de los juzgados y tribunales de "
        "toda la República, y que conviene ordenarlos; por tanto, las notificaciones a las "
        "partes se harán en tres días y toda notificación se hará por escrito."
    )
    parts = excerpt(text, "Notificación", width=120)
    marked = [words for words, is_marked in parts if is_marked]
    assert marked == ["notificaciones", "notificación"]
    assert "".join(words for words, _ in parts).replace("…", "") in text
    assert parts[0][0].startswith("…")  # the text before the window was left out, and says so


def test_no_match_shows_the_beginning_unmarked() -> None:
    parts = excerpt("Texto corto sin la palabra.", "amparo")
    assert parts == (("Texto corto sin la palabra.", False),)
    assert fold("Ñandú") == "nandu"


def test_an_excerpt_that_starts_inside_the_first_word_starts_at_the_text() -> None:
    """No space before the window's start: the text's first word is whole, never «…e recuerda»."""
    text = "Anticonstitucionalmente el juzgado de paz resolvió lo que las partes pidieron."
    parts = excerpt(text, "juzgado", width=60)  # the window would start 20 characters back
    shown = "".join(words for words, _ in parts)
    assert shown.startswith("Anticonstitucionalmente"), shown
