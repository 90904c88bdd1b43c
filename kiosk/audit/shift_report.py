"""A clerk's shift (or a whole day) in numbers, from the local audit log: what «Cierre del día»
shows and prints, and what ``kiosk audit report`` writes. Qt-free.

Which entries count: for the desk, the signed-in clerk's entries since their last ``sign_in``
(up to the ``sign_out`` that ends it, if any); for the technician's command, every entry of one
day on Guatemala's clock, whoever made it. The log holds codes and kinds only (never a visitor's
name, DPI or email), so the summary does too: service ids, document kinds and codes, verdicts,
reason and failure codes, and the clerk's user id.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from kiosk.audit.log import AuditEntry, AuditLog
from kiosk.formats import local
from kiosk.portal.models.audit import AuditKind
from kiosk.text import Text

__all__ = [
    "ROLE_WORDS",
    "SIGN_OUT_WORDS",
    "ShiftSummary",
    "StaffSpan",
    "Tally",
    "day_entries",
    "document_label",
    "read_entries",
    "report_file_name",
    "service_label",
    "shift_entries",
    "summarize",
    "verdict_label",
]

K = TypeVar("K", str, tuple[str, str])
PAGE = 1000  # entries read from the log at a time

#: the clerk's role, as the desk bar says it (Spanish source)
ROLE_WORDS: dict[str, Text] = {
    "clerk": Text("Auxiliar de ventanilla"),
    "supervisor": Text("Supervisor"),
}
#: why a session ended (the sign_out entry's reason), in words
SIGN_OUT_WORDS: dict[str, Text] = {
    "sign_out": Text("cerró su sesión"),
    "idle": Text("por inactividad"),
    "shift_end": Text("fin del turno"),
    "expired": Text("el portal cerró la sesión"),
}
#: a verification's verdict (kiosk.seals.reasons.Verdict values), in the receipt's words
VERDICT_WORDS: dict[str, Text] = {
    "VALID": Text("Válido"),
    "VALID_OFFLINE": Text("Válido (sin conexión)"),
    "EXPIRED": Text("Vencido"),
    "REVOKED": Text("Revocado"),
    "INVALID": Text("No válido"),
    "NOT_OJ": Text("No es del OJ"),
    "CANNOT_VERIFY": Text("No se pudo verificar"),
}
#: a failure outside any service (the desk itself)
DESK = "ventanilla"


@dataclass(frozen=True)
class Tally:
    """How many times one thing happened. ``code`` is what the log says (a service id, a document
    kind, a verdict, a failure code); ``label`` its Spanish words ("" when there are none)."""

    code: str
    label: str
    count: int
    detail: str = ""  # reprints: the reason code; failures: the services it happened in
    codes: tuple[str, ...] = ()  # reprints: the documents' verification codes


@dataclass(frozen=True)
class StaffSpan:
    """One clerk's session: from a sign_in to its sign_out (None: still open)."""

    user: str
    role: str
    signed_in: datetime
    signed_out: datetime | None = None
    reason: str = ""  # the sign_out's reason code


@dataclass(frozen=True)
class ShiftSummary:
    kiosk_id: str
    made_at: datetime  # aware: when the summary was made
    sessions: tuple[StaffSpan, ...]
    services: tuple[Tally, ...]
    printed: tuple[Tally, ...]
    reprinted: tuple[Tally, ...]
    verdicts: tuple[Tally, ...]
    failures: tuple[Tally, ...]
    entries: int  # audit entries the summary counts
    day: date | None = None  # a whole day (the command); None: one clerk's shift
    courthouse: str = ""
    courthouse_name: str = ""
    display_name: str = ""  # the clerk's name, when the desk knows it

    @property
    def users(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(span.user for span in self.sessions))

    @property
    def empty(self) -> bool:
        """Nothing was done: no service, document, verification or failure."""
        return not any(self.totals().values())

    def totals(self) -> dict[str, int]:
        return {
            "services": _sum(self.services),
            "printed": _sum(self.printed),
            "reprinted": _sum(self.reprinted),
            "verdicts": _sum(self.verdicts),
            "failures": _sum(self.failures),
        }


def _sum(tallies: Iterable[Tally]) -> int:
    return sum(tally.count for tally in tallies)


# --- words for codes ---------------------------------------------------------------------------


def service_label(service_id: str) -> str:
    """The service's title (Spanish source), or the catalogue's name of one not built here."""
    from kiosk.portal.catalog import SERVICES as CATALOGUE
    from kiosk.services.registry import SERVICES

    if service_id in SERVICES:
        return SERVICES[service_id].title
    if service_id == DESK:
        return "Ventanilla (fuera de un servicio)"
    return next((info.name for info in CATALOGUE if info.id == service_id), "")


def document_label(kind: str) -> str:
    """A document kind in words: a sealed document's type (CAP), or the title of the service
    that prints that printout."""
    from kiosk.seals.model import DOCUMENT_TYPE_LABELS, DocumentType
    from kiosk.services.registry import SERVICES

    if kind in DocumentType.__members__:
        return DOCUMENT_TYPE_LABELS[DocumentType(kind)]
    for service in SERVICES.values():
        if any(printout.kind == kind for printout in service.printouts):
            return service.title
    return ""


def verdict_label(verdict: str) -> str:
    return str(VERDICT_WORDS.get(verdict, ""))


# --- which entries ------------------------------------------------------------------------------


def read_entries(path: Path) -> list[AuditEntry]:
    """Every entry of the log at ``path``, oldest first. FileNotFoundError when there is no
    file (none is created). Opens its own connection: call it from any one thread."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(path)
    found: list[AuditEntry] = []
    with AuditLog(path) as log:
        while batch := log.entries(after=found[-1].seq if found else 0, limit=PAGE):
            found.extend(batch)
    return found


def shift_entries(entries: Sequence[AuditEntry], user: str) -> list[AuditEntry]:
    """``user``'s entries from their last sign_in to its sign_out (or to the end)."""
    starts = [
        index
        for index, entry in enumerate(entries)
        if entry.kind is AuditKind.SIGN_IN and entry.fields.get("staff_user") == user
    ]
    if not starts:
        return []
    shift: list[AuditEntry] = []
    for entry in entries[starts[-1] :]:
        if entry.fields.get("staff_user") != user:
            continue
        shift.append(entry)
        if entry.kind is AuditKind.SIGN_OUT:
            break
    return shift


def day_entries(entries: Iterable[AuditEntry], day: date) -> list[AuditEntry]:
    """Every entry made on ``day``, Guatemala time."""
    return [entry for entry in entries if local(entry.at).date() == day]


# --- counting -----------------------------------------------------------------------------------


def summarize(
    entries: Sequence[AuditEntry],
    *,
    kiosk_id: str,
    made_at: datetime,
    day: date | None = None,
    courthouse: str = "",
    courthouse_name: str = "",
    display_name: str = "",
) -> ShiftSummary:
    services: Counter[str] = Counter()
    printed: Counter[str] = Counter()
    verdicts: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    failure_services: dict[str, set[str]] = defaultdict(set)
    reprints: Counter[tuple[str, str]] = Counter()
    reprint_codes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entry in entries:
        fields = entry.fields
        if entry.kind is AuditKind.SERVICE:
            services[fields["service"]] += 1
        elif entry.kind is AuditKind.PRINTED:
            printed[fields["document_kind"]] += 1
        elif entry.kind is AuditKind.REPRINTED:
            code = fields["document_code"]
            key = (fields.get("document_kind") or code.split("-")[0], fields["reason"])
            reprints[key] += 1
            if code not in reprint_codes[key]:
                reprint_codes[key].append(code)
        elif entry.kind is AuditKind.VERDICT:
            verdicts[fields["verdict"]] += 1
        elif entry.kind is AuditKind.FAILURE:
            failures[fields["code"]] += 1
            failure_services[fields["code"]].add(fields.get("service", DESK))
    return ShiftSummary(
        kiosk_id=kiosk_id,
        made_at=made_at,
        sessions=_sessions(entries),
        services=_tallies(services, service_label),
        printed=_tallies(printed, document_label),
        reprinted=tuple(
            Tally(kind, document_label(kind), count, reason, tuple(reprint_codes[kind, reason]))
            for (kind, reason), count in _ordered(reprints)
        ),
        verdicts=_tallies(verdicts, verdict_label),
        failures=tuple(
            Tally(code, "", count, ", ".join(sorted(failure_services[code])))
            for code, count in _ordered(failures)
        ),
        entries=len(entries),
        day=day,
        courthouse=courthouse,
        courthouse_name=courthouse_name,
        display_name=display_name,
    )


def _ordered(counts: Counter[K]) -> list[tuple[K, int]]:
    """Most frequent first; equal counts by code, so the same log gives the same report."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _tallies(counts: Counter[str], words: Callable[[str], str]) -> tuple[Tally, ...]:
    return tuple(Tally(code, words(code), count) for code, count in _ordered(counts))


def _sessions(entries: Iterable[AuditEntry]) -> tuple[StaffSpan, ...]:
    spans: list[StaffSpan] = []
    open_spans: dict[str, int] = {}  # user -> index in spans of their open session
    for entry in entries:
        user = entry.fields.get("staff_user", "")
        if entry.kind is AuditKind.SIGN_IN:
            open_spans[user] = len(spans)
            spans.append(StaffSpan(user, entry.fields.get("role", ""), entry.at))
        elif entry.kind is AuditKind.SIGN_OUT and user in open_spans:
            index = open_spans.pop(user)
            span = spans[index]
            spans[index] = StaffSpan(
                span.user, span.role, span.signed_in, entry.at, entry.fields.get("reason", "")
            )
    return tuple(spans)


def report_file_name(summary: ShiftSummary) -> str:
    """informe-ventanilla-<kiosk>-<YYYY-MM-DD>-<user>.pdf (the day on Guatemala's clock; «dia»
    for a whole day's report of several clerks)."""
    day = summary.day or local(summary.made_at).date()
    users = summary.users
    who = users[0] if len(users) == 1 else "dia"
    return f"informe-ventanilla-{summary.kiosk_id}-{day.isoformat()}-{who}.pdf"
