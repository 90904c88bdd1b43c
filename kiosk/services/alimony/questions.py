"""What Pensión Alimenticia asks: the DPI and the PIN (never echoed, never on a review, never in a
message), and, the first time a temporary PIN is used, a new PIN twice. The rules of a PIN are
the contract's (``pin_problem``); the birth year is checked by the portal, which knows it."""

from __future__ import annotations

from kiosk.flows.model import Answers, Field, FieldError, FieldKind, QuestionStep, Validator
from kiosk.flows.text import _
from kiosk.portal.models.alimony import MESSAGES, PIN_MAX, pin_problem

PIN_HINT = _("De 4 a 6 números. Si es la primera vez, use el PIN temporal que le dio el juzgado.")
NEW_PIN_HINT = _(
    "De 4 a 6 números que solo usted conozca. No use todos iguales (1111), ni seguidos (1234), "
    "ni su año de nacimiento."
)


def pin_shape(value: object, answers: Answers) -> None:
    """4 to 6 digits: anything else is not a PIN (the message never repeats what was typed)."""
    if pin_problem(str(value)) == "pin_shape":
        raise FieldError("pin", "pin_shape", MESSAGES["pin_shape"])


def new_pin_rules(value: object, answers: Answers) -> None:
    broken = pin_problem(str(value))
    if broken is None and value == answers.get("pin"):
        broken = "pin_same"
    if broken is not None:
        raise FieldError("new_pin", broken, MESSAGES[broken])


def same_new_pin(value: object, answers: Answers) -> None:
    first = answers.get("new_pin")
    if first is not None and value != first:
        raise FieldError(
            "new_pin_again",
            "pin_mismatch",
            _("Los dos PIN no son iguales. Escriba el mismo PIN nuevo en los dos espacios."),
        )


def _pin(
    field_id: str, label: str, *, validator: Validator, required_message: str, hint: str = ""
) -> Field:
    """A PIN: masked, the numeric keypad, no password policy, never on the review."""
    return Field(
        field_id,
        FieldKind.PASSWORD,
        label,
        hint=hint,
        check_policy=False,
        in_review=False,
        keypad_override="numeric",
        max_length=PIN_MAX,
        validator=validator,
        required_message=required_message,
    )


IDENTITY = QuestionStep(
    id="identity",
    title=_("Ingrese con su DPI y su PIN"),
    intro=_(
        "Solo la persona que paga la pensión y quien la recibe pueden ver esta cuenta. El PIN se "
        "lo da el Juzgado de Familia que lleva su caso."
    ),
    fields=(
        Field("dpi", FieldKind.DPI, _("Número de DPI"), hint=_("Los 13 dígitos de su DPI.")),
        _pin(
            "pin",
            _("PIN"),
            hint=PIN_HINT,
            validator=pin_shape,
            required_message=_("Escriba su PIN: de 4 a 6 números."),
        ),
    ),
    next="log_in",
)

NEW_PIN = QuestionStep(
    id="new_pin",
    title=_("Cree su PIN nuevo"),
    intro=_(
        "Es la primera vez que usa este PIN temporal. Por seguridad, cree uno suyo: lo usará "
        "desde ahora en cualquier quiosco."
    ),
    fields=(
        _pin(
            "new_pin",
            _("PIN nuevo"),
            hint=NEW_PIN_HINT,
            validator=new_pin_rules,
            required_message=_("Escriba su PIN nuevo: de 4 a 6 números."),
        ),
        _pin(
            "new_pin_again",
            _("Repita el PIN nuevo"),
            validator=same_new_pin,
            required_message=_("Escriba otra vez su PIN nuevo."),
        ),
    ),
    next="change_pin",
)
