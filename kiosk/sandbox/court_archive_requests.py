"""An Archivo de Tribunales request, registered: every input checked (a 422 naming its field,
in Spanish words that say how to fix it), the price from the tariff, the working days to the
day it can be collected, and the year's next request number. Runs inside the Idempotency-Key's
write transaction: a replay never registers twice."""

from __future__ import annotations

import sqlite3

from kiosk.courts import court as find_court
from kiosk.identity import IdentityError, validate_dpi, validate_email, validate_name
from kiosk.portal.models import court_archive as api
from kiosk.portal.models.court_archive import REQUESTABLE, ArchiveRequestKind, ArchiveStatus
from kiosk.sandbox import court_archive_data as data
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.store import now

#: the file as a request reads it (an index lookup by id, then by key)
CASE_HEAD = "SELECT pk, id, court_id, number, reserved FROM archive_cases WHERE id = ?"
CASE_STATE = "SELECT status, folios FROM archive_cases WHERE pk = ?"
#: the year's last request number (the unique index on number, backwards)
LAST_REQUEST = (
    "SELECT number FROM archive_requests WHERE number BETWEEN ? AND ? ORDER BY number DESC LIMIT 1"
)


def register(
    conn: sqlite3.Connection, body: api.ArchiveRequestCreate, kiosk: str
) -> api.ArchiveRequest:
    head = conn.execute(CASE_HEAD, (body.case_id,)).fetchone()
    if head is None:
        raise ApiProblem(422, "case_not_found", "No existe ese expediente.", field="case_id")
    if head["reserved"]:
        detail = (
            "Es un asunto reservado: solo las partes o sus abogados piden copias, en la "
            "ventanilla del Archivo, con su DPI."
        )
        raise ApiProblem(422, "case_reserved", detail, field="case_id")
    row = conn.execute(CASE_STATE, (head["pk"],)).fetchone()
    status = ArchiveStatus(row["status"])
    if status not in REQUESTABLE:
        detail = "El archivo no tiene ese expediente: no puede hacer copias de él."
        raise ApiProblem(422, "case_not_requestable", detail, field="case_id")
    span = _span(body, row["folios"])
    first_names, last_names, dpi, phone, email = _requester(body)
    item = data.TARIFF.item(body.kind)
    folios = span[1] - span[0] + 1 if span else 0
    amount = api.cost(item, folios, data.TARIFF.pages_per_folio)
    region = data.region_of(int(head["court_id"][:2]))
    days = item.working_days + data.EXTRA_DAYS.get(status, 0)
    created = now()
    ready = data.working_days(region).add(created.date(), days)
    number = _next_number(conn, created.year)
    conn.execute(
        "INSERT INTO archive_requests(number, case_pk, kind, folio_from, folio_to, amount, "
        "first_names, last_names, dpi, phone, email, ready_on, created_at, kiosk_id) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (number, head["pk"], body.kind.value, *(span or (None, None)), f"{amount:.2f}",
         first_names, last_names, dpi, phone, email, ready.isoformat(), created.isoformat(),
         kiosk),
    )  # fmt: skip
    return api.ArchiveRequest(
        number=number,
        created_at=created,
        case_id=head["id"],
        case_number=head["number"],
        court_name=find_court(head["court_id"]).name,
        kind=body.kind,
        folio_from=span[0] if span else None,
        folio_to=span[1] if span else None,
        basis=item.basis,
        unit_price=item.unit_price,
        units=api.units(item.basis, folios, data.TARIFF.pages_per_folio),
        amount=amount,
        fei_concept=data.TARIFF.fei_concept,
        banks=data.TARIFF.banks,
        working_days=days,
        ready_on=ready,
        collect_at=data.BUILDINGS[region],
    )


def _span(body: api.ArchiveRequestCreate, folios: int) -> tuple[int, int] | None:
    """The folios asked for: all of them unless a range is given; none for a constancia."""
    given = (body.folio_from, body.folio_to)
    if body.kind is ArchiveRequestKind.CONSTANCIA:
        if given != (None, None):
            detail = "Una constancia no lleva folios: es una sola hoja."
            raise ApiProblem(422, "folios_not_for_constancia", detail, field="folio_from")
        return None
    if given == (None, None):
        return 1, folios
    if body.folio_from is None or body.folio_to is None:
        detail = "Diga desde qué folio y hasta qué folio, o pida todo el expediente."
        field = "folio_from" if body.folio_from is None else "folio_to"
        raise ApiProblem(422, "folio_range", detail, field=field)
    if body.folio_from > body.folio_to:
        detail = "El primer folio va antes que el último: revise los números."
        raise ApiProblem(422, "folio_range", detail, field="folio_from")
    if body.folio_to > folios:
        detail = f"El expediente tiene {folios} folios: el último que puede pedir es el {folios}."
        raise ApiProblem(422, "folio_range", detail, field="folio_to")
    return body.folio_from, body.folio_to


def _requester(body: api.ArchiveRequestCreate) -> tuple[str, str, str, str | None, str | None]:
    try:
        first = validate_name(body.first_names, field_label="nombres")
    except IdentityError as exc:
        raise ApiProblem(422, "name_invalid", exc.message, field="first_names") from None
    try:
        last = validate_name(body.last_names, field_label="apellidos")
    except IdentityError as exc:
        raise ApiProblem(422, "name_invalid", exc.message, field="last_names") from None
    try:
        dpi = validate_dpi(body.dpi)
    except IdentityError as exc:
        raise ApiProblem(422, "dpi_invalid", exc.message, field="dpi") from None
    if body.phone is not None and body.phone[0] not in "234567":
        detail = "Un teléfono de Guatemala tiene 8 dígitos y empieza con 2, 3, 4, 5, 6 o 7."
        raise ApiProblem(422, "phone_invalid", detail, field="phone")
    email = None
    if body.email is not None:
        try:
            email = validate_email(body.email)
        except IdentityError as exc:
            raise ApiProblem(422, "email_invalid", exc.message, field="email") from None
    if body.phone is None and email is None:
        detail = "Deje un teléfono o un correo: el Archivo lo usa si hay algo que avisarle."
        raise ApiProblem(422, "contact_required", detail, field="phone")
    return first, last, dpi, body.phone, email


def _next_number(conn: sqlite3.Connection, year: int) -> str:
    last = conn.execute(LAST_REQUEST, (f"AGT-{year}-000000", f"AGT-{year}-999999")).fetchone()
    sequence = int(last[0][-6:]) + 1 if last else 1
    return f"AGT-{year}-{sequence:06d}"
