"""What Audiencias Virtuales shows at the end and prints: the request number in large type, the
hearing, the role and what happens next (the court decides, the link arrives by email by a stated
time, what to do if it does not), on screen and on the numbered receipt; and what a reserved case
is said to be. The paper is Spanish whatever the screen's language, and names the person by
initials, the DPI by its last four digits, the email and phone masked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kiosk import formats
from kiosk.flows.model import Answers, Code
from kiosk.flows.records import Detail, DetailRow, DetailSection
from kiosk.flows.text import _
from kiosk.identity import mask_dpi
from kiosk.portal.models.virtual_hearings import VirtualHearingRequest
from kiosk.services.base import RenderContext, Rendered
from kiosk.services.hearings.words import KINDS, spoken_day
from kiosk.services.receipt_paper import Receipt, ReceiptSection, receipt_printout
from kiosk.services.virtual_hearings.actions import (
    SEARCH,
    ExistingRequest,
    ReservedCase,
    court_name,
    request_of,
)
from kiosk.services.virtual_hearings.questions import phone_number
from kiosk.services.virtual_hearings.words import masked_email, masked_phone, role_name
from kiosk.text import Text

DOCUMENT = "virtual_hearing_receipt"
RECEIPT_TITLE = _("Solicitud de Audiencia Virtual")


def codes(answers: Answers, results: dict[str, object]) -> tuple[Code, ...]:
    return (Code("request", _("Número de solicitud"), request_of(results).number),)


def _when(request: VirtualHearingRequest) -> Text:
    return Text(
        "{day} a las {time}",
        day=spoken_day(request.hearing_at, year=True),
        time=formats.clock(request.hearing_at),
    )


def _next_steps(request: VirtualHearingRequest, email: str) -> tuple[Text, ...]:
    link_by = Text(
        "{day} a las {time}",
        day=spoken_day(request.link_by),
        time=formats.clock(request.link_by),
    )
    return (
        Text(
            "Qué sigue: el juzgado revisa su solicitud y pregunta a las otras partes; todas "
            "deben estar de acuerdo. Si la aprueba, le envía el enlace de la videoconferencia a "
            "{email} a más tardar el {link_by}.",
            email=masked_email(email),
            link_by=link_by,
        ),
        Text(
            "Si para entonces no le llegó (revise también el correo no deseado), llame o vaya al "
            "juzgado con su número de solicitud. Si el juzgado no la aprueba, le avisa por correo "
            "y usted asiste en persona."
        ),
        Text(
            "El día de la audiencia, conéctese 15 minutos antes desde un lugar tranquilo, con su "
            "DPI a la vista."
        ),
    )


def _asked(request: VirtualHearingRequest) -> Text:
    return Text(
        "Pidió participar por videoconferencia como {role} en la audiencia del {when} ({kind}). "
        "Lugar: {court}, {room}.",
        role=role_name(request.role),
        when=_when(request),
        kind=Text(KINDS[request.hearing_kind][0]),
        court=request.court_name,
        room=request.room,
    )


def sent(answers: Answers, results: dict[str, object]) -> tuple[Text, ...]:
    request = request_of(results)
    return (_asked(request), *_next_steps(request, str(answers["email"])))


def existing(answers: Answers, results: dict[str, object]) -> tuple[Text, ...]:
    request = request_of(results)
    before = Text(
        "Con este DPI ya había una solicitud para esta audiencia, hecha el {day}: no hacía falta "
        "pedirla otra vez. Su número es el de arriba.",
        day=formats.day(request.created_at),
    )
    return (before, _asked(request), *_next_steps(request, str(answers["email"])))


def reserved(answers: Answers, results: dict[str, object]) -> Detail:
    """A reserved matter: its number and court (both in the number itself), and where to ask."""
    found = results.get(SEARCH)
    number = found.number if isinstance(found, ReservedCase) else ""
    court = court_name(number)
    rows = (DetailRow("court", _("Juzgado"), court),) if court else ()
    return Detail(
        Text("Expediente {number}", number=number),
        (
            DetailSection(
                "reserved",
                Text("Reservado"),
                rows=rows,
                note=Text(
                    "Este expediente es de un asunto reservado (familia, niñez, pensión "
                    "alimenticia o delitos sexuales): por privacidad, sus audiencias no se "
                    "muestran en el quiosco y la audiencia virtual no se pide aquí. Si usted es "
                    "parte, pídala en el juzgado, o por medio de su abogado."
                ),
            ),
        ),
    )


# --- the receipt ----------------------------------------------------------------------------------


async def receipt(context: RenderContext, sources: Mapping[str, object]) -> Sequence[Rendered]:
    """The numbered receipt, in Spanish (``str`` of a Text is its Spanish)."""
    answers = dict(sources)
    request = request_of(answers)
    email = str(answers["email"])
    person = (
        ("Papel", str(role_name(request.role))),
        ("Nombre", _initials(f"{answers['first_names']} {answers['last_names']}")),
        ("DPI", mask_dpi(str(answers["dpi"]))),
        ("Correo electrónico", masked_email(email)),
        ("Teléfono", masked_phone(phone_number(str(answers["phone"])))),
    )
    steps = _paper_steps(request, email)
    issued = request.created_at
    if isinstance(answers.get("submit"), ExistingRequest):  # a copy of the first one's
        issued = formats.now()
        made = f"Esta persona ya había pedido esta audiencia el {formats.day(request.created_at)}."
        steps = (made, *steps)
    paper = Receipt(
        title=RECEIPT_TITLE,
        number_label="Número de solicitud",
        number=request.number,
        issued_at=issued,
        kiosk_id=context.kiosk_id,
        sections=(
            ReceiptSection(
                "La audiencia",
                rows=(
                    ("Expediente", request.case_number),
                    ("Juzgado", request.court_name),
                    ("Fecha y hora", str(_when(request))),
                    ("Audiencia", str(Text(KINDS[request.hearing_kind][0]))),
                    ("Sala", request.room),
                ),
            ),
            ReceiptSection("Quién participa", rows=person),
            ReceiptSection("Qué sigue", paragraphs=steps),
        ),
        notice="Esta solicitud no asegura la audiencia virtual: el juzgado decide.",
    )
    # CUPS shows and logs the title: never personal data
    return receipt_printout(DOCUMENT, "Audiencia virtual OJ", paper)


def _paper_steps(request: VirtualHearingRequest, email: str) -> tuple[str, ...]:
    """What happens next, as short as one page allows (the screen says it at length)."""
    link_by = f"{spoken_day(request.link_by)} a las {formats.clock(request.link_by)}"
    return (
        f"El juzgado revisa su solicitud y pregunta a las otras partes. Si la aprueba, le envía "
        f"el enlace a {masked_email(email)} a más tardar el {link_by}.",
        "Si no le llega (revise el correo no deseado), llame o vaya al juzgado con este número. "
        "Si no la aprueba, le avisa por correo y usted asiste en persona.",
        "Conéctese 15 minutos antes, desde un lugar tranquilo y con su DPI. Usted aceptó que "
        "la audiencia se graba.",
    )


def _initials(name: str) -> str:
    """ "M. J. P. L.": as the OJ names people in its publications."""
    particles = {"de", "del", "la", "las", "los", "y"}
    words = [w for w in name.split() if w.lower() not in particles] or name.split()
    return " ".join(f"{w[0].upper()}." for w in words)
