"""Casillero Electrónico: what the visitor reads. A line of the box per notification (the unread
ones say «Nueva»), and one notification in full: the deadline rule first (art. 8: it counts from
when it was deposited, reading it here changes nothing), the court, the case, the kind of
resolution explained, when it was deposited and first read, what it says, and its copies: those
to collect at the court (art. 10) apart from those at the portal. The paper holds the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kiosk import formats
from kiosk.flows.lookup import fetched
from kiosk.flows.model import Answers
from kiosk.flows.records import Detail, DetailRow, DetailSection, ResultRow
from kiosk.flows.text import _
from kiosk.portal.models.mailbox import (
    Notification,
    NotificationPage,
    NotificationSummary,
    ResolutionKind,
)
from kiosk.services.base import RenderContext, Rendered
from kiosk.services.record_paper import record_printout
from kiosk.text import Text

SERVICE_TITLE = _("Casillero Electrónico")
DOCUMENT = "mailbox_notification"
#: [F] where the rules come from (SERVICES.md): said once, easy to correct
LAW = "Decreto 15-2011"

#: each kind of resolution: its name and what it is, in a citizen's words
KINDS: dict[ResolutionKind, tuple[str, str]] = {
    ResolutionKind.DECRETO: (
        _("Decreto"),
        _("Una resolución de trámite: ordena el siguiente paso del proceso."),
    ),
    ResolutionKind.AUTO: (
        _("Auto"),
        _("Decide un asunto dentro del proceso que no es de simple trámite."),
    ),
    ResolutionKind.SENTENCIA: (
        _("Sentencia"),
        _("Decide el caso. Si no está de acuerdo, consulte pronto a su abogado: hay plazos."),
    ),
}


# --- the box --------------------------------------------------------------------------------------


def row(item: NotificationSummary) -> ResultRow:
    """One line of the box: new or not, the kind and when it was deposited; the case, the court
    and whether copies wait at the court."""
    kind = Text(KINDS[item.kind][0])
    when = formats.day_and_clock(item.deposited_at)
    title = (
        Text("{kind} · {when}", kind=kind, when=when)
        if item.read
        else Text("Nueva · {kind} · {when}", kind=kind, when=when)
    )
    facts: tuple[Text | str, ...] = (
        Text("Expediente {number}", number=item.case_number),
        item.court_name,
    )
    if item.copies_at_court:
        facts += (Text("Tiene copias que debe recoger en el juzgado"),)
    return ResultRow(item.id, title, facts)


def box_summary(page: NotificationPage) -> Text:
    """Said above the box: how many are new, and that reading changes no deadline."""
    return Text(
        "Sin leer: {unread} de {total}. Las más recientes están primero. Leer una notificación "
        "aquí no cambia ningún plazo: cuenta desde que se depositó en su casillero.",
        unread=page.unread,
        total=page.total,
    )


# --- one notification -----------------------------------------------------------------------------


def deadline(notification: Notification) -> Text:
    return Text(
        "La notificación se tiene por hecha desde que se depositó en su casillero, el {when}, "
        "y los plazos corren desde entonces ({law}, artículo 8), no desde que usted la lee.",
        when=formats.day_and_clock(notification.deposited_at),
        law=LAW,
    )


def record(answers: Answers, results: dict[str, object]) -> Detail:
    notification = fetched(results, Notification)
    kind, kind_explained = KINDS[notification.kind]
    read_at = notification.read_at
    sections = [
        DetailSection(
            "deadline",
            Text("Sus plazos"),
            rows=(
                DetailRow(
                    "deadline",
                    _("Plazos"),
                    Text("Leerla aquí no cambia ningún plazo."),
                    deadline(notification),
                ),
            ),
        ),
        DetailSection(
            "notification",
            Text("La notificación"),
            rows=(
                DetailRow("court", _("Juzgado"), notification.court_name),
                DetailRow("department", _("Departamento"), notification.department),
                DetailRow("case_number", _("Expediente"), notification.case_number),
                DetailRow("proceeding", _("Proceso"), notification.proceeding),
                DetailRow("kind", _("Tipo de resolución"), Text(kind), Text(kind_explained)),
                DetailRow(
                    "resolution_on",
                    _("Fecha de la resolución"),
                    formats.day(notification.resolution_on),
                ),
                DetailRow(
                    "deposited_at",
                    _("Depositada en su casillero"),
                    formats.day_and_clock(notification.deposited_at),
                ),
                DetailRow(
                    "read_at",
                    _("Leída por primera vez"),
                    formats.day_and_clock(read_at) if read_at else Text("Ahora"),
                ),
            ),
        ),
        DetailSection(
            "text",
            Text("Lo que dice la resolución"),
            timeline=((formats.day(notification.resolution_on), notification.text),),
            note=Text("Las partes aparecen solo con sus iniciales."),
        ),
    ]
    copies = [a for a in notification.attachments if a.at_court]
    if copies:
        sections.append(
            DetailSection(
                "copies",
                Text("Copias que debe recoger en el juzgado"),
                rows=tuple(
                    DetailRow(
                        f"copy.{index}",
                        _("Copias"),
                        Text("{what} ({pages} hojas)", what=copy.description, pages=copy.pages),
                    )
                    for index, copy in enumerate(copies)
                ),
                note=Text(
                    "Estas copias no vienen en el casillero ({law}, artículo 10): recójalas en "
                    "el {court}, con su DPI y el número del expediente.",
                    law=LAW,
                    court=notification.court_name,
                ),
            )
        )
    online = [a for a in notification.attachments if not a.at_court]
    if online:
        sections.append(
            DetailSection(
                "attachments",
                Text("Documentos adjuntos"),
                rows=tuple(
                    DetailRow(
                        f"attachment.{index}",
                        _("Documento"),
                        Text("{what} ({pages} hojas)", what=item.description, pages=item.pages),
                    )
                    for index, item in enumerate(online)
                ),
                note=Text("Puede verlos y descargarlos en el portal del Organismo Judicial."),
            )
        )
    return Detail(
        Text("Expediente {number}", number=notification.case_number),
        tuple(sections),
    )


# --- the printout ---------------------------------------------------------------------------------


async def notification_paper(
    context: RenderContext, sources: Mapping[str, object]
) -> Sequence[Rendered]:
    """What the screen shows, on paper, in Spanish (a paper outlives the language switch)."""
    answers = dict(sources)
    notification = fetched(answers, Notification)
    return record_printout(
        DOCUMENT,
        "Notificacion OJ",  # CUPS shows its title: plain ASCII, never personal data
        record(answers, answers),
        title=Text(SERVICE_TITLE),
        searched=Text(
            "Notificación depositada en el casillero electrónico el {when}.",
            when=formats.day_and_clock(notification.deposited_at),
        ),
        kiosk_id=context.kiosk_id,
    )
