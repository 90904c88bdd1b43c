"""``lookup()``: the shape every "find a record" service shares, built from what differs.

ask (one or a few questions) → search (an action whose result is a ResultsPage) → the results
(a row per match; one match goes straight on) → fetch (an action that reads the chosen row's
record) → the record (a DetailStep, printable). Extra steps (such as building a case number
step by step) join the flow as they are. The service supplies the two actions by name: the
search receives the answers (and, for "Ver más", ``cursor``); the fetch receives them with the
chosen row's id under ``selected``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from kiosk.flows.model import (
    ActionStep,
    Answers,
    DetailStep,
    Flow,
    QuestionStep,
    ResultsStep,
    Step,
)
from kiosk.flows.records import Detail
from kiosk.flows.text import Shown, _

SEARCH = "search"  # the action step ids (and the action names the service provides)
FETCH = "fetch"
RESULTS = "results"
RECORD = "record"
SELECTED = "selected"  # the answer a chosen row gives
CURSOR = "cursor"  # what "Ver más" adds to the answers the search receives

R = TypeVar("R")


def fetched(results: Mapping[str, object], kind: type[R]) -> R:
    """The record the fetch action brought, as the service's model (a record builder's input)."""
    found = results.get(FETCH)
    if not isinstance(found, kind):
        raise TypeError(f"fetch returns a {kind.__name__}")
    return found


def lookup(
    *,
    id: str,
    title: str,
    ask: tuple[QuestionStep, ...],
    results_title: str,
    empty: Shown,
    record_title: str,
    record: Callable[[Answers, dict[str, object]], Detail],
    document: str | None = None,
    too_many: Shown = "",
    most: int = 50,
    searching: str = _("Estamos buscando en el portal del Organismo Judicial."),
    fetching: str = _("Estamos trayendo el expediente."),
    extra: tuple[Step, ...] = (),
) -> Flow:
    """A lookup flow. ``ask``'s last step leads to the search; an ``extra`` step that finishes
    a question another way leads to ``SEARCH`` too."""
    *first, last = ask
    steps: tuple[Step, ...] = (
        *first,
        QuestionStep(
            last.id,
            last.title,
            last.fields,
            next=SEARCH,
            intro=last.intro,
            alternative=last.alternative,
        ),
        *extra,
        ActionStep(SEARCH, _("Buscando"), SEARCH, next=RESULTS, busy_text=searching, locks=False),
        ResultsStep(
            RESULTS,
            results_title,
            source=SEARCH,
            field=SELECTED,
            next=FETCH,
            empty=empty,
            more=SEARCH,
            most=most,
            too_many=too_many,
        ),
        ActionStep(FETCH, _("Abriendo"), FETCH, next=RECORD, busy_text=fetching, locks=False),
        DetailStep(RECORD, record_title, record, document=document),
    )
    flow = Flow(id=id, title=title, steps=steps, start=ask[0].id)
    flow.validate_graph()
    return flow
