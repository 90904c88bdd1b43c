"""What the kiosk asks: open or closed convocatorias (or one's own result), then words (optional)
and a department; or, for a result, the convocatoria's number and the application's. Each input
says how to fix it and keeps what was typed."""

from __future__ import annotations

import re

from kiosk import formats
from kiosk.flows.fields import validation_today
from kiosk.flows.model import Answers, Choice, Field, FieldError, FieldKind, QuestionStep
from kiosk.flows.text import Text, _
from kiosk.geography import DEPARTMENTS
from kiosk.portal.models.job_openings import APPLICATION_MAX, QUERY_MAX_LENGTH

OPEN, CLOSED, RESULT = "abiertas", "cerradas", "resultado"
ANYWHERE = "0"  # the department answer that does not narrow
QUERY_MAX_WORDS = 8
#: [A] the oldest convocatoria a receipt may still name (the portal keeps five years)
OLDEST_YEARS = 10

MESSAGES: dict[str, str] = {
    "character": "Quite «{character}»: escriba solo palabras, por ejemplo «piloto Escuintla».",
    "too_many_words": (
        "Escriba como máximo {maximum} palabras: el puesto y el lugar bastan, por ejemplo "
        "«oficial Cobán»."
    ),
    "number_shape": (
        "Escriba el número y el año de la convocatoria separados por un guion, por ejemplo "
        "042-2025."
    ),
    "number_zero": "El número de la convocatoria empieza en 1, por ejemplo 042-2025.",
    "year_future": "El año {year} todavía no llega: revise el número de la convocatoria.",
    "year_old": (
        "Las convocatorias de antes de {year} ya no se consultan aquí: pregunte en la Gerencia "
        "de Recursos Humanos."
    ),
}

_ALLOWED = re.compile(r"[^\W_]|[ '’.,\-]")  # letters and digits of any script, and a few signs
_WORD_SPLIT = re.compile(r"[ '’.,\-]+")
#: what people write around the number: «Convocatoria externa No. 042-2025»
_NUMBER = re.compile(
    r"^(?:convocatoria\s*)?(?:(?:externa|interna)\s*)?(?:(?:no|n[uú]mero|n[°º])\.?\s*)?"
    r"([0-9]{1,3})\s*[-/ ]\s*([0-9]{4})$",
    re.IGNORECASE,
)


def _words(value: object, answers: Answers) -> None:
    text = str(value)
    for char in text:
        if not _ALLOWED.match(char):
            raise FieldError(
                "words", "query_character", Text(MESSAGES["character"], character=char)
            )
    if len([w for w in _WORD_SPLIT.split(text) if w]) > QUERY_MAX_WORDS:
        message = Text(MESSAGES["too_many_words"], maximum=QUERY_MAX_WORDS)
        raise FieldError("words", "query_too_many_words", message)


def this_year() -> int:
    """This year: the flow's own "today" while answers are checked, the clock otherwise."""
    try:
        return validation_today().year
    except RuntimeError:
        return formats.now().year


def canonical_number(typed: str) -> str:
    """«42-2025», «042/2025», «Convocatoria externa No. 42 2025» → ``042-2025``; FieldError
    (on ``opening``) saying how to write it."""
    found = _NUMBER.match(" ".join(typed.split()))
    if found is None:
        raise FieldError("opening", "opening_number_shape", MESSAGES["number_shape"])
    sequence, year = int(found.group(1)), int(found.group(2))
    if sequence == 0:
        raise FieldError("opening", "opening_number_zero", MESSAGES["number_zero"])
    now = this_year()
    if year > now:
        raise FieldError("opening", "opening_year_future", Text(MESSAGES["year_future"], year=year))
    if year < now - OLDEST_YEARS:
        oldest = now - OLDEST_YEARS
        raise FieldError("opening", "opening_year_old", Text(MESSAGES["year_old"], year=oldest))
    return f"{sequence:03d}-{year}"


def _opening(value: object, answers: Answers) -> None:
    canonical_number(str(value))


MODE = QuestionStep(
    id="mode",
    title=_("¿Qué quiere ver?"),
    intro=_(
        "El Organismo Judicial contrata a su personal por convocatoria: cualquiera que cumpla "
        "los requisitos puede presentar sus papeles."
    ),
    fields=(
        Field(
            "mode",
            FieldKind.CHOICE,
            _("Ver"),
            choices=(
                Choice(
                    OPEN,
                    _("Convocatorias abiertas"),
                    _("Plazas que reciben papelería ahora o en los próximos días."),
                ),
                Choice(
                    CLOSED,
                    _("Convocatorias cerradas y sus resultados"),
                    _("Las de los últimos cinco años."),
                ),
                Choice(
                    RESULT,
                    _("Mi resultado"),
                    _("Con el número de su solicitud, que está en la constancia de sus papeles."),
                ),
            ),
        ),
    ),
    next=lambda answers: "opening" if answers.get("mode") == RESULT else "words",
)

WORDS = QuestionStep(
    id="words",
    title=_("¿Qué puesto o qué lugar busca?"),
    intro=_("Puede dejarlo en blanco para verlas todas. Sin tildes también sirve."),
    fields=(
        Field(
            "words",
            FieldKind.TEXT,
            _("Palabras"),
            hint=_("Por ejemplo «oficial», «piloto», «informática» o «Quetzaltenango»."),
            required=False,
            max_length=QUERY_MAX_LENGTH,
            validator=_words,
        ),
    ),
)

DEPARTMENT = QuestionStep(
    id="department",
    title=_("¿En qué departamento?"),
    intro=_("Elija «Todo el país» para ver las de todos los departamentos."),
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
)

OPENING = QuestionStep(
    id="opening",
    title=_("¿Cuál es el número de la convocatoria?"),
    intro=_("Está en la convocatoria y en la constancia que le dieron al recibir sus papeles."),
    fields=(
        Field(
            "opening",
            FieldKind.TEXT,
            _("Número de la convocatoria"),
            hint=_("El número y el año, por ejemplo 042-2025."),
            max_length=40,
            validator=_opening,
            keypad_override="numeric",
            required_message=_("Escriba el número de la convocatoria, por ejemplo 042-2025."),
        ),
    ),
    next="application",
)

APPLICATION = QuestionStep(
    id="application",
    title=_("¿Cuál es el número de su solicitud?"),
    intro=_(
        "Está en la constancia que le dieron al recibir sus papeles. Los resultados se publican "
        "por ese número, nunca con nombres."
    ),
    fields=(
        Field(
            "application",
            FieldKind.NUMBER,
            _("Número de solicitud"),
            hint=_("Solo el número, por ejemplo 17."),
            min_value=1,
            max_value=APPLICATION_MAX,
            required_message=_("Escriba el número de su solicitud, por ejemplo 17."),
        ),
    ),
    next="find_result",
)
