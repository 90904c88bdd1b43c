"""Antecedentes Penales en línea: identity (guest, account or new account), email, payment
(a bank slip or an online payment order), review, the request, and its result.

Branches: ``mode`` picks the identity questions; a guest is asked whether to also get the
constancia by email (an account holder gets it at the account's address); ``pay_method`` picks
the slip questions or the online order. Log-in, the slip check and the payment order do not lock
the answers before them, so everything stays changeable on the review until the request is sent.
A portal refusal (a wrong password, a slip the bank does not know) fails the action: the visitor
reads the portal's words and "Atrás" leads to the question, typed values kept.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.flows.model import (
    ActionStep,
    Choice,
    ConfirmationStep,
    Field,
    FieldKind,
    Flow,
    InfoStep,
    QuestionStep,
    ReviewStep,
)
from kiosk.flows.text import _
from kiosk.portal.models import BANK_NAMES, Bank
from kiosk.services.account import ACCOUNT
from kiosk.services.criminal_record import rules
from kiosk.services.criminal_record.rules import (
    ACCOUNT_HOLDER,
    BOLETA,
    GUEST,
    NEW_ACCOUNT,
    ONLINE,
    REFERENCE,
)
from kiosk.services.visit_login import VISIT_LOGIN, after_visit_login

_CREATE_ACCOUNT = ACCOUNT.step("create_account")
_ACCOUNT_CREATED = ACCOUNT.step("done")
assert isinstance(_CREATE_ACCOUNT, ActionStep) and isinstance(_ACCOUNT_CREATED, ConfirmationStep)

CRIMINAL_RECORD = Flow(
    id="antecedentes-penales",
    title=_("Antecedentes Penales en línea"),
    start="about",
    printer_notice=_("Puede continuar: recibirá el código de descarga en pantalla."),
    steps=(
        InfoStep(id="about", title=_("Constancia de Antecedentes Penales"), body=rules.about),
        QuestionStep(
            id="mode",
            title=_("¿Cómo quiere hacer el trámite?"),
            fields=(
                Field(
                    "mode",
                    FieldKind.CHOICE,
                    _("Forma de hacer el trámite"),
                    choices=(
                        Choice(GUEST, _("Sin registrarme"), _("Con su DPI y sus datos.")),
                        Choice(
                            ACCOUNT_HOLDER,
                            _("Con mi cuenta del portal"),
                            _("Con su DPI o correo y su contraseña."),
                        ),
                        Choice(
                            NEW_ACCOUNT,
                            _("Crear una cuenta ahora"),
                            _("Le sirve también para otros trámites del portal."),
                        ),
                    ),
                ),
            ),
            next=rules.after_mode,
        ),
        # --- without an account: the identity as on the DPI ---------------------------------
        QuestionStep(
            id="guest_dpi",
            title=_("¿Cuál es su número de DPI?"),
            fields=(replace(ACCOUNT.field("dpi"), id="guest_dpi"),),
        ),
        QuestionStep(
            id="guest_birth_date",
            title=_("¿Cuál es su fecha de nacimiento?"),
            fields=(
                replace(
                    ACCOUNT.field("birth_date"),
                    id="guest_birth_date",
                    validator=rules.plausible_birth_date,  # the account's asks for an adult
                ),
            ),
        ),
        QuestionStep(
            id="guest_names",
            title=_("¿Cuáles son sus nombres y apellidos?"),
            intro=_("Escríbalos tal como aparecen en su DPI."),
            fields=(
                Field("first_names", FieldKind.NAME, _("Nombres")),
                Field("last_names", FieldKind.NAME, _("Apellidos")),
            ),
            next="send_email",
        ),
        # --- with an account of the portal ---------------------------------------------------
        ActionStep(
            id=VISIT_LOGIN,
            title=_("Un momento"),
            action=VISIT_LOGIN,
            next=after_visit_login("pay_method", "login"),
            locks=False,
        ),
        QuestionStep(
            id="login",
            title=_("Ingrese con su cuenta del portal"),
            fields=(
                Field(
                    "login",
                    FieldKind.TEXT,
                    _("DPI o correo electrónico"),
                    hint=_("Los 13 dígitos de su DPI, o el correo de su cuenta."),
                    max_length=254,
                    validator=rules.dpi_or_email,
                    required_message=_("Escriba su número de DPI o su correo electrónico."),
                    keypad_override="email",
                ),
                Field(
                    "login_password",
                    FieldKind.PASSWORD,
                    _("Contraseña"),
                    check_policy=False,
                    validator=rules.password_length,
                    required_message=_("Escriba su contraseña."),
                ),
            ),
            next="log_in",
        ),
        ActionStep(
            id="log_in",
            title=_("Ingresando"),
            action="log_in",
            next="pay_method",
            busy_text=_("Estamos revisando sus datos de ingreso."),
            locks=False,
        ),
        # --- a new account: the account flow's own questions and rules ----------------------
        ACCOUNT.step("dpi"),
        ACCOUNT.step("birth_date"),
        ACCOUNT.step("email"),
        ACCOUNT.step("password"),
        replace(_CREATE_ACCOUNT, next="account_log_in"),
        ActionStep(
            id="account_log_in",
            title=_("Ingresando"),
            action="log_in",
            next="account_ready",
            busy_text=_("Estamos abriendo su cuenta nueva."),
            locks=False,
        ),
        InfoStep(
            id="account_ready",
            title=_("Su cuenta está lista"),
            body=_ACCOUNT_CREATED.body,
            next="pay_method",
        ),
        # --- email or download code (a guest; an account holder gets it at the account's) -----
        QuestionStep(
            id="send_email",
            title=_("¿Quiere recibir la constancia también por correo electrónico?"),
            intro=_(
                "Siempre le damos un código de descarga impreso, con el que puede volver a "
                "imprimirla o descargarla."
            ),
            fields=(Field("send_email", FieldKind.YES_NO, _("Recibirla por correo")),),
            next=rules.after_send_email,
        ),
        QuestionStep(
            id="delivery_email",
            title=_("¿A qué correo electrónico se la enviamos?"),
            fields=(Field("delivery_email", FieldKind.EMAIL, _("Correo electrónico")),),
            next="pay_method",
        ),
        # --- payment --------------------------------------------------------------------------
        QuestionStep(
            id="pay_method",
            title=_("¿Cómo va a pagar el trámite?"),
            fields=(
                Field(
                    "pay_method",
                    FieldKind.CHOICE,
                    _("Forma de pago"),
                    choices=(
                        Choice(
                            BOLETA,
                            _("Ya pagué en el banco"),
                            _("Tengo la boleta de Banrural, Banco Industrial o G&T Continental."),
                        ),
                        Choice(
                            ONLINE,
                            _("Pagar en línea ahora"),
                            _("Le damos una referencia para pagar en la banca electrónica."),
                        ),
                        Choice(
                            REFERENCE,
                            _("Ya tengo una referencia de pago"),
                            _("Pedí una orden de pago en otra visita y traigo su referencia."),
                        ),
                    ),
                ),
            ),
            next=rules.after_pay_method,
        ),
        QuestionStep(
            id="boleta_bank",
            title=_("¿En qué banco pagó?"),
            fields=(
                Field(
                    "boleta_bank",
                    FieldKind.CHOICE,
                    _("Banco"),
                    choices=tuple(Choice(bank.value, BANK_NAMES[bank]) for bank in Bank),
                ),
            ),
        ),
        QuestionStep(
            id="boleta",
            title=_("Escriba los datos de su boleta"),
            intro=_("Cópielos de la boleta que le dio el banco."),
            fields=(
                Field(
                    "boleta_number",
                    FieldKind.TEXT,
                    _("Número de boleta"),
                    hint=_(
                        "Banrural: 10 dígitos. Banco Industrial: 8 dígitos. "
                        "G&T Continental: 9 dígitos."
                    ),
                    max_length=20,
                    validator=rules.boleta_number,
                    keypad_override="numeric",
                ),
                Field(
                    "boleta_paid_on",
                    FieldKind.DATE,
                    _("Fecha de pago"),
                    hint=_("La del sello del banco: día, mes y año, por ejemplo 15/09/2025."),
                    validator=rules.paid_before_today,
                ),
                Field(
                    "boleta_amount",
                    FieldKind.MONEY,
                    _("Monto pagado"),
                    hint=_("El monto impreso en la boleta, por ejemplo Q30.00."),
                    max_value=rules.MAX_AMOUNT,
                ),
            ),
            next="verify_boleta",
        ),
        ActionStep(
            id="verify_boleta",
            title=_("Revisando su boleta"),
            action="verify_boleta",
            next="review",
            busy_text=_("Estamos revisando su boleta con el banco."),
            locks=False,
        ),
        ActionStep(
            id="create_payment_order",
            title=_("Preparando su pago"),
            action="create_payment_order",
            next="payment_slip",
            busy_text=_("Estamos preparando su orden de pago."),
            locks=False,
        ),
        InfoStep(
            id="payment_slip",
            title=_("Pague en línea"),
            body=rules.payment_slip,
            next="wait_for_payment",
            codes=rules.payment_slip_codes,
            document="payment_slip",
        ),
        QuestionStep(
            id="payment_reference",
            title=_("¿Cuál es la referencia de su orden de pago?"),
            intro=_("Está en la hoja que le imprimimos cuando pidió la orden de pago."),
            fields=(
                Field(
                    "payment_reference",
                    FieldKind.TEXT,
                    _("Referencia de pago"),
                    max_length=30,
                    validator=rules.payment_reference,
                    keypad_override="numeric",
                ),
            ),
            next="find_payment_order",
        ),
        ActionStep(
            id="find_payment_order",
            title=_("Buscando su orden de pago"),
            action="find_payment_order",
            next=rules.after_find_order,
            busy_text=_("Estamos buscando su orden de pago."),
            locks=False,
        ),
        ActionStep(
            id="wait_for_payment",
            title=_("Esperando su pago"),
            action="wait_for_payment",
            next="review",
            busy_text=_(
                "Esperamos la confirmación de su pago. Puede tardar unos minutos: "
                "no se vaya todavía."
            ),
            locks=False,
            idle_runs=True,  # up to 10 minutes: nobody is held here if they left
        ),
        # --- review, request, result ----------------------------------------------------------
        ReviewStep(
            id="review",
            title=_("Revise sus datos antes de enviar la solicitud"),
            next="submit_request",
        ),
        ActionStep(
            id="submit_request",
            title=_("Enviando su solicitud"),
            action="submit_request",
            next=rules.after_submit,
            busy_text=_("Estamos enviando su solicitud. Esto puede tardar unos segundos."),
        ),
        ConfirmationStep(
            id="issued",
            title=_("No registra antecedentes penales"),
            body=rules.issued,
            codes=rules.document_codes,
            document="certificate",
        ),
        ConfirmationStep(
            id="registered",
            title=_("Resultado: registra antecedentes penales"),
            body=rules.registered,
            codes=rules.document_codes,
            document="certificate",
        ),
        ConfirmationStep(
            id="in_review",
            title=_("Su solicitud está en revisión"),
            body=rules.in_review,
            codes=rules.review_codes,
            document="review_receipt",
        ),
    ),
)
