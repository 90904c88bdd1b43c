"""The three questions: which figures (mediation or facilitadores judiciales), which year (the
latest first) and where (a department, or the whole country). Every answer is a tap."""

from __future__ import annotations

from kiosk import formats
from kiosk.flows.fields import validation_today
from kiosk.flows.model import Answers, Choice, Field, FieldKind, QuestionStep
from kiosk.flows.text import _
from kiosk.geography import DEPARTMENTS
from kiosk.portal.models.mediation_stats import FIRST_YEAR

MEDIATION = "mediacion"
FACILITATORS = "facilitadores"
#: the department answer for the whole country (``field.department.all``)
COUNTRY = "all"


def this_year() -> int:
    """The flow's own "today" while answers are checked, the clock otherwise."""
    try:
        return validation_today().year
    except RuntimeError:
        return formats.now().year


def _years(_answers: Answers) -> tuple[Choice, ...]:
    """Every year whose figures are out (a year is published once it is over), latest first."""
    last = this_year() - 1
    return tuple(
        Choice(str(year), str(year), _("Las cifras más recientes") if year == last else "")
        for year in range(last, FIRST_YEAR - 1, -1)
    )


TOPIC = QuestionStep(
    id="topic",
    title=_("¿Qué cifras quiere ver?"),
    fields=(
        Field(
            "topic",
            FieldKind.CHOICE,
            _("Cifras"),
            choices=(
                Choice(
                    MEDIATION,
                    _("Mediación"),
                    _("Conflictos que las partes arreglaron hablando, en un centro de mediación."),
                ),
                Choice(
                    FACILITATORS,
                    _("Facilitadores judiciales"),
                    _("Personas de la comunidad que orientan a sus vecinos y los llevan al juez."),
                ),
            ),
            required_message=_("Toque «Mediación» o «Facilitadores judiciales»."),
        ),
    ),
)

YEAR = QuestionStep(
    id="year",
    title=_("¿De qué año?"),
    intro=_("Las cifras de un año se publican cuando el año termina."),
    fields=(
        Field(
            "year",
            FieldKind.CHOICE,
            _("Año"),
            choices_from=_years,
            required_message=_("Toque uno de los años."),
        ),
    ),
)

DEPARTMENT = QuestionStep(
    id="department",
    title=_("¿De qué departamento?"),
    intro=_("Verá ese departamento junto a los demás, y cómo ha cambiado año con año."),
    fields=(
        Field(
            "department",
            FieldKind.CHOICE,
            _("Departamento"),
            choices=(
                Choice(COUNTRY, _("Todo el país")),
                *(Choice(str(d.code), d.name) for d in DEPARTMENTS),
            ),
            required_message=_("Toque un departamento, o «Todo el país»."),
        ),
    ),
)


def chosen_department(answers: Answers) -> int | None:
    """The department's INE code, or None for the whole country."""
    value = str(answers["department"])
    return None if value == COUNTRY else int(value)
