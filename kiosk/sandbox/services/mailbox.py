"""Casillero Electrónico: the notifications the courts deposit in the electronic box of a person
with a portal account, read only with that account's session.

A box belongs to a person (a DPI of the civil registry): an account made for that DPI reads it.
Seeded at volume ([A] about 800 boxes, some of busy law offices, about 30,000 notifications over
the last two years) from the non-criminal courts of all 22 departments (``mailbox_data``), with
the demo account's box (``DEMO_NOTIFICATIONS``) written again at every start, dated relative to
that day, its unread ones unread again. Parties are stored and served by their initials only.
"""

from __future__ import annotations

import random
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from kiosk import formats
from kiosk.courts import CourtKind, Matter
from kiosk.courts import court as find_court
from kiosk.geography import DEPARTMENTS
from kiosk.portal.models import mailbox as api
from kiosk.sandbox import mailbox_data as data
from kiosk.sandbox.bulk import insert_rows
from kiosk.sandbox.demo import DEMO_ACCOUNT, DEMO_PERSONS
from kiosk.sandbox.limits import RateLimiter
from kiosk.sandbox.mailbox_data import Copies
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, People, Weighted, initials
from kiosk.sandbox.problems import ApiProblem
from kiosk.sandbox.services import SandboxService, volume
from kiosk.sandbox.services import labor_cases as labor
from kiosk.sandbox.state import KioskId, State, visitor_account
from kiosk.sandbox.store import GUATEMALA, now

# --- demo data: the demo account's box, written again at every start ---------------------------


@dataclass(frozen=True)
class DemoNotification:
    id: str
    shows: str  # what it demonstrates (README)
    days_ago: int  # deposited this many days before the sandbox's start
    at: str  # "HH:MM", deposited
    court: str  # DDCCC
    case_number: str
    proceeding: str  # one of mailbox_data.PROCEEDINGS
    template: str  # a key of mailbox_data.TEMPLATES
    actor: str  # full names, cut to initials when written
    defendant: str
    copies: Copies = Copies.NONE
    pages: int = 0
    read: bool = False
    #: (days after the start, "HH:MM"): the hearing it sets
    hearing: tuple[int, str] | None = None


def _labor_hearing() -> tuple[int, str]:
    """The hearing of the labour demo case, as its own service keeps it (the same day here)."""
    demo = next(d for d in labor.DEMO_CASES if d.number == labor.DEMO_HEARING_NUMBER)
    assert demo.hearing is not None
    days, slot, _kind, _room = demo.hearing
    return days, slot


_ME = f"{DEMO_ACCOUNT.first_names} {DEMO_ACCOUNT.last_names}"

#: Unread: a new lawsuit against the demo account's person, whose copies wait at the court.
DEMO_COPIES_ID = "nt_00de000000000001"
#: Unread: the labour court set the hearing of the labour demo case (Expedientes Laborales).
DEMO_HEARING_ID = "nt_00de000000000002"
#: Unread: a ruling, with its electronic copy at the portal.
DEMO_RULING_ID = "nt_00de000000000003"
#: The demo box: 12 notifications (a second page), 3 of them unread.
DEMO_NOTIFICATIONS: tuple[DemoNotification, ...] = (
    DemoNotification(
        DEMO_COPIES_ID, "nueva, con copias que debe recoger en el juzgado (art. 10)",
        1, "10:42", "01023", "01023-2026-00412", "Juicio ordinario civil", "tramite",
        "Inmobiliaria Los Pinos, Sociedad Anónima", _ME, Copies.DEMAND, 24,
    ),
    DemoNotification(
        DEMO_HEARING_ID, "nueva: audiencia señalada en el expediente laboral de demostración",
        2, "09:05", labor.DEMO_HEARING_COURT, labor.DEMO_HEARING_NUMBER,
        "Juicio ordinario laboral", "audiencia", _ME, "Textiles del Sur, Sociedad Anónima",
        hearing=_labor_hearing(),
    ),
    DemoNotification(
        DEMO_RULING_ID, "nueva: una sentencia, con su copia electrónica",
        3, "11:30", "01024", "01024-2024-01877", "Juicio sumario", "con_lugar",
        _ME, "Arrendadora El Roble, Sociedad Anónima", Copies.RULING, 9,
    ),
    DemoNotification(
        "nt_00de000000000004", "leída", 6, "08:50", "01023", "01023-2026-00412",
        "Juicio ordinario civil", "medida", "Inmobiliaria Los Pinos, Sociedad Anónima", _ME,
        Copies.ORDER, 2, read=True,
    ),
    DemoNotification(
        "nt_00de000000000005", "leída", 9, "14:10", "01024", "01024-2024-01877",
        "Juicio sumario", "prueba", _ME, "Arrendadora El Roble, Sociedad Anónima", read=True,
    ),
    DemoNotification(
        "nt_00de000000000006", "leída, con copias (art. 10)", 14, "10:00", "09006",
        "09006-2025-00077", "Juicio ordinario laboral", "traslado", _ME,
        "Textiles del Sur, Sociedad Anónima", Copies.MEMORIAL, 5, read=True,
    ),
    DemoNotification(
        "nt_00de000000000007", "leída", 20, "12:25", "01217", "01217-2025-00233",
        "Recurso de apelación", "admite_apelacion", _ME, "María Fernanda López Pérez",
        read=True,
    ),
    DemoNotification(
        "nt_00de000000000008", "leída", 27, "09:40", "05003", "05003-2025-00918",
        "Juicio ejecutivo", "embargo", _ME, "Transportes Volcán, Sociedad Anónima",
        Copies.ORDER, 1, read=True,
    ),
    DemoNotification(
        "nt_00de000000000009", "leída", 35, "15:55", "01024", "01024-2024-01877",
        "Juicio sumario", "memorial", _ME, "Arrendadora El Roble, Sociedad Anónima", read=True,
    ),
    DemoNotification(
        "nt_00de00000000000a", "leída", 44, "11:05", "09006", "09006-2025-00077",
        "Juicio ordinario laboral", "excepciones", _ME, "Textiles del Sur, Sociedad Anónima",
        read=True,
    ),
    DemoNotification(
        "nt_00de00000000000b", "leída", 58, "08:15", "05003", "05003-2025-00918",
        "Juicio ejecutivo", "tramite", _ME, "Transportes Volcán, Sociedad Anónima",
        Copies.DEMAND, 12, read=True,
    ),
    DemoNotification(
        "nt_00de00000000000c", "leída", 73, "13:30", "01024", "01024-2024-01877",
        "Juicio sumario", "tramite", _ME, "Arrendadora El Roble, Sociedad Anónima",
        Copies.DEMAND, 16, read=True,
    ),
)  # fmt: skip
DEMO_OWNER = DEMO_ACCOUNT.dpi

# --- schema and seed ------------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS mailbox_notifications (
    pk            INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    owner_dpi     TEXT NOT NULL,   -- the box's holder: the DPI of the account that reads it
    deposited_at  TEXT NOT NULL,   -- ISO, always -06:00: text order is time order
    court_id      TEXT NOT NULL,
    case_number   TEXT NOT NULL,
    proceeding    INTEGER NOT NULL,  -- mailbox_data.PROCEEDINGS by position
    template      INTEGER NOT NULL,  -- mailbox_data.TEMPLATES by position, from 1
    resolution_on TEXT NOT NULL,
    actor         TEXT NOT NULL,   -- initials only
    defendant     TEXT NOT NULL,   -- initials only
    hearing_at    TEXT,
    copies        INTEGER NOT NULL,  -- mailbox_data.Copies
    pages         INTEGER NOT NULL,
    read_at       TEXT
);
CREATE INDEX IF NOT EXISTS mailbox_by_owner
    ON mailbox_notifications(owner_dpi, deposited_at);
CREATE INDEX IF NOT EXISTS mailbox_unread
    ON mailbox_notifications(owner_dpi) WHERE read_at IS NULL
"""
_COLUMNS = (
    "id, owner_dpi, deposited_at, court_id, case_number, proceeding, template, resolution_on, "
    "actor, defendant, hearing_at, copies, pages, read_at"
)
_WIDTH = 15  # with pk, which the seeder leaves to SQLite (None)
_INSERT = (
    f"INSERT INTO mailbox_notifications({_COLUMNS}) "  # noqa: S608 - fixed fragments
    f"VALUES ({','.join('?' * 14)})"
)

BOXES = 800  # [A] boxes with notifications (lawyers and parties)
SPAN_DAYS = 730  # [A] two years of notifications
OLD_DAYS = 20  # older than this, almost every notification has been read
_OFFICE = tuple(f"T{h:02d}:{m:02d}:00-06:00" for h in range(7, 17) for m in range(0, 60, 5))
_EVENING = tuple(f"T{h:02d}:{m:02d}:00-06:00" for h in range(17, 22) for m in range(0, 60, 5))
_SLOTS = ("T08:00:00-06:00", "T09:00:00-06:00", "T10:30:00-06:00", "T11:30:00-06:00",
          "T14:00:00-06:00", "T15:00:00-06:00")  # fmt: skip
_GUATEMALA = 1


def seed_notifications(
    conn: sqlite3.Connection, rng: random.Random, anchor: date, *, boxes: int = BOXES
) -> None:
    """``boxes`` boxes of seeded persons (the demo persons' excepted), and their notifications
    over the ``SPAN_DAYS`` before the anchor. The demo box is written by ``refresh_demo``."""
    demo = {person.dpi for person in DEMO_PERSONS}
    persons = [
        (dpi, department)
        for dpi, department in conn.execute("SELECT dpi, department FROM persons ORDER BY dpi")
        if dpi not in demo
    ]
    seeder = _Seeder(rng, anchor)
    for dpi, department in rng.sample(persons, min(volume(boxes), len(persons))):
        seeder.box(dpi, department)
    insert_rows(conn, "mailbox_notifications", _WIDTH, seeder.rows)


class _Seeder:
    """The table's rows as one flat list (one value after another), box by box."""

    def __init__(self, rng: random.Random, anchor: date) -> None:
        self.rng = rng
        # nothing deposited on the seeding day itself: never ahead of the sandbox's clock
        self.last = anchor.toordinal() - 1
        self.first = self.last - SPAN_DAYS
        self.iso = {
            day: date.fromordinal(day).isoformat() for day in range(self.first - 5, self.last + 60)
        }
        self.people = People(rng)
        self.rows: list[object] = []
        self.taken = {int(d.id[3:], 16) for d in DEMO_NOTIFICATIONS}
        weights = {code: share for code, (share, _maya) in DEPARTMENT_WEIGHTS.items()}
        self.departments = Weighted(list(weights), list(weights.values()))

    def box(self, dpi: str, home: int) -> None:
        draw = self.rng.random()
        # [A] most boxes are a party's or a small practice's; a few are busy law offices
        cases = (
            1 + int(self.rng.random() * 5)
            if draw < 0.7
            else 6 + int(self.rng.random() * 25)
            if draw < 0.95
            else 40 + int(self.rng.random() * 80)
        )
        for _ in range(cases):
            self.case(dpi, home)

    def case(self, dpi: str, home: int) -> None:
        rng = self.rng
        draw = rng.random()
        department = (
            home if draw < 0.65 else _GUATEMALA if draw < 0.9 else self.departments.pick(rng)
        )
        found = data.COURTS[department].pick(rng)
        matter = found.matters[int(rng.random() * len(found.matters))]
        start = self.first + int(rng.random() * (self.last - self.first))
        year = date.fromordinal(start).year
        busy = 3000 if department == _GUATEMALA else 900
        number = f"{found.court.id}-{year}-{1 + int(rng.random() * busy):05d}"
        paz = found.court.kind is CourtKind.PAZ
        if found.appeal:
            proceeding, steps = data.APPEAL, data.APPEAL_STEPS
        else:
            options = data.BY_MATTER[(matter, paz)]
            proceeding = options[int(rng.random() * len(options))]
            middle = data.MIDDLE
            steps = data.OPENING + tuple(
                middle[int(rng.random() * len(middle))] for _ in range(int(rng.random() * 7))
            )
            if rng.random() < 0.25:
                steps += (data.ENDING[int(rng.random() * len(data.ENDING))],)
        maya = DEPARTMENT_WEIGHTS[department][1]
        actor = initials(self.people.person(maya))
        family = matter is Matter.FAMILIA
        defendant = initials(
            self.people.person(maya) if family or rng.random() < 0.5 else self.people.company()
        )
        court_id = found.court.id
        day = start
        for code in steps:
            weekday = (day - 1) % 7  # date.fromordinal(1) is a Monday
            if weekday > 4:
                day += 7 - weekday
            if day > self.last:
                break
            self.notification(dpi, day, court_id, number, proceeding, code, actor, defendant)
            day += 7 + int(rng.random() * 70)

    def notification(
        self, dpi: str, day: int, court_id: str, number: str, proceeding: int, code: int,
        actor: str, defendant: str,
    ) -> None:  # fmt: skip
        rng, iso = self.rng, self.iso
        said = data.template(code)
        hearing = None
        if said.hearing:
            hearing = iso[day + 10 + int(rng.random() * 40)] + _SLOTS[int(rng.random() * 6)]
        copies, pages = said.copies, 0
        if copies is not Copies.NONE:
            at_court = data.ATTACHMENTS[copies][1]
            if at_court and rng.random() < 0.4:  # the holder filed it: no copies for them
                copies = Copies.NONE
            else:
                low, high = data.PAGES[copies]
                pages = low + int(rng.random() * (high - low + 1))
        read_at = None
        age = self.last - day
        if rng.random() < (0.97 if age > OLD_DAYS else 0.45):
            read_day = day + int(rng.random() * 5)
            if read_day <= self.last:
                read_at = iso[read_day] + _EVENING[int(rng.random() * len(_EVENING))]
        while True:
            bits = rng.getrandbits(64)
            if bits not in self.taken:
                self.taken.add(bits)
                break
        self.rows += (
            None, f"nt_{bits:016x}", dpi, iso[day] + _OFFICE[int(rng.random() * len(_OFFICE))],
            court_id, number, proceeding, code, iso[day - int(rng.random() * 3)], actor,
            defendant, hearing, int(copies), pages, read_at,
        )  # fmt: skip


def refresh_demo(conn: sqlite3.Connection, today: date) -> None:
    """The demo box as documented, whatever day it is: deposited relative to ``today``, its
    unread notifications unread again, its hearings in the coming weeks."""
    conn.executemany(
        "DELETE FROM mailbox_notifications WHERE id = ?", [(d.id,) for d in DEMO_NOTIFICATIONS]
    )
    conn.executemany(_INSERT, [_demo_row(demo, today) for demo in DEMO_NOTIFICATIONS])


def _demo_row(demo: DemoNotification, today: date) -> tuple[object, ...]:
    day = _weekday_on_or_before(today - timedelta(days=demo.days_ago))
    deposited = datetime.combine(day, time.fromisoformat(demo.at), GUATEMALA)
    hearing = None
    if demo.hearing is not None:
        days, slot = demo.hearing
        when = today + timedelta(days=days)
        when += timedelta(days=max(0, 7 - when.weekday()) if when.weekday() > 4 else 0)
        hearing = datetime.combine(when, time.fromisoformat(slot), GUATEMALA).isoformat()
    read_at = (deposited + timedelta(hours=8)).isoformat() if demo.read else None
    return (
        demo.id, DEMO_OWNER, deposited.isoformat(), demo.court, demo.case_number,
        data.PROCEEDINGS.index(demo.proceeding), data.CODES[demo.template],
        (day - timedelta(days=1)).isoformat(), initials(demo.actor), initials(demo.defendant),
        hearing, int(demo.copies), demo.pages, read_at,
    )  # fmt: skip


def _weekday_on_or_before(day: date) -> date:
    return day - timedelta(days=max(0, day.weekday() - 4))


# --- routes ---------------------------------------------------------------------------------------

router = APIRouter(tags=["casillero electrónico"])
#: a visitor pages and opens a few dozen a visit; many more is a script walking a box
_reads = RateLimiter(60, 60.0)
_ID_PATTERN = re.compile(api.NOTIFICATION_ID)
_DEPARTMENTS = {department.code: department.name for department in DEPARTMENTS}
_SUMMARY = "id, deposited_at, court_id, case_number, template, copies, read_at"
_NEWEST_FIRST = "ORDER BY deposited_at DESC, pk DESC LIMIT ?"
# Every query names the box (owner_dpi): all are index lookups within one box (a test says so).
COUNT_SQL = "SELECT COUNT(*) FROM mailbox_notifications WHERE owner_dpi = ?"
UNREAD_SQL = COUNT_SQL + " AND read_at IS NULL"
FIRST_PAGE_SQL = (
    f"SELECT {_SUMMARY} FROM mailbox_notifications "  # noqa: S608 - fixed fragments
    f"WHERE owner_dpi = ? {_NEWEST_FIRST}"
)
NEXT_PAGE_SQL = (
    f"SELECT {_SUMMARY} FROM mailbox_notifications "  # noqa: S608 - fixed fragments
    f"WHERE owner_dpi = ? AND (deposited_at, pk) < (?, ?) {_NEWEST_FIRST}"
)
CURSOR_SQL = "SELECT deposited_at, pk FROM mailbox_notifications WHERE id = ? AND owner_dpi = ?"
DETAIL_SQL = "SELECT * FROM mailbox_notifications WHERE id = ? AND owner_dpi = ?"
MARK_READ_SQL = (
    "UPDATE mailbox_notifications SET read_at = ? "
    "WHERE id = ? AND owner_dpi = ? AND read_at IS NULL"
)
NotificationPath = Annotated[
    str, Path(pattern=api.NOTIFICATION_ID, description="from the box's list")
]


def _session_required() -> ApiProblem:
    return ApiProblem(
        401, "session_required", "Ingrese con su cuenta del portal para ver su casillero."
    )


def _not_found() -> ApiProblem:
    # the same for an id that does not exist and for another account's: it tells nothing
    return ApiProblem(404, "notification_not_found", "Esa notificación no está en su casillero.")


@router.get("/mailbox/notifications", response_model=api.NotificationPage)
def list_notifications(
    request: Request,
    state: State,
    kiosk: KioskId,
    limit: Annotated[int, Query(ge=1, le=api.PAGE_LIMIT_MAX)] = api.PAGE_LIMIT_DEFAULT,
    cursor: Annotated[str | None, Query(max_length=40, description="opaque")] = None,
) -> api.NotificationPage:
    """The account's box, newest first: a page of notifications, how many in all and how many
    were never read."""
    account = visitor_account(request, state.db, kiosk)
    if account is None:
        raise _session_required()
    _reads.check(kiosk)
    owner = account["dpi"]
    conn = state.db.connection()
    if cursor is None:
        rows = conn.execute(FIRST_PAGE_SQL, (owner, limit + 1)).fetchall()
    else:
        after = (
            conn.execute(CURSOR_SQL, (cursor, owner)).fetchone()
            if _ID_PATTERN.match(cursor)
            else None
        )
        if after is None:  # not an id of this box: nothing to go on from
            detail = "La página pedida no es válida."
            raise ApiProblem(422, "cursor_invalid", detail, field="cursor")
        params = (owner, after["deposited_at"], after["pk"], limit + 1)
        rows = conn.execute(NEXT_PAGE_SQL, params).fetchall()
    total = conn.execute(COUNT_SQL, (owner,)).fetchone()[0]
    unread = conn.execute(UNREAD_SQL, (owner,)).fetchone()[0]
    items = [_summary(row) for row in rows[:limit]]
    more = len(rows) > limit  # the cursor is the last id served
    return api.NotificationPage(
        items=items, total=total, unread=unread, next_cursor=items[-1].id if more else None
    )


@router.get("/mailbox/notifications/{notification_id}", response_model=api.Notification)
def get_notification(
    notification_id: NotificationPath, request: Request, state: State, kiosk: KioskId
) -> api.Notification:
    """One notification of the account's box, as it is (reading it here marks nothing)."""
    account = visitor_account(request, state.db, kiosk)
    if account is None:
        raise _session_required()
    _reads.check(kiosk)
    row = state.db.one(DETAIL_SQL, (notification_id, account["dpi"]))
    if row is None:
        raise _not_found()
    return _notification(row)


@router.put("/mailbox/notifications/{notification_id}/read", response_model=api.Notification)
def mark_read(
    notification_id: NotificationPath, request: Request, state: State, kiosk: KioskId
) -> api.Notification:
    """Read: the first reading is kept (at the portal or at any kiosk); again, the same answer.
    It changes no deadline: a notification counts from when it was deposited."""
    account = visitor_account(request, state.db, kiosk)
    if account is None:
        raise _session_required()
    _reads.check(kiosk)
    owner = account["dpi"]
    with state.db.transaction() as conn:
        conn.execute(MARK_READ_SQL, (now().isoformat(), notification_id, owner))
        row = conn.execute(DETAIL_SQL, (notification_id, owner)).fetchone()
    if row is None:
        raise _not_found()
    return _notification(row)


def _summary(row: sqlite3.Row) -> api.NotificationSummary:
    copies = Copies(row["copies"])
    return api.NotificationSummary(
        id=row["id"],
        deposited_at=datetime.fromisoformat(row["deposited_at"]),
        court_id=row["court_id"],
        court_name=find_court(row["court_id"]).name,
        case_number=row["case_number"],
        kind=data.template(row["template"]).kind,
        read=row["read_at"] is not None,
        copies_at_court=copies is not Copies.NONE and data.ATTACHMENTS[copies][1],
    )


def _notification(row: sqlite3.Row) -> api.Notification:
    said = data.template(row["template"])
    hearing = row["hearing_at"]
    day = ""
    if hearing is not None:
        at = datetime.fromisoformat(hearing)
        day = f"{formats.day(at)} a las {formats.clock(at)} horas"
    attachments = []
    copies = Copies(row["copies"])
    if copies is not Copies.NONE:
        description, at_court = data.ATTACHMENTS[copies]
        attachments.append(
            api.Attachment(description=description, pages=row["pages"], at_court=at_court)
        )
    court = find_court(row["court_id"])
    read_at = row["read_at"]
    return api.Notification(
        id=row["id"],
        deposited_at=datetime.fromisoformat(row["deposited_at"]),
        read_at=datetime.fromisoformat(read_at) if read_at is not None else None,
        court_id=court.id,
        court_name=court.name,
        department=_DEPARTMENTS[court.department],
        case_number=row["case_number"],
        proceeding=data.PROCEEDINGS[row["proceeding"]],
        kind=said.kind,
        resolution_on=date.fromisoformat(row["resolution_on"]),
        text=said.text.format(actor=row["actor"], defendant=row["defendant"], day=day),
        attachments=attachments,
    )


SERVICE = SandboxService(
    name="casillero-electronico",
    router=router,
    schema=SCHEMA,
    tables=("mailbox_notifications",),
    seed=seed_notifications,
    seed_version="1",
    refresh=refresh_demo,
)
