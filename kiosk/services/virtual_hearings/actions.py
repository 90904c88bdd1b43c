"""Audiencias Virtuales' portal calls: the case's coming hearings (the agenda's search), the
hearing chosen (read again and checked, so a cancelled or too near one is said before the
visitor types anything personal), and the request, sent once with the step's Idempotency-Key.

A second request of the same DPI for the same hearing is answered by the portal with the first
one (409 ``already_requested``): with the same email the visitor gets its number and receipt, as
if just made; otherwise the portal's refusal says where the link goes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from kiosk import formats
from kiosk.courts import court as find_court
from kiosk.flows.model import Answers
from kiosk.flows.records import ResultRow, ResultsPage
from kiosk.identity import normalize_digits
from kiosk.portal.errors import PortalRejected
from kiosk.portal.models.common import Problem
from kiosk.portal.models.hearings import (
    HEARING,
    SEARCH_HEARINGS,
    SEARCH_LIMIT_MAX,
    HearingDetail,
    HearingState,
    HearingSummary,
    PartyRole,
)
from kiosk.portal.models.virtual_hearings import (
    CREATE_VIRTUAL_HEARING_REQUEST,
    Reason,
    VirtualHearingRequest,
    VirtualHearingRequestCreate,
)
from kiosk.services.base import ActionContext, AnswerRejected
from kiosk.services.hearings.words import KINDS, STATES, spoken_day
from kiosk.services.virtual_hearings.questions import (
    PENAL_ROLE,
    ROLE,
    phone_number,
    role_of,
    searched_number,
)
from kiosk.services.virtual_hearings.words import availability, refusal
from kiosk.text import Shown, Text

#: the steps whose results the later ones read
SEARCH, CHECK, SUBMIT = "search", "check_hearing", "submit"
#: the answer a chosen hearing gives (its id)
HEARING_FIELD = "hearing"
_PENAL_PARTIES = frozenset({PartyRole.SINDICADO, PartyRole.AGRAVIADO})
#: the request's fields the visitor answers under the same name
FLOW_FIELDS = frozenset(
    {"dpi", "first_names", "last_names", "email", "phone", "colegiado", "reason"}
)
_HEARING_REFUSALS = frozenset({"hearing_past", "hearing_cancelled", "hearing_too_soon"})


@dataclass(frozen=True)
class ReservedCase:
    """A reserved matter's case: the kiosk may say its number and court, nothing else."""

    number: str


@dataclass(frozen=True)
class ExistingRequest:
    """This person had already asked for this hearing: the portal's first request."""

    request: VirtualHearingRequest


def hearing_of(answers: Answers) -> HearingDetail:
    found = answers.get(CHECK)
    if not isinstance(found, HearingDetail):
        raise TypeError(f"{CHECK} gives a HearingDetail")
    return found


def request_of(sources: Answers) -> VirtualHearingRequest:
    """The request made (or found already made)."""
    found = sources.get(SUBMIT)
    if isinstance(found, ExistingRequest):
        return found.request
    if not isinstance(found, VirtualHearingRequest):
        raise LookupError("no virtual hearing request among the flow's results")
    return found


def is_penal(hearing: HearingDetail) -> bool:
    return any(party.role in _PENAL_PARTIES for party in hearing.parties)


# --- the case's coming hearings -------------------------------------------------------------------


async def search(context: ActionContext, answers: Answers, key: str) -> object:
    number = str(searched_number(answers))
    query: dict[str, str | int | None] = {"case": number, "limit": SEARCH_LIMIT_MAX}
    try:
        page = await context.client.call(SEARCH_HEARINGS, query=query)
    except PortalRejected as error:
        if not error.code.startswith("case_number"):
            raise
        field = "number" if "number" in answers else "sequence"
        detail = Text("El portal no reconoce el número {number}: revíselo.", number=number)
        raise AnswerRejected.of(error, field, detail) from None
    if page.reserved_case is not None:
        return ReservedCase(number)
    clock = formats.now()
    coming = [item for item in page.items if item.at > clock]  # a past one is not asked for
    courts = {item.court_name for item in coming}
    searched: Shown = Text("Número buscado: {number}", number=number)
    if len(courts) == 1:  # said once above the rows, not in each of them
        searched = Text("Número buscado: {number} · {court}", number=number, court=courts.pop())
    rows = tuple(_row(item, clock, with_court=len(courts) > 1) for item in coming)
    return ResultsPage(rows, len(rows), None, searched)


def _row(item: HearingSummary, clock: datetime, *, with_court: bool) -> ResultRow:
    title = Text(
        "{day}, {time} · {kind}",
        day=spoken_day(item.at),
        time=formats.clock(item.at),
        kind=Text(KINDS[item.kind][0]),
    )
    where: Shown = item.room
    if with_court:
        where = Text("{court} · {room}", court=item.court_name, room=item.room)
    return ResultRow(
        item.id,
        title,
        (
            where,
            Text("Estado: {state}", state=Text(STATES[item.state][0])),
            availability(item.at, item.state, clock),
        ),
    )


# --- the hearing chosen ---------------------------------------------------------------------------


async def check_hearing(context: ActionContext, answers: Answers, key: str) -> object:
    """The hearing as the agenda says now; why it cannot be asked for, before anything else."""
    hearing = await context.client.call(HEARING, path={"hearing_id": str(answers[HEARING_FIELD])})
    why = refusal(hearing.at, hearing.state, formats.now())
    if why is not None:
        detail = str(why)
        problem = Problem(
            title=detail, status=409, code="hearing_unavailable", detail=detail, field="hearing"
        )
        raise AnswerRejected(problem, why)
    return hearing


# --- the request ----------------------------------------------------------------------------------


def request_body(answers: Answers) -> VirtualHearingRequestCreate:
    hearing = hearing_of(answers)
    colegiado = answers.get("colegiado")
    return VirtualHearingRequestCreate(
        hearing_id=hearing.id,
        case_number=hearing.case_number,
        role=role_of(answers),
        colegiado=colegiado if isinstance(colegiado, int) else None,
        first_names=str(answers["first_names"]),
        last_names=str(answers["last_names"]),
        dpi=normalize_digits(str(answers["dpi"])),
        email=str(answers["email"]),
        phone=phone_number(str(answers["phone"])),
        reason=Reason(str(answers["reason"])),
        consent=True,
    )


async def submit(context: ActionContext, answers: Answers, key: str) -> object:
    """The request, once; the first one when this person had already asked for the hearing
    (a result, not an error: the visitor leaves with its number)."""
    try:
        return await context.client.call(
            CREATE_VIRTUAL_HEARING_REQUEST, body=request_body(answers), idempotency_key=key
        )
    except PortalRejected as error:
        existing = _existing(error)
        if existing is not None:
            return ExistingRequest(existing)
        raise _refused(error, answers) from None


def _existing(error: PortalRejected) -> VirtualHearingRequest | None:
    """The first request a 409 ``already_requested`` carries (with the same email), if any."""
    found = (error.problem.model_extra or {}).get("existing")
    if error.code != "already_requested" or found is None:
        return None
    try:
        return VirtualHearingRequest.model_validate(found)
    except ValidationError:  # a gateway's garbled extension: the refusal's words instead
        return None


def _refused(error: PortalRejected, answers: Answers) -> PortalRejected:
    """What the kiosk says of a refusal, on the answer that can fix it."""
    if error.code == "already_requested":
        detail = Text(
            "Con este DPI ya se pidió esta audiencia virtual, con otro correo electrónico: el "
            "enlace llegará a ese correo. No hace falta pedirla otra vez; para cambiar el correo, "
            "comuníquese con el juzgado."
        )
        return AnswerRejected.of(error, "dpi", detail)
    if error.code in _HEARING_REFUSALS:
        hearing = hearing_of(answers)
        state = HearingState.CANCELADA if error.code == "hearing_cancelled" else hearing.state
        why = refusal(hearing.at, state, formats.now())
        return AnswerRejected.of(error, HEARING_FIELD, why) if why else error
    if error.code == "role_invalid":
        return AnswerRejected.of(error, PENAL_ROLE if PENAL_ROLE in answers else ROLE)
    if error.field in FLOW_FIELDS:
        return AnswerRejected.of(error, error.field)
    return error


def court_name(number: str) -> str:
    """The court a case number names (its first five digits), as the courts' list calls it."""
    try:
        return find_court(number[:5]).name
    except KeyError:
        return ""


ACTIONS = {SEARCH: search, CHECK: check_hearing, SUBMIT: submit}
