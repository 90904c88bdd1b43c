"""What the Archivo de Tribunales asks: the number as the court wrote it (old shapes included)
and, for an old number, which court (department → municipality → court, the Agenda de
Audiencias' own picker); then, for a file the archive can copy, what to ask for (a certificación,
copias simples or a constancia; all the file or some folios), who asks and how to reach them."""

from __future__ import annotations

from dataclasses import replace

from kiosk import formats
from kiosk.case_numbers import CaseNumber
from kiosk.flows.fields import validation_today
from kiosk.flows.lookup import SEARCH
from kiosk.flows.model import Answers, Choice, Field, FieldError, FieldKind
from kiosk.flows.model import QuestionStep as Step
from kiosk.flows.text import Text, _
from kiosk.identity import normalize_digits
from kiosk.portal.models.court_archive import MAX_FOLIOS, PHONE_DIGITS, ArchiveRequestKind
from kiosk.services.court_archive.numbers import ArchiveNumberError, parse_archive_number
from kiosk.services.court_archive.words import REQUESTS
from kiosk.services.hearings.questions import COURT_STEPS

WHOLE, PART = "todo", "parte"


def this_year() -> int:
    """This year: the flow's own "today" while answers are checked, the clock otherwise."""
    try:
        return validation_today().year
    except RuntimeError:
        return formats.now().year


def searched_number(answers: Answers) -> CaseNumber:
    """The number typed (answers keep what was typed; it was checked when it was answered)."""
    return parse_archive_number(str(answers["number"]), this_year=this_year())


def _a_number(value: object, answers: Answers) -> None:
    try:
        parse_archive_number(str(value), this_year=this_year())
    except ArchiveNumberError as error:
        raise FieldError("number", error.code, error.text) from None


def after_number(answers: Answers) -> str:
    """An SGT number names its court: straight to the search. An old one needs the court."""
    return SEARCH if searched_number(answers).is_sgt else "department"


NUMBER = Step(
    id="number",
    title=_("¿Qué número tiene el expediente?"),
    intro=_("Escríbalo como está en sus papeles. Sirven los números antiguos."),
    fields=(
        Field(
            "number",
            FieldKind.TEXT,
            _("Número del expediente"),
            hint=_("Por ejemplo 123-1998, C-456-87 Of. 2ª, Expediente 78/1975 o 01024-2009-00412."),
            max_length=60,
            validator=_a_number,
            required_message=_(
                "Escriba el número del expediente como aparece en sus papeles, por ejemplo "
                "123-1998."
            ),
            keypad_override="text",
        ),
    ),
    next=after_number,
)


def _off_the_review(step: Step, **changes: object) -> Step:
    """The court picker's step, its answers off the review: the review writes a choice offered
    from earlier answers as its raw value («01025», «1»); the number the visitor checks there
    was found at this court, and the file's screen named it."""
    fields = tuple(replace(f, in_review=False) for f in step.fields)
    return replace(step, fields=fields, **changes)  # type: ignore[arg-type]


_DEPARTMENT, _MUNICIPALITY, _COURT_KIND, _COURT = COURT_STEPS
COURT = (
    _off_the_review(
        _DEPARTMENT,
        title=_("¿En qué departamento estaba el juzgado que llevó el caso?"),
        intro=_(
            "Los números antiguos se repiten en muchos juzgados: díganos cuál escribió el suyo."
        ),
    ),
    _off_the_review(_MUNICIPALITY, title=_("¿En qué municipio estaba el juzgado?")),
    _off_the_review(_COURT_KIND),
    _off_the_review(_COURT, title=_("¿Qué juzgado llevó el caso?"), next=SEARCH),
)

# --- the request ------------------------------------------------------------------------------


def after_kind(answers: Answers) -> str:
    """A constancia is one sheet: no folios to choose, straight to its price."""
    return "quote" if answers.get("request_kind") == ArchiveRequestKind.CONSTANCIA else "scope"


def _after_first(value: object, answers: Answers) -> None:
    first = answers.get("folio_from")
    if isinstance(value, int) and isinstance(first, int) and value < first:
        raise FieldError(
            "folio_to",
            "folio_order",
            Text(
                "El último folio va después del primero: escriba un número de {first} o más.",
                first=first,
            ),
        )


def _phone(value: object, answers: Answers) -> None:
    digits = normalize_digits(str(value))
    if not (digits.isascii() and digits.isdigit()):
        raise FieldError("phone", "phone_digits", _("Escriba solo los números del teléfono."))
    if len(digits) != PHONE_DIGITS:
        raise FieldError(
            "phone",
            "phone_length",
            Text(
                "Un teléfono de Guatemala tiene 8 dígitos; este tiene {length}.",
                length=len(digits),
            ),
        )
    if digits[0] not in "234567":
        raise FieldError(
            "phone",
            "phone_start",
            _("Un teléfono de Guatemala empieza con 2, 3, 4, 5, 6 o 7: revise el primer dígito."),
        )


REQUEST = (
    Step(
        id="request_kind",
        title=_("¿Qué quiere pedir del expediente?"),
        fields=(
            Field(
                "request_kind",
                FieldKind.CHOICE,
                _("Lo que pide"),
                choices=tuple(
                    Choice(kind.value, name, explained)
                    for kind, (name, explained) in REQUESTS.items()
                ),
            ),
        ),
        next=after_kind,
    ),
    Step(
        id="scope",
        title=_("¿Todo el expediente o solo algunos folios?"),
        intro=_("Un folio es una hoja del expediente; el número está en la esquina de arriba."),
        fields=(
            Field(
                "scope",
                FieldKind.CHOICE,
                _("Qué folios"),
                choices=(
                    Choice(WHOLE, _("Todo el expediente")),
                    Choice(PART, _("Solo algunos folios"), _("Por ejemplo, solo la sentencia.")),
                ),
            ),
        ),
        next=lambda answers: "folios" if answers.get("scope") == PART else "quote",
    ),
    Step(
        id="folios",
        title=_("¿Desde qué folio y hasta cuál?"),
        intro=_("Si no sabe los números, pregunte en la ventanilla del archivo."),
        fields=(
            Field(
                "folio_from",
                FieldKind.NUMBER,
                _("Desde el folio"),
                min_value=1,
                max_value=MAX_FOLIOS,
            ),
            Field(
                "folio_to",
                FieldKind.NUMBER,
                _("Hasta el folio"),
                min_value=1,
                max_value=MAX_FOLIOS,
                validator=_after_first,
            ),
        ),
        next="quote",
    ),
    Step(
        id="requester",
        title=_("¿A nombre de quién es la solicitud?"),
        intro=_("Escríbalos tal como aparecen en su DPI: con él recoge lo que pidió."),
        fields=(
            Field("first_names", FieldKind.NAME, _("Nombres")),
            Field("last_names", FieldKind.NAME, _("Apellidos")),
        ),
        next="dpi",
    ),
    Step(
        id="dpi",
        title=_("¿Cuál es su número de DPI?"),
        fields=(Field("dpi", FieldKind.DPI, _("DPI")),),
        next="contact",
    ),
    Step(
        id="contact",
        title=_("¿Cómo le avisamos si hace falta?"),
        intro=_("El archivo lo usa solo para esta solicitud."),
        fields=(
            Field(
                "phone",
                FieldKind.TEXT,
                _("Teléfono"),
                hint=_("8 dígitos, por ejemplo 5512 3456."),
                max_length=12,
                validator=_phone,
                required_message=_("Escriba un teléfono de 8 dígitos, por ejemplo 5512 3456."),
                keypad_override="numeric",
            ),
            Field(
                "email",
                FieldKind.EMAIL,
                _("Correo electrónico (si tiene)"),
                required=False,
            ),
        ),
        next="review",
    ),
)
