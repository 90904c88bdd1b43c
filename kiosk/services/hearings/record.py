"""One hearing as the visitor reads it (and as it is printed): when, how long, what kind and in
what state (each explained), when the entry last changed, where (court, room, the link of a
virtual hearing, as text: the kiosk opens nothing), the parties by their initials and the case's
other hearings. A reserved case reads "Reservado" and what to do, nothing more."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from kiosk import formats
from kiosk.flows.model import Answers
from kiosk.flows.records import Detail, DetailRow, DetailSection
from kiosk.flows.text import _
from kiosk.portal.models.hearings import HearingDetail
from kiosk.services.directory.leads import way_to_court
from kiosk.services.hearings.actions import ReservedCase
from kiosk.services.hearings.words import KINDS, ROLES, STATES, length, spoken_day
from kiosk.text import Text

LINK_ROW = "hearing.link"
RESERVED_NOTE = Text(
    "Este expediente es de un asunto reservado (familia, niñez o delitos sexuales): por ley, "
    "sus audiencias no se publican. Si usted es parte, pregunte en el juzgado con su DPI."
)


def found(results: Mapping[str, object]) -> HearingDetail | ReservedCase:
    thing = results.get("fetch")
    if not isinstance(thing, HearingDetail | ReservedCase):
        raise TypeError("fetch returns a HearingDetail or a ReservedCase")
    return thing


def moment(value: datetime) -> Text:
    """«martes 8 de diciembre de 2026, a las 10:30», on Guatemala's clock."""
    return Text("{day}, a las {time}", day=spoken_day(value, year=True), time=formats.clock(value))


def record(answers: Answers, results: dict[str, object]) -> Detail:
    hearing = found(results)
    if isinstance(hearing, ReservedCase):
        return Detail(
            Text("Expediente {number}", number=hearing.number),
            (
                DetailSection(
                    "reserved",
                    Text("Asunto reservado"),
                    rows=(
                        DetailRow("reserved", _("Audiencias"), Text("Reservado"), RESERVED_NOTE),
                    ),
                ),
            ),
        )
    kind, kind_explained = KINDS[hearing.kind]
    state, state_explained = STATES[hearing.state]
    when = [
        DetailRow("hearing.at", _("Fecha y hora"), moment(hearing.at)),
        DetailRow("hearing.minutes", _("Duración estimada"), length(hearing.minutes)),
        DetailRow("hearing.kind", _("Audiencia"), Text(kind), Text(kind_explained)),
        DetailRow("hearing.state", _("Estado"), Text(state), Text(state_explained)),
    ]
    if hearing.moved_from is not None:
        when.append(DetailRow("hearing.moved_from", _("Antes era"), moment(hearing.moved_from)))
    when.append(
        DetailRow(
            "hearing.updated",
            _("Actualizada el"),
            formats.day_and_clock(hearing.updated_at),
            Text("Las audiencias cambian: confirme en el juzgado unos días antes."),
        )
    )
    where = [
        DetailRow("place.court", _("Juzgado"), hearing.court_name),
        DetailRow("place.room", _("Sala"), hearing.room),
        DetailRow(
            "place.town",
            _("Lugar"),
            Text("{municipality}, {department}", municipality=hearing.municipality,
                 department=hearing.department),
        ),
    ]  # fmt: skip
    if hearing.link:
        where.append(
            DetailRow(
                LINK_ROW,
                _("Enlace para verla en línea"),
                hearing.link,
                Text(
                    "El quiosco no abre enlaces: anótelo o imprímalo; la hoja lleva un código QR "
                    "para abrirlo con su teléfono."
                ),
            )
        )
    others = tuple(
        (
            formats.day(other.at),
            Text(
                "{time} · {kind}: {state}",
                time=formats.clock(other.at),
                kind=Text(KINDS[other.kind][0]),
                state=Text(STATES[other.state][0]),
            ),
        )
        for other in hearing.case_hearings
    )
    return Detail(
        Text("Expediente {number}", number=hearing.case_number),
        (
            DetailSection("hearing", Text("La audiencia"), rows=tuple(when)),
            DetailSection(
                "place", Text("Dónde"), rows=tuple(where), leads=(way_to_court(hearing.court_id),)
            ),
            DetailSection(
                "parties",
                Text("Partes"),
                rows=tuple(
                    DetailRow(f"party.{index}", ROLES[party.role], party.initials)
                    for index, party in enumerate(hearing.parties)
                ),
                note=Text("Por privacidad, las partes aparecen solo con sus iniciales."),
            ),
            DetailSection(
                "others",
                Text("Otras audiencias de este expediente"),
                timeline=others,
                note=(
                    Text("Primero las próximas; después las pasadas, de la más reciente.")
                    if others
                    else Text("No hay otras audiencias de este expediente en la agenda.")
                ),
            ),
        ),
    )
