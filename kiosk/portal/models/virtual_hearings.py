"""Solicitud de Audiencias Virtuales: a request to take part in a coming hearing by
videoconference.

[F] All parties must consent to a virtual hearing, and cases with detainees come first. [A] The
rest: the request names one hearing of the case's agenda (``kiosk.portal.models.hearings``), the
role the person has in it, who they are (names and DPI, checked against the DPI by the court
when they connect) and how to reach them (email, where the link goes; a phone, for the court),
the reason, and the consent to the terms (the hearing is recorded; the court decides). It is
answered with a request number; the court decides and sends the link by email before the
hearing (``link_by``).

The rules both sides apply, kept here once: a hearing is requested at the latest
``MIN_NOTICE_WORKING_DAYS`` working days before its day (Monday to Friday, as the agenda counts
them; [A] holidays are not kept out), a past or cancelled hearing is not requested, and one
person (a DPI) asks once per hearing: a second request answers 409 ``already_requested`` with
the first one (``existing``, a ``VirtualHearingRequest``) when it carries the same email, and
without it otherwise. Reserved matters (family, children, sexual crimes) are never requested at
the kiosk: their hearings' ids are never given, and one sent reads as not found.

Nothing personal comes back: the answer names the hearing, the role and the number.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field, WithJsonSchema

from kiosk.portal.endpoint import Endpoint
from kiosk.portal.models.common import ApiModel, Dpi, Email
from kiosk.portal.models.hearings import CourtId, HearingId, HearingKind, SgtNumber
from kiosk.portal.models.strict import DIGITS, AlwaysTrue, ByValue, Integer, IsoDateTime

#: [A] the court needs two working days to ask the other parties, decide and send the link
MIN_NOTICE_WORKING_DAYS = 2
#: [A] the link (or the court's refusal) is sent by this hour of the working day before
LINK_HOUR = 17

RequestNumber = Annotated[
    str,
    Field(
        pattern=rf"^AV-{DIGITS}{{4}}-{DIGITS}{{6}}$",
        description="AV-YYYY-NNNNNN: Audiencia Virtual, the year, a sequence",
        examples=["AV-2026-000123"],
    ),
]
#: a Guatemalan number (8 digits, 2 to 7 first) or an international one with its code
Phone = Annotated[
    str,
    Field(
        pattern=rf"^([2-7]{DIGITS}{{7}}|\+[1-9]{DIGITS}{{6,14}})$",
        description="8 digits (Guatemala), or + and the country code",
        examples=["55551234", "+12135550100"],
    ),
]
Name = Annotated[str, Field(min_length=1, max_length=60, description="as on the DPI")]
#: the número de colegiado of the Colegio de Abogados y Notarios (the bounds written out: in a
#: union pydantic would write them as ``ge``/``le``, which JSON Schema does not know)
Colegiado = Annotated[
    Integer,
    Field(ge=1, le=99999),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 99999}),
]


class AttendeeRole(StrEnum):
    """Who the person is in the hearing. Penal hearings have their own parties (CPP); the
    witness, the expert and the interpreter take part in any hearing."""

    PARTE_ACTORA = "parte_actora"  # civil, labour: who sued
    PARTE_DEMANDADA = "parte_demandada"  # civil, labour: who was sued
    SINDICADO = "sindicado"  # penal: the accused
    AGRAVIADO = "agraviado"  # penal: the victim
    QUERELLANTE = "querellante_adhesivo"  # penal: who joined the MP's accusation
    DEFENSA = "defensa_tecnica"  # penal: the accused's lawyer
    ABOGADO = "abogado"  # a party's lawyer (the victim's, in a penal case)
    FISCAL = "fiscal"  # penal: the Ministerio Público
    TESTIGO = "testigo"
    PERITO = "perito"
    INTERPRETE = "interprete"  # a Maya, Garífuna, Xinka or sign language, or a foreign one


_ANY = (AttendeeRole.TESTIGO, AttendeeRole.PERITO, AttendeeRole.INTERPRETE)
PENAL_ROLES: tuple[AttendeeRole, ...] = (
    AttendeeRole.SINDICADO,
    AttendeeRole.DEFENSA,
    AttendeeRole.AGRAVIADO,
    AttendeeRole.QUERELLANTE,
    AttendeeRole.ABOGADO,
    AttendeeRole.FISCAL,
    *_ANY,
)
OTHER_ROLES: tuple[AttendeeRole, ...] = (
    AttendeeRole.PARTE_ACTORA,
    AttendeeRole.PARTE_DEMANDADA,
    AttendeeRole.ABOGADO,
    *_ANY,
)
#: they give their número de colegiado: the court also sends the link to their Casillero
LAWYER_ROLES = frozenset({AttendeeRole.DEFENSA, AttendeeRole.ABOGADO})


class Reason(StrEnum):
    DISTANCIA = "distancia"  # lives or works far from the court
    FUERA_DEL_PAIS = "fuera_del_pais"
    SALUD = "salud"  # health, disability or age
    SEGURIDAD = "seguridad"  # a victim or witness who must not meet the other side
    OTRA = "otra"


class RequestStatus(StrEnum):
    RECIBIDA = "recibida"  # the court has not decided yet
    APROBADA = "aprobada"  # the link was sent
    DENEGADA = "denegada"  # the person attends in person


class VirtualHearingRequestCreate(ApiModel):
    hearing_id: HearingId = Field(description="a hearing of the case's agenda (GET /hearings)")
    case_number: SgtNumber = Field(description="the hearing's case, as the agenda gives it")
    role: ByValue[AttendeeRole]
    colegiado: Colegiado | None = Field(
        default=None,
        description="the lawyer's número de colegiado: required for defensa_tecnica and "
        "abogado, refused for the other roles",
    )
    first_names: Name
    last_names: Name
    dpi: Dpi
    email: Email = Field(description="where the link is sent")
    phone: Phone
    reason: ByValue[Reason]
    consent: AlwaysTrue = Field(
        description="the terms accepted: the hearing is recorded, every party must agree and "
        "the court decides"
    )


class VirtualHearingRequest(ApiModel):
    """A request as the portal holds it, without the person's data."""

    # its types are the strict ones: a row's values are handed over as Python objects
    model_config = ConfigDict(strict=False)

    number: RequestNumber
    status: ByValue[RequestStatus]
    created_at: IsoDateTime
    hearing_id: HearingId
    case_number: SgtNumber
    court_id: CourtId
    court_name: str
    hearing_at: IsoDateTime = Field(description="when the hearing starts, with offset (-06:00)")
    hearing_kind: ByValue[HearingKind]
    room: str = Field(max_length=120)
    role: ByValue[AttendeeRole]
    link_by: IsoDateTime = Field(
        description="the court sends the link, or its refusal, by email by then: "
        "LINK_HOUR on the working day before the hearing"
    )


#: POST: 201 a new request; 409 ``already_requested`` (``existing``: the first one, when the
#: email is the same), ``hearing_past``, ``hearing_too_soon``, ``hearing_cancelled``; 404
#: ``hearing_not_found``; 422 on a field (``role_invalid``, ``colegiado_required``, ...)
CREATE_VIRTUAL_HEARING_REQUEST = Endpoint(
    "POST", "/virtual-hearing-requests", VirtualHearingRequest
)


# --- the rules both sides apply ---------------------------------------------------------------


def _next_working_day(day: date) -> date:
    return day + timedelta(days=7 - day.weekday()) if day.weekday() > 4 else day


def working_days_until(today: date, day: date) -> int:
    """The working days after ``today`` up to ``day`` included (a request on a Saturday is
    received on Monday): Monday to Wednesday is 2."""
    start = _next_working_day(today)
    if day <= start:
        return 0
    weeks, rest = divmod((day - start).days, 7)
    extra = sum(1 for n in range(1, rest + 1) if (start + timedelta(days=n)).weekday() < 5)
    return weeks * 5 + extra


def previous_working_day(day: date, count: int = 1) -> date:
    """The working day ``count`` working days before ``day``."""
    while count:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def early_enough(today: date, hearing_day: date) -> bool:
    return working_days_until(today, hearing_day) >= MIN_NOTICE_WORKING_DAYS


def last_day_to_ask(hearing_day: date) -> date:
    """The last working day a request for a hearing on ``hearing_day`` is taken."""
    return previous_working_day(hearing_day, MIN_NOTICE_WORKING_DAYS)


def link_by(hearing_at: datetime) -> datetime:
    """When the link (or the refusal) is sent at the latest: ``LINK_HOUR`` on the working day
    before the hearing, on the hearing's clock."""
    day = previous_working_day(hearing_at.date())
    return datetime.combine(day, time(LINK_HOUR), hearing_at.tzinfo)
