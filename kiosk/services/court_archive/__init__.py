"""Archivo de Tribunales: find an archived case by the number its court wrote (old shapes
common: ``123-1998``, ``C-456-87 Of. 2ª``, ``Expediente 78/1975``, or an SGT number) and, for an
old number, the court (department → municipality → court); see where the file is (the archive,
its shelf, box and legajo; still at the court; sent to the Archivo General de Centro América;
destroyed or lost, on record), its folios, years and parties by initials, or «Reservado".

For a file the archive can copy: a certificación, copias simples or a constancia, priced from the
portal's tariff (per folio, per page or fixed), the requester's name, DPI and phone, a review,
one request (Idempotency-Key) and a receipt: the request number, what to pay and where (the bank,
with the FEI form), and when and where to collect it. The kiosk takes no money.

``questions`` asks, ``actions`` calls the portal, ``record`` says what was found and what it
costs, ``words`` names states and kinds in plain Spanish, ``numbers`` reads old numbers,
``paper`` prints.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.flows.lookup import FETCH, lookup
from kiosk.flows.model import ActionStep, ConfirmationStep, Flow, InfoStep, ReviewStep, Step
from kiosk.flows.text import Text, _
from kiosk.services.base import Printout, Service, Tile
from kiosk.services.court_archive.actions import ACTIONS
from kiosk.services.court_archive.paper import (
    RECEIPT,
    RECEIPT_ADVICE,
    RECORD,
    RECORD_ADVICE,
    SERVICE_TITLE,
    case_record,
    request_receipt,
)
from kiosk.services.court_archive.questions import COURT, NUMBER, REQUEST
from kiosk.services.court_archive.record import (
    QUOTE,
    SUBMIT,
    TARIFF,
    after_fetch,
    case_body,
    case_codes,
    cost_body,
    cost_codes,
    done_body,
    done_codes,
    record,
)

SERVICE_ID = "archivo-tribunales"

_FOUND = lookup(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    ask=(NUMBER, *COURT),
    results_title=_("Expedientes encontrados"),
    empty=Text(
        "No encontramos ese expediente en el archivo de ese juzgado. Revise el número y el "
        "juzgado en sus papeles y toque «Atrás» para corregirlos. Si el caso terminó hace poco, "
        "puede seguir en el juzgado: pregunte en su ventanilla."
    ),
    too_many=Text("Toque «Atrás» y escriba el número completo, con el oficial («Of.»)."),
    record_title=_("El expediente"),
    record=record,
    document=RECORD,
    searching=_("Estamos buscando en el archivo del Organismo Judicial."),
    fetching=_("Estamos trayendo los datos del expediente."),
)

REQUEST_STEPS = (
    ActionStep(
        TARIFF,
        _("Precios"),
        TARIFF,
        next="case",
        locks=False,
        busy_text=_("Estamos trayendo los precios del archivo."),
    ),
    InfoStep(
        id="case",
        title=_("Dónde está el expediente"),
        body=case_body,
        codes=case_codes,
        next="request_kind",
    ),
    *REQUEST[:3],
    ActionStep(
        QUOTE,
        _("Calculando"),
        QUOTE,
        next="cost",
        locks=False,
        busy_text=_("Estamos calculando lo que cuesta."),
    ),
    InfoStep(
        id="cost", title=_("Lo que cuesta"), body=cost_body, codes=cost_codes, next="requester"
    ),
    *REQUEST[3:],
    ReviewStep(id="review", title=_("Revise su solicitud antes de enviarla"), next=SUBMIT),
    ActionStep(
        SUBMIT,
        _("Enviando su solicitud"),
        SUBMIT,
        next="done",
        busy_text=_("Estamos registrando su solicitud en el archivo."),
    ),
    ConfirmationStep(
        id="done",
        title=_("Su solicitud quedó registrada"),
        body=done_body,
        codes=done_codes,
        document=RECEIPT,
    ),
)


def _onward(step: Step) -> Step:
    """The lookup's fetch goes on by what it found: to a request, or to the record."""
    return (
        replace(step, next=after_fetch)
        if isinstance(step, ActionStep) and step.id == FETCH
        else step
    )


FLOW = Flow(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    steps=(*map(_onward, _FOUND.steps), *REQUEST_STEPS),
    start=_FOUND.start,
    printer_notice=_(
        "Puede continuar: si el comprobante no sale, el número de solicitud queda en pantalla "
        "para que lo anote."
    ),
)
FLOW.validate_graph()

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Archivo de Tribunales"), "folder", "solicitudes", order=30),
    flow=FLOW,
    actions=ACTIONS,
    printouts=(
        Printout(RECEIPT, request_receipt, advice=RECEIPT_ADVICE),
        Printout(RECORD, case_record, advice=RECORD_ADVICE),
    ),
)
