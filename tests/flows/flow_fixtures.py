"""A branching demo flow (tests only) and a helper to walk it without a screen."""

from __future__ import annotations

from datetime import date

from kiosk.flows.engine import FlowRun
from kiosk.flows.model import (
    ActionStep,
    Answers,
    Choice,
    ConfirmationStep,
    Field,
    FieldKind,
    Flow,
    InfoStep,
    QuestionStep,
    ReviewStep,
)

TODAY = date(2025, 6, 1)
VALID_DPI = "2456789050101"  # check digit 5, Guatemala / Guatemala


def _after_lawyer_question(answers: Answers) -> str:
    return "lawyer" if answers["has_lawyer"] else "service"


def _after_service(answers: Answers) -> str:
    return {"copy": "copies", "certificate": "purpose", "inspection": "inspection_info"}[
        str(answers["service"])
    ]


def _after_send(answers: Answers, result: object) -> str:
    assert isinstance(result, dict)
    return "accepted" if result["status"] == "accepted" else "queued"


def _accepted_body(answers: Answers, results: dict[str, object]) -> str:
    result = results["send"]
    assert isinstance(result, dict)
    return f"Su solicitud quedó registrada con la referencia {result['reference']}."


DEMO = Flow(
    id="demo",
    title="Solicitud de demostración",
    start="has_lawyer",
    steps=(
        QuestionStep(
            "has_lawyer",
            "¿Le acompaña un abogado?",
            (Field("has_lawyer", FieldKind.YES_NO, "Abogado"),),
            next=_after_lawyer_question,
        ),
        QuestionStep(
            "lawyer",
            "¿Quién es su abogado?",
            (
                Field("lawyer_name", FieldKind.NAME, "Nombre del abogado"),
                Field(
                    "lawyer_number",
                    FieldKind.NUMBER,
                    "Número de colegiado",
                    required=False,
                    min_value=1,
                    max_value=99999,
                ),
            ),
            next="service",
        ),
        QuestionStep(
            "service",
            "¿Qué necesita?",
            (
                Field(
                    "service",
                    FieldKind.CHOICE,
                    "Trámite",
                    choices=(
                        Choice("copy", "Copias de un expediente"),
                        Choice("certificate", "Una constancia"),
                        Choice("inspection", "Consultar un expediente"),
                    ),
                ),
            ),
            next=_after_service,
        ),
        QuestionStep(
            "copies",
            "¿Cuántas copias necesita?",
            (
                Field("copy_count", FieldKind.NUMBER, "Copias", min_value=1, max_value=50),
                Field("budget", FieldKind.MONEY, "Monto máximo", required=False),
            ),
            next="review",
        ),
        QuestionStep(
            "purpose",
            "¿Para qué necesita la constancia?",
            (Field("purpose", FieldKind.TEXT, "Motivo", max_length=40),),
            next="review",
        ),
        InfoStep("inspection_info", "La consulta es gratuita", "No tiene costo.", next=None),
        QuestionStep(
            "inspection_date",
            "¿Qué día vendrá?",
            (Field("visit_date", FieldKind.DATE, "Fecha de la visita"),),
            next="review",
        ),
        ReviewStep("review", "Revise sus respuestas", next="send"),
        ActionStep("send", "Enviando", "send_request", next=_after_send, busy_text="Enviando…"),
        ConfirmationStep("accepted", "Solicitud registrada", _accepted_body),
        ConfirmationStep("queued", "Solicitud en espera", "La atenderemos en la ventanilla."),
    ),
)

# What a visitor types on each question step of the demo flow, by step id.
DEMO_INPUT: dict[str, dict[str, str]] = {
    "lawyer": {"lawyer_name": "  maría   josé pérez ", "lawyer_number": "1 234"},
    "copies": {"copy_count": "3", "budget": "Q 30.00"},
    "purpose": {"purpose": "Trámite de pasaporte"},
    "inspection_date": {"visit_date": "14/06/2025"},
}


def walk_to_review(run: FlowRun, *, lawyer: bool, service: str) -> list[str]:
    """Answer the demo flow up to its review step; return the step ids visited."""
    visited = [run.current.id]
    assert run.submit({"has_lawyer": "sí" if lawyer else "no"}) == []
    while run.current.id != "review":
        step = run.current
        visited.append(step.id)
        if step.id == "service":
            values = {"service": service}
        elif isinstance(step, InfoStep):
            values = {}
        else:
            values = DEMO_INPUT[step.id]
        assert run.submit(values) == [], step.id
    visited.append("review")
    return visited
