"""A search that already knows which row the visitor wants (the part of a law with the words)
goes straight to it; «Atrás» shows the whole list."""

from __future__ import annotations

from datetime import date

from kiosk.flows.engine import FlowRun
from kiosk.flows.model import (
    ActionStep,
    DetailStep,
    Field,
    FieldKind,
    Flow,
    QuestionStep,
    ResultsStep,
)
from kiosk.flows.records import Detail, ResultRow, ResultsPage

FLOW = Flow(
    id="demo-parts",
    title="Partes",
    start="words",
    steps=(
        QuestionStep(
            "words", "¿Qué busca?", (Field("words", FieldKind.TEXT, "Palabras"),), next="find"
        ),
        ActionStep("find", "Buscando", "find", next="list", locks=False),
        ResultsStep("list", "Partes", source="find", field="part", next="show", empty="Nada"),
        DetailStep("show", "Parte", lambda answers, results: Detail(str(answers["part"]), ())),
    ),
)
ROWS = tuple(ResultRow(part, part.upper()) for part in ("a", "b", "c"))


def _found(chosen: str | None) -> FlowRun:
    run = FlowRun(FLOW, today=date(2026, 12, 6))
    assert run.submit({"words": "notificación"}) == []
    run.complete_action(ResultsPage(ROWS, len(ROWS), chosen=chosen))
    return run


def test_the_chosen_row_is_opened_and_atras_lists_them_all() -> None:
    run = _found("b")
    assert isinstance(run.current, DetailStep) and run.answers["part"] == "b"
    assert run.back() and run.current.id == "list"
    run.submit({"part": "c"})
    assert run.current.id == "show" and run.answers["part"] == "c"
    assert run.back() and run.current.id == "list"


def test_no_choice_or_one_not_in_the_list_shows_the_list() -> None:
    assert _found(None).current.id == "list"
    assert _found("z").current.id == "list"
