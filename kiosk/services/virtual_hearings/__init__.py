"""Solicitud de Audiencias Virtuales: a party, a lawyer, a witness, an expert or an interpreter
asks to take part in a coming hearing by videoconference.

The case number (typed as people write it, or built step by step) → the case's coming hearings
from the Agenda de Audiencias, each saying whether it can still be asked for (at the latest two
working days before; not a cancelled one) → the hearing, read again and checked → the role in it
(a penal hearing has its own parties; a lawyer gives the número de colegiado) → who takes part
(names and DPI) → email (where the link goes) and phone → why → the terms (the hearing is
recorded; every party must agree; the court decides) → review → the request, sent once
(Idempotency-Key) → its number in large type, what happens next and a printed receipt.

A reserved matter (family, children, alimony, sexual crimes) answers "Reservado" and where to
ask: SERVICES.md's privacy tiers give such a case's number nothing else, and the kiosk cannot
know the visitor is a party (no check ties a DPI to a case), so neither its hearings nor the
refusals that would describe them (past, too soon, cancelled) nor a receipt are shown here. A
party asks at the court, or through their lawyer.

``questions`` asks, ``actions`` calls the portal, ``words`` says roles, reasons and the rule in
plain Spanish, ``paper`` makes the end screen's words and the receipt.
"""

from __future__ import annotations

from kiosk.flows.model import (
    ActionStep,
    Answers,
    ConfirmationStep,
    DetailStep,
    Flow,
    ResultsStep,
    ReviewStep,
)
from kiosk.flows.text import _
from kiosk.portal.models.hearings import HearingDetail
from kiosk.services.base import Printout, Service, Tile
from kiosk.services.virtual_hearings import paper
from kiosk.services.virtual_hearings.actions import (
    ACTIONS,
    CHECK,
    HEARING_FIELD,
    SEARCH,
    SUBMIT,
    ExistingRequest,
    ReservedCase,
    is_penal,
)
from kiosk.services.virtual_hearings.questions import (
    BUILD,
    NUMBER,
    PENAL_ROLE,
    PERSON_STEPS,
    ROLE,
    ROLE_STEPS,
)
from kiosk.text import Text

SERVICE_ID = "audiencias-virtuales"
SERVICE_TITLE = paper.RECEIPT_TITLE
#: a case with more coming hearings than this asks to look for the citation instead
MOST = 30


def _after_search(answers: Answers, found: object) -> str:
    return "reserved" if isinstance(found, ReservedCase) else "hearings"


def _after_check(answers: Answers, hearing: object) -> str:
    return PENAL_ROLE if isinstance(hearing, HearingDetail) and is_penal(hearing) else ROLE


def _after_submit(answers: Answers, made: object) -> str:
    return "existing" if isinstance(made, ExistingRequest) else "sent"


FLOW = Flow(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    start="number",
    steps=(
        NUMBER,
        *BUILD,
        ActionStep(
            SEARCH,
            _("Buscando"),
            SEARCH,
            next=_after_search,
            busy_text=_("Estamos buscando las audiencias de ese expediente."),
            locks=False,
        ),
        ResultsStep(
            "hearings",
            _("¿A qué audiencia quiere asistir por videoconferencia?"),
            source=SEARCH,
            field=HEARING_FIELD,
            next=CHECK,
            empty=Text(
                "Este expediente no tiene audiencias próximas en la agenda. Revise que el número "
                "esté igual que en la citación; si lo está, pregunte en el juzgado: puede que la "
                "fecha todavía no esté publicada. Toque «Atrás» para cambiar el número."
            ),
            most=MOST,
            too_many=Text(
                "Son demasiadas para verlas aquí: busque la fecha en su citación y pregunte en la "
                "ventanilla."
            ),
        ),
        ActionStep(
            CHECK,
            _("Revisando la audiencia"),
            CHECK,
            next=_after_check,
            busy_text=_("Estamos revisando esa audiencia en la agenda."),
            locks=False,
        ),
        *ROLE_STEPS,
        *PERSON_STEPS,
        ReviewStep("review", _("Revise su solicitud antes de enviarla"), next=SUBMIT),
        ActionStep(
            SUBMIT,
            _("Enviando su solicitud"),
            SUBMIT,
            next=_after_submit,
            busy_text=_("Estamos enviando su solicitud al juzgado."),
        ),
        ConfirmationStep(
            "sent",
            _("Su solicitud fue enviada"),
            body=paper.sent,
            codes=paper.codes,
            document=paper.DOCUMENT,
        ),
        ConfirmationStep(
            "existing",
            _("Ya había pedido esta audiencia virtual"),
            body=paper.existing,
            codes=paper.codes,
            document=paper.DOCUMENT,
        ),
        DetailStep("reserved", _("Expediente reservado"), paper.reserved),
    ),
)

SERVICE = Service(
    id=SERVICE_ID,
    title=SERVICE_TITLE,
    tile=Tile(_("Audiencia virtual"), "video", "solicitudes", order=20),
    flow=FLOW,
    actions=ACTIONS,
    printouts=(
        Printout(
            paper.DOCUMENT,
            paper.receipt,
            advice=_(
                "Anote el número de solicitud de arriba: con él, el juzgado o la ventanilla de "
                "atención encuentran su solicitud y le dan una copia del comprobante."
            ),
        ),
    ),
)
