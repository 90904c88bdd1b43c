"""Solicitud de Información Pública: the questions and their order.

A new request: what information (a request that reads like one for a court file's copies first
hears where those go, and keeps its text), how to receive the answer, who asks (a name; an
email, or a phone unless the answer goes by email; the DPI only if the visitor wants), the
review, the request sent once, and the receipt. Or a request made before, found by its folio:
where it is, and its receipt printed again.
"""

from __future__ import annotations

from kiosk.flows.model import (
    ActionStep,
    Choice,
    ConfirmationStep,
    DetailStep,
    Field,
    FieldKind,
    Flow,
    InfoStep,
    QuestionStep,
    ReviewStep,
)
from kiosk.flows.text import _
from kiosk.portal.models.public_information import INFORMATION_MAX
from kiosk.services.public_information import record, rules
from kiosk.services.public_information.paper import DOCUMENT
from kiosk.services.public_information.words import DELIVERIES

SERVICE_ID = "informacion-publica"
TITLE = _("Solicitud de Información Pública")

FLOW = Flow(
    id=SERVICE_ID,
    title=TITLE,
    start="mode",
    printer_notice=_("Puede continuar: el folio de su solicitud quedará en pantalla."),
    steps=(
        QuestionStep(
            id="mode",
            title=_("¿Qué quiere hacer?"),
            intro=_(
                "Pida al Organismo Judicial la información pública que necesite, o vea cómo va "
                "una solicitud que ya hizo."
            ),
            fields=(
                Field(
                    "mode",
                    FieldKind.CHOICE,
                    _("Trámite"),
                    in_review=False,  # the review is of the request itself
                    choices=(
                        Choice(
                            rules.NEW_REQUEST,
                            _("Pedir información pública"),
                            _("Cualquier persona puede pedirla, sin decir para qué."),
                        ),
                        Choice(
                            rules.FIND_REQUEST,
                            _("Ver una solicitud que ya hice"),
                            _(
                                "Con el folio de su comprobante: cómo va, y el comprobante "
                                "otra vez."
                            ),
                        ),
                    ),
                ),
            ),
            next=rules.after_mode,
        ),
        # --- a new request ---------------------------------------------------------------------
        InfoStep(id="about", title=TITLE, body=record.about),
        QuestionStep(
            id="information",
            title=_("¿Qué información necesita?"),
            intro=_("Escríbalo con sus palabras. No tiene que decir para qué la quiere."),
            fields=(
                Field(
                    "information",
                    FieldKind.TEXT,
                    _("Información que pide"),
                    hint=_(
                        "Diga qué datos o documentos, de qué oficina y de qué fechas. Por "
                        "ejemplo: cuántos juicios de alimentos recibió el Juzgado de Familia de "
                        "Cobán en 2025."
                    ),
                    max_length=INFORMATION_MAX,
                    validator=rules.information_words,
                    required_message=_("Escriba qué información necesita."),
                ),
            ),
            next=rules.after_information,
        ),
        InfoStep(
            id="court_file",
            title=_("Las copias de expedientes se piden en otro lugar"),
            body=record.court_file,
            next="delivery",
        ),
        QuestionStep(
            id="delivery",
            title=_("¿Cómo quiere recibir la respuesta?"),
            fields=(
                Field(
                    "delivery",
                    FieldKind.CHOICE,
                    _("Forma de entrega"),
                    choices=tuple(
                        Choice(method.value, name, meaning)
                        for method, (name, meaning) in DELIVERIES.items()
                    ),
                ),
            ),
        ),
        QuestionStep(
            id="name",
            title=_("¿Cuál es su nombre?"),
            intro=_("Con él se identifica su solicitud. No necesita mostrar ningún documento."),
            fields=(Field("requester_name", FieldKind.NAME, _("Nombre y apellido")),),
            next=rules.after_name,
        ),
        QuestionStep(
            id="contact",
            title=_("¿Cómo le avisamos cuando la respuesta esté lista?"),
            fields=(
                Field(
                    "contact",
                    FieldKind.CHOICE,
                    _("Aviso"),
                    choices=(
                        Choice(rules.BY_EMAIL, _("Por correo electrónico")),
                        Choice(rules.BY_PHONE, _("Por teléfono")),
                    ),
                ),
            ),
            next=rules.after_contact,
        ),
        QuestionStep(
            id="email",
            title=_("¿Cuál es su correo electrónico?"),
            intro=_("Allí le llegan la respuesta o el aviso de que está lista."),
            fields=(Field("email", FieldKind.EMAIL, _("Correo electrónico")),),
            next="dpi",
        ),
        QuestionStep(
            id="phone",
            title=_("¿A qué teléfono le avisamos?"),
            fields=(
                Field(
                    "phone",
                    FieldKind.TEXT,
                    _("Teléfono"),
                    hint=_("8 dígitos, por ejemplo 5512 3456."),
                    max_length=20,
                    validator=rules.phone,
                    keypad_override="numeric",
                    required_message=_("Escriba su número de teléfono: son 8 dígitos."),
                ),
            ),
            next="dpi",
        ),
        QuestionStep(
            id="dpi",
            title=_("¿Quiere agregar su número de DPI?"),
            intro=_(
                "No es obligatorio: la ley no le pide identificarse con un documento. Déjelo en "
                "blanco si prefiere. Solo si pide datos personales suyos, se los entregan a "
                "usted al mostrar su DPI."
            ),
            fields=(Field("dpi", FieldKind.DPI, _("Número de DPI (opcional)"), required=False),),
            next="review",
        ),
        ReviewStep(
            id="review",
            title=_("Revise su solicitud antes de enviarla"),
            next="submit",
        ),
        ActionStep(
            id=record.SUBMIT,
            title=_("Enviando su solicitud"),
            action="submit_request",
            next="received",
            busy_text=_("Estamos enviando su solicitud al Organismo Judicial."),
        ),
        ConfirmationStep(
            id="received",
            title=_("Su solicitud fue recibida"),
            body=record.received,
            codes=record.received_codes,
            document=DOCUMENT,
        ),
        # --- a request made before, by its folio ---------------------------------------------
        QuestionStep(
            id="folio",
            title=_("¿Cuál es el folio de su solicitud?"),
            intro=_("Está en el comprobante que le dieron al hacer la solicitud."),
            fields=(
                Field(
                    "folio",
                    FieldKind.TEXT,
                    _("Folio"),
                    hint=_("El año y el número, por ejemplo 2026-004812 (con o sin «UIP»)."),
                    max_length=30,
                    validator=rules.folio,
                    keypad_override="numeric",
                    required_message=_("Escriba el folio de su comprobante."),
                ),
            ),
            next=record.FIND,
        ),
        ActionStep(
            id=record.FIND,
            title=_("Buscando su solicitud"),
            action="find_request",
            next="request",
            busy_text=_("Estamos buscando su solicitud."),
            locks=False,
        ),
        DetailStep(
            id="request",
            title=_("Su solicitud de información pública"),
            detail=record.request_record,
            document=DOCUMENT,
        ),
    ),
)
