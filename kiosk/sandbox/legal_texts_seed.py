"""Normativas y Resoluciones in the sandbox: the tables, the seed and the demo documents.

The corpus: the catalogue's laws and their reforms (always), about 280 CSJ acuerdos since 2005
(a third create a court of the real structure, in every department), 150 circulars since 2010
and 170 published rulings since 2015 (from cases of all 22 departments), at the volume asked;
about 640 documents and 7 600 units. Each document is indexed twice for FTS5, with the stems of
``kiosk.sandbox.word_search``: whole (title, summary and body apart, so the title can weigh more)
to find and rank documents, and unit by unit to find the article an excerpt is taken from. A
document's units have consecutive keys, so «its best unit» is a rowid range of the unit index.

The laws are written from a generator of their own (seeded by their id), the same at any seed:
their parts and articles are what the README documents.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from kiosk.portal.models.legal_texts import LegalState
from kiosk.sandbox import word_search
from kiosk.sandbox.bulk import insert_rows
from kiosk.sandbox.legal_texts_catalog import LAWS, TAKEN_NUMBERS
from kiosk.sandbox.legal_texts_topics import BY_KEY
from kiosk.sandbox.legal_texts_writer import (
    RULINGS,
    Document,
    Part,
    Unit,
    Words,
    write_acuerdo,
    write_acuerdos,
    write_circular,
    write_circulars,
    write_law,
    write_reform,
    write_ruling,
    write_rulings,
)
from kiosk.sandbox.people import People
from kiosk.sandbox.services import volume

SCHEMA = """
CREATE TABLE IF NOT EXISTS legal_texts (
    pk           INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    number       TEXT NOT NULL,
    title        TEXT NOT NULL,
    issuer       TEXT NOT NULL,
    issued_on    TEXT NOT NULL,
    published_on TEXT,
    in_force_on  TEXT,
    state        TEXT,
    state_by     TEXT,
    addressed_to TEXT,
    summary      TEXT NOT NULL,
    department   INTEGER,
    first_unit   INTEGER NOT NULL,
    last_unit    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS legal_texts_by_kind ON legal_texts(kind, issued_on);
CREATE INDEX IF NOT EXISTS legal_texts_by_date ON legal_texts(issued_on);
CREATE TABLE IF NOT EXISTS legal_parts (
    text_pk     INTEGER NOT NULL REFERENCES legal_texts(pk),
    position    INTEGER NOT NULL,
    id          TEXT NOT NULL,
    heading     TEXT NOT NULL,
    title       TEXT NOT NULL,
    first_unit  INTEGER NOT NULL,
    last_unit   INTEGER NOT NULL,
    first_label TEXT NOT NULL,
    last_label  TEXT NOT NULL,
    characters  INTEGER NOT NULL,
    PRIMARY KEY (text_pk, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS legal_units (
    pk      INTEGER PRIMARY KEY,
    text_pk INTEGER NOT NULL REFERENCES legal_texts(pk),
    part    INTEGER NOT NULL,
    id      TEXT NOT NULL,
    kind    TEXT NOT NULL,
    label   TEXT NOT NULL,
    heading TEXT,
    body    TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS legal_search
    USING fts5(title, summary, body, tokenize = 'unicode61');
CREATE VIRTUAL TABLE IF NOT EXISTS legal_unit_search USING fts5(body, tokenize = 'unicode61')
"""
TABLES = ("legal_unit_search", "legal_search", "legal_units", "legal_parts", "legal_texts")

ACUERDOS = 280
CIRCULARS = 150
RULINGS_PUBLISHED = 170
#: what the portal says of every text it serves (the data's own words: the kiosk shows them)
NOTE = (
    "Texto de muestra del portal de pruebas: el número y el título pueden ser los de una norma "
    "real, pero el texto es generado y no es el oficial."
)

# --- demo documents: always seeded, documented for newcomers and the UI tests ------------------

#: A long law read by part (21 parts of about 12 articles); «notificación» is best matched in
#: its part «Notificación electrónica» (Título III, Capítulo II), in its Artículo 62.
DEMO_LAW = "ley-2-89"
DEMO_LAW_NOTIFICATIONS = "titulo-3-capitulo-2"
#: A code of 430 articles: read by part, too long to print whole (about 60 pages, past the
#: kiosk's cap); and a code that prints whole (about 26 pages).
DEMO_CODE = "ley-1441"
DEMO_CODE_PRINTABLE = "decreto-ley-107"
#: A short law: it opens at once, whole.
DEMO_SHORT_LAW = "ley-22-2008"
#: A repealed law, and what repealed it.
DEMO_REPEALED = "ley-41-99"
DEMO_REPEALED_BY = "Decreto 32-2016"
#: An acuerdo of the CSJ, a circular and a published ruling (parties by their initials).
DEMO_ACUERDO = "acuerdo-23-2019"
DEMO_CIRCULAR = "circular-pre-0012-2021"
DEMO_RULING = "casacion-01004-2019-00123"
#: Words that find a few documents, too many, and none.
DEMO_WORDS_FEW = "casillero electrónico"
DEMO_WORDS_TOO_MANY = "juez"
DEMO_WORDS_NONE = "astronauta"

_DEMO_NUMBERS = frozenset(
    {"Acuerdo número 23-2019", "Circular número PRE-0012-2021", "Casación 01004-2019-00123"}
)


def _demo_documents() -> list[Document]:
    """The acuerdo, circular and ruling of the README, the same at any seed."""
    words = Words(random.Random("legal-texts:demo"))
    notices = BY_KEY["notificaciones"]
    acuerdo = write_acuerdo(
        "Acuerdo número 23-2019", date(2019, 5, 15), notices, words,
        title="Reglamento de notificaciones electrónicas y del casillero electrónico",
    )  # fmt: skip
    circular = write_circular(
        "Circular número PRE-0012-2021", date(2021, 3, 8), BY_KEY["horarios"], words
    )
    (penal,) = (kind for kind in RULINGS if kind.key == "casacion-penal")
    ruling = write_ruling(penal, date(2019, 9, 24), 123, 9, words, People(words.rng))
    return [acuerdo, circular, ruling]


def _laws(anchor: date) -> list[Document]:
    """The catalogue's laws and their reforms, each from a generator seeded by its id."""
    documents: list[Document] = []
    taken = set(TAKEN_NUMBERS)
    for spec in LAWS:
        words = Words(random.Random(f"legal-texts:{spec.slug}"))
        law = write_law(spec, words)
        documents.append(law)
        if spec.state is not LegalState.REFORMADA:
            continue
        reforms: list[Document] = []
        for _ in range(words.between(1, 2)):
            while True:
                year = words.between(max(spec.year + 2, 1990), anchor.year - 1)
                number = f"Decreto {words.between(1, 90)}-{year}"
                if number not in taken:
                    break
            taken.add(number)
            issued = date(year, 1, 1) + timedelta(days=words.between(10, 340))
            reforms.append(write_reform(law, number, issued, words))
        reforms.sort(key=lambda d: d.issued_on)
        law.state_by = reforms[-1].number
        documents += reforms
    return documents


def corpus(
    rng: random.Random,
    anchor: date,
    *,
    acuerdos: int = ACUERDOS,
    circulars: int = CIRCULARS,
    rulings: int = RULINGS_PUBLISHED,
) -> list[Document]:
    """Every document, laws and demo first, then the generated ones at the volume asked."""
    words = Words(rng)
    return [
        *_laws(anchor),
        *_demo_documents(),
        *write_acuerdos(words, anchor, volume(acuerdos), _DEMO_NUMBERS),
        *write_circulars(words, anchor, volume(circulars), _DEMO_NUMBERS),
        *write_rulings(words, anchor, volume(rulings), _DEMO_NUMBERS),
    ]


# --- the rows --------------------------------------------------------------------------------


class _Stems:
    """``word_search.stems`` of a text, remembered by whitespace-separated token: the generated
    texts repeat a small vocabulary, and a word never spans whitespace, so the stems of a text
    are those of its tokens in order (the same as ``stems(text)``, many times faster)."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        known = self.known
        out = []
        for token in text.split():
            found = known.get(token)
            if found is None:
                found = known[token] = word_search.stems(token)
            if found:
                out.append(found)
        return " ".join(out)


def unit_text(unit: Unit) -> str:
    """What a unit says, as one line (its epígrafe first): what the excerpt is cut from."""
    return " ".join((unit.heading or "", *unit.paragraphs)).strip()


def seed_texts(
    conn: sqlite3.Connection,
    rng: random.Random,
    anchor: date,
    *,
    acuerdos: int = ACUERDOS,
    circulars: int = CIRCULARS,
    rulings: int = RULINGS_PUBLISHED,
) -> None:
    documents = corpus(rng, anchor, acuerdos=acuerdos, circulars=circulars, rulings=rulings)
    stems = _Stems()
    texts: list[object] = []
    parts: list[object] = []
    units: list[object] = []
    unit_index: list[tuple[int, str]] = []
    text_index: list[tuple[int, str, str, str]] = []
    unit_pk = 0
    for text_pk, document in enumerate(documents, start=1):
        first = unit_pk + 1
        bodies: list[str] = []
        for position, part in enumerate(document.parts, start=1):
            part_first = unit_pk + 1
            characters = 0
            for unit in part.units:
                unit_pk += 1
                said = unit_text(unit)
                characters += len(said)
                body = stems(f"{unit.label} {said}")
                bodies.append(body)
                unit_index.append((unit_pk, body))
                units += (
                    unit_pk, text_pk, position, unit.slug, unit.kind, unit.label, unit.heading,
                    "\n".join(unit.paragraphs),
                )  # fmt: skip
            parts += _part_row(text_pk, position, part, part_first, unit_pk, characters)
        texts += (
            text_pk, document.slug, document.kind, document.number, document.title,
            document.issuer, document.issued_on.isoformat(), _iso(document.published_on),
            _iso(document.in_force_on), document.state, document.state_by, document.addressed_to,
            document.summary, document.department, first, unit_pk,
        )  # fmt: skip
        about = " ".join(filter(None, (document.summary, document.issuer, document.addressed_to)))
        text_index.append(
            (text_pk, stems(f"{document.number} {document.title}"), stems(about), " ".join(bodies))
        )
    insert_rows(conn, "legal_texts", 16, texts)
    insert_rows(conn, "legal_parts", 10, parts)
    insert_rows(conn, "legal_units", 8, units)
    conn.executemany(
        "INSERT INTO legal_search(rowid, title, summary, body) VALUES (?, ?, ?, ?)", text_index
    )
    conn.executemany("INSERT INTO legal_unit_search(rowid, body) VALUES (?, ?)", unit_index)


def _part_row(
    text_pk: int, position: int, part: Part, first: int, last: int, characters: int
) -> tuple[object, ...]:
    return (
        text_pk, position, part.slug, part.heading, part.title, first, last,
        part.units[0].label, part.units[-1].label, characters,
    )  # fmt: skip


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
