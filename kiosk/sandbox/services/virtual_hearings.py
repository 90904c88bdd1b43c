"""Solicitud de Audiencias Virtuales: a request to take part in one hearing of the agenda by
videoconference, answered with a request number (``kiosk.portal.models.virtual_hearings``).

The hearing is read from the Agenda de Audiencias' tables (``services/hearings.py``): a reserved
matter's hearing is not found, as there; a past, cancelled or too near one is refused, naming
``hearing_id``; one person (a DPI) asks once per hearing, and asking again answers the first
request (``already_requested``), never a second one. Every POST takes an Idempotency-Key.
Requests are rate-limited per kiosk, and refusals per DPI from every kiosk together, so the
"already requested" answer cannot be used to walk who asked for what.

The person's data is stored, as the court needs it to admit them and send the link, and never
served: the answer names the hearing, the role and the number.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from fastapi import APIRouter, Request, Response

from kiosk.courts import court as find_court
from kiosk.identity import IdentityError, email_key, validate_dpi, validate_email, validate_name
from kiosk.portal.models import virtual_hearings as api
from kiosk.portal.models.hearings import HearingKind, HearingState
from kiosk.portal.models.virtual_hearings import (
    LAWYER_ROLES,
    MIN_NOTICE_WORKING_DAYS,
    OTHER_ROLES,
    PENAL_ROLES,
    AttendeeRole,
    RequestStatus,
)
from kiosk.sandbox import hearings_calendar as calendar
from kiosk.sandbox import virtual_hearings_seed as seed
from kiosk.sandbox.limits import IdentityLimits
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService
from kiosk.sandbox.services import hearings as agenda_service
from kiosk.sandbox.state import KioskId, State
from kiosk.sandbox.store import GUATEMALA, now

SCHEMA = """
CREATE TABLE IF NOT EXISTS virtual_hearing_requests (
    pk          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE,
    hearing_id  TEXT NOT NULL,  -- hearings.id: the agenda's
    dpi         TEXT NOT NULL,
    role        TEXT NOT NULL,
    colegiado   INTEGER,
    first_names TEXT NOT NULL,
    last_names  TEXT NOT NULL,
    email       TEXT NOT NULL,
    phone       TEXT NOT NULL,
    reason      TEXT NOT NULL,
    status      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    kiosk_id    TEXT  -- NULL: made on the portal's website
);
CREATE UNIQUE INDEX IF NOT EXISTS virtual_hearing_requests_once
    ON virtual_hearing_requests(hearing_id, dpi)
"""

# every query the route runs, each on an index (the tests EXPLAIN them)
SQL_HEARING = (
    "SELECT h.id, h.day, h.minute, h.kind, h.room, h.state, h.court_id, c.number, c.matter, "
    "c.reserved FROM hearings h JOIN hearing_cases c ON c.pk = h.case_pk WHERE h.id = ?"
)
SQL_EXISTING = "SELECT * FROM virtual_hearing_requests WHERE hearing_id = ? AND dpi = ?"
SQL_LAST_NUMBER = "SELECT MAX(number) FROM virtual_hearing_requests WHERE number BETWEEN ? AND ?"
_INSERT = (
    "INSERT INTO virtual_hearing_requests(number, hearing_id, dpi, role, colegiado, first_names, "
    "last_names, email, phone, reason, status, created_at, kiosk_id) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)

router = APIRouter(tags=["audiencias virtuales"])
#: [A] a kiosk sends a request every few minutes; refusals of one DPI are few, from anywhere
_limits = IdentityLimits(per_kiosk=20, failures_per_dpi=5)


class AlreadyRequested(ApiProblem):
    """409: this DPI already asked for this hearing. With the same email the first request
    comes along (``existing``): the visitor gets its number, not a second one."""

    def __init__(self, existing: api.VirtualHearingRequest | None) -> None:
        if existing is not None:
            detail = (
                f"Con este DPI ya se pidió esta audiencia virtual: la solicitud "
                f"{existing.number}. No hace falta pedirla otra vez."
            )
        else:
            detail = (
                "Con este DPI ya se pidió esta audiencia virtual, con otro correo electrónico: "
                "el enlace llegará a ese correo. No hace falta pedirla otra vez; para cambiar el "
                "correo, comuníquese con el juzgado."
            )
        super().__init__(409, "already_requested", detail, field="dpi")
        self.existing = existing

    def body(self) -> dict[str, Any]:
        body = super().body()
        if self.existing is not None:
            body["existing"] = json.loads(self.existing.model_dump_json())
        return body


@router.post("/virtual-hearing-requests", status_code=201, response_model=api.VirtualHearingRequest)
def create_request(
    body: api.VirtualHearingRequestCreate, request: Request, state: State, kiosk: KioskId
) -> Response:
    """A request for one hearing of the agenda: 201 with its number, or the first request of
    this DPI for it (409 ``already_requested``), or why it cannot be asked for."""
    person = _person(body)
    _limits.admit(kiosk, person.dpi)

    def produce(conn: sqlite3.Connection) -> tuple[int, api.VirtualHearingRequest]:
        try:
            return 201, _create(conn, body, person, kiosk)
        except ApiProblem:
            _limits.failed(person.dpi)  # a refusal tells something: counted for the DPI
            raise

    return state.idempotency.run(request, kiosk, body, produce)


@dataclass(frozen=True)
class _Person:
    """The person's data, checked as the kiosk checks it."""

    dpi: str
    first_names: str
    last_names: str
    email: str


def _person(body: api.VirtualHearingRequestCreate) -> _Person:
    try:
        dpi = validate_dpi(body.dpi)
    except IdentityError as exc:
        raise ApiProblem(422, "dpi_invalid", exc.message, field="dpi") from None
    names = []
    for field, label in (("first_names", "Nombres"), ("last_names", "Apellidos")):
        try:
            names.append(validate_name(getattr(body, field), field_label=label))
        except IdentityError as exc:
            raise ApiProblem(422, "name_invalid", exc.message, field=field) from None
    try:
        email = validate_email(body.email)
    except IdentityError as exc:
        raise ApiProblem(422, "email_invalid", exc.message, field="email") from None
    if body.role in LAWYER_ROLES and body.colegiado is None:
        detail = "Un abogado indica su número de colegiado."
        raise ApiProblem(422, "colegiado_required", detail, field="colegiado")
    if body.role not in LAWYER_ROLES and body.colegiado is not None:
        detail = "El número de colegiado es solo para el abogado de una parte."
        raise ApiProblem(422, "colegiado_not_expected", detail, field="colegiado")
    return _Person(dpi, names[0], names[1], email)


def _create(
    conn: sqlite3.Connection, body: api.VirtualHearingRequestCreate, person: _Person, kiosk: str
) -> api.VirtualHearingRequest:
    hearing = conn.execute(SQL_HEARING, (body.hearing_id,)).fetchone()
    if hearing is None or hearing["reserved"]:  # a reserved matter's: as no hearing at all
        detail = "No existe esa audiencia en la agenda."
        raise ApiProblem(404, "hearing_not_found", detail, field="hearing_id")
    if hearing["number"] != body.case_number:
        detail = "Esa audiencia no es del expediente indicado."
        raise ApiProblem(422, "case_mismatch", detail, field="case_number")
    clock = now()
    agenda = calendar.load(conn, clock.date())
    found = conn.execute(SQL_EXISTING, (body.hearing_id, person.dpi)).fetchone()
    if found is not None:  # before any other rule: the visitor learns where theirs is
        same = email_key(found["email"]) == email_key(person.email)
        raise AlreadyRequested(_model(found, hearing, agenda) if same else None)
    roles = PENAL_ROLES if seed.is_penal(hearing["matter"]) else OTHER_ROLES
    if body.role not in roles:
        detail = "Ese papel no corresponde a esta clase de audiencia: elija otro."
        raise ApiProblem(422, "role_invalid", detail, field="role")
    at = _moment(agenda, hearing["day"], hearing["minute"])
    _check_hearing(at, HearingState(hearing["state"]), clock)
    prefix = f"AV-{clock.year}-"
    last = conn.execute(SQL_LAST_NUMBER, (prefix, f"{prefix}999999")).fetchone()[0]
    number = f"{prefix}{int(last[-6:]) + 1 if last else 1:06d}"
    conn.execute(
        _INSERT,
        (
            number, body.hearing_id, person.dpi, body.role, body.colegiado, person.first_names,
            person.last_names, person.email, body.phone, body.reason, RequestStatus.RECIBIDA,
            clock.isoformat(), kiosk,
        ),
    )  # fmt: skip
    created = conn.execute(SQL_EXISTING, (body.hearing_id, person.dpi)).fetchone()
    return _model(created, hearing, agenda)


def _check_hearing(at: datetime, state: HearingState, clock: datetime) -> None:
    if at <= clock:
        detail = "Esa audiencia ya pasó: ya no se puede pedir participar por videoconferencia."
        raise ApiProblem(409, "hearing_past", detail, field="hearing_id")
    if state is HearingState.CANCELADA:
        detail = (
            "Esa audiencia fue cancelada: no se va a realizar. El juzgado avisa la nueva fecha."
        )
        raise ApiProblem(409, "hearing_cancelled", detail, field="hearing_id")
    if not api.early_enough(clock.date(), at.date()):
        last = api.last_day_to_ask(at.date())
        detail = (
            f"La audiencia virtual se pide a más tardar {MIN_NOTICE_WORKING_DAYS} días hábiles "
            f"antes de la audiencia; para esta, el último día fue el {last:%d/%m/%Y}. Preséntese "
            "en el juzgado, o llame para preguntar si puede participar de otra forma."
        )
        raise ApiProblem(409, "hearing_too_soon", detail, field="hearing_id")


def _moment(agenda: calendar.Calendar, day: int, minute: int) -> datetime:
    return datetime.combine(agenda.day(day), time(minute // 60, minute % 60), GUATEMALA)


def _model(
    row: sqlite3.Row, hearing: sqlite3.Row, agenda: calendar.Calendar
) -> api.VirtualHearingRequest:
    at = _moment(agenda, hearing["day"], hearing["minute"])
    return api.VirtualHearingRequest(
        number=row["number"],
        status=RequestStatus(row["status"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        hearing_id=hearing["id"],
        case_number=hearing["number"],
        court_id=hearing["court_id"],
        court_name=find_court(hearing["court_id"]).name,
        hearing_at=at,
        hearing_kind=HearingKind(hearing["kind"]),
        room=hearing["room"],
        role=AttendeeRole(row["role"]),
        link_by=api.link_by(at),
    )


SERVICE = SandboxService(
    name="audiencias-virtuales",
    router=router,
    schema=SCHEMA,
    tables=("virtual_hearing_requests",),
    seed=seed.seed,
    # the demo case lives in the agenda's tables: a new agenda (its version) brings it back
    seed_version=f"1+agenda{agenda_service.SERVICE.seed_version}",
)
