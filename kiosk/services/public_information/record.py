"""What the screens of Solicitud de Información Pública say: what the service is, where a court
file's copies are asked instead, the request received (its folio and due date in large type)
and a request found by its folio. Every date is the portal's (it counts the working days); the
requester appears by initials and the contact masked, as the portal answers them."""

from __future__ import annotations

from kiosk import formats
from kiosk.flows.model import Answers, Code
from kiosk.flows.records import Detail, DetailRow, DetailSection
from kiosk.flows.text import _
from kiosk.portal.models.public_information import (
    ANSWER_DAYS,
    PublicInformationRequest,
    PublicInformationStatus,
)
from kiosk.services.public_information.words import (
    appeal_rule,
    day_said,
    deadline_rule,
    delivery_name,
    status_meaning,
    status_name,
    when_ready,
)
from kiosk.text import Text

SUBMIT = "submit"  # the action steps whose result is a request
FIND = "find"
OPEN = frozenset(
    {
        PublicInformationStatus.RECEIVED,
        PublicInformationStatus.IN_PROGRESS,
        PublicInformationStatus.EXTENDED,
    }
)


def request_of(results: dict[str, object] | Answers) -> PublicInformationRequest:
    """The request this visit sent, or found by its folio."""
    for step_id in (SUBMIT, FIND):
        found = results.get(step_id)
        if isinstance(found, PublicInformationRequest):
            return found
    raise TypeError("no public information request among the results")


def about(answers: Answers, results: dict[str, object]) -> tuple[Text, ...]:
    return (
        Text(
            "Cualquier persona puede pedir información pública al Organismo Judicial: "
            "estadísticas, presupuesto, contratos, personal, horarios y otros datos de sus "
            "oficinas y tribunales. No tiene que decir para qué la quiere."
        ),
        Text(
            "Es gratis. Solo si pide copias se paga lo que cuestan. La respuesta llega en "
            "{days} días hábiles como máximo, y le imprimimos un comprobante con el folio de su "
            "solicitud.",
            days=ANSWER_DAYS,
        ),
        Text(
            "Las copias de un expediente (de un juicio o un caso) no se piden aquí: se piden en "
            "el juzgado que lleva el caso o, si ya terminó, en el Archivo General de Tribunales."
        ),
    )


def court_file(answers: Answers, results: dict[str, object]) -> tuple[Text, ...]:
    return (
        Text(
            "Lo que escribió parece una solicitud de copias o de datos de un expediente. Eso no "
            "es información pública: lo atiende el juzgado que lleva el caso o, si el caso ya "
            "terminó, el Archivo General de Tribunales."
        ),
        Text(
            "En este quiosco, toque «Inicio» y luego «Archivo de Tribunales» para buscar un "
            "expediente archivado y pedir copias o una certificación. Si el caso sigue abierto, "
            "pídalas en el juzgado, con el número del expediente."
        ),
        Text(
            "Si lo que necesita es otra cosa (estadísticas, presupuesto, contratos u otros "
            "datos del Organismo Judicial), toque «Continuar». Para cambiar lo que escribió, "
            "toque «Atrás»: su texto se conserva."
        ),
    )


def received(answers: Answers, results: dict[str, object]) -> tuple[Text, ...]:
    request = request_of(results)
    return (
        Text(
            "Recibida el {day} a las {time}. El Organismo Judicial debe responderle a más "
            "tardar el {due}; si necesita más tiempo, puede prorrogar el plazo una sola vez, "
            "hasta el {extended}, avisándole antes.",
            day=day_said(request.received_at),
            time=formats.clock(request.received_at),
            due=day_said(request.due_on),
            extended=day_said(request.extended_due_on),
        ),
        when_ready(request),
        Text(
            "Guarde el folio: con él puede preguntar por su solicitud y volver a imprimir el "
            "comprobante en cualquier quiosco («Información pública», «Ver una solicitud que "
            "ya hice»)."
        ),
        appeal_rule(request),
    )


def received_codes(answers: Answers, results: dict[str, object]) -> tuple[Code, ...]:
    request = request_of(results)
    return (
        Code("folio", _("Folio"), request.folio),
        Code("due", _("Respuesta a más tardar"), formats.day(request.due_on)),
    )


def request_record(answers: Answers, results: dict[str, object]) -> Detail:
    """A request found by its folio: where it is, its dates, what was asked."""
    request = request_of(results)
    rows = [
        DetailRow(
            "status",
            _("Estado"),
            status_name(request.status),
            status_meaning(request.status),
        ),
        DetailRow(
            "received_at",
            _("Recibida"),
            Text(
                "{day} a las {time}",
                day=day_said(request.received_at),
                time=formats.clock(request.received_at),
            ),
        ),
        DetailRow("due_on", _("Respuesta a más tardar"), day_said(request.due_on)),
        DetailRow(
            "extended_due_on",
            _("Si el plazo se prorroga"),
            day_said(request.extended_due_on),
        ),
    ]
    if request.answered_on is not None:
        rows.append(DetailRow("answered_on", _("Respondida el"), day_said(request.answered_on)))
    rows += [
        DetailRow("delivery", _("Cómo recibe la respuesta"), delivery_name(request.delivery)),
        DetailRow("requester", _("Solicitante"), request.requester_initials),
        DetailRow("contact", _("Aviso a"), request.contact),
    ]
    note = deadline_rule(request) if request.status in OPEN else appeal_rule(request)
    return Detail(
        heading=Text("Solicitud {folio}", folio=request.folio),
        sections=(
            DetailSection("request", Text("Su solicitud"), rows=tuple(rows), note=note),
            DetailSection(
                "information",
                Text("Información que pidió"),
                rows=(DetailRow("information", _("Lo que escribió"), request.information),),
            ),
        ),
    )
