"""What a lookup shows: the rows a search found, and one record in detail. Pure data, made by a
service's actions from the portal's answers; the screens translate the Texts in it."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.flows.charts import Chart
from kiosk.flows.text import Shown

#: words found by a search, in order: (words, marked); marked words matched what was searched
#: and are drawn bold and underlined (never by colour alone)
Excerpt = tuple[tuple[str, bool], ...]

#: a printout's sources hold, under this key, the ids of the sections the visitor picked on a
#: record with ``pickable`` sections (an empty tuple or no key: print everything)
PICKED = "picked"


@dataclass(frozen=True)
class ResultRow:
    """One thing found: a large target with the few facts that tell rows apart."""

    id: str  # what choosing it answers (and its object name: ``action.select.<id>``)
    title: Shown
    facts: tuple[Shown, ...] = ()
    excerpt: Excerpt = ()  # where the searched words are in a long text, under the facts


@dataclass(frozen=True)
class ResultsPage:
    """What a search action returns: rows so far, how many there are in all, and where the next
    page starts (None: no more)."""

    rows: tuple[ResultRow, ...]
    total: int
    next_cursor: str | None = None
    searched: Shown = ""  # what was searched, said above the results
    #: the row the search already knows the visitor wants (the part of a law that holds the
    #: searched words): the flow goes on as if it had been tapped, and «Atrás» shows the list
    chosen: str | None = None


@dataclass(frozen=True)
class DetailRow:
    """One fact of a record: shown as ``value.<id>`` (named by meaning), its label a message
    id, its value data or a Text; ``explain`` says in plain words what it means."""

    id: str
    label: str
    value: Shown
    explain: Shown = ""


@dataclass(frozen=True)
class Lead:
    """A way from a record to another service that goes on from what the record knows: the
    button ``action.lead.<id>`` opens ``service`` with ``answers`` already given (its questions
    so answered are passed over; the first one not answered is asked)."""

    id: str
    label: Shown
    service: str
    answers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DetailSection:
    """Part of a record: rows and, for what happened over time, a dated timeline; ``text`` is
    read in large type (an article of a law); ``qr`` is drawn on screen for a phone to read
    (``qr_caption`` says what it opens); ``chart`` draws figures with their numbers beside them;
    a ``pickable`` section can be chosen for a printout of only some sections (``PICKED``)."""

    id: str
    title: Shown
    rows: tuple[DetailRow, ...] = ()
    timeline: tuple[tuple[str, Shown], ...] = ()  # (the day as shown, what happened)
    note: Shown = ""
    #: what a timeline entry is called on paper when some do not fit: (singular, plural, "la" or
    #: "lo" as in «consúltela»), Spanish like the paper
    entry_words: tuple[str, str, str] = ("actuación", "actuaciones", "la")
    text: tuple[Shown, ...] = ()  # paragraphs
    qr: str = ""
    qr_caption: Shown = ""
    chart: Chart | None = None
    pickable: bool = False
    leads: tuple[Lead, ...] = ()


@dataclass(frozen=True)
class Detail:
    heading: Shown
    sections: tuple[DetailSection, ...]
