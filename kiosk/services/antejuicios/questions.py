"""What the kiosk asks to find an antejuicio: how to search, then either its number (the shared
case-number field, or the year and number apart for who does not know how it is written) or the
official's name or post and the department. Each input says how to fix it and keeps what was
typed."""

from __future__ import annotations

import re

from kiosk import formats
from kiosk.case_numbers import MESSAGES as CASE_MESSAGES
from kiosk.case_numbers import CaseNumber, CaseNumberError, parse_case_number
from kiosk.flows.fields import validation_today
from kiosk.flows.model import (
    Alternative,
    Answers,
    Choice,
    Field,
    FieldError,
    FieldKind,
    QuestionStep,
)
from kiosk.flows.text import Text, _
from kiosk.geography import DEPARTMENTS

BY_NUMBER, BY_OFFICIAL = "numero", "funcionario"
ANYWHERE = "0"  # the department answer that does not narrow
FIRST_YEAR = 2002  # [F] Decreto 85-2002, the law of antejuicios
QUERY_MAX_LENGTH = 80
QUERY_MAX_WORDS = 8

MESSAGES: dict[str, str] = {
    "sgt": (
        "Ese es el número de un expediente de juzgado. Un antejuicio lleva su número y el año, "
        "por ejemplo 413-2016."
    ),
    "office": (
        "Un antejuicio no lleva oficial («Of.»): escriba solo el número y el año, por ejemplo "
        "413-2016."
    ),
    "digits": (
        "Escriba el nombre o el cargo sin números. Si tiene el número del antejuicio, toque "
        "«Atrás» y elija buscar con el número."
    ),
    "character": "Quite «{character}»: escriba solo letras, como en un nombre o un cargo.",
    "too_short": (
        "Escriba al menos un apellido o una palabra del cargo, por ejemplo «Pérez» o «alcalde»."
    ),
    "too_many_words": (
        "Escriba como máximo {maximum} palabras: un nombre y un apellido, o el cargo y el lugar."
    ),
}

# letters of any accent, and what names and posts carry between them
_ALLOWED = re.compile(r"[^\W\d_]|[ '’´`.,\-]")
_PARTICLES = frozenset(("de", "del", "la", "las", "los", "el", "y", "e", "en", "por", "para", "al"))


def _number(value: object, answers: Answers) -> None:
    """The parser accepts every case number; an antejuicio's is ``sequence-year`` only."""
    if isinstance(value, CaseNumber) and value.is_sgt:
        raise FieldError("number", "antejuicio_sgt", MESSAGES["sgt"])
    if isinstance(value, CaseNumber) and value.office is not None:
        raise FieldError("number", "antejuicio_office", MESSAGES["office"])


def _buildable(value: object, answers: Answers) -> None:
    """The number and year written apart make a real number (a year not yet come says so)."""
    if answers.get("sequence") is None:
        return  # the number has its own error already
    try:
        built = {**answers, "year": value}
        built.pop("number", None)
        searched_number(built)
    except CaseNumberError as error:
        template = CASE_MESSAGES[error.message_key]
        raise FieldError("year", error.code, Text(template, **error.params)) from None


def _query(value: object, answers: Answers) -> None:
    """Words of a name or a post: letters only, at least one word that tells officials apart."""
    text = str(value)
    if any(char.isdigit() for char in text):
        raise FieldError("official", "query_digits", MESSAGES["digits"])
    for char in text:
        if not _ALLOWED.match(char):
            raise FieldError(
                "official", "query_character", Text(MESSAGES["character"], character=char)
            )
    found = [w for w in re.split(r"[ '’´`.,\-]+", text.casefold()) if w and w not in _PARTICLES]
    if not [w for w in found if len(w) > 1]:
        raise FieldError("official", "query_too_short", MESSAGES["too_short"])
    if len(found) > QUERY_MAX_WORDS:
        message = Text(MESSAGES["too_many_words"], maximum=QUERY_MAX_WORDS)
        raise FieldError("official", "query_too_many_words", message)


def validation_year() -> int:
    """This year: the flow's own "today" while answers are checked, the clock otherwise."""
    try:
        return validation_today().year
    except RuntimeError:
        return formats.now().year


def searched_number(answers: Answers) -> CaseNumber:
    """The number typed, or the one made of the year and number written apart."""
    typed = answers.get("number")
    if isinstance(typed, CaseNumber):
        return typed
    sequence, year = int(str(answers["sequence"])), int(str(answers["year"]))
    return parse_case_number(f"{sequence}-{year}", this_year=validation_year())


def by_number(answers: Answers) -> bool:
    return answers.get("mode") == BY_NUMBER


MODE = QuestionStep(
    id="mode",
    title=_("¿Cómo quiere buscar el antejuicio?"),
    intro=_(
        "Un antejuicio decide si un funcionario público puede ser investigado por un juez penal."
    ),
    fields=(
        Field(
            "mode",
            FieldKind.CHOICE,
            _("Buscar"),
            choices=(
                Choice(BY_NUMBER, _("Con el número del antejuicio"), _("Por ejemplo 413-2016.")),
                Choice(
                    BY_OFFICIAL,
                    _("Con el nombre o el cargo del funcionario"),
                    _("Por ejemplo Juan Pérez, o alcalde de Mixco."),
                ),
            ),
        ),
    ),
    next=lambda answers: "number" if by_number(answers) else "official",
)

NUMBER = QuestionStep(
    id="number",
    title=_("¿Cuál es el número del antejuicio?"),
    intro=_("Es un número y un año separados por un guion, como aparece en los papeles del caso."),
    fields=(
        Field(
            "number",
            FieldKind.CASE_NUMBER,
            _("Número del antejuicio"),
            hint=_("Por ejemplo 413-2016."),
            max_length=40,
            validator=_number,
        ),
    ),
    alternative=Alternative(
        _("No sé cómo se escribe: escribir el número y el año aparte"), "year_sequence"
    ),
)

YEAR_SEQUENCE = QuestionStep(
    id="year_sequence",
    title=_("¿Qué número tiene y de qué año es?"),
    intro=_("En el antejuicio 413-2016, el número es 413 y el año es 2016."),
    fields=(  # as the number is written: 413, then 2016
        Field("sequence", FieldKind.NUMBER, _("Número"), min_value=1, max_value=99999),
        Field(
            "year",
            FieldKind.NUMBER,
            _("Año"),
            min_value=FIRST_YEAR,
            max_value=2100,
            validator=_buildable,
        ),
    ),
    next="search",
)

OFFICIAL = QuestionStep(
    id="official",
    title=_("¿A qué funcionario busca?"),
    intro=_("Los funcionarios públicos se pueden buscar por su nombre o por su cargo."),
    fields=(
        Field(
            "official",
            FieldKind.TEXT,
            _("Nombre o cargo del funcionario"),
            hint=_(
                "Un nombre y un apellido, o el cargo y el lugar: por ejemplo «Juan Pérez» o "
                "«alcalde de Mixco». Sin tildes también sirve."
            ),
            max_length=QUERY_MAX_LENGTH,
            validator=_query,
            required_message=_(
                "Escriba el nombre o el cargo del funcionario, por ejemplo «alcalde de Mixco»."
            ),
        ),
    ),
    next="department",
)

DEPARTMENT = QuestionStep(
    id="department",
    title=_("¿En qué departamento trabaja el funcionario?"),
    intro=_(
        "Si no lo sabe, o es un cargo de todo el país, como un ministro, elija «Todo el país»."
    ),
    fields=(
        Field(
            "department",
            FieldKind.CHOICE,
            _("Departamento"),
            choices=(
                Choice(ANYWHERE, _("Todo el país")),
                *(Choice(str(d.code), d.name) for d in DEPARTMENTS),
            ),
        ),
    ),
    next="search",
)
