"""What Normativas y Resoluciones asks: the words (any, typed as they come: accents, capitals and
plurals do not matter, a word may be cut short), then the kind of document and the years. Words
may be left out to list a kind or some years, newest first."""

from __future__ import annotations

from kiosk import formats
from kiosk.flows.fields import validation_today
from kiosk.flows.model import (
    Answers,
    Choice,
    Field,
    FieldError,
    FieldKind,
    QuestionStep,
    Validator,
)
from kiosk.flows.text import _
from kiosk.portal.models.legal_texts import FIRST_YEAR, WORDS_MAX, LegalKind
from kiosk.services.legal_texts.words import ALL_KINDS, KINDS
from kiosk.text import Text


def this_year() -> int:
    """The flow's own "today" while answers are checked, the clock otherwise."""
    try:
        return validation_today().year
    except RuntimeError:
        return formats.now().year


def _searchable(value: object, answers: Answers) -> None:
    if not any(char.isalnum() for char in str(value)):
        raise FieldError(
            "words",
            "words_signs",
            _("Escriba palabras con letras o números, por ejemplo: notificación electrónica."),
        )


def _year(field_id: str) -> Validator:
    def check(value: object, answers: Answers) -> None:
        last = this_year()
        if not isinstance(value, int) or not FIRST_YEAR <= value <= last:
            raise FieldError(
                field_id,
                "year_range",
                Text(
                    "Escriba un año de cuatro cifras, de {first} a {last}; por ejemplo {example}.",
                    first=str(FIRST_YEAR),
                    last=str(last),
                    example=str(last - 3),
                ),
            )
        start = answers.get("year_from")
        if field_id == "year_to" and isinstance(start, int) and value < start:
            raise FieldError(
                field_id,
                "years_order",
                Text(
                    "«Hasta el año» es anterior a «Desde el año» ({start}): escriba {start} o un "
                    "año posterior.",
                    start=str(start),
                ),
            )

    return check


WORDS = QuestionStep(
    id="words",
    title=_("¿Qué busca?"),
    intro=_(
        "Escriba las palabras como le salgan: no importan las tildes ni las mayúsculas, y "
        "«notificación» encuentra también «notificaciones»."
    ),
    fields=(
        Field(
            "words",
            FieldKind.TEXT,
            _("Palabras"),
            hint=_(
                "Por ejemplo: casillero electrónico, carrera judicial o 57-2008. Puede dejarlo "
                "vacío para ver los documentos de un tipo o de unos años."
            ),
            required=False,
            max_length=WORDS_MAX,
            validator=_searchable,
        ),
    ),
)

FILTERS = QuestionStep(
    id="filters",
    title=_("¿Qué tipo de documento y de qué años?"),
    intro=_("Si no elige nada, buscamos en todos los tipos y en todos los años."),
    fields=(
        Field(
            "kind",
            FieldKind.CHOICE,
            _("Tipo de documento"),
            required=False,
            choices=(
                Choice(ALL_KINDS, _("Todos")),
                *(Choice(kind.value, KINDS[kind].plural) for kind in LegalKind),
            ),
        ),
        Field(
            "year_from",
            FieldKind.NUMBER,
            _("Desde el año"),
            hint=_("Para un solo año, escriba el mismo en los dos."),
            required=False,
            validator=_year("year_from"),
            keypad_override="numeric",
            max_length=4,
        ),
        Field(
            "year_to",
            FieldKind.NUMBER,
            _("Hasta el año"),
            required=False,
            validator=_year("year_to"),
            keypad_override="numeric",
            max_length=4,
        ),
    ),
)
