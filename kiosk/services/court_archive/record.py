"""What the Archivo de Tribunales shows of a file: where it is and what it is (for a file the
archive can copy, with what each copy costs, on the way to asking for one), or, for one it
cannot copy, a record that says where to go instead; a reserved matter says «Reservado» only.
Then the price of what the visitor chose, and the request registered."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from kiosk import formats
from kiosk.flows.lookup import fetched
from kiosk.flows.model import Answers, Code
from kiosk.flows.records import Detail, DetailRow, DetailSection
from kiosk.flows.text import Shown, Text, _
from kiosk.portal.models.court_archive import (
    ArchiveCase,
    ArchiveRequest,
    ArchiveRequestKind,
    ArchiveShelf,
    ArchiveStatus,
    ArchiveTariff,
    ArchiveTariffBasis,
    cost,
    units,
)
from kiosk.services.court_archive.words import (
    BASES,
    COUNTED,
    MATTERS,
    PROCESSES,
    REQUESTS,
    RESERVED,
    RESERVED_EXPLAINED,
    ROLES,
    STATES,
)

TARIFF = "tariff"  # the action step that reads the tariff (its result's key)
QUOTE = "quote"
SUBMIT = "submit"


def case_of(results: dict[str, object]) -> ArchiveCase:
    return fetched(results, ArchiveCase)


def tariff_of(results: dict[str, object]) -> ArchiveTariff:
    found = results.get(TARIFF)
    if not isinstance(found, ArchiveTariff):
        raise TypeError("the tariff action returns a ArchiveTariff")
    return found


def after_fetch(answers: Answers, found: object) -> str:
    """A file the archive can copy goes on to a request (its tariff first); any other is read."""
    return TARIFF if isinstance(found, ArchiveCase) and found.requestable else "record"


def shelf_code(shelf: ArchiveShelf) -> str:
    """E-14 · C-0387 · L-07: estante, caja, legajo, as the archive's staff fetch it."""
    return f"{shelf.shelf} · {shelf.box} · {shelf.legajo}"


def years(case: ArchiveCase) -> Shown:
    """«1990 a 1993», or the one year."""
    if case.year_from == case.year_to:
        return str(case.year_from)
    return Text("{first} a {last}", first=case.year_from, last=case.year_to)


def listed(parts: Sequence[Shown]) -> Shown:
    """Items one after another, «a; b; c» (each may be a Text, translated where shown)."""
    if len(parts) == 1:
        return parts[0]
    return Text("{first}; {rest}", first=parts[0], rest=listed(parts[1:]))


def banks(names: Sequence[str]) -> Text:
    """«Banrural, Banco Industrial o G&T Continental»."""
    return Text("{some} o {last}", some=", ".join(names[:-1]), last=names[-1])


def price(amount: Decimal, basis: ArchiveTariffBasis, tariff: ArchiveTariff) -> Text:
    return Text(BASES[basis], price=formats.money(amount), pages=tariff.pages_per_folio)


# --- a file the archive can copy: on the way to a request ---------------------------------------


def case_codes(answers: Answers, results: dict[str, object]) -> tuple[Code, ...]:
    case = case_of(results)
    assert case.location is not None and case.folios is not None  # a requestable file's
    return (
        Code("location", _("Ubicación (estante · caja · legajo)"), shelf_code(case.location)),
        Code("folios", _("Folios"), str(case.folios)),
    )


def case_body(answers: Answers, results: dict[str, object]) -> tuple[Text, ...]:
    case, tariff = case_of(results), tariff_of(results)
    assert case.status is not None and case.archive is not None and case.folios is not None
    assert case.process is not None
    state, explained = STATES[case.status]
    process, process_explained = PROCESSES[case.process]
    where = case.archive
    status = Text("Estado: {state}. {explained}", state=Text(state), explained=Text(explained))
    if case.status is ArchiveStatus.PRESTADO and case.held_by and case.status_since:
        status = Text("{status} Lo tiene ahora el {court}, desde el {day}.", status=status,
                      court=case.held_by, day=formats.day(case.status_since))  # fmt: skip
    prices = [
        Text("{kind}, {amount} ({basis})", kind=Text(REQUESTS[item.kind][0]),
             amount=formats.money(cost(item, case.folios, tariff.pages_per_folio)),
             basis=price(item.unit_price, item.basis, tariff))
        for item in tariff.items
    ]  # fmt: skip
    parties = [
        Text("{role}, {initials}", role=Text(ROLES[party.role]), initials=party.initials)
        for party in case.parties
    ]
    paragraphs = [
        Text("Expediente {number} del {court}.", number=case.number, court=case.court_name),
        status,
        Text(
            "Dónde: {archive}, {address}. Horario: {hours}.",
            archive=where.name,
            address=where.address,
            hours=where.hours,
        ),
        Text(
            "{process}, de {years}. {explained}",
            process=Text(process),
            years=years(case),
            explained=Text(process_explained),
        ),
    ]
    if parties:
        paragraphs.append(
            Text("Partes, solo con sus iniciales: {parties}", parties=listed(parties))
        )
    paragraphs += [
        Text("Lo que cuesta todo el expediente: {prices}.", prices=listed(prices)),
        Text(
            "Toque «Continuar» para pedir una copia o una constancia. Si solo quería saber "
            "dónde está, toque «Terminar y borrar mis datos»."
        ),
    ]
    return tuple(paragraphs)


# --- a file the archive cannot copy (or a reserved one): a record that says where to go ---------


def record(answers: Answers, results: dict[str, object]) -> Detail:
    case = case_of(results)
    heading = Text("Expediente {number}", number=case.number)
    place = f"{case.municipality}, {case.department}"
    if case.reserved or case.status is None:
        rows = (
            DetailRow("court", _("Juzgado"), case.court_name),
            DetailRow("place", _("Lugar"), place),
            DetailRow("status", _("Estado"), Text(RESERVED), Text(RESERVED_EXPLAINED)),
        )
        return Detail(heading, (DetailSection("case", Text("El expediente"), rows=rows),))
    state, explained = STATES[case.status]
    rows_list = [
        DetailRow("court", _("Juzgado"), case.court_name),
        DetailRow("place", _("Lugar"), place),
        DetailRow("status", _("Estado"), Text(state), Text(explained)),
    ]
    if case.status_since is not None:
        rows_list.append(DetailRow("since", _("Desde el"), formats.day(case.status_since)))
    if case.held_by:
        rows_list.append(DetailRow("held_by", _("Dónde está"), case.held_by))
    if case.record:
        rows_list.append(DetailRow("record", _("Acta"), case.record))
    if case.process is not None and case.matter is not None:
        process, process_explained = PROCESSES[case.process]
        rows_list.append(DetailRow("process", _("Tipo de proceso"), Text(process),
                                   Text(process_explained)))  # fmt: skip
        rows_list.append(DetailRow("matter", _("Materia"), Text(MATTERS[case.matter])))
    rows_list.append(DetailRow("years", _("Años"), years(case)))
    if case.folios is not None:
        rows_list.append(DetailRow("folios", _("Folios"), str(case.folios)))
    sections = [DetailSection("case", Text("El expediente"), rows=tuple(rows_list))]
    if case.parties:
        sections.append(
            DetailSection(
                "parties",
                Text("Partes"),
                rows=tuple(
                    DetailRow(f"party.{index}", ROLES[party.role], party.initials)
                    for index, party in enumerate(case.parties)
                ),
                note=Text("Por privacidad, las partes aparecen solo con sus iniciales."),
            )
        )
    not_here = Text("Este expediente no se puede pedir en el quiosco.")
    if case.held_by:  # still at its court, or at the AGCA: there, not at the archive
        sections.append(
            DetailSection(
                "ask",
                Text("Dónde preguntar"),
                rows=(DetailRow("ask_at", _("Pregunte en"), case.held_by),),
                note=Text("{not_here} Lleve este número a esa ventanilla.", not_here=not_here),
            )
        )
    elif case.archive is not None:  # destroyed or lost: the archive keeps the acta
        where = case.archive
        sections.append(
            DetailSection(
                "ask",
                Text("Dónde preguntar"),
                rows=(
                    DetailRow("ask_at", _("Pregunte en"), where.name),
                    DetailRow("address", _("Dirección"), where.address),
                    DetailRow("hours", _("Horario"), where.hours),
                ),
                note=Text(
                    "{not_here} Lleve este número y su DPI a la ventanilla del archivo.",
                    not_here=not_here,
                ),
            )
        )
    return Detail(heading, tuple(sections))


# --- the price of what was chosen ---------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    """What the visitor chose and its price, from the portal's tariff (the portal charges the
    same: ``kiosk.portal.models.court_archive.cost``)."""

    kind: ArchiveRequestKind
    span: tuple[int, int] | None  # the folios, first and last; None for a constancia
    basis: ArchiveTariffBasis
    unit_price: Decimal
    units: int
    amount: Decimal


def quote_for(
    kind: ArchiveRequestKind, span: tuple[int, int] | None, tariff: ArchiveTariff
) -> Quote:
    item = tariff.item(kind)
    folios = span[1] - span[0] + 1 if span else 0
    count = units(item.basis, folios, tariff.pages_per_folio)
    amount = cost(item, folios, tariff.pages_per_folio)
    return Quote(kind, span, item.basis, item.unit_price, count, amount)


def chosen(
    kind: ArchiveRequestKind, span: tuple[int, int] | None, number: str, whole: bool
) -> Text:
    """«Certificación de todo el expediente 123-1998 (folios 1 a 245)»."""
    name = Text(REQUESTS[kind][0])
    if span is None:
        return Text("{kind} del expediente {number}", kind=name, number=number)
    if whole:
        return Text("{kind} de todo el expediente {number} (folios {first} a {last})",
                    kind=name, number=number, first=span[0], last=span[1])  # fmt: skip
    return Text("{kind} de los folios {first} a {last} del expediente {number}",
                kind=name, number=number, first=span[0], last=span[1])  # fmt: skip


def quote_of(results: dict[str, object]) -> Quote:
    found = results.get(QUOTE)
    if not isinstance(found, Quote):
        raise TypeError("the quote action returns a Quote")
    return found


def cost_body(answers: Answers, results: dict[str, object]) -> tuple[Text, ...]:
    case, tariff, quote = case_of(results), tariff_of(results), quote_of(results)
    whole = quote.span is not None and quote.span == (1, case.folios)
    amount = formats.money(quote.amount)
    charged = (
        Text("Precio fijo: {amount}.", amount=amount)
        if quote.basis is ArchiveTariffBasis.FIJO
        else Text("Se cobra {basis}. Son {counted}: {amount}.",
                  basis=price(quote.unit_price, quote.basis, tariff),
                  counted=Text(COUNTED[quote.basis], units=quote.units), amount=amount)
    )  # fmt: skip
    return (
        Text("{what}.", what=chosen(quote.kind, quote.span, case.number, whole)),
        charged,
        Text(
            "El quiosco no recibe dinero. Al terminar le damos un comprobante con el número de "
            "solicitud; con él paga en {banks} con el Formulario Electrónico de Ingresos (FEI).",
            banks=banks(tariff.banks),
        ),
    )


def cost_codes(answers: Answers, results: dict[str, object]) -> tuple[Code, ...]:
    return (Code("amount", _("Total a pagar"), formats.money(quote_of(results).amount)),)


# --- the request, registered ------------------------------------------------------------------


def request_of(results: dict[str, object]) -> ArchiveRequest:
    found = results.get(SUBMIT)
    if not isinstance(found, ArchiveRequest):
        raise TypeError("the submit action returns an ArchiveRequest")
    return found


def what_was_asked(made: ArchiveRequest, folios: int | None) -> Text:
    span = (made.folio_from, made.folio_to) if made.folio_from and made.folio_to else None
    return chosen(made.kind, span, made.case_number, span is not None and span == (1, folios))


def pay_text(made: ArchiveRequest) -> Text:
    return Text(
        "Cómo pagar: pida el formulario FEI (Formulario Electrónico de Ingresos) en este quiosco "
        "o en la ventanilla del archivo, y pague {amount} con él en {banks}. Concepto: "
        "«{concept}»; solicitud {number}.",
        amount=formats.money(made.amount), banks=banks(made.banks), concept=made.fei_concept,
        number=made.number,
    )  # fmt: skip


def collect_text(made: ArchiveRequest) -> Text:
    where = made.collect_at
    return Text(
        "Dónde recoger: desde el {day} ({days} días hábiles), en la ventanilla del {archive}, "
        "{address}. Horario: {hours}. Lleve su DPI y la boleta pagada; si no está listo, "
        "pregunte allí con su número de solicitud.",
        day=formats.day(made.ready_on), days=made.working_days, archive=where.name,
        address=where.address, hours=where.hours,
    )  # fmt: skip


def done_body(answers: Answers, results: dict[str, object]) -> tuple[Text, ...]:
    made = request_of(results)
    folios = case_of(results).folios
    return (
        Text("Pidió: {what}.", what=what_was_asked(made, folios)),
        pay_text(made),
        collect_text(made),
    )


def done_codes(answers: Answers, results: dict[str, object]) -> tuple[Code, ...]:
    made = request_of(results)
    return (
        Code("request", _("Número de solicitud"), made.number),
        Code("amount", _("Total a pagar"), formats.money(made.amount)),
        Code("ready_on", _("Recoger desde"), formats.day(made.ready_on)),
    )
