"""What Registro Central de Detenidos asks: the DPI, or the full name (three boxes: given names,
first surname, second surname if known). Each box is checked with the contract's own rules
(``kiosk.portal.models.detainees``), so the kiosk says in plain Spanish what the portal would
refuse, on the box to fix, with what was typed kept."""

from __future__ import annotations

from kiosk.flows.model import Alternative, Answers, Field, FieldError, FieldKind, QuestionStep
from kiosk.flows.text import _
from kiosk.portal.models.detainees import (
    MAX_NAME_LENGTH,
    MESSAGES,
    DetaineeNameError,
    name_part,
    split_surnames,
)
from kiosk.text import Text

NAME_FIELDS = ("given_names", "first_surname", "second_surname")


def _name_rule(value: object, answers: Answers, *, field: str) -> None:
    """One part of the name must be whole (the contract's rules, said in the kiosk's words)."""
    try:
        name_part(field, str(value), required=field != "second_surname")
        if field == "first_surname":
            split_surnames(field, str(value))
        elif field == "second_surname":
            if split_surnames(field, str(value))[1] is not None:
                raise DetaineeNameError(field, "surname_too_many")
            if split_surnames("first_surname", str(answers.get("first_surname") or ""))[1]:
                raise DetaineeNameError("first_surname", "surname_two_in_one")
    except DetaineeNameError as error:
        template = MESSAGES[error.message_key]
        raise FieldError(error.field, error.code, Text(template, **error.params)) from None


def _given(value: object, answers: Answers) -> None:
    _name_rule(value, answers, field="given_names")


def _first(value: object, answers: Answers) -> None:
    _name_rule(value, answers, field="first_surname")


def _second(value: object, answers: Answers) -> None:
    _name_rule(value, answers, field="second_surname")


ASK_DPI = QuestionStep(
    id="dpi",
    title=_("¿Cuál es el DPI de la persona?"),
    intro=_(
        "Son los 13 dígitos de su Documento Personal de Identificación. Si no lo tiene, puede "
        "buscar por el nombre completo."
    ),
    fields=(
        Field(
            "dpi",
            FieldKind.DPI,
            _("DPI de la persona"),
            hint=_("Por ejemplo 2468 13571 0101. Los espacios no importan."),
            required_message=_("Escriba el DPI de la persona: son los 13 dígitos del documento."),
        ),
    ),
    alternative=Alternative(_("No tengo el DPI: buscar por el nombre completo"), "name"),
)

ASK_NAME = QuestionStep(
    id="name",
    title=_("¿Cuál es el nombre completo de la persona?"),
    intro=_(
        "Escriba los nombres y los apellidos completos, sin abreviar. Las tildes y las "
        "mayúsculas no importan."
    ),
    fields=(
        Field(
            "given_names",
            FieldKind.TEXT,
            _("Nombres"),
            hint=_("Al menos uno, completo. Por ejemplo: José Luis"),
            max_length=MAX_NAME_LENGTH,
            validator=_given,
            required_message=MESSAGES["name_required.given_names"],
        ),
        Field(
            "first_surname",
            FieldKind.TEXT,
            _("Primer apellido"),
            max_length=MAX_NAME_LENGTH,
            validator=_first,
            required_message=MESSAGES["name_required.first_surname"],
        ),
        Field(
            "second_surname",
            FieldKind.TEXT,
            _("Segundo apellido (si lo sabe)"),
            required=False,
            max_length=MAX_NAME_LENGTH,
            validator=_second,
        ),
    ),
    next="search",
)
