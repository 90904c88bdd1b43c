"""Antecedentes Penales: the rules behind its questions and the texts of its screens.

``criminal_record`` declares the flow; this module holds what it is built from: the branch
functions, the checks on the answers (the account questions reuse the account flow's own steps),
and the bodies of the info, payment-slip and result screens, which read the actions' results
(kept under their step ids).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from kiosk import formats
from kiosk.flows.fields import validation_today
from kiosk.flows.model import Answers, Code, FieldError
from kiosk.flows.text import Text, _
from kiosk.identity import normalize_digits, validate_birth_date, validate_dpi, validate_email
from kiosk.portal.models import (
    BANK_NAMES,
    BOLETA_DIGITS,
    CRIMINAL_RECORD_FEE,
    Bank,
    CriminalRecordRequest,
    PaymentOrder,
    PaymentOrderStatus,
    RequestStatus,
    VisitorSession,
)
from kiosk.services.visit_login import VISIT_LOGIN

T = TypeVar("T")

# Digits of a boleta number per bank (the portal says the same when a number has the wrong length).
MAX_PASSWORD = 128  # what the portal accepts at log-in
MAX_AMOUNT = Decimal("100000")  # the largest amount the portal's money fields hold

# The action steps whose result is the visitor's session (one per way of having an account).
SESSION_STEPS = ("log_in", "account_log_in", VISIT_LOGIN)


def result(results: dict[str, object], step_id: str, kind: type[T]) -> T:
    """The result of ``step_id``, which must be a ``kind`` (a programming error otherwise)."""
    value = results.get(step_id)
    if not isinstance(value, kind):
        raise TypeError(f"step {step_id!r} has no {kind.__name__} result")
    return value


def session_of(answers: Answers) -> VisitorSession | None:
    """The portal session on the visitor's path (with their account or a new one), if any.

    Read it from what an action or a body receives as answers, never from all results: a
    session opened on a branch the visitor left is not theirs to use any more.
    """
    for step_id in SESSION_STEPS:
        value = answers.get(step_id)
        if isinstance(value, VisitorSession):
            return value
    return None


# --- branches ------------------------------------------------------------------------------------

GUEST = "sin_registro"
ACCOUNT_HOLDER = "con_cuenta"
NEW_ACCOUNT = "crear_cuenta"
BOLETA = "boleta"
ONLINE = "en_linea"
REFERENCE = "referencia"  # paid online on an earlier visit: the slip's reference
PAYMENT_REFERENCE = re.compile(r"[A-Z0-9]{6,24}")  # compacted: no spaces or dashes


def after_mode(answers: Answers) -> str:
    # an account holder already logged in this visit (in Casillero) is not asked again
    return {GUEST: "guest_dpi", ACCOUNT_HOLDER: VISIT_LOGIN, NEW_ACCOUNT: "dpi"}[
        str(answers["mode"])
    ]


def after_send_email(answers: Answers) -> str:
    return "delivery_email" if answers["send_email"] else "pay_method"


def after_pay_method(answers: Answers) -> str:
    return {BOLETA: "boleta_bank", REFERENCE: "payment_reference"}.get(
        str(answers["pay_method"]), "create_payment_order"
    )


def after_submit(answers: Answers, result: object) -> str:
    if not isinstance(result, CriminalRecordRequest):
        raise TypeError("submit_request returns a CriminalRecordRequest")
    return {
        RequestStatus.ISSUED: "issued",
        RequestStatus.REGISTERED: "registered",
        RequestStatus.IN_REVIEW: "in_review",
    }[result.status]


# --- checks on the answers ------------------------------------------------------------------------


def plausible_birth_date(value: object, answers: Answers) -> None:
    if isinstance(value, date):
        validate_birth_date(value, today=validation_today())


def dpi_or_email(value: object, answers: Answers) -> None:
    text = str(value)
    if "@" in text:
        validate_email(text)
    elif any(char.isalpha() for char in text):
        raise FieldError(
            "login",
            "login_invalid",
            _(
                "Escriba su número de DPI (13 dígitos) o su correo electrónico, "
                "por ejemplo nombre@gmail.com."
            ),
        )
    else:
        validate_dpi(text)


def password_length(value: object, answers: Answers) -> None:
    if len(str(value)) > MAX_PASSWORD:
        raise FieldError(
            "login_password",
            "password_too_long",
            _("La contraseña es demasiado larga: revise que la escribió bien."),
        )


def boleta_number(value: object, answers: Answers) -> None:
    digits = normalize_digits(str(value))
    if not (digits.isascii() and digits.isdigit()):
        raise FieldError(
            "boleta_number", "boleta_number_digits", _("El número de boleta solo lleva números.")
        )
    bank = answers.get("boleta_bank")
    if bank not in set(Bank):
        return
    expected = BOLETA_DIGITS[Bank(str(bank))]
    if len(digits) != expected:
        raise FieldError(
            "boleta_number",
            "boleta_number_length",
            Text(
                "Las boletas de {bank} tienen {expected} dígitos y usted escribió {typed}: "
                "revise el número impreso en la boleta.",
                bank=BANK_NAMES[Bank(str(bank))],
                expected=expected,
                typed=len(digits),
            ),
        )


def paid_before_today(value: object, answers: Answers) -> None:
    if isinstance(value, date) and value > validation_today():
        raise FieldError(
            "boleta_paid_on",
            "date_future",
            _("La fecha de pago no puede ser posterior a hoy: revise el día y el mes."),
        )


# --- texts of the screens -------------------------------------------------------------------------


def about(answers: Answers, results: dict[str, object]) -> Text:
    return Text(
        "La constancia de antecedentes penales dice si usted tiene o no sentencias penales "
        "registradas en el Organismo Judicial.\n\n"
        "Cuesta {fee} y es válida por seis meses desde el día en que se emite.\n\n"
        "Necesita:\n"
        "• su DPI;\n"
        "• una boleta pagada en Banrural, Banco Industrial o G&T Continental, "
        "o pagar en línea desde la banca electrónica de su banco durante el trámite.",
        fee=formats.money(CRIMINAL_RECORD_FEE),
    )


def payment_slip(answers: Answers, results: dict[str, object]) -> Text:
    order = paid_order(results)
    return Text(
        "Pague {amount} en la banca electrónica o la aplicación de su banco, en el pago de "
        "servicios del Organismo Judicial, con la referencia de arriba. Vence el {expires}.\n\n"
        "La hoja impresa lleva la referencia y un código QR para pagar desde su teléfono. "
        "Guárdela: si se tiene que ir, con la referencia puede volver a cualquier quiosco y "
        "terminar sin pagar otra vez.\n\n"
        "Cuando haya pagado, toque «Continuar»: aquí esperamos la confirmación del banco.",
        amount=formats.money(order.amount),
        expires=_when(order.expires_at),
    )


def payment_slip_codes(answers: Answers, results: dict[str, object]) -> tuple[Code, ...]:
    order = paid_order(results)
    return (
        Code("payment_reference", _("Referencia de pago"), order.reference),
        Code("amount", _("Monto"), formats.money(order.amount)),
    )


def paid_order(results: dict[str, object]) -> PaymentOrder:
    """The online payment order of this visit: created here, found by its reference, or (once
    the bank confirmed it) as the last look at it saw it."""
    for step_id in ("wait_for_payment", "find_payment_order", "create_payment_order"):
        found = results.get(step_id)
        if isinstance(found, PaymentOrder):
            return found
    raise TypeError("no payment order among the results")


def after_find_order(answers: Answers, result: object) -> str:
    if not isinstance(result, PaymentOrder):
        raise TypeError("find_payment_order returns a PaymentOrder")
    return "review" if result.status is PaymentOrderStatus.PAID else "wait_for_payment"


def payment_reference(value: object, answers: Answers) -> None:
    if not PAYMENT_REFERENCE.fullmatch(compact_reference(str(value))):
        raise FieldError(
            "payment_reference",
            "reference_invalid",
            _(
                "Escriba la referencia tal como está en la hoja de la orden de pago, por "
                "ejemplo 4821 7730 1295. Revísela y escríbala otra vez."
            ),
        )


def compact_reference(text: str) -> str:
    return "".join(char for char in text.upper() if char.isalnum())


def issued(answers: Answers, results: dict[str, object]) -> tuple[Text, ...]:
    text = Text(
        "Su constancia está lista: dice que usted no registra antecedentes penales. "
        "Es válida por seis meses.\n\n"
        "Con el código de descarga puede volver a imprimirla en cualquier quiosco o "
        "descargarla del portal del Organismo Judicial: guárdelo y no lo comparta."
    )
    email = _email(answers)
    request = result(results, "submit_request", CriminalRecordRequest)
    if request.email_sent and email:
        return text, Text("También se la enviamos a {email}.", email=email)
    return (text,)


def registered(answers: Answers, results: dict[str, object]) -> Text:
    return Text(
        "El registro del Organismo Judicial tiene anotada a su nombre al menos una sentencia "
        "penal. Por eso el documento dice «registra antecedentes penales». Es el resultado "
        "oficial de su solicitud.\n\n"
        "Si cree que hay un error, o si ya cumplió la pena y quiere saber si el antecedente se "
        "puede cancelar, acuda a la Unidad de Antecedentes Penales (UNAP) del Organismo "
        "Judicial con su DPI y este documento. En la ventanilla de atención le dicen dónde "
        "queda la oficina más cercana."
    )


def document_codes(answers: Answers, results: dict[str, object]) -> tuple[Code, ...]:
    request = result(results, "submit_request", CriminalRecordRequest)
    return (
        Code("download", _("Código de descarga"), request.download_code),
        Code("verification", _("Código de verificación"), request.certificate_code or ""),
    )


def in_review(answers: Answers, results: dict[str, object]) -> tuple[Text, ...]:
    request = result(results, "submit_request", CriminalRecordRequest)
    paragraphs = [
        Text(
            "Su pago quedó registrado: no tiene que pagar otra vez. Una persona del Organismo "
            "Judicial revisará su solicitud con cuidado (por ejemplo, cuando otra persona tiene el "
            "mismo nombre)."
        )
    ]
    if request.ready_by is not None:
        paragraphs.append(
            Text("Estará lista a partir del {day}.", day=formats.day(request.ready_by))
        )
    paragraphs.append(
        Text(
            "Entonces vuelva a cualquier quiosco, toque «Imprimir mi constancia con un código» y "
            "use el código de descarga, o descárguela del portal del Organismo Judicial. Le "
            "imprimimos una hoja con estos códigos: guárdela."
        )
    )
    email = _email(answers)
    if email:
        paragraphs.append(
            Text("Cuando esté lista también se la enviaremos a {email}.", email=email)
        )
    return tuple(paragraphs)


def review_codes(answers: Answers, results: dict[str, object]) -> tuple[Code, ...]:
    request = result(results, "submit_request", CriminalRecordRequest)
    return (
        Code("request", _("Referencia"), request.id),
        Code("download", _("Código de descarga"), request.download_code),
    )


def _email(answers: Answers) -> str | None:
    """Where the portal sends the constancia: the address given, else the account's."""
    given = answers.get("delivery_email") if answers.get("send_email") is True else None
    if isinstance(given, str):
        return given
    session = session_of(answers)
    return session.account.email if session is not None else None


def _when(moment: datetime) -> Text:
    return Text("{day} a las {time}", day=formats.day(moment), time=formats.clock(moment))
