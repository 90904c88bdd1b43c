"""Crear una cuenta del portal: DPI, birth date (adults only), email, password, review, create.

Antecedentes Penales reuses these questions, their rules and the action for a new account."""

from __future__ import annotations

from datetime import date

from kiosk.flows.fields import validation_today
from kiosk.flows.model import (
    ActionStep,
    Answers,
    ConfirmationStep,
    Field,
    FieldError,
    FieldKind,
    Flow,
    QuestionStep,
    ReviewStep,
)
from kiosk.flows.text import Text, _
from kiosk.identity import IdentityError, password_strength_hint, validate_birth_date
from kiosk.portal.models import AccountCreate
from kiosk.services.base import ActionContext, Service, Tile

ADULT_AGE = 18


def _adult(value: object, answers: Answers) -> None:
    if not isinstance(value, date):
        return
    try:
        validate_birth_date(value, today=validation_today(), min_age=ADULT_AGE)
    except IdentityError as error:
        if error.code == "birth_date_too_young":
            raise FieldError(
                "birth_date", error.code, _("Para crear una cuenta debe ser mayor de edad.")
            ) from None
        raise


def _same_password(value: object, answers: Answers) -> None:
    password = answers.get("password")
    if password is not None and value != password:
        raise FieldError(
            "password_repeat", "password_mismatch", _("Las dos contraseñas no son iguales.")
        )


async def create_account(context: ActionContext, answers: Answers, key: str) -> object:
    birth_date = answers["birth_date"]
    if not isinstance(birth_date, date):
        raise TypeError("birth_date is a date in what the action received")
    body = AccountCreate(
        dpi=str(answers["dpi"]),
        birth_date=birth_date,
        email=str(answers["email"]),
        password=str(answers["password"]),
    )
    return await context.client.create_account(body, idempotency_key=key)


def _done(answers: Answers, results: dict[str, object]) -> Text:
    email = getattr(results.get("create_account"), "email", None) or answers.get("email", "")
    return Text(
        "Su cuenta está lista. Para entrar al portal del Organismo Judicial use su número de DPI "
        "o su correo {email} y la contraseña que eligió. Guárdela en un lugar seguro: nadie del "
        "Organismo Judicial se la pedirá nunca.",
        email=email,
    )


ACCOUNT = Flow(
    id="cuenta",
    title=_("Crear una cuenta del portal"),
    start="dpi",
    steps=(
        QuestionStep(
            id="dpi",
            title=_("¿Cuál es su número de DPI?"),
            fields=(
                Field(
                    "dpi",
                    FieldKind.DPI,
                    _("Número de DPI"),
                    hint=_(
                        "Son los 13 dígitos que aparecen en su DPI, por ejemplo 2456 78905 0101."
                    ),
                ),
            ),
        ),
        QuestionStep(
            id="birth_date",
            title=_("¿Cuál es su fecha de nacimiento?"),
            fields=(
                Field(
                    "birth_date",
                    FieldKind.DATE,
                    _("Fecha de nacimiento"),
                    hint=_("Día, mes y año, por ejemplo 15/09/1990."),
                    validator=_adult,
                ),
            ),
        ),
        QuestionStep(
            id="email",
            title=_("¿Cuál es su correo electrónico?"),
            fields=(
                Field(
                    "email",
                    FieldKind.EMAIL,
                    _("Correo electrónico"),
                    hint=_("Allí le enviaremos los avisos de su cuenta."),
                ),
            ),
        ),
        QuestionStep(
            id="password",
            title=_("Elija una contraseña"),
            intro=password_strength_hint(),
            fields=(
                Field("password", FieldKind.PASSWORD, _("Contraseña")),
                Field(
                    "password_repeat",
                    FieldKind.PASSWORD,
                    _("Repita la contraseña"),
                    validator=_same_password,
                    required_message=_("Escriba la contraseña otra vez."),
                    check_policy=False,
                    in_review=False,
                ),
            ),
        ),
        ReviewStep(
            id="review", title=_("Revise sus datos antes de crear la cuenta"), next="create_account"
        ),
        ActionStep(
            id="create_account",
            title=_("Creando su cuenta"),
            action="create_account",
            next="done",
            busy_text=_("Estamos creando su cuenta. Esto puede tardar unos segundos."),
        ),
        ConfirmationStep(id="done", title=_("Su cuenta está lista"), body=_done),
    ),
)

SERVICE = Service(
    id="cuenta",
    title=_("Crear una cuenta del portal"),
    tile=Tile(_("Crear mi cuenta del portal"), "person", "tramites", order=20),
    flow=ACCOUNT,
    actions={"create_account": create_account},
)
