"""The FEI's checks, branches and screen texts: what the flow is built from.

The concepts, their amounts and whether they need a case come from the portal (``catalogue``);
the rest are the visitor's answers. Every check says how to fix what was typed, and what was
typed stays on screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from kiosk import formats
from kiosk.case_numbers import CaseNumber, court_of
from kiosk.flows.model import Answers, Choice, Code, FieldError
from kiosk.flows.text import _
from kiosk.identity import format_dpi
from kiosk.nit import MESSAGES as NIT_MESSAGES
from kiosk.nit import NitError, format_nit, validate_nit
from kiosk.portal.models.income_forms import (
    PAYER_NAME_PUNCTUATION,
    ConceptKind,
    ConceptList,
    FeiConcept,
    IncomeForm,
    PayerIdKind,
)
from kiosk.portal.models.payments import BANK_NAMES, Bank
from kiosk.services.income_forms.amount_words import amount_words
from kiosk.services.income_forms.catalogue import CATALOGUE
from kiosk.text import Shown, Text

#: each kind of concept: its name and what it covers, in a visitor's words
KINDS: dict[ConceptKind, tuple[str, str]] = {
    ConceptKind.MULTAS: (
        _("Multas"),
        _("Una multa que le impuso un juzgado, o la conmuta de una pena."),
    ),
    ConceptKind.CAUCIONES: (
        _("Cauciones y garantías"),
        _("El dinero que un juez fijó como garantía, por ejemplo para seguir libre el proceso."),
    ),
    ConceptKind.DEPOSITOS: (
        _("Depósitos judiciales"),
        _("Pensión alimenticia, prestaciones laborales, consignaciones y otros depósitos."),
    ),
    ConceptKind.CERTIFICACIONES: (
        _("Certificaciones y constancias"),
        _("Una copia certificada de una resolución, un expediente o una escritura."),
    ),
    ConceptKind.COPIAS: (
        _("Copias"),
        _("Fotocopias de un expediente, o la grabación de una audiencia."),
    ),
    ConceptKind.TASAS: (
        _("Trámites y registros"),
        _("Registro de poderes, autenticaciones, carnés y búsquedas en los archivos."),
    ),
}

PAYER_KINDS: dict[PayerIdKind, tuple[str, str]] = {
    PayerIdKind.NIT: (
        _("NIT"),
        _("El de la SAT, como sale en sus facturas."),
    ),
    PayerIdKind.DPI: (
        _("DPI"),
        _("Los 13 dígitos de su documento de identidad."),
    ),
}

MAX_NAME = 100


def kind_choices() -> tuple[Choice, ...]:
    return tuple(Choice(kind.value, name, hint) for kind, (name, hint) in KINDS.items())


def payer_kind_choices() -> tuple[Choice, ...]:
    return tuple(Choice(kind.value, name, hint) for kind, (name, hint) in PAYER_KINDS.items())


def bank_names(banks: list[Bank] | tuple[Bank, ...] = tuple(Bank)) -> str:
    """«Banrural, Banco Industrial o G&T Continental» (names: never translated)."""
    names = [BANK_NAMES[bank] for bank in banks]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} o {names[-1]}"


# --- the concept ----------------------------------------------------------------------------------


def amount_rule(concept: FeiConcept) -> Text:
    if concept.amount is not None:
        return Text("Monto fijo: {amount}", amount=formats.money(concept.amount))
    return Text(
        "Monto de {minimum} a {maximum}",
        minimum=formats.money(concept.min_amount or 0),
        maximum=formats.money(concept.max_amount or 0),
    )


def concept_choices(answers: Answers) -> tuple[Choice, ...]:
    """The concepts of the kind chosen, as the portal listed them: name, code, amount."""
    choices = []
    for concept in CATALOGUE.of_kind(answers.get("kind")):
        if concept.needs_case:
            hint = Text(
                "Código {code} · {amount} · Pide el expediente",
                code=concept.code,
                amount=amount_rule(concept),
            )
        else:
            hint = Text("Código {code} · {amount}", code=concept.code, amount=amount_rule(concept))
        choices.append(Choice(concept.code, concept.name, hint))
    return tuple(choices)


def after_catalogue(answers: Answers, found: object) -> str:
    return "concept" if isinstance(found, ConceptList) and found.items else "no_concepts"


def after_concept(answers: Answers) -> str:
    concept = CATALOGUE.concept(answers["concept"])
    return "case_number" if concept.needs_case else "payer_kind"


def after_payer_kind(answers: Answers) -> str:
    return "nit" if answers["payer_kind"] == PayerIdKind.NIT.value else "payer_dpi"


def after_payer_name(answers: Answers) -> str:
    concept = CATALOGUE.concept(answers["concept"])
    return "summary" if concept.amount is not None else "amount"


def chosen_concept(answers: Mapping[str, object]) -> FeiConcept:
    """The concept chosen, from the catalogue the flow read (the ``catalogue`` step's result)."""
    found = answers.get("catalogue")
    if not isinstance(found, ConceptList):
        raise LookupError("the catalogue was not read on the visitor's path")
    code = answers.get("concept")
    for concept in found.items:
        if concept.code == code:
            return concept
    raise LookupError("the concept chosen is not in the catalogue read")


def amount_to_pay(answers: Mapping[str, object]) -> Decimal:
    concept = chosen_concept(answers)
    if concept.amount is not None:
        return concept.amount
    typed = answers.get("amount")
    if not isinstance(typed, Decimal):
        raise LookupError("no amount on the visitor's path")
    return typed


# --- checks ---------------------------------------------------------------------------------------


def case_court(value: object, answers: Answers) -> None:
    """An SGT number names its court in its first five digits: that court must exist."""
    if isinstance(value, CaseNumber) and value.is_sgt and court_of(value) is None:
        raise FieldError(
            "case_number",
            "case_number_court",
            Text(
                "No hay ningún juzgado con el código {court}: revise las primeras cinco cifras "
                "del número, que son el departamento y el juzgado.",
                court=value.court_id or "",
            ),
        )


def nit(value: object, answers: Answers) -> None:
    try:
        validate_nit(str(value))
    except NitError as error:
        template = NIT_MESSAGES[error.message_key]
        raise FieldError("nit", error.code, Text(template, **error.params)) from None


def payer_name(value: object, answers: Answers) -> None:
    """A person's or a company's name: letters, digits, spaces and a company's punctuation."""
    name = str(value)
    bad = next((c for c in name if not (c.isalnum() or c in PAYER_NAME_PUNCTUATION + " ")), None)
    if bad is not None:
        raise FieldError(
            "payer_name",
            "payer_name_characters",
            Text("En el nombre no se permite «{character}»: quítelo.", character=bad),
        )
    if sum(c.isalpha() for c in name) < 2:
        raise FieldError(
            "payer_name",
            "payer_name_letters",
            _("Escriba el nombre con letras, como aparece en su DPI o en su NIT."),
        )


def amount_within(value: object, answers: Answers) -> None:
    """The concept's bounds; a concept the kiosk did not list is the portal's to check."""
    try:
        concept = CATALOGUE.concept(answers.get("concept"))
    except KeyError:
        return
    low, high = concept.min_amount, concept.max_amount
    if not isinstance(value, Decimal) or low is None or high is None or low <= value <= high:
        return
    raise FieldError(
        "amount",
        "amount_out_of_range",
        Text(
            "Para «{concept}» el monto va de {minimum} a {maximum}: escriba el monto que le "
            "indicaron, dentro de ese rango.",
            concept=concept.name,
            minimum=formats.money(low),
            maximum=formats.money(high),
        ),
    )


# --- what the screens say -------------------------------------------------------------------------


def payer_shown(answers: Mapping[str, object]) -> str:
    if answers.get("payer_kind") == PayerIdKind.NIT.value:
        return f"NIT {format_nit(str(answers['nit']))}"
    return f"DPI {format_dpi(str(answers['payer_dpi']))}"


def summary(answers: Answers, results: dict[str, object]) -> tuple[Shown, ...]:
    """The form as it will be made, before the review: the concept by name, the amount in
    words (a typed amount ten times too big shows here), the days and the banks."""
    concept = chosen_concept(answers)
    found = answers["catalogue"]
    assert isinstance(found, ConceptList)
    amount = amount_to_pay(answers)
    parts: list[Shown] = [
        Text("Concepto: {name} (código {code}). {description}", name=concept.name,
             code=concept.code, description=concept.description),
    ]  # fmt: skip
    if concept.needs_case:
        parts.append(Text("Expediente: {number}.", number=str(answers["case_number"])))
    parts += [
        Text("Quien paga: {name}, {id}.", name=str(answers["payer_name"]), id=payer_shown(answers)),
        Text(
            "Monto: {amount} ({words}).", amount=formats.money(amount), words=amount_words(amount)
        ),
        Text(
            "El formulario vale {days} días: se paga en {banks}, en una agencia o en la banca "
            "en línea.",
            days=found.valid_days,
            banks=bank_names(found.banks),
        ),
        _("El quiosco no recibe dinero: le imprimimos el formulario y usted paga en el banco."),
    ]
    return tuple(parts)


def made_form(results: Mapping[str, object]) -> IncomeForm:
    form = results.get("submit")
    if not isinstance(form, IncomeForm):
        raise LookupError("no form among the flow's results")
    return form


def payer_line(form: IncomeForm) -> str:
    kind = "NIT" if form.payer_id_kind is PayerIdKind.NIT else "DPI"
    return f"{form.payer_initials}, {kind} {form.payer_id_masked}"


def bank_steps(form: IncomeForm) -> tuple[Text, ...]:
    """How to pay, said the same on screen and on paper."""
    return (
        Text(
            "En una agencia de {banks}: entregue este formulario y pague el monto exacto; el "
            "banco lee el código de barras.",
            banks=bank_names(form.banks),
        ),
        Text(
            "En la banca en línea de esos bancos: elija «Organismo Judicial - FEI» y escriba el "
            "número del formulario, o lea el código QR con la aplicación del banco."
        ),
    )


NOTICE = _(
    "El quiosco no recibe dinero. Este formulario no es un comprobante de pago: el comprobante "
    "es el que le da el banco al pagar."
)


def form_body(answers: Answers, results: dict[str, object]) -> tuple[Shown, ...]:
    form = made_form(results)
    concept = Text("Concepto: {name} (código {code}).", name=form.concept_name, code=form.concept)
    if form.case_number:
        concept = Text(
            "Concepto: {name} (código {code}). Expediente: {number}.",
            name=form.concept_name,
            code=form.concept,
            number=form.case_number,
        )
    return (
        concept,
        Text(
            "Quien paga: {payer}. Monto en letras: {words}.",
            payer=payer_line(form),
            words=amount_words(form.amount),
        ),
        *bank_steps(form),
        Text(
            "Después del {day} el formulario vence y hay que hacer uno nuevo.",
            day=formats.day(form.valid_until),
        ),
        NOTICE,
    )


def form_codes(answers: Answers, results: dict[str, object]) -> tuple[Code, ...]:
    form = made_form(results)
    return (
        Code("form", _("Número de formulario"), form.number),
        Code("amount", _("Monto a pagar"), formats.money(form.amount)),
        Code("valid_until", _("Válido hasta"), formats.day(form.valid_until)),
    )
