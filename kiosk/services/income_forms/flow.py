"""The FEI's questions: what is paid (its kind, then the concept from the portal's catalogue), the
case where the concept needs one, who pays (NIT or DPI, and the name), the amount where it is not
fixed; the form as it will be made, the review, the form made once, and the form on paper.

The catalogue's read does not lock anything: "Atrás" and "Cambiar" keep working until the form is
made, which locks the answers (it exists at the portal from then on).
"""

from __future__ import annotations

from kiosk.flows.model import (
    ActionStep,
    ConfirmationStep,
    Field,
    FieldKind,
    Flow,
    InfoStep,
    QuestionStep,
    ReviewStep,
)
from kiosk.flows.text import _
from kiosk.services.income_forms import rules

SERVICE_ID = "fei"
TITLE = _("Formulario Electrónico de Ingresos (FEI)")
MAX_AMOUNT = 100_000  # the contract's largest amount (Money)

FLOW = Flow(
    id=SERVICE_ID,
    title=TITLE,
    start="kind",
    steps=(
        QuestionStep(
            id="kind",
            title=_("¿Qué va a pagar?"),
            intro=_(
                "Con este formulario se paga en el banco. El quiosco no recibe dinero: le "
                "imprimimos el formulario y usted paga en Banrural, Banco Industrial o "
                "G&T Continental."
            ),
            fields=(
                Field(
                    "kind",
                    FieldKind.CHOICE,
                    _("Tipo de pago"),
                    choices=rules.kind_choices(),
                    # a new kind lists other concepts: it is changed by going back, not from
                    # the review (where the concept already chosen would be kept)
                    in_review=False,
                ),
            ),
            next="catalogue",
        ),
        ActionStep(
            id="catalogue",
            title=_("Buscando los pagos"),
            action="catalogue",
            next=rules.after_catalogue,
            busy_text=_("Estamos trayendo la lista de pagos del portal."),
            locks=False,
        ),
        InfoStep(
            id="no_concepts",
            title=_("No hay pagos de este tipo por ahora"),
            body=_(
                "El portal no tiene ahora pagos de este tipo para hacer en el quiosco. Toque "
                "«Continuar» para elegir otro tipo de pago, o pregunte en la ventanilla del "
                "juzgado."
            ),
            next="kind",
        ),
        QuestionStep(
            id="concept",
            title=_("¿Cuál es el pago?"),
            intro=_(
                "Elija el que le indicaron en el juzgado o la oficina. Debajo de cada uno están "
                "su código y su monto."
            ),
            fields=(
                Field(
                    "concept",
                    FieldKind.CHOICE,
                    _("Código del pago"),
                    choices_from=rules.concept_choices,
                ),
            ),
            next=rules.after_concept,
        ),
        QuestionStep(
            id="case_number",
            title=_("¿Cuál es el número del expediente?"),
            intro=_("Este pago es de un caso. El número está en la resolución o la notificación."),
            fields=(
                Field(
                    "case_number",
                    FieldKind.CASE_NUMBER,
                    _("Expediente"),
                    hint=_("Por ejemplo 01173-2019-00123, o el número del juzgado, como 485-2011."),
                    max_length=60,
                    validator=rules.case_court,
                ),
            ),
            next="payer_kind",
        ),
        QuestionStep(
            id="payer_kind",
            title=_("¿Con qué número se identifica quien paga?"),
            fields=(
                Field(
                    "payer_kind",
                    FieldKind.CHOICE,
                    _("Identificación"),
                    choices=rules.payer_kind_choices(),
                ),
            ),
            next=rules.after_payer_kind,
        ),
        QuestionStep(
            id="nit",
            title=_("¿Cuál es el NIT de quien paga?"),
            fields=(
                Field(
                    "nit",
                    FieldKind.TEXT,
                    _("NIT"),
                    hint=_(
                        "Los números y, al final, el dígito verificador, que puede ser K: como "
                        "sale en sus facturas."
                    ),
                    max_length=20,
                    validator=rules.nit,
                    required_message=_(
                        "Escriba el NIT de quien paga, con su dígito verificador al final."
                    ),
                ),
            ),
            next="payer_name",
        ),
        QuestionStep(
            id="payer_dpi",
            title=_("¿Cuál es el DPI de quien paga?"),
            fields=(Field("payer_dpi", FieldKind.DPI, _("DPI")),),
            next="payer_name",
        ),
        QuestionStep(
            id="payer_name",
            title=_("¿Cuál es el nombre de quien paga?"),
            intro=_("En el formulario aparecerá solo con sus iniciales."),
            fields=(
                Field(
                    "payer_name",
                    FieldKind.TEXT,
                    _("Quien paga"),
                    hint=_(
                        "Como aparece en su DPI, o el nombre de la empresa como aparece en su NIT."
                    ),
                    max_length=rules.MAX_NAME,
                    validator=rules.payer_name,
                    required_message=_("Escriba el nombre de la persona o la empresa que paga."),
                ),
            ),
            next=rules.after_payer_name,
        ),
        QuestionStep(
            id="amount",
            title=_("¿Cuánto va a pagar?"),
            intro=_(
                "Escriba el monto que le indicó el juzgado o la oficina. Si no lo sabe, "
                "pregúntelo antes: el banco cobra exactamente lo que dice el formulario."
            ),
            fields=(
                Field(
                    "amount",
                    FieldKind.MONEY,
                    _("Monto a pagar"),
                    hint=_("En quetzales, por ejemplo 300.00."),
                    min_value=0,
                    max_value=MAX_AMOUNT,
                    validator=rules.amount_within,
                ),
            ),
            next="summary",
        ),
        InfoStep(
            id="summary",
            title=_("Así quedará su formulario"),
            body=rules.summary,
            next="review",
        ),
        ReviewStep(
            id="review",
            title=_("Revise sus respuestas antes de hacer el formulario"),
            next="submit",
        ),
        ActionStep(
            id="submit",
            title=_("Haciendo su formulario"),
            action="submit",
            next="form",
            busy_text=_("Estamos haciendo su formulario en el portal."),
        ),
        ConfirmationStep(
            id="form",
            title=_("Su formulario está listo: páguelo en el banco"),
            body=rules.form_body,
            codes=rules.form_codes,
            document="fei_form",
        ),
    ),
)
