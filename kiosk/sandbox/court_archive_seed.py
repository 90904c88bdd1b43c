"""The Archivo de Tribunales' seed: archived cases from 1960 to the anchor in every department, on
the courts of ``kiosk.courts``, with the numbers their courts wrote (per-court book numbers
before 2006, sometimes with the clerk's desk; SGT numbers since), and a history of requests.

Rows are built as flat lists (one value after another) and go in with ``insert_rows``; parties
are stored with full names, as a court file holds them, and only ever served as initials.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from kiosk.case_numbers import SGT_SINCE
from kiosk.identity import dpi_check_digit
from kiosk.portal.models.court_archive import (
    REQUESTABLE,
    ArchivePartyRole,
    ArchiveProcess,
    ArchiveRequestKind,
    ArchiveStatus,
    cost,
)
from kiosk.sandbox import court_archive_data as data
from kiosk.sandbox.bulk import insert_rows
from kiosk.sandbox.court_archive_demo import DEMO_CASES, DemoArchiveCase
from kiosk.sandbox.people import People, Weighted
from kiosk.sandbox.services import volume

CASE_COLUMNS = 18
REQUEST_COLUMNS = 15
#: [A] the requests made before the kiosks: at the archive's own window
WINDOW = "ventanilla"
_ACTOR, _DEMANDADO = ArchivePartyRole.ACTOR, ArchivePartyRole.DEMANDADO
_ROLE = {role: f"{role.value}\t" for role in ArchivePartyRole}
_STATE = "Ministerio Público"
#: the proceedings the Ministerio Público brings (a reserved matter's process is its matter)
_PROSECUTED = frozenset(
    {ArchiveProcess.PENAL_COMUN.value, ArchiveProcess.FALTAS.value, "sexual", "femicidio"}
)
_KINDS = Weighted(list(ArchiveRequestKind), [45, 35, 20])
# when a record last changed, on its state's day: office hours
_TIMES = tuple(f"T{h:02d}:{m:02d}:00-06:00" for h in range(8, 16) for m in range(0, 60, 5))


def seed_archive(
    conn: sqlite3.Connection, rng: random.Random, anchor: date, *, total: int = data.TOTAL_CASES
) -> None:
    """``total`` archived cases (at the sandbox's volume), the demo records and past requests."""
    seeder = _Seeder(rng, anchor)
    seeder.cases(volume(total))
    for demo in DEMO_CASES:
        seeder.demo(demo, anchor)
    insert_rows(conn, "archive_cases", CASE_COLUMNS, seeder.rows)
    insert_rows(conn, "archive_requests", REQUEST_COLUMNS, seeder.requests(anchor))


def demo_since(demo: DemoArchiveCase, today: date) -> str:
    """The demo's state date: a fixed day, or ``today-N`` kept N days before today."""
    if demo.since.startswith("today-"):
        return (today - timedelta(days=int(demo.since.removeprefix("today-")))).isoformat()
    return demo.since


class _Seeder:
    def __init__(self, rng: random.Random, anchor: date) -> None:
        self.rng = rng
        self.anchor = anchor
        self.people = People(rng)
        self.rows: list[object] = []
        self.ids: list[int] = []
        self.count = 0
        self.requestable: list[tuple[int, int]] = []  # (pk, folios) of files that can be copied
        first = date(data.FIRST_YEAR, 1, 1).toordinal()
        self.iso = [
            date.fromordinal(day).isoformat() for day in range(first, anchor.toordinal() + 1)
        ]
        self.first = first
        self.jan1 = {y: date(y, 1, 1).toordinal() for y in range(data.FIRST_YEAR, anchor.year + 3)}
        # the clerk's desks (Of.) whose book numbers a court wrote; 0: it numbered without them
        self.desks = {
            court.id: 2 + int(rng.random() * 3) if rng.random() < 0.6 else 0
            for courts in data.COURTS_BY_DEPARTMENT.values()
            for court in courts.items
        }
        self.taken = {(d.court, d.number.partition(" Of.")[0]) for d in DEMO_CASES}

    def cases(self, total: int) -> None:
        rng, last = self.rng, self.anchor.year
        years = Weighted(
            list(range(data.FIRST_YEAR, last + 1)),
            [data.year_weight(year, last) for year in range(data.FIRST_YEAR, last + 1)],
        )
        courts = data.SENDING_COURTS
        filings = [(courts.pick(rng), years.pick(rng)) for _ in range(total)]
        filings.sort(key=lambda filing: (filing[0].id, filing[1]))  # in number order
        ids: set[int] = set()
        while len(ids) < total + len(DEMO_CASES):
            ids.add(rng.getrandbits(64))
        self.ids = sorted(ids)
        sequence: dict[tuple[str, int, int], int] = {}
        taken = self.taken
        for court, year in filings:
            court_id = court.id
            desks = self.desks[court_id] if year < SGT_SINCE else 0
            desk = 1 + int(rng.random() * desks) if desks else 0
            key = (court_id, year, desk)
            while True:  # a sequence with the gaps of the files still open, or lost to time
                seq = sequence[key] = sequence.get(key, 0) + 1 + int(rng.random() * court.gap)
                # canonical, as kiosk.case_numbers writes it (a test parses every one back)
                base = f"{court_id}-{year}-{seq:05d}" if year >= SGT_SINCE else f"{seq}-{year}"
                if (court_id, base) not in taken:
                    break
            self.case(court, f"{base} Of. {desk}" if desk else base, year)

    def case(self, court: data.ArchiveCourt, number: str, year: int) -> None:
        rng, anchor_year = self.rng, self.anchor.year
        matter = court.matters.pick(rng)
        if matter == "femicidio" and year < data.FEMICIDE_COURTS_SINCE:
            matter = "penal"  # before its own courts, such a case went to an ordinary one
        process = data.process_of(matter, court.kind, rng)
        span = int(rng.random() ** 2 * 9)  # most cases end within a year or two
        year_to = min(year + span, anchor_year)
        folios = 8 + int(rng.random() ** 2.5 * 900) + int(rng.random() * 40)
        status = data.status_of(year_to, anchor_year, rng)
        since = self.since(status, year_to)
        acta = None
        if status in (ArchiveStatus.DESTRUIDO, ArchiveStatus.EXTRAVIADO):
            acta = 1 + int(rng.random() * 60)
        people, maya = self.people, data.MAYA[court.department]
        if process in _PROSECUTED:
            actor = _STATE
        elif rng.random() < 0.3 and matter != "familia":
            actor = people.company()
        else:
            actor = people.person(maya)
        defendant = people.person(maya)
        parties = f"{_ROLE[_ACTOR]}{actor}\n{_ROLE[_DEMANDADO]}{defendant}"
        place = (
            1 + int(rng.random() * 60),
            1 + int(rng.random() * 9999),
            1 + int(rng.random() * 20),
        )
        self.add(court.id, number, matter, process, year, year_to, folios, status, since, place,
                 acta, parties)  # fmt: skip

    def since(self, status: ArchiveStatus, year_to: int) -> str:
        """The day the file reached its state (a working day)."""
        rng, anchor, jan1 = self.rng, self.anchor.toordinal(), self.jan1
        if status is ArchiveStatus.PRESTADO:
            day = anchor - 1 - int(rng.random() * 120)
        elif status is ArchiveStatus.DIGITALIZACION:
            day = anchor - 1 - int(rng.random() * 60)
        elif status is ArchiveStatus.TRASLADADO:
            day = jan1[1995 + int(rng.random() * 15)] + int(rng.random() * 360)
        elif status in (ArchiveStatus.DESTRUIDO, ArchiveStatus.EXTRAVIADO):
            # an expurgo waits ten years after the end; a loss is found any time after it
            low = max(year_to + (10 if status is ArchiveStatus.DESTRUIDO else 1), 1985)
            high = max(low, self.anchor.year)
            day = jan1[low + int(rng.random() * (high - low + 1))] + int(rng.random() * 360)
        else:  # archived (or kept by its court) within the year after it ended
            day = jan1[year_to] + int(rng.random() * 400)
        day = min(max(day, self.first), anchor)
        weekday = (day - 1) % 7  # ordinal 1 was a Monday
        if weekday > 4:
            day -= weekday - 4
        return self.iso[day - self.first]

    def add(
        self, court_id: str, number: str, matter: str, process: str, year: int, year_to: int,
        folios: int, status: ArchiveStatus, since: str, place: tuple[int, int, int],
        acta: int | None, parties: str,
    ) -> None:  # fmt: skip
        pk = self.count = self.count + 1
        reserved = 1 if matter in data.RESERVED else 0
        if not reserved and status in REQUESTABLE:
            self.requestable.append((pk, folios))
        at = _TIMES[int(self.rng.random() * len(_TIMES))]
        # StrEnum members bind as their text
        self.rows += (
            pk, f"ac_{self.ids[pk - 1]:016x}", court_id, number, matter, process, reserved, year,
            year_to, folios, status, since, *place, acta, parties, since + at,
        )  # fmt: skip

    def demo(self, demo: DemoArchiveCase, anchor: date) -> None:
        parties = "\n".join(_ROLE[role] + name for role, name in demo.parties)
        self.add(demo.court, demo.number, demo.matter, demo.process, *demo.years, demo.folios,
                 demo.status, demo_since(demo, anchor), demo.place, demo.acta, parties)  # fmt: skip

    def requests(self, anchor: date) -> list[object]:
        """Requests made before the anchor: the years before it, and this one pro rata."""
        rng, people = self.rng, self.people
        rows: list[object] = []
        per_year = volume(data.REQUESTS_PER_YEAR)
        pk = 0
        tariff, calendar = data.TARIFF, data.working_days("central")
        for year in range(anchor.year - 2, anchor.year + 1):
            first = date(year, 1, 1)
            days = min((anchor - first).days + 1, 365)
            made = sorted(int(rng.random() * days) for _ in range(round(per_year * days / 365)))
            for sequence, offset in enumerate(made, start=1):
                case_pk, folios = self.requestable[int(rng.random() * len(self.requestable))]
                kind = _KINDS.pick(rng)
                item = tariff.item(kind)
                span = (1, folios) if kind is not ArchiveRequestKind.CONSTANCIA else None
                amount = cost(item, folios if span else 0, tariff.pages_per_folio)
                on = first + timedelta(days=offset)
                words = people.person(0.2).split()
                pk += 1
                rows += (
                    pk, f"AGT-{year}-{sequence:06d}", case_pk, kind,
                    *(span or (None, None)), f"{amount:.2f}",
                    " ".join(words[:-2]), " ".join(words[-2:]), self.dpi(),
                    f"{3 + int(rng.random() * 3)}{int(rng.random() * 10**7):07d}", None,
                    calendar.add(on, item.working_days).isoformat(),
                    f"{on.isoformat()}T10:00:00-06:00", WINDOW,
                )  # fmt: skip
        return rows

    def dpi(self) -> str:
        """A valid DPI of the capital (the requester's; stored as the portal would)."""
        while True:
            serial = f"{int(self.rng.random() * 10**8):08d}"
            check = dpi_check_digit(serial)
            if check is not None:
                return f"{serial}{check}01{1 + int(self.rng.random() * 17):02d}"
