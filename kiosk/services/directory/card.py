"""An entry's card: its name in large type, what it is, where it is, how to call or write, its
hours and whether it is open now, and a QR that opens the place on a phone's map.

The QR holds an OpenStreetMap link (``https://www.openstreetmap.org/?mlat=..&mlon=..``), not a
``geo:`` URI: an iPhone's camera does not open ``geo:``, while every phone opens an https link in
its browser (and Android offers its map apps from there); OpenStreetMap needs no account or key
and names no company. Its printout is the same card on paper (``kiosk.documents.directory_card``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from kiosk import formats
from kiosk.flows.lookup import fetched
from kiosk.flows.model import Answers
from kiosk.flows.records import Detail, DetailRow, DetailSection
from kiosk.flows.text import _
from kiosk.portal.models.directory import DirectoryEntry, EntryKind
from kiosk.services.base import RenderContext, Rendered
from kiosk.services.directory.portal import phone_text
from kiosk.services.directory.words import KINDS, hours_text, matters_text, open_now
from kiosk.text import Text
from kiosk.working_days import WorkingDays

DOCUMENT = "directory_card"
QR_CAPTION = _("Lea este código con su teléfono para ver cómo llegar.")
#: kinds whose card says what the place does (the portal's words) rather than what the kind is
_DESCRIBED = (EntryKind.OFICINA, EntryKind.MEDIACION, EntryKind.FACILITADORES)


def map_link(entry: DirectoryEntry) -> str:
    """The place on OpenStreetMap, zoomed to its streets."""
    lat, lon = f"{entry.latitude:.5f}", f"{entry.longitude:.5f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


def place_text(entry: DirectoryEntry) -> str:
    if entry.municipality_name == entry.department_name:
        return entry.municipality_name
    return f"{entry.municipality_name}, {entry.department_name}"


def record(answers: Answers, results: dict[str, object]) -> Detail:
    entry = fetched(results, DirectoryEntry)
    kind, _several, what = KINDS[entry.kind]
    explained = entry.description if entry.kind in _DESCRIBED and entry.description else Text(what)
    rows = [DetailRow("kind", _("Clase"), Text(kind), explained)]
    matters = matters_text(entry.matters)
    if matters is not None:
        rows.append(DetailRow("matters", _("Materias"), matters))
    rows.append(DetailRow("place", _("Municipio"), place_text(entry)))
    calendar = WorkingDays((entry.department, entry.municipality))
    contact = (
        DetailRow("address", _("Dirección"), entry.address),
        DetailRow("phone", _("Teléfono"), phone_text(entry.phone, entry.extension)),
        DetailRow(
            "hours",
            _("Horario"),
            hours_text(entry.hours),
            open_now(entry.hours, formats.now(), calendar),
        ),
        DetailRow("email", _("Correo electrónico"), entry.email),
    )
    sections = [
        DetailSection("entry", Text("Qué es"), rows=tuple(rows)),
        DetailSection(
            "contact",
            Text("Dónde está y cómo comunicarse"),
            rows=contact,
            note=Text("Los horarios pueden cambiar en días de asueto: llame antes de ir."),
        ),
    ]
    if entry.reached_through is not None:
        sections.append(
            DetailSection(
                "reach",
                Text("Cómo encontrarlos"),
                rows=(DetailRow("reached_through", _("Por medio de"), entry.reached_through.name),),
                note=Text(
                    "Pregunte en ese Juzgado de Paz por los facilitadores judiciales: le dirán "
                    "cómo encontrar al de su comunidad."
                ),
            )
        )
    sections.append(
        DetailSection(
            "map",
            Text("En el mapa"),
            qr=map_link(entry),
            qr_caption=Text(QR_CAPTION),
            note=Text("El mapa se abre en OpenStreetMap, en el navegador del teléfono."),
        )
    )
    return Detail(entry.name, tuple(sections))


async def card_paper(context: RenderContext, sources: Mapping[str, object]) -> Sequence[Rendered]:
    """The card on paper, in Spanish (a paper outlives the language switch)."""
    from kiosk.documents.directory_card import PrintedCard, render_directory_card

    entry = fetched(sources, DirectoryEntry)
    kind, _several, what = KINDS[entry.kind]
    about = entry.description if entry.kind in _DESCRIBED and entry.description else what
    rows: list[tuple[str, str]] = [("Clase", f"{kind}. {about}")]
    matters = matters_text(entry.matters)
    if matters is not None:
        rows.append(("Materias", str(matters)))
    rows += [
        ("Dirección", f"{entry.address}. {place_text(entry)}"),
        ("Teléfono", str(phone_text(entry.phone, entry.extension))),
        ("Horario", str(hours_text(entry.hours))),
        ("Correo electrónico", entry.email),
    ]
    if entry.reached_through is not None:
        rows.append(("Por medio de", entry.reached_through.name))
    card = PrintedCard(
        name=entry.name,
        rows=tuple(rows),
        qr=map_link(entry),
        qr_caption=QR_CAPTION,
        printed_at=datetime.now(UTC),
        kiosk_id=context.kiosk_id,
    )
    return [Rendered(DOCUMENT, "Directorio OJ", lambda: render_directory_card(card))]
