"""The FEI's portal calls: the catalogue of a kind, and the form, made once.

``submit`` sends the step's Idempotency-Key, stable across retries of the same answers: a double
tap, or a retry after an answer lost on the way back, finds the form already made instead of a
second one. When the portal refuses an answer the visitor can fix, the refusal names the flow's
field (``AnswerRejected``) and "Atrás" leads back to it.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.flows.model import Answers
from kiosk.identity import validate_dpi
from kiosk.nit import validate_nit
from kiosk.portal.errors import PortalRejected, PortalUnauthorized
from kiosk.portal.models.income_forms import (
    CREATE_FEI,
    FEI_CONCEPTS,
    ConceptKind,
    ConceptList,
    FeiCreate,
    IncomeForm,
    PayerIdKind,
)
from kiosk.services.base import Action, ActionContext, AnswerRejected
from kiosk.services.income_forms.catalogue import CATALOGUE
from kiosk.services.income_forms.rules import amount_to_pay, chosen_concept


async def catalogue(context: ActionContext, answers: Answers, key: str) -> ConceptList:
    kind = ConceptKind(str(answers["kind"]))
    found = await context.client.call(FEI_CONCEPTS, query={"kind": kind.value})
    CATALOGUE.remember(kind, found)  # for the questions that follow (see catalogue.py)
    return found


async def submit(context: ActionContext, answers: Answers, key: str) -> IncomeForm:
    body = form_request(answers)
    try:
        return await context.client.call(CREATE_FEI, body=body, idempotency_key=key)
    except PortalRejected as error:
        raise on_flow_field(error, answers) from None


def form_request(answers: Mapping[str, object]) -> FeiCreate:
    """What the portal is sent: canonical numbers, the concept's amount when it is fixed."""
    concept = chosen_concept(answers)
    kind = PayerIdKind(str(answers["payer_kind"]))
    payer_id = (
        validate_nit(str(answers["nit"]))
        if kind is PayerIdKind.NIT
        else validate_dpi(str(answers["payer_dpi"]))
    )
    return FeiCreate(
        concept=concept.code,
        case_number=str(answers["case_number"]) if concept.needs_case else None,
        payer_id_kind=kind,
        payer_id=payer_id,
        payer_name=" ".join(str(answers["payer_name"]).split()),
        amount=amount_to_pay(answers),
    )


def on_flow_field(error: PortalRejected, answers: Mapping[str, object]) -> PortalRejected:
    """The same refusal, on the question that asks what the portal named."""
    if isinstance(error, PortalUnauthorized) or error.field is None:
        return error
    payer = "nit" if answers.get("payer_kind") == PayerIdKind.NIT.value else "payer_dpi"
    asked = "amount" if "amount" in answers else "concept"  # a fixed amount is the concept's
    fields = {
        "concept": "concept",
        "case_number": "case_number",
        "payer_id": payer,
        "payer_name": "payer_name",
        "amount": asked,
    }
    if error.field not in fields:
        return error
    return AnswerRejected.of(error, fields[error.field])


ACTIONS: Mapping[str, Action] = {"catalogue": catalogue, "submit": submit}
