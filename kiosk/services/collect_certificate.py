"""Imprimir mi constancia con un código: a visitor who comes back (a request that was in review, a
print that failed, a second copy) types the download code and the kiosk prints the document the
portal keeps. Nothing is paid here and nothing is created: the portal only looks the code up."""

from __future__ import annotations

import re

from kiosk import formats
from kiosk.flows.model import (
    ActionStep,
    Answers,
    Code,
    ConfirmationStep,
    Field,
    FieldError,
    FieldKind,
    Flow,
    QuestionStep,
)
from kiosk.flows.text import Text, _
from kiosk.portal.errors import PortalNotFound
from kiosk.portal.models import Certificate
from kiosk.services.base import ActionContext, AnswerRejected, Service, Tile

#: 12 letters and digits, shown in groups of four (XXXX-XXXX-XXXX); typed with or without dashes
DOWNLOAD_CODE = re.compile(r"[A-Z0-9]{12}")


def compact_code(text: str) -> str:
    return "".join(char for char in text.upper() if char.isalnum())


def grouped_code(text: str) -> str:
    """XXXX-XXXX-XXXX, as the portal prints and stores it."""
    return formats.grouped(compact_code(text))


def download_code(value: object, answers: Answers) -> None:
    if not DOWNLOAD_CODE.fullmatch(compact_code(str(value))):
        raise FieldError(
            "download_code",
            "download_code_invalid",
            _(
                "El código de descarga tiene 12 letras y números, por ejemplo K7QM-4TZP-9XWA. "
                "Cópielo tal como está en su hoja o en el correo."
            ),
        )


def collected(answers: Answers, results: dict[str, object]) -> Text:
    certificate = _certificate(results)
    return Text(
        "Es la constancia de {name}, emitida el {issued} y válida hasta el {valid_until}. "
        "Compruebe que el nombre es el suyo.\n\n"
        "Puede imprimirla otra vez con el mismo código cuando la necesite.",
        name=certificate.full_name,
        issued=formats.day(certificate.issued_at),
        valid_until=formats.day(certificate.valid_until),
    )


def collected_codes(answers: Answers, results: dict[str, object]) -> tuple[Code, ...]:
    return (Code("verification", _("Código de verificación"), _certificate(results).code),)


def _certificate(results: dict[str, object]) -> Certificate:
    found = results.get("fetch_certificate")
    if not isinstance(found, Certificate):
        raise TypeError("fetch_certificate returns a Certificate")
    return found


async def fetch_certificate(context: ActionContext, answers: Answers, key: str) -> object:
    try:
        return await context.client.certificate(grouped_code(str(answers["download_code"])))
    except PortalNotFound as error:
        detail = _(
            "No hay ninguna constancia con ese código de descarga. Revise que esté igual "
            "que en su hoja o en el correo y escríbalo otra vez."
        )
        raise AnswerRejected.of(error, "download_code", detail) from None


COLLECT_CERTIFICATE = Flow(
    id="constancia-con-codigo",
    title=_("Imprimir mi constancia con un código"),
    start="download_code",
    steps=(
        QuestionStep(
            id="download_code",
            title=_("Escriba su código de descarga"),
            intro=_("Está en la hoja que le dio el quiosco o en el correo del Organismo Judicial."),
            fields=(
                Field(
                    "download_code",
                    FieldKind.TEXT,
                    _("Código de descarga"),
                    hint=_("12 letras y números, por ejemplo K7QM-4TZP-9XWA."),
                    max_length=20,
                    validator=download_code,
                ),
            ),
            next="fetch_certificate",
        ),
        ActionStep(
            id="fetch_certificate",
            title=_("Buscando su constancia"),
            action="fetch_certificate",
            next="collected",
            busy_text=_("Estamos buscando su constancia en el portal."),
            locks=False,
        ),
        ConfirmationStep(
            id="collected",
            title=_("Su constancia"),
            body=collected,
            codes=collected_codes,
            document="certificate",
        ),
    ),
)

SERVICE = Service(
    id="constancia-con-codigo",
    title=_("Imprimir mi constancia con un código"),
    tile=Tile(_("Imprimir mi constancia con un código"), "printer", "tramites", order=10),
    flow=COLLECT_CERTIFICATE,
    actions={"fetch_certificate": fetch_certificate},
    portal_service="antecedentes-penales",  # a way back into the same portal service
)
