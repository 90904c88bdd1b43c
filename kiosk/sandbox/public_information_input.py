"""A Solicitud de Información Pública as the portal accepts it: every rule the OpenAPI schema
cannot say (a name of letters, a valid DPI, a Guatemalan phone, a contact for the delivery
chosen), each refused with 422, its own ``code`` and the field it is about; and the contact
masked for what is read back by folio."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.identity import IdentityError, validate_dpi, validate_email, validate_name
from kiosk.portal.models.public_information import DeliveryMethod, PublicInformationRequestCreate
from kiosk.sandbox.problems import ApiProblem

#: [F] Guatemalan numbers have eight digits: landlines begin with 2, 6 or 7; mobiles with 3, 4, 5
PHONE_FIRST_DIGITS = "234567"


@dataclass(frozen=True)
class CheckedRequest:
    """A request's data as stored: normalised, every rule checked."""

    information: str
    delivery: DeliveryMethod
    name: str
    email: str | None
    phone: str | None
    dpi: str | None

    @property
    def contact_key(self) -> str:
        """Who asks, for the per-contact limit (an email's case does not make another one)."""
        return (self.email or self.phone or "").casefold()


def checked(body: PublicInformationRequestCreate) -> CheckedRequest:
    request = CheckedRequest(
        information=_information(body.information),
        delivery=body.delivery,
        name=_name(body.name),
        email=_email(body.email),
        phone=_phone(body.phone),
        dpi=_dpi(body.dpi),
    )
    if request.delivery is DeliveryMethod.EMAIL and request.email is None:
        raise ApiProblem(
            422,
            "email_required",
            "Para recibir la respuesta por correo electrónico hace falta el correo.",
            field="email",
        )
    if request.email is None and request.phone is None:
        raise ApiProblem(
            422,
            "contact_required",
            "Hace falta un correo electrónico o un teléfono para avisarle de la respuesta.",
            field="email",
        )
    return request


def mask_contact(email: str | None, phone: str | None) -> str:
    """«m•••@gmail.com», «••••-3456»: enough for the requester to recognise, little to others."""
    if email:
        local, _, domain = email.partition("@")
        return f"{local[:1]}•••@{domain}"
    return f"••••-{(phone or '')[-4:]}"


def _text(value: str, field: str) -> str:
    """One line of plain text: no control characters (a lone surrogate never gets here: the
    model refuses it as no Unicode string)."""
    if not all(char.isprintable() or char.isspace() for char in value):
        detail = "El texto lleva caracteres que no se pueden guardar."
        raise ApiProblem(422, f"{field}_invalid", detail, field=field)
    return " ".join(value.split())


def _information(value: str) -> str:
    text = _text(value, "information")
    if sum(char.isalpha() for char in text) < 5:
        raise ApiProblem(
            422,
            "information_invalid",
            "Escriba con palabras qué información necesita.",
            field="information",
        )
    return text


def _name(value: str) -> str:
    try:
        return validate_name(_text(value, "name"))
    except IdentityError as exc:
        raise ApiProblem(422, "name_invalid", exc.message, field="name") from None


def _email(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return validate_email(_text(value, "email"))
    except IdentityError as exc:
        raise ApiProblem(422, "email_invalid", exc.message, field="email") from None


def _phone(value: str | None) -> str | None:
    if value is not None and value[0] not in PHONE_FIRST_DIGITS:
        raise ApiProblem(
            422,
            "phone_invalid",
            "Los teléfonos de Guatemala tienen 8 dígitos y empiezan con 2, 3, 4, 5, 6 o 7.",
            field="phone",
        )
    return value


def _dpi(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return validate_dpi(value)
    except IdentityError as exc:
        raise ApiProblem(422, "dpi_invalid", exc.message, field="dpi") from None
