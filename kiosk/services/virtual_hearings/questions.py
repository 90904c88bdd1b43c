"""What Audiencias Virtuales asks: the case number (typed as people write it, or built from
department, municipality, court, year and number: the agenda's own steps), the role in the
hearing (a penal hearing has its own parties), a lawyer's número de colegiado, who takes part
(names and DPI), how to reach them (email and phone), why, and the consent to the terms."""

from __future__ import annotations

from dataclasses import replace

from kiosk.case_numbers import CaseNumber
from kiosk.flows.lookup import SEARCH  # where the number leads, typed or built
from kiosk.flows.model import (
    Alternative,
    Answers,
    Choice,
    Field,
    FieldError,
    FieldKind,
    QuestionStep,
)
from kiosk.flows.text import _
from kiosk.portal.models.virtual_hearings import (
    LAWYER_ROLES,
    OTHER_ROLES,
    PENAL_ROLES,
    AttendeeRole,
    Reason,
)
from kiosk.services.hearings import questions as agenda
from kiosk.services.virtual_hearings.words import REASONS, ROLES, TERMS
from kiosk.text import Text

#: the flow's role field for a penal hearing, and for any other
PENAL_ROLE, ROLE = "penal_role", "role"


def _complete(value: object, answers: Answers) -> None:
    """The agenda keeps a hearing under the case's SGT number (with its court)."""
    if isinstance(value, CaseNumber) and not value.is_sgt:
        raise FieldError(
            "number",
            "case_number_not_sgt",
            Text(
                "Hace falta el número completo, que empieza con el juzgado, por ejemplo "
                "01173-2019-00123. Búsquelo en la citación, o toque «No sé cómo se escribe» "
                "para construirlo. Lo que escribió: {number}.",
                number=str(value),
            ),
        )


NUMBER = QuestionStep(
    id="number",
    title=_("¿Cuál es el número del expediente?"),
    intro=_(
        "Está en la citación a la audiencia, en las notificaciones o en cualquier papel del "
        "juzgado. Verá las próximas audiencias de ese caso para elegir la suya."
    ),
    fields=(
        Field(
            "number",
            FieldKind.CASE_NUMBER,
            _("Número del expediente"),
            hint=_("Por ejemplo 01002-2025-01234, o C-1002-2025-1234."),
            max_length=60,
            validator=_complete,
            keypad_override="text",
        ),
    ),
    next=SEARCH,
    alternative=Alternative(_("No sé cómo se escribe: construirlo paso a paso"), "department"),
)

# the agenda's «Construir el número»: department → municipality → (kind) → court → year, number
_court = next(step for step in agenda.COURT_STEPS if step.id == "court")
BUILD = (
    *(step for step in agenda.COURT_STEPS if step.id != "court"),
    replace(_court, next="year_sequence"),
    agenda.YEAR_SEQUENCE,
)
searched_number = agenda.searched_number


# --- the role ----------------------------------------------------------------------------------


def _roles(roles: tuple[AttendeeRole, ...]) -> tuple[Choice, ...]:
    return tuple(Choice(role.value, ROLES[role][0], ROLES[role][1]) for role in roles)


def role_of(answers: Answers) -> AttendeeRole:
    """The role answered, for a penal hearing or another one."""
    return AttendeeRole(str(answers.get(PENAL_ROLE) or answers[ROLE]))


def _after_role(answers: Answers) -> str:
    return "colegiado" if role_of(answers) in LAWYER_ROLES else "person"


_ROLE_TITLE = _("¿Qué papel tiene usted en la audiencia?")
_ROLE_INTRO = _("Elija lo que dice su citación. Si no está seguro, pregunte en la ventanilla.")
ROLE_STEPS = (
    QuestionStep(
        id=ROLE,
        title=_ROLE_TITLE,
        intro=_ROLE_INTRO,
        fields=(
            Field(ROLE, FieldKind.CHOICE, _("Papel en la audiencia"), choices=_roles(OTHER_ROLES)),
        ),
        next=_after_role,
    ),
    QuestionStep(
        id=PENAL_ROLE,
        title=_ROLE_TITLE,
        intro=_ROLE_INTRO,
        fields=(
            Field(
                PENAL_ROLE,
                FieldKind.CHOICE,
                _("Papel en la audiencia"),
                choices=_roles(PENAL_ROLES),
            ),
        ),
        next=_after_role,
    ),
    QuestionStep(
        id="colegiado",
        title=_("¿Cuál es su número de colegiado?"),
        intro=_(
            "El del Colegio de Abogados y Notarios de Guatemala. El juzgado le envía el enlace "
            "también a su Casillero Electrónico."
        ),
        fields=(
            Field(
                "colegiado",
                FieldKind.NUMBER,
                _("Número de colegiado"),
                hint=_("Solo números, por ejemplo 12345."),
                min_value=1,
                max_value=99999,
            ),
        ),
        next="person",
    ),
)


# --- the person and how to reach them -----------------------------------------------------------

_PHONE_SEPARATORS = frozenset(" -.()")


def phone_number(raw: str) -> str:
    """A phone as the portal takes it: 8 digits for Guatemala (the 502 code dropped), or + and
    the code of another country (typed with 00 on the keypad); ValueError otherwise."""
    compact = "".join(c for c in raw if c not in _PHONE_SEPARATORS)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    international = compact.startswith("+")
    digits = compact[1:] if international else compact
    if not digits or not (digits.isascii() and digits.isdigit()):
        raise ValueError("digits")
    if international and digits.startswith("502"):
        digits, international = digits[3:], False
    elif not international and len(digits) == 11 and digits.startswith("502"):
        digits = digits[3:]
    if international:
        if not 7 <= len(digits) <= 15 or digits[0] == "0":
            raise ValueError("international")
        return "+" + digits
    if len(digits) != 8:
        raise ValueError("length")
    if digits[0] not in "234567":
        raise ValueError("prefix")
    return digits


def _phone(value: object, answers: Answers) -> None:
    raw = str(value)
    try:
        phone_number(raw)
    except ValueError as error:
        match str(error):
            case "digits":
                message = Text(
                    "Escriba solo los números del teléfono; para otro país, 00 y el código."
                )
            case "international":
                message = Text("Revise el número: después de 00 va el código del país y el número.")
            case "prefix":
                message = Text(
                    "Un teléfono de Guatemala empieza con 2, 3, 4, 5, 6 o 7: revise el primero."
                )
            case _other:
                compact = sum(c.isdigit() for c in raw)
                message = Text(
                    "Un teléfono de Guatemala tiene 8 dígitos; escribió {count}.", count=compact
                )
        raise FieldError("phone", "phone_invalid", message) from None


def _consent(value: object, answers: Answers) -> None:
    if value is False:
        raise FieldError(
            "consent",
            "consent_required",
            Text(
                "Sin aceptar las condiciones no se puede pedir la audiencia virtual. Si no está "
                "de acuerdo, asista en persona al juzgado: para eso no hace falta ninguna "
                "solicitud."
            ),
        )


PERSON_STEPS = (
    QuestionStep(
        id="person",
        title=_("¿Quién va a participar en la audiencia?"),
        intro=_(
            "Escriba los datos tal como aparecen en el DPI: el juzgado los revisa cuando la "
            "persona se conecta."
        ),
        fields=(
            Field("first_names", FieldKind.NAME, _("Nombres")),
            Field("last_names", FieldKind.NAME, _("Apellidos")),
            Field("dpi", FieldKind.DPI, _("Número de DPI"), hint=_("Los 13 dígitos.")),
        ),
    ),
    QuestionStep(
        id="contact",
        title=_("¿Cómo le hacemos llegar el enlace?"),
        intro=_(
            "El enlace de la videoconferencia llega por correo electrónico. El teléfono es por "
            "si el juzgado necesita llamarle."
        ),
        fields=(
            Field("email", FieldKind.EMAIL, _("Correo electrónico")),
            Field(
                "phone",
                FieldKind.TEXT,
                _("Teléfono"),
                hint=_("8 dígitos, por ejemplo 5555 1234. De otro país: 00 y el código."),
                max_length=24,
                validator=_phone,
                keypad_override="numeric",
            ),
        ),
    ),
    QuestionStep(
        id="reason",
        title=_("¿Por qué necesita participar por videoconferencia?"),
        fields=(
            Field(
                "reason",
                FieldKind.CHOICE,
                _("Motivo"),
                choices=tuple(
                    Choice(reason.value, REASONS[reason][0], REASONS[reason][1])
                    for reason in Reason
                ),
            ),
        ),
    ),
    QuestionStep(
        id="consent",
        title=_("¿Acepta estas condiciones?"),
        intro=TERMS,
        fields=(
            Field(
                "consent",
                FieldKind.YES_NO,
                _("Acepta las condiciones"),
                validator=_consent,
            ),
        ),
        next="review",
    ),
)
