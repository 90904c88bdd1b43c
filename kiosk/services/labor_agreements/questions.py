"""What Consulta de Convenio Laboral asks: the case number (typed as people write it, or built
step by step: department, labour court, year and number, the very steps of Consulta de
Expedientes Laborales) and then the DPI of a party.

A convenio is searched with the full SGT number: a court's own old number (``485-2011``) says
no court, and the kiosk says so on the number, with what was typed kept.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.case_numbers import CaseNumber
from kiosk.flows.model import Alternative, Answers, Field, FieldError, FieldKind, QuestionStep
from kiosk.flows.text import Text, _
from kiosk.services import labor_cases as labour
from kiosk.services.labor_cases import searched_number

__all__ = ["ASK_DPI", "ASK_NUMBER", "BUILD", "DPI_FIELD", "LAST", "searched_number"]

DPI_FIELD = "party_dpi"
#: the step the questions end on (its next is the search)
LAST = "dpi"


def _full_number(value: object, answers: Answers) -> None:
    if isinstance(value, CaseNumber) and not value.is_sgt:
        raise FieldError(
            "number",
            "case_number_not_sgt",
            Text(
                "Escriba el número completo, que empieza con el departamento y el juzgado, por "
                "ejemplo 01174-2025-02031; o toque «No sé cómo se escribe»."
            ),
        )


ASK_NUMBER = QuestionStep(
    id="number",
    title=_("¿Cuál es el número del expediente?"),
    intro=_(
        "Es el número del caso en que se aprobó el convenio. Está en el acta del convenio y en "
        "las notificaciones del juzgado."
    ),
    fields=(
        Field(
            "number",
            FieldKind.CASE_NUMBER,
            _("Número del expediente"),
            hint=_("Por ejemplo 01174-2025-02031: departamento y juzgado, año y número."),
            max_length=60,
            validator=_full_number,
        ),
    ),
    alternative=Alternative(_("No sé cómo se escribe: construirlo paso a paso"), "department"),
)


#: «Construir el número»: the labour cases' own steps (department, labour court, year and
#: number), the last one leading to the DPI instead of the search
BUILD = (*labour.BUILD[:-1], replace(labour.BUILD[-1], next=LAST))


ASK_DPI = QuestionStep(
    id=LAST,
    title=_("¿Cuál es su DPI?"),
    intro=_(
        "El DPI de una de las partes del convenio: el trabajador, o el patrono o quien lo "
        "representa. Solo con ese DPI se puede ver el convenio."
    ),
    fields=(
        Field(
            DPI_FIELD,
            FieldKind.DPI,
            _("DPI de una de las partes"),
            hint=_("Son los 13 dígitos del documento, por ejemplo 2468 13571 0101."),
            required_message=_("Escriba el DPI: son los 13 dígitos del documento."),
        ),
    ),
)
