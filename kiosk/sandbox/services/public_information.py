"""Solicitud de Información Pública: requests received, numbered by folio, with their due dates
on working days, and found again by folio.

Seeded at [A] about 5,000 requests over the two years before the anchor, received in every
department (most in Guatemala City), each with its folio (``UIP-YYYY-NNNNNN``, numbered within
its year in the order received), its dates on the working days of the municipality where it was
received (``kiosk.working_days``: weekends, national holidays, Semana Santa from Wednesday, the
feria titular) and the state its age gives it. The requester's name, contact and DPI are kept as
a portal keeps them and never served: a request read by folio shows initials and a masked
contact.

Where a kiosk stands is the portal's to know: ``public_information_kiosk_places`` maps a kiosk id
to its municipality (the demo kiosks in ``DEMO_KIOSK_PLACES``); a kiosk with no row counts as
the Unidad de Información Pública's own place, Guatemala City.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date, datetime, time
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from kiosk.portal.models import public_information as api
from kiosk.portal.models.public_information import (
    DeliveryMethod,
    PublicInformationRequestCreate,
    PublicInformationStatus,
)
from kiosk.sandbox import public_information_data as data
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.people import initials
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.public_information_input import checked, mask_contact
from kiosk.sandbox.public_information_seed import calendar, due_dates, seed_requests
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import GUATEMALA, now
from kiosk.working_days import SEAT, Place, place_label

S = PublicInformationStatus

SCHEMA = """
CREATE TABLE IF NOT EXISTS public_information_requests (
    pk              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    sequence        INTEGER NOT NULL,
    received_at     TEXT NOT NULL,
    department      INTEGER NOT NULL,
    municipality    INTEGER NOT NULL,
    information     TEXT NOT NULL,
    delivery        TEXT NOT NULL,
    name            TEXT NOT NULL,
    email           TEXT,
    phone           TEXT,
    dpi             TEXT,
    status          TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    extended_due_on TEXT NOT NULL,
    answered_on     TEXT,
    kiosk_id        TEXT,
    demo            INTEGER  -- the demo request's sequence: refresh rewrites those rows
);
CREATE UNIQUE INDEX IF NOT EXISTS public_information_folio
    ON public_information_requests(year, sequence);
CREATE INDEX IF NOT EXISTS public_information_demo
    ON public_information_requests(demo) WHERE demo IS NOT NULL;
CREATE TABLE IF NOT EXISTS public_information_kiosk_places (
    kiosk_id     TEXT PRIMARY KEY,
    department   INTEGER NOT NULL,
    municipality INTEGER NOT NULL
) WITHOUT ROWID
"""

# --- demo requests: true at every start -----------------------------------------------------------


def demo_received_on(demo: data.DemoRequest, today: date) -> date:
    """The day a demo request was received: fixed, or some working days before today."""
    if demo.received_on is not None:
        return demo.received_on
    return calendar(demo.place).subtract(today, demo.working_days_ago)


def demo_folio(demo: data.DemoRequest, today: date) -> str:
    return demo.folio(demo_received_on(demo, today))


def refresh_demo(conn: sqlite3.Connection, today: date) -> None:
    """The demo requests, written again: an open one stays open and its due date ahead,
    however old the data folder is; the demo kiosks keep their places."""
    conn.execute("DELETE FROM public_information_requests WHERE demo IS NOT NULL")
    for demo in data.DEMO_REQUESTS:
        received = demo_received_on(demo, today)
        due, extended = due_dates(received, demo.place)
        at = datetime.combine(received, time(10, 5), GUATEMALA)
        conn.execute(
            "INSERT INTO public_information_requests(year, sequence, received_at, department, "
            "municipality, information, delivery, name, email, phone, dpi, status, due_on, "
            "extended_due_on, answered_on, kiosk_id, demo) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,NULL,?,?,?,?,NULL,?)",
            (
                received.year, demo.sequence, at.isoformat(), *demo.place, demo.information,
                demo.delivery.value, demo.name, demo.email, demo.phone, demo.status.value,
                due.isoformat(), extended.isoformat(),
                demo.answered_on.isoformat() if demo.answered_on else None, demo.sequence,
            ),
        )  # fmt: skip
    conn.executemany(
        "INSERT INTO public_information_kiosk_places(kiosk_id, department, municipality) "
        "VALUES (?, ?, ?) ON CONFLICT(kiosk_id) DO UPDATE SET "
        "department = excluded.department, municipality = excluded.municipality",
        [(kiosk, *where) for kiosk, where in data.DEMO_KIOSK_PLACES.items()],
    )


# --- routes ---------------------------------------------------------------------------------------

router = APIRouter(tags=["información pública"])
#: a kiosk serves a visitor every few minutes: many more requests is someone flooding the Unidad
_submissions = RateLimiter(20, 600.0)
_contacts = RateLimiter(
    20,
    3600.0,
    detail="Ya se enviaron muchas solicitudes con ese correo o teléfono. Espere {wait} e "
    "intente de nuevo.",
)
#: folios are numbered in order: reading them one after another is not a visitor's use
_lookups = RateLimiter(30, 60.0)
_FOLIO = re.compile(api.FOLIO_PATTERN)
FOLIO_EXAMPLE = "UIP-2026-004812"


@router.post(
    "/public-information-requests",
    status_code=201,
    response_model=api.PublicInformationRequest,
)
def create_public_information_request(
    body: PublicInformationRequestCreate, request: Request, state: State, kiosk: KioskId
) -> Response:
    """A new request, received now; its dates counted on the working days of the kiosk's
    municipality. The same Idempotency-Key gives the same folio, and never a second request."""
    given = checked(body)

    def produce(conn: sqlite3.Connection) -> tuple[int, api.PublicInformationRequest]:
        _submissions.check(kiosk)
        _contacts.check(given.contact_key)
        where = kiosk_place(conn, kiosk)
        at = now()
        year = at.year
        last = conn.execute(
            "SELECT max(sequence) FROM public_information_requests WHERE year = ? AND sequence < ?",
            (year, data.DEMO_SEQUENCE_START),
        ).fetchone()[0]
        sequence = (last or 0) + 1
        due, extended = due_dates(at.date(), where)
        conn.execute(
            "INSERT INTO public_information_requests(year, sequence, received_at, department, "
            "municipality, information, delivery, name, email, phone, dpi, status, due_on, "
            "extended_due_on, answered_on, kiosk_id, demo) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,?,NULL)",
            (
                year, sequence, at.isoformat(), *where, given.information, given.delivery.value,
                given.name, given.email, given.phone, given.dpi,
                S.RECEIVED.value, due.isoformat(), extended.isoformat(), kiosk,
            ),
        )  # fmt: skip
        return 201, _read(conn, year, sequence)

    return state.idempotency.run(request, kiosk, body, produce)


@router.get("/public-information-requests/{folio}", response_model=api.PublicInformationRequest)
def get_public_information_request(
    folio: Annotated[str, Path(max_length=40, description="UIP-YYYY-NNNNNN")],
    state: State,
    kiosk: KioskId,
) -> api.PublicInformationRequest:
    """A request by its folio, from any kiosk: what the receipt says, with the requester by
    initials and the contact masked."""
    _lookups.check(kiosk)
    if not _FOLIO.match(folio):
        raise ApiProblem(
            422,
            "folio_invalid",
            f"El folio se escribe así: {FOLIO_EXAMPLE}.",
            field="folio",
        )
    year, sequence = int(folio[4:8]), int(folio[9:])
    return _read(state.db.connection(), year, sequence)


def kiosk_place(conn: sqlite3.Connection, kiosk: str) -> Place:
    row = conn.execute(
        "SELECT department, municipality FROM public_information_kiosk_places WHERE kiosk_id = ?",
        (kiosk,),
    ).fetchone()
    return (int(row[0]), int(row[1])) if row is not None else SEAT


def _read(conn: sqlite3.Connection, year: int, sequence: int) -> api.PublicInformationRequest:
    row = conn.execute(
        "SELECT received_at, department, municipality, information, delivery, name, email, "
        "phone, status, due_on, extended_due_on, answered_on "
        "FROM public_information_requests WHERE year = ? AND sequence = ?",
        (year, sequence),
    ).fetchone()
    if row is None:
        detail = f"No hay una solicitud con el folio {data.folio(year, sequence)}."
        raise ApiProblem(404, "request_not_found", detail, field="folio")
    received_at, dept, muni, information, delivery, name, email, phone = row[:8]
    status, due_on, extended_due_on, answered_on = row[8:]
    # the name and the contact are read only to be cut here: they never leave this function
    return api.PublicInformationRequest(
        folio=data.folio(year, sequence),
        status=PublicInformationStatus(status),
        received_at=datetime.fromisoformat(received_at),
        due_on=date.fromisoformat(due_on),
        extended_due_on=date.fromisoformat(extended_due_on),
        calendar_place=place_label((dept, muni)),
        information=information,
        delivery=DeliveryMethod(delivery),
        requester_initials=initials(name),
        contact=mask_contact(email, phone),
        answered_on=date.fromisoformat(answered_on) if answered_on else None,
    )


SERVICE = SandboxService(
    name="informacion-publica",
    router=router,
    schema=SCHEMA,
    tables=("public_information_requests", "public_information_kiosk_places"),
    seed=seed_requests,
    seed_version="1",
    refresh=refresh_demo,
)
