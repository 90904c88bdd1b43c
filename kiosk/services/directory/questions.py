"""What the directory asks: how to search, then either a few words, or the place: department →
kind → municipality (with «Todos los municipios»).

The field ids and values are fixed: another service leads here with them (the statistics
service's «Buscar el centro de mediación más cercano» gives ``way=place``, ``department`` and
``kind=mediacion``, and the visitor lands on the municipality question). The choices come from
``kiosk.courts`` and ``kiosk.geography``; mediation centres, facilitadores and offices are
offered in every department (the portal has at least one of each in each department)."""

from __future__ import annotations

import re

from kiosk.courts import CourtKind, courts_in
from kiosk.flows.lookup import SEARCH
from kiosk.flows.model import Answers, Choice, Field, FieldError, FieldKind, QuestionStep
from kiosk.flows.text import _
from kiosk.geography import DEPARTMENTS, department
from kiosk.portal.models.directory import WORDS_MAX_LENGTH, EntryKind
from kiosk.services.directory.words import KINDS
from kiosk.text import Text

BY_WORDS, BY_PLACE = "words", "place"
ALL = "all"  # every kind, or every municipality
WORDS_MAX = 8  # the portal's limit too: more is a sentence, not a search
_WORD = re.compile(r"[^\W_]+")

#: the courts' kinds as ``kiosk.courts`` names them
COURT_KINDS: dict[EntryKind, CourtKind] = {
    EntryKind.CSJ: CourtKind.CSJ,
    EntryKind.SALA: CourtKind.SALA,
    EntryKind.PRIMERA_INSTANCIA: CourtKind.PRIMERA_INSTANCIA,
    EntryKind.SENTENCIA: CourtKind.SENTENCIA,
    EntryKind.PAZ: CourtKind.PAZ,
}
#: the order kinds are offered in: what most visitors look for first
KIND_ORDER = (
    EntryKind.PAZ,
    EntryKind.PRIMERA_INSTANCIA,
    EntryKind.SENTENCIA,
    EntryKind.SALA,
    EntryKind.CSJ,
    EntryKind.MEDIACION,
    EntryKind.FACILITADORES,
    EntryKind.OFICINA,
)


def by_words(answers: Answers) -> bool:
    return answers.get("way") == BY_WORDS


def _words(value: object, answers: Answers) -> None:
    """Words to search: at least one, at most a few."""
    found = _WORD.findall(str(value))
    if not found:
        raise FieldError(
            "words",
            "words_none",
            _("Escriba al menos una palabra, por ejemplo «juzgado» o el nombre de su municipio."),
        )
    if len(found) > WORDS_MAX + 4:  # a few short words (de, la, del) do not count at the portal
        raise FieldError(
            "words",
            "words_too_many",
            Text(
                "Escriba como máximo {maximum} palabras, por ejemplo «juzgado de paz Mixco».",
                maximum=WORDS_MAX,
            ),
        )


WAY = QuestionStep(
    id="way",
    title=_("¿Cómo quiere buscar?"),
    intro=_("Encuentre la dirección, el teléfono y el horario de cualquier juzgado u oficina."),
    fields=(
        Field(
            "way",
            FieldKind.CHOICE,
            _("Forma de buscar"),
            choices=(
                Choice(
                    BY_WORDS,
                    _("Escribir el nombre o unas palabras"),
                    _("Por ejemplo: juzgado de paz Mixco, familia Quetzaltenango, mediación."),
                ),
                Choice(
                    BY_PLACE,
                    _("Elegir el lugar"),
                    _("El departamento, la clase de juzgado u oficina y el municipio."),
                ),
            ),
        ),
    ),
    next=lambda answers: "words" if by_words(answers) else "department",
)

WORDS = QuestionStep(
    id="words",
    title=_("¿Qué busca?"),
    intro=_(
        "Escriba el nombre o unas palabras: la clase de juzgado u oficina, el municipio o el "
        "departamento. No importan las tildes ni las mayúsculas."
    ),
    fields=(
        Field(
            "words",
            FieldKind.TEXT,
            _("Palabras"),
            hint=_("Por ejemplo: juzgado de paz Mixco, familia Quetzaltenango, mediación."),
            max_length=WORDS_MAX_LENGTH,
            validator=_words,
            keypad_override="text",
        ),
    ),
)


# --- the place ---------------------------------------------------------------------------------


def _departments() -> tuple[Choice, ...]:
    return tuple(Choice(str(d.code), d.name) for d in DEPARTMENTS)


def department_code(answers: Answers) -> int:
    return int(str(answers.get("department", "1")))


def chosen_kind(answers: Answers) -> EntryKind | None:
    """The kind chosen; None for «Todas»."""
    value = str(answers.get("kind", ALL))
    return None if value == ALL else EntryKind(value)


def _kinds(answers: Answers) -> tuple[Choice, ...]:
    """«Todas», then the kinds the department has (a court kind only where there is one)."""
    code = department_code(answers)
    present = {court.kind for court in courts_in(code)}
    offered = [
        kind for kind in KIND_ORDER if kind not in COURT_KINDS or COURT_KINDS[kind] in present
    ]
    return (
        Choice(ALL, _("Todas"), _("Juzgados, tribunales, oficinas y centros de mediación")),
        *(Choice(kind.value, KINDS[kind][1], KINDS[kind][2]) for kind in offered),
    )


def _municipalities(answers: Answers) -> tuple[Choice, ...]:
    """«Todos los municipios», then those that may have the kind chosen (for a court kind,
    where ``kiosk.courts`` has one; for the rest, every municipality: the portal says)."""
    code = department_code(answers)
    kind = chosen_kind(answers)
    names = department(code).municipalities
    numbers = list(range(1, len(names) + 1))
    court_kind = COURT_KINDS.get(kind) if kind is not None else None
    if court_kind is not None:
        numbers = sorted({c.municipality for c in courts_in(code, kind=court_kind)}) or numbers
    whole = Text("Todo el departamento de {name}", name=department(code).name)
    return (
        Choice(ALL, _("Todos los municipios"), whole),
        *(Choice(str(number), names[number - 1]) for number in numbers),
    )


PLACE = (
    QuestionStep(
        id="department",
        title=_("¿En qué departamento?"),
        fields=(Field("department", FieldKind.CHOICE, _("Departamento"), choices=_departments()),),
        next="kind",
    ),
    QuestionStep(
        id="kind",
        title=_("¿Qué busca en ese departamento?"),
        fields=(Field("kind", FieldKind.CHOICE, _("Clase de dependencia"), choices_from=_kinds),),
        next="municipality",
    ),
    QuestionStep(
        id="municipality",
        title=_("¿En qué municipio?"),
        intro=_("Si en su municipio no hay ninguna, le mostramos las más cercanas."),
        fields=(
            Field("municipality", FieldKind.CHOICE, _("Municipio"), choices_from=_municipalities),
        ),
        next=SEARCH,
    ),
)
